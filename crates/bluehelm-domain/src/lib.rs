//! Bluehelm's domain: the rules of the product as plain Rust.
//!
//! This crate knows nothing of HTTP, SQL or async. Storage and the web layer are adapters
//! around it: they parse input into the types defined here, ask [`policy`] whether an action
//! is allowed, and persist what these types describe.

pub mod agency;
pub mod assessment;
pub mod audit;
pub mod catalogue;
pub mod coordination;
pub mod deployment;
pub mod dispatch;
pub mod eligibility;
mod enums;
pub mod exchange;
pub mod inspection;
pub mod lang;
pub mod lawmaking;
pub mod legal;
pub mod listing;
pub mod message;
pub mod mission;
pub mod outreach;
pub mod person;
pub mod policy;
pub mod procedure;
pub mod rank;
pub mod records;
pub mod request;
pub mod role;
pub mod suitability;
pub mod training;
pub mod unit;
pub mod user;
pub mod validation;

pub use validation::{FieldError, Invalid};
