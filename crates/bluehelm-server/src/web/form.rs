//! What the form pages share: a submitted form as a name → value map, the entry a refused
//! form is shown again with, and the outcome of a form (post/redirect/get on success, the
//! page again with its errors on refusal).

use std::collections::HashMap;

use axum::response::{IntoResponse, Redirect, Response};
use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::Page;
use bluehelm_domain::FieldError;

use super::{form_errors, Layout, WebError, WithLayout};
use crate::auth::Caller;
use bluehelm_app::AppError;

pub(super) type Form = HashMap<String, String>;

tokio::task_local! {
    /// Set while a refused form's page is built, so that its layout says so.
    pub(super) static REFUSED: bool;
}

/// Builds the page that answers a refused form, marked as such.
pub(super) async fn refused_page<Fut>(page: Fut) -> Result<Response, WebError>
where
    Fut: std::future::Future<Output = Result<Response, WebError>>,
{
    REFUSED.scope(true, page).await
}

pub(super) fn today() -> time::Date {
    bluehelm_store::now().date()
}

pub(super) fn value(form: &Form, key: &str) -> String {
    form.get(key).cloned().unwrap_or_default()
}

/// The keys after `prefix` of the ticked boxes of a form (`prefix` + key, value `1`), in
/// order: how a form names several agencies, units or documents at once.
pub(super) fn ticked(form: &Form, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = form
        .iter()
        .filter(|(_, value)| value.as_str() == "1")
        .filter_map(|(key, _)| key.strip_prefix(prefix))
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys
}

/// The body limit of a form that uploads a document: the largest document and room for
/// the multipart framing and the form's other fields.
pub(super) const UPLOAD_FORM_BYTES: usize =
    bluehelm_domain::dispatch::MAX_DOCUMENT_BYTES + 64 * 1024;

/// A form sent as multipart: its text fields, and the file of its `file` field.
pub(super) struct Upload {
    pub(super) form: Form,
    pub(super) file_name: String,
    pub(super) bytes: Vec<u8>,
}

/// Reads a multipart form within the route's body limit; a body that is not one, or
/// larger than the limit, is refused on the field `file`.
pub(super) async fn read_upload(
    mut multipart: axum::extract::Multipart,
) -> Result<Upload, crate::error::ApiError> {
    let unreadable =
        |error: axum::extract::multipart::MultipartError| crate::error::ApiError::Rejected {
            status: error.status(),
            code: "unreadable_upload",
            field: Some("file".to_owned()),
            message: error.body_text(),
        };
    let mut upload = Upload {
        form: Form::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or_default().to_owned();
            upload.bytes = field.bytes().await.map_err(unreadable)?.to_vec();
        } else if !name.is_empty() {
            let text = field.text().await.map_err(unreadable)?;
            upload.form.insert(name, text);
        }
    }
    Ok(upload)
}

/// What every form page carries: what was typed, and the errors of the last attempt.
pub(super) struct Entry {
    pub(super) form: Form,
    pub(super) errors: Vec<FieldError>,
}

impl Entry {
    pub(super) fn blank() -> Self {
        Self {
            form: Form::new(),
            errors: Vec::new(),
        }
    }

    pub(super) fn refused(form: Form, errors: Vec<FieldError>) -> Self {
        Self { form, errors }
    }

    pub(super) fn v(&self, key: &str) -> &str {
        self.form.get(key).map(String::as_str).unwrap_or("")
    }

    pub(super) fn error(&self, field: &str) -> Option<String> {
        super::error_for(&self.errors, field)
    }

    /// The messages of every error on a field under `prefix` (a line of a form).
    pub(super) fn errors_under(&self, prefix: &str) -> Vec<&str> {
        self.errors
            .iter()
            .filter(|error| error.field.starts_with(prefix))
            .map(|error| error.message.as_str())
            .collect()
    }
}

/// A form's outcome: on success go to `to`; on refusal show the page again via `again`.
pub(super) async fn after<T, F, Fut>(
    caller: &Caller,
    path: &str,
    result: Result<T, AppError>,
    to: impl FnOnce(T) -> String,
    again: F,
) -> Result<Response, WebError>
where
    F: FnOnce(Vec<FieldError>) -> Fut,
    Fut: std::future::Future<Output = Result<Response, WebError>>,
{
    match result {
        Ok(done) => {
            let mut response = Redirect::to(&to(done)).into_response();
            let flash = crate::auth::set_cookie(
                crate::auth::FLASH_COOKIE,
                crate::auth::SAVED,
                Some(60),
                false,
            );
            if let Ok(value) = flash.parse() {
                response
                    .headers_mut()
                    .append(axum::http::header::SET_COOKIE, value);
            }
            Ok(response)
        }
        Err(error) => {
            let errors =
                form_errors(error, caller.lang()).in_layout(|| Layout::for_caller(caller, path))?;
            refused_page(again(errors)).await
        }
    }
}

pub(super) fn name_in(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// Missions as (code, "code — name in `lang`"), for a pick-list.
pub(super) fn mission_options(
    missions: &[bluehelm_store::mission::Mission],
    lang: Lang,
) -> Vec<(String, String)> {
    missions
        .iter()
        .map(|mission| {
            let name = name_in(lang, &mission.name_vi, &mission.name_en);
            (mission.code.clone(), format!("{} — {name}", mission.code))
        })
        .collect()
}

/// The specialties of the catalogue as (code, name in `lang`), for a pick-list.
pub(super) fn specialty_options(
    specialties: &[bluehelm_store::catalogue::Specialty],
    lang: Lang,
) -> Vec<(String, String)> {
    specialties
        .iter()
        .map(|s| (s.code.clone(), name_in(lang, &s.name_vi, &s.name_en)))
        .collect()
}

/// The qualification kinds of the catalogue as (code, name in `lang`), for a pick-list.
pub(super) fn qualification_options(
    kinds: &[bluehelm_store::catalogue::QualificationKind],
    lang: Lang,
) -> Vec<(String, String)> {
    kinds
        .iter()
        .map(|k| (k.code.clone(), name_in(lang, &k.name_vi, &k.name_en)))
        .collect()
}

/// The ranks of `service`'s table as (code, name in `lang`), lowest first, for a
/// position's rank range (the orders are the same in every table).
pub(super) fn position_rank_options(
    service: bluehelm_domain::person::Service,
    lang: Lang,
) -> Vec<(String, String)> {
    bluehelm_domain::rank::ranks(service)
        .iter()
        .map(|rank| {
            (
                rank.code.clone(),
                name_in(lang, &rank.name_vi, &rank.name_en),
            )
        })
        .collect()
}

/// The languages Bluehelm knows as (code, name in the reader's language), for a pick-list.
pub(super) fn language_options(tr: &bluehelm_app::i18n::Tr) -> Vec<(&'static str, String)> {
    bluehelm_domain::records::LANGUAGES
        .iter()
        .map(|code| (*code, tr.term("language_name", code)))
        .collect()
}

/// The pick-lists of a form that names agencies and a legal basis: every agency as
/// (code, name) and every document of the registry as (id, label), in the reader's
/// language.
pub(super) async fn agencies_and_documents(
    ctx: &bluehelm_app::Ctx<'_>,
    lang: Lang,
) -> Result<(Vec<(String, String)>, Vec<(i64, String)>), AppError> {
    let agencies = bluehelm_app::agencies::all_agencies(ctx)
        .await?
        .into_iter()
        .map(|agency| {
            let name = name_in(lang, &agency.name_vi, &agency.name_en);
            (agency.code, name)
        })
        .collect();
    let documents = bluehelm_app::legal::choices(ctx, lang == Lang::Vi).await?;
    Ok((agencies, documents))
}

/// The links of a sorted, paged list: a column's heading sorts by it, and again the other
/// way; the pager keeps the order.
pub(super) struct ListLinks {
    /// The list's address, with the filters it keeps (`/tasks?view=overdue`).
    pub(super) base: String,
    pub(super) sort: String,
    pub(super) page: u32,
    pub(super) pages: i64,
    /// The count stopped at a cap: there are pages past `pages`.
    pub(super) more: bool,
}

impl ListLinks {
    pub(super) fn new<T>(base: &str, sort: Option<String>, found: &Page<T>) -> Self {
        Self {
            base: base.to_owned(),
            sort: sort.unwrap_or_default(),
            page: found.page,
            pages: found.pages(),
            more: found.total_capped,
        }
    }

    /// What joins a parameter to the list's address.
    fn joiner(&self) -> char {
        if self.base.contains('?') {
            '&'
        } else {
            '?'
        }
    }

    pub(super) fn sort_link(&self, key: &str) -> String {
        let next = if self.sort == key {
            format!("-{key}")
        } else {
            key.to_owned()
        };
        format!("{}{}sort={next}", self.base, self.joiner())
    }

    /// The heading's `aria-sort`.
    pub(super) fn aria_sort(&self, key: &str) -> &'static str {
        match self.sort.strip_prefix('-') {
            Some(sorted) if sorted == key => "descending",
            None if self.sort == key => "ascending",
            _ => "none",
        }
    }

    pub(super) fn page_link(&self, page: i64) -> String {
        if self.sort.is_empty() {
            format!("{}{}page={page}", self.base, self.joiner())
        } else {
            format!(
                "{}{}sort={}&page={page}",
                self.base,
                self.joiner(),
                self.sort
            )
        }
    }
}

/// A list page's rows and links: the page and order asked for, or the first page in the
/// default order when the query is not one (an old bookmark, a hand-edited address).
pub(super) async fn list_page<T, F, Fut>(
    base: &str,
    query: ListQuery,
    default_sort: &'static str,
    load: F,
) -> Result<(Vec<T>, ListLinks), AppError>
where
    F: Fn(String, Option<u32>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, AppError>>,
{
    let sort = query.sort.unwrap_or_else(|| default_sort.to_owned());
    let (sort, found) = match load(sort.clone(), query.page).await {
        Ok(found) => (sort, found),
        Err(AppError::Invalid(_)) => (
            default_sort.to_owned(),
            load(default_sort.to_owned(), None).await?,
        ),
        Err(error) => return Err(error),
    };
    let links = ListLinks::new(base, Some(sort), &found);
    Ok((found.items, links))
}

/// `?sort=key&page=N` of a list page; a value that is not one shows the default.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
}
