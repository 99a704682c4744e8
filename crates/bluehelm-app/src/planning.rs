//! "Propose a plan" for a UN request: every post of its positions, the pool the caller may
//! read (less people already committed to an active deployment), eligibility by the rules,
//! suitability by the documented score, and the exact planner (the most posts filled, then
//! the highest total score), with at least the women and at most the people per agency the
//! planner allows, and pairs of people who go together or apart. The planner pins and
//! forbids people and solves again; accepting the plan nominates the people it chose, or,
//! for a unit, plans them as the rotation's deployments under the unit's dossier.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use bluehelm_domain::eligibility::{self, Candidate, EligibilitySettings, Requirements, Tour};
use bluehelm_domain::person::Gender;
use bluehelm_domain::policy::{Action, Owner, Resource, Scope};
use bluehelm_domain::request::RequestStatus;
use bluehelm_domain::suitability::{self, Part, Weights};
use bluehelm_domain::unit::{self, UnitKind};
use bluehelm_planner::constraints::{Fixed, Infeasible};
use bluehelm_planner::instance::{Instance, Pair};
use bluehelm_planner::side::{solve_side, Fault, Side, Status};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::people::person_scope;
use crate::AppError;
use crate::Ctx;

/// A person pinned to, or forbidden from, a requested position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Choice {
    pub position_id: i64,
    pub person_id: i64,
}

/// The planner's edits of a proposal.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    #[serde(default)]
    pub pins: Vec<Choice>,
    #[serde(default)]
    pub forbids: Vec<Choice>,
    /// At least this many of the request's posts go to women (the UN gender targets).
    #[serde(default)]
    pub min_women: Option<u32>,
    /// At most this many people from any one agency, so none is stripped.
    #[serde(default)]
    pub max_per_agency: Option<u32>,
    /// People who go together or not at all (a team, a surgeon and their anaesthetist).
    #[serde(default)]
    pub together: Vec<People>,
    /// People of whom at most one goes (a couple, the only two specialists of a unit).
    #[serde(default)]
    pub apart: Vec<People>,
}

/// Two people, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct People {
    pub first: i64,
    pub second: i64,
}

/// One post filled: who, how well they suit it and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assignment {
    pub position_id: i64,
    pub position_title: String,
    pub person_id: i64,
    pub name: String,
    pub gender: String,
    pub agency_code: String,
    pub score: u32,
    pub parts: Vec<Part>,
    pub pinned: bool,
}

/// An eligible person the plan did not choose, and what they lacked.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RunnerUp {
    pub position_id: i64,
    pub person_id: i64,
    pub name: String,
    pub score: u32,
    /// Why not chosen: the points they would have needed, or that they were forbidden.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub people: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Proposal {
    /// What was planned: a request's positions or a unit's table of organisation, and its
    /// name (the request's reference, the unit's name).
    pub request_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub title: String,
    pub posts: u32,
    pub filled: u32,
    /// The plan's total suitability; with `posts_filled`, proven optimal by the planner.
    pub score: i64,
    pub assignments: Vec<Assignment>,
    /// Posts no eligible person can fill, by position.
    pub unfilled: Vec<Count>,
    pub runners_up: Vec<RunnerUp>,
    pub by_gender: Vec<Count>,
    pub by_agency: Vec<Count>,
    /// People of the pool read, and how many eligible (person, position) pairs they gave.
    pub pool: usize,
    pub eligible_pairs: usize,
    pub solve_ms: f64,
    pub pins: Vec<Choice>,
    pub forbids: Vec<Choice>,
    pub min_women: Option<u32>,
    pub max_per_agency: Option<u32>,
    pub together: Vec<People>,
    pub apart: Vec<People>,
    /// `optimal`, or `gap` when the search's budget ran out before the proof.
    pub status: String,
    /// The total score no plan meeting the limits can exceed.
    pub bound: i64,
    /// The tour planned for: the request's, or the unit's next rotation.
    pub starts_on: Date,
    pub ends_on: Date,
}

/// Branch-and-bound nodes a proposal may explore before it is reported with its gap.
const NODE_LIMIT: usize = 1_000;

/// A position to fill: how many posts, and what each asks of a person (`None` when its
/// requirements cannot be read, so nobody is eligible).
#[derive(Debug, Clone)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub count: i64,
    pub requirements: Option<Requirements>,
}

/// Builds and solves the plan for a request.
pub async fn propose(
    ctx: &Ctx<'_>,
    request_id: i64,
    input: &PlanInput,
) -> Result<Proposal, AppError> {
    ctx.authorize(
        Action::Update,
        Resource::Mission,
        &Owner::default(),
        request_id,
    )
    .await?;
    let request = ctx.store.request(request_id).await?;
    let posts: Vec<Post> = ctx
        .store
        .request_positions(request_id)
        .await?
        .into_iter()
        .map(|position| Post {
            requirements: position.requirements(),
            id: position.id,
            title: position.title,
            count: position.count,
        })
        .collect();
    let mission = Some(request.mission_code.as_str());
    let mut proposal = plan_posts(ctx, &posts, request.tour(), mission, None, input).await?;
    proposal.request_id = Some(request_id);
    proposal.title = request.reference;
    Ok(proposal)
}

/// Builds and solves the plan for a formed unit's next rotation: its table of
/// organisation, for a tour that starts when the next rotation departs (or today, for a
/// unit not deployed yet). [`accept_for_unit`] plans its people as deployments.
pub async fn propose_for_unit(
    ctx: &Ctx<'_>,
    unit_id: i64,
    input: &PlanInput,
    today: Date,
) -> Result<Proposal, AppError> {
    Ok(unit_proposal(ctx, unit_id, input, today).await?.0)
}

/// [`propose_for_unit`], with the unit it read.
async fn unit_proposal(
    ctx: &Ctx<'_>,
    unit_id: i64,
    input: &PlanInput,
    today: Date,
) -> Result<(Proposal, bluehelm_store::unit::Unit), AppError> {
    let unit = crate::forces::unit_for(ctx, unit_id, Action::Update).await?;
    let kind = UnitKind::parse(&unit.kind).unwrap_or(UnitKind::Other);
    let posts: Vec<Post> = ctx
        .store
        .unit_positions(unit_id)
        .await?
        .into_iter()
        .map(|line| Post {
            requirements: Some(unit::post_requirements(
                kind,
                line.specialty.as_deref(),
                line.language.as_deref(),
                line.min_level.as_deref(),
            )),
            id: line.id,
            title: line.title,
            count: line.count,
        })
        .collect();
    let months = u32::try_from(unit.tour_months).unwrap_or(12);
    let start = unit.deploys_on.map_or(today, |deployed| {
        unit::next_rotation(
            deployed,
            months,
            u32::try_from(unit.overlap_days).unwrap_or(0),
        )
        .departs_on
    });
    let tour = Tour { start, months };
    let mission = unit.mission_code.as_deref();
    let mut proposal = plan_posts(ctx, &posts, tour, mission, Some(unit_id), input).await?;
    proposal.unit_id = Some(unit_id);
    proposal.title = unit.name.clone();
    Ok((proposal, unit))
}

/// Every eligible (position, candidate) pair with its suitability: the rules decide who may
/// go, the score how well they suit. Pure, so it can run anywhere and be tested alone.
fn score_pairs(
    pool: &[(i64, Candidate)],
    positions: &[Post],
    tour: &Tour,
    settings: &EligibilitySettings,
    mission: Option<&str>,
    weights: &Weights,
) -> HashMap<(usize, usize), suitability::Suitability> {
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

/// The plan for these posts of a tour in `mission` over the pool the caller may read,
/// less the people already committed to an active deployment (but for one with
/// `own_unit`, the unit being planned).
async fn plan_posts(
    ctx: &Ctx<'_>,
    positions: &[Post],
    tour: Tour,
    mission: Option<&str>,
    own_unit: Option<i64>,
    input: &PlanInput,
) -> Result<Proposal, AppError> {
    let mut pool = match person_scope(ctx) {
        Some(Scope::All) => ctx.store.candidates(None).await?,
        Some(Scope::Subtree(path)) => ctx.store.candidates(Some(&path)).await?,
        _ => Vec::new(),
    };
    let committed: HashMap<i64, Option<i64>> =
        ctx.store.committed_people().await?.into_iter().collect();
    pool.retain(|(id, _)| {
        committed
            .get(id)
            .is_none_or(|unit| own_unit.is_some() && *unit == own_unit)
    });
    let settings = ctx.store.eligibility_settings().await?;
    let weights: Weights = ctx.store.suitability_weights().await?;
    // One planner position per post; `slots[i]` is the requested position it belongs to.
    let mut slots: Vec<usize> = Vec::new();
    for (index, position) in positions.iter().enumerate() {
        slots.extend(std::iter::repeat_n(index, position.count.max(0) as usize));
    }
    let mut pairs = Vec::new();
    // Judging every person for every position is the other CPU-heavy step: it runs in the
    // bounded blocking pool too, with the pool lent to it and given back.
    let owned_positions = positions.to_vec();
    let owned_mission = mission.map(str::to_owned);
    let (pool, scores) = crate::blocking::run(move || {
        let scores = score_pairs(
            &pool,
            &owned_positions,
            &tour,
            &settings,
            owned_mission.as_deref(),
            &weights,
        );
        (pool, scores)
    })
    .await?;
    // Each requested position's eligible people, once, in candidate order; every post of
    // the position gets the same pairs.
    let mut eligible: Vec<Vec<(u32, i64)>> = vec![Vec::new(); positions.len()];
    for (&(position, candidate), suits) in &scores {
        eligible[position].push((candidate as u32, i64::from(suits.score)));
    }
    for list in &mut eligible {
        list.sort_unstable();
    }
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
                "no such position in this request",
            )),
            (_, None) => Err(AppError::field(
                field,
                "not_found",
                "no such person in the pool you may read",
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
                AppError::field(
                    "pins",
                    "too_many_pins",
                    "more people pinned than the position has posts",
                )
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
    let instance = Instance {
        positions: slots.len() as u32,
        candidates: pool.len() as u32,
        pairs,
    };
    let started = Instant::now();
    // Agencies numbered in order of first appearance in the pool, for the caps.
    let mut agency_names: Vec<String> = Vec::new();
    let mut agency_of = vec![0u32; pool.len()];
    if input.max_per_agency.is_some() {
        let within = match person_scope(ctx) {
            Some(Scope::Subtree(path)) => Some(path),
            _ => None,
        };
        let codes: HashMap<i64, String> = ctx
            .store
            .person_agencies(within.as_ref())
            .await?
            .into_iter()
            .collect();
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
                        AppError::field(
                            field,
                            "not_found",
                            format!("person {id} is not in the pool you may read"),
                        )
                    })
                };
                if pair.first == pair.second {
                    return Err(AppError::field(
                        field,
                        "same_person",
                        "a pair needs two different people",
                    ));
                }
                Ok((index(pair.first)?, index(pair.second)?))
            })
            .collect()
    };
    let side = Side {
        together: pairs_of(&input.together, "together")?,
        apart: pairs_of(&input.apart, "apart")?,
        woman: pool
            .iter()
            .map(|(_, candidate)| candidate.gender == Gender::Female)
            .collect(),
        agency: agency_of,
        group: vec![0; slots.len()],
        min_women: input.min_women.map(|k| (0, k)).into_iter().collect(),
        max_per_agency: input
            .max_per_agency
            .map(|m| (0..agency_names.len() as u32).map(|a| (a, m)).collect())
            .unwrap_or_default(),
    };
    let eligible_pairs = instance.pairs.len();
    // The search takes up to seconds of CPU: it runs in the bounded blocking pool, so the
    // async workers keep serving other requests meanwhile.
    let pins = fixed.clone();
    let outcome = crate::blocking::run(move || solve_side(&instance, &pins, &side, NODE_LIMIT))
        .await?
        .map_err(|error| match error {
            Infeasible::PinnedNotEligible {
                position,
                candidate,
            } => AppError::field(
                "pins",
                "not_eligible",
                format!(
                    "person {} is not eligible for \"{}\", so they cannot be pinned there",
                    pool[candidate as usize].0, positions[slots[position as usize]].title
                ),
            ),
            Infeasible::PinnedAndForbidden { candidate, .. } => AppError::field(
                "forbids",
                "pinned_and_forbidden",
                format!(
                    "person {} is both pinned and forbidden",
                    pool[candidate as usize].0
                ),
            ),
            Infeasible::CandidatePinnedTwice { candidate, .. } => AppError::field(
                "pins",
                "pinned_twice",
                format!(
                    "person {} is pinned to two posts",
                    pool[candidate as usize].0
                ),
            ),
            other => AppError::internal(other),
        })?;
    let (plan, status) = match (outcome.plan, outcome.status) {
        (Some(plan), Status::Optimal) => (plan, "optimal"),
        (Some(plan), Status::Gap) => (plan, "gap"),
        (_, Status::Infeasible(fault)) => {
            let field = match fault {
                Fault::Cap { .. } => "max_per_agency",
                Fault::Quota { .. } => "min_women",
                Fault::PinnedApart { .. } => "apart",
                Fault::PartnerCannotGo { .. } => "together",
                Fault::Together => {
                    if input.min_women.is_some() {
                        "min_women"
                    } else if input.max_per_agency.is_some() {
                        "max_per_agency"
                    } else if !input.together.is_empty() {
                        "together"
                    } else {
                        "apart"
                    }
                }
            };
            let reason = fault.describe(
                |_| "this request".to_owned(),
                |a| agency_names.get(a as usize).cloned().unwrap_or_default(),
                |c| format!("person {}", pool[c as usize].0),
            );
            return Err(AppError::field(field, "cannot_be_met", reason));
        }
        (None, _) => {
            return Err(AppError::field(
                "min_women",
                "not_found_in_time",
                "no plan meeting the limit was found within the search's budget",
            ))
        }
    };
    let solve_ms = started.elapsed().as_secs_f64() * 1000.0;

    let chosen: Vec<(usize, usize)> = plan
        .assignment
        .iter()
        .enumerate()
        .filter_map(|(slot, candidate)| candidate.map(|c| (slot, c as usize)))
        .collect();
    let chosen_people: HashSet<usize> = chosen.iter().map(|&(_, c)| c).collect();
    // The best of the others for each position, to say what they lacked.
    let mut runner_ups: Vec<(usize, usize, u32)> = scores
        .iter()
        .filter(|((_, candidate), _)| !chosen_people.contains(candidate))
        .map(|(&(position, candidate), suits)| (position, candidate, suits.score))
        .collect();
    runner_ups.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    runner_ups.truncate(10);
    let mut ids: Vec<i64> = chosen.iter().map(|&(_, c)| pool[c].0).collect();
    ids.extend(runner_ups.iter().map(|&(_, c, _)| pool[c].0));
    let people: HashMap<i64, bluehelm_store::person::Person> = ctx
        .store
        .people_by_ids(&ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let pinned: HashSet<(u32, u32)> = fixed.pinned.iter().copied().collect();
    let forbidden: HashSet<(usize, i64)> = input
        .forbids
        .iter()
        .filter_map(|c| {
            position_index
                .get(&c.position_id)
                .map(|&p| (p, c.person_id))
        })
        .collect();
    let mut assignments = Vec::new();
    let mut lowest_chosen: HashMap<usize, u32> = HashMap::new();
    for &(slot, candidate) in &chosen {
        let index = slots[slot];
        let (person_id, _) = pool[candidate];
        let Some(person) = people.get(&person_id) else {
            continue;
        };
        let suits = scores
            .get(&(index, candidate))
            .cloned()
            .unwrap_or(suitability::Suitability {
                score: 0,
                parts: Vec::new(),
            });
        let lowest = lowest_chosen.entry(index).or_insert(u32::MAX);
        *lowest = (*lowest).min(suits.score);
        assignments.push(Assignment {
            position_id: positions[index].id,
            position_title: positions[index].title.clone(),
            person_id,
            name: person.full_name(),
            gender: person.gender.clone(),
            agency_code: person.agency_code.clone(),
            score: suits.score,
            parts: suits.parts,
            pinned: pinned.contains(&(slot as u32, candidate as u32)),
        });
    }
    let runners_up = runner_ups
        .iter()
        .filter_map(|&(index, candidate, score)| {
            let person_id = pool[candidate].0;
            let person = people.get(&person_id)?;
            let reason = if forbidden.contains(&(index, person_id)) {
                "forbidden by the planner".to_owned()
            } else {
                match lowest_chosen.get(&index) {
                    Some(&lowest) if lowest > score => format!(
                        "{} points below the lowest chosen for this position ({lowest})",
                        lowest - score
                    ),
                    Some(_) => "as suitable as those chosen, but they fill more posts elsewhere or tie on order".to_owned(),
                    None => "no post of this position was filled".to_owned(),
                }
            };
            Some(RunnerUp {
                position_id: positions[index].id,
                person_id,
                name: person.full_name(),
                score,
                reason,
            })
        })
        .collect();
    let mut unfilled: BTreeMap<String, usize> = BTreeMap::new();
    for (slot, candidate) in plan.assignment.iter().enumerate() {
        if candidate.is_none() {
            *unfilled
                .entry(positions[slots[slot]].title.clone())
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
    let by_agency = tally(|a| a.agency_code.clone());
    Ok(Proposal {
        request_id: None,
        unit_id: None,
        title: String::new(),
        posts: slots.len() as u32,
        filled: plan.filled,
        score: plan.score,
        unfilled: unfilled
            .into_iter()
            .map(|(key, people)| Count { key, people })
            .collect(),
        runners_up,
        by_gender,
        by_agency,
        pool: pool.len(),
        eligible_pairs,
        solve_ms,
        assignments,
        pins: input.pins.clone(),
        forbids: input.forbids.clone(),
        min_women: input.min_women,
        max_per_agency: input.max_per_agency,
        together: input.together.clone(),
        apart: input.apart.clone(),
        status: status.to_owned(),
        bound: outcome.bound.1,
        starts_on: tour.start,
        ends_on: tour.end(),
    })
}

/// Solves again with the same edits and nominates everyone the plan chose, in one
/// transaction; people already nominated for their position stay as they are.
pub async fn accept(
    ctx: &Ctx<'_>,
    request_id: i64,
    input: &PlanInput,
) -> Result<Proposal, AppError> {
    let proposal = propose(ctx, request_id, input).await?;
    let request = ctx.store.request(request_id).await?;
    let existing: HashSet<(i64, i64)> = ctx
        .store
        .nominations(request_id)
        .await?
        .into_iter()
        .map(|n| (n.position_id, n.person_id))
        .collect();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    for assignment in &proposal.assignments {
        if !existing.contains(&(assignment.position_id, assignment.person_id)) {
            tx.nominate(assignment.position_id, assignment.person_id)
                .await?;
        }
    }
    if !proposal.assignments.is_empty()
        && matches!(
            RequestStatus::parse(&request.status),
            Some(RequestStatus::Received | RequestStatus::Answered)
        )
    {
        tx.set_request_status(&request, RequestStatus::Nominated)
            .await?;
    }
    tx.commit().await?;
    Ok(proposal)
}

/// Solves a unit's plan again with the same edits and plans a deployment with the unit for
/// everyone it chose (the post as appointment, the rotation's tour as dates), under
/// `dossier_id`, the unit's dossier, in one transaction. Someone already planned with the
/// unit under that dossier stays as they are; someone holding another active deployment
/// stops it all, named.
pub async fn accept_for_unit(
    ctx: &Ctx<'_>,
    unit_id: i64,
    dossier_id: i64,
    input: &PlanInput,
    today: Date,
) -> Result<Proposal, AppError> {
    let (proposal, unit) = unit_proposal(ctx, unit_id, input, today).await?;
    let mission_id = unit.mission_id.ok_or_else(|| {
        AppError::field(
            "unit_id",
            "no_mission",
            "the unit is not assigned to a mission yet",
        )
    })?;
    let dossier = crate::deployments::dossier_to_send_under(ctx, dossier_id).await?;
    if dossier.unit_id != Some(unit_id) {
        return Err(AppError::field(
            "dossier_id",
            "other_unit",
            "the dossier is not for this unit",
        ));
    }
    let ids: Vec<i64> = proposal.assignments.iter().map(|a| a.person_id).collect();
    let people: HashMap<i64, bluehelm_store::person::Person> =
        crate::people::readable_people(ctx, &ids)
            .await?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
    for person in people.values() {
        crate::deployments::may_deploy(ctx, person).await?;
    }
    let draft_for = |appointment: &str| bluehelm_domain::deployment::DeploymentDraft {
        appointment: appointment.to_owned(),
        planned_departure: proposal.starts_on,
        planned_end: proposal.ends_on,
        un_index: None,
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    for assignment in &proposal.assignments {
        let Some(person) = people.get(&assignment.person_id) else {
            continue;
        };
        if let Some(active) = tx.active_deployment_of(person.id).await? {
            let held = ctx.store.deployment(active).await?;
            if held.unit_id == Some(unit_id) && held.dossier_id == dossier.id {
                continue;
            }
            return Err(AppError::Conflict {
                field: "person_id".to_owned(),
                message: format!(
                    "{} already has an active deployment (#{active}); pin or forbid to plan without them",
                    assignment.name
                ),
            });
        }
        let new = bluehelm_store::deployment::NewDeployment {
            person_id: person.id,
            mission_id,
            unit_id: Some(unit_id),
            position_id: None,
            dossier_id: dossier.id,
            personnel_type: eligibility::PersonnelType::FormedUnit.as_str().to_owned(),
            gender: person.gender.clone(),
        };
        tx.create_deployment(&new, &draft_for(&assignment.position_title))
            .await?;
    }
    tx.commit().await?;
    Ok(proposal)
}

#[cfg(test)]
mod tests;
