//! `/courses`: training courses, enrolments and results; `/notices`: the caller's expiry
//! notices.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_domain::training::{CourseInput, ResultInput};
use bluehelm_store::notice::Notice;
use bluehelm_store::training::{Course, Enrolment};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::acting::{CreateTraining, Gated, UpdateTraining};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::notices;
use bluehelm_app::training::{self, CourseDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses", get(list).post(create))
        .route("/courses/{id}", get(get_one).put(update))
        .route("/courses/{id}/enrolments", post(enrol))
        .route(
            "/courses/{id}/enrolments/{enrolment_id}/result",
            post(record_result),
        )
        .route("/notices", get(list_notices))
        .route("/notices/read", post(read_notices))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CourseQuery {
    /// Only courses ending on or after this day (YYYY-MM-DD); every course without it.
    pub from: Option<time::Date>,
}

#[utoipa::path(get, path = "/api/v1/courses", tag = "training", params(CourseQuery),
    responses((status = 200, body = Vec<Course>)))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<CourseQuery>,
) -> Result<Json<Vec<Course>>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(training::courses(&ctx, query.from).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseBody {
    pub title: String,
    pub provider: String,
    #[serde(default)]
    pub place: String,
    /// YYYY-MM-DD.
    pub starts_on: String,
    /// YYYY-MM-DD, on or after `starts_on`.
    pub ends_on: String,
    /// Seats, 1 to 500.
    pub capacity: u32,
    /// The code of the qualification a pass awards (`/qualification-kinds`), if any.
    #[serde(default)]
    pub qualification: String,
}

#[utoipa::path(post, path = "/api/v1/courses", tag = "training", request_body = CourseBody,
    responses((status = 201, body = Course), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    Gated(acting, _): Gated<CreateTraining>,
    ApiJson(body): ApiJson<CourseBody>,
) -> Result<(StatusCode, Json<Course>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(training::create_course(&acting.ctx(), &body.into()).await?),
    ))
}

impl From<CourseBody> for CourseInput {
    fn from(body: CourseBody) -> Self {
        CourseInput {
            title: body.title,
            provider: body.provider,
            place: body.place,
            starts_on: body.starts_on,
            ends_on: body.ends_on,
            capacity: body.capacity.to_string(),
            qualification: body.qualification,
        }
    }
}

#[utoipa::path(put, path = "/api/v1/courses/{id}", tag = "training", request_body = CourseBody,
    responses((status = 200, body = Course), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`capacity` / `below_seats_taken`: fewer seats than people enrolled")))]
pub async fn update(
    Gated(acting, _): Gated<UpdateTraining>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CourseBody>,
) -> Result<Json<Course>, ApiError> {
    Ok(Json(
        training::update_course(&acting.ctx(), id, &body.into()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/courses/{id}", tag = "training",
    responses((status = 200, body = CourseDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CourseDetail>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(training::course_detail(&ctx, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolBody {
    pub person_id: i64,
}

#[utoipa::path(post, path = "/api/v1/courses/{id}/enrolments", tag = "training", request_body = EnrolBody,
    responses((status = 201, body = Enrolment), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn enrol(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<EnrolBody>,
) -> Result<(StatusCode, Json<Enrolment>), ApiError> {
    let ctx = acting.ctx();
    Ok((
        StatusCode::CREATED,
        Json(training::enrol(&ctx, id, body.person_id).await?),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultBody {
    /// passed, failed or withdrawn.
    pub outcome: String,
    #[serde(default)]
    pub score: String,
    /// YYYY-MM-DD, not before the course starts.
    pub result_on: String,
}

#[utoipa::path(post, path = "/api/v1/courses/{id}/enrolments/{enrolment_id}/result", tag = "training",
    request_body = ResultBody,
    responses((status = 200, body = Enrolment), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn record_result(
    acting: Acting,
    ApiPath((id, enrolment_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ResultBody>,
) -> Result<Json<Enrolment>, ApiError> {
    let ctx = acting.ctx();
    let input = ResultInput {
        outcome: body.outcome,
        score: body.score,
        result_on: body.result_on,
    };
    Ok(Json(
        training::record_result(&ctx, id, enrolment_id, &input).await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeList {
    pub unread: i64,
    /// The latest 200, newest first.
    pub items: Vec<Notice>,
}

#[utoipa::path(get, path = "/api/v1/notices", tag = "notices", responses((status = 200, body = NoticeList)))]
pub async fn list_notices(acting: Acting) -> Result<Json<NoticeList>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(NoticeList {
        unread: notices::unread_count(&ctx).await?,
        items: notices::my_notices(&ctx, 200).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadBody {
    /// One notice; all of the caller's notices when absent.
    #[serde(default)]
    pub id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadCount {
    pub read: u64,
}

#[utoipa::path(post, path = "/api/v1/notices/read", tag = "notices", request_body = ReadBody,
    responses((status = 200, body = ReadCount)))]
pub async fn read_notices(
    acting: Acting,
    ApiJson(body): ApiJson<ReadBody>,
) -> Result<Json<ReadCount>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(ReadCount {
        read: notices::mark_read(&ctx, body.id).await?,
    }))
}
