//! The one error type of the HTTP layer. Its variants are outcomes; its JSON form is
//! `application/problem+json` (RFC 9457) with a stable `code`, and internals never leak.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bluehelm_domain::policy::Denied;
use bluehelm_domain::user::LoginRefused;
use bluehelm_domain::{FieldError, Invalid};
use bluehelm_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error(transparent)]
    Forbidden(#[from] Denied),
    #[error("the form has expired; reload the page and try again")]
    CsrfRejected,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("{message}")]
    Conflict { field: String, message: String },
    /// The request could not be read: malformed JSON, a wrong type, an unknown field, a bad
    /// query string. `field` names what was at fault when it is known.
    #[error("{message}")]
    Rejected {
        status: StatusCode,
        code: &'static str,
        field: Option<String>,
        message: String,
    },
    #[error("the request body is larger than the server accepts")]
    PayloadTooLarge,
    #[error(transparent)]
    LoginRefused(#[from] LoginRefused),
    #[error("internal error")]
    /// The cause is kept for the log and never shown to clients.
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid(error.into())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            other => AppError::Internal(Box::new(other)),
        }
    }
}

impl AppError {
    pub fn internal(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        AppError::Internal(Box::new(error))
    }

    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        AppError::Invalid(Invalid::one(field, code, message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Rejected { status, .. } => *status,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::LoginRefused(LoginRefused::Throttled) => StatusCode::TOO_MANY_REQUESTS,
            AppError::LoginRefused(_) => StatusCode::UNAUTHORIZED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code clients may branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::CsrfRejected => "csrf_rejected",
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict { .. } => "conflict",
            AppError::Rejected { code, .. } => code,
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::LoginRefused(LoginRefused::BadCredentials) => "bad_credentials",
            AppError::LoginRefused(LoginRefused::Disabled) => "account_disabled",
            AppError::LoginRefused(LoginRefused::Locked { .. }) => "account_locked",
            AppError::LoginRefused(LoginRefused::Throttled) => "too_many_attempts",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid(invalid) => invalid.0.clone(),
            AppError::Conflict { field, message } => {
                vec![FieldError::new(field.clone(), "duplicate", message.clone())]
            }
            AppError::Rejected {
                field: Some(field),
                code,
                message,
                ..
            } => vec![FieldError::new(field.clone(), code, message.clone())],
            _ => Vec::new(),
        }
    }

    /// The sentence shown to people; internal causes are logged, not shown.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(source) => {
                tracing::error!(error = %source, "request failed");
                "internal error; the event has been logged".to_owned()
            }
            other => other.to_string(),
        }
    }
}

/// An `application/problem+json` body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the `code` identifies the problem.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    /// A stable machine code (`invalid`, `forbidden`, `not_found`, …).
    pub code: String,
    pub detail: String,
    /// The fields at fault, each with its own code and message.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let problem = Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: self.code().to_owned(),
            detail: self.public_message(),
            errors: self
                .field_errors()
                .into_iter()
                .map(|error| ProblemField {
                    field: error.field,
                    code: error.code.to_owned(),
                    message: error.message,
                })
                .collect(),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}
