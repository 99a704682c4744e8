//! Sign-in, sign-out, the language switch and the home page.

use askama::Template;
use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use bluehelm_domain::lang::Lang;
use serde::Deserialize;

use super::{visitor_csrf, Layout, SignedIn, Viewer, WebError, WithLayout};
use crate::auth::{
    client_address, is_secure, set_cookie, MaybeCaller, CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE,
};
use crate::error::ApiError;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::password::random_token;
use bluehelm_app::sessions::sign_in;
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/lang", post(switch_language))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    display_name: String,
    username: String,
    agency: String,
    roles: Vec<String>,
    agencies: i64,
    unread_notices: i64,
    my_steps: Vec<bluehelm_app::dossiers::WaitingView>,
    expiring_soon: Option<i64>,
    expiring_counted: i64,
    open_requests: Option<Vec<bluehelm_store::request::UnRequest>>,
    /// For administrators and auditors.
    health: Option<bluehelm_app::audit::SystemHealth>,
    /// How the tasks of the reader's agencies stand (of every agency, for a viewer).
    tasks: bluehelm_store::coordination::TaskSummary,
    today: time::Date,
    soon_days: i64,
}

pub async fn home(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/");
    let ctx = viewer.ctx();
    let bluehelm_app::accounts::Home {
        user: me,
        agency,
        agencies,
        my_steps,
        expiring_soon,
        open_requests,
    } = bluehelm_app::accounts::home(&ctx).await.in_layout(layout)?;
    let unread_notices = bluehelm_app::notices::unread_count(&ctx)
        .await
        .in_layout(layout)?;
    // Asked only of those who may read the trail, so the home page never writes a refusal.
    let health = if bluehelm_domain::policy::scope(
        &caller.principal,
        bluehelm_domain::policy::Action::Read,
        bluehelm_domain::policy::Resource::AuditTrail,
    )
    .is_ok()
    {
        Some(
            bluehelm_app::audit::system_health(&ctx)
                .await
                .in_layout(layout)?,
        )
    } else {
        None
    };
    let tasks = bluehelm_app::coordination::summary(&ctx)
        .await
        .in_layout(layout)?;
    let tr = layout().tr;
    let page = HomePage {
        health,
        tasks,
        unread_notices,
        my_steps,
        expiring_soon,
        expiring_counted: bluehelm_app::accounts::EXPIRING_COUNTED,
        open_requests,
        today: bluehelm_store::now().date(),
        soon_days: bluehelm_app::accounts::SOON_DAYS,
        display_name: me.display_name,
        username: me.username,
        agency: match tr.lang {
            Lang::Vi => agency.name_vi,
            Lang::En => agency.name_en,
        },
        roles: me.roles,
        agencies,
        layout: layout(),
    };
    super::render(&page, &[])
}

impl HomePage {
    fn task_figures(&self) -> [(&'static str, &'static str, i64); 4] {
        super::coordination::summary_figures(&self.tasks)
    }

    fn backup_old(&self) -> bluehelm_domain::message::Message {
        bluehelm_domain::message::Message::new("health.backup_old")
            .number("days", bluehelm_app::audit::BACKUP_DAYS)
    }

    fn check_outcome(
        &self,
        check: &bluehelm_app::audit::ChainCheck,
    ) -> bluehelm_domain::message::Message {
        match check.broken_at {
            None => bluehelm_domain::message::Message::new("health.intact")
                .number("entries", i64::try_from(check.entries).unwrap_or(i64::MAX)),
            Some(seq) => bluehelm_domain::message::Message::new("health.broken").number("seq", seq),
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    username: String,
    error: Option<String>,
}

/// The sign-in form. It sets the double-submit CSRF cookie its form echoes back.
pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    request_parts: axum::http::Extensions,
    caller: MaybeCaller,
) -> Result<Response, WebError> {
    if caller.0.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let (csrf, fresh) = match visitor_csrf(&headers) {
        Some(token) => (token, false),
        None => (random_token(), true),
    };
    let page = LoginPage {
        layout: Layout::anonymous(&headers, csrf.clone(), "/login"),
        username: String::new(),
        error: None,
    };
    let mut response = (StatusCode::OK, Html(page.render()?)).into_response();
    if fresh {
        let secure = is_secure(&state.config, &request_parts, &headers);
        if let Ok(value) = set_cookie(CSRF_COOKIE, &csrf, None, secure).parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    request_parts: axum::http::Extensions,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let address = client_address(&state.config, &request_parts, &headers);
    let signed_in = sign_in(
        &state.store,
        &state.limiter,
        state.config.session_limits(),
        &form.username,
        &form.password,
        address,
    )
    .await;
    match signed_in {
        Ok(session) => {
            let secure = is_secure(&state.config, &request_parts, &headers);
            let cookie = set_cookie(
                SESSION_COOKIE,
                &session.token,
                Some(state.config.session_absolute.whole_seconds()),
                secure,
            );
            let mut response = Redirect::to("/").into_response();
            if let Ok(value) = cookie.parse() {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            Ok(response)
        }
        Err(AppError::LoginRefused(refused)) => {
            let status = ApiError::from(AppError::LoginRefused(refused.clone())).status();
            let layout = Layout::anonymous(
                &headers,
                visitor_csrf(&headers).unwrap_or_default(),
                "/login",
            );
            let message = crate::error::login_refusal(&layout.tr, &refused);
            let page = LoginPage {
                layout,
                username: form.username,
                error: Some(message),
            };
            Ok((status, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    request_parts: axum::http::Extensions,
    SignedIn(caller): SignedIn,
) -> Result<Response, WebError> {
    if let Some(session) = &caller.session {
        bluehelm_app::sessions::sign_out(&state.store, session).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    let expired = set_cookie(
        SESSION_COOKIE,
        "",
        Some(0),
        is_secure(&state.config, &request_parts, &headers),
    );
    if let Ok(value) = expired.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Switches the language: remembered on the account when signed in, in a cookie always.
pub async fn switch_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    request_parts: axum::http::Extensions,
    caller: MaybeCaller,
    Form(form): Form<LanguageForm>,
) -> Result<Response, WebError> {
    let lang = Lang::parse(&form.lang).ok_or_else(|| {
        AppError::field("lang", "unknown_language", "validation.must_be_vi_or_en")
    })?;
    if let Some(caller) = &caller.0 {
        let ctx = state.ctx(caller);
        bluehelm_app::accounts::set_language(&ctx, lang).await?;
    }
    // Only paths on this site: an absolute URL here would make an open redirect.
    let back = if form.back.starts_with('/') && !form.back.starts_with("//") {
        form.back.as_str()
    } else {
        "/"
    };
    let mut response = Redirect::to(back).into_response();
    let cookie = set_cookie(
        LANG_COOKIE,
        lang.code(),
        Some(365 * 24 * 3600),
        is_secure(&state.config, &request_parts, &headers),
    );
    if let Ok(value) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}
