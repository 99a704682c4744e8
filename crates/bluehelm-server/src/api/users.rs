//! `/users`: accounts, their roles and passwords.

use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use bluehelm_domain::role::Role;
use bluehelm_store::account::{User, UserFilter, USER_SORT};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::{page_of, paging, ApiJson, ApiPath, ApiQuery};
use crate::acting::Acting;
use crate::acting::{CreateUser, Gated, UpdateUser};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::accounts::{NewUserInput, UserUpdate};
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}", get(get_one).put(update))
        .route("/users/{id}/password", put(set_password))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub agency_id: i64,
    pub agency_code: String,
    /// Role names: admin, coordinator, agency_officer, approver, inspector, finance, medical, auditor, viewer.
    pub roles: Vec<String>,
    /// `vi` or `en`.
    pub lang: String,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_until: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        Self {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            email: user.email,
            agency_id: user.agency_id,
            agency_code: user.agency_code,
            roles: user.roles,
            lang: user.lang,
            disabled: user.disabled,
            locked_until: user.locked_until,
            last_login_at: user.last_login_at,
            created_at: user.created_at,
            updated_at: user.updated_at,
        }
    }
}

page_of!(UserPage, UserView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `username` (default), `display_name`, `agency`, `created_at`, `last_login_at`.
    pub sort: Option<String>,
    pub agency_id: Option<i64>,
    pub role: Option<String>,
    /// A piece of the user name, display name or e-mail, any case.
    pub q: Option<String>,
    pub disabled: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub agency_id: i64,
    pub roles: Vec<String>,
    /// At least 12 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdateBody {
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub agency_id: i64,
    pub roles: Vec<String>,
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    pub password: String,
}

#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserQuery),
    responses((status = 200, body = UserPage), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<UserQuery>,
) -> Result<Json<UserPage>, ApiError> {
    let (sort, page) = paging(query.page, query.per_page, query.sort.as_deref(), USER_SORT)?;
    let role =
        match query.role.as_deref() {
            Some(role) => Some(Role::parse(role).ok_or_else(|| {
                AppError::field("role", "unknown_role", "validation.is_not_a_role")
            })?),
            None => None,
        };
    let filter = UserFilter {
        agency_id: query.agency_id,
        role,
        text: query.q,
        disabled: query.disabled,
    };
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::accounts::list_users(&ctx, &filter, sort, page)
            .await?
            .into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users",
    responses((status = 200, body = UserView), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserView>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(bluehelm_app::accounts::user(&ctx, id).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserBody,
    responses((status = 201, body = UserView), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    Gated(acting, _): Gated<CreateUser>,
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let input = NewUserInput {
        username: body.username,
        display_name: body.display_name,
        email: body.email.unwrap_or_default(),
        agency_id: body.agency_id,
        roles: body.roles,
        password: body.password,
    };
    let ctx = acting.ctx();
    let user = bluehelm_app::accounts::create_user(&ctx, &input).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "users", request_body = UserUpdateBody,
    responses((status = 200, body = UserView), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update(
    Gated(acting, _): Gated<UpdateUser>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UserUpdateBody>,
) -> Result<Json<UserView>, ApiError> {
    let input = UserUpdate {
        display_name: body.display_name,
        email: body.email.unwrap_or_default(),
        agency_id: body.agency_id,
        roles: body.roles,
        disabled: body.disabled,
    };
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::accounts::update_user(&ctx, id, &input)
            .await?
            .into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/users/{id}/password", tag = "users", request_body = PasswordBody,
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_password(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<StatusCode, ApiError> {
    let ctx = acting.ctx();
    bluehelm_app::accounts::set_password(&ctx, id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}
