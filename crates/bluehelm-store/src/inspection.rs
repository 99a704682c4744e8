//! Inspections in storage: a visit with the units it saw, its checklist, its findings and
//! its recommendations. A recommendation is a task of the visit's own directive (one per
//! visit, written with its first recommendation), so its follow-up is read from the task.
//! Health findings are left out of every read unless the caller may read health data.

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::inspection::{
    CheckArea, CheckResult, FindingDraft, InspectionDraft, RecommendationDraft,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use serde::Serialize;
use time::Date;

use crate::conditions::page_sql;
use crate::coordination::NewDirective;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

/// A visit with its team and mission, and how its findings and recommendations stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inspection {
    pub id: i64,
    pub title: String,
    pub team_id: i64,
    pub team_vi: String,
    pub team_en: String,
    pub mission_id: i64,
    pub mission_code: String,
    pub from_on: Date,
    pub to_on: Date,
    pub note: Option<String>,
    pub findings: i64,
    /// Officers seen in person.
    pub people_visited: i64,
    pub recommendations: i64,
    /// Recommendations whose task is not closed.
    pub open_recommendations: i64,
}

/// A unit the visit saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitedUnit {
    pub unit_id: i64,
    pub name: String,
}

/// An officer the visit saw in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitedPerson {
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
}

impl VisitedPerson {
    pub fn full_name(&self) -> String {
        bluehelm_domain::person::full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

/// An area of the visit's checklist and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    pub area: String,
    /// `pending`, `satisfactory`, `needs_improvement` or `unsatisfactory`.
    pub result: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub id: i64,
    pub area: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub severity: String,
    pub description: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

/// A file that shows a finding, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub id: i64,
    pub finding_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

const PERSON_COLUMNS: &str = "p.id as person_id, p.family_name, p.middle_name, p.given_name";

const EVIDENCE_COLUMNS: &str = "e.id, e.finding_id, e.file_name, e.content_type, e.size, e.sha256";

/// A recommendation with its task: its follow-up is closed when the task is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    pub id: i64,
    pub finding_id: Option<i64>,
    pub task_id: i64,
    pub title: String,
    pub presiding_code: String,
    pub due_on: Date,
    pub status: String,
    pub closed_on: Option<Date>,
}

impl Recommendation {
    pub fn followed_up(&self) -> bool {
        self.status == "closed"
    }
}

/// A visit with everything recorded on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionRecord {
    pub inspection: Inspection,
    pub units: Vec<VisitedUnit>,
    /// The officers seen in person, for a reader of every person's record (the count
    /// alone, `inspection.people_visited`, for others).
    pub people: Vec<VisitedPerson>,
    pub checks: Vec<Check>,
    pub findings: Vec<Finding>,
    /// The files that show the findings listed.
    pub evidence: Vec<Evidence>,
    pub recommendations: Vec<Recommendation>,
}

impl InspectionRecord {
    /// The areas the visit takes on.
    pub fn scope(&self) -> Vec<CheckArea> {
        self.checks
            .iter()
            .filter_map(|check| CheckArea::parse(&check.area))
            .collect()
    }
}

const INSPECTION_COLUMNS: &str = "i.id, i.title, i.body_id as team_id, b.name_vi as team_vi, b.name_en as team_en, \
     i.mission_id, m.code as mission_code, i.from_on, i.to_on, i.note, \
     (select count(*) from inspection_finding f where f.inspection_id = i.id) as findings, \
     (select count(*) from inspection_person v where v.inspection_id = i.id) as people_visited, \
     (select count(*) from inspection_recommendation r where r.inspection_id = i.id) as recommendations, \
     (select count(*) from inspection_recommendation r join task t on t.id = r.task_id \
      where r.inspection_id = i.id and t.status <> 'closed') as open_recommendations \
     from inspection i join coordination_body b on b.id = i.body_id join mission m on m.id = i.mission_id";

/// The orders of the inspections' list: by first day (the latest first is `-from`, the
/// default), by mission.
pub const INSPECTION_SORT: &[(&str, &str)] = &[("from", "i.from_on"), ("mission", "m.code")];

impl Store {
    pub async fn inspections(&self, sort: Sort, page: PageRequest) -> Result<Page<Inspection>> {
        let sql = format!(
            "select {INSPECTION_COLUMNS} order by {}, i.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            async {
                let total: i64 = sqlx::query_scalar("select count(*) from inspection")
                    .fetch_one(&mut *pool).await?;
                let items: Vec<Inspection> = sqlx::query_as(&sql)
                    .fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((total, items))
            }
            .await
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// One visit with its units, checklist, findings (those about health only when
    /// `with_health`) and recommendations, on one connection.
    pub async fn inspection(&self, id: i64, with_health: bool) -> Result<InspectionRecord> {
        let sql = format!("select {INSPECTION_COLUMNS} where i.id = $1");
        let health = if with_health {
            ""
        } else {
            "and f.area <> 'health'"
        };
        let findings_sql = format!(
            "select f.id, f.area, f.severity, f.description, f.unit_id, u.name as unit_name \
             from inspection_finding f left join formed_unit u on u.id = f.unit_id \
             where f.inspection_id = $1 {health} order by f.id"
        );
        let evidence_sql = format!(
            "select {EVIDENCE_COLUMNS} from finding_evidence e join inspection_finding f on f.id = e.finding_id \
             where f.inspection_id = $1 {health} order by e.id"
        );
        Ok(on_pool!(&self.db, pool => {
            async {
                let inspection: Inspection = sqlx::query_as(&sql).bind(id).fetch_one(&mut *pool).await?;
                let units = sqlx::query_as(
                    "select u.id as unit_id, u.name from inspection_unit x join formed_unit u on u.id = x.unit_id \
                     where x.inspection_id = $1 order by u.name",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let people = sqlx::query_as(&format!(
                    "select {PERSON_COLUMNS} from inspection_person v join person p on p.id = v.person_id \
                     where v.inspection_id = $1 order by p.name_sort, p.id"
                ))
                .bind(id).fetch_all(&mut *pool).await?;
                let mut checks: Vec<Check> = sqlx::query_as(
                    "select area, result, note from inspection_check where inspection_id = $1",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                checks.sort_by_key(|check| {
                    CheckArea::ALL.iter().position(|area| area.as_str() == check.area)
                });
                let findings = sqlx::query_as(&findings_sql).bind(id).fetch_all(&mut *pool).await?;
                let evidence = sqlx::query_as(&evidence_sql).bind(id).fetch_all(&mut *pool).await?;
                let recommendations = sqlx::query_as(
                    "select r.id, r.finding_id, r.task_id, t.title, g.code as presiding_code, t.due_on, \
                     t.status, t.closed_on from inspection_recommendation r join task t on t.id = r.task_id \
                     join agency g on g.id = t.presiding_agency_id where r.inspection_id = $1 order by r.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>(InspectionRecord {
                    inspection, units, people, checks, findings, evidence, recommendations,
                })
            }
            .await
        })?)
    }

    /// A file of a finding of visit `inspection`, with its bytes; one about health only
    /// `with_health`.
    pub async fn evidence_file(
        &self,
        inspection: i64,
        id: i64,
        with_health: bool,
    ) -> Result<(Evidence, Vec<u8>)> {
        let health = if with_health {
            ""
        } else {
            "and f.area <> 'health'"
        };
        let sql = format!(
            "select {EVIDENCE_COLUMNS} from finding_evidence e join inspection_finding f on f.id = e.finding_id \
             where e.id = $1 and f.inspection_id = $2 {health}"
        );
        Ok(on_pool!(&self.db, pool => {
            async {
                let evidence: Evidence = sqlx::query_as(&sql).bind(id).bind(inspection)
                    .fetch_one(&mut *pool).await?;
                let content: Vec<u8> = sqlx::query_scalar("select content from finding_evidence where id = $1")
                    .bind(id).fetch_one(&mut *pool).await?;
                Ok::<_, sqlx::Error>((evidence, content))
            }
            .await
        })?)
    }

    /// The officers whose tour at `mission` (from departure, or its plan, to return, or its
    /// plan) overlaps the days `from` to `to`: who a visit may have seen.
    pub async fn people_on_tour(
        &self,
        mission: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<VisitedPerson>> {
        let sql = format!(
            "select distinct {PERSON_COLUMNS}, p.name_sort from deployment d join person p on p.id = d.person_id \
             where d.mission_id = $1 and d.status <> 'withdrawn' \
             and coalesce(d.departed_on, d.planned_departure) <= $3 \
             and coalesce(d.returned_on, d.planned_end) >= $2 order by p.name_sort, p.id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(mission).bind(from).bind(to).fetch_all(pool).await
        })?)
    }

    /// Every formed unit as (id, name, the mission it serves at), for a visit's form.
    pub async fn unit_missions(&self) -> Result<Vec<(i64, String, Option<i64>)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as("select id, name, mission_id from formed_unit order by name")
                .fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    /// Records a visit with its units and its checklist, every area pending.
    pub async fn create_inspection(&mut self, draft: &InspectionDraft) -> Result<i64> {
        let at = now();
        let created_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into inspection (body_id, mission_id, title, from_on, to_on, note, created_by, \
                 created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
            )
            .bind(draft.team_id).bind(draft.mission_id).bind(&draft.title).bind(draft.from_on)
            .bind(draft.to_on).bind(&draft.note).bind(created_by).bind(at)
            .fetch_one(conn).await
        })?;
        for unit in &draft.units {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into inspection_unit (inspection_id, unit_id) values ($1, $2)")
                    .bind(id).bind(unit).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        for area in &draft.areas {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into inspection_check (inspection_id, area, result) values ($1, $2, $3)")
                    .bind(id).bind(area.as_str()).bind(CheckResult::Pending.as_str())
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let areas: Vec<_> = draft.areas.iter().map(|area| area.as_str()).collect();
        let values = serde_json::json!({
            "title": draft.title, "team_id": draft.team_id, "mission_id": draft.mission_id,
            "from_on": draft.from_on, "to_on": draft.to_on, "units": draft.units, "areas": areas,
            "note": draft.note,
        });
        self.audit_insert("inspection", id, &values).await?;
        Ok(id)
    }

    /// Records that the visit saw an officer in person.
    pub async fn add_visited_person(&mut self, inspection: i64, person: i64) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into inspection_person (inspection_id, person_id) values ($1, $2) returning id",
            )
            .bind(inspection).bind(person).fetch_one(conn).await
        })?;
        let values = serde_json::json!({ "inspection_id": inspection, "person_id": person });
        self.audit_insert("inspection_person", id, &values).await?;
        Ok(id)
    }

    /// Records how an area of the checklist was found.
    pub async fn record_check(
        &mut self,
        inspection: i64,
        area: CheckArea,
        result: CheckResult,
        note: Option<&str>,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update inspection_check set result = $3, note = $4 where inspection_id = $1 and area = $2")
                .bind(inspection).bind(area.as_str()).bind(result.as_str()).bind(note)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        // How health was found is health data, audited as such.
        let entity = if area.is_health() {
            "health_finding"
        } else {
            "inspection_check"
        };
        self.audit(
            AuditAction::Update,
            entity,
            Some(inspection.to_string()),
            None::<&serde_json::Value>,
            Some(&serde_json::json!({ "area": area.as_str(), "result": result.as_str(), "note": note })),
        )
        .await
    }

    pub async fn add_finding(&mut self, inspection: i64, draft: &FindingDraft) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into inspection_finding (inspection_id, area, severity, description, unit_id, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(inspection).bind(draft.area.as_str()).bind(draft.severity.as_str())
            .bind(&draft.description).bind(draft.unit_id).bind(now())
            .fetch_one(conn).await
        })?;
        let entity = if draft.area.is_health() {
            "health_finding"
        } else {
            "inspection_finding"
        };
        let values = serde_json::json!({
            "inspection_id": inspection, "area": draft.area.as_str(), "severity": draft.severity.as_str(),
            "description": draft.description, "unit_id": draft.unit_id,
        });
        self.audit_insert(entity, id, &values).await?;
        Ok(id)
    }

    /// Keeps a file that shows `finding` (about health when `health`), with its SHA-256.
    pub async fn add_evidence(
        &mut self,
        finding: i64,
        health: bool,
        file_name: &str,
        content_type: &str,
        content: &[u8],
        sha256: &str,
    ) -> Result<i64> {
        let uploaded_by = self.actor.user_id;
        let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into finding_evidence (finding_id, file_name, content_type, size, sha256, content, \
                 uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
            )
            .bind(finding).bind(file_name).bind(content_type).bind(size).bind(sha256).bind(content)
            .bind(uploaded_by).bind(now())
            .fetch_one(conn).await
        })?;
        let entity = if health {
            "health_evidence"
        } else {
            "finding_evidence"
        };
        let values = serde_json::json!({
            "finding_id": finding, "file_name": file_name, "size": size, "sha256": sha256,
        });
        self.audit_insert(entity, id, &values).await?;
        Ok(id)
    }

    /// Records a recommendation as a task of the visit's directive, which the first
    /// recommendation writes (given by the team on the visit's last day).
    pub async fn add_recommendation(
        &mut self,
        inspection: &Inspection,
        draft: &RecommendationDraft,
    ) -> Result<(i64, i64)> {
        let existing: Option<i64> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select id from directive where inspection_id = $1 order by id limit 1")
                .bind(inspection.id).fetch_optional(conn).await
        })?;
        let directive = match existing {
            Some(id) => id,
            None => {
                self.insert_directive(&NewDirective {
                    title: &inspection.title,
                    issued_on: inspection.to_on,
                    issued_by: &inspection.team_vi,
                    document_id: None,
                    conference_id: None,
                    inspection_id: Some(inspection.id),
                })
                .await?
            }
        };
        let task = self.create_task(directive, &draft.task).await?;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into inspection_recommendation (inspection_id, finding_id, task_id, created_at) \
                 values ($1, $2, $3, $4) returning id",
            )
            .bind(inspection.id).bind(draft.finding_id).bind(task).bind(now())
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "inspection_id": inspection.id, "finding_id": draft.finding_id, "task_id": task,
        });
        self.audit_insert("inspection_recommendation", id, &values)
            .await?;
        Ok((id, task))
    }
}
