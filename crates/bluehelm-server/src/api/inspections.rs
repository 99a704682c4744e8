//! `/inspections`: visits to the forces at missions, their checklist, findings and
//! recommendations (each a task, at `/tasks/{id}`). Health findings are in the answers of
//! the medical role only.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_app::inspections;
use bluehelm_domain::inspection::{
    CheckInput, FindingInput, InspectionInput, PersonInput, RecommendationInput,
};
use bluehelm_store::inspection::{Inspection, InspectionRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_of, ApiBytes, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::download::file_response;
use crate::error::{ApiError, Problem};
use crate::AppState;
use axum::response::Response;
use bluehelm_store::inspection::{Evidence, VisitedPerson};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inspections", get(list).post(create))
        .route("/inspections/{id}", get(one))
        .route("/inspections/{id}/checks", post(record_check))
        .route("/inspections/{id}/findings", post(add_finding))
        .route(
            "/inspections/{id}/recommendations",
            post(add_recommendation),
        )
        .route(
            "/inspections/{id}/findings/{finding_id}/evidence",
            post(add_evidence).layer(axum::extract::DefaultBodyLimit::max(
                bluehelm_domain::dispatch::MAX_DOCUMENT_BYTES + 1,
            )),
        )
        .route("/inspections/{id}/evidence/{evidence_id}", get(evidence))
        .route(
            "/inspections/{id}/people",
            get(people_on_tour).post(add_person),
        )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InspectionQuery {
    /// `from` or `mission`, `-key` for descending; the default is `-from`, the latest first.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

page_of!(InspectionPage, Inspection);

/// What a write created: its id (a recommendation's task's id).
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
}

#[utoipa::path(get, path = "/api/v1/inspections", tag = "inspections", params(InspectionQuery),
    responses((status = 200, body = InspectionPage, description = "The visits, the latest first, with their open recommendations counted"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<InspectionQuery>,
) -> Result<Json<InspectionPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    Ok(Json(
        inspections::inspections(&acting.ctx(), query.sort.as_deref(), page)
            .await?
            .into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/inspections/{id}", tag = "inspections",
    responses((status = 200, body = InspectionRecord, description = "The visit with its units, checklist, findings and recommendations; health findings for the medical role only"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn one(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<InspectionRecord>, ApiError> {
    Ok(Json(inspections::inspection(&acting.ctx(), id).await?))
}

#[utoipa::path(post, path = "/api/v1/inspections", tag = "inspections", request_body = InspectionInput,
    responses((status = 201, body = Recorded),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown team, mission or unit, a unit elsewhere, dates out of order, no area, by field")))]
pub async fn create(
    acting: Acting,
    ApiJson(input): ApiJson<InspectionInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let id = inspections::create_inspection(&acting.ctx(), &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id })))
}

#[utoipa::path(post, path = "/api/v1/inspections/{id}/checks", tag = "inspections", request_body = CheckInput,
    responses((status = 204, description = "The area's result is recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_check(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CheckInput>,
) -> Result<StatusCode, ApiError> {
    inspections::record_check(&acting.ctx(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/inspections/{id}/findings", tag = "inspections", request_body = FindingInput,
    responses((status = 201, body = Recorded),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A health finding by one who may not write health data"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_finding(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<FindingInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let finding = inspections::add_finding(&acting.ctx(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: finding })))
}

#[utoipa::path(post, path = "/api/v1/inspections/{id}/recommendations", tag = "inspections", request_body = RecommendationInput,
    responses((status = 201, body = Recorded, description = "The task the recommendation gives"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A deadline before the visit's end, an agency both presiding and coordinating, an unknown finding, by field")))]
pub async fn add_recommendation(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RecommendationInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let task = inspections::add_recommendation(&acting.ctx(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: task })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvidenceQuery {
    /// The file's name, its extension one of pdf, png, jpg, jpeg, docx, xlsx, odt.
    pub file_name: String,
}

#[utoipa::path(post, path = "/api/v1/inspections/{id}/findings/{finding_id}/evidence", tag = "inspections", params(EvidenceQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file, at most 10 MiB, its content matching its extension"),
    responses((status = 201, body = Evidence, description = "The file kept, with its SHA-256"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A health finding's file by one who may not write health data"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_evidence(
    acting: Acting,
    ApiPath((id, finding_id)): ApiPath<(i64, i64)>,
    ApiQuery(query): ApiQuery<EvidenceQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<(StatusCode, Json<Evidence>), ApiError> {
    let evidence =
        inspections::add_evidence(&acting.ctx(), id, finding_id, &query.file_name, &body).await?;
    Ok((StatusCode::CREATED, Json(evidence)))
}

#[utoipa::path(get, path = "/api/v1/inspections/{id}/evidence/{evidence_id}", tag = "inspections",
    responses((status = 200, description = "The file, as an attachment"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such file among the visit's findings the caller reads")))]
pub async fn evidence(
    acting: Acting,
    ApiPath((id, evidence_id)): ApiPath<(i64, i64)>,
) -> Result<Response, ApiError> {
    let (evidence, content) = inspections::evidence(&acting.ctx(), id, evidence_id).await?;
    Ok(file_response(
        &evidence.file_name,
        &evidence.content_type,
        content,
    ))
}

#[utoipa::path(post, path = "/api/v1/inspections/{id}/people", tag = "inspections", request_body = PersonInput,
    responses((status = 201, body = Recorded),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The officer is recorded already"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "No tour of the officer at the mission overlaps the visit")))]
pub async fn add_person(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PersonInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let added = inspections::add_person(&acting.ctx(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: added })))
}

#[utoipa::path(get, path = "/api/v1/inspections/{id}/people", tag = "inspections",
    responses((status = 200, body = Vec<VisitedPerson>, description = "The officers whose tour at the mission overlaps the visit: those it may record as seen"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn people_on_tour(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<VisitedPerson>>, ApiError> {
    Ok(Json(inspections::people_on_tour(&acting.ctx(), id).await?))
}
