//! `/legal/projects`: law-making projects, their stages, draft versions and the opinions
//! of the agencies consulted; completing the last stage adopts the text into the registry.

use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use bluehelm_domain::lawmaking::{CompletionInput, DraftInput, OpinionInput, ProjectInput};
use bluehelm_store::lawmaking::LawProject;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_of, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::lawmaking::{self, AnswerInput, ProjectDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/legal/projects", get(list_projects).post(create_project))
        .route("/legal/projects/{id}", get(project))
        .route("/legal/projects/{id}/stages", post(complete_stage))
        .route("/legal/projects/{id}/drafts", post(add_draft))
        .route("/legal/projects/{id}/opinions", post(add_opinion))
        .route(
            "/legal/projects/{id}/opinions/{opinion}",
            put(answer_opinion),
        )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    /// `open` (the default: open ones first), `title`, `opened` or `due` (the current
    /// stage's deadline); `-key` for the other way.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

page_of!(ProjectPage, LawProject);

/// What a write created: its id (a draft's version number for a draft).
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
}

#[utoipa::path(get, path = "/api/v1/legal/projects", tag = "legal", params(ProjectQuery),
    responses((status = 200, body = ProjectPage, description = "The projects the caller's agencies take part in, open ones first"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list_projects(
    acting: Acting,
    ApiQuery(query): ApiQuery<ProjectQuery>,
) -> Result<Json<ProjectPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    Ok(Json(
        lawmaking::projects(&acting.ctx(), query.sort.as_deref(), page)
            .await?
            .into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/legal/projects/{id}", tag = "legal",
    responses((status = 200, body = ProjectDetail, description = "The project with its agencies, stages, draft versions and opinions"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such project among those the caller's agencies take part in")))]
pub async fn project(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProjectDetail>, ApiError> {
    Ok(Json(lawmaking::project(&acting.ctx(), id).await?))
}

#[utoipa::path(post, path = "/api/v1/legal/projects", tag = "legal", request_body = ProjectInput,
    responses((status = 201, body = LawProject), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_project(
    acting: Acting,
    ApiJson(body): ApiJson<ProjectInput>,
) -> Result<(StatusCode, Json<LawProject>), ApiError> {
    let project = lawmaking::create_project(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(project)))
}

#[utoipa::path(post, path = "/api/v1/legal/projects/{id}/stages", tag = "legal", request_body = CompletionInput,
    responses((status = 200, body = LawProject, description = "The stage is done and the next one open; after the last, the text is in the registry"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A stage skipped or already done, a date out of order, the adopted text's number or dates, by field")))]
pub async fn complete_stage(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CompletionInput>,
) -> Result<Json<LawProject>, ApiError> {
    Ok(Json(
        lawmaking::complete_stage(&acting.ctx(), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/legal/projects/{id}/drafts", tag = "legal", request_body = DraftInput,
    responses((status = 201, body = Recorded, description = "The version number given to the draft"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_draft(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DraftInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let version = lawmaking::add_draft(&acting.ctx(), id, &body).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: version })))
}

#[utoipa::path(post, path = "/api/v1/legal/projects/{id}/opinions", tag = "legal", request_body = OpinionInput,
    responses((status = 201, body = Recorded), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An agency not consulted, an unknown version, a refusal not explained, by field")))]
pub async fn add_opinion(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OpinionInput>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let opinion = lawmaking::add_opinion(&acting.ctx(), id, &body).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: opinion })))
}

#[utoipa::path(put, path = "/api/v1/legal/projects/{id}/opinions/{opinion}", tag = "legal", request_body = AnswerInput,
    responses((status = 204, description = "How the opinion was taken in is recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn answer_opinion(
    acting: Acting,
    ApiPath((id, opinion)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<AnswerInput>,
) -> Result<StatusCode, ApiError> {
    lawmaking::answer_opinion(&acting.ctx(), id, opinion, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}
