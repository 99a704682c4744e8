//! Inspections of the forces at missions: the inspectors (and the department's
//! coordinators) record a visit, how each area of its checklist was found, its findings and
//! its recommendations. A recommendation is given to agencies as a task, followed like
//! any other; the visit shows it followed up once the task is closed. Health findings,
//! and how health was found, are the medical role's alone.

use std::collections::HashSet;

use bluehelm_domain::coordination::Known;
use bluehelm_domain::dispatch::check_document;
use bluehelm_domain::inspection::{
    check_result, CheckArea, CheckInput, FindingDraft, FindingInput, InspectionDraft,
    InspectionInput, KnownVisit, PersonInput, RecommendationDraft, RecommendationInput,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{self, Action, Resource, Scope};
use bluehelm_store::inspection::{
    Evidence, Inspection, InspectionRecord, VisitedPerson, INSPECTION_SORT,
};
use sha2::{Digest, Sha256};

use crate::coordination::{find, Lookup};
use crate::{AppError, Ctx};

pub async fn inspections(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<Inspection>, AppError> {
    ctx.scope(Action::Read, Resource::Inspection).await?;
    let sort = Sort::parse(sort.or(Some("-from")), INSPECTION_SORT)?;
    Ok(ctx.store.inspections(sort, page).await?)
}

/// Whether the reader may read every person's record, and so the names of those a visit
/// saw.
fn reads_every_person(ctx: &Ctx<'_>) -> bool {
    policy::scope(ctx.principal, Action::Read, Resource::Person)
        .is_ok_and(|scope| scope == Scope::All)
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
    if !reads_every_person(ctx) {
        // Who was seen is personal data: the count for a reader of some people only.
        record.people.clear();
    }
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

/// The officers the visit may have seen: those whose tour at its mission overlaps it, for
/// one who records visits and reads every person.
pub async fn people_on_tour(ctx: &Ctx<'_>, id: i64) -> Result<Vec<VisitedPerson>, AppError> {
    let record = for_update(ctx, id).await?;
    on_tour_during(ctx, &record.inspection).await
}

/// [`people_on_tour`] for a visit its page has already read.
pub async fn people_on_tour_of(
    ctx: &Ctx<'_>,
    visit: &Inspection,
) -> Result<Vec<VisitedPerson>, AppError> {
    ctx.scope(Action::Update, Resource::Inspection).await?;
    on_tour_during(ctx, visit).await
}

async fn on_tour_during(ctx: &Ctx<'_>, visit: &Inspection) -> Result<Vec<VisitedPerson>, AppError> {
    if !reads_every_person(ctx) {
        return Ok(Vec::new());
    }
    Ok(ctx
        .store
        .people_on_tour(visit.mission_id, visit.from_on, visit.to_on)
        .await?)
}

/// Records that the visit saw an officer in person, one whose tour at the mission
/// overlaps the visit.
pub async fn add_person(ctx: &Ctx<'_>, id: i64, input: &PersonInput) -> Result<i64, AppError> {
    let record = for_update(ctx, id).await?;
    if let Err(denied) = policy::scope(ctx.principal, Action::Read, Resource::Person) {
        return Err(ctx.refuse(denied, Some(id.to_string())).await);
    }
    let visit = &record.inspection;
    let candidates = ctx
        .store
        .people_on_tour(visit.mission_id, visit.from_on, visit.to_on)
        .await?;
    let person = input.person_id.trim().parse::<i64>().ok();
    let Some(person) = person.filter(|id| candidates.iter().any(|known| known.person_id == *id))
    else {
        return Err(AppError::field(
            "person_id",
            "not_on_tour",
            "validation.inspection_person_not_at_mission",
        ));
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let added = tx
        .add_visited_person(id, person)
        .await
        .map_err(crate::duplicate(
            "person_id",
            "validation.inspection_person_twice",
        ))?;
    tx.commit().await?;
    Ok(added)
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
    Ok(Evidence {
        id: evidence,
        finding_id: finding.id,
        file_name: name,
        content_type: content_type.to_owned(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256,
    })
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
    let lookup = Lookup::load(ctx, "", &[]).await?;
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
