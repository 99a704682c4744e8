//! Police officers' Assessments for Mission Service in storage: one row per part taken.

use bluehelm_domain::assessment::AssessmentDraft;
use serde::Serialize;
use time::Date;

use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessedPart {
    pub id: i64,
    pub person_id: i64,
    pub assessed_on: Date,
    /// english_reading, english_listening, english_writing, english_interview,
    /// competency_interview, driving or firearms.
    pub part: String,
    pub score: i64,
    pub pass_mark: i64,
}

impl AssessedPart {
    pub fn passed(&self) -> bool {
        self.score >= self.pass_mark
    }
}

impl Store {
    /// A person's assessed parts, the latest assessment first, its parts in their order.
    pub async fn police_assessments(&self, person_id: i64) -> Result<Vec<AssessedPart>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, person_id, assessed_on, part, score, pass_mark from police_assessment \
                 where person_id = $1 order by assessed_on desc, id",
            )
            .bind(person_id).fetch_all(pool).await
        })?)
    }
}

impl WriteTx {
    /// Records each part of an assessment; a part already recorded for that person and day
    /// is refused as a duplicate.
    pub async fn add_police_assessment(
        &mut self,
        person_id: i64,
        draft: &AssessmentDraft,
    ) -> Result<()> {
        let at = now();
        for part in &draft.parts {
            let id: i64 = on_tx!(&mut self.tx, conn => {
                sqlx::query_scalar(
                    "insert into police_assessment (person_id, assessed_on, part, score, pass_mark, created_at) \
                     values ($1, $2, $3, $4, $5, $6) returning id",
                )
                .bind(person_id).bind(draft.assessed_on).bind(part.part.as_str())
                .bind(i64::from(part.score)).bind(i64::from(part.pass_mark)).bind(at)
                .fetch_one(conn).await
            })?;
            let after = serde_json::json!({
                "person_id": person_id, "assessed_on": draft.assessed_on, "part": part.part.as_str(),
                "score": part.score, "pass_mark": part.pass_mark,
            });
            self.audit_insert("police_assessment", id, &after).await?;
        }
        Ok(())
    }
}
