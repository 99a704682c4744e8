//! User accounts: names, roles, passwords and the lock-out rule.

use std::collections::BTreeSet;

use time::{Duration, OffsetDateTime};

use crate::role::Role;
use crate::validation::{text, Checker, FieldError, Invalid};

/// A login name: 3 to 64 lower-case letters, digits, dots, dashes or underscores.
pub fn parse_username(value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    let valid = (3..=64).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if valid {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(
            "username",
            "invalid_username",
            "validation.must_be_3_to_64_lower_case",
        ))
    }
}

pub const MIN_PASSWORD_CHARS: usize = 12;

/// A password long enough to resist guessing; length beats composition rules.
pub fn check_password(value: &str) -> Result<(), FieldError> {
    let chars = value.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(FieldError::said(
            "password",
            "too_short",
            crate::message::Message::new("validation.at_least_characters")
                .number("least", MIN_PASSWORD_CHARS as i64),
        ))
    } else if chars > 256 {
        Err(FieldError::new(
            "password",
            "too_long",
            "validation.must_be_at_most_256_characters",
        ))
    } else {
        Ok(())
    }
}

pub fn parse_email(value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let valid = value.len() <= 254
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(Some(value.to_owned()))
    } else {
        Err(FieldError::new(
            "email",
            "invalid_email",
            "validation.is_not_an_e_mail_address",
        ))
    }
}

pub fn parse_roles<'a>(
    values: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeSet<Role>, FieldError> {
    let mut roles = BTreeSet::new();
    for value in values {
        let role = Role::parse(value.trim()).ok_or_else(|| {
            FieldError::new("roles", "unknown_role", format!("“{value}” is not a role"))
        })?;
        roles.insert(role);
    }
    if roles.is_empty() {
        return Err(FieldError::new(
            "roles",
            "required",
            "validation.must_name_at_least_one_role",
        ));
    }
    Ok(roles)
}

/// A new account, validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub agency_id: i64,
    pub roles: BTreeSet<Role>,
}

impl NewUser {
    pub fn parse<'a>(
        username: &str,
        display_name: &str,
        email: &str,
        agency_id: i64,
        roles: impl IntoIterator<Item = &'a str>,
        password: &str,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let username = checker.check(parse_username(username));
        let display_name = checker.check(text("display_name", display_name, 200));
        let email = checker.check(parse_email(email));
        let roles = checker.check(parse_roles(roles));
        checker.check(check_password(password));
        checker.finish()?;
        match (username, display_name, email, roles) {
            (Some(username), Some(display_name), Some(email), Some(roles)) => Ok(Self {
                username,
                display_name,
                email,
                agency_id,
                roles,
            }),
            _ => Err(Invalid::one(
                "username",
                "invalid",
                "validation.invalid_user",
            )),
        }
    }
}

/// How many failed logins in a row lock an account, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct LockoutRule {
    pub max_failures: i64,
    pub lock_for: Duration,
}

impl Default for LockoutRule {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: Duration::minutes(15),
        }
    }
}

impl LockoutRule {
    /// The time until which the account stays locked after `failures` failed attempts.
    pub fn locked_until(&self, failures: i64, now: OffsetDateTime) -> Option<OffsetDateTime> {
        (failures >= self.max_failures).then(|| now + self.lock_for)
    }
}

/// Why a sign-in was refused, with the message the user sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefused {
    /// Unknown user or wrong password: the two are never told apart.
    #[error("wrong user name or password")]
    BadCredentials,
    #[error("this account is disabled; ask an administrator")]
    Disabled,
    #[error(
        "too many failed sign-ins with this user name from here; it is locked until {until} UTC"
    )]
    Locked { until: String },
    #[error("too many attempts from this address; try again in a minute")]
    Throttled,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_plain_lower_case() {
        assert!(parse_username("nguyen.van.an").is_ok());
        for bad in ["ab", "Nguyen", "an an", "an'--", "ân"] {
            assert!(parse_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_new_user_names_every_bad_field() {
        let error = NewUser::parse("X", "", "nope", 1, ["pilot"], "short").unwrap_err();
        let fields: Vec<_> = error.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["username", "display_name", "email", "roles", "password"]
        );
    }

    #[test]
    fn the_account_locks_at_the_fifth_failure() {
        let rule = LockoutRule::default();
        let now = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(rule.locked_until(4, now), None);
        assert_eq!(rule.locked_until(5, now), Some(now + Duration::minutes(15)));
    }
}
