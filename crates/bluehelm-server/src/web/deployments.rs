//! Deployments: the list, each deployment with its moves and incidents.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_domain::deployment::MoveInput;
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_store::deployment::{Deployment, DeploymentFilter};

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::deployments::{self};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/deployments", get(deployments))
        .route("/deployments/{id}", get(deployment))
        .route("/deployments/{id}/status", post(move_deployment))
        .route("/deployments/{id}/incidents", post(add_incident))
        .route(
            "/deployments/{id}/incidents/{incident_id}/follow-up",
            post(follow_up_incident),
        )
}

#[derive(Template)]
#[template(path = "deployments.html")]
struct DeploymentsPage {
    layout: Layout,
    deployments: Vec<Deployment>,
    links: ListLinks,
}

pub async fn deployments(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/deployments");
    let ctx = viewer.ctx();
    let Query(query) = query.unwrap_or_default();
    let (deployments, links) = list_page("/deployments", query, "active", |sort, page| {
        let ctx = &ctx;
        async move {
            // A page number that is not one shows the first page.
            let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
            deployments::deployments(ctx, DeploymentFilter::All, Some(&sort), page).await
        }
    })
    .await
    .in_layout(layout)?;
    render(
        &DeploymentsPage {
            layout: layout(),
            deployments,
            links,
        },
        &[],
    )
}

#[derive(Template)]
#[template(path = "deployment.html")]
struct DeploymentPage {
    layout: Layout,
    deployment: Deployment,
    /// The law the person was sent under, checked on the day of departure.
    legal_basis: Vec<bluehelm_app::legal::CitationView>,
    incidents: Vec<bluehelm_store::deployment::Incident>,
    incident_kinds: Vec<&'static str>,
    /// The incidents whose follow-up the reader may record.
    writable: Vec<i64>,
    /// The reader may record an incident of some kind.
    can_record_incident: bool,
    today: String,
    /// The dossier is linked only for readers of dossiers.
    can_read_dossiers: bool,
    can_move: bool,
    statuses: Vec<&'static str>,
    entry: Entry,
}

async fn deployment_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/deployments/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let deployments::DeploymentDetail {
        deployment,
        legal_basis,
    } = deployments::deployment_detail(&ctx, id)
        .await
        .in_layout(layout)?;
    let incidents = deployments::incidents(&ctx, id).await.in_layout(layout)?;
    let owner = deployment.owner();
    let may = |action: Action, resource: Resource| {
        policy::authorize(
            &caller.principal,
            action,
            resource,
            &Owner {
                agency: Some(&owner),
                user_id: None,
            },
        )
        .is_ok()
    };
    let (may_update, medical) = (
        may(Action::Update, Resource::Deployment),
        may(Action::Create, Resource::Medical),
    );
    let can_move = may_update && deployment.status().is_active();
    let writable = incidents
        .iter()
        .filter(
            |incident| match bluehelm_domain::deployment::IncidentKind::parse(&incident.kind) {
                Some(kind) if !kind.is_health() => may_update,
                _ => medical,
            },
        )
        .map(|incident| incident.id)
        .collect();
    let page = DeploymentPage {
        layout: layout(),
        deployment,
        legal_basis,
        incidents,
        incident_kinds: bluehelm_domain::deployment::IncidentKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect(),
        writable,
        can_record_incident: may_update || medical,
        today: today().to_string(),
        can_read_dossiers: policy::scope(&caller.principal, Action::Read, Resource::Dossier)
            .is_ok(),
        can_move,
        statuses: bluehelm_domain::deployment::DeploymentStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        entry,
    };
    render(&page, &page.entry.errors)
}

impl DeploymentPage {
    fn closed_on(&self, date: &time::Date) -> bluehelm_domain::message::Message {
        bluehelm_domain::message::Message::new("incident.closed_on").date("date", *date)
    }
}

pub async fn deployment(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    deployment_page(&viewer, id, Entry::blank()).await
}

pub async fn move_deployment(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = MoveInput {
        status: value(&form, "status"),
        departed_on: value(&form, "departed_on"),
        arrived_on: value(&form, "arrived_on"),
        returned_on: value(&form, "returned_on"),
        planned_end: value(&form, "planned_end"),
        reason: value(&form, "reason"),
    };
    let result = deployments::move_to(&ctx, id, &input).await;
    let path = format!("/deployments/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| deployment_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn add_incident(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = bluehelm_domain::deployment::IncidentInput {
        kind: value(&form, "kind"),
        occurred_on: value(&form, "occurred_on"),
        summary: value(&form, "summary"),
        follow_up: value(&form, "follow_up"),
    };
    let result = deployments::add_incident(&ctx, id, &input, today()).await;
    let path = format!("/deployments/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| deployment_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

/// Records a step of an incident's follow-up, which may close it.
pub async fn follow_up_incident(
    viewer: Viewer,
    Path((id, incident_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = bluehelm_domain::deployment::FollowUpInput {
        dated: value(&form, "dated"),
        note: value(&form, "note"),
        closes: !value(&form, "closes").is_empty(),
    };
    let result = deployments::follow_up_incident(&ctx, id, incident_id, &input, today()).await;
    let path = format!("/deployments/{id}");
    after(
        caller,
        &path,
        result,
        |_| format!("{path}#incident-{incident_id}"),
        |errors| deployment_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}
