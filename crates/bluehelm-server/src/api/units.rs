//! `/units`: formed units, their table of organisation and readiness.

use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use bluehelm_domain::unit::{PositionInput, ReadinessInput, UnitInput};
use bluehelm_store::unit::{Unit, UnitPosition};
use serde::Deserialize;
use utoipa::ToSchema;

use super::today;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::acting::{CreateUnit, Gated, UpdateUnit};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::forces::{self, UnitDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(units).post(create_unit))
        .route("/units/{id}", get(unit).put(update_unit))
        .route("/units/{id}/positions", post(add_unit_position))
        .route(
            "/units/{id}/positions/{position_id}",
            put(update_unit_position).delete(remove_unit_position),
        )
        .route("/units/{id}/readiness", post(record_readiness))
        .route(
            "/units/{id}/positions/{position_id}/candidates",
            get(line_candidates),
        )
}

#[utoipa::path(get, path = "/api/v1/units", tag = "units", responses((status = 200, body = Vec<Unit>)))]
pub async fn units(acting: Acting) -> Result<Json<Vec<Unit>>, ApiError> {
    Ok(Json(forces::units(&acting.ctx()).await?))
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
    Gated(acting, _): Gated<CreateUnit>,
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
    let unit = forces::create_unit(&acting.ctx(), &input, Some(&body.agency)).await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

/// A unit's facts as corrected; the raising agency stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitChangeBody {
    pub name: String,
    /// field_hospital, engineering, formed_police, infantry or other.
    pub kind: String,
    pub rotation: u32,
    /// The mission's code; empty for a unit held in readiness.
    #[serde(default)]
    pub mission: String,
    pub tour_months: u32,
    #[serde(default)]
    pub overlap_days: u32,
    #[serde(default)]
    pub deploys_on: String,
}

#[utoipa::path(put, path = "/api/v1/units/{id}", tag = "units", request_body = UnitChangeBody,
    responses((status = 200, body = Unit), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_unit(
    Gated(acting, _): Gated<UpdateUnit>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UnitChangeBody>,
) -> Result<Json<Unit>, ApiError> {
    let input = UnitInput {
        name: body.name,
        kind: body.kind,
        rotation: body.rotation.to_string(),
        mission: body.mission,
        tour_months: body.tour_months.to_string(),
        overlap_days: body.overlap_days.to_string(),
        deploys_on: body.deploys_on,
    };
    Ok(Json(forces::update_unit(&acting.ctx(), id, &input).await?))
}

/// `?page=N&per_page=M` of a unit's members.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MembersQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "units", params(MembersQuery),
    responses((status = 200, body = UnitDetail, description = "The unit with one page of its members (50 unless `per_page` says otherwise)"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn unit(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<MembersQuery>,
) -> Result<Json<UnitDetail>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    Ok(Json(forces::unit_detail(&acting.ctx(), id, page).await?))
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
    /// The lowest rank asked, a rank code of the unit's table (the police's for a formed
    /// police unit, the army's otherwise).
    #[serde(default)]
    pub min_rank: String,
    #[serde(default)]
    pub max_rank: String,
    /// A qualification kind's code.
    #[serde(default)]
    pub qualification: String,
    /// The section of the unit the line belongs to, by name (the unit plan's groups for
    /// its women quotas).
    #[serde(default)]
    pub section: String,
}

impl From<UnitPositionBody> for PositionInput {
    fn from(body: UnitPositionBody) -> Self {
        PositionInput {
            title: body.title,
            specialty: body.specialty,
            count: body.count.to_string(),
            language: body.language,
            min_level: body.min_level,
            min_rank: body.min_rank,
            max_rank: body.max_rank,
            qualification: body.qualification,
            section: body.section,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/units/{id}/positions", tag = "units", request_body = UnitPositionBody,
    responses((status = 201, body = UnitPosition), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_unit_position(
    Gated(acting, _): Gated<UpdateUnit>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UnitPositionBody>,
) -> Result<(StatusCode, Json<UnitPosition>), ApiError> {
    let position = forces::add_unit_position(&acting.ctx(), id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(position)))
}

#[utoipa::path(put, path = "/api/v1/units/{id}/positions/{position_id}", tag = "units", request_body = UnitPositionBody,
    responses((status = 200, body = UnitPosition), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_unit_position(
    Gated(acting, _): Gated<UpdateUnit>,
    ApiPath((id, position_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<UnitPositionBody>,
) -> Result<Json<UnitPosition>, ApiError> {
    Ok(Json(
        forces::update_unit_position(&acting.ctx(), id, position_id, &body.into()).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/units/{id}/positions/{position_id}", tag = "units",
    responses((status = 204, description = "Removed from the table of organisation; the unit's members stay"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_unit_position(
    Gated(acting, _): Gated<UpdateUnit>,
    ApiPath((id, position_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    forces::remove_unit_position(&acting.ctx(), id, position_id).await?;
    Ok(StatusCode::NO_CONTENT)
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
    Gated(acting, _): Gated<UpdateUnit>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReadinessBody>,
) -> Result<Json<Unit>, ApiError> {
    let input = ReadinessInput {
        level: body.level,
        dated: body.dated,
        evidence: body.evidence,
    };
    Ok(Json(
        forces::record_readiness(&acting.ctx(), id, &input, today()).await?,
    ))
}

/// `?name=` narrows the pool to the people whose names match.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NameQuery {
    pub name: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/units/{id}/positions/{position_id}/candidates", tag = "units", params(NameQuery),
    responses((status = 200, body = bluehelm_app::planning::Fits, description = "Who can fill the line over the tour of the unit's next rotation: the eligible people, best suited first, and the near misses with the rules they fail"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn line_candidates(
    acting: Acting,
    ApiPath((id, position_id)): ApiPath<(i64, i64)>,
    ApiQuery(query): ApiQuery<NameQuery>,
) -> Result<Json<bluehelm_app::planning::Fits>, ApiError> {
    Ok(Json(
        bluehelm_app::planning::who_can_fill_line(
            &acting.ctx(),
            id,
            position_id,
            query.name.as_deref(),
            today(),
        )
        .await?,
    ))
}
