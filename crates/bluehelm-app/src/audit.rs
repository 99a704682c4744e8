//! The audit trail as the auditor reads it; the values an entry records only for readers
//! of that kind of record.

use bluehelm_domain::audit::AuditAction;
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

/// The health of the system as its administrators and auditors watch it: the accounts,
/// the last backup, and the audit trail with its last check.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SystemHealth {
    pub accounts: bluehelm_store::account::AccountCounts,
    /// When the last backup was written; `None` when none is recorded.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_backup: Option<time::OffsetDateTime>,
    /// The last backup is older than [`BACKUP_DAYS`] days, or there is none.
    pub backup_overdue: bool,
    /// Entries in the audit trail (its head's sequence number).
    pub audit_entries: i64,
    pub last_check: Option<ChainCheck>,
}

/// One walk of the audit trail and what it found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ChainCheck {
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    /// Entries walked and found intact.
    pub entries: u64,
    /// The first entry at fault; `None` when the trail is intact.
    pub broken_at: Option<i64>,
}

/// A backup older than this many days is flagged.
pub const BACKUP_DAYS: i64 = 7;

pub async fn system_health(ctx: &Ctx<'_>) -> Result<SystemHealth, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    let now = bluehelm_store::now();
    let accounts = ctx.store.account_counts(now).await?;
    let last_backup = ctx
        .store
        .latest_audit_event(AuditAction::Backup)
        .await?
        .map(|(at, _)| at);
    let last_check = ctx
        .store
        .latest_audit_event(AuditAction::ChainChecked)
        .await?
        .and_then(|(_, after)| serde_json::from_str(after.as_deref()?).ok());
    let audit_entries = ctx.store.audit_head(0).await?.seq;
    Ok(SystemHealth {
        accounts,
        backup_overdue: last_backup.is_none_or(|at| now - at > time::Duration::days(BACKUP_DAYS)),
        last_backup,
        audit_entries,
        last_check,
    })
}

/// Walks the whole audit trail with the audit key (each entry's MAC and link, and the head)
/// and records what it found as an entry of its own.
pub async fn check_audit_chain(ctx: &Ctx<'_>) -> Result<ChainCheck, AppError> {
    ctx.scope(Action::Read, Resource::AuditTrail).await?;
    let check = match ctx.store.verify_audit_chain(&[]).await? {
        Ok(report) => ChainCheck {
            at: bluehelm_store::now(),
            entries: report.entries,
            broken_at: None,
        },
        Err(broken) => ChainCheck {
            at: bluehelm_store::now(),
            entries: 0,
            broken_at: Some(broken.seq()),
        },
    };
    ctx.store
        .record_event(
            ctx.actor(),
            AuditAction::ChainChecked,
            "audit_entry",
            None,
            Some(serde_json::to_value(&check).unwrap_or_default()),
        )
        .await?;
    Ok(check)
}
