//! A person in the personnel pool: who they are, which service and rank, and what they can
//! be sent to do. Sub-records (documents, languages, qualifications, medical fitness) are in
//! [`crate::records`].

use time::Date;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::rank::{parse_rank, Rank};
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

string_enum! {
    /// The service a person belongs to; it decides the rank table.
    pub enum Service {
        Army = "army",
        Navy = "navy",
        AirForce = "air_force",
        BorderGuard = "border_guard",
        Police = "police",
        Civilian = "civilian",
    }
}

string_enum! {
    pub enum Gender {
        Female = "female",
        Male = "male",
    }
}

string_enum! {
    /// Where a person stands in the pool.
    pub enum PersonStatus {
        Available = "available",
        InTraining = "in_training",
        Nominated = "nominated",
        Deployed = "deployed",
        Unavailable = "unavailable",
        Retired = "retired",
    }
}

/// The youngest and oldest a person in the pool can be, whatever their future posting.
pub const MIN_AGE_YEARS: i32 = 18;
pub const MAX_AGE_YEARS: i32 = 70;

/// What a user submits for a person, as text (forms and imports) or parsed JSON.
#[derive(Debug, Clone, Default)]
pub struct PersonInput {
    pub agency_id: i64,
    pub service: String,
    pub service_number: String,
    pub family_name: String,
    pub middle_name: String,
    pub given_name: String,
    pub gender: String,
    pub birth_date: String,
    pub rank: String,
    pub phone: String,
    pub email: String,
    pub status: String,
    pub specialties: Vec<String>,
}

/// A person's record, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonDraft {
    pub agency_id: i64,
    pub service: Service,
    pub service_number: String,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub gender: Gender,
    pub birth_date: Date,
    pub rank: Option<&'static Rank>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: PersonStatus,
    /// Specialty codes; the caller checks them against the catalogue.
    pub specialties: Vec<String>,
}

impl PersonDraft {
    /// Checks every field against `today` and reports every fault at once.
    pub fn parse(input: &PersonInput, today: Date) -> Result<PersonDraft, Invalid> {
        let mut checker = Checker::default();
        let service = checker.check(Service::parse_field("service", &input.service));
        let service_number = checker.check(parse_service_number(&input.service_number));
        let family_name = checker.check(text("family_name", &input.family_name, 60));
        let middle_name = checker.check(optional_text("middle_name", &input.middle_name, 60));
        let given_name = checker.check(text("given_name", &input.given_name, 60));
        let gender = checker.check(Gender::parse_field("gender", &input.gender));
        let birth_date = checker.check(parse_birth_date(&input.birth_date, today));
        let rank = service
            .and_then(|service| checker.check(parse_rank(service, Some(input.rank.as_str()))));
        let phone = checker.check(parse_phone(&input.phone));
        let email = checker.check(crate::user::parse_email(&input.email));
        let status = if input.status.trim().is_empty() {
            Some(PersonStatus::Available)
        } else {
            checker.check(PersonStatus::parse_field("status", &input.status))
        };
        let mut specialties: Vec<String> = input
            .specialties
            .iter()
            .map(|code| code.trim().to_owned())
            .filter(|code| !code.is_empty())
            .collect();
        specialties.sort();
        specialties.dedup();
        checker.finish()?;
        match (
            service,
            service_number,
            family_name,
            middle_name,
            given_name,
            gender,
            birth_date,
            rank,
            phone,
            email,
            status,
        ) {
            (
                Some(service),
                Some(service_number),
                Some(family_name),
                Some(middle_name),
                Some(given_name),
                Some(gender),
                Some(birth_date),
                Some(rank),
                Some(phone),
                Some(email),
                Some(status),
            ) => Ok(PersonDraft {
                agency_id: input.agency_id,
                service,
                service_number,
                family_name,
                middle_name,
                given_name,
                gender,
                birth_date,
                rank,
                phone,
                email,
                status,
                specialties,
            }),
            _ => Err(Invalid::one(
                "person",
                "invalid",
                "validation.the_record_is_incomplete",
            )),
        }
    }

    pub fn full_name(&self) -> String {
        full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

/// The name in Vietnamese order: family, middle, given.
pub fn full_name(family: &str, middle: Option<&str>, given: &str) -> String {
    [Some(family), middle, Some(given)]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case ASCII-folded text for search: "Nguyễn Văn Đức" → "nguyen van duc". Searching
/// the folded name with a folded query ignores diacritics and case.
pub fn fold(value: &str) -> String {
    let folded: String = value
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An empty value is `None`; anything else must pass [`text`].
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        text(field, value, max).map(Some)
    }
}

/// 2 to 20 letters, digits, dashes, dots or slashes, kept upper-case.
pub fn parse_service_number(value: &str) -> Result<String, FieldError> {
    let value = value.trim().to_uppercase();
    let valid = (2..=20).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/'));
    if valid {
        Ok(value)
    } else {
        Err(FieldError::new(
            "service_number",
            "invalid_service_number",
            "validation.must_be_2_to_20_letters_digits",
        ))
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn parse_date(field: &str, value: &str) -> Result<Date, FieldError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value.trim(), &format).map_err(|_| {
        if value.trim().is_empty() {
            FieldError::new(field, "required", "validation.must_not_be_empty")
        } else {
            FieldError::new(
                field,
                "invalid_date",
                "validation.must_be_a_date_written_yyyy_mm",
            )
        }
    })
}

/// An optional date: empty is `None`.
pub fn parse_optional_date(field: &str, value: &str) -> Result<Option<Date>, FieldError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, value).map(Some)
    }
}

fn parse_birth_date(value: &str, today: Date) -> Result<Date, FieldError> {
    let date = parse_date("birth_date", value)?;
    let age = age_on(date, today);
    if !(MIN_AGE_YEARS..=MAX_AGE_YEARS).contains(&age) {
        return Err(FieldError::said(
            "birth_date",
            "out_of_range",
            crate::message::Message::new("validation.age_between")
                .number("age", i64::from(age))
                .number("min", i64::from(MIN_AGE_YEARS))
                .number("max", i64::from(MAX_AGE_YEARS)),
        ));
    }
    Ok(date)
}

fn parse_phone(value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let valid = (6..=15).contains(&digits)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    if valid {
        Ok(Some(value.to_owned()))
    } else {
        Err(FieldError::new(
            "phone",
            "invalid_phone",
            "validation.must_be_6_to_15_digits_with",
        ))
    }
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn input() -> PersonInput {
        PersonInput {
            agency_id: 3,
            service: "army".into(),
            service_number: "qn-123456".into(),
            family_name: "Nguyễn".into(),
            middle_name: "Thị".into(),
            given_name: "Hoa".into(),
            gender: "female".into(),
            birth_date: "1990-05-17".into(),
            rank: "dai-uy".into(),
            status: String::new(),
            specialties: vec!["nurse".into(), " nurse".into(), "".into()],
            ..PersonInput::default()
        }
    }

    #[test]
    fn a_valid_person_parses() {
        let draft = PersonDraft::parse(&input(), date!(2026 - 11 - 23)).expect("valid");
        assert_eq!(draft.service_number, "QN-123456");
        assert_eq!(draft.full_name(), "Nguyễn Thị Hoa");
        assert_eq!(draft.rank.map(|r| r.order), Some(9));
        assert_eq!(draft.status, PersonStatus::Available);
        assert_eq!(draft.specialties, vec!["nurse".to_owned()]);
    }

    #[test]
    fn every_fault_is_named() {
        let bad = PersonInput {
            service: "marines".into(),
            service_number: "a".into(),
            given_name: " ".into(),
            gender: "x".into(),
            birth_date: "2015-01-01".into(),
            phone: "call me".into(),
            ..input()
        };
        let errors = PersonDraft::parse(&bad, date!(2026 - 11 - 23))
            .unwrap_err()
            .0;
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "service",
                "service_number",
                "given_name",
                "gender",
                "birth_date",
                "phone"
            ]
        );
        let said = errors[4].said.as_ref().expect("the age is said");
        assert_eq!(said.key, "validation.age_between");
        assert!(said
            .args
            .iter()
            .any(|(name, value)| *name == "age" && *value == crate::message::Arg::Number(11)));
    }

    #[test]
    fn folding_ignores_diacritics_case_and_spacing() {
        assert_eq!(fold("Nguyễn  Văn Đức"), "nguyen van duc");
        assert_eq!(fold("ĐẶNG THỊ ÁNH"), "dang thi anh");
        assert_eq!(fold("nguyen van an"), fold("Nguyễn Văn An"));
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_on(date!(1990 - 05 - 17), date!(2026 - 05 - 16)), 35);
        assert_eq!(age_on(date!(1990 - 05 - 17), date!(2026 - 05 - 17)), 36);
    }
}
