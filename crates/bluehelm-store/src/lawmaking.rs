//! Law-making projects in storage: the project, the agencies involved (on which reading
//! rights are decided), its stages copied from its kind's path, its draft versions and the
//! opinions received. Lists are cut to the caller's scope inside the query.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::lawmaking::{
    default_due, Completion, DraftVersion, Opinion, ProjectDraft, ProjectStatus, StageSeed,
    StageStatus,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::Scope;
use serde::Serialize;
use time::Date;

use crate::agency::within_subtree;
use crate::conditions::page_sql;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

/// A project with its agencies' codes, its registry documents' numbers and its current
/// stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LawProject {
    pub id: i64,
    /// `law`, `decree` or `circular`.
    pub kind: String,
    pub title_vi: String,
    pub title_en: String,
    pub presiding_agency_id: i64,
    pub presiding_code: String,
    pub guiding_agency_id: Option<i64>,
    pub guiding_code: Option<String>,
    pub opened_on: Date,
    /// `open` or `adopted`.
    pub status: String,
    /// The registry's entry of the text: a draft until adopted.
    pub document_id: Option<i64>,
    pub document_number: Option<String>,
    pub implements_id: Option<i64>,
    pub implements_number: Option<String>,
    pub replaces_id: Option<i64>,
    pub replaces_number: Option<String>,
    pub note: Option<String>,
    /// The stage under way, absent once adopted.
    pub current_stage: Option<String>,
    pub current_due_on: Option<Date>,
}

impl LawProject {
    pub fn status(&self) -> Option<ProjectStatus> {
        ProjectStatus::parse(&self.status)
    }
}

/// An agency involved in a project and how: `presiding`, `guiding` or `consulted`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LawAgency {
    pub agency_id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[serde(skip)]
    pub path: String,
    pub part: String,
}

impl LawAgency {
    pub fn path(&self) -> AgencyPath {
        AgencyPath::from_stored(self.path.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LawStage {
    pub id: i64,
    pub seq: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// The days the stage is given by default.
    pub days: i64,
    /// `waiting`, `current` or `done`.
    pub status: String,
    pub started_on: Option<Date>,
    pub due_on: Option<Date>,
    pub done_on: Option<Date>,
    pub note: Option<String>,
}

impl LawStage {
    pub fn status(&self) -> StageStatus {
        StageStatus::parse(&self.status).unwrap_or(StageStatus::Waiting)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LawDraft {
    pub id: i64,
    pub version: i64,
    /// The stage the project was at when the version was recorded.
    pub stage_code: String,
    pub dated: Date,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LawOpinion {
    pub id: i64,
    pub agency_id: i64,
    pub agency_code: String,
    pub agency_name_vi: String,
    pub agency_name_en: String,
    /// The draft version it is about.
    pub version: Option<i64>,
    pub received_on: Date,
    pub content: String,
    /// `pending`, `accepted`, `partly` or `declined`.
    pub disposition: String,
    pub response: Option<String>,
}

/// Everything a project's page shows beside the project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LawParts {
    pub agencies: Vec<LawAgency>,
    pub stages: Vec<LawStage>,
    pub drafts: Vec<LawDraft>,
    pub opinions: Vec<LawOpinion>,
}

const PROJECT_COLUMNS: &str = "p.id, p.kind, p.title_vi, p.title_en, p.presiding_agency_id, \
     pa.code as presiding_code, p.guiding_agency_id, ga.code as guiding_code, p.opened_on, p.status, \
     p.document_id, d.number as document_number, p.implements_id, i.number as implements_number, \
     p.replaces_id, r.number as replaces_number, p.note, s.code as current_stage, s.due_on as current_due_on \
     from law_project p join agency pa on pa.id = p.presiding_agency_id \
     left join agency ga on ga.id = p.guiding_agency_id \
     left join legal_document d on d.id = p.document_id \
     left join legal_document i on i.id = p.implements_id \
     left join legal_document r on r.id = p.replaces_id \
     left join law_stage s on s.project_id = p.id and s.status = 'current'";

/// Whether an agency within `scope` takes part in the project, the subtree written as a
/// literal (see [`crate::conditions`]).
fn involved(scope: &Scope) -> String {
    let within = match scope {
        Scope::Subtree(path) => within_subtree("g.path", path),
        _ => "1 = 1".to_owned(),
    };
    format!(
        "exists (select 1 from law_project_agency x join agency g on g.id = x.agency_id \
         where x.project_id = p.id and {within})"
    )
}

/// The orders of the projects' list: open ones first (the default), by title, by the day
/// they opened, by their current stage's deadline.
pub const LAW_PROJECT_SORT: &[(&str, &str)] = &[
    ("open", "case when p.status = 'open' then 0 else 1 end"),
    ("title", "p.title_vi"),
    ("opened", "p.opened_on"),
    ("due", "s.due_on"),
];

impl Store {
    /// A page of the projects an agency within `scope` takes part in, in `sort`'s order
    /// and then the latest opened first.
    pub async fn law_projects(
        &self,
        scope: &Scope,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<LawProject>> {
        let involved = involved(scope);
        let count_sql = format!("select count(*) from law_project p where {involved}");
        let list_sql = format!(
            "select {PROJECT_COLUMNS} where {involved} \
             order by {}, p.opened_on desc, p.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            async {
                let total: i64 = sqlx::query_scalar(&count_sql).fetch_one(&mut *pool).await?;
                let items: Vec<LawProject> = sqlx::query_as(&list_sql).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((total, items))
            }
            .await
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// One project with its agencies, stages, drafts and opinions, on one connection.
    pub async fn law_project(&self, id: i64) -> Result<(LawProject, LawParts)> {
        let project_sql = format!("select {PROJECT_COLUMNS} where p.id = $1");
        Ok(on_pool!(&self.db, pool => {
            async {
                let project: LawProject = sqlx::query_as(&project_sql).bind(id).fetch_one(&mut *pool).await?;
                let agencies = sqlx::query_as(
                    "select x.agency_id, g.code, g.name_vi, g.name_en, g.path, x.part from law_project_agency x \
                     join agency g on g.id = x.agency_id where x.project_id = $1 \
                     order by case x.part when 'presiding' then 0 when 'guiding' then 1 else 2 end, g.path",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let stages = sqlx::query_as(
                    "select id, seq, code, name_vi, name_en, days, status, started_on, due_on, done_on, note \
                     from law_stage where project_id = $1 order by seq",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let drafts = sqlx::query_as(
                    "select id, version, stage_code, dated, summary from law_draft where project_id = $1 order by version",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let opinions = sqlx::query_as(
                    "select o.id, o.agency_id, g.code as agency_code, g.name_vi as agency_name_vi, \
                     g.name_en as agency_name_en, o.version, o.received_on, o.content, o.disposition, o.response \
                     from law_opinion o join agency g on g.id = o.agency_id where o.project_id = $1 \
                     order by o.received_on, o.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((project, LawParts { agencies, stages, drafts, opinions }))
            }
            .await
        })?)
    }
}

impl WriteTx {
    /// Opens a project with its agencies and the stages of its kind, named in Vietnamese
    /// and English as `stage_names` says, the first one current from the day it opened.
    pub async fn create_law_project(
        &mut self,
        draft: &ProjectDraft,
        stage_names: &[(String, String)],
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into law_project (kind, title_vi, title_en, presiding_agency_id, guiding_agency_id, \
                 opened_on, status, document_id, implements_id, replaces_id, note, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
            )
            .bind(draft.kind.as_str()).bind(&draft.title_vi).bind(&draft.title_en).bind(draft.presiding)
            .bind(draft.guiding).bind(draft.opened_on).bind(ProjectStatus::Open.as_str())
            .bind(draft.document_id).bind(draft.implements_id).bind(draft.replaces_id).bind(&draft.note)
            .bind(at)
            .fetch_one(conn).await
        })?;
        let parts = std::iter::once((draft.presiding, "presiding"))
            .chain(draft.guiding.map(|guiding| (guiding, "guiding")))
            .chain(draft.consulted.iter().map(|&agency| (agency, "consulted")));
        for (agency, part) in parts {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into law_project_agency (project_id, agency_id, part) values ($1, $2, $3)")
                    .bind(id).bind(agency).bind(part).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        self.open_law_stages(id, draft.kind.stages(), stage_names, draft.opened_on)
            .await?;
        let values = serde_json::json!({
            "kind": draft.kind.as_str(), "title_vi": draft.title_vi, "title_en": draft.title_en,
            "presiding_agency_id": draft.presiding, "guiding_agency_id": draft.guiding,
            "consulted": draft.consulted, "opened_on": draft.opened_on,
            "document_id": draft.document_id, "implements_id": draft.implements_id,
            "replaces_id": draft.replaces_id, "note": draft.note,
        });
        self.audit_insert("law_project", id, &values).await?;
        Ok(id)
    }

    async fn open_law_stages(
        &mut self,
        project: i64,
        stages: &[StageSeed],
        names: &[(String, String)],
        opened_on: Date,
    ) -> Result<()> {
        // At most seven stages: one statement each keeps the binding per engine simple.
        for (index, (stage, (name_vi, name_en))) in stages.iter().zip(names).enumerate() {
            let first = index == 0;
            let status = if first {
                StageStatus::Current
            } else {
                StageStatus::Waiting
            };
            let started_on = first.then_some(opened_on);
            let due_on = first.then(|| default_due(opened_on, stage.days));
            on_tx!(&mut self.tx, conn => {
                sqlx::query(
                    "insert into law_stage (project_id, seq, code, name_vi, name_en, days, status, started_on, due_on) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(project).bind(index as i64 + 1).bind(stage.code).bind(name_vi)
                .bind(name_en).bind(i64::from(stage.days)).bind(status.as_str())
                .bind(started_on).bind(due_on)
                .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        Ok(())
    }

    /// Marks the current stage done and opens the next, due by the date given or its
    /// default; after the last, the project is adopted as registry document `adopted`.
    pub async fn complete_law_stage(
        &mut self,
        project: &LawProject,
        stages: &[LawStage],
        completion: &Completion,
        adopted: Option<i64>,
    ) -> Result<()> {
        let stage = &stages[completion.index];
        let done_by = self.actor.user_id;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update law_stage set status = $2, done_on = $3, note = $4, done_by = $5 where id = $1")
                .bind(stage.id).bind(StageStatus::Done.as_str()).bind(completion.done_on)
                .bind(&completion.note).bind(done_by)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "law_stage",
            Some(stage.id.to_string()),
            Some(&serde_json::json!({ "project_id": project.id, "code": stage.code, "status": stage.status })),
            Some(&serde_json::json!({
                "project_id": project.id, "code": stage.code, "status": StageStatus::Done.as_str(),
                "done_on": completion.done_on, "note": completion.note,
            })),
        )
        .await?;
        if let Some(next) = stages.get(completion.index + 1) {
            let due = completion
                .next_due_on
                .unwrap_or_else(|| default_due(completion.done_on, next.days as u32));
            on_tx!(&mut self.tx, conn => {
                sqlx::query("update law_stage set status = $2, started_on = $3, due_on = $4 where id = $1")
                    .bind(next.id).bind(StageStatus::Current.as_str()).bind(completion.done_on).bind(due)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
            self.audit(
                AuditAction::Update,
                "law_stage",
                Some(next.id.to_string()),
                Some(&serde_json::json!({ "project_id": project.id, "code": next.code, "status": next.status })),
                Some(&serde_json::json!({
                    "project_id": project.id, "code": next.code, "status": StageStatus::Current.as_str(),
                    "started_on": completion.done_on, "due_on": due,
                })),
            )
            .await?;
        }
        let status = if completion.adopts {
            ProjectStatus::Adopted
        } else {
            ProjectStatus::Open
        };
        let document = adopted.or(project.document_id);
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update law_project set status = $2, document_id = $3, updated_at = $4 where id = $1")
                .bind(project.id).bind(status.as_str()).bind(document).bind(now())
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if completion.adopts {
            self.audit(
                AuditAction::Update,
                "law_project",
                Some(project.id.to_string()),
                Some(&serde_json::json!({ "status": project.status, "document_id": project.document_id })),
                Some(&serde_json::json!({ "status": status.as_str(), "document_id": document })),
            )
            .await?;
        }
        Ok(())
    }

    /// Records the next draft version of a project at its current stage.
    pub async fn add_law_draft(
        &mut self,
        project: i64,
        stage_code: &str,
        draft: &DraftVersion,
    ) -> Result<i64> {
        let version: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select coalesce(max(version), 0) + 1 from law_draft where project_id = $1")
                .bind(project).fetch_one(conn).await
        })?;
        let created_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into law_draft (project_id, version, stage_code, dated, summary, created_by, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7) returning id",
            )
            .bind(project).bind(version).bind(stage_code).bind(draft.dated).bind(&draft.summary)
            .bind(created_by).bind(now())
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "project_id": project, "version": version, "stage_code": stage_code,
            "dated": draft.dated, "summary": draft.summary,
        });
        self.audit_insert("law_draft", id, &values).await?;
        Ok(version)
    }

    pub async fn add_law_opinion(&mut self, project: i64, opinion: &Opinion) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into law_opinion (project_id, agency_id, version, received_on, content, disposition, \
                 response, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
            )
            .bind(project).bind(opinion.agency_id).bind(opinion.version).bind(opinion.received_on)
            .bind(&opinion.content).bind(opinion.disposition.as_str()).bind(&opinion.response).bind(at)
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "project_id": project, "agency_id": opinion.agency_id, "version": opinion.version,
            "received_on": opinion.received_on, "content": opinion.content,
            "disposition": opinion.disposition.as_str(), "response": opinion.response,
        });
        self.audit_insert("law_opinion", id, &values).await?;
        Ok(id)
    }

    /// Records how an opinion was taken in.
    pub async fn answer_law_opinion(
        &mut self,
        before: &LawOpinion,
        disposition: bluehelm_domain::lawmaking::Disposition,
        response: Option<&str>,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update law_opinion set disposition = $2, response = $3, updated_at = $4 where id = $1")
                .bind(before.id).bind(disposition.as_str()).bind(response).bind(now())
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "law_opinion",
            Some(before.id.to_string()),
            Some(&serde_json::json!({ "disposition": before.disposition, "response": before.response })),
            Some(&serde_json::json!({ "disposition": disposition.as_str(), "response": response })),
        )
        .await
    }
}
