//! Accounts: users, their roles and passwords, the caller's own settings and API tokens.

use std::collections::BTreeSet;

use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{Action, Owner, Resource};
use bluehelm_domain::role::Role;
use bluehelm_domain::user::{check_password, parse_email, parse_roles, NewUser};
use bluehelm_domain::validation::{text, Checker};
use bluehelm_domain::Invalid;
use bluehelm_store::account::{ApiToken, User, UserFilter};
use bluehelm_store::agency::Agency;

use crate::agencies::agency_path;
use crate::password::{hash_password_blocking, random_token};
use crate::{duplicate, AppError, Ctx};

pub async fn list_users(
    ctx: &Ctx<'_>,
    filter: &UserFilter,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<User>, AppError> {
    let scope = ctx.scope(Action::Read, Resource::User).await?;
    Ok(ctx.store.list_users(&scope, filter, sort, page).await?)
}

pub async fn user(ctx: &Ctx<'_>, id: i64) -> Result<User, AppError> {
    let (user, path) = ctx.store.user(id).await?;
    ctx.authorize(
        Action::Read,
        Resource::User,
        &Owner {
            agency: Some(&path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    Ok(user)
}

/// What an administrator submits for a new account.
#[derive(Debug, Clone, Default)]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub agency_id: i64,
    pub roles: Vec<String>,
    pub password: String,
}

pub async fn create_user(ctx: &Ctx<'_>, input: &NewUserInput) -> Result<User, AppError> {
    let new = NewUser::parse(
        &input.username,
        &input.display_name,
        &input.email,
        input.agency_id,
        input.roles.iter().map(String::as_str),
        &input.password,
    )?;
    let path = agency_path(ctx, "agency_id", new.agency_id).await?;
    ctx.authorize(
        Action::Create,
        Resource::User,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        "new",
    )
    .await?;
    let hash = hash_password_blocking(input.password.clone()).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_user(&new, &hash)
        .await
        .map_err(duplicate("username", "message.username_taken"))?;
    tx.commit().await?;
    Ok(ctx.store.user(id).await?.0)
}

/// What an administrator may change of an account.
#[derive(Debug, Clone, Default)]
pub struct UserUpdate {
    pub display_name: String,
    pub email: String,
    pub agency_id: i64,
    pub roles: Vec<String>,
    pub disabled: bool,
}

pub async fn update_user(ctx: &Ctx<'_>, id: i64, input: &UserUpdate) -> Result<User, AppError> {
    let (_, current_path) = ctx.store.user(id).await?;
    ctx.authorize(
        Action::Update,
        Resource::User,
        &Owner {
            agency: Some(&current_path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    let mut checker = Checker::default();
    let display_name = checker.check(text("display_name", &input.display_name, 200));
    let email = checker.check(parse_email(&input.email));
    let roles = checker.check(parse_roles(input.roles.iter().map(String::as_str)));
    checker.finish()?;
    let (Some(display_name), Some(email), Some(roles)) = (display_name, email, roles) else {
        return Err(AppError::field(
            "display_name",
            "invalid",
            "validation.invalid_user",
        ));
    };
    if id == ctx.principal.user_id
        && (input.disabled || !roles.contains(&Role::Admin))
        && ctx.principal.has(Role::Admin)
    {
        return Err(AppError::field(
            "roles",
            "self_lockout",
            "message.own_admin_role",
        ));
    }
    let new_path = agency_path(ctx, "agency_id", input.agency_id).await?;
    ctx.authorize(
        Action::Update,
        Resource::User,
        &Owner {
            agency: Some(&new_path),
            user_id: Some(id),
        },
        id,
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_user(
        id,
        &display_name,
        email.as_deref(),
        input.agency_id,
        &roles,
        input.disabled,
    )
    .await?;
    tx.commit().await?;
    Ok(ctx.store.user(id).await?.0)
}

/// Sets a user's password: an administrator for anyone, a user for themselves. A reset by
/// somebody else also revokes the user's API tokens: whoever made it reset it because the
/// account may be in other hands.
pub async fn set_password(ctx: &Ctx<'_>, id: i64, password: &str) -> Result<(), AppError> {
    let (_, path) = ctx.store.user(id).await?;
    if id != ctx.principal.user_id {
        ctx.authorize(
            Action::Update,
            Resource::User,
            &Owner {
                agency: Some(&path),
                user_id: Some(id),
            },
            id,
        )
        .await?;
    }
    check_password(password).map_err(|error| Invalid(vec![error]))?;
    let hash = hash_password_blocking(password.to_owned()).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_password(id, &hash).await?;
    if id != ctx.principal.user_id {
        tx.revoke_api_tokens_of(id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every signed-in user may choose their own language.
pub async fn set_language(ctx: &Ctx<'_>, lang: Lang) -> Result<(), AppError> {
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_language(ctx.principal.user_id, lang).await?;
    tx.commit().await?;
    Ok(())
}

/// A new API token for the caller; the secret is returned once and stored only hashed.
pub async fn create_api_token(ctx: &Ctx<'_>, name: &str) -> Result<(ApiToken, String), AppError> {
    let name = text("name", name, 100).map_err(|error| Invalid(vec![error]))?;
    let secret = format!("bh_{}", random_token());
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let token = tx
        .create_api_token(ctx.principal.user_id, &name, &secret)
        .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn api_tokens(ctx: &Ctx<'_>) -> Result<Vec<ApiToken>, AppError> {
    Ok(ctx.store.api_tokens(ctx.principal.user_id).await?)
}

/// Revokes one of the caller's tokens (an administrator may revoke anyone's).
pub async fn revoke_api_token(ctx: &Ctx<'_>, id: i64) -> Result<ApiToken, AppError> {
    let token = ctx.store.api_token(id).await?;
    if token.account_id != ctx.principal.user_id {
        let (_, path) = ctx.store.user(token.account_id).await?;
        let owner = Owner {
            agency: Some(&path),
            user_id: Some(token.account_id),
        };
        ctx.authorize(Action::Update, Resource::User, &owner, token.account_id)
            .await?;
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let token = tx.revoke_api_token(id).await?;
    tx.commit().await?;
    Ok(token)
}

/// Roles an administrator can grant, for forms.
pub fn grantable_roles() -> BTreeSet<Role> {
    Role::ALL.into_iter().collect()
}

/// Agency kinds, for forms.
/// What the home page shows the caller: their account, their agency and the size of the
/// agency tree.
pub struct Home {
    pub user: User,
    pub agency: Agency,
    pub agencies: i64,
    /// The dossier steps waiting for a decision by the caller's agency in one of their
    /// roles, longest waiting first.
    pub my_steps: Vec<crate::dossiers::WaitingView>,
    /// Records of the people the caller may read that expire within [`SOON_DAYS`] days,
    /// counted up to [`EXPIRING_COUNTED`] (that many means at least as many), or `None` for a
    /// caller who may read no people.
    pub expiring_soon: Option<i64>,
    /// The UN's requests still to be answered, nearest deadline first, for a caller who
    /// may act on them; `None` for others.
    pub open_requests: Option<Vec<bluehelm_store::request::UnRequest>>,
}

/// How many open requests the home page lists.
const OPEN_REQUESTS_SHOWN: i64 = 10;

/// How many expiring records the home page counts at most: the list behind it has them all.
pub const EXPIRING_COUNTED: i64 = 1_000;

/// How far ahead the home page looks for expiring records.
pub const SOON_DAYS: i64 = 30;

pub async fn home(ctx: &Ctx<'_>) -> Result<Home, AppError> {
    let user = user(ctx, ctx.principal.user_id).await?;
    // Everyone may read their own agency and how many agencies there are.
    let agency = ctx.store.agency(user.agency_id).await?;
    let agencies = ctx.store.count("agency").await?;
    let now = bluehelm_store::now();
    let my_steps = crate::dossiers::waiting_for(ctx, &agency.code, now).await?;
    // Asked only of those who may read people, so the home page never writes a refusal.
    let may_read_people = bluehelm_domain::policy::scope(
        ctx.principal,
        bluehelm_domain::policy::Action::Read,
        bluehelm_domain::policy::Resource::Person,
    )
    .is_ok();
    let expiring_soon = if may_read_people {
        Some(crate::people::expiry_count(ctx, now.date(), SOON_DAYS, EXPIRING_COUNTED).await?)
    } else {
        None
    };
    let may_nominate = bluehelm_domain::policy::scope(
        ctx.principal,
        bluehelm_domain::policy::Action::Update,
        bluehelm_domain::policy::Resource::Mission,
    )
    .is_ok();
    let open_requests = if may_nominate {
        Some(ctx.store.open_requests(OPEN_REQUESTS_SHOWN).await?)
    } else {
        None
    };
    Ok(Home {
        user,
        agency,
        agencies,
        my_steps,
        expiring_soon,
        open_requests,
    })
}
