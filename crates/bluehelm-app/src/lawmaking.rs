//! Law-making projects: opening one, completing its stages in order, recording its draft
//! versions and the opinions of the agencies consulted, and its adoption, which completes
//! (or creates) the text's entry in the legal registry with the relations it planned.
//!
//! A project is read by the agencies involved in it (and the department's coordinators and
//! the auditor); it is run by its presiding and guiding agencies.

use bluehelm_domain::lawmaking::{
    check_completion, check_disposition, CompletionInput, DraftInput, DraftVersion, Opinion,
    OpinionInput, ProjectDraft, ProjectInput, ProjectKind, ProjectStatus, StageState,
};
use bluehelm_domain::legal::{DocumentDraft, DocumentInput, RelationDraft, RelationInput};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_domain::validation::Checker;
use bluehelm_store::lawmaking::{LawParts, LawProject, LAW_PROJECT_SORT};
use bluehelm_store::legal::LegalDocument;
use serde::{Deserialize, Serialize};

use crate::i18n::Tr;
use crate::{duplicate, AppError, Ctx};
use bluehelm_domain::lang::Lang;

/// A project with everything its page shows, and whether the reader may run it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectDetail {
    pub project: LawProject,
    pub agencies: Vec<bluehelm_store::lawmaking::LawAgency>,
    pub stages: Vec<bluehelm_store::lawmaking::LawStage>,
    pub drafts: Vec<bluehelm_store::lawmaking::LawDraft>,
    pub opinions: Vec<bluehelm_store::lawmaking::LawOpinion>,
    pub can_run: bool,
}

/// How an opinion was taken in, as a form or a request answers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// `pending`, `accepted`, `partly` or `declined`.
    pub disposition: String,
    /// Required when the opinion was not taken in fully.
    #[serde(default)]
    pub response: String,
}

/// The projects the reader's agencies take part in, sorted by a key of
/// [`LAW_PROJECT_SORT`] (open ones first by default).
pub async fn projects(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<LawProject>, AppError> {
    let scope = ctx.scope(Action::Read, Resource::LawMaking).await?;
    let sort = Sort::parse(sort, LAW_PROJECT_SORT)?;
    Ok(ctx.store.law_projects(&scope, sort, page).await?)
}

/// Whether the principal may do `action` on a project whose agencies are `agencies` (for
/// reading, any of them; for running, the presiding or guiding one).
fn may(
    principal: &policy::Principal,
    action: Action,
    agencies: &[bluehelm_store::lawmaking::LawAgency],
) -> Result<(), policy::Denied> {
    let owners: Vec<_> = agencies
        .iter()
        .filter(|agency| action == Action::Read || agency.part != "consulted")
        .map(|agency| agency.path())
        .collect();
    policy::authorize_any(principal, action, Resource::LawMaking, &owners)
}

async fn project_for(
    ctx: &Ctx<'_>,
    id: i64,
    action: Action,
) -> Result<(LawProject, LawParts), AppError> {
    let (project, parts) = ctx.store.law_project(id).await?;
    if let Err(denied) = may(ctx.principal, action, &parts.agencies) {
        // A project the reader may not even read is not there for them.
        if action == Action::Read || may(ctx.principal, Action::Read, &parts.agencies).is_err() {
            ctx.refuse(denied, Some(id.to_string())).await;
            return Err(AppError::NotFound);
        }
        return Err(ctx.refuse(denied, Some(id.to_string())).await);
    }
    Ok((project, parts))
}

pub async fn project(ctx: &Ctx<'_>, id: i64) -> Result<ProjectDetail, AppError> {
    let (project, parts) = project_for(ctx, id, Action::Read).await?;
    let can_run = project.status() == Some(ProjectStatus::Open)
        && may(ctx.principal, Action::Update, &parts.agencies).is_ok();
    Ok(ProjectDetail {
        project,
        agencies: parts.agencies,
        stages: parts.stages,
        drafts: parts.drafts,
        opinions: parts.opinions,
        can_run,
    })
}

/// Every agency as (code, id), to resolve the codes a form gives.
async fn agency_codes(ctx: &Ctx<'_>) -> Result<Vec<(String, i64, String)>, AppError> {
    Ok(ctx
        .store
        .all_agencies()
        .await?
        .into_iter()
        .map(|agency| (agency.code, agency.id, agency.path))
        .collect())
}

/// Opens a project presided over or guided by an agency the caller may run projects for.
pub async fn create_project(ctx: &Ctx<'_>, input: &ProjectInput) -> Result<LawProject, AppError> {
    ctx.scope(Action::Create, Resource::LawMaking).await?;
    let agencies = agency_codes(ctx).await?;
    let documents = ctx.store.legal_document_ids().await?;
    let draft = ProjectDraft::parse(
        input,
        |code| {
            agencies
                .iter()
                .find(|(known, ..)| known == code)
                .map(|(_, id, _)| *id)
        },
        |id| documents.binary_search(&id).is_ok(),
    )?;
    let runners: Vec<_> = std::iter::once(draft.presiding)
        .chain(draft.guiding)
        .filter_map(|id| {
            let (_, _, path) = agencies.iter().find(|(_, known, _)| *known == id)?;
            Some(bluehelm_domain::agency::AgencyPath::from_stored(
                path.clone(),
            ))
        })
        .collect();
    if let Err(denied) =
        policy::authorize_any(ctx.principal, Action::Create, Resource::LawMaking, &runners)
    {
        return Err(ctx.refuse(denied, None).await);
    }
    // Each stage keeps its names as they were when the project opened.
    let (vi, en) = (Tr::new(Lang::Vi), Tr::new(Lang::En));
    let prefix = draft.kind.stage_names();
    let stage_names: Vec<(String, String)> = draft
        .kind
        .stages()
        .iter()
        .map(|stage| (vi.term(&prefix, stage.code), en.term(&prefix, stage.code)))
        .collect();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_law_project(&draft, &stage_names).await?;
    tx.commit().await?;
    Ok(ctx.store.law_project(id).await?.0)
}

/// A project its reader may run, still open.
async fn open_project(ctx: &Ctx<'_>, id: i64) -> Result<(LawProject, LawParts), AppError> {
    let (project, parts) = project_for(ctx, id, Action::Update).await?;
    if project.status() != Some(ProjectStatus::Open) {
        return Err(AppError::field(
            "stage",
            "closed",
            "validation.law_project_adopted",
        ));
    }
    Ok((project, parts))
}

fn today() -> time::Date {
    bluehelm_store::now().date()
}

/// Completes the project's current stage; refuses a skipped or finished one by field. The
/// last stage adopts the text: its registry entry is completed (or registered) with the
/// number and dates given, and the relations the project planned are added.
pub async fn complete_stage(
    ctx: &Ctx<'_>,
    id: i64,
    input: &CompletionInput,
) -> Result<LawProject, AppError> {
    let (project, parts) = open_project(ctx, id).await?;
    let states: Vec<StageState<'_>> = parts
        .stages
        .iter()
        .map(|stage| StageState {
            code: &stage.code,
            status: stage.status(),
            started_on: stage.started_on,
        })
        .collect();
    let completion = check_completion(&states, input, today())?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let adopted = if completion.adopts {
        Some(adopt(ctx, &mut tx, &project, input).await?)
    } else {
        None
    };
    tx.complete_law_stage(&project, &parts.stages, &completion, adopted)
        .await?;
    tx.commit().await?;
    Ok(ctx.store.law_project(id).await?.0)
}

/// Registers the adopted text (or completes its draft entry) and its planned relations,
/// inside the completion's transaction; returns the document's id.
async fn adopt(
    ctx: &Ctx<'_>,
    tx: &mut bluehelm_store::WriteTx,
    project: &LawProject,
    input: &CompletionInput,
) -> Result<i64, AppError> {
    let kind = ProjectKind::parse(&project.kind).ok_or(AppError::NotFound)?;
    let existing: Option<LegalDocument> = match project.document_id {
        Some(document) => Some(ctx.store.legal_document(document).await?),
        None => None,
    };
    let issuer = match (&existing, kind) {
        (Some(document), _) => document.issuer.clone(),
        (None, ProjectKind::Law) => "Quốc hội".to_owned(),
        (None, ProjectKind::Decree) => "Chính phủ".to_owned(),
        (None, ProjectKind::Circular) => {
            ctx.store.agency(project.presiding_agency_id).await?.name_vi
        }
    };
    let titles = |vi: &str, en: &str| match &existing {
        Some(document) => (document.title_vi.clone(), document.title_en.clone()),
        None => (vi.to_owned(), en.to_owned()),
    };
    let (title_vi, title_en) = titles(&project.title_vi, &project.title_en);
    let document_input = DocumentInput {
        kind: kind.document_kind().as_str().to_owned(),
        number: input.number.clone(),
        title_vi,
        title_en,
        issuer,
        signed_on: input.signed_on.clone(),
        effective_on: input.effective_on.clone(),
        ends_on: String::new(),
        source_url: existing
            .as_ref()
            .and_then(|document| document.source_url.clone())
            .unwrap_or_default(),
        verified: existing.as_ref().is_some_and(|document| document.verified),
        note: existing
            .as_ref()
            .and_then(|document| document.note.clone())
            .unwrap_or_default(),
    };
    let mut checker = Checker::default();
    for (field, value) in [
        ("number", &input.number),
        ("signed_on", &input.signed_on),
        ("effective_on", &input.effective_on),
    ] {
        if value.trim().is_empty() {
            checker.push(bluehelm_domain::FieldError::new(
                field,
                "required",
                "validation.law_adoption_needs",
            ));
        }
    }
    checker.finish()?;
    let draft = DocumentDraft::parse(&document_input)?;
    let effective_on = draft.effective_on.unwrap_or(project.opened_on);
    let document = match &existing {
        Some(document) => {
            tx.update_legal_document(document, &draft)
                .await
                .map_err(duplicate("number", "message.legal_number_taken"))?;
            document.id
        }
        None => tx
            .create_legal_document(project.presiding_agency_id, &draft)
            .await
            .map_err(duplicate("number", "message.legal_number_taken"))?,
    };
    let already = ctx.store.legal_relations(document).await?;
    let planned = [
        (
            bluehelm_domain::legal::RelationKind::Implements,
            project.implements_id,
        ),
        (
            bluehelm_domain::legal::RelationKind::Replaces,
            project.replaces_id,
        ),
    ];
    for (relation, object) in planned {
        let Some(object) = object else { continue };
        if already.iter().any(|known| {
            known.subject_id == document
                && known.object_id == object
                && known.kind == relation.as_str()
        }) {
            continue;
        }
        let object_document = ctx.store.legal_document(object).await?;
        let links = ctx.store.legal_links(relation).await?;
        let relation_input = RelationInput {
            kind: relation.as_str().to_owned(),
            object_id: object.to_string(),
            effective_on: effective_on.to_string(),
            articles: String::new(),
        };
        let subject_dates = bluehelm_domain::legal::Dates {
            signed_on: draft.signed_on,
            effective_on: draft.effective_on,
            ends_on: draft.ends_on,
        };
        let relation_draft = RelationDraft::parse(
            &relation_input,
            document,
            subject_dates,
            |id| (id == object).then(|| object_document.dates()),
            &links,
        )?;
        tx.add_legal_relation(document, &relation_draft).await?;
    }
    Ok(document)
}

/// Records the project's next draft version, at its current stage.
pub async fn add_draft(ctx: &Ctx<'_>, id: i64, input: &DraftInput) -> Result<i64, AppError> {
    let (project, _) = open_project(ctx, id).await?;
    let version = DraftVersion::parse(input, project.opened_on, today())?;
    let stage = project.current_stage.clone().unwrap_or_default();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let number = tx
        .add_law_draft(project.id, &stage, &version)
        .await
        .map_err(duplicate("dated", "message.law_version_taken"))?;
    tx.commit().await?;
    Ok(number)
}

/// Records the opinion a consulted agency gave, and how it was taken in if known yet.
pub async fn add_opinion(ctx: &Ctx<'_>, id: i64, input: &OpinionInput) -> Result<i64, AppError> {
    let (project, parts) = open_project(ctx, id).await?;
    let consulted: Vec<i64> = parts
        .agencies
        .iter()
        .filter(|agency| agency.part == "consulted")
        .map(|agency| agency.agency_id)
        .collect();
    let versions: Vec<i64> = parts.drafts.iter().map(|draft| draft.version).collect();
    let agencies = agency_codes(ctx).await?;
    let opinion = Opinion::parse(
        input,
        |code| {
            agencies
                .iter()
                .find(|(known, ..)| known == code)
                .map(|(_, id, _)| *id)
        },
        &consulted,
        &versions,
        today(),
    )?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let opinion_id = tx.add_law_opinion(project.id, &opinion).await?;
    tx.commit().await?;
    Ok(opinion_id)
}

/// Records how an opinion was taken in.
pub async fn answer_opinion(
    ctx: &Ctx<'_>,
    id: i64,
    opinion_id: i64,
    input: &AnswerInput,
) -> Result<(), AppError> {
    let (_, parts) = open_project(ctx, id).await?;
    let before = parts
        .opinions
        .iter()
        .find(|opinion| opinion.id == opinion_id)
        .ok_or(AppError::NotFound)?;
    let mut checker = Checker::default();
    let answer = check_disposition(&mut checker, &input.disposition, &input.response);
    checker.finish()?;
    let Some((disposition, response)) = answer else {
        return Err(AppError::NotFound);
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.answer_law_opinion(before, disposition, response.as_deref())
        .await?;
    tx.commit().await?;
    Ok(())
}
