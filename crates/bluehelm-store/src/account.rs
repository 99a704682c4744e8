//! User accounts, their roles, web sessions and API tokens.
//!
//! Secrets never reach the database in the clear: passwords are stored as Argon2id hashes
//! (computed by the caller) and session and API tokens as SHA-256 hashes, so a stolen
//! database copy opens no session.

use std::collections::BTreeSet;

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{Principal, Scope};
use bluehelm_domain::role::Role;
use bluehelm_domain::user::NewUser;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::agency::within_subtree;
use crate::conditions::{bind_params, literal, page_sql, Conditions, Param};
use crate::ids::Ids;
use crate::{now, on_pool, on_tx, on_writer, Result, Store, StoreError, WriteTx};

/// A user account as shown to those allowed to see it. The password hash stays out: it is
/// read only by [`Store::credentials`], so it cannot leak into a response or the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub agency_id: i64,
    pub agency_code: String,
    pub roles: Vec<String>,
    pub lang: String,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_until: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    email: Option<String>,
    agency_id: i64,
    agency_code: String,
    agency_path: String,
    lang: String,
    disabled: bool,
    locked_until: Option<OffsetDateTime>,
    last_login_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

/// `locked_until` is the latest lock of the user name from any address.
const USER_COLUMNS: &str = "a.id, a.username, a.display_name, a.email, a.agency_id, \
    g.code as agency_code, g.path as agency_path, a.lang, a.disabled, \
    (select max(f.locked_until) from sign_in_failure f where f.username = lower(a.username)) \
    as locked_until, a.last_login_at, a.created_at, a.updated_at";
const USER_FROM: &str = "account a join agency g on g.id = a.agency_id";

/// What sign-in needs to know about an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub agency_id: i64,
    pub password_hash: String,
    pub disabled: bool,
    pub failed_logins: i64,
    pub locked_until: Option<OffsetDateTime>,
}

/// A signed-in session with the principal it stands for.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub id: i64,
    pub principal: Principal,
    pub username: String,
    pub display_name: String,
    pub lang: Lang,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    account_id: i64,
    csrf_token: String,
    created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    username: String,
    display_name: String,
    lang: String,
    agency_id: i64,
    agency_path: String,
    disabled: bool,
    /// One row per role of the account (the lookup joins `account_role`), `None` if it has none.
    role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// Sort keys of the user list.
pub const USER_SORT: &[(&str, &str)] = &[
    ("username", "a.username"),
    ("display_name", "a.display_name"),
    ("agency", "g.path"),
    ("created_at", "a.created_at"),
    ("last_login_at", "a.last_login_at"),
];

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub agency_id: Option<i64>,
    pub role: Option<Role>,
    pub text: Option<String>,
    pub disabled: Option<bool>,
}

/// The hash under which a session or API token is stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn parse_roles(roles: Vec<String>) -> BTreeSet<Role> {
    roles.iter().filter_map(|role| Role::parse(role)).collect()
}

/// How many accounts are in use and disabled, and how many user name and address pairs
/// are locked out of signing in now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountCounts {
    pub active: i64,
    pub disabled: i64,
    pub locked: i64,
}

impl Store {
    pub async fn account_counts(&self, now: OffsetDateTime) -> Result<AccountCounts> {
        let (active, disabled): (i64, i64) = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select cast(coalesce(sum(case when disabled then 0 else 1 end), 0) as bigint), \
                 cast(coalesce(sum(case when disabled then 1 else 0 end), 0) as bigint) from account",
            )
            .fetch_one(pool)
            .await
        })?;
        let locks: Vec<OffsetDateTime> = on_pool!(&self.db, pool => {
            sqlx::query_scalar("select locked_until from sign_in_failure where locked_until is not null")
                .fetch_all(pool)
                .await
        })?;
        Ok(AccountCounts {
            active,
            disabled,
            locked: locks.iter().filter(|until| **until > now).count() as i64,
        })
    }

    async fn roles_of(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One query for the roles of a whole page.
        let sql = format!(
            "select account_id, role from account_role where {} order by account_id, role",
            Ids::among(self.engine(), "account_id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    async fn users_from_rows(&self, rows: Vec<UserRow>) -> Result<Vec<(User, AgencyPath)>> {
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let roles = self.roles_of(&ids).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let user_roles = roles
                    .iter()
                    .filter(|(id, _)| *id == row.id)
                    .map(|(_, role)| role.clone())
                    .collect();
                let user = User {
                    id: row.id,
                    username: row.username,
                    display_name: row.display_name,
                    email: row.email,
                    agency_id: row.agency_id,
                    agency_code: row.agency_code,
                    roles: user_roles,
                    lang: row.lang,
                    disabled: row.disabled,
                    locked_until: row.locked_until,
                    last_login_at: row.last_login_at,
                    created_at: row.created_at,
                    updated_at: row.updated_at,
                };
                (user, AgencyPath::from_stored(row.agency_path))
            })
            .collect())
    }

    /// One user and the path of the agency that owns the account.
    pub async fn user(&self, id: i64) -> Result<(User, AgencyPath)> {
        let sql = format!("select {USER_COLUMNS} from {USER_FROM} where a.id = $1");
        let row: UserRow =
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?;
        self.users_from_rows(vec![row])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    pub async fn user_id_by_username(&self, username: &str) -> Result<i64> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("select id from account where username = $1")
                .bind(username).fetch_one(pool).await
        })?)
    }

    /// The users within `scope`, filtered inside the query.
    pub async fn list_users(
        &self,
        scope: &Scope,
        filter: &UserFilter,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<User>> {
        let mut conditions = Conditions::default();
        match scope {
            Scope::All => {}
            Scope::Subtree(path) => conditions.add(within_subtree("g.path", path)),
            Scope::OwnAccount(id) => conditions.add_if("a.id = {}", Some(Param::Int(*id))),
        }
        conditions.add_if("a.agency_id = {}", filter.agency_id.map(Param::Int));
        if let Some(role) = filter.role {
            conditions.add(format!(
                "exists (select 1 from account_role r where r.account_id = a.id and r.role = {})",
                literal(role.as_str())
            ));
        }
        let text = filter
            .text
            .as_deref()
            .map(|text| Param::Text(format!("%{}%", text.to_lowercase().replace(['%', '_'], ""))));
        conditions.add_if(
            "(lower(a.username) like {} or lower(a.display_name) like {} or lower(a.email) like {})",
            text,
        );
        conditions.add_if("a.disabled = {}", filter.disabled.map(Param::Bool));
        let condition = conditions.render();
        let count_sql = format!("select count(*) from {USER_FROM} where {condition}");
        let list_sql = format!(
            "select {USER_COLUMNS} from {USER_FROM} where {condition} order by {}, a.id {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, rows) = on_pool!(&self.db, pool => {
            let total: i64 = bind_params!(sqlx::query_scalar(&count_sql), &conditions.params)
                .fetch_one(&mut *pool).await?;
            let rows: Vec<UserRow> = bind_params!(sqlx::query_as(&list_sql), &conditions.params)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, rows))
        })?;
        let items = self
            .users_from_rows(rows)
            .await?
            .into_iter()
            .map(|(user, _)| user)
            .collect();
        Ok(Page::exact(items, total, page))
    }

    /// Counts one sign-in attempt from `address` in `minute`; answers the minute's count.
    pub async fn count_sign_in_attempt(&self, address: &str, minute: i64) -> Result<i64> {
        Ok(on_writer!(&self.db, pool => {
            sqlx::query_scalar(
                "insert into sign_in_window (address, minute, attempts) values ($1, $2, 1) \
                 on conflict (address) do update set \
                 attempts = case when sign_in_window.minute = excluded.minute \
                     then sign_in_window.attempts + 1 else 1 end, \
                 minute = excluded.minute \
                 returning attempts",
            )
            .bind(address).bind(minute)
            .fetch_one(pool)
            .await
        })?)
    }

    /// Until when sign-ins as `username` from `address` are refused, if they are.
    pub async fn sign_in_lock(
        &self,
        username: &str,
        address: &str,
    ) -> Result<Option<OffsetDateTime>> {
        let row: Option<Option<OffsetDateTime>> = on_pool!(&self.db, pool => {
            sqlx::query_scalar(
                "select locked_until from sign_in_failure where username = $1 and address = $2",
            )
            .bind(username).bind(address)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.flatten())
    }

    /// Counts a failed sign-in as `username` from `address`; at `max_failures` the pair is
    /// locked until `lock_until` and counting starts again. Answers the lock, if one began.
    pub async fn record_sign_in_failure(
        &self,
        username: &str,
        address: &str,
        max_failures: i64,
        lock_until: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>> {
        let locked = on_writer!(&self.db, pool => {
            let failures: i64 = sqlx::query_scalar(
                "insert into sign_in_failure (username, address, failures) values ($1, $2, 1) \
                 on conflict (username, address) do update set \
                 failures = sign_in_failure.failures + 1 returning failures",
            )
            .bind(username).bind(address)
            .fetch_one(&mut *pool)
            .await?;
            if failures >= max_failures {
                sqlx::query(
                    "update sign_in_failure set failures = 0, locked_until = $3 \
                     where username = $1 and address = $2",
                )
                .bind(username).bind(address).bind(lock_until)
                .execute(&mut *pool)
                .await?;
            }
            Ok::<_, sqlx::Error>(failures >= max_failures)
        })?;
        Ok(locked.then_some(lock_until))
    }

    /// Forgets the failures of `username` from `address` after a successful sign-in.
    pub async fn clear_sign_in_failures(&self, username: &str, address: &str) -> Result<()> {
        on_writer!(&self.db, pool => {
            sqlx::query("delete from sign_in_failure where username = $1 and address = $2")
                .bind(username).bind(address)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn credentials(&self, username: &str) -> Result<Credentials> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, agency_id, password_hash, disabled, failed_logins, locked_until \
                 from account where username = $1",
            )
            .bind(username)
            .fetch_one(pool)
            .await
        })?)
    }

    /// The principal behind a session token, if the session exists, has not expired and its
    /// account is enabled. Idle expiry is judged by the caller against `last_seen_at`.
    pub async fn session(&self, token: &str) -> Result<Option<SessionInfo>> {
        let hash = token_hash(token);
        let rows: Vec<SessionRow> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select s.id, s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, \
                 a.username, a.display_name, a.lang, a.agency_id, g.path as agency_path, a.disabled, r.role \
                 from session s join account a on a.id = s.account_id join agency g on g.id = a.agency_id \
                 left join account_role r on r.account_id = a.id \
                 where s.token_hash = $1",
            )
            .bind(&hash)
            .fetch_all(pool)
            .await
        })?;
        let roles = parse_roles(rows.iter().filter_map(|row| row.role.clone()).collect());
        let Some(row) = rows.into_iter().next() else {
            return Ok(None);
        };
        if row.disabled || row.expires_at <= now() {
            return Ok(None);
        }
        Ok(Some(SessionInfo {
            id: row.id,
            principal: Principal {
                user_id: row.account_id,
                agency_id: row.agency_id,
                agency_path: AgencyPath::from_stored(row.agency_path),
                roles,
            },
            username: row.username,
            display_name: row.display_name,
            lang: Lang::parse(&row.lang).unwrap_or_default(),
            csrf_token: row.csrf_token,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            expires_at: row.expires_at,
        }))
    }

    /// Marks a session as used now. Not audited: it changes no record anybody owns.
    pub async fn touch_session(&self, id: i64) -> Result<()> {
        on_writer!(&self.db, pool => {
            sqlx::query("update session set last_seen_at = $1 where id = $2")
                .bind(now()).bind(id).execute(pool).await.map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// The principal behind an API token that has not been revoked, from the short-lived
    /// cache when it has it (see [`crate::principal_cache`]).
    pub async fn principal_for_token(&self, token: &str) -> Result<Option<Principal>> {
        let hash = token_hash(token);
        if let Some(principal) = self.principals.get(&hash, std::time::Instant::now()) {
            return Ok(Some(principal));
        }
        let generation = self.principals.generation();
        let rows: Vec<(i64, i64, String, bool, Option<String>)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select a.id, a.agency_id, g.path, a.disabled, r.role from api_token t \
                 join account a on a.id = t.account_id join agency g on g.id = a.agency_id \
                 left join account_role r on r.account_id = a.id \
                 where t.token_hash = $1 and t.revoked_at is null",
            )
            .bind(&hash)
            .fetch_all(pool)
            .await
        })?;
        let roles = parse_roles(rows.iter().filter_map(|row| row.4.clone()).collect());
        let Some((user_id, agency_id, path, disabled, _)) = rows.into_iter().next() else {
            return Ok(None);
        };
        if disabled {
            return Ok(None);
        }
        let principal = Principal {
            user_id,
            agency_id,
            agency_path: AgencyPath::from_stored(path),
            roles,
        };
        self.principals.put(hash, principal.clone(), generation);
        Ok(Some(principal))
    }

    pub async fn api_token(&self, id: i64) -> Result<ApiToken> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, account_id, name, created_at, last_used_at, revoked_at from api_token where id = $1",
            )
            .bind(id).fetch_one(pool).await
        })?)
    }

    pub async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, account_id, name, created_at, last_used_at, revoked_at from api_token \
                 where account_id = $1 order by id",
            )
            .bind(account_id)
            .fetch_all(pool)
            .await
        })?)
    }
}

impl WriteTx {
    async fn set_roles(&mut self, account_id: i64, roles: &BTreeSet<Role>) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from account_role where account_id = $1")
                .bind(account_id).execute(&mut *conn).await?;
            for role in roles {
                sqlx::query("insert into account_role (account_id, role) values ($1, $2)")
                    .bind(account_id).bind(role.as_str()).execute(&mut *conn).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        Ok(())
    }

    /// A user as this transaction sees it (for before/after snapshots).
    pub async fn user_snapshot(&mut self, id: i64) -> Result<serde_json::Value> {
        let row: (String, String, Option<String>, i64, String, bool) = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "select username, display_name, email, agency_id, lang, disabled from account where id = $1",
            )
            .bind(id)
            .fetch_one(&mut *conn)
            .await
        })?;
        let roles: Vec<String> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select role from account_role where account_id = $1 order by role")
                .bind(id).fetch_all(conn).await
        })?;
        Ok(serde_json::json!({
            "id": id,
            "username": row.0,
            "display_name": row.1,
            "email": row.2,
            "agency_id": row.3,
            "lang": row.4,
            "disabled": row.5,
            "roles": roles,
        }))
    }

    pub async fn create_user(&mut self, user: &NewUser, password_hash: &str) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into account (username, display_name, email, agency_id, password_hash, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $6) returning id",
            )
            .bind(&user.username)
            .bind(&user.display_name)
            .bind(&user.email)
            .bind(user.agency_id)
            .bind(password_hash)
            .bind(at)
            .fetch_one(conn)
            .await
        })?;
        self.set_roles(id, &user.roles).await?;
        let after = self.user_snapshot(id).await?;
        self.audit_insert("user", id, &after).await?;
        Ok(id)
    }

    /// Changes what an administrator may change of an account.
    pub async fn update_user(
        &mut self,
        id: i64,
        display_name: &str,
        email: Option<&str>,
        agency_id: i64,
        roles: &BTreeSet<Role>,
        disabled: bool,
    ) -> Result<()> {
        self.changes_principals = true;
        let before = self.user_snapshot(id).await?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update account set display_name = $1, email = $2, agency_id = $3, disabled = $4, \
                 updated_at = $5 where id = $6",
            )
            .bind(display_name).bind(email).bind(agency_id).bind(disabled).bind(now()).bind(id)
            .execute(conn)
            .await.map(|done| done.rows_affected())
        })?;
        self.set_roles(id, roles).await?;
        if disabled {
            self.end_sessions(id).await?;
        }
        let after = self.user_snapshot(id).await?;
        self.audit(
            AuditAction::Update,
            "user",
            Some(id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await
    }

    /// Sets a new password, unlocks the account and ends its sessions.
    pub async fn set_password(&mut self, id: i64, password_hash: &str) -> Result<()> {
        let changed = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update account set password_hash = $1, failed_logins = 0, locked_until = null, \
                 updated_at = $2 where id = $3",
            )
            .bind(password_hash).bind(now()).bind(id)
            .execute(conn)
            .await.map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.end_sessions(id).await?;
        self.audit(
            AuditAction::PasswordChanged,
            "user",
            Some(id.to_string()),
            None::<&()>,
            None::<&()>,
        )
        .await
    }

    pub async fn set_language(&mut self, id: i64, lang: Lang) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update account set lang = $1, updated_at = $2 where id = $3")
                .bind(lang.code()).bind(now()).bind(id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let after = serde_json::json!({ "lang": lang.code() });
        self.audit(
            AuditAction::Update,
            "user",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await
    }

    async fn end_sessions(&mut self, account_id: i64) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from session where account_id = $1")
                .bind(account_id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// Ends a session (signed out, or expired) and audits it as a sign-out with the reason.
    pub async fn end_session(&mut self, session: &SessionInfo, reason: &str) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from session where id = $1")
                .bind(session.id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let detail = (reason != "signed_out").then(|| serde_json::json!({ "reason": reason }));
        self.audit(
            AuditAction::Logout,
            "user",
            Some(session.principal.user_id.to_string()),
            None::<&()>,
            detail.as_ref(),
        )
        .await
    }

    /// Opens a session for a successful sign-in and returns its id.
    pub async fn open_session(
        &mut self,
        account_id: i64,
        token: &str,
        csrf_token: &str,
        expires_at: OffsetDateTime,
    ) -> Result<i64> {
        let at = now();
        let id = on_tx!(&mut self.tx, conn => {
            sqlx::query("update account set failed_logins = 0, locked_until = null, last_login_at = $1 where id = $2")
                .bind(at).bind(account_id).execute(&mut *conn).await?;
            sqlx::query_scalar(
                "insert into session (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) \
                 values ($1, $2, $3, $4, $4, $5) returning id",
            )
            .bind(token_hash(token)).bind(account_id).bind(csrf_token).bind(at).bind(expires_at)
            .fetch_one(conn)
            .await
        })?;
        self.audit(
            AuditAction::Login,
            "user",
            Some(account_id.to_string()),
            None::<&()>,
            None::<&()>,
        )
        .await?;
        Ok(id)
    }

    pub async fn create_api_token(
        &mut self,
        account_id: i64,
        name: &str,
        token: &str,
    ) -> Result<ApiToken> {
        let token = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "insert into api_token (account_id, name, token_hash, created_at) values ($1, $2, $3, $4) \
                 returning id, account_id, name, created_at, last_used_at, revoked_at",
            )
            .bind(account_id).bind(name).bind(token_hash(token)).bind(now())
            .fetch_one(conn)
            .await
        })?;
        let after: &ApiToken = &token;
        self.audit(
            AuditAction::TokenCreated,
            "api_token",
            Some(after.id.to_string()),
            None::<&()>,
            Some(after),
        )
        .await?;
        Ok(token)
    }

    pub async fn api_token(&mut self, id: i64) -> Result<ApiToken> {
        Ok(on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "select id, account_id, name, created_at, last_used_at, revoked_at from api_token where id = $1",
            )
            .bind(id).fetch_one(conn).await
        })?)
    }

    /// Revokes every live token of an account, as one audited event naming how many.
    pub async fn revoke_api_tokens_of(&mut self, account_id: i64) -> Result<u64> {
        self.changes_principals = true;
        let revoked = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update api_token set revoked_at = $1 where account_id = $2 and revoked_at is null",
            )
            .bind(now()).bind(account_id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        if revoked > 0 {
            let detail = serde_json::json!({ "account_id": account_id, "tokens": revoked });
            self.audit(
                AuditAction::TokenRevoked,
                "api_token",
                None,
                None::<&()>,
                Some(&detail),
            )
            .await?;
        }
        Ok(revoked)
    }

    pub async fn revoke_api_token(&mut self, id: i64) -> Result<ApiToken> {
        self.changes_principals = true;
        let before = self.api_token(id).await?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update api_token set revoked_at = $1 where id = $2 and revoked_at is null")
                .bind(now()).bind(id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let after = self.api_token(id).await?;
        self.audit(
            AuditAction::TokenRevoked,
            "api_token",
            Some(id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }
}
