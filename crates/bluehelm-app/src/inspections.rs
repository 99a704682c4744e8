//! Inspections of the forces at missions: the inspectors (and the department's
//! coordinators) record a visit, how each area of its checklist was found, its findings and
//! its recommendations. A recommendation is given to agencies as a task, followed like
//! any other; the visit shows it followed up once the task is closed. Health findings,
//! and how health was found, are the medical role's alone.

use std::collections::HashSet;

use bluehelm_domain::dispatch::check_document;
use bluehelm_domain::inspection::{
    check_result, CheckArea, CheckInput, FindingDraft, FindingInput, InspectionDraft,
    InspectionInput, KnownVisit, RecommendationDraft, RecommendationInput,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::inspection::{Evidence, Inspection, InspectionRecord, INSPECTION_SORT};
use sha2::{Digest, Sha256};

use crate::coordination::{find, Lookup};
use crate::{AppError, Ctx};
use bluehelm_domain::coordination::Known;

pub async fn inspections(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<Inspection>, AppError> {
    ctx.scope(Action::Read, Resource::Inspection).await?;
    let sort = Sort::parse(sort.or(Some("-from")), INSPECTION_SORT)?;
    Ok(ctx.store.inspections(sort, page).await?)
}

/// Whether the reader may see what concerns health.
fn reads_health(ctx: &Ctx<'_>) -> bool {
    policy::scope(ctx.principal, Action::Read, Resource::Medical).is_ok()
}

/// A visit with what was recorded on it; without health findings, or how health was
/// found, for a reader who may not read health data.
pub async fn inspection(ctx: &Ctx<'_>, id: i64) -> Result<InspectionRecord, AppError> {
    ctx.scope(Action::Read, Resource::Inspection).await?;
    let health = reads_health(ctx);
    let mut record = ctx.store.inspection(id, health).await?;
    if !health {
        for check in &mut record.checks {
            if check.area == "health" {
                check.result = "withheld".to_owned();
                check.note = None;
            }
        }
    }
    Ok(record)
}

/// What a visit's form offers: the bodies that may send a team, the missions, and the
/// formed units as (id, name, the mission they serve at).
pub struct VisitChoices {
    pub teams: Vec<bluehelm_store::coordination::Body>,
    pub missions: Vec<bluehelm_store::mission::Mission>,
    pub units: Vec<(i64, String, Option<i64>)>,
}

pub async fn choices(ctx: &Ctx<'_>) -> Result<VisitChoices, AppError> {
    ctx.scope(Action::Create, Resource::Inspection).await?;
    Ok(VisitChoices {
        teams: ctx.store.bodies(bluehelm_store::now().date()).await?,
        missions: ctx.store.missions().await?,
        units: ctx.store.unit_missions().await?,
    })
}

pub async fn create_inspection(ctx: &Ctx<'_>, input: &InspectionInput) -> Result<i64, AppError> {
    ctx.scope(Action::Create, Resource::Inspection).await?;
    let today = bluehelm_store::now().date();
    let teams: HashSet<i64> = ctx
        .store
        .bodies(today)
        .await?
        .into_iter()
        .map(|body| body.id)
        .collect();
    let missions: Vec<(String, i64)> = ctx
        .store
        .missions()
        .await?
        .into_iter()
        .map(|mission| (mission.code, mission.id))
        .collect();
    let units = ctx.store.unit_missions().await?;
    let draft = InspectionDraft::parse(
        input,
        &KnownVisit {
            team: &|id| teams.contains(&id),
            mission: &|code| find(&missions, code),
            unit_mission: &|id| {
                units
                    .iter()
                    .find(|(unit, ..)| *unit == id)
                    .map(|(.., mission)| *mission)
            },
        },
    )?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_inspection(&draft).await?;
    tx.commit().await?;
    Ok(id)
}

/// The visit to record on, for one who may update inspections.
async fn for_update(ctx: &Ctx<'_>, id: i64) -> Result<InspectionRecord, AppError> {
    ctx.scope(Action::Update, Resource::Inspection).await?;
    Ok(ctx.store.inspection(id, true).await?)
}

/// Refuses, and audits, what concerns health to one who may not write health data.
async fn health_gate(ctx: &Ctx<'_>, health: bool, id: i64) -> Result<(), AppError> {
    if health {
        if let Err(denied) = policy::scope(ctx.principal, Action::Create, Resource::Medical) {
            return Err(ctx.refuse(denied, Some(id.to_string())).await);
        }
    }
    Ok(())
}

/// Records how an area of the checklist was found.
pub async fn record_check(ctx: &Ctx<'_>, id: i64, input: &CheckInput) -> Result<(), AppError> {
    let record = for_update(ctx, id).await?;
    let (area, result, note) = check_result(input, &record.scope())?;
    health_gate(ctx, area.is_health(), id).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.record_check(id, area, result, note.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_finding(ctx: &Ctx<'_>, id: i64, input: &FindingInput) -> Result<i64, AppError> {
    let record = for_update(ctx, id).await?;
    let units: Vec<i64> = record.units.iter().map(|unit| unit.unit_id).collect();
    let draft = FindingDraft::parse(input, &record.scope(), &units)?;
    health_gate(ctx, draft.area.is_health(), id).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let finding = tx.add_finding(id, &draft).await?;
    tx.commit().await?;
    Ok(finding)
}

/// Keeps a file that shows a finding of the visit (a photograph, a report, a scanned
/// record: PDF, image or office file, checked by its name and its content, at most
/// 10 MiB), with its SHA-256. One about health is the medical role's.
pub async fn add_evidence(
    ctx: &Ctx<'_>,
    id: i64,
    finding: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<Evidence, AppError> {
    let record = for_update(ctx, id).await?;
    let Some(finding) = record.findings.iter().find(|known| known.id == finding) else {
        return Err(AppError::NotFound);
    };
    let health = finding.area == CheckArea::Health.as_str();
    health_gate(ctx, health, id).await?;
    let (name, _, content_type) = check_document(file_name, "other", bytes)?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let evidence = tx
        .add_evidence(finding.id, health, &name, content_type, bytes, &sha256)
        .await?;
    tx.commit().await?;
    Ok(ctx.store.evidence_file(id, evidence, health).await?.0)
}

/// A file that shows a finding, with its bytes; one about health for the medical role.
pub async fn evidence(
    ctx: &Ctx<'_>,
    id: i64,
    evidence: i64,
) -> Result<(Evidence, Vec<u8>), AppError> {
    ctx.scope(Action::Read, Resource::Inspection).await?;
    Ok(ctx
        .store
        .evidence_file(id, evidence, reads_health(ctx))
        .await?)
}

/// Gives a recommendation to agencies as a task of the visit, concerning its mission.
/// Returns the task's id.
pub async fn add_recommendation(
    ctx: &Ctx<'_>,
    id: i64,
    input: &RecommendationInput,
) -> Result<i64, AppError> {
    let record = for_update(ctx, id).await?;
    let findings: Vec<(i64, Option<i64>)> = record
        .findings
        .iter()
        .map(|finding| (finding.id, finding.unit_id))
        .collect();
    let units: Vec<i64> = record.units.iter().map(|unit| unit.unit_id).collect();
    let visit = &record.inspection;
    let lookup = Lookup::load(ctx, &[]).await?;
    let draft = lookup.with(|known| {
        let known = Known {
            unit: &|id| units.contains(&id),
            ..*known
        };
        RecommendationDraft::parse(input, &visit.mission_code, visit.to_on, &findings, &known)
    })?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let (_, task) = tx.add_recommendation(&record.inspection, &draft).await?;
    tx.commit().await?;
    Ok(task)
}
