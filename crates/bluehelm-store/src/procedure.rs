//! The versions of the dispatch templates in storage: a draft is written whole (its terms,
//! its steps and their citations) in one transaction, and activation cuts or retires the
//! versions it takes over from. The rules are `bluehelm_domain::procedure`'s.

use std::collections::BTreeSet;

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::procedure::{cut_period, TemplateDraft, VersionStatus};
use time::Date;

use crate::dossier::{Template, TEMPLATE_COLUMNS};
use crate::{now, on_pool, on_tx, Result, Store, StoreError, WriteTx};

impl Store {
    pub async fn template(&self, id: i64) -> Result<Template> {
        let sql = format!("select {TEMPLATE_COLUMNS} from workflow_template where id = $1");
        on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
            .ok_or(StoreError::NotFound)
    }

    /// The versions of one procedure, newest first.
    pub async fn template_versions(&self, procedure: &str) -> Result<Vec<Template>> {
        let sql = format!(
            "select {TEMPLATE_COLUMNS} from workflow_template where procedure = $1 order by version desc"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(procedure).fetch_all(pool).await)?)
    }

    /// The codes of every agency, for checking the steps of a draft.
    pub async fn agency_codes(&self) -> Result<BTreeSet<String>> {
        let codes: Vec<String> = on_pool!(&self.db, pool => {
            sqlx::query_scalar("select code from agency").fetch_all(pool).await
        })?;
        Ok(codes.into_iter().collect())
    }
}

fn joined<T: AsRef<str>>(values: impl Iterator<Item = T>) -> String {
    values
        .map(|value| value.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(",")
}

impl WriteTx {
    /// Audits a change of a version's row: its draft written, its activation, or its
    /// period cut by a later version.
    async fn audit_version_change(&mut self, id: i64, values: &serde_json::Value) -> Result<()> {
        self.audit(
            AuditAction::Update,
            "workflow_template",
            Some(id.to_string()),
            None::<&()>,
            Some(values),
        )
        .await
    }

    /// Adds a draft version of `procedure` copied from `based_on`; its terms and steps are
    /// written by [`WriteTx::write_template_draft`].
    pub async fn add_template_version(
        &mut self,
        procedure: &str,
        based_on: i64,
        draft: &TemplateDraft,
        legal_basis: &str,
    ) -> Result<i64> {
        let version: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select coalesce(max(version), 0) + 1 from workflow_template where procedure = $1")
                .bind(procedure).fetch_one(conn).await
        })?;
        let code = format!("{procedure}-v{version}");
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into workflow_template (code, name_en, name_vi, legal_basis, valid_from, valid_to, \
                 categories, decisions, created_at, procedure, version, status, based_on_id) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12) returning id",
            )
            .bind(&code).bind(&draft.name_en).bind(&draft.name_vi).bind(legal_basis)
            .bind(draft.valid_from).bind(draft.valid_to)
            .bind(joined(draft.categories.iter().map(|c| c.as_str())))
            .bind(joined(draft.decisions.iter().map(|d| d.as_str())))
            .bind(now()).bind(procedure).bind(version).bind(based_on)
            .fetch_one(conn).await
        })?;
        let values = serde_json::json!({
            "code": code, "procedure": procedure, "version": version, "based_on_id": based_on,
        });
        self.audit_insert("workflow_template", id, &values).await?;
        Ok(id)
    }

    /// Writes a draft's terms, steps and citations over what it had. `provisions` are the
    /// steps' free-text provisions, in order, as the dossier pages fall back on them.
    /// False, and nothing written, when the version is no longer a draft.
    pub async fn write_template_draft(
        &mut self,
        id: i64,
        draft: &TemplateDraft,
        legal_basis: &str,
        provisions: &[String],
    ) -> Result<bool> {
        let status: Option<String> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select status from workflow_template where id = $1")
                .bind(id).fetch_optional(conn).await
        })?;
        match status.as_deref() {
            None => return Err(StoreError::NotFound),
            Some(status) if status != VersionStatus::Draft.as_str() => return Ok(false),
            Some(_) => {}
        }
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update workflow_template set name_en = $2, name_vi = $3, legal_basis = $4, valid_from = $5, \
                 valid_to = $6, categories = $7, decisions = $8 where id = $1",
            )
            .bind(id).bind(&draft.name_en).bind(&draft.name_vi).bind(legal_basis)
            .bind(draft.valid_from).bind(draft.valid_to)
            .bind(joined(draft.categories.iter().map(|c| c.as_str())))
            .bind(joined(draft.decisions.iter().map(|d| d.as_str())))
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let old_steps: Vec<i64> = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar("select id from workflow_step where template_id = $1")
                .bind(id).fetch_all(conn).await
        })?;
        for step in &old_steps {
            self.cite("workflow_step", *step, draft.valid_from, &[])
                .await?;
        }
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from workflow_step where template_id = $1")
                .bind(id).execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.cite("workflow_template", id, draft.valid_from, &draft.basis)
            .await?;
        for (step, provision) in draft.steps.iter().zip(provisions) {
            let step_id: i64 = on_tx!(&mut self.tx, conn => {
                sqlx::query_scalar(
                    "insert into workflow_step (template_id, seq, code, name_en, name_vi, agency_code, role, \
                     limit_days, provision, documents) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
                )
                .bind(id).bind(i64::from(step.seq)).bind(&step.code).bind(&step.name_en).bind(&step.name_vi)
                .bind(&step.agency).bind(step.role.as_str()).bind(i64::from(step.limit_days))
                .bind(provision).bind(step.documents.join(","))
                .fetch_one(conn).await
            })?;
            self.cite("workflow_step", step_id, draft.valid_from, &step.provision)
                .await?;
        }
        let steps: Vec<serde_json::Value> = draft
            .steps
            .iter()
            .map(|step| {
                serde_json::json!({
                    "seq": step.seq, "code": step.code, "agency": step.agency,
                    "role": step.role.as_str(), "limit_days": step.limit_days,
                    "documents": step.documents,
                })
            })
            .collect();
        let values = serde_json::json!({
            "valid_from": draft.valid_from, "valid_to": draft.valid_to,
            "legal_basis": legal_basis, "steps": steps,
        });
        self.audit_version_change(id, &values).await?;
        Ok(true)
    }

    /// Makes a draft the active version from its first day: the other active versions of
    /// its procedure end the day before, or retire when it covers all of their period.
    /// False, and nothing written, when the version is no longer a draft.
    pub async fn activate_template(&mut self, id: i64) -> Result<bool> {
        let row: Option<(String, String, Date)> = on_tx!(&mut self.tx, conn => {
            sqlx::query_as("select procedure, status, valid_from from workflow_template where id = $1")
                .bind(id).fetch_optional(conn).await
        })?;
        let Some((procedure, status, from)) = row else {
            return Err(StoreError::NotFound);
        };
        if status != VersionStatus::Draft.as_str() {
            return Ok(false);
        }
        let others: Vec<(i64, Date, Option<Date>)> = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "select id, valid_from, valid_to from workflow_template \
                 where procedure = $1 and status = 'active' and id <> $2",
            )
            .bind(&procedure).bind(id).fetch_all(conn).await
        })?;
        for (other, valid_from, valid_to) in others {
            let (status, valid_to) = match cut_period(valid_from, valid_to, from) {
                Some(cut) => (VersionStatus::Active, cut),
                None => (VersionStatus::Retired, valid_to),
            };
            on_tx!(&mut self.tx, conn => {
                sqlx::query("update workflow_template set status = $2, valid_to = $3 where id = $1")
                    .bind(other).bind(status.as_str()).bind(valid_to)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
            let values = serde_json::json!({ "status": status.as_str(), "valid_to": valid_to, "taken_over_by": id });
            self.audit_version_change(other, &values).await?;
        }
        let at = now();
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update workflow_template set status = 'active', activated_at = $2 where id = $1")
                .bind(id).bind(at).execute(conn).await.map(|done| done.rows_affected())
        })?;
        let values = serde_json::json!({ "status": "active", "activated_at": at });
        self.audit_version_change(id, &values).await?;
        Ok(true)
    }
}
