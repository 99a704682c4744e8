//! Message catalogues: every visible text of the web pages, in Vietnamese and English.
//!
//! The catalogues are flat JSON maps compiled into the binary. A test checks that both hold
//! the same keys and that every key the templates and handlers use exists, so a missing
//! translation fails the build's tests rather than showing a raw key to a user.

use std::collections::HashMap;
use std::sync::OnceLock;

use bluehelm_domain::lang::Lang;

const VI: &str = include_str!("../i18n/vi.json");
const EN: &str = include_str!("../i18n/en.json");

type Messages = HashMap<String, String>;

fn catalogues() -> &'static (Messages, Messages) {
    static CATALOGUES: OnceLock<(Messages, Messages)> = OnceLock::new();
    CATALOGUES.get_or_init(|| (parse(VI), parse(EN)))
}

fn parse(source: &str) -> Messages {
    // The catalogues ship inside the binary and are checked by tests, so a parse failure
    // can only come from a broken build; an empty map then shows keys instead of crashing.
    serde_json::from_str(source).unwrap_or_default()
}

/// The messages of one language, handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message for `key`, or the key itself when a catalogue lacks it.
    pub fn t<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        let (vi, en) = catalogues();
        let messages = match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
        match messages.get(key) {
            Some(message) => message.as_str(),
            None => {
                tracing::warn!(key, lang = self.lang.code(), "missing message");
                key
            }
        }
    }

    /// A message the use cases returned: its translation when it is a catalogue key
    /// (`message.…`), else the text as it came.
    pub fn message(&self, text: &str) -> String {
        let (vi, en) = catalogues();
        let messages = match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
        messages
            .get(text)
            .cloned()
            .unwrap_or_else(|| text.to_owned())
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The language a browser asks for in `Accept-Language`, when it is one we speak.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    header
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().to_ascii_lowercase())
        .find_map(|tag| Lang::parse(tag.split('-').next().unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        let messages: Messages = serde_json::from_str(source).expect("catalogue is valid JSON");
        messages.into_keys().collect()
    }

    #[test]
    fn both_catalogues_hold_the_same_keys() {
        let vi = keys(VI);
        let en = keys(EN);
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "missing in en.json: {only_vi:?}");
        assert!(only_en.is_empty(), "missing in vi.json: {only_en:?}");
    }

    /// Scans the templates, the web sources and the use cases for `t("…")` and checks each key exists.
    #[test]
    fn every_key_in_use_is_in_the_catalogues() {
        let vi = keys(VI);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut used = 0;
        for dir in [
            "../bluehelm-server/templates",
            "../bluehelm-server/src/web",
            "src",
        ] {
            let mut folders = vec![root.join(dir)];
            let mut files = Vec::new();
            while let Some(folder) = folders.pop() {
                for entry in std::fs::read_dir(&folder).expect("folder exists") {
                    let path = entry.expect("readable entry").path();
                    if path.is_dir() {
                        folders.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
            for path in files {
                let source = std::fs::read_to_string(&path).expect("readable file");
                for piece in source.split(".t(\"").skip(1) {
                    let Some(key) = piece.split('"').next() else {
                        continue;
                    };
                    used += 1;
                    if !vi.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(
            used > 20,
            "the scan found only {used} keys: is it still looking in the right place?"
        );
        assert!(
            missing.is_empty(),
            "keys missing from the catalogues: {missing:#?}"
        );
    }

    #[test]
    fn messages_from_the_use_cases_render_in_each_language() {
        let key = "message.agency_code_taken";
        assert_eq!(
            Tr::new(Lang::En).message(key),
            "another agency already has this code"
        );
        assert_eq!(
            Tr::new(Lang::Vi).message(key),
            "mã này đã được một cơ quan khác sử dụng"
        );
        assert_eq!(
            Tr::new(Lang::Vi).message("must be a date"),
            "must be a date"
        );
    }

    /// Keys built at run time from a kind, role or error code.
    #[test]
    fn every_generated_key_is_in_the_catalogues() {
        let vi = keys(VI);
        let generated = bluehelm_domain::agency::AgencyKind::ALL
            .iter()
            .map(|kind| format!("kind.{}", kind.as_str()))
            .chain(
                bluehelm_domain::role::Role::ALL
                    .iter()
                    .map(|role| format!("role.{}", role.as_str())),
            )
            .chain(generated_dispatch_keys())
            .chain(
                [
                    "forbidden",
                    "not_found",
                    "csrf",
                    "invalid",
                    "internal",
                    "bad_request",
                ]
                .iter()
                .map(|code| format!("error.{code}")),
            );
        for key in generated {
            assert!(vi.contains(&key), "missing {key}");
        }
    }

    /// The statuses and kinds of force generation, shown through `prefix.value` keys.
    fn generated_dispatch_keys() -> impl Iterator<Item = String> {
        use bluehelm_domain::{deployment, dispatch, eligibility, request, unit};
        let with = |prefix: &'static str, values: Vec<&'static str>| {
            values
                .into_iter()
                .map(move |value| format!("{prefix}.{value}"))
        };
        let names = |all: &[&'static str]| all.to_vec();
        with(
            "personnel",
            eligibility::PersonnelType::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        )
        .chain(with(
            "request_status",
            request::RequestStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "dossier_status",
            dispatch::DossierStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "step_status",
            dispatch::StepStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "category",
            dispatch::ForceCategory::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "decision",
            dispatch::DecisionType::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "deployment_status",
            deployment::DeploymentStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "readiness",
            unit::Readiness::ALL.iter().map(|v| v.as_str()).collect(),
        ))
        .chain(with(
            "unit_kind",
            unit::UnitKind::ALL.iter().map(|v| v.as_str()).collect(),
        ))
        .chain(with(
            "incident_kind",
            deployment::IncidentKind::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
        .chain(with(
            "resolution",
            names(&[
                "number",
                "adopted_on",
                "votes_for",
                "votes_against",
                "votes_abstaining",
                "mandate_ends_on",
                "troop_ceiling",
                "police_ceiling",
                "note",
            ]),
        ))
        .chain(with(
            "units",
            names(&[
                "name",
                "rotation",
                "tour_months",
                "overlap_days",
                "deploys_on",
            ]),
        ))
        .chain(with(
            "deployment",
            names(&[
                "appointment",
                "planned_departure",
                "planned_end",
                "un_index",
                "departed_on",
                "arrived_on",
                "returned_on",
            ]),
        ))
    }

    #[test]
    fn accept_language_picks_the_first_language_we_speak() {
        assert_eq!(
            from_accept_language("fr-FR, en-GB;q=0.8, vi;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("vi-VN"), Some(Lang::Vi));
        assert_eq!(from_accept_language("de"), None);
    }
}
