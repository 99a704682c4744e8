//! The training pages (courses, enrolments, results) and the expiry page with the caller's
//! notices.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::person::Service;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::training::{CourseInput, ResultInput};
use bluehelm_domain::FieldError;
use bluehelm_store::notice::Notice;
use bluehelm_store::records::{Expiry, EXPIRY_SORT, SOONEST_FIRST};
use bluehelm_store::training::{Course, Enrolment};
use serde::Deserialize;

use super::form::{after, qualification_options, ListLinks};
use super::{error_for, render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::training::{self, CourseDetail};
use bluehelm_app::{notices, people};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/training", get(list).post(create))
        .route("/training/{id}", get(show))
        .route("/training/{id}/edit", get(edit).post(update))
        .route("/training/{id}/enrolments", post(enrol))
        .route(
            "/training/{id}/enrolments/{enrolment_id}/result",
            post(record_result),
        )
        .route("/expiries", get(expiries))
        .route("/notices/read", post(read_notices))
}

fn today() -> time::Date {
    bluehelm_store::now().date()
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CourseForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub qualification: String,
}

#[derive(Template)]
#[template(path = "training.html")]
struct TrainingPage {
    layout: Layout,
    courses: Vec<Course>,
    all: bool,
    can_create: bool,
    qualifications: Vec<(String, String)>,
    form: CourseForm,
    errors: Vec<FieldError>,
}

impl TrainingPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }

    fn label_of<'a>(&self, field: &'a str) -> &'a str {
        course_label_of(field)
    }
}

/// The message key suffix of a course field's label (`title` alone would clash with the
/// page title's key).
fn course_label_of(field: &str) -> &str {
    if field == "title" {
        "title_field"
    } else {
        field
    }
}

impl CourseForm {
    /// What the course form submits, as the use cases read it.
    fn input(&self) -> CourseInput {
        CourseInput {
            title: self.title.clone(),
            provider: self.provider.clone(),
            place: self.place.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            capacity: self.capacity.clone(),
            qualification: self.qualification.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "course_edit.html")]
struct CourseEditPage {
    layout: Layout,
    course: Course,
    qualifications: Vec<(String, String)>,
    form: CourseForm,
    errors: Vec<FieldError>,
}

impl CourseEditPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }

    fn label_of<'a>(&self, field: &'a str) -> &'a str {
        course_label_of(field)
    }
}

/// The course's form filled with its recorded facts, or with what was typed when refused.
async fn course_edit_page(
    viewer: &Viewer,
    id: i64,
    refused: Option<(CourseForm, Vec<FieldError>)>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/training/{id}/edit");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let course = training::course_for_update(&ctx, id)
        .await
        .in_layout(layout)?;
    let (form, errors) = refused.unwrap_or_else(|| {
        (
            CourseForm {
                title: course.title.clone(),
                provider: course.provider.clone(),
                place: course.place.clone().unwrap_or_default(),
                starts_on: course.starts_on.to_string(),
                ends_on: course.ends_on.to_string(),
                capacity: course.capacity.to_string(),
                qualification: course.qualification.clone().unwrap_or_default(),
            },
            Vec::new(),
        )
    });
    let qualifications = qualification_options(
        &people::qualification_kinds(&ctx).await.in_layout(layout)?,
        caller.lang(),
    );
    let page = CourseEditPage {
        layout: layout(),
        course,
        qualifications,
        form,
        errors,
    };
    render(&page, &page.errors)
}

pub async fn edit(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    course_edit_page(&viewer, id, None).await
}

pub async fn update(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<CourseForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = training::update_course(&ctx, id, &form.input()).await;
    after(
        caller,
        &format!("/training/{id}/edit"),
        result,
        |_| format!("/training/{id}"),
        |errors| course_edit_page(&viewer, id, Some((form, errors))),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct TrainingQuery {
    #[serde(default)]
    pub all: Option<String>,
}

async fn training_page(
    viewer: &Viewer,
    all: bool,
    form: CourseForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/training");
    let ctx = viewer.ctx();
    let from = (!all).then(today);
    let courses = training::courses(&ctx, from).await.in_layout(layout)?;
    let qualifications = qualification_options(
        &people::qualification_kinds(&ctx).await.in_layout(layout)?,
        caller.lang(),
    );
    let page = TrainingPage {
        layout: layout(),
        courses,
        all,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Training).is_ok(),
        qualifications,
        form,
        errors,
    };
    render(&page, &page.errors)
}

pub async fn list(
    viewer: Viewer,
    Query(query): Query<TrainingQuery>,
) -> Result<Response, WebError> {
    let all = query.all.is_some();
    training_page(&viewer, all, CourseForm::default(), Vec::new()).await
}

pub async fn create(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<CourseForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = training::create_course(&ctx, &form.input()).await;
    after(
        caller,
        "/training",
        result,
        |course| format!("/training/{}", course.id),
        |errors| training_page(&viewer, false, form, errors),
    )
    .await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub service_number: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ResultForm {
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub result_on: String,
}

#[derive(Template)]
#[template(path = "course.html")]
struct CoursePage {
    layout: Layout,
    course: Course,
    enrolments: Vec<Enrolment>,
    can_manage: bool,
    services: Vec<&'static str>,
    enrol_form: EnrolForm,
    today: String,
    errors: Vec<FieldError>,
}

impl CoursePage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

async fn course_page(
    viewer: &Viewer,
    id: i64,
    enrol_form: EnrolForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/training/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let CourseDetail { course, enrolments } =
        training::course_detail(&ctx, id).await.in_layout(layout)?;
    let owner = course.owner();
    let can_manage = policy::authorize(
        &caller.principal,
        Action::Update,
        Resource::Training,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
    )
    .is_ok();
    let page = CoursePage {
        layout: layout(),
        course,
        enrolments,
        can_manage,
        services: Service::ALL.iter().map(|s| s.as_str()).collect(),
        enrol_form,
        today: today().to_string(),
        errors,
    };
    render(&page, &page.errors)
}

pub async fn show(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    course_page(&viewer, id, EnrolForm::default(), Vec::new()).await
}

pub async fn enrol(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<EnrolForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let path = format!("/training/{id}");
    let result =
        training::enrol_by_service_number(&ctx, id, &form.service, &form.service_number).await;
    after(
        caller,
        &path,
        result,
        |_| format!("/training/{id}"),
        |errors| course_page(&viewer, id, form, errors),
    )
    .await
}

pub async fn record_result(
    viewer: Viewer,
    Path((id, enrolment_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<ResultForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = ResultInput {
        outcome: form.outcome,
        score: form.score,
        result_on: form.result_on,
    };
    let path = format!("/training/{id}");
    let result = training::record_result(&ctx, id, enrolment_id, &input).await;
    after(
        caller,
        &path,
        result,
        |_| format!("/training/{id}"),
        |errors| course_page(&viewer, id, EnrolForm::default(), errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "expiries.html")]
struct ExpiriesPage {
    layout: Layout,
    /// Each notice with its text and where it leads.
    notices: Vec<(Notice, String, String)>,
    unread: i64,
    days: i64,
    expiries: Vec<Expiry>,
    /// How many expire in the window, up to the cap, and whether there are more.
    total: i64,
    total_capped: bool,
    links: ListLinks,
    /// Qualification kinds by code, named in the reader's language.
    qualification_names: std::collections::HashMap<String, String>,
}

impl ExpiriesPage {
    /// What expires: a qualification by its catalogue name, other records by their term;
    /// nothing more for a fitness certificate, which its record's name says.
    fn what(&self, expiry: &Expiry) -> String {
        match (
            expiry.record.as_str(),
            self.qualification_names.get(&expiry.what),
        ) {
            ("medical", _) => String::new(),
            ("qualification", Some(name)) => name.clone(),
            _ => self.layout.tr.what_expires(&expiry.record, &expiry.what),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ExpiriesQuery {
    pub days: Option<i64>,
    pub sort: Option<String>,
    pub page: Option<u32>,
}

pub async fn expiries(
    viewer: Viewer,
    Query(query): Query<ExpiriesQuery>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/expiries");
    let ctx = viewer.ctx();
    let days = query.days.unwrap_or(90).clamp(1, 730);
    let today = today();
    let tr = bluehelm_app::i18n::Tr::new(caller.lang());
    let notices = notices::my_notices(&ctx, 100)
        .await
        .in_layout(layout)?
        .into_iter()
        .map(|notice| {
            let (_, text) = notices::notice_text(&tr, &notice, today);
            let path = notices::notice_path(&notice);
            (notice, text, path)
        })
        .collect();
    let unread = notices::unread_count(&ctx).await.in_layout(layout)?;
    // A page number or an order that is not one shows the first page, soonest first.
    let page = PageRequest::parse(query.page, Some(50)).unwrap_or_default();
    let (sort_key, sort) = query
        .sort
        .and_then(|key| Some((key.clone(), Sort::parse(Some(&key), EXPIRY_SORT).ok()?)))
        .unwrap_or_else(|| (EXPIRY_SORT[0].0.to_owned(), SOONEST_FIRST));
    let found = match policy::scope(&caller.principal, Action::Read, Resource::Person) {
        Ok(_) => people::expiries(&ctx, today, days, sort, page)
            .await
            .in_layout(layout)?,
        Err(_) => Page::exact(Vec::new(), 0, page),
    };
    let links = ListLinks::new(&format!("/expiries?days={days}"), Some(sort_key), &found);
    let (total, total_capped) = (found.total, found.total_capped);
    let expiries = found.items;
    let kinds = if expiries.is_empty() {
        Vec::new()
    } else {
        people::qualification_kinds_of_people(&ctx)
            .await
            .in_layout(layout)?
    };
    let qualification_names = kinds
        .into_iter()
        .map(|kind| {
            let name = super::form::name_in(caller.lang(), &kind.name_vi, &kind.name_en);
            (kind.code, name)
        })
        .collect();
    let page = ExpiriesPage {
        layout: layout(),
        notices,
        unread,
        days,
        expiries,
        total,
        total_capped,
        links,
        qualification_names,
    };
    render(&page, &[])
}

#[derive(Debug, Default, Deserialize)]
pub struct ReadForm {
    #[serde(default)]
    pub id: Option<i64>,
}

pub async fn read_notices(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<ReadForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    notices::mark_read(&ctx, form.id)
        .await
        .in_layout(|| Layout::for_caller(caller, "/expiries"))?;
    Ok(Redirect::to("/expiries").into_response())
}
