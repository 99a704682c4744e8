//! `/outreach`: dissemination and legal-education activities, and their totals by year,
//! agency and kind (the only part a viewer reads).

use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use bluehelm_app::outreach;
use bluehelm_domain::outreach::ActivityInput;
use bluehelm_store::outreach::{Activity, Disseminated, OutreachTotal};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/outreach", get(list).post(create))
        .route("/outreach/totals", get(totals))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    /// `held`, `kind`, `agency` or `reach` (participants and viewers), `-key` for
    /// descending; the default is `-held`, the latest first.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A page of activities with the registry documents each disseminated.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityPage {
    pub items: Vec<Activity>,
    pub documents: Vec<Disseminated>,
    pub total: i64,
    pub total_capped: bool,
    pub page: u32,
    pub per_page: u32,
}

#[utoipa::path(get, path = "/api/v1/outreach", tag = "outreach", params(ActivityQuery),
    responses((status = 200, body = ActivityPage, description = "The activities, the latest first"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<ActivityQuery>,
) -> Result<Json<ActivityPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    let (activities, documents) =
        outreach::activities(&acting.ctx(), query.sort.as_deref(), page).await?;
    Ok(Json(ActivityPage {
        total: activities.total,
        total_capped: activities.total_capped,
        page: activities.page,
        per_page: activities.per_page,
        items: activities.items,
        documents,
    }))
}

#[utoipa::path(get, path = "/api/v1/outreach/totals", tag = "outreach",
    responses((status = 200, body = Vec<OutreachTotal>, description = "Activities, participants and viewers by year (the latest first), agency and kind")))]
pub async fn totals(acting: Acting) -> Result<Json<Vec<OutreachTotal>>, ApiError> {
    Ok(Json(outreach::totals(&acting.ctx()).await?))
}

/// What a write created: its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/outreach", tag = "outreach", request_body = ActivityInput,
    responses((status = 201, body = Recorded),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "An agency outside the caller's"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown kind, agency or document, a reach that is no count, a Peacekeepers' Day not on 29 May, by field")))]
pub async fn create(
    acting: Acting,
    ApiJson(input): ApiJson<ActivityInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let id = outreach::create_activity(&acting.ctx(), &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id })))
}
