//! Directives and tasks: the department's coordinators record a directive with the tasks
//! it gives; the agencies a task involves follow it and report progress, the presiding
//! one submits the product, and the coordinators accept it, return it with comments or
//! move its deadline. Another agency sees nothing of a task. The coordinators also keep the
//! bodies that coordinate, with their members, and their conferences, whose directives
//! are recorded like any other.

use std::collections::HashSet;

use bluehelm_domain::coordination::{
    act, BodyDraft, BodyInput, ConferenceDraft, ConferenceInput, DirectiveDraft, DirectiveInput,
    Known, MemberDraft, MemberInput, StepInput, TaskAction, TaskInput, TaskView,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort, MAX_PER_PAGE};
use bluehelm_domain::policy::{self, Action, Resource, Scope};
use bluehelm_store::coordination::{
    Attendance, Attendee, Body, BodyMember, Conference, DirectiveLine, Task, TaskAgency, TaskEvent,
    TaskFilter, TaskSummary, CONFERENCE_SORT, TASK_SORT,
};
use bluehelm_store::lawmaking::LAW_PROJECT_SORT;
use serde::Serialize;
use time::Date;

use crate::{AppError, Ctx};

/// A task with its agencies, its history and what the reader may do with it now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskDetail {
    pub task: Task,
    pub agencies: Vec<TaskAgency>,
    pub history: Vec<TaskEvent>,
    /// The steps the reader may take: `progress`, `submit`, `return`, `accept`, `extend`.
    pub actions: Vec<String>,
}

/// What a directive created.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub directive_id: i64,
    pub task_ids: Vec<i64>,
}

/// The tasks the reader's agencies take part in, all or those of a view of the summary
/// (`open`, `due_soon`, `overdue`, `closed`), sorted by a key of [`TASK_SORT`] (open ones
/// first, the nearest deadline first, by default).
pub async fn tasks(
    ctx: &Ctx<'_>,
    view: Option<&str>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<Task>, AppError> {
    let scope = ctx.scope(Action::Read, Resource::Task).await?;
    let view = match view.map(str::trim) {
        None | Some("") => None,
        Some(view) => Some(TaskView::parse_field("view", view)?),
    };
    let sort = Sort::parse(sort, TASK_SORT)?;
    let (today, soon) = today_and_soon();
    let filter = TaskFilter { view, today, soon };
    Ok(ctx.store.tasks(&scope, filter, sort, page).await?)
}

/// Today and the last day a deadline is "due soon".
fn today_and_soon() -> (Date, Date) {
    let today = bluehelm_store::now().date();
    let soon = today.saturating_add(time::Duration::days(crate::notices::TASK_REMINDER_DAYS));
    (today, soon)
}

/// How the tasks of the reader's agencies stand today; for one who may read no task but
/// the figures (a viewer), how all of them stand.
pub async fn summary(ctx: &Ctx<'_>) -> Result<TaskSummary, AppError> {
    let scope = match policy::scope(ctx.principal, Action::Read, Resource::Task) {
        Ok(scope) => scope,
        Err(_) => ctx.scope(Action::Read, Resource::Statistics).await?,
    };
    let (today, soon) = today_and_soon();
    Ok(ctx.store.task_summary(&scope, today, soon).await?)
}

/// Whether the principal may do `action` on a task as one of `agencies` (any of them, or
/// the presiding one when `presiding_only`).
fn may(
    principal: &policy::Principal,
    action: Action,
    agencies: &[TaskAgency],
    presiding_only: bool,
) -> Result<(), policy::Denied> {
    let owners: Vec<_> = agencies
        .iter()
        .filter(|agency| !presiding_only || agency.part == "presiding")
        .map(|agency| agency.path())
        .collect();
    policy::authorize_any(principal, action, Resource::Task, &owners)
}

/// Whether the principal may take `step` on a task involving `agencies`.
fn may_take(
    principal: &policy::Principal,
    step: TaskAction,
    agencies: &[TaskAgency],
) -> Result<(), policy::Denied> {
    if step.by_coordinator() {
        // Judging a product or moving a deadline is for those who may update every task.
        let scope = policy::scope(principal, Action::Update, Resource::Task)?;
        return if scope == Scope::All {
            Ok(())
        } else {
            may(principal, Action::Update, &[], false)
        };
    }
    may(principal, Action::Update, agencies, step.by_presiding())
}

async fn task_for(
    ctx: &Ctx<'_>,
    id: i64,
) -> Result<(Task, Vec<TaskAgency>, Vec<TaskEvent>), AppError> {
    let (task, agencies, history) = ctx.store.task(id).await?;
    if let Err(denied) = may(ctx.principal, Action::Read, &agencies, false) {
        // A task of other agencies is not there for the reader.
        ctx.refuse(denied, Some(id.to_string())).await;
        return Err(AppError::NotFound);
    }
    Ok((task, agencies, history))
}

pub async fn task(ctx: &Ctx<'_>, id: i64) -> Result<TaskDetail, AppError> {
    let (task, agencies, history) = task_for(ctx, id).await?;
    let actions = if task.status().is_open() {
        TaskAction::ALL
            .iter()
            .filter(|step| may_take(ctx.principal, **step, &agencies).is_ok())
            .map(|step| step.as_str().to_owned())
            .collect()
    } else {
        Vec::new()
    };
    Ok(TaskDetail {
        task,
        agencies,
        history,
        actions,
    })
}

/// What the database knows that a directive, a conference or an activity names: agencies
/// and missions by code, the registry's documents, the conferences.
pub(crate) struct Lookup {
    agencies: Vec<(String, i64)>,
    missions: Vec<(String, i64)>,
    documents: HashSet<i64>,
    conferences: HashSet<i64>,
    projects: HashSet<i64>,
    units: HashSet<i64>,
    dossiers: HashSet<i64>,
}

impl Lookup {
    pub(crate) async fn load(
        ctx: &Ctx<'_>,
        conference: &str,
        tasks: &[TaskInput],
    ) -> Result<Self, AppError> {
        let agencies = agency_ids(ctx).await?;
        let missions = ctx
            .store
            .missions()
            .await?
            .into_iter()
            .map(|mission| (mission.code, mission.id))
            .collect();
        let documents = ctx.store.legal_document_ids().await?.into_iter().collect();
        let mut conferences = HashSet::new();
        if let Ok(id) = conference.trim().parse::<i64>() {
            if found(ctx.store.conference(id).await)? {
                conferences.insert(id);
            }
        }
        let units = if tasks.iter().any(|task| !task.unit_id.trim().is_empty()) {
            ctx.store
                .unit_missions()
                .await?
                .into_iter()
                .map(|(id, ..)| id)
                .collect()
        } else {
            HashSet::new()
        };
        let (mut projects, mut dossiers) = (HashSet::new(), HashSet::new());
        for task in tasks {
            if let Ok(id) = task.law_project_id.trim().parse::<i64>() {
                if found(ctx.store.law_project(id).await)? {
                    projects.insert(id);
                }
            }
            if let Ok(id) = task.dossier_id.trim().parse::<i64>() {
                if found(ctx.store.dossier(id).await)? {
                    dossiers.insert(id);
                }
            }
        }
        Ok(Lookup {
            agencies,
            missions,
            documents,
            conferences,
            projects,
            units,
            dossiers,
        })
    }

    /// Runs `check` with the lookup as the domain's [`Known`].
    pub(crate) fn with<T>(&self, check: impl FnOnce(&Known<'_>) -> T) -> T {
        let agency = |code: &str| find(&self.agencies, code);
        let mission = |code: &str| find(&self.missions, code);
        let document = |id: i64| self.documents.contains(&id);
        let conference = |id: i64| self.conferences.contains(&id);
        let law_project = |id: i64| self.projects.contains(&id);
        let unit = |id: i64| self.units.contains(&id);
        let dossier = |id: i64| self.dossiers.contains(&id);
        check(&Known {
            agency: &agency,
            document: &document,
            law_project: &law_project,
            conference: &conference,
            mission: &mission,
            unit: &unit,
            dossier: &dossier,
        })
    }
}

/// Whether a record was found: `false` when there is none, the error otherwise.
fn found<T>(result: Result<T, bluehelm_store::StoreError>) -> Result<bool, AppError> {
    match result {
        Ok(_) => Ok(true),
        Err(bluehelm_store::StoreError::NotFound) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Records a directive and the tasks it gives, all or nothing.
pub async fn create_directive(ctx: &Ctx<'_>, input: &DirectiveInput) -> Result<Created, AppError> {
    ctx.scope(Action::Create, Resource::Task).await?;
    let lookup = Lookup::load(ctx, &input.conference_id, &input.tasks).await?;
    let draft = lookup.with(|known| DirectiveDraft::parse(input, known))?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let (directive_id, task_ids) = tx.create_directive(&draft).await?;
    tx.commit().await?;
    Ok(Created {
        directive_id,
        task_ids,
    })
}

/// A page of the conferences, the latest first by default.
pub async fn conferences(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<Page<Conference>, AppError> {
    ctx.scope(Action::Read, Resource::Body).await?;
    let sort = Sort::parse(sort.or(Some("-held")), CONFERENCE_SORT)?;
    Ok(ctx.store.conferences(sort, page).await?)
}

/// A conference with the agencies and members that attended and the directives it issued.
pub async fn conference(
    ctx: &Ctx<'_>,
    id: i64,
) -> Result<
    (
        Conference,
        Vec<Attendance>,
        Vec<Attendee>,
        Vec<DirectiveLine>,
    ),
    AppError,
> {
    ctx.scope(Action::Read, Resource::Body).await?;
    Ok(ctx.store.conference(id).await?)
}

/// What a directive's task may concern, for its form.
pub struct TaskReferences {
    pub missions: Vec<bluehelm_store::mission::Mission>,
    /// Formed units as (id, name, the mission they serve at).
    pub units: Vec<(i64, String, Option<i64>)>,
    /// The dossiers the caller may read, those in progress first, then the newest.
    pub dossiers: Vec<bluehelm_store::dossier::Dossier>,
    /// The open law-making projects the caller's agencies take part in, newest first.
    pub projects: Vec<bluehelm_store::lawmaking::LawProject>,
}

pub async fn task_references(ctx: &Ctx<'_>) -> Result<TaskReferences, AppError> {
    ctx.scope(Action::Create, Resource::Task).await?;
    let dossiers = if policy::scope(ctx.principal, Action::Read, Resource::Dossier).is_ok() {
        ctx.store.dossiers(None).await?
    } else {
        Vec::new()
    };
    let projects = match policy::scope(ctx.principal, Action::Read, Resource::LawMaking) {
        Ok(scope) => {
            // Open ones first, the newest first among them.
            let open_first = Sort::parse(None, LAW_PROJECT_SORT)?;
            let page = PageRequest::parse(None, Some(MAX_PER_PAGE))?;
            let mut projects = ctx
                .store
                .law_projects(&scope, open_first, page)
                .await?
                .items;
            projects.retain(|project| project.status == "open");
            projects
        }
        Err(_) => Vec::new(),
    };
    Ok(TaskReferences {
        missions: ctx.store.missions().await?,
        units: ctx.store.unit_missions().await?,
        dossiers,
        projects,
    })
}

/// Every member of every body as (member id, body id, name, position), for the
/// conference's form.
pub async fn body_members(ctx: &Ctx<'_>) -> Result<Vec<(i64, i64, String, String)>, AppError> {
    ctx.scope(Action::Read, Resource::Body).await?;
    Ok(ctx.store.body_members().await?)
}

/// Records a conference, the agencies that attended and what it concluded; its
/// directives follow through [`create_directive`].
pub async fn create_conference(ctx: &Ctx<'_>, input: &ConferenceInput) -> Result<i64, AppError> {
    ctx.scope(Action::Create, Resource::Body).await?;
    let lookup = Lookup::load(ctx, "", &[]).await?;
    let bodies: HashSet<i64> = ctx
        .store
        .bodies(bluehelm_store::now().date())
        .await?
        .into_iter()
        .map(|body| body.id)
        .collect();
    let members = ctx.store.body_members().await?;
    let member_of = |id: i64| {
        members
            .iter()
            .find(|(member, ..)| *member == id)
            .map(|(_, body, ..)| *body)
    };
    let draft = lookup.with(|known| {
        ConferenceDraft::parse(input, &|id| bodies.contains(&id), &member_of, known)
    })?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_conference(&draft).await?;
    tx.commit().await?;
    Ok(id)
}

/// Takes a step on a task: progress, submission, return with comments, acceptance or a
/// moved deadline, each by who may take it.
pub async fn take_step(ctx: &Ctx<'_>, id: i64, input: &StepInput) -> Result<TaskDetail, AppError> {
    let (task, agencies, _) = task_for(ctx, id).await?;
    let action = TaskAction::parse_field("action", &input.action)?;
    if let Err(denied) = may_take(ctx.principal, action, &agencies) {
        return Err(ctx.refuse(denied, Some(id.to_string())).await);
    }
    let step = act(task.status(), task.share_done, task.due_on, input)?;
    let today = bluehelm_store::now().date();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.apply_task_step(&task, &step, today).await?;
    tx.commit().await?;
    self::task(ctx, id).await
}

/// Every coordinating body with its members counted today.
pub async fn bodies(ctx: &Ctx<'_>) -> Result<Vec<Body>, AppError> {
    ctx.scope(Action::Read, Resource::Body).await?;
    Ok(ctx.store.bodies(bluehelm_store::now().date()).await?)
}

/// A body and its members, current and past.
pub async fn body(ctx: &Ctx<'_>, id: i64) -> Result<(Body, Vec<BodyMember>), AppError> {
    ctx.scope(Action::Read, Resource::Body).await?;
    Ok(ctx.store.body(id, bluehelm_store::now().date()).await?)
}

/// Every agency's code with its id, to resolve the codes a form gives.
pub(crate) async fn agency_ids(ctx: &Ctx<'_>) -> Result<Vec<(String, i64)>, AppError> {
    Ok(ctx
        .store
        .all_agencies()
        .await?
        .into_iter()
        .map(|agency| (agency.code, agency.id))
        .collect())
}

pub(crate) fn find(codes: &[(String, i64)], code: &str) -> Option<i64> {
    codes
        .iter()
        .find(|(known, _)| known == code)
        .map(|(_, id)| *id)
}

pub async fn create_body(ctx: &Ctx<'_>, input: &BodyInput) -> Result<Body, AppError> {
    ctx.scope(Action::Create, Resource::Body).await?;
    let agencies = agency_ids(ctx).await?;
    let draft = BodyDraft::parse(input, &|code| find(&agencies, code))?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_body(&draft).await?;
    tx.commit().await?;
    Ok(body(ctx, id).await?.0)
}

/// Adds a member to a body: an account by its user name, or a named official.
pub async fn add_member(ctx: &Ctx<'_>, id: i64, input: &MemberInput) -> Result<i64, AppError> {
    ctx.scope(Action::Update, Resource::Body).await?;
    body(ctx, id).await?;
    let agencies = agency_ids(ctx).await?;
    let username = input.username.trim();
    let account = match username {
        "" => None,
        username => match ctx.store.user_id_by_username(username).await {
            Ok(account) => Some(account),
            Err(bluehelm_store::StoreError::NotFound) => None,
            Err(error) => return Err(error.into()),
        },
    };
    let draft = MemberDraft::parse(input, &|code| find(&agencies, code), &|_| account)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let member = tx.add_body_member(id, &draft).await?;
    tx.commit().await?;
    Ok(member)
}
