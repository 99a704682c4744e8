//! Formed units (a field hospital, an engineering unit, a formed police unit): their
//! rotations, tables of organisation, readiness in the UN Peacekeeping Capability
//! Readiness System, and when the next rotation must leave.

use time::{Date, Duration};

use crate::eligibility::{add_months, LanguageRequirement, PersonnelType, Requirements};
use crate::person::Service;
use crate::person::{parse_date, parse_optional_date};
use crate::records::Cefr;
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

string_enum! {
    pub enum UnitKind {
        FieldHospital = "field_hospital",
        Engineering = "engineering",
        FormedPolice = "formed_police",
        Infantry = "infantry",
        Other = "other",
    }
}

string_enum! {
    /// PCRS levels, lowest first; the rapid deployment level is the highest.
    pub enum Readiness {
        Level1 = "level_1",
        Level2 = "level_2",
        Level3 = "level_3",
        RapidDeployment = "rapid_deployment",
    }
}

/// A unit as a user submits it.
#[derive(Debug, Clone, Default)]
pub struct UnitInput {
    pub name: String,
    pub kind: String,
    pub rotation: String,
    pub mission: String,
    pub tour_months: String,
    pub overlap_days: String,
    pub deploys_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDraft {
    pub name: String,
    pub kind: UnitKind,
    pub rotation: u32,
    /// The mission the unit serves; `None` for a unit held in readiness.
    pub mission: Option<String>,
    pub tour_months: u32,
    pub overlap_days: u32,
    pub deploys_on: Option<Date>,
}

fn bounded(field: &str, value: &str, low: u32, high: u32) -> Result<u32, FieldError> {
    match value.trim().parse::<u32>() {
        Ok(number) if (low..=high).contains(&number) => Ok(number),
        _ => Err(FieldError::said(
            field,
            "out_of_range",
            crate::message::Message::new("validation.whole_number_between")
                .number("low", low)
                .number("high", high),
        )),
    }
}

impl UnitDraft {
    pub fn parse(input: &UnitInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let name = checker.check(text("name", &input.name, 200));
        let kind = checker.check(UnitKind::parse_field("kind", &input.kind));
        let rotation = checker.check(bounded("rotation", &input.rotation, 1, 99));
        let mission = match input.mission.trim() {
            "" => Some(None),
            code => checker.check(crate::mission::parse_mission_code(code).map(Some)),
        };
        let tour_months = checker.check(bounded("tour_months", &input.tour_months, 1, 24));
        let overlap_days = checker.check(bounded("overlap_days", &input.overlap_days, 0, 90));
        let deploys_on = checker.check(parse_optional_date("deploys_on", &input.deploys_on));
        checker.finish()?;
        Ok(Self {
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or(UnitKind::Other),
            rotation: rotation.unwrap_or(1),
            mission: mission.flatten(),
            tour_months: tour_months.unwrap_or(12),
            overlap_days: overlap_days.unwrap_or(0),
            deploys_on: deploys_on.flatten(),
        })
    }
}

/// When the rotation after this one must be on the ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct NextRotation {
    /// The end of the current rotation's tour.
    pub tour_ends_on: Date,
    /// The next rotation arrives this many days before, to hand over.
    pub departs_on: Date,
}

/// The next rotation's dates from the current one's deployment, the tour length and the
/// hand-over overlap.
pub fn next_rotation(deployed_on: Date, tour_months: u32, overlap_days: u32) -> NextRotation {
    let tour_ends_on = add_months(deployed_on, tour_months as i32);
    NextRotation {
        tour_ends_on,
        departs_on: tour_ends_on - Duration::days(i64::from(overlap_days)),
    }
}

impl UnitKind {
    /// The rank table a line of this kind of unit is read with: the police's for a formed
    /// police unit, the army's (whose orders every armed service shares) for the others.
    pub fn rank_service(self) -> Service {
        match self {
            UnitKind::FormedPolice => Service::Police,
            _ => Service::Army,
        }
    }
}

/// What a line of a unit's table of organisation asks, as recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostAsks<'a> {
    pub specialty: Option<&'a str>,
    pub language: Option<&'a str>,
    pub min_level: Option<&'a str>,
    /// Rank orders, comparable across services.
    pub min_rank: Option<i32>,
    pub max_rank: Option<i32>,
    pub qualification: Option<&'a str>,
}

/// What a post of a unit's table of organisation asks of a person: a formed-unit member
/// of the services that staff that kind of unit (police for a formed police unit, the
/// armed services for the others, any for "other"), with the line's rank range, specialty,
/// language level and qualification when it names them. A level that cannot be read asks
/// for no level.
pub fn post_requirements(kind: UnitKind, asks: PostAsks<'_>) -> Requirements {
    let services = match kind {
        UnitKind::FormedPolice => vec![Service::Police],
        UnitKind::FieldHospital | UnitKind::Engineering | UnitKind::Infantry => vec![
            Service::Army,
            Service::Navy,
            Service::AirForce,
            Service::BorderGuard,
        ],
        UnitKind::Other => Vec::new(),
    };
    let named = |value: Option<&str>| {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let language = match (
        named(asks.language),
        asks.min_level.and_then(|l| Cefr::parse(&l.to_uppercase())),
    ) {
        (Some(language), Some(min_level)) => Some(LanguageRequirement {
            language,
            min_level,
        }),
        _ => None,
    };
    Requirements {
        personnel_type: PersonnelType::FormedUnit,
        services,
        min_rank: asks.min_rank,
        max_rank: asks.max_rank,
        specialties: named(asks.specialty).into_iter().collect(),
        language,
        qualifications: named(asks.qualification).into_iter().collect(),
        gender: None,
    }
}

/// A readiness change and its evidence, as submitted.
#[derive(Debug, Clone, Default)]
pub struct ReadinessInput {
    pub level: String,
    pub dated: String,
    /// The visit or report that justifies the change (an AAV, an RDL verification visit).
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessDraft {
    pub level: Readiness,
    pub dated: Date,
    pub evidence: String,
}

impl ReadinessDraft {
    pub fn parse(input: &ReadinessInput, today: Date) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let level = checker.check(Readiness::parse_field("level", &input.level));
        let dated = checker.check(parse_date("dated", &input.dated));
        let evidence = checker.check(text("evidence", &input.evidence, 1000));
        if dated.is_some_and(|day| day > today) {
            checker.push(FieldError::new(
                "dated",
                "in_future",
                "validation.a_readiness_change_is_recorded_once_it",
            ));
        }
        checker.finish()?;
        Ok(Self {
            level: level.unwrap_or(Readiness::Level1),
            dated: dated.unwrap_or(today),
            evidence: evidence.unwrap_or_default(),
        })
    }
}

/// A line of a unit's table of organisation, as submitted.
#[derive(Debug, Clone, Default)]
pub struct PositionInput {
    pub title: String,
    pub specialty: String,
    pub count: String,
    pub language: String,
    pub min_level: String,
    /// Rank codes of the unit's rank table ([`UnitKind::rank_service`]).
    pub min_rank: String,
    pub max_rank: String,
    /// A qualification kind's code.
    pub qualification: String,
    /// The section of the unit the line belongs to, by name; empty for none.
    pub section: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionDraft {
    pub title: String,
    pub specialty: Option<String>,
    pub count: u32,
    pub language: Option<(String, crate::records::Cefr)>,
    /// Rank orders.
    pub min_rank: Option<i32>,
    pub max_rank: Option<i32>,
    pub qualification: Option<String>,
    /// The section's name, its spaces folded so that one section has one spelling.
    pub section: Option<String>,
}

impl PositionDraft {
    /// Checks a line of a unit of `kind`; its ranks are read in that unit's rank table.
    pub fn parse(input: &PositionInput, kind: UnitKind) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let title = checker.check(text("title", &input.title, 200));
        let optional_code = |checker: &mut Checker, field: &str, value: &str| match value.trim() {
            "" => None,
            code => checker.check(crate::records::parse_code(field, code)),
        };
        let specialty = optional_code(&mut checker, "specialty", &input.specialty);
        let qualification = optional_code(&mut checker, "qualification", &input.qualification);
        let count = checker.check(bounded("count", &input.count, 1, 500));
        let folded = input
            .section
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let section = checker
            .check(crate::person::optional_text("section", &folded, 80))
            .flatten();
        let language = match (input.language.trim(), input.min_level.trim()) {
            ("", "") => None,
            (language, level) => {
                let language =
                    checker.check(crate::records::parse_known_language("language", language));
                let level = checker.check(crate::records::Cefr::parse_field("min_level", level));
                language.zip(level)
            }
        };
        let rank = |checker: &mut Checker, field: &str, code: &str| match code.trim() {
            "" => None,
            code => checker.check(
                crate::rank::rank(kind.rank_service(), code)
                    .map(|rank| rank.order)
                    .ok_or_else(|| FieldError::new(field, "unknown_value", "message.unknown_rank")),
            ),
        };
        let min_rank = rank(&mut checker, "min_rank", &input.min_rank);
        let max_rank = rank(&mut checker, "max_rank", &input.max_rank);
        if let (Some(lowest), Some(highest)) = (min_rank, max_rank) {
            if highest < lowest {
                checker.push(FieldError::new(
                    "max_rank",
                    "out_of_order",
                    "message.rank_range_reversed",
                ));
            }
        }
        checker.finish()?;
        Ok(Self {
            title: title.unwrap_or_default(),
            specialty,
            count: count.unwrap_or(1),
            language,
            min_rank,
            max_rank,
            qualification,
            section,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_line_asks_for_its_specialty_language_and_service() {
        let post = post_requirements(
            UnitKind::FormedPolice,
            PostAsks {
                specialty: Some("medic"),
                language: Some("en"),
                min_level: Some("b2"),
                min_rank: Some(9),
                qualification: Some("driving_licence"),
                ..PostAsks::default()
            },
        );
        assert_eq!(
            (post.min_rank, post.max_rank, post.qualifications.as_slice()),
            (Some(9), None, ["driving_licence".to_owned()].as_slice())
        );
        assert_eq!(post.services, [Service::Police]);
        assert_eq!(post.specialties, ["medic"]);
        assert_eq!(
            post.language,
            Some(LanguageRequirement {
                language: "en".into(),
                min_level: Cefr::B2
            })
        );
        let open = post_requirements(
            UnitKind::Other,
            PostAsks {
                specialty: Some(" "),
                language: Some("en"),
                ..PostAsks::default()
            },
        );
        assert!(open.services.is_empty() && open.specialties.is_empty() && open.language.is_none());
        assert_eq!(open.personnel_type, PersonnelType::FormedUnit);
    }
    use time::macros::date;

    #[test]
    fn the_next_rotation_arrives_before_the_tour_ends() {
        let next = next_rotation(date!(2025 - 09 - 26), 12, 14);
        assert_eq!(next.tour_ends_on, date!(2026 - 09 - 26));
        assert_eq!(next.departs_on, date!(2026 - 09 - 12));
    }

    #[test]
    fn a_unit_is_checked_whole() {
        let input = UnitInput {
            name: "Level-2 Field Hospital, rotation 8".into(),
            kind: "hospital".into(),
            rotation: "0".into(),
            mission: "unmiss".into(),
            tour_months: "36".into(),
            overlap_days: "14".into(),
            deploys_on: String::new(),
        };
        let error = UnitDraft::parse(&input).unwrap_err();
        let fields: Vec<_> = error.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["kind", "rotation", "tour_months"]);
        let draft = UnitDraft::parse(&UnitInput {
            kind: "field_hospital".into(),
            rotation: "8".into(),
            tour_months: "12".into(),
            ..input
        })
        .unwrap();
        assert_eq!(draft.mission.as_deref(), Some("UNMISS"));
    }

    #[test]
    fn readiness_needs_evidence_and_a_past_date() {
        let today = date!(2026 - 02 - 05);
        let input = ReadinessInput {
            level: "level_3".into(),
            dated: "2026-02-06".into(),
            evidence: " ".into(),
        };
        let error = ReadinessDraft::parse(&input, today).unwrap_err();
        let codes: Vec<_> = error.0.iter().map(|e| e.code).collect();
        assert_eq!(codes, vec!["required", "in_future"]);
        assert!(Readiness::Level1 < Readiness::RapidDeployment);
    }

    #[test]
    fn a_position_line_names_its_language_with_a_level() {
        let input = PositionInput {
            title: "Surgeon".into(),
            specialty: "surgery".into(),
            count: "2".into(),
            language: "en".into(),
            min_level: "b2".into(),
            ..PositionInput::default()
        };
        let error = PositionDraft::parse(&input, UnitKind::FieldHospital).unwrap_err();
        assert_eq!(error.0[0].field, "min_level");
        let draft = PositionDraft::parse(
            &PositionInput {
                min_level: "B2".into(),
                ..input
            },
            UnitKind::FieldHospital,
        )
        .unwrap();
        assert_eq!(draft.count, 2);
    }

    #[test]
    fn a_position_line_reads_its_ranks_in_the_units_table() {
        let input = PositionInput {
            title: "Surgeon".into(),
            count: "1".into(),
            min_rank: "thieu-ta".into(),
            max_rank: "dai-uy".into(),
            ..PositionInput::default()
        };
        let error = PositionDraft::parse(&input, UnitKind::FieldHospital).unwrap_err();
        let failed: Vec<_> = error.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(failed, [("max_rank", "out_of_order")]);
        let draft = PositionDraft::parse(
            &PositionInput {
                min_rank: "dai-uy".into(),
                max_rank: "thieu-ta".into(),
                ..input.clone()
            },
            UnitKind::FormedPolice,
        )
        .unwrap();
        assert_eq!((draft.min_rank, draft.max_rank), (Some(9), Some(10)));
        let unknown = PositionInput {
            min_rank: "sergeant".into(),
            max_rank: String::new(),
            ..input
        };
        let error = PositionDraft::parse(&unknown, UnitKind::Engineering).unwrap_err();
        assert_eq!(
            (error.0[0].field.as_str(), error.0[0].code),
            ("min_rank", "unknown_value")
        );
    }

    #[test]
    fn a_position_lines_section_is_one_spelling_and_bounded() {
        let input = PositionInput {
            title: "Y tá".into(),
            count: "4".into(),
            section: "  Khoa   nội ".into(),
            ..PositionInput::default()
        };
        let draft = PositionDraft::parse(&input, UnitKind::FieldHospital).unwrap();
        assert_eq!(draft.section.as_deref(), Some("Khoa nội"));
        let none = PositionInput {
            section: "   ".into(),
            ..input.clone()
        };
        let draft = PositionDraft::parse(&none, UnitKind::FieldHospital).unwrap();
        assert_eq!(draft.section, None);
        let long = PositionInput {
            section: "k".repeat(81),
            ..input
        };
        let error = PositionDraft::parse(&long, UnitKind::FieldHospital).unwrap_err();
        assert_eq!(
            (error.0[0].field.as_str(), error.0[0].code),
            ("section", "too_long")
        );
    }
}
