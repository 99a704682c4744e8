//! The planner pages of a request and of a unit: constraints, the proposal and its acceptance.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use bluehelm_domain::policy::{self, Action, Resource};

use super::form::*;
use super::requests::request_page;
use super::units::unit_page;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests/{id}/plan", get(plan))
        .route("/requests/{id}/plan/accept", post(accept_plan))
        .route("/units/{id}/plan/accept", post(accept_unit_plan))
        .route("/units/{id}/plan", get(unit_plan))
}

/// Pairs of ids as pins, forbids and pairs of people travel in a link or a form:
/// `12:34,56:78`.
fn id_pairs(text: &str) -> impl Iterator<Item = (i64, i64)> + '_ {
    text.split(',')
        .filter_map(|pair| pair.split_once(':'))
        .filter_map(|(first, second)| {
            Some((first.trim().parse().ok()?, second.trim().parse().ok()?))
        })
}

fn id_pairs_text(pairs: impl Iterator<Item = (i64, i64)>) -> String {
    pairs
        .map(|(first, second)| format!("{first}:{second}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn choices(text: &str) -> Vec<bluehelm_app::planning::Choice> {
    id_pairs(text)
        .map(|(position_id, person_id)| bluehelm_app::planning::Choice {
            position_id,
            person_id,
        })
        .collect()
}

fn people_pairs(text: &str) -> Vec<bluehelm_app::planning::People> {
    id_pairs(text)
        .map(|(first, second)| bluehelm_app::planning::People { first, second })
        .collect()
}

/// The pairs a form carries (`{name}`), with the one chosen in its two pick-lists
/// (`{name}_first`, `{name}_second`) added.
fn pairs_with_chosen(form: &Form, name: &str) -> Vec<bluehelm_app::planning::People> {
    let mut pairs = people_pairs(&value(form, name));
    let chosen = |part: &str| {
        value(form, &format!("{name}_{part}"))
            .trim()
            .parse::<i64>()
            .ok()
    };
    if let (Some(first), Some(second)) = (chosen("first"), chosen("second")) {
        pairs.push(bluehelm_app::planning::People { first, second });
    }
    pairs
}

fn choices_text(choices: &[bluehelm_app::planning::Choice]) -> String {
    id_pairs_text(choices.iter().map(|c| (c.position_id, c.person_id)))
}

fn people_pairs_text(pairs: &[bluehelm_app::planning::People]) -> String {
    id_pairs_text(pairs.iter().map(|p| (p.first, p.second)))
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    layout: Layout,
    /// The page's own path, which every re-solve link and form goes to.
    base: String,
    /// Accepting nominates a request's people; a unit's are planned as deployments under
    /// one of its dossiers, chosen here.
    can_accept: bool,
    /// For a unit: its dossiers not rejected, as (id, title).
    dossiers: Vec<(i64, String)>,
    /// For a unit without a dossier: accepting needs one first.
    needs_dossier: bool,
    proposal: bluehelm_app::planning::Proposal,
    pins: String,
    forbids: String,
    min_women: String,
    min_women_per_group: String,
    min_women_share: String,
    max_per_agency: String,
    together: String,
    apart: String,
    /// The people the plan names (chosen and runners-up), by name, for the pairs'
    /// pick-lists.
    people: Vec<(i64, String)>,
}

impl PlanPage {
    /// The pairs who go together, and those who go apart.
    fn pair_groups(&self) -> [(&'static str, &[bluehelm_app::planning::People]); 2] {
        [
            ("together", &self.proposal.together),
            ("apart", &self.proposal.apart),
        ]
    }

    /// The catalogue key `stem` for the plan's groups: a request's lines, a unit's
    /// sections.
    fn by_group(&self, stem: &str) -> String {
        let groups = if self.proposal.unit_id.is_some() {
            "section"
        } else {
            "line"
        };
        format!("{stem}_{groups}")
    }

    fn name_of(&self, id: &i64) -> String {
        self.people
            .iter()
            .find(|(person, _)| person == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    }
}

impl PlanPage {
    /// The link that solves again with one more pin or forbid.
    fn with(&self, kind: &str, position_id: &i64, person_id: &i64) -> String {
        let (mut pins, mut forbids) = (self.pins.clone(), self.forbids.clone());
        let target = if kind == "pin" {
            &mut pins
        } else {
            &mut forbids
        };
        if !target.is_empty() {
            target.push(',');
        }
        target.push_str(&format!("{position_id}:{person_id}"));
        format!(
            "{}?pins={pins}&forbids={forbids}&min_women={}&min_women_per_group={}&min_women_share={}&max_per_agency={}&together={}&apart={}",
            self.base, self.min_women, self.min_women_per_group, self.min_women_share, self.max_per_agency, self.together, self.apart
        )
    }
}

/// The planner's edits as a link or form carries them.
fn plan_input(form: &Form) -> bluehelm_app::planning::PlanInput {
    bluehelm_app::planning::PlanInput {
        pins: choices(&value(form, "pins")),
        forbids: choices(&value(form, "forbids")),
        min_women: value(form, "min_women").trim().parse().ok(),
        min_women_per_group: value(form, "min_women_per_group").trim().parse().ok(),
        min_women_share: value(form, "min_women_share").trim().parse().ok(),
        max_per_agency: value(form, "max_per_agency").trim().parse().ok(),
        together: pairs_with_chosen(form, "together"),
        apart: pairs_with_chosen(form, "apart"),
    }
}

/// Where a plan can be accepted: a request's nominations, or a unit's deployments under
/// one of these dossiers.
enum Acceptance {
    Request,
    Unit(Vec<(i64, String)>),
}

fn plan_page(
    layout: Layout,
    base: String,
    acceptance: Acceptance,
    proposal: bluehelm_app::planning::Proposal,
) -> Result<Response, WebError> {
    let limit = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    let (can_accept, dossiers, needs_dossier) = match acceptance {
        Acceptance::Request => (true, Vec::new(), false),
        Acceptance::Unit(dossiers) => (!dossiers.is_empty(), dossiers.clone(), dossiers.is_empty()),
    };
    let page = PlanPage {
        layout,
        base,
        can_accept,
        dossiers,
        needs_dossier,
        pins: choices_text(&proposal.pins),
        forbids: choices_text(&proposal.forbids),
        min_women: limit(proposal.min_women),
        min_women_per_group: limit(proposal.min_women_per_group),
        min_women_share: limit(proposal.min_women_share),
        max_per_agency: limit(proposal.max_per_agency),
        together: people_pairs_text(&proposal.together),
        apart: people_pairs_text(&proposal.apart),
        people: {
            let mut people: Vec<(i64, String)> = Vec::new();
            let named = proposal
                .assignments
                .iter()
                .map(|a| (a.person_id, a.name.clone()))
                .chain(
                    proposal
                        .runners_up
                        .iter()
                        .map(|r| (r.person_id, r.name.clone())),
                );
            for (id, name) in named {
                if !people.iter().any(|(known, _)| *known == id) {
                    people.push((id, name));
                }
            }
            people
        },
        proposal,
    };
    render(&page, &[])
}

pub async fn plan(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/requests/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let proposal = bluehelm_app::planning::propose(&ctx, id, &plan_input(&query))
        .await
        .in_layout(layout)?;
    plan_page(
        layout(),
        format!("/requests/{id}/plan"),
        Acceptance::Request,
        proposal,
    )
}

pub async fn unit_plan(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/units/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let proposal = bluehelm_app::planning::propose_for_unit(&ctx, id, &plan_input(&query), today())
        .await
        .in_layout(layout)?;
    // Someone who may plan the unit but not read dossiers sees the plan without them.
    let may_read_dossiers =
        policy::scope(&caller.principal, Action::Read, Resource::Dossier).is_ok();
    let dossiers = if may_read_dossiers {
        bluehelm_app::dossiers::dossiers(&ctx)
            .await
            .in_layout(layout)?
            .into_iter()
            .filter(|d| d.unit_id == Some(id) && d.status != "rejected")
            .map(|d| (d.id, d.title))
            .collect()
    } else {
        Vec::new()
    };
    plan_page(
        layout(),
        format!("/units/{id}/plan"),
        Acceptance::Unit(dossiers),
        proposal,
    )
}

/// Plans the unit plan's people as deployments under the chosen dossier.
pub async fn accept_unit_plan(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match value(&form, "dossier_id").trim().parse::<i64>() {
        Ok(dossier_id) => {
            bluehelm_app::planning::accept_for_unit(
                &ctx,
                id,
                dossier_id,
                &plan_input(&form),
                today(),
            )
            .await
        }
        Err(_) => Err(AppError::field(
            "dossier_id",
            "required",
            "validation.choose_the_dossier_the_deployments_are_planned",
        )),
    };
    let path = format!("/units/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| unit_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn accept_plan(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = bluehelm_app::planning::accept(&ctx, id, &plan_input(&form)).await;
    let path = format!("/requests/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}
