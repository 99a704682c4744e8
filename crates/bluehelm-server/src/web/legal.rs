//! The legal registry's pages: the list of documents with their status today, and each
//! document with its timeline, its relations both ways and, for its keepers, the forms to
//! correct it and to relate it to another document.

use askama::Template;
use axum::extract::{Multipart, Path, Query};
use axum::response::Response;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::legal::{DocumentInput, DocumentKind, RelationInput, RelationKind, Status};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_store::legal::{LegalDocument, LegalFilter, LegalRelation};

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::legal::{
    self, CouncilTermView, DocumentDetail, DocumentView, Ending, Graph, Health, Label,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/legal", get(documents).post(create_document))
        .route("/legal/health", get(health))
        .route("/legal/graph", get(graph))
        .route("/legal/council", get(council))
        .route("/legal/{id}", get(document).post(update_document))
        .route("/legal/{id}/relations", post(add_relation))
        .route(
            "/legal/{id}/file",
            get(download_file)
                .post(attach_file)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_FORM_BYTES)),
        )
}

/// The text fields of a document's form, with their input types.
const DOCUMENT_FIELDS: [(&str, &str); 9] = [
    ("number", "text"),
    ("title_vi", "text"),
    ("title_en", "text"),
    ("issuer", "text"),
    ("signed_on", "date"),
    ("effective_on", "date"),
    ("ends_on", "date"),
    ("source_url", "url"),
    ("note", "text"),
];

fn document_input(form: &Form) -> DocumentInput {
    DocumentInput {
        kind: value(form, "kind"),
        number: value(form, "number"),
        title_vi: value(form, "title_vi"),
        title_en: value(form, "title_en"),
        issuer: value(form, "issuer"),
        signed_on: value(form, "signed_on"),
        effective_on: value(form, "effective_on"),
        ends_on: value(form, "ends_on"),
        source_url: value(form, "source_url"),
        verified: value(form, "verified") == "1",
        note: value(form, "note"),
    }
}

/// How the pages say a status: its name, by which document where it says so, and since
/// when.
fn status_text(layout: &Layout, status: &Status, changed_by: Option<&Label>) -> String {
    let tr = &layout.tr;
    let mut text = tr.t(status.key()).to_owned();
    if let Some(label) = changed_by {
        let title = name_in(tr.lang, &label.title_vi, &label.title_en);
        text = format!(
            "{text} {} {}",
            tr.t("legal.by"),
            label.number.as_deref().unwrap_or(&title)
        );
    }
    match status {
        Status::Adopted {
            effective_on: Some(on),
        } => format!("{text} ({} {})", tr.t("legal.from"), tr.date(on)),
        Status::Ended { ends_on } => format!("{text} {}", tr.date(ends_on)),
        Status::Replaced { on, .. } => format!("{text} ({} {})", tr.t("legal.from"), tr.date(on)),
        _ => text,
    }
}

fn title_in(lang: Lang, document: &LegalDocument) -> String {
    name_in(lang, &document.title_vi, &document.title_en)
}

#[derive(Template)]
#[template(path = "legal_documents.html")]
struct DocumentsPage {
    layout: Layout,
    documents: Vec<DocumentView>,
    kinds: Vec<(&'static str, String)>,
    kind: String,
    q: String,
    page: u32,
    pages: i64,
    total: i64,
    can_create: bool,
    /// Whether the reader takes part in law-making projects.
    can_read_projects: bool,
    entry: Entry,
}

impl DocumentsPage {
    fn status(&self, view: &DocumentView) -> String {
        status_text(&self.layout, &view.status, view.changed_by.as_ref())
    }

    fn title(&self, document: &LegalDocument) -> String {
        title_in(self.layout.tr.lang, document)
    }

    fn kind_name(&self, kind: &str) -> String {
        self.layout.tr.term("legal_kind", kind)
    }

    fn fields(&self) -> [(&'static str, &'static str); 9] {
        DOCUMENT_FIELDS
    }

    fn page_link(&self, page: i64) -> String {
        let page = page.to_string();
        let pairs = [
            ("kind", self.kind.as_str()),
            ("q", self.q.as_str()),
            ("page", &page),
        ];
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        format!("/legal?{query}")
    }
}

/// `?kind=…&q=…&page=N` of the registry.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DocumentsQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<u32>,
}

fn kind_choices(layout: &Layout) -> Vec<(&'static str, String)> {
    DocumentKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), layout.tr.term("legal_kind", kind.as_str())))
        .collect()
}

pub async fn documents(
    viewer: Viewer,
    query: Result<Query<DocumentsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let query = query.map(|Query(query)| query).unwrap_or_default();
    documents_page(&viewer, query, Entry::blank()).await
}

async fn documents_page(
    viewer: &Viewer,
    query: DocumentsQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/legal");
    let ctx = viewer.ctx();
    // An unknown kind or page number shows everything from the first page.
    let kind = DocumentKind::parse(query.kind.trim());
    let page = PageRequest::parse(query.page, Some(50)).unwrap_or_default();
    let filter = LegalFilter {
        kind,
        text: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
    };
    let found = legal::documents(&ctx, &filter, page, today())
        .await
        .in_layout(layout)?;
    let layout = layout();
    let page = DocumentsPage {
        kinds: kind_choices(&layout),
        layout,
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        q: query.q,
        page: found.page,
        pages: found.pages(),
        total: found.total,
        documents: found.items,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Legal).is_ok(),
        can_read_projects: policy::scope(&caller.principal, Action::Read, Resource::LawMaking)
            .is_ok(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn create_document(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = legal::create_document(&ctx, &document_input(&form)).await;
    after(
        caller,
        "/legal",
        result,
        |document| format!("/legal/{}", document.id),
        |errors| {
            documents_page(
                &viewer,
                DocumentsQuery::default(),
                Entry::refused(form, errors),
            )
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "legal_document.html")]
struct DocumentPage {
    layout: Layout,
    detail: DocumentDetail,
    kinds: Vec<(&'static str, String)>,
    relation_kinds: Vec<(&'static str, String)>,
    choices: Vec<(i64, String)>,
    can_edit: bool,
    entry: Entry,
}

impl DocumentPage {
    /// A status of this document, naming the document that replaced or amended it.
    fn status(&self, status: &Status) -> String {
        let label = legal::named_by(status, &self.detail.related_from);
        status_text(&self.layout, status, label.as_ref())
    }

    fn title(&self) -> String {
        title_in(self.layout.tr.lang, &self.detail.document)
    }

    fn kind_name(&self, kind: &str) -> String {
        self.layout.tr.term("legal_kind", kind)
    }

    fn other(&self, relation: &LegalRelation) -> String {
        let title = name_in(
            self.layout.tr.lang,
            &relation.other_title_vi,
            &relation.other_title_en,
        );
        match &relation.other_number {
            Some(number) => format!("{number}: {title}"),
            None => title,
        }
    }

    /// "implements", "amends", … from the subject's side; "implemented by", … from the
    /// object's.
    fn relation_name(&self, relation: &LegalRelation, outgoing: bool) -> String {
        let prefix = if outgoing {
            "legal_relation"
        } else {
            "legal_relation_by"
        };
        self.layout.tr.term(prefix, &relation.kind)
    }

    fn fields(&self) -> [(&'static str, &'static str); 9] {
        DOCUMENT_FIELDS
    }

    /// A field of the edit form: what was typed if the form was refused, else what is
    /// recorded.
    fn recorded(&self, field: &str) -> String {
        if !self.entry.errors.is_empty() && self.entry.form.contains_key("title_vi") {
            return self.entry.v(field).to_owned();
        }
        let d = &self.detail.document;
        let date = |day: Option<time::Date>| day.map(|day| day.to_string()).unwrap_or_default();
        match field {
            "kind" => d.kind.clone(),
            "number" => d.number.clone().unwrap_or_default(),
            "title_vi" => d.title_vi.clone(),
            "title_en" => d.title_en.clone(),
            "issuer" => d.issuer.clone(),
            "signed_on" => date(d.signed_on),
            "effective_on" => date(d.effective_on),
            "ends_on" => date(d.ends_on),
            "source_url" => d.source_url.clone().unwrap_or_default(),
            "note" => d.note.clone().unwrap_or_default(),
            "verified" => {
                if d.verified {
                    "1".to_owned()
                } else {
                    String::new()
                }
            }
            _ => String::new(),
        }
    }
}

async fn document_page(viewer: &Viewer, id: i64, entry: Entry) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/legal/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = legal::document_detail(&ctx, id, today())
        .await
        .in_layout(layout)?;
    let owner = detail.document.owner();
    let can_edit = policy::authorize(
        &caller.principal,
        Action::Update,
        Resource::Legal,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
    )
    .is_ok();
    let choices = if can_edit {
        legal::choices(&ctx, caller.lang() == Lang::Vi)
            .await
            .in_layout(layout)?
            .into_iter()
            .filter(|(other, _)| *other != id)
            .collect()
    } else {
        Vec::new()
    };
    let layout = layout();
    let relation_kinds = RelationKind::ALL
        .iter()
        .map(|kind| {
            (
                kind.as_str(),
                layout.tr.term("legal_relation", kind.as_str()),
            )
        })
        .collect();
    let page = DocumentPage {
        kinds: kind_choices(&layout),
        relation_kinds,
        layout,
        detail,
        choices,
        can_edit,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn document(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    document_page(&viewer, id, Entry::blank()).await
}

pub async fn update_document(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = legal::update_document(&ctx, id, &document_input(&form)).await;
    let path = format!("/legal/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| document_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn add_relation(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = RelationInput {
        kind: value(&form, "kind"),
        object_id: value(&form, "object_id"),
        effective_on: value(&form, "effective_on"),
        articles: value(&form, "articles"),
    };
    let result = legal::add_relation(&ctx, id, &input).await;
    let path = format!("/legal/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| document_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

/// Registers the published text sent from the document's page.
pub async fn attach_file(
    viewer: Viewer,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/legal/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let Upload {
        file_name, bytes, ..
    } = read_upload(multipart).await.in_layout(layout)?;
    let result = legal::attach_file(&viewer.ctx(), id, &file_name, &bytes).await;
    let mut form = Form::new();
    form.insert("file_name".to_owned(), file_name);
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| document_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

pub async fn download_file(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/legal/{id}");
    let (file, content) = legal::file(&viewer.ctx(), id)
        .await
        .in_layout(|| Layout::for_caller(caller, &path))?;
    Ok(crate::download::file_response(
        &file.file_name,
        "application/pdf",
        content,
    ))
}

#[derive(Template)]
#[template(path = "legal_health.html")]
struct HealthPage {
    layout: Layout,
    health: Health,
}

impl HealthPage {
    fn document_name(&self, document: &LegalDocument) -> String {
        let title = title_in(self.layout.tr.lang, document);
        match &document.number {
            Some(number) => format!("{number}: {title}"),
            None => title,
        }
    }

    fn status(&self, ending: &Ending) -> String {
        status_text(&self.layout, &ending.status, ending.changed_by.as_ref())
    }
}

/// What the registry's citations say today: acts that cited a document out of force,
/// acts still applied on a basis no longer in force, and documents about to end.
pub async fn health(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/legal/health");
    let health = legal::health(&viewer.ctx(), today())
        .await
        .in_layout(layout)?;
    render(
        &HealthPage {
            layout: layout(),
            health,
        },
        &[],
    )
}

/// A document drawn in the graph: its box's corner and its label.
struct GraphBox {
    id: i64,
    x: i64,
    y: i64,
    label: String,
    title: String,
}

/// A relation drawn in the graph, from the subject's box to the object's.
struct GraphLine {
    x1: i64,
    y1: i64,
    x2: i64,
    y2: i64,
    kind: String,
}

const BOX_WIDTH: i64 = 170;
const BOX_HEIGHT: i64 = 40;
const RANK_HEIGHT: i64 = 90;
const BOX_GAP: i64 = 16;

#[derive(Template)]
#[template(path = "legal_graph.html")]
struct GraphPage {
    layout: Layout,
    graph: Graph,
    boxes: Vec<GraphBox>,
    lines: Vec<GraphLine>,
    width: i64,
    height: i64,
}

impl GraphPage {
    fn label(&self, id: &i64) -> String {
        self.graph
            .nodes
            .iter()
            .find(|node| node.id == *id)
            .map(|node| node_label(self.layout.tr.lang, node))
            .unwrap_or_default()
    }

    fn relation_name(&self, kind: &str) -> String {
        self.layout.tr.term("legal_relation", kind)
    }
}

/// A node's label: its number, or the start of its title.
fn node_label(lang: Lang, node: &bluehelm_app::legal::GraphNode) -> String {
    match &node.number {
        Some(number) => number.clone(),
        None => {
            let title = name_in(lang, &node.title_vi, &node.title_en);
            let mut short: String = title.chars().take(22).collect();
            if title.chars().count() > 22 {
                short.push('…');
            }
            short
        }
    }
}

/// Lays the graph out: one row per rank, the documents of a rank side by side.
fn lay_out(lang: Lang, graph: &Graph) -> (Vec<GraphBox>, Vec<GraphLine>, i64, i64) {
    let mut per_rank: std::collections::BTreeMap<usize, i64> = Default::default();
    let mut boxes = Vec::with_capacity(graph.nodes.len());
    for node in &graph.nodes {
        let column = per_rank.entry(node.rank).or_default();
        boxes.push(GraphBox {
            id: node.id,
            x: BOX_GAP + *column * (BOX_WIDTH + BOX_GAP),
            y: BOX_GAP + node.rank as i64 * RANK_HEIGHT,
            label: node_label(lang, node),
            title: name_in(lang, &node.title_vi, &node.title_en),
        });
        *column += 1;
    }
    let at = |id: i64| boxes.iter().find(|b| b.id == id);
    let lines = graph
        .edges
        .iter()
        .filter_map(|edge| {
            let (from, to) = (at(edge.subject)?, at(edge.object)?);
            let sideways = from.y == to.y;
            Some(GraphLine {
                x1: from.x + BOX_WIDTH / 2,
                y1: if sideways {
                    from.y + BOX_HEIGHT / 2
                } else {
                    from.y
                },
                x2: to.x + BOX_WIDTH / 2,
                y2: if sideways {
                    to.y + BOX_HEIGHT / 2
                } else {
                    to.y + BOX_HEIGHT
                },
                kind: edge.kind.clone(),
            })
        })
        .collect();
    let columns = per_rank.values().copied().max().unwrap_or(0);
    let ranks = per_rank
        .keys()
        .next_back()
        .map_or(0, |rank| *rank as i64 + 1);
    let width = BOX_GAP + columns * (BOX_WIDTH + BOX_GAP);
    let height = BOX_GAP + ranks * RANK_HEIGHT;
    (boxes, lines, width, height)
}

/// The graph of what rests on what, drawn as SVG with the relations as a table behind it.
pub async fn graph(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/legal/graph");
    let graph = legal::graph(&viewer.ctx()).await.in_layout(layout)?;
    let (boxes, lines, width, height) = lay_out(caller.lang(), &graph);
    render(
        &GraphPage {
            layout: layout(),
            graph,
            boxes,
            lines,
            width,
            height,
        },
        &[],
    )
}

#[derive(Template)]
#[template(path = "legal_council.html")]
struct CouncilPage {
    layout: Layout,
    terms: Vec<CouncilTermView>,
}

impl CouncilPage {
    /// "tháng 7/2008", "July 2008".
    fn month(&self, first_day: &time::Date) -> String {
        match self.layout.tr.lang {
            Lang::Vi => format!(
                "{} {}/{}",
                self.layout.tr.t("council.month"),
                u8::from(first_day.month()),
                first_day.year()
            ),
            Lang::En => format!("{} {}", first_day.month(), first_day.year()),
        }
    }

    /// "192/193 phiếu", where the record gives the votes.
    fn votes(&self, term: &bluehelm_store::council::CouncilTerm) -> Option<String> {
        let tr = &self.layout.tr;
        let (votes, cast) = (term.votes_for?, term.votes_cast?);
        Some(format!(
            "{}/{} {}",
            tr.number(votes),
            tr.number(cast),
            tr.t("council.votes")
        ))
    }

    fn title(&self, initiative: &bluehelm_store::council::CouncilInitiative) -> String {
        name_in(
            self.layout.tr.lang,
            &initiative.title_vi,
            &initiative.title_en,
        )
    }
}

/// The country's terms on the Security Council, its presidencies and initiatives.
pub async fn council(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/legal/council");
    let terms = legal::council(&viewer.ctx()).await.in_layout(layout)?;
    render(
        &CouncilPage {
            layout: layout(),
            terms,
        },
        &[],
    )
}
