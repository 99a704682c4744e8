//! Integration tests of the whole product. Every behaviour is proved on SQLite and on
//! PostgreSQL: [`both_engines!`] turns each `async fn name(engine)` into two tests.
//!
//! PostgreSQL comes from `BLUEHELM_TEST_POSTGRES_URL` (default: the local server); each test
//! gets a fresh database. Without a reachable server the PostgreSQL tests are skipped with a
//! message, except under `CI=true`, where they fail.

mod harness;

mod audit_chain;
mod bad_input;
mod browser;
mod catalogue;
mod dispatch;
mod durability;
mod exchange;
mod operations;
mod people;
mod planner;
mod rights;
mod sessions;
mod training;
