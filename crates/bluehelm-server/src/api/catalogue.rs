//! `/specialties`, `/qualification-kinds`, `/settings/eligibility` and
//! `/settings/suitability`: read by everybody, kept by administrators.

use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use bluehelm_domain::catalogue::CatalogueInput;
use bluehelm_domain::eligibility::EligibilitySettings;
use bluehelm_domain::suitability::Weights;
use bluehelm_store::catalogue::{QualificationKind, Specialty};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, ApiPath};
use crate::acting::Acting;
use crate::acting::{CreateCatalogue, Gated, UpdateCatalogue};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::{catalogue, people};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/specialties", get(specialties).post(create_specialty))
        .route("/specialties/{code}", axum::routing::put(update_specialty))
        .route(
            "/qualification-kinds",
            get(qualification_kinds).post(create_qualification_kind),
        )
        .route(
            "/qualification-kinds/{code}",
            axum::routing::put(update_qualification_kind),
        )
        .route(
            "/settings/eligibility",
            get(eligibility_settings).put(set_eligibility_settings),
        )
        .route(
            "/settings/suitability",
            get(suitability_weights).put(set_suitability_weights),
        )
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialtyBody {
    /// 2 to 40 lower-case letters, digits, dashes or underscores; fixed once created.
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialtyNames {
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationKindBody {
    pub code: String,
    /// un_course, police_selection, driving_licence, firearms, first_aid, professional, other.
    pub category: String,
    pub name_vi: String,
    pub name_en: String,
    /// Months a qualification of this kind stays valid; absent for no expiry.
    #[serde(default)]
    pub validity_months: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationKindChange {
    pub category: String,
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub validity_months: Option<u32>,
}

fn months(value: Option<u32>) -> String {
    value.map(|months| months.to_string()).unwrap_or_default()
}

#[utoipa::path(get, path = "/api/v1/specialties", tag = "catalogues", responses((status = 200, body = Vec<Specialty>)))]
pub async fn specialties(acting: Acting) -> Result<Json<Vec<Specialty>>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(people::specialties(&ctx).await?))
}

#[utoipa::path(post, path = "/api/v1/specialties", tag = "catalogues", request_body = SpecialtyBody,
    responses((status = 201, body = Specialty), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_specialty(
    Gated(acting, _): Gated<CreateCatalogue>,
    ApiJson(body): ApiJson<SpecialtyBody>,
) -> Result<(StatusCode, Json<Specialty>), ApiError> {
    let ctx = acting.ctx();
    let input = CatalogueInput {
        code: body.code,
        name_vi: body.name_vi,
        name_en: body.name_en,
        ..CatalogueInput::default()
    };
    Ok((
        StatusCode::CREATED,
        Json(catalogue::create_specialty(&ctx, &input).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/specialties/{code}", tag = "catalogues", request_body = SpecialtyNames,
    responses((status = 200, body = Specialty), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn update_specialty(
    Gated(acting, _): Gated<UpdateCatalogue>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<SpecialtyNames>,
) -> Result<Json<Specialty>, ApiError> {
    let ctx = acting.ctx();
    let input = CatalogueInput {
        code,
        name_vi: body.name_vi,
        name_en: body.name_en,
        ..CatalogueInput::default()
    };
    Ok(Json(catalogue::update_specialty(&ctx, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/qualification-kinds", tag = "catalogues", responses((status = 200, body = Vec<QualificationKind>)))]
pub async fn qualification_kinds(acting: Acting) -> Result<Json<Vec<QualificationKind>>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(people::qualification_kinds(&ctx).await?))
}

#[utoipa::path(post, path = "/api/v1/qualification-kinds", tag = "catalogues", request_body = QualificationKindBody,
    responses((status = 201, body = QualificationKind), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_qualification_kind(
    Gated(acting, _): Gated<CreateCatalogue>,
    ApiJson(body): ApiJson<QualificationKindBody>,
) -> Result<(StatusCode, Json<QualificationKind>), ApiError> {
    let ctx = acting.ctx();
    let input = CatalogueInput {
        code: body.code,
        name_vi: body.name_vi,
        name_en: body.name_en,
        category: body.category,
        validity_months: months(body.validity_months),
    };
    Ok((
        StatusCode::CREATED,
        Json(catalogue::create_qualification_kind(&ctx, &input).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/qualification-kinds/{code}", tag = "catalogues", request_body = QualificationKindChange,
    responses((status = 200, body = QualificationKind), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn update_qualification_kind(
    Gated(acting, _): Gated<UpdateCatalogue>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<QualificationKindChange>,
) -> Result<Json<QualificationKind>, ApiError> {
    let ctx = acting.ctx();
    let input = CatalogueInput {
        code,
        name_vi: body.name_vi,
        name_en: body.name_en,
        category: body.category,
        validity_months: months(body.validity_months),
    };
    Ok(Json(
        catalogue::update_qualification_kind(&ctx, &input).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/settings/eligibility", tag = "catalogues", responses((status = 200, body = EligibilitySettings)))]
pub async fn eligibility_settings(acting: Acting) -> Result<Json<EligibilitySettings>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(catalogue::eligibility_settings(&ctx).await?))
}

#[utoipa::path(put, path = "/api/v1/settings/eligibility", tag = "catalogues", request_body = EligibilitySettings,
    responses((status = 200, body = EligibilitySettings), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_eligibility_settings(
    Gated(acting, _): Gated<UpdateCatalogue>,
    ApiJson(body): ApiJson<EligibilitySettings>,
) -> Result<Json<EligibilitySettings>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(
        catalogue::set_eligibility_settings(&ctx, &body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/settings/suitability", tag = "catalogues", responses((status = 200, body = Weights)))]
pub async fn suitability_weights(acting: Acting) -> Result<Json<Weights>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(catalogue::suitability_weights(&ctx).await?))
}

#[utoipa::path(put, path = "/api/v1/settings/suitability", tag = "catalogues", request_body = Weights,
    responses((status = 200, body = Weights), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_suitability_weights(
    Gated(acting, _): Gated<UpdateCatalogue>,
    ApiJson(body): ApiJson<Weights>,
) -> Result<Json<Weights>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(catalogue::set_suitability_weights(&ctx, &body).await?))
}
