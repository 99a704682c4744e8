//! Deployments: planned under a dossier, approved only once the dossier is approved and
//! the person is eligible (or a coordinator overrides with a written reason), then moved
//! along their path to return. One active deployment per person.

use bluehelm_domain::deployment::{
    plan_move, DeploymentDraft, DeploymentInput, DeploymentStatus, FollowUpDraft, FollowUpInput,
    IncidentDraft, IncidentInput, IncidentKind, MoveInput,
};
use bluehelm_domain::dispatch::DossierStatus;
use bluehelm_domain::eligibility::{self, PersonnelType, Requirements, Tour};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::message::Message;
use bluehelm_domain::policy::{self, Action, Owner, Resource, Scope};
use bluehelm_domain::FieldError;
use bluehelm_store::deployment::{
    DeployedCount, Deployment, DeploymentFilter, Incident, NewDeployment, DEPLOYMENT_SORT,
};
use bluehelm_store::dossier::Dossier;
use bluehelm_store::person::Person;
use bluehelm_store::StoreError;
use serde::{Deserialize, Serialize};

use crate::legal::{citations_of, CitationView};
use crate::people::person_for;
use crate::AppError;
use crate::{duplicate, Ctx};

/// A deployment as a user plans it: the person, the decision behind it, and where they go
/// (a requested position, a unit, or a mission with a personnel type).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = DeploymentPlanInput)]
pub struct PlanInput {
    pub person_id: i64,
    pub dossier_id: i64,
    #[serde(default)]
    pub position_id: Option<i64>,
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// A mission code, when neither a position nor a unit says where.
    #[serde(default)]
    pub mission: Option<String>,
    /// With `mission`: staff_officer, military_observer, individual_police or civilian.
    #[serde(default)]
    pub personnel_type: Option<String>,
    pub appointment: String,
    pub planned_departure: String,
    pub planned_end: String,
    #[serde(default)]
    pub un_index: String,
}

/// One page of the deployments the caller may read that `filter` keeps; none for a role
/// that reads no deployment.
pub async fn readable_deployments(
    ctx: &Ctx<'_>,
    filter: DeploymentFilter,
    page: PageRequest,
) -> Result<Page<Deployment>, AppError> {
    sorted_deployments(ctx, filter, default_sort(), page).await
}

fn default_sort() -> Sort {
    Sort {
        column: DEPLOYMENT_SORT[0].1,
        descending: false,
    }
}

async fn sorted_deployments(
    ctx: &Ctx<'_>,
    filter: DeploymentFilter,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Deployment>, AppError> {
    let store = ctx.store;
    match policy::scope(ctx.principal, Action::Read, Resource::Deployment) {
        Ok(Scope::All) => Ok(store.deployments(None, filter, sort, page).await?),
        Ok(Scope::Subtree(path)) => Ok(store.deployments(Some(&path), filter, sort, page).await?),
        _ => Ok(Page::exact(Vec::new(), 0, page)),
    }
}

/// One page of the deployments the caller may read in the order `sort` names (`key` or
/// `-key` of [`DEPLOYMENT_SORT`]; active ones first by default), refusing a role that
/// reads none.
pub async fn deployments(
    ctx: &Ctx<'_>,
    filter: DeploymentFilter,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<Deployment>, AppError> {
    ctx.scope(Action::Read, Resource::Deployment).await?;
    let sort = Sort::parse(sort, DEPLOYMENT_SORT)?;
    sorted_deployments(ctx, filter, sort, page).await
}

async fn deployment_for(ctx: &Ctx<'_>, id: i64, action: Action) -> Result<Deployment, AppError> {
    let deployment = ctx.store.deployment(id).await?;
    let path = deployment.owner();
    ctx.authorize(
        action,
        Resource::Deployment,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(deployment)
}

pub async fn deployment(ctx: &Ctx<'_>, id: i64) -> Result<Deployment, AppError> {
    deployment_for(ctx, id, Action::Read).await
}

/// A deployment with the law it rests on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeploymentDetail {
    #[serde(flatten)]
    pub deployment: Deployment,
    /// The legal basis of the procedure that sent the person, each document with its
    /// status on the day of departure (actual, else planned): a warning where one was no
    /// longer, or not yet, in force that day.
    pub legal_basis: Vec<CitationView>,
}

pub async fn deployment_detail(ctx: &Ctx<'_>, id: i64) -> Result<DeploymentDetail, AppError> {
    let deployment = deployment_for(ctx, id, Action::Read).await?;
    // The registry is everybody's to read: only the procedure's citations leave here, not
    // the dossier, which some readers of deployments may not read.
    let template = ctx.store.dossier(deployment.dossier_id).await?.template_id;
    let departs = deployment
        .departed_on
        .unwrap_or(deployment.planned_departure);
    let legal_basis = citations_of(ctx, "workflow_template", &[template], Some(departs)).await?;
    Ok(DeploymentDetail {
        deployment,
        legal_basis,
    })
}

/// People on the ground now by mission, personnel type and gender: aggregates, readable
/// by everyone who may read missions.
pub async fn deployed_now(ctx: &Ctx<'_>) -> Result<Vec<DeployedCount>, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    Ok(ctx.store.deployed_now().await?)
}

fn field_not_found(field: &'static str, what: &'static str) -> impl FnOnce(StoreError) -> AppError {
    move |error| match error {
        StoreError::NotFound => AppError::said(
            field,
            "not_found",
            Message::new("validation.no_such").term("what", "entity", what),
        ),
        other => other.into(),
    }
}

/// Whether the caller may plan deployments of `person` (by the person's agency).
pub(crate) async fn may_deploy(ctx: &Ctx<'_>, person: &Person) -> Result<(), AppError> {
    let path = person.owner();
    ctx.authorize(
        Action::Create,
        Resource::Deployment,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        "new",
    )
    .await
}

/// The dossier `dossier_id` (field `dossier_id`), unless it was rejected.
pub(crate) async fn dossier_to_send_under(
    ctx: &Ctx<'_>,
    dossier_id: i64,
) -> Result<Dossier, AppError> {
    let dossier = ctx
        .store
        .dossier(dossier_id)
        .await
        .map_err(field_not_found("dossier_id", "dossier"))?;
    if dossier.status() == DossierStatus::Rejected {
        return Err(AppError::field(
            "dossier_id",
            "dossier_rejected",
            "validation.the_dossier_was_rejected_no_one_is",
        ));
    }
    Ok(dossier)
}

pub async fn plan(ctx: &Ctx<'_>, input: &PlanInput) -> Result<Deployment, AppError> {
    let draft = DeploymentDraft::parse(&DeploymentInput {
        appointment: input.appointment.clone(),
        planned_departure: input.planned_departure.clone(),
        planned_end: input.planned_end.clone(),
        un_index: input.un_index.clone(),
    })?;
    let person = person_for(ctx, input.person_id, Action::Read).await?;
    may_deploy(ctx, &person).await?;
    let dossier = dossier_to_send_under(ctx, input.dossier_id).await?;
    let (mission_id, personnel_type) = if let Some(position_id) = input.position_id {
        let position = ctx
            .store
            .request_position(position_id)
            .await
            .map_err(field_not_found("position_id", "requested position"))?;
        let request = ctx.store.request(position.request_id).await?;
        (request.mission_id, request.personnel_type)
    } else if let Some(unit_id) = input.unit_id {
        let unit = ctx
            .store
            .unit(unit_id)
            .await
            .map_err(field_not_found("unit_id", "unit"))?;
        let mission_id = unit.mission_id.ok_or_else(|| {
            AppError::field(
                "unit_id",
                "no_mission",
                "validation.the_unit_is_not_assigned_to_a",
            )
        })?;
        (mission_id, PersonnelType::FormedUnit.as_str().to_owned())
    } else {
        let code = input.mission.as_deref().unwrap_or_default();
        let code = bluehelm_domain::mission::parse_mission_code(code)?;
        let mission = ctx
            .store
            .mission_by_code(&code)
            .await
            .map_err(|error| match error {
                StoreError::NotFound => AppError::field(
                    "mission",
                    "not_found",
                    "validation.no_mission_has_this_code",
                ),
                other => other.into(),
            })?;
        let kind = PersonnelType::parse_field(
            "personnel_type",
            input.personnel_type.as_deref().unwrap_or_default(),
        )?;
        (mission.id, kind.as_str().to_owned())
    };
    let new = NewDeployment {
        person_id: person.id,
        mission_id,
        unit_id: input.unit_id,
        position_id: input.position_id,
        dossier_id: dossier.id,
        personnel_type,
        gender: person.gender.clone(),
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    if let Some(active) = tx.active_deployment_of(person.id).await? {
        return Err(one_active(active));
    }
    let id = tx.create_deployment(&new, &draft).await.map_err(duplicate(
        "person_id",
        "validation.this_person_already_has_an_active_deployment",
    ))?;
    tx.commit().await?;
    Ok(ctx.store.deployment(id).await?)
}

fn one_active(active: i64) -> AppError {
    AppError::Conflict {
        field: "person_id".to_owned(),
        message: Message::new("deployment.already_active").number("deployment", active),
    }
}

/// Moves a deployment to its next status. Approval checks the dossier and the person's
/// eligibility on the tour's dates at that moment.
pub async fn move_to(ctx: &Ctx<'_>, id: i64, input: &MoveInput) -> Result<Deployment, AppError> {
    let deployment = deployment_for(ctx, id, Action::Update).await?;
    let change = plan_move(deployment.status(), deployment.dates(), input)?;
    if change.to == DeploymentStatus::Approved {
        let dossier = ctx.store.dossier(deployment.dossier_id).await?;
        if dossier.status() != DossierStatus::Approved {
            return Err(AppError::said(
                "dossier_id",
                "dossier_not_approved",
                Message::new("validation.dossier_not_approved")
                    .text("title", dossier.title.clone())
                    .term("status", "dossier_status", dossier.status().as_str()),
            ));
        }
        let failures = eligibility_failures(ctx, &deployment).await?;
        if !failures.is_empty() {
            let overridden =
                change.reason.is_some() && policy::may_override_eligibility(ctx.principal);
            if !overridden {
                let reasons = failures.into_iter().map(|failure| failure.reason).collect();
                return Err(AppError::Invalid(
                    FieldError::new("eligibility", "not_eligible", "message.not_eligible")
                        .because(reasons)
                        .into(),
                ));
            }
        }
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.move_deployment(&deployment, &change)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => AppError::Conflict {
                field: "status".to_owned(),
                message: Message::new("deployment.changed_meanwhile"),
            },
            other => other.into(),
        })?;
    tx.commit().await?;
    Ok(ctx.store.deployment(id).await?)
}

/// The rules the person fails for this deployment: the requested position's requirements
/// when there is one, otherwise those of the personnel type (age, status, passport,
/// medical clearance, rest since the last tour).
async fn eligibility_failures(
    ctx: &Ctx<'_>,
    deployment: &Deployment,
) -> Result<Vec<eligibility::Failure>, AppError> {
    let requirements = match deployment.position_id {
        Some(position_id) => ctx
            .store
            .request_position(position_id)
            .await?
            .requirements(),
        None => None,
    };
    let requirements = requirements.unwrap_or_else(|| Requirements {
        personnel_type: PersonnelType::parse(&deployment.personnel_type)
            .unwrap_or(PersonnelType::FormedUnit),
        services: Vec::new(),
        min_rank: None,
        max_rank: None,
        specialties: Vec::new(),
        language: None,
        qualifications: Vec::new(),
        gender: None,
    });
    let months = months_between(deployment.planned_departure, deployment.planned_end);
    let tour = Tour {
        start: deployment.planned_departure,
        months,
    };
    let person = ctx.store.person(deployment.person_id).await?;
    let candidate = ctx.store.candidate(&person).await?;
    let settings = ctx.store.eligibility_settings().await?;
    let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
    Ok(names.failures(eligibility::evaluate(
        &candidate,
        &requirements,
        &tour,
        &settings,
    )))
}

/// Whole months from `start` to `end`, rounded up, at least one.
fn months_between(start: time::Date, end: time::Date) -> u32 {
    let mut months = (end.year() - start.year()) * 12 + (end.month() as i32 - start.month() as i32);
    if end.day() > start.day() {
        months += 1;
    }
    u32::try_from(months.max(1)).unwrap_or(1)
}

/// The incidents of a deployment the caller may read; the details of injuries, illnesses
/// and deaths only for the medical role (each such read audited, as medical records are).
pub async fn incidents(ctx: &Ctx<'_>, deployment_id: i64) -> Result<Vec<Incident>, AppError> {
    deployment_for(ctx, deployment_id, Action::Read).await?;
    let mut incidents = ctx.store.incidents(deployment_id).await?;
    let medical = policy::scope(ctx.principal, Action::Read, Resource::Medical).is_ok();
    let is_health = |incident: &Incident| {
        IncidentKind::parse(&incident.kind).is_none_or(IncidentKind::is_health)
    };
    if medical {
        if incidents.iter().any(is_health) {
            ctx.store
                .record_event(
                    ctx.actor(),
                    bluehelm_domain::audit::AuditAction::MedicalRead,
                    "incident",
                    Some(deployment_id.to_string()),
                    None,
                )
                .await?;
        }
    } else {
        for incident in incidents.iter_mut().filter(|i| is_health(i)) {
            incident.summary = None;
            incident.follow_up = None;
            for step in &mut incident.follow_ups {
                step.note = None;
            }
        }
    }
    Ok(incidents)
}

/// Who may write about an incident of `kind` on the deployment: the medical role for a
/// health incident, those who may update the deployment for a disciplinary one.
async fn authorize_incident_write(
    ctx: &Ctx<'_>,
    deployment: &Deployment,
    kind: IncidentKind,
) -> Result<(), AppError> {
    let owner = deployment.owner();
    let (action, resource) = if kind.is_health() {
        (Action::Create, Resource::Medical)
    } else {
        (Action::Update, Resource::Deployment)
    };
    ctx.authorize(
        action,
        resource,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
        deployment.id,
    )
    .await
}

/// Records a step of an incident's follow-up, which may close it; by the same people who
/// may record such an incident.
pub async fn follow_up_incident(
    ctx: &Ctx<'_>,
    deployment_id: i64,
    incident_id: i64,
    input: &FollowUpInput,
    today: time::Date,
) -> Result<Incident, AppError> {
    let deployment = deployment_for(ctx, deployment_id, Action::Read).await?;
    let incident = ctx
        .store
        .incidents(deployment_id)
        .await?
        .into_iter()
        .find(|i| i.id == incident_id)
        .ok_or(AppError::NotFound)?;
    let kind = IncidentKind::parse(&incident.kind).unwrap_or(IncidentKind::Injury);
    authorize_incident_write(ctx, &deployment, kind).await?;
    let draft = FollowUpDraft::parse(input, incident.occurred_on, incident.closed_on, today)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.add_follow_up(&incident, &draft, kind.is_health())
        .await
        .map_err(|error| match error {
            // Closed by someone else a moment ago.
            StoreError::NotFound => {
                AppError::field("incident", "closed", "validation.the_incident_is_closed")
            }
            other => other.into(),
        })?;
    tx.commit().await?;
    incidents(ctx, deployment_id)
        .await?
        .into_iter()
        .find(|i| i.id == incident_id)
        .ok_or(AppError::NotFound)
}

/// Records an incident of a tour under way or finished. A health incident is recorded by
/// the medical role; a disciplinary one by those who may update the deployment.
pub async fn add_incident(
    ctx: &Ctx<'_>,
    deployment_id: i64,
    input: &IncidentInput,
    today: time::Date,
) -> Result<Incident, AppError> {
    let deployment = deployment_for(ctx, deployment_id, Action::Read).await?;
    let draft = IncidentDraft::parse(input, deployment.departed_on, today)?;
    authorize_incident_write(ctx, &deployment, draft.kind).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.add_incident(deployment_id, &draft).await?;
    tx.commit().await?;
    incidents(ctx, deployment_id)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(AppError::NotFound)
}
