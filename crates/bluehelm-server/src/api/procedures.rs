//! `/templates`: the dispatch procedures as versioned data. A version is copied from
//! another, edited as a draft, and activated; dossiers keep the version they opened with.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::procedure::TemplateInput;
use bluehelm_store::dossier::Template;

use super::{ApiJson, ApiPath};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::procedures::{self, TemplateDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list_templates))
        .route("/templates/{id}", get(template).put(save_draft))
        .route("/templates/{id}/versions", post(new_version))
        .route("/templates/{id}/activate", post(activate))
}

#[utoipa::path(get, path = "/api/v1/templates", tag = "templates",
    responses((status = 200, body = Vec<Template>, description = "Every version of every procedure, by first day")))]
pub async fn list_templates(acting: Acting) -> Result<Json<Vec<Template>>, ApiError> {
    Ok(Json(procedures::templates(&acting.ctx()).await?))
}

#[utoipa::path(get, path = "/api/v1/templates/{id}", tag = "templates",
    responses((status = 200, body = TemplateDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn template(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TemplateDetail>, ApiError> {
    Ok(Json(procedures::template_detail(&acting.ctx(), id).await?))
}

#[utoipa::path(post, path = "/api/v1/templates/{id}/versions", tag = "templates",
    responses((status = 201, body = Template, description = "A draft version copied from this one"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn new_version(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<(StatusCode, Json<Template>), ApiError> {
    let template = procedures::new_version(&acting.ctx(), id).await?;
    Ok((StatusCode::CREATED, Json(template)))
}

#[utoipa::path(put, path = "/api/v1/templates/{id}", tag = "templates", request_body = TemplateInput,
    responses((status = 200, body = Template), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field of the draft or of one of its steps, or a version no longer a draft")))]
pub async fn save_draft(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TemplateInput>,
) -> Result<Json<Template>, ApiError> {
    Ok(Json(
        procedures::save_draft(&acting.ctx(), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/templates/{id}/activate", tag = "templates",
    responses((status = 200, body = Template, description = "The version applies to dossiers dated from its first day; the versions it takes over from end the day before"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn activate(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Template>, ApiError> {
    Ok(Json(procedures::activate(&acting.ctx(), id).await?))
}
