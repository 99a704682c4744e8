//! `/me` and `/tokens`: the caller's own account and API tokens.

use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use bluehelm_store::account::ApiToken;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::users::UserView;
use super::{ApiJson, ApiPath};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/tokens", get(list_tokens).post(create_token))
        .route("/tokens/{id}", delete(revoke_token))
}

#[utoipa::path(get, path = "/api/v1/me", tag = "me",
    responses((status = 200, body = UserView), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn me(acting: Acting) -> Result<Json<UserView>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::accounts::user(&ctx, acting.caller.principal.user_id)
            .await?
            .into(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl From<ApiToken> for TokenView {
    fn from(token: ApiToken) -> Self {
        Self {
            id: token.id,
            name: token.name,
            created_at: token.created_at,
            revoked_at: token.revoked_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// What the token is for, to recognise it later.
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenView {
    pub token: TokenView,
    /// The secret, shown this once: send it as `Authorization: Bearer <secret>`.
    pub secret: String,
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "me", responses((status = 200, body = Vec<TokenView>)))]
pub async fn list_tokens(acting: Acting) -> Result<Json<Vec<TokenView>>, ApiError> {
    let ctx = acting.ctx();
    let tokens = bluehelm_app::accounts::api_tokens(&ctx).await?;
    Ok(Json(tokens.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "me", request_body = NewTokenBody,
    responses((status = 201, body = NewTokenView), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create_token(
    acting: Acting,
    ApiJson(body): ApiJson<NewTokenBody>,
) -> Result<(StatusCode, Json<NewTokenView>), ApiError> {
    let ctx = acting.ctx();
    let (token, secret) = bluehelm_app::accounts::create_api_token(&ctx, &body.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenView {
            token: token.into(),
            secret,
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "me",
    responses((status = 200, body = TokenView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_token(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TokenView>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::accounts::revoke_api_token(&ctx, id)
            .await?
            .into(),
    ))
}
