//! Outreach: the activities through which agencies spread the law on peacekeeping and
//! make the country's participation known (training on the law, media, exhibitions,
//! publications, competitions, the International Day of UN Peacekeepers on 29 May), with
//! their audience, their reach and the registry documents they disseminated.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::coordination::{agency, Known};
use crate::person::{optional_text, parse_date};
use crate::validation::{optional_paragraphs, text, Checker};
use crate::{FieldError, Invalid};

crate::string_enum! {
    /// What kind of activity.
    pub enum OutreachKind {
        LawTraining = "law_training",
        Media = "media",
        Exhibition = "exhibition",
        Publication = "publication",
        Competition = "competition",
        PeacekeepersDay = "peacekeepers_day",
        Other = "other",
    }
}

/// The most documents one activity lists.
pub const MAX_DOCUMENTS: usize = 20;
/// The most people one activity may claim to reach: more is a typing error.
pub const MAX_REACH: i64 = 200_000_000;

/// An activity as a form or a request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    /// `law_training`, `media`, `exhibition`, `publication`, `competition`,
    /// `peacekeepers_day` or `other`.
    pub kind: String,
    pub title: String,
    /// YYYY-MM-DD.
    pub held_on: String,
    /// The agency that held it (code).
    pub agency: String,
    #[serde(default)]
    pub place: String,
    /// Who it was for.
    #[serde(default)]
    pub audience: String,
    /// How many took part (a whole number, empty for none).
    #[serde(default)]
    pub participants: String,
    /// How many saw, read or heard it.
    #[serde(default)]
    pub viewers: String,
    /// The registry documents disseminated (ids).
    #[serde(default)]
    pub documents: Vec<String>,
    /// The materials used or published.
    #[serde(default)]
    pub materials: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDraft {
    pub kind: OutreachKind,
    pub title: String,
    pub held_on: Date,
    pub agency_id: i64,
    pub place: Option<String>,
    pub audience: Option<String>,
    pub participants: i64,
    pub viewers: i64,
    pub documents: Vec<i64>,
    pub materials: Option<String>,
}

fn reach(field: &str, value: &str) -> Result<i64, FieldError> {
    match value.trim() {
        "" => Ok(0),
        value => match value.parse::<i64>() {
            Ok(number) if (0..=MAX_REACH).contains(&number) => Ok(number),
            _ => Err(FieldError::new(
                field,
                "out_of_range",
                "validation.outreach_reach",
            )),
        },
    }
}

impl ActivityDraft {
    pub fn parse(input: &ActivityInput, known: &Known<'_>) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(OutreachKind::parse_field("kind", &input.kind));
        let title = checker.check(text("title", &input.title, 500));
        let held_on = checker.check(parse_date("held_on", &input.held_on));
        if let (Some(OutreachKind::PeacekeepersDay), Some(day)) = (kind, held_on) {
            if (day.month(), day.day()) != (Month::May, 29) {
                checker.push(FieldError::new(
                    "held_on",
                    "not_the_day",
                    "validation.outreach_peacekeepers_day",
                ));
            }
        }
        let agency_id = checker.check(agency("agency", &input.agency, known));
        let place = checker.check(optional_text("place", &input.place, 300));
        let audience = checker.check(optional_text("audience", &input.audience, 300));
        let participants = checker.check(reach("participants", &input.participants));
        let viewers = checker.check(reach("viewers", &input.viewers));
        if input.documents.len() > MAX_DOCUMENTS {
            checker.push(FieldError::new(
                "documents",
                "count",
                "validation.outreach_too_many_documents",
            ));
        }
        let mut documents = Vec::new();
        for id in &input.documents {
            match id.trim().parse::<i64>() {
                Ok(id) if (known.document)(id) => {
                    if !documents.contains(&id) {
                        documents.push(id);
                    }
                }
                _ => checker.push(FieldError::new(
                    "documents",
                    "unknown_value",
                    "validation.choose_a_document_of_the_registry",
                )),
            }
        }
        let materials = checker.check(optional_paragraphs("materials", &input.materials, 2000));
        checker.finish()?;
        match (
            kind,
            title,
            held_on,
            agency_id,
            place,
            audience,
            participants,
            viewers,
            materials,
        ) {
            (
                Some(kind),
                Some(title),
                Some(held_on),
                Some(agency_id),
                Some(place),
                Some(audience),
                Some(participants),
                Some(viewers),
                Some(materials),
            ) => Ok(ActivityDraft {
                kind,
                title,
                held_on,
                agency_id,
                place,
                audience,
                participants,
                viewers,
                documents,
                materials,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peacekeepers_day_is_on_29_may_and_reach_is_a_count() {
        let agency = |code: &str| (code == "BQP-CGGHB").then_some(3);
        let document = |id: i64| id == 9;
        let known = Known {
            document: &document,
            ..Known::agencies(&agency)
        };
        let mut input = ActivityInput {
            kind: "peacekeepers_day".into(),
            title: "Kỷ niệm Ngày Quốc tế những người gìn giữ hòa bình".into(),
            held_on: "2024-05-29".into(),
            agency: "BQP-CGGHB".into(),
            participants: "350".into(),
            documents: vec!["9".into(), "9".into()],
            ..ActivityInput::default()
        };
        let draft = ActivityDraft::parse(&input, &known).unwrap();
        assert_eq!((draft.participants, draft.viewers), (350, 0));
        assert_eq!(draft.documents, [9]);
        input.held_on = "2024-05-28".into();
        input.viewers = "-4".into();
        input.documents = vec!["8".into()];
        let fields: Vec<_> = ActivityDraft::parse(&input, &known)
            .unwrap_err()
            .0
            .into_iter()
            .map(|error| (error.field, error.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("held_on".to_owned(), "not_the_day"),
                ("viewers".to_owned(), "out_of_range"),
                ("documents".to_owned(), "unknown_value"),
            ]
        );
    }
}
