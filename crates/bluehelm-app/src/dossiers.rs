//! The dispatch procedure: opening a dossier under the template the law in force gives,
//! deciding its steps (only the step's own agency and role may), attaching documents, and
//! the dashboard of where dossiers wait.

use std::collections::{BTreeMap, HashMap};

use bluehelm_domain::dispatch::{
    act, check_document, choose_template, days_overdue, missing_documents, opening, DossierDraft,
    Refusal, StepAction, LEAD_AGENCY,
};
use bluehelm_domain::listing::Page;
use bluehelm_domain::message::Message;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::procedure::VersionStatus;
use bluehelm_domain::role::Role;
use bluehelm_domain::validation::text;
use bluehelm_store::dossier::{
    Dossier, DossierDocument, DossierEvent, DossierStep, NewDossier, NewStep, WaitingStep,
};
use bluehelm_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};

use crate::legal::{procedure_citations_of, CitationView};
use crate::package;
use crate::AppError;
use crate::Ctx;

/// A dossier as a user opens it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DossierInput {
    pub title: String,
    /// mnd_armed, mps_armed or civilian.
    pub category: String,
    /// send, adjust, extend or withdraw.
    pub decision: String,
    /// The date of the procedure (YYYY-MM-DD), which decides the law that applies.
    pub dated: String,
    #[serde(default)]
    pub request_id: Option<i64>,
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The individuals the dossier is for (none for a unit).
    #[serde(default)]
    pub people: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StepView {
    pub step: DossierStep,
    /// Days past the step's time limit (0 within it); only for an open step.
    pub overdue_days: i64,
    /// Whether the caller may decide this step now.
    pub may_decide: bool,
    /// The provisions the step rests on, each with its status on the dossier's date.
    pub citations: Vec<CitationView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DossierDetail {
    pub dossier: Dossier,
    /// The template's legal basis, each document with its status on the dossier's date:
    /// why the template applies, and a warning where a document was not in force then.
    pub basis: Vec<CitationView>,
    pub steps: Vec<StepView>,
    pub events: Vec<DossierEvent>,
    pub documents: Vec<DossierDocument>,
    pub people: Vec<i64>,
}

async fn dossier_for(ctx: &Ctx<'_>, id: i64, action: Action) -> Result<Dossier, AppError> {
    let dossier = ctx.store.dossier(id).await?;
    let path = bluehelm_domain::agency::AgencyPath::from_stored(dossier.lead_agency_path.clone());
    ctx.authorize(
        action,
        Resource::Dossier,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(dossier)
}

fn may_decide(ctx: &Ctx<'_>, step: &DossierStep) -> bool {
    step.status() == bluehelm_domain::dispatch::StepStatus::Active
        && Role::parse(&step.role)
            .is_some_and(|role| policy::authorize_step(ctx.principal, step.agency_id, role).is_ok())
}

pub async fn dossiers(ctx: &Ctx<'_>) -> Result<Vec<Dossier>, AppError> {
    ctx.scope(Action::Read, Resource::Dossier).await?;
    Ok(ctx.store.dossiers(None).await?)
}

/// One page of the dossiers, for the list.
pub async fn dossiers_page(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: Option<u32>,
) -> Result<Page<Dossier>, AppError> {
    ctx.scope(Action::Read, Resource::Dossier).await?;
    let (sort, page) = crate::paging(page, None, sort, Store::DOSSIER_SORT)?;
    Ok(ctx.store.dossiers_page(sort, page).await?)
}

pub async fn dossier_detail(
    ctx: &Ctx<'_>,
    id: i64,
    today: Date,
) -> Result<DossierDetail, AppError> {
    let dossier = dossier_for(ctx, id, Action::Read).await?;
    let steps = ctx.store.dossier_steps(id).await?;
    let step_ids: Vec<i64> = steps.iter().map(|step| step.step_id).collect();
    let (basis, cited) =
        procedure_citations_of(ctx, dossier.template_id, &step_ids, dossier.dated).await?;
    let steps = steps
        .into_iter()
        .map(|step| StepView {
            overdue_days: overdue(&step, today),
            may_decide: may_decide(ctx, &step),
            citations: cited
                .iter()
                .filter(|view| view.citation.subject_id == step.step_id)
                .cloned()
                .collect(),
            step,
        })
        .collect();
    Ok(DossierDetail {
        dossier,
        basis,
        steps,
        events: ctx.store.dossier_events(id).await?,
        documents: ctx.store.dossier_documents(id).await?,
        people: ctx.store.dossier_people(id).await?,
    })
}

fn overdue(step: &DossierStep, today: Date) -> i64 {
    match (step.status(), step.active_since) {
        (bluehelm_domain::dispatch::StepStatus::Active, Some(since)) => days_overdue(
            since.date(),
            u32::try_from(step.limit_days).unwrap_or(0),
            today,
        ),
        _ => 0,
    }
}

/// Opens a dossier under the procedure in force on its date for its category and decision;
/// the choice and its reason are stored with it.
pub async fn open_dossier(ctx: &Ctx<'_>, input: &DossierInput) -> Result<Dossier, AppError> {
    let DossierDraft {
        title,
        category,
        decision,
        dated,
    } = DossierDraft::parse(&input.title, &input.category, &input.decision, &input.dated)?;
    let templates = ctx.store.templates().await?;
    let terms: Vec<_> = templates
        .iter()
        .filter(|t| t.status == VersionStatus::Active.as_str())
        .map(|t| t.terms())
        .collect();
    let choice = choose_template(&terms, category, decision, dated)
        .map_err(|error| AppError::Invalid(error.into()))?;
    let lead = ctx.store.agency_by_code(category.lead_agency()).await?;
    let lead_path = lead.path();
    ctx.authorize(
        Action::Create,
        Resource::Dossier,
        &Owner {
            agency: Some(&lead_path),
            user_id: None,
        },
        "new",
    )
    .await?;
    if let Some(request_id) = input.request_id {
        ctx.store
            .request(request_id)
            .await
            .map_err(not_found("request_id"))?;
    }
    if let Some(unit_id) = input.unit_id {
        ctx.store
            .unit(unit_id)
            .await
            .map_err(not_found("unit_id"))?;
    }
    for person_id in &input.people {
        crate::people::person_for(ctx, *person_id, Action::Read).await?;
    }
    let template_steps = ctx.store.template_steps(choice.template_id).await?;
    let mut agency_ids: HashMap<String, i64> = HashMap::new();
    agency_ids.insert(LEAD_AGENCY.to_owned(), lead.id);
    for step in &template_steps {
        if !agency_ids.contains_key(&step.agency_code) {
            let agency = ctx.store.agency_by_code(&step.agency_code).await?;
            agency_ids.insert(step.agency_code.clone(), agency.id);
        }
    }
    let seqs: Vec<u32> = template_steps
        .iter()
        .map(|s| u32::try_from(s.seq).unwrap_or(0))
        .collect();
    let steps = template_steps
        .iter()
        .zip(opening(&seqs))
        .map(|(step, status)| NewStep {
            step_id: step.id,
            seq: step.seq,
            agency_id: agency_ids[&step.agency_code],
            role: step.role.clone(),
            limit_days: step.limit_days,
            status,
        })
        .collect();
    let mut people = input.people.clone();
    people.sort_unstable();
    people.dedup();
    let new = NewDossier {
        template_id: choice.template_id,
        title,
        category,
        decision,
        dated,
        explanation: choice.explanation,
        lead_agency_id: lead.id,
        request_id: input.request_id,
        unit_id: input.unit_id,
        person_ids: people,
        steps,
        opened_at: bluehelm_store::now(),
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_dossier(&new).await?;
    tx.commit().await?;
    Ok(ctx.store.dossier(id).await?)
}

fn not_found(field: &'static str) -> impl FnOnce(StoreError) -> AppError {
    move |error| match error {
        StoreError::NotFound => AppError::field(field, "not_found", "validation.no_such_record"),
        other => other.into(),
    }
}

/// Approves, returns or rejects one step. Only a user of the step's agency with the step's
/// role may; the step must be open; approving needs the step's documents attached.
pub async fn decide(
    ctx: &Ctx<'_>,
    dossier_id: i64,
    step_id: i64,
    action: &str,
    comment: Option<&str>,
) -> Result<Dossier, AppError> {
    let action = StepAction::parse_field("action", action)?;
    dossier_for(ctx, dossier_id, Action::Read).await?;
    let steps = ctx.store.dossier_steps(dossier_id).await?;
    let step = steps
        .iter()
        .find(|s| s.id == step_id)
        .ok_or(AppError::NotFound)?;
    // A template is data: a step naming no known role can be decided by nobody.
    let role = Role::parse(&step.role).ok_or_else(|| AppError::Conflict {
        field: "step".to_owned(),
        message: Message::new("dispatch.step_without_role"),
    })?;
    if let Err(denied) = policy::authorize_step(ctx.principal, step.agency_id, role) {
        return Err(ctx.refuse(denied, Some(dossier_id.to_string())).await);
    }
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if let Some(comment) = comment {
        text("comment", comment, 2000)?;
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let (status, steps) = tx.dossier_state(dossier_id).await?;
    let index = steps
        .iter()
        .position(|s| s.id == step_id)
        .ok_or(AppError::NotFound)?;
    if action == StepAction::Approve {
        let attached = tx.attached_kinds(dossier_id).await?;
        let missing = missing_documents(&steps[index].required_documents(), &attached);
        if !missing.is_empty() {
            return Err(refusal(Refusal::MissingDocuments(missing)));
        }
    }
    let pairs: Vec<(u32, _)> = steps
        .iter()
        .map(|s| (u32::try_from(s.seq).unwrap_or(0), s.status()))
        .collect();
    let transition = act(status, &pairs, index, action, comment).map_err(refusal)?;
    tx.apply_step_action(
        dossier_id,
        &steps,
        index,
        action,
        comment,
        &transition,
        bluehelm_store::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(ctx.store.dossier(dossier_id).await?)
}

fn refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Closed(_) | Refusal::NotActive(_) => AppError::Conflict {
            field: refusal.field().to_owned(),
            message: refusal.message(),
        },
        other => AppError::Invalid(bluehelm_domain::FieldError::from(other).into()),
    }
}

/// Attaches a document to a dossier in progress. Those who may decide one of its open
/// steps may attach, and so may the lead office's coordinators.
pub async fn attach(
    ctx: &Ctx<'_>,
    dossier_id: i64,
    kind: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<DossierDocument, AppError> {
    let dossier = dossier_for(ctx, dossier_id, Action::Read).await?;
    let steps = ctx.store.dossier_steps(dossier_id).await?;
    let decides_open_step = steps.iter().any(|s| may_decide(ctx, s));
    if let Err(denied) =
        policy::authorize_attachment(ctx.principal, dossier.lead_agency_id, decides_open_step)
    {
        return Err(ctx.refuse(denied, Some(dossier_id.to_string())).await);
    }
    if dossier.status() != bluehelm_domain::dispatch::DossierStatus::InProgress {
        return Err(refusal(Refusal::Closed(dossier.status())));
    }
    let (name, kind, content_type) = check_document(file_name, kind, bytes)?;
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let owned = bytes.to_vec();
    let genuine = crate::blocking::run(move || {
        extension.is_none_or(|ext| package::holds_its_kind(&ext, &owned, &package::DOCUMENT_LIMITS))
    })
    .await?;
    if !genuine {
        return Err(AppError::field(
            "file",
            "content_mismatch",
            "validation.the_content_is_not_the_kind_of",
        ));
    }
    let sha256 = hex::encode(Sha256::digest(bytes));
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .attach_document(dossier_id, &kind, &name, content_type, bytes, &sha256)
        .await?;
    tx.commit().await?;
    ctx.store
        .dossier_documents(dossier_id)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(AppError::NotFound)
}

pub async fn document(
    ctx: &Ctx<'_>,
    dossier_id: i64,
    id: i64,
) -> Result<(DossierDocument, Vec<u8>), AppError> {
    dossier_for(ctx, dossier_id, Action::Read).await?;
    Ok(ctx.store.dossier_document(dossier_id, id).await?)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WaitingView {
    pub step: WaitingStep,
    pub waited_days: i64,
    pub overdue_days: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgencyQueue {
    pub agency_code: String,
    pub waiting: usize,
    pub overdue: usize,
    pub longest_days: i64,
}

/// Where dossiers wait: every open step (longest first) and a summary per agency.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Waiting {
    pub steps: Vec<WaitingView>,
    pub agencies: Vec<AgencyQueue>,
}

fn waiting_view(step: WaitingStep, today: Date) -> WaitingView {
    WaitingView {
        waited_days: (today - step.active_since.date()).whole_days(),
        overdue_days: days_overdue(
            step.active_since.date(),
            u32::try_from(step.limit_days).unwrap_or(0),
            today,
        ),
        step,
    }
}

/// The steps waiting for the caller to decide: their agency's, in one of their roles (the
/// same test as [`policy::authorize_step`]), longest waiting first. Everyone may see their
/// own queue.
pub async fn waiting_for(
    ctx: &Ctx<'_>,
    agency_code: &str,
    now: OffsetDateTime,
) -> Result<Vec<WaitingView>, AppError> {
    let today = now.date();
    Ok(ctx
        .store
        .waiting_steps()
        .await?
        .into_iter()
        .filter(|step| {
            step.agency_code == agency_code
                && Role::parse(&step.role).is_some_and(|role| ctx.principal.has(role))
        })
        .map(|step| waiting_view(step, today))
        .collect())
}

pub async fn waiting(ctx: &Ctx<'_>, now: OffsetDateTime) -> Result<Waiting, AppError> {
    ctx.scope(Action::Read, Resource::Dossier).await?;
    let today = now.date();
    let steps: Vec<WaitingView> = ctx
        .store
        .waiting_steps()
        .await?
        .into_iter()
        .map(|step| waiting_view(step, today))
        .collect();
    let mut agencies: BTreeMap<&str, AgencyQueue> = BTreeMap::new();
    for view in &steps {
        let queue = agencies
            .entry(view.step.agency_code.as_str())
            .or_insert_with(|| AgencyQueue {
                agency_code: view.step.agency_code.clone(),
                waiting: 0,
                overdue: 0,
                longest_days: 0,
            });
        queue.waiting += 1;
        queue.overdue += usize::from(view.overdue_days > 0);
        queue.longest_days = queue.longest_days.max(view.waited_days);
    }
    let mut agencies: Vec<AgencyQueue> = agencies.into_values().collect();
    agencies.sort_by(|a, b| {
        b.waiting
            .cmp(&a.waiting)
            .then(a.agency_code.cmp(&b.agency_code))
    });
    Ok(Waiting { steps, agencies })
}
