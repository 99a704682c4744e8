//! The parts of the `bluehelm` command that benchmarks and tests reuse: the demo data and
//! the synthetic personnel generator.

pub mod coordination;
pub mod demo;
pub mod history;
pub mod lawmaking;
pub mod synthetic;
