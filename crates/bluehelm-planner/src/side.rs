//! Side constraints: at least K women in a group of positions (the UN gender targets), at
//! most M people from one agency (so no agency is stripped), and pairs of candidates who
//! go together or not at all, or of whom at most one goes.
//!
//! The method is branch and bound with a Lagrangian bound, both over the exact core.
//!
//! **The bound.** Filling a position is worth `fill` (more than any difference of total
//! scores), so the lexicographic objective is one number, `fill × filled + score`. Each
//! quota and cap moves into the objective with a multiplier: a woman's pair in a group
//! with a quota gains the group's multiplier, a pair of an agency with a cap loses the
//! agency's. For any multipliers ≥ 0 the best plan of these prices, plus the multipliers
//! times the limits, is at least the value of every plan that meets the limits: a bound.
//! That best plan is the core's assignment problem (a free "stay empty" candidate per
//! position lets a post go unfilled when its prices make every pair a loss). At the root
//! a bisection first finds the best multiplier shared by every quota (quotas are usually
//! alike in every group, and then the best multipliers are there or near); subgradient
//! steps (Polyak's rule towards the best plan found, along the subgradient of an average of
//! the priced plans; multipliers in 1/`scale` of a score point) then lower the bound.
//!
//! **Speed.** The priced problem is solved on a working set of pairs (at first the pairs
//! closest to tight in the unconstrained optimum) and the core's dual potentials then
//! price every other pair: only when none would improve the plan is it optimal for the
//! whole instance; the ones that would are added and it is solved again. With a feasible
//! plan in hand, a pair whose reduced cost shows it cannot be part of a better plan is
//! dropped for good (reduced-cost fixing).
//!
//! **The search.** A node is a set of pinned and forbidden pairs; the most promising node
//! is taken first. Its bound either proves it cannot beat the best plan found, or its
//! priced plan is split on one of its pairs behind a broken (or slack but priced)
//! constraint: one child forbids the pair, the other pins it. The children partition the
//! node and exclude its priced plan from one side and pin a pair on the other, so the
//! search is finite and complete. Feasible plans come from priced plans that meet every
//! limit, greedy exchanges from priced plans, and plans whose quotas are given to definite
//! women-only posts and solved by the core.
//! Pairs who go together or apart are left to the search: a node whose priced plan
//! breaks one splits into a child that sends neither of a pair who go together (or not
//! the first of a pair who go apart) and a child that requires both (or the first and not
//! the second). A required candidate's pairs carry a bonus above any plan's worth, so the
//! priced plan sends every required candidate whenever a plan of the node can; it gives
//! the bonuses back, and a node that cannot send them all holds no plan.
//! When the search ends the best plan is proven optimal; when the node budget runs out
//! the status says so and the bound says how far off it may be. Every step is integer
//! arithmetic or a deterministic float rounding, so the same input gives the same plan.

use std::collections::BinaryHeap;

use crate::constraints::{solve_fixed, Fixed, Infeasible};
use crate::instance::{Instance, Pair};
use crate::solve::{solve_with_duals, Duals, Plan};

const NONE: u32 = u32::MAX;

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
    /// Pairs of candidates who go together or not at all (a team, a post and its
    /// relief).
    pub together: Vec<(u32, u32)>,
    /// Pairs of candidates of whom at most one goes (two members of a family, the only
    /// two specialists of a home unit).
    pub apart: Vec<(u32, u32)>,
}

/// How good the answer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The plan is the best that meets every constraint.
    Optimal,
    /// The node budget ran out: the plan (if one was found) meets every constraint, and
    /// nothing can beat `bound`.
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
    /// Both candidates of a pair who must not go together are pinned.
    PinnedApart { first: u32, second: u32 },
    /// A candidate who must go with a pinned one can take no post.
    PartnerCannotGo { pinned: u32, partner: u32 },
}

impl Fault {
    /// The fault in words, with the group, agency and candidate names of the caller's
    /// files.
    pub fn describe(
        &self,
        group: impl Fn(u32) -> String,
        agency: impl Fn(u32) -> String,
        candidate: impl Fn(u32) -> String,
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
            Fault::PinnedApart { first, second } => format!(
                "{} and {} must not go together, but both are pinned",
                candidate(first),
                candidate(second)
            ),
            Fault::PartnerCannotGo { pinned, partner } => format!(
                "{} must go with {}, who is pinned, but can take no post",
                candidate(partner),
                candidate(pinned)
            ),
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

/// A broken constraint of a plan: a group short of women, an agency over its cap, one of
/// a pair who go together without the other (by index into `Side::together`), both of a
/// pair who must not (by index into `Side::apart`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    Quota(u32),
    Cap(u32),
    Together(u32),
    Apart(u32),
}

#[cfg(test)]
fn broken(plan: &Plan, side: &Side) -> Option<Broken> {
    let model = Limits::new(side, side.group.len(), side.woman.len());
    let tally = model.tally(&plan.assignment);
    model.first_broken(&tally)
}

/// The quotas and caps once each (the strictest where a file repeats one), and which of
/// them each position and candidate counts towards.
struct Limits<'a> {
    side: &'a Side,
    quotas: Vec<(u32, u32)>,
    caps: Vec<(u32, u32)>,
    quota_of_position: Vec<u32>,
    cap_of_candidate: Vec<u32>,
}

/// How many women each quota's group and how many people each capped agency has in a
/// plan, and how many of each pair who go together, or apart, it sends.
#[derive(Debug, Clone)]
struct Tally {
    women: Vec<u32>,
    members: Vec<u32>,
    together: Vec<u8>,
    apart: Vec<u8>,
}

impl<'a> Limits<'a> {
    fn new(side: &'a Side, positions: usize, candidates: usize) -> Self {
        let mut quotas: Vec<(u32, u32)> = Vec::new();
        for &(group, at_least) in &side.min_women {
            match quotas.iter_mut().find(|(g, _)| *g == group) {
                Some(quota) => quota.1 = quota.1.max(at_least),
                None => quotas.push((group, at_least)),
            }
        }
        let mut caps: Vec<(u32, u32)> = Vec::new();
        for &(agency, at_most) in &side.max_per_agency {
            match caps.iter_mut().find(|(a, _)| *a == agency) {
                Some(cap) => cap.1 = cap.1.min(at_most),
                None => caps.push((agency, at_most)),
            }
        }
        let index_of = |limits: &[(u32, u32)], key: u32| {
            limits
                .iter()
                .position(|(k, _)| *k == key)
                .map_or(NONE, |i| i as u32)
        };
        Self {
            quota_of_position: (0..positions)
                .map(|p| index_of(&quotas, side.group[p]))
                .collect(),
            cap_of_candidate: (0..candidates)
                .map(|c| index_of(&caps, side.agency[c]))
                .collect(),
            side,
            quotas,
            caps,
        }
    }

    fn tally(&self, assignment: &[Option<u32>]) -> Tally {
        let mut tally = Tally {
            women: vec![0; self.quotas.len()],
            members: vec![0; self.caps.len()],
            together: vec![0; self.side.together.len()],
            apart: vec![0; self.side.apart.len()],
        };
        if !self.side.together.is_empty() || !self.side.apart.is_empty() {
            let mut sent = vec![false; self.side.woman.len()];
            for candidate in assignment.iter().flatten() {
                sent[*candidate as usize] = true;
            }
            self.count_pairs(&sent, &mut tally);
        }
        for (position, candidate) in assignment.iter().enumerate() {
            let Some(candidate) = *candidate else {
                continue;
            };
            let quota = self.quota_of_position[position];
            if quota != NONE && self.side.woman[candidate as usize] {
                tally.women[quota as usize] += 1;
            }
            let cap = self.cap_of_candidate[candidate as usize];
            if cap != NONE {
                tally.members[cap as usize] += 1;
            }
        }
        tally
    }

    /// How many of each pair who go together, or apart, are `sent`.
    fn count_pairs(&self, sent: &[bool], tally: &mut Tally) {
        let count = |(a, b): (u32, u32)| u8::from(sent[a as usize]) + u8::from(sent[b as usize]);
        for (k, &pair) in self.side.together.iter().enumerate() {
            tally.together[k] = count(pair);
        }
        for (k, &pair) in self.side.apart.iter().enumerate() {
            tally.apart[k] = count(pair);
        }
    }

    fn first_broken(&self, tally: &Tally) -> Option<Broken> {
        if let Some(k) = tally.together.iter().position(|&sent| sent == 1) {
            return Some(Broken::Together(k as u32));
        }
        if let Some(k) = tally.apart.iter().position(|&sent| sent == 2) {
            return Some(Broken::Apart(k as u32));
        }
        let quota = self
            .quotas
            .iter()
            .zip(&tally.women)
            .find(|((_, at_least), women)| *women < at_least)
            .map(|((group, _), _)| Broken::Quota(*group));
        quota.or_else(|| {
            self.caps
                .iter()
                .zip(&tally.members)
                .find(|((_, at_most), members)| *members > at_most)
                .map(|((agency, _), _)| Broken::Cap(*agency))
        })
    }
}

/// The multipliers of the quotas and caps, in 1/`scale` of a score point.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Multipliers {
    women: Vec<i64>,
    agency: Vec<i64>,
}

/// A node of the search: pairs (indices into the model's pairs) pinned and forbidden.
#[derive(Debug, Clone)]
struct Node {
    pinned: Vec<u32>,
    forbidden: Vec<u32>,
    /// Candidates every plan of the node sends, and candidates none sends (sorted): how
    /// the search splits on pairs who go together or apart.
    required: Vec<u32>,
    excluded: Vec<u32>,
    multipliers: Multipliers,
}

/// The best plan of a node at given prices.
#[derive(Clone)]
struct Priced {
    assignment: Vec<Option<u32>>,
    /// The plan's priced worth plus the multipliers times the limits, in 1/`scale` points:
    /// at least `scale` × the value of any plan of the node meeting the limits.
    lagrangian: i64,
    /// The plan's true value, `fill × filled + score`.
    value: i64,
    filled: u32,
    score: i64,
    tally: Tally,
    /// The certificate of the priced plan over the node's free positions, for
    /// reduced-cost fixing.
    duals: Duals,
}

struct Model<'a> {
    instance: &'a Instance,
    limits: Limits<'a>,
    /// The pairs not forbidden by the caller, and by position.
    pairs: Vec<Pair>,
    starts: Vec<usize>,
    /// Pairs still able to be part of a better plan (reduced-cost fixing clears them).
    alive: Vec<bool>,
    /// Per position, the pairs the priced problem is solved on; grows by pricing.
    working: Vec<Vec<u32>>,
    in_working: Vec<bool>,
    fill: i64,
    scale: i64,
    max_score: i64,
    /// The caller's pins: a node with more is a child.
    root_pins: usize,
    /// Whether the working set was cut down after the first pricing.
    shrunk: bool,
    /// Added to every pair of a candidate a node requires: more than any plan is worth,
    /// so the priced plan sends every required candidate whenever a plan of the node can.
    required_bonus: i64,
}

/// Pairs added to the working set per position and pricing round, the most improving.
const ADDED_PER_POSITION: usize = 32;
/// Pairs per position kept from the unconstrained optimum's pricing to start with.
const FIRST_WORKING_PER_POSITION: usize = 12;

impl<'a> Model<'a> {
    fn new(instance: &'a Instance, fixed: &Fixed, side: &'a Side) -> Result<Self, Infeasible> {
        let forbidden: std::collections::HashSet<(u32, u32)> =
            fixed.forbidden.iter().copied().collect();
        let mut pairs: Vec<Pair> = instance
            .pairs
            .iter()
            .filter(|p| !forbidden.contains(&(p.position, p.candidate)))
            .copied()
            .collect();
        pairs.sort_unstable_by_key(|p| (p.position, p.candidate));
        let positions = instance.positions as usize;
        let mut starts = vec![0usize; positions + 1];
        for pair in &pairs {
            starts[pair.position as usize + 1] += 1;
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let max_score = pairs.iter().map(|p| p.score).max().unwrap_or(0);
        let most_filled = i64::from(instance.positions.min(instance.candidates));
        let fill = max_score
            .checked_mul(most_filled)
            .and_then(|f| f.checked_add(1))
            .ok_or(Infeasible::ScoresTooLarge)?;
        // Every priced total, path length and bound stays below 2⁶⁰ for the largest scale
        // that allows it, at most 64 steps per score point.
        let per_plan = (fill + max_score)
            .checked_mul(4 * (most_filled + 1))
            .ok_or(Infeasible::ScoresTooLarge)?;
        // A node may require both of every pair who go together, each worth a bonus above
        // any plan.
        let bonuses = 2 * side.together.len() as i64 + 1;
        let scale = (0..=6)
            .rev()
            .map(|shift| 1i64 << shift)
            .find(|scale| {
                per_plan
                    .checked_mul(*scale)
                    .and_then(|v| v.checked_mul(bonuses))
                    .is_some_and(|v| v < 1 << 60)
            })
            .ok_or(Infeasible::ScoresTooLarge)?;
        let working = (0..positions)
            .map(|p| (starts[p] as u32..starts[p + 1] as u32).collect())
            .collect();
        Ok(Self {
            instance,
            limits: Limits::new(side, positions, instance.candidates as usize),
            alive: vec![true; pairs.len()],
            in_working: vec![true; pairs.len()],
            working,
            pairs,
            starts,
            fill,
            scale,
            max_score,
            root_pins: fixed.pinned.len(),
            shrunk: false,
            required_bonus: per_plan * scale,
        })
    }

    fn pair_index(&self, position: u32, candidate: u32) -> Option<u32> {
        let range = self.starts[position as usize]..self.starts[position as usize + 1];
        self.pairs[range.clone()]
            .binary_search_by_key(&candidate, |p| p.candidate)
            .ok()
            .map(|i| (range.start + i) as u32)
    }

    fn priced_weight(&self, pair: &Pair, multipliers: &Multipliers) -> i64 {
        let mut weight = self.scale * (self.fill + pair.score);
        let quota = self.limits.quota_of_position[pair.position as usize];
        if quota != NONE && self.limits.side.woman[pair.candidate as usize] {
            weight += multipliers.women[quota as usize];
        }
        let cap = self.limits.cap_of_candidate[pair.candidate as usize];
        if cap != NONE {
            weight -= multipliers.agency[cap as usize];
        }
        weight
    }

    fn limits_term(&self, multipliers: &Multipliers) -> i64 {
        let caps: i64 = (self.limits.caps.iter())
            .zip(&multipliers.agency)
            .map(|((_, at_most), m)| m * i64::from(*at_most))
            .sum();
        let quotas: i64 = (self.limits.quotas.iter())
            .zip(&multipliers.women)
            .map(|((_, at_least), m)| m * i64::from(*at_least))
            .sum();
        caps - quotas
    }

    /// The best plan of `node` at `multipliers`, optimal over every pair of the node.
    fn price(&mut self, node: &Node, multipliers: &Multipliers) -> Priced {
        let positions = self.instance.positions as usize;
        let candidates = self.instance.candidates;
        let mut taken_position = vec![false; positions];
        let mut taken_candidate = vec![false; candidates as usize];
        let mut assignment = vec![None; positions];
        let mut constant = self.limits_term(multipliers);
        let mut contradicts = false;
        for &index in &node.pinned {
            let pair = self.pairs[index as usize];
            taken_position[pair.position as usize] = true;
            taken_candidate[pair.candidate as usize] = true;
            assignment[pair.position as usize] = Some(pair.candidate);
            constant += self.priced_weight(&pair, multipliers);
            contradicts |= node.excluded.binary_search(&pair.candidate).is_ok();
        }
        // Required candidates not pinned yet: each pair of theirs carries the bonus, which
        // the priced plan gives back once it sends them all.
        let mut owed: Vec<u32> = Vec::new();
        for &candidate in &node.required {
            contradicts |= node.excluded.binary_search(&candidate).is_ok();
            if !taken_candidate[candidate as usize] {
                owed.push(candidate);
                constant -= self.required_bonus;
            }
        }
        for &candidate in &node.excluded {
            taken_candidate[candidate as usize] = true;
        }
        let required_bonus = self.required_bonus;
        let bonus = |candidate: u32| {
            if owed.binary_search(&candidate).is_ok() {
                required_bonus
            } else {
                0
            }
        };
        let allowed = |model: &Self, index: u32| {
            let pair = &model.pairs[index as usize];
            model.alive[index as usize]
                && !taken_position[pair.position as usize]
                && !taken_candidate[pair.candidate as usize]
                && node.forbidden.binary_search(&index).is_err()
        };
        loop {
            let mut restricted = Instance {
                positions: self.instance.positions,
                candidates: candidates + self.instance.positions,
                pairs: Vec::new(),
            };
            let free_positions = (0..positions).filter(|&p| !taken_position[p]);
            for position in free_positions.clone() {
                for &index in &self.working[position] {
                    if !allowed(self, index) {
                        continue;
                    }
                    let pair = &self.pairs[index as usize];
                    let weight = self.priced_weight(pair, multipliers) + bonus(pair.candidate);
                    if weight > 0 {
                        restricted.pairs.push(Pair {
                            score: weight,
                            ..*pair
                        });
                    }
                }
                restricted.pairs.push(Pair {
                    position: position as u32,
                    candidate: candidates + position as u32,
                    score: 0,
                });
            }
            let (plan, duals) = solve_with_duals(&restricted);
            let mut improving: Vec<(u32, i64, u32)> = Vec::new();
            for position in free_positions {
                for index in self.starts[position] as u32..self.starts[position + 1] as u32 {
                    if self.in_working[index as usize] || !allowed(self, index) {
                        continue;
                    }
                    let pair = &self.pairs[index as usize];
                    let weight = self.priced_weight(pair, multipliers) + bonus(pair.candidate);
                    if weight <= 0 {
                        continue;
                    }
                    let reduced = duals.reduced(pair.position, pair.candidate, weight);
                    if reduced < 0 {
                        improving.push((pair.position, reduced, index));
                    }
                }
            }
            if improving.is_empty() {
                for (position, candidate) in plan.assignment.iter().enumerate() {
                    if let Some(candidate) = *candidate {
                        if candidate < candidates {
                            assignment[position] = Some(candidate);
                        }
                    }
                }
                let mut filled = 0;
                let mut score = 0;
                for (position, candidate) in assignment.iter().enumerate() {
                    if let Some(candidate) = *candidate {
                        filled += 1;
                        let index = self
                            .pair_index(position as u32, candidate)
                            .expect("a plan's pairs are pairs of the instance");
                        score += self.pairs[index as usize].score;
                    }
                }
                let tally = self.limits.tally(&assignment);
                let sent = |c: &u32| assignment.contains(&Some(*c));
                // A node that cannot send everyone it requires (or both requires and
                // excludes someone) holds no plan: a negative bound says so.
                let lagrangian = if contradicts || !owed.iter().all(sent) {
                    -1
                } else {
                    plan.score + constant
                };
                return Priced {
                    lagrangian,
                    value: self.fill * i64::from(filled) + score,
                    filled,
                    score,
                    assignment,
                    tally,
                    duals,
                };
            }
            improving.sort_unstable();
            let mut added_here = 0;
            let mut last_position = NONE;
            for (position, _, index) in improving {
                if position != last_position {
                    last_position = position;
                    added_here = 0;
                }
                if added_here < ADDED_PER_POSITION {
                    added_here += 1;
                    self.working[position as usize].push(index);
                    self.in_working[index as usize] = true;
                }
            }
        }
    }

    /// After the first (unconstrained) pricing over every pair: keep per position only the
    /// pairs nearest to tight, and those of the plan.
    fn shrink_working_set(&mut self, priced: &Priced, multipliers: &Multipliers) {
        for position in 0..self.working.len() {
            let mut ranked: Vec<(i64, u32)> = self.working[position]
                .iter()
                .map(|&index| {
                    let pair = &self.pairs[index as usize];
                    let weight = self.priced_weight(pair, multipliers);
                    let chosen = priced.assignment[position] == Some(pair.candidate);
                    let reduced = if chosen {
                        i64::MIN
                    } else {
                        priced
                            .duals
                            .reduced(pair.position, pair.candidate, weight.max(0))
                    };
                    (reduced, index)
                })
                .collect();
            ranked.sort_unstable();
            for &(_, index) in ranked.iter().skip(FIRST_WORKING_PER_POSITION) {
                self.in_working[index as usize] = false;
            }
            ranked.truncate(FIRST_WORKING_PER_POSITION);
            self.working[position] = ranked.into_iter().map(|(_, index)| index).collect();
        }
    }

    /// Drops every pair that cannot be part of a plan worth more than `incumbent`: its
    /// priced bound, the node's bound less its reduced cost, is no better.
    fn fix_by_reduced_cost(&mut self, priced: &Priced, multipliers: &Multipliers, incumbent: i64) {
        let candidates = self.instance.candidates;
        for index in 0..self.pairs.len() {
            let pair = self.pairs[index];
            if !self.alive[index]
                || priced.assignment[pair.position as usize] == Some(pair.candidate)
            {
                continue;
            }
            let weight = self.priced_weight(&pair, multipliers);
            // A pair worth nothing at these prices does no better than leaving its post
            // empty; otherwise the plan's certificate prices it.
            let ceiling = if weight <= 0 {
                priced.lagrangian + weight
            } else if pair.candidate < candidates
                && (pair.position as usize) < priced.duals.position.len()
            {
                let reduced = priced.duals.reduced(pair.position, pair.candidate, weight);
                if reduced < 0 {
                    continue;
                }
                priced.lagrangian - reduced
            } else {
                continue;
            };
            if ceiling.div_euclid(self.scale) <= incumbent {
                self.alive[index] = false;
            }
        }
    }
}

/// The incumbent: the best plan meeting the limits found so far, with its value.
struct Best {
    value: i64,
    plan: Plan,
}

impl Best {
    fn offer(best: &mut Option<Best>, priced: &Priced, limits: &Limits) {
        if limits.first_broken(&priced.tally).is_some() {
            return;
        }
        if best.as_ref().is_some_and(|b| b.value >= priced.value) {
            return;
        }
        *best = Some(Best {
            value: priced.value,
            plan: Plan {
                assignment: priced.assignment.clone(),
                filled: priced.filled,
                score: priced.score,
            },
        });
    }
}

/// What the subgradient search of a node ends with.
struct Bounded {
    /// No plan of the node meeting the limits is worth more.
    bound: i64,
    multipliers: Multipliers,
    priced: Priced,
}

impl Model<'_> {
    /// Lowers the node's bound by subgradient steps from `start`, offering every priced
    /// plan that meets the limits as a candidate answer.
    fn bound_node(&mut self, node: &Node, iterations: usize, best: &mut Option<Best>) -> Bounded {
        let is_root = node.pinned.len() == self.root_pins
            && node.forbidden.is_empty()
            && node.required.is_empty()
            && node.excluded.is_empty();
        let (mut multipliers, mut kept) = if is_root && !self.limits.quotas.is_empty() {
            let shared = self.shared_quota_price(node, best);
            self.designate_women_posts(node, &shared, best);
            (shared.multipliers.clone(), Some(shared))
        } else {
            (node.multipliers.clone(), None)
        };
        // A child starts from its parent's multipliers, and the root from the shared
        // quota price, already near their best.
        let mut step_size = if kept.is_some() || !is_root {
            0.25
        } else {
            1.0f64
        };
        let mut stalled = 0;
        let mut average: Option<(Vec<f64>, Vec<f64>)> = None;
        for iteration in 0..iterations {
            let priced = self.price_shrinking(node, &multipliers);
            Best::offer(best, &priced, &self.limits);
            // The greedy repair costs about as much as a priced solve, and on large
            // instances the designation below finds the better plans: every tenth plan.
            if iteration % DESIGNATE_EVERY == 0 {
                self.repair(node, &priced.assignment, best);
            }
            let bound = priced.lagrangian.div_euclid(self.scale);
            if iteration % DESIGNATE_EVERY == DESIGNATE_EVERY - 1 {
                let at = Bounded {
                    bound,
                    multipliers: multipliers.clone(),
                    priced: priced.clone(),
                };
                self.designate_women_posts(node, &at, best);
            }
            let improved = kept.as_ref().is_none_or(|k| bound < k.bound);
            // The direction: the subgradient of an average of the priced plans (the
            // "volume" variant), which damps the zig-zag of plans that swing whole blocks of
            // people between groups at nearly equal prices; projected, so a multiplier at
            // zero whose limit has room stays there.
            let alpha = AVERAGING;
            match &mut average {
                None => {
                    average = Some((
                        priced
                            .tally
                            .women
                            .iter()
                            .map(|&w| f64::from(w))
                            .collect::<Vec<f64>>(),
                        priced
                            .tally
                            .members
                            .iter()
                            .map(|&m| f64::from(m))
                            .collect::<Vec<f64>>(),
                    ))
                }
                Some((women, members)) => {
                    for (avg, &now) in women.iter_mut().zip(&priced.tally.women) {
                        *avg = alpha * f64::from(now) + (1.0 - alpha) * *avg;
                    }
                    for (avg, &now) in members.iter_mut().zip(&priced.tally.members) {
                        *avg = alpha * f64::from(now) + (1.0 - alpha) * *avg;
                    }
                }
            }
            let (average_women, average_members) = average.as_ref().expect("set above");
            let mut gradient_women = Vec::with_capacity(self.limits.quotas.len());
            for (q, &(_, at_least)) in self.limits.quotas.iter().enumerate() {
                let room = average_women[q] - f64::from(at_least);
                gradient_women.push(if multipliers.women[q] == 0 && room > 0.0 {
                    0.0
                } else {
                    room
                });
            }
            let mut gradient_agency = Vec::with_capacity(self.limits.caps.len());
            for (k, &(_, at_most)) in self.limits.caps.iter().enumerate() {
                let room = f64::from(at_most) - average_members[k];
                gradient_agency.push(if multipliers.agency[k] == 0 && room > 0.0 {
                    0.0
                } else {
                    room
                });
            }
            let norm: f64 = gradient_women
                .iter()
                .chain(&gradient_agency)
                .map(|g| g * g)
                .sum();
            if improved {
                stalled = 0;
                kept = Some(Bounded {
                    bound,
                    multipliers: multipliers.clone(),
                    priced,
                });
            } else {
                stalled += 1;
                if stalled >= STALLED_STEPS {
                    step_size /= 2.0;
                    stalled = 0;
                }
            }
            let bound = kept.as_ref().map_or(i64::MAX, |k| k.bound);
            let incumbent = best.as_ref().map(|b| b.value);
            if norm < 1e-9
                || bound < 0
                || incumbent.is_some_and(|v| v >= bound)
                || step_size < 1.0 / 64.0
            {
                break;
            }
            let lagrangian = kept.as_ref().map_or(0, |k| k.priced.lagrangian);
            let gap = match incumbent {
                Some(value) => (lagrangian - value * self.scale).max(self.scale) as f64,
                None => (self.scale * self.max_score.max(1)) as f64 * norm.sqrt(),
            };
            let t = step_size * gap / norm;
            let mut moved = false;
            for (m, g) in multipliers.women.iter_mut().zip(&gradient_women) {
                let next = ((*m as f64) - t * g).round().max(0.0) as i64;
                moved |= next != *m;
                *m = next;
            }
            for (m, g) in multipliers.agency.iter_mut().zip(&gradient_agency) {
                let next = ((*m as f64) - t * g).round().max(0.0) as i64;
                moved |= next != *m;
                *m = next;
            }
            if !moved {
                step_size /= 2.0;
            }
        }
        let kept = kept.expect("at least one iteration");
        if best.as_ref().is_none_or(|b| b.value < kept.bound) {
            self.designate_women_posts(node, &kept, best);
        }
        kept
    }

    /// [`Model::price`]; the first pricing of the search runs over every pair, and then
    /// the working set is cut down to the pairs nearest to tight.
    fn price_shrinking(&mut self, node: &Node, multipliers: &Multipliers) -> Priced {
        let priced = self.price(node, multipliers);
        if !self.shrunk {
            self.shrink_working_set(&priced, multipliers);
            self.shrunk = true;
        }
        priced
    }

    /// The best bound with one multiplier shared by every quota (caps unpriced), found
    /// by bisection: the bound is convex in the shared multiplier and the women the priced
    /// plan sends grow with it, so the sign of the women over or short of the quotas says
    /// on which side the best lies. Quotas that are alike in every group (a share of each
    /// unit, the usual case) have their best multipliers there or near, so the subgradient
    /// steps start from it, and each step is one priced plan.
    fn shared_quota_price(&mut self, node: &Node, best: &mut Option<Best>) -> Bounded {
        let unpriced = Multipliers {
            women: vec![0; self.limits.quotas.len()],
            agency: vec![0; self.limits.caps.len()],
        };
        let mut at = |model: &mut Self, shared: i64| {
            let multipliers = Multipliers {
                women: vec![shared; model.limits.quotas.len()],
                ..unpriced.clone()
            };
            let priced = model.price_shrinking(node, &multipliers);
            Best::offer(best, &priced, &model.limits);
            let bound = priced.lagrangian.div_euclid(model.scale);
            let short: i64 = (model.limits.quotas.iter())
                .zip(&priced.tally.women)
                .map(|(&(_, at_least), &women)| i64::from(at_least) - i64::from(women))
                .sum();
            (
                Bounded {
                    bound,
                    multipliers,
                    priced,
                },
                short,
            )
        };
        let (mut kept, _) = at(self, 0);
        let (mut low, mut high) = (1, self.scale * (self.max_score + 1));
        while low <= high {
            let middle = low + (high - low) / 2;
            let (bounded, short) = at(self, middle);
            if bounded.bound < kept.bound {
                kept = bounded;
            }
            match short.cmp(&0) {
                std::cmp::Ordering::Greater => low = middle + 1,
                std::cmp::Ordering::Less => high = middle - 1,
                std::cmp::Ordering::Equal => break,
            }
        }
        kept
    }

    /// A feasible plan near the bound, for quotas: at equal prices women are worth the
    /// same in every group, so priced plans crowd them into some groups and leave others
    /// short. Here each group's quota is given to definite posts — those its women hold in
    /// the priced plan, then posts where a woman comes near to tight by the plan's
    /// certificate — which only women may take, and the core solves that with the caps
    /// priced by tolls, raised for agencies still over their caps and solved again (up to
    /// four times); the greedy repair settles any cap left over.
    fn designate_women_posts(&self, node: &Node, bounded: &Bounded, best: &mut Option<Best>) {
        let limits = &self.limits;
        let side = limits.side;
        let positions = self.instance.positions as usize;
        let priced = &bounded.priced;
        let mut pinned_position = vec![false; positions];
        let mut pinned_candidate = vec![false; self.instance.candidates as usize];
        let mut needed: Vec<u32> = limits.quotas.iter().map(|&(_, k)| k).collect();
        for &index in &node.pinned {
            let pair = &self.pairs[index as usize];
            pinned_position[pair.position as usize] = true;
            pinned_candidate[pair.candidate as usize] = true;
            let quota = limits.quota_of_position[pair.position as usize];
            if quota != NONE && side.woman[pair.candidate as usize] {
                needed[quota as usize] = needed[quota as usize].saturating_sub(1);
            }
        }
        let allowed = |index: usize| {
            let pair = &self.pairs[index];
            self.alive[index]
                && !pinned_position[pair.position as usize]
                && !pinned_candidate[pair.candidate as usize]
                && node.forbidden.binary_search(&(index as u32)).is_err()
        };
        // Per quota, the posts its women hold come first, those where a man comes nearest
        // to tight last (they are the cheapest to give up). A quota still short takes posts
        // where a woman comes near to tight, by the priced plan's certificate — the
        // cheapest (post, woman) pairs first, each woman for one post only, since the
        // same few women are near to tight at many posts.
        let mut held: Vec<Vec<(i64, usize)>> = vec![Vec::new(); limits.quotas.len()];
        let mut offers: Vec<(i64, usize, u32)> = Vec::new();
        for (position, &quota) in limits.quota_of_position.iter().enumerate() {
            if quota == NONE || pinned_position[position] {
                continue;
            }
            let holder = priced.assignment[position];
            let held_by_woman = holder.is_some_and(|c| side.woman[c as usize]);
            let mut nearest_man = i64::MAX / 2;
            let mut women: Vec<(i64, usize, u32)> = Vec::new();
            for index in self.starts[position]..self.starts[position + 1] {
                let pair = &self.pairs[index];
                if !allowed(index) || holder == Some(pair.candidate) {
                    continue;
                }
                let weight = self.priced_weight(pair, &bounded.multipliers).max(0);
                let reduced = priced.duals.reduced(pair.position, pair.candidate, weight);
                if side.woman[pair.candidate as usize] {
                    women.push((reduced, position, pair.candidate));
                } else {
                    nearest_man = nearest_man.min(reduced);
                }
            }
            if held_by_woman {
                held[quota as usize].push((-nearest_man, position));
            } else {
                women.sort_unstable();
                offers.extend(women.into_iter().take(OFFERS_PER_POST));
            }
        }
        let mut women_only = vec![false; positions];
        let mut short: Vec<u32> = needed.clone();
        for (quota, posts) in held.iter_mut().enumerate() {
            posts.sort_unstable();
            for &(_, position) in posts.iter().take(needed[quota] as usize) {
                women_only[position] = true;
                short[quota] -= 1;
            }
        }
        offers.sort_unstable();
        let mut claimed = vec![false; self.instance.candidates as usize];
        for (_, position, woman) in offers {
            let quota = limits.quota_of_position[position] as usize;
            if short[quota] == 0 || women_only[position] || claimed[woman as usize] {
                continue;
            }
            women_only[position] = true;
            claimed[woman as usize] = true;
            short[quota] -= 1;
        }
        let eligible: Vec<Pair> = (0..self.pairs.len())
            .filter(|&i| allowed(i))
            .map(|i| self.pairs[i])
            .filter(|p| !women_only[p.position as usize] || side.woman[p.candidate as usize])
            .collect();
        // Caps priced by tolls; an agency still over its cap pays more next round.
        let mut tolls = bounded.multipliers.agency.clone();
        for _ in 0..TOLL_ROUNDS {
            let toll = |candidate: u32| match limits.cap_of_candidate[candidate as usize] {
                NONE => 0,
                cap => tolls[cap as usize],
            };
            let highest_toll = tolls.iter().copied().max().unwrap_or(0);
            let restricted = Instance {
                positions: self.instance.positions,
                candidates: self.instance.candidates,
                pairs: (eligible.iter())
                    .map(|p| Pair {
                        score: self.scale * p.score - toll(p.candidate) + highest_toll,
                        ..*p
                    })
                    .collect(),
            };
            let mut assignment = crate::solve::solve_valid(&restricted).assignment;
            for &index in &node.pinned {
                let pair = &self.pairs[index as usize];
                assignment[pair.position as usize] = Some(pair.candidate);
            }
            self.repair(node, &assignment, best);
            let members = limits.tally(&assignment).members;
            let mut raised = false;
            for (k, &(_, at_most)) in limits.caps.iter().enumerate() {
                if members[k] > at_most {
                    tolls[k] += tolls[k].max(self.scale);
                    raised = true;
                }
            }
            if !raised {
                break;
            }
        }
    }

    /// A feasible plan near a priced one, by greedy exchanges without solving: while a
    /// group is short of women, the exchange that costs least puts an unused eligible woman
    /// in one of its posts held by a man or empty, or swaps that man with a woman of a group
    /// with women to spare where each is eligible for the other's post; while an agency is
    /// over its cap, the
    /// exchange that costs least gives one of its posts to an unused person of an agency
    /// with room (a woman where the group's quota has none to spare), or leaves it empty.
    /// Pinned posts are never touched. The result, if it meets every limit, is offered.
    fn repair(&self, node: &Node, start: &[Option<u32>], best: &mut Option<Best>) {
        let limits = &self.limits;
        let side = limits.side;
        let mut assignment = start.to_vec();
        let mut tally = limits.tally(&assignment);
        let mut used = vec![false; self.instance.candidates as usize];
        let mut post_of = vec![NONE; self.instance.candidates as usize];
        for (position, candidate) in assignment.iter().enumerate() {
            if let Some(candidate) = candidate {
                used[*candidate as usize] = true;
                post_of[*candidate as usize] = position as u32;
            }
        }
        let mut pinned = vec![false; assignment.len()];
        for &index in &node.pinned {
            pinned[self.pairs[index as usize].position as usize] = true;
        }
        let usable = |index: u32, used: &[bool]| {
            let pair = &self.pairs[index as usize];
            self.alive[index as usize]
                && !used[pair.candidate as usize]
                && node.forbidden.binary_search(&index).is_err()
        };
        let worth_of = |position: usize, candidate: Option<u32>| match candidate {
            Some(c) => {
                let index = self.pair_index(position as u32, c).expect("a plan's pair");
                self.fill + self.pairs[index as usize].score
            }
            None => 0,
        };
        // What each post's holder is worth, kept as exchanges are made.
        let mut held_worth: Vec<i64> = (assignment.iter().enumerate())
            .map(|(position, &candidate)| worth_of(position, candidate))
            .collect();
        let has_room = |tally: &Tally, candidate: u32| {
            let cap = limits.cap_of_candidate[candidate as usize];
            cap == NONE || tally.members[cap as usize] < limits.caps[cap as usize].1
        };
        for _ in 0..=assignment.len() {
            // (loss, (position, new holder), and for an exchange the second post's change)
            type Change = (usize, Option<u32>);
            let mut cheapest: Option<(i64, Change, Option<Change>)> = None;
            let mut consider = |loss: i64, first: Change, second: Option<Change>| {
                if cheapest.is_none_or(|(l, _, _)| loss < l) {
                    cheapest = Some((loss, first, second));
                }
            };
            match limits.first_broken(&tally) {
                None => {
                    let (filled, score) = (assignment.iter().enumerate())
                        .filter_map(|(p, c)| c.map(|_| held_worth[p] - self.fill))
                        .fold((0u32, 0i64), |(f, s), score| (f + 1, s + score));
                    let value = self.fill * i64::from(filled) + score;
                    if best.as_ref().is_none_or(|b| b.value < value) {
                        *best = Some(Best {
                            value,
                            plan: Plan {
                                assignment,
                                filled,
                                score,
                            },
                        });
                    }
                    return;
                }
                Some(Broken::Quota(group)) => {
                    for position in 0..assignment.len() {
                        let held = assignment[position];
                        if pinned[position]
                            || side.group[position] != group
                            || held.is_some_and(|c| side.woman[c as usize])
                        {
                            continue;
                        }
                        let before = held_worth[position];
                        for index in self.starts[position] as u32..self.starts[position + 1] as u32
                        {
                            let candidate = self.pairs[index as usize].candidate;
                            if side.woman[candidate as usize]
                                && usable(index, &used)
                                && has_room(&tally, candidate)
                            {
                                let after = self.fill + self.pairs[index as usize].score;
                                consider(before - after, (position, Some(candidate)), None);
                            }
                        }
                        // Or exchange the man with a woman of a group with women to spare,
                        // where each is eligible for the other's post.
                        let Some(man) = held else {
                            continue;
                        };
                        for index in self.starts[position] as u32..self.starts[position + 1] as u32
                        {
                            let pair = &self.pairs[index as usize];
                            let woman = pair.candidate;
                            let other = post_of[woman as usize];
                            if !side.woman[woman as usize]
                                || other == NONE
                                || pinned[other as usize]
                                || !self.alive[index as usize]
                                || node.forbidden.binary_search(&index).is_ok()
                            {
                                continue;
                            }
                            let other = other as usize;
                            let spare = match limits.quota_of_position[other] {
                                NONE => true,
                                q => {
                                    limits.quotas[q as usize].0 != group
                                        && tally.women[q as usize] > limits.quotas[q as usize].1
                                }
                            };
                            if !spare {
                                continue;
                            }
                            let Some(back) = self.pair_index(other as u32, man) else {
                                continue;
                            };
                            if !self.alive[back as usize]
                                || node.forbidden.binary_search(&back).is_ok()
                            {
                                continue;
                            }
                            let loss = held_worth[position] + held_worth[other]
                                - (self.fill + pair.score)
                                - (self.fill + self.pairs[back as usize].score);
                            consider(loss, (position, Some(woman)), Some((other, Some(man))));
                        }
                    }
                }
                Some(Broken::Apart(k)) => {
                    // One of the two goes home: their post is left empty or given to
                    // someone unused.
                    let (a, b) = side.apart[k as usize];
                    for member in [a, b] {
                        let position = post_of[member as usize] as usize;
                        if pinned[position] {
                            continue;
                        }
                        let before = held_worth[position];
                        consider(before, (position, None), None);
                        for index in self.starts[position] as u32..self.starts[position + 1] as u32
                        {
                            let candidate = self.pairs[index as usize].candidate;
                            if usable(index, &used) && has_room(&tally, candidate) {
                                let after = self.fill + self.pairs[index as usize].score;
                                consider(before - after, (position, Some(candidate)), None);
                            }
                        }
                    }
                }
                Some(Broken::Together(k)) => {
                    let (a, b) = side.together[k as usize];
                    let (sent, missing) = if used[a as usize] { (a, b) } else { (b, a) };
                    // Either the one sent goes home (their post left empty or given to
                    // someone unused but the partner) …
                    let position = post_of[sent as usize] as usize;
                    if !pinned[position] {
                        let before = held_worth[position];
                        consider(before, (position, None), None);
                        for index in self.starts[position] as u32..self.starts[position + 1] as u32
                        {
                            let candidate = self.pairs[index as usize].candidate;
                            if candidate != missing
                                && usable(index, &used)
                                && has_room(&tally, candidate)
                            {
                                let after = self.fill + self.pairs[index as usize].score;
                                consider(before - after, (position, Some(candidate)), None);
                            }
                        }
                    }
                    // … or the partner takes a post of theirs, its holder going home.
                    if has_room(&tally, missing) {
                        for index in 0..self.pairs.len() as u32 {
                            let pair = &self.pairs[index as usize];
                            let position = pair.position as usize;
                            if pair.candidate != missing
                                || pinned[position]
                                || assignment[position] == Some(sent)
                                || !usable(index, &used)
                            {
                                continue;
                            }
                            let loss = held_worth[position] - (self.fill + pair.score);
                            consider(loss, (position, Some(missing)), None);
                        }
                    }
                }
                Some(Broken::Cap(agency)) => {
                    for position in 0..assignment.len() {
                        let Some(held) = assignment[position] else {
                            continue;
                        };
                        if pinned[position] || side.agency[held as usize] != agency {
                            continue;
                        }
                        let quota = limits.quota_of_position[position];
                        let woman_needed = side.woman[held as usize]
                            && quota != NONE
                            && tally.women[quota as usize] <= limits.quotas[quota as usize].1;
                        let before = held_worth[position];
                        if !woman_needed {
                            consider(before, (position, None), None);
                        }
                        for index in self.starts[position] as u32..self.starts[position + 1] as u32
                        {
                            let candidate = self.pairs[index as usize].candidate;
                            if side.agency[candidate as usize] != agency
                                && (!woman_needed || side.woman[candidate as usize])
                                && usable(index, &used)
                                && has_room(&tally, candidate)
                            {
                                let after = self.fill + self.pairs[index as usize].score;
                                consider(before - after, (position, Some(candidate)), None);
                            }
                        }
                    }
                }
            }
            let Some((_, first, second)) = cheapest else {
                return;
            };
            let count = |tally: &mut Tally, position: usize, candidate: u32, step: i64| {
                let quota = limits.quota_of_position[position];
                if quota != NONE && side.woman[candidate as usize] {
                    let women = &mut tally.women[quota as usize];
                    *women = (i64::from(*women) + step) as u32;
                }
                let cap = limits.cap_of_candidate[candidate as usize];
                if cap != NONE {
                    let members = &mut tally.members[cap as usize];
                    *members = (i64::from(*members) + step) as u32;
                }
            };
            let changes = [Some(first), second];
            for &(position, _) in changes.iter().flatten() {
                if let Some(old) = assignment[position] {
                    used[old as usize] = false;
                    post_of[old as usize] = NONE;
                    count(&mut tally, position, old, -1);
                }
            }
            for &(position, holder) in changes.iter().flatten() {
                if let Some(new) = holder {
                    used[new as usize] = true;
                    post_of[new as usize] = position as u32;
                    count(&mut tally, position, new, 1);
                }
                assignment[position] = holder;
                held_worth[position] = worth_of(position, holder);
            }
            limits.count_pairs(&used, &mut tally);
        }
    }
}

/// How a node is split: on a pair (pinned in one child, forbidden in the other), or on
/// a pair of candidates its priced plan sends one of though they go together (neither in
/// one child, both in the other) or both of though they go apart (not the first in one
/// child; the first and not the second in the other).
enum Split {
    Pair(u32),
    Together(u32),
    Apart(u32),
}

impl Model<'_> {
    fn split(&self, bounded: &Bounded, node: &Node) -> Option<Split> {
        match self.limits.first_broken(&bounded.priced.tally) {
            Some(Broken::Together(k)) => Some(Split::Together(k)),
            Some(Broken::Apart(k)) => Some(Split::Apart(k)),
            _ => self.branching_pair(bounded, node).map(Split::Pair),
        }
    }

    /// The pair to split the node on: one of its priced plan's pairs behind a broken
    /// limit (a man in a group short of women, or a woman taken from elsewhere; someone of
    /// an agency over its cap), else behind a priced limit with room to spare, else any
    /// pair of the plan not pinned yet. When every pair of the plan is pinned, any pair the
    /// node still allows; `None` when there is none (the node holds its priced plan alone).
    fn branching_pair(&self, bounded: &Bounded, node: &Node) -> Option<u32> {
        let side = self.limits.side;
        let priced = &bounded.priced;
        let pinned_positions: Vec<u32> = node
            .pinned
            .iter()
            .map(|&index| self.pairs[index as usize].position)
            .collect();
        let free: Vec<(u32, u32)> = (priced.assignment.iter().enumerate())
            .filter_map(|(position, candidate)| candidate.map(|c| (position as u32, c)))
            .filter(|(position, _)| !pinned_positions.contains(position))
            .collect();
        let rank = |&(position, candidate): &(u32, u32)| -> u8 {
            let woman = side.woman[candidate as usize];
            let quota = self.limits.quota_of_position[position as usize];
            let cap = self.limits.cap_of_candidate[candidate as usize];
            match self.limits.first_broken(&priced.tally) {
                Some(Broken::Cap(agency)) if side.agency[candidate as usize] == agency => 0,
                Some(Broken::Quota(group)) if side.group[position as usize] == group && !woman => 0,
                Some(Broken::Quota(group)) if side.group[position as usize] != group && woman => 1,
                Some(_) => 3,
                None => {
                    let priced_quota =
                        quota != NONE && woman && bounded.multipliers.women[quota as usize] > 0;
                    let priced_cap = cap != NONE && bounded.multipliers.agency[cap as usize] > 0;
                    if priced_quota || priced_cap {
                        2
                    } else {
                        3
                    }
                }
            }
        };
        let chosen = free.iter().min_by_key(|pair| rank(pair)).copied();
        if let Some((position, candidate)) = chosen {
            return self.pair_index(position, candidate);
        }
        let pinned_candidates: Vec<u32> = node
            .pinned
            .iter()
            .map(|&index| self.pairs[index as usize].candidate)
            .collect();
        (0..self.pairs.len() as u32).find(|&index| {
            let pair = &self.pairs[index as usize];
            self.alive[index as usize]
                && !pinned_positions.contains(&pair.position)
                && !pinned_candidates.contains(&pair.candidate)
                && node.excluded.binary_search(&pair.candidate).is_err()
                && priced.assignment[pair.position as usize] != Some(pair.candidate)
                && node.forbidden.binary_search(&index).is_err()
        })
    }
}

/// Subgradient steps at the root, where the multipliers start from zero, and at every
/// other node, which starts from its parent's.
const ROOT_ITERATIONS: usize = 100;
const NODE_ITERATIONS: usize = 15;
/// Women near to tight per post that [`Model::designate_women_posts`] weighs.
const OFFERS_PER_POST: usize = 8;
/// Solves of [`Model::designate_women_posts`], the tolls of agencies over their caps
/// raised after each.
const TOLL_ROUNDS: usize = 4;
/// Subgradient steps between two plans built by [`Model::designate_women_posts`].
const DESIGNATE_EVERY: usize = 10;
/// The weight of the newest priced plan in the average the steps follow.
const AVERAGING: f64 = 0.2;
/// Steps without a better bound before the step size is halved.
const STALLED_STEPS: usize = 10;

/// The best plan meeting `side`, with the pins and bans of `fixed`, exploring at most
/// `node_limit` nodes of the search (at least one).
pub fn solve_side(
    instance: &Instance,
    fixed: &Fixed,
    side: &Side,
    node_limit: usize,
) -> Result<Outcome, Infeasible> {
    // The plan without limits bounds every plan; when it meets them, it is the answer.
    let plain = solve_fixed(instance, fixed)?;
    let limits = Limits::new(
        side,
        instance.positions as usize,
        instance.candidates as usize,
    );
    if limits
        .first_broken(&limits.tally(&plain.assignment))
        .is_none()
    {
        return Ok(Outcome {
            bound: (plain.filled, plain.score),
            plan: Some(plain),
            status: Status::Optimal,
            nodes: 1,
        });
    }
    let pins = crate::constraints::pinned_pairs(instance, fixed)?;
    if let Some(fault) = definite_fault(instance, fixed, side) {
        return Ok(Outcome {
            plan: None,
            bound: (0, 0),
            status: Status::Infeasible(fault),
            nodes: 0,
        });
    }
    let mut model = Model::new(instance, fixed, side)?;
    let mut pinned: Vec<u32> = pins
        .iter()
        .map(|pair| {
            model
                .pair_index(pair.position, pair.candidate)
                .expect("a checked pin is an eligible pair")
        })
        .collect();
    pinned.sort_unstable();
    let mut waiting: Vec<Option<Node>> = vec![Some(Node {
        pinned,
        forbidden: Vec::new(),
        required: Vec::new(),
        excluded: Vec::new(),
        multipliers: Multipliers {
            women: vec![0; model.limits.quotas.len()],
            agency: vec![0; model.limits.caps.len()],
        },
    })];
    // The most promising node first; among equals the newest, so the search dives.
    let mut queue: BinaryHeap<(i64, usize)> = BinaryHeap::from([(i64::MAX, 0)]);
    let mut best: Option<Best> = None;
    let mut explored = 0;
    let mut open_bound = None;
    while let Some((parent_bound, slot)) = queue.pop() {
        if best.as_ref().is_some_and(|b| b.value >= parent_bound) {
            break;
        }
        if explored == node_limit.max(1) {
            open_bound = Some(parent_bound);
            break;
        }
        explored += 1;
        let node = waiting[slot].take().expect("each node is explored once");
        let iterations = if explored == 1 {
            ROOT_ITERATIONS
        } else {
            NODE_ITERATIONS
        };
        let bounded = model.bound_node(&node, iterations, &mut best);
        let bound = bounded.bound.min(parent_bound);
        if bound < 0 || best.as_ref().is_some_and(|b| b.value >= bound) {
            continue;
        }
        if explored == 1 {
            if let Some(incumbent) = best.as_ref().map(|b| b.value) {
                model.fix_by_reduced_cost(&bounded.priced, &bounded.multipliers, incumbent);
            }
        }
        let Some(split) = model.split(&bounded, &node) else {
            continue;
        };
        let child = |change: &dyn Fn(&mut Node)| {
            let mut child = node.clone();
            change(&mut child);
            for list in [
                &mut child.pinned,
                &mut child.forbidden,
                &mut child.required,
                &mut child.excluded,
            ] {
                list.sort_unstable();
                list.dedup();
            }
            child.multipliers = bounded.multipliers.clone();
            child
        };
        // Two children that share no plan, and neither holds the node's priced plan.
        let children = match split {
            Split::Pair(index) => [
                child(&|n| n.pinned.push(index)),
                child(&|n| n.forbidden.push(index)),
            ],
            Split::Together(k) => {
                let (a, b) = side.together[k as usize];
                [
                    child(&|n| n.excluded.extend([a, b])),
                    child(&|n| n.required.extend([a, b])),
                ]
            }
            Split::Apart(k) => {
                let (a, b) = side.apart[k as usize];
                [
                    child(&|n| n.excluded.push(a)),
                    child(&|n| {
                        n.required.push(a);
                        n.excluded.push(b);
                    }),
                ]
            }
        };
        for child in children {
            queue.push((bound, waiting.len()));
            waiting.push(Some(child));
        }
    }
    let as_pair = |value: i64| ((value / model.fill) as u32, value % model.fill);
    let found = best.as_ref().map(|b| b.value);
    let (status, bound) = match (found, open_bound) {
        (Some(value), None) => (Status::Optimal, as_pair(value)),
        (found, Some(open)) => (Status::Gap, as_pair(open.max(found.unwrap_or(0)))),
        (None, None) => (Status::Infeasible(explain(instance, fixed, side)), (0, 0)),
    };
    Ok(Outcome {
        plan: best.map(|b| b.plan),
        bound,
        status,
        nodes: explored,
    })
}

/// Names the constraint that no plan can meet (see [`definite_fault`]), or says that each
/// alone can be met but not all together.
fn explain(instance: &Instance, fixed: &Fixed, side: &Side) -> Fault {
    definite_fault(instance, fixed, side).unwrap_or(Fault::Together)
}

/// A constraint no plan can meet, found without searching: both of a pair who go apart
/// pinned, the partner of a pinned candidate unable to go, a quota needing more women than
/// its group's posts can take from the eligible women, or a cap below the people pinned.
/// Checked before the search too, which could otherwise spend its whole budget on an
/// instance whose quota asks for more women than there are.
fn definite_fault(instance: &Instance, fixed: &Fixed, side: &Side) -> Option<Fault> {
    let pinned = |candidate: u32| fixed.pinned.iter().any(|&(_, c)| c == candidate);
    for &(first, second) in &side.apart {
        if pinned(first) && pinned(second) {
            return Some(Fault::PinnedApart { first, second });
        }
    }
    for &(a, b) in &side.together {
        for (one, partner) in [(a, b), (b, a)] {
            let can_go = instance.pairs.iter().any(|p| {
                p.candidate == partner && !fixed.forbidden.contains(&(p.position, partner))
            });
            if pinned(one) && !can_go {
                return Some(Fault::PartnerCannotGo {
                    pinned: one,
                    partner,
                });
            }
        }
    }
    if !side.min_women.is_empty() {
        // Each quota's group, and the pairs of women with its posts, in one pass.
        let mut women_pairs: Vec<Vec<Pair>> = vec![Vec::new(); side.min_women.len()];
        for pair in &instance.pairs {
            if !side.woman[pair.candidate as usize] {
                continue;
            }
            let group = side.group[pair.position as usize];
            for (quota, &(of, _)) in side.min_women.iter().enumerate() {
                if of == group {
                    women_pairs[quota].push(*pair);
                }
            }
        }
        for (&(group, at_least), pairs) in side.min_women.iter().zip(women_pairs) {
            let women = Instance {
                positions: instance.positions,
                candidates: instance.candidates,
                pairs,
            };
            let most = solve_fixed(&women, &Fixed::default())
                .map(|plan| plan.filled)
                .unwrap_or(0);
            if most < at_least {
                return Some(Fault::Quota {
                    group,
                    needed: at_least,
                    most,
                });
            }
        }
    }
    for &(agency, at_most) in &side.max_per_agency {
        let pinned = fixed
            .pinned
            .iter()
            .filter(|&&(_, c)| side.agency[c as usize] == agency)
            .count() as u32;
        if pinned > at_most {
            return Some(Fault::Cap {
                agency,
                cap: at_most,
                pinned,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{random, Scores, Shape};
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

    /// A tiny instance of (positions, candidates), contested or skewed by the seed's parity.
    fn small_instance(
        seed: u64,
        (positions, candidates): (u32, u32),
        density_percent: u32,
    ) -> Instance {
        let shape = Shape {
            positions,
            candidates,
            density_percent,
            max_score: 20,
            scores: if seed.is_multiple_of(2) {
                Scores::Contested
            } else {
                Scores::Skewed
            },
        };
        random(&shape, seed)
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
            together: Vec::new(),
            apart: Vec::new(),
        }
    }

    /// Solves with a large budget and checks the answer against every plan: the optimum,
    /// proven, meeting the constraints; or infeasible when no plan meets them. Whether a
    /// plan exists.
    fn agrees_with_exhaustive_search(instance: &Instance, side: &Side, seed: u64) -> bool {
        let outcome = solve_side(instance, &Fixed::default(), side, 100_000).expect("solves");
        match exhaustive(instance, side) {
            Some(value) => {
                assert_eq!(outcome.status, Status::Optimal, "seed {seed}");
                let plan = outcome.plan.expect("a plan");
                assert_eq!((plan.filled, plan.score), value, "seed {seed}");
                assert_eq!(outcome.bound, value, "seed {seed}");
                assert!(broken(&plan, side).is_none(), "seed {seed}");
                true
            }
            None => {
                assert!(
                    matches!(outcome.status, Status::Infeasible(_)),
                    "seed {seed}: {outcome:?}"
                );
                assert!(outcome.plan.is_none());
                false
            }
        }
    }

    #[test]
    fn the_constrained_optimum_equals_exhaustive_search() {
        let mut checked = 0;
        let mut infeasible = 0;
        for seed in 0..1_500u64 {
            let instance = small_instance(
                seed,
                (2 + (seed % 4) as u32, 3 + (seed % 5) as u32),
                40 + (seed % 50) as u32,
            );
            let side = side_for(&instance, seed);
            if agrees_with_exhaustive_search(&instance, &side, seed) {
                checked += 1;
            } else {
                infeasible += 1;
            }
        }
        assert!(
            checked > 700 && infeasible > 20,
            "{checked} feasible, {infeasible} infeasible"
        );
    }

    #[test]
    fn pairs_who_go_together_or_apart_equal_exhaustive_search() {
        let mut checked = 0;
        let mut split = 0;
        let mut infeasible = 0;
        for seed in 0..1_500u64 {
            let instance = small_instance(
                seed,
                (2 + (seed % 4) as u32, 3 + (seed % 5) as u32),
                40 + (seed % 50) as u32,
            );
            let candidates = instance.candidates;
            let mut side = side_for(&instance, seed);
            if seed % 3 != 0 {
                side.min_women.clear();
                side.max_per_agency.clear();
            }
            let a = (seed % u64::from(candidates)) as u32;
            let b = (a + 1 + (seed / 7 % u64::from(candidates - 1)) as u32) % candidates;
            let c = (seed / 3 % u64::from(candidates)) as u32;
            let d = (c + 1 + (seed / 11 % u64::from(candidates - 1)) as u32) % candidates;
            side.together.push((a, b));
            side.apart.push((c, d));
            let unconstrained = solve_fixed(&instance, &Fixed::default()).expect("solves");
            if broken(&unconstrained, &side)
                .is_some_and(|b| matches!(b, Broken::Together(_) | Broken::Apart(_)))
            {
                split += 1;
            }
            if agrees_with_exhaustive_search(&instance, &side, seed) {
                checked += 1;
            } else {
                infeasible += 1;
            }
        }
        assert!(
            checked > 1_000 && split > 300,
            "{checked} feasible, {infeasible} infeasible, {split} needing a split"
        );
    }

    #[test]
    fn pinned_pairs_who_must_go_apart_are_named() {
        let instance = small_instance(4, (3, 4), 100);
        let side = Side {
            woman: vec![false; 4],
            agency: vec![0; 4],
            group: vec![0; 3],
            apart: vec![(0, 1)],
            ..Side::default()
        };
        let fixed = Fixed {
            pinned: vec![(0, 0), (1, 1)],
            forbidden: Vec::new(),
        };
        let outcome = solve_side(&instance, &fixed, &side, 1_000).expect("runs");
        assert_eq!(
            outcome.status,
            Status::Infeasible(Fault::PinnedApart {
                first: 0,
                second: 1
            })
        );
        // Together with the first pinned, the second goes too.
        let side = Side {
            apart: Vec::new(),
            together: vec![(0, 3)],
            ..side
        };
        let fixed = Fixed {
            pinned: vec![(0, 0)],
            forbidden: Vec::new(),
        };
        let outcome = solve_side(&instance, &fixed, &side, 1_000).expect("runs");
        assert_eq!(outcome.status, Status::Optimal);
        let plan = outcome.plan.expect("a plan");
        assert_eq!(plan.assignment[0], Some(0));
        assert!(plan.assignment.contains(&Some(3)), "{plan:?}");
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
            together: Vec::new(),
            apart: Vec::new(),
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
                let named = fault.describe(
                    |_| "minusca".to_owned(),
                    |a| a.to_string(),
                    |c| c.to_string(),
                );
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
        // The root's priced bound alone proves it: a woman is worth 3 points more there.
        let outcome = solve_side(&instance, &Fixed::default(), &one, 1).expect("runs");
        assert_eq!(outcome.status, Status::Optimal);
        assert_eq!(outcome.bound, (2, 13));
    }

    #[test]
    fn a_short_budget_reports_an_honest_gap() {
        let mut gaps = 0;
        for seed in 0..4_000u64 {
            let instance = small_instance(seed, (3 + (seed % 3) as u32, 4 + (seed % 4) as u32), 60);
            let side = side_for(&instance, seed);
            let outcome = solve_side(&instance, &Fixed::default(), &side, 1).expect("solves");
            let expected = exhaustive(&instance, &side);
            let found = outcome.plan.as_ref().map(|p| (p.filled, p.score));
            match outcome.status {
                Status::Optimal => assert_eq!(found, expected, "seed {seed}"),
                Status::Gap => {
                    let optimum = expected.expect("a gap only where a plan exists");
                    assert!(outcome.bound >= optimum, "seed {seed}: {outcome:?}");
                    if let Some(found) = found {
                        assert!(found <= optimum, "seed {seed}");
                        assert!(found < outcome.bound, "seed {seed}");
                    }
                    gaps += 1;
                }
                Status::Infeasible(_) => assert_eq!(expected, None, "seed {seed}"),
            }
        }
        assert!(gaps >= 1, "no instance left a gap after one node");
    }
}
