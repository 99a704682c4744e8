//! The audit trail as the auditor reads it.

use bluehelm_domain::listing::{Page, PageRequest};
use bluehelm_domain::policy::{Action, Resource};
use bluehelm_store::audit::{AuditEntry, AuditFilter};

use crate::{AppError, Ctx};

pub async fn list_audit(
    ctx: &Ctx<'_>,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    Ok(ctx.store.list_audit(filter, page).await?)
}

/// The account with this user name, for the trail's filter; `None` matches no entry.
pub async fn actor_id(ctx: &Ctx<'_>, username: &str) -> Result<Option<i64>, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    Ok(ctx.store.user_id_by_username(username).await.ok())
}
