//! Training courses and enrolments in storage. A recorded pass of a course that awards a
//! qualification writes that qualification in the same transaction.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::records::QualificationDraft;
use bluehelm_domain::training::{awarded_until, CourseDraft, EnrolmentStatus, ResultDraft};
use serde::Serialize;
use time::Date;

use crate::agency::subtree_range;
use crate::{now, on_pool, on_tx, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Course {
    pub id: i64,
    pub agency_id: i64,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    pub title: String,
    pub provider: String,
    pub place: Option<String>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: i64,
    /// The code of the qualification a pass awards, if any.
    pub qualification: Option<String>,
    #[serde(skip)]
    pub qualification_kind_id: Option<i64>,
    #[serde(skip)]
    pub validity_months: Option<i64>,
    /// Enrolments that hold a seat (everyone but those withdrawn).
    pub seats_taken: i64,
}

impl Course {
    pub fn owner(&self) -> AgencyPath {
        AgencyPath::from_stored(self.agency_path.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    pub id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub agency_code: String,
    /// enrolled, passed, failed or withdrawn.
    pub status: String,
    pub score: Option<String>,
    pub result_on: Option<Date>,
    /// The qualification a pass recorded.
    pub qualification_id: Option<i64>,
}

impl Enrolment {
    pub fn full_name(&self) -> String {
        bluehelm_domain::person::full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

const COURSE_COLUMNS: &str = "c.id, c.agency_id, g.code as agency_code, g.path as agency_path, \
     c.title, c.provider, c.place, c.starts_on, c.ends_on, c.capacity, \
     k.code as qualification, c.qualification_kind_id, k.validity_months, \
     (select count(*) from enrolment e where e.course_id = c.id and e.status <> 'withdrawn') as seats_taken \
     from training_course c join agency g on g.id = c.agency_id \
     left join qualification_kind k on k.id = c.qualification_kind_id";

const ENROLMENT_COLUMNS: &str = "e.id, e.course_id, c.title as course_title, e.person_id, \
     p.family_name, p.middle_name, p.given_name, g.code as agency_code, e.status, e.score, \
     e.result_on, e.qualification_id \
     from enrolment e join training_course c on c.id = e.course_id \
     join person p on p.id = e.person_id join agency g on g.id = p.agency_id";

impl Store {
    /// Courses ending on or after `from`, soonest first; all courses, newest first, without.
    pub async fn courses(&self, from: Option<Date>) -> Result<Vec<Course>> {
        let sql = match from {
            Some(_) => format!(
                "select {COURSE_COLUMNS} where c.ends_on >= $1 order by c.starts_on, c.id limit 500"
            ),
            None => {
                format!("select {COURSE_COLUMNS} order by c.starts_on desc, c.id desc limit 500")
            }
        };
        Ok(on_pool!(&self.db, pool => {
            let query = sqlx::query_as(&sql);
            match from {
                Some(day) => query.bind(day).fetch_all(pool).await,
                None => query.fetch_all(pool).await,
            }
        })?)
    }

    pub async fn course(&self, id: i64) -> Result<Course> {
        let sql = format!("select {COURSE_COLUMNS} where c.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    /// The course's enrolments of people within `within` (everybody when `None`), by name.
    pub async fn enrolments(
        &self,
        course_id: i64,
        within: Option<&AgencyPath>,
    ) -> Result<Vec<Enrolment>> {
        let (low, high) = within
            .map(subtree_range)
            .unwrap_or_else(|| (String::new(), "\u{10FFFF}".to_owned()));
        let sql = format!(
            "select {ENROLMENT_COLUMNS} where e.course_id = $1 and g.path >= $2 and g.path < $3 \
             order by p.name_sort, p.id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(course_id).bind(&low).bind(&high).fetch_all(pool).await
        })?)
    }

    /// A person's enrolments, the latest course first.
    pub async fn person_enrolments(&self, person_id: i64) -> Result<Vec<Enrolment>> {
        let sql = format!(
            "select {ENROLMENT_COLUMNS} where e.person_id = $1 order by c.starts_on desc, e.id desc"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(person_id).fetch_all(pool).await)?)
    }

    pub async fn enrolment(&self, id: i64) -> Result<Enrolment> {
        let sql = format!("select {ENROLMENT_COLUMNS} where e.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }
}

impl WriteTx {
    pub async fn create_course(
        &mut self,
        agency_id: i64,
        draft: &CourseDraft,
        qualification_kind_id: Option<i64>,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into training_course (agency_id, title, provider, place, starts_on, ends_on, capacity, \
                 qualification_kind_id, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                 returning id",
            )
            .bind(agency_id).bind(&draft.title).bind(&draft.provider).bind(&draft.place)
            .bind(draft.starts_on).bind(draft.ends_on).bind(i64::from(draft.capacity))
            .bind(qualification_kind_id).bind(at)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "agency_id": agency_id, "title": draft.title, "provider": draft.provider,
            "place": draft.place, "starts_on": draft.starts_on, "ends_on": draft.ends_on,
            "capacity": draft.capacity, "qualification": draft.qualification,
        });
        self.audit_insert("training_course", id, &after).await?;
        Ok(id)
    }

    /// Corrects a course's facts; the organising agency and the enrolments stay.
    pub async fn update_course(
        &mut self,
        before: &Course,
        draft: &CourseDraft,
        qualification_kind_id: Option<i64>,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update training_course set title = $2, provider = $3, place = $4, starts_on = $5, ends_on = $6, \
                 capacity = $7, qualification_kind_id = $8, updated_at = $9 where id = $1",
            )
            .bind(before.id).bind(&draft.title).bind(&draft.provider).bind(&draft.place)
            .bind(draft.starts_on).bind(draft.ends_on).bind(i64::from(draft.capacity))
            .bind(qualification_kind_id).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let was = serde_json::json!({
            "agency_id": before.agency_id, "title": before.title, "provider": before.provider,
            "place": before.place, "starts_on": before.starts_on, "ends_on": before.ends_on,
            "capacity": before.capacity, "qualification": before.qualification,
        });
        let after = serde_json::json!({
            "agency_id": before.agency_id, "title": draft.title, "provider": draft.provider,
            "place": draft.place, "starts_on": draft.starts_on, "ends_on": draft.ends_on,
            "capacity": draft.capacity, "qualification": draft.qualification,
        });
        self.audit(
            bluehelm_domain::audit::AuditAction::Update,
            "training_course",
            Some(before.id.to_string()),
            Some(&was),
            Some(&after),
        )
        .await
    }

    /// Seats taken on the course, counted inside this transaction: writers are serialised
    /// on the audit head, so the count cannot change before the enrolment commits.
    pub async fn seats_taken(&mut self, course_id: i64) -> Result<i64> {
        Ok(on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "select count(*) from enrolment where course_id = $1 and status <> 'withdrawn'",
            )
            .bind(course_id).fetch_one(conn).await
        })?)
    }

    pub async fn enrol(&mut self, course_id: i64, person_id: i64) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into enrolment (course_id, person_id, status, created_at, updated_at) \
                 values ($1, $2, $3, $4, $4) returning id",
            )
            .bind(course_id).bind(person_id).bind(EnrolmentStatus::Enrolled.as_str()).bind(at)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({ "course_id": course_id, "person_id": person_id });
        self.audit_insert("enrolment", id, &after).await?;
        Ok(id)
    }

    /// Records the outcome of an enrolment still open (`Duplicate` when a result is already
    /// there, even one recorded a moment ago by someone else). A pass of a course that
    /// awards a qualification adds it to the person's record, issued on the result day.
    pub async fn record_result(
        &mut self,
        enrolment: &Enrolment,
        course: &Course,
        result: &ResultDraft,
    ) -> Result<Option<i64>> {
        let updated = on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update enrolment set status = $2, score = $3, result_on = $4, updated_at = $5 \
                 where id = $1 and status = $6",
            )
            .bind(enrolment.id).bind(result.outcome.as_str()).bind(&result.score)
            .bind(result.result_on).bind(now()).bind(EnrolmentStatus::Enrolled.as_str())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if updated == 0 {
            return Err(StoreError::Duplicate);
        }
        let awarded = match (result.outcome, course.qualification_kind_id) {
            (EnrolmentStatus::Passed, Some(kind_id)) => {
                let draft = QualificationDraft {
                    kind: course.qualification.clone().unwrap_or_default(),
                    issued_on: result.result_on,
                    expires_on: awarded_until(result.result_on, course.validity_months),
                    reference: Some(format!("course {}", course.id)),
                };
                let id = self
                    .add_qualification(enrolment.person_id, kind_id, &draft)
                    .await?;
                on_tx!(&mut self.tx, conn => {
                    sqlx::query("update enrolment set qualification_id = $2 where id = $1")
                        .bind(enrolment.id).bind(id).execute(conn).await.map(|done| done.rows_affected())
                })?;
                Some(id)
            }
            _ => None,
        };
        let before = serde_json::json!({ "status": enrolment.status });
        let after = serde_json::json!({
            "status": result.outcome.as_str(), "score": result.score,
            "result_on": result.result_on, "qualification_id": awarded,
        });
        self.audit(
            AuditAction::Update,
            "enrolment",
            Some(enrolment.id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(awarded)
    }
}
