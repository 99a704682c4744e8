//! Message catalogues: every visible text, in Vietnamese and English, in Fluent's format
//! (`i18n/vi.ftl`, `i18n/en.ftl`), compiled into the binary.
//!
//! Code names a message by a dotted key (`nav.people`, `eligibility.rank_below`); the
//! catalogues spell it with dashes (`nav-people`), as Fluent's identifiers have no dots.
//! Messages without arguments are formatted once, at first use, into a plain map that
//! templates read without allocating; a [`Message`] with arguments is formatted on demand.
//! Tests check that both catalogues hold the same messages, that every key the code and
//! templates use exists, and that every message the domain can say renders in both.

use std::collections::HashMap;
use std::sync::OnceLock;

use bluehelm_domain::lang::Lang;
use bluehelm_domain::message::{Arg, Message};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

const VI: &str = include_str!("../i18n/vi.ftl");
const EN: &str = include_str!("../i18n/en.ftl");

/// Viet Nam's time zone, Asia/Ho_Chi_Minh: UTC+7, without daylight saving.
const VIET_NAM: time::UtcOffset = match time::UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => time::UtcOffset::UTC,
};

/// One language's catalogue: the Fluent bundle, and its messages without arguments by key.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    plain: HashMap<String, String>,
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static VI_CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    static EN_CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Vi => VI_CATALOGUE.get_or_init(|| load(VI, "vi")),
        Lang::En => EN_CATALOGUE.get_or_init(|| load(EN, "en")),
    }
}

/// The catalogue in `source`. It ships inside the binary and is checked by tests, so an
/// error can only come from a broken build: the entries Fluent could read are kept, and a
/// missing one shows its key instead of crashing.
fn load(source: &str, tag: &str) -> Catalogue {
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect();
    let language = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Pages are HTML and the API is JSON: no bidirectional isolation marks around values.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    let mut plain = HashMap::new();
    for id in ids {
        let Some(pattern) = bundle.get_message(&id).and_then(|message| message.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        if errors.is_empty() {
            plain.insert(id.replace('-', "."), text.into_owned());
        }
    }
    Catalogue { bundle, plain }
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
        match catalogue(self.lang).plain.get(key) {
            Some(message) => message.as_str(),
            None => {
                tracing::warn!(key, lang = self.lang.code(), "missing message");
                key
            }
        }
    }

    /// The message for `text` when it is a catalogue key, else `text` as it is.
    pub fn message(&self, text: &str) -> String {
        catalogue(self.lang)
            .plain
            .get(text)
            .cloned()
            .unwrap_or_else(|| text.to_owned())
    }

    /// A field error's sentence, followed by its reasons.
    pub fn field_message(&self, error: &bluehelm_domain::FieldError) -> String {
        let sentence = match &error.said {
            Some(said) => self.render(said.as_ref()),
            None => self.message(&error.message),
        };
        if error.reasons.is_empty() {
            return sentence;
        }
        let reasons: Vec<String> = error
            .reasons
            .iter()
            .map(|reason| self.render(reason))
            .collect();
        format!("{sentence}: {}", reasons.join("; "))
    }

    /// `message` in this language, its arguments in the reader's conventions.
    pub fn render(&self, message: impl std::borrow::Borrow<Message>) -> String {
        let message = message.borrow();
        let catalogue = catalogue(self.lang);
        let id = message.key.replace('.', "-");
        let Some(pattern) = catalogue
            .bundle
            .get_message(&id)
            .and_then(|found| found.value())
        else {
            tracing::warn!(
                key = message.key,
                lang = self.lang.code(),
                "missing message"
            );
            return message.key.to_owned();
        };
        let mut args = FluentArgs::new();
        for (name, arg) in &message.args {
            let value = match arg {
                Arg::Number(number) => FluentValue::from(*number),
                other => FluentValue::from(self.argument(other)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = catalogue
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key = message.key, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// An argument as text: dates in the reader's convention, enumeration values by their
    /// own entries, several joined by the reader's "or".
    fn argument(&self, arg: &Arg) -> String {
        match arg {
            Arg::Text(text) => text.clone(),
            Arg::Number(number) => number.to_string(),
            Arg::Date(date) => self.date(*date),
            Arg::Term { prefix, code } => self.term(prefix, code),
            Arg::Terms { prefix, codes } => codes
                .iter()
                .map(|code| self.term(prefix, code))
                .collect::<Vec<_>>()
                .join(self.t("word.or_between")),
            Arg::Named(name) => self.name(name).to_owned(),
            Arg::NamedList(names) => names
                .iter()
                .map(|name| self.name(name))
                .collect::<Vec<_>>()
                .join(self.t("word.or_between")),
        }
    }

    fn name<'a>(&self, name: &'a bluehelm_domain::message::Name) -> &'a str {
        match self.lang {
            Lang::Vi => &name.vi,
            Lang::En => &name.en,
        }
    }

    /// A value of an enumeration by its entry `{prefix}.{code}`, or the code when there is
    /// none (a code people know, such as a mission's).
    pub fn term(&self, prefix: &str, code: &str) -> String {
        self.term_or(prefix, code, code)
    }

    /// A value by its entry `{prefix}.{code}`, or `fallback` when there is none (a mission
    /// recorded after the catalogue was written).
    pub fn term_or(&self, prefix: &str, code: &str, fallback: &str) -> String {
        let key = format!("{prefix}.{code}");
        match catalogue(self.lang).plain.get(&key) {
            Some(text) => text.clone(),
            None => fallback.to_owned(),
        }
    }

    /// What an expiring record is: a document's kind, a language's name, else its code.
    pub fn what_expires(&self, record: &str, what: &str) -> String {
        match record {
            "document" => self.term("document", what),
            "language" => self.term("language_name", what),
            _ => what.to_owned(),
        }
    }

    /// A moment on the readers' clock, Viet Nam's (UTC+7 all year): 05/12/2026 14:03 in
    /// Vietnamese, 5 Dec 2026 14:03 in English.
    pub fn moment(&self, at: impl std::borrow::Borrow<time::OffsetDateTime>) -> String {
        let local = at.borrow().to_offset(VIET_NAM);
        format!(
            "{} {:02}:{:02}",
            self.date(local.date()),
            local.hour(),
            local.minute()
        )
    }

    /// The day a moment falls on, on the readers' clock.
    pub fn day_of(&self, at: impl std::borrow::Borrow<time::OffsetDateTime>) -> String {
        self.date(at.borrow().to_offset(VIET_NAM).date())
    }

    /// A date as the reader writes it: 05/12/2026 in Vietnamese, 5 Dec 2026 in English.
    pub fn date(&self, date: impl std::borrow::Borrow<time::Date>) -> String {
        let date = *date.borrow();
        match self.lang {
            Lang::Vi => format!(
                "{:02}/{:02}/{}",
                date.day(),
                u8::from(date.month()),
                date.year()
            ),
            Lang::En => format!(
                "{} {} {}",
                date.day(),
                &date.month().to_string()[..3],
                date.year()
            ),
        }
    }

    /// A citation of the legal registry as a reader writes it: the kind and number of the
    /// document, or its title where it has no number, then the article cited ("Nghị định
    /// 01/2026/NĐ-CP, Điều 12").
    pub fn citation(&self, citation: &bluehelm_store::legal::Citation) -> String {
        let document = match &citation.number {
            Some(number) => format!("{} {number}", self.term("legal_cite", &citation.kind)),
            None => match self.lang {
                Lang::Vi => citation.title_vi.clone(),
                Lang::En => citation.title_en.clone(),
            },
        };
        match &citation.article {
            Some(article) => format!("{document}, {} {article}", self.t("legal_text.article")),
            None => document,
        }
    }

    /// What makes a citation, as a reader names it: the dispatch template, then the step
    /// for a step's citation; a directive by its title.
    pub fn cited_by(&self, citation: &bluehelm_store::legal::Citation) -> String {
        if let Some(directive) = &citation.directive_title {
            return directive.clone();
        }
        let pick = |vi: &Option<String>, en: &Option<String>| match self.lang {
            Lang::Vi => vi.clone(),
            Lang::En => en.clone(),
        };
        let template = pick(&citation.template_vi, &citation.template_en).unwrap_or_default();
        match pick(&citation.step_vi, &citation.step_en) {
            Some(step) => format!("{template} · {step}"),
            None => template,
        }
    }

    /// A legal reference as the dispatch templates still hold it (free text, in English),
    /// in the reader's language: the kinds of act and the article are translated, the
    /// numbers kept. The legal registry's citations replace this text.
    pub fn legal_text(&self, text: &str) -> String {
        // Longest first: each phrase is found by its English wording in the English
        // catalogue and replaced by the reader's.
        const PHRASES: &[&str] = &[
            "legal_text.scheme_and_defence_law",
            "legal_text.overall_scheme",
            "legal_text.defence_law",
            "legal_text.constitution",
            "legal_text.resolution",
            "legal_text.decree",
            "legal_text.decision",
            "legal_text.law",
            "legal_text.article",
            "legal_text.and",
        ];
        if self.lang == Lang::En {
            return text.to_owned();
        }
        let english = Tr::new(Lang::En);
        PHRASES.iter().fold(text.to_owned(), |text, key| {
            text.replace(english.t(key), self.t(key))
        })
    }

    /// A whole number with the reader's thousands separator: 12.345 in Vietnamese,
    /// 12,345 in English.
    pub fn number(&self, number: impl Into<i64>) -> String {
        let number: i64 = number.into();
        let separator = match self.lang {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = number.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if number < 0 {
            grouped.push('-');
        }
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A file's size in whole kilobytes (at least 1), with the reader's separators.
    pub fn size(&self, bytes: impl Into<i64>) -> String {
        let kilobytes = (bytes.into().max(0) + 1023) / 1024;
        format!("{} KB", self.number(kilobytes.max(1)))
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
    #[test]
    fn numbers_carry_the_readers_thousands_separator() {
        let vi = super::Tr::new(super::Lang::Vi);
        let en = super::Tr::new(super::Lang::En);
        assert_eq!(vi.number(1_234_567), "1.234.567");
        assert_eq!(en.number(1_234_567), "1,234,567");
        assert_eq!(vi.number(-1_000), "-1.000");
        assert_eq!(vi.number(999), "999");
        assert_eq!(vi.size(0), "1 KB");
        assert_eq!(vi.size(2_500_000), "2.442 KB");
    }

    #[test]
    fn every_legal_basis_and_provision_of_the_templates_reads_in_vietnamese() {
        let vi = super::Tr::new(super::Lang::Vi);
        let english = [
            "National",
            "Law ",
            "Decree",
            "Resolution",
            "Constitution",
            "Art.",
            " and ",
            "scheme",
        ];
        let templates = bluehelm_domain::dispatch::TEMPLATES.iter();
        for template in templates.chain(bluehelm_domain::dispatch::DRAFT_TEMPLATES) {
            let texts = std::iter::once(template.legal_basis)
                .chain(template.steps.iter().map(|step| step.provision));
            for text in texts {
                let read = vi.legal_text(text);
                assert!(
                    english.iter().all(|word| !read.contains(word)),
                    "{text} → {read}"
                );
            }
        }
        assert_eq!(
            vi.legal_text("Decree 61/2021/ND-CP, Art. 12"),
            "Nghị định 61/2021/ND-CP, Điều 12"
        );
    }

    use super::*;
    use std::collections::BTreeSet;

    /// The keys of a catalogue, which must parse without a single error.
    fn keys(source: &str) -> BTreeSet<String> {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
        };
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => {
                    Some(message.id.name.replace('-', "."))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_catalogues_hold_the_same_keys() {
        let vi = keys(VI);
        let en = keys(EN);
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "missing in en.ftl: {only_vi:?}");
        assert!(only_en.is_empty(), "missing in vi.ftl: {only_en:?}");
    }

    /// Scans the templates, the web sources, the domain and the use cases for `t("…")` and
    /// the keys of new messages, and checks each key exists.
    #[test]
    fn every_key_in_use_is_in_the_catalogues() {
        let vi = keys(VI);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut used = 0;
        for dir in [
            "../bluehelm-server/templates",
            "../bluehelm-server/src/web",
            "../bluehelm-domain/src",
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
                for pattern in [
                    ".t(\"",
                    "Message::new(\"",
                    "said(\"",
                    "\"message.",
                    "\"validation.",
                ] {
                    // A quoted key is found with its prefix; a call's argument without.
                    let prefix = pattern.strip_prefix('"').unwrap_or("");
                    for piece in source.split(pattern).skip(1) {
                        let Some(rest) = piece.split('"').next() else {
                            continue;
                        };
                        let key = format!("{prefix}{rest}");
                        let key = key.as_str();
                        if key.ends_with('.') {
                            continue;
                        }
                        used += 1;
                        if !vi.contains(key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
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

    /// The string literals among a call's arguments (`arguments` starts after its opening
    /// parenthesis), up to its closing one.
    fn call_literals(arguments: &str) -> Vec<String> {
        let (mut depth, mut literals, mut current) = (1, Vec::new(), None::<String>);
        let mut chars = arguments.chars();
        while let Some(c) = chars.next() {
            match (&mut current, c) {
                (Some(text), '\\') => {
                    text.push(c);
                    text.extend(chars.next());
                }
                (Some(_), '"') => literals.extend(current.take()),
                (Some(text), _) => text.push(c),
                (None, '"') => current = Some(String::new()),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                (None, _) => {}
            }
        }
        literals
    }

    /// The sentence of every field error raised by the domain, the use cases and the
    /// pages is a catalogue key, never English typed in the code (sentences with
    /// parameters are built as messages).
    #[test]
    fn field_errors_are_said_through_the_catalogues() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut english = Vec::new();
        for dir in ["../bluehelm-domain/src", "src", "../bluehelm-server/src"] {
            let mut folders = vec![root.join(dir)];
            while let Some(folder) = folders.pop() {
                for entry in std::fs::read_dir(&folder).expect("folder exists") {
                    let path = entry.expect("readable entry").path();
                    if path.is_dir() {
                        folders.push(path);
                        continue;
                    }
                    let source = std::fs::read_to_string(&path).expect("readable file");
                    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
                    for call in ["FieldError::new(", "AppError::field(", "Invalid::one("] {
                        for piece in code.split(call).skip(1) {
                            for literal in call_literals(piece) {
                                let sentence = literal
                                    .starts_with(|c: char| c.is_ascii_lowercase())
                                    && literal.contains(' ')
                                    && !literal.contains('{')
                                    && !literal.contains('\\');
                                if sentence {
                                    english.push(format!("{}: {literal}", path.display()));
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            english.is_empty(),
            "sentences typed in English: {english:#?}"
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
                bluehelm_domain::audit::AuditAction::ALL
                    .iter()
                    .map(|action| format!("audit_action.{}", action.as_str())),
            )
            .chain(
                ["opened", "document"]
                    .into_iter()
                    .map(str::to_owned)
                    .chain(
                        bluehelm_domain::dispatch::StepAction::ALL
                            .iter()
                            .map(|action| action.as_str().to_owned()),
                    )
                    .map(|action| format!("dossier_event.{action}")),
            )
            .chain(
                bluehelm_domain::policy::AUDITED_ENTITIES
                    .iter()
                    .map(|entity| format!("entity.{entity}")),
            )
            .chain(
                bluehelm_domain::lawmaking::ProjectKind::ALL
                    .iter()
                    .flat_map(|kind| {
                        kind.stages()
                            .iter()
                            .map(move |stage| format!("{}.{}", kind.stage_names(), stage.code))
                    }),
            )
            // A refused attempt is recorded under the kind of record it was about.
            .chain(
                bluehelm_domain::policy::Resource::ALL
                    .iter()
                    .map(|resource| format!("entity.{}", resource.as_str())),
            )
            .chain(
                bluehelm_domain::dispatch::DOCUMENT_KINDS
                    .iter()
                    .map(|kind| format!("document_kind.{kind}")),
            )
            .chain(
                bluehelm_domain::records::LANGUAGES
                    .iter()
                    .map(|code| format!("language_name.{code}")),
            )
            .chain(
                bluehelm_domain::records::QualificationCategory::ALL
                    .iter()
                    .map(|category| format!("qualification_category.{}", category.as_str())),
            )
            .chain(
                bluehelm_domain::records::MedicalStatus::ALL
                    .iter()
                    .map(|status| format!("medical_status.{}", status.as_str())),
            )
            .chain(
                bluehelm_domain::records::LanguageTest::ALL
                    .iter()
                    .map(|test| format!("language_test.{}", test.as_str())),
            )
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
            "nomination_status",
            request::NominationStatus::ALL
                .iter()
                .map(|v| v.as_str())
                .collect(),
        ))
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

    const TOUR: bluehelm_domain::eligibility::Tour = bluehelm_domain::eligibility::Tour {
        start: time::macros::date!(2027 - 03 - 01),
        months: 12,
    };

    /// A staff officer's post asking for every kind of requirement.
    fn staff_officer_post() -> bluehelm_domain::eligibility::Requirements {
        use bluehelm_domain::eligibility::*;
        use bluehelm_domain::person::{Gender, Service};
        Requirements {
            personnel_type: PersonnelType::StaffOfficer,
            services: vec![Service::Army, Service::Navy],
            min_rank: Some(9),
            max_rank: Some(11),
            specialties: vec!["staff_officer".into()],
            language: Some(LanguageRequirement {
                language: "en".into(),
                min_level: bluehelm_domain::records::Cefr::B2,
            }),
            qualifications: vec!["un-sotc".into()],
            gender: Some(Gender::Female),
        }
    }

    /// Every reason the eligibility rules can give, from two people who fail every rule in
    /// different ways, rendered in both languages: no argument left unfilled, no key shown,
    /// and the two languages different.
    #[test]
    fn every_eligibility_reason_renders_in_both_languages() {
        use bluehelm_domain::eligibility::*;
        use bluehelm_domain::person::{Gender, PersonStatus, Service};
        use bluehelm_domain::records::Cefr;
        use time::macros::date;
        let requirements = staff_officer_post();
        let tour = TOUR;
        let lacking_everything = Candidate {
            gender: Gender::Male,
            birth_date: date!(2006 - 01 - 01),
            service: Service::Police,
            rank_order: None,
            status: PersonStatus::Retired,
            specialties: vec![],
            languages: vec![],
            qualifications: vec![],
            passport_expiries: vec![],
            medical: None,
            last_return: Some(date!(2026 - 12 - 01)),
            tours: 0,
            preferred_missions: vec![],
        };
        let falling_short = Candidate {
            rank_order: Some(3),
            languages: vec![LanguageFact {
                language: "en".into(),
                level: Cefr::B1,
                valid_until: None,
            }],
            qualifications: vec![QualificationFact {
                kind: "un-sotc".into(),
                expires_on: Some(date!(2027 - 03 - 20)),
            }],
            passport_expiries: vec![date!(2028 - 04 - 01)],
            medical: Some(MedicalClearance {
                cleared: false,
                valid_until: date!(2030 - 01 - 01),
            }),
            ..lacking_everything.clone()
        };
        let too_senior = Candidate {
            rank_order: Some(20),
            passport_expiries: vec![date!(2027 - 06 - 01)],
            medical: Some(MedicalClearance {
                cleared: true,
                valid_until: date!(2027 - 02 - 01),
            }),
            ..lacking_everything.clone()
        };
        let settings = EligibilitySettings::default();
        let mut said_keys = BTreeSet::new();
        for candidate in [&lacking_everything, &falling_short, &too_senior] {
            for failure in evaluate(candidate, &requirements, &tour, &settings) {
                said_keys.insert(failure.reason.key);
                let vi = Tr::new(Lang::Vi).render(&failure.reason);
                let en = Tr::new(Lang::En).render(&failure.reason);
                for text in [&vi, &en] {
                    assert!(
                        !text.contains('{')
                            && !text.contains('}')
                            && !text.contains("eligibility."),
                        "{}: {text}",
                        failure.reason.key
                    );
                }
                assert_ne!(vi, en, "{}", failure.reason.key);
            }
        }
        let in_catalogue: BTreeSet<String> = keys(EN)
            .into_iter()
            .filter(|key| key.starts_with("eligibility."))
            .collect();
        let said: BTreeSet<String> = said_keys.iter().map(|key| key.to_string()).collect();
        assert_eq!(
            said, in_catalogue,
            "every reason in the catalogue is said by some rule"
        );
    }

    #[test]
    fn dates_and_plurals_follow_the_reader() {
        use bluehelm_domain::message::Message;
        use time::macros::date;
        let message = Message::new("eligibility.passport_before_end")
            .date("expiry", date!(2027 - 11 - 01))
            .number("gap", 1)
            .text("gap_unit", "days");
        assert_eq!(
            Tr::new(Lang::En).render(&message),
            "passport expires 1 Nov 2027, 1 day before the tour ends"
        );
        assert_eq!(
            Tr::new(Lang::Vi).render(&message),
            "hộ chiếu hết hạn ngày 01/11/2027, 1 ngày trước khi nhiệm kỳ kết thúc"
        );
        let services = Message::new("eligibility.service")
            .term("service", "service", "police")
            .terms("wanted", "service", vec!["army".into(), "navy".into()]);
        assert_eq!(
            Tr::new(Lang::Vi).render(&services),
            "thuộc Công an; vị trí cần Lục quân hoặc Hải quân"
        );
    }

    /// Every part of a suitability score, in both languages, with its criterion's name.
    #[test]
    fn every_part_of_a_score_renders_in_both_languages() {
        use bluehelm_domain::eligibility::*;
        use bluehelm_domain::person::{Gender, PersonStatus, Service};
        use bluehelm_domain::records::Cefr;
        use bluehelm_domain::suitability::{score, Weights};
        use time::macros::date;
        // Any service, language and qualification: every criterion can score.
        let requirements = Requirements {
            services: vec![],
            language: None,
            qualifications: vec![],
            gender: None,
            ..staff_officer_post()
        };
        let tour = TOUR;
        let seasoned = Candidate {
            gender: Gender::Female,
            birth_date: date!(1985 - 01 - 01),
            service: Service::Army,
            rank_order: Some(10),
            status: PersonStatus::Available,
            specialties: vec!["staff_officer".into()],
            languages: vec![LanguageFact {
                language: "en".into(),
                level: Cefr::C1,
                valid_until: None,
            }],
            qualifications: vec![QualificationFact {
                kind: "un-sotc".into(),
                expires_on: None,
            }],
            passport_expiries: vec![],
            medical: None,
            last_return: Some(date!(2025 - 01 - 01)),
            tours: 2,
            preferred_missions: vec!["UNMISS".into()],
        };
        let newcomer = Candidate {
            last_return: None,
            tours: 0,
            rank_order: Some(11),
            ..seasoned.clone()
        };
        let weights = Weights::default();
        let mut criteria = BTreeSet::new();
        for candidate in [&seasoned, &newcomer] {
            for part in score(candidate, &requirements, &tour, Some("UNMISS"), &weights).parts {
                criteria.insert(part.criterion);
                let vi = Tr::new(Lang::Vi).render(&part.detail);
                let en = Tr::new(Lang::En).render(&part.detail);
                for text in [&vi, &en] {
                    assert!(!text.contains('{') && !text.contains("score."), "{text}");
                }
                assert_ne!(vi, en, "{}", part.detail.key);
                let name = format!("criterion.{}", part.criterion);
                assert_ne!(Tr::new(Lang::Vi).t(&name), name);
            }
        }
        assert_eq!(criteria.len(), 7, "every criterion scored: {criteria:?}");
    }

    #[test]
    fn moments_are_shown_on_viet_nams_clock() {
        use time::macros::datetime;
        let at = datetime!(2026-12-04 20:30 UTC);
        assert_eq!(Tr::new(Lang::Vi).moment(at), "05/12/2026 03:30");
        assert_eq!(Tr::new(Lang::En).moment(at), "5 Dec 2026 03:30");
        assert_eq!(Tr::new(Lang::Vi).day_of(at), "05/12/2026");
    }
}
