//! `/dossiers`: the dispatch procedure, its steps, decisions and documents.

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::dispatch::MAX_DOCUMENT_BYTES;
use bluehelm_store::dossier::{Dossier, DossierDocument};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::today;
use super::{ApiBytes, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::acting::{CreateDossier, Gated};
use crate::download::document_response;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::dossiers::{self, DossierDetail, DossierInput, Waiting};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dossiers", get(list_dossiers).post(open_dossier))
        .route("/dossiers/waiting", get(waiting))
        .route("/dossiers/{id}", get(dossier))
        .route("/dossiers/{id}/steps/{step_id}", post(decide))
        .route(
            "/dossiers/{id}/documents",
            post(attach).layer(axum::extract::DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 1)),
        )
        .route("/dossiers/{id}/documents/{document_id}", get(download))
}

#[utoipa::path(get, path = "/api/v1/dossiers", tag = "dispatch", responses((status = 200, body = Vec<Dossier>)))]
pub async fn list_dossiers(acting: Acting) -> Result<Json<Vec<Dossier>>, ApiError> {
    Ok(Json(dossiers::dossiers(&acting.ctx()).await?))
}

#[utoipa::path(post, path = "/api/v1/dossiers", tag = "dispatch", request_body = DossierInput,
    responses((status = 201, body = Dossier, description = "Opened under the procedure in force on `dated`; `explanation` says why"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn open_dossier(
    Gated(acting, _): Gated<CreateDossier>,
    ApiJson(body): ApiJson<DossierInput>,
) -> Result<(StatusCode, Json<Dossier>), ApiError> {
    let dossier = dossiers::open_dossier(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(dossier)))
}

#[utoipa::path(get, path = "/api/v1/dossiers/waiting", tag = "dispatch",
    responses((status = 200, body = Waiting, description = "Every open step, the longest waiting first, and a summary per agency")))]
pub async fn waiting(acting: Acting) -> Result<Json<Waiting>, ApiError> {
    Ok(Json(
        dossiers::waiting(&acting.ctx(), bluehelm_store::now()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/dossiers/{id}", tag = "dispatch",
    responses((status = 200, body = DossierDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn dossier(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DossierDetail>, ApiError> {
    Ok(Json(
        dossiers::dossier_detail(&acting.ctx(), id, today()).await?,
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
    acting: Acting,
    ApiPath((id, step_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<Dossier>, ApiError> {
    let dossier = dossiers::decide(
        &acting.ctx(),
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
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DocumentQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<(StatusCode, Json<DossierDocument>), ApiError> {
    let document =
        dossiers::attach(&acting.ctx(), id, &query.kind, &query.file_name, &body).await?;
    Ok((StatusCode::CREATED, Json(document)))
}

#[utoipa::path(get, path = "/api/v1/dossiers/{id}/documents/{document_id}", tag = "dispatch",
    responses((status = 200, description = "The file, as an attachment"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn download(
    acting: Acting,
    ApiPath((id, document_id)): ApiPath<(i64, i64)>,
) -> Result<Response, ApiError> {
    let (document, content) = dossiers::document(&acting.ctx(), id, document_id).await?;
    Ok(document_response(&document, content))
}
