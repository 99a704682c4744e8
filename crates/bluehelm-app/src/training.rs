//! Training courses: organised by an agency, attended by people of the pool. Enrolling a
//! person needs the right to update that person; recording results needs the right to
//! update the course, and a pass adds the qualification the course awards.

use bluehelm_domain::policy::{Action, Owner, Resource, Scope};
use bluehelm_domain::training::{check_seat, CourseDraft, CourseInput, ResultDraft, ResultInput};
use bluehelm_store::training::{Course, Enrolment};
use serde::Serialize;
use time::Date;

use crate::people::{person_for, qualification_kind};
use crate::AppError;
use crate::{duplicate, Ctx};

/// A course with the enrolments of the people the caller may read.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CourseDetail {
    pub course: Course,
    pub enrolments: Vec<Enrolment>,
}

/// Courses ending on or after `from`, or every course when `from` is `None`.
pub async fn courses(ctx: &Ctx<'_>, from: Option<Date>) -> Result<Vec<Course>, AppError> {
    ctx.scope(Action::Read, Resource::Training).await?;
    Ok(ctx.store.courses(from).await?)
}

async fn course_for(ctx: &Ctx<'_>, id: i64, action: Action) -> Result<Course, AppError> {
    let course = ctx.store.course(id).await?;
    let path = course.owner();
    ctx.authorize(
        action,
        Resource::Training,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(course)
}

pub async fn course_detail(ctx: &Ctx<'_>, id: i64) -> Result<CourseDetail, AppError> {
    let course = course_for(ctx, id, Action::Read).await?;
    let enrolments = match crate::people::person_scope(ctx) {
        Some(Scope::All) => ctx.store.enrolments(id, None).await?,
        Some(Scope::Subtree(path)) => ctx.store.enrolments(id, Some(&path)).await?,
        _ => Vec::new(),
    };
    Ok(CourseDetail { course, enrolments })
}

/// Creates a course organised by the caller's agency.
pub async fn create_course(ctx: &Ctx<'_>, input: &CourseInput) -> Result<Course, AppError> {
    let draft = CourseDraft::parse(input)?;
    let own = crate::agencies::agency_path(ctx, "agency_id", ctx.principal.agency_id).await?;
    ctx.authorize(
        Action::Create,
        Resource::Training,
        &Owner {
            agency: Some(&own),
            user_id: None,
        },
        "new",
    )
    .await?;
    let kind_id = match &draft.qualification {
        Some(code) => Some(qualification_kind(ctx, "qualification", code).await?.id),
        None => None,
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_course(ctx.principal.agency_id, &draft, kind_id)
        .await?;
    tx.commit().await?;
    Ok(ctx.store.course(id).await?)
}

/// Corrects a course's facts, within the rights of its organising agency; its capacity never
/// drops below the seats already taken.
pub async fn update_course(
    ctx: &Ctx<'_>,
    id: i64,
    input: &CourseInput,
) -> Result<Course, AppError> {
    let course = course_for(ctx, id, Action::Update).await?;
    let draft = CourseDraft::parse(input)?;
    let kind_id = match &draft.qualification {
        Some(code) => Some(qualification_kind(ctx, "qualification", code).await?.id),
        None => None,
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let taken = tx.seats_taken(id).await?;
    if i64::from(draft.capacity) < taken {
        return Err(AppError::Invalid(bluehelm_domain::Invalid(vec![
            bluehelm_domain::FieldError::said(
                "capacity",
                "below_seats_taken",
                bluehelm_domain::message::Message::new("validation.capacity_below_seats_taken")
                    .number("taken", taken),
            ),
        ])));
    }
    tx.update_course(&course, &draft, kind_id).await?;
    tx.commit().await?;
    Ok(ctx.store.course(id).await?)
}

/// The course, for one who may change it (its form is theirs only).
pub async fn course_for_update(ctx: &Ctx<'_>, id: i64) -> Result<Course, AppError> {
    course_for(ctx, id, Action::Update).await
}

/// Enrols a person while the course has a free seat.
pub async fn enrol(ctx: &Ctx<'_>, course_id: i64, person_id: i64) -> Result<Enrolment, AppError> {
    let course = course_for(ctx, course_id, Action::Read).await?;
    person_for(ctx, person_id, Action::Update).await?;
    // Insert first, so that a second enrolment of the same person is named as such even
    // on a full course; the seat check then counts the others (dropping the transaction
    // undoes the insert).
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.enrol(course_id, person_id).await.map_err(duplicate(
        "person_id",
        "validation.this_person_is_already_enrolled_on_the",
    ))?;
    let others = tx.seats_taken(course_id).await? - 1;
    check_seat(
        u32::try_from(course.capacity).unwrap_or(0),
        u32::try_from(others).unwrap_or(u32::MAX),
    )
    .map_err(|error| AppError::Invalid(error.into()))?;
    tx.commit().await?;
    Ok(ctx.store.enrolment(id).await?)
}

/// Enrols the person a service and service number name, as a form gives them.
pub async fn enrol_by_service_number(
    ctx: &Ctx<'_>,
    course_id: i64,
    service: &str,
    service_number: &str,
) -> Result<Enrolment, AppError> {
    let person_id =
        crate::people::person_id_by_service_number(ctx, service, service_number).await?;
    enrol(ctx, course_id, person_id).await
}

/// Records an enrolment's outcome: passed, failed or withdrawn.
pub async fn record_result(
    ctx: &Ctx<'_>,
    course_id: i64,
    enrolment_id: i64,
    input: &ResultInput,
) -> Result<Enrolment, AppError> {
    let course = course_for(ctx, course_id, Action::Update).await?;
    let enrolment = ctx.store.enrolment(enrolment_id).await?;
    if enrolment.course_id != course_id {
        return Err(AppError::NotFound);
    }
    let draft = ResultDraft::parse(input, course.starts_on)?;
    let current = bluehelm_domain::training::EnrolmentStatus::parse(&enrolment.status)
        .ok_or(AppError::NotFound)?;
    current
        .record(draft.outcome)
        .map_err(|error| AppError::Invalid(error.into()))?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.record_result(&enrolment, &course, &draft)
        .await
        .map_err(duplicate(
            "outcome",
            "validation.a_result_is_already_recorded",
        ))?;
    tx.commit().await?;
    Ok(ctx.store.enrolment(enrolment_id).await?)
}
