//! `/legal/documents`: the legal registry, each document with its status on a date, its
//! timeline and its relations.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::legal::{DocumentInput, DocumentKind, RelationInput};
use bluehelm_store::legal::{LegalDocument, LegalFilter, LegalRelation};
use serde::Deserialize;
use utoipa::IntoParams;

use super::today;
use super::{page_of, ApiBytes, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::download::file_response;
use crate::error::{ApiError, Problem};
use crate::AppState;
use axum::response::Response;
use bluehelm_app::legal::{self, CouncilTermView, DocumentDetail, DocumentView, Graph, Health};
use bluehelm_domain::dispatch::MAX_DOCUMENT_BYTES;
use bluehelm_store::legal::LegalFile;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/legal/documents", get(documents).post(create_document))
        .route("/legal/documents/{id}", get(document).put(update_document))
        .route("/legal/documents/{id}/relations", post(add_relation))
        .route(
            "/legal/documents/{id}/file",
            get(download_file)
                .put(attach_file)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 1)),
        )
        .route("/legal/health", get(health))
        .route("/legal/graph", get(graph))
        .route("/legal/council", get(council))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// Only documents of this kind (`law`, `decree`, `council_resolution`, …).
    pub kind: Option<String>,
    /// Words of the number or of either title.
    pub q: Option<String>,
    /// The day the status is given for (YYYY-MM-DD); today when absent.
    pub on: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

page_of!(DocumentPage, DocumentView);

/// The day a status is asked for, or today.
fn status_day(on: Option<&str>) -> Result<time::Date, ApiError> {
    match on.filter(|on| !on.trim().is_empty()) {
        Some(on) => Ok(bluehelm_domain::person::parse_date("on", on)
            .map_err(|error| bluehelm_app::AppError::Invalid(error.into()))?),
        None => Ok(today()),
    }
}

#[utoipa::path(get, path = "/api/v1/legal/documents", tag = "legal", params(DocumentQuery),
    responses((status = 200, body = DocumentPage, description = "Drafts first, then the newest signed, each with its status on the day asked"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn documents(
    acting: Acting,
    ApiQuery(query): ApiQuery<DocumentQuery>,
) -> Result<Json<DocumentPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    let kind = match query.kind.as_deref().filter(|kind| !kind.is_empty()) {
        Some(kind) => Some(
            DocumentKind::parse_field("kind", kind)
                .map_err(|error| bluehelm_app::AppError::Invalid(error.into()))?,
        ),
        None => None,
    };
    let filter = LegalFilter {
        kind,
        text: query.q.filter(|q| !q.trim().is_empty()),
    };
    let on = status_day(query.on.as_deref())?;
    Ok(Json(
        legal::documents(&acting.ctx(), &filter, page, on)
            .await?
            .into(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnQuery {
    /// The day the status is given for (YYYY-MM-DD); today when absent.
    pub on: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/legal/documents/{id}", tag = "legal", params(OnQuery),
    responses((status = 200, body = DocumentDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn document(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<OnQuery>,
) -> Result<Json<DocumentDetail>, ApiError> {
    let on = status_day(query.on.as_deref())?;
    Ok(Json(legal::document_detail(&acting.ctx(), id, on).await?))
}

#[utoipa::path(post, path = "/api/v1/legal/documents", tag = "legal", request_body = DocumentInput,
    responses((status = 201, body = LegalDocument), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_document(
    acting: Acting,
    ApiJson(body): ApiJson<DocumentInput>,
) -> Result<(StatusCode, Json<LegalDocument>), ApiError> {
    let document = legal::create_document(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(document)))
}

#[utoipa::path(put, path = "/api/v1/legal/documents/{id}", tag = "legal", request_body = DocumentInput,
    responses((status = 200, body = LegalDocument), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update_document(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DocumentInput>,
) -> Result<Json<LegalDocument>, ApiError> {
    Ok(Json(
        legal::update_document(&acting.ctx(), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/legal/documents/{id}/relations", tag = "legal", request_body = RelationInput,
    responses((status = 201, body = LegalRelation), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A cycle, an impossible date or an unknown document, by field")))]
pub async fn add_relation(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RelationInput>,
) -> Result<(StatusCode, Json<LegalRelation>), ApiError> {
    let relation = legal::add_relation(&acting.ctx(), id, &body).await?;
    Ok((StatusCode::CREATED, Json(relation)))
}

#[utoipa::path(get, path = "/api/v1/legal/health", tag = "legal", params(OnQuery),
    responses((status = 200, body = Health, description = "Citations of documents not in force on the date of the act they support, acts still applied on a basis no longer in force, and documents that end or are replaced within 180 days with what relies on them"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn health(
    acting: Acting,
    ApiQuery(query): ApiQuery<OnQuery>,
) -> Result<Json<Health>, ApiError> {
    let on = status_day(query.on.as_deref())?;
    Ok(Json(legal::health(&acting.ctx(), on).await?))
}

#[utoipa::path(get, path = "/api/v1/legal/council", tag = "legal",
    responses((status = 200, body = Vec<CouncilTermView>, description = "The country's terms on the Security Council with the votes received, its presidencies and its initiatives, each initiative with the registry's document it produced")))]
pub async fn council(acting: Acting) -> Result<Json<Vec<CouncilTermView>>, ApiError> {
    Ok(Json(legal::council(&acting.ctx()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// The file's name, ending in `.pdf`.
    pub file_name: String,
}

#[utoipa::path(put, path = "/api/v1/legal/documents/{id}/file", tag = "legal", params(FileQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The published text as a PDF, at most 10 MiB"),
    responses((status = 200, body = LegalFile, description = "The file registered, with its SHA-256; it replaces the one before"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn attach_file(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<FileQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<Json<LegalFile>, ApiError> {
    Ok(Json(
        legal::attach_file(&acting.ctx(), id, &query.file_name, &body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/legal/documents/{id}/file", tag = "legal",
    responses((status = 200, description = "The published text, as an attachment"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn download_file(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (file, content) = legal::file(&acting.ctx(), id).await?;
    Ok(file_response(&file.file_name, "application/pdf", content))
}

#[utoipa::path(get, path = "/api/v1/legal/graph", tag = "legal",
    responses((status = 200, body = Graph, description = "The documents that relate to others, each with its rank (0: rests on nothing), and their relations")))]
pub async fn graph(acting: Acting) -> Result<Json<Graph>, ApiError> {
    Ok(Json(legal::graph(&acting.ctx()).await?))
}
