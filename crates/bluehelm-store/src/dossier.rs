//! The dispatch procedure in storage: templates (seeded from the domain, then data), and
//! dossiers with their steps, history and attached documents. A step's transition is
//! computed by `bluehelm_domain::dispatch::act` on the steps read inside the write
//! transaction, so two people deciding at once cannot both act on the same state.

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::dispatch::{
    DecisionType, DossierStatus, ForceCategory, StepAction, StepStatus, TemplateSeed,
    TemplateTerms, Transition, DRAFT_TEMPLATES, TEMPLATES,
};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::procedure::VersionStatus;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::conditions::page_sql;
use crate::{now, on_pool, on_tx, Actor, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    pub legal_basis: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    /// Comma-separated force categories.
    pub categories: String,
    /// Comma-separated decision types.
    pub decisions: String,
    /// The procedure this is a version of: its first version's code.
    pub procedure: String,
    pub version: i64,
    /// draft, active or retired.
    pub status: String,
    /// The version it was copied from.
    pub based_on_id: Option<i64>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub activated_at: Option<OffsetDateTime>,
}

/// The columns of [`Template`], from `workflow_template`.
pub(crate) const TEMPLATE_COLUMNS: &str = "id, code, name_en, name_vi, legal_basis, valid_from, \
     valid_to, categories, decisions, procedure, version, status, based_on_id, activated_at";

impl Template {
    pub fn terms(&self) -> TemplateTerms {
        TemplateTerms {
            id: self.id,
            legal_basis: self.legal_basis.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            categories: self
                .categories
                .split(',')
                .filter_map(ForceCategory::parse)
                .collect(),
            decisions: self
                .decisions
                .split(',')
                .filter_map(DecisionType::parse)
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateStep {
    pub id: i64,
    pub template_id: i64,
    pub seq: i64,
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    /// An agency code, or "@lead" for the dossier's lead office.
    pub agency_code: String,
    pub role: String,
    pub limit_days: i64,
    pub provision: String,
    /// Comma-separated kinds of document the step needs.
    pub documents: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dossier {
    pub id: i64,
    pub template_id: i64,
    pub template_code: String,
    pub legal_basis: String,
    pub title: String,
    pub category: String,
    pub decision: String,
    pub dated: Date,
    /// Why this template applies.
    pub explanation: String,
    pub lead_agency_id: i64,
    pub lead_agency_code: String,
    #[serde(skip)]
    pub lead_agency_path: String,
    pub request_id: Option<i64>,
    pub request_reference: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    /// in_progress, approved or rejected.
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Dossier {
    /// Why the dossier follows its procedure: the decision, its date and the forces it
    /// sends, under the procedure's legal basis.
    pub fn basis(&self) -> bluehelm_domain::message::Message {
        bluehelm_domain::message::Message::new("dispatch.choice")
            .term("decision", "decision", self.decision.clone())
            .date("dated", self.dated)
            .term("category", "category", self.category.clone())
            .text("basis", self.legal_basis.clone())
    }

    pub fn status(&self) -> DossierStatus {
        DossierStatus::parse(&self.status).unwrap_or(DossierStatus::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierStep {
    pub id: i64,
    pub dossier_id: i64,
    /// The template's step it follows.
    pub step_id: i64,
    pub seq: i64,
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    pub agency_id: i64,
    pub agency_code: String,
    pub role: String,
    pub limit_days: i64,
    pub provision: String,
    pub documents: String,
    /// waiting, active, approved or rejected.
    pub status: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub active_since: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    pub comment: Option<String>,
}

impl DossierStep {
    pub fn status(&self) -> StepStatus {
        StepStatus::parse(&self.status).unwrap_or(StepStatus::Waiting)
    }

    pub fn required_documents(&self) -> Vec<String> {
        self.documents
            .split(',')
            .filter(|kind| !kind.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierEvent {
    pub id: i64,
    pub step_code: Option<String>,
    pub step_name_vi: Option<String>,
    pub step_name_en: Option<String>,
    /// `opened`, `document` (a document attached), or the step's action (`approve`, …).
    pub action: String,
    pub user_name: Option<String>,
    pub comment: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl DossierEvent {
    /// The step's name in `lang`, for an event of a step.
    pub fn step_name(&self, lang: bluehelm_domain::lang::Lang) -> Option<&str> {
        match lang {
            bluehelm_domain::lang::Lang::Vi => self.step_name_vi.as_deref(),
            bluehelm_domain::lang::Lang::En => self.step_name_en.as_deref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierDocument {
    pub id: i64,
    pub dossier_id: i64,
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// One open step of a dossier in progress, for the "where dossiers wait" dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingStep {
    pub dossier_id: i64,
    pub title: String,
    pub step_code: String,
    pub step_name_en: String,
    pub step_name_vi: String,
    pub agency_code: String,
    pub role: String,
    pub limit_days: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub active_since: OffsetDateTime,
}

/// A new dossier's step: the template step, who decides it, and its opening status.
pub struct NewStep {
    pub step_id: i64,
    pub seq: i64,
    pub agency_id: i64,
    pub role: String,
    pub limit_days: i64,
    pub status: StepStatus,
}

/// A new dossier, its template already chosen.
pub struct NewDossier {
    pub template_id: i64,
    pub title: String,
    pub category: ForceCategory,
    pub decision: DecisionType,
    pub dated: Date,
    pub explanation: String,
    pub lead_agency_id: i64,
    pub request_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub person_ids: Vec<i64>,
    pub steps: Vec<NewStep>,
    /// When it was opened: now, except for records of past procedures.
    pub opened_at: OffsetDateTime,
}

const DOSSIER_COLUMNS: &str =
    "d.id, d.template_id, t.code as template_code, t.legal_basis, d.title, \
     d.category, d.decision, d.dated, d.explanation, d.lead_agency_id, g.code as lead_agency_code, \
     g.path as lead_agency_path, d.request_id, r.reference as request_reference, d.unit_id, \
     u.name as unit_name, d.status, d.created_at \
     from dossier d join workflow_template t on t.id = d.template_id \
     join agency g on g.id = d.lead_agency_id \
     left join un_request r on r.id = d.request_id left join formed_unit u on u.id = d.unit_id";

const STEP_COLUMNS: &str = "s.id, s.dossier_id, s.step_id, s.seq, w.code, w.name_en, w.name_vi, s.agency_id, \
     g.code as agency_code, s.role, s.limit_days, w.provision, w.documents, s.status, s.active_since, \
     s.decided_at, s.comment \
     from dossier_step s join workflow_step w on w.id = s.step_id join agency g on g.id = s.agency_id";

impl Store {
    /// Loads the seeded procedures a database lacks: the active ones, and those seeded as
    /// drafts until their legal basis is confirmed. A procedure already held, in any
    /// version, is left alone, so this runs at every start.
    pub async fn seed_templates(&self) -> Result<()> {
        let held: Vec<String> = on_pool!(&self.db, pool => {
            sqlx::query_scalar("select distinct procedure from workflow_template").fetch_all(pool).await
        })?;
        let missing: Vec<(&TemplateSeed, VersionStatus)> = TEMPLATES
            .iter()
            .map(|template| (template, VersionStatus::Active))
            .chain(
                DRAFT_TEMPLATES
                    .iter()
                    .map(|template| (template, VersionStatus::Draft)),
            )
            .filter(|(template, _)| !held.iter().any(|code| code == template.code))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write(Actor::SYSTEM).await?;
        for (template, status) in missing {
            let join = |values: Vec<&str>| values.join(",");
            let categories = join(template.categories.iter().map(|c| c.as_str()).collect());
            let decisions = join(template.decisions.iter().map(|d| d.as_str()).collect());
            let activated_at = (status == VersionStatus::Active).then(now);
            let id: i64 = on_tx!(&mut tx.tx, conn => {
                sqlx::query_scalar(
                    "insert into workflow_template (code, name_en, name_vi, legal_basis, valid_from, valid_to, \
                     categories, decisions, created_at, procedure, status, activated_at) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1, $10, $11) returning id",
                )
                .bind(template.code).bind(template.name_en).bind(template.name_vi).bind(template.legal_basis)
                .bind(template.valid_from).bind(template.valid_to).bind(&categories).bind(&decisions).bind(now())
                .bind(status.as_str()).bind(activated_at)
                .fetch_one(conn).await
            })?;
            for step in template.steps {
                let documents = step.documents.join(",");
                on_tx!(&mut tx.tx, conn => {
                    sqlx::query(
                        "insert into workflow_step (template_id, seq, code, name_en, name_vi, agency_code, role, \
                         limit_days, provision, documents) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(id).bind(i64::from(step.seq)).bind(step.code).bind(step.name_en).bind(step.name_vi)
                    .bind(step.agency).bind(step.role.as_str()).bind(i64::from(step.limit_days))
                    .bind(step.provision).bind(&documents)
                    .execute(conn).await.map(|done| done.rows_affected())
                })?;
            }
            tx.audit(
                AuditAction::Create,
                "workflow_template",
                Some(id.to_string()),
                None::<&()>,
                Some(&serde_json::json!({
                    "code": template.code, "status": status.as_str(), "steps": template.steps.len(),
                })),
            )
            .await?;
        }
        tx.commit().await
    }

    pub async fn templates(&self) -> Result<Vec<Template>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&format!(
                "select {TEMPLATE_COLUMNS} from workflow_template order by valid_from, procedure, version"
            ))
            .fetch_all(pool).await
        })?)
    }

    pub async fn template_steps(&self, template_id: i64) -> Result<Vec<TemplateStep>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, template_id, seq, code, name_en, name_vi, agency_code, role, limit_days, provision, \
                 documents from workflow_step where template_id = $1 order by seq, id",
            )
            .bind(template_id).fetch_all(pool).await
        })?)
    }

    /// Dossiers (of one request, with `request_id`), those in progress first, newest first
    /// within each.
    pub async fn dossiers(&self, request_id: Option<i64>) -> Result<Vec<Dossier>> {
        let filter = if request_id.is_some() {
            "where d.request_id = $1"
        } else {
            ""
        };
        let sql = format!(
            "select {DOSSIER_COLUMNS} {filter} \
             order by case when d.status = 'in_progress' then 0 else 1 end, d.id desc limit 500"
        );
        Ok(on_pool!(&self.db, pool => {
            let query = sqlx::query_as(&sql);
            match request_id {
                Some(id) => query.bind(id).fetch_all(pool).await,
                None => query.fetch_all(&mut *pool).await,
            }
        })?)
    }

    /// The keys the dossier list sorts by; the first is the default.
    pub const DOSSIER_SORT: &'static [(&'static str, &'static str)] = &[
        ("dated", "d.dated"),
        ("title", "d.title"),
        ("decision", "d.decision"),
        ("status", "d.status"),
    ];

    /// One page of every dossier, in the order asked for (the newest first by default).
    pub async fn dossiers_page(&self, sort: Sort, page: PageRequest) -> Result<Page<Dossier>> {
        let sql = format!(
            "select {DOSSIER_COLUMNS} order by {}, d.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = sqlx::query_scalar("select count(*) from dossier")
                .fetch_one(&mut *pool).await?;
            let items: Vec<Dossier> = sqlx::query_as(&sql)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    pub async fn dossier(&self, id: i64) -> Result<Dossier> {
        let sql = format!("select {DOSSIER_COLUMNS} where d.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn dossier_steps(&self, dossier_id: i64) -> Result<Vec<DossierStep>> {
        let sql = format!("select {STEP_COLUMNS} where s.dossier_id = $1 order by s.seq, s.id");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(dossier_id).fetch_all(pool).await)?)
    }

    pub async fn dossier_events(&self, dossier_id: i64) -> Result<Vec<DossierEvent>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select e.id, w.code as step_code, w.name_vi as step_name_vi, w.name_en as step_name_en, \
                 e.action, coalesce(a.display_name, a.username) as user_name, e.comment, e.at \
                 from dossier_event e left join dossier_step s on s.id = e.dossier_step_id \
                 left join workflow_step w on w.id = s.step_id left join account a on a.id = e.account_id \
                 where e.dossier_id = $1 order by e.id",
            )
            .bind(dossier_id).fetch_all(pool).await
        })?)
    }

    pub async fn dossier_documents(&self, dossier_id: i64) -> Result<Vec<DossierDocument>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, dossier_id, kind, file_name, content_type, size, sha256, uploaded_at \
                 from dossier_document where dossier_id = $1 order by id",
            )
            .bind(dossier_id).fetch_all(pool).await
        })?)
    }

    /// A document's description and content.
    pub async fn dossier_document(
        &self,
        dossier_id: i64,
        id: i64,
    ) -> Result<(DossierDocument, Vec<u8>)> {
        let document: DossierDocument = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, dossier_id, kind, file_name, content_type, size, sha256, uploaded_at \
                 from dossier_document where dossier_id = $1 and id = $2",
            )
            .bind(dossier_id).bind(id).fetch_one(pool).await
        })?;
        let content: Vec<u8> = on_pool!(&self.db, pool => {
            sqlx::query_scalar("select content from dossier_document where id = $1")
                .bind(id).fetch_one(pool).await
        })?;
        Ok((document, content))
    }

    /// The people a dossier for individuals names.
    pub async fn dossier_people(&self, dossier_id: i64) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("select person_id from dossier_person where dossier_id = $1 order by person_id")
                .bind(dossier_id).fetch_all(pool).await
        })?)
    }

    /// Every open step of the dossiers in progress, the longest waiting first.
    pub async fn waiting_steps(&self) -> Result<Vec<WaitingStep>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select s.dossier_id, d.title, w.code as step_code, w.name_en as step_name_en, \
                 w.name_vi as step_name_vi, g.code as agency_code, s.role, s.limit_days, s.active_since \
                 from dossier_step s join dossier d on d.id = s.dossier_id \
                 join workflow_step w on w.id = s.step_id join agency g on g.id = s.agency_id \
                 where s.status = 'active' and d.status = 'in_progress' \
                 order by s.active_since, s.id",
            )
            .fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    pub async fn create_dossier(&mut self, dossier: &NewDossier) -> Result<i64> {
        let at = dossier.opened_at;
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into dossier (template_id, title, category, decision, dated, explanation, lead_agency_id, \
                 request_id, unit_id, status, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id",
            )
            .bind(dossier.template_id).bind(&dossier.title).bind(dossier.category.as_str())
            .bind(dossier.decision.as_str()).bind(dossier.dated).bind(&dossier.explanation)
            .bind(dossier.lead_agency_id).bind(dossier.request_id).bind(dossier.unit_id)
            .bind(DossierStatus::InProgress.as_str()).bind(at)
            .fetch_one(conn).await
        })?;
        for step in &dossier.steps {
            let active_since = (step.status == StepStatus::Active).then_some(at);
            on_tx!(&mut self.tx, conn => {
                sqlx::query(
                    "insert into dossier_step (dossier_id, step_id, seq, agency_id, role, limit_days, status, active_since) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id).bind(step.step_id).bind(step.seq).bind(step.agency_id).bind(&step.role)
                .bind(step.limit_days).bind(step.status.as_str()).bind(active_since)
                .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        for person_id in &dossier.person_ids {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("insert into dossier_person (dossier_id, person_id) values ($1, $2)")
                    .bind(id).bind(person_id).execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        self.dossier_event(id, None, "opened", None, at).await?;
        let after = serde_json::json!({
            "template_id": dossier.template_id, "title": dossier.title,
            "category": dossier.category.as_str(), "decision": dossier.decision.as_str(),
            "dated": dossier.dated, "lead_agency_id": dossier.lead_agency_id,
            "request_id": dossier.request_id, "unit_id": dossier.unit_id, "people": dossier.person_ids,
        });
        self.audit_insert("dossier", id, &after).await?;
        Ok(id)
    }

    async fn dossier_event(
        &mut self,
        dossier_id: i64,
        step_id: Option<i64>,
        action: &str,
        comment: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<()> {
        let account = self.actor.user_id;
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "insert into dossier_event (dossier_id, dossier_step_id, action, account_id, comment, at) \
                 values ($1, $2, $3, $4, $5, $6)",
            )
            .bind(dossier_id).bind(step_id).bind(action).bind(account).bind(comment).bind(at)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// The dossier's status and steps as this transaction sees them: writers are serialised
    /// on the audit head, so nobody changes them before this transaction commits.
    pub async fn dossier_state(
        &mut self,
        dossier_id: i64,
    ) -> Result<(DossierStatus, Vec<DossierStep>)> {
        let status: String = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select status from dossier where id = $1").bind(dossier_id).fetch_one(conn).await
        })?;
        let sql = format!("select {STEP_COLUMNS} where s.dossier_id = $1 order by s.seq, s.id");
        let steps = on_tx!(&mut self.tx, conn => sqlx::query_as(&sql).bind(dossier_id).fetch_all(conn).await)?;
        Ok((
            DossierStatus::parse(&status).unwrap_or(DossierStatus::InProgress),
            steps,
        ))
    }

    /// The kinds of document attached to a dossier, inside this transaction.
    pub async fn attached_kinds(&mut self, dossier_id: i64) -> Result<Vec<String>> {
        Ok(on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select distinct kind from dossier_document where dossier_id = $1")
                .bind(dossier_id).fetch_all(conn).await
        })?)
    }

    /// Writes a step decision: the decided step, every step whose status the transition
    /// changes (opened steps start their clock now), the dossier's status, the history
    /// line and the audit entry. `at` is the moment of the decision (now, except for
    /// records of past procedures).
    #[allow(clippy::too_many_arguments)]
    pub async fn apply_step_action(
        &mut self,
        dossier_id: i64,
        steps: &[DossierStep],
        index: usize,
        action: StepAction,
        comment: Option<&str>,
        transition: &Transition,
        at: OffsetDateTime,
    ) -> Result<()> {
        let decided = &steps[index];
        for (step, status) in steps.iter().zip(&transition.steps) {
            let changed = step.status() != *status;
            let is_decided = step.id == decided.id;
            if !changed && !is_decided {
                continue;
            }
            let active_since = (*status == StepStatus::Active).then_some(at);
            on_tx!(&mut self.tx, conn => {
                sqlx::query("update dossier_step set status = $2, active_since = $3 where id = $1")
                    .bind(step.id).bind(status.as_str()).bind(active_since)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let decider = self.actor.user_id;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update dossier_step set decided_by = $2, decided_at = $3, comment = $4 where id = $1")
                .bind(decided.id).bind(decider).bind(at).bind(comment)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update dossier set status = $2, updated_at = $3 where id = $1")
                .bind(dossier_id).bind(transition.dossier.as_str()).bind(at)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.dossier_event(dossier_id, Some(decided.id), action.as_str(), comment, at)
            .await?;
        let before = serde_json::json!({ "step": decided.code, "status": decided.status });
        let after = serde_json::json!({
            "step": decided.code, "action": action.as_str(), "comment": comment,
            "dossier_status": transition.dossier.as_str(),
        });
        self.audit(
            AuditAction::Update,
            "dossier",
            Some(dossier_id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn attach_document(
        &mut self,
        dossier_id: i64,
        kind: &str,
        file_name: &str,
        content_type: &str,
        content: &[u8],
        sha256: &str,
    ) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into dossier_document (dossier_id, kind, file_name, content_type, size, sha256, content, \
                 uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
            )
            .bind(dossier_id).bind(kind).bind(file_name).bind(content_type)
            .bind(content.len() as i64).bind(sha256).bind(content).bind(self.actor.user_id).bind(now())
            .fetch_one(conn).await
        })?;
        self.dossier_event(dossier_id, None, "document", Some(file_name), now())
            .await?;
        let after = serde_json::json!({
            "dossier_id": dossier_id, "kind": kind, "file_name": file_name,
            "content_type": content_type, "size": content.len(), "sha256": sha256,
        });
        self.audit_insert("dossier_document", id, &after).await?;
        Ok(id)
    }
}
