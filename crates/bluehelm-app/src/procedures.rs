//! Dispatch templates as versioned data: the procedures with their versions, one version
//! with its steps and what each cites, a new version copied from another, a draft saved
//! whole, and its activation. Everybody signed in reads them; the keepers of the legal
//! registry (the department's coordinators, the Legal Department's officers) write them.
//!
//! A draft is checked twice against the registry: when saved, and again when activated,
//! since a cited document may have been replaced in between.

use std::collections::BTreeMap;

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::legal::Cited;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::procedure::{
    check_citations, check_template, CitationInput, CitedStatus, StepInput, TemplateDraft,
    TemplateInput, VersionStatus,
};
use bluehelm_domain::FieldError;
use bluehelm_store::dossier::{Template, TemplateStep};
use bluehelm_store::legal::{LegalDocument, SEED_KEEPER};
use serde::Serialize;

use crate::legal::{procedure_citations_of, CitationView, CitedDocuments};
use crate::{AppError, Ctx};

/// A step of a version with the provisions it cites.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VersionStepView {
    pub step: TemplateStep,
    /// Each with its status on the version's first day.
    pub citations: Vec<CitationView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TemplateDetail {
    pub template: Template,
    /// The documents the procedure rests on, each with its status on the version's first
    /// day.
    pub basis: Vec<CitationView>,
    pub steps: Vec<VersionStepView>,
    /// Every version of the same procedure, newest first.
    pub versions: Vec<Template>,
    /// Whether the caller may copy, edit and activate versions.
    pub may_edit: bool,
}

/// Every version of every procedure, by first day.
pub async fn templates(ctx: &Ctx<'_>) -> Result<Vec<Template>, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    Ok(ctx.store.templates().await?)
}

/// The agency that keeps the registry and the procedures resting on it.
async fn keeper(ctx: &Ctx<'_>) -> Result<AgencyPath, AppError> {
    Ok(ctx.store.agency_by_code(SEED_KEEPER).await?.path())
}

/// Whether the caller keeps the procedures.
pub async fn may_edit(ctx: &Ctx<'_>) -> Result<bool, AppError> {
    let keeper = keeper(ctx).await?;
    let owner = Owner {
        agency: Some(&keeper),
        user_id: None,
    };
    Ok(policy::authorize(ctx.principal, Action::Update, Resource::Legal, &owner).is_ok())
}

async fn authorize_edit(ctx: &Ctx<'_>, id: i64) -> Result<(), AppError> {
    let keeper = keeper(ctx).await?;
    let owner = Owner {
        agency: Some(&keeper),
        user_id: None,
    };
    ctx.authorize(Action::Update, Resource::Legal, &owner, id)
        .await
}

pub async fn template_detail(ctx: &Ctx<'_>, id: i64) -> Result<TemplateDetail, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    let template = ctx.store.template(id).await?;
    let steps = ctx.store.template_steps(id).await?;
    let step_ids: Vec<i64> = steps.iter().map(|step| step.id).collect();
    let (basis, cited) = procedure_citations_of(ctx, id, &step_ids, template.valid_from).await?;
    let steps = steps
        .into_iter()
        .map(|step| VersionStepView {
            citations: cited
                .iter()
                .filter(|view| view.citation.subject_id == step.id)
                .cloned()
                .collect(),
            step,
        })
        .collect();
    let versions = ctx.store.template_versions(&template.procedure).await?;
    Ok(TemplateDetail {
        template,
        basis,
        steps,
        versions,
        may_edit: may_edit(ctx).await?,
    })
}

fn cited_input(views: &[CitationView]) -> Vec<CitationInput> {
    views
        .iter()
        .map(|view| CitationInput {
            document_id: view.citation.document_id,
            article: view.citation.article.clone().unwrap_or_default(),
        })
        .collect()
}

/// A version as a draft's input: what the edit form starts from.
pub fn input_of(detail: &TemplateDetail) -> TemplateInput {
    let t = &detail.template;
    let list = |values: &str| {
        values
            .split(',')
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    TemplateInput {
        name_vi: t.name_vi.clone(),
        name_en: t.name_en.clone(),
        valid_from: t.valid_from.to_string(),
        valid_to: t.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        categories: list(&t.categories),
        decisions: list(&t.decisions),
        basis: cited_input(&detail.basis),
        steps: detail
            .steps
            .iter()
            .map(|view| StepInput {
                code: view.step.code.clone(),
                seq: view.step.seq.to_string(),
                name_vi: view.step.name_vi.clone(),
                name_en: view.step.name_en.clone(),
                agency: view.step.agency_code.clone(),
                role: view.step.role.clone(),
                limit_days: view.step.limit_days.to_string(),
                documents: list(&view.step.documents),
                provision: cited_input(&view.citations),
            })
            .collect(),
    }
}

/// How the dossiers' free text names a document: "Law 92/2025/QH15", "Decree 01/2026/NĐ-CP,
/// Art. 12". The pages show the citations themselves; this is the text they fall back on.
fn cited_text(document: &LegalDocument, article: Option<&str>) -> String {
    let kind = match document.kind.as_str() {
        "constitution" => "Constitution",
        "law" => "Law",
        "ordinance" => "Ordinance",
        "decree" => "Decree",
        "circular" => "Circular",
        "assembly_resolution" | "council_resolution" | "general_assembly_resolution" => {
            "Resolution"
        }
        "prime_minister_decision" | "ministerial_decision" => "Decision",
        _ => "",
    };
    let named = match (&document.number, kind) {
        (Some(number), kind) if !kind.is_empty() => format!("{kind} {number}"),
        (Some(number), _) => number.clone(),
        (None, _) => document.title_en.clone(),
    };
    match article {
        Some(article) => format!("{named}, Art. {article}"),
        None => named,
    }
}

fn texts(cited: &[Cited], documents: &CitedDocuments) -> String {
    cited
        .iter()
        .filter_map(|c| {
            let document = documents.documents.get(&c.document)?;
            Some(cited_text(document, c.article.as_deref()))
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Checks a draft whole: its fields, then each citation against the registry on the
/// version's first day. Returns it with its basis and provisions as free text.
async fn checked(
    ctx: &Ctx<'_>,
    input: &TemplateInput,
) -> Result<(TemplateDraft, String, Vec<String>), AppError> {
    let agencies = ctx.store.agency_codes().await?;
    let draft = check_template(input, &agencies)?;
    let mut ids: Vec<i64> = draft.basis.iter().map(|c| c.document).collect();
    ids.extend(
        draft
            .steps
            .iter()
            .flat_map(|s| s.provision.iter().map(|c| c.document)),
    );
    ids.sort_unstable();
    ids.dedup();
    let documents = CitedDocuments::load(ctx, &ids).await?;
    check_citations(&draft, |id, on| match documents.status_on(id, on) {
        Some(status) if status.in_force() => CitedStatus::InForce,
        Some(_) => CitedStatus::NotInForce,
        None => CitedStatus::Unknown,
    })?;
    let basis = texts(&draft.basis, &documents);
    let provisions = draft
        .steps
        .iter()
        .map(|step| texts(&step.provision, &documents))
        .collect();
    Ok((draft, basis, provisions))
}

fn not_a_draft() -> AppError {
    AppError::Invalid(
        FieldError::new("status", "not_a_draft", "validation.only_a_draft_changes").into(),
    )
}

/// A new draft version of `from`'s procedure, a copy of `from` with its citations.
pub async fn new_version(ctx: &Ctx<'_>, from: i64) -> Result<Template, AppError> {
    authorize_edit(ctx, from).await?;
    let detail = template_detail(ctx, from).await?;
    let input = input_of(&detail);
    let agencies = ctx.store.agency_codes().await?;
    // The copy keeps what the source says, even a citation since replaced: the draft's
    // check shows it, and activation refuses it.
    let draft = check_template(&input, &agencies)?;
    let provisions: Vec<String> = detail
        .steps
        .iter()
        .map(|v| v.step.provision.clone())
        .collect();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .add_template_version(
            &detail.template.procedure,
            from,
            &draft,
            &detail.template.legal_basis,
        )
        .await?;
    tx.write_template_draft(id, &draft, &detail.template.legal_basis, &provisions)
        .await?;
    tx.commit().await?;
    Ok(ctx.store.template(id).await?)
}

/// Saves a draft version whole: its terms, its steps and what they cite.
pub async fn save_draft(
    ctx: &Ctx<'_>,
    id: i64,
    input: &TemplateInput,
) -> Result<Template, AppError> {
    authorize_edit(ctx, id).await?;
    let (draft, basis, provisions) = checked(ctx, input).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    if !tx
        .write_template_draft(id, &draft, &basis, &provisions)
        .await?
    {
        return Err(not_a_draft());
    }
    tx.commit().await?;
    Ok(ctx.store.template(id).await?)
}

/// Activates a draft after checking it again against today's registry.
pub async fn activate(ctx: &Ctx<'_>, id: i64) -> Result<Template, AppError> {
    authorize_edit(ctx, id).await?;
    let detail = template_detail(ctx, id).await?;
    if detail.template.status != VersionStatus::Draft.as_str() {
        return Err(not_a_draft());
    }
    checked(ctx, &input_of(&detail)).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    if !tx.activate_template(id).await? {
        return Err(not_a_draft());
    }
    tx.commit().await?;
    Ok(ctx.store.template(id).await?)
}

/// The procedures, each with its versions newest first, for the list page.
pub fn by_procedure(templates: Vec<Template>) -> Vec<(String, Vec<Template>)> {
    let mut grouped: BTreeMap<String, Vec<Template>> = BTreeMap::new();
    for template in templates {
        grouped
            .entry(template.procedure.clone())
            .or_default()
            .push(template);
    }
    let mut grouped: Vec<(String, Vec<Template>)> = grouped.into_iter().collect();
    for (_, versions) in &mut grouped {
        versions.sort_by_key(|t| std::cmp::Reverse(t.version));
    }
    grouped.sort_by_key(|(_, versions)| {
        versions
            .iter()
            .map(|t| std::cmp::Reverse(t.valid_from))
            .min()
    });
    grouped
}
