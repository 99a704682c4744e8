//! Bluehelm's storage: one code path for SQLite and PostgreSQL.
//!
//! The engine is chosen at run time from the URL scheme. Every query is written once, in SQL
//! that both engines accept (`$1` placeholders, `returning`, lower-case names), and run by
//! [`on_pool!`] / [`on_tx!`], which expand the same code once per engine so each copy is
//! monomorphised against that engine's concrete types. Only the DDL differs (two migration
//! folders) and the connection settings (SQLite's durability pragmas).
//!
//! Every write goes through a [`WriteTx`]: it takes the audit chain's head first (serialising
//! writers on both engines), and each write method appends its audit entry inside the same
//! transaction, so a write and its audit entry commit or vanish together.

pub mod account;
pub mod agency;
pub mod assessment;
pub mod audit;
pub mod catalogue;
pub mod cluster;
mod conditions;
pub mod coordination;
pub mod council;
pub mod deployment;
pub mod dossier;
mod ids;
pub mod inspection;
pub mod lawmaking;
pub mod legal;
pub mod mission;
pub mod notice;
pub mod outreach;
pub mod person;
pub mod pool;
mod primary;
mod principal_cache;
pub mod procedure;
mod readers;
pub mod records;
mod remembered;
pub mod request;
pub mod tally;
pub mod training;
pub mod unit;
mod write;

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use write::{Actor, WriteTx};

/// Keeps SQLite's statistics to row counts (`sqlite_stat1`): with the value samples of
/// `sqlite_stat4`, a statement whose range constraint takes a bound value is planned again
/// at every run, which made the person and request reads two to four times slower, while
/// the counts alone choose the same indexes here.
async fn drop_value_samples(pool: &SqlitePool) -> Result<()> {
    let mut connection = pool.acquire().await?;
    let samples: i64 =
        sqlx::query_scalar("select count(*) from sqlite_schema where name = 'sqlite_stat4'")
            .fetch_one(&mut *connection)
            .await?;
    if samples > 0 {
        let rows: i64 = sqlx::query_scalar("select count(*) from sqlite_stat4")
            .fetch_one(&mut *connection)
            .await?;
        if rows > 0 {
            sqlx::query("delete from sqlite_stat4")
                .execute(&mut *connection)
                .await?;
            // Reloads the statistics, now without samples, into the planner.
            sqlx::query("analyze sqlite_schema")
                .execute(&mut *connection)
                .await?;
        }
    }
    Ok(())
}

/// Runs `$body` with `$pool` bound to a connection taken from the readers' pool of whichever
/// engine is in use ([`readers`]), held for the body: its statements run on one
/// connection, and the taking is counted, with its wait, in the [`tally`] of the request.
/// `$body` yields a `Result<_, sqlx::Error>`; a body that runs several statements reborrows
/// (`&mut *pool`).
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        $crate::on_connection!($db, reader, $pool => $body)
    };
}
pub(crate) use on_pool;

/// [`on_pool!`] on a connection that may write outside a [`WriteTx`] (sign-in counters, a
/// session's last use): on SQLite, the single writer.
macro_rules! on_writer {
    ($db:expr, $pool:ident => $body:expr) => {
        $crate::on_connection!($db, writer, $pool => $body)
    };
}
pub(crate) use on_writer;

macro_rules! on_connection {
    ($db:expr, reader, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(pools) => $crate::on_reader!(pools.reader, $pool => $body),
            $crate::Db::Postgres(primary) => $crate::on_reader!(primary.readers(), $pool => $body),
        }
    };
    ($db:expr, writer, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(pools) => $crate::on_sqlx_pool!(pools.writer, $pool => $body),
            $crate::Db::Postgres(primary) => $crate::on_sqlx_pool!(primary.pool(), $pool => $body),
        }
    };
}

/// Runs `$body` on a connection of a [`readers::Readers`] pool, counted in the [`tally`].
macro_rules! on_reader {
    ($readers:expr, $pool:ident => $body:expr) => {{
        let waiting = std::time::Instant::now();
        match $readers.acquire().await {
            Ok(mut connection) => {
                $crate::tally::note_acquisition(waiting.elapsed());
                let outcome = {
                    let $pool = &mut *connection;
                    $body
                };
                $crate::readers::Readers::settle(connection, &outcome);
                outcome
            }
            Err(error) => Err(error),
        }
    }};
}
pub(crate) use on_reader;

/// Runs `$body` on a connection of one of sqlx's pools, counted in the [`tally`].
macro_rules! on_sqlx_pool {
    ($sqlx_pool:expr, $pool:ident => $body:expr) => {{
        let waiting = std::time::Instant::now();
        match $sqlx_pool.acquire().await {
            Ok(mut connection) => {
                $crate::tally::note_acquisition(waiting.elapsed());
                let $pool = &mut *connection;
                $body
            }
            Err(error) => Err(error),
        }
    }};
}
pub(crate) use on_connection;
pub(crate) use on_sqlx_pool;

/// Runs `$body` with `$conn` bound to the open transaction's connection of either engine.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePools),
    Postgres(std::sync::Arc<primary::Primary>),
}

/// SQLite's connections: readers, as many as the cores can keep busy, opened read-only so
/// that no write slips past the writer; and the one writer. SQLite lets one connection
/// write at a time: writers queued on a pool of one wait their turn in order, where writers
/// on many connections would poll the database lock (`busy_timeout`) and hold connections
/// that readers need meanwhile.
#[derive(Debug, Clone)]
pub struct SqlitePools {
    reader: readers::Readers<sqlx::SqliteConnection>,
    writer: SqlitePool,
}

/// How many read connections, on either engine: two per core, so that a core is not left
/// idle while one reader's request does its own work between statements.
fn readers_per_pool() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    u32::try_from(cores * 2).unwrap_or(u32::MAX).clamp(4, 64)
}

/// Migrations once released in another form: (version, the SHA-384 that form recorded on
/// SQLite, on PostgreSQL). Migration 0024 was released for a while with the table
/// `conference_member`, which now comes from 0026 (`create table if not exists`): a
/// database that ran that form already has the table, and only its record of 0024 differs.
const REVISED: &[(i64, &str, &str)] = &[(
    24,
    "d710d8a193412e4f0802f65d3407cd1292c7f91efe51c6906b13851a6a578a9d55847e3be25d216aeffb3bfc9ce6eb46",
    "8de4400eb7253a8b165c5353b51ff36867fed8453f89184f04071debb1f442d92995dadc63c22108a7489566846151d7",
)];

/// A checksum written in hexadecimal, as bytes.
fn checksum_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .filter_map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok())
        .collect()
}

/// Statements each connection keeps prepared: more than the application has, so that none
/// is prepared twice on one connection.
pub(crate) const STATEMENT_CACHE: usize = 1_000;

pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; the caller knows which field it guards.
    #[error("already exists")]
    Duplicate,
    /// A foreign key refused the write: the row is still referenced, or references nothing.
    #[error("still in use or refers to a missing record")]
    InUse,
    #[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("none of the PostgreSQL hosts {0} is a primary that answers")]
    NoPrimary(String),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate,
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::InUse,
            _ => StoreError::Database(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The handle every adapter holds: cheap to clone, shared by all requests.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: Db,
    pub(crate) principals: std::sync::Arc<principal_cache::PrincipalCache>,
    /// How many people each searched word finds, to search by the rarest.
    pub(crate) word_counts: std::sync::Arc<person::WordCounts>,
    pub(crate) audit_key: std::sync::Arc<bluehelm_domain::audit::AuditKey>,
    /// Woken at every commit, for whoever anchors the chain's head outside the database.
    pub(crate) commits: std::sync::Arc<tokio::sync::Notify>,
    /// Bumped at every commit: what [`remembered`] answers are checked against.
    pub(crate) written: std::sync::Arc<remembered::WriteGeneration>,
    /// The home page's count of expiring records, per scope and window.
    pub(crate) expiry_counts: std::sync::Arc<records::RememberedExpiryCounts>,
    /// The catalogues and settings most pages read.
    pub(crate) catalogues: std::sync::Arc<catalogue::RememberedCatalogues>,
}

impl Store {
    /// Opens the database named by `url` (`sqlite:` or `postgres://`), creating a SQLite file
    /// when it does not exist yet. Every audit entry written through it is keyed with
    /// `audit_key`.
    pub async fn connect(url: &str, audit_key: bluehelm_domain::audit::AuditKey) -> Result<Store> {
        let db = if url.starts_with("sqlite:") {
            // WAL lets readers run beside the one writer; synchronous=FULL syncs the WAL at
            // every commit, so an acknowledged write survives the process or machine dying.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 32 MiB of page cache per connection (the default is 2 MiB): a large
                // import's index pages stay in memory instead of spilling to the WAL.
                .pragma("cache_size", "-32768")
                .pragma("temp_store", "memory")
                // Reads through a memory map instead of a system call per page: index
                // walks of a large pool spent as long in read() as in SQLite itself.
                .pragma("mmap_size", "268435456")
                .statement_cache_capacity(STATEMENT_CACHE);
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .test_before_acquire(false)
                .connect_with(options.clone())
                .await?;
            // Databases analysed before samples were dropped lose them at the next start.
            drop_value_samples(&writer).await?;
            let reader = readers::Readers::new(options.read_only(true), readers_per_pool());
            Db::Sqlite(SqlitePools { reader, writer })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Db::Postgres(std::sync::Arc::new(primary::Primary::connect(url).await?))
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let principals = principal_cache::PrincipalCache::default();
        principals.enabled.store(
            matches!(db, Db::Sqlite(_)),
            std::sync::atomic::Ordering::Release,
        );
        Ok(Store {
            db,
            principals: std::sync::Arc::new(principals),
            word_counts: Default::default(),
            audit_key: std::sync::Arc::new(audit_key),
            commits: Default::default(),
            written: Default::default(),
            expiry_counts: Default::default(),
            catalogues: Default::default(),
        })
    }

    pub fn engine(&self) -> Engine {
        match self.db {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies every migration not applied yet. Migrations are never edited once released;
    /// a database that recorded a form of one that was replaced (see [`REVISED`]) has its
    /// record brought to the released form first.
    pub async fn migrate(&self) -> Result<()> {
        const RECORDED: &str =
            "update _sqlx_migrations set checksum = $1 where version = $2 and checksum = $3";
        match &self.db {
            Db::Sqlite(pools) => {
                let migrator = sqlx::migrate!("migrations/sqlite");
                let recorded: bool = sqlx::query_scalar(
                    "select count(*) > 0 from sqlite_master where type = 'table' and name = '_sqlx_migrations'",
                )
                .fetch_one(&pools.writer)
                .await?;
                for (version, replaced, _) in REVISED.iter().filter(|_| recorded) {
                    if let Some(released) = migrator.iter().find(|m| m.version == *version) {
                        sqlx::query(RECORDED)
                            .bind(&*released.checksum)
                            .bind(version)
                            .bind(checksum_bytes(replaced))
                            .execute(&pools.writer)
                            .await?;
                    }
                }
                migrator.run(&pools.writer).await?
            }
            Db::Postgres(primary) => {
                let migrator = sqlx::migrate!("migrations/postgres");
                let recorded: bool =
                    sqlx::query_scalar("select to_regclass('_sqlx_migrations') is not null")
                        .fetch_one(primary.pool())
                        .await?;
                for (version, _, replaced) in REVISED.iter().filter(|_| recorded) {
                    if let Some(released) = migrator.iter().find(|m| m.version == *version) {
                        sqlx::query(RECORDED)
                            .bind(&*released.checksum)
                            .bind(version)
                            .bind(checksum_bytes(replaced))
                            .execute(primary.pool())
                            .await?;
                    }
                }
                migrator.run(primary.pool()).await?
            }
        }
        Ok(())
    }

    /// Fills an empty database with the agency tree, the catalogues, the missions with their
    /// mandates and the dispatch procedure's templates; leaves tables with rows alone.
    pub async fn seed_reference_data(&self) -> Result<()> {
        self.seed_agencies().await?;
        self.seed_catalogues().await?;
        self.seed_missions().await?;
        self.seed_templates().await?;
        self.seed_legal_registry().await?;
        self.register_mandate_resolutions().await?;
        self.cite_templates().await?;
        self.cite_directives().await?;
        self.seed_council().await
    }

    /// Refreshes the planner's statistics after a bulk write, so that it keeps choosing the
    /// right index as the tables grow.
    pub async fn refresh_statistics(&self) -> Result<()> {
        match &self.db {
            Db::Sqlite(SqlitePools { writer: pool, .. }) => {
                // A full analysis: a sampled one (analysis_limit) misjudges how many people
                // share a status or an agency, and the planner then picks the wrong index.
                sqlx::query("analyze").execute(pool).await?;
                drop_value_samples(pool).await?;
            }
            Db::Postgres(primary) => {
                // Vacuum too: until the new rows are marked visible, index-only scans (the
                // name search's word index) still read the table.
                sqlx::query("vacuum analyze")
                    .execute(primary.pool())
                    .await?;
            }
        }
        Ok(())
    }

    /// The connections the pool holds open, and how many of them are idle.
    pub fn pool_connections(&self) -> (u32, usize) {
        match &self.db {
            Db::Sqlite(pools) => {
                let (open, idle) = pools.reader.connections();
                (open + pools.writer.size(), idle + pools.writer.num_idle())
            }
            Db::Postgres(primary) => {
                let (open, idle) = primary.readers().connections();
                (
                    open + primary.pool().size(),
                    idle + primary.pool().num_idle(),
                )
            }
        }
    }

    /// A cheap round trip, for the health check.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(&self.db, pool => sqlx::query("select 1").execute(pool).await.map(|done| done.rows_affected()))?;
        Ok(())
    }

    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite(pools) => {
                pools.reader.close().await;
                pools.writer.close().await;
            }
            Db::Postgres(primary) => {
                primary.readers().close().await;
                primary.pool().close().await;
            }
        }
    }

    /// Writes a consistent copy of a SQLite database to `path` while it stays online.
    pub async fn backup_sqlite(&self, path: &str) -> Result<()> {
        match &self.db {
            Db::Sqlite(pools) => {
                on_reader!(pools.reader, pool => sqlx::query("vacuum into $1").bind(path).execute(pool).await)?;
                Ok(())
            }
            Db::Postgres(_) => Err(StoreError::UnsupportedUrl(
                "online file backup is for SQLite; use pg_dump for PostgreSQL".to_owned(),
            )),
        }
    }
}

/// The current time as stored: UTC, cut to microseconds (PostgreSQL's precision), so that a
/// value reads back exactly as it was written on both engines.
pub fn now() -> time::OffsetDateTime {
    bluehelm_domain::audit::truncate_to_micros(time::OffsetDateTime::now_utc())
}
