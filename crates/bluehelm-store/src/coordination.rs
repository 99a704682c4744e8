//! Directives and tasks in storage: a directive with its tasks, each task's agencies (on
//! which reading rights are decided) and its history. Lists are cut to the caller's scope
//! inside the query.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::coordination::{
    ConferenceDraft, DirectiveDraft, Step, TaskDraft, TaskStatus, TaskView,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::policy::Scope;
use serde::Serialize;
use time::Date;

use crate::agency::subtree_range;
use crate::conditions::page_sql;
use crate::ids::Ids;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

/// A task with its directive and presiding agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: i64,
    pub directive_id: i64,
    pub directive_title: String,
    pub issued_on: Date,
    pub issued_by: String,
    pub title: String,
    pub product: String,
    pub presiding_agency_id: i64,
    pub presiding_code: String,
    pub due_on: Date,
    /// `assigned`, `under_way`, `submitted`, `returned` or `closed`.
    pub status: String,
    /// Per cent.
    pub share_done: i64,
    pub law_project_id: Option<i64>,
    /// The mission it concerns, if one.
    pub mission_id: Option<i64>,
    pub mission_code: Option<String>,
    /// The formed unit it concerns, if one.
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    /// The dispatch dossier it concerns, if one.
    pub dossier_id: Option<i64>,
    pub closed_on: Option<Date>,
}

impl Task {
    pub fn status(&self) -> TaskStatus {
        TaskStatus::parse(&self.status).unwrap_or(TaskStatus::Assigned)
    }
}

/// An agency a task involves: `presiding` or `coordinating`, with its contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskAgency {
    pub agency_id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[serde(skip)]
    pub path: String,
    pub part: String,
    pub contribution: Option<String>,
}

impl TaskAgency {
    pub fn path(&self) -> AgencyPath {
        AgencyPath::from_stored(self.path.clone())
    }
}

/// A line of a task's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskEvent {
    pub action: String,
    pub status: String,
    pub share_done: i64,
    pub note: Option<String>,
    pub due_before: Option<Date>,
    pub due_after: Option<Date>,
    /// The agency of who recorded it.
    pub agency_code: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
}

const TASK_COLUMNS: &str = "t.id, t.directive_id, d.title as directive_title, d.issued_on, d.issued_by, \
     t.title, t.product, t.presiding_agency_id, g.code as presiding_code, t.due_on, t.status, t.share_done, \
     t.law_project_id, t.mission_id, m.code as mission_code, t.unit_id, u.name as unit_name, t.dossier_id, \
     t.closed_on from task t join directive d on d.id = t.directive_id \
     join agency g on g.id = t.presiding_agency_id left join mission m on m.id = t.mission_id \
     left join formed_unit u on u.id = t.unit_id";

/// Whether an agency with a path in [$1, $2) takes part in the task.
const INVOLVED: &str = "exists (select 1 from task_agency x join agency a on a.id = x.agency_id \
     where x.task_id = t.id and a.path >= $1 and a.path < $2)";

/// The condition that cuts tasks to `scope`, with its two parameters: for a subtree,
/// [`INVOLVED`]; for every task, one that always holds (every task has its presiding
/// agency, so the subquery would only cost time).
fn involvement(scope: &Scope) -> (&'static str, String, String) {
    match scope {
        Scope::Subtree(path) => {
            let (low, high) = subtree_range(path);
            (INVOLVED, low, high)
        }
        _ => ("$1 <= $2", String::new(), "\u{10FFFF}".to_owned()),
    }
}

/// What a directive's citation of the registry is, as `legal_citation.subject`.
pub const DIRECTIVE: &str = "directive";

/// A directive to write: who gave it, and where it comes from.
pub(crate) struct NewDirective<'a> {
    pub title: &'a str,
    pub issued_on: Date,
    pub issued_by: &'a str,
    pub document_id: Option<i64>,
    pub conference_id: Option<i64>,
    pub inspection_id: Option<i64>,
}

/// The orders of the tasks' list: open ones first by deadline (the default), by
/// deadline alone, by status, by title.
pub const TASK_SORT: &[(&str, &str)] = &[
    (
        "open",
        "case when t.status = 'closed' then 1 else 0 end, t.due_on",
    ),
    ("due", "t.due_on"),
    ("status", "t.status"),
    ("title", "t.title"),
];

/// Which tasks a list shows: those of a view of the summary on a day, with "due soon"
/// meaning due on or before `soon`.
#[derive(Debug, Clone, Copy)]
pub struct TaskFilter {
    pub view: Option<TaskView>,
    pub today: Date,
    pub soon: Date,
}

impl TaskFilter {
    /// The condition on `t` after the scope's two parameters (`$3`, `$4` are the day and
    /// the end of "soon", bound whatever the view so the limits keep their numbers).
    fn sql(&self) -> &'static str {
        match self.view {
            None => "$3 <= $4",
            Some(TaskView::Open) => "t.status <> 'closed' and $3 <= $4",
            Some(TaskView::DueSoon) => "t.status <> 'closed' and t.due_on >= $3 and t.due_on <= $4",
            Some(TaskView::Overdue) => "t.status <> 'closed' and t.due_on < $3 and $3 <= $4",
            Some(TaskView::Closed) => "t.status = 'closed' and $3 <= $4",
        }
    }
}

impl Store {
    /// A page of the tasks an agency within `scope` takes part in, those of `filter`'s
    /// view, in `sort`'s order.
    pub async fn tasks(
        &self,
        scope: &Scope,
        filter: TaskFilter,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<Task>> {
        let (involved, low, high) = involvement(scope);
        let view = filter.sql();
        let count_sql = format!("select count(*) from task t where {involved} and {view}");
        let list_sql = format!(
            "select {TASK_COLUMNS} where {involved} and {view} \
             order by {}, t.id {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            async {
                let total: i64 = sqlx::query_scalar(&count_sql).bind(&low).bind(&high)
                    .bind(filter.today).bind(filter.soon)
                    .fetch_one(&mut *pool).await?;
                let items: Vec<Task> = sqlx::query_as(&list_sql)
                    .bind(&low).bind(&high).bind(filter.today).bind(filter.soon)
                    .fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((total, items))
            }
            .await
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// One task with its agencies and its history, on one connection.
    pub async fn task(&self, id: i64) -> Result<(Task, Vec<TaskAgency>, Vec<TaskEvent>)> {
        let task_sql = format!("select {TASK_COLUMNS} where t.id = $1");
        Ok(on_pool!(&self.db, pool => {
            async {
                let task: Task = sqlx::query_as(&task_sql).bind(id).fetch_one(&mut *pool).await?;
                let agencies = sqlx::query_as(
                    "select x.agency_id, a.code, a.name_vi, a.name_en, a.path, x.part, x.contribution \
                     from task_agency x join agency a on a.id = x.agency_id where x.task_id = $1 \
                     order by case x.part when 'presiding' then 0 else 1 end, a.path",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let events = sqlx::query_as(
                    "select e.action, e.status, e.share_done, e.note, e.due_before, e.due_after, \
                     a.code as agency_code, e.at from task_event e left join agency a on a.id = e.agency_id \
                     where e.task_id = $1 order by e.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((task, agencies, events))
            }
            .await
        })?)
    }
}

/// How an agency's tasks stand: open, of which due within the reminder period and
/// overdue, and closed, of which on time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskSummary {
    pub open: i64,
    pub due_soon: i64,
    pub overdue: i64,
    pub closed: i64,
    pub closed_on_time: i64,
}

impl Store {
    /// The summary of the tasks an agency within `scope` takes part in, on `today`, with
    /// "due soon" meaning on or before `soon`.
    pub async fn task_summary(
        &self,
        scope: &Scope,
        today: Date,
        soon: Date,
    ) -> Result<TaskSummary> {
        let (involved, low, high) = involvement(scope);
        let sql = format!(
            "select \
             coalesce(sum(case when t.status <> 'closed' then 1 else 0 end), 0) as open, \
             coalesce(sum(case when t.status <> 'closed' and t.due_on >= $3 and t.due_on <= $4 then 1 else 0 end), 0) as due_soon, \
             coalesce(sum(case when t.status <> 'closed' and t.due_on < $3 then 1 else 0 end), 0) as overdue, \
             coalesce(sum(case when t.status = 'closed' then 1 else 0 end), 0) as closed, \
             coalesce(sum(case when t.status = 'closed' and t.closed_on <= t.due_on then 1 else 0 end), 0) as closed_on_time \
             from task t where {involved}"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(&low).bind(&high).bind(today).bind(soon).fetch_one(pool).await
        })?)
    }

    /// The open tasks due on or before `until`: (id, deadline).
    pub async fn open_tasks_due(&self, until: Date) -> Result<Vec<(i64, Date)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, due_on from task where status <> 'closed' and due_on <= $1 order by due_on, id",
            )
            .bind(until).fetch_all(pool).await
        })?)
    }

    /// Who is told of these tasks: (task, account) for every active account of an agency
    /// a task involves that follows tasks (its officers and coordinators).
    pub async fn task_recipients(&self, tasks: &[i64]) -> Result<Vec<(i64, i64)>> {
        if tasks.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "select distinct x.task_id, a.id from task_agency x join account a on a.agency_id = x.agency_id \
             join account_role r on r.account_id = a.id \
             where not a.disabled and r.role in ('agency_officer', 'coordinator') and {} \
             order by x.task_id, a.id",
            Ids::among(self.engine(), "x.task_id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(tasks)).fetch_all(pool).await)?,
        )
    }
}

impl Store {
    /// Cites the documents directives rest on where a directive recorded before directives
    /// cited the registry has no citation yet; runs at every start.
    pub async fn cite_directives(&self) -> Result<()> {
        let uncited: Vec<(i64, i64, Date)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select d.id, d.document_id, d.issued_on from directive d where d.document_id is not null \
                 and not exists (select 1 from legal_citation c where c.subject = 'directive' and c.subject_id = d.id) \
                 order by d.id",
            )
            .fetch_all(pool).await
        })?;
        if uncited.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(crate::Actor::SYSTEM).await?;
        for (directive, document, issued_on) in uncited {
            let cited = [bluehelm_domain::legal::Cited {
                document,
                article: None,
            }];
            tx.cite(DIRECTIVE, directive, issued_on, &cited).await?;
        }
        tx.commit().await
    }

    /// Who hears of these tasks when they are overdue: (task, account) for every active
    /// officer and coordinator of the standing agency of the body whose conference or
    /// inspection gave the task. Tasks no body gave are not in the answer.
    pub async fn task_escalation_recipients(&self, tasks: &[i64]) -> Result<Vec<(i64, i64)>> {
        if tasks.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "select distinct t.id, a.id from task t join directive d on d.id = t.directive_id \
             left join conference c on c.id = d.conference_id \
             left join inspection i on i.id = d.inspection_id \
             join coordination_body b on b.id = coalesce(c.body_id, i.body_id) \
             join account a on a.agency_id = b.standing_agency_id \
             join account_role r on r.account_id = a.id \
             where not a.disabled and r.role in ('agency_officer', 'coordinator') and {} \
             order by t.id, a.id",
            Ids::among(self.engine(), "t.id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(tasks)).fetch_all(pool).await)?,
        )
    }
}

impl WriteTx {
    /// Records a directive with its tasks, each assigned from the directive's date; the
    /// document it rests on is cited on that date, so that the legal health sees it.
    pub async fn create_directive(&mut self, draft: &DirectiveDraft) -> Result<(i64, Vec<i64>)> {
        let id = self
            .insert_directive(&NewDirective {
                title: &draft.title,
                issued_on: draft.issued_on,
                issued_by: &draft.issued_by,
                document_id: draft.document_id,
                conference_id: draft.conference_id,
                inspection_id: None,
            })
            .await?;
        if let Some(document) = draft.document_id {
            let cited = [bluehelm_domain::legal::Cited {
                document,
                article: None,
            }];
            self.cite(DIRECTIVE, id, draft.issued_on, &cited).await?;
        }
        let mut tasks = Vec::with_capacity(draft.tasks.len());
        for task in &draft.tasks {
            tasks.push(self.create_task(id, task).await?);
        }
        Ok((id, tasks))
    }

    pub(crate) async fn insert_directive(&mut self, directive: &NewDirective<'_>) -> Result<i64> {
        let at = now();
        let created_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into directive (title, issued_on, issued_by, document_id, conference_id, inspection_id, \
                 created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
            )
            .bind(directive.title).bind(directive.issued_on).bind(directive.issued_by)
            .bind(directive.document_id).bind(directive.conference_id).bind(directive.inspection_id)
            .bind(created_by).bind(at)
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "title": directive.title, "issued_on": directive.issued_on, "issued_by": directive.issued_by,
            "document_id": directive.document_id, "conference_id": directive.conference_id,
            "inspection_id": directive.inspection_id,
        });
        self.audit_insert("directive", id, &values).await?;
        Ok(id)
    }

    /// Records one task of a directive with its agencies, assigned now.
    pub(crate) async fn create_task(&mut self, directive: i64, task: &TaskDraft) -> Result<i64> {
        let at = now();
        let task_id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into task (directive_id, title, product, presiding_agency_id, due_on, status, \
                 share_done, law_project_id, mission_id, unit_id, dossier_id, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11, $11) returning id",
            )
            .bind(directive).bind(&task.title).bind(&task.product).bind(task.presiding).bind(task.due_on)
            .bind(TaskStatus::Assigned.as_str()).bind(task.law_project_id).bind(task.mission_id)
            .bind(task.unit_id).bind(task.dossier_id).bind(at)
            .fetch_one(conn).await
        })?;
        let parts = std::iter::once((task.presiding, "presiding", None)).chain(
            task.coordinating
                .iter()
                .map(|line| (line.agency_id, "coordinating", line.contribution.as_deref())),
        );
        for (agency, part, contribution) in parts {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into task_agency (task_id, agency_id, part, contribution) values ($1, $2, $3, $4)")
                    .bind(task_id).bind(agency).bind(part).bind(contribution)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        self.task_event(
            task_id,
            "assigned",
            TaskStatus::Assigned,
            0,
            None,
            None,
            None,
        )
        .await?;
        let coordinating: Vec<_> = task
            .coordinating
            .iter()
            .map(|line| serde_json::json!({ "agency_id": line.agency_id, "contribution": line.contribution }))
            .collect();
        let values = serde_json::json!({
            "directive_id": directive, "title": task.title, "product": task.product,
            "presiding_agency_id": task.presiding, "coordinating": coordinating,
            "due_on": task.due_on, "law_project_id": task.law_project_id, "mission_id": task.mission_id,
            "unit_id": task.unit_id, "dossier_id": task.dossier_id,
        });
        self.audit_insert("task", task_id, &values).await?;
        Ok(task_id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn task_event(
        &mut self,
        task: i64,
        action: &str,
        status: TaskStatus,
        share_done: i64,
        note: Option<&str>,
        due_before: Option<Date>,
        due_after: Option<Date>,
    ) -> Result<()> {
        let (account, agency) = (self.actor.user_id, self.actor.agency_id);
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "insert into task_event (task_id, action, status, share_done, note, due_before, due_after, \
                 account_id, agency_id, at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(task).bind(action).bind(status.as_str()).bind(share_done).bind(note).bind(due_before)
            .bind(due_after).bind(account).bind(agency).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// Applies a checked step to a task: its status, share and deadline, a line of its
    /// history, and the audit entry.
    pub async fn apply_task_step(&mut self, task: &Task, step: &Step, today: Date) -> Result<()> {
        let due = step.due_on.unwrap_or(task.due_on);
        let closed_on = (step.status == TaskStatus::Closed).then_some(today);
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update task set status = $2, share_done = $3, due_on = $4, closed_on = $5, updated_at = $6 \
                 where id = $1",
            )
            .bind(task.id).bind(step.status.as_str()).bind(step.share_done).bind(due).bind(closed_on)
            .bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let (before, after) = match step.due_on {
            Some(new) => (Some(task.due_on), Some(new)),
            None => (None, None),
        };
        self.task_event(
            task.id,
            step.action.as_str(),
            step.status,
            step.share_done,
            step.note.as_deref(),
            before,
            after,
        )
        .await?;
        self.audit(
            AuditAction::Update,
            "task",
            Some(task.id.to_string()),
            Some(&serde_json::json!({
                "status": task.status, "share_done": task.share_done, "due_on": task.due_on,
            })),
            Some(&serde_json::json!({
                "action": step.action.as_str(), "status": step.status.as_str(),
                "share_done": step.share_done, "due_on": due, "note": step.note,
            })),
        )
        .await
    }
}

/// A coordinating body with its standing agency and how many members it has now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Body {
    pub id: i64,
    /// `steering_committee`, `working_group`, `inspection_team` or `other`.
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub standing_agency_id: i64,
    pub standing_code: String,
    pub note: Option<String>,
    /// Members whose term has not ended.
    pub members: i64,
}

/// A member of a body: an account or a named official.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyMember {
    pub id: i64,
    pub account_id: Option<i64>,
    /// The account's display name, or the official's name.
    pub name: String,
    pub position: String,
    pub agency_id: i64,
    pub agency_code: String,
    /// `head`, `permanent_deputy`, `deputy`, `member` or `secretary`.
    pub role: String,
    pub from_on: Date,
    pub to_on: Option<Date>,
}

const BODY_COLUMNS: &str = "b.id, b.kind, b.name_vi, b.name_en, b.standing_agency_id, g.code as standing_code, \
     b.note, (select count(*) from body_member m where m.body_id = b.id and (m.to_on is null or m.to_on >= $1)) as members \
     from coordination_body b join agency g on g.id = b.standing_agency_id";

impl Store {
    /// Every body, with its members counted on `today`.
    pub async fn bodies(&self, today: Date) -> Result<Vec<Body>> {
        let sql = format!("select {BODY_COLUMNS} order by b.kind, b.name_vi");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(today).fetch_all(pool).await)?)
    }

    /// One body and its members, heads first, on one connection.
    pub async fn body(&self, id: i64, today: Date) -> Result<(Body, Vec<BodyMember>)> {
        let sql = format!("select {BODY_COLUMNS} where b.id = $2");
        Ok(on_pool!(&self.db, pool => {
            async {
                let body: Body = sqlx::query_as(&sql).bind(today).bind(id).fetch_one(&mut *pool).await?;
                let members = sqlx::query_as(
                    "select m.id, m.account_id, coalesce(a.display_name, m.name, '') as name, m.position, m.agency_id, \
                     g.code as agency_code, m.role, m.from_on, m.to_on from body_member m \
                     join agency g on g.id = m.agency_id left join account a on a.id = m.account_id \
                     where m.body_id = $1 order by case m.role when 'head' then 0 when 'permanent_deputy' then 1 \
                     when 'deputy' then 2 when 'member' then 3 else 4 end, m.from_on, m.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((body, members))
            }
            .await
        })?)
    }
}

impl WriteTx {
    pub async fn create_body(
        &mut self,
        draft: &bluehelm_domain::coordination::BodyDraft,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into coordination_body (kind, name_vi, name_en, standing_agency_id, note, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $6) returning id",
            )
            .bind(draft.kind.as_str()).bind(&draft.name_vi).bind(&draft.name_en).bind(draft.standing)
            .bind(&draft.note).bind(at)
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "kind": draft.kind.as_str(), "name_vi": draft.name_vi, "name_en": draft.name_en,
            "standing_agency_id": draft.standing, "note": draft.note,
        });
        self.audit_insert("body", id, &values).await?;
        Ok(id)
    }

    pub async fn add_body_member(
        &mut self,
        body: i64,
        draft: &bluehelm_domain::coordination::MemberDraft,
    ) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into body_member (body_id, account_id, name, position, agency_id, role, from_on, to_on, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
            )
            .bind(body).bind(draft.account_id).bind(&draft.name).bind(&draft.position).bind(draft.agency_id)
            .bind(draft.role.as_str()).bind(draft.from_on).bind(draft.to_on).bind(now())
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "body_id": body, "account_id": draft.account_id, "name": draft.name,
            "position": draft.position, "agency_id": draft.agency_id, "role": draft.role.as_str(),
            "from_on": draft.from_on, "to_on": draft.to_on,
        });
        self.audit_insert("body_member", id, &values).await?;
        Ok(id)
    }
}

/// A conference or meeting with the body that met and how many directives it issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conference {
    pub id: i64,
    pub title: String,
    pub held_on: Date,
    pub body_id: Option<i64>,
    pub body_vi: Option<String>,
    pub body_en: Option<String>,
    pub chair: String,
    pub place: Option<String>,
    pub agenda: Option<String>,
    pub conclusions: Option<String>,
    pub conclusion_document_id: Option<i64>,
    pub conclusion_number: Option<String>,
    pub directives: i64,
}

/// An agency that attended a conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub agency_id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

/// A member of the body who attended a conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendee {
    pub member_id: i64,
    /// The account's display name, or the official's name.
    pub name: String,
    pub position: String,
    /// `head`, `permanent_deputy`, `deputy`, `member` or `secretary`.
    pub role: String,
}

/// A directive as a conference's page lists it, with how many tasks it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectiveLine {
    pub id: i64,
    pub title: String,
    pub issued_on: Date,
    pub tasks: i64,
    pub closed: i64,
}

const CONFERENCE_COLUMNS: &str = "c.id, c.title, c.held_on, c.body_id, b.name_vi as body_vi, b.name_en as body_en, \
     c.chair, c.place, c.agenda, c.conclusions, c.conclusion_document_id, d.number as conclusion_number, \
     (select count(*) from directive x where x.conference_id = c.id) as directives \
     from conference c left join coordination_body b on b.id = c.body_id \
     left join legal_document d on d.id = c.conclusion_document_id";

/// The orders of the conferences' list: by date (the latest first is `-held`, the
/// default), by title.
pub const CONFERENCE_SORT: &[(&str, &str)] = &[("held", "c.held_on"), ("title", "c.title")];

impl Store {
    /// A page of the conferences in `sort`'s order.
    pub async fn conferences(&self, sort: Sort, page: PageRequest) -> Result<Page<Conference>> {
        let sql = format!(
            "select {CONFERENCE_COLUMNS} order by {}, c.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            async {
                let total: i64 = sqlx::query_scalar("select count(*) from conference")
                    .fetch_one(&mut *pool).await?;
                let items: Vec<Conference> = sqlx::query_as(&sql)
                    .fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((total, items))
            }
            .await
        })?;
        Ok(Page::exact(items, total, page))
    }

    /// One conference with the agencies that attended and the directives it issued.
    pub async fn conference(
        &self,
        id: i64,
    ) -> Result<(
        Conference,
        Vec<Attendance>,
        Vec<Attendee>,
        Vec<DirectiveLine>,
    )> {
        let sql = format!("select {CONFERENCE_COLUMNS} where c.id = $1");
        Ok(on_pool!(&self.db, pool => {
            async {
                let conference: Conference = sqlx::query_as(&sql).bind(id).fetch_one(&mut *pool).await?;
                let agencies = sqlx::query_as(
                    "select a.id as agency_id, a.code, a.name_vi, a.name_en from conference_agency x \
                     join agency a on a.id = x.agency_id where x.conference_id = $1 order by a.path",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let members = sqlx::query_as(
                    "select m.id as member_id, coalesce(a.display_name, m.name, '') as name, m.position, m.role \
                     from conference_member x join body_member m on m.id = x.member_id \
                     left join account a on a.id = m.account_id where x.conference_id = $1 \
                     order by case m.role when 'head' then 0 when 'permanent_deputy' then 1 \
                     when 'deputy' then 2 when 'member' then 3 else 4 end, m.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                let directives = sqlx::query_as(
                    "select d.id, d.title, d.issued_on, count(t.id) as tasks, \
                     coalesce(sum(case when t.status = 'closed' then 1 else 0 end), 0) as closed \
                     from directive d left join task t on t.directive_id = d.id where d.conference_id = $1 \
                     group by d.id, d.title, d.issued_on order by d.issued_on, d.id",
                )
                .bind(id).fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((conference, agencies, members, directives))
            }
            .await
        })?)
    }

    /// Every member of every body as (member id, body id, name, position), for a
    /// conference's form.
    pub async fn body_members(&self) -> Result<Vec<(i64, i64, String, String)>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select m.id, m.body_id, coalesce(a.display_name, m.name, ''), m.position from body_member m \
                 left join account a on a.id = m.account_id order by m.body_id, m.id",
            )
            .fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    pub async fn create_conference(&mut self, draft: &ConferenceDraft) -> Result<i64> {
        let at = now();
        let created_by = self.actor.user_id;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into conference (body_id, title, held_on, chair, place, agenda, conclusions, \
                 conclusion_document_id, created_by, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            )
            .bind(draft.body_id).bind(&draft.title).bind(draft.held_on).bind(&draft.chair)
            .bind(&draft.place).bind(&draft.agenda).bind(&draft.conclusions)
            .bind(draft.conclusion_document_id).bind(created_by).bind(at)
            .fetch_one(conn).await
        })?;
        for agency in &draft.agencies {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into conference_agency (conference_id, agency_id) values ($1, $2)")
                    .bind(id).bind(agency).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        for member in &draft.members {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into conference_member (conference_id, member_id) values ($1, $2)")
                    .bind(id).bind(member).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let values = serde_json::json!({
            "body_id": draft.body_id, "title": draft.title, "held_on": draft.held_on,
            "chair": draft.chair, "place": draft.place, "agencies": draft.agencies,
            "members": draft.members,
            "agenda": draft.agenda, "conclusions": draft.conclusions,
            "conclusion_document_id": draft.conclusion_document_id,
        });
        self.audit_insert("conference", id, &values).await?;
        Ok(id)
    }
}
