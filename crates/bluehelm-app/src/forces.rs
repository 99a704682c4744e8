//! Missions and mandates, the UN's requests with their nominations, and formed units with
//! their tables of organisation, readiness and next rotation.

use std::collections::HashMap;

use bluehelm_domain::eligibility::{self, Failure};
use bluehelm_domain::listing::Page;
use bluehelm_domain::message::Message;
use bluehelm_domain::mission::{
    MandateState, MissionDraft, MissionInput, ResolutionDraft, ResolutionInput,
};
use bluehelm_domain::policy::{Action, Owner, Resource};
use bluehelm_domain::records::parse_known_language;
use bluehelm_domain::request::{
    NominationStatus, RequestDraft, RequestInput, RequestStatus, Selection,
};
use bluehelm_domain::unit::{
    next_rotation, NextRotation, PositionDraft, PositionInput, ReadinessDraft, ReadinessInput,
    UnitDraft, UnitInput, UnitKind,
};
use bluehelm_domain::validation::{FieldError, Invalid};
use bluehelm_store::deployment::{Deployment, DeploymentFilter};
use bluehelm_store::dossier::Dossier;
use bluehelm_store::mission::{Mission, Resolution};
use bluehelm_store::request::{Nomination, RequestPosition, UnRequest};
use bluehelm_store::unit::{ReadinessChange, Unit, UnitPosition};
use bluehelm_store::{Store, StoreError};
use serde::Serialize;
use time::Date;

use crate::people::{person_for, person_scope, within_scope};
use crate::AppError;
use crate::{duplicate, Ctx};

/// How many days ahead a mandate's end is announced.
pub const MANDATE_WARNING_DAYS: i64 = 60;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MissionView {
    pub mission: Mission,
    #[schema(value_type = Object)]
    pub mandate: MandateState,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MissionDetail {
    pub mission: Mission,
    #[schema(value_type = Object)]
    pub mandate: MandateState,
    pub resolutions: Vec<Resolution>,
    pub units: Vec<Unit>,
}

fn view(mission: Mission, today: Date) -> MissionView {
    let mandate = MandateState::on(mission.mandate_ends_on, today, MANDATE_WARNING_DAYS);
    MissionView { mission, mandate }
}

pub async fn missions(ctx: &Ctx<'_>, today: Date) -> Result<Vec<MissionView>, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    let missions = ctx.store.missions().await?;
    Ok(missions.into_iter().map(|m| view(m, today)).collect())
}

/// Missions still running whose mandate ends within the warning window or has ended
/// without a renewal on record.
pub async fn mandate_warnings(ctx: &Ctx<'_>, today: Date) -> Result<Vec<MissionView>, AppError> {
    Ok(missions(ctx, today)
        .await?
        .into_iter()
        .filter(|m| m.mission.closed_on.is_none() && m.mandate.needs_attention())
        .collect())
}

async fn mission_by_code(ctx: &Ctx<'_>, field: &str, code: &str) -> Result<Mission, AppError> {
    match ctx.store.mission_by_code(code).await {
        Ok(mission) => Ok(mission),
        Err(StoreError::NotFound) => Err(AppError::field(
            field,
            "not_found",
            "validation.no_mission_has_this_code",
        )),
        Err(other) => Err(other.into()),
    }
}

pub async fn mission_detail(
    ctx: &Ctx<'_>,
    code: &str,
    today: Date,
) -> Result<MissionDetail, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    let mission = ctx.store.mission_by_code(&code.to_uppercase()).await?;
    let resolutions = ctx.store.resolutions(mission.id).await?;
    let units = ctx.store.units(Some(mission.id)).await?;
    let MissionView { mission, mandate } = view(mission, today);
    Ok(MissionDetail {
        mission,
        mandate,
        resolutions,
        units,
    })
}

async fn authorize_mission_write(ctx: &Ctx<'_>, action: Action) -> Result<(), AppError> {
    ctx.authorize(action, Resource::Mission, &Owner::default(), "new")
        .await
}

pub async fn create_mission(ctx: &Ctx<'_>, input: &MissionInput) -> Result<Mission, AppError> {
    authorize_mission_write(ctx, Action::Create).await?;
    let draft = MissionDraft::parse(input)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.create_mission(&draft)
        .await
        .map_err(duplicate("code", "message.mission_code_taken"))?;
    tx.commit().await?;
    Ok(ctx.store.mission_by_code(&draft.code).await?)
}

/// Corrects a mission or closes it (a closing date); the code in the input, if any, must
/// be the mission's own.
pub async fn update_mission(
    ctx: &Ctx<'_>,
    code: &str,
    input: &MissionInput,
) -> Result<Mission, AppError> {
    authorize_mission_write(ctx, Action::Update).await?;
    let before = ctx.store.mission_by_code(&code.to_uppercase()).await?;
    let input = MissionInput {
        code: before.code.clone(),
        ..input.clone()
    };
    let draft = MissionDraft::parse(&input)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_mission(&before, &draft).await?;
    tx.commit().await?;
    Ok(ctx.store.mission_by_code(&before.code).await?)
}

pub async fn add_resolution(
    ctx: &Ctx<'_>,
    code: &str,
    input: &ResolutionInput,
) -> Result<Resolution, AppError> {
    authorize_mission_write(ctx, Action::Create).await?;
    let mission = ctx.store.mission_by_code(&code.to_uppercase()).await?;
    let draft = ResolutionDraft::parse(input)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .add_resolution(mission.id, &draft)
        .await
        .map_err(duplicate(
            "number",
            "validation.this_resolution_is_already_recorded",
        ))?;
    tx.commit().await?;
    let resolutions = ctx.store.resolutions(mission.id).await?;
    resolutions
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)
}

/// A nomination with the eligibility verdict beside it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NominationView {
    pub nomination: Nomination,
    #[schema(value_type = Vec<Object>)]
    pub failures: Vec<Failure>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PositionView {
    pub position: RequestPosition,
    pub nominations: Vec<NominationView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RequestDetail {
    pub request: UnRequest,
    pub positions: Vec<PositionView>,
    pub dossiers: Vec<Dossier>,
}

pub async fn requests(ctx: &Ctx<'_>) -> Result<Vec<UnRequest>, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    Ok(ctx.store.requests().await?)
}

/// One page of the UN's requests, for the list.
pub async fn requests_page(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: Option<u32>,
) -> Result<Page<UnRequest>, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    let (sort, page) = crate::paging(page, None, sort, Store::REQUEST_SORT)?;
    Ok(ctx.store.requests_page(sort, page).await?)
}

/// A request with its positions and the nominations of the people the caller may read,
/// each checked against its position's requirements (the pool's facts in two queries).
pub async fn request_detail(ctx: &Ctx<'_>, id: i64) -> Result<RequestDetail, AppError> {
    ctx.scope(Action::Read, Resource::Mission).await?;
    let request = ctx.store.request(id).await?;
    let positions = ctx.store.request_positions(id).await?;
    let readable = person_scope(ctx);
    let nominations: Vec<Nomination> = ctx
        .store
        .nominations(id)
        .await?
        .into_iter()
        .filter(|n| {
            within_scope(
                &readable,
                &bluehelm_domain::agency::AgencyPath::from_stored(n.agency_path.clone()),
            )
        })
        .collect();
    let candidates: HashMap<i64, _> = if nominations.is_empty() {
        HashMap::new()
    } else {
        ctx.store
            .nominee_candidates(id)
            .await?
            .into_iter()
            .collect()
    };
    let settings = ctx.store.eligibility_settings().await?;
    let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
    let tour = request.tour();
    let positions = positions
        .into_iter()
        .map(|position| {
            let requirements = position.requirements();
            let nominations = nominations
                .iter()
                .filter(|n| n.position_id == position.id)
                .map(|n| NominationView {
                    nomination: n.clone(),
                    failures: match (candidates.get(&n.person_id), &requirements) {
                        (Some(candidate), Some(requirements)) => names.failures(
                            eligibility::evaluate(candidate, requirements, &tour, &settings),
                        ),
                        _ => Vec::new(),
                    },
                })
                .collect();
            PositionView {
                position,
                nominations,
            }
        })
        .collect();
    let dossiers = ctx.store.dossiers(Some(id)).await?;
    Ok(RequestDetail {
        request,
        positions,
        dossiers,
    })
}

/// Every specialty, qualification and language the request's positions name must be one
/// Bluehelm knows: a value typed by hand that matches nothing would leave a post nobody
/// can fill, without a reason. Each unknown value is a field error naming its position.
async fn check_references(ctx: &Ctx<'_>, draft: &RequestDraft) -> Result<(), AppError> {
    let specialties = ctx.store.specialties().await?;
    let kinds = ctx.store.qualification_kinds().await?;
    let mut errors = Vec::new();
    for (index, position) in draft.positions.iter().enumerate() {
        let requirements = &position.requirements;
        let field = |name: &str| format!("positions[{index}].requirements.{name}");
        if let Some(code) = requirements
            .specialties
            .iter()
            .find(|code| !specialties.iter().any(|s| &&s.code == code))
        {
            errors.push(
                FieldError::new(
                    field("specialties"),
                    "unknown_value",
                    "message.unknown_specialty",
                )
                .because(vec![
                    Message::new("reference.value").text("value", code.clone())
                ]),
            );
        }
        if let Some(code) = requirements
            .qualifications
            .iter()
            .find(|code| !kinds.iter().any(|k| &&k.code == code))
        {
            errors.push(
                FieldError::new(
                    field("qualifications"),
                    "unknown_value",
                    "message.unknown_qualification",
                )
                .because(vec![
                    Message::new("reference.value").text("value", code.clone())
                ]),
            );
        }
        if let Some(wanted) = &requirements.language {
            if let Err(error) = parse_known_language(&field("language"), &wanted.language) {
                errors.push(error);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(Invalid(errors)))
    }
}

pub async fn create_request(ctx: &Ctx<'_>, input: &RequestInput) -> Result<UnRequest, AppError> {
    authorize_mission_write(ctx, Action::Create).await?;
    let draft = RequestDraft::parse(input)?;
    check_references(ctx, &draft).await?;
    let mission = mission_by_code(ctx, "mission", &draft.mission).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_request(mission.id, &draft)
        .await
        .map_err(duplicate(
            "reference",
            "validation.a_request_with_this_reference_is_already",
        ))?;
    tx.commit().await?;
    Ok(ctx.store.request(id).await?)
}

/// Corrects a request and its position lines. A line keeps its id to be changed in
/// place; a recorded line left out is removed, unless people are nominated for it; a line's
/// posts never drop below its nominations.
pub async fn update_request(
    ctx: &Ctx<'_>,
    id: i64,
    input: &RequestInput,
) -> Result<UnRequest, AppError> {
    authorize_mission_write(ctx, Action::Update).await?;
    let before = ctx.store.request(id).await?;
    let draft = RequestDraft::parse(input)?;
    check_references(ctx, &draft).await?;
    let mission = mission_by_code(ctx, "mission", &draft.mission).await?;
    let recorded = ctx.store.request_positions(id).await?;
    let nominations = ctx.store.nominations(id).await?;
    let nominated = |position: i64| {
        i64::try_from(
            nominations
                .iter()
                .filter(|n| n.position_id == position)
                .count(),
        )
        .unwrap_or(i64::MAX)
    };
    let mut errors = Vec::new();
    for (index, position) in draft.positions.iter().enumerate() {
        let Some(position_id) = position.id else {
            continue;
        };
        if !recorded.iter().any(|p| p.id == position_id) {
            errors.push(FieldError::new(
                format!("positions[{index}].id"),
                "not_found",
                "message.position_not_in_request",
            ));
        } else if i64::from(position.count) < nominated(position_id) {
            errors.push(
                FieldError::new(
                    format!("positions[{index}].count"),
                    "below_nominations",
                    "message.count_below_nominations",
                )
                .because(vec![Message::new("request.nominated_count")
                    .number("nominated", nominated(position_id))]),
            );
        }
    }
    let kept: Vec<i64> = draft.positions.iter().filter_map(|p| p.id).collect();
    let removed: Vec<&RequestPosition> =
        recorded.iter().filter(|p| !kept.contains(&p.id)).collect();
    for position in &removed {
        if nominated(position.id) > 0 {
            errors.push(
                FieldError::new(
                    "positions",
                    "has_nominations",
                    "message.position_has_nominations",
                )
                .because(vec![
                    Message::new("reference.value").text("value", position.title.clone())
                ]),
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(Invalid(errors)));
    }
    let removed: Vec<i64> = removed.iter().map(|p| p.id).collect();
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_request(&before, mission.id, &draft, &removed)
        .await
        .map_err(duplicate(
            "reference",
            "validation.a_request_with_this_reference_is_already",
        ))?;
    tx.commit().await?;
    Ok(ctx.store.request(id).await?)
}

pub async fn set_request_status(
    ctx: &Ctx<'_>,
    id: i64,
    status: &str,
) -> Result<UnRequest, AppError> {
    authorize_mission_write(ctx, Action::Update).await?;
    let status = RequestStatus::parse_field("status", status)?;
    let request = ctx.store.request(id).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_request_status(&request, status).await?;
    tx.commit().await?;
    Ok(ctx.store.request(id).await?)
}

/// Nominates a person for a position; the request becomes "nominated". A person who fails the position's requirements is
/// nominated only with a written reason, kept in the audit trail; without one the refusal
/// names every rule they fail.
pub async fn nominate(
    ctx: &Ctx<'_>,
    position_id: i64,
    person_id: i64,
    reason: Option<&str>,
) -> Result<Nomination, AppError> {
    authorize_mission_write(ctx, Action::Update).await?;
    let position = ctx.store.request_position(position_id).await?;
    let person = person_for(ctx, person_id, Action::Read).await?;
    let request = ctx.store.request(position.request_id).await?;
    let failures = match position.requirements() {
        Some(requirements) => {
            let candidate = ctx.store.candidate(&person).await?;
            let settings = ctx.store.eligibility_settings().await?;
            let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
            names.failures(eligibility::evaluate(
                &candidate,
                &requirements,
                &request.tour(),
                &settings,
            ))
        }
        None => Vec::new(),
    };
    let reason = match reason.map(str::trim).filter(|reason| !reason.is_empty()) {
        Some(reason) => {
            Some(bluehelm_domain::validation::text("reason", reason, 500).map_err(Invalid::from)?)
        }
        None => None,
    };
    let ineligible = !failures.is_empty();
    if ineligible && reason.is_none() {
        let reasons = failures.into_iter().map(|failure| failure.reason).collect();
        return Err(AppError::Invalid(
            FieldError::new("reason", "not_eligible", "message.nominate_not_eligible")
                .because(reasons)
                .into(),
        ));
    }
    // The reason is kept only where it overrides the rules.
    let overridden = reason.as_deref().filter(|_| ineligible);
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.nominate(position_id, person_id, overridden)
        .await
        .map_err(duplicate(
            "person_id",
            "validation.this_person_is_already_nominated_for_the",
        ))?;
    if matches!(
        RequestStatus::parse(&request.status),
        Some(RequestStatus::Received | RequestStatus::Answered)
    ) {
        tx.set_request_status(&request, RequestStatus::Nominated)
            .await?;
    }
    tx.commit().await?;
    ctx.store
        .nominations(request.id)
        .await?
        .into_iter()
        .find(|n| n.position_id == position_id && n.person_id == person_id)
        .ok_or(AppError::NotFound)
}

/// A nomination the caller may act on: the person must be one they may read.
async fn nomination_for(ctx: &Ctx<'_>, id: i64) -> Result<Nomination, AppError> {
    authorize_mission_write(ctx, Action::Update).await?;
    let nomination = ctx.store.nomination(id).await?;
    person_for(ctx, nomination.person_id, Action::Read).await?;
    Ok(nomination)
}

/// Withdraws a nomination before the UN has answered; the person is available again
/// unless another nomination holds them. A nominee the UN has answered about stays on
/// record.
pub async fn remove_nomination(ctx: &Ctx<'_>, id: i64) -> Result<Nomination, AppError> {
    let nomination = nomination_for(ctx, id).await?;
    if NominationStatus::parse(&nomination.status) != Some(NominationStatus::Nominated) {
        return Err(AppError::field(
            "nomination",
            "answered",
            "message.nomination_answered",
        ));
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.remove_nomination(&nomination).await?;
    tx.commit().await?;
    Ok(nomination)
}

/// Records the UN's answer about a nominee: selected (the request becomes "selected") or
/// not selected (the person is available again unless another nomination holds them).
pub async fn record_selection(
    ctx: &Ctx<'_>,
    id: i64,
    selection: &str,
) -> Result<Nomination, AppError> {
    let nomination = nomination_for(ctx, id).await?;
    let selection = Selection::parse_field("selection", selection)?;
    let status = NominationStatus::from(selection);
    if nomination.status == status.as_str() {
        return Ok(nomination);
    }
    let position = ctx.store.request_position(nomination.position_id).await?;
    let request = ctx.store.request(position.request_id).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_nomination_status(&nomination, status).await?;
    if selection == Selection::Selected
        && RequestStatus::parse(&request.status) == Some(RequestStatus::Nominated)
    {
        tx.set_request_status(&request, RequestStatus::Selected)
            .await?;
    }
    tx.commit().await?;
    Ok(ctx.store.nomination(id).await?)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnitDetail {
    pub unit: Unit,
    pub positions: Vec<UnitPosition>,
    pub readiness: Vec<ReadinessChange>,
    /// One page of the deployments with the unit the caller may read.
    pub members: Vec<Deployment>,
    /// How many deployments with the unit the caller may read, on how many pages.
    pub members_total: i64,
    pub members_page: u32,
    pub members_pages: i64,
    /// When the next rotation must leave, once this one's deployment date is known.
    #[schema(value_type = Option<Object>)]
    pub next_rotation: Option<NextRotation>,
}

pub async fn units(ctx: &Ctx<'_>) -> Result<Vec<Unit>, AppError> {
    ctx.scope(Action::Read, Resource::Unit).await?;
    Ok(ctx.store.units(None).await?)
}

pub(crate) async fn unit_for(ctx: &Ctx<'_>, id: i64, action: Action) -> Result<Unit, AppError> {
    let unit = ctx.store.unit(id).await?;
    let path = unit.owner();
    ctx.authorize(
        action,
        Resource::Unit,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(unit)
}

/// The unit with its table of organisation, readiness and one page of its members.
pub async fn unit_detail(
    ctx: &Ctx<'_>,
    id: i64,
    members_page: bluehelm_domain::listing::PageRequest,
) -> Result<UnitDetail, AppError> {
    let unit = unit_for(ctx, id, Action::Read).await?;
    let positions = ctx.store.unit_positions(id).await?;
    let readiness = ctx.store.readiness_history(id).await?;
    let members =
        crate::deployments::readable_deployments(ctx, DeploymentFilter::Unit(id), members_page)
            .await?;
    let (members_total, members_page, members_pages) =
        (members.total, members.page, members.pages());
    let members = members.items;
    let next_rotation = unit.deploys_on.map(|deployed| {
        next_rotation(
            deployed,
            u32::try_from(unit.tour_months).unwrap_or(12),
            u32::try_from(unit.overlap_days).unwrap_or(0),
        )
    });
    Ok(UnitDetail {
        unit,
        positions,
        readiness,
        members,
        members_total,
        members_page,
        members_pages,
        next_rotation,
    })
}

/// Creates a unit raised by the caller's agency (or `agency_code`, within their rights).
pub async fn create_unit(
    ctx: &Ctx<'_>,
    input: &UnitInput,
    agency_code: Option<&str>,
) -> Result<Unit, AppError> {
    let draft = UnitDraft::parse(input)?;
    let agency = match agency_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => crate::agencies::agency_by_code(ctx, "agency", code).await?,
        None => ctx.store.agency(ctx.principal.agency_id).await?,
    };
    let path = agency.path();
    ctx.authorize(
        Action::Create,
        Resource::Unit,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        "new",
    )
    .await?;
    let mission_id = match &draft.mission {
        Some(code) => Some(mission_by_code(ctx, "mission", code).await?.id),
        None => None,
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_unit(agency.id, mission_id, &draft)
        .await
        .map_err(duplicate(
            "name",
            "validation.another_unit_already_has_this_name",
        ))?;
    tx.commit().await?;
    Ok(ctx.store.unit(id).await?)
}

/// The unit, for one who may change it (its form is theirs only).
pub async fn unit_for_update(ctx: &Ctx<'_>, id: i64) -> Result<Unit, AppError> {
    unit_for(ctx, id, Action::Update).await
}

/// Corrects a unit's facts: name, kind, rotation, mission, tour and departure.
pub async fn update_unit(ctx: &Ctx<'_>, id: i64, input: &UnitInput) -> Result<Unit, AppError> {
    let unit = unit_for(ctx, id, Action::Update).await?;
    let draft = UnitDraft::parse(input)?;
    let mission_id = match &draft.mission {
        Some(code) => Some(mission_by_code(ctx, "mission", code).await?.id),
        None => None,
    };
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_unit(&unit, mission_id, &draft)
        .await
        .map_err(duplicate(
            "name",
            "validation.another_unit_already_has_this_name",
        ))?;
    tx.commit().await?;
    Ok(ctx.store.unit(id).await?)
}

/// A line of the unit's table of organisation, checked against the unit's kind and the
/// catalogues.
async fn position_draft(
    ctx: &Ctx<'_>,
    unit: &Unit,
    input: &PositionInput,
) -> Result<PositionDraft, AppError> {
    let kind = UnitKind::parse(&unit.kind).unwrap_or(UnitKind::Other);
    let draft = PositionDraft::parse(input, kind)?;
    let mut errors = Vec::new();
    if let Some(code) = &draft.specialty {
        if !ctx
            .store
            .specialties()
            .await?
            .iter()
            .any(|s| &s.code == code)
        {
            errors.push(FieldError::new(
                "specialty",
                "unknown_value",
                "message.unknown_specialty",
            ));
        }
    }
    if let Some(code) = &draft.qualification {
        if !ctx
            .store
            .qualification_kinds()
            .await?
            .iter()
            .any(|k| &k.code == code)
        {
            errors.push(FieldError::new(
                "qualification",
                "unknown_value",
                "message.unknown_qualification",
            ));
        }
    }
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(AppError::Invalid(Invalid(errors)))
    }
}

pub async fn add_unit_position(
    ctx: &Ctx<'_>,
    unit_id: i64,
    input: &PositionInput,
) -> Result<UnitPosition, AppError> {
    let unit = unit_for(ctx, unit_id, Action::Update).await?;
    let draft = position_draft(ctx, &unit, input).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.add_unit_position(unit_id, &draft).await?;
    tx.commit().await?;
    Ok(ctx.store.unit_position(id).await?)
}

/// The line `position_id` of the unit `unit_id`, for `action` on the unit; a line of
/// another unit is not found.
async fn unit_position_for(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
    action: Action,
) -> Result<(Unit, UnitPosition), AppError> {
    let unit = unit_for(ctx, unit_id, action).await?;
    let position = ctx.store.unit_position(position_id).await?;
    if position.unit_id != unit.id {
        return Err(AppError::NotFound);
    }
    Ok((unit, position))
}

/// A line of the unit's table of organisation, for one who may read the unit.
pub async fn unit_position_to_read(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
) -> Result<(Unit, UnitPosition), AppError> {
    unit_position_for(ctx, unit_id, position_id, Action::Read).await
}

/// The lines of a unit's table of organisation, for one who may change the unit (its
/// forms offer the unit's sections so far).
pub async fn unit_lines_to_update(
    ctx: &Ctx<'_>,
    unit_id: i64,
) -> Result<Vec<UnitPosition>, AppError> {
    unit_for(ctx, unit_id, Action::Update).await?;
    Ok(ctx.store.unit_positions(unit_id).await?)
}

pub async fn unit_position(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
) -> Result<(Unit, UnitPosition), AppError> {
    unit_position_for(ctx, unit_id, position_id, Action::Update).await
}

pub async fn update_unit_position(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
    input: &PositionInput,
) -> Result<UnitPosition, AppError> {
    let (unit, before) = unit_position_for(ctx, unit_id, position_id, Action::Update).await?;
    let draft = position_draft(ctx, &unit, input).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.update_unit_position(&before, &draft).await?;
    tx.commit().await?;
    Ok(ctx.store.unit_position(position_id).await?)
}

/// Removes a line from the table of organisation; the members already deployed with the
/// unit stay, as they are deployed with the unit, not with the line.
pub async fn remove_unit_position(
    ctx: &Ctx<'_>,
    unit_id: i64,
    position_id: i64,
) -> Result<(), AppError> {
    let (_, before) = unit_position_for(ctx, unit_id, position_id, Action::Update).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.remove_unit_position(&before).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn record_readiness(
    ctx: &Ctx<'_>,
    unit_id: i64,
    input: &ReadinessInput,
    today: Date,
) -> Result<Unit, AppError> {
    let unit = unit_for(ctx, unit_id, Action::Update).await?;
    let draft = ReadinessDraft::parse(input, today)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.record_readiness(&unit, &draft).await?;
    tx.commit().await?;
    Ok(ctx.store.unit(unit_id).await?)
}

/// The register of missions, for pick-lists.
pub async fn mission_register(ctx: &Ctx<'_>) -> Result<Vec<Mission>, AppError> {
    Ok(ctx.store.missions().await?)
}

/// The id of the mission with `code` (any case).
pub async fn mission_id(ctx: &Ctx<'_>, code: &str) -> Result<i64, AppError> {
    Ok(ctx.store.mission_by_code(&code.to_uppercase()).await?.id)
}

/// The mission code and personnel type a request asks for; empty when the request is
/// gone or there is none.
pub async fn request_summary(ctx: &Ctx<'_>, request_id: Option<i64>) -> (String, String) {
    match request_id {
        Some(request_id) => match ctx.store.request(request_id).await {
            Ok(request) => (request.mission_code, request.personnel_type),
            Err(_) => (String::new(), String::new()),
        },
        None => (String::new(), String::new()),
    }
}
