//! What the form pages share: a submitted form as a name → value map, the entry a refused
//! form is shown again with, and the outcome of a form (post/redirect/get on success, the
//! page again with its errors on refusal).

use std::collections::HashMap;

use axum::response::{IntoResponse, Redirect, Response};
use bluehelm_domain::lang::Lang;
use bluehelm_domain::FieldError;

use super::{form_errors, Layout, WebError, WithLayout};
use crate::auth::Caller;
use bluehelm_app::AppError;

pub(super) type Form = HashMap<String, String>;

pub(super) fn today() -> time::Date {
    bluehelm_store::now().date()
}

pub(super) fn value(form: &Form, key: &str) -> String {
    form.get(key).cloned().unwrap_or_default()
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
            again(errors).await
        }
    }
}

pub(super) fn name_in(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
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

/// The languages Bluehelm knows as (code, name in the reader's language), for a pick-list.
pub(super) fn language_options(tr: &bluehelm_app::i18n::Tr) -> Vec<(&'static str, String)> {
    bluehelm_domain::records::LANGUAGES
        .iter()
        .map(|code| (*code, tr.term("language_name", code)))
        .collect()
}
