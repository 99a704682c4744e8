//! `/directives` and `/tasks`: directives with the tasks they give to presiding and
//! coordinating agencies, and each task's steps from assignment to acceptance; `/bodies`
//! and `/conferences`: the coordinating bodies, their members and their conferences.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::coordination::{
    BodyInput, ConferenceInput, DirectiveInput, MemberInput, StepInput,
};
use bluehelm_store::coordination::{
    Attendance, Attendee, Body, BodyMember, Conference, DirectiveLine, Task, TaskSummary,
};
use serde::Deserialize;
use serde::Serialize;
use utoipa::IntoParams;
use utoipa::ToSchema;

use super::{page_of, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::coordination::{self, Created, TaskDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/directives", post(create_directive))
        .route("/tasks", get(list_tasks))
        .route("/tasks/summary", get(summary))
        .route("/tasks/{id}", get(task))
        .route("/tasks/{id}/steps", post(take_step))
        .route("/bodies", get(list_bodies).post(create_body))
        .route("/bodies/{id}", get(body))
        .route("/bodies/{id}/members", post(add_member))
        .route(
            "/conferences",
            get(list_conferences).post(create_conference),
        )
        .route("/conferences/{id}", get(conference))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Only the tasks of a figure of the summary: `open`, `due_soon` (within 7 days),
    /// `overdue` or `closed`.
    pub view: Option<String>,
    /// `open` (the default: open ones first, the nearest deadline first), `due`, `status`
    /// or `title`; `-key` for the other way.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

page_of!(TaskPage, Task);

#[utoipa::path(get, path = "/api/v1/tasks", tag = "coordination", params(TaskQuery),
    responses((status = 200, body = TaskPage, description = "The tasks the caller's agencies preside over or contribute to, open ones first, the nearest deadline first"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list_tasks(
    acting: Acting,
    ApiQuery(query): ApiQuery<TaskQuery>,
) -> Result<Json<TaskPage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    Ok(Json(
        coordination::tasks(
            &acting.ctx(),
            query.view.as_deref(),
            query.sort.as_deref(),
            page,
        )
        .await?
        .into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "coordination",
    responses((status = 200, body = TaskDetail, description = "The task with its agencies, its history and the steps the caller may take"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such task among those the caller's agencies take part in")))]
pub async fn task(acting: Acting, ApiPath(id): ApiPath<i64>) -> Result<Json<TaskDetail>, ApiError> {
    Ok(Json(coordination::task(&acting.ctx(), id).await?))
}

#[utoipa::path(post, path = "/api/v1/directives", tag = "coordination", request_body = DirectiveInput,
    responses((status = 201, body = Created, description = "The directive and its tasks, recorded all or nothing"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Every fault by field, a task's as tasks[i].field")))]
pub async fn create_directive(
    acting: Acting,
    ApiJson(body): ApiJson<DirectiveInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let created = coordination::create_directive(&acting.ctx(), &body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(post, path = "/api/v1/tasks/{id}/steps", tag = "coordination", request_body = StepInput,
    responses((status = 200, body = TaskDetail, description = "The task after the step"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A step the task's status does not allow, a share out of range, a return or an extension without a reason, by field")))]
pub async fn take_step(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StepInput>,
) -> Result<Json<TaskDetail>, ApiError> {
    Ok(Json(
        coordination::take_step(&acting.ctx(), id, &body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/tasks/summary", tag = "coordination",
    responses((status = 200, body = TaskSummary, description = "The tasks of the caller's agencies (their subtree): open, due within 7 days, overdue, closed and closed on time"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn summary(acting: Acting) -> Result<Json<TaskSummary>, ApiError> {
    Ok(Json(coordination::summary(&acting.ctx()).await?))
}

#[utoipa::path(get, path = "/api/v1/bodies", tag = "coordination",
    responses((status = 200, body = Vec<Body>, description = "Every coordinating body with its standing agency and its current members counted")))]
pub async fn list_bodies(acting: Acting) -> Result<Json<Vec<Body>>, ApiError> {
    Ok(Json(coordination::bodies(&acting.ctx()).await?))
}

/// A body with its members, current and past.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyDetail {
    pub body: Body,
    pub members: Vec<BodyMember>,
}

#[utoipa::path(get, path = "/api/v1/bodies/{id}", tag = "coordination",
    responses((status = 200, body = BodyDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn body(acting: Acting, ApiPath(id): ApiPath<i64>) -> Result<Json<BodyDetail>, ApiError> {
    let (body, members) = coordination::body(&acting.ctx(), id).await?;
    Ok(Json(BodyDetail { body, members }))
}

#[utoipa::path(post, path = "/api/v1/bodies", tag = "coordination", request_body = BodyInput,
    responses((status = 201, body = Body), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_body(
    acting: Acting,
    ApiJson(input): ApiJson<BodyInput>,
) -> Result<(StatusCode, Json<Body>), ApiError> {
    let body = coordination::create_body(&acting.ctx(), &input).await?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// What a write created: its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberAdded {
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/bodies/{id}/members", tag = "coordination", request_body = MemberInput,
    responses((status = 201, body = MemberAdded), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown account or agency, neither account nor name, a term ending before it starts, by field")))]
pub async fn add_member(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MemberInput>,
) -> Result<(StatusCode, Json<MemberAdded>), ApiError> {
    let member = coordination::add_member(&acting.ctx(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(MemberAdded { id: member })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConferenceQuery {
    /// `held` or `title`, `-key` for descending; the default is `-held`, the latest first.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

page_of!(ConferencePage, Conference);

#[utoipa::path(get, path = "/api/v1/conferences", tag = "coordination", params(ConferenceQuery),
    responses((status = 200, body = ConferencePage, description = "The conferences and meetings, the latest first")))]
pub async fn list_conferences(
    acting: Acting,
    ApiQuery(query): ApiQuery<ConferenceQuery>,
) -> Result<Json<ConferencePage>, ApiError> {
    let page = bluehelm_domain::listing::PageRequest::parse(query.page, query.per_page)?;
    Ok(Json(
        coordination::conferences(&acting.ctx(), query.sort.as_deref(), page)
            .await?
            .into(),
    ))
}

/// A conference with the agencies that attended and the directives it issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceDetail {
    pub conference: Conference,
    pub agencies: Vec<Attendance>,
    /// The members of the body who attended.
    pub members: Vec<Attendee>,
    pub directives: Vec<DirectiveLine>,
}

#[utoipa::path(get, path = "/api/v1/conferences/{id}", tag = "coordination",
    responses((status = 200, body = ConferenceDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn conference(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ConferenceDetail>, ApiError> {
    let (conference, agencies, members, directives) =
        coordination::conference(&acting.ctx(), id).await?;
    Ok(Json(ConferenceDetail {
        conference,
        agencies,
        members,
        directives,
    }))
}

#[utoipa::path(post, path = "/api/v1/conferences", tag = "coordination", request_body = ConferenceInput,
    responses((status = 201, body = MemberAdded, description = "The conference's id"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown body, agency or document, a missing title, date or chair, by field")))]
pub async fn create_conference(
    acting: Acting,
    ApiJson(input): ApiJson<ConferenceInput>,
) -> Result<(StatusCode, Json<MemberAdded>), ApiError> {
    let id = coordination::create_conference(&acting.ctx(), &input).await?;
    Ok((StatusCode::CREATED, Json(MemberAdded { id })))
}
