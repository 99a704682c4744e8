//! Formed units: the list, the form, each unit with its table of organisation and readiness.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::unit::{PositionInput, Readiness, ReadinessInput, UnitInput, UnitKind};
use bluehelm_store::unit::Unit;

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::forces::{self, UnitDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", get(unit))
        .route("/units/{id}/positions", post(add_unit_position))
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
    let missions = forces::missions(&ctx, today())
        .await
        .in_layout(layout)?
        .into_iter()
        .filter(|view| view.mission.closed_on.is_none())
        .map(|view| view.mission.code)
        .collect();
    let page = UnitsPage {
        layout: layout(),
        units,
        kinds: UnitKind::ALL.iter().map(|k| k.as_str()).collect(),
        missions,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Unit).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
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
    let input = UnitInput {
        name: value(&form, "name"),
        kind: value(&form, "kind"),
        rotation: value(&form, "rotation"),
        mission: value(&form, "mission"),
        tour_months: value(&form, "tour_months"),
        overlap_days: value(&form, "overlap_days"),
        deploys_on: value(&form, "deploys_on"),
    };
    let result = forces::create_unit(&ctx, &input, None).await;
    after(
        caller,
        "/units",
        result,
        |unit| format!("/units/{}", unit.id),
        |errors| units_page(&viewer, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage {
    layout: Layout,
    detail: UnitDetail,
    can_edit: bool,
    levels: Vec<&'static str>,
    language_levels: Vec<&'static str>,
    specialties: Vec<(String, String)>,
    languages: Vec<(&'static str, String)>,
    today: String,
    entry: Entry,
}

impl UnitPage {
    /// A specialty's name in the reader's language, or its code when the catalogue has
    /// lost it.
    fn specialty_name(&self, code: &str) -> String {
        self.specialties
            .iter()
            .find(|(known, _)| known == code)
            .map_or_else(|| code.to_owned(), |(_, name)| name.clone())
    }
}

pub(super) async fn unit_page(
    viewer: &Viewer,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/units/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = forces::unit_detail(&ctx, id).await.in_layout(layout)?;
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
    let specialties = bluehelm_app::people::specialties(&ctx)
        .await
        .in_layout(layout)?;
    let page = UnitPage {
        specialties: specialty_options(&specialties, caller.lang()),
        languages: language_options(&layout().tr),
        language_levels: bluehelm_domain::records::Cefr::ALL
            .iter()
            .map(|l| l.as_str())
            .collect(),
        layout: layout(),
        detail,
        can_edit,
        levels: Readiness::ALL.iter().map(|l| l.as_str()).collect(),
        today: today().to_string(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn unit(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    unit_page(&viewer, id, Entry::blank()).await
}

pub async fn add_unit_position(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = PositionInput {
        title: value(&form, "title"),
        specialty: value(&form, "specialty"),
        count: value(&form, "count"),
        language: value(&form, "language"),
        min_level: value(&form, "min_level"),
    };
    let result = forces::add_unit_position(&ctx, id, &input).await;
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
