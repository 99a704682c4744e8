//! A person's sub-records: identity documents, language tests, qualifications and medical
//! fitness. Each is kept with its history: a renewal adds a record, it never overwrites
//! one, so "which passport did she travel on in 2023" stays answerable.

use time::Date;

use crate::agency::AgencyPath;
use crate::person::{optional_text, parse_date, parse_optional_date};
use crate::role::Role;
use crate::string_enum;
use crate::validation::{Checker, FieldError, Invalid};

string_enum! {
    pub enum DocumentKind {
        Passport = "passport",
        OfficialPassport = "official_passport",
        DiplomaticPassport = "diplomatic_passport",
        Visa = "visa",
        NationalId = "national_id",
    }
}

impl DocumentKind {
    /// Passports of any kind: what a tour needs to be valid beyond its end.
    pub fn is_passport(self) -> bool {
        matches!(
            self,
            DocumentKind::Passport
                | DocumentKind::OfficialPassport
                | DocumentKind::DiplomaticPassport
        )
    }
}

string_enum! {
    /// The Common European Framework levels, in order.
    pub enum Cefr {
        A1 = "A1",
        A2 = "A2",
        B1 = "B1",
        B2 = "B2",
        C1 = "C1",
        C2 = "C2",
    }
}

string_enum! {
    pub enum LanguageTest {
        /// The UN's own language proficiency or assessment-for-mission-service test.
        Un = "un",
        Ielts = "ielts",
        Toeic = "toeic",
        Toefl = "toefl",
        National = "national",
        Other = "other",
    }
}

string_enum! {
    pub enum QualificationCategory {
        UnCourse = "un_course",
        PoliceSelection = "police_selection",
        DrivingLicence = "driving_licence",
        Firearms = "firearms",
        FirstAid = "first_aid",
        Professional = "professional",
        Other = "other",
    }
}

string_enum! {
    pub enum MedicalStatus {
        Fit = "fit",
        FitWithRestrictions = "fit_with_restrictions",
        TemporarilyUnfit = "temporarily_unfit",
        Unfit = "unfit",
    }
}

impl MedicalStatus {
    /// Whether the status allows a deployment at all.
    pub fn clears_deployment(self) -> bool {
        matches!(
            self,
            MedicalStatus::Fit | MedicalStatus::FitWithRestrictions
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct DocumentInput {
    pub kind: String,
    pub number: String,
    pub issued_on: String,
    pub expires_on: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentDraft {
    pub kind: DocumentKind,
    pub number: String,
    pub issued_on: Option<Date>,
    pub expires_on: Option<Date>,
}

impl DocumentDraft {
    pub fn parse(input: &DocumentInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(DocumentKind::parse_field("kind", &input.kind));
        let number = checker.check(parse_document_number(&input.number));
        let issued_on = checker.check(parse_optional_date("issued_on", &input.issued_on));
        let expires_on = match kind {
            Some(kind) if kind != DocumentKind::NationalId => {
                checker.check(parse_date("expires_on", &input.expires_on).map(Some))
            }
            _ => checker.check(parse_optional_date("expires_on", &input.expires_on)),
        };
        if let (Some(Some(issued)), Some(Some(expires))) = (issued_on, expires_on) {
            if expires <= issued {
                checker.push(after("expires_on", "issued_on"));
            }
        }
        checker.finish()?;
        Ok(DocumentDraft {
            kind: kind.ok_or_else(incomplete)?,
            number: number.ok_or_else(incomplete)?,
            issued_on: issued_on.flatten(),
            expires_on: expires_on.flatten(),
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct LanguageInput {
    pub language: String,
    pub test: String,
    pub score: String,
    pub level: String,
    pub tested_on: String,
    pub valid_until: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LanguageDraft {
    /// ISO 639-1 code: `en`, `fr`, `ar` …
    pub language: String,
    pub test: LanguageTest,
    pub score: Option<String>,
    pub level: Cefr,
    pub tested_on: Date,
    pub valid_until: Option<Date>,
}

impl LanguageDraft {
    pub fn parse(input: &LanguageInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let language = checker.check(parse_language(&input.language));
        let test = checker.check(LanguageTest::parse_field("test", &input.test));
        let score = checker.check(optional_text("score", &input.score, 20));
        let level = checker.check(Cefr::parse_field("level", &input.level.to_uppercase()));
        let tested_on = checker.check(parse_date("tested_on", &input.tested_on));
        let valid_until = checker.check(parse_optional_date("valid_until", &input.valid_until));
        if let (Some(tested), Some(Some(until))) = (tested_on, valid_until) {
            if until <= tested {
                checker.push(after("valid_until", "tested_on"));
            }
        }
        checker.finish()?;
        Ok(LanguageDraft {
            language: language.ok_or_else(incomplete)?,
            test: test.ok_or_else(incomplete)?,
            score: score.flatten(),
            level: level.ok_or_else(incomplete)?,
            tested_on: tested_on.ok_or_else(incomplete)?,
            valid_until: valid_until.flatten(),
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct QualificationInput {
    pub kind: String,
    pub issued_on: String,
    pub expires_on: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualificationDraft {
    /// A code of the qualification catalogue; the caller checks it exists.
    pub kind: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
    pub reference: Option<String>,
}

impl QualificationDraft {
    pub fn parse(input: &QualificationInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(parse_code("kind", &input.kind));
        let issued_on = checker.check(parse_date("issued_on", &input.issued_on));
        let expires_on = checker.check(parse_optional_date("expires_on", &input.expires_on));
        let reference = checker.check(optional_text("reference", &input.reference, 80));
        if let (Some(issued), Some(Some(expires))) = (issued_on, expires_on) {
            if expires <= issued {
                checker.push(after("expires_on", "issued_on"));
            }
        }
        checker.finish()?;
        Ok(QualificationDraft {
            kind: kind.ok_or_else(incomplete)?,
            issued_on: issued_on.ok_or_else(incomplete)?,
            expires_on: expires_on.flatten(),
            reference: reference.flatten(),
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct MedicalInput {
    pub status: String,
    pub examined_on: String,
    pub valid_until: String,
    pub restrictions: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MedicalDraft {
    pub status: MedicalStatus,
    pub examined_on: Date,
    pub valid_until: Date,
    pub restrictions: Option<String>,
}

impl MedicalDraft {
    pub fn parse(input: &MedicalInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let status = checker.check(MedicalStatus::parse_field("status", &input.status));
        let examined_on = checker.check(parse_date("examined_on", &input.examined_on));
        let valid_until = checker.check(parse_date("valid_until", &input.valid_until));
        let restrictions = checker.check(optional_text("restrictions", &input.restrictions, 500));
        if let (Some(examined), Some(until)) = (examined_on, valid_until) {
            if until <= examined {
                checker.push(after("valid_until", "examined_on"));
            }
        }
        if status == Some(MedicalStatus::FitWithRestrictions)
            && restrictions.as_ref().is_some_and(Option::is_none)
        {
            checker.push(FieldError::new(
                "restrictions",
                "required",
                "validation.must_say_which_restrictions_apply",
            ));
        }
        checker.finish()?;
        Ok(MedicalDraft {
            status: status.ok_or_else(incomplete)?,
            examined_on: examined_on.ok_or_else(incomplete)?,
            valid_until: valid_until.ok_or_else(incomplete)?,
            restrictions: restrictions.flatten(),
        })
    }
}

/// A catalogue code: 2 to 40 lower-case letters, digits, dashes or underscores.
pub fn parse_code(field: &str, value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    let valid = (2..=40).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'));
    if valid {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(
            field,
            "invalid_code",
            "validation.must_be_2_to_40_lower_case",
        ))
    }
}

/// The languages Bluehelm knows (ISO 639-1): the six official languages of the United
/// Nations and Portuguese, the languages peacekeeping posts ask for.
pub const LANGUAGES: [&str; 7] = ["ar", "en", "es", "fr", "pt", "ru", "zh"];

/// A language of [`LANGUAGES`] in the field `field`, or the field's error.
pub fn parse_known_language(field: &str, value: &str) -> Result<String, FieldError> {
    let value = value.trim().to_lowercase();
    if LANGUAGES.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            "unknown_value",
            "message.unknown_language",
        ))
    }
}

fn parse_language(value: &str) -> Result<String, FieldError> {
    parse_known_language("language", value)
}

fn parse_document_number(value: &str) -> Result<String, FieldError> {
    let value = value.trim().to_uppercase();
    if (5..=20).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(value)
    } else {
        Err(FieldError::new(
            "number",
            "invalid_document_number",
            "validation.must_be_5_to_20_letters_or",
        ))
    }
}

fn after(field: &str, earlier: &str) -> FieldError {
    FieldError::said(
        field,
        "out_of_order",
        crate::message::Message::new("validation.after_field").term(
            "field",
            "audit_field",
            earlier,
        ),
    )
}

fn incomplete() -> Invalid {
    Invalid::one("record", "invalid", "validation.the_record_is_incomplete")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passport_needs_an_expiry_after_its_issue() {
        let input = DocumentInput {
            kind: "passport".into(),
            number: "c1234567".into(),
            issued_on: "2024-01-10".into(),
            expires_on: "2023-01-10".into(),
        };
        let errors = DocumentDraft::parse(&input).unwrap_err().0;
        assert_eq!(errors[0].field, "expires_on");
        assert_eq!(errors[0].code, "out_of_order");
        let missing = DocumentInput {
            expires_on: String::new(),
            ..input.clone()
        };
        assert_eq!(
            DocumentDraft::parse(&missing).unwrap_err().0[0].code,
            "required"
        );
        let good = DocumentInput {
            expires_on: "2034-01-10".into(),
            ..input
        };
        assert_eq!(
            DocumentDraft::parse(&good).expect("valid").number,
            "C1234567"
        );
    }

    #[test]
    fn language_levels_are_ordered_and_checked() {
        assert!(Cefr::B2 > Cefr::B1 && Cefr::C2 > Cefr::C1);
        let input = LanguageInput {
            language: "EN".into(),
            test: "ielts".into(),
            score: "6.5".into(),
            level: "b2".into(),
            tested_on: "2025-03-01".into(),
            valid_until: "2027-03-01".into(),
        };
        let draft = LanguageDraft::parse(&input).expect("valid");
        assert_eq!((draft.language.as_str(), draft.level), ("en", Cefr::B2));
        let bad = LanguageInput {
            language: "english".into(),
            level: "D1".into(),
            ..input
        };
        let fields: Vec<_> = LanguageDraft::parse(&bad)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["language", "level"]);
    }

    #[test]
    fn restricted_fitness_names_its_restrictions() {
        let input = MedicalInput {
            status: "fit_with_restrictions".into(),
            examined_on: "2026-01-01".into(),
            valid_until: "2027-01-01".into(),
            restrictions: String::new(),
        };
        assert_eq!(
            MedicalDraft::parse(&input).unwrap_err().0[0].field,
            "restrictions"
        );
    }
}

/// How far ahead the expiry watch warns, in days: a notice at each of these lead times.
pub const LEAD_TIMES_DAYS: [i64; 3] = [90, 30, 7];

/// Where an expiry date stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryState {
    Expired,
    /// Expires within the longest lead time, in this many days.
    Soon(i64),
    Valid,
}

pub fn expiry_state(expires_on: Option<Date>, today: Date) -> ExpiryState {
    let Some(expires_on) = expires_on else {
        return ExpiryState::Valid;
    };
    let days = (expires_on - today).whole_days();
    match days {
        d if d < 0 => ExpiryState::Expired,
        d if d <= LEAD_TIMES_DAYS[0] => ExpiryState::Soon(d),
        _ => ExpiryState::Valid,
    }
}

/// The lead time whose notice is due for a record expiring on `expires_on`: the shortest
/// lead time that has been reached, so a record first seen 20 days before it lapses gets
/// the 30-day notice, not a stale 90-day one. `None` once it has lapsed or while it is
/// further away than the longest lead time.
pub fn due_lead_time(expires_on: Date, today: Date) -> Option<i64> {
    let days = (expires_on - today).whole_days();
    if days < 0 {
        return None;
    }
    LEAD_TIMES_DAYS
        .iter()
        .copied()
        .filter(|&lead| days <= lead)
        .min()
}

/// The role told that a record expires: medical officers for medical fitness, agency
/// officers for everything else.
pub fn notice_role(medical: bool) -> Role {
    if medical {
        Role::Medical
    } else {
        Role::AgencyOfficer
    }
}

/// Whose officers are told about a person owned by `owner`: the nearest agency at or above
/// the owner among `staffed` (the agencies where someone holds the role), so a unit without
/// its own officer is looked after by the one above it. The index into `staffed`.
pub fn nearest_staffed(owner: &AgencyPath, staffed: &[AgencyPath]) -> Option<usize> {
    staffed
        .iter()
        .enumerate()
        .filter(|(_, agency)| owner.is_within(agency))
        .max_by_key(|(_, agency)| agency.as_str().len())
        .map(|(index, _)| index)
}

#[cfg(test)]
mod expiry_tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn expiry_states_follow_the_longest_lead_time() {
        let today = date!(2026 - 11 - 23);
        assert_eq!(expiry_state(None, today), ExpiryState::Valid);
        assert_eq!(
            expiry_state(Some(date!(2026 - 11 - 22)), today),
            ExpiryState::Expired
        );
        assert_eq!(expiry_state(Some(today), today), ExpiryState::Soon(0));
        assert_eq!(
            expiry_state(Some(date!(2027 - 02 - 21)), today),
            ExpiryState::Soon(90)
        );
        assert_eq!(
            expiry_state(Some(date!(2027 - 02 - 22)), today),
            ExpiryState::Valid
        );
    }

    #[test]
    fn the_nearest_staffed_agency_above_the_owner_is_told() {
        let path = |p: &str| AgencyPath::from_stored(p.to_owned());
        let staffed = [path("/1/"), path("/1/4/"), path("/2/")];
        assert_eq!(nearest_staffed(&path("/1/4/"), &staffed), Some(1));
        assert_eq!(nearest_staffed(&path("/1/4/9/"), &staffed), Some(1));
        assert_eq!(nearest_staffed(&path("/1/5/"), &staffed), Some(0));
        assert_eq!(nearest_staffed(&path("/3/"), &staffed), None);
        assert_eq!(notice_role(true), Role::Medical);
        assert_eq!(notice_role(false), Role::AgencyOfficer);
    }

    #[test]
    fn the_notice_due_is_the_shortest_lead_time_reached() {
        let today = date!(2026 - 11 - 23);
        let due = |days: i64| due_lead_time(today + time::Duration::days(days), today);
        assert_eq!(due(91), None);
        assert_eq!(due(90), Some(90));
        assert_eq!(due(31), Some(90));
        assert_eq!(due(30), Some(30));
        assert_eq!(due(8), Some(30));
        assert_eq!(due(7), Some(7));
        assert_eq!(due(0), Some(7));
        assert_eq!(due(-1), None);
    }
}
