//! The legal registry's use cases: documents with their status on a date and their
//! timeline, registering and correcting a document, relating one document to another,
//! registering its published text.
//! Everybody signed in reads; the department's coordinators and each agency's officers
//! (for the documents their agency keeps) write.

use bluehelm_domain::dispatch::check_document;
use bluehelm_domain::legal::{
    status_on, timeline, Dates, DocumentDraft, DocumentInput, Link, RelationDraft, RelationInput,
    RelationKind, Status,
};
use bluehelm_domain::listing::{Page, PageRequest};
use bluehelm_domain::policy::{Action, Owner, Resource};
use bluehelm_store::legal::{Citation, LegalDocument, LegalFile, LegalFilter, LegalRelation};
use bluehelm_store::Store;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::Date;

use crate::{duplicate, AppError, Ctx};

/// A document with its status on the day asked.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub document: LegalDocument,
    pub status: Status,
    /// The document that replaced or last amended it, as people name it (its number, else
    /// its titles), when the status says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<Label>,
}

/// How a document is named beside another: its number, else its titles.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Label {
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
}

/// The document a status names (the replacing or amending one), if any.
fn changed_by(status: &Status) -> Option<i64> {
    match status {
        Status::Replaced { by, .. } | Status::Amended { by } => Some(*by),
        _ => None,
    }
}

/// The document that `status` names, among the relations that reach a document.
pub fn named_by(status: &Status, related_from: &[LegalRelation]) -> Option<Label> {
    let by = changed_by(status)?;
    related_from
        .iter()
        .find(|relation| relation.subject_id == by)
        .map(|relation| Label {
            number: relation.other_number.clone(),
            title_vi: relation.other_title_vi.clone(),
            title_en: relation.other_title_en.clone(),
        })
}

/// The labels of the documents that `statuses` name, by id.
async fn labels_of(
    store: &Store,
    statuses: impl Iterator<Item = &Status>,
) -> Result<std::collections::HashMap<i64, Label>, AppError> {
    let ids: Vec<i64> = statuses.filter_map(changed_by).collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(store
        .legal_labels(&ids)
        .await?
        .into_iter()
        .map(|(id, number, title_vi, title_en)| {
            (
                id,
                Label {
                    number,
                    title_vi,
                    title_en,
                },
            )
        })
        .collect())
}

/// One change of a document's status: from `on`, `status`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimelineStep {
    pub on: Date,
    pub status: Status,
}

/// A document's page: its status on the day asked, how its status changed over time, and
/// its relations both ways.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentDetail {
    pub document: LegalDocument,
    pub on: Date,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<Label>,
    pub timeline: Vec<TimelineStep>,
    /// What this document implements, amends, replaces, is based on or guides.
    pub relates_to: Vec<LegalRelation>,
    /// What implements, amends, replaces, is based on or guides this document.
    pub related_from: Vec<LegalRelation>,
    /// The acts that cite it, with its status on each act's date.
    pub relied_on_by: Vec<CitationView>,
    /// The mission whose mandate this resolution sets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mandate_of: Option<MandateOf>,
    /// Its published text, when one is registered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<LegalFile>,
}

/// The mission a mandate resolution is about.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MandateOf {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

pub async fn documents(
    ctx: &Ctx<'_>,
    filter: &LegalFilter,
    page: PageRequest,
    on: Date,
) -> Result<Page<DocumentView>, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    let page = ctx.store.legal_documents(filter, page).await?;
    let ids: Vec<i64> = page.items.iter().map(|d| d.id).collect();
    let changes = ctx.store.legal_changes_of(&ids).await?;
    let statuses: Vec<Status> = page
        .items
        .iter()
        .map(|document| status_on(document.id, document.dates(), &changes, on))
        .collect();
    let labels = labels_of(ctx.store, statuses.iter()).await?;
    let mut statuses = statuses.into_iter();
    Ok(page.map(|document| {
        let status = statuses.next().unwrap_or(Status::Draft);
        DocumentView {
            changed_by: changed_by(&status).and_then(|id| labels.get(&id).cloned()),
            status,
            document,
        }
    }))
}

pub async fn document_detail(ctx: &Ctx<'_>, id: i64, on: Date) -> Result<DocumentDetail, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    let document = ctx.store.legal_document(id).await?;
    let relations = ctx.store.legal_relations(id).await?;
    let links: Vec<Link> = relations.iter().filter_map(LegalRelation::link).collect();
    let status = status_on(id, document.dates(), &links, on);
    let timeline = timeline(id, document.dates(), &links)
        .into_iter()
        .map(|(on, status)| TimelineStep { on, status })
        .collect();
    let (relates_to, related_from): (Vec<LegalRelation>, Vec<LegalRelation>) =
        relations.into_iter().partition(|r| r.subject_id == id);
    let changed_by = named_by(&status, &related_from);
    let relied_on_by = ctx.store.citations_of_document(id).await?;
    let relied_on_by = relied_on_by
        .into_iter()
        .map(|citation| {
            let status = status_on(id, document.dates(), &links, citation.acted_on);
            CitationView::new(citation, status)
        })
        .collect();
    let mandate_of = ctx
        .store
        .mission_of_document(id)
        .await?
        .map(|(code, name_vi, name_en)| MandateOf {
            code,
            name_vi,
            name_en,
        });
    let file = ctx.store.legal_file_of(id).await?;
    Ok(DocumentDetail {
        document,
        on,
        status,
        changed_by,
        timeline,
        relates_to,
        related_from,
        relied_on_by,
        mandate_of,
        file,
    })
}

/// Every document as (id, label) for a pick-list: the number when it has one, and the title
/// in the reader's language.
pub async fn choices(ctx: &Ctx<'_>, vietnamese: bool) -> Result<Vec<(i64, String)>, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    Ok(ctx
        .store
        .legal_choices()
        .await?
        .into_iter()
        .map(|(id, _, number, title_vi, title_en)| {
            let title = if vietnamese { title_vi } else { title_en };
            let label = match number {
                Some(number) => format!("{number}: {title}"),
                None => title,
            };
            (id, label)
        })
        .collect())
}

/// Registers a document, kept by the caller's agency.
pub async fn create_document(
    ctx: &Ctx<'_>,
    input: &DocumentInput,
) -> Result<LegalDocument, AppError> {
    ctx.scope(Action::Create, Resource::Legal).await?;
    let draft = DocumentDraft::parse(input)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_legal_document(ctx.principal.agency_id, &draft)
        .await
        .map_err(duplicate("number", "message.legal_number_taken"))?;
    tx.commit().await?;
    Ok(ctx.store.legal_document(id).await?)
}

async fn document_for_update(ctx: &Ctx<'_>, id: i64) -> Result<LegalDocument, AppError> {
    let document = ctx.store.legal_document(id).await?;
    let owner = document.owner();
    ctx.authorize(
        Action::Update,
        Resource::Legal,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(document)
}

/// Corrects a document's facts. Dates that the relations reaching it no longer allow are
/// the editor's to reconcile: the status shows what the registry then says.
pub async fn update_document(
    ctx: &Ctx<'_>,
    id: i64,
    input: &DocumentInput,
) -> Result<LegalDocument, AppError> {
    let before = document_for_update(ctx, id).await?;
    let draft = DocumentDraft::parse(input)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_legal_document(&before, &draft)
        .await
        .map_err(duplicate("number", "message.legal_number_taken"))?;
    tx.commit().await?;
    Ok(ctx.store.legal_document(id).await?)
}

/// A document of the graph of what rests on what, with its rank (0 at the top).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GraphNode {
    pub id: i64,
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
    pub rank: usize,
}

/// A relation of the graph: `subject` implements, amends, replaces, is based on or guides
/// `object` from `effective_on`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GraphEdge {
    pub subject: i64,
    pub kind: String,
    pub object: i64,
    pub effective_on: Date,
}

/// The registry's documents that relate to others, ranked by what rests on what.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// More documents relate than a graph can show: the highest ranks are kept.
    pub truncated: bool,
}

/// The most documents a graph shows.
pub const GRAPH_NODES: usize = 150;

/// The graph of what implements, details, guides, amends or replaces what.
pub async fn graph(ctx: &Ctx<'_>) -> Result<Graph, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    let links = ctx.store.legal_all_links().await?;
    let ranks = bluehelm_domain::legal::graph_ranks(&links);
    let mut ranked: Vec<(usize, i64)> = ranks.iter().map(|(id, rank)| (*rank, *id)).collect();
    ranked.sort_unstable();
    let truncated = ranked.len() > GRAPH_NODES;
    ranked.truncate(GRAPH_NODES);
    let ids: Vec<i64> = ranked.iter().map(|(_, id)| *id).collect();
    let labels: std::collections::HashMap<i64, (Option<String>, String, String)> = ctx
        .store
        .legal_labels(&ids)
        .await?
        .into_iter()
        .map(|(id, number, title_vi, title_en)| (id, (number, title_vi, title_en)))
        .collect();
    let nodes: Vec<GraphNode> = ranked
        .into_iter()
        .filter_map(|(rank, id)| {
            let (number, title_vi, title_en) = labels.get(&id)?.clone();
            Some(GraphNode {
                id,
                number,
                title_vi,
                title_en,
                rank,
            })
        })
        .collect();
    let shown = |id: i64| nodes.iter().any(|node| node.id == id);
    let edges = links
        .iter()
        .filter(|link| shown(link.subject) && shown(link.object))
        .map(|link| GraphEdge {
            subject: link.subject,
            kind: link.kind.as_str().to_owned(),
            object: link.object,
            effective_on: link.effective_on,
        })
        .collect();
    Ok(Graph {
        nodes,
        edges,
        truncated,
    })
}

/// Registers the published text of a document as a PDF, replacing the one it had; its
/// SHA-256 lets anyone check a copy against it.
pub async fn attach_file(
    ctx: &Ctx<'_>,
    id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<LegalFile, AppError> {
    document_for_update(ctx, id).await?;
    if !file_name.to_lowercase().ends_with(".pdf") {
        return Err(AppError::field(
            "file",
            "file_type",
            "validation.legal_file_is_a_pdf",
        ));
    }
    let (name, ..) = check_document(file_name, "other", bytes)?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.put_legal_file(id, &name, bytes, &sha256).await?;
    tx.commit().await?;
    ctx.store.legal_file_of(id).await?.ok_or(AppError::NotFound)
}

/// The published text of a document, for anyone who reads the registry.
pub async fn file(ctx: &Ctx<'_>, id: i64) -> Result<(LegalFile, Vec<u8>), AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    Ok(ctx.store.legal_file(id).await?)
}

/// Records that document `subject` implements, amends, replaces, is based on or guides
/// another; a cycle, an impossible date or an unknown document is refused by field.
pub async fn add_relation(
    ctx: &Ctx<'_>,
    subject: i64,
    input: &RelationInput,
) -> Result<LegalRelation, AppError> {
    let document = document_for_update(ctx, subject).await?;
    let object = match input.object_id.trim().parse::<i64>() {
        Ok(id) => match ctx.store.legal_document(id).await {
            Ok(object) => Some(object),
            Err(bluehelm_store::StoreError::NotFound) => None,
            Err(error) => return Err(error.into()),
        },
        Err(_) => None,
    };
    let links = match RelationKind::parse(input.kind.trim()) {
        Some(kind) => ctx.store.legal_links(kind).await?,
        None => Vec::new(),
    };
    let object_dates = |id: i64| -> Option<Dates> {
        object
            .as_ref()
            .filter(|object| object.id == id)
            .map(LegalDocument::dates)
    };
    let draft = RelationDraft::parse(input, subject, document.dates(), object_dates, &links)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .add_legal_relation(subject, &draft)
        .await
        .map_err(duplicate("object_id", "message.legal_relation_exists"))?;
    tx.commit().await?;
    ctx.store
        .legal_relations(subject)
        .await?
        .into_iter()
        .find(|relation| relation.id == id)
        .ok_or(AppError::NotFound)
}

/// A citation with its document's status on the day that matters: the date of the act
/// it supports, or today for an act that still applies.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CitationView {
    pub citation: Citation,
    pub status: Status,
    /// Whether an act may rest on the document on that day.
    pub in_force: bool,
}

impl CitationView {
    fn new(citation: Citation, status: Status) -> Self {
        Self {
            in_force: status.in_force(),
            status,
            citation,
        }
    }
}

/// The citations of acts of one kind, each with its document's status on `on`, or on the
/// act's own date when `on` is `None`. For areas whose acts cite the registry; the caller
/// has checked the right to read the acts, and everybody reads the registry.
pub(crate) async fn citations_of(
    ctx: &Ctx<'_>,
    subject: &str,
    ids: &[i64],
    on: Option<Date>,
) -> Result<Vec<CitationView>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let citations = ctx.store.citations_of(subject, ids).await?;
    with_statuses(ctx, citations, |citation| on.unwrap_or(citation.acted_on)).await
}

/// The citations of a procedure version (its basis) and of its steps, each with the
/// status of its document on `on`: (the version's, the steps').
pub(crate) async fn procedure_citations_of(
    ctx: &Ctx<'_>,
    template: i64,
    steps: &[i64],
    on: Date,
) -> Result<(Vec<CitationView>, Vec<CitationView>), AppError> {
    let citations = ctx.store.procedure_citations(template, steps).await?;
    let views = with_statuses(ctx, citations, |_| on).await?;
    Ok(views
        .into_iter()
        .partition(|view| view.citation.subject == "workflow_template"))
}

async fn with_statuses(
    ctx: &Ctx<'_>,
    citations: Vec<Citation>,
    on: impl Fn(&Citation) -> Date,
) -> Result<Vec<CitationView>, AppError> {
    let mut documents: Vec<i64> = citations.iter().map(|c| c.document_id).collect();
    documents.sort_unstable();
    documents.dedup();
    let changes = Changes::load(ctx.store, &documents).await?;
    Ok(citations
        .into_iter()
        .map(|citation| {
            let status = status_on(
                citation.document_id,
                citation.dates(),
                changes.of(citation.document_id),
                on(&citation),
            );
            CitationView::new(citation, status)
        })
        .collect())
}

/// The replacements and amendments that reach some documents, by document: what their
/// status on any day needs, each document's read without scanning the others'.
pub(crate) struct Changes(std::collections::HashMap<i64, Vec<bluehelm_domain::legal::Link>>);

impl Changes {
    /// Past a few hundred documents, every change of the registry is read at once rather
    /// than named one by one.
    const NAMED_AT_MOST: usize = 500;

    pub(crate) async fn load(store: &Store, ids: &[i64]) -> Result<Self, AppError> {
        let links = if ids.is_empty() {
            Vec::new()
        } else if ids.len() <= Self::NAMED_AT_MOST {
            store.legal_changes_of(ids).await?
        } else {
            let mut links = store.legal_links(RelationKind::Replaces).await?;
            links.extend(store.legal_links(RelationKind::Amends).await?);
            links
        };
        let mut by_document: std::collections::HashMap<i64, Vec<_>> =
            std::collections::HashMap::new();
        for link in links {
            by_document.entry(link.object).or_default().push(link);
        }
        Ok(Self(by_document))
    }

    pub(crate) fn of(&self, id: i64) -> &[bluehelm_domain::legal::Link] {
        self.0.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// How far ahead the legal health page looks for documents that end or are replaced.
pub const HEALTH_HORIZON_DAYS: i64 = 180;

/// A document that ends or is replaced soon, with what relies on it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ending {
    pub document: LegalDocument,
    /// The first day it no longer applies as it stands.
    pub on: Date,
    /// Its status from that day.
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<Label>,
    pub relied_on_by: Vec<CitationView>,
}

/// The legal health of what cites the registry, on a day.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub on: Date,
    /// The last day looked at for documents that end or are replaced.
    pub until: Date,
    /// Citations of a document not in force on the date of the act they support.
    pub not_in_force: Vec<CitationView>,
    /// Acts that still apply and rest on a document no longer in force today.
    pub outdated: Vec<CitationView>,
    /// Documents that end or are replaced after today and by `until`.
    pub ending: Vec<Ending>,
}

/// What the registry's citations say on `on`: what was cited out of force, what still
/// applies on a document no longer in force, and what is about to lose its basis. Three
/// reads whatever the registry's size: the citations of documents that are ever out of
/// force, the documents ending, and the relations of both.
pub async fn health(ctx: &Ctx<'_>, on: Date) -> Result<Health, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    health_on(ctx.store, on).await
}

/// [`health`] for whoever may read it, or for the system's own sweeps.
pub(crate) async fn health_on(store: &Store, on: Date) -> Result<Health, AppError> {
    let until = on + time::Duration::days(HEALTH_HORIZON_DAYS);
    let citations = store.citations_at_risk().await?;
    let endings = store.legal_ending(on, until).await?;
    let mut documents: Vec<i64> = citations.iter().map(|c| c.document_id).collect();
    documents.extend(endings.iter().map(|d| d.id));
    documents.sort_unstable();
    documents.dedup();
    let changes = Changes::load(store, &documents).await?;
    let status_of = |citation: &Citation, day: Date| {
        status_on(
            citation.document_id,
            citation.dates(),
            changes.of(citation.document_id),
            day,
        )
    };
    let applies_on = |citation: &Citation, day: Date| {
        citation.acted_on <= day && citation.applies_until.is_none_or(|last| day <= last)
    };

    let mut not_in_force = Vec::new();
    let mut outdated = Vec::new();
    for citation in &citations {
        let then = status_of(citation, citation.acted_on);
        if !then.in_force() {
            not_in_force.push(CitationView::new(citation.clone(), then));
            continue;
        }
        let now = status_of(citation, on);
        if !now.in_force() && applies_on(citation, on) {
            outdated.push(CitationView::new(citation.clone(), now));
        }
    }

    let mut ending = Vec::with_capacity(endings.len());
    for document in endings {
        let replaced_on = changes
            .of(document.id)
            .iter()
            .filter(|link| link.kind == RelationKind::Replaces)
            .map(|link| link.effective_on)
            .filter(|day| on < *day && *day <= until)
            .min();
        let ended_on = document.ends_on.and_then(|last| last.next_day());
        let Some(from) = [replaced_on, ended_on].into_iter().flatten().min() else {
            continue;
        };
        let status = status_on(document.id, document.dates(), changes.of(document.id), from);
        let relied_on_by = citations
            .iter()
            .filter(|c| c.document_id == document.id && applies_on(c, from.max(c.acted_on)))
            .map(|c| CitationView::new(c.clone(), status))
            .collect();
        ending.push(Ending {
            document,
            on: from,
            status,
            changed_by: None,
            relied_on_by,
        });
    }
    let labels = labels_of(store, ending.iter().map(|e| &e.status)).await?;
    for item in &mut ending {
        item.changed_by = changed_by(&item.status).and_then(|id| labels.get(&id).cloned());
    }
    ending.sort_by_key(|item| item.on);
    Ok(Health {
        on,
        until,
        not_in_force,
        outdated,
        ending,
    })
}

/// The documents some act cites, with what their status on a day needs.
pub(crate) struct CitedDocuments {
    pub documents: std::collections::HashMap<i64, LegalDocument>,
    changes: Changes,
}

impl CitedDocuments {
    /// The registry's entries for these documents; unknown ids are simply absent.
    pub(crate) async fn load(ctx: &Ctx<'_>, ids: &[i64]) -> Result<Self, AppError> {
        let documents = ctx.store.legal_documents_of(ids).await?;
        let known: Vec<i64> = documents.iter().map(|d| d.id).collect();
        Ok(Self {
            changes: Changes::load(ctx.store, &known).await?,
            documents: documents.into_iter().map(|d| (d.id, d)).collect(),
        })
    }

    /// A document's status on a day, if the registry holds it.
    pub(crate) fn status_on(&self, id: i64, on: Date) -> Option<Status> {
        let document = self.documents.get(&id)?;
        Some(status_on(id, document.dates(), self.changes.of(id), on))
    }
}

/// One term on the Security Council with what happened in it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CouncilTermView {
    pub term: bluehelm_store::council::CouncilTerm,
    pub presidencies: Vec<bluehelm_store::council::CouncilPresidency>,
    pub initiatives: Vec<bluehelm_store::council::CouncilInitiative>,
}

/// The country's Security Council record, term by term: everybody's to read.
pub async fn council(ctx: &Ctx<'_>) -> Result<Vec<CouncilTermView>, AppError> {
    ctx.scope(Action::Read, Resource::Legal).await?;
    let (terms, presidencies, initiatives) = ctx.store.council_record().await?;
    Ok(terms
        .into_iter()
        .map(|term| CouncilTermView {
            presidencies: presidencies
                .iter()
                .filter(|p| p.term_id == term.id)
                .cloned()
                .collect(),
            initiatives: initiatives
                .iter()
                .filter(|i| i.term_id == term.id)
                .cloned()
                .collect(),
            term,
        })
        .collect())
}
