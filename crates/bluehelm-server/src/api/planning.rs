//! The planner over `/requests/{id}/plan` and `/units/{id}/plan`: propose and accept.

use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::ToSchema;

use super::today;
use super::{ApiJson, ApiPath};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests/{id}/plan", post(propose_plan))
        .route("/requests/{id}/plan/accept", post(accept_plan))
        .route("/units/{id}/plan", post(propose_unit_plan))
        .route("/units/{id}/plan/accept", post(accept_unit_plan))
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/plan", tag = "requests", request_body = bluehelm_app::planning::PlanInput,
    responses((status = 200, body = bluehelm_app::planning::Proposal, description = "The optimal plan: the most posts filled, then the highest total suitability; each choice explained"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A pin that cannot be honoured, named")))]
pub async fn propose_plan(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<Json<bluehelm_app::planning::Proposal>, ApiError> {
    Ok(Json(
        bluehelm_app::planning::propose(&acting.ctx(), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/units/{id}/plan", tag = "units", request_body = bluehelm_app::planning::PlanInput,
    responses((status = 200, body = bluehelm_app::planning::Proposal, description = "The optimal plan for the unit's next rotation, from its table of organisation; each choice explained"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn propose_unit_plan(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<Json<bluehelm_app::planning::Proposal>, ApiError> {
    let ctx = acting.ctx();
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
    /// At least this many women in each section of the unit (each line outside one).
    #[serde(default, alias = "min_women_per_line")]
    pub min_women_per_group: Option<u32>,
    /// At least this share of each section's posts, in per cent, go to women.
    #[serde(default)]
    pub min_women_share: Option<u32>,
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UnitPlanAcceptance>,
) -> Result<(StatusCode, Json<bluehelm_app::planning::Proposal>), ApiError> {
    let input = bluehelm_app::planning::PlanInput {
        pins: body.pins,
        forbids: body.forbids,
        min_women: body.min_women,
        min_women_per_group: body.min_women_per_group,
        min_women_share: body.min_women_share,
        max_per_agency: body.max_per_agency,
        together: body.together,
        apart: body.apart,
    };
    let proposal = bluehelm_app::planning::accept_for_unit(
        &acting.ctx(),
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<bluehelm_app::planning::PlanInput>,
) -> Result<(StatusCode, Json<bluehelm_app::planning::Proposal>), ApiError> {
    let proposal = bluehelm_app::planning::accept(&acting.ctx(), id, &body).await?;
    Ok((StatusCode::CREATED, Json(proposal)))
}
