//! `/audit`: the audit trail, for auditors and administrators.

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bluehelm_store::audit::{AuditEntry, AuditFilter};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::Invalid;

use super::{page_of, ApiQuery};
use crate::acting::Acting;
use crate::error::{ApiError, Problem};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(list))
        .route("/audit/check", post(check))
        .route("/system/health", get(health))
}

#[utoipa::path(get, path = "/api/v1/system/health", tag = "audit",
    responses((status = 200, body = bluehelm_app::audit::SystemHealth),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn health(acting: Acting) -> Result<Json<bluehelm_app::audit::SystemHealth>, ApiError> {
    Ok(Json(
        bluehelm_app::audit::system_health(&acting.ctx()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/audit/check", tag = "audit",
    responses((status = 201, body = bluehelm_app::audit::ChainCheck, description = "The trail walked now, and what it found; recorded on the trail"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn check(
    acting: Acting,
) -> Result<(StatusCode, Json<bluehelm_app::audit::ChainCheck>), ApiError> {
    let check = bluehelm_app::audit::check_audit_chain(&acting.ctx()).await?;
    Ok((StatusCode::CREATED, Json(check)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    /// Position in the chain, from 1.
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor_user_id: Option<i64>,
    pub actor_username: Option<String>,
    pub actor_agency_id: Option<i64>,
    /// create, update, delete, login, login_failed, logout, permission_denied, …
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// The record before the change, as JSON text.
    pub before: Option<String>,
    /// The record after the change, as JSON text.
    pub after: Option<String>,
    /// True when the caller may not read this kind of record: `before` and `after` are
    /// then left out.
    pub values_withheld: bool,
    pub prev_hash: String,
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(entry: AuditEntry) -> Self {
        Self {
            seq: entry.seq,
            at: entry.at,
            actor_user_id: entry.actor_user_id,
            actor_username: entry.actor_username,
            actor_agency_id: entry.actor_agency_id,
            action: entry.action,
            entity: entry.entity,
            entity_id: entry.entity_id,
            before: entry.before,
            after: entry.after,
            values_withheld: entry.values_withheld,
            prev_hash: entry.prev_hash,
            hash: entry.hash,
        }
    }
}

page_of!(AuditPage, AuditEntryView);

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    pub actor_user_id: Option<i64>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// RFC 3339 instant; entries at or after it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub from: Option<OffsetDateTime>,
    /// RFC 3339 instant; entries before it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub to: Option<OffsetDateTime>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    // The trail is always newest first: its order is its meaning.
    let page =
        PageRequest::parse(query.page, query.per_page).map_err(|error| Invalid(vec![error]))?;
    let filter = AuditFilter {
        actor_user_id: query.actor_user_id,
        action: query.action,
        entity: query.entity,
        entity_id: query.entity_id,
        from: query.from,
        to: query.to,
    };
    let ctx = acting.ctx();
    Ok(Json(
        bluehelm_app::audit::list_audit(&ctx, &filter, page)
            .await?
            .into(),
    ))
}
