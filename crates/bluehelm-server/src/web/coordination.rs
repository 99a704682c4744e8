//! The tasks pages: the tasks the reader's agencies take part in (and, for the
//! department's coordinators, the form to record a directive with its task), and each
//! task with its agencies, its history and the step the reader may take.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_domain::coordination::{
    BodyInput, BodyKind, ContributionInput, DirectiveInput, MemberInput, MemberRole, StepInput,
    TaskInput,
};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::coordination::{Body, BodyMember, Task, TaskAgency, TaskSummary};

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
    /// Agencies as (code, name), when the reader may record a directive.
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    entry: Entry,
}

impl TasksPage {
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
}

async fn tasks_page(viewer: &Viewer, query: ListQuery, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/tasks");
    let ctx = viewer.ctx();
    let (tasks, links) = list_page("/tasks", query, "open", |sort, page| {
        let ctx = &ctx;
        async move {
            let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
            coordination::tasks(ctx, Some(&sort), page).await
        }
    })
    .await
    .in_layout(layout)?;
    let summary = coordination::summary(&ctx).await.in_layout(layout)?;
    let lang = caller.lang();
    let (agencies, documents) =
        if policy::scope(&caller.principal, Action::Create, Resource::Task).is_ok() {
            agencies_and_documents(&ctx, lang).await.in_layout(layout)?
        } else {
            (Vec::new(), Vec::new())
        };
    let page = TasksPage {
        layout: layout(),
        tasks,
        summary,
        links,
        agencies,
        documents,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn tasks(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    tasks_page(&viewer, query, Entry::blank()).await
}

/// The directive form gives one task; a directive of several is recorded one task at a
/// time, or at once through the API.
fn directive_input(form: &Form) -> DirectiveInput {
    let mut coordinating: Vec<ContributionInput> = form
        .iter()
        .filter(|(_, value)| value.as_str() == "1")
        .filter_map(|(key, _)| key.strip_prefix("coordinating."))
        .map(|code| ContributionInput {
            agency: code.to_owned(),
            contribution: value(form, &format!("contribution.{code}")),
        })
        .collect();
    coordinating.sort_by(|a, b| a.agency.cmp(&b.agency));
    DirectiveInput {
        title: value(form, "title"),
        issued_on: value(form, "issued_on"),
        issued_by: value(form, "issued_by"),
        document_id: value(form, "document_id"),
        tasks: vec![TaskInput {
            title: value(form, "task_title"),
            product: value(form, "product"),
            presiding: value(form, "presiding"),
            coordinating,
            due_on: value(form, "due_on"),
            law_project_id: String::new(),
        }],
    }
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
            // The form's task fields are named without the list's index.
            let errors = errors
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
                .collect();
            tasks_page(&viewer, ListQuery::default(), Entry::refused(form, errors))
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
