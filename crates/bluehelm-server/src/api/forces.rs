//! Force generation and dispatch: `/missions` (with their mandates), `/requests` (the UN's
//! requests, positions and nominations), `/units`, `/dossiers` (the dispatch procedure),
//! `/deployments`, and `/statistics/deployed-now`.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::deployment::{IncidentInput, MoveInput};
use bluehelm_domain::dispatch::MAX_DOCUMENT_BYTES;
use bluehelm_domain::mission::ResolutionInput;
use bluehelm_domain::request::RequestInput;
use bluehelm_domain::unit::{PositionInput, ReadinessInput, UnitInput};
use bluehelm_store::deployment::{DeployedCount, Deployment, DeploymentFilter, Incident};
use bluehelm_store::dossier::{Dossier, DossierDocument};
use bluehelm_store::mission::{Nomination, Resolution, UnRequest, Unit, UnitPosition};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::deployments::{self, PlanInput};
use bluehelm_app::dossiers::{self, DossierDetail, DossierInput, Waiting};
use bluehelm_app::forces::{self, MissionDetail, MissionView, RequestDetail, UnitDetail};
use bluehelm_app::Ctx;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/missions", get(missions))
        .route("/missions/{code}", get(mission))
        .route("/missions/{code}/resolutions", post(add_resolution))
        .route("/requests", get(requests).post(create_request))
        .route("/requests/{id}", get(request))
        .route("/requests/{id}/status", post(set_request_status))
        .route("/request-positions/{id}/nominations", post(nominate))
        .route("/requests/{id}/plan", post(propose_plan))
        .route("/requests/{id}/plan/accept", post(accept_plan))
        .route("/units/{id}/plan", post(propose_unit_plan))
        .route("/units/{id}/plan/accept", post(accept_unit_plan))
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", get(unit))
        .route("/units/{id}/positions", post(add_unit_position))
        .route("/units/{id}/readiness", post(record_readiness))
        .route("/dossiers", get(list_dossiers).post(open_dossier))
        .route("/dossiers/waiting", get(waiting))
        .route("/dossiers/{id}", get(dossier))
        .route("/dossiers/{id}/steps/{step_id}", post(decide))
        .route(
            "/dossiers/{id}/documents",
            post(attach).layer(axum::extract::DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 1)),
        )
        .route("/dossiers/{id}/documents/{document_id}", get(download))
        .route("/deployments", get(list_deployments).post(plan_deployment))
        .route("/deployments/{id}", get(deployment))
        .route("/deployments/{id}/status", post(move_deployment))
        .route(
            "/deployments/{id}/incidents",
            get(incidents).post(add_incident),
        )
        .route("/statistics/deployed-now", get(deployed_now))
}

fn ctx<'a>(state: &'a AppState, caller: &'a Caller) -> Ctx<'a> {
    Ctx::new(&state.store, &caller.principal)
}

fn today() -> time::Date {
    bluehelm_store::now().date()
}

#[utoipa::path(get, path = "/api/v1/missions", tag = "missions",
    responses((status = 200, body = Vec<MissionView>, description = "Every mission with the state of its mandate and the country's people there now")))]
pub async fn missions(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<MissionView>>, ApiError> {
    Ok(Json(
        forces::missions(&ctx(&state, &caller), today()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/missions/{code}", tag = "missions",
    responses((status = 200, body = MissionDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn mission(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<MissionDetail>, ApiError> {
    Ok(Json(
        forces::mission_detail(&ctx(&state, &caller), &code, today()).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionBody {
    /// "2779 (2025)".
    pub number: String,
    pub adopted_on: String,
    #[serde(default)]
    pub votes_for: Option<u32>,
    #[serde(default)]
    pub votes_against: Option<u32>,
    #[serde(default)]
    pub votes_abstaining: Option<u32>,
    #[serde(default)]
    pub mandate_ends_on: String,
    #[serde(default)]
    pub troop_ceiling: Option<u32>,
    #[serde(default)]
    pub police_ceiling: Option<u32>,
    #[serde(default)]
    pub note: String,
}

fn number(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

#[utoipa::path(post, path = "/api/v1/missions/{code}/resolutions", tag = "missions", request_body = ResolutionBody,
    responses((status = 201, body = Resolution), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_resolution(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ResolutionBody>,
) -> Result<(StatusCode, Json<Resolution>), ApiError> {
    let input = ResolutionInput {
        number: body.number,
        adopted_on: body.adopted_on,
        votes_for: number(body.votes_for),
        votes_against: number(body.votes_against),
        votes_abstaining: number(body.votes_abstaining),
        mandate_ends_on: body.mandate_ends_on,
        troop_ceiling: number(body.troop_ceiling),
        police_ceiling: number(body.police_ceiling),
        note: body.note,
    };
    let resolution = forces::add_resolution(&ctx(&state, &caller), &code, &input).await?;
    Ok((StatusCode::CREATED, Json(resolution)))
}

#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", responses((status = 200, body = Vec<UnRequest>)))]
pub async fn requests(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<UnRequest>>, ApiError> {
    Ok(Json(forces::requests(&ctx(&state, &caller)).await?))
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = RequestInput,
    responses((status = 201, body = UnRequest), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RequestInput>,
) -> Result<(StatusCode, Json<UnRequest>), ApiError> {
    let request = forces::create_request(&ctx(&state, &caller), &body).await?;
    Ok((StatusCode::CREATED, Json(request)))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    responses((status = 200, body = RequestDetail, description = "Positions and nominations, each with the eligibility verdict"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn request(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RequestDetail>, ApiError> {
    Ok(Json(
        forces::request_detail(&ctx(&state, &caller), id).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// received, answered, nominated, selected, declined or closed.
    pub status: String,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/status", tag = "requests", request_body = StatusBody,
    responses((status = 200, body = UnRequest), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_request_status(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<Json<UnRequest>, ApiError> {
    Ok(Json(
        forces::set_request_status(&ctx(&state, &caller), id, &body.status).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominateBody {
    pub person_id: i64,
}

#[utoipa::path(post, path = "/api/v1/request-positions/{id}/nominations", tag = "requests", request_body = NominateBody,
    responses((status = 201, body = Nomination), (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn nominate(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NominateBody>,
) -> Result<(StatusCode, Json<Nomination>), ApiError> {
    let nomination = forces::nominate(&ctx(&state, &caller), id, body.person_id).await?;
    Ok((StatusCode::CREATED, Json(nomination)))
}

#[utoipa::path(get, path = "/api/v1/units", tag = "units", responses((status = 200, body = Vec<Unit>)))]
pub async fn units(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Unit>>, ApiError> {
    Ok(Json(forces::units(&ctx(&state, &caller)).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitBody {
    pub name: String,
    /// field_hospital, engineering, formed_police, infantry or other.
    pub kind: String,
    pub rotation: u32,
    pub mission: String,
    pub tour_months: u32,
    #[serde(default)]
    pub overlap_days: u32,
    #[serde(default)]
    pub deploys_on: String,
    /// The raising agency's code; the caller's agency without it.
    #[serde(default)]
    pub agency: String,
}

#[utoipa::path(post, path = "/api/v1/units", tag = "units", request_body = UnitBody,
    responses((status = 201, body = Unit), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_unit(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<UnitBody>,
) -> Result<(StatusCode, Json<Unit>), ApiError> {
    let input = UnitInput {
        name: body.name,
        kind: body.kind,
        rotation: body.rotation.to_string(),
        mission: body.mission,
        tour_months: body.tour_months.to_string(),
        overlap_days: body.overlap_days.to_string(),
        deploys_on: body.deploys_on,
    };
    let unit = forces::create_unit(&ctx(&state, &caller), &input, Some(&body.agency)).await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "units",
    responses((status = 200, body = UnitDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn unit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UnitDetail>, ApiError> {
    Ok(Json(forces::unit_detail(&ctx(&state, &caller), id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitPositionBody {
    pub title: String,
    #[serde(default)]
    pub specialty: String,
    pub count: u32,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub min_level: String,
}

#[utoipa::path(post, path = "/api/v1/units/{id}/positions", tag = "units", request_body = UnitPositionBody,
    responses((status = 201, body = UnitPosition), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_unit_position(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UnitPositionBody>,
) -> Result<(StatusCode, Json<UnitPosition>), ApiError> {
    let input = PositionInput {
        title: body.title,
        specialty: body.specialty,
        count: body.count.to_string(),
        language: body.language,
        min_level: body.min_level,
    };
    let position = forces::add_unit_position(&ctx(&state, &caller), id, &input).await?;
    Ok((StatusCode::CREATED, Json(position)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessBody {
    /// level_1, level_2, level_3 or rapid_deployment.
    pub level: String,
    pub dated: String,
    /// The visit or report behind the change.
    pub evidence: String,
}

#[utoipa::path(post, path = "/api/v1/units/{id}/readiness", tag = "units", request_body = ReadinessBody,
    responses((status = 200, body = Unit), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_readiness(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReadinessBody>,
) -> Result<Json<Unit>, ApiError> {
    let input = ReadinessInput {
        level: body.level,
        dated: body.dated,
        evidence: body.evidence,
    };
    Ok(Json(
        forces::record_readiness(&ctx(&state, &caller), id, &input, today()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/dossiers", tag = "dispatch", responses((status = 200, body = Vec<Dossier>)))]
pub async fn list_dossiers(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Dossier>>, ApiError> {
    Ok(Json(dossiers::dossiers(&ctx(&state, &caller)).await?))
}

#[utoipa::path(post, path = "/api/v1/dossiers", tag = "dispatch", request_body = DossierInput,
    responses((status = 201, body = Dossier, description = "Opened under the procedure in force on `dated`; `explanation` says why"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn open_dossier(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<DossierInput>,
) -> Result<(StatusCode, Json<Dossier>), ApiError> {
    let dossier = dossiers::open_dossier(&ctx(&state, &caller), &body).await?;
    Ok((StatusCode::CREATED, Json(dossier)))
}

#[utoipa::path(get, path = "/api/v1/dossiers/waiting", tag = "dispatch",
    responses((status = 200, body = Waiting, description = "Every open step, the longest waiting first, and a summary per agency")))]
pub async fn waiting(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Waiting>, ApiError> {
    Ok(Json(
        dossiers::waiting(&ctx(&state, &caller), bluehelm_store::now()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/dossiers/{id}", tag = "dispatch",
    responses((status = 200, body = DossierDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn dossier(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DossierDetail>, ApiError> {
    Ok(Json(
        dossiers::dossier_detail(&ctx(&state, &caller), id, today()).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// approve, return or reject.
    pub action: String,
    /// Required to return or reject.
    #[serde(default)]
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/dossiers/{id}/steps/{step_id}", tag = "dispatch", request_body = DecisionBody,
    responses((status = 200, body = Dossier), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The step is not open (decided already, or not reached)"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, step_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<Dossier>, ApiError> {
    let dossier = dossiers::decide(
        &ctx(&state, &caller),
        id,
        step_id,
        &body.action,
        body.comment.as_deref(),
    )
    .await?;
    Ok(Json(dossier))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// The kind of document (submission, decision, …): what the steps ask for.
    pub kind: String,
    /// The file's name; its extension decides the type (pdf, png, jpg, docx, xlsx, odt).
    pub file_name: String,
}

#[utoipa::path(post, path = "/api/v1/dossiers/{id}/documents", tag = "dispatch", params(DocumentQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file, at most 10 MiB"),
    responses((status = 201, body = DossierDocument), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn attach(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DocumentQuery>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<DossierDocument>), ApiError> {
    let document = dossiers::attach(
        &ctx(&state, &caller),
        id,
        &query.kind,
        &query.file_name,
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(document)))
}

#[utoipa::path(get, path = "/api/v1/dossiers/{id}/documents/{document_id}", tag = "dispatch",
    responses((status = 200, description = "The file, as an attachment"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, document_id)): ApiPath<(i64, i64)>,
) -> Result<Response, ApiError> {
    let (document, content) = dossiers::document(&ctx(&state, &caller), id, document_id).await?;
    Ok(document_response(&document, content))
}

/// A stored document served as a download: its recorded type, never sniffed, never shown
/// inline, with a file name reduced to safe characters.
pub fn document_response(document: &DossierDocument, content: Vec<u8>) -> Response {
    let safe_name: String = document
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, document.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        content,
    )
        .into_response()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeploymentQuery {
    /// Only deployments to this mission (its code).
    pub mission: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/deployments", tag = "deployments", params(DeploymentQuery),
    responses((status = 200, body = Vec<Deployment>)))]
pub async fn list_deployments(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<DeploymentQuery>,
) -> Result<Json<Vec<Deployment>>, ApiError> {
    let ctx = ctx(&state, &caller);
    let mission_id = match query.mission.as_deref() {
        Some(code) => Some(forces::mission_id(&ctx, code).await?),
        None => None,
    };
    let filter = mission_id.map_or(DeploymentFilter::All, DeploymentFilter::Mission);
    Ok(Json(deployments::deployments(&ctx, filter).await?))
}

#[utoipa::path(post, path = "/api/v1/deployments", tag = "deployments", request_body = PlanInput,
    responses((status = 201, body = Deployment), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The person already has an active deployment"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn plan_deployment(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PlanInput>,
) -> Result<(StatusCode, Json<Deployment>), ApiError> {
    let deployment = deployments::plan(&ctx(&state, &caller), &body).await?;
    Ok((StatusCode::CREATED, Json(deployment)))
}

#[utoipa::path(get, path = "/api/v1/deployments/{id}", tag = "deployments",
    responses((status = 200, body = Deployment), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn deployment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Deployment>, ApiError> {
    Ok(Json(
        deployments::deployment(&ctx(&state, &caller), id).await?,
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    /// approved, pre_deployment, deployed, extended, returned or withdrawn.
    pub status: String,
    #[serde(default)]
    pub departed_on: String,
    #[serde(default)]
    pub arrived_on: String,
    #[serde(default)]
    pub returned_on: String,
    /// The new end of tour, to extend.
    #[serde(default)]
    pub planned_end: String,
    /// Required to withdraw, and for a coordinator to approve someone found ineligible.
    #[serde(default)]
    pub reason: String,
}

impl From<MoveBody> for MoveInput {
    fn from(body: MoveBody) -> Self {
        MoveInput {
            status: body.status,
            departed_on: body.departed_on,
            arrived_on: body.arrived_on,
            returned_on: body.returned_on,
            planned_end: body.planned_end,
            reason: body.reason,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/deployments/{id}/status", tag = "deployments", request_body = MoveBody,
    responses((status = 200, body = Deployment), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn move_deployment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MoveBody>,
) -> Result<Json<Deployment>, ApiError> {
    Ok(Json(
        deployments::move_to(&ctx(&state, &caller), id, &body.into()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/statistics/deployed-now", tag = "statistics",
    responses((status = 200, body = Vec<DeployedCount>, description = "People on the ground now by mission, personnel type and gender")))]
pub async fn deployed_now(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<DeployedCount>>, ApiError> {
    Ok(Json(
        deployments::deployed_now(&ctx(&state, &caller)).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/deployments/{id}/incidents", tag = "deployments",
    responses((status = 200, body = Vec<Incident>, description = "Health details (injury, illness, death) only for the medical role")))]
pub async fn incidents(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<Incident>>, ApiError> {
    Ok(Json(
        deployments::incidents(&ctx(&state, &caller), id).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentBody {
    /// injury, illness, death (the medical role records these) or discipline.
    pub kind: String,
    pub occurred_on: String,
    pub summary: String,
    #[serde(default)]
    pub follow_up: String,
}

#[utoipa::path(post, path = "/api/v1/deployments/{id}/incidents", tag = "deployments", request_body = IncidentBody,
    responses((status = 201, body = Incident), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_incident(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<IncidentBody>,
) -> Result<(StatusCode, Json<Incident>), ApiError> {
    let input = IncidentInput {
        kind: body.kind,
        occurred_on: body.occurred_on,
        summary: body.summary,
        follow_up: body.follow_up,
    };
    let incident = deployments::add_incident(&ctx(&state, &caller), id, &input, today()).await?;
    Ok((StatusCode::CREATED, Json(incident)))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/plan", tag = "requests", request_body = bluehelm_app::planning::PlanInput,
    responses((status = 200, body = bluehelm_app::planning::Proposal, description = "The optimal plan: the most posts filled, then the highest total suitability; each choice explained"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A pin that cannot be honoured, named")))]
pub async fn propose_plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<Json<bluehelm_app::planning::Proposal>, ApiError> {
    Ok(Json(
        bluehelm_app::planning::propose(&ctx(&state, &caller), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/units/{id}/plan", tag = "units", request_body = bluehelm_app::planning::PlanInput,
    responses((status = 200, body = bluehelm_app::planning::Proposal, description = "The optimal plan for the unit's next rotation, from its table of organisation; each choice explained"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn propose_unit_plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<Json<bluehelm_app::planning::Proposal>, ApiError> {
    let ctx = ctx(&state, &caller);
    Ok(Json(
        bluehelm_app::planning::propose_for_unit(&ctx, id, &body, today()).await?,
    ))
}

/// A unit's plan to accept: the planner's edits, and the unit's dossier the deployments
/// are planned under.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitPlanAcceptance {
    pub dossier_id: i64,
    #[serde(default)]
    pub pins: Vec<bluehelm_app::planning::Choice>,
    #[serde(default)]
    pub forbids: Vec<bluehelm_app::planning::Choice>,
    #[serde(default)]
    pub min_women: Option<u32>,
    #[serde(default)]
    pub max_per_agency: Option<u32>,
    #[serde(default)]
    pub together: Vec<bluehelm_app::planning::People>,
    #[serde(default)]
    pub apart: Vec<bluehelm_app::planning::People>,
}

#[utoipa::path(post, path = "/api/v1/units/{id}/plan/accept", tag = "units", request_body = UnitPlanAcceptance,
    responses((status = 201, body = bluehelm_app::planning::Proposal, description = "The plan, solved again with the same edits; its people are planned as the rotation's deployments"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn accept_unit_plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UnitPlanAcceptance>,
) -> Result<(StatusCode, Json<bluehelm_app::planning::Proposal>), ApiError> {
    let input = bluehelm_app::planning::PlanInput {
        pins: body.pins,
        forbids: body.forbids,
        min_women: body.min_women,
        max_per_agency: body.max_per_agency,
        together: body.together,
        apart: body.apart,
    };
    let proposal = bluehelm_app::planning::accept_for_unit(
        &ctx(&state, &caller),
        id,
        body.dossier_id,
        &input,
        today(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(proposal)))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/plan/accept", tag = "requests", request_body = bluehelm_app::planning::PlanInput,
    responses((status = 201, body = bluehelm_app::planning::Proposal, description = "The plan, solved again with the same edits; its people are nominated"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn accept_plan(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<(StatusCode, Json<bluehelm_app::planning::Proposal>), ApiError> {
    let proposal = bluehelm_app::planning::accept(&ctx(&state, &caller), id, &body).await?;
    Ok((StatusCode::CREATED, Json(proposal)))
}
