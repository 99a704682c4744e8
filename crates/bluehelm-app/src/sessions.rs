//! Sign-in and browser sessions: checking a password, opening, keeping and ending sessions,
//! and throttling sign-in per client address. The cookies and the CSRF check that carry a
//! session over HTTP belong to the server.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::user::{LockoutRule, LoginRefused};
use bluehelm_store::account::SessionInfo;
use bluehelm_store::{now, Actor, Store};
use time::{Duration, OffsetDateTime};

use crate::password::{dummy_hash, random_token, verify_password_blocking};
use crate::AppError;

/// How long a session lives: since it was last used, and at most since it was opened.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: Duration,
    pub absolute: Duration,
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

/// A new session: its secret for the cookie and its CSRF token.
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

/// Loads a session and applies the idle and absolute limits; an expired session is ended
/// (and audited) in one write. Marks it used at most once a minute, so that a busy user
/// does not turn every read into a write.
pub async fn live_session(
    store: &Store,
    limits: SessionLimits,
    token: &str,
) -> Result<Option<SessionInfo>, AppError> {
    let Some(session) = store.session(token).await? else {
        return Ok(None);
    };
    let now = now();
    let idle_expired = session.last_seen_at + limits.idle <= now;
    let too_old = session.created_at + limits.absolute <= now;
    if idle_expired || too_old {
        let actor = Actor::user(session.principal.user_id, session.principal.agency_id);
        let mut tx = store.begin_write(actor).await?;
        tx.end_session(&session, "expired").await?;
        tx.commit().await?;
        return Ok(None);
    }
    if now - session.last_seen_at > Duration::minutes(1) {
        store.touch_session(session.id).await?;
    }
    Ok(Some(session))
}

/// Ends the caller's session and audits it, in one write.
pub async fn sign_out(store: &Store, session: &SessionInfo) -> Result<(), AppError> {
    let actor = Actor::user(session.principal.user_id, session.principal.agency_id);
    let mut tx = store.begin_write(actor).await?;
    tx.end_session(session, "signed_out").await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a sign-in and opens a session. Every outcome is audited; the refusal names the
/// reason the user can act on without telling a wrong user name from a wrong password.
pub async fn sign_in(
    store: &Store,
    limiter: &AddressLimiter,
    limits: SessionLimits,
    username: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<NewSession, AppError> {
    let now = now();
    if let Some(address) = address {
        if !limiter.allow(address, now) {
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
            let _ = verify_password_blocking(password.to_owned(), dummy_hash().to_owned()).await;
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
    let matches =
        verify_password_blocking(password.to_owned(), credentials.password_hash.clone()).await?;
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
        now + limits.absolute,
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
    fn the_limiter_allows_a_budget_per_minute() {
        let limiter = AddressLimiter::new(2);
        let address: IpAddr = [127, 0, 0, 1].into();
        let start = OffsetDateTime::UNIX_EPOCH;
        assert!(limiter.allow(address, start));
        assert!(limiter.allow(address, start));
        assert!(!limiter.allow(address, start));
        assert!(limiter.allow(address, start + Duration::minutes(1)));
    }
}
