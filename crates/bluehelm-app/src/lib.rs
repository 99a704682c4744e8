//! Bluehelm's use cases, free of HTTP: each one policy check, store calls inside one audited
//! write transaction, and domain values out. The JSON API and the web pages both call them,
//! so a rule holds the same whichever adapter is used; denied attempts are audited here,
//! once, for both.
//!
//! Errors are [`AppError`]: what happened (not found, forbidden, invalid with the fields at
//! fault, conflict), never how to say it over HTTP. Heavy work (the planner, Argon2,
//! spreadsheets) runs through [`blocking::run`], off the async workers.

pub mod accounts;
pub mod agencies;
pub mod anchor;
pub mod assessments;
pub mod audit;
pub mod blocking;
pub mod catalogue;
pub mod coordination;
pub mod deployments;
pub mod dossiers;
mod error;
pub mod exchange;
pub mod forces;
pub mod i18n;
pub mod inspections;
pub mod lawmaking;
pub mod legal;
pub mod notices;
pub mod outreach;
pub mod package;
pub mod password;
pub mod people;
pub mod planning;
pub mod procedures;
pub mod sessions;
pub mod sheet;
pub mod training;

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::policy::{self, Action, Denied, Owner, Principal, Resource};
use bluehelm_store::{Actor, Store, StoreError};

pub use error::AppError;

/// The caller's identity and the store, for one operation.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub principal: &'a Principal,
}

impl<'a> Ctx<'a> {
    pub fn new(store: &'a Store, principal: &'a Principal) -> Self {
        Self { store, principal }
    }

    fn actor(&self) -> Actor {
        Actor::user(self.principal.user_id, self.principal.agency_id)
    }

    /// Records a refused attempt in the audit trail and turns it into the error to return.
    async fn refuse(&self, denied: Denied, entity_id: Option<String>) -> AppError {
        let detail = serde_json::json!({
            "action": denied.action.as_str(),
            "resource": denied.resource.as_str(),
        });
        if let Err(error) = self
            .store
            .record_event(
                self.actor(),
                AuditAction::PermissionDenied,
                denied.resource.as_str(),
                entity_id,
                Some(detail),
            )
            .await
        {
            return error.into();
        }
        AppError::Forbidden(denied)
    }

    async fn scope(&self, action: Action, resource: Resource) -> Result<policy::Scope, AppError> {
        match policy::scope(self.principal, action, resource) {
            Ok(scope) => Ok(scope),
            Err(denied) => Err(self.refuse(denied, None).await),
        }
    }

    async fn authorize(
        &self,
        action: Action,
        resource: Resource,
        owner: &Owner<'_>,
        entity_id: impl ToString,
    ) -> Result<(), AppError> {
        match policy::authorize(self.principal, action, resource, owner) {
            Ok(()) => Ok(()),
            Err(denied) => Err(self.refuse(denied, Some(entity_id.to_string())).await),
        }
    }
}

/// Whether the caller holds any grant of `action` on `resource`; a refusal is audited. A
/// route asks this before it reads its body, so that a caller without the right is told so
/// (and the attempt recorded) whatever the body holds; the use case then checks the record.
pub async fn permitted(ctx: &Ctx<'_>, action: Action, resource: Resource) -> Result<(), AppError> {
    ctx.scope(action, resource).await.map(drop)
}

/// Turns a unique-constraint refusal into an error on the field that constraint guards.
fn duplicate(field: &'static str, message: &'static str) -> impl FnOnce(StoreError) -> AppError {
    move |error| match error {
        StoreError::Duplicate => AppError::Conflict {
            field: field.to_owned(),
            message: bluehelm_domain::message::Message::new(message),
        },
        other => other.into(),
    }
}

/// Turns a list's `page`, `per_page` and `sort` into the store's terms, or a field error.
pub fn paging(
    page: Option<u32>,
    per_page: Option<u32>,
    sort: Option<&str>,
    allowed: &[(&'static str, &'static str)],
) -> Result<
    (
        bluehelm_domain::listing::Sort,
        bluehelm_domain::listing::PageRequest,
    ),
    AppError,
> {
    let mut checker = bluehelm_domain::validation::Checker::default();
    let page = checker.check(bluehelm_domain::listing::PageRequest::parse(page, per_page));
    let sort = checker.check(bluehelm_domain::listing::Sort::parse(sort, allowed));
    checker.finish()?;
    match (sort, page) {
        (Some(sort), Some(page)) => Ok((sort, page)),
        _ => Err(AppError::field(
            "page",
            "invalid",
            "validation.invalid_paging",
        )),
    }
}
