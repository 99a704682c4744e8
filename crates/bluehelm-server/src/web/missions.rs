//! The missions pages: the map, each mission with its mandate and resolutions.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use bluehelm_domain::mission::{map_point, MandateState, MissionInput, ResolutionInput};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::deployment::DeployedCount;

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::deployments::{self};
use bluehelm_app::forces::{self, MissionDetail, MissionView};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/missions", get(missions).post(create_mission))
        .route("/missions/{code}", get(mission).post(update_mission))
        .route("/missions/{code}/resolutions", post(add_resolution))
}

/// A mission on the map: where, how many of ours are there, and the radius to draw.
pub struct Marker {
    pub code: String,
    pub x: String,
    pub y: String,
    pub radius: String,
    pub people: i64,
}

#[derive(Template)]
#[template(path = "missions.html")]
struct MissionsPage {
    layout: Layout,
    missions: Vec<MissionView>,
    warnings: Vec<MissionView>,
    markers: Vec<Marker>,
    deployed: Vec<DeployedCount>,
    can_create: bool,
    entry: Entry,
}

/// The fields of a mission's form, with their input types.
const MISSION_FIELDS: [(&str, &str); 7] = [
    ("name_vi", "text"),
    ("name_en", "text"),
    ("host", "text"),
    ("latitude", "text"),
    ("longitude", "text"),
    ("started_on", "date"),
    ("closed_on", "date"),
];

fn mission_input(form: &Form) -> MissionInput {
    MissionInput {
        code: value(form, "code"),
        name_en: value(form, "name_en"),
        name_vi: value(form, "name_vi"),
        host: value(form, "host"),
        latitude: value(form, "latitude"),
        longitude: value(form, "longitude"),
        started_on: value(form, "started_on"),
        closed_on: value(form, "closed_on"),
    }
}

impl MissionsPage {
    fn mandate(&self, mandate: &MandateState) -> String {
        mandate_text(&self.layout, mandate)
    }

    fn name(&self, view: &MissionView) -> String {
        name_in(
            self.layout.tr.lang,
            &view.mission.name_vi,
            &view.mission.name_en,
        )
    }
}

/// The mandate's state in words, for every page that shows one.
pub fn mandate_text(layout: &Layout, mandate: &MandateState) -> String {
    let tr = &layout.tr;
    match mandate {
        MandateState::OpenEnded => tr.t("mission.open_ended").to_owned(),
        MandateState::Current { ends_on, .. } => {
            format!("{} {}", tr.t("mission.until"), tr.date(ends_on))
        }
        MandateState::Expiring { ends_on, days_left } => {
            format!(
                "{} {} ({days_left} {})",
                tr.t("mission.expiring"),
                tr.date(ends_on),
                tr.t("mission.days")
            )
        }
        MandateState::Ended { ends_on } => {
            format!("{} {}", tr.t("mission.ended"), tr.date(ends_on))
        }
    }
}

pub async fn missions(viewer: Viewer) -> Result<Response, WebError> {
    missions_page(&viewer, Entry::blank()).await
}

async fn missions_page(viewer: &Viewer, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/missions");
    let ctx = viewer.ctx();
    let missions = forces::missions(&ctx, today()).await.in_layout(layout)?;
    let deployed = deployments::deployed_now(&ctx).await.in_layout(layout)?;
    let markers = missions
        .iter()
        .filter(|view| view.mission.deployed > 0)
        .map(|view| {
            let (x, y) = map_point(view.mission.latitude, view.mission.longitude);
            Marker {
                code: view.mission.code.clone(),
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                radius: format!("{:.1}", 1.5 + (view.mission.deployed as f64).sqrt() * 0.4),
                people: view.mission.deployed,
            }
        })
        .collect();
    let warnings = missions
        .iter()
        .filter(|view| view.mission.closed_on.is_none() && view.mandate.needs_attention())
        .cloned()
        .collect();
    let page = MissionsPage {
        layout: layout(),
        missions,
        warnings,
        markers,
        deployed,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Mission).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn create_mission(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::create_mission(&ctx, &mission_input(&form)).await;
    after(
        caller,
        "/missions",
        result,
        |mission| format!("/missions/{}", mission.code),
        |errors| missions_page(&viewer, Entry::refused(form, errors)),
    )
    .await
}

/// Corrects a mission; closing it (a closing date where there was none) must be confirmed.
pub async fn update_mission(
    viewer: Viewer,
    Path(code): Path<String>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let closes = !value(&form, "closed_on").trim().is_empty() && value(&form, "was_open") == "1";
    let result = if closes && value(&form, "confirm_close").is_empty() {
        Err(bluehelm_app::AppError::field(
            "closed_on",
            "confirmation_needed",
            "message.confirm_mission_close",
        ))
    } else {
        forces::update_mission(&ctx, &code, &mission_input(&form)).await
    };
    let path = format!("/missions/{code}");
    after(
        caller,
        &path,
        result,
        |mission| format!("/missions/{}", mission.code),
        |errors| mission_page(&viewer, &code, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "mission.html")]
struct MissionPage {
    layout: Layout,
    detail: MissionDetail,
    can_edit: bool,
    entry: Entry,
}

impl MissionPage {
    fn mandate(&self, mandate: &MandateState) -> String {
        mandate_text(&self.layout, mandate)
    }

    fn name(&self) -> String {
        name_in(
            self.layout.tr.lang,
            &self.detail.mission.name_vi,
            &self.detail.mission.name_en,
        )
    }

    fn fields(&self) -> [(&'static str, &'static str); 7] {
        MISSION_FIELDS
    }

    /// A field of the edit form: what was typed if the form was refused, else what is
    /// recorded.
    fn recorded(&self, field: &str) -> String {
        if !self.entry.errors.is_empty() {
            return self.entry.v(field).to_owned();
        }
        let mission = &self.detail.mission;
        match field {
            "name_vi" => mission.name_vi.clone(),
            "name_en" => mission.name_en.clone(),
            "host" => mission.host.clone(),
            "latitude" => mission.latitude.to_string(),
            "longitude" => mission.longitude.to_string(),
            "started_on" => mission.started_on.to_string(),
            "closed_on" => mission.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

impl MissionsPage {
    fn fields(&self) -> [(&'static str, &'static str); 7] {
        MISSION_FIELDS
    }
}

async fn mission_page(viewer: &Viewer, code: &str, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/missions/{code}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = forces::mission_detail(&ctx, code, today())
        .await
        .in_layout(layout)?;
    let page = MissionPage {
        layout: layout(),
        detail,
        can_edit: policy::scope(&caller.principal, Action::Create, Resource::Mission).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn mission(viewer: Viewer, Path(code): Path<String>) -> Result<Response, WebError> {
    mission_page(&viewer, &code, Entry::blank()).await
}

pub async fn add_resolution(
    viewer: Viewer,
    Path(code): Path<String>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = ResolutionInput {
        number: value(&form, "number"),
        adopted_on: value(&form, "adopted_on"),
        votes_for: value(&form, "votes_for"),
        votes_against: value(&form, "votes_against"),
        votes_abstaining: value(&form, "votes_abstaining"),
        mandate_ends_on: value(&form, "mandate_ends_on"),
        troop_ceiling: value(&form, "troop_ceiling"),
        police_ceiling: value(&form, "police_ceiling"),
        note: value(&form, "note"),
    };
    let result = forces::add_resolution(&ctx, &code, &input).await;
    let path = format!("/missions/{code}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| mission_page(&viewer, &code, Entry::refused(form, errors)),
    )
    .await
}
