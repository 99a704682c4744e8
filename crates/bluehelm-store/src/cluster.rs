//! Several servers on one PostgreSQL database: background work that runs once per
//! cluster, and the principal caches kept in step.
//!
//! A job (the expiry sweep and mail delivery, the audit checkpoint) runs under a session
//! advisory lock held on a connection of its own, closed when the job ends: if the server
//! dies mid-job, the connection closes with it and the lock is free again. A write that
//! changes who an API token stands for notifies `bluehelm_principals` in its transaction,
//! so the notification leaves at commit and only then. On SQLite, whose file belongs to one
//! server, both are no-ops.

use std::future::Future;
use std::sync::atomic::Ordering;
use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::Connection;

use crate::{Db, Result, Store};

/// The channel every server listens on for changes of who a token stands for.
pub(crate) const PRINCIPALS_CHANNEL: &str = "bluehelm_principals";

/// The advisory lock key of a job: the first eight bytes of a labelled SHA-256.
fn job_key(job: &str) -> i64 {
    let digest = Sha256::digest(format!("bluehelm job {job}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("eight bytes"))
}

impl Store {
    /// Runs `work` unless another server of this database is running the same `job`;
    /// answers `None` then.
    pub async fn exclusively<T>(
        &self,
        job: &str,
        work: impl Future<Output = T>,
    ) -> Result<Option<T>> {
        let Db::Postgres(primary) = &self.db else {
            return Ok(Some(work.await));
        };
        let pool = primary.pool();
        // Out of the pool: a connection that goes back to the pool would keep the lock.
        let mut conn = pool.acquire().await?.detach();
        let key = job_key(job);
        let held: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
            .bind(key)
            .fetch_one(&mut conn)
            .await?;
        if !held {
            conn.close().await?;
            return Ok(None);
        }
        let outcome = work.await;
        sqlx::query("select pg_advisory_unlock($1)")
            .bind(key)
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok(Some(outcome))
    }

    /// Keeps this store's cache of token principals in step with the writes of every server
    /// of the database, for as long as the server runs. The cache answers only while the
    /// notifications are followed; a lost connection empties it and turns it off until
    /// listening again.
    pub async fn follow_principal_changes(&self) {
        let Db::Postgres(primary) = &self.db else {
            return;
        };
        let cache = &self.principals;
        loop {
            let listening = async {
                let mut listener = sqlx::postgres::PgListener::connect_with(primary.pool()).await?;
                listener.listen(PRINCIPALS_CHANNEL).await?;
                cache.invalidate();
                cache.enabled.store(true, Ordering::Release);
                loop {
                    // `None`: the connection was lost, and notifications with it.
                    if listener.try_recv().await?.is_none() {
                        return Ok::<(), sqlx::Error>(());
                    }
                    cache.invalidate();
                }
            };
            let ended = listening.await;
            cache.enabled.store(false, Ordering::Release);
            cache.invalidate();
            if let Err(error) = ended {
                tracing::warn!(%error, "not following principal changes; retrying");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

impl Store {
    /// Follows the PostgreSQL primary among the hosts of the database URL, for as long as
    /// the server runs (see [`crate::primary`]); returns at once for one host or SQLite.
    pub async fn follow_primary(&self) {
        let Db::Postgres(primary) = &self.db else {
            return;
        };
        if !primary.has_standbys() {
            return;
        }
        loop {
            primary.check().await;
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
}
