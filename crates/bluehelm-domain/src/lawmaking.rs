//! Law-making dossiers: the preparation of a law, a decree or a circular, tracked through
//! the stages the Law on Promulgation of Legal Documents sets for its kind. A project has
//! a presiding agency (which drafts), a guiding agency (which steers the legal work), the
//! agencies it consults, its drafts by version and the opinions each agency gave on them
//! with how each was taken in.
//!
//! The stages of a kind are data ([`ProjectKind::stages`]); a project copies them when it
//! opens, the first one current. Stages are completed in order: completing one that is not
//! current is refused ([`check_completion`]). Completing the last stage is the adoption:
//! the text becomes a document of the legal registry, numbered as its kind is, with the
//! relations the project planned (what it implements, what it replaces).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::legal::DocumentKind;
use crate::person::{optional_text, parse_date, parse_optional_date};
use crate::validation::{text, Checker};
use crate::{FieldError, Invalid};

crate::string_enum! {
    /// What a project prepares.
    pub enum ProjectKind {
        Law = "law",
        Decree = "decree",
        Circular = "circular",
    }
}

crate::string_enum! {
    /// Whether a project is still being prepared or its text was adopted.
    pub enum ProjectStatus {
        Open = "open",
        Adopted = "adopted",
    }
}

crate::string_enum! {
    /// Where a stage of a project stands.
    pub enum StageStatus {
        Waiting = "waiting",
        Current = "current",
        Done = "done",
    }
}

crate::string_enum! {
    /// How the presiding agency took an opinion in.
    pub enum Disposition {
        Pending = "pending",
        Accepted = "accepted",
        Partly = "partly",
        Declined = "declined",
    }
}

/// One stage of a kind's path: its code and the days it is given by default. Its name is
/// the catalogue's `law_stage_{kind}.{code}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSeed {
    pub code: &'static str,
    pub days: u32,
}

const fn stage(code: &'static str, days: u32) -> StageSeed {
    StageSeed { code, days }
}

/// A law's path: the policy is proposed (with the summary report on law enforcement and
/// the impact assessment), consulted on, appraised by the Ministry of Justice, submitted
/// by the Government, put on the National Assembly's programme, drafted and adopted.
pub const LAW_STAGES: [StageSeed; 7] = [
    stage("policy_proposal", 90),
    stage("consultation", 60),
    stage("appraisal", 30),
    stage("government_submission", 30),
    stage("programme", 90),
    stage("drafting", 180),
    stage("adoption", 180),
];

/// A decree's shorter path: drafted, consulted on, appraised, submitted and issued.
pub const DECREE_STAGES: [StageSeed; 5] = [
    stage("drafting", 120),
    stage("consultation", 60),
    stage("appraisal", 30),
    stage("government_submission", 30),
    stage("adoption", 30),
];

/// A circular's path, within one ministry.
pub const CIRCULAR_STAGES: [StageSeed; 4] = [
    stage("drafting", 90),
    stage("consultation", 30),
    stage("appraisal", 20),
    stage("adoption", 15),
];

impl ProjectKind {
    /// The stages a project of this kind goes through, in order; the last is adoption.
    pub fn stages(self) -> &'static [StageSeed] {
        match self {
            ProjectKind::Law => &LAW_STAGES,
            ProjectKind::Decree => &DECREE_STAGES,
            ProjectKind::Circular => &CIRCULAR_STAGES,
        }
    }

    /// The catalogue's prefix of the names of this kind's stages.
    pub fn stage_names(self) -> String {
        format!("law_stage_{}", self.as_str())
    }

    /// The kind of document the adopted text is in the registry.
    pub fn document_kind(self) -> DocumentKind {
        match self {
            ProjectKind::Law => DocumentKind::Law,
            ProjectKind::Decree => DocumentKind::Decree,
            ProjectKind::Circular => DocumentKind::Circular,
        }
    }
}

/// A project as a form or a request gives it. Agencies are given by code; documents of
/// the registry by id, empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    /// `law`, `decree` or `circular`.
    pub kind: String,
    pub title_vi: String,
    pub title_en: String,
    /// The agency that drafts (code).
    pub presiding: String,
    /// The agency that steers the legal work (code), if any.
    #[serde(default)]
    pub guiding: String,
    /// The agencies consulted (codes).
    #[serde(default)]
    pub consulted: Vec<String>,
    /// The day the project opened (YYYY-MM-DD).
    pub opened_on: String,
    /// The registry's draft entry the adoption will complete, if it holds one.
    #[serde(default)]
    pub document_id: String,
    /// The document the adopted text will implement (detail or carry out).
    #[serde(default)]
    pub implements_id: String,
    /// The document the adopted text will replace.
    #[serde(default)]
    pub replaces_id: String,
    #[serde(default)]
    pub note: String,
}

/// A checked project: agencies and documents resolved to ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDraft {
    pub kind: ProjectKind,
    pub title_vi: String,
    pub title_en: String,
    pub presiding: i64,
    pub guiding: Option<i64>,
    pub consulted: Vec<i64>,
    pub opened_on: Date,
    pub document_id: Option<i64>,
    pub implements_id: Option<i64>,
    pub replaces_id: Option<i64>,
    pub note: Option<String>,
}

/// An optional id of a known record: empty is none, anything else must be one `known`.
fn optional_id(
    field: &str,
    value: &str,
    known: impl Fn(i64) -> bool,
) -> Result<Option<i64>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(id) if known(id) => Ok(Some(id)),
        _ => Err(FieldError::new(
            field,
            "unknown_value",
            "validation.choose_a_document_of_the_registry",
        )),
    }
}

fn agency_field(
    field: &str,
    code: &str,
    agency: &impl Fn(&str) -> Option<i64>,
) -> Result<i64, FieldError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(FieldError::new(
            field,
            "required",
            "validation.must_not_be_empty",
        ));
    }
    agency(code).ok_or_else(|| {
        FieldError::new(field, "unknown_value", "validation.no_agency_has_this_code")
    })
}

impl ProjectDraft {
    /// Checks every field and reports every fault at once. `agency` resolves an agency's
    /// code, `document` tells whether the registry holds a document.
    pub fn parse(
        input: &ProjectInput,
        agency: impl Fn(&str) -> Option<i64>,
        document: impl Fn(i64) -> bool,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(ProjectKind::parse_field("kind", &input.kind));
        let title_vi = checker.check(text("title_vi", &input.title_vi, 300));
        let title_en = checker.check(text("title_en", &input.title_en, 300));
        let presiding = checker.check(agency_field("presiding", &input.presiding, &agency));
        let guiding = if input.guiding.trim().is_empty() {
            Some(None)
        } else {
            checker
                .check(agency_field("guiding", &input.guiding, &agency))
                .map(Some)
        };
        if let (Some(presiding), Some(Some(guiding))) = (presiding, guiding) {
            if presiding == guiding {
                checker.push(FieldError::new(
                    "guiding",
                    "same_agency",
                    "validation.law_guiding_is_presiding",
                ));
            }
        }
        let mut consulted = Vec::new();
        for code in input
            .consulted
            .iter()
            .filter(|code| !code.trim().is_empty())
        {
            match checker.check(agency_field("consulted", code, &agency)) {
                Some(id) if Some(id) == presiding => checker.push(FieldError::new(
                    "consulted",
                    "same_agency",
                    "validation.law_consulted_is_presiding",
                )),
                Some(id) if !consulted.contains(&id) => consulted.push(id),
                _ => {}
            }
        }
        let opened_on = checker.check(parse_date("opened_on", &input.opened_on));
        let document_id = checker.check(optional_id("document_id", &input.document_id, &document));
        let implements_id = checker.check(optional_id(
            "implements_id",
            &input.implements_id,
            &document,
        ));
        let replaces_id = checker.check(optional_id("replaces_id", &input.replaces_id, &document));
        if let (Some(Some(own)), Some(implements), Some(replaces)) =
            (document_id, implements_id, replaces_id)
        {
            for (field, other) in [("implements_id", implements), ("replaces_id", replaces)] {
                if other == Some(own) {
                    checker.push(FieldError::new(
                        field,
                        "itself",
                        "validation.a_document_cannot_relate_to_itself",
                    ));
                }
            }
        }
        let note = checker.check(optional_text("note", &input.note, 1000));
        checker.finish()?;
        match (
            kind,
            title_vi,
            title_en,
            presiding,
            guiding,
            opened_on,
            document_id,
            implements_id,
            replaces_id,
            note,
        ) {
            (
                Some(kind),
                Some(title_vi),
                Some(title_en),
                Some(presiding),
                Some(guiding),
                Some(opened_on),
                Some(document_id),
                Some(implements_id),
                Some(replaces_id),
                Some(note),
            ) => Ok(ProjectDraft {
                kind,
                title_vi,
                title_en,
                presiding,
                guiding,
                consulted,
                opened_on,
                document_id,
                implements_id,
                replaces_id,
                note,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// Completing a project's current stage as a form or a request gives it. The adoption (the
/// last stage) also gives the adopted text's number and dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompletionInput {
    /// The stage's code: it must be the current one.
    pub stage: String,
    /// The day it was completed (YYYY-MM-DD); for the adoption, the day of signature when
    /// empty.
    #[serde(default)]
    pub done_on: String,
    #[serde(default)]
    pub note: String,
    /// The next stage's deadline, when it is not the default.
    #[serde(default)]
    pub next_due_on: String,
    /// The adopted text's number, as its kind writes it.
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub signed_on: String,
    #[serde(default)]
    pub effective_on: String,
}

/// A stage of a project as the check needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageState<'a> {
    pub code: &'a str,
    pub status: StageStatus,
    pub started_on: Option<Date>,
}

/// A checked completion of the stage at `index`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub index: usize,
    pub done_on: Date,
    pub note: Option<String>,
    /// The next stage's deadline if one was given.
    pub next_due_on: Option<Date>,
    /// Whether this completes the last stage: the adoption.
    pub adopts: bool,
}

/// Checks that `input` completes the current stage of `stages` no earlier than it started
/// and no later than `today`; a waiting stage (a skip) or a done one is refused on `stage`.
pub fn check_completion(
    stages: &[StageState<'_>],
    input: &CompletionInput,
    today: Date,
) -> Result<Completion, Invalid> {
    let mut checker = Checker::default();
    let code = input.stage.trim();
    let index = match stages.iter().position(|stage| stage.code == code) {
        None => {
            checker.push(FieldError::new(
                "stage",
                "unknown_value",
                "validation.law_stage_unknown",
            ));
            None
        }
        Some(index) => match stages[index].status {
            StageStatus::Current => Some(index),
            StageStatus::Waiting => {
                checker.push(FieldError::new(
                    "stage",
                    "stage_skipped",
                    "validation.law_stage_not_yet",
                ));
                None
            }
            StageStatus::Done => {
                checker.push(FieldError::new(
                    "stage",
                    "stage_done",
                    "validation.law_stage_done",
                ));
                None
            }
        },
    };
    let adopts = index.is_some_and(|index| index + 1 == stages.len());
    let done_on = if adopts && input.done_on.trim().is_empty() {
        checker.check(parse_date("signed_on", &input.signed_on))
    } else {
        checker.check(parse_date("done_on", &input.done_on))
    };
    if let (Some(index), Some(done_on)) = (index, done_on) {
        if stages[index]
            .started_on
            .is_some_and(|started| done_on < started)
        {
            checker.push(FieldError::new(
                "done_on",
                "out_of_order",
                "validation.law_stage_done_before_start",
            ));
        }
        if done_on > today {
            checker.push(FieldError::new(
                "done_on",
                "in_future",
                "validation.law_not_after_today",
            ));
        }
    }
    let next_due_on = checker.check(parse_optional_date("next_due_on", &input.next_due_on));
    if let (Some(Some(due)), Some(done_on)) = (next_due_on, done_on) {
        if due < done_on {
            checker.push(FieldError::new(
                "next_due_on",
                "out_of_order",
                "validation.law_due_before_done",
            ));
        }
    }
    let note = checker.check(optional_text("note", &input.note, 1000));
    checker.finish()?;
    match (index, done_on, note, next_due_on) {
        (Some(index), Some(done_on), Some(note), Some(next_due_on)) => Ok(Completion {
            index,
            done_on,
            note,
            next_due_on: next_due_on.filter(|_| !adopts),
            adopts,
        }),
        _ => Err(Invalid(Vec::new())),
    }
}

/// The default deadline of a stage that starts on `started_on`.
pub fn default_due(started_on: Date, days: u32) -> Date {
    started_on.saturating_add(time::Duration::days(i64::from(days)))
}

/// A draft version as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    /// The day of the version (YYYY-MM-DD).
    pub dated: String,
    /// What the version changed.
    pub summary: String,
}

/// A checked draft version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftVersion {
    pub dated: Date,
    pub summary: String,
}

impl DraftVersion {
    pub fn parse(input: &DraftInput, opened_on: Date, today: Date) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let dated = checker.check(parse_date("dated", &input.dated));
        if let Some(dated) = dated {
            if dated < opened_on {
                checker.push(FieldError::new(
                    "dated",
                    "out_of_order",
                    "validation.law_before_opening",
                ));
            } else if dated > today {
                checker.push(FieldError::new(
                    "dated",
                    "in_future",
                    "validation.law_not_after_today",
                ));
            }
        }
        let summary = checker.check(text("summary", &input.summary, 1000));
        checker.finish()?;
        match (dated, summary) {
            (Some(dated), Some(summary)) => Ok(DraftVersion { dated, summary }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// An agency's opinion as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpinionInput {
    /// The consulted agency that gave it (code).
    pub agency: String,
    /// The draft version it is about (its number), if one.
    #[serde(default)]
    pub version: String,
    pub received_on: String,
    /// What the agency said.
    pub content: String,
    /// `pending`, `accepted`, `partly` or `declined`.
    #[serde(default)]
    pub disposition: String,
    /// How it was taken in; required when it was not taken in fully.
    #[serde(default)]
    pub response: String,
}

/// A checked opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opinion {
    pub agency_id: i64,
    pub version: Option<i64>,
    pub received_on: Date,
    pub content: String,
    pub disposition: Disposition,
    pub response: Option<String>,
}

/// How an opinion was taken in, as an answer to it: the disposition and its explanation.
pub fn check_disposition(
    checker: &mut Checker,
    disposition: &str,
    response: &str,
) -> Option<(Disposition, Option<String>)> {
    let disposition = if disposition.trim().is_empty() {
        Some(Disposition::Pending)
    } else {
        checker.check(Disposition::parse_field("disposition", disposition))
    };
    let response = checker.check(optional_text("response", response, 2000));
    if let (Some(Disposition::Partly | Disposition::Declined), Some(None)) =
        (disposition, &response)
    {
        checker.push(FieldError::new(
            "response",
            "required",
            "validation.law_explain_not_taken_in",
        ));
    }
    Some((disposition?, response?))
}

impl Opinion {
    /// Checks an opinion from one of `consulted` (agency ids, resolved by `agency`) on one
    /// of the project's `versions`.
    pub fn parse(
        input: &OpinionInput,
        agency: impl Fn(&str) -> Option<i64>,
        consulted: &[i64],
        versions: &[i64],
        today: Date,
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let agency_id = checker.check(agency_field("agency", &input.agency, &agency));
        if agency_id.is_some_and(|id| !consulted.contains(&id)) {
            checker.push(FieldError::new(
                "agency",
                "not_consulted",
                "validation.law_agency_not_consulted",
            ));
        }
        let version = match input.version.trim() {
            "" => Some(None),
            value => match value.parse::<i64>() {
                Ok(version) if versions.contains(&version) => Some(Some(version)),
                _ => {
                    checker.push(FieldError::new(
                        "version",
                        "unknown_value",
                        "validation.law_version_unknown",
                    ));
                    None
                }
            },
        };
        let received_on = checker.check(parse_date("received_on", &input.received_on));
        if received_on.is_some_and(|day| day > today) {
            checker.push(FieldError::new(
                "received_on",
                "in_future",
                "validation.law_not_after_today",
            ));
        }
        let content = checker.check(text("content", &input.content, 4000));
        let taken_in = check_disposition(&mut checker, &input.disposition, &input.response);
        checker.finish()?;
        match (agency_id, version, received_on, content, taken_in) {
            (
                Some(agency_id),
                Some(version),
                Some(received_on),
                Some(content),
                Some((disposition, response)),
            ) => Ok(Opinion {
                agency_id,
                version,
                received_on,
                content,
                disposition,
                response,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn agency(code: &str) -> Option<i64> {
        ["BQP-CGGHB", "BQP-CPC", "BCA", "BTP"]
            .iter()
            .position(|known| *known == code)
            .map(|index| index as i64 + 1)
    }

    fn fields(invalid: Invalid) -> Vec<(String, &'static str)> {
        invalid
            .0
            .into_iter()
            .map(|error| (error.field, error.code))
            .collect()
    }

    fn project() -> ProjectInput {
        ProjectInput {
            kind: "law".into(),
            title_vi: "Luật".into(),
            title_en: "Law".into(),
            presiding: "BQP-CGGHB".into(),
            guiding: "BQP-CPC".into(),
            consulted: vec!["BCA".into(), "BTP".into(), "BCA".into()],
            opened_on: "2023-05-23".into(),
            replaces_id: "7".into(),
            ..ProjectInput::default()
        }
    }

    #[test]
    fn every_path_ends_in_adoption_with_unique_codes() {
        assert_eq!(ProjectKind::Law.stages().len(), 7);
        assert!(ProjectKind::Decree.stages().len() < ProjectKind::Law.stages().len());
        for kind in ProjectKind::ALL {
            let stages = kind.stages();
            assert_eq!(stages.last().map(|s| s.code), Some("adoption"));
            let mut codes: Vec<_> = stages.iter().map(|s| s.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), stages.len(), "{kind}");
        }
        assert_eq!(ProjectKind::Law.stages()[0].code, "policy_proposal");
    }

    #[test]
    fn a_project_is_checked_field_by_field() {
        let draft = ProjectDraft::parse(&project(), agency, |id| id == 7).unwrap();
        assert_eq!((draft.presiding, draft.guiding), (1, Some(2)));
        assert_eq!(draft.consulted, [3, 4], "duplicates are dropped");
        assert_eq!(draft.replaces_id, Some(7));

        let bad = ProjectInput {
            kind: "ordinance".into(),
            guiding: "BQP-CGGHB".into(),
            consulted: vec!["BQP-CGGHB".into(), "XYZ".into()],
            opened_on: "23/05/2023".into(),
            implements_id: "99".into(),
            ..project()
        };
        let errors = fields(ProjectDraft::parse(&bad, agency, |id| id == 7).unwrap_err());
        for expected in [
            ("kind", "unknown_value"),
            ("guiding", "same_agency"),
            ("consulted", "same_agency"),
            ("consulted", "unknown_value"),
            ("opened_on", "invalid_date"),
            ("implements_id", "unknown_value"),
        ] {
            assert!(
                errors.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?} in {errors:?}"
            );
        }
    }

    fn stages() -> Vec<StageState<'static>> {
        DECREE_STAGES
            .iter()
            .enumerate()
            .map(|(index, stage)| StageState {
                code: stage.code,
                status: match index {
                    0 => StageStatus::Done,
                    1 => StageStatus::Current,
                    _ => StageStatus::Waiting,
                },
                started_on: (index == 1).then_some(date!(2026 - 03 - 01)),
            })
            .collect()
    }

    fn completing(stage: &str, done_on: &str) -> CompletionInput {
        CompletionInput {
            stage: stage.into(),
            done_on: done_on.into(),
            ..CompletionInput::default()
        }
    }

    #[test]
    fn only_the_current_stage_completes() {
        let today = date!(2026 - 12 - 07);
        let done =
            check_completion(&stages(), &completing("consultation", "2026-04-30"), today).unwrap();
        assert_eq!((done.index, done.adopts), (1, false));
        for (stage, day, field, code) in [
            ("appraisal", "2026-04-30", "stage", "stage_skipped"),
            ("drafting", "2026-04-30", "stage", "stage_done"),
            ("nothing", "2026-04-30", "stage", "unknown_value"),
            ("consultation", "2026-02-01", "done_on", "out_of_order"),
            ("consultation", "2027-01-01", "done_on", "in_future"),
        ] {
            let errors =
                fields(check_completion(&stages(), &completing(stage, day), today).unwrap_err());
            assert_eq!(errors, [(field.to_owned(), code)], "{stage} {day}");
        }
    }

    #[test]
    fn the_last_stage_adopts_on_its_signature() {
        let mut states = stages();
        for state in &mut states {
            state.status = StageStatus::Done;
        }
        let last = states.len() - 1;
        states[last].status = StageStatus::Current;
        let input = CompletionInput {
            stage: "adoption".into(),
            signed_on: "2026-11-20".into(),
            next_due_on: "2026-12-01".into(),
            ..CompletionInput::default()
        };
        let done = check_completion(&states, &input, date!(2026 - 12 - 07)).unwrap();
        assert!(done.adopts);
        assert_eq!(done.done_on, date!(2026 - 11 - 20));
        assert_eq!(done.next_due_on, None);
    }

    #[test]
    fn an_opinion_not_taken_in_is_explained() {
        let input = OpinionInput {
            agency: "BCA".into(),
            version: "1".into(),
            received_on: "2026-04-01".into(),
            content: "Bổ sung quy định".into(),
            disposition: "declined".into(),
            response: String::new(),
        };
        let today = date!(2026 - 12 - 07);
        let errors = fields(Opinion::parse(&input, agency, &[3], &[1], today).unwrap_err());
        assert_eq!(errors, [("response".to_owned(), "required")]);
        let explained = OpinionInput {
            response: "Đã có ở Điều 5".into(),
            ..input.clone()
        };
        let opinion = Opinion::parse(&explained, agency, &[3], &[1], today).unwrap();
        assert_eq!(opinion.disposition, Disposition::Declined);
        let elsewhere = OpinionInput {
            agency: "BTP".into(),
            version: "2".into(),
            ..explained
        };
        let errors = fields(Opinion::parse(&elsewhere, agency, &[3], &[1], today).unwrap_err());
        assert_eq!(
            errors,
            [
                ("agency".to_owned(), "not_consulted"),
                ("version".to_owned(), "unknown_value")
            ]
        );
    }
}
