//! What went wrong in a use case, in the terms of the use case. The adapters decide how to
//! say it: the API as a status code and problem+json, the web pages as a page or a form
//! shown again with its errors.

use bluehelm_domain::policy::Denied;
use bluehelm_domain::user::LoginRefused;
use bluehelm_domain::{FieldError, Invalid};
use bluehelm_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error(transparent)]
    Forbidden(#[from] Denied),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The write would break a uniqueness rule or meets a state it cannot change;
    /// `field` is the one the user can change.
    #[error("conflict on {field}: {}", message.key)]
    Conflict {
        field: String,
        message: bluehelm_domain::message::Message,
    },
    #[error(transparent)]
    LoginRefused(#[from] LoginRefused),
    /// The cause is kept for the log and never shown to people.
    #[error("internal error")]
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

    /// A field error whose sentence has parameters.
    pub fn said(
        field: &str,
        code: &'static str,
        message: bluehelm_domain::message::Message,
    ) -> Self {
        AppError::Invalid(FieldError::said(field, code, message).into())
    }

    /// The stable machine code clients may branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict { .. } => "conflict",
            AppError::LoginRefused(LoginRefused::BadCredentials) => "bad_credentials",
            AppError::LoginRefused(LoginRefused::Disabled) => "account_disabled",
            AppError::LoginRefused(LoginRefused::Locked { .. }) => "account_locked",
            AppError::LoginRefused(LoginRefused::Throttled) => "too_many_attempts",
            AppError::Internal(_) => "internal",
        }
    }

    /// The fields at fault, each with its code and message; empty when no field is.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid(invalid) => invalid.0.clone(),
            AppError::Conflict { field, message } => {
                vec![FieldError::said(
                    field.clone(),
                    "duplicate",
                    message.clone(),
                )]
            }
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
