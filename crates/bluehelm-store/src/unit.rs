//! Formed units in storage: the unit, its table of organisation and its readiness history.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::unit::{PositionDraft, ReadinessDraft, UnitDraft};
use serde::Serialize;
use time::Date;

use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    pub id: i64,
    pub agency_id: i64,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    /// None while the unit is held in readiness for no mission yet.
    pub mission_id: Option<i64>,
    pub mission_code: Option<String>,
    pub name: String,
    pub kind: String,
    pub rotation: i64,
    pub tour_months: i64,
    pub overlap_days: i64,
    pub deploys_on: Option<Date>,
    /// The latest PCRS level recorded.
    pub readiness: Option<String>,
    /// Posts in the table of organisation.
    pub posts: i64,
    /// People holding an active deployment with the unit.
    pub members: i64,
}

impl Unit {
    pub fn owner(&self) -> AgencyPath {
        AgencyPath::from_stored(self.agency_path.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPosition {
    pub id: i64,
    pub unit_id: i64,
    pub title: String,
    pub specialty: Option<String>,
    pub count: i64,
    pub language: Option<String>,
    pub min_level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadinessChange {
    pub id: i64,
    pub unit_id: i64,
    pub level: String,
    pub dated: Date,
    pub evidence: String,
}

pub(crate) const UNIT_COLUMNS: &str = "u.id, u.agency_id, g.code as agency_code, g.path as agency_path, u.mission_id, \
     m.code as mission_code, u.name, u.kind, u.rotation, u.tour_months, u.overlap_days, u.deploys_on, \
     u.readiness, \
     (select cast(coalesce(sum(p.count), 0) as bigint) from unit_position p where p.unit_id = u.id) as posts, \
     (select count(*) from deployment d where d.unit_id = u.id \
      and d.status not in ('returned', 'withdrawn')) as members \
     from formed_unit u join agency g on g.id = u.agency_id left join mission m on m.id = u.mission_id";

impl Store {
    /// Units (serving one mission, with `mission_id`), by mission, latest rotation first.
    pub async fn units(&self, mission_id: Option<i64>) -> Result<Vec<Unit>> {
        let filter = if mission_id.is_some() {
            "where u.mission_id = $1"
        } else {
            ""
        };
        let sql =
            format!("select {UNIT_COLUMNS} {filter} order by m.code, u.rotation desc, u.name");
        Ok(on_pool!(&self.db, pool => {
            let query = sqlx::query_as(&sql);
            match mission_id {
                Some(id) => query.bind(id).fetch_all(pool).await,
                None => query.fetch_all(pool).await,
            }
        })?)
    }

    pub async fn unit(&self, id: i64) -> Result<Unit> {
        let sql = format!("select {UNIT_COLUMNS} where u.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn unit_positions(&self, unit_id: i64) -> Result<Vec<UnitPosition>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, unit_id, title, specialty, count, language, min_level from unit_position \
                 where unit_id = $1 order by id",
            )
            .bind(unit_id).fetch_all(pool).await
        })?)
    }

    /// A unit's readiness history, the latest first.
    pub async fn readiness_history(&self, unit_id: i64) -> Result<Vec<ReadinessChange>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, unit_id, level, dated, evidence from readiness_change \
                 where unit_id = $1 order by dated desc, id desc",
            )
            .bind(unit_id).fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    pub async fn create_unit(
        &mut self,
        agency_id: i64,
        mission_id: Option<i64>,
        draft: &UnitDraft,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into formed_unit (agency_id, mission_id, name, kind, rotation, tour_months, overlap_days, \
                 deploys_on, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
            )
            .bind(agency_id).bind(mission_id).bind(&draft.name).bind(draft.kind.as_str())
            .bind(i64::from(draft.rotation)).bind(i64::from(draft.tour_months))
            .bind(i64::from(draft.overlap_days)).bind(draft.deploys_on).bind(at)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "agency_id": agency_id, "mission_id": mission_id, "name": draft.name,
            "kind": draft.kind.as_str(), "rotation": draft.rotation, "tour_months": draft.tour_months,
            "overlap_days": draft.overlap_days, "deploys_on": draft.deploys_on,
        });
        self.audit_insert("formed_unit", id, &after).await?;
        Ok(id)
    }

    pub async fn add_unit_position(&mut self, unit_id: i64, draft: &PositionDraft) -> Result<i64> {
        let (language, level) = match &draft.language {
            Some((language, level)) => (Some(language.clone()), Some(level.as_str())),
            None => (None, None),
        };
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into unit_position (unit_id, title, specialty, count, language, min_level) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(unit_id).bind(&draft.title).bind(&draft.specialty).bind(i64::from(draft.count))
            .bind(&language).bind(level)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "unit_id": unit_id, "title": draft.title, "specialty": draft.specialty,
            "count": draft.count, "language": language, "min_level": level,
        });
        self.audit_insert("unit_position", id, &after).await?;
        Ok(id)
    }

    /// Records a readiness change with its evidence; the unit's current level follows the
    /// latest dated change.
    pub async fn record_readiness(&mut self, unit: &Unit, draft: &ReadinessDraft) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into readiness_change (unit_id, level, dated, evidence, created_at) \
                 values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(unit.id).bind(draft.level.as_str()).bind(draft.dated).bind(&draft.evidence).bind(now())
            .fetch_one(conn).await
        })?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update formed_unit set readiness = (select level from readiness_change where unit_id = $1 \
                 order by dated desc, id desc limit 1), updated_at = $2 where id = $1",
            )
            .bind(unit.id).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let after = serde_json::json!({
            "unit_id": unit.id, "level": draft.level.as_str(), "dated": draft.dated, "evidence": draft.evidence,
        });
        self.audit_insert("readiness_change", id, &after).await?;
        Ok(id)
    }
}
