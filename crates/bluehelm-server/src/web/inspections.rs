//! The inspection pages: the visits to the forces at missions, and each visit with its
//! checklist, findings and recommendations, the forms the inspectors record them with, and
//! a printable report (the page itself, printed: the navigation and forms are left off by
//! the print style sheet).

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::inspections;
use bluehelm_domain::inspection::{
    CheckArea, CheckInput, CheckResult, FindingInput, InspectionInput, PersonInput,
    RecommendationInput, Severity,
};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::inspection::{
    Evidence, Finding, Inspection, InspectionRecord, Recommendation, VisitedPerson,
};

use super::coordination::contributions;
use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inspections", get(list).post(create))
        .route("/inspections/{id}", get(one))
        .route("/inspections/{id}/checks", post(record_check))
        .route("/inspections/{id}/findings", post(add_finding))
        .route(
            "/inspections/{id}/recommendations",
            post(add_recommendation),
        )
        .route(
            "/inspections/{id}/findings/{finding_id}/evidence",
            post(add_evidence).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_FORM_BYTES)),
        )
        .route("/inspections/{id}/evidence/{evidence_id}", get(evidence))
        .route("/inspections/{id}/people", post(add_person))
}

fn terms(
    tr: &bluehelm_app::i18n::Tr,
    prefix: &str,
    codes: &[&'static str],
) -> Vec<(&'static str, String)> {
    codes
        .iter()
        .map(|code| (*code, tr.term(prefix, code)))
        .collect()
}

fn areas(tr: &bluehelm_app::i18n::Tr) -> Vec<(&'static str, String)> {
    let codes: Vec<_> = CheckArea::ALL.iter().map(|area| area.as_str()).collect();
    terms(tr, "check_area", &codes)
}

type Named = (
    Vec<(i64, String)>,
    Vec<(String, String)>,
    Vec<(i64, String, String)>,
);

/// The visit form's pick-lists in the reader's language; a unit with the code of the
/// mission it serves at.
fn named(choices: inspections::VisitChoices, lang: bluehelm_domain::lang::Lang) -> Named {
    let teams = choices
        .teams
        .into_iter()
        .map(|body| (body.id, name_in(lang, &body.name_vi, &body.name_en)))
        .collect();
    let code_of = |id: Option<i64>| {
        choices
            .missions
            .iter()
            .find(|mission| Some(mission.id) == id)
            .map(|mission| mission.code.clone())
            .unwrap_or_default()
    };
    let units = choices
        .units
        .into_iter()
        .map(|(id, name, mission)| (id, name, code_of(mission)))
        .collect();
    (teams, mission_options(&choices.missions, lang), units)
}

#[derive(Template)]
#[template(path = "inspections.html")]
struct ListPage {
    layout: Layout,
    inspections: Vec<Inspection>,
    links: ListLinks,
    /// Teams as (id, name), missions as (code, name), units as (id, name, mission code),
    /// when the reader may record a visit.
    teams: Vec<(i64, String)>,
    missions: Vec<(String, String)>,
    units: Vec<(i64, String, String)>,
    entry: Entry,
}

impl ListPage {
    fn team(&self, inspection: &Inspection) -> String {
        name_in(
            self.layout.tr.lang,
            &inspection.team_vi,
            &inspection.team_en,
        )
    }

    fn areas(&self) -> Vec<(&'static str, String)> {
        areas(&self.layout.tr)
    }

    fn ticked(&self, key: &str) -> bool {
        self.entry.v(key) == "1"
    }
}

async fn list_page(viewer: &Viewer, query: ListQuery, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/inspections");
    let ctx = viewer.ctx();
    let (inspections, links) =
        super::form::list_page("/inspections", query, "-from", |sort, page| {
            let ctx = &ctx;
            async move {
                let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
                inspections::inspections(ctx, Some(&sort), page).await
            }
        })
        .await
        .in_layout(layout)?;
    let lang = caller.lang();
    let (teams, missions, units) =
        if policy::scope(&caller.principal, Action::Create, Resource::Inspection).is_ok() {
            named(inspections::choices(&ctx).await.in_layout(layout)?, lang)
        } else {
            Default::default()
        };
    let page = ListPage {
        layout: layout(),
        inspections,
        links,
        teams,
        missions,
        units,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn list(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    list_page(&viewer, query, Entry::blank()).await
}

pub async fn create(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = InspectionInput {
        title: value(&form, "title"),
        team_id: value(&form, "team_id"),
        mission: value(&form, "mission"),
        from_on: value(&form, "from_on"),
        to_on: value(&form, "to_on"),
        units: ticked(&form, "unit."),
        areas: ticked(&form, "area."),
        note: value(&form, "note"),
    };
    let result = inspections::create_inspection(&viewer.ctx(), &input).await;
    after(
        &viewer.caller,
        "/inspections",
        result,
        |id| format!("/inspections/{id}"),
        |errors| list_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "inspection.html")]
struct VisitPage {
    layout: Layout,
    record: InspectionRecord,
    /// Whether the reader may record on the visit, and agencies as (code, name) for its
    /// recommendations.
    may_record: bool,
    /// Whether the reader may record what concerns health (the medical role).
    may_record_health: bool,
    /// The officers the visit may have seen and is yet to record, for one who records.
    candidates: Vec<VisitedPerson>,
    agencies: Vec<(String, String)>,
    entry: Entry,
}

impl VisitPage {
    fn team(&self) -> String {
        let visit = &self.record.inspection;
        name_in(self.layout.tr.lang, &visit.team_vi, &visit.team_en)
    }

    /// The visit's areas the reader may record on: those about health for the medical
    /// role alone.
    fn scope(&self) -> Vec<(&'static str, String)> {
        self.record
            .scope()
            .into_iter()
            .filter(|area| self.may_record_health || !area.is_health())
            .map(|area| {
                (
                    area.as_str(),
                    self.layout.tr.term("check_area", area.as_str()),
                )
            })
            .collect()
    }

    fn results(&self) -> Vec<(&'static str, String)> {
        let codes: Vec<_> = CheckResult::ALL
            .iter()
            .map(|result| result.as_str())
            .collect();
        terms(&self.layout.tr, "check_result", &codes)
    }

    fn severities(&self) -> Vec<(&'static str, String)> {
        let codes: Vec<_> = Severity::ALL
            .iter()
            .map(|severity| severity.as_str())
            .collect();
        terms(&self.layout.tr, "severity", &codes)
    }

    fn finding_label(&self, finding: &Finding) -> String {
        format!(
            "{} — {}",
            self.layout.tr.term("check_area", &finding.area),
            finding.description.chars().take(80).collect::<String>()
        )
    }

    /// The files that show a finding.
    fn evidence_of(&self, finding: &Finding) -> Vec<&Evidence> {
        self.record
            .evidence
            .iter()
            .filter(|evidence| evidence.finding_id == finding.id)
            .collect()
    }

    /// Whether the reader may add a file to a finding: about health, the medical role.
    fn may_attach(&self, finding: &Finding) -> bool {
        self.may_record && (self.may_record_health || finding.area != "health")
    }

    fn followed_up(&self, recommendation: &Recommendation) -> bool {
        recommendation.followed_up()
    }

    fn overdue(&self, recommendation: &Recommendation) -> bool {
        !recommendation.followed_up() && recommendation.due_on < today()
    }

    fn checked(&self, code: &str) -> bool {
        self.entry.v(&format!("coordinating.{code}")) == "1"
    }

    fn contribution(&self, code: &str) -> &str {
        self.entry.v(&format!("contribution.{code}"))
    }
}

async fn visit_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/inspections/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let record = inspections::inspection(&ctx, id).await.in_layout(layout)?;
    let may_record = policy::scope(&caller.principal, Action::Update, Resource::Inspection).is_ok();
    let may_record_health =
        policy::scope(&caller.principal, Action::Create, Resource::Medical).is_ok();
    let (agencies, candidates) = if may_record {
        let agencies = agencies_and_documents(&ctx, caller.lang())
            .await
            .in_layout(layout)?
            .0;
        let mut candidates = inspections::people_on_tour_of(&ctx, &record.inspection)
            .await
            .in_layout(layout)?;
        candidates.retain(|person| {
            record
                .people
                .iter()
                .all(|seen| seen.person_id != person.person_id)
        });
        (agencies, candidates)
    } else {
        (Vec::new(), Vec::new())
    };
    let page = VisitPage {
        layout: layout(),
        record,
        may_record,
        may_record_health,
        candidates,
        agencies,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn one(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    visit_page(&viewer, id, Entry::blank()).await
}

/// The end of a form on a visit's page: back to the page on success, or the page again
/// with the form's errors.
async fn settle<T>(
    viewer: &Viewer,
    id: i64,
    form: Form,
    result: Result<T, bluehelm_app::AppError>,
) -> Result<Response, WebError> {
    let path = format!("/inspections/{id}");
    after(
        &viewer.caller,
        &path,
        result,
        |_| path.clone(),
        |errors| visit_page(viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn record_check(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = CheckInput {
        area: value(&form, "area"),
        result: value(&form, "result"),
        note: value(&form, "note"),
    };
    let result = inspections::record_check(&viewer.ctx(), id, &input).await;
    settle(&viewer, id, form, result).await
}

pub async fn add_finding(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = FindingInput {
        area: value(&form, "finding_area"),
        severity: value(&form, "severity"),
        description: value(&form, "description"),
        unit_id: value(&form, "unit_id"),
    };
    let result = inspections::add_finding(&viewer.ctx(), id, &input)
        .await
        .map_err(|error| rename(error, "area", "finding_area"));
    settle(&viewer, id, form, result).await
}

pub async fn add_recommendation(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = RecommendationInput {
        finding_id: value(&form, "finding_id"),
        title: value(&form, "task_title"),
        product: value(&form, "product"),
        presiding: value(&form, "presiding"),
        coordinating: contributions(&form),
        due_on: value(&form, "due_on"),
    };
    let result = inspections::add_recommendation(&viewer.ctx(), id, &input)
        .await
        .map_err(|error| rename(error, "title", "task_title"));
    settle(&viewer, id, form, result).await
}

pub async fn add_person(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = PersonInput {
        person_id: value(&form, "person_id"),
    };
    let result = inspections::add_person(&viewer.ctx(), id, &input).await;
    settle(&viewer, id, form, result).await
}

/// Keeps a file sent from a finding's line of the visit's page.
pub async fn add_evidence(
    viewer: Viewer,
    Path((id, finding)): Path<(i64, i64)>,
    multipart: axum::extract::Multipart,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/inspections/{id}");
    let Upload {
        file_name, bytes, ..
    } = read_upload(multipart)
        .await
        .in_layout(|| Layout::for_caller(caller, &path))?;
    let result = inspections::add_evidence(&viewer.ctx(), id, finding, &file_name, &bytes)
        .await
        .map_err(|error| rename(error, "file", &format!("file.{finding}")));
    let mut form = Form::new();
    form.insert(format!("file_name.{finding}"), file_name);
    settle(&viewer, id, form, result).await
}

pub async fn evidence(
    viewer: Viewer,
    Path((id, evidence)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/inspections/{id}");
    let (evidence, content) = inspections::evidence(&viewer.ctx(), id, evidence)
        .await
        .in_layout(|| Layout::for_caller(caller, &path))?;
    Ok(crate::download::file_response(
        &evidence.file_name,
        &evidence.content_type,
        content,
    ))
}

/// Names a field error as the page's form names the field, where two forms of the page
/// share a field's name.
fn rename(error: bluehelm_app::AppError, from: &str, to: &str) -> bluehelm_app::AppError {
    match error {
        bluehelm_app::AppError::Invalid(mut invalid) => {
            for field in &mut invalid.0 {
                if field.field == from {
                    field.field = to.to_owned();
                }
            }
            bluehelm_app::AppError::Invalid(invalid)
        }
        other => other,
    }
}
