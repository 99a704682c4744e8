//! The pure steps of a proposal, free of storage so that each can be tested alone: who may
//! fill which post and how well ([`score_pairs`]), the planner's model of the request with
//! the planner's edits ([`Model::build`]), the refusals the search can answer
//! ([`Model::refusal`], [`Model::shortlist`]) and the proposal that explains the plan
//! ([`Model::explain`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use bluehelm_domain::eligibility::{self, Candidate, EligibilitySettings, Tour};
use bluehelm_domain::message::Message;
use bluehelm_domain::person::Gender;
use bluehelm_domain::suitability::{self, Suitability, Weights};
use bluehelm_domain::FieldError;
use bluehelm_planner::constraints::{Fixed, Infeasible};
use bluehelm_planner::instance::{Instance, Pair};
use bluehelm_planner::side::{Fault, Outcome, Side, Status};
use time::Date;

use super::{Assignment, Choice, Count, GroupWomen, People, PlanInput, Post, Proposal, RunnerUp};
use crate::AppError;

/// A refusal of the field at fault, with the message that explains it.
fn refused(field: &str, code: &'static str, sentence: &str, reason: Message) -> AppError {
    AppError::Invalid(
        FieldError::new(field, code, sentence)
            .because(vec![reason])
            .into(),
    )
}

/// The suitability of every eligible (position, candidate) pair, by their indexes.
pub(super) type Scores = HashMap<(usize, usize), Suitability>;

/// What a proposal shows of a person it names.
pub(super) struct Named {
    pub name: String,
    pub gender: String,
    pub agency_code: String,
}

/// Every eligible (position, candidate) pair with its suitability: the rules decide who may
/// go, the score how well they suit.
pub(super) fn score_pairs(
    pool: &[(i64, Candidate)],
    positions: &[Post],
    tour: &Tour,
    settings: &EligibilitySettings,
    mission: Option<&str>,
    weights: &Weights,
) -> Scores {
    let mut scores = HashMap::new();
    for (index, position) in positions.iter().enumerate() {
        let Some(requirements) = &position.requirements else {
            continue;
        };
        for (candidate_index, (_, candidate)) in pool.iter().enumerate() {
            if eligibility::evaluate(candidate, requirements, tour, settings).is_empty() {
                let suits = suitability::score(candidate, requirements, tour, mission, weights);
                scores.insert((index, candidate_index), suits);
            }
        }
    }
    scores
}

/// The groups of posts the women quotas count over: each section of a unit's table of
/// organisation, and each line outside any section (every request position) alone.
pub(super) struct Groups {
    /// A section's name, or a lone line's title.
    names: Vec<String>,
    /// The group of each line, by the line's index.
    of_line: Vec<u32>,
    /// The posts of each group.
    posts: Vec<u32>,
}

impl Groups {
    fn of(positions: &[Post]) -> Self {
        let mut groups = Groups {
            names: Vec::new(),
            of_line: Vec::with_capacity(positions.len()),
            posts: Vec::new(),
        };
        let mut sections: HashMap<&str, u32> = HashMap::new();
        for position in positions {
            let fresh = groups.names.len() as u32;
            let group = match &position.section {
                Some(section) => *sections.entry(section.as_str()).or_insert(fresh),
                None => fresh,
            };
            if group == fresh {
                groups
                    .names
                    .push(position.section.clone().unwrap_or(position.title.clone()));
                groups.posts.push(0);
            }
            groups.of_line.push(group);
            let posts = u32::try_from(position.count.max(0)).unwrap_or(u32::MAX);
            groups.posts[group as usize] = groups.posts[group as usize].saturating_add(posts);
        }
        groups
    }

    /// The women each group must take under the input's per-group quota (a count, or a
    /// share rounded up; never more than the group's posts), after checking that the
    /// input asks for one women quota at most and a share of at most 100 %.
    fn quotas(&self, input: &PlanInput) -> Result<Vec<Option<u32>>, AppError> {
        if let Some(second) = input.women_fields().nth(1) {
            return Err(AppError::field(
                second,
                "one_or_other",
                "message.plan_women_one_or_other",
            ));
        }
        if input.min_women_share.is_some_and(|share| share > 100) {
            return Err(AppError::Invalid(
                FieldError::said(
                    "min_women_share",
                    "out_of_range",
                    Message::new("validation.whole_number_between")
                        .number("low", 0)
                        .number("high", 100),
                )
                .into(),
            ));
        }
        Ok(self
            .posts
            .iter()
            .map(
                |&posts| match (input.min_women_per_group, input.min_women_share) {
                    (Some(each), _) => Some(each.min(posts)),
                    (_, Some(share)) => {
                        Some((u64::from(posts) * u64::from(share)).div_ceil(100) as u32)
                    }
                    _ => None,
                },
            )
            .collect())
    }
}

/// The planner's model of a proposal: one planner position per post (`slots[i]` is the
/// requested position post `i` belongs to), the candidates in pool order.
pub(super) struct Model {
    /// The search's input, taken out by the solve so that it is not copied.
    pub instance: Instance,
    pub fixed: Fixed,
    pub side: Side,
    slots: Vec<usize>,
    groups: Groups,
    /// The women each group must take under a per-group quota.
    quotas: Vec<Option<u32>>,
    eligible_pairs: usize,
    /// Agencies numbered in order of first appearance in the pool, for the caps.
    agency_names: Vec<String>,
    position_index: HashMap<i64, usize>,
}

/// The people a plan chose, by (post, candidate index), and the best of the others.
pub(super) struct Shortlist {
    chosen: Vec<(usize, usize)>,
    /// (position, candidate, score), best first, at most ten.
    runners_up: Vec<(usize, usize, u32)>,
    assignment: Vec<Option<u32>>,
    filled: u32,
    score: i64,
    bound: i64,
    status: &'static str,
    eligible_pairs: usize,
}

impl Shortlist {
    /// The ids of everyone the proposal names.
    pub(super) fn people(&self, pool: &[(i64, Candidate)]) -> Vec<i64> {
        let mut ids: Vec<i64> = self.chosen.iter().map(|&(_, c)| pool[c].0).collect();
        ids.extend(self.runners_up.iter().map(|&(_, c, _)| pool[c].0));
        ids
    }
}

impl Model {
    /// The model of `positions` over `pool` with the planner's edits; `agencies` (person →
    /// agency code) is needed only when the input caps the people per agency. Pins and
    /// forbids naming a position or person outside the model, and pairs of one person, are
    /// refused with the field at fault.
    pub(super) fn build(
        positions: &[Post],
        pool: &[(i64, Candidate)],
        scores: &Scores,
        input: &PlanInput,
        agencies: Option<&HashMap<i64, String>>,
    ) -> Result<Self, AppError> {
        let mut slots: Vec<usize> = Vec::new();
        for (index, position) in positions.iter().enumerate() {
            slots.extend(std::iter::repeat_n(index, position.count.max(0) as usize));
        }
        // Each requested position's eligible people, once, in candidate order; every post
        // of the position gets the same pairs.
        let mut eligible: Vec<Vec<(u32, i64)>> = vec![Vec::new(); positions.len()];
        for (&(position, candidate), suits) in scores {
            eligible[position].push((candidate as u32, i64::from(suits.score)));
        }
        for list in &mut eligible {
            list.sort_unstable();
        }
        let mut pairs = Vec::new();
        for (slot, &index) in slots.iter().enumerate() {
            pairs.extend(eligible[index].iter().map(|&(candidate, score)| Pair {
                position: slot as u32,
                candidate,
                score,
            }));
        }
        let person_index: HashMap<i64, usize> = pool
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let position_index: HashMap<i64, usize> = positions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let locate = |choice: &Choice, field: &str| -> Result<(usize, usize), AppError> {
            match (
                position_index.get(&choice.position_id),
                person_index.get(&choice.person_id),
            ) {
                (Some(&position), Some(&person)) => Ok((position, person)),
                (None, _) => Err(AppError::field(
                    field,
                    "not_found",
                    "message.plan_no_such_position",
                )),
                (_, None) => Err(AppError::field(
                    field,
                    "not_found",
                    "message.plan_not_in_pool",
                )),
            }
        };
        let mut fixed = Fixed::default();
        let mut taken_slots = HashSet::new();
        for choice in &input.pins {
            let (position, person) = locate(choice, "pins")?;
            let slot = slots
                .iter()
                .enumerate()
                .position(|(slot, &index)| index == position && !taken_slots.contains(&slot))
                .ok_or_else(|| {
                    AppError::field("pins", "too_many_pins", "message.plan_too_many_pins")
                })?;
            taken_slots.insert(slot);
            fixed.pinned.push((slot as u32, person as u32));
        }
        for choice in &input.forbids {
            let (position, person) = locate(choice, "forbids")?;
            for (slot, &index) in slots.iter().enumerate() {
                if index == position {
                    fixed.forbidden.push((slot as u32, person as u32));
                }
            }
        }
        let mut agency_names: Vec<String> = Vec::new();
        let mut agency_of = vec![0u32; pool.len()];
        if let (Some(_), Some(codes)) = (input.max_per_agency, agencies) {
            let mut numbers: HashMap<String, u32> = HashMap::new();
            for (index, (id, _)) in pool.iter().enumerate() {
                let code = codes.get(id).cloned().unwrap_or_default();
                agency_of[index] = *numbers.entry(code.clone()).or_insert_with(|| {
                    agency_names.push(code);
                    agency_names.len() as u32 - 1
                });
            }
        }
        let pairs_of = |people: &[People], field: &str| -> Result<Vec<(u32, u32)>, AppError> {
            people
                .iter()
                .map(|pair| {
                    let index = |id: i64| {
                        person_index.get(&id).map(|&i| i as u32).ok_or_else(|| {
                            refused(
                                field,
                                "not_found",
                                "message.plan_not_in_pool",
                                Message::new("plan.person").number("person", id),
                            )
                        })
                    };
                    if pair.first == pair.second {
                        return Err(AppError::field(
                            field,
                            "same_person",
                            "message.plan_same_person",
                        ));
                    }
                    Ok((index(pair.first)?, index(pair.second)?))
                })
                .collect()
        };
        let groups = Groups::of(positions);
        let quotas = groups.quotas(input)?;
        let (group, min_women) = match input.min_women {
            Some(total) => (vec![0; slots.len()], vec![(0, total)]),
            None => (
                slots.iter().map(|&line| groups.of_line[line]).collect(),
                quotas
                    .iter()
                    .enumerate()
                    .filter_map(|(group, quota)| {
                        quota.filter(|&k| k > 0).map(|k| (group as u32, k))
                    })
                    .collect(),
            ),
        };
        let side = Side {
            together: pairs_of(&input.together, "together")?,
            apart: pairs_of(&input.apart, "apart")?,
            woman: pool
                .iter()
                .map(|(_, candidate)| candidate.gender == Gender::Female)
                .collect(),
            agency: agency_of,
            group,
            min_women,
            max_per_agency: input
                .max_per_agency
                .map(|m| (0..agency_names.len() as u32).map(|a| (a, m)).collect())
                .unwrap_or_default(),
        };
        let instance = Instance {
            positions: slots.len() as u32,
            candidates: pool.len() as u32,
            pairs,
        };
        Ok(Self {
            eligible_pairs: instance.pairs.len(),
            instance,
            fixed,
            side,
            slots,
            groups,
            quotas,
            agency_names,
            position_index,
        })
    }

    /// The refusal for edits the planner found contradictory before searching.
    pub(super) fn refusal(
        &self,
        error: Infeasible,
        positions: &[Post],
        pool: &[(i64, Candidate)],
    ) -> AppError {
        match error {
            Infeasible::PinnedNotEligible {
                position,
                candidate,
            } => refused(
                "pins",
                "not_eligible",
                "message.plan_pinned_not_eligible",
                Message::new("plan.person_for_position")
                    .number("person", pool[candidate as usize].0)
                    .text("position", &positions[self.slots[position as usize]].title),
            ),
            Infeasible::PinnedAndForbidden { candidate, .. } => refused(
                "forbids",
                "pinned_and_forbidden",
                "message.plan_pinned_and_forbidden",
                Message::new("plan.person").number("person", pool[candidate as usize].0),
            ),
            Infeasible::CandidatePinnedTwice { candidate, .. } => refused(
                "pins",
                "pinned_twice",
                "message.plan_pinned_twice",
                Message::new("plan.person").number("person", pool[candidate as usize].0),
            ),
            other => AppError::internal(other),
        }
    }

    /// The people the search chose and the best of the others, or the limit that no plan
    /// can meet, named by its field.
    pub(super) fn shortlist(
        &self,
        outcome: &Outcome,
        scores: &Scores,
        input: &PlanInput,
        pool: &[(i64, Candidate)],
    ) -> Result<Shortlist, AppError> {
        let (plan, status) = match (&outcome.plan, &outcome.status) {
            (Some(plan), Status::Optimal) => (plan, "optimal"),
            (Some(plan), Status::Gap) => (plan, "gap"),
            (_, Status::Infeasible(fault)) => {
                let field = match fault {
                    Fault::Cap { .. } => "max_per_agency",
                    Fault::Quota { .. } => input.women_field().unwrap_or("min_women"),
                    Fault::PinnedApart { .. } => "apart",
                    Fault::PartnerCannotGo { .. } => "together",
                    Fault::Together => {
                        if let Some(field) = input.women_field() {
                            field
                        } else if input.max_per_agency.is_some() {
                            "max_per_agency"
                        } else if !input.together.is_empty() {
                            "together"
                        } else {
                            "apart"
                        }
                    }
                };
                let person = |c: u32| pool[c as usize].0;
                let reason = match *fault {
                    Fault::Quota { needed, most, .. } => Message::new("plan.fault_quota")
                        .number("needed", needed)
                        .number("most", most),
                    Fault::Cap {
                        agency,
                        cap,
                        pinned,
                    } => Message::new("plan.fault_cap")
                        .text(
                            "agency",
                            self.agency_names
                                .get(agency as usize)
                                .cloned()
                                .unwrap_or_default(),
                        )
                        .number("cap", cap)
                        .number("pinned", pinned),
                    Fault::Together => Message::new("plan.fault_together"),
                    Fault::PinnedApart { first, second } => Message::new("plan.fault_pinned_apart")
                        .number("first", person(first))
                        .number("second", person(second)),
                    Fault::PartnerCannotGo { pinned, partner } => {
                        Message::new("plan.fault_partner")
                            .number("partner", person(partner))
                            .number("pinned", person(pinned))
                    }
                };
                return Err(refused(
                    field,
                    "cannot_be_met",
                    "message.plan_cannot_be_met",
                    reason,
                ));
            }
            (None, _) => {
                return Err(AppError::field(
                    "min_women",
                    "not_found_in_time",
                    "message.plan_not_found_in_time",
                ))
            }
        };
        let chosen: Vec<(usize, usize)> = plan
            .assignment
            .iter()
            .enumerate()
            .filter_map(|(slot, candidate)| candidate.map(|c| (slot, c as usize)))
            .collect();
        let chosen_people: HashSet<usize> = chosen.iter().map(|&(_, c)| c).collect();
        let mut runners_up: Vec<(usize, usize, u32)> = scores
            .iter()
            .filter(|((_, candidate), _)| !chosen_people.contains(candidate))
            .map(|(&(position, candidate), suits)| (position, candidate, suits.score))
            .collect();
        runners_up.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        runners_up.truncate(10);
        Ok(Shortlist {
            chosen,
            runners_up,
            assignment: plan.assignment.clone(),
            filled: plan.filled,
            score: plan.score,
            bound: outcome.bound.1,
            status,
            eligible_pairs: self.eligible_pairs,
        })
    }

    /// The proposal: who fills which post and why, the runners-up and what they lacked,
    /// what stays open, and the tallies by gender and agency. `people` names everyone of
    /// the shortlist; the tour's dates and the solve time are the caller's to fill.
    pub(super) fn explain(
        &self,
        shortlist: Shortlist,
        positions: &[Post],
        pool: &[(i64, Candidate)],
        scores: &Scores,
        people: &HashMap<i64, Named>,
        input: &PlanInput,
    ) -> Proposal {
        let pinned: HashSet<(u32, u32)> = self.fixed.pinned.iter().copied().collect();
        let forbidden: HashSet<(usize, i64)> = input
            .forbids
            .iter()
            .filter_map(|c| {
                self.position_index
                    .get(&c.position_id)
                    .map(|&p| (p, c.person_id))
            })
            .collect();
        let mut assignments = Vec::new();
        let mut lowest_chosen: HashMap<usize, u32> = HashMap::new();
        for &(slot, candidate) in &shortlist.chosen {
            let index = self.slots[slot];
            let (person_id, _) = pool[candidate];
            let Some(person) = people.get(&person_id) else {
                continue;
            };
            let suits = scores
                .get(&(index, candidate))
                .cloned()
                .unwrap_or(Suitability {
                    score: 0,
                    parts: Vec::new(),
                });
            let lowest = lowest_chosen.entry(index).or_insert(u32::MAX);
            *lowest = (*lowest).min(suits.score);
            assignments.push(Assignment {
                position_id: positions[index].id,
                position_title: positions[index].title.clone(),
                person_id,
                name: person.name.clone(),
                gender: person.gender.clone(),
                agency_code: person.agency_code.clone(),
                score: suits.score,
                parts: suits.parts,
                pinned: pinned.contains(&(slot as u32, candidate as u32)),
            });
        }
        let runners_up = shortlist
            .runners_up
            .iter()
            .filter_map(|&(index, candidate, score)| {
                let person_id = pool[candidate].0;
                let person = people.get(&person_id)?;
                let reason = if forbidden.contains(&(index, person_id)) {
                    Message::new("plan.reason_forbidden")
                } else {
                    match lowest_chosen.get(&index) {
                        Some(&lowest) if lowest > score => Message::new("plan.reason_points_below")
                            .number("points", lowest - score)
                            .number("lowest", lowest),
                        Some(_) => Message::new("plan.reason_tied"),
                        None => Message::new("plan.reason_unfilled"),
                    }
                };
                Some(RunnerUp {
                    position_id: positions[index].id,
                    person_id,
                    name: person.name.clone(),
                    score,
                    reason,
                })
            })
            .collect();
        let mut unfilled: BTreeMap<String, usize> = BTreeMap::new();
        for (slot, candidate) in shortlist.assignment.iter().enumerate() {
            if candidate.is_none() {
                *unfilled
                    .entry(positions[self.slots[slot]].title.clone())
                    .or_default() += 1;
            }
        }
        let tally = |key: fn(&Assignment) -> String| -> Vec<Count> {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for assignment in &assignments {
                *counts.entry(key(assignment)).or_default() += 1;
            }
            counts
                .into_iter()
                .map(|(key, people)| Count { key, people })
                .collect()
        };
        let by_gender = tally(|a| a.gender.clone());
        let mut women_by_group: Vec<GroupWomen> = self
            .groups
            .names
            .iter()
            .zip(&self.groups.posts)
            .zip(&self.quotas)
            .map(|((key, &posts), &at_least)| GroupWomen {
                key: key.clone(),
                posts,
                women: 0,
                at_least: at_least.filter(|_| input.min_women.is_none()),
            })
            .collect();
        for assignment in assignments.iter().filter(|a| a.gender == "female") {
            if let Some(&line) = self.position_index.get(&assignment.position_id) {
                women_by_group[self.groups.of_line[line] as usize].women += 1;
            }
        }
        let by_agency = tally(|a| a.agency_code.clone());
        Proposal {
            request_id: None,
            unit_id: None,
            title: String::new(),
            posts: self.slots.len() as u32,
            filled: shortlist.filled,
            score: shortlist.score,
            unfilled: unfilled
                .into_iter()
                .map(|(key, people)| Count { key, people })
                .collect(),
            runners_up,
            by_gender,
            women_by_group,
            by_agency,
            pool: pool.len(),
            eligible_pairs: shortlist.eligible_pairs,
            solve_ms: 0.0,
            assignments,
            pins: input.pins.clone(),
            forbids: input.forbids.clone(),
            min_women: input.min_women,
            min_women_per_group: input.min_women_per_group,
            min_women_share: input.min_women_share,
            max_per_agency: input.max_per_agency,
            together: input.together.clone(),
            apart: input.apart.clone(),
            status: shortlist.status.to_owned(),
            bound: shortlist.bound,
            starts_on: Date::MIN,
            ends_on: Date::MIN,
        }
    }
}

#[cfg(test)]
mod tests;
