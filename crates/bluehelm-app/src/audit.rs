//! The audit trail as the auditor reads it; the values an entry records only for readers
//! of that kind of record.

use bluehelm_domain::listing::{Page, PageRequest};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::audit::{AuditEntry, AuditFilter};

use crate::{AppError, Ctx};

pub async fn list_audit(
    ctx: &Ctx<'_>,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    let mut entries = ctx.store.list_audit(filter, page).await?;
    for entry in &mut entries.items {
        if !policy::may_read_audited_values(ctx.principal, &entry.entity) {
            entry.before = None;
            entry.after = None;
            entry.values_withheld = true;
        }
    }
    Ok(entries)
}

/// The account with this user name, for the trail's filter; `None` matches no entry.
pub async fn actor_id(ctx: &Ctx<'_>, username: &str) -> Result<Option<i64>, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    Ok(ctx.store.user_id_by_username(username).await.ok())
}
