//! Administration pages: the agency tree, user accounts and the audit trail.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, Query};
use axum::response::Response;
use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::FieldError;
use bluehelm_store::account::{User, UserFilter, USER_SORT};
use bluehelm_store::agency::Agency;
use bluehelm_store::audit::{AuditEntry, AuditFilter};
use serde::Deserialize;

use super::form::after;
use super::{error_for, render, Layout, Viewer, WebError, WithLayout};

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::accounts::{NewUserInput, UserUpdate};
use bluehelm_app::agencies::AgencyInput;
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/agencies", get(agencies).post(create_agency))
        .route("/admin/agencies/{id}", get(agency).post(update_agency))
        .route("/admin/agencies/{id}/delete", post(delete_agency))
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/{id}", get(user).post(update_user))
        .route("/admin/users/{id}/password", post(set_password))
        .route("/audit", get(audit))
        .route("/audit/check", post(check_audit))
}

/// Walks the audit trail now; the home page's health panel shows the outcome.
pub async fn check_audit(
    viewer: Viewer,
    Form(_form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = bluehelm_app::audit::check_audit_chain(&ctx).await;
    after(
        caller,
        "/",
        result,
        |_| "/#system-health".to_owned(),
        // The walk refuses no field: only a refusal of the right, shown as its own page.
        |_| async {
            Ok(axum::response::IntoResponse::into_response(
                axum::response::Redirect::to("/"),
            ))
        },
    )
    .await
}

/// One agency as a row of the tree.
pub struct AgencyRow {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub name: String,
    pub depth: usize,
}

pub fn agency_rows(agencies: &[Agency], lang: Lang) -> Vec<AgencyRow> {
    agencies
        .iter()
        .map(|agency| AgencyRow {
            id: agency.id,
            code: agency.code.clone(),
            kind: agency.kind.clone(),
            name: match lang {
                Lang::Vi => agency.name_vi.clone(),
                Lang::En => agency.name_en.clone(),
            },
            depth: AgencyPath::from_stored(agency.path.clone())
                .depth()
                .saturating_sub(1),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "agencies.html")]
struct AgenciesPage {
    layout: Layout,
    rows: Vec<AgencyRow>,
    kinds: Vec<&'static str>,
    form: AgencyForm,
    errors: Vec<FieldError>,
}

impl AgenciesPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AgencyForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_vi: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    parent_id: String,
}

impl AgencyForm {
    fn input(&self) -> Result<AgencyInput, AppError> {
        let parent_id = match self.parent_id.trim() {
            "" => None,
            id => Some(id.parse().map_err(|_| {
                AppError::field("parent_id", "invalid", "validation.choose_a_parent_agency")
            })?),
        };
        Ok(AgencyInput {
            code: self.code.clone(),
            kind: self.kind.clone(),
            name_vi: self.name_vi.clone(),
            name_en: self.name_en.clone(),
            parent_id,
        })
    }

    fn is_parent(&self, id: &i64) -> bool {
        self.parent_id == id.to_string()
    }
}

async fn agencies_page(
    viewer: &Viewer,
    form: AgencyForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/admin/agencies");
    let ctx = viewer.ctx();
    let agencies = bluehelm_app::agencies::all_agencies(&ctx)
        .await
        .in_layout(layout)?;
    let layout = layout();
    let page = AgenciesPage {
        rows: agency_rows(&agencies, layout.tr.lang),
        kinds: bluehelm_app::agencies::agency_kinds()
            .iter()
            .map(|kind| kind.as_str())
            .collect(),
        layout,
        form,
        errors,
    };
    render(&page, &page.errors)
}

pub async fn agencies(viewer: Viewer) -> Result<Response, WebError> {
    agencies_page(&viewer, AgencyForm::default(), Vec::new()).await
}

pub async fn create_agency(
    viewer: Viewer,
    Form(form): Form<AgencyForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match form.input() {
        Ok(input) => bluehelm_app::agencies::create_agency(&ctx, &input).await,
        Err(error) => Err(error),
    };
    after(
        caller,
        "/admin/agencies",
        result,
        |agency| format!("/admin/agencies/{}", agency.id),
        |errors| agencies_page(&viewer, form, errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "agency.html")]
struct AgencyPage {
    layout: Layout,
    agency: Agency,
    kinds: Vec<&'static str>,
    form: AgencyForm,
    errors: Vec<FieldError>,
    saved: bool,
}

impl AgencyPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

#[derive(Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<u8>,
}

pub async fn agency(
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, WebError> {
    agency_page(&viewer, id, None, Vec::new(), query.saved.is_some()).await
}

/// The agency's page, with `form` as typed when it was refused, else the stored values.
async fn agency_page(
    viewer: &Viewer,
    id: i64,
    form: Option<AgencyForm>,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let current_path = format!("/admin/agencies/{id}");
    let agency = bluehelm_app::agencies::agency(&ctx, id)
        .await
        .in_layout(|| Layout::for_caller(caller, &current_path))?;
    let form = form.unwrap_or_else(|| AgencyForm {
        code: agency.code.clone(),
        kind: agency.kind.clone(),
        name_vi: agency.name_vi.clone(),
        name_en: agency.name_en.clone(),
        parent_id: agency
            .parent_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
    });
    let page = AgencyPage {
        layout: Layout::for_caller(caller, &current_path),
        agency,
        kinds: bluehelm_app::agencies::agency_kinds()
            .iter()
            .map(|kind| kind.as_str())
            .collect(),
        form,
        errors,
        saved,
    };
    render(&page, &page.errors)
}

pub async fn update_agency(
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<AgencyForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match form.input() {
        Ok(input) => bluehelm_app::agencies::update_agency(&ctx, id, &input).await,
        Err(error) => Err(error),
    };
    after(
        caller,
        &format!("/admin/agencies/{id}"),
        result,
        |_| format!("/admin/agencies/{id}?saved=1"),
        |errors| agency_page(&viewer, id, Some(form), errors, false),
    )
    .await
}

/// Deletes an agency once the form confirms it: a deletion cannot be undone.
pub async fn delete_agency(
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = if form.get("confirm").is_none_or(|value| value.is_empty()) {
        Err(bluehelm_app::AppError::field(
            "confirm",
            "confirmation_needed",
            "message.confirm_delete",
        ))
    } else {
        bluehelm_app::agencies::delete_agency(&ctx, id).await
    };
    after(
        caller,
        &format!("/admin/agencies/{id}"),
        result,
        |()| "/admin/agencies".to_owned(),
        |errors| agency_page(&viewer, id, None, errors, false),
    )
    .await
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    layout: Layout,
    users: Page<User>,
    q: String,
    agencies: Vec<AgencyRow>,
    roles: Vec<&'static str>,
    form: UserForm,
    errors: Vec<FieldError>,
    can_create: bool,
}

impl UsersPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    agency_id: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    password: String,
    #[serde(default)]
    disabled: Option<String>,
}

impl UserForm {
    fn agency_id(&self) -> Result<i64, AppError> {
        self.agency_id
            .trim()
            .parse()
            .map_err(|_| AppError::field("agency_id", "required", "validation.choose_an_agency"))
    }

    fn has_role(&self, role: &&str) -> bool {
        self.roles.iter().any(|held| held == role)
    }

    fn is_agency(&self, id: &i64) -> bool {
        self.agency_id == id.to_string()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct UserListQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

async fn users_page(
    viewer: &Viewer,
    query: UserListQuery,
    form: UserForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/admin/users");
    let ctx = viewer.ctx();
    let page = PageRequest::parse(query.page, None)
        .map_err(|error| AppError::Invalid(bluehelm_domain::Invalid(vec![error])))
        .in_layout(layout)?;
    let sort = Sort::parse(None, USER_SORT)
        .map_err(|error| AppError::Invalid(bluehelm_domain::Invalid(vec![error])))
        .in_layout(layout)?;
    let filter = UserFilter {
        text: Some(query.q.clone()).filter(|q| !q.trim().is_empty()),
        ..UserFilter::default()
    };
    let users = bluehelm_app::accounts::list_users(&ctx, &filter, sort, page)
        .await
        .in_layout(layout)?;
    let agencies = bluehelm_app::agencies::all_agencies(&ctx)
        .await
        .in_layout(layout)?;
    let can_create = bluehelm_domain::policy::scope(
        &caller.principal,
        bluehelm_domain::policy::Action::Create,
        bluehelm_domain::policy::Resource::User,
    )
    .is_ok();
    let layout = layout();
    let page = UsersPage {
        agencies: agency_rows(&agencies, layout.tr.lang),
        roles: bluehelm_app::accounts::grantable_roles()
            .into_iter()
            .map(|role| role.as_str())
            .collect(),
        layout,
        users,
        q: query.q,
        form,
        errors,
        can_create,
    };
    render(&page, &page.errors)
}

pub async fn users(
    viewer: Viewer,
    Query(query): Query<UserListQuery>,
) -> Result<Response, WebError> {
    users_page(&viewer, query, UserForm::default(), Vec::new()).await
}

/// Reads a form whose `roles` field may repeat (one checkbox per role).
fn user_form(body: &str) -> UserForm {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
    let mut form = UserForm::default();
    for (key, value) in pairs {
        match key.as_str() {
            "username" => form.username = value,
            "display_name" => form.display_name = value,
            "email" => form.email = value,
            "agency_id" => form.agency_id = value,
            "roles" => form.roles.push(value),
            "password" => form.password = value,
            "disabled" => form.disabled = Some(value),
            _ => {}
        }
    }
    form
}

pub async fn create_user(viewer: Viewer, body: String) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let form = user_form(&body);
    let ctx = viewer.ctx();
    let result = match form.agency_id() {
        Ok(agency_id) => {
            let input = NewUserInput {
                username: form.username.clone(),
                display_name: form.display_name.clone(),
                email: form.email.clone(),
                agency_id,
                roles: form.roles.clone(),
                password: form.password.clone(),
            };
            bluehelm_app::accounts::create_user(&ctx, &input).await
        }
        Err(error) => Err(error),
    };
    after(
        caller,
        "/admin/users",
        result,
        |user| format!("/admin/users/{}", user.id),
        |errors| {
            let form = UserForm {
                password: String::new(),
                ..form
            };
            users_page(&viewer, UserListQuery::default(), form, errors)
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage {
    layout: Layout,
    user: User,
    agencies: Vec<AgencyRow>,
    roles: Vec<&'static str>,
    form: UserForm,
    errors: Vec<FieldError>,
    saved: bool,
}

impl UserPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

async fn user_page(
    viewer: &Viewer,
    id: i64,
    form: Option<UserForm>,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let current_path = format!("/admin/users/{id}");
    let layout = || Layout::for_caller(caller, &current_path);
    let ctx = viewer.ctx();
    let user = bluehelm_app::accounts::user(&ctx, id)
        .await
        .in_layout(layout)?;
    let agencies = bluehelm_app::agencies::all_agencies(&ctx)
        .await
        .in_layout(layout)?;
    let form = form.unwrap_or_else(|| UserForm {
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone().unwrap_or_default(),
        agency_id: user.agency_id.to_string(),
        roles: user.roles.clone(),
        password: String::new(),
        disabled: user.disabled.then(|| "on".to_owned()),
    });
    let layout = layout();
    let page = UserPage {
        agencies: agency_rows(&agencies, layout.tr.lang),
        roles: bluehelm_app::accounts::grantable_roles()
            .into_iter()
            .map(|role| role.as_str())
            .collect(),
        layout,
        user,
        form,
        errors,
        saved,
    };
    render(&page, &page.errors)
}

pub async fn user(
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, WebError> {
    user_page(&viewer, id, None, Vec::new(), query.saved.is_some()).await
}

pub async fn update_user(
    viewer: Viewer,
    Path(id): Path<i64>,
    body: String,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let form = user_form(&body);
    let ctx = viewer.ctx();
    let result = match form.agency_id() {
        Ok(agency_id) => {
            let input = UserUpdate {
                display_name: form.display_name.clone(),
                email: form.email.clone(),
                agency_id,
                roles: form.roles.clone(),
                disabled: form.disabled.is_some(),
            };
            bluehelm_app::accounts::update_user(&ctx, id, &input).await
        }
        Err(error) => Err(error),
    };
    after(
        caller,
        "/admin/users",
        result,
        |_| format!("/admin/users/{id}?saved=1"),
        |errors| user_page(&viewer, id, Some(form), errors, false),
    )
    .await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    password: String,
}

pub async fn set_password(
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = bluehelm_app::accounts::set_password(&ctx, id, &form.password).await;
    after(
        caller,
        "/admin/users",
        result,
        |()| format!("/admin/users/{id}?saved=1"),
        |errors| user_page(&viewer, id, None, errors, false),
    )
    .await
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    principal: bluehelm_domain::policy::Principal,
    actions: Vec<&'static str>,
    entities: &'static [&'static str],
    entries: Page<AuditEntry>,
    query: AuditQuery,
    next_query: String,
    previous_query: String,
}

/// One field of an entry as the trail shows it: its name in the reader's words (or as
/// recorded, marked so, when the catalogue has no name for it) and both values.
pub struct ChangeRow {
    pub label: String,
    pub named: bool,
    pub before: String,
    pub after: String,
    /// Whether the values are shown in the reader's words (a status by its name) rather
    /// than as recorded.
    pub worded: bool,
}

/// The catalogue prefix that names the values of an entity's field, where there is one.
fn value_terms(entity: &str, field: &str) -> Option<&'static str> {
    Some(match (entity, field) {
        ("person", "status") => "status",
        ("un_request", "status") => "request_status",
        ("nomination", "status") => "nomination_status",
        ("dossier", "status") => "dossier_status",
        ("deployment", "status") => "deployment_status",
        ("dossier_step", "status") => "step_status",
        (_, "gender") => "gender",
        (_, "service") => "service",
        (_, "personnel_type") => "personnel",
        (_, "category") => "category",
        (_, "decision") => "decision",
        ("dossier_document", "kind") => "document_kind",
        ("identity_document", "kind") => "document",
        (_, "roles") => "role",
        _ => return None,
    })
}

impl AuditPage {
    fn changes(&self, entry: &AuditEntry) -> Vec<ChangeRow> {
        let tr = &self.layout.tr;
        let shown = |value: Option<serde_json::Value>, terms: Option<&str>| -> String {
            match value {
                Some(serde_json::Value::String(code)) if terms.is_some() => {
                    tr.term(terms.unwrap_or_default(), &code)
                }
                None | Some(serde_json::Value::Null) => "—".to_owned(),
                Some(serde_json::Value::String(text)) => {
                    let format = time::macros::format_description!("[year]-[month]-[day]");
                    match time::Date::parse(&text, &format) {
                        Ok(date) => tr.date(date),
                        Err(_) => text,
                    }
                }
                Some(serde_json::Value::Array(items))
                    if items.iter().all(serde_json::Value::is_string) =>
                {
                    items
                        .iter()
                        .filter_map(serde_json::Value::as_str)
                        .map(|code| match terms {
                            Some(prefix) => tr.term(prefix, code),
                            None => code.to_owned(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
                Some(serde_json::Value::Bool(yes)) => {
                    tr.t(if yes { "word.yes" } else { "word.no" }).to_owned()
                }
                Some(other) => other.to_string(),
            }
        };
        bluehelm_domain::audit::field_changes(entry.before.as_deref(), entry.after.as_deref())
            .into_iter()
            .map(|change| {
                let label = tr.term_or("audit_field", &change.field, "");
                let terms = value_terms(&entry.entity, &change.field);
                ChangeRow {
                    named: !label.is_empty(),
                    worded: terms.is_some(),
                    before: shown(change.before, terms),
                    after: shown(change.after, terms),
                    label: if label.is_empty() {
                        change.field
                    } else {
                        label
                    },
                }
            })
            .collect()
    }

    /// Where the entry's record is shown, when the reader may open records of its kind.
    fn record_link(&self, entry: &AuditEntry) -> Option<String> {
        let id: i64 = entry.entity_id.as_deref()?.parse().ok()?;
        let path = match entry.entity.as_str() {
            "person" => "/people",
            "un_request" => "/requests",
            "dossier" => "/dossiers",
            "deployment" => "/deployments",
            "formed_unit" => "/units",
            "training_course" => "/training",
            "agency" => "/admin/agencies",
            "user" => "/admin/users",
            _ => return None,
        };
        let resource = bluehelm_domain::policy::audited_resource(&entry.entity)?;
        bluehelm_domain::policy::scope(
            &self.principal,
            bluehelm_domain::policy::Action::Read,
            resource,
        )
        .ok()?;
        Some(format!("{path}/{id}"))
    }
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<u32>,
}

fn parse_day(field: &str, value: &str) -> Result<Option<time::OffsetDateTime>, AppError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value.trim(), &format)
        .map(|date| Some(date.midnight().assume_utc()))
        .map_err(|_| {
            AppError::field(
                field,
                "invalid_date",
                "validation.must_be_a_date_yyyy_mm_dd",
            )
        })
}

pub async fn audit(viewer: Viewer, Query(query): Query<AuditQuery>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/audit");
    let ctx = viewer.ctx();
    let non_empty = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
    let actor_user_id = match non_empty(&query.actor) {
        Some(name) => Some(
            bluehelm_app::audit::actor_id(&ctx, &name)
                .await
                .in_layout(layout)?
                .unwrap_or(-1),
        ),
        None => None,
    };
    let filter = AuditFilter {
        actor_user_id,
        action: non_empty(&query.action),
        entity: non_empty(&query.entity),
        entity_id: non_empty(&query.entity_id),
        from: parse_day("from", &query.from).in_layout(layout)?,
        to: parse_day("to", &query.to)
            .in_layout(layout)?
            .map(|day| day + time::Duration::days(1)),
    };
    let page = PageRequest::parse(query.page, None)
        .map_err(|error| AppError::Invalid(bluehelm_domain::Invalid(vec![error])))
        .in_layout(layout)?;
    let entries = bluehelm_app::audit::list_audit(&ctx, &filter, page)
        .await
        .in_layout(layout)?;
    let link = |page: u32| {
        let with_page = AuditQuery {
            page: Some(page),
            ..query.clone()
        };
        serde_urlencoded::to_string(&with_page).unwrap_or_default()
    };
    let current = page.page;
    let view = AuditPage {
        layout: layout(),
        principal: caller.principal.clone(),
        actions: bluehelm_domain::audit::AuditAction::ALL
            .iter()
            .map(|action| action.as_str())
            .collect(),
        entities: &bluehelm_domain::policy::AUDITED_ENTITIES,
        next_query: link(current + 1),
        previous_query: link(current.saturating_sub(1).max(1)),
        entries,
        query,
    };
    render(&view, &[])
}
