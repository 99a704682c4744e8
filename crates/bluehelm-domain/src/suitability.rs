//! How well an eligible person suits a position: the planner's score, built from the
//! registry and explained part by part. Only eligible people are scored (eligibility is
//! [`crate::eligibility`]'s job); the score ranks them.
//!
//! The criteria and their default weights:
//! - specialty: the position asks for specialties and the person has one of them (30);
//! - training: each valid UN course qualification the person holds (6 each, at most 4);
//! - language: each CEFR level above the level asked for, or above B1 in English when the
//!   position asks for none (8 per level);
//! - rest: months at home since the last tour, up to 36 (1 point per 3 months; never
//!   deployed counts as 36), so that tours are shared.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::eligibility::{Candidate, Requirements, Tour};
use crate::records::Cefr;

/// The weights of the criteria; administrators may change them as policy changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub specialty: u32,
    pub training_each: u32,
    pub training_max_count: u32,
    pub language_per_level: u32,
    pub rest_per_three_months: u32,
    pub rest_max_months: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            specialty: 30,
            training_each: 6,
            training_max_count: 4,
            language_per_level: 8,
            rest_per_three_months: 1,
            rest_max_months: 36,
        }
    }
}

/// One criterion's contribution, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Part {
    pub criterion: &'static str,
    pub points: u32,
    pub detail: String,
}

/// The score and how it was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suitability {
    pub score: u32,
    pub parts: Vec<Part>,
}

fn level_rank(level: Cefr) -> u32 {
    Cefr::ALL.iter().position(|l| *l == level).unwrap_or(0) as u32
}

/// Scores an eligible `candidate` for a position with `requirements` on `tour`.
pub fn score(
    candidate: &Candidate,
    requirements: &Requirements,
    tour: &Tour,
    weights: &Weights,
) -> Suitability {
    let mut parts = Vec::new();
    if let Some(specialty) = requirements
        .specialties
        .iter()
        .find(|wanted| candidate.specialties.contains(wanted))
    {
        parts.push(Part {
            criterion: "specialty",
            points: weights.specialty,
            detail: format!("specialty {specialty} asked for"),
        });
    }
    let courses: Vec<&str> = candidate
        .qualifications
        .iter()
        .filter(|q| q.kind.starts_with("un-"))
        .filter(|q| q.expires_on.is_none_or(|until| until >= tour.start))
        .map(|q| q.kind.as_str())
        .collect();
    if !courses.is_empty() {
        let counted = (courses.len() as u32).min(weights.training_max_count);
        parts.push(Part {
            criterion: "training",
            points: counted * weights.training_each,
            detail: format!("UN courses: {}", courses.join(", ")),
        });
    }
    let (language, floor) = match &requirements.language {
        Some(wanted) => (wanted.language.as_str(), wanted.min_level),
        None => ("en", Cefr::B1),
    };
    let best = candidate
        .languages
        .iter()
        .filter(|l| l.language == language)
        .filter(|l| l.valid_until.is_none_or(|until| until >= tour.start))
        .map(|l| l.level)
        .max();
    if let Some(level) = best.filter(|level| *level > floor) {
        let above = level_rank(level) - level_rank(floor);
        parts.push(Part {
            criterion: "language",
            points: above * weights.language_per_level,
            detail: format!(
                "{language} {} ({above} above {})",
                level.as_str(),
                floor.as_str()
            ),
        });
    }
    let months = months_home(candidate.last_return, tour.start).min(weights.rest_max_months);
    if months >= 3 {
        parts.push(Part {
            criterion: "rest",
            points: months / 3 * weights.rest_per_three_months,
            detail: match candidate.last_return {
                Some(day) => format!("home since {day}"),
                None => "never deployed".to_owned(),
            },
        });
    }
    Suitability {
        score: parts.iter().map(|p| p.points).sum(),
        parts,
    }
}

fn months_home(last_return: Option<Date>, start: Date) -> u32 {
    match last_return {
        None => u32::MAX,
        Some(day) if day >= start => 0,
        Some(day) => {
            let months =
                (start.year() - day.year()) * 12 + start.month() as i32 - day.month() as i32;
            u32::try_from(months).unwrap_or(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::{LanguageFact, PersonnelType, QualificationFact};
    use crate::person::{Gender, PersonStatus, Service};
    use time::macros::date;

    fn candidate() -> Candidate {
        Candidate {
            gender: Gender::Female,
            birth_date: date!(1990 - 01 - 01),
            service: Service::Army,
            rank_order: Some(10),
            status: PersonStatus::Available,
            specialties: vec!["nurse".into()],
            languages: vec![LanguageFact {
                language: "en".into(),
                level: Cefr::C1,
                valid_until: None,
            }],
            qualifications: vec![QualificationFact {
                kind: "un-pdt".into(),
                expires_on: None,
            }],
            passport_expiries: Vec::new(),
            medical: None,
            last_return: Some(date!(2024 - 03 - 01)),
        }
    }

    fn requirements() -> Requirements {
        Requirements {
            personnel_type: PersonnelType::FormedUnit,
            services: Vec::new(),
            min_rank: None,
            max_rank: None,
            specialties: vec!["nurse".into(), "medical_doctor".into()],
            language: None,
            qualifications: Vec::new(),
            gender: None,
        }
    }

    #[test]
    fn every_point_is_explained() {
        let tour = Tour {
            start: date!(2026 - 03 - 01),
            months: 12,
        };
        let result = score(&candidate(), &requirements(), &tour, &Weights::default());
        let parts: Vec<(&str, u32)> = result
            .parts
            .iter()
            .map(|p| (p.criterion, p.points))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("specialty", 30),
                ("training", 6),
                ("language", 16),
                ("rest", 8)
            ]
        );
        assert_eq!(result.score, 60);
        let mut fresh = candidate();
        fresh.last_return = None;
        fresh.specialties = vec!["driver".into()];
        let result = score(&fresh, &requirements(), &tour, &Weights::default());
        assert_eq!(
            result.parts.last().map(|p| (p.criterion, p.points)),
            Some(("rest", 12))
        );
        assert!(result.parts.iter().all(|p| p.criterion != "specialty"));
    }
}
