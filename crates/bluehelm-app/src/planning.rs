//! "Propose a plan" for a UN request: every post of its positions, the pool the caller may
//! read (less people already committed to an active deployment), eligibility by the rules,
//! suitability by the documented score, and the exact planner (the most posts filled, then
//! the highest total score), with at least the women and at most the people per agency the
//! planner allows, and pairs of people who go together or apart. The planner pins and
//! forbids people and solves again; accepting the plan nominates the people it chose, or,
//! for a unit, plans them as the rotation's deployments under the unit's dossier.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use bluehelm_domain::eligibility::{self, Requirements, Tour};
use bluehelm_domain::message::Message;
use bluehelm_domain::policy::{Action, Owner, Resource, Scope};
use bluehelm_domain::request::RequestStatus;
use bluehelm_domain::suitability::{Part, Weights};
use bluehelm_domain::unit::{self, UnitKind};
use bluehelm_planner::side::solve_side;
use serde::{Deserialize, Serialize};
use time::Date;

mod model;

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
    /// At least this many women in each group of posts (fewer where a group has fewer
    /// posts): a request's position lines, a unit's sections. One women quota at most.
    #[serde(default, alias = "min_women_per_line")]
    pub min_women_per_group: Option<u32>,
    /// At least this share of each group's posts, in per cent, go to women (rounded up to
    /// whole people). One women quota at most.
    #[serde(default)]
    pub min_women_share: Option<u32>,
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

impl PlanInput {
    /// The field of the women quota asked, if any.
    pub fn women_field(&self) -> Option<&'static str> {
        self.women_fields().next()
    }

    /// The fields of every women quota asked, the whole plan's first.
    fn women_fields(&self) -> impl Iterator<Item = &'static str> {
        [
            ("min_women", self.min_women),
            ("min_women_per_group", self.min_women_per_group),
            ("min_women_share", self.min_women_share),
        ]
        .into_iter()
        .filter_map(|(field, asked)| asked.map(|_| field))
    }
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
    #[schema(value_type = Object)]
    pub reason: bluehelm_domain::message::Message,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub people: usize,
}

/// A group of posts with the women the plan chose for it and the quota it had to meet.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupWomen {
    pub key: String,
    pub posts: u32,
    pub women: usize,
    /// The women the group had to take under the plan's quota; none without one.
    pub at_least: Option<u32>,
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
    /// The women chosen in each group of posts (a request's lines, by title; a unit's
    /// sections, by name, a line outside any section by its title), in the lines' order.
    pub women_by_group: Vec<GroupWomen>,
    pub by_agency: Vec<Count>,
    /// People of the pool read, and how many eligible (person, position) pairs they gave.
    pub pool: usize,
    pub eligible_pairs: usize,
    pub solve_ms: f64,
    pub pins: Vec<Choice>,
    pub forbids: Vec<Choice>,
    pub min_women: Option<u32>,
    pub min_women_per_group: Option<u32>,
    pub min_women_share: Option<u32>,
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
    /// The section of a unit's line: the lines of one section are one group for the women
    /// quotas. A post without one (every request position) is a group of its own.
    pub section: Option<String>,
}

/// The people the caller may read, less those committed to an active deployment (except
/// with `own_unit`, whose members are planned again), and how many were left out so.
async fn free_pool(
    ctx: &Ctx<'_>,
    own_unit: Option<i64>,
) -> Result<(Vec<(i64, eligibility::Candidate)>, usize), AppError> {
    let mut pool = match person_scope(ctx) {
        Some(Scope::All) => ctx.store.candidates(None).await?,
        Some(Scope::Subtree(path)) => ctx.store.candidates(Some(&path)).await?,
        _ => Vec::new(),
    };
    let committed: HashMap<i64, Option<i64>> =
        ctx.store.committed_people().await?.into_iter().collect();
    let read = pool.len();
    pool.retain(|(id, _)| {
        committed
            .get(id)
            .is_none_or(|unit| own_unit.is_some() && *unit == own_unit)
    });
    let left_out = read - pool.len();
    Ok((pool, left_out))
}

/// Someone who could fill a requested position, or nearly.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Fit {
    pub person_id: i64,
    pub name: String,
    pub gender: String,
    pub agency_code: String,
    pub rank_code: Option<String>,
    pub service: String,
    /// How well they suit the position (eligible people only).
    pub score: u32,
    /// The rules they fail: none for the eligible, one or two for a near miss.
    #[schema(value_type = Vec<Object>)]
    pub failures: Vec<eligibility::Failure>,
    /// Already nominated for this position.
    pub nominated: bool,
}

/// "Who can fill this?": the eligible people of the caller's pool, best suited first, and
/// the near misses (one or two rules failed), each with the rules they fail.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Fits {
    /// The request the position belongs to; for a line of a unit's table of organisation,
    /// the unit instead.
    pub request_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub position_id: i64,
    pub position_title: String,
    pub eligible: Vec<Fit>,
    pub near_misses: Vec<Fit>,
    /// Eligible people and near misses beyond the ones listed.
    pub more_eligible: usize,
    pub more_near_misses: usize,
    /// People read, those left out as committed to an active deployment, and those who
    /// fail three rules or more.
    pub pool: usize,
    pub committed: usize,
    pub far: usize,
}

/// At most this many eligible people and near misses are listed.
const FITS_SHOWN: usize = 50;

/// A near miss fails at most this many rules.
const NEAR_MISS_RULES: usize = 2;

/// The people of a pool ranked for one post: the listed eligible people and near misses
/// with the counts of [`Fits`].
struct Ranked {
    eligible: Vec<Fit>,
    near_misses: Vec<Fit>,
    more_eligible: usize,
    more_near_misses: usize,
    pool: usize,
    committed: usize,
    far: usize,
}

/// What a post asks, for which tour and mission; `nominated` marks who already holds it.
struct PostToFill {
    requirements: Option<eligibility::Requirements>,
    tour: Tour,
    mission: Option<String>,
    nominated: HashSet<i64>,
}

/// Ranks the caller's free pool (narrowed to `name` when given) for `post`: eligible people
/// by suitability, near misses by the number of rules they fail.
async fn rank_for(ctx: &Ctx<'_>, post: PostToFill, name: Option<&str>) -> Result<Ranked, AppError> {
    let (mut pool, committed) = free_pool(ctx, None).await?;
    if let Some(name) = name.map(str::trim).filter(|name| !name.is_empty()) {
        let (sort, page) = crate::paging(
            None,
            Some(bluehelm_domain::listing::MAX_PER_PAGE),
            None,
            bluehelm_store::person::PERSON_SORT,
        )?;
        let filter = bluehelm_store::person::PersonFilter {
            name: Some(name.to_owned()),
            ..Default::default()
        };
        let named: HashSet<i64> = ctx
            .store
            .list_people(&filter, sort, page)
            .await?
            .items
            .into_iter()
            .map(|person| person.id)
            .collect();
        pool.retain(|(id, _)| named.contains(id));
    }
    let settings = ctx.store.eligibility_settings().await?;
    let weights: Weights = ctx.store.suitability_weights().await?;
    let PostToFill {
        requirements,
        tour,
        mission,
        nominated,
    } = post;
    let read = pool.len();
    let (mut eligible, mut near, far) = crate::blocking::run(move || {
        let mut eligible = Vec::new();
        let mut near = Vec::new();
        let mut far = 0;
        let Some(requirements) = requirements else {
            return (eligible, near, pool.len());
        };
        for (id, candidate) in &pool {
            let failures = eligibility::evaluate(candidate, &requirements, &tour, &settings);
            if failures.is_empty() {
                let suits = bluehelm_domain::suitability::score(
                    candidate,
                    &requirements,
                    &tour,
                    mission.as_deref(),
                    &weights,
                );
                eligible.push((*id, suits.score, failures));
            } else if failures.len() <= NEAR_MISS_RULES {
                near.push((*id, 0, failures));
            } else {
                far += 1;
            }
        }
        (eligible, near, far)
    })
    .await?;
    eligible.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    near.sort_by(|a, b| a.2.len().cmp(&b.2.len()).then(a.0.cmp(&b.0)));
    let more_eligible = eligible.len().saturating_sub(FITS_SHOWN);
    let more_near_misses = near.len().saturating_sub(FITS_SHOWN);
    eligible.truncate(FITS_SHOWN);
    near.truncate(FITS_SHOWN);
    let ids: Vec<i64> = eligible.iter().chain(&near).map(|(id, ..)| *id).collect();
    let people: HashMap<i64, bluehelm_store::person::Person> = ctx
        .store
        .people_by_ids(&ids)
        .await?
        .into_iter()
        .map(|person| (person.id, person))
        .collect();
    let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
    let fits = |found: Vec<(i64, u32, Vec<eligibility::Failure>)>| -> Vec<Fit> {
        found
            .into_iter()
            .filter_map(|(id, score, failures)| {
                let person = people.get(&id)?;
                Some(Fit {
                    person_id: id,
                    name: person.full_name(),
                    gender: person.gender.clone(),
                    agency_code: person.agency_code.clone(),
                    rank_code: person.rank_code.clone(),
                    service: person.service.clone(),
                    score,
                    failures: names.failures(failures),
                    nominated: nominated.contains(&id),
                })
            })
            .collect()
    };
    Ok(Ranked {
        eligible: fits(eligible),
        near_misses: fits(near),
        more_eligible,
        more_near_misses,
        pool: read,
        committed,
        far,
    })
}

/// `name`, when given, narrows the pool to the people whose names match (words in any
/// order, as the people search takes them).
pub async fn who_can_fill(
    ctx: &Ctx<'_>,
    position_id: i64,
    name: Option<&str>,
) -> Result<Fits, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    let position = ctx.store.request_position(position_id).await?;
    let request = ctx.store.request(position.request_id).await?;
    let nominated: HashSet<i64> = ctx
        .store
        .nominations(request.id)
        .await?
        .into_iter()
        .filter(|n| n.position_id == position_id)
        .map(|n| n.person_id)
        .collect();
    let post = PostToFill {
        requirements: position.requirements(),
        tour: request.tour(),
        mission: Some(request.mission_code.clone()),
        nominated,
    };
    let ranked = rank_for(ctx, post, name).await?;
    Ok(Fits::of(
        (Some(request.id), None),
        position_id,
        position.title,
        ranked,
    ))
}

/// "Who can fill this?" for a line of a unit's table of organisation, over the tour of the
/// unit's next rotation; nobody holds a line (the unit's plan fills it), and the people
/// already with a unit are left out as committed.
pub async fn who_can_fill_line(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
    name: Option<&str>,
    today: Date,
) -> Result<Fits, AppError> {
    let (unit, line) = crate::forces::unit_position_to_read(ctx, unit_id, position_id).await?;
    let kind = UnitKind::parse(&unit.kind).unwrap_or(UnitKind::Other);
    let post = PostToFill {
        requirements: Some(unit::post_requirements(kind, line.asks())),
        tour: unit_tour(&unit, today),
        mission: unit.mission_code.clone(),
        nominated: HashSet::new(),
    };
    let ranked = rank_for(ctx, post, name).await?;
    Ok(Fits::of(
        (None, Some(unit_id)),
        position_id,
        line.title,
        ranked,
    ))
}

impl Fits {
    /// `owner` is (request, unit).
    fn of(
        owner: (Option<i64>, Option<i64>),
        position_id: i64,
        position_title: String,
        ranked: Ranked,
    ) -> Self {
        Fits {
            request_id: owner.0,
            unit_id: owner.1,
            position_id,
            position_title,
            eligible: ranked.eligible,
            near_misses: ranked.near_misses,
            more_eligible: ranked.more_eligible,
            more_near_misses: ranked.more_near_misses,
            pool: ranked.pool,
            committed: ranked.committed,
            far: ranked.far,
        }
    }
}

/// The tour of a unit's next rotation: from its departure (today when the current one has
/// no deployment date) for the unit's tour length.
fn unit_tour(unit: &bluehelm_store::unit::Unit, today: Date) -> Tour {
    let months = u32::try_from(unit.tour_months).unwrap_or(12);
    let start = unit.deploys_on.map_or(today, |deployed| {
        unit::next_rotation(
            deployed,
            months,
            u32::try_from(unit.overlap_days).unwrap_or(0),
        )
        .departs_on
    });
    Tour { start, months }
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
            section: None,
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
            requirements: Some(unit::post_requirements(kind, line.asks())),
            id: line.id,
            title: line.title,
            count: line.count,
            section: line.section,
        })
        .collect();
    let tour = unit_tour(&unit, today);
    let mission = unit.mission_code.as_deref();
    let mut proposal = plan_posts(ctx, &posts, tour, mission, Some(unit_id), input).await?;
    proposal.unit_id = Some(unit_id);
    proposal.title = unit.name.clone();
    Ok((proposal, unit))
}

/// The plan for these posts of a tour in `mission` over the pool the caller may read,
/// less the people already committed to an active deployment (but for one with
/// `own_unit`, the unit being planned). Reads, then the pure steps of [`model`]: score,
/// build, solve (both CPU-heavy steps in the bounded blocking pool), explain.
async fn plan_posts(
    ctx: &Ctx<'_>,
    positions: &[Post],
    tour: Tour,
    mission: Option<&str>,
    own_unit: Option<i64>,
    input: &PlanInput,
) -> Result<Proposal, AppError> {
    let (pool, _) = free_pool(ctx, own_unit).await?;
    let settings = ctx.store.eligibility_settings().await?;
    let weights: Weights = ctx.store.suitability_weights().await?;
    let agencies: Option<HashMap<i64, String>> = match input.max_per_agency {
        Some(_) => {
            let within = match person_scope(ctx) {
                Some(Scope::Subtree(path)) => Some(path),
                _ => None,
            };
            Some(
                ctx.store
                    .person_agencies(within.as_ref())
                    .await?
                    .into_iter()
                    .collect(),
            )
        }
        None => None,
    };
    let owned_positions = positions.to_vec();
    let owned_mission = mission.map(str::to_owned);
    let (pool, scores) = crate::blocking::run(move || {
        let scores = model::score_pairs(
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
    let mut model = model::Model::build(positions, &pool, &scores, input, agencies.as_ref())?;
    let started = Instant::now();
    let instance = std::mem::take(&mut model.instance);
    let side = std::mem::take(&mut model.side);
    let fixed = model.fixed.clone();
    let outcome = crate::blocking::run(move || solve_side(&instance, &fixed, &side, NODE_LIMIT))
        .await?
        .map_err(|error| model.refusal(error, positions, &pool))?;
    let solve_ms = started.elapsed().as_secs_f64() * 1000.0;
    let shortlist = model.shortlist(&outcome, &scores, input, &pool)?;
    let people: HashMap<i64, model::Named> = ctx
        .store
        .people_by_ids(&shortlist.people(&pool))
        .await?
        .into_iter()
        .map(|person| {
            let named = model::Named {
                name: person.full_name(),
                gender: person.gender,
                agency_code: person.agency_code,
            };
            (person.id, named)
        })
        .collect();
    let mut proposal = model.explain(shortlist, positions, &pool, &scores, &people, input);
    let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
    names.name_each(
        proposal
            .assignments
            .iter_mut()
            .flat_map(|assignment| assignment.parts.iter_mut().map(|part| &mut part.detail))
            .chain(
                proposal
                    .runners_up
                    .iter_mut()
                    .map(|runner| &mut runner.reason),
            ),
    );
    proposal.solve_ms = solve_ms;
    proposal.starts_on = tour.start;
    proposal.ends_on = tour.end();
    Ok(proposal)
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
            tx.nominate(assignment.position_id, assignment.person_id, None)
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
            "validation.the_unit_is_not_assigned_to_a",
        )
    })?;
    let dossier = crate::deployments::dossier_to_send_under(ctx, dossier_id).await?;
    if dossier.unit_id != Some(unit_id) {
        return Err(AppError::field(
            "dossier_id",
            "other_unit",
            "validation.the_dossier_is_not_for_this_unit",
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
                message: Message::new("planning.already_deployed")
                    .text("name", assignment.name.clone())
                    .number("deployment", active),
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
