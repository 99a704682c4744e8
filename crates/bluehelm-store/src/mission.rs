//! Missions and their mandates, the UN's requests with their positions and nominations,
//! and formed units with their tables of organisation and readiness history.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::eligibility::{Requirements, Tour};
use bluehelm_domain::mission::{ResolutionDraft, MISSIONS, RESOLUTIONS};
use bluehelm_domain::request::{NominationStatus, RequestDraft, RequestStatus};
use bluehelm_domain::unit::{PositionDraft, ReadinessDraft, UnitDraft};
use serde::Serialize;
use time::Date;

use crate::{now, on_pool, on_tx, Actor, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mission {
    pub id: i64,
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    pub host: String,
    pub latitude: f64,
    pub longitude: f64,
    pub started_on: Date,
    pub closed_on: Option<Date>,
    /// "2779 (2025)": the latest resolution recorded.
    pub latest_resolution: Option<String>,
    /// The end of the mandate the latest resolution set; none when open-ended.
    pub mandate_ends_on: Option<Date>,
    /// People of the country on the ground now (deployed or extended).
    pub deployed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resolution {
    pub id: i64,
    pub mission_id: i64,
    pub number: i64,
    pub year: i64,
    pub adopted_on: Date,
    pub votes_for: Option<i64>,
    pub votes_against: Option<i64>,
    pub votes_abstaining: Option<i64>,
    pub mandate_ends_on: Option<Date>,
    pub troop_ceiling: Option<i64>,
    pub police_ceiling: Option<i64>,
    pub establishes: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnRequest {
    pub id: i64,
    pub reference: String,
    pub mission_id: i64,
    pub mission_code: String,
    pub personnel_type: String,
    pub received_on: Date,
    pub nomination_deadline: Date,
    pub tour_start: Date,
    pub tour_months: i64,
    /// received, answered, nominated, selected, declined or closed.
    pub status: String,
    pub note: Option<String>,
    /// Positions requested, counting each position's number of posts.
    pub posts: i64,
    pub nominations: i64,
}

impl UnRequest {
    pub fn tour(&self) -> Tour {
        Tour {
            start: self.tour_start,
            months: u32::try_from(self.tour_months).unwrap_or(12),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestPosition {
    pub id: i64,
    pub request_id: i64,
    pub title: String,
    pub count: i64,
    /// The eligibility requirements, as JSON.
    pub requirements: String,
}

impl RequestPosition {
    pub fn requirements(&self) -> Option<Requirements> {
        serde_json::from_str(&self.requirements).ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nomination {
    pub id: i64,
    pub position_id: i64,
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub gender: String,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    pub status: String,
}

impl Nomination {
    pub fn full_name(&self) -> String {
        bluehelm_domain::person::full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

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

const MISSION_COLUMNS: &str = "m.id, m.code, m.name_en, m.name_vi, m.host, m.latitude, m.longitude, \
     m.started_on, m.closed_on, \
     (select cast(r.number as text) || ' (' || cast(r.year as text) || ')' from mandate_resolution r \
      where r.mission_id = m.id order by r.adopted_on desc, r.id desc limit 1) as latest_resolution, \
     (select r.mandate_ends_on from mandate_resolution r \
      where r.mission_id = m.id order by r.adopted_on desc, r.id desc limit 1) as mandate_ends_on, \
     (select count(*) from deployment d where d.mission_id = m.id \
      and d.status in ('deployed', 'extended')) as deployed \
     from mission m";

const RESOLUTION_COLUMNS: &str =
    "id, mission_id, number, year, adopted_on, votes_for, votes_against, \
     votes_abstaining, mandate_ends_on, troop_ceiling, police_ceiling, establishes, note \
     from mandate_resolution";

const REQUEST_COLUMNS: &str = "r.id, r.reference, r.mission_id, m.code as mission_code, r.personnel_type, \
     r.received_on, r.nomination_deadline, r.tour_start, r.tour_months, r.status, r.note, \
     (select cast(coalesce(sum(p.count), 0) as bigint) from request_position p where p.request_id = r.id) as posts, \
     (select count(*) from nomination n join request_position p on p.id = n.position_id \
      where p.request_id = r.id) as nominations \
     from un_request r join mission m on m.id = r.mission_id";

const NOMINATION_COLUMNS: &str = "n.id, n.position_id, n.person_id, p.family_name, p.middle_name, \
     p.given_name, p.gender, g.code as agency_code, g.path as agency_path, n.status \
     from nomination n join person p on p.id = n.person_id join agency g on g.id = p.agency_id";

const UNIT_COLUMNS: &str = "u.id, u.agency_id, g.code as agency_code, g.path as agency_path, u.mission_id, \
     m.code as mission_code, u.name, u.kind, u.rotation, u.tour_months, u.overlap_days, u.deploys_on, \
     u.readiness, \
     (select cast(coalesce(sum(p.count), 0) as bigint) from unit_position p where p.unit_id = u.id) as posts, \
     (select count(*) from deployment d where d.unit_id = u.id \
      and d.status not in ('returned', 'withdrawn')) as members \
     from formed_unit u join agency g on g.id = u.agency_id left join mission m on m.id = u.mission_id";

impl Store {
    /// Loads the missions and their recorded resolutions into an empty database.
    pub async fn seed_missions(&self) -> Result<()> {
        if self.count("mission").await? > 0 {
            return Ok(());
        }
        let mut tx = self.begin_write(Actor::SYSTEM).await?;
        let mut ids = std::collections::HashMap::new();
        for seed in MISSIONS {
            let id: i64 = on_tx!(&mut tx.tx, conn => {
                sqlx::query_scalar(
                    "insert into mission (code, name_en, name_vi, host, latitude, longitude, started_on, closed_on, created_at) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
                )
                .bind(seed.code).bind(seed.name_en).bind(seed.name_vi).bind(seed.host)
                .bind(seed.latitude).bind(seed.longitude).bind(seed.started_on).bind(seed.closed_on)
                .bind(now())
                .fetch_one(conn).await
            })?;
            ids.insert(seed.code, id);
        }
        for seed in RESOLUTIONS {
            let draft = ResolutionDraft {
                number: seed.number,
                year: seed.year,
                adopted_on: seed.adopted_on,
                votes: seed.votes,
                mandate_ends_on: seed.mandate_ends_on,
                troop_ceiling: seed.troop_ceiling,
                police_ceiling: seed.police_ceiling,
                note: None,
            };
            tx.insert_resolution(ids[seed.mission], &draft, seed.establishes)
                .await?;
        }
        tx.audit(
            AuditAction::Create,
            "mission",
            None,
            None::<&()>,
            Some(
                &serde_json::json!({ "seeded": MISSIONS.len(), "resolutions": RESOLUTIONS.len() }),
            ),
        )
        .await?;
        tx.commit().await
    }

    pub async fn missions(&self) -> Result<Vec<Mission>> {
        let sql = format!("select {MISSION_COLUMNS} order by m.code");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    pub async fn mission_by_code(&self, code: &str) -> Result<Mission> {
        let sql = format!("select {MISSION_COLUMNS} where m.code = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(code).fetch_one(pool).await)?)
    }

    /// A mission's resolutions, the latest first.
    pub async fn resolutions(&self, mission_id: i64) -> Result<Vec<Resolution>> {
        let sql = format!(
            "select {RESOLUTION_COLUMNS} where mission_id = $1 order by adopted_on desc, id desc"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(mission_id).fetch_all(pool).await)?)
    }

    /// Requests, open ones first (by nomination deadline), then the rest, newest first.
    pub async fn requests(&self) -> Result<Vec<UnRequest>> {
        let sql = format!(
            "select {REQUEST_COLUMNS} order by case when r.status in ('received', 'answered') then 0 else 1 end, \
             r.nomination_deadline desc, r.id desc limit 500"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    pub async fn request(&self, id: i64) -> Result<UnRequest> {
        let sql = format!("select {REQUEST_COLUMNS} where r.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn request_positions(&self, request_id: i64) -> Result<Vec<RequestPosition>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, request_id, title, count, requirements from request_position \
                 where request_id = $1 order by id",
            )
            .bind(request_id).fetch_all(pool).await
        })?)
    }

    pub async fn request_position(&self, id: i64) -> Result<RequestPosition> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as("select id, request_id, title, count, requirements from request_position where id = $1")
                .bind(id).fetch_one(pool).await
        })?)
    }

    /// The nominations for a request's positions, by position then name.
    pub async fn nominations(&self, request_id: i64) -> Result<Vec<Nomination>> {
        let sql = format!(
            "select {NOMINATION_COLUMNS} join request_position q on q.id = n.position_id \
             where q.request_id = $1 order by n.position_id, p.name_sort, p.id"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(request_id).fetch_all(pool).await)?)
    }

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
    async fn insert_resolution(
        &mut self,
        mission_id: i64,
        draft: &ResolutionDraft,
        establishes: bool,
    ) -> Result<i64> {
        let (votes_for, against, abstaining) = match draft.votes {
            Some((yes, no, abstain)) => (
                Some(i64::from(yes)),
                Some(i64::from(no)),
                Some(i64::from(abstain)),
            ),
            None => (None, None, None),
        };
        Ok(on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into mandate_resolution (mission_id, number, year, adopted_on, votes_for, votes_against, \
                 votes_abstaining, mandate_ends_on, troop_ceiling, police_ceiling, establishes, note, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
            )
            .bind(mission_id).bind(i64::from(draft.number)).bind(i64::from(draft.year)).bind(draft.adopted_on)
            .bind(votes_for).bind(against).bind(abstaining).bind(draft.mandate_ends_on)
            .bind(draft.troop_ceiling.map(i64::from)).bind(draft.police_ceiling.map(i64::from))
            .bind(establishes).bind(&draft.note).bind(now())
            .fetch_one(conn).await
        })?)
    }

    /// Records a renewal (or any later resolution) of a mission's mandate.
    pub async fn add_resolution(
        &mut self,
        mission_id: i64,
        draft: &ResolutionDraft,
    ) -> Result<i64> {
        let id = self.insert_resolution(mission_id, draft, false).await?;
        let after = serde_json::json!({
            "mission_id": mission_id, "number": draft.number, "year": draft.year,
            "adopted_on": draft.adopted_on, "votes": draft.votes,
            "mandate_ends_on": draft.mandate_ends_on, "troop_ceiling": draft.troop_ceiling,
            "police_ceiling": draft.police_ceiling, "note": draft.note,
        });
        self.audit(
            AuditAction::Create,
            "mandate_resolution",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
        Ok(id)
    }

    /// A request and its positions, in one transaction.
    pub async fn create_request(&mut self, mission_id: i64, draft: &RequestDraft) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into un_request (reference, mission_id, personnel_type, received_on, nomination_deadline, \
                 tour_start, tour_months, status, note, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
            )
            .bind(&draft.reference).bind(mission_id).bind(draft.personnel_type.as_str())
            .bind(draft.received_on).bind(draft.nomination_deadline).bind(draft.tour.start)
            .bind(i64::from(draft.tour.months)).bind(RequestStatus::Received.as_str()).bind(&draft.note).bind(at)
            .fetch_one(conn).await
        })?;
        for position in &draft.positions {
            let requirements = serde_json::to_string(&position.requirements)
                .map_err(|error| StoreError::Database(sqlx::Error::Protocol(error.to_string())))?;
            on_tx!(&mut self.tx, conn => {
                sqlx::query(
                    "insert into request_position (request_id, title, count, requirements) values ($1, $2, $3, $4)",
                )
                .bind(id).bind(&position.title).bind(i64::from(position.count)).bind(&requirements)
                .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let after = serde_json::json!({
            "reference": draft.reference, "mission_id": mission_id,
            "personnel_type": draft.personnel_type.as_str(), "received_on": draft.received_on,
            "nomination_deadline": draft.nomination_deadline, "tour_start": draft.tour.start,
            "tour_months": draft.tour.months, "positions": draft.positions.len(),
        });
        self.audit(
            AuditAction::Create,
            "un_request",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
        Ok(id)
    }

    pub async fn set_request_status(
        &mut self,
        request: &UnRequest,
        status: RequestStatus,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update un_request set status = $2, updated_at = $3 where id = $1")
                .bind(request.id).bind(status.as_str()).bind(now())
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "un_request",
            Some(request.id.to_string()),
            Some(&serde_json::json!({ "status": request.status })),
            Some(&serde_json::json!({ "status": status.as_str() })),
        )
        .await
    }

    pub async fn nominate(&mut self, position_id: i64, person_id: i64) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into nomination (position_id, person_id, status, created_at) values ($1, $2, $3, $4) returning id",
            )
            .bind(position_id).bind(person_id).bind(NominationStatus::Nominated.as_str()).bind(now())
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({ "position_id": position_id, "person_id": person_id });
        self.audit(
            AuditAction::Create,
            "nomination",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
        Ok(id)
    }

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
        self.audit(
            AuditAction::Create,
            "formed_unit",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
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
        self.audit(
            AuditAction::Create,
            "unit_position",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
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
        self.audit(
            AuditAction::Create,
            "readiness_change",
            Some(id.to_string()),
            None::<&()>,
            Some(&after),
        )
        .await?;
        Ok(id)
    }
}
