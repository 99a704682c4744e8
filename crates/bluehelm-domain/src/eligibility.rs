//! Who may be sent where: a person checked against a position's requirements and a tour.
//!
//! [`evaluate`] answers with every rule the person fails, each with a reason a person
//! understands, or nothing when they are eligible. Margins (rest after a tour, passport
//! validity beyond the tour, age limits per personnel type) are [`EligibilitySettings`],
//! read from the database, never constants in the rules.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::message::Message;
use crate::person::{age_on, Gender, PersonStatus, Service};
use crate::records::Cefr;
use crate::string_enum;

string_enum! {
    /// The kinds of post the UN asks for; age limits and some rules differ between them.
    pub enum PersonnelType {
        StaffOfficer = "staff_officer",
        MilitaryObserver = "military_observer",
        IndividualPolice = "individual_police",
        FormedUnit = "formed_unit",
        Civilian = "civilian",
    }
}

/// A requested language and the lowest acceptable level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageRequirement {
    pub language: String,
    pub min_level: Cefr,
}

/// What a position asks of the person who fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirements {
    pub personnel_type: PersonnelType,
    /// Acceptable services; empty accepts any.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Lowest and highest rank order (see [`crate::rank`]); `None` leaves that end open.
    #[serde(default)]
    pub min_rank: Option<i32>,
    #[serde(default)]
    pub max_rank: Option<i32>,
    /// Any one of these specialties; empty accepts any.
    #[serde(default)]
    pub specialties: Vec<String>,
    #[serde(default)]
    pub language: Option<LanguageRequirement>,
    /// Every one of these qualification codes, valid through the tour.
    #[serde(default)]
    pub qualifications: Vec<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

/// When a tour starts and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tour {
    pub start: Date,
    pub months: u32,
}

impl Tour {
    pub fn end(&self) -> Date {
        add_months(self.start, self.months as i32)
    }
}

/// Age limits for one personnel type, inclusive, on the tour's first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgeLimit {
    /// staff_officer, military_observer, individual_police, formed_unit or civilian.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub personnel_type: PersonnelType,
    pub min_years: i32,
    pub max_years: i32,
}

/// The margins of the rules; administrators change them as policy changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EligibilitySettings {
    /// Months at home after returning from a tour before the next one may start.
    pub rest_months: u32,
    /// Months a passport must stay valid after the tour ends.
    pub passport_months_beyond_tour: u32,
    /// Whether medical fitness must last to the tour's end (otherwise to its start).
    pub medical_through_tour_end: bool,
    pub age_limits: Vec<AgeLimit>,
}

impl Default for EligibilitySettings {
    /// The UN's published limits where there are some (military observers at least 25;
    /// police 25 to 62), conservative choices elsewhere.
    fn default() -> Self {
        let limit = |personnel_type, min_years, max_years| AgeLimit {
            personnel_type,
            min_years,
            max_years,
        };
        Self {
            rest_months: 12,
            passport_months_beyond_tour: 6,
            medical_through_tour_end: false,
            age_limits: vec![
                limit(PersonnelType::StaffOfficer, 25, 57),
                limit(PersonnelType::MilitaryObserver, 25, 57),
                limit(PersonnelType::IndividualPolice, 25, 62),
                limit(PersonnelType::FormedUnit, 20, 57),
                limit(PersonnelType::Civilian, 21, 62),
            ],
        }
    }
}

/// A language test result as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageFact {
    pub language: String,
    pub level: Cefr,
    pub valid_until: Option<Date>,
}

/// A qualification as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationFact {
    pub kind: String,
    pub expires_on: Option<Date>,
}

/// Medical clearance: whether the last examination clears a deployment, and until when.
/// The rules need nothing more, so nothing more leaves the medical records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MedicalClearance {
    pub cleared: bool,
    pub valid_until: Date,
}

/// Everything about a person the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub gender: Gender,
    pub birth_date: Date,
    pub service: Service,
    pub rank_order: Option<i32>,
    pub status: PersonStatus,
    pub specialties: Vec<String>,
    pub languages: Vec<LanguageFact>,
    pub qualifications: Vec<QualificationFact>,
    /// Expiry dates of the person's passports.
    pub passport_expiries: Vec<Date>,
    /// The latest examination, if any.
    pub medical: Option<MedicalClearance>,
    /// When the person last came home from a tour.
    pub last_return: Option<Date>,
    /// Tours completed before.
    pub tours: u32,
    /// Codes of the missions the person asked to serve in.
    pub preferred_missions: Vec<String>,
}

string_enum! {
    /// The rules, in the order they are checked and reported.
    pub enum Rule {
        Status = "status",
        Service = "service",
        Rank = "rank",
        Specialty = "specialty",
        Gender = "gender",
        Age = "age",
        Language = "language",
        Qualification = "qualification",
        Passport = "passport",
        Medical = "medical",
        Rest = "rest",
    }
}

/// One failed rule and why, as a message for the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub rule: Rule,
    pub reason: Message,
}

/// Every rule `candidate` fails for a position with `requirements` on `tour`; empty when
/// the candidate is eligible.
pub fn evaluate(
    candidate: &Candidate,
    requirements: &Requirements,
    tour: &Tour,
    settings: &EligibilitySettings,
) -> Vec<Failure> {
    let mut failures = Vec::new();
    let mut fail = |rule, reason: Message| failures.push(Failure { rule, reason });
    let tour_end = tour.end();

    if matches!(
        candidate.status,
        PersonStatus::Deployed | PersonStatus::Unavailable | PersonStatus::Retired
    ) {
        fail(
            Rule::Status,
            Message::new("eligibility.status").term("status", "status", candidate.status.as_str()),
        );
    }
    if !requirements.services.is_empty() && !requirements.services.contains(&candidate.service) {
        let wanted = requirements
            .services
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        fail(
            Rule::Service,
            Message::new("eligibility.service")
                .term("service", "service", candidate.service.as_str())
                .terms("wanted", "service", wanted),
        );
    }
    if requirements.min_rank.is_some() || requirements.max_rank.is_some() {
        match candidate.rank_order {
            None => fail(Rule::Rank, Message::new("eligibility.rank_none")),
            Some(order) if requirements.min_rank.is_some_and(|min| order < min) => fail(
                Rule::Rank,
                Message::new("eligibility.rank_below")
                    .number("grade", order)
                    .number("lowest", requirements.min_rank.unwrap_or_default()),
            ),
            Some(order) if requirements.max_rank.is_some_and(|max| order > max) => fail(
                Rule::Rank,
                Message::new("eligibility.rank_above")
                    .number("grade", order)
                    .number("highest", requirements.max_rank.unwrap_or_default()),
            ),
            Some(_) => {}
        }
    }
    if !requirements.specialties.is_empty()
        && !requirements
            .specialties
            .iter()
            .any(|wanted| candidate.specialties.contains(wanted))
    {
        fail(
            Rule::Specialty,
            Message::new("eligibility.specialty").terms(
                "wanted",
                "specialty",
                requirements.specialties.clone(),
            ),
        );
    }
    if let Some(gender) = requirements.gender {
        if candidate.gender != gender {
            fail(
                Rule::Gender,
                Message::new("eligibility.gender").term("gender", "gender", gender.as_str()),
            );
        }
    }
    if let Some(limit) = settings
        .age_limits
        .iter()
        .find(|limit| limit.personnel_type == requirements.personnel_type)
    {
        let age = age_on(candidate.birth_date, tour.start);
        if age < limit.min_years || age > limit.max_years {
            fail(
                Rule::Age,
                Message::new("eligibility.age")
                    .number("age", age)
                    .date("start", tour.start)
                    .term(
                        "personnel",
                        "personnel",
                        requirements.personnel_type.as_str(),
                    )
                    .number("min", limit.min_years)
                    .number("max", limit.max_years),
            );
        }
    }
    if let Some(wanted) = &requirements.language {
        let best = candidate
            .languages
            .iter()
            .filter(|fact| fact.language == wanted.language)
            .filter(|fact| fact.valid_until.is_none_or(|until| until >= tour.start))
            .map(|fact| fact.level)
            .max();
        match best {
            Some(level) if level >= wanted.min_level => {}
            Some(level) => fail(
                Rule::Language,
                Message::new("eligibility.language_below")
                    .term("language", "language_name", wanted.language.clone())
                    .text("level", level.as_str())
                    .text("required", wanted.min_level.as_str()),
            ),
            None => fail(
                Rule::Language,
                Message::new("eligibility.language_missing")
                    .term("language", "language_name", wanted.language.clone())
                    .date("start", tour.start)
                    .text("required", wanted.min_level.as_str()),
            ),
        }
    }
    for wanted in &requirements.qualifications {
        let latest = candidate
            .qualifications
            .iter()
            .filter(|fact| &fact.kind == wanted)
            .map(|fact| fact.expires_on)
            .max_by_key(|expiry| expiry.unwrap_or(Date::MAX));
        match latest {
            None => fail(
                Rule::Qualification,
                Message::new("eligibility.qualification_missing").term(
                    "qualification",
                    "qualification_kind",
                    wanted.clone(),
                ),
            ),
            Some(Some(expiry)) if expiry < tour_end => fail(
                Rule::Qualification,
                span(
                    Message::new("eligibility.qualification_expires")
                        .term("qualification", "qualification_kind", wanted.clone())
                        .date("expiry", expiry),
                    expiry,
                    tour_end,
                ),
            ),
            Some(_) => {}
        }
    }
    let passport_needed_until = add_months(tour_end, settings.passport_months_beyond_tour as i32);
    match candidate.passport_expiries.iter().max() {
        None => fail(Rule::Passport, Message::new("eligibility.passport_none")),
        Some(&expiry) if expiry < tour_end => fail(
            Rule::Passport,
            span(
                Message::new("eligibility.passport_before_end").date("expiry", expiry),
                expiry,
                tour_end,
            ),
        ),
        Some(&expiry) if expiry < passport_needed_until => fail(
            Rule::Passport,
            span(
                Message::new("eligibility.passport_short")
                    .date("expiry", expiry)
                    .number("months", settings.passport_months_beyond_tour),
                tour_end,
                expiry,
            ),
        ),
        Some(_) => {}
    }
    let medical_needed_until = if settings.medical_through_tour_end {
        tour_end
    } else {
        tour.start
    };
    match candidate.medical {
        None => fail(Rule::Medical, Message::new("eligibility.medical_none")),
        Some(medical) if !medical.cleared => fail(
            Rule::Medical,
            Message::new("eligibility.medical_not_cleared"),
        ),
        Some(medical) if medical.valid_until < medical_needed_until => fail(
            Rule::Medical,
            Message::new("eligibility.medical_ends")
                .date("until", medical.valid_until)
                .date("needed", medical_needed_until),
        ),
        Some(_) => {}
    }
    if let Some(returned) = candidate.last_return {
        let rested_on = add_months(returned, settings.rest_months as i32);
        if rested_on > tour.start {
            fail(
                Rule::Rest,
                Message::new("eligibility.rest")
                    .date("returned", returned)
                    .number("months", settings.rest_months)
                    .date("rested", rested_on),
            );
        }
    }
    failures
}

/// `date` moved by whole months, the day clamped to the target month's length.
pub fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + (date.month() as i32 - 1) + months;
    let year = index.div_euclid(12);
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// `message` with the gap between two dates in the largest unit that reads naturally:
/// `gap` and `gap_unit` (`months` or `days`).
fn span(message: Message, from: Date, to: Date) -> Message {
    let days = (to - from).whole_days();
    let mut months = (to.year() - from.year()) * 12 + (to.month() as i32 - from.month() as i32);
    if to.day() < from.day() {
        months -= 1;
    }
    let (gap, unit) = if months >= 2 {
        (i64::from(months), "months")
    } else {
        (days, "days")
    };
    message.number("gap", gap).text("gap_unit", unit)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn requirements() -> Requirements {
        Requirements {
            personnel_type: PersonnelType::StaffOfficer,
            services: vec![Service::Army],
            min_rank: Some(9),
            max_rank: Some(11),
            specialties: vec!["staff_officer".into()],
            language: Some(LanguageRequirement {
                language: "en".into(),
                min_level: Cefr::B2,
            }),
            qualifications: vec!["un-sotc".into()],
            gender: None,
        }
    }

    fn tour() -> Tour {
        Tour {
            start: date!(2027 - 03 - 01),
            months: 12,
        }
    }

    /// Someone who passes every rule of [`requirements`] on [`tour`].
    fn eligible() -> Candidate {
        Candidate {
            gender: Gender::Female,
            birth_date: date!(1990 - 06 - 15),
            service: Service::Army,
            rank_order: Some(10),
            status: PersonStatus::Available,
            specialties: vec!["staff_officer".into(), "interpreter".into()],
            languages: vec![LanguageFact {
                language: "en".into(),
                level: Cefr::C1,
                valid_until: Some(date!(2028 - 01 - 01)),
            }],
            qualifications: vec![QualificationFact {
                kind: "un-sotc".into(),
                expires_on: None,
            }],
            passport_expiries: vec![date!(2030 - 01 - 01)],
            medical: Some(MedicalClearance {
                cleared: true,
                valid_until: date!(2027 - 06 - 01),
            }),
            last_return: Some(date!(2025 - 01 - 15)),
            tours: 1,
            preferred_missions: Vec::new(),
        }
    }

    fn rules(candidate: &Candidate) -> Vec<Rule> {
        evaluate(
            candidate,
            &requirements(),
            &tour(),
            &EligibilitySettings::default(),
        )
        .into_iter()
        .map(|failure| failure.rule)
        .collect()
    }

    fn only_failure(candidate: &Candidate) -> Failure {
        let failures = evaluate(
            candidate,
            &requirements(),
            &tour(),
            &EligibilitySettings::default(),
        );
        assert_eq!(failures.len(), 1, "{failures:?}");
        failures.into_iter().next().expect("one failure")
    }

    #[test]
    fn the_reference_candidate_is_eligible() {
        assert_eq!(rules(&eligible()), []);
    }

    #[test]
    fn each_rule_fails_alone_with_its_message() {
        let cases: Vec<(Rule, Candidate, &str)> = vec![
            (
                Rule::Status,
                Candidate {
                    status: PersonStatus::Deployed,
                    ..eligible()
                },
                "eligibility.status",
            ),
            (
                Rule::Service,
                Candidate {
                    service: Service::Police,
                    ..eligible()
                },
                "eligibility.service",
            ),
            (
                Rule::Rank,
                Candidate {
                    rank_order: Some(8),
                    ..eligible()
                },
                "eligibility.rank_below",
            ),
            (
                Rule::Rank,
                Candidate {
                    rank_order: Some(12),
                    ..eligible()
                },
                "eligibility.rank_above",
            ),
            (
                Rule::Specialty,
                Candidate {
                    specialties: vec!["driver".into()],
                    ..eligible()
                },
                "eligibility.specialty",
            ),
            (
                Rule::Age,
                Candidate {
                    birth_date: date!(2003 - 01 - 01),
                    ..eligible()
                },
                "eligibility.age",
            ),
            (
                Rule::Language,
                Candidate {
                    languages: vec![LanguageFact {
                        language: "en".into(),
                        level: Cefr::B1,
                        valid_until: None,
                    }],
                    ..eligible()
                },
                "eligibility.language_below",
            ),
            (
                Rule::Language,
                Candidate {
                    languages: vec![LanguageFact {
                        language: "en".into(),
                        level: Cefr::C2,
                        valid_until: Some(date!(2027 - 02 - 01)),
                    }],
                    ..eligible()
                },
                "eligibility.language_missing",
            ),
            (
                Rule::Qualification,
                Candidate {
                    qualifications: vec![QualificationFact {
                        kind: "un-sotc".into(),
                        expires_on: Some(date!(2027 - 11 - 01)),
                    }],
                    ..eligible()
                },
                "eligibility.qualification_expires",
            ),
            (
                Rule::Qualification,
                Candidate {
                    qualifications: vec![],
                    ..eligible()
                },
                "eligibility.qualification_missing",
            ),
            (
                Rule::Passport,
                Candidate {
                    passport_expiries: vec![date!(2027 - 11 - 01)],
                    ..eligible()
                },
                "eligibility.passport_before_end",
            ),
            (
                Rule::Passport,
                Candidate {
                    passport_expiries: vec![date!(2028 - 05 - 01)],
                    ..eligible()
                },
                "eligibility.passport_short",
            ),
            (
                Rule::Passport,
                Candidate {
                    passport_expiries: vec![],
                    ..eligible()
                },
                "eligibility.passport_none",
            ),
            (
                Rule::Medical,
                Candidate {
                    medical: Some(MedicalClearance {
                        cleared: true,
                        valid_until: date!(2027 - 02 - 27),
                    }),
                    ..eligible()
                },
                "eligibility.medical_ends",
            ),
            (
                Rule::Medical,
                Candidate {
                    medical: Some(MedicalClearance {
                        cleared: false,
                        valid_until: date!(2028 - 01 - 01),
                    }),
                    ..eligible()
                },
                "eligibility.medical_not_cleared",
            ),
            (
                Rule::Medical,
                Candidate {
                    medical: None,
                    ..eligible()
                },
                "eligibility.medical_none",
            ),
            (
                Rule::Rest,
                Candidate {
                    last_return: Some(date!(2026 - 06 - 01)),
                    ..eligible()
                },
                "eligibility.rest",
            ),
        ];
        for (rule, candidate, key) in cases {
            let failure = only_failure(&candidate);
            assert_eq!(failure.rule, rule, "{failure:?}");
            assert_eq!(failure.reason.key, key, "{rule}");
        }
    }

    #[test]
    fn a_failure_carries_the_dates_and_gaps_it_speaks_of() {
        use crate::message::Arg;
        let failure = only_failure(&Candidate {
            passport_expiries: vec![date!(2027 - 11 - 01)],
            ..eligible()
        });
        assert_eq!(
            failure.reason.args,
            [
                ("expiry", Arg::Date(date!(2027 - 11 - 01))),
                ("gap", Arg::Number(4)),
                ("gap_unit", Arg::Text("months".into())),
            ]
        );
        let failure = only_failure(&Candidate {
            last_return: Some(date!(2026 - 06 - 01)),
            ..eligible()
        });
        assert_eq!(
            failure.reason.args,
            [
                ("returned", Arg::Date(date!(2026 - 06 - 01))),
                ("months", Arg::Number(12)),
                ("rested", Arg::Date(date!(2027 - 06 - 01))),
            ]
        );
    }

    #[test]
    fn a_gender_requirement_is_checked() {
        let wants_men = Requirements {
            gender: Some(Gender::Male),
            ..requirements()
        };
        let failures = evaluate(
            &eligible(),
            &wants_men,
            &tour(),
            &EligibilitySettings::default(),
        );
        assert_eq!(
            failures.iter().map(|f| f.rule).collect::<Vec<_>>(),
            [Rule::Gender]
        );
    }

    #[test]
    fn every_failed_rule_is_listed_together_in_order() {
        let candidate = Candidate {
            status: PersonStatus::Retired,
            rank_order: Some(3),
            languages: vec![],
            passport_expiries: vec![],
            medical: None,
            last_return: Some(date!(2026 - 12 - 01)),
            ..eligible()
        };
        assert_eq!(
            rules(&candidate),
            [
                Rule::Status,
                Rule::Rank,
                Rule::Language,
                Rule::Passport,
                Rule::Medical,
                Rule::Rest
            ]
        );
    }

    #[test]
    fn margins_are_settings() {
        let candidate = Candidate {
            passport_expiries: vec![date!(2028 - 05 - 01)],
            last_return: Some(date!(2026 - 06 - 01)),
            ..eligible()
        };
        let lenient = EligibilitySettings {
            passport_months_beyond_tour: 1,
            rest_months: 6,
            ..EligibilitySettings::default()
        };
        assert_eq!(evaluate(&candidate, &requirements(), &tour(), &lenient), []);
        let strict = EligibilitySettings {
            medical_through_tour_end: true,
            ..EligibilitySettings::default()
        };
        let failures = evaluate(&eligible(), &requirements(), &tour(), &strict);
        assert_eq!(
            failures.iter().map(|f| f.rule).collect::<Vec<_>>(),
            [Rule::Medical]
        );
    }

    #[test]
    fn months_are_added_on_the_calendar() {
        assert_eq!(add_months(date!(2027 - 01 - 31), 1), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2027 - 11 - 15), 3), date!(2028 - 02 - 15));
        assert_eq!(tour().end(), date!(2028 - 03 - 01));
    }
}
