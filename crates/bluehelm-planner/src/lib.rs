//! The force-generation planner: who should fill which position.
//!
//! Positions and candidates are dense indices; only eligible (position, candidate) pairs
//! exist, each with an integer suitability score. A plan fills as many positions as
//! possible and, among the plans that fill that many, has the highest total score.
//!
//! This crate is plain computation: no I/O, no async, no storage. [`instance`] holds the
//! problem, [`solve`] the exact solver, [`constraints`] pinned and forbidden pairs, [`side`] women quotas and agency caps
//! (branch and bound over the core, proven optimal or reported with its gap), [`reference`] an exhaustive solver for tiny
//! instances that the tests use as their oracle, and [`generate`] deterministic synthetic
//! instances for tests and benchmarks; [`interchange`] the files other tools exchange
//! instances and plans in.

pub mod constraints;
pub mod generate;
pub mod instance;
pub mod interchange;
pub mod reference;
pub mod side;
pub mod solve;

pub use constraints::{solve_fixed, Fixed, Infeasible};
pub use instance::{Instance, InvalidInstance, Pair};
pub use solve::{solve, Plan};
