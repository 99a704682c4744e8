//! The tasks pages: the tasks the reader's agencies take part in (and, for the
//! department's coordinators, the form to record a directive with its task), and each
//! task with its agencies, its history and the step the reader may take; the bodies with
//! their members; the conferences with what they concluded and the directives they issued.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_domain::coordination::{
    BodyInput, BodyKind, ContributionInput, DirectiveInput, MemberInput, MemberRole, StepInput,
    TaskInput,
};
use bluehelm_domain::coordination::{ConferenceInput, TaskView};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::coordination::{
    Attendance, Attendee, Body, BodyMember, Conference, DirectiveLine, Task, TaskAgency,
    TaskSummary,
};

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::coordination::{self, TaskDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(tasks).post(create_directive))
        .route("/tasks/{id}", get(task))
        .route("/tasks/{id}/steps", post(take_step))
        .route("/bodies", get(bodies).post(create_body))
        .route("/bodies/{id}", get(body))
        .route("/bodies/{id}/members", post(add_member))
        .route("/conferences", get(conferences).post(create_conference))
        .route("/conferences/{id}", get(conference))
        .route("/conferences/{id}/directives", post(conference_directive))
}

/// A task summary's figures as (the list's view of them, label, count).
pub(super) fn summary_figures(summary: &TaskSummary) -> [(&'static str, &'static str, i64); 4] {
    [
        (TaskView::Open, "tasks.open", summary.open),
        (TaskView::DueSoon, "tasks.due_soon", summary.due_soon),
        (TaskView::Overdue, "tasks.overdue_count", summary.overdue),
        (TaskView::Closed, "tasks.closed", summary.closed),
    ]
    .map(|(view, label, count)| (view.as_str(), label, count))
}

fn overdue(task: &Task) -> bool {
    task.status().is_open() && task.due_on < today()
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    layout: Layout,
    tasks: Vec<Task>,
    summary: TaskSummary,
    links: ListLinks,
    /// The figure of the summary whose tasks the list shows, if one.
    view: Option<TaskView>,
    /// Agencies as (code, name), when the reader may record a directive.
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    references: References,
    entry: Entry,
}

/// What a directive's task may concern, for its form, each as (value, label): missions by
/// code, units, dossiers (with their date) and law-making projects by id.
#[derive(Default)]
struct References {
    missions: Vec<(String, String)>,
    units: Vec<(String, String)>,
    dossiers: Vec<(String, String)>,
    projects: Vec<(String, String)>,
}

/// A pick-list of the form: its field, its label, the choice of none, and its options.
type PickList<'a> = (
    &'static str,
    &'static str,
    &'static str,
    &'a [(String, String)],
);

impl References {
    /// The form's pick-lists.
    fn pick_lists(&self) -> [PickList<'_>; 4] {
        [
            (
                "mission",
                "tasks.mission",
                "tasks.no_mission",
                &self.missions,
            ),
            ("unit_id", "tasks.unit", "tasks.no_unit", &self.units),
            (
                "dossier_id",
                "tasks.dossier",
                "tasks.no_dossier",
                &self.dossiers,
            ),
            (
                "law_project_id",
                "tasks.law_project",
                "tasks.no_law_project",
                &self.projects,
            ),
        ]
    }
}

async fn references(
    ctx: &bluehelm_app::Ctx<'_>,
    lang: bluehelm_domain::lang::Lang,
) -> Result<References, bluehelm_app::AppError> {
    let references = coordination::task_references(ctx).await?;
    let tr = bluehelm_app::i18n::Tr::new(lang);
    Ok(References {
        missions: mission_options(&references.missions, lang),
        units: references
            .units
            .into_iter()
            .map(|(id, name, _)| (id.to_string(), name))
            .collect(),
        dossiers: references
            .dossiers
            .into_iter()
            .map(|dossier| {
                let label = format!("{} ({})", dossier.title, tr.date(dossier.dated));
                (dossier.id.to_string(), label)
            })
            .collect(),
        projects: references
            .projects
            .into_iter()
            .map(|project| {
                let title = name_in(lang, &project.title_vi, &project.title_en);
                (project.id.to_string(), title)
            })
            .collect(),
    })
}

impl TasksPage {
    fn figures(&self) -> [(&'static str, &'static str, i64); 4] {
        summary_figures(&self.summary)
    }

    fn is_view(&self, view: &str) -> bool {
        self.view.is_some_and(|shown| shown.as_str() == view)
    }

    /// The share of closed tasks closed by their deadline, when any is closed.
    fn on_time_rate(&self) -> Option<String> {
        let summary = &self.summary;
        (summary.closed > 0).then(|| format!("{}%", summary.closed_on_time * 100 / summary.closed))
    }

    fn overdue(&self, task: &Task) -> bool {
        overdue(task)
    }

    fn checked(&self, code: &str) -> bool {
        self.entry.v(&format!("coordinating.{code}")) == "1"
    }

    fn contribution(&self, code: &str) -> &str {
        self.entry.v(&format!("contribution.{code}"))
    }

    fn directive_fields(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("title", "text"),
            ("issued_on", "date"),
            ("issued_by", "text"),
        ]
    }
}

/// `?view=…&sort=…&page=…` of the tasks' list; a view that is not one shows them all.
#[derive(Debug, Default, serde::Deserialize)]
pub struct TasksQuery {
    #[serde(default)]
    view: Option<String>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    page: Option<u32>,
}

async fn tasks_page(
    viewer: &Viewer,
    query: TasksQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/tasks");
    let ctx = viewer.ctx();
    let view = query.view.as_deref().and_then(TaskView::parse);
    let base = match view {
        Some(view) => format!("/tasks?view={}", view.as_str()),
        None => "/tasks".to_owned(),
    };
    let list = ListQuery {
        sort: query.sort,
        page: query.page,
    };
    let (tasks, links) = list_page(&base, list, "open", |sort, page| {
        let ctx = &ctx;
        async move {
            let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
            coordination::tasks(ctx, view.map(TaskView::as_str), Some(&sort), page).await
        }
    })
    .await
    .in_layout(layout)?;
    let summary = coordination::summary(&ctx).await.in_layout(layout)?;
    let lang = caller.lang();
    let (agencies, documents, references) =
        if policy::scope(&caller.principal, Action::Create, Resource::Task).is_ok() {
            let (agencies, documents) =
                agencies_and_documents(&ctx, lang).await.in_layout(layout)?;
            let references = references(&ctx, lang).await.in_layout(layout)?;
            (agencies, documents, references)
        } else {
            Default::default()
        };
    let page = TasksPage {
        layout: layout(),
        tasks,
        summary,
        links,
        view,
        agencies,
        documents,
        references,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn tasks(
    viewer: Viewer,
    query: Result<Query<TasksQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    tasks_page(&viewer, query, Entry::blank()).await
}

/// The directive form gives one task; a directive of several is recorded one task at a
/// time, or at once through the API.
fn directive_input(form: &Form) -> DirectiveInput {
    DirectiveInput {
        title: value(form, "title"),
        issued_on: value(form, "issued_on"),
        issued_by: value(form, "issued_by"),
        document_id: value(form, "document_id"),
        conference_id: String::new(),
        tasks: vec![TaskInput {
            title: value(form, "task_title"),
            product: value(form, "product"),
            presiding: value(form, "presiding"),
            coordinating: contributions(form),
            due_on: value(form, "due_on"),
            law_project_id: value(form, "law_project_id"),
            mission: value(form, "mission"),
            unit_id: value(form, "unit_id"),
            dossier_id: value(form, "dossier_id"),
        }],
    }
}

/// The coordinating agencies a form ticks, each with the contribution typed beside it.
pub(super) fn contributions(form: &Form) -> Vec<ContributionInput> {
    ticked(form, "coordinating.")
        .into_iter()
        .map(|code| ContributionInput {
            contribution: value(form, &format!("contribution.{code}")),
            agency: code,
        })
        .collect()
}

/// A refused directive's errors on the form's names: a task's fields without the list's
/// index.
fn directive_form_errors(
    errors: Vec<bluehelm_domain::FieldError>,
) -> Vec<bluehelm_domain::FieldError> {
    errors
        .into_iter()
        .map(|mut error| {
            if let Some(field) = error.field.strip_prefix("tasks[0].") {
                error.field = match field {
                    "title" => "task_title".to_owned(),
                    other => other.to_owned(),
                };
            }
            error
        })
        .collect()
}

pub async fn create_directive(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let result = coordination::create_directive(&viewer.ctx(), &directive_input(&form)).await;
    after(
        caller,
        "/tasks",
        result,
        |created| match created.task_ids.first() {
            Some(id) => format!("/tasks/{id}"),
            None => "/tasks".to_owned(),
        },
        |errors| {
            let errors = directive_form_errors(errors);
            tasks_page(&viewer, TasksQuery::default(), Entry::refused(form, errors))
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    layout: Layout,
    detail: TaskDetail,
    entry: Entry,
}

impl TaskPage {
    fn overdue(&self) -> bool {
        overdue(&self.detail.task)
    }

    fn agency_name(&self, agency: &TaskAgency) -> String {
        name_in(self.layout.tr.lang, &agency.name_vi, &agency.name_en)
    }
}

async fn task_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/tasks/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let detail = coordination::task(&viewer.ctx(), id)
        .await
        .in_layout(layout)?;
    let page = TaskPage {
        layout: layout(),
        detail,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn task(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    task_page(&viewer, id, Entry::blank()).await
}

pub async fn take_step(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = StepInput {
        action: value(&form, "action"),
        share_done: value(&form, "share_done"),
        note: value(&form, "note"),
        due_on: value(&form, "due_on"),
    };
    let result = coordination::take_step(&viewer.ctx(), id, &input).await;
    let path = format!("/tasks/{id}");
    after(
        &viewer.caller,
        &path,
        result,
        |_| path.clone(),
        |errors| task_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "bodies.html")]
struct BodiesPage {
    layout: Layout,
    bodies: Vec<Body>,
    /// Agencies as (code, name), when the reader may add a body.
    agencies: Vec<(String, String)>,
    entry: Entry,
}

impl BodiesPage {
    fn name(&self, body: &Body) -> String {
        name_in(self.layout.tr.lang, &body.name_vi, &body.name_en)
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        BodyKind::ALL
            .iter()
            .map(|kind| {
                (
                    kind.as_str(),
                    self.layout.tr.term("body_kind", kind.as_str()),
                )
            })
            .collect()
    }
}

async fn bodies_page(viewer: &Viewer, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/bodies");
    let ctx = viewer.ctx();
    let bodies = coordination::bodies(&ctx).await.in_layout(layout)?;
    let agencies = if policy::scope(&caller.principal, Action::Create, Resource::Body).is_ok() {
        agencies_and_documents(&ctx, caller.lang())
            .await
            .in_layout(layout)?
            .0
    } else {
        Vec::new()
    };
    let page = BodiesPage {
        layout: layout(),
        bodies,
        agencies,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn bodies(viewer: Viewer) -> Result<Response, WebError> {
    bodies_page(&viewer, Entry::blank()).await
}

pub async fn create_body(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = BodyInput {
        kind: value(&form, "kind"),
        name_vi: value(&form, "name_vi"),
        name_en: value(&form, "name_en"),
        standing: value(&form, "standing"),
        note: value(&form, "note"),
    };
    let result = coordination::create_body(&viewer.ctx(), &input).await;
    after(
        &viewer.caller,
        "/bodies",
        result,
        |body| format!("/bodies/{}", body.id),
        |errors| bodies_page(&viewer, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "body.html")]
struct BodyPage {
    layout: Layout,
    body: Body,
    members: Vec<BodyMember>,
    agencies: Vec<(String, String)>,
    entry: Entry,
}

impl BodyPage {
    fn name(&self) -> String {
        name_in(self.layout.tr.lang, &self.body.name_vi, &self.body.name_en)
    }

    fn roles(&self) -> Vec<(&'static str, String)> {
        MemberRole::ALL
            .iter()
            .map(|role| {
                (
                    role.as_str(),
                    self.layout.tr.term("member_role", role.as_str()),
                )
            })
            .collect()
    }

    fn current(&self, member: &BodyMember) -> bool {
        member.to_on.is_none_or(|to| to >= today())
    }
}

async fn body_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/bodies/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let (body, members) = coordination::body(&ctx, id).await.in_layout(layout)?;
    let agencies = if policy::scope(&caller.principal, Action::Update, Resource::Body).is_ok() {
        agencies_and_documents(&ctx, caller.lang())
            .await
            .in_layout(layout)?
            .0
    } else {
        Vec::new()
    };
    let page = BodyPage {
        layout: layout(),
        body,
        members,
        agencies,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn body(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    body_page(&viewer, id, Entry::blank()).await
}

pub async fn add_member(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = MemberInput {
        username: value(&form, "username"),
        name: value(&form, "name"),
        position: value(&form, "position"),
        agency: value(&form, "agency"),
        role: value(&form, "role"),
        from_on: value(&form, "from_on"),
        to_on: value(&form, "to_on"),
    };
    let result = coordination::add_member(&viewer.ctx(), id, &input).await;
    let path = format!("/bodies/{id}");
    after(
        &viewer.caller,
        &path,
        result,
        |_| path.clone(),
        |errors| body_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "conferences.html")]
struct ConferencesPage {
    layout: Layout,
    conferences: Vec<Conference>,
    links: ListLinks,
    /// Bodies as (id, name) and agencies as (code, name), when the reader may record one.
    bodies: Vec<(i64, String)>,
    /// Every body's members as (member id, body id, name, position).
    members: Vec<(i64, i64, String, String)>,
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    entry: Entry,
}

impl ConferencesPage {
    fn body_name(&self, conference: &Conference) -> String {
        match (&conference.body_vi, &conference.body_en) {
            (Some(vi), Some(en)) => name_in(self.layout.tr.lang, vi, en),
            _ => String::new(),
        }
    }

    fn attended(&self, code: &str) -> bool {
        self.entry.v(&format!("agency.{code}")) == "1"
    }

    fn member_attended(&self, id: &i64) -> bool {
        self.entry.v(&format!("member.{id}")) == "1"
    }

    fn members_of(&self, body: &i64) -> Vec<&(i64, i64, String, String)> {
        self.members
            .iter()
            .filter(|(_, on, ..)| on == body)
            .collect()
    }
}

async fn conferences_page(
    viewer: &Viewer,
    query: ListQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/conferences");
    let ctx = viewer.ctx();
    let (conferences, links) = list_page("/conferences", query, "-held", |sort, page| {
        let ctx = &ctx;
        async move {
            let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
            coordination::conferences(ctx, Some(&sort), page).await
        }
    })
    .await
    .in_layout(layout)?;
    let lang = caller.lang();
    let (bodies, members, agencies, documents) =
        if policy::scope(&caller.principal, Action::Create, Resource::Body).is_ok() {
            let bodies = coordination::bodies(&ctx)
                .await
                .in_layout(layout)?
                .into_iter()
                .map(|body| (body.id, name_in(lang, &body.name_vi, &body.name_en)))
                .collect();
            let members = coordination::body_members(&ctx).await.in_layout(layout)?;
            let (agencies, documents) =
                agencies_and_documents(&ctx, lang).await.in_layout(layout)?;
            (bodies, members, agencies, documents)
        } else {
            (Vec::new(), Vec::new(), Vec::new(), Vec::new())
        };
    let page = ConferencesPage {
        layout: layout(),
        conferences,
        links,
        bodies,
        members,
        agencies,
        documents,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn conferences(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    conferences_page(&viewer, query, Entry::blank()).await
}

pub async fn create_conference(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = ConferenceInput {
        title: value(&form, "title"),
        held_on: value(&form, "held_on"),
        body_id: value(&form, "body_id"),
        chair: value(&form, "chair"),
        place: value(&form, "place"),
        agencies: ticked(&form, "agency."),
        members: ticked(&form, "member."),
        agenda: value(&form, "agenda"),
        conclusions: value(&form, "conclusions"),
        conclusion_document_id: value(&form, "conclusion_document_id"),
    };
    let result = coordination::create_conference(&viewer.ctx(), &input).await;
    after(
        &viewer.caller,
        "/conferences",
        result,
        |id| format!("/conferences/{id}"),
        |errors| conferences_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "conference.html")]
struct ConferencePage {
    layout: Layout,
    conference: Conference,
    attending: Vec<Attendance>,
    members: Vec<Attendee>,
    directives: Vec<DirectiveLine>,
    /// Agencies as (code, name), when the reader may issue a directive.
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    references: References,
    entry: Entry,
}

impl ConferencePage {
    fn body_name(&self) -> String {
        match (&self.conference.body_vi, &self.conference.body_en) {
            (Some(vi), Some(en)) => name_in(self.layout.tr.lang, vi, en),
            _ => String::new(),
        }
    }

    fn agency_name(&self, agency: &Attendance) -> String {
        name_in(self.layout.tr.lang, &agency.name_vi, &agency.name_en)
    }

    fn checked(&self, code: &str) -> bool {
        self.entry.v(&format!("coordinating.{code}")) == "1"
    }

    fn contribution(&self, code: &str) -> &str {
        self.entry.v(&format!("contribution.{code}"))
    }

    /// A conference's directive is given by the conference, so its form asks no issuer.
    fn directive_fields(&self) -> Vec<(&'static str, &'static str)> {
        vec![("title", "text"), ("issued_on", "date")]
    }
}

async fn conference_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/conferences/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let (conference, attending, members, directives) =
        coordination::conference(&ctx, id).await.in_layout(layout)?;
    let (agencies, documents, references) =
        if policy::scope(&caller.principal, Action::Create, Resource::Task).is_ok() {
            let (agencies, documents) = agencies_and_documents(&ctx, caller.lang())
                .await
                .in_layout(layout)?;
            let references = references(&ctx, caller.lang()).await.in_layout(layout)?;
            (agencies, documents, references)
        } else {
            Default::default()
        };
    let mut entry = entry;
    if entry.errors.is_empty() {
        entry
            .form
            .insert("issued_on".to_owned(), conference.held_on.to_string());
    }
    let page = ConferencePage {
        layout: layout(),
        conference,
        attending,
        members,
        directives,
        agencies,
        documents,
        references,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn conference(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    conference_page(&viewer, id, Entry::blank()).await
}

/// Issues a directive of the conference, given by it, with one task.
pub async fn conference_directive(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let ctx = viewer.ctx();
    let path = format!("/conferences/{id}");
    let result = match coordination::conference(&ctx, id).await {
        Ok((conference, ..)) => {
            let mut input = directive_input(&form);
            input.conference_id = id.to_string();
            input.issued_by = conference.title;
            coordination::create_directive(&ctx, &input).await
        }
        Err(error) => Err(error),
    };
    after(
        &viewer.caller,
        &path,
        result,
        |created| match created.task_ids.first() {
            Some(task) => format!("/tasks/{task}"),
            None => path.clone(),
        },
        |errors| {
            conference_page(
                &viewer,
                id,
                Entry::refused(form, directive_form_errors(errors)),
            )
        },
    )
    .await
}
