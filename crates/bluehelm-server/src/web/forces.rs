//! The force generation and dispatch pages: missions (with the map and the mandates),
//! UN requests and nominations, dossiers of the dispatch procedure, deployments and units.
//! Forms arrive as name → value maps and are handed to the same services as the API; a
//! refused form is shown again with what was typed and the errors.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use bluehelm_domain::deployment::MoveInput;
use bluehelm_domain::dispatch::{DecisionType, ForceCategory};
use bluehelm_domain::eligibility::{PersonnelType, Requirements};
use bluehelm_domain::lang::Lang;
use bluehelm_domain::mission::{map_point, MandateState, ResolutionInput};
use bluehelm_domain::person::Service;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::records::Cefr;
use bluehelm_domain::request::{PositionRequest, RequestInput};
use bluehelm_domain::unit::{PositionInput, Readiness, ReadinessInput, UnitInput, UnitKind};
use bluehelm_domain::FieldError;
use bluehelm_store::deployment::{DeployedCount, Deployment, DeploymentFilter};
use bluehelm_store::dossier::Dossier;
use bluehelm_store::mission::{UnRequest, Unit};

use super::{form_errors, render, Layout, SignedIn, WebError, WithLayout};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;
use bluehelm_app::deployments::{self, PlanInput};
use bluehelm_app::dossiers::{self, DossierDetail, DossierInput, Waiting};
use bluehelm_app::forces::{self, MissionDetail, MissionView, RequestDetail, UnitDetail};
use bluehelm_app::AppError;
use bluehelm_app::Ctx;

type Form = HashMap<String, String>;

fn today() -> time::Date {
    bluehelm_store::now().date()
}

fn value(form: &Form, key: &str) -> String {
    form.get(key).cloned().unwrap_or_default()
}

/// What every form page carries: what was typed, and the errors of the last attempt.
pub struct Entry {
    form: Form,
    errors: Vec<FieldError>,
}

impl Entry {
    fn blank() -> Self {
        Self {
            form: Form::new(),
            errors: Vec::new(),
        }
    }

    fn refused(form: Form, errors: Vec<FieldError>) -> Self {
        Self { form, errors }
    }

    pub fn v(&self, key: &str) -> &str {
        self.form.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn error(&self, field: &str) -> Option<String> {
        super::error_for(&self.errors, field)
    }
}

/// A form's outcome: on success go to `to`; on refusal show the page again via `again`.
async fn after<T, F, Fut>(
    caller: &Caller,
    path: &str,
    result: Result<T, AppError>,
    to: impl FnOnce(T) -> String,
    again: F,
) -> Result<Response, WebError>
where
    F: FnOnce(Vec<FieldError>) -> Fut,
    Fut: std::future::Future<Output = Result<Response, WebError>>,
{
    match result {
        Ok(done) => Ok(Redirect::to(&to(done)).into_response()),
        Err(error) => {
            let errors = form_errors(error).in_layout(|| Layout::for_caller(caller, path))?;
            again(errors).await
        }
    }
}

fn name_in(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
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
        MandateState::Current { ends_on, .. } => format!("{} {ends_on}", tr.t("mission.until")),
        MandateState::Expiring { ends_on, days_left } => {
            format!(
                "{} {ends_on} ({days_left} {})",
                tr.t("mission.expiring"),
                tr.t("mission.days")
            )
        }
        MandateState::Ended { ends_on } => format!("{} {ends_on}", tr.t("mission.ended")),
    }
}

pub async fn missions(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    let layout = || Layout::for_caller(&caller, "/missions");
    let ctx = Ctx::new(&state.store, &caller.principal);
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
    };
    render(&page, &[])
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
}

async fn mission_page(
    state: &AppState,
    caller: &Caller,
    code: &str,
    entry: Entry,
) -> Result<Response, WebError> {
    let path = format!("/missions/{code}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
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

pub async fn mission(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    mission_page(&state, &caller, &code, Entry::blank()).await
}

pub async fn add_resolution(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(code): Path<String>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
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
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| mission_page(&state, &caller, &code, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "requests.html")]
struct RequestsPage {
    layout: Layout,
    requests: Vec<UnRequest>,
    missions: Vec<String>,
    personnel_types: Vec<&'static str>,
    levels: Vec<&'static str>,
    can_create: bool,
    entry: Entry,
}

async fn requests_page(
    state: &AppState,
    caller: &Caller,
    entry: Entry,
) -> Result<Response, WebError> {
    let layout = || Layout::for_caller(caller, "/requests");
    let ctx = Ctx::new(&state.store, &caller.principal);
    let requests = forces::requests(&ctx).await.in_layout(layout)?;
    let missions = forces::missions(&ctx, today())
        .await
        .in_layout(layout)?
        .into_iter()
        .filter(|view| view.mission.closed_on.is_none())
        .map(|view| view.mission.code)
        .collect();
    let page = RequestsPage {
        layout: layout(),
        requests,
        missions,
        personnel_types: PersonnelType::ALL.iter().map(|t| t.as_str()).collect(),
        levels: Cefr::ALL.iter().map(|l| l.as_str()).collect(),
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Mission).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn requests(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    requests_page(&state, &caller, Entry::blank()).await
}

/// The request form has one position line: title, count, specialty, language and level.
fn request_input(form: &Form) -> Result<RequestInput, AppError> {
    let personnel_type = value(form, "personnel_type");
    let kind = PersonnelType::parse_field("personnel_type", &personnel_type)?;
    let language = match (
        value(form, "language").trim(),
        value(form, "min_level").trim(),
    ) {
        ("", _) => None,
        (language, level) => Some(bluehelm_domain::eligibility::LanguageRequirement {
            language: language.to_lowercase(),
            min_level: Cefr::parse_field("min_level", level)?,
        }),
    };
    let count = value(form, "count").trim().parse::<u32>().map_err(|_| {
        AppError::field(
            "positions[0].count",
            "out_of_range",
            "must be from 1 to 500",
        )
    })?;
    let specialty = value(form, "specialty");
    Ok(RequestInput {
        reference: value(form, "reference"),
        mission: value(form, "mission"),
        personnel_type,
        received_on: value(form, "received_on"),
        nomination_deadline: value(form, "nomination_deadline"),
        tour_start: value(form, "tour_start"),
        tour_months: value(form, "tour_months"),
        note: value(form, "note"),
        positions: vec![PositionRequest {
            title: value(form, "position_title"),
            count,
            requirements: Requirements {
                personnel_type: kind,
                services: Vec::new(),
                min_rank: None,
                max_rank: None,
                specialties: if specialty.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![specialty.trim().to_owned()]
                },
                language,
                qualifications: Vec::new(),
                gender: None,
            },
        }],
    })
}

pub async fn create_request(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let result = match request_input(&form) {
        Ok(input) => forces::create_request(&ctx, &input).await,
        Err(error) => Err(error),
    };
    after(
        &caller,
        "/requests",
        result,
        |request| format!("/requests/{}", request.id),
        |errors| requests_page(&state, &caller, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage {
    layout: Layout,
    detail: RequestDetail,
    can_edit: bool,
    can_open_dossier: bool,
    services: Vec<&'static str>,
    categories: Vec<&'static str>,
    decisions: Vec<&'static str>,
    today: String,
    entry: Entry,
}

async fn request_page(
    state: &AppState,
    caller: &Caller,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let path = format!("/requests/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
    let detail = forces::request_detail(&ctx, id).await.in_layout(layout)?;
    let page = RequestPage {
        layout: layout(),
        detail,
        can_edit: policy::scope(&caller.principal, Action::Update, Resource::Mission).is_ok(),
        can_open_dossier: policy::scope(&caller.principal, Action::Create, Resource::Dossier)
            .is_ok(),
        services: Service::ALL.iter().map(|s| s.as_str()).collect(),
        categories: ForceCategory::ALL.iter().map(|c| c.as_str()).collect(),
        decisions: DecisionType::ALL.iter().map(|d| d.as_str()).collect(),
        today: today().to_string(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn request(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    request_page(&state, &caller, id, Entry::blank()).await
}

pub async fn nominate(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((id, position_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let result = match bluehelm_app::people::person_id_by_service_number(
        &ctx,
        &value(&form, "service"),
        &value(&form, "service_number"),
    )
    .await
    {
        Ok(person_id) => forces::nominate(&ctx, position_id, person_id).await,
        Err(error) => Err(error),
    };
    let path = format!("/requests/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

/// Opens a dossier for a request's nominees, from the request's page.
pub async fn open_dossier(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let people = match forces::request_detail(&ctx, id).await {
        Ok(detail) => detail
            .positions
            .iter()
            .flat_map(|p| p.nominations.iter().map(|n| n.nomination.person_id))
            .collect(),
        Err(error) => return Err(error).in_layout(|| Layout::for_caller(&caller, "/requests")),
    };
    let input = DossierInput {
        title: value(&form, "title"),
        category: value(&form, "category"),
        decision: value(&form, "decision"),
        dated: value(&form, "dated"),
        request_id: Some(id),
        unit_id: None,
        people,
    };
    let result = dossiers::open_dossier(&ctx, &input).await;
    let path = format!("/requests/{id}");
    after(
        &caller,
        &path,
        result,
        |dossier| format!("/dossiers/{}", dossier.id),
        |errors| request_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "dossiers.html")]
struct DossiersPage {
    layout: Layout,
    dossiers: Vec<Dossier>,
    waiting: Waiting,
}

pub async fn dossiers(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    let layout = || Layout::for_caller(&caller, "/dossiers");
    let ctx = Ctx::new(&state.store, &caller.principal);
    let dossiers = dossiers::dossiers(&ctx).await.in_layout(layout)?;
    let waiting = dossiers::waiting(&ctx, bluehelm_store::now())
        .await
        .in_layout(layout)?;
    render(
        &DossiersPage {
            layout: layout(),
            dossiers,
            waiting,
        },
        &[],
    )
}

/// A person named in a dossier, for the page and the deployment form.
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Template)]
#[template(path = "dossier.html")]
struct DossierPage {
    layout: Layout,
    detail: DossierDetail,
    people: Vec<Named>,
    deployments: Vec<Deployment>,
    mission: String,
    personnel_type: String,
    can_plan: bool,
    entry: Entry,
}

impl DossierPage {
    fn step_name(&self, vi: &str, en: &str) -> String {
        name_in(self.layout.tr.lang, vi, en)
    }
}

async fn dossier_page(
    state: &AppState,
    caller: &Caller,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let path = format!("/dossiers/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
    let detail = dossiers::dossier_detail(&ctx, id, today())
        .await
        .in_layout(layout)?;
    let people = bluehelm_app::people::readable_people(&ctx, &detail.people)
        .await
        .in_layout(layout)?
        .into_iter()
        .map(|person| Named {
            id: person.id,
            name: person.full_name(),
        })
        .collect();
    let deployments = deployments::readable_deployments(&ctx, DeploymentFilter::Dossier(id))
        .await
        .in_layout(layout)?;
    let (mission, personnel_type) = forces::request_summary(&ctx, detail.dossier.request_id).await;
    let page = DossierPage {
        layout: layout(),
        detail,
        people,
        deployments,
        mission,
        personnel_type,
        can_plan: policy::scope(&caller.principal, Action::Create, Resource::Deployment).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn dossier(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    dossier_page(&state, &caller, id, Entry::blank()).await
}

pub async fn decide(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((id, step_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let comment = value(&form, "comment");
    let result = dossiers::decide(&ctx, id, step_id, &value(&form, "action"), Some(&comment)).await;
    let path = format!("/dossiers/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| dossier_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn attach(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let path = format!("/dossiers/{id}");
    let layout = || Layout::for_caller(&caller, &path);
    let unreadable = |error: axum::extract::multipart::MultipartError| ApiError::Rejected {
        status: error.status(),
        code: "unreadable_upload",
        field: Some("file".to_owned()),
        message: error.body_text(),
    };
    let (mut kind, mut file_name, mut bytes) = (String::new(), String::new(), Vec::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(unreadable)
        .in_layout(layout)?
    {
        match field.name().unwrap_or_default() {
            "kind" => kind = field.text().await.map_err(unreadable).in_layout(layout)?,
            "file" => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                bytes = field
                    .bytes()
                    .await
                    .map_err(unreadable)
                    .in_layout(layout)?
                    .to_vec();
            }
            _ => {}
        }
    }
    let ctx = Ctx::new(&state.store, &caller.principal);
    let result = dossiers::attach(&ctx, id, &kind, &file_name, &bytes).await;
    let mut form = Form::new();
    form.insert("kind".to_owned(), kind);
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| dossier_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn download(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((id, document_id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let path = format!("/dossiers/{id}");
    let (document, content) = dossiers::document(&ctx, id, document_id)
        .await
        .in_layout(|| Layout::for_caller(&caller, &path))?;
    Ok(crate::api::document_response(&document, content))
}

/// Plans a deployment under a dossier, from the dossier's page.
pub async fn plan_deployment(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let optional = |key: &str| Some(value(&form, key)).filter(|v| !v.trim().is_empty());
    let input = PlanInput {
        person_id: value(&form, "person_id").parse().unwrap_or(0),
        dossier_id: id,
        position_id: optional("position_id").and_then(|v| v.parse().ok()),
        unit_id: optional("unit_id").and_then(|v| v.parse().ok()),
        mission: optional("mission"),
        personnel_type: optional("personnel_type"),
        appointment: value(&form, "appointment"),
        planned_departure: value(&form, "planned_departure"),
        planned_end: value(&form, "planned_end"),
        un_index: value(&form, "un_index"),
    };
    let result = deployments::plan(&ctx, &input).await;
    let path = format!("/dossiers/{id}");
    after(
        &caller,
        &path,
        result,
        |d| format!("/deployments/{}", d.id),
        |errors| dossier_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "deployments.html")]
struct DeploymentsPage {
    layout: Layout,
    deployments: Vec<Deployment>,
}

pub async fn deployments(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    let layout = || Layout::for_caller(&caller, "/deployments");
    let ctx = Ctx::new(&state.store, &caller.principal);
    let deployments = deployments::deployments(&ctx, DeploymentFilter::All)
        .await
        .in_layout(layout)?;
    render(
        &DeploymentsPage {
            layout: layout(),
            deployments,
        },
        &[],
    )
}

#[derive(Template)]
#[template(path = "deployment.html")]
struct DeploymentPage {
    layout: Layout,
    deployment: Deployment,
    incidents: Vec<bluehelm_store::deployment::Incident>,
    incident_kinds: Vec<&'static str>,
    can_move: bool,
    statuses: Vec<&'static str>,
    entry: Entry,
}

async fn deployment_page(
    state: &AppState,
    caller: &Caller,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let path = format!("/deployments/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
    let deployment = deployments::deployment(&ctx, id).await.in_layout(layout)?;
    let incidents = deployments::incidents(&ctx, id).await.in_layout(layout)?;
    let owner = deployment.owner();
    let can_move = policy::authorize(
        &caller.principal,
        Action::Update,
        Resource::Deployment,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
    )
    .is_ok()
        && deployment.status().is_active();
    let page = DeploymentPage {
        layout: layout(),
        deployment,
        incidents,
        incident_kinds: bluehelm_domain::deployment::IncidentKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect(),
        can_move,
        statuses: bluehelm_domain::deployment::DeploymentStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn deployment(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    deployment_page(&state, &caller, id, Entry::blank()).await
}

pub async fn move_deployment(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let input = MoveInput {
        status: value(&form, "status"),
        departed_on: value(&form, "departed_on"),
        arrived_on: value(&form, "arrived_on"),
        returned_on: value(&form, "returned_on"),
        planned_end: value(&form, "planned_end"),
        reason: value(&form, "reason"),
    };
    let result = deployments::move_to(&ctx, id, &input).await;
    let path = format!("/deployments/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| deployment_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn add_incident(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let input = bluehelm_domain::deployment::IncidentInput {
        kind: value(&form, "kind"),
        occurred_on: value(&form, "occurred_on"),
        summary: value(&form, "summary"),
        follow_up: value(&form, "follow_up"),
    };
    let result = deployments::add_incident(&ctx, id, &input, today()).await;
    let path = format!("/deployments/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| deployment_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
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

async fn units_page(state: &AppState, caller: &Caller, entry: Entry) -> Result<Response, WebError> {
    let layout = || Layout::for_caller(caller, "/units");
    let ctx = Ctx::new(&state.store, &caller.principal);
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

pub async fn units(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    units_page(&state, &caller, Entry::blank()).await
}

pub async fn create_unit(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
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
        &caller,
        "/units",
        result,
        |unit| format!("/units/{}", unit.id),
        |errors| units_page(&state, &caller, Entry::refused(form, errors)),
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
    today: String,
    entry: Entry,
}

async fn unit_page(
    state: &AppState,
    caller: &Caller,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let path = format!("/units/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
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
    let page = UnitPage {
        layout: layout(),
        detail,
        can_edit,
        levels: Readiness::ALL.iter().map(|l| l.as_str()).collect(),
        today: today().to_string(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn unit(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    unit_page(&state, &caller, id, Entry::blank()).await
}

pub async fn add_unit_position(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
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
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| unit_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn record_readiness(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let input = ReadinessInput {
        level: value(&form, "level"),
        dated: value(&form, "dated"),
        evidence: value(&form, "evidence"),
    };
    let result = forces::record_readiness(&ctx, id, &input, today()).await;
    let path = format!("/units/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| unit_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
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
    max_per_agency: String,
    together: String,
    apart: String,
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
            "{}?pins={pins}&forbids={forbids}&min_women={}&max_per_agency={}&together={}&apart={}",
            self.base, self.min_women, self.max_per_agency, self.together, self.apart
        )
    }
}

/// The planner's edits as a link or form carries them.
fn plan_input(form: &Form) -> bluehelm_app::planning::PlanInput {
    bluehelm_app::planning::PlanInput {
        pins: choices(&value(form, "pins")),
        forbids: choices(&value(form, "forbids")),
        min_women: value(form, "min_women").trim().parse().ok(),
        max_per_agency: value(form, "max_per_agency").trim().parse().ok(),
        together: people_pairs(&value(form, "together")),
        apart: people_pairs(&value(form, "apart")),
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
        max_per_agency: limit(proposal.max_per_agency),
        together: people_pairs_text(&proposal.together),
        apart: people_pairs_text(&proposal.apart),
        proposal,
    };
    render(&page, &[])
}

pub async fn plan(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<Form>,
) -> Result<Response, WebError> {
    let path = format!("/requests/{id}");
    let layout = || Layout::for_caller(&caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
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
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<Form>,
) -> Result<Response, WebError> {
    let path = format!("/units/{id}");
    let layout = || Layout::for_caller(&caller, &path);
    let ctx = Ctx::new(&state.store, &caller.principal);
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
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
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
            "choose the dossier the deployments are planned under",
        )),
    };
    let path = format!("/units/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| unit_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn accept_plan(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = Ctx::new(&state.store, &caller.principal);
    let result = bluehelm_app::planning::accept(&ctx, id, &plan_input(&form)).await;
    let path = format!("/requests/{id}");
    after(
        &caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&state, &caller, id, Entry::refused(form, errors)),
    )
    .await
}
