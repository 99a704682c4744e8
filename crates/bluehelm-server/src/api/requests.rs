//! `/requests`: the UN's requests, their positions and nominations.

use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use bluehelm_domain::request::RequestInput;
use bluehelm_store::request::{Nomination, UnRequest};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::forces::{self, RequestDetail};
use bluehelm_app::planning::{self, Fits};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests", get(requests).post(create_request))
        .route("/requests/{id}", get(request).put(update_request))
        .route("/requests/{id}/status", post(set_request_status))
        .route("/request-positions/{id}/nominations", post(nominate))
        .route("/request-positions/{id}/candidates", get(candidates))
        .route("/nominations/{id}", delete(remove_nomination))
        .route("/nominations/{id}/selection", post(record_selection))
}

#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", responses((status = 200, body = Vec<UnRequest>)))]
pub async fn requests(acting: Acting) -> Result<Json<Vec<UnRequest>>, ApiError> {
    Ok(Json(forces::requests(&acting.ctx()).await?))
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = RequestInput,
    responses((status = 201, body = UnRequest), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_request(
    acting: Acting,
    ApiJson(body): ApiJson<RequestInput>,
) -> Result<(StatusCode, Json<UnRequest>), ApiError> {
    let request = forces::create_request(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(request)))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    responses((status = 200, body = RequestDetail, description = "Positions and nominations, each with the eligibility verdict"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn request(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RequestDetail>, ApiError> {
    Ok(Json(forces::request_detail(&acting.ctx(), id).await?))
}

#[utoipa::path(put, path = "/api/v1/requests/{id}", tag = "requests", request_body = RequestInput,
    responses((status = 200, body = UnRequest, description = "Corrected: a position with its id is changed in place, one without is added, a recorded one left out is removed"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`positions` / `has_nominations`: a position left out has nominations; `positions[i].count` / `below_nominations`")))]
pub async fn update_request(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RequestInput>,
) -> Result<Json<UnRequest>, ApiError> {
    Ok(Json(
        forces::update_request(&acting.ctx(), id, &body).await?,
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<Json<UnRequest>, ApiError> {
    Ok(Json(
        forces::set_request_status(&acting.ctx(), id, &body.status).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominateBody {
    pub person_id: i64,
    /// Required to nominate someone who fails the position's requirements; kept in the
    /// audit trail.
    #[serde(default)]
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/request-positions/{id}/nominations", tag = "requests", request_body = NominateBody,
    responses((status = 201, body = Nomination), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`reason` / `not_eligible`: the person fails the position's requirements, each named; send a reason to nominate them anyway")))]
pub async fn nominate(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NominateBody>,
) -> Result<(StatusCode, Json<Nomination>), ApiError> {
    let nomination =
        forces::nominate(&acting.ctx(), id, body.person_id, body.reason.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(nomination)))
}

#[utoipa::path(get, path = "/api/v1/request-positions/{id}/candidates", tag = "requests", params(CandidatesQuery),
    responses((status = 200, body = Fits, description = "Who can fill the position: the eligible people of the caller's pool, best suited first, and the near misses with the rules they fail"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn candidates(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<CandidatesQuery>,
) -> Result<Json<Fits>, ApiError> {
    Ok(Json(
        planning::who_can_fill(&acting.ctx(), id, query.name.as_deref()).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CandidatesQuery {
    /// Words of the name, in any order: only the people whose names match.
    pub name: Option<String>,
}

#[utoipa::path(delete, path = "/api/v1/nominations/{id}", tag = "requests",
    responses((status = 204, description = "Withdrawn; the person is available again unless another nomination holds them"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`nomination` / `answered`: the UN has answered about this nominee")))]
pub async fn remove_nomination(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    forces::remove_nomination(&acting.ctx(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelectionBody {
    /// selected or not_selected.
    pub selection: String,
}

#[utoipa::path(post, path = "/api/v1/nominations/{id}/selection", tag = "requests", request_body = SelectionBody,
    responses((status = 200, body = Nomination), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_selection(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SelectionBody>,
) -> Result<Json<Nomination>, ApiError> {
    Ok(Json(
        forces::record_selection(&acting.ctx(), id, &body.selection).await?,
    ))
}
