//! The catalogues page: specialties, qualification kinds and the eligibility settings,
//! read by everybody and kept by administrators.

use askama::Template;
use axum::response::Response;
use bluehelm_domain::catalogue::CatalogueInput;
use bluehelm_domain::eligibility::{AgeLimit, EligibilitySettings, PersonnelType};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_domain::records::QualificationCategory;
use bluehelm_domain::suitability::Weights;
use bluehelm_domain::FieldError;
use bluehelm_store::catalogue::{QualificationKind, Specialty};
use serde::Deserialize;

use super::form::after;
use super::{error_for, render, Layout, Viewer, WebError, WithLayout};

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::AppError;
use bluehelm_app::{catalogue, people};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/catalogues", get(show))
        .route("/admin/catalogues/specialties", post(save_specialty))
        .route("/admin/catalogues/qualification-kinds", post(save_kind))
        .route("/admin/catalogues/settings", post(save_settings))
        .route("/admin/catalogues/weights", post(save_weights))
}

#[derive(Template)]
#[template(path = "catalogues.html")]
struct CataloguesPage {
    layout: Layout,
    specialties: Vec<Specialty>,
    kinds: Vec<QualificationKind>,
    categories: Vec<&'static str>,
    settings: EligibilitySettings,
    /// Each weight's field name and value, in the form's order.
    weights: Vec<(&'static str, u32)>,
    can_edit: bool,
    /// Which form the errors belong to: `specialty`, `kind`, `settings` or `weights`.
    failed: &'static str,
    errors: Vec<FieldError>,
}

impl CataloguesPage {
    fn error(&self, form: &str, field: &str) -> Option<String> {
        (self.failed == form)
            .then(|| error_for(&self.errors, field))
            .flatten()
    }
}

async fn page(
    viewer: &Viewer,
    failed: &'static str,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/admin/catalogues");
    let ctx = viewer.ctx();
    let page = CataloguesPage {
        specialties: people::specialties(&ctx).await.in_layout(layout)?,
        kinds: people::qualification_kinds(&ctx).await.in_layout(layout)?,
        categories: QualificationCategory::ALL
            .iter()
            .map(|c| c.as_str())
            .collect(),
        settings: catalogue::eligibility_settings(&ctx)
            .await
            .in_layout(layout)?,
        weights: catalogue::suitability_weights(&ctx)
            .await
            .in_layout(layout)?
            .fields()
            .to_vec(),
        can_edit: policy::scope(&caller.principal, Action::Update, Resource::Catalogue).is_ok(),
        layout: layout(),
        failed,
        errors,
    };
    render(&page, &page.errors)
}

pub async fn show(viewer: Viewer) -> Result<Response, WebError> {
    page(&viewer, "", Vec::new()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub validity_months: String,
}

impl EntryForm {
    fn input(self) -> CatalogueInput {
        CatalogueInput {
            code: self.code.trim().to_owned(),
            name_vi: self.name_vi,
            name_en: self.name_en,
            category: self.category,
            validity_months: self.validity_months,
        }
    }
}

/// After a write: back to the page, or the page again with the form's errors.
async fn settle<T>(
    viewer: &Viewer,
    form: &'static str,
    result: Result<T, AppError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    after(
        caller,
        "/admin/catalogues",
        result,
        |_| "/admin/catalogues".into(),
        |errors| page(viewer, form, errors),
    )
    .await
}

/// Saves a specialty: a new code adds one, a known code (the insert's conflict) renames it.
pub async fn save_specialty(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<EntryForm>,
) -> Result<Response, WebError> {
    let ctx = viewer.ctx();
    let input = form.input();
    let result = match catalogue::create_specialty(&ctx, &input).await {
        Err(AppError::Conflict { .. }) => catalogue::update_specialty(&ctx, &input).await,
        created => created,
    };
    settle(&viewer, "specialty", result).await
}

/// Saves a qualification kind: a new code adds one, a known code changes it.
pub async fn save_kind(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<EntryForm>,
) -> Result<Response, WebError> {
    let ctx = viewer.ctx();
    let input = form.input();
    let result = match catalogue::create_qualification_kind(&ctx, &input).await {
        Err(AppError::Conflict { .. }) => catalogue::update_qualification_kind(&ctx, &input).await,
        created => created,
    };
    settle(&viewer, "kind", result).await
}

/// The settings form: the margins and, for each personnel type, `min_<type>` and
/// `max_<type>`.
pub async fn save_settings(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let value = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut number = |name: &str| -> i64 {
        value(name).parse::<i64>().unwrap_or_else(|_| {
            errors.push(FieldError::new(
                name,
                "invalid_number",
                "validation.must_be_a_whole_number",
            ));
            0
        })
    };
    let rest_months = number("rest_months");
    let passport_months = number("passport_months_beyond_tour");
    let age_limits: Vec<AgeLimit> = PersonnelType::ALL
        .iter()
        .map(|&personnel_type| AgeLimit {
            personnel_type,
            min_years: number(&format!("min_{}", personnel_type.as_str())) as i32,
            max_years: number(&format!("max_{}", personnel_type.as_str())) as i32,
        })
        .collect();
    if !errors.is_empty() {
        return page(&viewer, "settings", errors).await;
    }
    let settings = EligibilitySettings {
        rest_months: u32::try_from(rest_months).unwrap_or(u32::MAX),
        passport_months_beyond_tour: u32::try_from(passport_months).unwrap_or(u32::MAX),
        medical_through_tour_end: !value("medical_through_tour_end").is_empty(),
        age_limits,
    };
    let ctx = viewer.ctx();
    let result = catalogue::set_eligibility_settings(&ctx, &settings).await;
    settle(&viewer, "settings", result).await
}

/// The suitability weights form: one whole number per weight, named as in the API.
pub async fn save_weights(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let mut errors = Vec::new();
    let number = |name: &str| -> u32 {
        let text = form
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .unwrap_or_default();
        text.parse::<u32>().unwrap_or_else(|_| {
            errors.push(FieldError::new(
                name,
                "invalid_number",
                "validation.must_be_a_whole_number_from_0",
            ));
            0
        })
    };
    let weights = Weights::from_fields(number);
    if !errors.is_empty() {
        return page(&viewer, "weights", errors).await;
    }
    let ctx = viewer.ctx();
    let result = catalogue::set_suitability_weights(&ctx, &weights).await;
    settle(&viewer, "weights", result).await
}
