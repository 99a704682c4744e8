//! UN peace operations and the Security Council resolutions that create and renew their
//! mandates. The seed is the public record (REFERENCE part 3 and the UNMISS history);
//! renewals after it are entered by users, so the seed never has to change.

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::person::{optional_text, parse_date};
use crate::validation::{text, Checker, FieldError, Invalid};

/// A mission as seeded: coordinates are the headquarters town, for the offline map.
pub struct MissionSeed {
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_vi: &'static str,
    pub host: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    pub started_on: Date,
    pub closed_on: Option<Date>,
}

/// A Security Council resolution about a mission's mandate.
pub struct ResolutionSeed {
    pub mission: &'static str,
    pub number: u32,
    pub year: i32,
    pub adopted_on: Date,
    /// For, against, abstaining; `None` where the record gives no count.
    pub votes: Option<(u8, u8, u8)>,
    /// The end of the mandate it sets; `None` for open-ended mandates.
    pub mandate_ends_on: Option<Date>,
    pub troop_ceiling: Option<u32>,
    pub police_ceiling: Option<u32>,
    pub establishes: bool,
}

const fn mission(
    code: &'static str,
    name_en: &'static str,
    name_vi: &'static str,
    host: &'static str,
    (latitude, longitude): (f64, f64),
    started_on: Date,
    closed_on: Option<Date>,
) -> MissionSeed {
    MissionSeed {
        code,
        name_en,
        name_vi,
        host,
        latitude,
        longitude,
        started_on,
        closed_on,
    }
}

#[rustfmt::skip]
pub const MISSIONS: &[MissionSeed] = &[
    mission("UNMISS", "UN Mission in the Republic of South Sudan", "Phái bộ Liên hợp quốc tại Cộng hòa Nam Xu-đăng", "South Sudan", (4.85, 31.58), date!(2011 - 07 - 09), None),
    mission("MINUSCA", "UN Multidimensional Integrated Stabilization Mission in the Central African Republic", "Phái bộ ổn định đa chiều hợp nhất của Liên hợp quốc tại Cộng hòa Trung Phi", "Central African Republic", (4.36, 18.56), date!(2014 - 09 - 15), None),
    mission("UNISFA", "UN Interim Security Force for Abyei", "Lực lượng an ninh lâm thời Liên hợp quốc tại Abyei", "Abyei Area", (9.60, 28.44), date!(2011 - 06 - 27), None),
    mission("UNIFIL", "UN Interim Force in Lebanon", "Lực lượng lâm thời Liên hợp quốc tại Li-băng", "Lebanon", (33.12, 35.14), date!(1978 - 03 - 19), None),
    mission("MONUSCO", "UN Organization Stabilization Mission in the DR Congo", "Phái bộ ổn định của Liên hợp quốc tại Cộng hòa Dân chủ Công-gô", "DR Congo", (-4.32, 15.31), date!(2010 - 07 - 01), None),
    mission("UNFICYP", "UN Peacekeeping Force in Cyprus", "Lực lượng gìn giữ hòa bình Liên hợp quốc tại Síp", "Cyprus", (35.17, 33.36), date!(1964 - 03 - 04), None),
    mission("UNMIK", "UN Interim Administration Mission in Kosovo", "Phái bộ hành chính lâm thời Liên hợp quốc tại Kosovo", "Kosovo", (42.66, 21.17), date!(1999 - 06 - 10), None),
    mission("UNDOF", "UN Disengagement Observer Force", "Lực lượng giám sát phân tách của Liên hợp quốc", "Golan", (33.2, 35.9), date!(1974 - 05 - 31), None),
    mission("UNTSO", "UN Truce Supervision Organization", "Tổ chức giám sát đình chiến của Liên hợp quốc", "Middle East", (31.76, 35.24), date!(1948 - 05 - 29), None),
    mission("UNMOGIP", "UN Military Observer Group in India and Pakistan", "Nhóm quan sát viên quân sự Liên hợp quốc tại Ấn Độ và Pa-ki-xtan", "Kashmir", (33.69, 73.06), date!(1949 - 01 - 24), None),
    mission("MINURSO", "UN Mission for the Referendum in Western Sahara", "Phái bộ Liên hợp quốc về trưng cầu dân ý tại Tây Sahara", "Western Sahara", (27.15, -13.20), date!(1991 - 04 - 29), None),
    mission("MINUSMA", "UN Multidimensional Integrated Stabilization Mission in Mali", "Phái bộ ổn định đa chiều hợp nhất của Liên hợp quốc tại Ma-li", "Mali", (12.64, -8.00), date!(2013 - 04 - 25), Some(date!(2023 - 12 - 31))),
];

#[allow(clippy::too_many_arguments)]
const fn resolution(
    mission: &'static str,
    (number, year): (u32, i32),
    adopted_on: Date,
    votes: Option<(u8, u8, u8)>,
    mandate_ends_on: Option<Date>,
    troop_ceiling: Option<u32>,
    police_ceiling: Option<u32>,
    establishes: bool,
) -> ResolutionSeed {
    ResolutionSeed {
        mission,
        number,
        year,
        adopted_on,
        votes,
        mandate_ends_on,
        troop_ceiling,
        police_ceiling,
        establishes,
    }
}

#[rustfmt::skip]
pub const RESOLUTIONS: &[ResolutionSeed] = &[
    resolution("UNMISS", (1996, 2011), date!(2011 - 07 - 08), None, Some(date!(2012 - 07 - 09)), None, None, true),
    resolution("UNMISS", (2406, 2018), date!(2018 - 03 - 15), None, Some(date!(2019 - 03 - 15)), Some(17_000), Some(2_101), false),
    resolution("UNMISS", (2567, 2021), date!(2021 - 03 - 12), None, Some(date!(2022 - 03 - 15)), Some(17_000), Some(2_101), false),
    resolution("UNMISS", (2677, 2023), date!(2023 - 03 - 15), Some((13, 0, 2)), Some(date!(2024 - 03 - 15)), None, None, false),
    resolution("UNMISS", (2726, 2024), date!(2024 - 03 - 14), None, Some(date!(2024 - 04 - 30)), None, None, false),
    resolution("UNMISS", (2729, 2024), date!(2024 - 04 - 29), Some((13, 0, 2)), Some(date!(2025 - 04 - 30)), Some(17_000), Some(2_101), false),
    resolution("UNMISS", (2778, 2025), date!(2025 - 04 - 30), None, Some(date!(2025 - 05 - 09)), None, None, false),
    resolution("UNMISS", (2779, 2025), date!(2025 - 05 - 08), Some((12, 0, 3)), Some(date!(2026 - 04 - 30)), Some(17_000), Some(2_101), false),
    resolution("MINUSCA", (2149, 2014), date!(2014 - 04 - 10), None, None, None, None, true),
    resolution("MINUSCA", (2800, 2025), date!(2025 - 11 - 13), None, Some(date!(2026 - 11 - 15)), Some(14_046), None, false),
    resolution("UNISFA", (1990, 2011), date!(2011 - 06 - 27), None, None, None, None, true),
    resolution("UNISFA", (2802, 2025), date!(2025 - 11 - 14), Some((12, 0, 3)), Some(date!(2026 - 11 - 15)), None, None, false),
    resolution("UNIFIL", (425, 1978), date!(1978 - 03 - 19), None, None, None, None, true),
    resolution("UNIFIL", (2790, 2025), date!(2025 - 08 - 28), None, Some(date!(2026 - 12 - 31)), None, None, false),
    resolution("MONUSCO", (1925, 2010), date!(2010 - 05 - 28), None, None, None, None, true),
    resolution("MONUSCO", (2808, 2025), date!(2025 - 12 - 19), None, Some(date!(2026 - 12 - 20)), Some(11_500), Some(1_713), false),
    resolution("UNFICYP", (186, 1964), date!(1964 - 03 - 04), None, None, None, None, true),
    resolution("UNMIK", (1244, 1999), date!(1999 - 06 - 10), None, None, None, None, true),
    resolution("UNDOF", (350, 1974), date!(1974 - 05 - 31), None, None, None, None, true),
    resolution("UNTSO", (50, 1948), date!(1948 - 05 - 29), None, None, None, None, true),
    resolution("UNMOGIP", (47, 1948), date!(1948 - 04 - 21), None, None, None, None, true),
    resolution("MINURSO", (690, 1991), date!(1991 - 04 - 29), None, None, None, None, true),
    resolution("MINUSMA", (2100, 2013), date!(2013 - 04 - 25), None, None, None, None, true),
    resolution("MINUSMA", (2690, 2023), date!(2023 - 06 - 30), None, Some(date!(2023 - 06 - 30)), None, None, false),
];

/// Where a mission's mandate stands on a day, from its latest resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MandateState {
    /// No end date: the mandate runs until the Council decides otherwise.
    OpenEnded,
    Current {
        ends_on: Date,
        days_left: i64,
    },
    /// Ends within the warning window: the renewal is due.
    Expiring {
        ends_on: Date,
        days_left: i64,
    },
    /// The latest recorded mandate has ended: a renewal is missing or the mission closed.
    Ended {
        ends_on: Date,
    },
}

impl MandateState {
    pub fn on(ends_on: Option<Date>, today: Date, warn_within_days: i64) -> Self {
        match ends_on {
            None => MandateState::OpenEnded,
            Some(ends_on) if ends_on < today => MandateState::Ended { ends_on },
            Some(ends_on) => {
                let days_left = (ends_on - today).whole_days();
                if days_left <= warn_within_days {
                    MandateState::Expiring { ends_on, days_left }
                } else {
                    MandateState::Current { ends_on, days_left }
                }
            }
        }
    }

    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            MandateState::Expiring { .. } | MandateState::Ended { .. }
        )
    }
}

/// A resolution as a user enters it.
#[derive(Debug, Clone, Default)]
pub struct ResolutionInput {
    /// "2779 (2025)" or "2779/2025".
    pub number: String,
    pub adopted_on: String,
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstaining: String,
    pub mandate_ends_on: String,
    pub troop_ceiling: String,
    pub police_ceiling: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionDraft {
    pub number: u32,
    pub year: i32,
    pub adopted_on: Date,
    pub votes: Option<(u8, u8, u8)>,
    pub mandate_ends_on: Option<Date>,
    pub troop_ceiling: Option<u32>,
    pub police_ceiling: Option<u32>,
    pub note: Option<String>,
}

/// The Security Council has 15 members: no count of votes exceeds it.
const COUNCIL_SEATS: u8 = 15;

impl ResolutionDraft {
    pub fn parse(input: &ResolutionInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let number = checker.check(parse_resolution_number(&input.number));
        let adopted_on = checker.check(parse_date("adopted_on", &input.adopted_on));
        let mandate_ends_on = checker.check(crate::person::parse_optional_date(
            "mandate_ends_on",
            &input.mandate_ends_on,
        ));
        let counts = [
            ("votes_for", &input.votes_for),
            ("votes_against", &input.votes_against),
            ("votes_abstaining", &input.votes_abstaining),
        ]
        .map(|(field, value)| checker.check(optional_count(field, value, COUNCIL_SEATS.into())));
        let troop_ceiling = checker.check(optional_count(
            "troop_ceiling",
            &input.troop_ceiling,
            100_000,
        ));
        let police_ceiling = checker.check(optional_count(
            "police_ceiling",
            &input.police_ceiling,
            100_000,
        ));
        let note = checker.check(optional_text("note", &input.note, 500));
        let votes = match counts {
            [Some(Some(yes)), Some(Some(no)), Some(Some(abstain))] => {
                if yes + no + abstain > u32::from(COUNCIL_SEATS) {
                    checker.push(FieldError::new(
                        "votes_for",
                        "too_many_votes",
                        "validation.for_against_and_abstaining_add_up_to",
                    ));
                }
                Some((yes as u8, no as u8, abstain as u8))
            }
            [Some(None), Some(None), Some(None)] => None,
            _ => {
                checker.push(FieldError::new(
                    "votes_for",
                    "incomplete_votes",
                    "validation.give_all_three_counts_for_against_abstaining",
                ));
                None
            }
        };
        if let (Some(adopted), Some(Some(ends))) = (adopted_on, mandate_ends_on) {
            if ends < adopted {
                checker.push(FieldError::new(
                    "mandate_ends_on",
                    "out_of_order",
                    "validation.must_be_on_or_after_adopted_on",
                ));
            }
        }
        if let (Some((_, year)), Some(adopted)) = (number, adopted_on) {
            if year != adopted.year() {
                checker.push(FieldError::said(
                    "number",
                    "year_mismatch",
                    crate::message::Message::new("validation.resolution_year")
                        .text("year", year.to_string()),
                ));
            }
        }
        checker.finish()?;
        let (number, year) = number.unwrap_or_default();
        Ok(Self {
            number,
            year,
            adopted_on: adopted_on.unwrap_or(Date::MIN),
            votes,
            mandate_ends_on: mandate_ends_on.flatten(),
            troop_ceiling: troop_ceiling.flatten(),
            police_ceiling: police_ceiling.flatten(),
            note: note.flatten(),
        })
    }
}

/// "2779 (2025)", "2779(2025)" or "2779/2025" → (2779, 2025).
fn parse_resolution_number(value: &str) -> Result<(u32, i32), FieldError> {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { ' ' })
        .collect();
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    match parts.as_slice() {
        [number, year] => match (number.parse::<u32>(), year.parse::<i32>()) {
            (Ok(number), Ok(year)) if number > 0 && (1946..=2100).contains(&year) => {
                Ok((number, year))
            }
            _ => Err(bad_number()),
        },
        [] => Err(FieldError::new(
            "number",
            "required",
            "validation.must_not_be_empty",
        )),
        _ => Err(bad_number()),
    }
}

fn bad_number() -> FieldError {
    FieldError::new(
        "number",
        "invalid_resolution_number",
        "validation.must_be_written_like_2779_2025",
    )
}

fn optional_count(field: &str, value: &str, max: u32) -> Result<Option<u32>, FieldError> {
    match value.trim() {
        "" => Ok(None),
        digits => match digits.parse::<u32>() {
            Ok(count) if count <= max => Ok(Some(count)),
            _ => Err(FieldError::said(
                field,
                "invalid_count",
                crate::message::Message::new("validation.whole_number_between")
                    .number("low", 0)
                    .number("high", i64::from(max)),
            )),
        },
    }
}

/// A mission code as users type it: 2 to 12 capital letters.
pub fn parse_mission_code(value: &str) -> Result<String, FieldError> {
    let code = text("mission", value, 12)?.to_uppercase();
    if code.len() >= 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(FieldError::new(
            "mission",
            "invalid_code",
            "validation.must_be_a_mission_code_such_as",
        ))
    }
}

/// A mission as a form or the API gives it: every field as text.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MissionInput {
    /// The UN's acronym (UNMISS); fixed once the mission is recorded.
    #[serde(default)]
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    /// Where it operates (a country or an area).
    pub host: String,
    /// The headquarters' coordinates, in degrees, for the map.
    pub latitude: String,
    pub longitude: String,
    pub started_on: String,
    /// Empty while it runs.
    #[serde(default)]
    pub closed_on: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MissionDraft {
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    pub host: String,
    pub latitude: f64,
    pub longitude: f64,
    pub started_on: Date,
    pub closed_on: Option<Date>,
}

/// A coordinate in degrees within `limit` either side of zero.
fn parse_degrees(field: &str, value: &str, limit: f64) -> Result<f64, FieldError> {
    match value.trim().replace(',', ".").parse::<f64>() {
        Ok(degrees) if degrees.is_finite() && degrees.abs() <= limit => Ok(degrees),
        _ => Err(FieldError::new(
            field,
            "out_of_range",
            if limit < 100.0 {
                "message.latitude_range"
            } else {
                "message.longitude_range"
            },
        )),
    }
}

impl MissionDraft {
    pub fn parse(input: &MissionInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let code = checker.check(parse_mission_code(&input.code).map_err(|error| FieldError {
            field: "code".to_owned(),
            ..error
        }));
        let name_en = checker.check(text("name_en", &input.name_en, 200));
        let name_vi = checker.check(text("name_vi", &input.name_vi, 200));
        let host = checker.check(text("host", &input.host, 100));
        let latitude = checker.check(parse_degrees("latitude", &input.latitude, 90.0));
        let longitude = checker.check(parse_degrees("longitude", &input.longitude, 180.0));
        let started_on = checker.check(parse_date("started_on", &input.started_on));
        let closed_on = checker.check(crate::person::parse_optional_date(
            "closed_on",
            &input.closed_on,
        ));
        if let (Some(started), Some(Some(closed))) = (started_on, closed_on) {
            if closed < started {
                checker.push(FieldError::new(
                    "closed_on",
                    "out_of_order",
                    "message.mission_closed_before_start",
                ));
            }
        }
        checker.finish()?;
        Ok(Self {
            code: code.unwrap_or_default(),
            name_en: name_en.unwrap_or_default(),
            name_vi: name_vi.unwrap_or_default(),
            host: host.unwrap_or_default(),
            latitude: latitude.unwrap_or_default(),
            longitude: longitude.unwrap_or_default(),
            started_on: started_on.unwrap_or(Date::MIN),
            closed_on: closed_on.flatten(),
        })
    }
}

/// Equirectangular projection onto the shipped world outline (360 × 180 units, north up).
pub fn map_point(latitude: f64, longitude: f64) -> (f64, f64) {
    (longitude + 180.0, 90.0 - latitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mission_is_checked_whole() {
        let input = MissionInput {
            code: "unmiss2".into(),
            name_en: "UN Mission".into(),
            name_vi: String::new(),
            host: "South Sudan".into(),
            latitude: "91".into(),
            longitude: "31,58".into(),
            started_on: "2011-07-09".into(),
            closed_on: "2011-07-01".into(),
        };
        let fields: Vec<String> = MissionDraft::parse(&input)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["code", "name_vi", "latitude", "closed_on"]);
        let draft = MissionDraft::parse(&MissionInput {
            code: "unmiss".into(),
            name_vi: "Phái bộ".into(),
            latitude: "4.85".into(),
            closed_on: String::new(),
            ..input
        })
        .expect("valid");
        assert_eq!(draft.code, "UNMISS");
        assert_eq!(draft.longitude, 31.58);
        assert_eq!(draft.closed_on, None);
    }

    #[test]
    fn the_seed_is_consistent() {
        for resolution in RESOLUTIONS {
            assert!(
                MISSIONS.iter().any(|m| m.code == resolution.mission),
                "{} has no mission",
                resolution.number
            );
            assert_eq!(resolution.adopted_on.year(), resolution.year);
        }
        for mission in MISSIONS {
            assert!(
                RESOLUTIONS
                    .iter()
                    .any(|r| r.mission == mission.code && r.establishes),
                "{} has no establishing resolution",
                mission.code
            );
            assert!(parse_mission_code(mission.code).is_ok());
        }
    }

    #[test]
    fn a_mandate_warns_within_the_window_and_after_its_end() {
        let today = date!(2026 - 11 - 01);
        assert_eq!(MandateState::on(None, today, 60), MandateState::OpenEnded);
        let soon = MandateState::on(Some(date!(2026 - 11 - 15)), today, 60);
        assert_eq!(
            soon,
            MandateState::Expiring {
                ends_on: date!(2026 - 11 - 15),
                days_left: 14
            }
        );
        assert!(soon.needs_attention());
        assert!(!MandateState::on(Some(date!(2027 - 04 - 30)), today, 60).needs_attention());
        assert!(MandateState::on(Some(date!(2026 - 10 - 31)), today, 60).needs_attention());
    }

    #[test]
    fn a_resolution_is_checked_whole() {
        let input = ResolutionInput {
            number: "2779 (2025)".into(),
            adopted_on: "2025-05-08".into(),
            votes_for: "12".into(),
            votes_against: "0".into(),
            votes_abstaining: "3".into(),
            mandate_ends_on: "2026-04-30".into(),
            troop_ceiling: "17000".into(),
            ..ResolutionInput::default()
        };
        let draft = ResolutionDraft::parse(&input).expect("valid");
        assert_eq!((draft.number, draft.year), (2779, 2025));
        assert_eq!(draft.votes, Some((12, 0, 3)));

        let bad = ResolutionInput {
            number: "2779 (2024)".into(),
            votes_for: "14".into(),
            votes_against: "0".into(),
            votes_abstaining: "3".into(),
            mandate_ends_on: "2025-01-01".into(),
            ..input.clone()
        };
        let error = ResolutionDraft::parse(&bad).unwrap_err();
        let codes: Vec<_> = error.0.iter().map(|e| e.code).collect();
        assert!(codes.contains(&"too_many_votes"));
        assert!(codes.contains(&"year_mismatch"));
        assert!(codes.contains(&"out_of_order"));

        let partial = ResolutionInput {
            votes_against: String::new(),
            ..input
        };
        let error = ResolutionDraft::parse(&partial).unwrap_err();
        assert_eq!(error.0[0].code, "incomplete_votes");
    }

    #[test]
    fn the_map_puts_the_north_up_and_the_date_line_at_the_edges() {
        assert_eq!(map_point(0.0, 0.0), (180.0, 90.0));
        assert_eq!(map_point(90.0, -180.0), (0.0, 0.0));
    }
}
