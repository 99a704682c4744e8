//! Operations on the personnel pool, for the API, the web pages and the command line.
//! Health data goes only to the medical role, and every read of it is audited.

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::eligibility::{self, Failure, Requirements, Tour};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::message::Message;
use bluehelm_domain::person::{PersonDraft, PersonInput};
use bluehelm_domain::policy::{self, Action, Owner, Resource, Scope};
use bluehelm_domain::records::{
    DocumentDraft, DocumentInput, LanguageDraft, LanguageInput, MedicalDraft, MedicalInput,
    QualificationDraft, QualificationInput,
};
use bluehelm_domain::validation::{FieldError, Invalid};
use bluehelm_store::catalogue::{QualificationKind, Specialty};
use bluehelm_store::person::{Person, PersonFilter};
use bluehelm_store::records::{
    Expiry, IdentityDocument, LanguageTestRecord, MedicalRecord, QualificationRecord,
};
use bluehelm_store::training::Enrolment;
use serde::Serialize;
use time::{Date, Duration};

use crate::agencies::agency_path;
use crate::AppError;
use crate::{duplicate, Ctx};

/// Everything about one person that the caller may see, for the one-screen view.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonDetail {
    pub person: Person,
    pub specialties: Vec<Specialty>,
    pub documents: Vec<IdentityDocument>,
    pub languages: Vec<LanguageTestRecord>,
    pub qualifications: Vec<QualificationRecord>,
    /// Courses the person was enrolled on, with their results.
    pub training: Vec<Enrolment>,
    /// Codes of the missions the person asked to serve in (the planner's preference).
    pub preferred_missions: Vec<String>,
    /// Present only for the medical role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medical: Option<Vec<MedicalRecord>>,
}

/// A created person and the people who look like the same one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub person: Person,
    /// Other people with the same name (diacritics ignored) and date of birth whom the
    /// caller may read: check that this is not the same person entered twice.
    pub likely_duplicates: Vec<Person>,
    /// How many more such people other agencies hold: counted, never shown.
    pub duplicates_elsewhere: u32,
}

/// People who may be the same as someone: those the caller may read, and how many others
/// agencies beyond the caller's reach hold, whose records stay out of sight.
#[derive(Debug, Clone, Default)]
pub struct LikelyDuplicates {
    pub readable: Vec<Person>,
    pub elsewhere: u32,
}

async fn likely_duplicates(
    ctx: &Ctx<'_>,
    family: &str,
    middle: Option<&str>,
    given: &str,
    birth_date: Date,
    except: i64,
) -> Result<LikelyDuplicates, AppError> {
    let found = ctx
        .store
        .likely_duplicates(family, middle, given, birth_date, Some(except))
        .await?;
    let scope = policy::scope(ctx.principal, Action::Read, Resource::Person);
    let (readable, hidden): (Vec<Person>, Vec<Person>) =
        found.into_iter().partition(|person| match &scope {
            Ok(Scope::All) => true,
            Ok(Scope::Subtree(path)) => person.owner().is_within(path),
            _ => false,
        });
    Ok(LikelyDuplicates {
        readable,
        elsewhere: u32::try_from(hidden.len()).unwrap_or(u32::MAX),
    })
}

/// Loads a person and checks `action` on them.
pub(crate) async fn person_for(ctx: &Ctx<'_>, id: i64, action: Action) -> Result<Person, AppError> {
    let person = ctx.store.person(id).await?;
    authorize_person(ctx, &person, action).await?;
    Ok(person)
}

async fn authorize_person(ctx: &Ctx<'_>, person: &Person, action: Action) -> Result<(), AppError> {
    let path = person.owner();
    ctx.authorize(
        action,
        Resource::Person,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        person.id,
    )
    .await
}

/// The person a service and service number name, as forms give them.
pub async fn person_id_by_service_number(
    ctx: &Ctx<'_>,
    service: &str,
    service_number: &str,
) -> Result<i64, AppError> {
    let number = bluehelm_domain::person::parse_service_number(service_number)
        .map_err(|error| AppError::Invalid(error.into()))?;
    match ctx
        .store
        .person_id_by_service_number(service, &number)
        .await
    {
        Ok(id) => Ok(id),
        Err(bluehelm_store::StoreError::NotFound) => Err(AppError::field(
            "service_number",
            "not_found",
            "validation.no_person_of_this_service_has_this",
        )),
        Err(other) => Err(other.into()),
    }
}

/// The people with these ids whom the caller may read, in one query: for pages that name
/// people beside something else (a dossier's individuals), without auditing the others.
pub async fn readable_people(ctx: &Ctx<'_>, ids: &[i64]) -> Result<Vec<Person>, AppError> {
    let scope = person_scope(ctx);
    let people = ctx.store.people_by_ids(ids).await?;
    Ok(people
        .into_iter()
        .filter(|person| within_scope(&scope, &person.owner()))
        .collect())
}

/// Whether a person owned by `owner` lies within a [`person_scope`].
pub(crate) fn within_scope(
    scope: &Option<Scope>,
    owner: &bluehelm_domain::agency::AgencyPath,
) -> bool {
    match scope {
        Some(Scope::All) => true,
        Some(Scope::Subtree(path)) => owner.is_within(path),
        _ => false,
    }
}

/// Which people the caller may read, without auditing a refusal: for pages that list people
/// only beside something else (a course's enrolments).
pub(crate) fn person_scope(ctx: &Ctx<'_>) -> Option<Scope> {
    policy::scope(ctx.principal, Action::Read, Resource::Person).ok()
}

fn may_read_medical(ctx: &Ctx<'_>) -> bool {
    policy::scope(ctx.principal, Action::Read, Resource::Medical).is_ok()
}

/// Cuts `filter` to the people the caller may read: without `within`, the caller's
/// subtree; a `within` inside it stays; one outside it is refused, not quietly replaced.
pub(crate) async fn readable(
    ctx: &Ctx<'_>,
    mut filter: PersonFilter,
) -> Result<PersonFilter, AppError> {
    match ctx.scope(Action::Read, Resource::Person).await? {
        Scope::All => {}
        Scope::Subtree(path) => match &filter.within {
            None => filter.within = Some(path),
            Some(within) if within.is_within(&path) => {}
            Some(_) => {
                return Err(AppError::field(
                    "within",
                    "out_of_scope",
                    "message.agency_out_of_scope",
                ))
            }
        },
        Scope::OwnAccount(_) => return Err(AppError::NotFound),
    }
    Ok(filter)
}

pub async fn list_people(
    ctx: &Ctx<'_>,
    filter: PersonFilter,
    sort: Sort,
    page: PageRequest,
    today: Date,
) -> Result<Page<Person>, AppError> {
    let mut filter = readable(ctx, filter).await?;
    filter.today = Some(today);
    Ok(ctx.store.list_people(&filter, sort, page).await?)
}

pub async fn person_detail(ctx: &Ctx<'_>, id: i64) -> Result<PersonDetail, AppError> {
    // One connection reads the person and every record before the check: a refusal then
    // discards them unread, and an allowed read costs one round of statements, not seven.
    let records = ctx.store.person_records(id).await?;
    authorize_person(ctx, &records.person, Action::Read).await?;
    let medical = if may_read_medical(ctx) {
        Some(medical_records_unchecked(ctx, &records.person).await?)
    } else {
        None
    };
    Ok(PersonDetail {
        specialties: records.specialties,
        documents: records.documents,
        languages: records.languages,
        qualifications: records.qualifications,
        training: records.training,
        preferred_missions: records.preferred_missions,
        medical,
        person: records.person,
    })
}

/// Checks the specialty codes against the catalogue and returns their ids.
async fn specialty_ids(ctx: &Ctx<'_>, codes: &[String]) -> Result<Vec<i64>, AppError> {
    let catalogue = ctx.store.specialties().await?;
    let mut ids = Vec::with_capacity(codes.len());
    for code in codes {
        match catalogue.iter().find(|s| &s.code == code) {
            Some(specialty) => ids.push(specialty.id),
            None => {
                return Err(AppError::Invalid(Invalid(vec![FieldError::new(
                    "specialties",
                    "unknown_value",
                    "message.unknown_specialty",
                )
                .because(vec![
                    Message::new("reference.value").text("value", code.clone())
                ])])))
            }
        }
    }
    Ok(ids)
}

const SERVICE_NUMBER_TAKEN: &str = "validation.service_number_taken";

pub async fn create_person(
    ctx: &Ctx<'_>,
    input: &PersonInput,
    today: Date,
) -> Result<Created, AppError> {
    let draft = PersonDraft::parse(input, today)?;
    let path = agency_path(ctx, "agency_id", draft.agency_id).await?;
    ctx.authorize(
        Action::Create,
        Resource::Person,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        "new",
    )
    .await?;
    let ids = specialty_ids(ctx, &draft.specialties).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let person = tx
        .create_person(&draft, &ids)
        .await
        .map_err(duplicate("service_number", SERVICE_NUMBER_TAKEN))?;
    tx.commit().await?;
    let duplicates = likely_duplicates(
        ctx,
        &draft.family_name,
        draft.middle_name.as_deref(),
        &draft.given_name,
        draft.birth_date,
        person.id,
    )
    .await?;
    Ok(Created {
        person,
        likely_duplicates: duplicates.readable,
        duplicates_elsewhere: duplicates.elsewhere,
    })
}

pub async fn update_person(
    ctx: &Ctx<'_>,
    id: i64,
    input: &PersonInput,
    today: Date,
) -> Result<Person, AppError> {
    person_for(ctx, id, Action::Update).await?;
    let draft = PersonDraft::parse(input, today)?;
    // Moving a person to another agency needs the right on the new one too.
    let path = agency_path(ctx, "agency_id", draft.agency_id).await?;
    ctx.authorize(
        Action::Update,
        Resource::Person,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        id,
    )
    .await?;
    let ids = specialty_ids(ctx, &draft.specialties).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let person = tx
        .update_person(id, &draft, &ids)
        .await
        .map_err(duplicate("service_number", SERVICE_NUMBER_TAKEN))?;
    tx.commit().await?;
    Ok(person)
}

/// Most missions a person may ask to serve in: a preference, not a list of every mission.
pub const MOST_PREFERRED_MISSIONS: usize = 3;

/// Replaces the missions a person asked to serve in (codes of the mission register); the
/// planner scores a tour in one of them higher.
pub async fn set_mission_preferences(
    ctx: &Ctx<'_>,
    person_id: i64,
    codes: &[String],
) -> Result<Vec<String>, AppError> {
    person_for(ctx, person_id, Action::Update).await?;
    let mut codes: Vec<String> = codes.iter().map(|c| c.trim().to_uppercase()).collect();
    codes.retain(|c| !c.is_empty());
    codes.sort();
    codes.dedup();
    if codes.len() > MOST_PREFERRED_MISSIONS {
        return Err(AppError::said(
            "missions",
            "too_many",
            Message::new("validation.at_most_missions")
                .number("most", MOST_PREFERRED_MISSIONS as i64),
        ));
    }
    let register = ctx.store.missions().await?;
    let mut missions = Vec::with_capacity(codes.len());
    for code in &codes {
        match register.iter().find(|m| &m.code == code) {
            Some(mission) => missions.push((mission.id, code.clone())),
            None => {
                return Err(AppError::Invalid(Invalid(vec![FieldError::new(
                    "missions",
                    "unknown_value",
                    "message.unknown_mission",
                )
                .because(vec![
                    Message::new("reference.value").text("value", code.clone())
                ])])))
            }
        }
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_mission_preferences(person_id, &missions).await?;
    tx.commit().await?;
    Ok(codes)
}

pub async fn add_document(
    ctx: &Ctx<'_>,
    person_id: i64,
    input: &DocumentInput,
) -> Result<IdentityDocument, AppError> {
    let draft = DocumentDraft::parse(input)?;
    person_for(ctx, person_id, Action::Update).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let record = tx.add_document(person_id, &draft).await?;
    tx.commit().await?;
    Ok(record)
}

pub async fn add_language_test(
    ctx: &Ctx<'_>,
    person_id: i64,
    input: &LanguageInput,
) -> Result<LanguageTestRecord, AppError> {
    let draft = LanguageDraft::parse(input)?;
    person_for(ctx, person_id, Action::Update).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let record = tx.add_language_test(person_id, &draft).await?;
    tx.commit().await?;
    Ok(record)
}

pub async fn add_qualification(
    ctx: &Ctx<'_>,
    person_id: i64,
    input: &QualificationInput,
) -> Result<QualificationRecord, AppError> {
    let draft = QualificationDraft::parse(input)?;
    person_for(ctx, person_id, Action::Update).await?;
    let kind = qualification_kind(ctx, "kind", &draft.kind).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.add_qualification(person_id, kind.id, &draft).await?;
    tx.commit().await?;
    ctx.store
        .qualifications(person_id)
        .await?
        .into_iter()
        .find(|record| record.id == id)
        .ok_or(AppError::NotFound)
}

/// The catalogue entry for `code`, or an error naming `field`.
pub(crate) async fn qualification_kind(
    ctx: &Ctx<'_>,
    field: &str,
    code: &str,
) -> Result<QualificationKind, AppError> {
    ctx.store
        .qualification_kinds()
        .await?
        .into_iter()
        .find(|kind| kind.code == code)
        .ok_or_else(|| AppError::field(field, "unknown_value", "message.unknown_qualification"))
}

/// Loads a person for a medical operation: the caller must hold `action` on medical data.
async fn person_for_medical(
    ctx: &Ctx<'_>,
    person_id: i64,
    action: Action,
) -> Result<Person, AppError> {
    let person = ctx.store.person(person_id).await?;
    let path = person.owner();
    ctx.authorize(
        action,
        Resource::Medical,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        person_id,
    )
    .await?;
    Ok(person)
}

async fn medical_records_unchecked(
    ctx: &Ctx<'_>,
    person: &Person,
) -> Result<Vec<MedicalRecord>, AppError> {
    let records = ctx.store.medical_records(person.id).await?;
    ctx.store
        .record_event(
            ctx.actor(),
            AuditAction::MedicalRead,
            "person",
            Some(person.id.to_string()),
            None,
        )
        .await?;
    Ok(records)
}

pub async fn medical_records(
    ctx: &Ctx<'_>,
    person_id: i64,
) -> Result<Vec<MedicalRecord>, AppError> {
    let person = person_for_medical(ctx, person_id, Action::Read).await?;
    medical_records_unchecked(ctx, &person).await
}

pub async fn add_medical(
    ctx: &Ctx<'_>,
    person_id: i64,
    input: &MedicalInput,
) -> Result<MedicalRecord, AppError> {
    let draft = MedicalDraft::parse(input)?;
    person_for_medical(ctx, person_id, Action::Create).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let record = tx.add_medical(person_id, &draft).await?;
    tx.commit().await?;
    Ok(record)
}

/// Every rule a person fails for a position and tour; empty when eligible.
pub async fn eligibility(
    ctx: &Ctx<'_>,
    person_id: i64,
    requirements: &Requirements,
    tour: &Tour,
) -> Result<Vec<Failure>, AppError> {
    let person = person_for(ctx, person_id, Action::Read).await?;
    let candidate = ctx.store.candidate(&person).await?;
    let settings = ctx.store.eligibility_settings().await?;
    let names = crate::catalogue::CatalogueNames::load(ctx.store).await?;
    Ok(names.failures(eligibility::evaluate(
        &candidate,
        requirements,
        tour,
        &settings,
    )))
}

/// How far a list of expiries is counted: a window of a large pool holds tens of
/// thousands, and nobody pages that far (a shorter window finds what is near).
pub const EXPIRY_COUNT_CAP: i64 = 1_000;

/// A page of what expires within `days` of `today` among the people the caller may read,
/// in `sort`'s order (soonest first by default), counted up to [`EXPIRY_COUNT_CAP`].
/// Medical fitness is listed for the medical role only.
pub async fn expiries(
    ctx: &Ctx<'_>,
    today: Date,
    days: i64,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Expiry>, AppError> {
    let Some(within) = expiry_scope(ctx).await? else {
        return Ok(Page::exact(Vec::new(), 0, page));
    };
    let until = today + Duration::days(days);
    let include_medical = may_read_medical(ctx);
    let items = ctx
        .store
        .expiries(
            within.as_ref(),
            today,
            until,
            include_medical,
            sort,
            Some(page),
        )
        .await?;
    let counted = ctx
        .store
        .expiry_count(
            within.as_ref(),
            today,
            until,
            include_medical,
            EXPIRY_COUNT_CAP + 1,
        )
        .await?;
    Ok(Page::counted_to(items, counted, EXPIRY_COUNT_CAP, page))
}

/// How many of the [`expiries`] there are, counted up to `cap`.
pub async fn expiry_count(
    ctx: &Ctx<'_>,
    today: Date,
    days: i64,
    cap: i64,
) -> Result<i64, AppError> {
    let Some(within) = expiry_scope(ctx).await? else {
        return Ok(0);
    };
    let until = today + Duration::days(days);
    let include_medical = may_read_medical(ctx);
    Ok(ctx
        .store
        .expiry_count(within.as_ref(), today, until, include_medical, cap)
        .await?)
}

/// The agencies whose people's expiries the caller may read: `Some(None)` for all, `None`
/// for none.
async fn expiry_scope(
    ctx: &Ctx<'_>,
) -> Result<Option<Option<bluehelm_domain::agency::AgencyPath>>, AppError> {
    Ok(match ctx.scope(Action::Read, Resource::Person).await? {
        Scope::All => Some(None),
        Scope::Subtree(path) => Some(Some(path)),
        Scope::OwnAccount(_) => None,
    })
}

pub async fn specialties(ctx: &Ctx<'_>) -> Result<Vec<Specialty>, AppError> {
    ctx.scope(Action::Read, Resource::Catalogue).await?;
    Ok(ctx.store.specialties().await?)
}

/// The qualification kinds, for naming the qualifications of people the caller may read.
pub async fn qualification_kinds_of_people(
    ctx: &Ctx<'_>,
) -> Result<Vec<QualificationKind>, AppError> {
    ctx.scope(Action::Read, Resource::Person).await?;
    Ok(ctx.store.qualification_kinds().await?)
}

pub async fn qualification_kinds(ctx: &Ctx<'_>) -> Result<Vec<QualificationKind>, AppError> {
    ctx.scope(Action::Read, Resource::Catalogue).await?;
    Ok(ctx.store.qualification_kinds().await?)
}

/// The filters of the people list as they arrive in a query string, the same for the API
/// and the web page.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `name` (default), `service_number`, `birth_date`, `rank`, `status`, `updated_at`;
    /// `-` for descending.
    pub sort: Option<String>,
    /// Words of the name in any order; diacritics and case are ignored.
    pub q: Option<String>,
    /// Only people of this agency and those below it.
    pub within: Option<i64>,
    pub service: Option<String>,
    /// Lowest rank grade (1 private … 17 general).
    pub rank_min: Option<i64>,
    pub rank_max: Option<i64>,
    /// A specialty code.
    pub specialty: Option<String>,
    pub gender: Option<String>,
    pub status: Option<String>,
    /// A language code (`en`); with `level`, at least that CEFR level from a valid test.
    pub language: Option<String>,
    pub level: Option<String>,
    /// A qualification code, valid on `valid_on` (default today).
    pub qualification: Option<String>,
    /// Medically cleared on `valid_on` (`true`).
    pub medical: Option<bool>,
    /// `YYYY-MM-DD` for `qualification` and `medical`; default today.
    pub valid_on: Option<String>,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

impl PeopleQuery {
    /// The store's filter, or every field at fault.
    pub async fn filter(&self, ctx: &Ctx<'_>, today: Date) -> Result<PersonFilter, AppError> {
        use bluehelm_domain::person::{parse_date, Gender, PersonStatus, Service};
        use bluehelm_domain::records::Cefr;
        use bluehelm_domain::validation::Checker;
        let mut checker = Checker::default();
        let service = non_empty(&self.service)
            .and_then(|v| checker.check(Service::parse_field("service", v)));
        let gender =
            non_empty(&self.gender).and_then(|v| checker.check(Gender::parse_field("gender", v)));
        let status = non_empty(&self.status)
            .and_then(|v| checker.check(PersonStatus::parse_field("status", v)));
        let valid_on = match non_empty(&self.valid_on) {
            Some(value) => checker
                .check(parse_date("valid_on", value))
                .unwrap_or(today),
            None => today,
        };
        let language = match (non_empty(&self.language), non_empty(&self.level)) {
            (Some(language), level) => {
                let level = match level {
                    Some(level) => checker.check(Cefr::parse_field("level", &level.to_uppercase())),
                    None => Some(Cefr::A1),
                };
                level.map(|level| (language.to_lowercase(), level))
            }
            (None, Some(_)) => {
                checker.push(bluehelm_domain::FieldError::new(
                    "language",
                    "required",
                    "validation.a_level_needs_a_language",
                ));
                None
            }
            (None, None) => None,
        };
        let within = match self.within {
            Some(id) => match ctx.store.agency(id).await {
                Ok(agency) => Some(agency.path()),
                Err(_) => {
                    checker.push(bluehelm_domain::FieldError::new(
                        "within",
                        "not_found",
                        "message.agency_not_found",
                    ));
                    None
                }
            },
            None => None,
        };
        checker.finish()?;
        Ok(PersonFilter {
            name: non_empty(&self.q).map(str::to_owned),
            within,
            service,
            min_rank: self.rank_min,
            max_rank: self.rank_max,
            specialty: non_empty(&self.specialty).map(str::to_owned),
            gender,
            status,
            language,
            qualification: non_empty(&self.qualification).map(|code| (code.to_owned(), valid_on)),
            medical_valid_on: self.medical.unwrap_or(false).then_some(valid_on),
            today: Some(today),
        })
    }
}

/// People who may be the same as `person` (same folded name and birth date), for the
/// warning on the person's page.
pub async fn likely_duplicates_of(
    ctx: &Ctx<'_>,
    person: &Person,
) -> Result<LikelyDuplicates, AppError> {
    likely_duplicates(
        ctx,
        &person.family_name,
        person.middle_name.as_deref(),
        &person.given_name,
        person.birth_date,
        person.id,
    )
    .await
}
