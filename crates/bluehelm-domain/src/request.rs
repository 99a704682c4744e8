//! The UN's requests for personnel (a note verbale through the Permanent Mission): which
//! mission, what kind of personnel, which positions with which requirements, by when the
//! nominations are due and when the tour starts.

use serde::Deserialize;
use time::Date;

use crate::eligibility::{PersonnelType, Requirements, Tour};
use crate::person::{optional_text, parse_date, PersonStatus};
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

string_enum! {
    pub enum RequestStatus {
        Received = "received",
        Answered = "answered",
        Nominated = "nominated",
        Selected = "selected",
        Declined = "declined",
        Closed = "closed",
    }
}

string_enum! {
    pub enum NominationStatus {
        Nominated = "nominated",
        Selected = "selected",
        NotSelected = "not_selected",
    }
}

string_enum! {
    /// The UN's answer about one nominee.
    pub enum Selection {
        Selected = "selected",
        NotSelected = "not_selected",
    }
}

impl NominationStatus {
    /// A nomination that still holds its person: waiting for the UN, or selected.
    pub fn holds(self) -> bool {
        matches!(self, Self::Nominated | Self::Selected)
    }
}

impl From<Selection> for NominationStatus {
    fn from(selection: Selection) -> Self {
        match selection {
            Selection::Selected => Self::Selected,
            Selection::NotSelected => Self::NotSelected,
        }
    }
}

/// The person's status after one of their nominations changed: nominated while a
/// nomination holds them, available again when none does. Other statuses (in training,
/// deployed, unavailable, retired) are not the nominations' to change.
pub fn person_status_after_nominations(
    current: PersonStatus,
    held_by_any: bool,
) -> Option<PersonStatus> {
    match (current, held_by_any) {
        (PersonStatus::Available, true) => Some(PersonStatus::Nominated),
        (PersonStatus::Nominated, false) => Some(PersonStatus::Available),
        _ => None,
    }
}

/// One requested position: a title, how many, and what the person must meet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PositionRequest {
    /// On an edit, the recorded position this line changes; none for a new one.
    #[serde(default)]
    pub id: Option<i64>,
    pub title: String,
    pub count: u32,
    /// The eligibility requirements (personnel type, services, ranks, specialties,
    /// language, qualifications, gender).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub requirements: Requirements,
}

/// A request as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestInput {
    /// The note verbale's reference.
    pub reference: String,
    pub mission: String,
    /// staff_officer, military_observer, individual_police, formed_unit or civilian.
    pub personnel_type: String,
    pub received_on: String,
    pub nomination_deadline: String,
    pub tour_start: String,
    pub tour_months: String,
    #[serde(default)]
    pub note: String,
    pub positions: Vec<PositionRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    pub reference: String,
    pub mission: String,
    pub personnel_type: PersonnelType,
    pub received_on: Date,
    pub nomination_deadline: Date,
    pub tour: Tour,
    pub note: Option<String>,
    pub positions: Vec<PositionRequest>,
}

impl RequestDraft {
    pub fn parse(input: &RequestInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let reference = checker.check(text("reference", &input.reference, 100));
        let mission = checker.check(crate::mission::parse_mission_code(&input.mission));
        let personnel_type = checker.check(PersonnelType::parse_field(
            "personnel_type",
            &input.personnel_type,
        ));
        let received_on = checker.check(parse_date("received_on", &input.received_on));
        let deadline = checker.check(parse_date(
            "nomination_deadline",
            &input.nomination_deadline,
        ));
        let tour_start = checker.check(parse_date("tour_start", &input.tour_start));
        let tour_months = checker.check(match input.tour_months.trim().parse::<u32>() {
            Ok(months) if (1..=24).contains(&months) => Ok(months),
            _ => Err(FieldError::new(
                "tour_months",
                "out_of_range",
                "validation.must_be_a_whole_number_of_months_2",
            )),
        });
        let note = checker.check(optional_text("note", &input.note, 1000));
        if input.positions.is_empty() {
            checker.push(FieldError::new(
                "positions",
                "required",
                "validation.a_request_asks_for_at_least_one",
            ));
        }
        for (index, position) in input.positions.iter().enumerate() {
            checker.check(text(
                &format!("positions[{index}].title"),
                &position.title,
                200,
            ));
            if !(1..=500).contains(&position.count) {
                checker.push(FieldError::new(
                    format!("positions[{index}].count"),
                    "out_of_range",
                    "validation.must_be_from_1_to_500",
                ));
            }
            if let (Some(lowest), Some(highest)) = (
                position.requirements.min_rank,
                position.requirements.max_rank,
            ) {
                if highest < lowest {
                    checker.push(FieldError::new(
                        format!("positions[{index}].requirements.max_rank"),
                        "out_of_order",
                        "message.rank_range_reversed",
                    ));
                }
            }
            if let Some(kind) = personnel_type {
                if position.requirements.personnel_type != kind {
                    checker.push(FieldError::said(
                        format!("positions[{index}].requirements.personnel_type"),
                        "mismatch",
                        crate::message::Message::new("validation.personnel_type_of_request").term(
                            "personnel",
                            "personnel",
                            kind.as_str(),
                        ),
                    ));
                }
            }
        }
        if let (Some(received), Some(deadline)) = (received_on, deadline) {
            if deadline < received {
                checker.push(FieldError::new(
                    "nomination_deadline",
                    "out_of_order",
                    "validation.must_be_on_or_after_received_on",
                ));
            }
        }
        if let (Some(deadline), Some(start)) = (deadline, tour_start) {
            if start < deadline {
                checker.push(FieldError::new(
                    "tour_start",
                    "out_of_order",
                    "validation.must_be_on_or_after_nomination_deadline",
                ));
            }
        }
        checker.finish()?;
        Ok(Self {
            reference: reference.unwrap_or_default(),
            mission: mission.unwrap_or_default(),
            personnel_type: personnel_type.unwrap_or(PersonnelType::StaffOfficer),
            received_on: received_on.unwrap_or(Date::MIN),
            nomination_deadline: deadline.unwrap_or(Date::MIN),
            tour: Tour {
                start: tour_start.unwrap_or(Date::MIN),
                months: tour_months.unwrap_or(12),
            },
            note: note.flatten(),
            positions: input
                .positions
                .iter()
                .map(|p| PositionRequest {
                    title: p.title.trim().to_owned(),
                    ..p.clone()
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requirements(personnel_type: PersonnelType) -> Requirements {
        Requirements {
            personnel_type,
            services: Vec::new(),
            min_rank: None,
            max_rank: None,
            specialties: Vec::new(),
            language: None,
            qualifications: Vec::new(),
            gender: None,
        }
    }

    #[test]
    fn nominations_hold_a_person_and_let_them_go() {
        use PersonStatus::*;
        assert_eq!(
            person_status_after_nominations(Available, true),
            Some(Nominated)
        );
        assert_eq!(
            person_status_after_nominations(Nominated, false),
            Some(Available)
        );
        assert_eq!(person_status_after_nominations(Nominated, true), None);
        assert_eq!(person_status_after_nominations(Deployed, false), None);
        assert_eq!(person_status_after_nominations(InTraining, true), None);
        assert!(NominationStatus::from(Selection::Selected).holds());
        assert!(!NominationStatus::from(Selection::NotSelected).holds());
    }

    #[test]
    fn a_request_is_checked_whole() {
        let input = RequestInput {
            reference: "NV/OMA/2026/118".into(),
            mission: "UNMISS".into(),
            personnel_type: "staff_officer".into(),
            received_on: "2026-03-01".into(),
            nomination_deadline: "2026-02-01".into(),
            tour_start: "2026-01-15".into(),
            tour_months: "12".into(),
            note: String::new(),
            positions: vec![PositionRequest {
                id: None,
                title: "Military planning officer".into(),
                count: 0,
                requirements: requirements(PersonnelType::MilitaryObserver),
            }],
        };
        let error = RequestDraft::parse(&input).unwrap_err();
        let fields: Vec<_> = error.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "positions[0].count",
                "positions[0].requirements.personnel_type",
                "nomination_deadline",
                "tour_start"
            ]
        );
    }
}
