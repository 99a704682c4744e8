//! Inspections of the forces at missions: a team (a coordinating body, usually an
//! inspection team or the inter-agency working group) visits a mission between two dates,
//! sees some of its units, and checks the areas of the checklist the visit takes on
//! ([`CheckArea`], the template every visit draws its scope from). It records findings,
//! each in an area with a severity and, where it applies, the unit concerned, and
//! recommendations to agencies, each of which is a task of the task system
//! ([`crate::coordination`]): the recommendation's follow-up is closed when its task is.
//!
//! Findings about health are health data: only the medical role reads them
//! (`policy::Resource::Medical`), and the audit trail records them as such.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::coordination::{parse_task, ContributionInput, Known, TaskDraft, TaskInput};
use crate::person::{optional_text, parse_date};
use crate::validation::{optional_paragraphs, paragraphs, text, Checker};
use crate::{FieldError, Invalid};

crate::string_enum! {
    /// An area of the inspection checklist.
    pub enum CheckArea {
        LivingConditions = "living_conditions",
        Equipment = "equipment",
        Discipline = "discipline",
        Health = "health",
        Training = "training",
        Regimes = "regimes",
        Coordination = "coordination",
    }
}

impl CheckArea {
    /// Whether what is found in this area is health data.
    pub fn is_health(self) -> bool {
        self == CheckArea::Health
    }
}

crate::string_enum! {
    /// How an area of the checklist was found.
    pub enum CheckResult {
        Pending = "pending",
        Satisfactory = "satisfactory",
        NeedsImprovement = "needs_improvement",
        Unsatisfactory = "unsatisfactory",
    }
}

crate::string_enum! {
    /// How serious a finding is.
    pub enum Severity {
        Minor = "minor",
        Moderate = "moderate",
        Serious = "serious",
        Critical = "critical",
    }
}

/// A visit as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InspectionInput {
    pub title: String,
    /// The team: a coordinating body (its id).
    pub team_id: String,
    /// The mission visited (its code).
    pub mission: String,
    /// YYYY-MM-DD.
    pub from_on: String,
    /// YYYY-MM-DD, on or after `from_on`.
    pub to_on: String,
    /// The units visited (ids), each at the mission.
    #[serde(default)]
    pub units: Vec<String>,
    /// The areas of the checklist the visit takes on.
    pub areas: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionDraft {
    pub title: String,
    pub team_id: i64,
    pub mission_id: i64,
    pub from_on: Date,
    pub to_on: Date,
    pub units: Vec<i64>,
    pub areas: Vec<CheckArea>,
    pub note: Option<String>,
}

/// What a visit's check asks of the database.
pub struct KnownVisit<'a> {
    pub team: &'a dyn Fn(i64) -> bool,
    pub mission: &'a dyn Fn(&str) -> Option<i64>,
    /// The mission a unit serves at, if it exists.
    pub unit_mission: &'a dyn Fn(i64) -> Option<Option<i64>>,
}

impl InspectionDraft {
    pub fn parse(input: &InspectionInput, known: &KnownVisit<'_>) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let title = checker.check(text("title", &input.title, 500));
        let team_id = match input.team_id.trim().parse::<i64>() {
            Ok(id) if (known.team)(id) => Some(id),
            _ => {
                checker.push(FieldError::new(
                    "team_id",
                    "unknown_value",
                    "validation.inspection_choose_team",
                ));
                None
            }
        };
        let mission_id = match (known.mission)(input.mission.trim()) {
            Some(id) => Some(id),
            None => {
                checker.push(FieldError::new(
                    "mission",
                    "unknown_value",
                    "validation.inspection_choose_mission",
                ));
                None
            }
        };
        let from_on = checker.check(parse_date("from_on", &input.from_on));
        let to_on = checker.check(parse_date("to_on", &input.to_on));
        if let (Some(from), Some(to)) = (from_on, to_on) {
            if to < from {
                checker.push(FieldError::new(
                    "to_on",
                    "out_of_order",
                    "validation.inspection_ends_before_it_starts",
                ));
            }
        }
        let mut units = Vec::new();
        for unit in &input.units {
            let at = unit
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|id| (known.unit_mission)(id).map(|at| (id, at)));
            match at {
                Some((id, at)) if mission_id.is_none() || at == mission_id => {
                    if !units.contains(&id) {
                        units.push(id);
                    }
                }
                Some(_) => checker.push(FieldError::new(
                    "units",
                    "elsewhere",
                    "validation.inspection_unit_not_at_mission",
                )),
                None => checker.push(FieldError::new(
                    "units",
                    "unknown_value",
                    "validation.inspection_unknown_unit",
                )),
            }
        }
        let mut areas = Vec::new();
        for area in &input.areas {
            if let Some(area) = checker.check(CheckArea::parse_field("areas", area)) {
                if !areas.contains(&area) {
                    areas.push(area);
                }
            }
        }
        if input.areas.is_empty() {
            checker.push(FieldError::new(
                "areas",
                "required",
                "validation.inspection_choose_an_area",
            ));
        }
        let note = checker.check(optional_paragraphs("note", &input.note, 2000));
        checker.finish()?;
        match (title, team_id, mission_id, from_on, to_on, note) {
            (
                Some(title),
                Some(team_id),
                Some(mission_id),
                Some(from_on),
                Some(to_on),
                Some(note),
            ) => {
                areas.sort_by_key(|area| CheckArea::ALL.iter().position(|known| known == area));
                Ok(InspectionDraft {
                    title,
                    team_id,
                    mission_id,
                    from_on,
                    to_on,
                    units,
                    areas,
                    note,
                })
            }
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// An officer the visit saw, as typed: among those whose tour at the mission overlaps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// The person's id.
    pub person_id: String,
}

/// The result of one area of the checklist as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckInput {
    pub area: String,
    /// `pending`, `satisfactory`, `needs_improvement` or `unsatisfactory`.
    pub result: String,
    #[serde(default)]
    pub note: String,
}

/// Checks the result of an area the visit takes on (`scope`).
pub fn check_result(
    input: &CheckInput,
    scope: &[CheckArea],
) -> Result<(CheckArea, CheckResult, Option<String>), Invalid> {
    let mut checker = Checker::default();
    let area = checker.check(in_scope(&input.area, scope));
    let result = checker.check(CheckResult::parse_field("result", &input.result));
    let note = checker.check(optional_text("note", &input.note, 2000));
    checker.finish()?;
    match (area, result, note) {
        (Some(area), Some(result), Some(note)) => Ok((area, result, note)),
        _ => Err(Invalid(Vec::new())),
    }
}

fn in_scope(area: &str, scope: &[CheckArea]) -> Result<CheckArea, FieldError> {
    let area = CheckArea::parse_field("area", area)?;
    if scope.contains(&area) {
        Ok(area)
    } else {
        Err(FieldError::new(
            "area",
            "out_of_scope",
            "validation.inspection_area_out_of_scope",
        ))
    }
}

/// A finding as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FindingInput {
    /// The area of the checklist it belongs to.
    pub area: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub severity: String,
    pub description: String,
    /// The unit concerned, if one (its id, among the units visited).
    #[serde(default)]
    pub unit_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingDraft {
    pub area: CheckArea,
    pub severity: Severity,
    pub description: String,
    pub unit_id: Option<i64>,
}

impl FindingDraft {
    /// Checks a finding of a visit that takes on `scope` and saw `units`.
    pub fn parse(
        input: &FindingInput,
        scope: &[CheckArea],
        units: &[i64],
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let area = checker.check(in_scope(&input.area, scope));
        let severity = checker.check(Severity::parse_field("severity", &input.severity));
        let description = checker.check(paragraphs("description", &input.description, 4000));
        let unit_id = match input.unit_id.trim() {
            "" => Some(None),
            id => match id.parse::<i64>() {
                Ok(id) if units.contains(&id) => Some(Some(id)),
                _ => {
                    checker.push(FieldError::new(
                        "unit_id",
                        "unknown_value",
                        "validation.inspection_unit_not_visited",
                    ));
                    None
                }
            },
        };
        checker.finish()?;
        match (area, severity, description, unit_id) {
            (Some(area), Some(severity), Some(description), Some(unit_id)) => Ok(FindingDraft {
                area,
                severity,
                description,
                unit_id,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// A recommendation as typed: the task it gives (concerning the visit's mission), and the
/// finding it answers if one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    /// The finding it answers, if one (its id, among the visit's findings).
    #[serde(default)]
    pub finding_id: String,
    /// What is recommended: the task's title.
    pub title: String,
    /// The expected product.
    pub product: String,
    /// The presiding agency (code).
    pub presiding: String,
    #[serde(default)]
    pub coordinating: Vec<ContributionInput>,
    /// YYYY-MM-DD, on or after the visit's last day.
    pub due_on: String,
}

impl RecommendationInput {
    /// The task it gives, concerning the mission `mission` (its code) and the unit
    /// `unit`, if one.
    pub fn task(&self, mission: &str, unit: Option<i64>) -> TaskInput {
        TaskInput {
            title: self.title.clone(),
            product: self.product.clone(),
            presiding: self.presiding.clone(),
            coordinating: self.coordinating.clone(),
            due_on: self.due_on.clone(),
            law_project_id: String::new(),
            mission: mission.to_owned(),
            unit_id: unit.map(|id| id.to_string()).unwrap_or_default(),
            dossier_id: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationDraft {
    pub finding_id: Option<i64>,
    pub task: TaskDraft,
}

impl RecommendationDraft {
    /// Checks a recommendation of a visit to `mission` that ended on `to_on` and recorded
    /// `findings` (each with the unit it concerns): its task is due on or after the
    /// visit's end, and concerns the mission and the finding's unit.
    pub fn parse(
        input: &RecommendationInput,
        mission: &str,
        to_on: Date,
        findings: &[(i64, Option<i64>)],
        known: &Known<'_>,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let finding = match input.finding_id.trim() {
            "" => Some(None),
            id => match id.parse::<i64>() {
                Ok(id) if findings.iter().any(|(known, _)| *known == id) => {
                    findings.iter().find(|(known, _)| *known == id).map(Some)
                }
                _ => {
                    checker.push(FieldError::new(
                        "finding_id",
                        "unknown_value",
                        "validation.inspection_unknown_finding",
                    ));
                    None
                }
            },
        };
        let unit = finding.flatten().and_then(|(_, unit)| *unit);
        let task = parse_task(
            &mut checker,
            &|name| name.to_owned(),
            &input.task(mission, unit),
            Some(to_on),
            known,
        );
        checker.finish()?;
        match (finding, task) {
            (Some(finding), Some(task)) => Ok(RecommendationDraft {
                finding_id: finding.map(|(id, _)| *id),
                task,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(invalid: Invalid) -> Vec<(String, &'static str)> {
        invalid.0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn visit() -> InspectionInput {
        InspectionInput {
            title: "Kiểm tra lực lượng tại UNISFA".into(),
            team_id: "2".into(),
            mission: "UNISFA".into(),
            from_on: "2024-03-04".into(),
            to_on: "2024-03-09".into(),
            units: vec!["7".into()],
            areas: vec!["health".into(), "living_conditions".into()],
            note: String::new(),
        }
    }

    fn known<'a>() -> KnownVisit<'a> {
        KnownVisit {
            team: &|id| id == 2,
            mission: &|code| match code {
                "UNISFA" => Some(1),
                "UNMISS" => Some(2),
                _ => None,
            },
            unit_mission: &|id| match id {
                7 => Some(Some(1)),
                8 => Some(Some(2)),
                _ => None,
            },
        }
    }

    #[test]
    fn a_visit_keeps_its_areas_in_the_checklist_order_and_its_units_at_the_mission() {
        let draft = InspectionDraft::parse(&visit(), &known()).unwrap();
        assert_eq!(
            draft.areas,
            [CheckArea::LivingConditions, CheckArea::Health]
        );
        assert_eq!(draft.units, [7]);
        let mut bad = visit();
        bad.team_id = "3".into();
        bad.to_on = "2024-03-01".into();
        bad.units = vec!["8".into(), "9".into()];
        bad.areas = vec!["morale".into()];
        assert_eq!(
            codes(InspectionDraft::parse(&bad, &known()).unwrap_err()),
            [
                ("team_id".to_owned(), "unknown_value"),
                ("to_on".to_owned(), "out_of_order"),
                ("units".to_owned(), "elsewhere"),
                ("units".to_owned(), "unknown_value"),
                ("areas".to_owned(), "unknown_value"),
            ]
        );
    }

    #[test]
    fn findings_and_results_stay_within_the_visit() {
        let scope = [CheckArea::Health];
        let finding = FindingInput {
            area: "equipment".into(),
            severity: "grave".into(),
            description: " ".into(),
            unit_id: "8".into(),
        };
        assert_eq!(
            codes(FindingDraft::parse(&finding, &scope, &[7]).unwrap_err()),
            [
                ("area".to_owned(), "out_of_scope"),
                ("severity".to_owned(), "unknown_value"),
                ("description".to_owned(), "required"),
                ("unit_id".to_owned(), "unknown_value"),
            ]
        );
        let check = CheckInput {
            area: "health".into(),
            result: "needs_improvement".into(),
            note: String::new(),
        };
        assert_eq!(
            check_result(&check, &scope).unwrap(),
            (CheckArea::Health, CheckResult::NeedsImprovement, None)
        );
    }

    #[test]
    fn a_recommendation_is_due_after_the_visit() {
        let agency = |code: &str| (code == "BQP-CQY").then_some(5);
        let mission = |code: &str| (code == "UNISFA").then_some(1);
        let unit = |id: i64| id == 7;
        let known = Known {
            mission: &mission,
            unit: &unit,
            ..Known::agencies(&agency)
        };
        let input = RecommendationInput {
            finding_id: "11".into(),
            title: "Bổ sung thuốc sốt rét".into(),
            product: "Báo cáo kết quả".into(),
            presiding: "BQP-CQY".into(),
            due_on: "2024-03-01".into(),
            ..RecommendationInput::default()
        };
        let date = time::macros::date!(2024 - 03 - 09);
        assert_eq!(
            codes(
                RecommendationDraft::parse(&input, "UNISFA", date, &[(12, None)], &known)
                    .unwrap_err()
            ),
            [
                ("finding_id".to_owned(), "unknown_value"),
                ("due_on".to_owned(), "out_of_order"),
            ]
        );
        let mut input = input;
        input.due_on = "2024-04-30".into();
        let draft =
            RecommendationDraft::parse(&input, "UNISFA", date, &[(11, Some(7))], &known).unwrap();
        assert_eq!(
            (
                draft.finding_id,
                draft.task.presiding,
                draft.task.mission_id,
                draft.task.unit_id
            ),
            (Some(11), 5, Some(1), Some(7))
        );
    }
}
