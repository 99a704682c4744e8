//! Missions and the Security Council resolutions that create and renew their mandates
//! (seeded from the public record). Requests are in [`crate::request`], formed units in
//! [`crate::unit`].

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::mission::{MissionDraft, ResolutionDraft, MISSIONS, RESOLUTIONS};
use serde::Serialize;
use time::Date;

use crate::{now, on_pool, on_tx, Actor, Result, Store, WriteTx};

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
    /// The resolution's entry in the legal registry.
    pub document_id: Option<i64>,
}

pub(crate) const MISSION_COLUMNS: &str = "m.id, m.code, m.name_en, m.name_vi, m.host, m.latitude, m.longitude, \
     m.started_on, m.closed_on, \
     (select cast(r.number as text) || ' (' || cast(r.year as text) || ')' from mandate_resolution r \
      where r.mission_id = m.id order by r.adopted_on desc, r.id desc limit 1) as latest_resolution, \
     (select r.mandate_ends_on from mandate_resolution r \
      where r.mission_id = m.id order by r.adopted_on desc, r.id desc limit 1) as mandate_ends_on, \
     (select count(*) from deployment d where d.mission_id = m.id \
      and d.status in ('deployed', 'extended')) as deployed \
     from mission m";

pub(crate) const RESOLUTION_COLUMNS: &str =
    "id, mission_id, number, year, adopted_on, votes_for, votes_against, \
     votes_abstaining, mandate_ends_on, troop_ceiling, police_ceiling, establishes, note, document_id \
     from mandate_resolution";

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
}

fn mission_values(draft: &MissionDraft) -> serde_json::Value {
    serde_json::json!({
        "code": draft.code, "name_en": draft.name_en, "name_vi": draft.name_vi,
        "host": draft.host, "latitude": draft.latitude, "longitude": draft.longitude,
        "started_on": draft.started_on, "closed_on": draft.closed_on,
    })
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

    /// Records a mission the seed does not hold.
    pub async fn create_mission(&mut self, draft: &MissionDraft) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into mission (code, name_en, name_vi, host, latitude, longitude, started_on, closed_on, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
            )
            .bind(&draft.code).bind(&draft.name_en).bind(&draft.name_vi).bind(&draft.host)
            .bind(draft.latitude).bind(draft.longitude).bind(draft.started_on).bind(draft.closed_on).bind(now())
            .fetch_one(conn).await
        })?;
        self.audit_insert("mission", id, &mission_values(draft))
            .await?;
        Ok(id)
    }

    /// Corrects a mission, or closes it with `closed_on`; its code stays.
    pub async fn update_mission(&mut self, before: &Mission, draft: &MissionDraft) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update mission set name_en = $2, name_vi = $3, host = $4, latitude = $5, longitude = $6, \
                 started_on = $7, closed_on = $8 where id = $1",
            )
            .bind(before.id).bind(&draft.name_en).bind(&draft.name_vi).bind(&draft.host)
            .bind(draft.latitude).bind(draft.longitude).bind(draft.started_on).bind(draft.closed_on)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let was = serde_json::json!({
            "code": before.code, "name_en": before.name_en, "name_vi": before.name_vi,
            "host": before.host, "latitude": before.latitude, "longitude": before.longitude,
            "started_on": before.started_on, "closed_on": before.closed_on,
        });
        self.audit(
            AuditAction::Update,
            "mission",
            Some(before.id.to_string()),
            Some(&was),
            Some(&mission_values(draft)),
        )
        .await
    }

    /// Records a renewal (or any later resolution) of a mission's mandate.
    pub async fn add_resolution(
        &mut self,
        mission_id: i64,
        draft: &ResolutionDraft,
    ) -> Result<i64> {
        let id = self.insert_resolution(mission_id, draft, false).await?;
        self.register_mandate_resolution(id).await?;
        let after = serde_json::json!({
            "mission_id": mission_id, "number": draft.number, "year": draft.year,
            "adopted_on": draft.adopted_on, "votes": draft.votes,
            "mandate_ends_on": draft.mandate_ends_on, "troop_ceiling": draft.troop_ceiling,
            "police_ceiling": draft.police_ceiling, "note": draft.note,
        });
        self.audit_insert("mandate_resolution", id, &after).await?;
        Ok(id)
    }
}
