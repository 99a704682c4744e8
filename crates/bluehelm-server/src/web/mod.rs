//! The web pages: server-rendered HTML, one askama template per page, no script needed.
//!
//! Every visible text comes from the message catalogues through `Tr::t`. Forms post back
//! with the session's CSRF token (checked centrally in [`crate::auth`]); after a successful
//! write the page redirects (post/redirect/get), after a refused one it renders the form
//! again with the errors beside their fields.

mod admin;
mod catalogue;
mod coordination;
mod deployments;
mod dossiers;
mod files;
mod form;
mod inspections;
mod lawmaking;
mod legal;
mod missions;
mod outreach;
mod pages;
mod people;
mod planning;
mod procedures;
mod requests;
mod requirements;
mod training;
mod units;

use askama::Template;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::policy::{self, Action, Resource, Scope};
use bluehelm_domain::FieldError;

use crate::auth::{cookie, Caller, CSRF_COOKIE, LANG_COOKIE};
use crate::error::ApiError;
use crate::AppState;
use bluehelm_app::i18n::{from_accept_language, Tr};
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/app.css", get(stylesheet))
        .route("/static/world.svg", get(world_map))
        .route("/static/app.js", get(script))
        .merge(pages::router())
        .merge(missions::router())
        .merge(legal::router())
        .merge(lawmaking::router())
        .merge(coordination::router())
        .merge(inspections::router())
        .merge(outreach::router())
        .merge(procedures::router())
        .merge(requests::router())
        .merge(dossiers::router())
        .merge(deployments::router())
        .merge(units::router())
        .merge(planning::router())
        .merge(admin::router())
        .merge(catalogue::router())
        .merge(people::router())
        .merge(training::router())
        .merge(files::router())
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../templates/app.css"),
    )
        .into_response()
}

/// The one script: progressive enhancement only, every page works without it.
async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../templates/app.js"),
    )
        .into_response()
}

/// The world's land outline (Natural Earth, 1:110m, public domain) for the offline map.
async fn world_map() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../templates/world.svg"),
    )
        .into_response()
}

/// The signed-in caller of a page; anyone else is sent to the sign-in page.
pub struct SignedIn(pub Caller);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        Caller::from_request_parts(parts, state)
            .await
            .map(SignedIn)
            .map_err(WebError::from)
    }
}

/// The signed-in caller of a page with the store their use cases run against: the web's
/// counterpart of the API's [`crate::acting::Acting`]. Anyone not signed in is sent to the
/// sign-in page.
pub struct Viewer {
    pub caller: Caller,
    store: bluehelm_store::Store,
}

impl Viewer {
    /// The context the application's use cases take: the caller's rights over the store.
    pub fn ctx(&self) -> bluehelm_app::Ctx<'_> {
        bluehelm_app::Ctx::new(&self.store, &self.caller.principal)
    }
}

impl axum::extract::FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn(caller) = SignedIn::from_request_parts(parts, state).await?;
        Ok(Self {
            caller,
            store: state.store.clone(),
        })
    }
}

/// What every page's frame needs: the language, who is signed in, the CSRF token and which
/// sections of the navigation the caller may open.
pub struct Layout {
    pub tr: Tr,
    pub user_name: Option<String>,
    /// The outcome of the form that led here, in the reader's language.
    pub flash: Option<&'static str>,
    pub csrf: String,
    pub current_path: String,
    /// The page answers a refused form: the browser is told to show the page's own
    /// address, so that a reload opens the page instead of sending the form again.
    pub refused: bool,
    pub show_users: bool,
    pub show_audit: bool,
    pub show_agencies: bool,
    pub show_people: bool,
    pub show_training: bool,
    pub show_catalogues: bool,
    pub show_dossiers: bool,
    pub show_deployments: bool,
    pub show_tasks: bool,
    pub show_inspections: bool,
}

impl Layout {
    pub fn for_caller(caller: &Caller, current_path: &str) -> Self {
        let principal = &caller.principal;
        let show_users = matches!(
            policy::scope(principal, Action::Read, Resource::User),
            Ok(Scope::All | Scope::Subtree(_))
        );
        let tr = Tr::new(caller.lang());
        Self {
            flash: caller.flash.map(|key| tr.t(key)),
            tr,
            user_name: caller
                .session
                .as_ref()
                .map(|session| session.display_name.clone()),
            csrf: caller
                .session
                .as_ref()
                .map(|session| session.csrf_token.clone())
                .unwrap_or_default(),
            current_path: current_path.to_owned(),
            refused: form::REFUSED.try_with(|refused| *refused).unwrap_or(false),
            show_users,
            show_audit: policy::scope(principal, Action::Read, Resource::AuditTrail).is_ok(),
            show_agencies: policy::scope(principal, Action::Read, Resource::Agency).is_ok(),
            show_people: policy::scope(principal, Action::Read, Resource::Person).is_ok(),
            show_training: policy::scope(principal, Action::Read, Resource::Training).is_ok(),
            show_catalogues: policy::scope(principal, Action::Update, Resource::Catalogue).is_ok(),
            show_dossiers: policy::scope(principal, Action::Read, Resource::Dossier).is_ok(),
            show_deployments: policy::scope(principal, Action::Read, Resource::Deployment).is_ok(),
            show_tasks: policy::scope(principal, Action::Read, Resource::Task).is_ok(),
            show_inspections: policy::scope(principal, Action::Read, Resource::Inspection).is_ok(),
        }
    }

    /// The frame for a visitor who has not signed in.
    pub fn anonymous(headers: &HeaderMap, csrf: String, current_path: &str) -> Self {
        Self::bare(visitor_language(headers), csrf, current_path)
    }

    fn bare(lang: Lang, csrf: String, current_path: &str) -> Self {
        Self {
            tr: Tr::new(lang),
            user_name: None,
            flash: None,
            csrf,
            current_path: current_path.to_owned(),
            refused: form::REFUSED.try_with(|refused| *refused).unwrap_or(false),
            show_users: false,
            show_audit: false,
            show_agencies: false,
            show_people: false,
            show_training: false,
            show_catalogues: false,
            show_dossiers: false,
            show_deployments: false,
            show_tasks: false,
            show_inspections: false,
        }
    }

    pub fn other_lang(&self) -> &'static str {
        match self.tr.lang {
            Lang::Vi => "en",
            Lang::En => "vi",
        }
    }
}

/// A visitor's language: the cookie they chose, else their browser's, else Vietnamese.
pub fn visitor_language(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or_default()
}

/// The CSRF token for forms shown before sign-in (double-submit cookie).
pub fn visitor_csrf(headers: &HeaderMap) -> Option<String> {
    cookie(headers, CSRF_COOKIE).map(str::to_owned)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    title_key: &'static str,
    detail: String,
}

/// An error shown as a page: sign-in for the unauthenticated, a message otherwise.
pub struct WebError {
    error: ApiError,
    layout: Option<Box<Layout>>,
}

impl<E: Into<ApiError>> From<E> for WebError {
    fn from(error: E) -> Self {
        Self {
            error: error.into(),
            layout: None,
        }
    }
}

impl From<askama::Error> for ApiError {
    fn from(error: askama::Error) -> Self {
        AppError::internal(error).into()
    }
}

pub trait WithLayout<T> {
    fn in_layout(self, layout: impl FnOnce() -> Layout) -> Result<T, WebError>;
}

impl<T, E: Into<ApiError>> WithLayout<T> for Result<T, E> {
    fn in_layout(self, layout: impl FnOnce() -> Layout) -> Result<T, WebError> {
        self.map_err(|error| WebError {
            error: error.into(),
            layout: Some(Box::new(layout())),
        })
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if self.error.is_unauthenticated() {
            return Redirect::to("/login").into_response();
        }
        let status = self.error.status();
        let title_key = match self.error.code() {
            "forbidden" => "error.forbidden",
            "not_found" => "error.not_found",
            "csrf_rejected" => "error.csrf",
            "invalid" | "conflict" => "error.invalid",
            "internal" => "error.internal",
            _ => "error.bad_request",
        };
        let layout = self.layout.map_or_else(
            || Layout::bare(Lang::default(), String::new(), "/"),
            |layout| *layout,
        );
        let detail = self.error.public_message(layout.tr.lang);
        let page = ErrorPage {
            detail,
            layout,
            status: status.as_u16(),
            title_key,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => status.into_response(),
        }
    }
}

/// Renders a page, or a form again with its errors (422) when `errors` is not empty.
pub fn render(page: &impl Template, errors: &[FieldError]) -> Result<Response, WebError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The field errors of a refused form, their messages in the reader's language, or the
/// error itself when it is not about fields.
pub fn form_errors(error: AppError, lang: Lang) -> Result<Vec<FieldError>, AppError> {
    let errors = error.field_errors();
    if errors.is_empty() {
        return Err(error);
    }
    let tr = Tr::new(lang);
    Ok(errors
        .into_iter()
        .map(|error| FieldError {
            message: tr.field_message(&error),
            ..error
        })
        .collect())
}

/// The message for `field` among a form's errors, for the template.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| error.message.clone())
}
