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
//!   deployed counts as 36), so that tours are shared;
//! - experience: each tour completed before (5 each, at most 4), since a second tour
//!   needs less preparation and brings what the first one taught;
//! - rank: when the position names a rank, the rank asked (the top of its range, or its
//!   floor when only that is named) earns 10, less 3 per step away from it;
//! - preference: the mission of the tour is one the person asked to serve in (20).

use crate::message::Message;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::eligibility::{Candidate, Requirements, Tour};
use crate::records::Cefr;

/// The weights of the criteria; administrators may change them as policy changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Settings stored before a criterion existed read it at its default.
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub specialty: u32,
    pub training_each: u32,
    pub training_max_count: u32,
    pub language_per_level: u32,
    pub rest_per_three_months: u32,
    pub rest_max_months: u32,
    pub experience_per_tour: u32,
    pub experience_max_tours: u32,
    pub rank_fit: u32,
    pub rank_step_loss: u32,
    pub preference: u32,
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
            experience_per_tour: 5,
            experience_max_tours: 4,
            rank_fit: 10,
            rank_step_loss: 3,
            preference: 20,
        }
    }
}

/// One criterion's contribution, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Part {
    pub criterion: &'static str,
    pub points: u32,
    /// What earned the points, as a message (`score.…`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: Message,
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

/// Scores an eligible `candidate` for a position with `requirements` on `tour` in
/// `mission` (its code; `None` when the plan is not for one mission yet).
pub fn score(
    candidate: &Candidate,
    requirements: &Requirements,
    tour: &Tour,
    mission: Option<&str>,
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
            detail: Message::new("score.specialty").term(
                "specialty",
                "specialty",
                specialty.clone(),
            ),
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
            detail: Message::new("score.training").text("courses", courses.join(", ")),
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
            detail: Message::new("score.language")
                .term("language", "language_name", language)
                .text("level", level.as_str())
                .number("above", above)
                .text("floor", floor.as_str()),
        });
    }
    let months = months_home(candidate.last_return, tour.start).min(weights.rest_max_months);
    if months >= 3 {
        parts.push(Part {
            criterion: "rest",
            points: months / 3 * weights.rest_per_three_months,
            detail: match candidate.last_return {
                Some(day) => Message::new("score.home_since").date("returned", day),
                None => Message::new("score.never_deployed"),
            },
        });
    }
    if candidate.tours > 0 {
        let counted = candidate.tours.min(weights.experience_max_tours);
        parts.push(Part {
            criterion: "experience",
            points: counted * weights.experience_per_tour,
            detail: Message::new("score.experience").number("tours", candidate.tours),
        });
    }
    let asked = requirements.max_rank.or(requirements.min_rank);
    if let (Some(asked), Some(rank)) = (asked, candidate.rank_order) {
        let steps = asked.abs_diff(rank);
        let points = weights
            .rank_fit
            .saturating_sub(steps.saturating_mul(weights.rank_step_loss));
        if points > 0 {
            parts.push(Part {
                criterion: "rank",
                points,
                detail: match steps {
                    0 => Message::new("score.rank_asked"),
                    _ => Message::new("score.rank_steps").number("steps", steps),
                },
            });
        }
    }
    if let Some(mission) = mission.filter(|m| candidate.preferred_missions.iter().any(|p| p == m)) {
        parts.push(Part {
            criterion: "preference",
            points: weights.preference,
            detail: Message::new("score.preference").text("mission", mission),
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
            tours: 0,
            preferred_missions: vec!["UNMISS".into()],
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
        let result = score(
            &candidate(),
            &requirements(),
            &tour,
            None,
            &Weights::default(),
        );
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
        let result = score(&fresh, &requirements(), &tour, None, &Weights::default());
        assert_eq!(
            result.parts.last().map(|p| (p.criterion, p.points)),
            Some(("rest", 12))
        );
        assert!(result.parts.iter().all(|p| p.criterion != "specialty"));
    }

    #[test]
    fn experience_rank_and_preference_are_explained() {
        let tour = Tour {
            start: date!(2026 - 03 - 01),
            months: 12,
        };
        let seasoned = Candidate {
            tours: 6,
            rank_order: Some(8),
            ..candidate()
        };
        let asks_major = Requirements {
            min_rank: Some(5),
            max_rank: Some(10),
            ..requirements()
        };
        let weights = Weights::default();
        let part = |result: &Suitability, criterion: &str| {
            result
                .parts
                .iter()
                .find(|p| p.criterion == criterion)
                .map(|p| (p.points, p.detail.clone()))
        };
        let said = |key: &'static str| -> Message { Message::new(key) };
        let result = score(&seasoned, &asks_major, &tour, Some("UNMISS"), &weights);
        assert_eq!(
            part(&result, "experience"),
            Some((20, said("score.experience").number("tours", 6u32)))
        );
        assert_eq!(
            part(&result, "rank"),
            Some((4, said("score.rank_steps").number("steps", 2u32)))
        );
        assert_eq!(
            part(&result, "preference"),
            Some((20, said("score.preference").text("mission", "UNMISS")))
        );
        assert_eq!(
            result.score,
            result.parts.iter().map(|p| p.points).sum::<u32>()
        );
        // Another mission, a rank far from the one asked, a first tour: none of the three.
        let elsewhere = score(
            &Candidate {
                tours: 0,
                rank_order: Some(2),
                ..candidate()
            },
            &asks_major,
            &tour,
            Some("MINUSCA"),
            &weights,
        );
        for criterion in ["experience", "rank", "preference"] {
            assert_eq!(part(&elsewhere, criterion), None, "{criterion}");
        }
        // Only a floor named: that floor is the rank asked.
        let floor_only = Requirements {
            min_rank: Some(8),
            max_rank: None,
            ..requirements()
        };
        let at_floor = score(&seasoned, &floor_only, &tour, None, &weights);
        assert_eq!(
            part(&at_floor, "rank"),
            Some((10, said("score.rank_asked")))
        );
    }

    #[test]
    fn weights_stored_before_a_criterion_existed_read_its_default() {
        let stored = r#"{"specialty":40,"training_each":6,"training_max_count":4,
            "language_per_level":8,"rest_per_three_months":1,"rest_max_months":36}"#;
        let weights: Weights = serde_json::from_str(stored).unwrap();
        assert_eq!(weights.specialty, 40);
        assert_eq!(weights.preference, Weights::default().preference);
        assert!(serde_json::from_str::<Weights>(r#"{"bonus":1}"#).is_err());
    }
}
