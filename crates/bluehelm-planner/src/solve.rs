//! The exact solver: a minimum-cost maximum matching by successive shortest augmenting
//! paths (Dijkstra with node potentials), started from every free position at once.
//!
//! The cost of a pair is `best score − score`, so costs are never negative and the first
//! potentials are zero. Each augmentation follows a shortest path from any free position
//! to a free candidate, so after `k` augmentations the matching is the cheapest of all
//! matchings of size `k` (after a search, every path of tight pairs from a free position to
//! a free candidate is such a shortest path, so many are taken per search); the search
//! stops when no augmenting path is left, so the last
//! matching is maximum. Together: as many positions filled as possible and, among those
//! plans, the highest total score. Ties are broken by index, so the same instance always
//! gives the same plan.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::instance::{Instance, InvalidInstance};

/// An optimal plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// For each position, the candidate chosen, if any.
    pub assignment: Vec<Option<u32>>,
    /// Positions filled: the most any plan can fill.
    pub filled: u32,
    /// The total score: the highest among plans that fill `filled` positions.
    pub score: i64,
}

/// The pairs of each position, as (candidate, cost), in one flat array.
struct Adjacency {
    starts: Vec<usize>,
    edges: Vec<(u32, i64)>,
}

impl Adjacency {
    fn new(instance: &Instance, best: i64) -> Self {
        let mut starts = vec![0usize; instance.positions as usize + 1];
        for pair in &instance.pairs {
            starts[pair.position as usize + 1] += 1;
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let mut next = starts.clone();
        let mut edges = vec![(0u32, 0i64); instance.pairs.len()];
        for pair in &instance.pairs {
            let slot = &mut next[pair.position as usize];
            edges[*slot] = (pair.candidate, best - pair.score);
            *slot += 1;
        }
        Self { starts, edges }
    }

    fn of(&self, position: usize) -> &[(u32, i64)] {
        &self.edges[self.starts[position]..self.starts[position + 1]]
    }
}

const UNREACHED: i64 = i64::MAX;
const NONE: u32 = u32::MAX;

/// Solves the plain problem (each position and each candidate used at most once).
pub fn solve(instance: &Instance) -> Result<Plan, InvalidInstance> {
    instance.validate()?;
    Ok(solve_valid(instance))
}

/// [`solve`] for an instance already validated.
pub(crate) fn solve_valid(instance: &Instance) -> Plan {
    solve_with_duals(instance).0
}

/// The optimal plan's dual certificate, in the solver's cost terms: a pair costs
/// `best − score`, and `cost + position[p] − candidate[c]` is never negative, zero on the
/// plan's pairs; a candidate's potential is never positive, zero when left free. The side
/// constraints' bound prices pairs outside a restricted instance with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duals {
    pub best: i64,
    pub position: Vec<i64>,
    pub candidate: Vec<i64>,
}

impl Duals {
    /// How much a pair of this score falls short of tight: negative when it would improve
    /// the plan.
    pub fn reduced(&self, position: u32, candidate: u32, score: i64) -> i64 {
        self.best - score + self.position[position as usize] - self.candidate[candidate as usize]
    }
}

/// [`solve_valid`] with the potentials that prove the plan optimal.
pub(crate) fn solve_with_duals(instance: &Instance) -> (Plan, Duals) {
    let positions = instance.positions as usize;
    let candidates = instance.candidates as usize;
    let best = instance
        .pairs
        .iter()
        .map(|pair| pair.score)
        .max()
        .unwrap_or(0);
    let graph = Adjacency::new(instance, best);
    // Each position starts with its cheapest pair tight, so one pass takes a large greedy
    // matching before any search. That start proves a plan optimal only when it fills every
    // position that has a pair (free positions would otherwise need equal potentials); when
    // it does not, the search is run again from zero potentials, which proves any plan.
    let mut found = assign(&graph, positions, candidates, true);
    let all_filled =
        (0..positions).all(|p| found.match_of_position[p] != NONE || graph.of(p).is_empty());
    if !all_filled {
        found = assign(&graph, positions, candidates, false);
    }
    let Assignment {
        match_of_position,
        potential_of_position,
        potential_of_candidate,
        ..
    } = found;
    let score_of = |position: usize, candidate: u32| {
        graph
            .of(position)
            .iter()
            .find(|(c, _)| *c == candidate)
            .map_or(0, |(_, cost)| best - cost)
    };
    let mut plan = Plan {
        assignment: vec![None; positions],
        filled: 0,
        score: 0,
    };
    for (position, &candidate) in match_of_position.iter().enumerate() {
        if candidate != NONE {
            plan.assignment[position] = Some(candidate);
            plan.filled += 1;
            plan.score += score_of(position, candidate);
        }
    }
    let duals = Duals {
        best,
        position: potential_of_position,
        candidate: potential_of_candidate,
    };
    (plan, duals)
}

/// A matching and the potentials that prove it optimal.
struct Assignment {
    match_of_position: Vec<u32>,
    potential_of_position: Vec<i64>,
    potential_of_candidate: Vec<i64>,
}

/// The successive shortest path search; `reduced_start` begins from each position's
/// cheapest pair tight (see [`solve_with_duals`]).
fn assign(
    graph: &Adjacency,
    positions: usize,
    candidates: usize,
    reduced_start: bool,
) -> Assignment {
    let mut match_of_position = vec![NONE; positions];
    let mut match_of_candidate = vec![NONE; candidates];
    let mut potential_of_position = vec![0i64; positions];
    let mut potential_of_candidate = vec![0i64; candidates];
    let mut distance_of_position = vec![UNREACHED; positions];
    let mut distance_of_candidate = vec![UNREACHED; candidates];
    let mut reached_from = vec![NONE; candidates];
    let mut touched_positions = Vec::new();
    let mut touched_candidates = Vec::new();
    let mut heap = BinaryHeap::new();
    let mut visited = vec![false; candidates];
    let mut stack = Vec::new();
    if reduced_start {
        bid_for_candidates(
            graph,
            (&mut potential_of_position, &mut potential_of_candidate),
            (&mut match_of_position, &mut match_of_candidate),
        );
        augment_along_tight_paths(
            graph,
            (&potential_of_position, &potential_of_candidate),
            (&mut match_of_position, &mut match_of_candidate),
            &mut visited,
            &mut stack,
        );
    }

    loop {
        for position in 0..positions {
            if match_of_position[position] == NONE && !graph.of(position).is_empty() {
                distance_of_position[position] = 0;
                touched_positions.push(position);
                heap.push(Reverse((0i64, position as u32)));
            }
        }
        // The nearest free candidate found so far: (distance, candidate).
        let mut sink: Option<(i64, u32)> = None;
        while let Some(Reverse((distance, position))) = heap.pop() {
            let position = position as usize;
            if distance > distance_of_position[position] {
                continue;
            }
            if sink.is_some_and(|(best, _)| distance >= best) {
                break;
            }
            for &(candidate, cost) in graph.of(position) {
                let c = candidate as usize;
                if match_of_position[position] == candidate {
                    continue;
                }
                let reduced = cost + potential_of_position[position] - potential_of_candidate[c];
                let through = distance + reduced;
                if through >= distance_of_candidate[c] {
                    continue;
                }
                if distance_of_candidate[c] == UNREACHED {
                    touched_candidates.push(c);
                }
                distance_of_candidate[c] = through;
                reached_from[c] = position as u32;
                match match_of_candidate[c] {
                    NONE => {
                        if sink.is_none_or(|(best, at)| (through, candidate) < (best, at)) {
                            sink = Some((through, candidate));
                        }
                    }
                    holder => {
                        // The matched pair is tight: its holder is as far as the candidate.
                        let holder = holder as usize;
                        if through < distance_of_position[holder] {
                            if distance_of_position[holder] == UNREACHED {
                                touched_positions.push(holder);
                            }
                            distance_of_position[holder] = through;
                            heap.push(Reverse((through, holder as u32)));
                        }
                    }
                }
            }
        }
        heap.clear();
        let Some((reach, sink)) = sink else {
            break;
        };
        // Shift the potentials of the nodes the search reached; the others all move by
        // `reach`, which leaves every reduced cost as it was, so they are left alone.
        for &position in &touched_positions {
            potential_of_position[position] += distance_of_position[position].min(reach) - reach;
            distance_of_position[position] = UNREACHED;
        }
        for &candidate in &touched_candidates {
            potential_of_candidate[candidate] +=
                distance_of_candidate[candidate].min(reach) - reach;
            distance_of_candidate[candidate] = UNREACHED;
        }
        touched_positions.clear();
        touched_candidates.clear();
        let mut candidate = sink;
        loop {
            let position = reached_from[candidate as usize];
            let previous = match_of_position[position as usize];
            match_of_position[position as usize] = candidate;
            match_of_candidate[candidate as usize] = position;
            if previous == NONE {
                break;
            }
            candidate = previous;
        }
        // Every other path of tight pairs from a free position to a free candidate is a
        // shortest augmenting path too: take as many disjoint ones as a depth-first pass
        // finds before searching again, so one search serves many augmentations.
        augment_along_tight_paths(
            graph,
            (&potential_of_position, &potential_of_candidate),
            (&mut match_of_position, &mut match_of_candidate),
            &mut visited,
            &mut stack,
        );
    }

    Assignment {
        match_of_position,
        potential_of_position,
        potential_of_candidate,
    }
}

/// The opening of the Jonker–Volgenant method ("augmenting row reduction"), six passes: a
/// free position takes its cheapest candidate and raises that candidate's price (lowers its
/// potential) until the position's second choice is as cheap, displacing whoever held it.
/// Contested candidates end up priced as they are worth, so the searches that follow start
/// from a large matching. Only a held candidate's potential ever moves, and a held candidate
/// stays held, so free candidates keep potential zero; every reduced cost stays ≥ 0 and every
/// held pair is tight.
fn bid_for_candidates(
    graph: &Adjacency,
    (potential_of_position, potential_of_candidate): (&mut [i64], &mut [i64]),
    (match_of_position, match_of_candidate): (&mut [u32], &mut [u32]),
) {
    let mut free: Vec<u32> = (0..match_of_position.len() as u32)
        .filter(|&p| !graph.of(p as usize).is_empty())
        .rev()
        .collect();
    for _ in 0..6 {
        let mut next = Vec::new();
        let mut bids = 0usize;
        // Bidding wars between many positions with near-equal choices can drag on; what
        // is left after a bounded number of bids goes to the shortest-path searches.
        let most_bids = 16 * match_of_position.len();
        while let Some(position) = free.pop() {
            let p = position as usize;
            let mut first = (i64::MAX, NONE);
            let mut second = i64::MAX;
            for &(candidate, cost) in graph.of(p) {
                let value = cost - potential_of_candidate[candidate as usize];
                if (value, candidate) < first {
                    second = first.0;
                    first = (value, candidate);
                } else if value < second {
                    second = value;
                }
            }
            let (cheapest, mut chosen) = first;
            if second == i64::MAX {
                // One pair only: take it if nobody holds it; the searches do the rest.
                if match_of_candidate[chosen as usize] == NONE {
                    match_of_position[p] = chosen;
                    match_of_candidate[chosen as usize] = position;
                    potential_of_position[p] = -cheapest;
                } else {
                    next.push(position);
                }
                continue;
            }
            bids += 1;
            let raised = cheapest < second;
            if raised {
                potential_of_candidate[chosen as usize] -= second - cheapest;
            } else if match_of_candidate[chosen as usize] != NONE {
                // A tie: a free second choice ends the chain.
                if let Some(&(free_one, _)) = graph.of(p).iter().find(|&&(c, cost)| {
                    c != chosen
                        && match_of_candidate[c as usize] == NONE
                        && cost - potential_of_candidate[c as usize] == second
                }) {
                    chosen = free_one;
                }
            }
            potential_of_position[p] = -second;
            let displaced = match_of_candidate[chosen as usize];
            match_of_position[p] = chosen;
            match_of_candidate[chosen as usize] = position;
            if displaced != NONE {
                match_of_position[displaced as usize] = NONE;
                if raised && bids < most_bids {
                    free.push(displaced);
                } else {
                    next.push(displaced);
                }
            }
        }
        next.reverse();
        free = next;
    }
}

/// Augments along a maximal set of disjoint paths of tight pairs (reduced cost zero), each
/// from a free position to a free candidate: a depth-first search per free position, each
/// candidate visited once per pass.
fn augment_along_tight_paths(
    graph: &Adjacency,
    (potential_of_position, potential_of_candidate): (&[i64], &[i64]),
    (match_of_position, match_of_candidate): (&mut [u32], &mut [u32]),
    visited: &mut [bool],
    stack: &mut Vec<(u32, usize, u32)>,
) {
    let mut seen = Vec::new();
    for start in 0..match_of_position.len() {
        if match_of_position[start] != NONE {
            continue;
        }
        // (position, next pair to try, candidate through which it was entered)
        stack.clear();
        stack.push((start as u32, 0, NONE));
        let mut free_found = NONE;
        while let Some(top) = stack.last_mut() {
            let position = top.0 as usize;
            let pairs = graph.of(position);
            let Some(&(candidate, cost)) = pairs.get(top.1) else {
                stack.pop();
                continue;
            };
            top.1 += 1;
            let c = candidate as usize;
            if visited[c] || match_of_position[position] == candidate {
                continue;
            }
            if cost + potential_of_position[position] - potential_of_candidate[c] != 0 {
                continue;
            }
            visited[c] = true;
            seen.push(c);
            match match_of_candidate[c] {
                NONE => {
                    free_found = candidate;
                    break;
                }
                holder => stack.push((holder, 0, candidate)),
            }
        }
        if free_found == NONE {
            continue;
        }
        // Each position on the stack takes the candidate the next one was entered by; the
        // last takes the free candidate.
        let mut next = free_found;
        while let Some((position, _, entered_by)) = stack.pop() {
            match_of_position[position as usize] = next;
            match_of_candidate[next as usize] = position;
            next = entered_by;
        }
    }
    for c in seen {
        visited[c] = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{random, Scores, Shape};
    use crate::instance::Pair;
    use crate::reference;

    fn pair(position: u32, candidate: u32, score: i64) -> Pair {
        Pair {
            position,
            candidate,
            score,
        }
    }

    #[test]
    fn filling_more_positions_beats_a_higher_score() {
        // Position 0 likes candidate 0 best, but only that leaves position 1 empty.
        let instance = Instance {
            positions: 2,
            candidates: 2,
            pairs: vec![pair(0, 0, 100), pair(0, 1, 1), pair(1, 0, 1)],
        };
        let plan = solve(&instance).expect("valid");
        assert_eq!(plan.assignment, [Some(1), Some(0)]);
        assert_eq!((plan.filled, plan.score), (2, 2));
    }

    #[test]
    fn the_order_of_positions_does_not_decide_who_is_left_out() {
        // Both positions want the one candidate; the better pair wins whichever comes first.
        let instance = Instance {
            positions: 2,
            candidates: 1,
            pairs: vec![pair(0, 0, 5), pair(1, 0, 9)],
        };
        let plan = solve(&instance).expect("valid");
        assert_eq!(plan.assignment, [None, Some(0)]);
    }

    #[test]
    fn bad_pairs_are_named() {
        let instance = Instance {
            positions: 1,
            candidates: 1,
            pairs: vec![pair(0, 0, 1), pair(0, 0, 2)],
        };
        assert_eq!(
            solve(&instance).unwrap_err(),
            InvalidInstance::DuplicatePair {
                first: 0,
                second: 1
            }
        );
    }

    #[test]
    fn optimal_on_thousands_of_small_random_instances() {
        for seed in 0..3_000u64 {
            let shape = Shape {
                positions: 1 + (seed % 6) as u32,
                candidates: 1 + (seed / 6 % 7) as u32,
                density_percent: 20 + (seed % 5) as u32 * 20,
                max_score: if seed % 3 == 0 { 3 } else { 100 },
                scores: [Scores::Contested, Scores::Random, Scores::Skewed][(seed % 3) as usize],
            };
            let instance = random(&shape, seed);
            let plan = solve(&instance).expect("valid");
            let (filled, score) = reference::best(&instance);
            assert_eq!(
                (plan.filled, plan.score),
                (filled, score),
                "seed {seed}: {instance:?}"
            );
            let mut used = std::collections::HashSet::new();
            for (position, candidate) in plan.assignment.iter().enumerate() {
                if let Some(candidate) = candidate {
                    assert!(used.insert(*candidate), "seed {seed}: candidate used twice");
                    assert!(instance
                        .pairs
                        .iter()
                        .any(|p| p.position as usize == position && p.candidate == *candidate));
                }
            }
        }
    }

    #[test]
    fn the_same_instance_gives_the_same_plan() {
        let shape = Shape {
            positions: 200,
            candidates: 2_000,
            density_percent: 5,
            max_score: 10,
            scores: Scores::Skewed,
        };
        let instance = random(&shape, 42);
        assert_eq!(solve(&instance), solve(&instance));
    }
}
