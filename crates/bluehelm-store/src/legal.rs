//! The legal registry: documents and their typed, dated relations. A document's status is
//! not stored: `bluehelm_domain::legal::status_on` derives it from the dates and the
//! relations that reach the document, so it is right on any date without a nightly job.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::legal::{
    cited_in, Cited, Dates, DocumentDraft, DocumentKind, Link, RelationDraft, RelationKind,
};
use bluehelm_domain::listing::{Page, PageRequest};
use bluehelm_domain::person::fold;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::conditions::{bind_params, literal, page_sql, Conditions, Param};
use crate::ids::Ids;
use crate::person::escape_like;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalDocument {
    pub id: i64,
    pub kind: String,
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
    pub issuer: String,
    pub signed_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub source_url: Option<String>,
    /// Whether the facts were checked against the published text.
    pub verified: bool,
    pub note: Option<String>,
    /// The agency that registered it and keeps it.
    pub agency_id: i64,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl LegalDocument {
    pub fn dates(&self) -> Dates {
        Dates {
            signed_on: self.signed_on,
            effective_on: self.effective_on,
            ends_on: self.ends_on,
        }
    }

    pub fn owner(&self) -> AgencyPath {
        AgencyPath::from_stored(self.agency_path.clone())
    }

    pub fn kind(&self) -> Option<DocumentKind> {
        DocumentKind::parse(&self.kind)
    }
}

/// A relation with the document at its other end, as a document's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalRelation {
    pub id: i64,
    pub subject_id: i64,
    pub kind: String,
    pub object_id: i64,
    pub effective_on: Date,
    pub articles: Option<String>,
    /// The document at the other end: its kind, number and titles.
    pub other_kind: String,
    pub other_number: Option<String>,
    pub other_title_vi: String,
    pub other_title_en: String,
}

impl LegalRelation {
    pub fn link(&self) -> Option<Link> {
        Some(Link {
            subject: self.subject_id,
            kind: RelationKind::parse(&self.kind)?,
            object: self.object_id,
            effective_on: self.effective_on,
        })
    }
}

/// What the registry's list filters on.
#[derive(Debug, Clone, Default)]
pub struct LegalFilter {
    pub kind: Option<DocumentKind>,
    /// Words of the number or either title, case ignored.
    pub text: Option<String>,
}

const DOCUMENT_COLUMNS: &str = "d.id, d.kind, d.number, d.title_vi, d.title_en, d.issuer, d.signed_on, \
     d.effective_on, d.ends_on, d.source_url, d.verified, d.note, d.agency_id, g.code as agency_code, \
     g.path as agency_path, d.created_at, d.updated_at \
     from legal_document d join agency g on g.id = d.agency_id";

#[derive(sqlx::FromRow)]
struct LinkRow {
    subject_id: i64,
    kind: String,
    object_id: i64,
    effective_on: Date,
}

impl LinkRow {
    fn link(self) -> Option<Link> {
        Some(Link {
            subject: self.subject_id,
            kind: RelationKind::parse(&self.kind)?,
            object: self.object_id,
            effective_on: self.effective_on,
        })
    }
}

impl Store {
    pub async fn legal_document(&self, id: i64) -> Result<LegalDocument> {
        let sql = format!("select {DOCUMENT_COLUMNS} where d.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    /// A page of the registry, drafts first, then the newest signed.
    pub async fn legal_documents(
        &self,
        filter: &LegalFilter,
        page: PageRequest,
    ) -> Result<Page<LegalDocument>> {
        let mut conditions = Conditions::default();
        if let Some(kind) = filter.kind {
            conditions.add(format!("d.kind = {}", literal(kind.as_str())));
        }
        let pattern = filter
            .text
            .as_deref()
            .map(|text| Param::Text(format!("%{}%", escape_like(&fold(text)))));
        conditions.add_if("d.search_folded like {} escape '\\'", pattern);
        let condition = conditions.render();
        let count_sql = format!("select count(*) from legal_document d where {condition}");
        let list_sql = format!(
            "select {DOCUMENT_COLUMNS} where {condition} \
             order by (d.signed_on is null) desc, d.signed_on desc, d.id desc {}",
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = bind_params!(sqlx::query_scalar(&count_sql), &conditions.params)
                .fetch_one(&mut *pool).await?;
            let items: Vec<LegalDocument> = bind_params!(sqlx::query_as(&list_sql), &conditions.params)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// Every document, for pick-lists: (id, kind, number, Vietnamese title, English title).
    pub async fn legal_choices(
        &self,
    ) -> Result<Vec<(i64, String, Option<String>, String, String)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, kind, number, title_vi, title_en from legal_document \
                 order by kind, signed_on desc, id desc",
            )
            .fetch_all(pool).await
        })?)
    }

    /// The id of every document, to check the ones a form names.
    pub async fn legal_document_ids(&self) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("select id from legal_document order by id").fetch_all(pool).await
        })?)
    }

    /// The numbers of these documents, or their Vietnamese and English titles when they
    /// have none: (id, number, title_vi, title_en).
    pub async fn legal_labels(
        &self,
        ids: &[i64],
    ) -> Result<Vec<(i64, Option<String>, String, String)>> {
        let sql = format!(
            "select id, number, title_vi, title_en from legal_document where {}",
            Ids::among(self.engine(), "id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// These documents, in no particular order; unknown ids are left out.
    pub async fn legal_documents_of(&self, ids: &[i64]) -> Result<Vec<LegalDocument>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "select {DOCUMENT_COLUMNS} where {}",
            Ids::among(self.engine(), "d.id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// The relations of a document, either way, with the document at their other end.
    pub async fn legal_relations(&self, id: i64) -> Result<Vec<LegalRelation>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select r.id, r.subject_id, r.kind, r.object_id, r.effective_on, r.articles, \
                 o.kind as other_kind, o.number as other_number, o.title_vi as other_title_vi, o.title_en as other_title_en \
                 from legal_relation r join legal_document o on o.id = case when r.subject_id = $1 then r.object_id else r.subject_id end \
                 where r.subject_id = $1 or r.object_id = $1 \
                 order by r.effective_on, r.id",
            )
            .bind(id).fetch_all(pool).await
        })?)
    }

    /// The replacements and amendments that reach these documents: what their status needs.
    pub async fn legal_changes_of(&self, ids: &[i64]) -> Result<Vec<Link>> {
        let sql = format!(
            "select subject_id, kind, object_id, effective_on from legal_relation \
             where {} and kind in ('replaces', 'amends')",
            Ids::among(self.engine(), "object_id", 1)
        );
        let rows: Vec<LinkRow> = on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().filter_map(LinkRow::link).collect())
    }

    /// Every relation of one kind, for the cycle check.
    /// Every relation of the registry, of every kind.
    pub async fn legal_all_links(&self) -> Result<Vec<Link>> {
        let rows: Vec<LinkRow> = on_pool!(&self.db, pool => {
            sqlx::query_as("select subject_id, kind, object_id, effective_on from legal_relation order by id")
                .fetch_all(pool).await
        })?;
        Ok(rows.into_iter().filter_map(LinkRow::link).collect())
    }

    pub async fn legal_links(&self, kind: RelationKind) -> Result<Vec<Link>> {
        let rows: Vec<LinkRow> = on_pool!(&self.db, pool => {
            sqlx::query_as("select subject_id, kind, object_id, effective_on from legal_relation where kind = $1")
                .bind(kind.as_str()).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().filter_map(LinkRow::link).collect())
    }
}

impl Store {
    /// Gives every mission's mandate resolution its entry in the registry; those that have
    /// one are left alone, so this runs at every start.
    pub async fn register_mandate_resolutions(&self) -> Result<()> {
        let unregistered: Vec<i64> = on_pool!(&self.db, pool => {
            sqlx::query_scalar("select id from mandate_resolution where document_id is null order by id")
                .fetch_all(pool).await
        })?;
        if unregistered.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(crate::Actor::SYSTEM).await?;
        for id in unregistered {
            tx.register_mandate_resolution(id).await?;
        }
        tx.commit().await
    }

    /// The mission whose mandate resolution document `id` is: its code and names.
    pub async fn mission_of_document(&self, id: i64) -> Result<Option<(String, String, String)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select m.code, m.name_vi, m.name_en from mandate_resolution r \
                 join mission m on m.id = r.mission_id where r.document_id = $1 order by r.id limit 1",
            )
            .bind(id).fetch_optional(pool).await
        })?)
    }
}

impl WriteTx {
    /// Links mandate resolution `resolution_id` to its entry in the registry: the council
    /// resolution of that number if the registry holds it, else one registered now,
    /// unverified, kept by the registry's keeper.
    pub(crate) async fn register_mandate_resolution(&mut self, resolution_id: i64) -> Result<i64> {
        let (number, year, adopted_on, mission_vi, mission_en): (i64, i64, Date, String, String) =
            on_tx!(&mut self.tx, conn => {
                sqlx::query_as(
                    "select r.number, r.year, r.adopted_on, m.name_vi, m.name_en from mandate_resolution r \
                     join mission m on m.id = r.mission_id where r.id = $1",
                )
                .bind(resolution_id).fetch_one(conn).await
            })?;
        let kind = DocumentKind::CouncilResolution;
        let number = format!("S/RES/{number} ({year})");
        let found: Option<i64> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select id from legal_document where kind = $1 and number = $2")
                .bind(kind.as_str()).bind(&number).fetch_optional(conn).await
        })?;
        let document_id = match found {
            Some(id) => id,
            None => {
                let keeper: i64 = on_tx!(&mut self.tx, conn => {
                    sqlx::query_scalar("select id from agency order by case when code = $1 then 0 else 1 end, id limit 1")
                        .bind(SEED_KEEPER).fetch_one(conn).await
                })?;
                let draft = DocumentDraft {
                    kind,
                    title_vi: format!("Nghị quyết {number} của Hội đồng Bảo an về {mission_vi}"),
                    title_en: format!("Security Council resolution {number} on {mission_en}"),
                    number: Some(number),
                    issuer: "Hội đồng Bảo an Liên hợp quốc".to_owned(),
                    signed_on: Some(adopted_on),
                    effective_on: Some(adopted_on),
                    ends_on: None,
                    source_url: None,
                    verified: false,
                    note: None,
                };
                self.create_legal_document(keeper, &draft).await?
            }
        };
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update mandate_resolution set document_id = $2 where id = $1")
                .bind(resolution_id).bind(document_id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            bluehelm_domain::audit::AuditAction::Update,
            "mandate_resolution",
            Some(resolution_id.to_string()),
            None::<&()>,
            Some(&serde_json::json!({ "document_id": document_id })),
        )
        .await?;
        Ok(document_id)
    }

    /// Registers a document kept by `agency_id` and audits it.
    pub async fn create_legal_document(
        &mut self,
        agency_id: i64,
        draft: &DocumentDraft,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into legal_document (kind, number, title_vi, title_en, issuer, signed_on, effective_on, \
                 ends_on, source_url, verified, note, agency_id, created_at, updated_at, search_folded) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) returning id",
            )
            .bind(draft.kind.as_str()).bind(&draft.number).bind(&draft.title_vi).bind(&draft.title_en)
            .bind(&draft.issuer).bind(draft.signed_on).bind(draft.effective_on).bind(draft.ends_on)
            .bind(&draft.source_url).bind(draft.verified).bind(&draft.note).bind(agency_id).bind(at)
            .bind(search_folded(draft))
            .fetch_one(conn).await
        })?;
        self.audit_insert("legal_document", id, &document_values(agency_id, draft))
            .await?;
        Ok(id)
    }

    /// Corrects a document's facts; its keeper stays.
    pub async fn update_legal_document(
        &mut self,
        before: &LegalDocument,
        draft: &DocumentDraft,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update legal_document set kind = $2, number = $3, title_vi = $4, title_en = $5, issuer = $6, \
                 signed_on = $7, effective_on = $8, ends_on = $9, source_url = $10, verified = $11, note = $12, \
                 updated_at = $13, search_folded = $14 where id = $1",
            )
            .bind(before.id).bind(draft.kind.as_str()).bind(&draft.number).bind(&draft.title_vi)
            .bind(&draft.title_en).bind(&draft.issuer).bind(draft.signed_on).bind(draft.effective_on)
            .bind(draft.ends_on).bind(&draft.source_url).bind(draft.verified).bind(&draft.note).bind(now())
            .bind(search_folded(draft))
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let was = serde_json::json!({
            "kind": before.kind, "number": before.number, "title_vi": before.title_vi,
            "title_en": before.title_en, "issuer": before.issuer, "signed_on": before.signed_on,
            "effective_on": before.effective_on, "ends_on": before.ends_on,
            "source_url": before.source_url, "verified": before.verified, "note": before.note,
            "agency_id": before.agency_id,
        });
        self.audit(
            bluehelm_domain::audit::AuditAction::Update,
            "legal_document",
            Some(before.id.to_string()),
            Some(&was),
            Some(&document_values(before.agency_id, draft)),
        )
        .await
    }

    /// Records that `subject` implements, amends, replaces, is based on or guides another.
    pub async fn add_legal_relation(&mut self, subject: i64, draft: &RelationDraft) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into legal_relation (subject_id, kind, object_id, effective_on, articles, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(subject).bind(draft.kind.as_str()).bind(draft.object).bind(draft.effective_on)
            .bind(&draft.articles).bind(now())
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "subject_id": subject, "kind": draft.kind.as_str(), "object_id": draft.object,
            "effective_on": draft.effective_on, "articles": draft.articles,
        });
        self.audit_insert("legal_relation", id, &after).await?;
        Ok(id)
    }
}

/// What the registry's search looks in: the number and both titles, folded as searches are.
fn search_folded(draft: &DocumentDraft) -> String {
    fold(&format!(
        "{} {} {}",
        draft.number.as_deref().unwrap_or(""),
        draft.title_vi,
        draft.title_en
    ))
}

fn document_values(agency_id: i64, draft: &DocumentDraft) -> serde_json::Value {
    serde_json::json!({
        "kind": draft.kind.as_str(), "number": draft.number, "title_vi": draft.title_vi,
        "title_en": draft.title_en, "issuer": draft.issuer, "signed_on": draft.signed_on,
        "effective_on": draft.effective_on, "ends_on": draft.ends_on,
        "source_url": draft.source_url, "verified": draft.verified, "note": draft.note,
        "agency_id": agency_id,
    })
}

/// A seeded document: kind, number, Vietnamese title, English title, issuer, signed,
/// effective, verified, note (why a fact is unverified).
type SeedDocument = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static str,
);

/// The legal framework of the country's participation, from the domain reference (part 1.1
/// and 2.8). Facts the reference marks uncertain are kept unverified, with why.
const SEED_DOCUMENTS: &[SeedDocument] = &[
    ("party_document", "", "Đề án tổng thể về tham gia hoạt động gìn giữ hòa bình của Liên hợp quốc",
     "Overall scheme on Viet Nam's participation in UN peacekeeping operations", "Bộ Chính trị",
     "2012-11-01", "2012-11-01", false,
     "Nguồn ghi tháng 11/2012, nguồn khác ghi năm 2013; số và ngày chưa đối chiếu văn bản."),
    ("constitution", "2013", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
     "Constitution of the Socialist Republic of Viet Nam", "Quốc hội",
     "2013-11-28", "2014-01-01", true, ""),
    ("decree", "162/2016/NĐ-CP",
     "Nghị định quy định một số chế độ, chính sách đối với cá nhân, bảo đảm đối với tổ chức Việt Nam tham gia hoạt động gìn giữ hòa bình của Liên hợp quốc",
     "Decree on some regimes and policies for individuals, and assurance for Vietnamese organisations, participating in UN peacekeeping operations",
     "Chính phủ", "2016-12-14", "2016-12-14", false, "Ngày có hiệu lực chưa đối chiếu văn bản."),
    ("law", "22/2018/QH14", "Luật Quốc phòng", "Law on National Defence", "Quốc hội",
     "2018-06-08", "2019-01-01", true, ""),
    ("law", "37/2018/QH14", "Luật Công an nhân dân", "Law on People's Public Security", "Quốc hội",
     "2018-11-20", "2019-07-01", true, ""),
    ("assembly_resolution", "130/2020/QH14",
     "Nghị quyết về tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc",
     "Resolution on participation in the United Nations peacekeeping forces", "Quốc hội",
     "2020-11-13", "2021-07-01", true, ""),
    ("decree", "61/2021/NĐ-CP",
     "Nghị định quy định chi tiết một số điều của Nghị quyết số 130/2020/QH14",
     "Decree detailing a number of articles of Resolution 130/2020/QH14", "Chính phủ",
     "2021-06-25", "2021-07-01", false, "Ngày có hiệu lực chưa đối chiếu văn bản."),
    ("law", "92/2025/QH15", "Luật Tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc",
     "Law on Participation in United Nations Peacekeeping Forces", "Quốc hội",
     "2025-06-26", "2026-01-01", true, ""),
    ("prime_minister_decision", "1897/QĐ-TTg",
     "Quyết định ban hành Kế hoạch triển khai thi hành Luật Tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc",
     "Decision issuing the plan to implement the Law on Participation in United Nations Peacekeeping Forces",
     "Thủ tướng Chính phủ", "2025-09-04", "2025-09-04", true, ""),
    ("decree", "01/2026/NĐ-CP",
     "Nghị định quy định chi tiết một số điều của Luật Tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc",
     "Decree detailing a number of articles of the Law on Participation in United Nations Peacekeeping Forces",
     "Chính phủ", "2026-01-01", "2026-01-01", true, ""),
    ("decree", "",
     "Nghị định quy định chế độ, chính sách đối với cá nhân và bảo đảm đối với tổ chức tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc (dự thảo)",
     "Decree on regimes and policies for individuals and assurance for organisations participating in United Nations peacekeeping forces (draft)",
     "Chính phủ", "", "", false, "Dự thảo thay thế Nghị định 162/2016/NĐ-CP; số và nội dung cuối cùng chưa có."),
    ("council_resolution", "S/RES/1325 (2000)", "Phụ nữ, hòa bình và an ninh",
     "Women and peace and security", "Hội đồng Bảo an Liên hợp quốc",
     "2000-10-31", "2000-10-31", true, ""),
    ("council_resolution", "S/RES/1889 (2009)",
     "Phụ nữ, hòa bình và an ninh: sự tham gia của phụ nữ vào xây dựng hòa bình sau xung đột",
     "Women and peace and security: women's participation in post-conflict peacebuilding",
     "Hội đồng Bảo an Liên hợp quốc", "2009-10-05", "2009-10-05", true, ""),
];

/// Seeded relations: subject's number, kind, object's number, from when.
const SEED_RELATIONS: &[(&str, RelationKind, &str, &str)] = &[
    ("130/2020/QH14", RelationKind::BasedOn, "2013", "2021-07-01"),
    (
        "61/2021/NĐ-CP",
        RelationKind::Implements,
        "130/2020/QH14",
        "2021-07-01",
    ),
    ("92/2025/QH15", RelationKind::BasedOn, "2013", "2026-01-01"),
    (
        "92/2025/QH15",
        RelationKind::Replaces,
        "130/2020/QH14",
        "2026-01-01",
    ),
    (
        "1897/QĐ-TTg",
        RelationKind::Implements,
        "92/2025/QH15",
        "2025-09-04",
    ),
    (
        "01/2026/NĐ-CP",
        RelationKind::Implements,
        "92/2025/QH15",
        "2026-01-01",
    ),
    (
        "01/2026/NĐ-CP",
        RelationKind::Replaces,
        "61/2021/NĐ-CP",
        "2026-01-01",
    ),
    (
        "S/RES/1889 (2009)",
        RelationKind::BasedOn,
        "S/RES/1325 (2000)",
        "2009-10-05",
    ),
];

/// The agency that keeps the seeded registry: the Ministry of Defence's Legal Department.
pub const SEED_KEEPER: &str = "BQP-CPC";

impl Store {
    /// Fills an empty registry with the legal framework; leaves one with rows alone.
    pub async fn seed_legal_registry(&self) -> Result<()> {
        if self.count("legal_document").await? > 0 {
            return Ok(());
        }
        // A database whose agency tree lacks the Legal Department gives the registry to
        // its first agency, which can hand documents on by correcting them.
        let keeper = match self.agency_by_code(SEED_KEEPER).await {
            Ok(agency) => agency.id,
            Err(crate::StoreError::NotFound) => {
                let first: Option<i64> = on_pool!(&self.db, pool => {
                    sqlx::query_scalar("select min(id) from agency").fetch_one(pool).await
                })?;
                match first {
                    Some(id) => id,
                    None => return Ok(()),
                }
            }
            Err(error) => return Err(error),
        };
        let mut tx = self.begin_write(crate::Actor::SYSTEM).await?;
        let mut ids = std::collections::HashMap::new();
        for &(kind, number, title_vi, title_en, issuer, signed, effective, verified, note) in
            SEED_DOCUMENTS
        {
            let input = bluehelm_domain::legal::DocumentInput {
                kind: kind.to_owned(),
                number: number.to_owned(),
                title_vi: title_vi.to_owned(),
                title_en: title_en.to_owned(),
                issuer: issuer.to_owned(),
                signed_on: signed.to_owned(),
                effective_on: effective.to_owned(),
                ends_on: String::new(),
                source_url: String::new(),
                verified,
                note: note.to_owned(),
            };
            let draft = DocumentDraft::parse(&input).unwrap_or_else(|invalid| {
                panic!("seeded document {number} is invalid: {invalid:?}")
            });
            let id = tx.create_legal_document(keeper, &draft).await?;
            if !number.is_empty() {
                ids.insert(number, id);
            }
        }
        for &(subject, kind, object, from) in SEED_RELATIONS {
            let draft = RelationDraft {
                kind,
                object: ids[object],
                effective_on: bluehelm_domain::person::parse_date("effective_on", from)
                    .unwrap_or_else(|_| panic!("seeded relation date {from}")),
                articles: None,
            };
            tx.add_legal_relation(ids[subject], &draft).await?;
        }
        tx.commit().await
    }
}

/// A citation with the document it names and the act that makes it, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Citation {
    /// What cites: workflow_template, workflow_step or directive.
    pub subject: String,
    pub subject_id: i64,
    pub position: i64,
    /// The date of the act the citation supports: for a template and its steps, the first
    /// day the template applies.
    pub acted_on: Date,
    /// The last day the act applies, if it has one.
    pub applies_until: Option<Date>,
    pub document_id: i64,
    pub kind: String,
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
    #[serde(skip)]
    pub signed_on: Option<Date>,
    #[serde(skip)]
    pub effective_on: Option<Date>,
    #[serde(skip)]
    pub ends_on: Option<Date>,
    /// The article cited, by its number, when not the whole document.
    pub article: Option<String>,
    /// The dispatch template that cites, or whose step cites.
    pub template_id: Option<i64>,
    pub template_vi: Option<String>,
    pub template_en: Option<String>,
    /// The step that cites, for a step's citation.
    pub step_vi: Option<String>,
    pub step_en: Option<String>,
    /// The directive that cites, for a directive's citation.
    pub directive_title: Option<String>,
}

impl Citation {
    pub fn dates(&self) -> Dates {
        Dates {
            signed_on: self.signed_on,
            effective_on: self.effective_on,
            ends_on: self.ends_on,
        }
    }
}

/// Every citation with its document and what cites it; filtered by the caller.
const CITATION_SELECT: &str = "select c.subject, c.subject_id, c.position, c.acted_on, \
     coalesce(t.valid_to, st.valid_to) as applies_until, c.document_id, d.kind, d.number, \
     d.title_vi, d.title_en, d.signed_on, d.effective_on, d.ends_on, a.number as article, \
     coalesce(t.id, st.id) as template_id, coalesce(t.name_vi, st.name_vi) as template_vi, \
     coalesce(t.name_en, st.name_en) as template_en, s.name_vi as step_vi, s.name_en as step_en, \
     dv.title as directive_title \
     from legal_citation c join legal_document d on d.id = c.document_id \
     left join legal_article a on a.id = c.article_id \
     left join workflow_template t on c.subject = 'workflow_template' and t.id = c.subject_id \
     left join workflow_step s on c.subject = 'workflow_step' and s.id = c.subject_id \
     left join workflow_template st on st.id = s.template_id \
     left join directive dv on c.subject = 'directive' and dv.id = c.subject_id";

impl Store {
    /// The citations of a procedure version and of its steps, in one statement: its own
    /// first, then each step's, in the order each makes them.
    pub async fn procedure_citations(&self, template: i64, steps: &[i64]) -> Result<Vec<Citation>> {
        let sql = format!(
            "{CITATION_SELECT} where (c.subject = 'workflow_template' and c.subject_id = $1) \
             or (c.subject = 'workflow_step' and {}) \
             order by c.subject desc, c.subject_id, c.position",
            Ids::among(self.engine(), "c.subject_id", 2)
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(template).bind(Ids::from(steps)).fetch_all(pool).await
        })?)
    }

    /// The citations of these acts of one kind, in the order each act makes them.
    pub async fn citations_of(&self, subject: &str, ids: &[i64]) -> Result<Vec<Citation>> {
        let sql = format!(
            "{CITATION_SELECT} where c.subject = $1 and {} \
             order by c.subject_id, c.position",
            Ids::among(self.engine(), "c.subject_id", 2)
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(subject).bind(Ids::from(ids)).fetch_all(pool).await
        })?)
    }

    /// What relies on a document: every citation of it.
    pub async fn citations_of_document(&self, document: i64) -> Result<Vec<Citation>> {
        let sql = format!(
            "{CITATION_SELECT} where c.document_id = $1 \
             order by c.acted_on, c.subject, c.subject_id, c.position"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(document).fetch_all(pool).await)?)
    }

    /// The citations the legal health page has to judge: those of a document that is out
    /// of force on some day from the act on. That is a document signed or in force only
    /// after the act (or not yet), one with an end, or one that another replaces; a citation
    /// of any other document is in force on every day from its act and is never read.
    pub async fn citations_at_risk(&self) -> Result<Vec<Citation>> {
        let sql = format!(
            "{CITATION_SELECT} where d.signed_on is null or d.signed_on > c.acted_on \
             or d.effective_on is null or d.effective_on > c.acted_on or d.ends_on is not null \
             or exists (select 1 from legal_relation r where r.object_id = d.id \
               and r.kind = 'replaces') \
             order by c.document_id, c.acted_on, c.subject, c.subject_id, c.position"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// The documents that end, or that another replaces, after `after` and on or before
    /// `until`.
    pub async fn legal_ending(&self, after: Date, until: Date) -> Result<Vec<LegalDocument>> {
        let sql = format!(
            "select {DOCUMENT_COLUMNS} where (d.ends_on > $1 and d.ends_on <= $2) or exists \
             (select 1 from legal_relation r where r.object_id = d.id and r.kind = 'replaces' \
             and r.effective_on > $1 and r.effective_on <= $2) order by d.id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(after).bind(until).fetch_all(pool).await
        })?)
    }

    /// Turns the free-text legal bases of the dispatch templates and their steps into
    /// citations of the registry, where the text names a registered document by number.
    /// Acts cited already are left alone, so this runs at every start.
    pub async fn cite_templates(&self) -> Result<()> {
        let uncited = |subject: &str, text: &str, table: &str, acted_on: &str, from: &str| {
            format!(
                "select x.id, {text}, {acted_on} from {table} x {from} where not exists \
                 (select 1 from legal_citation c where c.subject = '{subject}' and c.subject_id = x.id) \
                 order by x.id"
            )
        };
        let templates = uncited(
            "workflow_template",
            "x.legal_basis",
            "workflow_template",
            "x.valid_from",
            "",
        );
        let steps = uncited(
            "workflow_step",
            "x.provision",
            "workflow_step",
            "t.valid_from",
            "join workflow_template t on t.id = x.template_id",
        );
        let (templates, steps, numbers) = on_pool!(&self.db, pool => {
            async {
                let templates: Vec<(i64, String, Date)> = sqlx::query_as(&templates).fetch_all(&mut *pool).await?;
                let steps: Vec<(i64, String, Date)> = sqlx::query_as(&steps).fetch_all(&mut *pool).await?;
                let numbers: Vec<(i64, String)> = sqlx::query_as(
                    "select id, number from legal_document where number is not null order by id",
                ).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((templates, steps, numbers))
            }
            .await
        })?;
        let numbers: Vec<(i64, &str)> = numbers.iter().map(|(id, n)| (*id, n.as_str())).collect();
        let cite = |acts: Vec<(i64, String, Date)>| {
            acts.into_iter()
                .map(|(id, text, acted_on)| (id, acted_on, cited_in(&text, &numbers)))
                .filter(|(.., cited)| !cited.is_empty())
                .collect::<Vec<_>>()
        };
        let templates = cite(templates);
        let steps = cite(steps);
        if templates.is_empty() && steps.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(crate::Actor::SYSTEM).await?;
        for (subject, acts) in [("workflow_template", templates), ("workflow_step", steps)] {
            for (id, acted_on, cited) in acts {
                tx.cite(subject, id, acted_on, &cited).await?;
            }
        }
        tx.commit().await
    }
}

impl WriteTx {
    /// Makes `cited` the citations of one act dated `acted_on`, in this order, replacing
    /// any it had. An article not registered yet is added to its document by number.
    pub async fn cite(
        &mut self,
        subject: &str,
        subject_id: i64,
        acted_on: Date,
        cited: &[Cited],
    ) -> Result<()> {
        let at = now();
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from legal_citation where subject = $1 and subject_id = $2")
                .bind(subject).bind(subject_id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        for (position, citation) in cited.iter().enumerate() {
            let article = match &citation.article {
                Some(number) => Some(self.legal_article(citation.document, number).await?),
                None => None,
            };
            let id: i64 = on_tx!(&mut self.tx, conn => {
                sqlx::query_scalar(
                    "insert into legal_citation (subject, subject_id, position, document_id, article_id, \
                     acted_on, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id",
                )
                .bind(subject).bind(subject_id).bind(position as i64).bind(citation.document)
                .bind(article).bind(acted_on).bind(at)
                .fetch_one(conn).await
            })?;
            let values = serde_json::json!({
                "subject": subject, "subject_id": subject_id, "position": position,
                "document_id": citation.document, "article": citation.article, "acted_on": acted_on,
            });
            self.audit_insert("legal_citation", id, &values).await?;
        }
        Ok(())
    }

    /// The id of a document's article, registering it by number when it is new.
    async fn legal_article(&mut self, document: i64, number: &str) -> Result<i64> {
        let found: Option<i64> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select id from legal_article where document_id = $1 and number = $2")
                .bind(document).bind(number).fetch_optional(conn).await
        })?;
        if let Some(id) = found {
            return Ok(id);
        }
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into legal_article (document_id, number) values ($1, $2) returning id",
            )
            .bind(document).bind(number).fetch_one(conn).await
        })?;
        let values = serde_json::json!({ "document_id": document, "number": number });
        self.audit_insert("legal_article", id, &values).await?;
        Ok(id)
    }
}

/// The published text registered for a document, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalFile {
    pub document_id: i64,
    pub file_name: String,
    pub size: i64,
    /// The SHA-256 of the bytes, in hexadecimal.
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: time::OffsetDateTime,
}

const FILE_COLUMNS: &str = "document_id, file_name, size, sha256, uploaded_at from legal_file";

impl Store {
    pub async fn legal_file_of(&self, document: i64) -> Result<Option<LegalFile>> {
        let sql = format!("select {FILE_COLUMNS} where document_id = $1");
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(document).fetch_optional(pool).await)?,
        )
    }

    /// The published text of a document with its bytes.
    pub async fn legal_file(&self, document: i64) -> Result<(LegalFile, Vec<u8>)> {
        let sql = format!("select {FILE_COLUMNS} where document_id = $1");
        Ok(on_pool!(&self.db, pool => {
            async {
                let file: LegalFile = sqlx::query_as(&sql).bind(document).fetch_one(&mut *pool).await?;
                let content: Vec<u8> = sqlx::query_scalar("select content from legal_file where document_id = $1")
                    .bind(document).fetch_one(&mut *pool).await?;
                Ok::<_, sqlx::Error>((file, content))
            }
            .await
        })?)
    }
}

impl WriteTx {
    /// Registers the published text of `document`, replacing the one it had.
    pub async fn put_legal_file(
        &mut self,
        document: i64,
        file_name: &str,
        content: &[u8],
        sha256: &str,
    ) -> Result<()> {
        let before: Option<(i64, String, String)> = on_tx!(&mut self.tx, conn => {
            sqlx::query_as("select id, file_name, sha256 from legal_file where document_id = $1")
                .bind(document).fetch_optional(conn).await
        })?;
        if let Some((id, name, hash)) = before {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("delete from legal_file where id = $1")
                    .bind(id).execute(conn).await.map(|done| done.rows_affected())
            })?;
            self.audit(
                bluehelm_domain::audit::AuditAction::Delete,
                "legal_file",
                Some(id.to_string()),
                Some(&serde_json::json!({ "document_id": document, "file_name": name, "sha256": hash })),
                None::<&()>,
            )
            .await?;
        }
        let uploaded_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into legal_file (document_id, file_name, size, sha256, content, uploaded_by, uploaded_at) \
                 values ($1, $2, $3, $4, $5, $6, $7) returning id",
            )
            .bind(document).bind(file_name).bind(content.len() as i64).bind(sha256).bind(content)
            .bind(uploaded_by).bind(now())
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "document_id": document, "file_name": file_name, "size": content.len(), "sha256": sha256,
        });
        self.audit_insert("legal_file", id, &values).await
    }
}
