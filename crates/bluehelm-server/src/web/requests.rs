//! The UN's requests: the list, the form, each request with its positions and nominations.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_domain::dispatch::{DecisionType, ForceCategory};
use bluehelm_domain::eligibility::{PersonnelType, Requirements};
use bluehelm_domain::person::Service;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_domain::records::Cefr;
use bluehelm_domain::request::{PositionRequest, RequestInput, RequestStatus};
use bluehelm_store::request::UnRequest;

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::dossiers::{self, DossierInput};
use bluehelm_app::forces::{self, RequestDetail};
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests", get(requests).post(create_request))
        .route("/requests/{id}", get(request))
        .route(
            "/requests/{id}/positions/{position_id}/nominations",
            post(nominate),
        )
        .route("/requests/{id}/dossiers", post(open_dossier))
        .route("/requests/{id}/status", post(set_status))
}

#[derive(Template)]
#[template(path = "requests.html")]
struct RequestsPage {
    layout: Layout,
    requests: Vec<UnRequest>,
    links: ListLinks,
    missions: Vec<String>,
    personnel_types: Vec<&'static str>,
    levels: Vec<&'static str>,
    specialties: Vec<(String, String)>,
    languages: Vec<(&'static str, String)>,
    can_create: bool,
    entry: Entry,
}

async fn requests_page(
    viewer: &Viewer,
    query: ListQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/requests");
    let ctx = viewer.ctx();
    let (requests, links) = list_page("/requests", query, "-deadline", |sort, page| {
        let ctx = &ctx;
        async move { forces::requests_page(ctx, Some(&sort), page).await }
    })
    .await
    .in_layout(layout)?;
    let missions = forces::missions(&ctx, today())
        .await
        .in_layout(layout)?
        .into_iter()
        .filter(|view| view.mission.closed_on.is_none())
        .map(|view| view.mission.code)
        .collect();
    let specialties = bluehelm_app::people::specialties(&ctx)
        .await
        .in_layout(layout)?;
    let page = RequestsPage {
        specialties: specialty_options(&specialties, caller.lang()),
        languages: language_options(&layout().tr),
        layout: layout(),
        requests,
        links,
        missions,
        personnel_types: PersonnelType::ALL.iter().map(|t| t.as_str()).collect(),
        levels: Cefr::ALL.iter().map(|l| l.as_str()).collect(),
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Mission).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn requests(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    requests_page(&viewer, query, Entry::blank()).await
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
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match request_input(&form) {
        Ok(input) => forces::create_request(&ctx, &input).await,
        Err(error) => Err(error),
    };
    after(
        caller,
        "/requests",
        result,
        |request| format!("/requests/{}", request.id),
        |errors| requests_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage {
    layout: Layout,
    detail: RequestDetail,
    can_edit: bool,
    statuses: Vec<&'static str>,
    can_open_dossier: bool,
    services: Vec<&'static str>,
    categories: Vec<&'static str>,
    decisions: Vec<&'static str>,
    today: String,
    entry: Entry,
}

pub(super) async fn request_page(
    viewer: &Viewer,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/requests/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = forces::request_detail(&ctx, id).await.in_layout(layout)?;
    let page = RequestPage {
        layout: layout(),
        detail,
        can_edit: policy::scope(&caller.principal, Action::Update, Resource::Mission).is_ok(),
        statuses: RequestStatus::ALL.iter().map(|s| s.as_str()).collect(),
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

pub async fn request(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    request_page(&viewer, id, Entry::blank()).await
}

pub async fn nominate(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match bluehelm_app::people::person_id_by_service_number(
        &ctx,
        &value(&form, "service"),
        &value(&form, "service_number"),
    )
    .await
    {
        Ok(person_id) => {
            let reason = value(&form, "reason");
            forces::nominate(&ctx, position_id, person_id, Some(&reason)).await
        }
        Err(error) => Err(error),
    };
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

/// Moves a request to another status. Declining or closing it ends the work on it, so the
/// form asks for that to be confirmed.
pub async fn set_status(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let status = value(&form, "status");
    let ends = matches!(
        RequestStatus::parse(&status),
        Some(RequestStatus::Declined | RequestStatus::Closed)
    );
    let result = if ends && value(&form, "confirm").is_empty() {
        Err(AppError::field(
            "confirm",
            "confirmation_needed",
            "message.confirm_request_end",
        ))
    } else {
        forces::set_request_status(&ctx, id, &status).await
    };
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

/// Opens a dossier for a request's nominees, from the request's page.
pub async fn open_dossier(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let people = match forces::request_detail(&ctx, id).await {
        Ok(detail) => detail
            .positions
            .iter()
            .flat_map(|p| p.nominations.iter().map(|n| n.nomination.person_id))
            .collect(),
        Err(error) => return Err(error).in_layout(|| Layout::for_caller(caller, "/requests")),
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
        caller,
        &path,
        result,
        |dossier| format!("/dossiers/{}", dossier.id),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}
