//! Deployments: a person on a tour at a mission, from planning to return. The status moves
//! along one path (planned → approved → pre-deployment → deployed → extended → returned,
//! or withdrawn from any active state), and every date that is known stays in order.

use time::Date;

use crate::person::{optional_text, parse_date, parse_optional_date};
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

string_enum! {
    pub enum DeploymentStatus {
        Planned = "planned",
        Approved = "approved",
        PreDeployment = "pre_deployment",
        Deployed = "deployed",
        Extended = "extended",
        Returned = "returned",
        Withdrawn = "withdrawn",
    }
}

impl DeploymentStatus {
    /// Active deployments hold the person: at most one at a time.
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            DeploymentStatus::Returned | DeploymentStatus::Withdrawn
        )
    }

    /// Statuses counted as "on the ground".
    pub fn is_in_mission(self) -> bool {
        matches!(
            self,
            DeploymentStatus::Deployed | DeploymentStatus::Extended
        )
    }

    fn successors(self) -> &'static [DeploymentStatus] {
        use DeploymentStatus::*;
        match self {
            Planned => &[Approved, Withdrawn],
            Approved => &[PreDeployment, Withdrawn],
            PreDeployment => &[Deployed, Withdrawn],
            Deployed => &[Extended, Returned, Withdrawn],
            Extended => &[Extended, Returned, Withdrawn],
            Returned | Withdrawn => &[],
        }
    }
}

/// What a user submits to plan a deployment.
#[derive(Debug, Clone, Default)]
pub struct DeploymentInput {
    pub appointment: String,
    pub planned_departure: String,
    pub planned_end: String,
    pub un_index: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentDraft {
    pub appointment: String,
    pub planned_departure: Date,
    pub planned_end: Date,
    pub un_index: Option<String>,
}

impl DeploymentDraft {
    pub fn parse(input: &DeploymentInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let appointment = checker.check(text("appointment", &input.appointment, 200));
        let departure = checker.check(parse_date("planned_departure", &input.planned_departure));
        let end = checker.check(parse_date("planned_end", &input.planned_end));
        let un_index = checker.check(optional_text("un_index", &input.un_index, 40));
        if let (Some(departure), Some(end)) = (departure, end) {
            if end <= departure {
                checker.push(out_of_order("planned_end", "planned_departure"));
            }
        }
        checker.finish()?;
        Ok(Self {
            appointment: appointment.unwrap_or_default(),
            planned_departure: departure.unwrap_or(Date::MIN),
            planned_end: end.unwrap_or(Date::MIN),
            un_index: un_index.flatten(),
        })
    }
}

fn out_of_order(field: &str, after: &str) -> FieldError {
    FieldError::said(
        field,
        "out_of_order",
        crate::message::Message::new("validation.after_field").term("field", "audit_field", after),
    )
}

/// The dates of a deployment as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dates {
    pub planned_departure: Option<Date>,
    pub planned_end: Option<Date>,
    pub departed_on: Option<Date>,
    pub arrived_on: Option<Date>,
    pub returned_on: Option<Date>,
}

impl Dates {
    /// Each known date pair in order, the later one named when it is not.
    fn check(&self) -> Result<(), Invalid> {
        let mut checker = Checker::default();
        let pairs = [
            (
                self.planned_departure,
                self.planned_end,
                "planned_departure",
                "planned_end",
            ),
            (
                self.departed_on,
                self.arrived_on,
                "departed_on",
                "arrived_on",
            ),
            (
                self.departed_on,
                self.returned_on,
                "departed_on",
                "returned_on",
            ),
            (
                self.arrived_on,
                self.returned_on,
                "arrived_on",
                "returned_on",
            ),
        ];
        for (earlier, later, earlier_name, later_name) in pairs {
            if let (Some(earlier), Some(later)) = (earlier, later) {
                if later < earlier {
                    checker.push(FieldError::said(
                        later_name,
                        "out_of_order",
                        crate::message::Message::new("validation.on_or_after_field").term(
                            "field",
                            "audit_field",
                            earlier_name,
                        ),
                    ));
                }
            }
        }
        checker.finish()
    }
}

/// A request to move a deployment to another status, as submitted.
#[derive(Debug, Clone, Default)]
pub struct MoveInput {
    pub status: String,
    pub departed_on: String,
    pub arrived_on: String,
    pub returned_on: String,
    /// The new end of tour, for an extension.
    pub planned_end: String,
    /// Why: required to withdraw and to approve someone the rules find ineligible.
    pub reason: String,
}

/// A checked move: the new status and the dates after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub to: DeploymentStatus,
    pub dates: Dates,
    pub reason: Option<String>,
}

/// Checks a move from `from` with its current `dates`: the path of statuses, the date each
/// step needs (departure and arrival to deploy, a later end to extend, the return day to
/// return, a reason to withdraw), and every date still in order.
pub fn plan_move(from: DeploymentStatus, dates: Dates, input: &MoveInput) -> Result<Move, Invalid> {
    let to = DeploymentStatus::parse_field("status", &input.status)?;
    if !from.successors().contains(&to) {
        let allowed: Vec<&str> = from.successors().iter().map(|s| s.as_str()).collect();
        let message = if allowed.is_empty() {
            format!("a {from} deployment is closed")
        } else {
            format!(
                "a {from} deployment can only become: {}",
                allowed.join(", ")
            )
        };
        return Err(Invalid::one("status", "transition", message));
    }
    let mut checker = Checker::default();
    let reason = checker.check(optional_text("reason", &input.reason, 1000));
    let mut next = dates;
    match to {
        DeploymentStatus::Deployed => {
            next.departed_on = checker.check(parse_date("departed_on", &input.departed_on));
            next.arrived_on = checker.check(parse_date("arrived_on", &input.arrived_on));
        }
        DeploymentStatus::Extended => {
            if let Some(end) = checker.check(parse_date("planned_end", &input.planned_end)) {
                if dates.planned_end.is_some_and(|current| end <= current) {
                    checker.push(FieldError::new(
                        "planned_end",
                        "not_later",
                        "validation.an_extension_must_move_the_end_of",
                    ));
                }
                next.planned_end = Some(end);
            }
        }
        DeploymentStatus::Returned => {
            next.returned_on = checker.check(parse_date("returned_on", &input.returned_on));
        }
        DeploymentStatus::Withdrawn => {
            if matches!(reason, Some(None)) {
                checker.push(FieldError::new(
                    "reason",
                    "required",
                    "validation.give_the_reason_for_the_withdrawal",
                ));
            }
            if from.is_in_mission() {
                next.returned_on = checker
                    .check(parse_optional_date("returned_on", &input.returned_on))
                    .flatten();
            }
        }
        _ => {}
    }
    checker.finish()?;
    next.check()?;
    Ok(Move {
        to,
        dates: next,
        reason: reason.flatten(),
    })
}

string_enum! {
    /// What happened to a person during a tour.
    pub enum IncidentKind {
        Injury = "injury",
        Illness = "illness",
        Death = "death",
        Discipline = "discipline",
    }
}

impl IncidentKind {
    /// Injuries, illnesses and deaths describe a person's health: their details are for
    /// the medical role alone.
    pub fn is_health(self) -> bool {
        !matches!(self, IncidentKind::Discipline)
    }
}

#[derive(Debug, Clone, Default)]
pub struct IncidentInput {
    pub kind: String,
    pub occurred_on: String,
    pub summary: String,
    pub follow_up: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentDraft {
    pub kind: IncidentKind,
    pub occurred_on: Date,
    pub summary: String,
    pub follow_up: Option<String>,
}

impl IncidentDraft {
    /// Checks an incident of a tour that started on `departed_on` (if it has), on `today`.
    pub fn parse(
        input: &IncidentInput,
        departed_on: Option<Date>,
        today: Date,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(IncidentKind::parse_field("kind", &input.kind));
        let occurred_on = checker.check(parse_date("occurred_on", &input.occurred_on));
        let summary = checker.check(text("summary", &input.summary, 2000));
        let follow_up = checker.check(optional_text("follow_up", &input.follow_up, 2000));
        match (occurred_on, departed_on) {
            (Some(day), _) if day > today => checker.push(FieldError::new(
                "occurred_on",
                "in_future",
                "validation.an_incident_is_recorded_once_it_has",
            )),
            (Some(day), Some(departed)) if day < departed => checker.push(FieldError::new(
                "occurred_on",
                "out_of_order",
                "validation.must_be_on_or_after_the_departure",
            )),
            (Some(_), None) => checker.push(FieldError::new(
                "occurred_on",
                "not_deployed",
                "validation.the_person_has_not_left_for_the",
            )),
            _ => {}
        }
        checker.finish()?;
        Ok(Self {
            kind: kind.unwrap_or(IncidentKind::Discipline),
            occurred_on: occurred_on.unwrap_or(today),
            summary: summary.unwrap_or_default(),
            follow_up: follow_up.flatten(),
        })
    }
}

/// A step of an incident's follow-up, as submitted.
#[derive(Debug, Clone, Default)]
pub struct FollowUpInput {
    pub dated: String,
    pub note: String,
    /// The step closes the incident.
    pub closes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDraft {
    pub dated: Date,
    pub note: String,
    pub closes: bool,
}

impl FollowUpDraft {
    /// Checks a follow-up of an incident that occurred on `occurred_on` and is closed on
    /// `closed_on` (if it is), on `today`: a closed incident takes no more steps, and a
    /// step is dated between the incident and today.
    pub fn parse(
        input: &FollowUpInput,
        occurred_on: Date,
        closed_on: Option<Date>,
        today: Date,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        if closed_on.is_some() {
            checker.push(FieldError::new(
                "incident",
                "closed",
                "validation.the_incident_is_closed",
            ));
        }
        let dated = checker.check(parse_date("dated", &input.dated));
        let note = checker.check(text("note", &input.note, 2000));
        match dated {
            Some(day) if day > today => checker.push(FieldError::new(
                "dated",
                "in_future",
                "validation.a_follow_up_is_recorded_once_done",
            )),
            Some(day) if day < occurred_on => checker.push(FieldError::new(
                "dated",
                "out_of_order",
                "validation.must_be_on_or_after_the_incident",
            )),
            _ => {}
        }
        checker.finish()?;
        Ok(Self {
            dated: dated.unwrap_or(today),
            note: note.unwrap_or_default(),
            closes: input.closes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use DeploymentStatus::*;

    fn input(status: &str) -> MoveInput {
        MoveInput {
            status: status.into(),
            ..MoveInput::default()
        }
    }

    fn dates() -> Dates {
        Dates {
            planned_departure: Some(date!(2026 - 03 - 01)),
            planned_end: Some(date!(2027 - 03 - 01)),
            ..Dates::default()
        }
    }

    fn codes(result: Result<Move, Invalid>) -> Vec<(String, &'static str)> {
        result
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn the_status_follows_one_path() {
        assert!(plan_move(Planned, dates(), &input("approved")).is_ok());
        assert_eq!(
            codes(plan_move(Planned, dates(), &input("deployed"))),
            vec![("status".into(), "transition")]
        );
        assert_eq!(
            codes(plan_move(Returned, dates(), &input("withdrawn"))),
            vec![("status".into(), "transition")]
        );
        assert_eq!(
            codes(plan_move(Planned, dates(), &input("flying"))),
            vec![("status".into(), "unknown_value")]
        );
        assert!(Extended.is_active() && !Returned.is_active() && !Withdrawn.is_active());
    }

    #[test]
    fn each_step_needs_its_dates_in_order() {
        assert_eq!(
            codes(plan_move(PreDeployment, dates(), &input("deployed"))),
            vec![
                ("departed_on".into(), "required"),
                ("arrived_on".into(), "required")
            ]
        );
        let backwards = MoveInput {
            departed_on: "2026-03-05".into(),
            arrived_on: "2026-03-04".into(),
            ..input("deployed")
        };
        assert_eq!(
            codes(plan_move(PreDeployment, dates(), &backwards)),
            vec![("arrived_on".into(), "out_of_order")]
        );
        let shorter = MoveInput {
            planned_end: "2027-01-01".into(),
            ..input("extended")
        };
        assert_eq!(
            codes(plan_move(Deployed, dates(), &shorter)),
            vec![("planned_end".into(), "not_later")]
        );
        assert_eq!(
            codes(plan_move(Approved, dates(), &input("withdrawn"))),
            vec![("reason".into(), "required")]
        );
    }

    #[test]
    fn a_follow_up_is_dated_within_the_incident_and_not_after_closing() {
        let (occurred, today) = (date!(2026 - 03 - 10), date!(2026 - 04 - 01));
        let input = FollowUpInput {
            dated: "2026-03-09".into(),
            note: " ".into(),
            closes: true,
        };
        let codes = |error: Invalid| -> Vec<(String, &'static str)> {
            error.0.into_iter().map(|e| (e.field, e.code)).collect()
        };
        let refused = FollowUpDraft::parse(&input, occurred, None, today).unwrap_err();
        assert_eq!(
            codes(refused),
            [
                ("note".to_owned(), "required"),
                ("dated".to_owned(), "out_of_order")
            ]
        );
        let later = FollowUpInput {
            dated: "2026-04-02".into(),
            note: "Back on duty".into(),
            closes: true,
        };
        let refused = FollowUpDraft::parse(&later, occurred, None, today).unwrap_err();
        assert_eq!(codes(refused), [("dated".to_owned(), "in_future")]);
        let on_time = FollowUpInput {
            dated: "2026-03-20".into(),
            ..later
        };
        let draft = FollowUpDraft::parse(&on_time, occurred, None, today).unwrap();
        assert!(draft.closes && draft.dated == date!(2026 - 03 - 20));
        let closed = FollowUpDraft::parse(&on_time, occurred, Some(today), today).unwrap_err();
        assert_eq!(codes(closed), [("incident".to_owned(), "closed")]);
    }

    #[test]
    fn an_incident_happens_during_the_tour() {
        let input = IncidentInput {
            kind: "illness".into(),
            occurred_on: "2026-03-01".into(),
            summary: "Malaria, evacuated to the level-2 hospital".into(),
            follow_up: String::new(),
        };
        let today = date!(2026 - 06 - 01);
        let draft = IncidentDraft::parse(&input, Some(date!(2026 - 02 - 01)), today).unwrap();
        assert!(draft.kind.is_health() && !IncidentKind::Discipline.is_health());
        let early = IncidentDraft::parse(&input, Some(date!(2026 - 04 - 01)), today).unwrap_err();
        assert_eq!(early.0[0].code, "out_of_order");
        let home = IncidentDraft::parse(&input, None, today).unwrap_err();
        assert_eq!(home.0[0].code, "not_deployed");
    }

    #[test]
    fn a_plan_has_its_end_after_its_departure() {
        let input = DeploymentInput {
            appointment: "Staff officer".into(),
            planned_departure: "2026-05-01".into(),
            planned_end: "2026-04-01".into(),
            un_index: String::new(),
        };
        let error = DeploymentDraft::parse(&input).unwrap_err();
        assert_eq!(
            (error.0[0].field.as_str(), error.0[0].code),
            ("planned_end", "out_of_order")
        );
    }
}
