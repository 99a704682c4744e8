//! Integration tests of the whole product. Every behaviour is proved on SQLite and on
//! PostgreSQL: [`both_engines!`] turns each `async fn name(engine)` into two tests.
//!
//! PostgreSQL comes from `BLUEHELM_TEST_POSTGRES_URL`; each test gets a fresh database.
//! Without the variable the PostgreSQL cases are ignored and say why (`cargo test` lists
//! them as ignored); with it set and the server unreachable they fail. The browser cases
//! are ignored in the same way where Chromium's driver is not installed.

mod harness;

mod audit_chain;
mod bad_input;
mod bombs;
mod browser;
mod catalogue;
mod cluster;
mod coordination;
mod dispatch;
mod durability;
mod exchange;
mod failover;
mod inspections;
mod language;
mod lawmaking;
mod legal;
mod operations;
mod people;
mod planner;
mod procedures;
mod rights;
mod schema;
mod schema_fuzz;
mod sessions;
mod spreadsheets;
mod store_conformance;
mod training;
