//! The dispatch dossiers: the queue, each dossier with its steps, decisions and documents.

use askama::Template;
use axum::extract::{Multipart, Path, Query};
use axum::response::Response;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::deployment::{Deployment, DeploymentFilter};
use bluehelm_store::dossier::Dossier;

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::deployments::{self, PlanInput};
use bluehelm_app::dossiers::{self, DossierDetail, Waiting};
use bluehelm_app::forces::{self};
use bluehelm_domain::listing::PageRequest;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dossiers", get(dossiers))
        .route("/dossiers/{id}", get(dossier))
        .route("/dossiers/{id}/steps/{step_id}", post(decide))
        .route(
            "/dossiers/{id}/documents",
            post(attach).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_FORM_BYTES)),
        )
        .route("/dossiers/{id}/documents/{document_id}", get(download))
        .route("/dossiers/{id}/deployments", post(plan_deployment))
}

#[derive(Template)]
#[template(path = "dossiers.html")]
struct DossiersPage {
    layout: Layout,
    dossiers: Vec<Dossier>,
    links: ListLinks,
    waiting: Waiting,
}

pub async fn dossiers(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/dossiers");
    let ctx = viewer.ctx();
    let Query(query) = query.unwrap_or_default();
    let (dossiers, links) = list_page("/dossiers", query, "-dated", |sort, page| {
        let ctx = &ctx;
        async move { dossiers::dossiers_page(ctx, Some(&sort), page).await }
    })
    .await
    .in_layout(layout)?;
    let waiting = dossiers::waiting(&ctx, bluehelm_store::now())
        .await
        .in_layout(layout)?;
    render(
        &DossiersPage {
            layout: layout(),
            dossiers,
            links,
            waiting,
        },
        &[],
    )
}

/// A person named in a dossier, for the page and the deployment form.
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Template)]
#[template(path = "dossier.html")]
struct DossierPage {
    layout: Layout,
    detail: DossierDetail,
    people: Vec<Named>,
    deployments: Vec<Deployment>,
    mission: String,
    personnel_type: String,
    can_plan: bool,
    entry: Entry,
}

impl DossierPage {
    fn step_name(&self, vi: &str, en: &str) -> String {
        name_in(self.layout.tr.lang, vi, en)
    }

    /// A step's required documents, stored as a comma-separated list of kinds, by name.
    fn document_names(&self, kinds: &str) -> String {
        kinds
            .split(',')
            .map(str::trim)
            .filter(|kind| !kind.is_empty())
            .map(|kind| self.layout.tr.term("document_kind", kind))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// After a refused upload the browser has forgotten the file: say which to choose again.
    fn attach_again(&self) -> Option<String> {
        let file_name = self.entry.v("file_name");
        (!self.entry.errors.is_empty() && !file_name.is_empty()).then(|| {
            self.layout.tr.render(
                bluehelm_domain::message::Message::new("dossier.attach_again")
                    .text("file", file_name),
            )
        })
    }

    fn document_kinds(&self) -> Vec<(&'static str, String)> {
        bluehelm_domain::dispatch::DOCUMENT_KINDS
            .iter()
            .map(|kind| (*kind, self.layout.tr.term("document_kind", kind)))
            .collect()
    }
}

async fn dossier_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/dossiers/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = dossiers::dossier_detail(&ctx, id, today())
        .await
        .in_layout(layout)?;
    let people = bluehelm_app::people::readable_people(&ctx, &detail.people)
        .await
        .in_layout(layout)?
        .into_iter()
        .map(|person| Named {
            id: person.id,
            name: person.full_name(),
        })
        .collect();
    // One decision sends at most a unit: its deployments fit on the largest page.
    let deployments = deployments::readable_deployments(
        &ctx,
        DeploymentFilter::Dossier(id),
        PageRequest::LARGEST,
    )
    .await
    .in_layout(layout)?
    .items;
    let (mission, personnel_type) = forces::request_summary(&ctx, detail.dossier.request_id).await;
    let page = DossierPage {
        layout: layout(),
        detail,
        people,
        deployments,
        mission,
        personnel_type,
        can_plan: policy::scope(&caller.principal, Action::Create, Resource::Deployment).is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn dossier(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    dossier_page(&viewer, id, Entry::blank()).await
}

pub async fn decide(
    viewer: Viewer,
    Path((id, step_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let comment = value(&form, "comment");
    let action = value(&form, "action");
    // Rejecting ends the procedure for good: the form asks for it to be confirmed.
    let result = if action == "reject" && value(&form, "confirm").is_empty() {
        Err(bluehelm_app::AppError::field(
            "confirm",
            "confirmation_needed",
            "message.confirm_reject",
        ))
    } else {
        dossiers::decide(&ctx, id, step_id, &action, Some(&comment)).await
    };
    let path = format!("/dossiers/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| dossier_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn attach(
    viewer: Viewer,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/dossiers/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let Upload {
        form,
        file_name,
        bytes,
    } = read_upload(multipart).await.in_layout(layout)?;
    let kind = value(&form, "kind");
    let ctx = viewer.ctx();
    let result = dossiers::attach(&ctx, id, &kind, &file_name, &bytes).await;
    let mut form = Form::new();
    form.insert("kind".to_owned(), kind);
    form.insert("file_name".to_owned(), file_name);
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| dossier_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn download(
    viewer: Viewer,
    Path((id, document_id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let path = format!("/dossiers/{id}");
    let (document, content) = dossiers::document(&ctx, id, document_id)
        .await
        .in_layout(|| Layout::for_caller(caller, &path))?;
    Ok(crate::download::document_response(&document, content))
}

/// Plans a deployment under a dossier, from the dossier's page.
pub async fn plan_deployment(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let optional = |key: &str| Some(value(&form, key)).filter(|v| !v.trim().is_empty());
    let input = PlanInput {
        person_id: value(&form, "person_id").parse().unwrap_or(0),
        dossier_id: id,
        position_id: optional("position_id").and_then(|v| v.parse().ok()),
        unit_id: optional("unit_id").and_then(|v| v.parse().ok()),
        mission: optional("mission"),
        personnel_type: optional("personnel_type"),
        appointment: value(&form, "appointment"),
        planned_departure: value(&form, "planned_departure"),
        planned_end: value(&form, "planned_end"),
        un_index: value(&form, "un_index"),
    };
    let result = deployments::plan(&ctx, &input).await;
    let path = format!("/dossiers/{id}");
    after(
        caller,
        &path,
        result,
        |d| format!("/deployments/{}", d.id),
        |errors| dossier_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}
