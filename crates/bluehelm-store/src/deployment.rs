//! Deployments in storage. The database guarantees one active deployment per person (a
//! partial unique index) behind the service's own check; a move writes the deployment, the
//! person's status (deployed, back to available with the return day) and the audit entry
//! together.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::deployment::{
    Dates, DeploymentDraft, DeploymentStatus, FollowUpDraft, IncidentDraft, Move,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::person::PersonStatus;
use serde::Serialize;
use time::Date;

use crate::agency::within_subtree;
use crate::conditions::page_sql;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deployment {
    pub id: i64,
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub gender: String,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    pub mission_id: i64,
    pub mission_code: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub position_id: Option<i64>,
    pub dossier_id: i64,
    pub appointment: String,
    pub personnel_type: String,
    pub planned_departure: Date,
    pub planned_end: Date,
    pub departed_on: Option<Date>,
    pub arrived_on: Option<Date>,
    pub returned_on: Option<Date>,
    pub un_index: Option<String>,
    pub status: String,
    /// Why a coordinator approved someone the rules found ineligible.
    pub override_reason: Option<String>,
}

impl Deployment {
    pub fn owner(&self) -> AgencyPath {
        AgencyPath::from_stored(self.agency_path.clone())
    }

    pub fn status(&self) -> DeploymentStatus {
        DeploymentStatus::parse(&self.status).unwrap_or(DeploymentStatus::Planned)
    }

    pub fn dates(&self) -> Dates {
        Dates {
            planned_departure: Some(self.planned_departure),
            planned_end: Some(self.planned_end),
            departed_on: self.departed_on,
            arrived_on: self.arrived_on,
            returned_on: self.returned_on,
        }
    }

    pub fn full_name(&self) -> String {
        bluehelm_domain::person::full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

/// An incident of a tour. For injuries, illnesses and deaths the summary and follow-up
/// are health data: the service blanks them for everyone but the medical role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Incident {
    pub id: i64,
    pub deployment_id: i64,
    /// injury, illness, death or discipline.
    pub kind: String,
    pub occurred_on: Date,
    pub summary: Option<String>,
    /// What was noted when the incident was recorded.
    pub follow_up: Option<String>,
    /// Set by the follow-up that settled it.
    pub closed_on: Option<Date>,
    /// The follow-up since, oldest first.
    #[sqlx(skip)]
    pub follow_ups: Vec<FollowUp>,
}

/// A dated step of an incident's follow-up. Its note is health data when the incident is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub id: i64,
    pub incident_id: i64,
    pub dated: Date,
    pub note: Option<String>,
    /// This step closed the incident.
    pub closes: bool,
}

/// Which deployments a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeploymentFilter {
    All,
    Mission(i64),
    Unit(i64),
    Dossier(i64),
}

/// People on the ground now, counted by mission, personnel type and gender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeployedCount {
    pub mission_code: String,
    pub personnel_type: String,
    pub gender: String,
    pub people: i64,
}

/// What a new deployment links: the person, where, and the decision behind it.
pub struct NewDeployment {
    pub person_id: i64,
    pub mission_id: i64,
    pub unit_id: Option<i64>,
    pub position_id: Option<i64>,
    pub dossier_id: i64,
    pub personnel_type: String,
    /// The person's gender, as counted for this deployment.
    pub gender: String,
}

const COLUMNS: &str = "d.id, d.person_id, p.family_name, p.middle_name, p.given_name, p.gender, \
     g.code as agency_code, g.path as agency_path, d.mission_id, m.code as mission_code, d.unit_id, \
     u.name as unit_name, d.position_id, d.dossier_id, d.appointment, d.personnel_type, \
     d.planned_departure, d.planned_end, d.departed_on, d.arrived_on, d.returned_on, d.un_index, \
     d.status, d.override_reason \
     from deployment d join person p on p.id = d.person_id join agency g on g.id = p.agency_id \
     join mission m on m.id = d.mission_id left join formed_unit u on u.id = d.unit_id";

/// The keys the deployment list sorts by; the first, the default, puts the active ones
/// first (the index `deployment_list_order` is in that order, so its first expression
/// must stay as written here). Ties go to the latest departure.
pub const DEPLOYMENT_SORT: &[(&str, &str)] = &[
    (
        "active",
        "case when d.status in ('returned', 'withdrawn') then 1 else 0 end",
    ),
    ("name", "p.name_sort"),
    ("mission", "m.code"),
    ("departure", "d.planned_departure"),
    ("status", "d.status"),
];

impl Store {
    /// One page of the deployments of people within `within` (everybody when `None`) that
    /// `filter` keeps, in `sort`'s order, with their count.
    pub async fn deployments(
        &self,
        within: Option<&AgencyPath>,
        filter: DeploymentFilter,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<Deployment>> {
        // The mission, unit or dossier is a literal too: one holds a few deployments and
        // another most of them, so a plan for any of them would be planned again at every
        // view (see `crate::conditions`). Without one there is no condition at all.
        let kept = match filter {
            DeploymentFilter::All => "1 = 1".to_owned(),
            DeploymentFilter::Mission(id) => format!("d.mission_id = {id}"),
            DeploymentFilter::Unit(id) => format!("d.unit_id = {id}"),
            DeploymentFilter::Dossier(id) => format!("d.dossier_id = {id}"),
        };
        // Everybody is no path range at all, and an agency's subtree is written as literals:
        // its size decides whether the deployments are reached through their people.
        let condition = match within {
            Some(path) => format!("{} and {kept}", within_subtree("g.path", path)),
            None => kept,
        };
        // Everybody's are counted on the deployments alone: every one has its person and
        // agency, and the joins would read a row of each per deployment.
        let count_sql = match within {
            Some(_) => format!(
                "select count(*) from deployment d join person p on p.id = d.person_id \
                 join agency g on g.id = p.agency_id where {condition}"
            ),
            None => format!("select count(*) from deployment d where {condition}"),
        };
        let sql = format!(
            "select {COLUMNS} where {condition} \
             order by {}, d.planned_departure desc, d.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = sqlx::query_scalar(&count_sql).fetch_one(&mut *pool).await?;
            let items: Vec<Deployment> = sqlx::query_as(&sql).fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    pub async fn deployment(&self, id: i64) -> Result<Deployment> {
        let sql = format!("select {COLUMNS} where d.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn person_deployments(&self, person_id: i64) -> Result<Vec<Deployment>> {
        let sql = format!(
            "select {COLUMNS} where d.person_id = $1 order by d.planned_departure desc, d.id desc"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(person_id).fetch_all(pool).await)?)
    }

    /// A deployment's incidents with their follow-up: two queries, whatever their number.
    pub async fn incidents(&self, deployment_id: i64) -> Result<Vec<Incident>> {
        let mut incidents: Vec<Incident> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, deployment_id, kind, occurred_on, summary, follow_up, closed_on from incident \
                 where deployment_id = $1 order by occurred_on, id",
            )
            .bind(deployment_id).fetch_all(pool).await
        })?;
        let steps: Vec<FollowUp> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select f.id, f.incident_id, f.dated, f.note, f.closes from incident_follow_up f \
                 join incident i on i.id = f.incident_id where i.deployment_id = $1 order by f.dated, f.id",
            )
            .bind(deployment_id).fetch_all(pool).await
        })?;
        for step in steps {
            if let Some(incident) = incidents.iter_mut().find(|i| i.id == step.incident_id) {
                incident.follow_ups.push(step);
            }
        }
        Ok(incidents)
    }

    /// Deployed now, by mission, personnel type and gender: one grouped index walk.
    pub async fn deployed_now(&self) -> Result<Vec<DeployedCount>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select m.code as mission_code, g.personnel_type, g.gender, g.people from \
                 (select mission_id, personnel_type, gender, count(*) as people from deployment \
                  where status in ('deployed', 'extended') group by mission_id, personnel_type, gender) g \
                 join mission m on m.id = g.mission_id order by m.code, g.personnel_type, g.gender",
            )
            .fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    /// Records an incident. The audit entry of a health incident names the record only, as
    /// for medical records.
    pub async fn add_incident(&mut self, deployment_id: i64, draft: &IncidentDraft) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into incident (deployment_id, kind, occurred_on, summary, follow_up, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $6) returning id",
            )
            .bind(deployment_id).bind(draft.kind.as_str()).bind(draft.occurred_on)
            .bind(&draft.summary).bind(&draft.follow_up).bind(at)
            .fetch_one(conn).await
        })?;
        let after = if draft.kind.is_health() {
            serde_json::json!({ "deployment_id": deployment_id, "kind": draft.kind.as_str() })
        } else {
            serde_json::json!({
                "deployment_id": deployment_id, "kind": draft.kind.as_str(),
                "occurred_on": draft.occurred_on, "summary": draft.summary, "follow_up": draft.follow_up,
            })
        };
        self.audit_insert("incident", id, &after).await?;
        Ok(id)
    }

    /// Records a step of an incident's follow-up; a closing step closes the incident on its
    /// date. A health incident's note stays out of the audit trail, as its summary does.
    pub async fn add_follow_up(
        &mut self,
        incident: &Incident,
        draft: &FollowUpDraft,
        health: bool,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into incident_follow_up (incident_id, dated, note, closes, created_at) \
                 values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(incident.id).bind(draft.dated).bind(&draft.note).bind(draft.closes).bind(at)
            .fetch_one(conn).await
        })?;
        let after = if health {
            serde_json::json!({ "incident_id": incident.id, "dated": draft.dated, "closes": draft.closes })
        } else {
            serde_json::json!({
                "incident_id": incident.id, "dated": draft.dated, "note": draft.note, "closes": draft.closes,
            })
        };
        self.audit_insert("incident_follow_up", id, &after).await?;
        if draft.closes {
            // Conditional on the incident being open, so that two closings cannot both land.
            let closed = on_tx!(&mut self.tx, conn => {
                sqlx::query("update incident set closed_on = $2, updated_at = $3 where id = $1 and closed_on is null")
                    .bind(incident.id).bind(draft.dated).bind(at)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
            if closed == 0 {
                return Err(crate::StoreError::NotFound);
            }
            self.audit(
                AuditAction::Update,
                "incident",
                Some(incident.id.to_string()),
                Some(&serde_json::json!({ "closed_on": null })),
                Some(&serde_json::json!({ "closed_on": draft.dated })),
            )
            .await?;
        }
        Ok(id)
    }

    /// The person's active deployment, if any, as this transaction sees it.
    pub async fn active_deployment_of(&mut self, person_id: i64) -> Result<Option<i64>> {
        Ok(on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "select id from deployment where person_id = $1 and status not in ('returned', 'withdrawn')",
            )
            .bind(person_id).fetch_optional(conn).await
        })?)
    }

    pub async fn create_deployment(
        &mut self,
        new: &NewDeployment,
        draft: &DeploymentDraft,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into deployment (person_id, mission_id, unit_id, position_id, dossier_id, appointment, \
                 personnel_type, planned_departure, planned_end, un_index, status, created_at, updated_at, gender) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) returning id",
            )
            .bind(new.person_id).bind(new.mission_id).bind(new.unit_id).bind(new.position_id)
            .bind(new.dossier_id).bind(&draft.appointment).bind(&new.personnel_type)
            .bind(draft.planned_departure).bind(draft.planned_end).bind(&draft.un_index)
            .bind(DeploymentStatus::Planned.as_str()).bind(at).bind(&new.gender)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "person_id": new.person_id, "mission_id": new.mission_id, "unit_id": new.unit_id,
            "position_id": new.position_id, "dossier_id": new.dossier_id,
            "appointment": draft.appointment, "personnel_type": new.personnel_type,
            "planned_departure": draft.planned_departure, "planned_end": draft.planned_end,
            "un_index": draft.un_index, "status": DeploymentStatus::Planned.as_str(),
        });
        self.audit_insert("deployment", id, &after).await?;
        Ok(id)
    }

    /// Records a deployment of the past (or under way) as it stands: its final status and
    /// dates at once, as when earlier tours are entered from the archives. The person's
    /// status and last return follow it.
    pub async fn record_past_deployment(
        &mut self,
        new: &NewDeployment,
        draft: &DeploymentDraft,
        status: DeploymentStatus,
        dates: &Dates,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into deployment (person_id, mission_id, unit_id, position_id, dossier_id, appointment, \
                 personnel_type, planned_departure, planned_end, departed_on, arrived_on, returned_on, un_index, \
                 status, created_at, updated_at, gender) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) returning id",
            )
            .bind(new.person_id).bind(new.mission_id).bind(new.unit_id).bind(new.position_id)
            .bind(new.dossier_id).bind(&draft.appointment).bind(&new.personnel_type)
            .bind(draft.planned_departure).bind(draft.planned_end).bind(dates.departed_on)
            .bind(dates.arrived_on).bind(dates.returned_on).bind(&draft.un_index)
            .bind(status.as_str()).bind(at).bind(&new.gender)
            .fetch_one(conn).await
        })?;
        let person_status = if status.is_in_mission() {
            PersonStatus::Deployed
        } else {
            PersonStatus::Available
        };
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update person set status = $2, last_return_on = coalesce($3, last_return_on), updated_at = $4 \
                 where id = $1",
            )
            .bind(new.person_id).bind(person_status.as_str()).bind(dates.returned_on).bind(at)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let after = serde_json::json!({
            "person_id": new.person_id, "mission_id": new.mission_id, "unit_id": new.unit_id,
            "dossier_id": new.dossier_id, "appointment": draft.appointment,
            "personnel_type": new.personnel_type, "planned_departure": draft.planned_departure,
            "planned_end": draft.planned_end, "departed_on": dates.departed_on,
            "arrived_on": dates.arrived_on, "returned_on": dates.returned_on, "status": status.as_str(),
        });
        self.audit_insert("deployment", id, &after).await?;
        Ok(id)
    }

    /// Moves a deployment; the status update is conditional on the status read, so a move
    /// made a moment ago by someone else is not applied twice (`NotFound` then).
    pub async fn move_deployment(&mut self, deployment: &Deployment, change: &Move) -> Result<()> {
        let at = now();
        let override_reason = match change.to {
            DeploymentStatus::Approved | DeploymentStatus::Withdrawn => change.reason.clone(),
            _ => deployment.override_reason.clone(),
        };
        let updated = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update deployment set status = $2, planned_end = $3, departed_on = $4, arrived_on = $5, \
                 returned_on = $6, override_reason = $7, updated_at = $8 where id = $1 and status = $9",
            )
            .bind(deployment.id).bind(change.to.as_str()).bind(change.dates.planned_end)
            .bind(change.dates.departed_on).bind(change.dates.arrived_on).bind(change.dates.returned_on)
            .bind(&override_reason).bind(at).bind(&deployment.status)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if updated == 0 {
            return Err(crate::StoreError::NotFound);
        }
        let person_status = match change.to {
            DeploymentStatus::Deployed => Some(PersonStatus::Deployed),
            DeploymentStatus::Returned | DeploymentStatus::Withdrawn => {
                Some(PersonStatus::Available)
            }
            _ => None,
        };
        if let Some(status) = person_status {
            let returned = change.dates.returned_on;
            on_tx!(&mut self.tx, conn => {
                sqlx::query(
                    "update person set status = $2, last_return_on = coalesce($3, last_return_on), updated_at = $4 \
                     where id = $1",
                )
                .bind(deployment.person_id).bind(status.as_str()).bind(returned).bind(at)
                .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let before = serde_json::json!({ "status": deployment.status });
        let after = serde_json::json!({
            "status": change.to.as_str(), "planned_end": change.dates.planned_end,
            "departed_on": change.dates.departed_on, "arrived_on": change.dates.arrived_on,
            "returned_on": change.dates.returned_on, "reason": change.reason,
        });
        self.audit(
            AuditAction::Update,
            "deployment",
            Some(deployment.id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await
    }
}
