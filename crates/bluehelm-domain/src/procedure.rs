//! Dispatch templates as versioned data. A procedure (armed forces from 2026, civilians
//! from 2026, …) has numbered versions; a new version starts as a copy of another, is
//! edited as a draft, checked, and activated. Activation cuts the period of the versions
//! it takes over from, so that the choice by date ([`crate::dispatch::choose_template`])
//! always finds one version, and dossiers already opened keep theirs.
//!
//! [`check_template`] checks a draft as typed: names, dates, categories and decisions,
//! and each step (agency known, role one that decides steps, positions 1, 2, … without a
//! gap, time limit, documents, provision). Whether each cited document is in force on the
//! first day of the version needs the registry, so the caller passes what it knows as
//! [`CitedStatus`] to [`check_citations`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dispatch::{DecisionType, ForceCategory, DOCUMENT_KINDS, LEAD_AGENCY};
use crate::legal::Cited;
use crate::person::{parse_date, parse_optional_date};
use crate::role::Role;
use crate::string_enum;
use crate::validation::{text, Checker, FieldError, Invalid};

string_enum! {
    /// Where a version stands: edited, applied to new dossiers, or taken over entirely by
    /// a later version.
    pub enum VersionStatus {
        Draft = "draft",
        Active = "active",
        Retired = "retired",
    }
}

/// The roles that decide a step.
pub const STEP_ROLES: [Role; 3] = [Role::Coordinator, Role::AgencyOfficer, Role::Approver];

/// The longest time limit of a step, in days.
pub const MAX_LIMIT_DAYS: u32 = 365;

/// A citation as a form or a request gives it: a document of the registry by id, and
/// optionally the article's number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CitationInput {
    pub document_id: i64,
    #[serde(default)]
    pub article: String,
}

/// A step of a draft as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// Kept from the version copied; a new step gets one from its position.
    #[serde(default)]
    pub code: String,
    /// Its position: steps sharing one run in parallel.
    pub seq: String,
    pub name_vi: String,
    pub name_en: String,
    /// An agency's code, or `@lead` for the dossier's lead office.
    pub agency: String,
    /// `coordinator`, `agency_officer` or `approver`.
    pub role: String,
    pub limit_days: String,
    /// Kinds of document needed before the step is approved.
    #[serde(default)]
    pub documents: Vec<String>,
    /// The provisions that require the step.
    #[serde(default)]
    pub provision: Vec<CitationInput>,
}

/// A draft version as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    pub name_vi: String,
    pub name_en: String,
    /// The first day dossiers follow this version (YYYY-MM-DD).
    pub valid_from: String,
    /// The last day, if one is known.
    #[serde(default)]
    pub valid_to: String,
    pub categories: Vec<String>,
    pub decisions: Vec<String>,
    /// The documents the procedure as a whole rests on.
    pub basis: Vec<CitationInput>,
    pub steps: Vec<StepInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDraft {
    pub code: String,
    pub seq: u32,
    pub name_vi: String,
    pub name_en: String,
    pub agency: String,
    pub role: Role,
    pub limit_days: u32,
    pub documents: Vec<String>,
    pub provision: Vec<Cited>,
}

/// A checked draft, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDraft {
    pub name_vi: String,
    pub name_en: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub categories: Vec<ForceCategory>,
    pub decisions: Vec<DecisionType>,
    pub basis: Vec<Cited>,
    pub steps: Vec<StepDraft>,
}

fn citations(field: &str, input: &[CitationInput], checker: &mut Checker) -> Vec<Cited> {
    let mut cited = Vec::with_capacity(input.len());
    for (index, citation) in input.iter().enumerate() {
        let article = citation.article.trim();
        let valid = article.chars().count() <= 20
            && article
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ' '));
        if !valid {
            checker.push(FieldError::new(
                format!("{field}[{index}].article"),
                "invalid_article",
                "validation.article_number",
            ));
            continue;
        }
        cited.push(Cited {
            document: citation.document_id,
            article: Some(article.to_owned()).filter(|a| !a.is_empty()),
        });
    }
    cited
}

/// Checks a draft against everything but the registry. `agencies` are the codes of the
/// agencies that exist.
pub fn check_template(
    input: &TemplateInput,
    agencies: &BTreeSet<String>,
) -> Result<TemplateDraft, Invalid> {
    let mut checker = Checker::default();
    let name_vi = checker.check(text("name_vi", &input.name_vi, 300));
    let name_en = checker.check(text("name_en", &input.name_en, 300));
    let valid_from = checker.check(parse_date("valid_from", &input.valid_from));
    let valid_to = checker
        .check(parse_optional_date("valid_to", &input.valid_to))
        .flatten();
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            checker.push(FieldError::new(
                "valid_to",
                "out_of_order",
                "validation.must_be_on_or_after_valid_from",
            ));
        }
    }
    let categories: Vec<ForceCategory> = input
        .categories
        .iter()
        .filter_map(|c| checker.check(ForceCategory::parse_field("categories", c)))
        .collect();
    if input.categories.is_empty() {
        checker.push(FieldError::new(
            "categories",
            "required",
            "validation.choose_at_least_one",
        ));
    }
    let decisions: Vec<DecisionType> = input
        .decisions
        .iter()
        .filter_map(|d| checker.check(DecisionType::parse_field("decisions", d)))
        .collect();
    if input.decisions.is_empty() {
        checker.push(FieldError::new(
            "decisions",
            "required",
            "validation.choose_at_least_one",
        ));
    }
    let basis = citations("basis", &input.basis, &mut checker);
    if input.basis.is_empty() {
        checker.push(FieldError::new(
            "basis",
            "required",
            "validation.cite_at_least_one",
        ));
    }
    if input.steps.is_empty() {
        checker.push(FieldError::new(
            "steps",
            "required",
            "validation.a_procedure_has_steps",
        ));
    }
    let mut steps = Vec::with_capacity(input.steps.len());
    let mut codes = BTreeSet::new();
    let mut seqs: Vec<(usize, u32)> = Vec::with_capacity(input.steps.len());
    for (index, step) in input.steps.iter().enumerate() {
        let field = |name: &str| format!("steps[{index}].{name}");
        let seq = checker.check(match step.seq.trim().parse::<u32>() {
            Ok(seq) if (1..=50).contains(&seq) => Ok(seq),
            _ => Err(FieldError::new(
                field("seq"),
                "out_of_range",
                "validation.must_be_from_1_to_50",
            )),
        });
        seqs.extend(seq.map(|seq| (index, seq)));
        let name_vi = checker.check(text(&field("name_vi"), &step.name_vi, 300));
        let name_en = checker.check(text(&field("name_en"), &step.name_en, 300));
        let agency = step.agency.trim();
        if agency != LEAD_AGENCY && !agencies.contains(agency) {
            checker.push(FieldError::new(
                field("agency"),
                "unknown",
                "validation.choose_from_the_list",
            ));
        }
        let role = match Role::parse(step.role.trim()).filter(|role| STEP_ROLES.contains(role)) {
            Some(role) => Some(role),
            None => {
                checker.push(FieldError::new(
                    field("role"),
                    "unknown",
                    "validation.choose_from_the_list",
                ));
                None
            }
        };
        let limit_days = checker.check(match step.limit_days.trim().parse::<u32>() {
            Ok(days) if (1..=MAX_LIMIT_DAYS).contains(&days) => Ok(days),
            _ => Err(FieldError::new(
                field("limit_days"),
                "out_of_range",
                "validation.must_be_from_1_to_365_days",
            )),
        });
        let documents: Vec<String> = step
            .documents
            .iter()
            .map(|kind| kind.trim().to_owned())
            .collect();
        if documents
            .iter()
            .any(|kind| !DOCUMENT_KINDS.contains(&kind.as_str()))
        {
            checker.push(FieldError::new(
                field("documents"),
                "unknown",
                "validation.choose_from_the_list",
            ));
        }
        let provision = citations(&field("provision"), &step.provision, &mut checker);
        let code = match step.code.trim() {
            "" => format!("step_{}", index + 1),
            code => code.to_owned(),
        };
        if !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || !codes.insert(code.clone())
        {
            checker.push(FieldError::new(
                field("code"),
                "invalid_code",
                "validation.step_code",
            ));
        }
        if let (Some(seq), Some(name_vi), Some(name_en), Some(role), Some(limit_days)) =
            (seq, name_vi, name_en, role, limit_days)
        {
            steps.push(StepDraft {
                code,
                seq,
                name_vi,
                name_en,
                agency: agency.to_owned(),
                role,
                limit_days,
                documents,
                provision,
            });
        }
    }
    // Positions run 1, 2, 3, …: a gap would leave the procedure waiting on no step.
    let positions: BTreeSet<u32> = seqs.iter().map(|(_, seq)| *seq).collect();
    if let Some((_, after_gap)) = (1..)
        .zip(&positions)
        .find(|(expected, seq)| expected != *seq)
    {
        let index = seqs
            .iter()
            .find(|(_, seq)| seq == after_gap)
            .map_or(0, |(index, _)| *index);
        checker.push(FieldError::new(
            format!("steps[{index}].seq"),
            "not_consecutive",
            "validation.positions_consecutive",
        ));
    }
    checker.finish()?;
    Ok(TemplateDraft {
        name_vi: name_vi.unwrap_or_default(),
        name_en: name_en.unwrap_or_default(),
        valid_from: valid_from.unwrap_or(Date::MIN),
        valid_to,
        categories,
        decisions,
        basis,
        steps,
    })
}

/// What the registry says of a cited document on the version's first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitedStatus {
    InForce,
    NotInForce,
    Unknown,
}

/// Every citation of the draft whose document is unknown or not in force on the version's
/// first day, as a field error on the citation.
pub fn check_citations(
    draft: &TemplateDraft,
    status: impl Fn(i64, Date) -> CitedStatus,
) -> Result<(), Invalid> {
    let mut checker = Checker::default();
    let mut check = |field: String, cited: &Cited| match status(cited.document, draft.valid_from) {
        CitedStatus::InForce => {}
        CitedStatus::NotInForce => checker.push(FieldError::new(
            field,
            "not_in_force",
            "validation.cited_not_in_force_from",
        )),
        CitedStatus::Unknown => checker.push(FieldError::new(
            field,
            "unknown",
            "validation.choose_from_the_list",
        )),
    };
    for (index, cited) in draft.basis.iter().enumerate() {
        check(format!("basis[{index}].document_id"), cited);
    }
    for (index, step) in draft.steps.iter().enumerate() {
        for (position, cited) in step.provision.iter().enumerate() {
            check(
                format!("steps[{index}].provision[{position}].document_id"),
                cited,
            );
        }
    }
    checker.finish()
}

/// A version's period after a later one takes over from `from`: cut to end the day
/// before, or `None` when the later version covers all of it (the version retires).
pub fn cut_period(valid_from: Date, valid_to: Option<Date>, from: Date) -> Option<Option<Date>> {
    if from <= valid_from {
        return None;
    }
    let day_before = from.previous_day().unwrap_or(from);
    Some(Some(valid_to.map_or(day_before, |to| to.min(day_before))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn agencies() -> BTreeSet<String> {
        ["BNG-TCQT", "VPCP"].iter().map(|s| s.to_string()).collect()
    }

    fn step(seq: &str, agency: &str, role: &str) -> StepInput {
        StepInput {
            seq: seq.into(),
            name_vi: "Bước".into(),
            name_en: "Step".into(),
            agency: agency.into(),
            role: role.into(),
            limit_days: "7".into(),
            provision: vec![CitationInput {
                document_id: 7,
                article: "12".into(),
            }],
            ..StepInput::default()
        }
    }

    fn input(steps: Vec<StepInput>) -> TemplateInput {
        TemplateInput {
            name_vi: "Quy trình".into(),
            name_en: "Procedure".into(),
            valid_from: "2026-01-01".into(),
            valid_to: String::new(),
            categories: vec!["mnd_armed".into()],
            decisions: vec!["send".into()],
            basis: vec![CitationInput {
                document_id: 9,
                article: String::new(),
            }],
            steps,
        }
    }

    fn fields(result: Result<TemplateDraft, Invalid>) -> Vec<String> {
        match result {
            Ok(_) => Vec::new(),
            Err(Invalid(errors)) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn a_draft_is_checked_step_by_step_and_positions_run_without_gaps() {
        let good = input(vec![
            step("1", "@lead", "coordinator"),
            step("2", "BNG-TCQT", "agency_officer"),
            step("2", "VPCP", "approver"),
        ]);
        let draft = check_template(&good, &agencies()).expect("valid");
        assert_eq!(draft.steps.len(), 3);
        assert_eq!(draft.steps[1].code, "step_2");
        assert_eq!(draft.steps[0].provision[0].article.as_deref(), Some("12"));

        let bad = input(vec![
            step("1", "NOWHERE", "coordinator"),
            step("3", "VPCP", "admin"),
        ]);
        assert_eq!(
            fields(check_template(&bad, &agencies())),
            ["steps[0].agency", "steps[1].role", "steps[1].seq"]
        );
        let mut reversed = good.clone();
        reversed.valid_to = "2025-12-31".into();
        reversed.steps[0].limit_days = "0".into();
        reversed.steps[1].provision[0].article = "<b>".into();
        assert_eq!(
            fields(check_template(&reversed, &agencies())),
            [
                "valid_to",
                "steps[0].limit_days",
                "steps[1].provision[0].article"
            ]
        );
    }

    #[test]
    fn a_citation_not_in_force_on_the_first_day_is_named() {
        let draft = check_template(&input(vec![step("1", "@lead", "coordinator")]), &agencies())
            .expect("valid");
        let refused = check_citations(&draft, |document, on| {
            assert_eq!(on, date!(2026 - 01 - 01));
            if document == 7 {
                CitedStatus::NotInForce
            } else {
                CitedStatus::InForce
            }
        });
        let Err(Invalid(errors)) = refused else {
            panic!("refused");
        };
        assert_eq!(errors[0].field, "steps[0].provision[0].document_id");
        assert_eq!(errors[0].code, "not_in_force");
        assert!(check_citations(&draft, |_, _| CitedStatus::InForce).is_ok());
    }

    #[test]
    fn a_later_version_cuts_or_retires_the_earlier() {
        let from = date!(2026 - 01 - 01);
        assert_eq!(
            cut_period(from, None, date!(2026 - 07 - 01)),
            Some(Some(date!(2026 - 06 - 30)))
        );
        assert_eq!(cut_period(from, None, from), None);
        assert_eq!(
            cut_period(from, Some(date!(2026 - 03 - 31)), date!(2026 - 07 - 01)),
            Some(Some(date!(2026 - 03 - 31)))
        );
    }
}
