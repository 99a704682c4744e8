//! The outbox of notices: a person's record about to expire, a legal document about to
//! end or be replaced. A notice is queued once per recipient, record and lead time (the
//! table's unique key), read in the application, and e-mailed when a mail relay is
//! configured.

use bluehelm_domain::audit::AuditAction;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

/// A notice as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i64,
    /// The person whose record expires; none for a notice about something else.
    pub person_id: Option<i64>,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub given_name: Option<String>,
    /// document, language, qualification or medical: a person's record;
    /// legal_document: a document of the legal registry.
    pub record: String,
    pub record_id: i64,
    /// The document kind, the language, the qualification code; `medical` for fitness;
    /// for a legal document, the status it takes (ended, replaced).
    pub what: String,
    /// A legal document's number as written.
    pub subject: Option<String>,
    /// A qualification's kind by its catalogue names.
    pub what_vi: Option<String>,
    pub what_en: Option<String>,
    /// The day the record expires, or the document ends.
    pub expires_on: Date,
    /// The lead time this notice is for: 90, 30 or 7 days for a record, 180 for a document.
    pub lead_days: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<OffsetDateTime>,
}

impl Notice {
    /// The person's name, for a notice about a person's record.
    pub fn full_name(&self) -> Option<String> {
        Some(bluehelm_domain::person::full_name(
            self.family_name.as_deref()?,
            self.middle_name.as_deref(),
            self.given_name.as_deref()?,
        ))
    }
}

/// A notice waiting for its e-mail, with where and in which language to send it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutgoingNotice {
    #[sqlx(flatten)]
    pub notice: Notice,
    pub email: String,
    pub lang: String,
    /// Attempts so far, for claiming the next one.
    pub email_attempts: i64,
}

/// An account that watches expiries: an agency officer or a medical officer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Watcher {
    pub account_id: i64,
    pub agency_path: String,
    pub role: String,
}

/// A notice to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub account_id: i64,
    pub person_id: Option<i64>,
    pub record: String,
    pub record_id: i64,
    pub what: String,
    pub expires_on: Date,
    pub lead_days: i64,
}

/// E-mail is tried this many times, then the notice stays in the application only.
pub const MAX_EMAIL_ATTEMPTS: i64 = 5;

const NOTICE_COLUMNS: &str = "n.id, n.person_id, p.family_name, p.middle_name, p.given_name, \
     n.record, n.record_id, n.what, \
     (select k.name_vi from qualification_kind k where n.record = 'qualification' and k.code = n.what) as what_vi, \
     (select k.name_en from qualification_kind k where n.record = 'qualification' and k.code = n.what) as what_en, \
     coalesce((select d.number from legal_document d where n.record = 'legal_document' and d.id = n.record_id), \
     (select t.title from task t where n.record = 'task' and t.id = n.record_id)) as subject, \
     n.expires_on, n.lead_days, n.created_at, n.read_at";

impl Store {
    /// Active accounts holding a role that receives expiry notices.
    pub async fn watchers(&self) -> Result<Vec<Watcher>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select a.id as account_id, g.path as agency_path, r.role from account a \
                 join account_role r on r.account_id = a.id join agency g on g.id = a.agency_id \
                 where not a.disabled and r.role in ('agency_officer', 'medical') order by a.id",
            )
            .fetch_all(pool).await
        })?)
    }

    /// Active accounts holding `role`, in order.
    pub async fn accounts_with_role(&self, role: &str) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar(
                "select a.id from account a join account_role r on r.account_id = a.id \
                 where not a.disabled and r.role = $1 order by a.id",
            )
            .bind(role).fetch_all(pool).await
        })?)
    }

    /// The account's notices, newest first; those of medical fitness only with `medical`
    /// (a reader who has left the medical role no longer sees them).
    pub async fn notices(&self, account_id: i64, medical: bool, limit: i64) -> Result<Vec<Notice>> {
        let sql = format!(
            "select {NOTICE_COLUMNS} from notice n left join person p on p.id = n.person_id \
             where n.account_id = $1 and ($2 or n.record <> 'medical') order by n.id desc limit $3"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(account_id).bind(medical).bind(limit).fetch_all(pool).await
        })?)
    }

    pub async fn unread_notices(&self, account_id: i64, medical: bool) -> Result<i64> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar(
                "select count(*) from notice where account_id = $1 and read_at is null \
                 and ($2 or record <> 'medical')",
            )
            .bind(account_id).bind(medical).fetch_one(pool).await
        })?)
    }

    /// Notices not yet e-mailed to accounts that have an address, oldest first.
    pub async fn outgoing_notices(&self, limit: i64) -> Result<Vec<OutgoingNotice>> {
        let sql = format!(
            "select {NOTICE_COLUMNS}, a.email, a.lang, n.email_attempts from notice n left join person p on p.id = n.person_id \
             join account a on a.id = n.account_id \
             where n.emailed_at is null and n.email_attempts < $1 and a.email is not null \
             and not a.disabled order by n.id limit $2"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(MAX_EMAIL_ATTEMPTS).bind(limit).fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    /// Queues the notices not queued before and returns how many were new. One audit entry
    /// covers the batch; the notices themselves are the detail.
    pub async fn queue_notices(&mut self, notices: &[NewNotice]) -> Result<u64> {
        let at = now();
        let mut added = 0;
        let rows_per_statement = (self.values_per_statement() / 8).max(1);
        for chunk in notices.chunks(rows_per_statement) {
            let mut sql = String::from(
                "insert into notice (account_id, person_id, record, record_id, what, expires_on, \
                 lead_days, created_at) values ",
            );
            sql.push_str(&self.value_rows(chunk.len(), 8));
            sql.push_str(" on conflict (account_id, record, record_id, lead_days) do nothing");
            added += on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query(&sql);
                for notice in chunk {
                    query = query
                        .bind(notice.account_id).bind(notice.person_id).bind(&notice.record)
                        .bind(notice.record_id).bind(&notice.what).bind(notice.expires_on)
                        .bind(notice.lead_days).bind(at);
                }
                query.execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        if added > 0 {
            let detail = serde_json::json!({ "queued": added });
            self.audit(
                AuditAction::Create,
                "notice",
                None,
                None::<&()>,
                Some(&detail),
            )
            .await?;
        }
        Ok(added)
    }

    /// Marks the account's notices read (all of them when `id` is `None`).
    pub async fn mark_notices_read(&mut self, account_id: i64, id: Option<i64>) -> Result<u64> {
        let read = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update notice set read_at = $3 where account_id = $1 and read_at is null \
                 and ($2 is null or id = $2)",
            )
            .bind(account_id).bind(id).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if read > 0 {
            let detail = serde_json::json!({ "read": read });
            self.audit(
                AuditAction::Update,
                "notice",
                id.map(|id| id.to_string()),
                None::<&()>,
                Some(&detail),
            )
            .await?;
        }
        Ok(read)
    }

    /// Claims the next attempt to e-mail a notice: false when another process claimed it
    /// (or sent it) since `seen_attempts` was read, so two servers never both send it.
    pub async fn claim_email(&mut self, id: i64, seen_attempts: i64) -> Result<bool> {
        let claimed = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update notice set email_attempts = email_attempts + 1 \
                 where id = $1 and email_attempts = $2 and emailed_at is null",
            )
            .bind(id).bind(seen_attempts).execute(conn).await.map(|done| done.rows_affected())
        })?;
        if claimed == 1 {
            let detail = serde_json::json!({ "email_attempt": seen_attempts + 1 });
            self.audit(
                AuditAction::Update,
                "notice",
                Some(id.to_string()),
                None::<&()>,
                Some(&detail),
            )
            .await?;
        }
        Ok(claimed == 1)
    }

    /// Records that a claimed notice was e-mailed.
    pub async fn mark_emailed(&mut self, id: i64) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update notice set emailed_at = $2 where id = $1")
                .bind(id).bind(now()).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let detail = serde_json::json!({ "emailed": true });
        self.audit(
            AuditAction::Update,
            "notice",
            Some(id.to_string()),
            None::<&()>,
            Some(&detail),
        )
        .await
    }
}
