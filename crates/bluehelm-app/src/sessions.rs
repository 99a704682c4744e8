//! Sign-in and browser sessions: checking a password, opening, keeping and ending sessions,
//! and throttling sign-in per client address. The cookies and the CSRF check that carry a
//! session over HTTP belong to the server.

use std::net::IpAddr;

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

/// Sign-in attempts per client address in the current minute, counted in the database so
/// that every server of one database shares the allowance.
pub struct AddressLimiter {
    per_minute: u32,
}

impl AddressLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self { per_minute }
    }

    /// Counts one attempt; `false` when the address has used up this minute's allowance.
    pub async fn allow(
        &self,
        store: &Store,
        address: IpAddr,
        now: OffsetDateTime,
    ) -> Result<bool, AppError> {
        let attempts = store
            .count_sign_in_attempt(&address.to_string(), now.unix_timestamp() / 60)
            .await?;
        Ok(attempts <= i64::from(self.per_minute))
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
        if !limiter.allow(store, address, now).await? {
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
    // Failures are counted per user name and address, for names that are accounts and
    // names that are not alike: the answers never tell which accounts exist, and guessing
    // from one address locks nobody out elsewhere.
    let name = username.trim().to_lowercase();
    let from = address.map_or_else(String::new, |address| address.to_string());
    let account = match store.credentials(username.trim()).await {
        Ok(credentials) => Some(credentials),
        Err(bluehelm_store::StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let actor = account.as_ref().map_or(Actor::SYSTEM, |credentials| {
        Actor::user(credentials.id, credentials.agency_id)
    });
    let account_id = account
        .as_ref()
        .map(|credentials| credentials.id.to_string());
    let refuse = |reason: &'static str| {
        let detail = match &account {
            Some(_) => serde_json::json!({ "reason": reason }),
            None => serde_json::json!({ "username": username, "reason": reason }),
        };
        store.record_event(
            actor,
            AuditAction::LoginFailed,
            "user",
            account_id.clone(),
            Some(detail),
        )
    };
    if let Some(until) = store
        .sign_in_lock(&name, &from)
        .await?
        .filter(|until| *until > now)
    {
        refuse("locked").await?;
        return Err(LoginRefused::Locked {
            until: format_minute(until),
        }
        .into());
    }
    let hash = account.as_ref().map_or(dummy_hash(), |credentials| {
        credentials.password_hash.as_str()
    });
    let matches = verify_password_blocking(password.to_owned(), hash.to_owned()).await?;
    let Some(credentials) = account.as_ref().filter(|_| matches) else {
        let rule = LockoutRule::default();
        let locked = store
            .record_sign_in_failure(&name, &from, rule.max_failures, now + rule.lock_for)
            .await?;
        refuse(if account.is_some() {
            "wrong_password"
        } else {
            "unknown_user"
        })
        .await?;
        return Err(match locked {
            Some(until) => LoginRefused::Locked {
                until: format_minute(until),
            },
            None => LoginRefused::BadCredentials,
        }
        .into());
    };
    if credentials.disabled {
        refuse("disabled").await?;
        return Err(LoginRefused::Disabled.into());
    }
    store.clear_sign_in_failures(&name, &from).await?;
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
