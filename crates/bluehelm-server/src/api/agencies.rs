//! `/agencies`: the agency tree.

use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use bluehelm_domain::agency::{AgencyKind, AgencyPath};
use bluehelm_store::agency::{Agency, AgencyFilter, AGENCY_SORT};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::{page_of, paging, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::acting::{CreateAgency, Gated, UpdateAgency};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::agencies::AgencyInput;
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agencies", get(list).post(create))
        .route("/agencies/{id}", get(get_one).put(update).delete(delete))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyView {
    pub id: i64,
    /// Upper-case code, unique: `BQP-CGGHB`.
    pub code: String,
    /// `ministry`, `state_body`, `department` or `unit`.
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
    /// Ids from the top of the tree down to this agency: `/1/2/`.
    pub path: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<Agency> for AgencyView {
    fn from(agency: Agency) -> Self {
        Self {
            id: agency.id,
            code: agency.code,
            kind: agency.kind,
            name_vi: agency.name_vi,
            name_en: agency.name_en,
            parent_id: agency.parent_id,
            path: agency.path,
            created_at: agency.created_at,
            updated_at: agency.updated_at,
        }
    }
}

page_of!(AgencyPage, AgencyView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AgencyQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `path` (default), `code`, `name_vi`, `name_en`, `created_at`; `-` for descending.
    pub sort: Option<String>,
    /// Only this agency and those below it.
    pub within: Option<i64>,
    pub kind: Option<String>,
    /// A piece of the code or of either name, any case.
    pub q: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyBody {
    pub code: String,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    /// The parent agency; absent for a ministry or state body. Ignored on update.
    #[serde(default)]
    pub parent_id: Option<i64>,
}

impl From<AgencyBody> for AgencyInput {
    fn from(body: AgencyBody) -> Self {
        Self {
            code: body.code,
            kind: body.kind,
            name_vi: body.name_vi,
            name_en: body.name_en,
            parent_id: body.parent_id,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/agencies", tag = "agencies", params(AgencyQuery),
    responses((status = 200, body = AgencyPage), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<AgencyQuery>,
) -> Result<Json<AgencyPage>, ApiError> {
    let (sort, page) = paging(
        query.page,
        query.per_page,
        query.sort.as_deref(),
        AGENCY_SORT,
    )?;
    let kind = match query.kind.as_deref() {
        Some(kind) => Some(AgencyKind::parse(kind).ok_or_else(|| {
            AppError::field(
                "kind",
                "invalid_kind",
                "validation.must_be_one_of_ministry_state_body",
            )
        })?),
        None => None,
    };
    let ctx = acting.ctx();
    let within = match query.within {
        Some(id) => Some(bluehelm_app::agencies::agency_path(&ctx, "within", id).await?),
        None => None::<AgencyPath>,
    };
    let filter = AgencyFilter {
        within,
        kind,
        text: query.q,
    };
    Ok(Json(
        bluehelm_app::agencies::list_agencies(&ctx, &filter, sort, page)
            .await?
            .into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/agencies/{id}", tag = "agencies",
    responses((status = 200, body = AgencyView), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AgencyView>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(bluehelm_app::agencies::agency(&ctx, id).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/agencies", tag = "agencies", request_body = AgencyBody,
    responses((status = 201, body = AgencyView), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    Gated(acting, _): Gated<CreateAgency>,
    ApiJson(body): ApiJson<AgencyBody>,
) -> Result<(StatusCode, Json<AgencyView>), ApiError> {
    let ctx = acting.ctx();
    let agency = bluehelm_app::agencies::create_agency(&ctx, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(agency.into())))
}

#[utoipa::path(put, path = "/api/v1/agencies/{id}", tag = "agencies", request_body = AgencyBody,
    responses((status = 200, body = AgencyView), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update(
    Gated(acting, _): Gated<UpdateAgency>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AgencyBody>,
) -> Result<Json<AgencyView>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::agencies::update_agency(&ctx, id, &body.into())
            .await?
            .into(),
    ))
}

#[utoipa::path(delete, path = "/api/v1/agencies/{id}", tag = "agencies",
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn delete(acting: Acting, ApiPath(id): ApiPath<i64>) -> Result<StatusCode, ApiError> {
    let ctx = acting.ctx();
    bluehelm_app::agencies::delete_agency(&ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
