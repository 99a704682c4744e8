//! Who is calling: sign-in, sessions, API tokens, CSRF and sign-in throttling.
//!
//! [`resolve`] runs before every handler. It finds the principal from a bearer token
//! (programs) or the session cookie (browsers), ends idle or expired sessions, and refuses
//! any state-changing browser request whose CSRF token does not match the session's (or,
//! before sign-in, the double-submit cookie's). Handlers then take a [`Caller`].

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use bluehelm_app::sessions::live_session;
use bluehelm_app::AppError;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::policy::Principal;
use bluehelm_store::account::SessionInfo;

use crate::error::ApiError;
use crate::{AppState, ServerConfig};

pub const SESSION_COOKIE: &str = "bh_session";
pub const CSRF_COOKIE: &str = "bh_csrf";
pub const LANG_COOKIE: &str = "bh_lang";
/// What the last form did, shown once by the page it led to (post/redirect/get).
pub const FLASH_COOKIE: &str = "bh_flash";
/// A form's write went through.
pub const SAVED: &str = "flash.saved";
/// The outcomes a flash may name: catalogue keys, so the cookie carries no data.
pub const FLASHES: [&str; 1] = [SAVED];
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    /// Present for browser sessions; `None` for API tokens.
    pub session: Option<SessionInfo>,
    /// The outcome of the form that led here, to show once.
    pub flash: Option<&'static str>,
    /// The language the request asks for in `Accept-Language`, when it is one we speak.
    pub asked_lang: Option<Lang>,
}

impl Caller {
    /// The session's language (the user's choice), else the one the request asks for,
    /// else Vietnamese.
    pub fn lang(&self) -> Lang {
        self.session
            .as_ref()
            .map(|session| session.lang)
            .or(self.asked_lang)
            .unwrap_or_default()
    }
}

/// The caller if the request carries valid credentials; put in the request's extensions.
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<MaybeCaller>()
            .and_then(|caller| caller.0.clone())
            .ok_or(AppError::Unauthenticated.into())
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

/// Whether cookies are marked `Secure`: always when configured so, and when a trusted
/// proxy says it took the request over TLS (`X-Forwarded-Proto: https`); anyone else's
/// word for it is ignored, as for `X-Forwarded-For`.
pub fn is_secure(
    config: &ServerConfig,
    request_extensions: &axum::http::Extensions,
    headers: &HeaderMap,
) -> bool {
    config.secure_cookies
        || peer(request_extensions).is_some_and(|peer| {
            forwarded_https(
                peer,
                headers.get("x-forwarded-proto"),
                &config.trusted_proxies,
            )
        })
}

/// Whether `peer` is a trusted proxy that reports the request as HTTPS.
fn forwarded_https(
    peer: IpAddr,
    proto: Option<&axum::http::HeaderValue>,
    trusted: &[IpAddr],
) -> bool {
    trusted.contains(&peer) && proto.is_some_and(|proto| proto.as_bytes() == b"https")
}

fn peer(request_extensions: &axum::http::Extensions) -> Option<IpAddr> {
    request_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
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

pub fn client_address(
    config: &ServerConfig,
    request_extensions: &axum::http::Extensions,
    headers: &HeaderMap,
) -> Option<IpAddr> {
    let peer = peer(request_extensions)?;
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok());
    Some(forwarded_client(peer, forwarded, &config.trusted_proxies))
}

/// The client behind `peer`: the peer itself unless it is a trusted proxy, else the last
/// address of `X-Forwarded-For` that no trusted proxy added (each proxy appends the
/// address it was reached from, so entries to its left may be forged by the client).
fn forwarded_client<'a>(
    peer: IpAddr,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.flat_map(|value| value.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(address) => {
                client = address;
                if !trusted.contains(&address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// Resolves the caller and enforces CSRF (see the module comment): the request with its
/// [`MaybeCaller`], or the refusal. [`crate::app`] renders a refusal for the API or a page.
pub async fn resolve(state: &AppState, mut request: Request) -> Result<Request, ApiError> {
    let headers = request.headers();
    let asked_lang = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(bluehelm_app::i18n::from_accept_language);
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
            flash: None,
            asked_lang,
        });
    } else if let Some(token) = cookie(headers, SESSION_COOKIE) {
        if let Some(session) =
            live_session(&state.store, state.config.session_limits(), token).await?
        {
            session_csrf = Some(session.csrf_token.clone());
            let flash = cookie(headers, FLASH_COOKIE)
                .and_then(|key| FLASHES.iter().find(|known| **known == key).copied());
            caller = Some(Caller {
                principal: session.principal.clone(),
                session: Some(session),
                flash,
                asked_lang,
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
            .ok_or(ApiError::CsrfRejected)?;
        let (provided, rebuilt) = provided_csrf(request, state.config.max_body_bytes).await?;
        request = rebuilt;
        if !provided.is_some_and(|provided| constant_time_eq(&provided, &expected)) {
            return Err(ApiError::CsrfRejected);
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
) -> Result<(Option<String>, Request), ApiError> {
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
        return first_part_token(request, &content_type).await;
    }
    if !content_type.starts_with(b"application/x-www-form-urlencoded") {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    let token = form_urlencoded_value(&bytes, CSRF_FIELD);
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

/// The most of an upload read here: the token's part must come first and be small.
const FIRST_PART_LIMIT: usize = 8 * 1024;

/// The CSRF token of a file upload: the form's first field, `csrf_token` (a browser sends
/// the fields in the form's order). A file is too large to buffer here and a plain form
/// cannot set a header, so only the bytes up to the end of that first part are read; they
/// are put back in front of the rest of the body, which still streams to the handler.
async fn first_part_token(
    request: Request,
    content_type: &[u8],
) -> Result<(Option<String>, Request), ApiError> {
    use futures_util::StreamExt;
    let boundary = std::str::from_utf8(content_type)
        .ok()
        .and_then(|value| {
            value
                .split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
        })
        .map(|b| b.trim_matches('"').to_owned());
    let Some(boundary) = boundary else {
        return Ok((None, request));
    };
    let end_of_part = format!("\r\n--{boundary}");
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut read = Vec::new();
    let mut token = None;
    while read.len() < FIRST_PART_LIMIT {
        let Some(chunk) = stream.next().await else {
            break;
        };
        read.extend_from_slice(&chunk.map_err(|_| ApiError::PayloadTooLarge)?);
        if let Some(found) = first_field(&read, &boundary, &end_of_part) {
            token = found;
            break;
        }
    }
    let body = Body::from_stream(
        futures_util::stream::once(
            async move { Ok::<_, axum::Error>(axum::body::Bytes::from(read)) },
        )
        .chain(stream),
    );
    Ok((token, Request::from_parts(parts, body)))
}

/// `Some(token)` once the first part of `read` is complete: the token when that part is
/// the `csrf_token` field, `None` inside when it is another field.
fn first_field(read: &[u8], boundary: &str, end_of_part: &str) -> Option<Option<String>> {
    let text = String::from_utf8_lossy(read);
    let start = text.strip_prefix(&format!("--{boundary}\r\n"))?;
    let (headers, rest) = start.split_once("\r\n\r\n")?;
    let (value, _) = rest.split_once(end_of_part)?;
    let named_token = headers.lines().any(|line| {
        line.to_ascii_lowercase()
            .starts_with("content-disposition:")
            && line.contains(&format!("name=\"{CSRF_FIELD}\""))
    });
    Some(named_token.then(|| value.to_owned()))
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flash_is_said_in_both_languages() {
        use bluehelm_app::i18n::Tr;
        for key in FLASHES {
            for lang in [Lang::Vi, Lang::En] {
                assert_ne!(Tr::new(lang).t(key), key, "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn an_uploads_token_is_its_complete_first_field() {
        let end = "\r\n--b";
        let part = |name: &str, value: &str| {
            format!("--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n--b")
        };
        assert_eq!(
            first_field(part("csrf_token", "t0k3n").as_bytes(), "b", end),
            Some(Some("t0k3n".to_owned()))
        );
        assert_eq!(
            first_field(part("kind", "people").as_bytes(), "b", end),
            Some(None),
            "another field first: no token"
        );
        let cut = part("csrf_token", "t0k3n");
        assert_eq!(
            first_field(&cut.as_bytes()[..cut.len() - 6], "b", end),
            None,
            "not complete yet: read on"
        );
    }

    #[test]
    fn only_a_trusted_proxy_says_the_request_came_over_https() {
        let proxy: IpAddr = "10.0.0.1".parse().expect("address");
        let client: IpAddr = "203.0.113.7".parse().expect("address");
        let https = axum::http::HeaderValue::from_static("https");
        let http = axum::http::HeaderValue::from_static("http");
        assert!(forwarded_https(proxy, Some(&https), &[proxy]));
        assert!(!forwarded_https(proxy, Some(&http), &[proxy]));
        assert!(!forwarded_https(proxy, None, &[proxy]));
        assert!(!forwarded_https(client, Some(&https), &[proxy]));
        assert!(!forwarded_https(client, Some(&https), &[]));
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let proxy: IpAddr = [10, 0, 0, 1].into();
        let inner: IpAddr = [10, 0, 0, 2].into();
        let client: IpAddr = [203, 0, 113, 9].into();
        let forged = "198.51.100.1";
        let header = format!("{forged}, {client}, {inner}");
        // An untrusted peer is the client, whatever it forwards.
        assert_eq!(
            forwarded_client(client, [forged].into_iter(), &[proxy]),
            client
        );
        // Through two trusted proxies: the last address neither of them is.
        assert_eq!(
            forwarded_client(proxy, [header.as_str()].into_iter(), &[proxy, inner]),
            client
        );
        // Garbage stops the walk at the last good hop.
        assert_eq!(
            forwarded_client(proxy, ["nonsense"].into_iter(), &[proxy]),
            proxy
        );
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
