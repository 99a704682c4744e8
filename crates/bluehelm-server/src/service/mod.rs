//! The operations both the API and the web pages offer, each one policy check, one store
//! call and one audit trail. Denied attempts are audited here, once, for both adapters.

use std::collections::BTreeSet;

use bluehelm_domain::agency::{AgencyDraft, AgencyKind};
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{self, Action, Denied, Owner, Principal, Resource};
use bluehelm_domain::role::Role;
use bluehelm_domain::user::{check_password, parse_email, parse_roles, NewUser};
use bluehelm_domain::validation::{text, Checker};
use bluehelm_domain::Invalid;
use bluehelm_store::account::{ApiToken, User, UserFilter};
use bluehelm_store::agency::{Agency, AgencyFilter};
use bluehelm_store::audit::{AuditEntry, AuditFilter};
use bluehelm_store::{Actor, Store, StoreError};

use crate::auth::{hash_password_blocking, random_token};
use crate::error::AppError;

pub mod catalogue;
pub mod deployments;
pub mod dossiers;
pub mod exchange;
pub mod forces;
pub mod notices;
pub mod people;
pub mod planning;
pub mod training;

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

/// What a user submits for an agency.
#[derive(Debug, Clone, Default)]
pub struct AgencyInput {
    pub code: String,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
}

/// Turns a unique-constraint refusal into an error on the field that constraint guards.
fn duplicate(field: &'static str, message: &'static str) -> impl FnOnce(StoreError) -> AppError {
    move |error| match error {
        StoreError::Duplicate => AppError::Conflict {
            field: field.to_owned(),
            message: message.to_owned(),
        },
        other => other.into(),
    }
}

pub async fn list_agencies(
    ctx: &Ctx<'_>,
    filter: &AgencyFilter,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Agency>, AppError> {
    ctx.scope(Action::Read, Resource::Agency).await?;
    Ok(ctx.store.list_agencies(filter, sort, page).await?)
}

pub async fn all_agencies(ctx: &Ctx<'_>) -> Result<Vec<Agency>, AppError> {
    ctx.scope(Action::Read, Resource::Agency).await?;
    Ok(ctx.store.all_agencies().await?)
}

pub async fn agency(ctx: &Ctx<'_>, id: i64) -> Result<Agency, AppError> {
    let agency = ctx.store.agency(id).await?;
    let owner = agency.owner_path();
    ctx.authorize(
        Action::Read,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(agency)
}

pub async fn create_agency(ctx: &Ctx<'_>, input: &AgencyInput) -> Result<Agency, AppError> {
    let draft = AgencyDraft::parse(
        &input.code,
        &input.kind,
        &input.name_vi,
        &input.name_en,
        input.parent_id,
    )?;
    let parent = match draft.parent_id {
        Some(id) => Some(ctx.store.agency(id).await.map_err(|error| match error {
            StoreError::NotFound => {
                AppError::field("parent_id", "not_found", "no agency has this id")
            }
            other => other.into(),
        })?),
        None => None,
    };
    draft.check_parent(parent.as_ref().and_then(Agency::kind))?;
    let parent_path = parent.as_ref().map(Agency::path);
    ctx.authorize(
        Action::Create,
        Resource::Agency,
        &Owner {
            agency: parent_path.as_ref(),
            user_id: None,
        },
        "new",
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let agency = tx
        .create_agency(&draft)
        .await
        .map_err(duplicate("code", "another agency already has this code"))?;
    tx.commit().await?;
    Ok(agency)
}

pub async fn update_agency(
    ctx: &Ctx<'_>,
    id: i64,
    input: &AgencyInput,
) -> Result<Agency, AppError> {
    let current = ctx.store.agency(id).await?;
    let owner = current.owner_path();
    ctx.authorize(
        Action::Update,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    let draft = AgencyDraft::parse(
        &input.code,
        &input.kind,
        &input.name_vi,
        &input.name_en,
        current.parent_id,
    )?;
    let parent_kind = match current.parent_id {
        Some(parent) => ctx.store.agency(parent).await?.kind(),
        None => None,
    };
    draft.check_parent(parent_kind)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let agency = tx
        .update_agency(id, &draft)
        .await
        .map_err(duplicate("code", "another agency already has this code"))?;
    tx.commit().await?;
    Ok(agency)
}

pub async fn delete_agency(ctx: &Ctx<'_>, id: i64) -> Result<(), AppError> {
    let current = ctx.store.agency(id).await?;
    let owner = current.owner_path();
    ctx.authorize(
        Action::Delete,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.delete_agency(id).await.map_err(|error| match error {
        StoreError::InUse => AppError::Conflict {
            field: "id".to_owned(),
            message: "the agency still has sub-agencies or users".to_owned(),
        },
        other => other.into(),
    })?;
    tx.commit().await?;
    Ok(())
}

pub async fn list_users(
    ctx: &Ctx<'_>,
    filter: &UserFilter,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<User>, AppError> {
    let scope = ctx.scope(Action::Read, Resource::User).await?;
    Ok(ctx.store.list_users(&scope, filter, sort, page).await?)
}

pub async fn user(ctx: &Ctx<'_>, id: i64) -> Result<User, AppError> {
    let (user, path) = ctx.store.user(id).await?;
    ctx.authorize(
        Action::Read,
        Resource::User,
        &Owner {
            agency: Some(&path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    Ok(user)
}

/// What an administrator submits for a new account.
#[derive(Debug, Clone, Default)]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub agency_id: i64,
    pub roles: Vec<String>,
    pub password: String,
}

/// The agency a form names by its code, or an error on `field`.
async fn agency_by_code(ctx: &Ctx<'_>, field: &str, code: &str) -> Result<Agency, AppError> {
    match ctx.store.agency_by_code(&code.trim().to_uppercase()).await {
        Ok(agency) => Ok(agency),
        Err(StoreError::NotFound) => Err(AppError::field(
            field,
            "not_found",
            "no agency has this code",
        )),
        Err(other) => Err(other.into()),
    }
}

async fn agency_path_for(
    ctx: &Ctx<'_>,
    agency_id: i64,
) -> Result<bluehelm_domain::agency::AgencyPath, AppError> {
    match ctx.store.agency(agency_id).await {
        Ok(agency) => Ok(agency.path()),
        Err(StoreError::NotFound) => Err(AppError::field(
            "agency_id",
            "not_found",
            "no agency has this id",
        )),
        Err(other) => Err(other.into()),
    }
}

pub async fn create_user(ctx: &Ctx<'_>, input: &NewUserInput) -> Result<User, AppError> {
    let new = NewUser::parse(
        &input.username,
        &input.display_name,
        &input.email,
        input.agency_id,
        input.roles.iter().map(String::as_str),
        &input.password,
    )?;
    let path = agency_path_for(ctx, new.agency_id).await?;
    ctx.authorize(
        Action::Create,
        Resource::User,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        "new",
    )
    .await?;
    let hash = hash_password_blocking(input.password.clone()).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_user(&new, &hash).await.map_err(duplicate(
        "username",
        "another account already has this user name",
    ))?;
    tx.commit().await?;
    Ok(ctx.store.user(id).await?.0)
}

/// What an administrator may change of an account.
#[derive(Debug, Clone, Default)]
pub struct UserUpdate {
    pub display_name: String,
    pub email: String,
    pub agency_id: i64,
    pub roles: Vec<String>,
    pub disabled: bool,
}

pub async fn update_user(ctx: &Ctx<'_>, id: i64, input: &UserUpdate) -> Result<User, AppError> {
    let (_, current_path) = ctx.store.user(id).await?;
    ctx.authorize(
        Action::Update,
        Resource::User,
        &Owner {
            agency: Some(&current_path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    let mut checker = Checker::default();
    let display_name = checker.check(text("display_name", &input.display_name, 200));
    let email = checker.check(parse_email(&input.email));
    let roles = checker.check(parse_roles(input.roles.iter().map(String::as_str)));
    checker.finish()?;
    let (Some(display_name), Some(email), Some(roles)) = (display_name, email, roles) else {
        return Err(AppError::field("display_name", "invalid", "invalid user"));
    };
    if id == ctx.principal.user_id
        && (input.disabled || !roles.contains(&Role::Admin))
        && ctx.principal.has(Role::Admin)
    {
        return Err(AppError::field(
            "roles",
            "self_lockout",
            "you cannot remove your own admin role or disable yourself",
        ));
    }
    let new_path = agency_path_for(ctx, input.agency_id).await?;
    ctx.authorize(
        Action::Update,
        Resource::User,
        &Owner {
            agency: Some(&new_path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_user(
        id,
        &display_name,
        email.as_deref(),
        input.agency_id,
        &roles,
        input.disabled,
    )
    .await?;
    tx.commit().await?;
    Ok(ctx.store.user(id).await?.0)
}

/// Sets a user's password: an administrator for anyone, a user for themselves.
pub async fn set_password(ctx: &Ctx<'_>, id: i64, password: &str) -> Result<(), AppError> {
    let (_, path) = ctx.store.user(id).await?;
    if id != ctx.principal.user_id {
        ctx.authorize(
            Action::Update,
            Resource::User,
            &Owner {
                agency: Some(&path),
                user_id: Some(id),
            },
            id,
        )
        .await?;
    }
    check_password(password).map_err(|error| Invalid(vec![error]))?;
    let hash = hash_password_blocking(password.to_owned()).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_password(id, &hash).await?;
    tx.commit().await?;
    Ok(())
}

/// Every signed-in user may choose their own language.
pub async fn set_language(ctx: &Ctx<'_>, lang: Lang) -> Result<(), AppError> {
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_language(ctx.principal.user_id, lang).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list_audit(
    ctx: &Ctx<'_>,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    Ok(ctx.store.list_audit(filter, page).await?)
}

/// A new API token for the caller; the secret is returned once and stored only hashed.
pub async fn create_api_token(ctx: &Ctx<'_>, name: &str) -> Result<(ApiToken, String), AppError> {
    let name = text("name", name, 100).map_err(|error| Invalid(vec![error]))?;
    let secret = format!("bh_{}", random_token());
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let token = tx
        .create_api_token(ctx.principal.user_id, &name, &secret)
        .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn api_tokens(ctx: &Ctx<'_>) -> Result<Vec<ApiToken>, AppError> {
    Ok(ctx.store.api_tokens(ctx.principal.user_id).await?)
}

/// Revokes one of the caller's tokens (an administrator may revoke anyone's).
pub async fn revoke_api_token(ctx: &Ctx<'_>, id: i64) -> Result<ApiToken, AppError> {
    let token = ctx.store.api_token(id).await?;
    if token.account_id != ctx.principal.user_id {
        let (_, path) = ctx.store.user(token.account_id).await?;
        let owner = Owner {
            agency: Some(&path),
            user_id: Some(token.account_id),
        };
        ctx.authorize(Action::Update, Resource::User, &owner, token.account_id)
            .await?;
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let token = tx.revoke_api_token(id).await?;
    tx.commit().await?;
    Ok(token)
}

/// Roles an administrator can grant, for forms.
pub fn grantable_roles() -> BTreeSet<Role> {
    Role::ALL.into_iter().collect()
}

/// Agency kinds, for forms.
pub fn agency_kinds() -> [AgencyKind; 4] {
    AgencyKind::ALL
}
