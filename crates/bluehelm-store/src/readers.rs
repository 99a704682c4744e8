//! The connections reads run on, outside any transaction: a pool that takes a connection
//! back as it is.
//!
//! sqlx's own pool tests every connection handed back with a `ping`, on a task of its own:
//! one more round trip to SQLite's connection thread or to the PostgreSQL server for every
//! read, on top of the read's own statements (a person's record is two). Here a connection
//! goes back to the pool as it is. A read cut off mid-statement (its request dropped) leaves
//! nothing to flush that the next statement does not settle itself: sqlx resets a SQLite
//! statement before it steps it again and reads a PostgreSQL connection up to the end of
//! what it owed before it sends anything new. A connection whose statement failed on the
//! connection itself (the server gone, the link broken) is closed instead of kept (see
//! [`Readers::settle`]). Writes keep sqlx's pool: a [`crate::WriteTx`] owns its
//! transaction's connection.

use std::time::Duration;

use deadpool::managed::{self, Metrics, Object, RecycleResult};
use deadpool::Runtime;
use sqlx::{ConnectOptions, Connection};

/// How long a read waits for a free connection before it fails.
const WAIT: Duration = Duration::from_secs(30);

/// Opens the connections of a [`Readers`] pool; hands them out again untested.
#[derive(Debug)]
pub(crate) struct Opener<C: Connection> {
    options: C::Options,
}

impl<C: Connection> managed::Manager for Opener<C> {
    type Type = C;
    type Error = sqlx::Error;

    async fn create(&self) -> Result<C, sqlx::Error> {
        self.options.connect().await
    }

    async fn recycle(&self, _: &mut C, _: &Metrics) -> RecycleResult<sqlx::Error> {
        Ok(())
    }
}

/// A pool of read connections of one engine, opened when first needed. Its clones share
/// the connections.
#[derive(Debug)]
pub(crate) struct Readers<C: Connection> {
    pool: managed::Pool<Opener<C>>,
}

impl<C: Connection> Clone for Readers<C> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
        }
    }
}

/// A connection taken from [`Readers`]; back in the pool when dropped.
pub(crate) type Reader<C> = Object<Opener<C>>;

impl<C: Connection> Readers<C>
where
    C::Options: ConnectOptions<Connection = C>,
{
    pub(crate) fn new(options: C::Options, size: u32) -> Self {
        let pool = managed::Pool::builder(Opener { options })
            .max_size(usize::try_from(size).unwrap_or(usize::MAX))
            .wait_timeout(Some(WAIT))
            .create_timeout(Some(WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .expect("a pool with a runtime for its timeouts builds");
        Self { pool }
    }

    pub(crate) async fn acquire(&self) -> Result<Reader<C>, sqlx::Error> {
        self.pool.get().await.map_err(|error| match error {
            managed::PoolError::Backend(error) => error,
            managed::PoolError::Closed => sqlx::Error::PoolClosed,
            managed::PoolError::Timeout(_)
            | managed::PoolError::NoRuntimeSpecified
            | managed::PoolError::PostCreateHook(_) => sqlx::Error::PoolTimedOut,
        })
    }

    /// Keeps `reader` for the next read unless `outcome` says its connection failed: a
    /// broken connection, or one the server ended (PostgreSQL's class 57, operator
    /// intervention: a shutdown, `pg_terminate_backend`), is dropped, and the pool opens
    /// another when one is needed.
    pub(crate) fn settle<T>(reader: Reader<C>, outcome: &Result<T, sqlx::Error>) {
        let broken = match outcome {
            Err(
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::WorkerCrashed,
            ) => true,
            Err(sqlx::Error::Database(error)) => {
                error.code().is_some_and(|code| code.starts_with("57P"))
            }
            _ => false,
        };
        if broken {
            drop(Object::take(reader));
        }
    }

    /// The connections open, and how many of them are idle.
    pub(crate) fn connections(&self) -> (u32, usize) {
        let status = self.pool.status();
        (
            u32::try_from(status.size).unwrap_or(u32::MAX),
            status.available,
        )
    }

    /// Refuses new reads and closes every idle connection.
    pub(crate) async fn close(&self) {
        let idle = self.pool.retain(|_, _| false);
        self.pool.close();
        for connection in idle.removed {
            let _ = connection.close().await;
        }
    }
}
