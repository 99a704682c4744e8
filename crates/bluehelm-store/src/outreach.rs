//! Outreach activities in storage, with the registry documents each disseminated, and
//! their totals by year, agency and kind, summed inside the query.

use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::outreach::ActivityDraft;
use serde::Serialize;
use time::Date;

use crate::conditions::page_sql;
use crate::ids::Ids;
use crate::{now, on_pool, on_tx, Engine, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    /// `law_training`, `media`, `exhibition`, `publication`, `competition`,
    /// `peacekeepers_day` or `other`.
    pub kind: String,
    pub title: String,
    pub held_on: Date,
    pub agency_id: i64,
    pub agency_code: String,
    pub place: Option<String>,
    pub audience: Option<String>,
    pub participants: i64,
    pub viewers: i64,
    pub materials: Option<String>,
}

/// A registry document an activity disseminated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Disseminated {
    pub activity_id: i64,
    pub document_id: i64,
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
}

/// The activities of one year, agency and kind, with their reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachTotal {
    pub year: i64,
    pub agency_code: String,
    pub kind: String,
    pub activities: i64,
    pub participants: i64,
    pub viewers: i64,
}

const ACTIVITY_COLUMNS: &str =
    "a.id, a.kind, a.title, a.held_on, a.agency_id, g.code as agency_code, a.place, \
     a.audience, a.participants, a.viewers, a.materials \
     from outreach_activity a join agency g on g.id = a.agency_id";

/// The orders of the activities' list: by date (the latest first is `-held`, the
/// default), by kind, by agency, by reach (participants and viewers).
pub const ACTIVITY_SORT: &[(&str, &str)] = &[
    ("held", "a.held_on"),
    ("kind", "a.kind"),
    ("agency", "g.code"),
    ("reach", "a.participants + a.viewers"),
];

impl Store {
    /// A page of activities in `sort`'s order, with the documents each disseminated.
    pub async fn activities(
        &self,
        sort: Sort,
        page: PageRequest,
    ) -> Result<(Page<Activity>, Vec<Disseminated>)> {
        let sql = format!(
            "select {ACTIVITY_COLUMNS} order by {}, a.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let engine = self.engine();
        let (total, items, documents) = on_pool!(&self.db, pool => {
            async {
                let total: i64 = sqlx::query_scalar("select count(*) from outreach_activity")
                    .fetch_one(&mut *pool).await?;
                let items: Vec<Activity> = sqlx::query_as(&sql)
                    .fetch_all(&mut *pool).await?;
                let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
                let documents = if ids.is_empty() {
                    Vec::new()
                } else {
                    sqlx::query_as(&format!(
                        "select x.activity_id, x.document_id, d.number, d.title_vi, d.title_en \
                         from outreach_document x join legal_document d on d.id = x.document_id \
                         where {} order by x.activity_id, x.id",
                        Ids::among(engine, "x.activity_id", 1)
                    ))
                    .bind(Ids(ids)).fetch_all(&mut *pool).await?
                };
                Ok::<_, sqlx::Error>((total, items, documents))
            }
            .await
        })?;
        Ok((Page::exact(items, total, page), documents))
    }

    /// The activities' totals by year (the latest first), agency and kind.
    pub async fn outreach_totals(&self) -> Result<Vec<OutreachTotal>> {
        let year = match self.engine() {
            Engine::Sqlite => "cast(substr(a.held_on, 1, 4) as integer)",
            Engine::Postgres => "cast(extract(year from a.held_on) as bigint)",
        };
        let sql = format!(
            "select {year} as year, g.code as agency_code, a.kind, count(*) as activities, \
             cast(coalesce(sum(a.participants), 0) as bigint) as participants, \
             cast(coalesce(sum(a.viewers), 0) as bigint) as viewers \
             from outreach_activity a join agency g on g.id = a.agency_id \
             group by {year}, g.code, a.kind order by year desc, g.code, a.kind"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }
}

impl WriteTx {
    pub async fn create_activity(&mut self, draft: &ActivityDraft) -> Result<i64> {
        let at = now();
        let created_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into outreach_activity (kind, title, held_on, agency_id, place, audience, participants, \
                 viewers, materials, created_by, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id",
            )
            .bind(draft.kind.as_str()).bind(&draft.title).bind(draft.held_on).bind(draft.agency_id)
            .bind(&draft.place).bind(&draft.audience).bind(draft.participants).bind(draft.viewers)
            .bind(&draft.materials).bind(created_by).bind(at)
            .fetch_one(conn).await
        })?;
        for document in &draft.documents {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into outreach_document (activity_id, document_id) values ($1, $2)")
                    .bind(id).bind(document).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let values = serde_json::json!({
            "kind": draft.kind.as_str(), "title": draft.title, "held_on": draft.held_on,
            "agency_id": draft.agency_id, "place": draft.place, "audience": draft.audience,
            "participants": draft.participants, "viewers": draft.viewers,
            "documents": draft.documents, "materials": draft.materials,
        });
        self.audit_insert("outreach_activity", id, &values).await?;
        Ok(id)
    }
}
