//! Inter-agency coordination: the bodies that coordinate (steering committees, the
//! inter-agency working group, inspection teams) with their members and terms; directives (from a conference, a leader or a legal document)
//! and the tasks they give to a presiding agency with coordinating agencies, each with
//! its own contribution, a deadline and an expected product.
//!
//! A task moves along one path ([`act`]): assigned → under way (progress with a share
//! done) → product submitted → accepted and closed, or returned with comments and under
//! way again. A deadline may be extended while the task is open; the old one stays in the
//! task's history. Who may take which step is [`TaskAction::by_coordinator`]'s answer:
//! the department's coordinators judge a product and move a deadline, the agencies
//! involved report progress and the presiding agency submits.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::person::{optional_text, parse_date, parse_optional_date};
use crate::validation::{optional_paragraphs, text, Checker};
use crate::{FieldError, Invalid};

crate::string_enum! {
    /// Where a task stands.
    pub enum TaskStatus {
        Assigned = "assigned",
        UnderWay = "under_way",
        Submitted = "submitted",
        Returned = "returned",
        Closed = "closed",
    }
}

crate::string_enum! {
    /// What can happen to a task.
    pub enum TaskAction {
        Progress = "progress",
        Submit = "submit",
        Return = "return",
        Accept = "accept",
        Extend = "extend",
    }
}

crate::string_enum! {
    /// Which tasks a list shows, as the summary counts them.
    pub enum TaskView {
        Open = "open",
        DueSoon = "due_soon",
        Overdue = "overdue",
        Closed = "closed",
    }
}

impl TaskStatus {
    pub fn is_open(self) -> bool {
        self != TaskStatus::Closed
    }
}

impl TaskAction {
    /// Whether the action is the department's (judging a product, moving a deadline)
    /// rather than the agencies' doing the work.
    pub fn by_coordinator(self) -> bool {
        matches!(
            self,
            TaskAction::Return | TaskAction::Accept | TaskAction::Extend
        )
    }

    /// Whether only the presiding agency (not a coordinating one) may take it.
    pub fn by_presiding(self) -> bool {
        self == TaskAction::Submit
    }
}

/// A coordinating agency of a task as typed: its code and what it contributes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContributionInput {
    pub agency: String,
    #[serde(default)]
    pub contribution: String,
}

/// A task of a directive as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    pub title: String,
    /// The expected product: "the summary report on law enforcement".
    pub product: String,
    /// The presiding agency (code).
    pub presiding: String,
    #[serde(default)]
    pub coordinating: Vec<ContributionInput>,
    /// YYYY-MM-DD, on or after the directive's date.
    pub due_on: String,
    /// The law-making project it concerns, if one (its id).
    #[serde(default)]
    pub law_project_id: String,
    /// The mission it concerns, if one (its code).
    #[serde(default)]
    pub mission: String,
    /// The formed unit it concerns, if one (its id).
    #[serde(default)]
    pub unit_id: String,
    /// The dispatch dossier it concerns, if one (its id).
    #[serde(default)]
    pub dossier_id: String,
}

/// A directive as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DirectiveInput {
    pub title: String,
    /// YYYY-MM-DD.
    pub issued_on: String,
    /// The conference or the leader that gave it, as written.
    pub issued_by: String,
    /// The legal document it rests on, if one (an id of the registry).
    #[serde(default)]
    pub document_id: String,
    /// The conference that issued it, if one (its id).
    #[serde(default)]
    pub conference_id: String,
    pub tasks: Vec<TaskInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub agency_id: i64,
    pub contribution: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDraft {
    pub title: String,
    pub product: String,
    pub presiding: i64,
    pub coordinating: Vec<Contribution>,
    pub due_on: Date,
    pub law_project_id: Option<i64>,
    pub mission_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub dossier_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveDraft {
    pub title: String,
    pub issued_on: Date,
    pub issued_by: String,
    pub document_id: Option<i64>,
    pub conference_id: Option<i64>,
    pub tasks: Vec<TaskDraft>,
}

/// The most tasks one directive gives.
pub const MAX_TASKS: usize = 50;

/// What the directive's check asks of the database: agencies and missions by code,
/// whether a legal document, a law-making project, a conference, a unit or a dossier
/// exists.
pub struct Known<'a> {
    pub agency: &'a dyn Fn(&str) -> Option<i64>,
    pub document: &'a dyn Fn(i64) -> bool,
    pub law_project: &'a dyn Fn(i64) -> bool,
    pub conference: &'a dyn Fn(i64) -> bool,
    pub mission: &'a dyn Fn(&str) -> Option<i64>,
    pub unit: &'a dyn Fn(i64) -> bool,
    pub dossier: &'a dyn Fn(i64) -> bool,
}

impl<'a> Known<'a> {
    /// What a form that names only agencies needs.
    pub fn agencies(agency: &'a dyn Fn(&str) -> Option<i64>) -> Self {
        Known {
            agency,
            document: &|_| false,
            law_project: &|_| false,
            conference: &|_| false,
            mission: &|_| None,
            unit: &|_| false,
            dossier: &|_| false,
        }
    }
}

pub(crate) fn known_id(
    field: &str,
    value: &str,
    exists: &dyn Fn(i64) -> bool,
    message: &'static str,
) -> Result<Option<i64>, FieldError> {
    match value.trim() {
        "" => Ok(None),
        value => match value.parse::<i64>() {
            Ok(id) if exists(id) => Ok(Some(id)),
            _ => Err(FieldError::new(field, "unknown_value", message)),
        },
    }
}

pub(crate) fn agency(field: &str, code: &str, known: &Known<'_>) -> Result<i64, FieldError> {
    match code.trim() {
        "" => Err(FieldError::new(
            field,
            "required",
            "validation.must_not_be_empty",
        )),
        code => (known.agency)(code).ok_or_else(|| {
            FieldError::new(field, "unknown_value", "validation.no_agency_has_this_code")
        }),
    }
}

impl DirectiveDraft {
    /// Checks every field of the directive and of each of its tasks, reporting every
    /// fault at once (a task's fields as `tasks[i].field`).
    pub fn parse(input: &DirectiveInput, known: &Known<'_>) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let title = checker.check(text("title", &input.title, 500));
        let issued_on = checker.check(parse_date("issued_on", &input.issued_on));
        let issued_by = checker.check(text("issued_by", &input.issued_by, 300));
        let document_id = checker.check(known_id(
            "document_id",
            &input.document_id,
            known.document,
            "validation.choose_a_document_of_the_registry",
        ));
        if input.tasks.is_empty() || input.tasks.len() > MAX_TASKS {
            checker.push(FieldError::new("tasks", "count", "validation.task_count"));
        }
        let conference_id = checker.check(known_id(
            "conference_id",
            &input.conference_id,
            known.conference,
            "validation.directive_unknown_conference",
        ));
        let tasks: Vec<TaskDraft> = input
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(index, task)| {
                let field = |name: &str| format!("tasks[{index}].{name}");
                parse_task(&mut checker, &field, task, issued_on, known)
            })
            .collect();
        checker.finish()?;
        match (title, issued_on, issued_by, document_id, conference_id) {
            (
                Some(title),
                Some(issued_on),
                Some(issued_by),
                Some(document_id),
                Some(conference_id),
            ) => Ok(DirectiveDraft {
                title,
                issued_on,
                issued_by,
                document_id,
                conference_id,
                tasks,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// Checks one task given on `issued_on`, its fields named by `field`, into `checker`.
pub fn parse_task(
    checker: &mut Checker,
    field: &dyn Fn(&str) -> String,
    task: &TaskInput,
    issued_on: Option<Date>,
    known: &Known<'_>,
) -> Option<TaskDraft> {
    let title = checker.check(text(&field("title"), &task.title, 500));
    let product = checker.check(text(&field("product"), &task.product, 500));
    let presiding = checker.check(agency(&field("presiding"), &task.presiding, known));
    let mut coordinating: Vec<Contribution> = Vec::new();
    for line in &task.coordinating {
        let Some(id) = checker.check(agency(&field("coordinating"), &line.agency, known)) else {
            continue;
        };
        if Some(id) == presiding {
            checker.push(FieldError::new(
                field("coordinating"),
                "same_agency",
                "validation.task_presiding_also_coordinating",
            ));
        } else if coordinating.iter().any(|known| known.agency_id == id) {
            checker.push(FieldError::new(
                field("coordinating"),
                "duplicate",
                "validation.task_agency_twice",
            ));
        } else if let Some(contribution) = checker.check(optional_text(
            &field("coordinating"),
            &line.contribution,
            500,
        )) {
            coordinating.push(Contribution {
                agency_id: id,
                contribution,
            });
        }
    }
    let due_on = checker.check(parse_date(&field("due_on"), &task.due_on));
    if let (Some(due), Some(issued)) = (due_on, issued_on) {
        if due < issued {
            checker.push(FieldError::new(
                field("due_on"),
                "out_of_order",
                "validation.task_due_before_directive",
            ));
        }
    }
    let law_project_id = checker.check(known_id(
        &field("law_project_id"),
        &task.law_project_id,
        known.law_project,
        "validation.task_unknown_project",
    ));
    let mission_id = match task.mission.trim() {
        "" => Some(None),
        code => match (known.mission)(code) {
            Some(id) => Some(Some(id)),
            None => {
                checker.push(FieldError::new(
                    field("mission"),
                    "unknown_value",
                    "validation.task_unknown_mission",
                ));
                None
            }
        },
    };
    let unit_id = checker.check(known_id(
        &field("unit_id"),
        &task.unit_id,
        known.unit,
        "validation.task_unknown_unit",
    ));
    let dossier_id = checker.check(known_id(
        &field("dossier_id"),
        &task.dossier_id,
        known.dossier,
        "validation.task_unknown_dossier",
    ));
    Some(TaskDraft {
        title: title?,
        product: product?,
        presiding: presiding?,
        coordinating,
        due_on: due_on?,
        law_project_id: law_project_id?,
        mission_id: mission_id?,
        unit_id: unit_id?,
        dossier_id: dossier_id?,
    })
}

/// A step of a task as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// `progress`, `submit`, `return`, `accept` or `extend`.
    pub action: String,
    /// For progress: the share done, 0 to 100.
    #[serde(default)]
    pub share_done: String,
    /// What was done, the comments of a return, why a deadline moves.
    #[serde(default)]
    pub note: String,
    /// For an extension: the new deadline.
    #[serde(default)]
    pub due_on: String,
}

/// A checked step: the status and share it leads to, the new deadline if one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub action: TaskAction,
    pub status: TaskStatus,
    pub share_done: i64,
    pub note: Option<String>,
    pub due_on: Option<Date>,
}

/// Checks `input` against a task that is `status`, `share_done` done and due `due_on`.
pub fn act(
    status: TaskStatus,
    share_done: i64,
    due_on: Date,
    input: &StepInput,
) -> Result<Step, Invalid> {
    let action = TaskAction::parse_field("action", &input.action)?;
    use TaskAction::*;
    use TaskStatus::*;
    let next = match (action, status) {
        (_, Closed) => None,
        (Progress, Assigned | UnderWay | Returned) => Some(UnderWay),
        (Submit, Assigned | UnderWay | Returned) => Some(Submitted),
        (Return | Accept, Submitted) => Some(if action == Accept { Closed } else { Returned }),
        (Extend, _) => Some(status),
        _ => None,
    };
    let Some(next) = next else {
        return Err(Invalid::one(
            "action",
            "transition",
            "validation.task_not_now",
        ));
    };
    let mut checker = Checker::default();
    let note = checker.check(optional_text("note", &input.note, 2000));
    let mut share = share_done;
    let mut due = None;
    match action {
        Progress => match input.share_done.trim().parse::<i64>() {
            Ok(value) if (0..=100).contains(&value) => share = value,
            _ => checker.push(FieldError::new(
                "share_done",
                "out_of_range",
                "validation.share_0_to_100",
            )),
        },
        Submit | Accept => share = 100,
        Return | Extend => {
            if matches!(note, Some(None)) {
                checker.push(FieldError::new(
                    "note",
                    "required",
                    "validation.task_say_why",
                ));
            }
            if action == Extend {
                match checker.check(parse_optional_date("due_on", &input.due_on)) {
                    Some(Some(day)) if day > due_on => due = Some(day),
                    Some(Some(_)) => checker.push(FieldError::new(
                        "due_on",
                        "not_later",
                        "validation.task_extension_later",
                    )),
                    Some(None) => checker.push(FieldError::new(
                        "due_on",
                        "required",
                        "validation.must_not_be_empty",
                    )),
                    None => {}
                }
            }
        }
    }
    checker.finish()?;
    Ok(Step {
        action,
        status: next,
        share_done: share,
        note: note.flatten(),
        due_on: due,
    })
}

crate::string_enum! {
    /// What kind of body coordinates.
    pub enum BodyKind {
        SteeringCommittee = "steering_committee",
        WorkingGroup = "working_group",
        InspectionTeam = "inspection_team",
        Other = "other",
    }
}

crate::string_enum! {
    /// A member's role in a body.
    pub enum MemberRole {
        Head = "head",
        PermanentDeputy = "permanent_deputy",
        Deputy = "deputy",
        Member = "member",
        Secretary = "secretary",
    }
}

/// A body as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BodyInput {
    /// `steering_committee`, `working_group`, `inspection_team` or `other`.
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    /// The standing agency (code): where its work is prepared and overdue tasks go.
    pub standing: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDraft {
    pub kind: BodyKind,
    pub name_vi: String,
    pub name_en: String,
    pub standing: i64,
    pub note: Option<String>,
}

impl BodyDraft {
    pub fn parse(
        input: &BodyInput,
        agency_of: &dyn Fn(&str) -> Option<i64>,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(BodyKind::parse_field("kind", &input.kind));
        let name_vi = checker.check(text("name_vi", &input.name_vi, 300));
        let name_en = checker.check(text("name_en", &input.name_en, 300));
        let known = Known::agencies(agency_of);
        let standing = checker.check(agency("standing", &input.standing, &known));
        let note = checker.check(optional_text("note", &input.note, 1000));
        checker.finish()?;
        match (kind, name_vi, name_en, standing, note) {
            (Some(kind), Some(name_vi), Some(name_en), Some(standing), Some(note)) => {
                Ok(BodyDraft {
                    kind,
                    name_vi,
                    name_en,
                    standing,
                    note,
                })
            }
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// A member as a form or a request gives it: an account, or a named official.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    /// The member's account (user name), when they have one.
    #[serde(default)]
    pub username: String,
    /// The official's name, when they have no account.
    #[serde(default)]
    pub name: String,
    pub position: String,
    /// The member's agency (code).
    pub agency: String,
    /// `head`, `permanent_deputy`, `deputy`, `member` or `secretary`.
    pub role: String,
    pub from_on: String,
    #[serde(default)]
    pub to_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDraft {
    pub account_id: Option<i64>,
    pub name: Option<String>,
    pub position: String,
    pub agency_id: i64,
    pub role: MemberRole,
    pub from_on: Date,
    pub to_on: Option<Date>,
}

impl MemberDraft {
    /// Checks a member: an account known by `account_of` or a name, an agency, a role and
    /// a term that does not end before it starts.
    pub fn parse(
        input: &MemberInput,
        agency_of: &dyn Fn(&str) -> Option<i64>,
        account_of: &dyn Fn(&str) -> Option<i64>,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let account_id = match input.username.trim() {
            "" => None,
            username => match account_of(username) {
                Some(id) => Some(id),
                None => {
                    checker.push(FieldError::new(
                        "username",
                        "unknown_value",
                        "validation.member_no_such_account",
                    ));
                    None
                }
            },
        };
        let name = checker
            .check(optional_text("name", &input.name, 200))
            .flatten();
        if account_id.is_none() && name.is_none() && input.username.trim().is_empty() {
            checker.push(FieldError::new(
                "name",
                "required",
                "validation.member_account_or_name",
            ));
        }
        let position = checker.check(text("position", &input.position, 300));
        let known = Known::agencies(agency_of);
        let agency_id = checker.check(agency("agency", &input.agency, &known));
        let role = checker.check(MemberRole::parse_field("role", &input.role));
        let from_on = checker.check(parse_date("from_on", &input.from_on));
        let to_on = checker.check(parse_optional_date("to_on", &input.to_on));
        if let (Some(from), Some(Some(to))) = (from_on, to_on) {
            if to < from {
                checker.push(FieldError::new(
                    "to_on",
                    "out_of_order",
                    "validation.member_term_ends_before_it_starts",
                ));
            }
        }
        checker.finish()?;
        match (position, agency_id, role, from_on, to_on) {
            (Some(position), Some(agency_id), Some(role), Some(from_on), Some(to_on)) => {
                Ok(MemberDraft {
                    account_id,
                    name,
                    position,
                    agency_id,
                    role,
                    from_on,
                    to_on,
                })
            }
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// A conference or meeting as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConferenceInput {
    pub title: String,
    /// YYYY-MM-DD.
    pub held_on: String,
    /// The body that met, if one (its id).
    #[serde(default)]
    pub body_id: String,
    /// Who chaired it, with their position.
    pub chair: String,
    #[serde(default)]
    pub place: String,
    /// The agencies that attended (codes).
    #[serde(default)]
    pub agencies: Vec<String>,
    /// The members of the body who attended (ids of its members).
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub conclusions: String,
    /// The notice of its conclusions in the legal registry, if registered (its id).
    #[serde(default)]
    pub conclusion_document_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceDraft {
    pub title: String,
    pub held_on: Date,
    pub body_id: Option<i64>,
    pub chair: String,
    pub place: Option<String>,
    pub agencies: Vec<i64>,
    pub members: Vec<i64>,
    pub agenda: Option<String>,
    pub conclusions: Option<String>,
    pub conclusion_document_id: Option<i64>,
}

/// The most agencies a conference's record lists.
pub const MAX_ATTENDING: usize = 100;

impl ConferenceDraft {
    /// Checks a conference: `body` says whether a body exists, `member_of` which body a
    /// member sits on, `known` resolves agencies and registry documents. Members who
    /// attended are members of the body that met.
    pub fn parse(
        input: &ConferenceInput,
        body: &dyn Fn(i64) -> bool,
        member_of: &dyn Fn(i64) -> Option<i64>,
        known: &Known<'_>,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let title = checker.check(text("title", &input.title, 500));
        let held_on = checker.check(parse_date("held_on", &input.held_on));
        let body_id = checker.check(known_id(
            "body_id",
            &input.body_id,
            body,
            "validation.conference_unknown_body",
        ));
        let chair = checker.check(text("chair", &input.chair, 300));
        let place = checker.check(optional_text("place", &input.place, 300));
        let mut agencies = Vec::new();
        if input.agencies.len() > MAX_ATTENDING {
            checker.push(FieldError::new(
                "agencies",
                "count",
                "validation.conference_too_many_agencies",
            ));
        }
        for code in &input.agencies {
            if let Some(id) = checker.check(agency("agencies", code, known)) {
                if !agencies.contains(&id) {
                    agencies.push(id);
                }
            }
        }
        let mut members = Vec::new();
        for member in &input.members {
            let sits_on = member
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|id| member_of(id).map(|on| (id, on)));
            match (sits_on, body_id) {
                (Some((id, on)), Some(Some(body))) if on == body => {
                    if !members.contains(&id) {
                        members.push(id);
                    }
                }
                _ => checker.push(FieldError::new(
                    "members",
                    "not_a_member",
                    "validation.conference_member_of_another_body",
                )),
            }
        }
        let agenda = checker.check(optional_paragraphs("agenda", &input.agenda, 4000));
        let conclusions =
            checker.check(optional_paragraphs("conclusions", &input.conclusions, 8000));
        let conclusion_document_id = checker.check(known_id(
            "conclusion_document_id",
            &input.conclusion_document_id,
            known.document,
            "validation.choose_a_document_of_the_registry",
        ));
        checker.finish()?;
        match (
            title,
            held_on,
            body_id,
            chair,
            place,
            agenda,
            conclusions,
            conclusion_document_id,
        ) {
            (
                Some(title),
                Some(held_on),
                Some(body_id),
                Some(chair),
                Some(place),
                Some(agenda),
                Some(conclusions),
                Some(conclusion_document_id),
            ) => Ok(ConferenceDraft {
                title,
                held_on,
                body_id,
                chair,
                place,
                agencies,
                members,
                agenda,
                conclusions,
                conclusion_document_id,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn codes(invalid: Invalid) -> Vec<(String, &'static str)> {
        invalid.0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn known_agency(code: &str) -> Option<i64> {
        ["BQP-CGGHB", "BQP-CPC", "BCA", "BNG"]
            .iter()
            .position(|known| *known == code)
            .map(|index| index as i64 + 1)
    }

    fn known() -> Known<'static> {
        Known {
            agency: &known_agency,
            document: &|id| id == 9,
            law_project: &|id| id == 1,
            conference: &|id| id == 4,
            mission: &|code| (code == "UNMISS").then_some(3),
            unit: &|id| id == 6,
            dossier: &|id| id == 8,
        }
    }

    fn directive() -> DirectiveInput {
        DirectiveInput {
            title: "Kết luận hội nghị".into(),
            issued_on: "2023-05-23".into(),
            issued_by: "Hội nghị tổng kết".into(),
            document_id: "9".into(),
            conference_id: "4".into(),
            tasks: vec![TaskInput {
                title: "Hoàn thành báo cáo tổng kết".into(),
                product: "Báo cáo tổng kết thi hành pháp luật".into(),
                presiding: "BQP-CGGHB".into(),
                coordinating: vec![
                    ContributionInput {
                        agency: "BCA".into(),
                        contribution: "Số liệu lực lượng công an".into(),
                    },
                    ContributionInput {
                        agency: "BNG".into(),
                        contribution: String::new(),
                    },
                ],
                due_on: "2023-09-30".into(),
                law_project_id: "1".into(),
                mission: "UNMISS".into(),
                unit_id: "6".into(),
                dossier_id: "8".into(),
            }],
        }
    }

    #[test]
    fn a_directive_gives_tasks_checked_line_by_line() {
        let draft = DirectiveDraft::parse(&directive(), &known()).unwrap();
        assert_eq!(draft.tasks[0].presiding, 1);
        assert_eq!(draft.tasks[0].coordinating.len(), 2);
        assert_eq!(draft.document_id, Some(9));
        assert_eq!(draft.conference_id, Some(4));
        assert_eq!(draft.tasks[0].mission_id, Some(3));
        assert_eq!(
            (draft.tasks[0].unit_id, draft.tasks[0].dossier_id),
            (Some(6), Some(8))
        );
        let mut bad = directive();
        bad.conference_id = "5".into();
        bad.tasks[0].mission = "MINUSMA".into();
        bad.tasks[0].dossier_id = "9".into();
        bad.tasks[0].due_on = "2023-05-01".into();
        bad.tasks[0].coordinating[1].agency = "BQP-CGGHB".into();
        bad.tasks[0].law_project_id = "7".into();
        assert_eq!(
            codes(DirectiveDraft::parse(&bad, &known()).unwrap_err()),
            [
                ("conference_id".to_owned(), "unknown_value"),
                ("tasks[0].coordinating".to_owned(), "same_agency"),
                ("tasks[0].due_on".to_owned(), "out_of_order"),
                ("tasks[0].law_project_id".to_owned(), "unknown_value"),
                ("tasks[0].mission".to_owned(), "unknown_value"),
                ("tasks[0].dossier_id".to_owned(), "unknown_value"),
            ]
        );
        bad.tasks.clear();
        bad.conference_id.clear();
        assert_eq!(
            codes(DirectiveDraft::parse(&bad, &known()).unwrap_err()),
            [("tasks".to_owned(), "count")]
        );
    }

    fn step(action: &str, share: &str, note: &str, due: &str) -> StepInput {
        StepInput {
            action: action.into(),
            share_done: share.into(),
            note: note.into(),
            due_on: due.into(),
        }
    }

    #[test]
    fn a_task_moves_along_its_path() {
        let due = date!(2023 - 09 - 30);
        let progress = act(
            TaskStatus::Assigned,
            0,
            due,
            &step("progress", "40", "", ""),
        )
        .unwrap();
        assert_eq!(
            (progress.status, progress.share_done),
            (TaskStatus::UnderWay, 40)
        );
        let submitted = act(TaskStatus::UnderWay, 40, due, &step("submit", "", "", "")).unwrap();
        assert_eq!(
            (submitted.status, submitted.share_done),
            (TaskStatus::Submitted, 100)
        );
        let returned = act(
            TaskStatus::Submitted,
            100,
            due,
            &step("return", "", "Bổ sung số liệu", ""),
        )
        .unwrap();
        assert_eq!(returned.status, TaskStatus::Returned);
        let accepted = act(TaskStatus::Submitted, 100, due, &step("accept", "", "", "")).unwrap();
        assert_eq!(accepted.status, TaskStatus::Closed);
        let extended = act(
            TaskStatus::UnderWay,
            40,
            due,
            &step("extend", "", "Chờ số liệu", "2023-10-31"),
        )
        .unwrap();
        assert_eq!(
            (extended.status, extended.due_on),
            (TaskStatus::UnderWay, Some(date!(2023 - 10 - 31)))
        );
        for (status, input, expected) in [
            (
                TaskStatus::Closed,
                step("progress", "50", "", ""),
                ("action", "transition"),
            ),
            (
                TaskStatus::UnderWay,
                step("accept", "", "", ""),
                ("action", "transition"),
            ),
            (
                TaskStatus::UnderWay,
                step("progress", "120", "", ""),
                ("share_done", "out_of_range"),
            ),
            (
                TaskStatus::Submitted,
                step("return", "", "", ""),
                ("note", "required"),
            ),
            (
                TaskStatus::UnderWay,
                step("extend", "", "Lý do", "2023-09-01"),
                ("due_on", "not_later"),
            ),
        ] {
            assert_eq!(
                codes(act(status, 40, due, &input).unwrap_err()),
                [(expected.0.to_owned(), expected.1)],
                "{status} {input:?}"
            );
        }
    }

    #[test]
    fn a_member_is_an_account_or_a_named_official_with_a_term_in_order() {
        let input = MemberInput {
            username: String::new(),
            name: "Hoàng Xuân Chiến".into(),
            position: "Thứ trưởng Bộ Quốc phòng".into(),
            agency: "BQP-CGGHB".into(),
            role: "head".into(),
            from_on: "2021-01-01".into(),
            to_on: String::new(),
        };
        let account = |name: &str| (name == "coordinator").then_some(5);
        let member = MemberDraft::parse(&input, &known_agency, &account).unwrap();
        assert_eq!((member.role, member.account_id), (MemberRole::Head, None));
        let bad = MemberInput {
            name: String::new(),
            username: "nobody".into(),
            role: "chair".into(),
            from_on: "2021-01-01".into(),
            to_on: "2020-12-31".into(),
            ..input.clone()
        };
        assert_eq!(
            codes(MemberDraft::parse(&bad, &known_agency, &account).unwrap_err()),
            [
                ("username".to_owned(), "unknown_value"),
                ("role".to_owned(), "unknown_value"),
                ("to_on".to_owned(), "out_of_order"),
            ]
        );
        let nobody = MemberInput {
            name: String::new(),
            ..input
        };
        assert_eq!(
            codes(MemberDraft::parse(&nobody, &known_agency, &account).unwrap_err()),
            [("name".to_owned(), "required")]
        );
    }
}
