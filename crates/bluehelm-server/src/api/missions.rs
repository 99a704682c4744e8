//! `/missions`: the register of missions and the Security Council resolutions behind their mandates.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::mission::{MissionInput, ResolutionInput};
use bluehelm_store::mission::{Mission, Resolution};
use serde::Deserialize;
use utoipa::ToSchema;

use super::today;
use super::{ApiJson, ApiPath};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::forces::{self, MissionDetail, MissionView};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/missions", get(missions).post(create_mission))
        .route("/missions/{code}", get(mission).put(update_mission))
        .route("/missions/{code}/resolutions", post(add_resolution))
}

#[utoipa::path(get, path = "/api/v1/missions", tag = "missions",
    responses((status = 200, body = Vec<MissionView>, description = "Every mission with the state of its mandate and the country's people there now")))]
pub async fn missions(acting: Acting) -> Result<Json<Vec<MissionView>>, ApiError> {
    Ok(Json(forces::missions(&acting.ctx(), today()).await?))
}

#[utoipa::path(get, path = "/api/v1/missions/{code}", tag = "missions",
    responses((status = 200, body = MissionDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn mission(
    acting: Acting,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<MissionDetail>, ApiError> {
    Ok(Json(
        forces::mission_detail(&acting.ctx(), &code, today()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/missions", tag = "missions", request_body = MissionInput,
    responses((status = 201, body = Mission), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_mission(
    acting: Acting,
    ApiJson(body): ApiJson<MissionInput>,
) -> Result<(StatusCode, Json<Mission>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(forces::create_mission(&acting.ctx(), &body).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/missions/{code}", tag = "missions", request_body = MissionInput,
    responses((status = 200, body = Mission, description = "Corrected, or closed by its closing date; the code stays"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_mission(
    acting: Acting,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<MissionInput>,
) -> Result<Json<Mission>, ApiError> {
    Ok(Json(
        forces::update_mission(&acting.ctx(), &code, &body).await?,
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
    acting: Acting,
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
    let resolution = forces::add_resolution(&acting.ctx(), &code, &input).await?;
    Ok((StatusCode::CREATED, Json(resolution)))
}
