//! Formed units in storage: the unit, its table of organisation and its readiness history.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::unit::{PositionDraft, PostAsks, ReadinessDraft, UnitDraft};
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
    /// The rank range asked, as rank orders (comparable across services).
    pub min_rank: Option<i64>,
    pub max_rank: Option<i64>,
    /// A qualification kind's code.
    pub qualification: Option<String>,
    /// The section of the unit the line belongs to.
    pub section: Option<String>,
}

impl UnitPosition {
    /// What the line asks of a person.
    pub fn asks(&self) -> PostAsks<'_> {
        let order = |rank: Option<i64>| rank.and_then(|order| i32::try_from(order).ok());
        PostAsks {
            specialty: self.specialty.as_deref(),
            language: self.language.as_deref(),
            min_level: self.min_level.as_deref(),
            min_rank: order(self.min_rank),
            max_rank: order(self.max_rank),
            qualification: self.qualification.as_deref(),
        }
    }
}

const POSITION_COLUMNS: &str =
    "id, unit_id, title, specialty, count, language, min_level, min_rank, max_rank, qualification, section";

/// A line's values as the audit trail records them.
fn position_values(unit_id: i64, draft: &PositionDraft) -> serde_json::Value {
    let (language, level) = language_of(draft);
    serde_json::json!({
        "unit_id": unit_id, "title": draft.title, "specialty": draft.specialty,
        "count": draft.count, "language": language, "min_level": level,
        "min_rank": draft.min_rank, "max_rank": draft.max_rank, "qualification": draft.qualification,
        "section": draft.section,
    })
}

/// A unit's values as the audit trail records them.
fn unit_values(agency_id: i64, mission_id: Option<i64>, draft: &UnitDraft) -> serde_json::Value {
    serde_json::json!({
        "agency_id": agency_id, "mission_id": mission_id, "name": draft.name,
        "kind": draft.kind.as_str(), "rotation": draft.rotation, "tour_months": draft.tour_months,
        "overlap_days": draft.overlap_days, "deploys_on": draft.deploys_on,
    })
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
        let sql =
            format!("select {POSITION_COLUMNS} from unit_position where unit_id = $1 order by id");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(unit_id).fetch_all(pool).await)?)
    }

    pub async fn unit_position(&self, id: i64) -> Result<UnitPosition> {
        let sql = format!("select {POSITION_COLUMNS} from unit_position where id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
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
        self.audit_insert(
            "formed_unit",
            id,
            &unit_values(agency_id, mission_id, draft),
        )
        .await?;
        Ok(id)
    }

    /// Corrects a unit's name, kind, rotation, mission, tour and departure; the raising
    /// agency stays.
    pub async fn update_unit(
        &mut self,
        before: &Unit,
        mission_id: Option<i64>,
        draft: &UnitDraft,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update formed_unit set mission_id = $2, name = $3, kind = $4, rotation = $5, tour_months = $6, \
                 overlap_days = $7, deploys_on = $8, updated_at = $9 where id = $1",
            )
            .bind(before.id).bind(mission_id).bind(&draft.name).bind(draft.kind.as_str())
            .bind(i64::from(draft.rotation)).bind(i64::from(draft.tour_months))
            .bind(i64::from(draft.overlap_days)).bind(draft.deploys_on).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let was = serde_json::json!({
            "agency_id": before.agency_id, "mission_id": before.mission_id, "name": before.name,
            "kind": before.kind, "rotation": before.rotation, "tour_months": before.tour_months,
            "overlap_days": before.overlap_days, "deploys_on": before.deploys_on,
        });
        let after = unit_values(before.agency_id, mission_id, draft);
        self.audit(
            AuditAction::Update,
            "formed_unit",
            Some(before.id.to_string()),
            Some(&was),
            Some(&after),
        )
        .await
    }

    pub async fn add_unit_position(&mut self, unit_id: i64, draft: &PositionDraft) -> Result<i64> {
        let (language, level) = language_of(draft);
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into unit_position (unit_id, title, specialty, count, language, min_level, min_rank, \
                 max_rank, qualification, section) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            )
            .bind(unit_id).bind(&draft.title).bind(&draft.specialty).bind(i64::from(draft.count))
            .bind(language).bind(level).bind(draft.min_rank.map(i64::from))
            .bind(draft.max_rank.map(i64::from)).bind(&draft.qualification).bind(&draft.section)
            .fetch_one(conn).await
        })?;
        self.audit_insert("unit_position", id, &position_values(unit_id, draft))
            .await?;
        Ok(id)
    }

    pub async fn update_unit_position(
        &mut self,
        before: &UnitPosition,
        draft: &PositionDraft,
    ) -> Result<()> {
        let (language, level) = language_of(draft);
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update unit_position set title = $2, specialty = $3, count = $4, language = $5, min_level = $6, \
                 min_rank = $7, max_rank = $8, qualification = $9, section = $10 where id = $1",
            )
            .bind(before.id).bind(&draft.title).bind(&draft.specialty).bind(i64::from(draft.count))
            .bind(language).bind(level).bind(draft.min_rank.map(i64::from))
            .bind(draft.max_rank.map(i64::from)).bind(&draft.qualification).bind(&draft.section)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "unit_position",
            Some(before.id.to_string()),
            Some(before),
            Some(&position_values(before.unit_id, draft)),
        )
        .await
    }

    pub async fn remove_unit_position(&mut self, before: &UnitPosition) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from unit_position where id = $1")
                .bind(before.id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Delete,
            "unit_position",
            Some(before.id.to_string()),
            Some(before),
            None::<&()>,
        )
        .await
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

fn language_of(draft: &PositionDraft) -> (Option<&str>, Option<&'static str>) {
    match &draft.language {
        Some((language, level)) => (Some(language.as_str()), Some(level.as_str())),
        None => (None, None),
    }
}
