//! Formed units: the list, the form, each unit with its table of organisation (each line's
//! requirements in words, edited and removed in place) and readiness; a unit's facts
//! corrected on a page of their own.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_app::AppError;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::unit::{
    post_requirements, PositionInput, Readiness, ReadinessInput, UnitInput, UnitKind,
};
use bluehelm_store::unit::{Unit, UnitPosition};

use super::form::*;
use super::requirements::{requirement_lines, RequirementNames};
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::forces::{self, UnitDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", get(unit))
        .route("/units/{id}/edit", get(edit_unit).post(update_unit))
        .route("/units/{id}/positions", post(add_unit_position))
        .route(
            "/units/{id}/positions/{position_id}/edit",
            get(edit_unit_position).post(update_unit_position),
        )
        .route(
            "/units/{id}/positions/{position_id}/remove",
            post(remove_unit_position),
        )
        .route(
            "/units/{id}/positions/{position_id}/candidates",
            get(line_candidates),
        )
        .route("/units/{id}/readiness", post(record_readiness))
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    layout: Layout,
    units: Vec<Unit>,
    kinds: Vec<&'static str>,
    missions: Vec<String>,
    can_create: bool,
    entry: Entry,
}

async fn units_page(viewer: &Viewer, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/units");
    let ctx = viewer.ctx();
    let units = forces::units(&ctx).await.in_layout(layout)?;
    let missions = open_missions(&ctx).await.in_layout(layout)?;
    let page = UnitsPage {
        layout: layout(),
        units,
        kinds: unit_kinds(),
        missions,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Unit).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

fn unit_kinds() -> Vec<&'static str> {
    UnitKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The missions a unit may serve: those not closed, by code.
async fn open_missions(ctx: &bluehelm_app::Ctx<'_>) -> Result<Vec<String>, AppError> {
    Ok(forces::missions(ctx, today())
        .await?
        .into_iter()
        .filter(|view| view.mission.closed_on.is_none())
        .map(|view| view.mission.code)
        .collect())
}

/// A unit's facts as the unit form reads them.
fn unit_input(form: &Form) -> UnitInput {
    UnitInput {
        name: value(form, "name"),
        kind: value(form, "kind"),
        rotation: value(form, "rotation"),
        mission: value(form, "mission"),
        tour_months: value(form, "tour_months"),
        overlap_days: value(form, "overlap_days"),
        deploys_on: value(form, "deploys_on"),
    }
}

pub async fn units(viewer: Viewer) -> Result<Response, WebError> {
    units_page(&viewer, Entry::blank()).await
}

pub async fn create_unit(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::create_unit(&ctx, &unit_input(&form), None).await;
    after(
        caller,
        "/units",
        result,
        |unit| format!("/units/{}", unit.id),
        |errors| units_page(&viewer, Entry::refused(form, errors)),
    )
    .await
}

/// The pick-lists of a table-of-organisation line's form, in the reader's language.
struct LineChoices {
    specialties: Vec<(String, String)>,
    qualifications: Vec<(String, String)>,
    /// The unit's rank table.
    ranks: Vec<(String, String)>,
    languages: Vec<(&'static str, String)>,
    language_levels: Vec<&'static str>,
    /// The unit's sections so far, offered to the section field.
    sections: Vec<String>,
}

impl LineChoices {
    async fn load(
        ctx: &bluehelm_app::Ctx<'_>,
        tr: &bluehelm_app::i18n::Tr,
        kind: UnitKind,
        lines: &[UnitPosition],
    ) -> Result<Self, AppError> {
        let specialties = bluehelm_app::people::specialties(ctx).await?;
        let kinds = bluehelm_app::people::qualification_kinds(ctx).await?;
        Ok(Self {
            specialties: specialty_options(&specialties, tr.lang),
            qualifications: qualification_options(&kinds, tr.lang),
            ranks: position_rank_options(kind.rank_service(), tr.lang),
            languages: language_options(tr),
            language_levels: bluehelm_domain::records::Cefr::ALL
                .iter()
                .map(|l| l.as_str())
                .collect(),
            sections: lines
                .iter()
                .filter_map(|line| line.section.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
    }
}

/// A line of the table of organisation with what it asks, in words.
struct LineView {
    position: UnitPosition,
    asks: Vec<String>,
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage {
    layout: Layout,
    detail: UnitDetail,
    lines: Vec<LineView>,
    can_edit: bool,
    levels: Vec<&'static str>,
    choices: LineChoices,
    today: String,
    entry: Entry,
}

impl UnitPage {
    fn members_link(&self, page: i64) -> String {
        format!("/units/{}?page={page}#members", self.detail.unit.id)
    }
}

fn kind_of(unit: &Unit) -> UnitKind {
    UnitKind::parse(&unit.kind).unwrap_or(UnitKind::Other)
}

pub(super) async fn unit_page(
    viewer: &Viewer,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    unit_page_at(viewer, id, None, entry).await
}

/// The unit's page with the `members_page`-th page of its members (the first when `None`
/// or not a page).
async fn unit_page_at(
    viewer: &Viewer,
    id: i64,
    members_page: Option<u32>,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/units/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let page = bluehelm_domain::listing::PageRequest::parse(members_page, None).unwrap_or_default();
    let detail = forces::unit_detail(&ctx, id, page)
        .await
        .in_layout(layout)?;
    let owner = detail.unit.owner();
    let can_edit = policy::authorize(
        &caller.principal,
        Action::Update,
        Resource::Unit,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
    )
    .is_ok();
    let tr = layout().tr;
    let kind = kind_of(&detail.unit);
    let choices = LineChoices::load(&ctx, &tr, kind, &detail.positions)
        .await
        .in_layout(layout)?;
    let names = RequirementNames::of_options(&choices.specialties, &choices.qualifications);
    let lines = detail
        .positions
        .iter()
        .map(|position| LineView {
            asks: requirement_lines(
                &tr,
                &post_requirements(kind, position.asks()),
                &names,
                kind.rank_service(),
            ),
            position: position.clone(),
        })
        .collect();
    let page = UnitPage {
        choices,
        layout: layout(),
        detail,
        lines,
        can_edit,
        levels: Readiness::ALL.iter().map(|l| l.as_str()).collect(),
        today: today().to_string(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn unit(
    viewer: Viewer,
    Path(id): Path<i64>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let page = query.ok().and_then(|Query(query)| query.page);
    unit_page_at(&viewer, id, page, Entry::blank()).await
}

/// A table-of-organisation line as its form reads it.
fn position_input(form: &Form) -> PositionInput {
    PositionInput {
        title: value(form, "title"),
        specialty: value(form, "specialty"),
        count: value(form, "count"),
        language: value(form, "language"),
        min_level: value(form, "min_level"),
        min_rank: value(form, "min_rank"),
        max_rank: value(form, "max_rank"),
        qualification: value(form, "qualification"),
        section: value(form, "section"),
    }
}

pub async fn add_unit_position(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::add_unit_position(&ctx, id, &position_input(&form)).await;
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

#[derive(Template)]
#[template(path = "unit_edit.html")]
struct UnitEditPage {
    layout: Layout,
    unit: Unit,
    kinds: Vec<&'static str>,
    missions: Vec<String>,
    entry: Entry,
}

/// The unit's form filled with its recorded facts, or with what was typed when refused.
async fn unit_edit_page(
    viewer: &Viewer,
    id: i64,
    entry: Option<Entry>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/units/{id}/edit");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let unit = forces::unit_for_update(&ctx, id).await.in_layout(layout)?;
    let entry = entry.unwrap_or_else(|| {
        let recorded = [
            ("name", unit.name.clone()),
            ("kind", unit.kind.clone()),
            ("rotation", unit.rotation.to_string()),
            ("mission", unit.mission_code.clone().unwrap_or_default()),
            ("tour_months", unit.tour_months.to_string()),
            ("overlap_days", unit.overlap_days.to_string()),
            (
                "deploys_on",
                unit.deploys_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ];
        Entry::refused(
            recorded
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
            Vec::new(),
        )
    });
    let mut missions = open_missions(&ctx).await.in_layout(layout)?;
    // A unit of a mission closed since stays on it until moved.
    if let Some(code) = &unit.mission_code {
        if !missions.contains(code) {
            missions.insert(0, code.clone());
        }
    }
    let page = UnitEditPage {
        layout: layout(),
        unit,
        kinds: unit_kinds(),
        missions,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn edit_unit(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    unit_edit_page(&viewer, id, None).await
}

pub async fn update_unit(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::update_unit(&ctx, id, &unit_input(&form)).await;
    after(
        caller,
        &format!("/units/{id}/edit"),
        result,
        |_| format!("/units/{id}"),
        |errors| unit_edit_page(&viewer, id, Some(Entry::refused(form, errors))),
    )
    .await
}

#[derive(Template)]
#[template(path = "unit_position_edit.html")]
struct PositionEditPage {
    layout: Layout,
    unit: Unit,
    position: UnitPosition,
    choices: LineChoices,
    entry: Entry,
}

/// A line's form filled with what it asks, or with what was typed when refused.
async fn position_edit_page(
    viewer: &Viewer,
    id: i64,
    position_id: i64,
    entry: Option<Entry>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/units/{id}/positions/{position_id}/edit");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let (unit, position) = forces::unit_position(&ctx, id, position_id)
        .await
        .in_layout(layout)?;
    let kind = kind_of(&unit);
    let entry = entry.unwrap_or_else(|| {
        let rank_code = |order: Option<i64>| {
            bluehelm_domain::rank::ranks(kind.rank_service())
                .iter()
                .find(|rank| Some(i64::from(rank.order)) == order)
                .map(|rank| rank.code.clone())
                .unwrap_or_default()
        };
        let recorded = [
            ("title", position.title.clone()),
            ("count", position.count.to_string()),
            ("specialty", position.specialty.clone().unwrap_or_default()),
            ("language", position.language.clone().unwrap_or_default()),
            ("min_level", position.min_level.clone().unwrap_or_default()),
            ("min_rank", rank_code(position.min_rank)),
            ("max_rank", rank_code(position.max_rank)),
            (
                "qualification",
                position.qualification.clone().unwrap_or_default(),
            ),
            ("section", position.section.clone().unwrap_or_default()),
        ];
        Entry::refused(
            recorded
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
            Vec::new(),
        )
    });
    let tr = layout().tr;
    let lines = forces::unit_lines_to_update(&ctx, id)
        .await
        .in_layout(layout)?;
    let page = PositionEditPage {
        choices: LineChoices::load(&ctx, &tr, kind, &lines)
            .await
            .in_layout(layout)?,
        layout: layout(),
        unit,
        position,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn edit_unit_position(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    position_edit_page(&viewer, id, position_id, None).await
}

pub async fn update_unit_position(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::update_unit_position(&ctx, id, position_id, &position_input(&form)).await;
    after(
        caller,
        &format!("/units/{id}/positions/{position_id}/edit"),
        result,
        |_| format!("/units/{id}"),
        |errors| position_edit_page(&viewer, id, position_id, Some(Entry::refused(form, errors))),
    )
    .await
}

/// Removes a line from the table of organisation, once confirmed.
pub async fn remove_unit_position(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = if value(&form, "confirm").is_empty() {
        Err(AppError::field(
            &format!("position-{position_id}"),
            "confirmation_needed",
            "message.confirm_line_removal",
        ))
    } else {
        forces::remove_unit_position(&ctx, id, position_id).await
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

pub async fn record_readiness(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = ReadinessInput {
        level: value(&form, "level"),
        dated: value(&form, "dated"),
        evidence: value(&form, "evidence"),
    };
    let result = forces::record_readiness(&ctx, id, &input, today()).await;
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

/// `?name=` of a candidates list.
#[derive(Debug, serde::Deserialize)]
pub struct NameQuery {
    name: Option<String>,
}

/// "Who can fill this?" for a line of the table of organisation: the list only, since the
/// unit's plan fills its lines.
pub async fn line_candidates(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    query: Result<Query<NameQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let name = query.ok().and_then(|Query(query)| query.name);
    let caller = &viewer.caller;
    let path = format!("/units/{id}/positions/{position_id}/candidates");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let fits =
        bluehelm_app::planning::who_can_fill_line(&ctx, id, position_id, name.as_deref(), today())
            .await
            .in_layout(layout)?;
    let (unit, line) = forces::unit_position_to_read(&ctx, id, position_id)
        .await
        .in_layout(layout)?;
    let kind = kind_of(&unit);
    let names = RequirementNames::load(&ctx, caller.lang())
        .await
        .in_layout(layout)?;
    let tr = layout().tr;
    let page = super::requests::CandidatesPage {
        requirements: requirement_lines(
            &tr,
            &post_requirements(kind, line.asks()),
            &names,
            kind.rank_service(),
        ),
        layout: layout(),
        back: format!("/units/{id}"),
        here: path.clone(),
        nominate: None,
        fits,
        name: name.unwrap_or_default(),
        entry: Entry::blank(),
    };
    render(&page, &page.entry.errors)
}
