//! Training courses and enrolments. A course may award a qualification of the catalogue: a
//! pass records it, issued on the day of the result and valid for the catalogue's months,
//! so the pool's qualifications come from the courses people actually passed.

use time::Date;

use crate::eligibility::add_months;
use crate::person::{optional_text, parse_date};
use crate::records::parse_code;
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

/// The largest class a course may declare.
pub const MAX_CAPACITY: u32 = 500;

#[derive(Debug, Clone, Default)]
pub struct CourseInput {
    pub title: String,
    pub provider: String,
    pub place: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity: String,
    /// A qualification catalogue code the course awards, or empty.
    pub qualification: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseDraft {
    pub title: String,
    pub provider: String,
    pub place: Option<String>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: u32,
    pub qualification: Option<String>,
}

impl CourseDraft {
    pub fn parse(input: &CourseInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let title = checker.check(text("title", &input.title, 200));
        let provider = checker.check(text("provider", &input.provider, 200));
        let place = checker.check(optional_text("place", &input.place, 200));
        let starts_on = checker.check(parse_date("starts_on", &input.starts_on));
        let ends_on = checker.check(parse_date("ends_on", &input.ends_on));
        let capacity = checker.check(parse_capacity(&input.capacity));
        let qualification = match input.qualification.trim() {
            "" => Some(None),
            code => checker.check(parse_code("qualification", code).map(Some)),
        };
        if let (Some(starts), Some(ends)) = (starts_on, ends_on) {
            if ends < starts {
                checker.push(FieldError::new(
                    "ends_on",
                    "out_of_order",
                    "validation.must_be_on_or_after_starts_on",
                ));
            }
        }
        checker.finish()?;
        let incomplete =
            || Invalid::one("course", "invalid", "validation.the_course_is_incomplete");
        Ok(CourseDraft {
            title: title.ok_or_else(incomplete)?,
            provider: provider.ok_or_else(incomplete)?,
            place: place.flatten(),
            starts_on: starts_on.ok_or_else(incomplete)?,
            ends_on: ends_on.ok_or_else(incomplete)?,
            capacity: capacity.ok_or_else(incomplete)?,
            qualification: qualification.flatten(),
        })
    }
}

fn parse_capacity(value: &str) -> Result<u32, FieldError> {
    match value.trim().parse::<u32>() {
        Ok(capacity) if (1..=MAX_CAPACITY).contains(&capacity) => Ok(capacity),
        _ => Err(FieldError::said(
            "capacity",
            "out_of_range",
            crate::message::Message::new("validation.whole_number_between")
                .number("low", 1)
                .number("high", MAX_CAPACITY as i64),
        )),
    }
}

string_enum! {
    pub enum EnrolmentStatus {
        Enrolled = "enrolled",
        Passed = "passed",
        Failed = "failed",
        Withdrawn = "withdrawn",
    }
}

impl EnrolmentStatus {
    /// Whether the enrolment takes a seat of the course.
    pub fn takes_a_seat(self) -> bool {
        !matches!(self, EnrolmentStatus::Withdrawn)
    }

    /// The status after recording `outcome`. Only an open enrolment takes a result: a pass
    /// or a failure is final, and a withdrawn person has no result to record.
    pub fn record(self, outcome: EnrolmentStatus) -> Result<EnrolmentStatus, FieldError> {
        match (self, outcome) {
            (EnrolmentStatus::Enrolled, EnrolmentStatus::Enrolled) => Err(FieldError::new(
                "outcome",
                "invalid_value",
                "validation.must_be_passed_failed_or_withdrawn",
            )),
            (EnrolmentStatus::Enrolled, outcome) => Ok(outcome),
            (done, _) => Err(FieldError::said(
                "outcome",
                "already_recorded",
                crate::message::Message::new("validation.enrolment_already").term(
                    "status",
                    "enrolment",
                    done.as_str(),
                ),
            )),
        }
    }
}

/// Whether one more person fits: `seats_taken` counts enrolments that take a seat.
pub fn check_seat(capacity: u32, seats_taken: u32) -> Result<(), FieldError> {
    if seats_taken < capacity {
        Ok(())
    } else {
        Err(FieldError::said(
            "course",
            "full",
            crate::message::Message::new("validation.course_full").number("seats", capacity as i64),
        ))
    }
}

#[derive(Debug, Clone, Default)]
pub struct ResultInput {
    pub outcome: String,
    pub score: String,
    pub result_on: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultDraft {
    pub outcome: EnrolmentStatus,
    pub score: Option<String>,
    pub result_on: Date,
}

impl ResultDraft {
    /// A result dated within the course or after it.
    pub fn parse(input: &ResultInput, course_starts_on: Date) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let outcome = checker.check(EnrolmentStatus::parse_field("outcome", &input.outcome));
        let score = checker.check(optional_text("score", &input.score, 20));
        let result_on = checker.check(parse_date("result_on", &input.result_on));
        if result_on.is_some_and(|day| day < course_starts_on) {
            checker.push(FieldError::said(
                "result_on",
                "out_of_order",
                crate::message::Message::new("validation.before_course_starts")
                    .date("starts", course_starts_on),
            ));
        }
        checker.finish()?;
        let incomplete =
            || Invalid::one("result", "invalid", "validation.the_result_is_incomplete");
        Ok(ResultDraft {
            outcome: outcome.ok_or_else(incomplete)?,
            score: score.flatten(),
            result_on: result_on.ok_or_else(incomplete)?,
        })
    }
}

/// When a qualification awarded on `issued_on` lapses, from the catalogue's validity.
pub fn awarded_until(issued_on: Date, validity_months: Option<i64>) -> Option<Date> {
    validity_months.map(|months| add_months(issued_on, months.clamp(0, 1200) as i32))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn course() -> CourseInput {
        CourseInput {
            title: "UN Staff Officer Course".into(),
            provider: "Viet Nam Peacekeeping Training Centre".into(),
            place: "Ha Noi".into(),
            starts_on: "2026-03-02".into(),
            ends_on: "2026-03-27".into(),
            capacity: "30".into(),
            qualification: "un_staff_officer".into(),
        }
    }

    #[test]
    fn a_course_checks_every_field_at_once() {
        let draft = CourseDraft::parse(&course()).expect("valid");
        assert_eq!(draft.capacity, 30);
        assert_eq!(draft.qualification.as_deref(), Some("un_staff_officer"));
        let bad = CourseInput {
            title: " ".into(),
            ends_on: "2026-03-01".into(),
            capacity: "0".into(),
            qualification: "UN Course".into(),
            ..course()
        };
        let fields: Vec<_> = CourseDraft::parse(&bad)
            .unwrap_err()
            .0
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["title", "capacity", "qualification", "ends_on"]);
    }

    #[test]
    fn results_are_final_and_seats_are_counted() {
        use EnrolmentStatus::*;
        assert_eq!(Enrolled.record(Passed), Ok(Passed));
        assert_eq!(Enrolled.record(Withdrawn), Ok(Withdrawn));
        assert_eq!(Passed.record(Failed).unwrap_err().code, "already_recorded");
        assert_eq!(
            Withdrawn.record(Passed).unwrap_err().code,
            "already_recorded"
        );
        assert!(Enrolled.record(Enrolled).is_err());
        assert!(check_seat(2, 1).is_ok());
        assert_eq!(check_seat(2, 2).unwrap_err().code, "full");
        assert!(!Withdrawn.takes_a_seat() && Failed.takes_a_seat());
    }

    #[test]
    fn a_result_is_not_before_the_course_and_a_pass_lasts_the_catalogue_validity() {
        let input = ResultInput {
            outcome: "passed".into(),
            score: "87".into(),
            result_on: "2026-03-01".into(),
        };
        let error = ResultDraft::parse(&input, date!(2026 - 03 - 02)).unwrap_err();
        assert_eq!(error.0[0].field, "result_on");
        assert_eq!(
            awarded_until(date!(2026 - 03 - 27), Some(36)),
            Some(date!(2029 - 03 - 27))
        );
        assert_eq!(awarded_until(date!(2026 - 03 - 27), None), None);
    }
}
