//! Settings of the HTTP server, with safe defaults.

use bluehelm_app::sessions::SessionLimits;
use time::Duration;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute: Duration,
    /// Mark cookies `Secure`. Also set per request when a trusted proxy reports
    /// `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// Request bodies above this size are refused with 413.
    pub max_body_bytes: usize,
    /// Sign-in attempts allowed per client address per minute.
    pub login_attempts_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client and whose
    /// `X-Forwarded-Proto` says how it came. A request from any other peer is judged by the
    /// peer's own address and connection, whatever it claims.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            login_attempts_per_minute: 20,
            trusted_proxies: Vec::new(),
        }
    }
}

impl ServerConfig {
    pub fn session_limits(&self) -> SessionLimits {
        SessionLimits {
            idle: self.session_idle,
            absolute: self.session_absolute,
        }
    }
}
