//! The write transaction: every change and its audit entry commit together.

use std::sync::Arc;

use bluehelm_domain::audit::{entry_hash, AuditAction, AuditContent, AuditKey};
use serde::Serialize;

use crate::{now, on_pool, on_tx, Result, Store, Tx};

/// Who writes: a user and their agency, or the system itself (both `None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub agency_id: Option<i64>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor {
        user_id: None,
        agency_id: None,
    };

    pub fn user(user_id: i64, agency_id: i64) -> Self {
        Self {
            user_id: Some(user_id),
            agency_id: Some(agency_id),
        }
    }
}

/// An open write transaction holding the audit chain's head.
pub struct WriteTx {
    pub(crate) tx: Tx,
    pub(crate) actor: Actor,
    head_seq: i64,
    head_hash: String,
    audit_key: Arc<AuditKey>,
    commits: Arc<tokio::sync::Notify>,
    written: Arc<crate::remembered::WriteGeneration>,
    principals: std::sync::Arc<crate::principal_cache::PrincipalCache>,
    /// Set by writes that change who an API token stands for.
    pub(crate) changes_principals: bool,
}

impl Store {
    /// Begins a write. The first statement updates the chain head, which takes the write
    /// lock at once: SQLite never has to upgrade a read lock (which fails under load) and
    /// PostgreSQL writers queue on the head row, so entries are chained in commit order.
    /// The first write of a database keyed at last records where the keyed chain begins.
    pub async fn begin_write(&self, actor: Actor) -> Result<WriteTx> {
        let mut tx = match &self.db {
            crate::Db::Sqlite(pools) => Tx::Sqlite(pools.writer.begin().await?),
            crate::Db::Postgres(primary) => Tx::Postgres(primary.pool().begin().await?),
        };
        let (head_seq, head_hash): (i64, String) = on_tx!(&mut tx, conn => {
            sqlx::query_as(
                "update audit_head set keyed_from = coalesce(keyed_from, seq + 1) where id = 1 \
                 returning seq, hash",
            )
                .fetch_one(conn)
                .await
        })?;
        Ok(WriteTx {
            tx,
            actor,
            head_seq,
            head_hash,
            audit_key: self.audit_key.clone(),
            commits: self.commits.clone(),
            written: self.written.clone(),
            principals: self.principals.clone(),
            changes_principals: false,
        })
    }

    /// Records one event that changes no record (a failed login, a refused request).
    pub async fn record_event(
        &self,
        actor: Actor,
        action: AuditAction,
        entity: &str,
        entity_id: Option<String>,
        detail: Option<serde_json::Value>,
    ) -> Result<()> {
        let mut tx = self.begin_write(actor).await?;
        tx.audit(action, entity, entity_id, None::<&()>, detail.as_ref())
            .await?;
        tx.commit().await
    }

    /// The number of rows in a table, for tests and health pages.
    pub async fn count(&self, table: &'static str) -> Result<i64> {
        let sql = format!("select count(*) from {table}");
        let count: i64 =
            on_pool!(&self.db, pool => sqlx::query_scalar(&sql).fetch_one(pool).await)?;
        Ok(count)
    }
}

impl WriteTx {
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// How many values to bind to one multi-row statement: below each engine's limit
    /// (SQLite 32,766, PostgreSQL 65,535), large enough that a bulk write is a few
    /// statements, each prepared once for its shape.
    pub(crate) fn values_per_statement(&self) -> usize {
        match self.tx {
            Tx::Sqlite(_) => 16_000,
            Tx::Postgres(_) => 16_000,
        }
    }

    /// The rows of a multi-row `values` list: `rows` groups of `columns` placeholders.
    /// SQLite gets anonymous `?`: the driver looks a numbered placeholder up among all of
    /// a statement's names (`sqlite3_bind_parameter_name`), which makes binding thousands
    /// of them quadratic, while anonymous ones are bound by position.
    pub(crate) fn value_rows(&self, rows: usize, columns: usize) -> String {
        let mut sql = String::with_capacity(rows * columns * 4);
        for row in 0..rows {
            sql.push_str(if row == 0 { "(" } else { ", (" });
            for column in 0..columns {
                if column > 0 {
                    sql.push_str(", ");
                }
                match self.tx {
                    Tx::Sqlite(_) => sql.push('?'),
                    Tx::Postgres(_) => {
                        sql.push('$');
                        sql.push_str(&(row * columns + column + 1).to_string());
                    }
                }
            }
            sql.push(')');
        }
        sql
    }

    /// Appends an entry to the audit trail, chained to the previous one.
    pub async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        action: AuditAction,
        entity: &str,
        entity_id: Option<String>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let content = AuditContent {
            at: now(),
            actor_user_id: self.actor.user_id,
            actor_agency_id: self.actor.agency_id,
            action: action.as_str().to_owned(),
            entity: entity.to_owned(),
            entity_id,
            before: before.map(to_json),
            after: after.map(to_json),
        };
        let seq = self.head_seq + 1;
        let hash = entry_hash(seq, &content, &self.head_hash, Some(&self.audit_key));
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "insert into audit_entry (seq, at, actor_user_id, actor_agency_id, action, \
                 entity, entity_id, before, after, prev_hash, hash) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(seq)
            .bind(content.at)
            .bind(content.actor_user_id)
            .bind(content.actor_agency_id)
            .bind(&content.action)
            .bind(&content.entity)
            .bind(&content.entity_id)
            .bind(&content.before)
            .bind(&content.after)
            .bind(&self.head_hash)
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
            sqlx::query("update audit_head set seq = $1, hash = $2 where id = 1")
                .bind(seq)
                .bind(&hash)
                .execute(conn)
                .await.map(|done| done.rows_affected())
        })?;
        self.head_seq = seq;
        self.head_hash = hash;
        Ok(())
    }

    /// Appends the `Create` entry of a record just inserted, with the record as written.
    pub async fn audit_insert<A: Serialize>(
        &mut self,
        entity: &str,
        id: impl ToString,
        after: &A,
    ) -> Result<()> {
        self.audit(
            AuditAction::Create,
            entity,
            Some(id.to_string()),
            None::<&()>,
            Some(after),
        )
        .await
    }

    /// Appends one `Create` entry per record, chained in order, written a batch of rows
    /// per statement: the audit trail of a bulk write costs a few statements, not one per
    /// record. `records` holds (entity id, after).
    pub async fn audit_created<A: Serialize>(
        &mut self,
        entity: &str,
        records: &[(i64, A)],
    ) -> Result<()> {
        let mut chain = self.audit_chain();
        let entries: Vec<ChainedEntry> = records
            .iter()
            .map(|(id, after)| chain.created(entity, *id, after))
            .collect();
        self.append_chained(&entries).await?;
        self.move_head(&chain).await
    }

    /// The audit chain from this transaction's head, to hash entries apart from it (off the
    /// async threads, in a bulk write); [`Self::append_chained`] writes them and
    /// [`Self::move_head`] moves the head to the chain's end.
    pub(crate) fn audit_chain(&self) -> AuditChain {
        AuditChain {
            seq: self.head_seq,
            hash: self.head_hash.clone(),
            key: self.audit_key.clone(),
            actor: self.actor,
            at: now(),
        }
    }

    /// Writes entries of a chain begun at this transaction's head, in order, a batch of rows
    /// per statement.
    pub(crate) async fn append_chained(&mut self, entries: &[ChainedEntry]) -> Result<()> {
        for chunk in entries.chunks(self.values_per_statement() / 11) {
            let mut sql = String::from(
                "insert into audit_entry (seq, at, actor_user_id, actor_agency_id, action, entity, entity_id, \
                 before, after, prev_hash, hash) values ",
            );
            sql.push_str(&self.value_rows(chunk.len(), 11));
            on_tx!(&mut self.tx, conn => {
                let mut query = sqlx::query(&sql);
                for (seq, content, prev_hash, hash) in chunk {
                    query = query
                        .bind(*seq)
                        .bind(content.at)
                        .bind(content.actor_user_id)
                        .bind(content.actor_agency_id)
                        .bind(content.action.clone())
                        .bind(content.entity.clone())
                        .bind(content.entity_id.clone())
                        .bind(content.before.clone())
                        .bind(content.after.clone())
                        .bind(prev_hash.clone())
                        .bind(hash.clone());
                }
                query.execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        Ok(())
    }

    /// Moves the chain's head to the end of `chain`, whose entries are all written.
    pub(crate) async fn move_head(&mut self, chain: &AuditChain) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update audit_head set seq = $1, hash = $2 where id = 1")
                .bind(chain.seq).bind(&chain.hash).execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.head_seq = chain.seq;
        self.head_hash = chain.hash.clone();
        Ok(())
    }

    pub async fn commit(mut self) -> Result<()> {
        if self.changes_principals {
            // Delivered to every server when, and only if, this transaction commits.
            if let Tx::Postgres(tx) = &mut self.tx {
                sqlx::query("select pg_notify($1, '')")
                    .bind(crate::cluster::PRINCIPALS_CHANNEL)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        match self.tx {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        if self.changes_principals {
            self.principals.invalidate();
        }
        self.written.bump();
        self.commits.notify_one();
        Ok(())
    }
}

/// An entry as written: its place in the chain, its content, the previous hash and its own.
pub(crate) type ChainedEntry = (i64, AuditContent, String, String);

/// The audit chain continued outside a transaction, one `Create` entry after another, all
/// with the same actor and time.
pub(crate) struct AuditChain {
    seq: i64,
    hash: String,
    key: Arc<AuditKey>,
    actor: Actor,
    at: time::OffsetDateTime,
}

impl AuditChain {
    /// The next entry: the record `id` of `entity` created as `after`.
    pub(crate) fn created<A: Serialize>(
        &mut self,
        entity: &str,
        id: i64,
        after: &A,
    ) -> ChainedEntry {
        let content = AuditContent {
            at: self.at,
            actor_user_id: self.actor.user_id,
            actor_agency_id: self.actor.agency_id,
            action: AuditAction::Create.as_str().to_owned(),
            entity: entity.to_owned(),
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(to_json(after)),
        };
        let seq = self.seq + 1;
        let hash = entry_hash(seq, &content, &self.hash, Some(&self.key));
        let prev_hash = std::mem::replace(&mut self.hash, hash.clone());
        self.seq = seq;
        (seq, content, prev_hash, hash)
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|error| format!("{{\"unserialisable\":\"{error}\"}}"))
}
