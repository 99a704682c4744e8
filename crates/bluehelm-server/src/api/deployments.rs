//! `/deployments`: deployments, their moves and incidents, and `/statistics/deployed-now`.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::deployment::{IncidentInput, MoveInput};
use bluehelm_store::deployment::{DeployedCount, Deployment, DeploymentFilter, Incident};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::today;
use super::{page_of, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::deployments::{self, DeploymentDetail, PlanInput};
use bluehelm_app::forces::{self};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/deployments", get(list_deployments).post(plan_deployment))
        .route("/deployments/{id}", get(deployment))
        .route("/deployments/{id}/status", post(move_deployment))
        .route(
            "/deployments/{id}/incidents",
            get(incidents).post(add_incident),
        )
        .route(
            "/deployments/{id}/incidents/{incident_id}/follow-ups",
            post(follow_up_incident),
        )
        .route("/statistics/deployed-now", get(deployed_now))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeploymentQuery {
    /// Only deployments to this mission (its code).
    pub mission: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `active` (default: active deployments first), `name`, `mission`, `departure`,
    /// `status`; `-` for descending.
    pub sort: Option<String>,
}

page_of!(DeploymentPage, Deployment);

#[utoipa::path(get, path = "/api/v1/deployments", tag = "deployments", params(DeploymentQuery),
    responses((status = 200, body = DeploymentPage, description = "In the order `sort` asks for: active deployments first by default, then the latest departure")))]
pub async fn list_deployments(
    acting: Acting,
    ApiQuery(query): ApiQuery<DeploymentQuery>,
) -> Result<Json<DeploymentPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    let ctx = acting.ctx();
    let mission_id = match query.mission.as_deref() {
        Some(code) => Some(forces::mission_id(&ctx, code).await?),
        None => None,
    };
    let filter = mission_id.map_or(DeploymentFilter::All, DeploymentFilter::Mission);
    let sort = query.sort.as_deref();
    Ok(Json(
        deployments::deployments(&ctx, filter, sort, page)
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/deployments", tag = "deployments", request_body = PlanInput,
    responses((status = 201, body = Deployment), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The person already has an active deployment"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn plan_deployment(
    acting: Acting,
    ApiJson(body): ApiJson<PlanInput>,
) -> Result<(StatusCode, Json<Deployment>), ApiError> {
    let deployment = deployments::plan(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(deployment)))
}

#[utoipa::path(get, path = "/api/v1/deployments/{id}", tag = "deployments",
    responses((status = 200, body = DeploymentDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn deployment(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DeploymentDetail>, ApiError> {
    Ok(Json(
        deployments::deployment_detail(&acting.ctx(), id).await?,
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MoveBody>,
) -> Result<Json<Deployment>, ApiError> {
    Ok(Json(
        deployments::move_to(&acting.ctx(), id, &body.into()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/statistics/deployed-now", tag = "statistics",
    responses((status = 200, body = Vec<DeployedCount>, description = "People on the ground now by mission, personnel type and gender")))]
pub async fn deployed_now(acting: Acting) -> Result<Json<Vec<DeployedCount>>, ApiError> {
    Ok(Json(deployments::deployed_now(&acting.ctx()).await?))
}

#[utoipa::path(get, path = "/api/v1/deployments/{id}/incidents", tag = "deployments",
    responses((status = 200, body = Vec<Incident>, description = "Health details (injury, illness, death) only for the medical role")))]
pub async fn incidents(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<Incident>>, ApiError> {
    Ok(Json(deployments::incidents(&acting.ctx(), id).await?))
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<IncidentBody>,
) -> Result<(StatusCode, Json<Incident>), ApiError> {
    let input = IncidentInput {
        kind: body.kind,
        occurred_on: body.occurred_on,
        summary: body.summary,
        follow_up: body.follow_up,
    };
    let incident = deployments::add_incident(&acting.ctx(), id, &input, today()).await?;
    Ok((StatusCode::CREATED, Json(incident)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpBody {
    pub dated: String,
    /// What was done.
    pub note: String,
    /// The step settles the incident and closes it.
    #[serde(default)]
    pub closes: bool,
}

#[utoipa::path(post, path = "/api/v1/deployments/{id}/incidents/{incident_id}/follow-ups", tag = "deployments",
    request_body = FollowUpBody,
    responses((status = 201, body = Incident, description = "The incident with its follow-up"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`incident` / `closed`: the incident is closed")))]
pub async fn follow_up_incident(
    acting: Acting,
    ApiPath((id, incident_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<FollowUpBody>,
) -> Result<(StatusCode, Json<Incident>), ApiError> {
    let input = bluehelm_domain::deployment::FollowUpInput {
        dated: body.dated,
        note: body.note,
        closes: body.closes,
    };
    let incident =
        deployments::follow_up_incident(&acting.ctx(), id, incident_id, &input, today()).await?;
    Ok((StatusCode::CREATED, Json(incident)))
}
