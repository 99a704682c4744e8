//! PostgreSQL as a primary with standbys: the database URL may name several hosts
//! (`postgres://user@host1:5432,host2:5432/bluehelm`, as libpq writes it), and Bluehelm
//! always works on the one that is primary.
//!
//! Each host gets a pool, connected lazily. At start the first host that answers
//! `pg_is_in_recovery()` with false is the primary; [`crate::Store::follow_primary`]
//! probes it twice a second and, when it stops answering or turns out to be a standby,
//! looks again among all hosts, so that a promoted standby takes the writes within about
//! a second of its promotion. Requests in between fail and are not acknowledged: with a
//! synchronous standby, no acknowledged write is lost.

use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::Connection;

use crate::readers::Readers;
use crate::{Result, StoreError};

/// Each host's connections: sqlx's pool for transactions and the few writes outside one,
/// and the pool of reads.
#[derive(Debug)]
pub struct Primary {
    hosts: Vec<String>,
    options: Vec<PgConnectOptions>,
    pools: Vec<PgPool>,
    readers: Vec<Readers<PgConnection>>,
    current: AtomicUsize,
}

/// How long a probe of one host may take before it counts as down.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// One URL per host of a libpq-style URL with a comma-separated host list.
fn split_hosts(url: &str) -> Vec<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return vec![url.to_owned()];
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (user, hosts) = match authority.rsplit_once('@') {
        Some((user, hosts)) => (format!("{user}@"), hosts),
        None => (String::new(), authority),
    };
    hosts
        .split(',')
        .map(|host| format!("{scheme}://{user}{host}{path}"))
        .collect()
}

/// The pool of one host. A pool retries a host that refuses connections until the acquire
/// timeout: with standbys to move to, a request caught by the primary's death waits less.
fn pool_options(standbys: bool) -> PgPoolOptions {
    // No ping before each use: it doubles the round trips of a one-query request, and a
    // connection the server dropped fails its query, which the pool then replaces.
    PgPoolOptions::new()
        .max_connections(10)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(if standbys { 2 } else { 10 }))
}

/// How Bluehelm's connections to one host are made: each statement prepared once per
/// connection.
fn connect_options(url: &str) -> Result<PgConnectOptions> {
    Ok(PgConnectOptions::from_str(url)?.statement_cache_capacity(crate::STATEMENT_CACHE))
}

impl Primary {
    pub(crate) async fn connect(url: &str) -> Result<Self> {
        let urls = split_hosts(url);
        if urls.len() == 1 {
            let options = connect_options(url)?;
            return Ok(Self {
                hosts: urls,
                pools: vec![pool_options(false).connect_with(options.clone()).await?],
                readers: vec![Readers::new(options, crate::readers_per_pool())],
                options: Vec::new(),
                current: AtomicUsize::new(0),
            });
        }
        let mut pools = Vec::with_capacity(urls.len());
        let mut readers = Vec::with_capacity(urls.len());
        let mut hosts = Vec::with_capacity(urls.len());
        let mut options = Vec::with_capacity(urls.len());
        for host_url in &urls {
            let host = connect_options(host_url)?;
            hosts.push(format!("{}:{}", host.get_host(), host.get_port()));
            pools.push(pool_options(true).connect_lazy_with(host.clone()));
            readers.push(Readers::new(host.clone(), crate::readers_per_pool()));
            options.push(host);
        }
        // Elect from the first host on: `elect` tries the current one last.
        let primary = Self {
            hosts,
            options,
            pools,
            readers,
            current: AtomicUsize::new(urls.len() - 1),
        };
        match primary.elect().await {
            Some(index) => {
                primary.current.store(index, Ordering::Release);
                Ok(primary)
            }
            None => Err(StoreError::NoPrimary(primary.hosts.join(", "))),
        }
    }

    /// The pool of the host that is primary now.
    pub(crate) fn pool(&self) -> &PgPool {
        &self.pools[self.current.load(Ordering::Acquire)]
    }

    /// The reads' pool of the host that is primary now.
    pub(crate) fn readers(&self) -> &Readers<PgConnection> {
        &self.readers[self.current.load(Ordering::Acquire)]
    }

    pub(crate) fn has_standbys(&self) -> bool {
        self.hosts.len() > 1
    }

    /// Whether host `index` answers and takes writes, on a connection of the probe's own
    /// (a pool keeps retrying a host that refuses, where a probe wants a quick no).
    async fn is_primary(&self, index: usize) -> bool {
        let probe = async {
            let mut conn = PgConnection::connect_with(&self.options[index]).await?;
            let in_recovery: bool = sqlx::query_scalar("select pg_is_in_recovery()")
                .fetch_one(&mut conn)
                .await?;
            conn.close().await?;
            Ok::<bool, sqlx::Error>(!in_recovery)
        };
        matches!(
            tokio::time::timeout(PROBE_TIMEOUT, probe).await,
            Ok(Ok(true))
        )
    }

    /// The first host that is primary, if any, trying the others before `last`.
    async fn elect(&self) -> Option<usize> {
        let last = self.current.load(Ordering::Acquire);
        let others = (0..self.hosts.len()).filter(|&index| index != last);
        for index in others.chain([last]) {
            if self.is_primary(index).await {
                return Some(index);
            }
        }
        None
    }

    /// Checks the current primary and moves to another host when it is no longer one.
    pub(crate) async fn check(&self) {
        if !self.has_standbys() || self.is_primary(self.current.load(Ordering::Acquire)).await {
            return;
        }
        if let Some(index) = self.elect().await {
            let before = self.current.swap(index, Ordering::AcqRel);
            if before != index {
                tracing::warn!(
                    from = %self.hosts[before],
                    to = %self.hosts[index],
                    "the PostgreSQL primary moved"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_list_becomes_one_url_per_host() {
        assert_eq!(
            split_hosts("postgres://app:secret@db1:5432,db2:5433/bluehelm?sslmode=require"),
            [
                "postgres://app:secret@db1:5432/bluehelm?sslmode=require",
                "postgres://app:secret@db2:5433/bluehelm?sslmode=require"
            ]
        );
        assert_eq!(split_hosts("postgres://db/x"), ["postgres://db/x"]);
    }
}
