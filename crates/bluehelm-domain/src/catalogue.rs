//! The catalogues administrators keep (specialties, qualification kinds) and the check of
//! the eligibility settings and suitability weights they change as policy changes.

use std::collections::HashSet;

use crate::eligibility::EligibilitySettings;
use crate::records::{parse_code, QualificationCategory};
use crate::suitability::Weights;
use crate::validation::{text, Checker, FieldError, Invalid};

#[derive(Debug, Clone, Default)]
pub struct CatalogueInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Qualification kinds only.
    pub category: String,
    /// Qualification kinds only: months a qualification stays valid; empty for ever.
    pub validity_months: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialtyDraft {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationKindDraft {
    pub code: String,
    pub category: QualificationCategory,
    pub name_vi: String,
    pub name_en: String,
    pub validity_months: Option<i64>,
}

fn names(
    checker: &mut Checker,
    input: &CatalogueInput,
) -> (Option<String>, Option<String>, Option<String>) {
    (
        checker.check(parse_code("code", &input.code)),
        checker.check(text("name_vi", &input.name_vi, 200)),
        checker.check(text("name_en", &input.name_en, 200)),
    )
}

fn incomplete() -> Invalid {
    Invalid::one("entry", "invalid", "validation.the_entry_is_incomplete")
}

impl SpecialtyDraft {
    pub fn parse(input: &CatalogueInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let (code, name_vi, name_en) = names(&mut checker, input);
        checker.finish()?;
        Ok(Self {
            code: code.ok_or_else(incomplete)?,
            name_vi: name_vi.ok_or_else(incomplete)?,
            name_en: name_en.ok_or_else(incomplete)?,
        })
    }
}

impl QualificationKindDraft {
    pub fn parse(input: &CatalogueInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let (code, name_vi, name_en) = names(&mut checker, input);
        let category = checker.check(QualificationCategory::parse_field(
            "category",
            input.category.trim(),
        ));
        let validity_months = match input.validity_months.trim() {
            "" => Some(None),
            months => checker.check(match months.parse::<i64>() {
                Ok(months) if (1..=240).contains(&months) => Ok(Some(months)),
                _ => Err(FieldError::new(
                    "validity_months",
                    "out_of_range",
                    "validation.must_be_a_whole_number_of_months",
                )),
            }),
        };
        checker.finish()?;
        Ok(Self {
            code: code.ok_or_else(incomplete)?,
            category: category.ok_or_else(incomplete)?,
            name_vi: name_vi.ok_or_else(incomplete)?,
            name_en: name_en.ok_or_else(incomplete)?,
            validity_months: validity_months.flatten(),
        })
    }
}

impl EligibilitySettings {
    /// Every margin within sensible bounds and one age range per personnel type.
    pub fn check(&self) -> Result<(), Invalid> {
        let mut checker = Checker::default();
        if self.rest_months > 120 {
            checker.push(FieldError::new(
                "rest_months",
                "out_of_range",
                "validation.must_be_at_most_120_months",
            ));
        }
        if self.passport_months_beyond_tour > 60 {
            checker.push(FieldError::new(
                "passport_months_beyond_tour",
                "out_of_range",
                "validation.must_be_at_most_60_months",
            ));
        }
        let mut seen = HashSet::new();
        for limit in &self.age_limits {
            let field = format!("age_limits.{}", limit.personnel_type.as_str());
            if !seen.insert(limit.personnel_type) {
                checker.push(FieldError::new(
                    field.clone(),
                    "duplicate",
                    "validation.appears_twice",
                ));
            }
            if !(16..=75).contains(&limit.min_years) || !(16..=75).contains(&limit.max_years) {
                checker.push(FieldError::new(
                    field.clone(),
                    "out_of_range",
                    "validation.ages_must_be_from_16_to_75",
                ));
            } else if limit.min_years > limit.max_years {
                checker.push(FieldError::new(
                    field,
                    "out_of_order",
                    "validation.the_lowest_age_is_above_the_highest",
                ));
            }
        }
        checker.finish()
    }
}

impl Weights {
    /// Every weight within bounds, so a score stays far inside the planner's range and no
    /// single criterion can be set to swamp the rest by accident.
    pub fn check(&self) -> Result<(), Invalid> {
        let mut checker = Checker::default();
        for (field, value) in self.fields() {
            let most = match field {
                "training_max_count" | "experience_max_tours" => 20,
                "rest_max_months" => 120,
                _ => 1_000,
            };
            if value > most {
                checker.push(FieldError::said(
                    field,
                    "out_of_range",
                    crate::message::Message::new("validation.at_most").number("most", most),
                ));
            }
        }
        checker.finish()
    }

    /// Each weight with its field name, in the order forms show them.
    pub fn fields(&self) -> [(&'static str, u32); 11] {
        [
            ("specialty", self.specialty),
            ("training_each", self.training_each),
            ("training_max_count", self.training_max_count),
            ("language_per_level", self.language_per_level),
            ("rest_per_three_months", self.rest_per_three_months),
            ("rest_max_months", self.rest_max_months),
            ("experience_per_tour", self.experience_per_tour),
            ("experience_max_tours", self.experience_max_tours),
            ("rank_fit", self.rank_fit),
            ("rank_step_loss", self.rank_step_loss),
            ("preference", self.preference),
        ]
    }

    /// The weights read field by field, as [`Weights::fields`] names them.
    pub fn from_fields(mut read: impl FnMut(&'static str) -> u32) -> Self {
        Self {
            specialty: read("specialty"),
            training_each: read("training_each"),
            training_max_count: read("training_max_count"),
            language_per_level: read("language_per_level"),
            rest_per_three_months: read("rest_per_three_months"),
            rest_max_months: read("rest_max_months"),
            experience_per_tour: read("experience_per_tour"),
            experience_max_tours: read("experience_max_tours"),
            rank_fit: read("rank_fit"),
            rank_step_loss: read("rank_step_loss"),
            preference: read("preference"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::{AgeLimit, PersonnelType};

    #[test]
    fn weights_out_of_bounds_are_named() {
        assert!(Weights::default().check().is_ok());
        let weights = Weights {
            training_max_count: 21,
            rest_max_months: 121,
            ..Weights::default()
        };
        let fields: Vec<String> = weights
            .check()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["training_max_count", "rest_max_months"]);
    }

    #[test]
    fn a_qualification_kind_names_every_bad_field() {
        let input = CatalogueInput {
            code: "First Aid".into(),
            name_vi: "Sơ cứu".into(),
            name_en: String::new(),
            category: "hobby".into(),
            validity_months: "0".into(),
        };
        let fields: Vec<String> = QualificationKindDraft::parse(&input)
            .unwrap_err()
            .0
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(fields, ["code", "name_en", "category", "validity_months"]);
        let good = CatalogueInput {
            code: "first-aid-2".into(),
            name_en: "First aid".into(),
            category: "first_aid".into(),
            validity_months: "36".into(),
            ..input
        };
        assert_eq!(
            QualificationKindDraft::parse(&good)
                .expect("valid")
                .validity_months,
            Some(36)
        );
    }

    #[test]
    fn settings_are_bounded() {
        assert!(EligibilitySettings::default().check().is_ok());
        let mut settings = EligibilitySettings {
            rest_months: 500,
            ..EligibilitySettings::default()
        };
        settings.age_limits.push(AgeLimit {
            personnel_type: PersonnelType::Civilian,
            min_years: 60,
            max_years: 30,
        });
        let errors = settings.check().unwrap_err().0;
        let codes: Vec<&str> = errors.iter().map(|error| error.code).collect();
        assert_eq!(codes, ["out_of_range", "duplicate", "out_of_order"]);
    }
}
