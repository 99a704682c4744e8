//! The law-making pages: the projects the reader's agencies take part in, with the form to
//! open one, and each project with its stages, draft versions and the opinions received,
//! and for its presiding and guiding agencies the forms to move it on.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_domain::lawmaking::{
    CompletionInput, Disposition, DraftInput, OpinionInput, ProjectInput, ProjectKind,
};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::lawmaking::{LawOpinion, LawProject, LawStage};

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::lawmaking::{self, AnswerInput, ProjectDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/legal/projects", get(projects).post(create_project))
        .route("/legal/projects/{id}", get(project))
        .route("/legal/projects/{id}/stages", post(complete_stage))
        .route("/legal/projects/{id}/drafts", post(add_draft))
        .route("/legal/projects/{id}/opinions", post(add_opinion))
        .route(
            "/legal/projects/{id}/opinions/{opinion}",
            post(answer_opinion),
        )
}

/// The name of a stage of a project of `kind` in the reader's language.
fn stage_name(tr: &bluehelm_app::i18n::Tr, kind: &str, code: &str) -> String {
    match ProjectKind::parse(kind) {
        Some(kind) => tr.term(&kind.stage_names(), code),
        None => code.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "law_projects.html")]
struct ProjectsPage {
    layout: Layout,
    projects: Vec<LawProject>,
    links: ListLinks,
    /// Agencies as (code, name) for the form, when the reader may open a project.
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    entry: Entry,
}

impl ProjectsPage {
    fn title(&self, project: &LawProject) -> String {
        name_in(self.layout.tr.lang, &project.title_vi, &project.title_en)
    }

    fn stage(&self, project: &LawProject) -> String {
        match &project.current_stage {
            Some(code) => stage_name(&self.layout.tr, &project.kind, code),
            None => self.layout.tr.t("law_status.adopted").to_owned(),
        }
    }

    fn overdue(&self, project: &LawProject) -> bool {
        project.current_due_on.is_some_and(|due| due < today())
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        ProjectKind::ALL
            .iter()
            .map(|kind| {
                (
                    kind.as_str(),
                    self.layout.tr.term("law_kind", kind.as_str()),
                )
            })
            .collect()
    }

    fn consulted(&self, code: &str) -> bool {
        self.entry.v(&format!("consulted.{code}")) == "1"
    }
}

async fn projects_page(
    viewer: &Viewer,
    query: ListQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/legal/projects");
    let ctx = viewer.ctx();
    let (projects, links) = list_page("/legal/projects", query, "open", |sort, page| {
        let ctx = &ctx;
        async move {
            let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
            lawmaking::projects(ctx, Some(&sort), page).await
        }
    })
    .await
    .in_layout(layout)?;
    let lang = caller.lang();
    let (agencies, documents) =
        if policy::scope(&caller.principal, Action::Create, Resource::LawMaking).is_ok() {
            agencies_and_documents(&ctx, lang).await.in_layout(layout)?
        } else {
            (Vec::new(), Vec::new())
        };
    let page = ProjectsPage {
        layout: layout(),
        projects,
        links,
        agencies,
        documents,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn projects(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    projects_page(&viewer, query, Entry::blank()).await
}

fn project_input(form: &Form) -> ProjectInput {
    let mut consulted: Vec<String> = form
        .iter()
        .filter(|(_, value)| value.as_str() == "1")
        .filter_map(|(key, _)| key.strip_prefix("consulted.").map(str::to_owned))
        .collect();
    consulted.sort();
    ProjectInput {
        kind: value(form, "kind"),
        title_vi: value(form, "title_vi"),
        title_en: value(form, "title_en"),
        presiding: value(form, "presiding"),
        guiding: value(form, "guiding"),
        consulted,
        opened_on: value(form, "opened_on"),
        document_id: value(form, "document_id"),
        implements_id: value(form, "implements_id"),
        replaces_id: value(form, "replaces_id"),
        note: value(form, "note"),
    }
}

pub async fn create_project(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let result = lawmaking::create_project(&viewer.ctx(), &project_input(&form)).await;
    after(
        caller,
        "/legal/projects",
        result,
        |project| format!("/legal/projects/{}", project.id),
        |errors| projects_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "law_project.html")]
struct ProjectPage {
    layout: Layout,
    detail: ProjectDetail,
    entry: Entry,
}

impl ProjectPage {
    fn title(&self) -> String {
        let project = &self.detail.project;
        name_in(self.layout.tr.lang, &project.title_vi, &project.title_en)
    }

    fn stage_title(&self, stage: &LawStage) -> String {
        name_in(self.layout.tr.lang, &stage.name_vi, &stage.name_en)
    }

    fn stage_of_draft(&self, code: &str) -> String {
        stage_name(&self.layout.tr, &self.detail.project.kind, code)
    }

    fn overdue(&self, stage: &LawStage) -> bool {
        stage.status == "current" && stage.due_on.is_some_and(|due| due < today())
    }

    /// The stage under way, which the completion form completes.
    fn current(&self) -> Option<&LawStage> {
        self.detail
            .stages
            .iter()
            .find(|stage| stage.status == "current")
    }

    /// Whether completing the current stage adopts the text.
    fn adopting(&self) -> bool {
        self.detail
            .stages
            .last()
            .is_some_and(|stage| stage.status == "current")
    }

    fn agencies_of(&self, part: &str) -> Vec<String> {
        self.detail
            .agencies
            .iter()
            .filter(|agency| agency.part == part)
            .map(|agency| {
                let name = name_in(self.layout.tr.lang, &agency.name_vi, &agency.name_en);
                format!("{} ({})", name, agency.code)
            })
            .collect()
    }

    fn consulted(&self) -> Vec<(String, String)> {
        self.detail
            .agencies
            .iter()
            .filter(|agency| agency.part == "consulted")
            .map(|agency| {
                let name = name_in(self.layout.tr.lang, &agency.name_vi, &agency.name_en);
                (agency.code.clone(), name)
            })
            .collect()
    }

    fn opinion_agency(&self, opinion: &LawOpinion) -> String {
        name_in(
            self.layout.tr.lang,
            &opinion.agency_name_vi,
            &opinion.agency_name_en,
        )
    }

    fn dispositions(&self) -> Vec<(&'static str, String)> {
        Disposition::ALL
            .iter()
            .map(|d| {
                (
                    d.as_str(),
                    self.layout.tr.term("law_disposition", d.as_str()),
                )
            })
            .collect()
    }

    /// Whether the refused form on the page is `form` (each form names itself).
    fn refused(&self, form: &str) -> bool {
        self.entry.v("form") == form
    }

    /// A field's error when the refused form is `form`.
    fn error_in(&self, form: &str, field: &str) -> Option<String> {
        if self.refused(form) {
            self.entry.error(field)
        } else {
            None
        }
    }

    /// What was typed in `form`'s field, when that form was refused.
    fn typed(&self, form: &str, field: &str) -> &str {
        if self.refused(form) {
            self.entry.v(field)
        } else {
            ""
        }
    }
}

async fn project_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/legal/projects/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let detail = lawmaking::project(&viewer.ctx(), id)
        .await
        .in_layout(layout)?;
    let page = ProjectPage {
        layout: layout(),
        detail,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn project(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    project_page(&viewer, id, Entry::blank()).await
}

/// A project form's outcome: back to the project, or the project again with the form.
async fn on_project<T>(
    viewer: &Viewer,
    id: i64,
    form: Form,
    result: Result<T, bluehelm_app::AppError>,
) -> Result<Response, WebError> {
    let path = format!("/legal/projects/{id}");
    after(
        &viewer.caller,
        &path,
        result,
        |_| path.clone(),
        |errors| project_page(viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn complete_stage(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = CompletionInput {
        stage: value(&form, "stage"),
        done_on: value(&form, "done_on"),
        note: value(&form, "note"),
        next_due_on: value(&form, "next_due_on"),
        number: value(&form, "number"),
        signed_on: value(&form, "signed_on"),
        effective_on: value(&form, "effective_on"),
    };
    let result = lawmaking::complete_stage(&viewer.ctx(), id, &input).await;
    on_project(&viewer, id, form, result).await
}

pub async fn add_draft(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = DraftInput {
        dated: value(&form, "dated"),
        summary: value(&form, "summary"),
    };
    let result = lawmaking::add_draft(&viewer.ctx(), id, &input).await;
    on_project(&viewer, id, form, result).await
}

pub async fn add_opinion(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = OpinionInput {
        agency: value(&form, "agency"),
        version: value(&form, "version"),
        received_on: value(&form, "received_on"),
        content: value(&form, "content"),
        disposition: value(&form, "disposition"),
        response: value(&form, "response"),
    };
    let result = lawmaking::add_opinion(&viewer.ctx(), id, &input).await;
    on_project(&viewer, id, form, result).await
}

pub async fn answer_opinion(
    viewer: Viewer,
    Path((id, opinion)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = AnswerInput {
        disposition: value(&form, "disposition"),
        response: value(&form, "response"),
    };
    let result = lawmaking::answer_opinion(&viewer.ctx(), id, opinion, &input).await;
    on_project(&viewer, id, form, result).await
}
