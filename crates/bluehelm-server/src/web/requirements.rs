//! A position's requirements in the reader's words: what a requested position or a line
//! of a unit's table of organisation asks of a person, one sentence per requirement.

use std::collections::HashMap;

use bluehelm_app::i18n::Tr;
use bluehelm_app::AppError;
use bluehelm_domain::eligibility::Requirements;
use bluehelm_domain::message::Message;
use bluehelm_domain::person::Service;

use super::form::{name_in, qualification_options, specialty_options};

/// The catalogue names a position's requirements are read with, in the reader's language.
pub(super) struct RequirementNames {
    specialties: HashMap<String, String>,
    qualifications: HashMap<String, String>,
}

impl RequirementNames {
    pub(super) async fn load(
        ctx: &bluehelm_app::Ctx<'_>,
        lang: bluehelm_domain::lang::Lang,
    ) -> Result<Self, AppError> {
        let specialties = bluehelm_app::people::specialties(ctx).await?;
        let kinds = bluehelm_app::people::qualification_kinds(ctx).await?;
        Ok(Self::of_options(
            &specialty_options(&specialties, lang),
            &qualification_options(&kinds, lang),
        ))
    }

    /// The names from pick-lists already loaded, as (code, name).
    pub(super) fn of_options(
        specialties: &[(String, String)],
        qualifications: &[(String, String)],
    ) -> Self {
        Self {
            specialties: specialties.iter().cloned().collect(),
            qualifications: qualifications.iter().cloned().collect(),
        }
    }

    fn of<'a>(names: &'a HashMap<String, String>, code: &'a str) -> &'a str {
        names.get(code).map(String::as_str).unwrap_or(code)
    }
}

/// What a position asks of a person, one sentence per requirement, in the reader's words.
/// Ranks are named from `rank_service`'s table (the orders are the same in every table).
pub(super) fn requirement_lines(
    tr: &Tr,
    requirements: &Requirements,
    names: &RequirementNames,
    rank_service: Service,
) -> Vec<String> {
    let mut lines = Vec::new();
    let rank_name = |order: i32| {
        bluehelm_domain::rank::ranks(rank_service)
            .iter()
            .find(|rank| rank.order == order)
            .map(|rank| name_in(tr.lang, &rank.name_vi, &rank.name_en))
            .unwrap_or_else(|| order.to_string())
    };
    if !requirements.services.is_empty() {
        let services: Vec<String> = requirements
            .services
            .iter()
            .map(|s| tr.term("service", s.as_str()))
            .collect();
        lines.push(
            tr.render(Message::new("requirement.services").text("services", services.join(", "))),
        );
    }
    match (requirements.min_rank, requirements.max_rank) {
        (Some(low), Some(high)) => lines.push(
            tr.render(
                Message::new("requirement.rank_range")
                    .text("lowest", rank_name(low))
                    .text("highest", rank_name(high)),
            ),
        ),
        (Some(low), None) => lines
            .push(tr.render(Message::new("requirement.rank_from").text("lowest", rank_name(low)))),
        (None, Some(high)) => lines
            .push(tr.render(Message::new("requirement.rank_to").text("highest", rank_name(high)))),
        (None, None) => {}
    }
    if !requirements.specialties.is_empty() {
        let wanted: Vec<&str> = requirements
            .specialties
            .iter()
            .map(|code| RequirementNames::of(&names.specialties, code))
            .collect();
        lines.push(
            tr.render(
                Message::new("requirement.specialties")
                    .text("specialties", wanted.join(tr.t("word.or_between"))),
            ),
        );
    }
    if let Some(language) = &requirements.language {
        lines.push(
            tr.render(
                Message::new("requirement.language")
                    .term("language", "language_name", language.language.clone())
                    .text("level", language.min_level.as_str()),
            ),
        );
    }
    if !requirements.qualifications.is_empty() {
        let wanted: Vec<&str> = requirements
            .qualifications
            .iter()
            .map(|code| RequirementNames::of(&names.qualifications, code))
            .collect();
        lines.push(tr.render(
            Message::new("requirement.qualifications").text("qualifications", wanted.join(", ")),
        ));
    }
    if let Some(gender) = requirements.gender {
        lines.push(tr.render(Message::new("requirement.gender").term(
            "gender",
            "gender",
            gender.as_str(),
        )));
    }
    if lines.is_empty() {
        lines.push(tr.t("requirement.none").to_owned());
    }
    lines
}
