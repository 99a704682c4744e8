//! Reading and verifying the audit trail. Entries are written only by [`crate::WriteTx`].

use bluehelm_domain::audit::{AuditContent, ChainBreak, ChainVerifier, ChainedEntry, Checkpoint};
use bluehelm_domain::listing::{Page, PageRequest};
use serde::Serialize;
use time::OffsetDateTime;

use crate::conditions::{bind_params, page_sql, Conditions, Param};
use crate::{on_pool, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor_user_id: Option<i64>,
    pub actor_username: Option<String>,
    /// The actor's name and agency, for people reading the trail.
    pub actor_name: Option<String>,
    pub actor_agency_code: Option<String>,
    pub actor_agency_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    /// Set when the reader may not see `before` and `after`, which are then empty.
    #[sqlx(skip)]
    #[serde(skip)]
    pub values_withheld: bool,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_user_id: Option<i64>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
}

/// The outcome of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: u64,
    pub head_seq: i64,
    pub head_hash: String,
}

const VERIFY_BATCH: i64 = 2_000;

impl Store {
    /// The trail, newest first, filtered inside the query.
    pub async fn list_audit(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Page<AuditEntry>> {
        let mut conditions = Conditions::default();
        conditions.add_if("e.actor_user_id = {}", filter.actor_user_id.map(Param::Int));
        conditions.add_if("e.action = {}", filter.action.clone().map(Param::Text));
        conditions.add_if("e.entity = {}", filter.entity.clone().map(Param::Text));
        conditions.add_if(
            "e.entity_id = {}",
            filter.entity_id.clone().map(Param::Text),
        );
        conditions.add_if("e.at >= {}", filter.from.map(Param::Time));
        conditions.add_if("e.at < {}", filter.to.map(Param::Time));
        let condition = conditions.render();
        let count_sql = format!("select count(*) from audit_entry e where {condition}");
        let list_sql = format!(
            "select e.seq, e.at, e.actor_user_id, a.username as actor_username, \
             a.display_name as actor_name, g.code as actor_agency_code, e.actor_agency_id, \
             e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash, e.hash \
             from audit_entry e left join account a on a.id = e.actor_user_id \
             left join agency g on g.id = e.actor_agency_id \
             where {condition} order by e.seq desc {}",
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = bind_params!(sqlx::query_scalar(&count_sql), &conditions.params)
                .fetch_one(&mut *pool).await?;
            let items: Vec<AuditEntry> = bind_params!(sqlx::query_as(&list_sql), &conditions.params)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// The chain's head as a checkpoint signs it, at `at` (seconds since 1970).
    pub async fn audit_head(&self, at: i64) -> Result<Checkpoint> {
        let (seq, hash, keyed_from): (i64, String, Option<i64>) = on_pool!(&self.db, pool => {
            sqlx::query_as("select seq, hash, keyed_from from audit_head where id = 1")
                .fetch_one(pool)
                .await
        })?;
        Ok(Checkpoint {
            seq,
            hash,
            keyed_from,
            at,
        })
    }

    /// When the latest entry of `action` was written, with what it recorded after; `None`
    /// when there is none.
    pub async fn latest_audit_event(
        &self,
        action: bluehelm_domain::audit::AuditAction,
    ) -> Result<Option<(OffsetDateTime, Option<String>)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select at, after from audit_entry where seq = \
                 (select max(seq) from audit_entry where action = $1)",
            )
            .bind(action.as_str())
            .fetch_optional(pool)
            .await
        })?)
    }

    /// Waits for the next commit of a write through this store.
    pub async fn committed(&self) {
        self.commits.notified().await;
    }

    /// Walks the chain from the first entry in batches, with the store's key, and checks it
    /// against the head and the `checkpoints` (whose signatures the caller checked).
    /// `Ok(Err(break))` names the first entry at fault.
    pub async fn verify_audit_chain(
        &self,
        checkpoints: &[Checkpoint],
    ) -> Result<Result<ChainReport, ChainBreak>> {
        let head = self.audit_head(0).await?;
        let mut verifier =
            match ChainVerifier::new((*self.audit_key).clone(), head.keyed_from, checkpoints) {
                Ok(verifier) => verifier,
                Err(broken) => return Ok(Err(broken)),
            };
        let mut after_seq = i64::MIN;
        loop {
            type Row = (
                i64,
                OffsetDateTime,
                Option<i64>,
                Option<i64>,
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                String,
                String,
            );
            let rows: Vec<Row> = on_pool!(&self.db, pool => {
                sqlx::query_as(
                    "select seq, at, actor_user_id, actor_agency_id, action, entity, entity_id, \
                     before, after, prev_hash, hash from audit_entry where seq > $1 order by seq limit $2",
                )
                .bind(after_seq)
                .bind(VERIFY_BATCH)
                .fetch_all(pool)
                .await
            })?;
            let Some(last) = rows.last() else { break };
            after_seq = last.0;
            for row in rows {
                let entry = ChainedEntry {
                    seq: row.0,
                    content: AuditContent {
                        at: row.1,
                        actor_user_id: row.2,
                        actor_agency_id: row.3,
                        action: row.4,
                        entity: row.5,
                        entity_id: row.6,
                        before: row.7,
                        after: row.8,
                    },
                    prev_hash: row.9,
                    hash: row.10,
                };
                if let Err(error) = verifier.check(&entry) {
                    return Ok(Err(error));
                }
            }
        }
        let (head_seq, head_hash) = (head.seq, head.hash);
        Ok(verifier
            .finish(head_seq, &head_hash)
            .map(|entries| ChainReport {
                entries,
                head_seq,
                head_hash,
            }))
    }
}
