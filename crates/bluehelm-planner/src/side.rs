//! Side constraints: at least K women in a group of positions (the UN gender targets) and
//! at most M people from one agency (so no agency is stripped).
//!
//! The method is branch and bound over the exact core. A node is a set of pinned and
//! forbidden pairs; its bound is the plan of the core solver without the side constraints
//! (a relaxation: no plan of the node does better, lexicographically on positions filled,
//! then score). A plan that meets every constraint is a candidate answer; one that does not
//! is split on one of its pairs, chosen among those behind a broken constraint: a child
//! forbids the pair, the other pins it. Every split excludes the relaxed plan from one
//! child and keeps it only with one more pin, so the search is finite; it is complete
//! because the two children partition the node. Nodes whose bound cannot beat the best
//! plan found are dropped. When the search ends the best plan is proven optimal; when the
//! node budget runs out the status says so and the bound says how far off it may be.

use crate::constraints::{solve_fixed, Fixed, Infeasible};
use crate::instance::Instance;
use crate::solve::Plan;

/// The side constraints, on the instance's dense indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    /// Per candidate: counts towards the women quotas.
    pub woman: Vec<bool>,
    /// Per candidate: their agency's index.
    pub agency: Vec<u32>,
    /// Per position: its group's index.
    pub group: Vec<u32>,
    /// (group, at least this many women).
    pub min_women: Vec<(u32, u32)>,
    /// (agency, at most this many people).
    pub max_per_agency: Vec<(u32, u32)>,
}

/// How good the answer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The plan is the best that meets every constraint.
    Optimal,
    /// The node budget ran out: the plan meets every constraint, and nothing can beat
    /// `bound`.
    Gap,
    /// No plan meets the constraints; the fault names the constraint at fault.
    Infeasible(Fault),
}

/// The constraint no plan can meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The group's posts can take at most `most` of the eligible women.
    Quota { group: u32, needed: u32, most: u32 },
    /// More of the agency's people are pinned than its cap allows.
    Cap { agency: u32, cap: u32, pinned: u32 },
    /// Each constraint alone can be met, not all of them together.
    Together,
}

impl Fault {
    /// The fault in words, with the group and agency names of the caller's files.
    pub fn describe(
        &self,
        group: impl Fn(u32) -> String,
        agency: impl Fn(u32) -> String,
    ) -> String {
        match *self {
            Fault::Quota { group: g, needed, most } => format!(
                "group {} needs at least {needed} women, but at most {most} eligible women can take its posts",
                group(g)
            ),
            Fault::Cap { agency: a, cap, pinned } => format!(
                "agency {} may send at most {cap}, but {pinned} of its people are pinned",
                agency(a)
            ),
            Fault::Together => "the constraints cannot all be met together (each alone can)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub plan: Option<Plan>,
    /// (positions filled, score) no plan meeting the constraints can exceed.
    pub bound: (u32, i64),
    pub status: Status,
    pub nodes: usize,
}

/// A broken constraint of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    Quota(u32),
    Cap(u32),
}

fn broken(plan: &Plan, side: &Side) -> Option<Broken> {
    for &(group, at_least) in &side.min_women {
        let women = plan
            .assignment
            .iter()
            .enumerate()
            .filter(|&(position, candidate)| {
                side.group[position] == group && candidate.is_some_and(|c| side.woman[c as usize])
            })
            .count() as u32;
        if women < at_least {
            return Some(Broken::Quota(group));
        }
    }
    for &(agency, at_most) in &side.max_per_agency {
        let members = plan
            .assignment
            .iter()
            .filter(|candidate| candidate.is_some_and(|c| side.agency[c as usize] == agency))
            .count() as u32;
        if members > at_most {
            return Some(Broken::Cap(agency));
        }
    }
    None
}

/// The pair to split on: one behind the broken constraint if there is one not pinned yet,
/// else any pair of the plan not pinned yet; `None` when every pair is pinned (the node then
/// holds this plan alone, which breaks a constraint: nothing there is feasible).
fn branching_pair(plan: &Plan, side: &Side, fixed: &Fixed, why: Broken) -> Option<(u32, u32)> {
    let free: Vec<(u32, u32)> = plan
        .assignment
        .iter()
        .enumerate()
        .filter_map(|(position, candidate)| candidate.map(|c| (position as u32, c)))
        .filter(|pair| !fixed.pinned.contains(pair))
        .collect();
    let preferred = |pair: &&(u32, u32)| -> bool {
        let (position, candidate) = **pair;
        match why {
            Broken::Cap(agency) => side.agency[candidate as usize] == agency,
            Broken::Quota(group) => {
                side.group[position as usize] == group && !side.woman[candidate as usize]
            }
        }
    };
    let second = |pair: &&(u32, u32)| -> bool {
        let (position, candidate) = **pair;
        matches!(why, Broken::Quota(group)
            if side.group[position as usize] != group && side.woman[candidate as usize])
    };
    free.iter()
        .find(preferred)
        .or_else(|| free.iter().find(second))
        .or_else(|| free.first())
        .copied()
}

/// The best plan meeting `side`, with the pins and bans of `fixed`, exploring at most
/// `node_limit` nodes.
pub fn solve_side(
    instance: &Instance,
    fixed: &Fixed,
    side: &Side,
    node_limit: usize,
) -> Result<Outcome, Infeasible> {
    let root = solve_fixed(instance, fixed)?;
    let mut best: Option<Plan> = None;
    let mut stack: Vec<(Fixed, (u32, i64))> = vec![(fixed.clone(), (root.filled, root.score))];
    let mut nodes = 0;
    let mut open_bound: Option<(u32, i64)> = None;
    while let Some((node, parent_bound)) = stack.pop() {
        let incumbent = best.as_ref().map(|p| (p.filled, p.score));
        if incumbent.is_some_and(|value| parent_bound <= value) {
            continue;
        }
        if nodes == node_limit {
            // Out of budget: what is left can do no better than its parents' bounds.
            let pending = stack
                .iter()
                .map(|(_, bound)| *bound)
                .chain([parent_bound])
                .max();
            open_bound = pending;
            break;
        }
        nodes += 1;
        let plan = match solve_fixed(instance, &node) {
            Ok(plan) => plan,
            Err(_) => continue,
        };
        let value = (plan.filled, plan.score);
        if incumbent.is_some_and(|incumbent| value <= incumbent) {
            continue;
        }
        match broken(&plan, side) {
            None => best = Some(plan),
            Some(why) => {
                if let Some(pair) = branching_pair(&plan, side, &node, why) {
                    let mut pin = node.clone();
                    pin.pinned.push(pair);
                    let mut forbid = node;
                    forbid.forbidden.push(pair);
                    stack.push((pin, value));
                    stack.push((forbid, value));
                }
            }
        }
    }
    let found = best.as_ref().map(|p| (p.filled, p.score));
    let (status, bound) = match (&best, open_bound) {
        (Some(_), None) => (Status::Optimal, found.unwrap_or((0, 0))),
        (_, Some(bound)) => (Status::Gap, bound.max(found.unwrap_or((0, 0)))),
        (None, None) => (Status::Infeasible(explain(instance, fixed, side)), (0, 0)),
    };
    Ok(Outcome {
        plan: best,
        bound,
        status,
        nodes,
    })
}

/// Names the constraint that no plan can meet: a quota needing more women than its
/// group's posts can take from the eligible women, or a cap below the people pinned.
fn explain(instance: &Instance, fixed: &Fixed, side: &Side) -> Fault {
    for &(group, at_least) in &side.min_women {
        let women_pairs = Instance {
            positions: instance.positions,
            candidates: instance.candidates,
            pairs: instance
                .pairs
                .iter()
                .filter(|p| {
                    side.group[p.position as usize] == group && side.woman[p.candidate as usize]
                })
                .copied()
                .collect(),
        };
        let most = solve_fixed(&women_pairs, &Fixed::default())
            .map(|plan| plan.filled)
            .unwrap_or(0);
        if most < at_least {
            return Fault::Quota {
                group,
                needed: at_least,
                most,
            };
        }
    }
    for &(agency, at_most) in &side.max_per_agency {
        let pinned = fixed
            .pinned
            .iter()
            .filter(|&&(_, c)| side.agency[c as usize] == agency)
            .count() as u32;
        if pinned > at_most {
            return Fault::Cap {
                agency,
                cap: at_most,
                pinned,
            };
        }
    }
    Fault::Together
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{random, Shape};
    use crate::instance::Pair;

    /// The best (filled, score) of any plan meeting the constraints, by trying them all.
    fn exhaustive(instance: &Instance, side: &Side) -> Option<(u32, i64)> {
        fn search(
            instance: &Instance,
            side: &Side,
            position: u32,
            assignment: &mut Vec<Option<u32>>,
            used: &mut Vec<bool>,
            best: &mut Option<(u32, i64)>,
        ) {
            if position == instance.positions {
                let plan = Plan {
                    filled: assignment.iter().flatten().count() as u32,
                    score: 0,
                    assignment: assignment.clone(),
                };
                if broken(&plan, side).is_none() {
                    let score: i64 = assignment
                        .iter()
                        .enumerate()
                        .filter_map(|(p, c)| {
                            c.and_then(|c| {
                                instance
                                    .pairs
                                    .iter()
                                    .find(|pair| pair.position == p as u32 && pair.candidate == c)
                                    .map(|pair| pair.score)
                            })
                        })
                        .sum();
                    let value = (plan.filled, score);
                    if best.is_none_or(|b| value > b) {
                        *best = Some(value);
                    }
                }
                return;
            }
            assignment.push(None);
            search(instance, side, position + 1, assignment, used, best);
            assignment.pop();
            let choices: Vec<Pair> = instance
                .pairs
                .iter()
                .filter(|p| p.position == position)
                .copied()
                .collect();
            for pair in choices {
                if used[pair.candidate as usize] {
                    continue;
                }
                used[pair.candidate as usize] = true;
                assignment.push(Some(pair.candidate));
                search(instance, side, position + 1, assignment, used, best);
                assignment.pop();
                used[pair.candidate as usize] = false;
            }
        }
        let mut best = None;
        search(
            instance,
            side,
            0,
            &mut Vec::new(),
            &mut vec![false; instance.candidates as usize],
            &mut best,
        );
        best
    }

    fn side_for(instance: &Instance, seed: u64) -> Side {
        let candidates = instance.candidates as usize;
        let positions = instance.positions as usize;
        let bit = |i: usize, salt: u64| {
            (seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(i as u64 * 1442695040888963407 + salt)
                >> 33)
                % 100
        };
        Side {
            woman: (0..candidates).map(|c| bit(c, 1) < 45).collect(),
            agency: (0..candidates).map(|c| (bit(c, 2) % 3) as u32).collect(),
            group: (0..positions).map(|p| (p % 2) as u32).collect(),
            min_women: vec![
                (0, 1 + (seed % 2) as u32),
                (1, u32::from(seed.is_multiple_of(3))),
            ],
            max_per_agency: vec![((seed % 3) as u32, 1 + (seed % 2) as u32)],
        }
    }

    #[test]
    fn the_constrained_optimum_equals_exhaustive_search() {
        let mut checked = 0;
        let mut infeasible = 0;
        for seed in 0..1_500u64 {
            let shape = Shape {
                positions: 2 + (seed % 4) as u32,
                candidates: 3 + (seed % 5) as u32,
                density_percent: 40 + (seed % 50) as u32,
                max_score: 20,
                contested: seed.is_multiple_of(2),
            };
            let instance = random(&shape, seed);
            let side = side_for(&instance, seed);
            let outcome = solve_side(&instance, &Fixed::default(), &side, 100_000).expect("solves");
            let expected = exhaustive(&instance, &side);
            match expected {
                Some(value) => {
                    assert_eq!(outcome.status, Status::Optimal, "seed {seed}");
                    let plan = outcome.plan.expect("a plan");
                    assert_eq!((plan.filled, plan.score), value, "seed {seed}");
                    assert_eq!(outcome.bound, value, "seed {seed}");
                    assert!(broken(&plan, &side).is_none(), "seed {seed}");
                    checked += 1;
                }
                None => {
                    assert!(
                        matches!(outcome.status, Status::Infeasible(_)),
                        "seed {seed}: {outcome:?}"
                    );
                    assert!(outcome.plan.is_none());
                    infeasible += 1;
                }
            }
        }
        assert!(
            checked > 700 && infeasible > 20,
            "{checked} feasible, {infeasible} infeasible"
        );
    }

    #[test]
    fn an_impossible_quota_is_named_and_a_short_budget_reports_its_gap() {
        let instance = Instance {
            positions: 2,
            candidates: 3,
            pairs: vec![
                Pair {
                    position: 0,
                    candidate: 0,
                    score: 9,
                },
                Pair {
                    position: 0,
                    candidate: 1,
                    score: 5,
                },
                Pair {
                    position: 1,
                    candidate: 1,
                    score: 4,
                },
                Pair {
                    position: 1,
                    candidate: 2,
                    score: 7,
                },
            ],
        };
        let side = Side {
            woman: vec![false, true, false],
            agency: vec![0, 0, 1],
            group: vec![0, 0],
            min_women: vec![(0, 2)],
            max_per_agency: Vec::new(),
        };
        let outcome = solve_side(&instance, &Fixed::default(), &side, 1_000).expect("runs");
        match outcome.status {
            Status::Infeasible(fault) => {
                assert_eq!(
                    fault,
                    Fault::Quota {
                        group: 0,
                        needed: 2,
                        most: 1
                    }
                );
                let named = fault.describe(|_| "minusca".to_owned(), |a| a.to_string());
                assert!(
                    named.contains("group minusca needs at least 2 women, but at most 1"),
                    "{named}"
                );
            }
            other => panic!("{other:?}"),
        }
        // One woman wanted: she takes one post, the best man the other.
        let one = Side {
            min_women: vec![(0, 1)],
            ..side.clone()
        };
        let outcome = solve_side(&instance, &Fixed::default(), &one, 1_000).expect("runs");
        assert_eq!(outcome.status, Status::Optimal);
        assert_eq!(outcome.plan.map(|p| (p.filled, p.score)), Some((2, 13)));
        // A budget of one node finds the relaxation broken and stops with its bound.
        let outcome = solve_side(&instance, &Fixed::default(), &one, 1).expect("runs");
        assert_eq!(outcome.status, Status::Gap);
        assert_eq!(outcome.bound, (2, 16));
    }
}
