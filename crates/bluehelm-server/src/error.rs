//! How an outcome is said over HTTP. [`ApiError`] is a use case's [`AppError`] or one of the
//! refusals only HTTP has (a bad CSRF token, an unreadable body, a body too large); its
//! JSON form is `application/problem+json` (RFC 9457) with a stable `code`, and internals
//! never leak.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bluehelm_app::i18n::Tr;
use bluehelm_app::AppError;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::message::Message;
use bluehelm_domain::policy::{self, Denied};
use bluehelm_domain::user::LoginRefused;
use bluehelm_domain::{FieldError, Invalid};
use bluehelm_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("the form has expired; reload the page and try again")]
    CsrfRejected,
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
}

macro_rules! through_app_error {
    ($($source:ty),*) => {
        $(impl From<$source> for ApiError {
            fn from(error: $source) -> Self {
                ApiError::App(error.into())
            }
        })*
    };
}
through_app_error!(StoreError, Denied, Invalid, FieldError, LoginRefused);

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::App(error) => match error {
                AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
                AppError::Forbidden(_) => StatusCode::FORBIDDEN,
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Conflict { .. } => StatusCode::CONFLICT,
                AppError::LoginRefused(LoginRefused::Throttled) => StatusCode::TOO_MANY_REQUESTS,
                AppError::LoginRefused(_) => StatusCode::UNAUTHORIZED,
                AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::CsrfRejected => StatusCode::FORBIDDEN,
            ApiError::Rejected { status, .. } => *status,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }

    /// The stable machine code clients may branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::App(error) => error.code(),
            ApiError::CsrfRejected => "csrf_rejected",
            ApiError::Rejected { code, .. } => code,
            ApiError::PayloadTooLarge => "payload_too_large",
        }
    }

    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::App(error) => error.field_errors(),
            ApiError::Rejected {
                field: Some(field),
                code,
                message,
                ..
            } => vec![FieldError::new(field.clone(), code, message.clone())],
            _ => Vec::new(),
        }
    }

    /// The sentence shown to people, in `lang`; internal causes are logged, not shown.
    pub fn public_message(&self, lang: Lang) -> String {
        let tr = Tr::new(lang);
        match self {
            ApiError::App(AppError::Invalid(invalid)) => format!(
                "{}: {}",
                tr.t("error.invalid"),
                invalid
                    .0
                    .iter()
                    .map(|error| format!("{}: {}", error.field, tr.field_message(error)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            // A refusal says who may, so the reader knows whom to ask.
            ApiError::App(AppError::Forbidden(denied)) => {
                let roles = policy::roles_that_may(denied.action, denied.resource);
                if roles.is_empty() {
                    tr.t("error.forbidden_nobody").to_owned()
                } else {
                    tr.render(Message::new("error.forbidden_who").terms(
                        "roles",
                        "role",
                        roles.iter().map(|role| role.as_str().to_owned()).collect(),
                    ))
                }
            }
            ApiError::App(AppError::Unauthenticated) => {
                tr.t("error.unauthenticated_detail").to_owned()
            }
            ApiError::App(AppError::NotFound) => tr.t("error.not_found_detail").to_owned(),
            ApiError::App(AppError::Conflict { message, .. }) => tr.render(message),
            ApiError::App(AppError::LoginRefused(refused)) => login_refusal(&tr, refused),
            ApiError::App(error @ AppError::Internal(_)) => {
                // Logs the cause; only the catalogue's sentence is shown.
                error.public_message();
                tr.t("error.internal_detail").to_owned()
            }
            ApiError::CsrfRejected => tr.t("error.csrf_detail").to_owned(),
            ApiError::PayloadTooLarge => tr.t("error.too_large_detail").to_owned(),
            ApiError::Rejected { message, .. } => {
                format!("{}: {message}", tr.t("error.bad_request"))
            }
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiError::App(AppError::Unauthenticated))
    }
}

/// Why a sign-in was refused, in `tr`'s language.
pub fn login_refusal(tr: &Tr, refused: &LoginRefused) -> String {
    match refused {
        LoginRefused::BadCredentials => tr.t("login.bad_credentials").to_owned(),
        LoginRefused::Disabled => tr.t("login.disabled").to_owned(),
        LoginRefused::Locked { until } => format!("{} {until} UTC.", tr.t("login.locked")),
        LoginRefused::Throttled => tr.t("login.throttled").to_owned(),
    }
}

tokio::task_local! {
    /// The language a problem is answered in: the session's, else the one the request's
    /// `Accept-Language` asks for, else English. Set around every request by the caller's
    /// resolution.
    pub static ANSWER_LANG: Lang;
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
    /// What explains the error, each as a message code with its parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<bluehelm_domain::message::Message>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let lang = ANSWER_LANG.try_with(|lang| *lang).unwrap_or(Lang::En);
        let tr = Tr::new(lang);
        let status = self.status();
        let problem = Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: self.code().to_owned(),
            detail: self.public_message(lang),
            errors: self
                .field_errors()
                .into_iter()
                .map(|error| ProblemField {
                    message: tr.field_message(&error),
                    field: error.field,
                    code: error.code.to_owned(),
                    reasons: error.reasons,
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
