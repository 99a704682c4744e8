//! Police officers' Assessments for Mission Service: the parts recorded with their scores
//! and pass marks, and the qualifications that the groups passed in full award.

use bluehelm_domain::assessment::{AssessmentDraft, AssessmentInput};
use bluehelm_domain::person::Service;
use bluehelm_domain::policy::Action;
use bluehelm_domain::records::QualificationDraft;
use bluehelm_store::assessment::AssessedPart;

use crate::people::person_for;
use crate::{duplicate, AppError, Ctx};

/// The reference the qualifications an assessment awards carry.
const AWARDED_BY: &str = "AMS";

pub async fn police_assessments(
    ctx: &Ctx<'_>,
    person_id: i64,
) -> Result<Vec<AssessedPart>, AppError> {
    person_for(ctx, person_id, Action::Read).await?;
    Ok(ctx.store.police_assessments(person_id).await?)
}

/// Records an assessment of a police officer held on or before `today`, part by part, and
/// the qualifications it awards, in one transaction.
pub async fn record_police_assessment(
    ctx: &Ctx<'_>,
    person_id: i64,
    input: &AssessmentInput,
    today: time::Date,
) -> Result<Vec<AssessedPart>, AppError> {
    let person = person_for(ctx, person_id, Action::Update).await?;
    if Service::parse(&person.service) != Some(Service::Police) {
        return Err(AppError::field(
            "person",
            "not_police",
            "validation.the_ams_is_for_police_officers",
        ));
    }
    let draft = AssessmentDraft::parse(input, today)?;
    let mut awarded = Vec::new();
    for code in draft.awarded() {
        let kind = crate::people::qualification_kind(ctx, "parts", code).await?;
        let expires_on = kind.validity_months.map(|months| {
            bluehelm_domain::eligibility::add_months(
                draft.assessed_on,
                i32::try_from(months).unwrap_or(i32::MAX),
            )
        });
        let qualification = QualificationDraft {
            kind: code.to_owned(),
            issued_on: draft.assessed_on,
            expires_on,
            reference: Some(AWARDED_BY.to_owned()),
        };
        awarded.push((kind.id, qualification));
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.add_police_assessment(person_id, &draft)
        .await
        .map_err(duplicate(
            "assessed_on",
            "validation.this_assessment_is_recorded",
        ))?;
    for (kind_id, qualification) in &awarded {
        tx.add_qualification(person_id, *kind_id, qualification)
            .await?;
    }
    tx.commit().await?;
    Ok(ctx.store.police_assessments(person_id).await?)
}
