//! The UN's Assessment for Mission Service (AMS) of an individual police officer, held by a
//! Selection Assistance and Assessment Team in the country: each part taken is recorded
//! with its score and its pass mark. A group of parts passed in full on one day awards the
//! qualification the eligibility rules ask for: the four English parts `ams-english`, the
//! competency-based interview `ams-interview`, driving `ams-driving`, firearms
//! `ams-firearms` (armed missions only).

use time::Date;

use crate::person::parse_date;
use crate::string_enum;
use crate::validation::{Checker, FieldError, Invalid};

string_enum! {
    pub enum AmsPart {
        EnglishReading = "english_reading",
        EnglishListening = "english_listening",
        EnglishWriting = "english_writing",
        EnglishInterview = "english_interview",
        CompetencyInterview = "competency_interview",
        Driving = "driving",
        Firearms = "firearms",
    }
}

impl AmsPart {
    /// The qualification (a code of the catalogue) that the part's group awards.
    pub fn qualification(self) -> &'static str {
        match self {
            AmsPart::EnglishReading
            | AmsPart::EnglishListening
            | AmsPart::EnglishWriting
            | AmsPart::EnglishInterview => "ams-english",
            AmsPart::CompetencyInterview => "ams-interview",
            AmsPart::Driving => "ams-driving",
            AmsPart::Firearms => "ams-firearms",
        }
    }
}

/// The pass mark a part's form offers until the team says otherwise (a share of the
/// points, in per cent).
pub const DEFAULT_PASS_MARK: u32 = 60;

/// One part taken, as submitted.
#[derive(Debug, Clone, Default)]
pub struct PartInput {
    /// english_reading, english_listening, english_writing, english_interview,
    /// competency_interview, driving or firearms.
    pub part: String,
    /// Points out of 100.
    pub score: String,
    /// The points needed to pass, out of 100; blank for [`DEFAULT_PASS_MARK`].
    pub pass_mark: String,
}

#[derive(Debug, Clone, Default)]
pub struct AssessmentInput {
    pub assessed_on: String,
    pub parts: Vec<PartInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartResult {
    pub part: AmsPart,
    pub score: u32,
    pub pass_mark: u32,
}

impl PartResult {
    pub fn passed(self) -> bool {
        self.score >= self.pass_mark
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentDraft {
    pub assessed_on: Date,
    pub parts: Vec<PartResult>,
}

fn points(field: String, value: &str, low: u32) -> Result<u32, FieldError> {
    match value.trim().parse::<u32>() {
        Ok(points) if (low..=100).contains(&points) => Ok(points),
        _ => Err(FieldError::said(
            field,
            "out_of_range",
            crate::message::Message::new("validation.whole_number_between")
                .number("low", low)
                .number("high", 100),
        )),
    }
}

impl AssessmentDraft {
    /// Checks an assessment held on or before `today`: each part known and taken once,
    /// its score and pass mark out of 100 (a blank pass mark is the default one).
    pub fn parse(input: &AssessmentInput, today: Date) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let assessed_on = checker.check(parse_date("assessed_on", &input.assessed_on));
        if assessed_on.is_some_and(|day| day > today) {
            checker.push(FieldError::new(
                "assessed_on",
                "in_future",
                "validation.an_assessment_is_recorded_once_held",
            ));
        }
        let mut parts: Vec<PartResult> = Vec::new();
        let mut seen: Vec<AmsPart> = Vec::new();
        for (index, part) in input.parts.iter().enumerate() {
            let field = |name: &str| format!("parts[{index}].{name}");
            let Some(kind) = checker.check(AmsPart::parse_field(&field("part"), &part.part)) else {
                continue;
            };
            if seen.contains(&kind) {
                checker.push(FieldError::new(
                    field("part"),
                    "duplicate",
                    "validation.a_part_is_recorded_once",
                ));
                continue;
            }
            seen.push(kind);
            let score = checker.check(points(field("score"), &part.score, 0));
            let pass_mark = match part.pass_mark.trim() {
                "" => Some(DEFAULT_PASS_MARK),
                mark => checker.check(points(field("pass_mark"), mark, 1)),
            };
            if let (Some(score), Some(pass_mark)) = (score, pass_mark) {
                parts.push(PartResult {
                    part: kind,
                    score,
                    pass_mark,
                });
            }
        }
        if input.parts.is_empty() {
            checker.push(FieldError::new(
                "parts",
                "required",
                "validation.an_assessment_has_a_part",
            ));
        }
        checker.finish()?;
        Ok(Self {
            assessed_on: assessed_on.unwrap_or(today),
            parts,
        })
    }

    /// The qualifications this assessment awards: those whose every part was taken and
    /// passed, in the order of the parts.
    pub fn awarded(&self) -> Vec<&'static str> {
        let mut awarded: Vec<&'static str> = Vec::new();
        for part in AmsPart::ALL {
            let code = part.qualification();
            if awarded.contains(&code) {
                continue;
            }
            let group = AmsPart::ALL.iter().filter(|p| p.qualification() == code);
            let passed = group.clone().all(|wanted| {
                self.parts
                    .iter()
                    .any(|taken| taken.part == *wanted && taken.passed())
            });
            if passed {
                awarded.push(code);
            }
        }
        awarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn part(part: &str, score: &str, pass_mark: &str) -> PartInput {
        PartInput {
            part: part.into(),
            score: score.into(),
            pass_mark: pass_mark.into(),
        }
    }

    #[test]
    fn a_group_passed_in_full_awards_its_qualification() {
        let today = date!(2026 - 11 - 20);
        let input = AssessmentInput {
            assessed_on: "2026-11-18".into(),
            parts: vec![
                part("english_reading", "72", ""),
                part("english_listening", "65", "60"),
                part("english_writing", "60", ""),
                part("english_interview", "80", "70"),
                part("driving", "55", "60"),
                part("firearms", "90", "70"),
            ],
        };
        let draft = AssessmentDraft::parse(&input, today).unwrap();
        assert_eq!(draft.parts[0].pass_mark, DEFAULT_PASS_MARK);
        assert!(!draft.parts[4].passed());
        assert_eq!(draft.awarded(), ["ams-english", "ams-firearms"]);
        // Three English parts out of four award nothing.
        let partial = AssessmentInput {
            parts: input.parts[..3].to_vec(),
            ..input.clone()
        };
        assert!(AssessmentDraft::parse(&partial, today)
            .unwrap()
            .awarded()
            .is_empty());
    }

    #[test]
    fn every_part_is_checked_and_taken_once() {
        let input = AssessmentInput {
            assessed_on: "2026-11-21".into(),
            parts: vec![
                part("english_reading", "101", ""),
                part("shooting", "70", ""),
                part("driving", "70", "0"),
                part("driving", "75", ""),
            ],
        };
        let error = AssessmentDraft::parse(&input, date!(2026 - 11 - 20)).unwrap_err();
        let failed: Vec<_> = error.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            failed,
            [
                ("assessed_on", "in_future"),
                ("parts[0].score", "out_of_range"),
                ("parts[1].part", "unknown_value"),
                ("parts[2].pass_mark", "out_of_range"),
                ("parts[3].part", "duplicate"),
            ]
        );
    }
}
