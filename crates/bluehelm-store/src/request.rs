//! The UN's requests in storage: each with its positions (their eligibility requirements) and
//! nominations.

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::eligibility::{Requirements, Tour};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::person::PersonStatus;
use bluehelm_domain::request::{
    person_status_after_nominations, NominationStatus, RequestDraft, RequestStatus,
};
use serde::Serialize;
use time::Date;

use crate::conditions::page_sql;
use crate::{now, on_pool, on_tx, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnRequest {
    pub id: i64,
    pub reference: String,
    pub mission_id: i64,
    pub mission_code: String,
    pub personnel_type: String,
    pub received_on: Date,
    pub nomination_deadline: Date,
    pub tour_start: Date,
    pub tour_months: i64,
    /// received, answered, nominated, selected, declined or closed.
    pub status: String,
    pub note: Option<String>,
    /// Positions requested, counting each position's number of posts.
    pub posts: i64,
    pub nominations: i64,
}

impl UnRequest {
    pub fn tour(&self) -> Tour {
        Tour {
            start: self.tour_start,
            months: u32::try_from(self.tour_months).unwrap_or(12),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestPosition {
    pub id: i64,
    pub request_id: i64,
    pub title: String,
    pub count: i64,
    /// The eligibility requirements, as JSON.
    pub requirements: String,
}

impl RequestPosition {
    pub fn requirements(&self) -> Option<Requirements> {
        serde_json::from_str(&self.requirements).ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nomination {
    pub id: i64,
    pub position_id: i64,
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub gender: String,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    pub status: String,
}

impl Nomination {
    pub fn full_name(&self) -> String {
        bluehelm_domain::person::full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

pub(crate) const REQUEST_COLUMNS: &str = "r.id, r.reference, r.mission_id, m.code as mission_code, r.personnel_type, \
     r.received_on, r.nomination_deadline, r.tour_start, r.tour_months, r.status, r.note, \
     (select cast(coalesce(sum(p.count), 0) as bigint) from request_position p where p.request_id = r.id) as posts, \
     (select count(*) from nomination n join request_position p on p.id = n.position_id \
      where p.request_id = r.id) as nominations \
     from un_request r join mission m on m.id = r.mission_id";

pub(crate) const NOMINATION_COLUMNS: &str =
    "n.id, n.position_id, n.person_id, p.family_name, p.middle_name, \
     p.given_name, p.gender, g.code as agency_code, g.path as agency_path, n.status \
     from nomination n join person p on p.id = n.person_id join agency g on g.id = p.agency_id";

impl Store {
    /// Requests, open ones first (by nomination deadline), then the rest, newest first.
    pub async fn requests(&self) -> Result<Vec<UnRequest>> {
        let sql = format!(
            "select {REQUEST_COLUMNS} order by case when r.status in ('received', 'answered') then 0 else 1 end, \
             r.nomination_deadline desc, r.id desc limit 500"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// The requests still to be answered (received, answered, or with nominations the UN
    /// has not answered yet), the nearest deadline first: a coordinator's work.
    pub async fn open_requests(&self, limit: i64) -> Result<Vec<UnRequest>> {
        let sql = format!(
            "select {REQUEST_COLUMNS} where r.status in ('received', 'answered', 'nominated') \
             order by r.nomination_deadline, r.id limit $1"
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(limit).fetch_all(&mut *pool).await)?,
        )
    }

    /// The keys the request list sorts by; the first is the default.
    pub const REQUEST_SORT: &'static [(&'static str, &'static str)] = &[
        ("deadline", "r.nomination_deadline"),
        ("reference", "r.reference"),
        ("mission", "m.code"),
        ("tour_start", "r.tour_start"),
        ("status", "r.status"),
    ];

    /// One page of the UN's requests, in the order asked for.
    pub async fn requests_page(&self, sort: Sort, page: PageRequest) -> Result<Page<UnRequest>> {
        let sql = format!(
            "select {REQUEST_COLUMNS} order by {}, r.id desc {}",
            sort.sql(),
            page_sql(page)
        );
        let (total, items) = on_pool!(&self.db, pool => {
            let total: i64 = sqlx::query_scalar("select count(*) from un_request")
                .fetch_one(&mut *pool).await?;
            let items: Vec<UnRequest> = sqlx::query_as(&sql)
                .fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((total, items))
        })?;
        Ok(Page::exact(items, total, page))
    }

    pub async fn request(&self, id: i64) -> Result<UnRequest> {
        let sql = format!("select {REQUEST_COLUMNS} where r.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn request_positions(&self, request_id: i64) -> Result<Vec<RequestPosition>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, request_id, title, count, requirements from request_position \
                 where request_id = $1 order by id",
            )
            .bind(request_id).fetch_all(pool).await
        })?)
    }

    pub async fn request_position(&self, id: i64) -> Result<RequestPosition> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as("select id, request_id, title, count, requirements from request_position where id = $1")
                .bind(id).fetch_one(pool).await
        })?)
    }

    pub async fn nomination(&self, id: i64) -> Result<Nomination> {
        let sql = format!("select {NOMINATION_COLUMNS} where n.id = $1");
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    /// The nominations for a request's positions, by position then name.
    pub async fn nominations(&self, request_id: i64) -> Result<Vec<Nomination>> {
        let sql = format!(
            "select {NOMINATION_COLUMNS} join request_position q on q.id = n.position_id \
             where q.request_id = $1 order by n.position_id, p.name_sort, p.id"
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(request_id).fetch_all(pool).await)?)
    }
}

impl WriteTx {
    /// A request and its positions, in one transaction.
    pub async fn create_request(&mut self, mission_id: i64, draft: &RequestDraft) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into un_request (reference, mission_id, personnel_type, received_on, nomination_deadline, \
                 tour_start, tour_months, status, note, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
            )
            .bind(&draft.reference).bind(mission_id).bind(draft.personnel_type.as_str())
            .bind(draft.received_on).bind(draft.nomination_deadline).bind(draft.tour.start)
            .bind(i64::from(draft.tour.months)).bind(RequestStatus::Received.as_str()).bind(&draft.note).bind(at)
            .fetch_one(conn).await
        })?;
        for position in &draft.positions {
            let requirements = serde_json::to_string(&position.requirements)
                .map_err(|error| StoreError::Database(sqlx::Error::Protocol(error.to_string())))?;
            on_tx!(&mut self.tx, conn => {
                sqlx::query(
                    "insert into request_position (request_id, title, count, requirements) values ($1, $2, $3, $4)",
                )
                .bind(id).bind(&position.title).bind(i64::from(position.count)).bind(&requirements)
                .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let after = serde_json::json!({
            "reference": draft.reference, "mission_id": mission_id,
            "personnel_type": draft.personnel_type.as_str(), "received_on": draft.received_on,
            "nomination_deadline": draft.nomination_deadline, "tour_start": draft.tour.start,
            "tour_months": draft.tour.months, "positions": draft.positions.len(),
        });
        self.audit_insert("un_request", id, &after).await?;
        Ok(id)
    }

    /// Corrects a request: its facts, its position lines (changed in place, added when
    /// they have no id) and the lines `removed`, in one transaction.
    pub async fn update_request(
        &mut self,
        before: &UnRequest,
        mission_id: i64,
        draft: &RequestDraft,
        removed: &[i64],
    ) -> Result<()> {
        let at = now();
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update un_request set reference = $2, mission_id = $3, personnel_type = $4, received_on = $5, \
                 nomination_deadline = $6, tour_start = $7, tour_months = $8, note = $9, updated_at = $10 where id = $1",
            )
            .bind(before.id).bind(&draft.reference).bind(mission_id).bind(draft.personnel_type.as_str())
            .bind(draft.received_on).bind(draft.nomination_deadline).bind(draft.tour.start)
            .bind(i64::from(draft.tour.months)).bind(&draft.note).bind(at)
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        for position in &draft.positions {
            let requirements = serde_json::to_string(&position.requirements)
                .map_err(|error| StoreError::Database(sqlx::Error::Protocol(error.to_string())))?;
            let changed = on_tx!(&mut self.tx, conn => {
                match position.id {
                    Some(id) => sqlx::query(
                        "update request_position set title = $3, count = $4, requirements = $5 \
                         where id = $1 and request_id = $2",
                    )
                    .bind(id).bind(before.id).bind(&position.title).bind(i64::from(position.count)).bind(&requirements)
                    .execute(conn).await.map(|done| done.rows_affected()),
                    None => sqlx::query(
                        "insert into request_position (request_id, title, count, requirements) values ($1, $2, $3, $4)",
                    )
                    .bind(before.id).bind(&position.title).bind(i64::from(position.count)).bind(&requirements)
                    .execute(conn).await.map(|done| done.rows_affected()),
                }
            })?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
        }
        for id in removed {
            on_tx!(&mut self.tx, conn => {
                sqlx::query("delete from request_position where id = $1 and request_id = $2")
                    .bind(*id).bind(before.id)
                    .execute(conn).await.map(|done| done.rows_affected())
            })?;
        }
        let was = serde_json::json!({
            "reference": before.reference, "mission_id": before.mission_id,
            "personnel_type": before.personnel_type, "received_on": before.received_on,
            "nomination_deadline": before.nomination_deadline, "tour_start": before.tour_start,
            "tour_months": before.tour_months, "note": before.note,
        });
        let now_is = serde_json::json!({
            "reference": draft.reference, "mission_id": mission_id,
            "personnel_type": draft.personnel_type.as_str(), "received_on": draft.received_on,
            "nomination_deadline": draft.nomination_deadline, "tour_start": draft.tour.start,
            "tour_months": draft.tour.months, "note": draft.note,
            "positions": draft.positions.len(), "positions_removed": removed,
        });
        self.audit(
            AuditAction::Update,
            "un_request",
            Some(before.id.to_string()),
            Some(&was),
            Some(&now_is),
        )
        .await
    }

    pub async fn set_request_status(
        &mut self,
        request: &UnRequest,
        status: RequestStatus,
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update un_request set status = $2, updated_at = $3 where id = $1")
                .bind(request.id).bind(status.as_str()).bind(now())
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "un_request",
            Some(request.id.to_string()),
            Some(&serde_json::json!({ "status": request.status })),
            Some(&serde_json::json!({ "status": status.as_str() })),
        )
        .await
    }

    /// `overriding` is the written reason for nominating someone the rules find ineligible.
    pub async fn nominate(
        &mut self,
        position_id: i64,
        person_id: i64,
        overriding: Option<&str>,
    ) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into nomination (position_id, person_id, status, created_at) values ($1, $2, $3, $4) returning id",
            )
            .bind(position_id).bind(person_id).bind(NominationStatus::Nominated.as_str()).bind(now())
            .fetch_one(conn).await
        })?;
        let mut after = serde_json::json!({ "position_id": position_id, "person_id": person_id });
        if let Some(reason) = overriding {
            after["ineligible_nominated_because"] = serde_json::Value::from(reason);
        }
        self.audit_insert("nomination", id, &after).await?;
        self.settle_nominee(person_id).await?;
        Ok(id)
    }

    /// Withdraws a nomination; the person is available again unless another holds them.
    pub async fn remove_nomination(&mut self, nomination: &Nomination) -> Result<()> {
        let removed = on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from nomination where id = $1 and status = $2")
                .bind(nomination.id).bind(&nomination.status)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        let before = serde_json::json!({
            "position_id": nomination.position_id, "person_id": nomination.person_id,
            "status": nomination.status,
        });
        self.audit(
            AuditAction::Delete,
            "nomination",
            Some(nomination.id.to_string()),
            Some(&before),
            None::<&()>,
        )
        .await?;
        self.settle_nominee(nomination.person_id).await
    }

    /// Records the UN's answer about a nominee; the update is conditional on the status
    /// read, so an answer recorded a moment ago by someone else is not overwritten.
    pub async fn set_nomination_status(
        &mut self,
        nomination: &Nomination,
        status: NominationStatus,
    ) -> Result<()> {
        let updated = on_tx!(&mut self.tx, conn => {
            sqlx::query("update nomination set status = $2 where id = $1 and status = $3")
                .bind(nomination.id).bind(status.as_str()).bind(&nomination.status)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        self.audit(
            AuditAction::Update,
            "nomination",
            Some(nomination.id.to_string()),
            Some(&serde_json::json!({ "status": nomination.status })),
            Some(&serde_json::json!({ "status": status.as_str() })),
        )
        .await?;
        self.settle_nominee(nomination.person_id).await
    }

    /// Moves a nominee's status to what their nominations now say
    /// (`request::person_status_after_nominations`), audited as a change of the person.
    async fn settle_nominee(&mut self, person_id: i64) -> Result<()> {
        let held = [NominationStatus::Nominated, NominationStatus::Selected];
        let (current, holding): (String, i64) = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "select p.status, (select count(*) from nomination n where n.person_id = p.id                  and n.status in ($2, $3)) from person p where p.id = $1",
            )
            .bind(person_id).bind(held[0].as_str()).bind(held[1].as_str())
            .fetch_one(conn).await
        })?;
        let Some(current) = PersonStatus::parse(&current) else {
            return Ok(());
        };
        let Some(next) = person_status_after_nominations(current, holding > 0) else {
            return Ok(());
        };
        on_tx!(&mut self.tx, conn => {
            sqlx::query("update person set status = $2, updated_at = $3 where id = $1")
                .bind(person_id).bind(next.as_str()).bind(now())
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "person",
            Some(person_id.to_string()),
            Some(&serde_json::json!({ "status": current.as_str() })),
            Some(&serde_json::json!({ "status": next.as_str() })),
        )
        .await
    }
}
