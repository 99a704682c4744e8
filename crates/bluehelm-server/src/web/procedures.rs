//! The dispatch procedures' pages: the procedures with their versions, one version with
//! its steps and citations, and for the registry's keepers a new version, the draft's
//! form (terms, basis, steps) and its activation.
//!
//! The draft's form names its inputs as the API's fields (`steps[2].agency`,
//! `basis[0].document_id`), so that an error lands on its input. Rows left blank or
//! ticked "remove" are dropped, and the errors renumbered back to the rows shown.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use bluehelm_domain::dispatch::{DecisionType, ForceCategory, DOCUMENT_KINDS, LEAD_AGENCY};
use bluehelm_domain::lang::Lang;
use bluehelm_domain::procedure::{
    CitationInput, StepInput, TemplateInput, VersionStatus, STEP_ROLES,
};
use bluehelm_domain::FieldError;
use bluehelm_store::dossier::Template as Version;

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use bluehelm_app::procedures::{self, TemplateDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/templates", get(list))
        .route("/templates/{id}", get(version))
        .route("/templates/{id}/edit", get(edit).post(save))
        .route("/templates/{id}/versions", post(new_version))
        .route("/templates/{id}/activate", post(activate))
}

fn version_name(lang: Lang, version: &Version) -> String {
    name_in(lang, &version.name_vi, &version.name_en)
}

/// "01/01/2026 – 31/12/2026", or "từ 01/01/2026".
fn period(layout: &Layout, version: &Version) -> String {
    let tr = &layout.tr;
    match version.valid_to {
        Some(to) => format!("{} – {}", tr.date(version.valid_from), tr.date(to)),
        None => format!("{} {}", tr.t("legal.from"), tr.date(version.valid_from)),
    }
}

fn terms(layout: &Layout, prefix: &str, codes: &str) -> String {
    codes
        .split(',')
        .filter(|code| !code.is_empty())
        .map(|code| layout.tr.term(prefix, code))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Template)]
#[template(path = "templates.html")]
struct ListPage {
    layout: Layout,
    procedures: Vec<(String, Vec<Version>)>,
}

impl ListPage {
    fn name(&self, version: &Version) -> String {
        version_name(self.layout.tr.lang, version)
    }

    fn period(&self, version: &Version) -> String {
        period(&self.layout, version)
    }
}

pub async fn list(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/templates");
    let templates = procedures::templates(&viewer.ctx())
        .await
        .in_layout(layout)?;
    let page = ListPage {
        layout: layout(),
        procedures: procedures::by_procedure(templates),
    };
    render(&page, &[])
}

#[derive(Template)]
#[template(path = "template.html")]
struct VersionPage {
    layout: Layout,
    detail: TemplateDetail,
    entry: Entry,
}

impl VersionPage {
    fn name(&self, version: &Version) -> String {
        version_name(self.layout.tr.lang, version)
    }

    fn period(&self, version: &Version) -> String {
        period(&self.layout, version)
    }

    fn terms(&self, prefix: &str, codes: &str) -> String {
        terms(&self.layout, prefix, codes)
    }

    fn step_name(&self, vi: &str, en: &str) -> String {
        name_in(self.layout.tr.lang, vi, en)
    }

    fn activated(&self) -> Option<String> {
        self.detail
            .template
            .activated_at
            .map(|at| self.layout.tr.moment(at))
    }

    fn agency(&self, code: &str) -> String {
        if code == LEAD_AGENCY {
            self.layout.tr.t("templates.lead_agency").to_owned()
        } else {
            code.to_owned()
        }
    }
}

async fn version_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/templates/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let detail = procedures::template_detail(&viewer.ctx(), id)
        .await
        .in_layout(layout)?;
    let page = VersionPage {
        layout: layout(),
        detail,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn version(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    version_page(&viewer, id, Entry::blank()).await
}

pub async fn new_version(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let result = procedures::new_version(&viewer.ctx(), id).await;
    let path = format!("/templates/{id}");
    after(
        caller,
        &path,
        result,
        |created| format!("/templates/{}/edit", created.id),
        |errors| version_page(&viewer, id, Entry::refused(Form::new(), errors)),
    )
    .await
}

pub async fn activate(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let result = procedures::activate(&viewer.ctx(), id).await;
    let path = format!("/templates/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| version_page(&viewer, id, Entry::refused(Form::new(), errors)),
    )
    .await
}

/// The draft's form as name → value, from a version's input.
fn form_of(input: &TemplateInput) -> Form {
    let mut form = Form::new();
    let mut put = |key: String, value: &str| {
        form.insert(key, value.to_owned());
    };
    put("name_vi".into(), &input.name_vi);
    put("name_en".into(), &input.name_en);
    put("valid_from".into(), &input.valid_from);
    put("valid_to".into(), &input.valid_to);
    for category in &input.categories {
        put(format!("category.{category}"), "1");
    }
    for decision in &input.decisions {
        put(format!("decision.{decision}"), "1");
    }
    for (index, cited) in input.basis.iter().enumerate() {
        put(
            format!("basis[{index}].document_id"),
            &cited.document_id.to_string(),
        );
        put(format!("basis[{index}].article"), &cited.article);
    }
    for (index, step) in input.steps.iter().enumerate() {
        let field = |name: &str| format!("steps[{index}].{name}");
        put(field("code"), &step.code);
        put(field("seq"), &step.seq);
        put(field("name_vi"), &step.name_vi);
        put(field("name_en"), &step.name_en);
        put(field("agency"), &step.agency);
        put(field("role"), &step.role);
        put(field("limit_days"), &step.limit_days);
        for kind in &step.documents {
            put(field(&format!("documents.{kind}")), "1");
        }
        for (position, cited) in step.provision.iter().enumerate() {
            put(
                field(&format!("provision[{position}].document_id")),
                &cited.document_id.to_string(),
            );
            put(
                field(&format!("provision[{position}].article")),
                &cited.article,
            );
        }
    }
    form
}

/// How many rows of `prefix[N].` the form holds.
fn rows(form: &Form, prefix: &str) -> usize {
    (0..)
        .take_while(|index| {
            let start = format!("{prefix}[{index}].");
            form.keys().any(|key| key.starts_with(&start))
        })
        .count()
}

fn citations(form: &Form, prefix: &str) -> (Vec<CitationInput>, Vec<usize>) {
    let mut cited = Vec::new();
    let mut shown = Vec::new();
    for index in 0..rows(form, prefix) {
        let document = value(form, &format!("{prefix}[{index}].document_id"));
        let article = value(form, &format!("{prefix}[{index}].article"));
        if document.trim().is_empty() && article.trim().is_empty() {
            continue;
        }
        cited.push(CitationInput {
            // An unknown or empty choice is refused by the registry's check, by field.
            document_id: document.trim().parse().unwrap_or(0),
            article,
        });
        shown.push(index);
    }
    (cited, shown)
}

/// The rows a draft's input came from, to renumber its errors back to the form.
#[derive(Default)]
struct Shown {
    basis: Vec<usize>,
    steps: Vec<usize>,
    provisions: Vec<Vec<usize>>,
}

fn input_of(form: &Form) -> (TemplateInput, Shown) {
    let mut shown = Shown::default();
    let ticked = |key: String| value(form, &key) == "1";
    let (basis, basis_rows) = citations(form, "basis");
    shown.basis = basis_rows;
    let mut steps = Vec::new();
    for index in 0..rows(form, "steps") {
        let field = |name: &str| value(form, &format!("steps[{index}].{name}"));
        let blank = ["seq", "name_vi", "name_en", "limit_days"]
            .iter()
            .all(|name| field(name).trim().is_empty());
        if blank || field("remove") == "1" {
            continue;
        }
        let (provision, provision_rows) = citations(form, &format!("steps[{index}].provision"));
        steps.push(StepInput {
            code: field("code"),
            seq: field("seq"),
            name_vi: field("name_vi"),
            name_en: field("name_en"),
            agency: field("agency"),
            role: field("role"),
            limit_days: field("limit_days"),
            documents: DOCUMENT_KINDS
                .iter()
                .filter(|kind| ticked(format!("steps[{index}].documents.{kind}")))
                .map(|kind| (*kind).to_owned())
                .collect(),
            provision,
        });
        shown.steps.push(index);
        shown.provisions.push(provision_rows);
    }
    let input = TemplateInput {
        name_vi: value(form, "name_vi"),
        name_en: value(form, "name_en"),
        valid_from: value(form, "valid_from"),
        valid_to: value(form, "valid_to"),
        categories: ForceCategory::ALL
            .iter()
            .filter(|c| ticked(format!("category.{}", c.as_str())))
            .map(|c| c.as_str().to_owned())
            .collect(),
        decisions: DecisionType::ALL
            .iter()
            .filter(|d| ticked(format!("decision.{}", d.as_str())))
            .map(|d| d.as_str().to_owned())
            .collect(),
        basis,
        steps,
    };
    (input, shown)
}

/// `steps[1].provision[0].document_id` of the input is the form's `steps[3].…` when rows
/// before it were dropped.
fn renumber(errors: Vec<FieldError>, shown: &Shown) -> Vec<FieldError> {
    let index_in = |field: &str, prefix: &str| -> Option<(usize, usize)> {
        let rest = field.strip_prefix(prefix)?.strip_prefix('[')?;
        let end = rest.find(']')?;
        Some((rest[..end].parse().ok()?, prefix.len() + 1 + end + 1))
    };
    errors
        .into_iter()
        .map(|mut error| {
            if let Some((index, after)) = index_in(&error.field, "basis") {
                if let Some(row) = shown.basis.get(index) {
                    error.field = format!("basis[{row}]{}", &error.field[after..]);
                }
            } else if let Some((index, after)) = index_in(&error.field, "steps") {
                if let Some(row) = shown.steps.get(index) {
                    let rest = &error.field[after..];
                    let rest = match (index_in(rest, ".provision"), shown.provisions.get(index)) {
                        (Some((position, tail)), Some(rows)) => match rows.get(position) {
                            Some(shown_row) => format!(".provision[{shown_row}]{}", &rest[tail..]),
                            None => rest.to_owned(),
                        },
                        _ => rest.to_owned(),
                    };
                    error.field = format!("steps[{row}]{rest}");
                }
            }
            error
        })
        .collect()
}

#[derive(Template)]
#[template(path = "template_edit.html")]
struct EditPage {
    layout: Layout,
    version: Version,
    /// Rows of the form: those typed or recorded, and one blank to add.
    basis_rows: usize,
    step_rows: usize,
    categories: Vec<(&'static str, String)>,
    decisions: Vec<(&'static str, String)>,
    roles: Vec<(&'static str, String)>,
    kinds: Vec<(&'static str, String)>,
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    entry: Entry,
}

impl EditPage {
    fn name(&self) -> String {
        version_name(self.layout.tr.lang, &self.version)
    }

    /// A field's name in row `index` of `rows`: `steps[2].agency`.
    fn at(&self, rows: &str, index: &usize, field: &str) -> String {
        format!("{rows}[{index}].{field}")
    }

    fn v(&self, field: &str) -> &str {
        self.entry.v(field)
    }

    fn ticked(&self, field: &str) -> bool {
        self.entry.v(field) == "1"
    }

    fn error(&self, field: &str) -> Option<String> {
        self.entry.error(field)
    }

    /// How many citation rows step `index` shows: those it has, at least one.
    fn provision_rows(&self, index: &usize) -> usize {
        rows(&self.entry.form, &format!("steps[{index}].provision")).max(1)
    }
}

async fn edit_page(viewer: &Viewer, id: i64, entry: Option<Entry>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/templates/{id}/edit");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = procedures::template_detail(&ctx, id)
        .await
        .in_layout(layout)?;
    if detail.template.status != VersionStatus::Draft.as_str() || !detail.may_edit {
        // Only a draft has a form; its keepers alone see it.
        return Ok(Redirect::to(&format!("/templates/{id}")).into_response());
    }
    let entry = entry.unwrap_or_else(|| Entry {
        form: form_of(&procedures::input_of(&detail)),
        errors: Vec::new(),
    });
    let lang = caller.lang();
    let documents = bluehelm_app::legal::choices(&ctx, lang == Lang::Vi)
        .await
        .in_layout(layout)?;
    let agencies = bluehelm_app::agencies::all_agencies(&ctx)
        .await
        .in_layout(layout)?;
    let layout = layout();
    let named = |prefix: &str, codes: &mut dyn Iterator<Item = &'static str>| {
        codes
            .map(|code| (code, layout.tr.term(prefix, code)))
            .collect::<Vec<_>>()
    };
    let mut agency_choices = vec![(
        LEAD_AGENCY.to_owned(),
        layout.tr.t("templates.lead_agency").to_owned(),
    )];
    agency_choices.extend(agencies.into_iter().map(|a| {
        let name = name_in(lang, &a.name_vi, &a.name_en);
        (a.code.clone(), format!("{} – {name}", a.code))
    }));
    let page = EditPage {
        basis_rows: rows(&entry.form, "basis") + 1,
        step_rows: rows(&entry.form, "steps") + 1,
        categories: named(
            "category",
            &mut ForceCategory::ALL.iter().map(|c| c.as_str()),
        ),
        decisions: named(
            "decision",
            &mut DecisionType::ALL.iter().map(|d| d.as_str()),
        ),
        roles: named("role", &mut STEP_ROLES.iter().map(|r| r.as_str())),
        kinds: named("document_kind", &mut DOCUMENT_KINDS.iter().copied()),
        agencies: agency_choices,
        documents,
        version: detail.template,
        layout,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn edit(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    edit_page(&viewer, id, None).await
}

pub async fn save(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let (input, shown) = input_of(&form);
    let result = procedures::save_draft(&viewer.ctx(), id, &input).await;
    let path = format!("/templates/{id}/edit");
    after(
        caller,
        &path,
        result,
        |_| format!("/templates/{id}"),
        |errors| {
            let errors = renumber(errors, &shown);
            edit_page(&viewer, id, Some(Entry::refused(form, errors)))
        },
    )
    .await
}
