//! Who is calling: sign-in, sessions, API tokens, CSRF and sign-in throttling.
//!
//! [`resolve_caller`] runs before every handler. It finds the principal from a bearer token
//! (programs) or the session cookie (browsers), ends idle or expired sessions, and refuses
//! any state-changing browser request whose CSRF token does not match the session's (or,
//! before sign-in, the double-submit cookie's). Handlers then take a [`Caller`].

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::policy::Principal;
use bluehelm_domain::user::{LockoutRule, LoginRefused};
use bluehelm_store::account::SessionInfo;
use bluehelm_store::{now, Actor, Store};
use rand::RngCore;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::{AppState, ServerConfig};

pub const SESSION_COOKIE: &str = "bh_session";
pub const CSRF_COOKIE: &str = "bh_csrf";
pub const LANG_COOKIE: &str = "bh_lang";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A fresh random secret, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Hashes a password with Argon2id (the crate's default parameters: 19 MiB, 2 passes).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::internal(std::io::Error::other(error.to_string())))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Hashing costs tens of milliseconds of CPU: it runs off the async workers.
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(AppError::internal)?
}

/// A hash of a password nobody has, verified when the user does not exist so that a wrong
/// user name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

/// Sign-in attempts per client address in the current minute.
pub struct AddressLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl AddressLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt; `false` when the address has used up this minute's allowance.
    pub fn allow(&self, address: IpAddr, now: OffsetDateTime) -> bool {
        let minute = now.unix_timestamp() / 60;
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() > 10_000 {
            windows.retain(|_, (window, _)| *window == minute);
        }
        let entry = windows.entry(address).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}

/// The signed-in caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    /// Present for browser sessions; `None` for API tokens.
    pub session: Option<SessionInfo>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor::user(self.principal.user_id, self.principal.agency_id)
    }

    pub fn lang(&self) -> Lang {
        self.session
            .as_ref()
            .map(|session| session.lang)
            .unwrap_or_default()
    }
}

/// The caller if the request carries valid credentials; put in the request's extensions.
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<MaybeCaller>()
            .and_then(|caller| caller.0.clone())
            .ok_or(AppError::Unauthenticated)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeCaller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<MaybeCaller>()
            .cloned()
            .unwrap_or(MaybeCaller(None)))
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure behind TLS.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: Option<i64>, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_seconds {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

pub fn is_secure(config: &ServerConfig, headers: &HeaderMap) -> bool {
    config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|proto| proto.as_bytes() == b"https")
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub fn client_address(request_extensions: &axum::http::Extensions) -> Option<IpAddr> {
    request_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

/// Resolves the caller and enforces CSRF; see the module comment.
pub async fn resolve_caller(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    match resolve(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(error) if is_api => error.into_response(),
        Err(error) => crate::web::WebError::from(error).into_response(),
    }
}

async fn resolve(state: &AppState, mut request: Request) -> Result<Request, AppError> {
    let headers = request.headers();
    let mut caller = None;
    let mut session_csrf = None;
    if let Some(token) = bearer(headers) {
        let principal = state
            .store
            .principal_for_token(token)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        caller = Some(Caller {
            principal,
            session: None,
        });
    } else if let Some(token) = cookie(headers, SESSION_COOKIE) {
        if let Some(session) = live_session(&state.store, &state.config, token).await? {
            session_csrf = Some(session.csrf_token.clone());
            caller = Some(Caller {
                principal: session.principal.clone(),
                session: Some(session),
            });
        }
    }
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let uses_cookies = caller
        .as_ref()
        .is_none_or(|caller| caller.session.is_some());
    if unsafe_method && uses_cookies {
        let expected = session_csrf
            .or_else(|| cookie(request.headers(), CSRF_COOKIE).map(str::to_owned))
            .ok_or(AppError::CsrfRejected)?;
        let (provided, rebuilt) = provided_csrf(request, state.config.max_body_bytes).await?;
        request = rebuilt;
        if !provided.is_some_and(|provided| constant_time_eq(&provided, &expected)) {
            return Err(AppError::CsrfRejected);
        }
    }
    request.extensions_mut().insert(MaybeCaller(caller));
    Ok(request)
}

/// The CSRF token from the header, or from the `csrf_token` field of a form body (which is
/// then put back so the handler can read the form).
async fn provided_csrf(
    request: Request,
    limit: usize,
) -> Result<(Option<String>, Request), AppError> {
    if let Some(value) = request.headers().get(CSRF_HEADER) {
        let value = value.to_str().ok().map(str::to_owned);
        return Ok((value, request));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.as_bytes().to_vec())
        .unwrap_or_default();
    if content_type.starts_with(b"multipart/form-data") {
        // A file upload is too large to buffer here and a plain form cannot set a header,
        // so its form carries the token in its action's query string.
        let token = request
            .uri()
            .query()
            .and_then(|query| form_urlencoded_value(query.as_bytes(), CSRF_FIELD));
        return Ok((token, request));
    }
    if !content_type.starts_with(b"application/x-www-form-urlencoded") {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let token = form_urlencoded_value(&bytes, CSRF_FIELD);
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Loads a session and applies the idle and absolute limits; marks it used at most once a
/// minute, so that a busy user does not turn every read into a write.
async fn live_session(
    store: &Store,
    config: &ServerConfig,
    token: &str,
) -> Result<Option<SessionInfo>, AppError> {
    let Some(session) = store.session(token).await? else {
        return Ok(None);
    };
    let now = now();
    let idle_expired = session.last_seen_at + config.session_idle <= now;
    let too_old = session.created_at + config.session_absolute <= now;
    if idle_expired || too_old {
        store.delete_session(session.id).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > time::Duration::minutes(1) {
        store.touch_session(session.id).await?;
    }
    Ok(Some(session))
}

/// A new session: its secret for the cookie and its CSRF token.
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

/// Checks a sign-in and opens a session. Every outcome is audited; the refusal names the
/// reason the user can act on without telling a wrong user name from a wrong password.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<NewSession, AppError> {
    let store = &state.store;
    let now = now();
    if let Some(address) = address {
        if !state.limiter.allow(address, now) {
            store
                .record_event(
                    Actor::SYSTEM,
                    AuditAction::LoginFailed,
                    "user",
                    None,
                    Some(serde_json::json!({ "username": username, "reason": "throttled" })),
                )
                .await?;
            return Err(LoginRefused::Throttled.into());
        }
    }
    let credentials = match store.credentials(username.trim()).await {
        Ok(credentials) => credentials,
        Err(bluehelm_store::StoreError::NotFound) => {
            let password = password.to_owned();
            let _ =
                tokio::task::spawn_blocking(move || verify_password(&password, dummy_hash())).await;
            store
                .record_event(
                    Actor::SYSTEM,
                    AuditAction::LoginFailed,
                    "user",
                    None,
                    Some(serde_json::json!({ "username": username, "reason": "unknown_user" })),
                )
                .await?;
            return Err(LoginRefused::BadCredentials.into());
        }
        Err(other) => return Err(other.into()),
    };
    let actor = Actor::user(credentials.id, credentials.agency_id);
    let failure = |reason: &'static str| Some(serde_json::json!({ "reason": reason }));
    if let Some(until) = credentials.locked_until.filter(|until| *until > now) {
        store
            .record_event(
                actor,
                AuditAction::LoginFailed,
                "user",
                Some(credentials.id.to_string()),
                failure("locked"),
            )
            .await?;
        return Err(LoginRefused::Locked {
            until: format_minute(until),
        }
        .into());
    }
    let hash = credentials.password_hash.clone();
    let attempt = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&attempt, &hash))
        .await
        .map_err(AppError::internal)?;
    if !matches {
        let rule = LockoutRule::default();
        let locked_until = rule.locked_until(credentials.failed_logins + 1, now);
        let mut tx = store.begin_write(actor).await?;
        tx.record_login_failure(credentials.id, locked_until)
            .await?;
        tx.audit(
            AuditAction::LoginFailed,
            "user",
            Some(credentials.id.to_string()),
            None::<&()>,
            failure("wrong_password").as_ref(),
        )
        .await?;
        tx.commit().await?;
        return Err(match locked_until {
            Some(until) => LoginRefused::Locked {
                until: format_minute(until),
            },
            None => LoginRefused::BadCredentials,
        }
        .into());
    }
    if credentials.disabled {
        store
            .record_event(
                actor,
                AuditAction::LoginFailed,
                "user",
                Some(credentials.id.to_string()),
                failure("disabled"),
            )
            .await?;
        return Err(LoginRefused::Disabled.into());
    }
    let session = NewSession {
        token: random_token(),
        csrf_token: random_token(),
    };
    let mut tx = store.begin_write(actor).await?;
    tx.open_session(
        credentials.id,
        &session.token,
        &session.csrf_token,
        now + state.config.session_absolute,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

fn format_minute(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    at.format(&format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
    }

    #[test]
    fn the_limiter_allows_a_budget_per_minute() {
        let limiter = AddressLimiter::new(2);
        let address: IpAddr = [127, 0, 0, 1].into();
        let start = OffsetDateTime::UNIX_EPOCH;
        assert!(limiter.allow(address, start));
        assert!(limiter.allow(address, start));
        assert!(!limiter.allow(address, start));
        assert!(limiter.allow(address, start + time::Duration::minutes(1)));
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "bh_session_old=x; bh_session=abc; other=1"
                .parse()
                .expect("header"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
