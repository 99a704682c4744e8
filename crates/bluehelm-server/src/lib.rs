//! Bluehelm's HTTP adapters: the JSON API under `/api/v1`, the server-rendered web pages,
//! sign-in and sessions, metrics and health.
//!
//! A request flows: [`metrics`] layer → [`auth::resolve`] (bearer token or session
//! cookie, CSRF check for writes) → an API or web handler → a use case of `bluehelm_app`, which
//! asks the domain policy, calls the store and returns domain values → the handler renders
//! JSON or HTML. Handlers hold no rules and never call the store.

pub mod acting;
pub mod api;
pub mod auth;
pub mod config;
pub mod download;
pub mod error;
pub mod metrics;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use bluehelm_store::Store;

pub use config::ServerConfig;

/// Everything a handler may need, shared by all requests.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<ServerConfig>,
    pub metrics: Arc<metrics::Metrics>,
    pub limiter: Arc<bluehelm_app::sessions::AddressLimiter>,
}

impl AppState {
    pub fn new(store: Store, config: ServerConfig) -> Self {
        Self {
            store,
            limiter: Arc::new(bluehelm_app::sessions::AddressLimiter::new(
                config.login_attempts_per_minute,
            )),
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
        }
    }
}

impl AppState {
    /// The use cases' context for a caller the handler resolved itself (the language switch,
    /// open to visitors); pages get theirs from `web::Viewer`, the API from `acting::Acting`.
    pub fn ctx<'a>(&'a self, caller: &'a auth::Caller) -> bluehelm_app::Ctx<'a> {
        bluehelm_app::Ctx::new(&self.store, &caller.principal)
    }
}

/// The whole application as one router.
pub fn app(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", api::router())
        .merge(web::router())
        .route("/healthz", get(health))
        .route("/metrics", get(metrics::render))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            resolve_caller,
        ))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(axum::middleware::map_response(protective_headers))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state)
}

/// What every answer tells the browser: run and load nothing from elsewhere (the pages
/// need no inline script or style), never inside a frame, never guess a content type.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async fn protective_headers(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    response
}

/// Runs [`auth::resolve`] before every handler; a refusal is a problem for the API and a
/// page (or the sign-in page) for the web.
async fn resolve_caller(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let is_api = request.uri().path().starts_with("/api/");
    let flash_shown = auth::cookie(request.headers(), auth::FLASH_COOKIE).is_some();
    let asked = request
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(bluehelm_app::i18n::from_accept_language);
    let english = bluehelm_domain::lang::Lang::En;
    match auth::resolve(&state, request).await {
        Ok(request) => {
            let answer_lang = request
                .extensions()
                .get::<auth::MaybeCaller>()
                .and_then(|found| found.0.as_ref())
                .and_then(|caller| {
                    caller
                        .session
                        .as_ref()
                        .map(|session| session.lang)
                        .or(caller.asked_lang)
                })
                .or(asked)
                .unwrap_or(english);
            let mut response = error::ANSWER_LANG
                .scope(answer_lang, next.run(request))
                .await;
            // A page shows the flash once: any answer but a redirect consumes it.
            if flash_shown && !response.status().is_redirection() {
                let expired = auth::set_cookie(auth::FLASH_COOKIE, "", Some(0), false);
                if let Ok(value) = expired.parse() {
                    response
                        .headers_mut()
                        .append(axum::http::header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(error) if is_api => {
            error::ANSWER_LANG.sync_scope(asked.unwrap_or(english), || error.into_response())
        }
        Err(error) => web::WebError::from(error).into_response(),
    }
}

async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(error = %error, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n",
            )
                .into_response()
        }
    }
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
