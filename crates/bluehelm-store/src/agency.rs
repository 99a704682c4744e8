//! Agencies in storage: the tree, its paths, and its audited writes.

use bluehelm_domain::agency::{AgencyDraft, AgencyKind, AgencyPath, SEED};
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use serde::Serialize;
use time::OffsetDateTime;

use crate::conditions::{bind_params, literal, page_sql, Conditions, Param};
use crate::{now, on_pool, on_tx, Actor, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Agency {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
    pub path: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Agency {
    pub fn path(&self) -> AgencyPath {
        AgencyPath::from_stored(self.path.clone())
    }

    pub fn kind(&self) -> Option<AgencyKind> {
        AgencyKind::parse(&self.kind)
    }

    /// The path of the agency that owns this one (its parent), `None` at the top.
    pub fn owner_path(&self) -> Option<AgencyPath> {
        let trimmed = self.path.trim_end_matches('/');
        let cut = trimmed.rfind('/')?;
        (cut > 0).then(|| AgencyPath::from_stored(format!("{}/", &trimmed[..cut])))
    }
}

/// Sort keys of the agency list: (public name, column).
pub const AGENCY_SORT: &[(&str, &str)] = &[
    ("path", "path"),
    ("code", "code"),
    ("name_vi", "name_vi"),
    ("name_en", "name_en"),
    ("created_at", "created_at"),
];

/// Filters of the agency list.
#[derive(Debug, Clone, Default)]
pub struct AgencyFilter {
    /// Only this agency and those below it.
    pub within: Option<AgencyPath>,
    pub kind: Option<AgencyKind>,
    /// A case-insensitive piece of the code or of either name.
    pub text: Option<String>,
}

const COLUMNS: &str = "id, code, kind, name_vi, name_en, parent_id, path, created_at, updated_at";

/// The `[low, high)` range of paths in a subtree: every path that starts with `/1/4/` lies
/// between `/1/4/` and `/1/40` (the byte after `/` is `0`), and a range uses the index.
pub fn subtree_range(path: &AgencyPath) -> (String, String) {
    let low = path.as_str().to_owned();
    let mut high = low.clone();
    high.pop();
    high.push('0');
    (low, high)
}

/// That the agency path `column` lies in `path`'s subtree, its bounds written as literals:
/// how many rows a subtree holds decides the plan (a ministry holds most people, a unit a
/// few), and PostgreSQL's generic plans do not see bound values (see `crate::conditions`).
pub(crate) fn within_subtree(column: &str, path: &AgencyPath) -> String {
    let (low, high) = subtree_range(path);
    format!(
        "{column} >= {} and {column} < {}",
        literal(&low),
        literal(&high)
    )
}

/// [`within_subtree`], or no condition (`1 = 1`) for everybody.
pub(crate) fn within_any(column: &str, within: Option<&AgencyPath>) -> String {
    within.map_or_else(|| "1 = 1".to_owned(), |path| within_subtree(column, path))
}

impl Store {
    pub async fn agency(&self, id: i64) -> Result<Agency> {
        let sql = format!("select {COLUMNS} from agency where id = $1");
        on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)
            .map_err(StoreError::from)
    }

    pub async fn agency_by_code(&self, code: &str) -> Result<Agency> {
        let sql = format!("select {COLUMNS} from agency where code = $1");
        on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(code).fetch_one(pool).await)
            .map_err(StoreError::from)
    }

    /// Every agency, parents before children (the tree in path order is small: a few
    /// hundred rows at most, so pages of the admin tree are cut in memory by the caller).
    pub async fn all_agencies(&self) -> Result<Vec<Agency>> {
        let sql = format!("select {COLUMNS} from agency order by path");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    pub async fn list_agencies(
        &self,
        filter: &AgencyFilter,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<Agency>> {
        let mut conditions = Conditions::default();
        if let Some(within) = &filter.within {
            conditions.add(within_subtree("path", within));
        }
        if let Some(kind) = filter.kind {
            conditions.add(format!("kind = {}", literal(kind.as_str())));
        }
        let text = filter
            .text
            .as_deref()
            .map(|text| Param::Text(format!("%{}%", text.to_lowercase().replace(['%', '_'], ""))));
        conditions.add_if(
            "(lower(code) like {} or lower(name_vi) like {} or lower(name_en) like {})",
            text,
        );
        let condition = conditions.render();
        let count_sql = format!("select count(*) from agency where {condition}");
        let list_sql = format!(
            "select {COLUMNS} from agency where {condition} order by {}, id {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = bind_params!(sqlx::query_scalar(&count_sql), &conditions.params)
                .fetch_one(&mut *pool).await?;
            let items: Vec<Agency> = bind_params!(sqlx::query_as(&list_sql), &conditions.params)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// Loads the seeded structure: all of it into an empty database, and into one that has
    /// agencies, the seeded agencies it lacks by code (those a later version added), below
    /// their parents. Returns how many were added.
    pub async fn seed_agencies(&self) -> Result<usize> {
        let mut ids: std::collections::HashMap<String, i64> = self
            .all_agencies()
            .await?
            .into_iter()
            .map(|agency| (agency.code, agency.id))
            .collect();
        let missing: Vec<_> = SEED
            .iter()
            .filter(|seed| !ids.contains_key(seed.code))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write(Actor::SYSTEM).await?;
        for seed in &missing {
            let parent_id = seed.parent.and_then(|code| ids.get(code).copied());
            let draft = AgencyDraft {
                code: seed.code.to_owned(),
                kind: seed.kind,
                name_vi: seed.name_vi.to_owned(),
                name_en: seed.name_en.to_owned(),
                parent_id,
            };
            let agency = tx.create_agency(&draft).await?;
            ids.insert(seed.code.to_owned(), agency.id);
        }
        tx.commit().await?;
        Ok(missing.len())
    }
}

impl WriteTx {
    pub async fn agency(&mut self, id: i64) -> Result<Agency> {
        let sql = format!("select {COLUMNS} from agency where id = $1");
        on_tx!(&mut self.tx, conn => sqlx::query_as(&sql).bind(id).fetch_one(conn).await)
            .map_err(StoreError::from)
    }

    /// Creates an agency below `draft.parent_id` (checked by the caller) and audits it.
    pub async fn create_agency(&mut self, draft: &AgencyDraft) -> Result<Agency> {
        let parent_path = match draft.parent_id {
            Some(parent) => Some(self.agency(parent).await?.path()),
            None => None,
        };
        let at = now();
        // The path needs the new id, so the row is written with a unique placeholder first.
        let placeholder = format!("pending:{}", draft.code);
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into agency (code, kind, name_vi, name_en, parent_id, path, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
            )
            .bind(&draft.code)
            .bind(draft.kind.as_str())
            .bind(&draft.name_vi)
            .bind(&draft.name_en)
            .bind(draft.parent_id)
            .bind(&placeholder)
            .bind(at)
            .fetch_one(conn)
            .await
        })?;
        let path = match parent_path {
            Some(parent) => parent.child(id),
            None => AgencyPath::root(id),
        };
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update agency set path = $1 where id = $2")
                .bind(path.as_str()).bind(id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let agency = self.agency(id).await?;
        self.audit_insert("agency", id, &agency).await?;
        Ok(agency)
    }

    /// Renames or recodes an agency. Moving it in the tree is not offered: paths of the
    /// subtree and the rights that hang on them would move with it.
    pub async fn update_agency(&mut self, id: i64, draft: &AgencyDraft) -> Result<Agency> {
        let before = self.agency(id).await?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update agency set code = $1, kind = $2, name_vi = $3, name_en = $4, updated_at = $5 \
                 where id = $6",
            )
            .bind(&draft.code)
            .bind(draft.kind.as_str())
            .bind(&draft.name_vi)
            .bind(&draft.name_en)
            .bind(now())
            .bind(id)
            .execute(conn)
            .await.map(|done| done.rows_affected())
        })?;
        let after = self.agency(id).await?;
        self.audit(
            AuditAction::Update,
            "agency",
            Some(id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    /// Deletes an agency that owns nothing; foreign keys refuse the rest ([`StoreError::InUse`]).
    pub async fn delete_agency(&mut self, id: i64) -> Result<Agency> {
        let before = self.agency(id).await?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from agency where id = $1").bind(id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Delete,
            "agency",
            Some(id.to_string()),
            Some(&before),
            None::<&()>,
        )
        .await?;
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subtree_range_holds_exactly_the_prefix() {
        let (low, high) = subtree_range(&AgencyPath::root(1).child(4));
        for inside in ["/1/4/", "/1/4/9/", "/1/4/99/3/"] {
            assert!(inside >= low.as_str() && inside < high.as_str(), "{inside}");
        }
        for outside in ["/1/", "/1/40/", "/1/41/", "/1/3/", "/10/"] {
            assert!(
                !(outside >= low.as_str() && outside < high.as_str()),
                "{outside}"
            );
        }
    }
}
