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
//!
//! # How it works
//!
//! The assignment of candidates to positions, on dense indices and scored eligible pairs.
//! `solve` is exact: a minimum-cost maximum matching by successive shortest augmenting
//! paths (Dijkstra with potentials, from every free position at once; cost = best score −
//! score; after each search every other path of tight pairs is also a shortest augmenting
//! path, so a depth-first pass augments along a maximal set of them before the next
//! search). It opens with the Jonker–Volgenant bidding passes (a free position takes its
//! cheapest candidate and raises that candidate's price to its second choice), which proves
//! optimality only for a plan filling every position that has a pair; otherwise it runs
//! again from zero potentials. So a plan fills as many positions as possible and, among
//! those, scores highest; ties break by index, so it is deterministic; the dual potentials
//! come out with the plan (`solve_with_duals`). `reference` tries every plan of a tiny
//! instance and is the tests' oracle (3,000 random instances); `generate` makes seeded
//! synthetic instances (random, contested or skewed scores) and their `limits.csv`;
//! `benches/solve.rs` times them. `constraints` pins and forbids pairs (an impossible pin
//! is named); `interchange` reads and writes the instance and plan files of `bluehelm plan
//! solve`. `side` adds women quotas per group and caps per agency: best-first branch and
//! bound over pins and bans whose bound is Lagrangian — filling a post is worth more than
//! any score difference, each quota and cap enters the objective with a multiplier, and the
//! priced problem is the core's assignment (a "stay empty" candidate per post) solved on a
//! working set of pairs that the core's potentials price against all the others (at the
//! root, first the best multiplier shared by every quota, by bisection on the women short
//! or over; then subgradient steps, Polyak's rule, along the subgradient of an average of
//! the priced plans, multipliers in 1/64 of a point). Feasible plans come from priced plans
//! that meet the limits, greedy exchanges (an unused woman in, a man swapped with a woman
//! of a group with women to spare, a capped agency's post to another), and plans whose
//! quotas are given to definite women-only posts (those women hold, then the posts of the
//! cheapest pairs near to tight by the priced plan's certificate, one post per woman) and
//! solved by the core with tolls on the caps, raised for agencies still over them and
//! solved again — at equal prices priced plans crowd women into some groups, so they are
//! rarely feasible themselves (the greedy exchanges run on every tenth priced plan: they
//! cost as much as a priced solve); reduced-cost fixing drops pairs that cannot improve on
//! the best. Candidates who go together or not at all, and candidates of whom at most one
//! goes, are settled by the search alone: a node whose priced plan breaks such a pair
//! splits into one child that sends neither (or not the first) and one that requires both
//! (or the first and not the second); a required candidate's pairs carry a bonus above any
//! plan's worth, which the priced plan gives back once it sends them all (the scale of the
//! multipliers shrinks so the bonuses fit). It proves optimality when the search ends,
//! reports best plan and bound when the node budget runs out, and names the constraint at
//! fault when nothing is feasible; 1,500 random instances with quotas and caps and 1,500
//! with pairs agree with exhaustive search, and 4,000 one-node runs report honest gaps.

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
