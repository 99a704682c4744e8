//! The legal registry's rules: kinds of legal document and how each is numbered, what a
//! document may say of its dates, the typed relations between documents (implements,
//! amends, replaces, based on, guides) and the status of a document on any date, derived
//! from its dates and the relations that reach it.
//!
//! A document's `ends_on` is the last day it applies. A replacement takes effect on the
//! relation's date: the replaced document is "replaced by …" from that day, whatever its
//! own end date says. Facts a source does not confirm are kept unverified, never dropped.

use serde::Deserialize;
use time::Date;

use crate::person::{optional_text, parse_optional_date};
use crate::validation::{text, Checker};
use crate::{FieldError, Invalid};

crate::string_enum! {
    /// The kinds of legal document, from the Constitution to the UN's manuals.
    pub enum DocumentKind {
        Constitution = "constitution",
        Law = "law",
        AssemblyResolution = "assembly_resolution",
        Ordinance = "ordinance",
        Decree = "decree",
        PrimeMinisterDecision = "prime_minister_decision",
        MinisterialDecision = "ministerial_decision",
        Circular = "circular",
        PartyDocument = "party_document",
        CouncilResolution = "council_resolution",
        GeneralAssemblyResolution = "general_assembly_resolution",
        UnPolicy = "un_policy",
    }
}

crate::string_enum! {
    /// How one document stands to another: the subject implements, amends, replaces, is
    /// based on, or guides the object.
    pub enum RelationKind {
        Implements = "implements",
        Amends = "amends",
        Replaces = "replaces",
        BasedOn = "based_on",
        Guides = "guides",
    }
}

/// One piece of a document number's shape.
#[derive(Clone, Copy)]
enum Piece {
    /// 1 to `n` digits.
    Digits(usize),
    /// Exactly four digits.
    Year,
    /// This text, as written.
    Lit(&'static str),
    /// Any of these texts.
    OneOf(&'static [&'static str]),
    /// 2 to 12 upper-case letters (an issuing body's initials: BQP, BCA, TTg).
    Initials,
}

/// Whether `number` reads exactly as `pieces`.
fn matches_shape(number: &str, pieces: &[Piece]) -> bool {
    let mut rest = number;
    for piece in pieces {
        let taken = match *piece {
            Piece::Digits(most) => {
                let n = rest.chars().take_while(char::is_ascii_digit).count();
                (1..=most).contains(&n).then_some(n)
            }
            Piece::Year => {
                let n = rest.chars().take_while(char::is_ascii_digit).count();
                (n == 4).then_some(4)
            }
            Piece::Lit(text) => rest.starts_with(text).then_some(text.len()),
            Piece::OneOf(texts) => texts
                .iter()
                .find(|text| rest.starts_with(**text))
                .map(|text| text.len()),
            Piece::Initials => {
                let n: usize = rest
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .map(char::len_utf8)
                    .sum();
                let letters = rest[..n].chars().count();
                ((2..=12).contains(&letters) && rest[..n].starts_with(|c: char| c.is_uppercase()))
                    .then_some(n)
            }
        };
        match taken {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
    rest.is_empty()
}

impl DocumentKind {
    /// How this kind's numbers are written, as the catalogue shows it to who types one.
    pub fn number_example(self) -> &'static str {
        match self {
            DocumentKind::Constitution => "2013",
            DocumentKind::Law => "92/2025/QH15",
            DocumentKind::AssemblyResolution => "130/2020/QH14",
            DocumentKind::Ordinance => "02/2022/UBTVQH15",
            DocumentKind::Decree => "01/2026/NĐ-CP",
            DocumentKind::PrimeMinisterDecision => "1897/QĐ-TTg",
            DocumentKind::MinisterialDecision => "2390/QĐ-BQP",
            DocumentKind::Circular => "05/2026/TT-BQP",
            DocumentKind::PartyDocument => "22-NQ/TW",
            DocumentKind::CouncilResolution => "S/RES/1889 (2009)",
            DocumentKind::GeneralAssemblyResolution => "A/RES/70/6",
            DocumentKind::UnPolicy => "Ref. 2015.12",
        }
    }

    /// Whether a document of this kind may go without a number (the Constitution is known
    /// by its year, a Party scheme or a UN manual often by its title alone).
    pub fn number_optional(self) -> bool {
        matches!(
            self,
            DocumentKind::Constitution | DocumentKind::PartyDocument | DocumentKind::UnPolicy
        )
    }

    /// Whether the Security Council's, the General Assembly's or the Secretariat's.
    pub fn is_un(self) -> bool {
        matches!(
            self,
            DocumentKind::CouncilResolution
                | DocumentKind::GeneralAssemblyResolution
                | DocumentKind::UnPolicy
        )
    }

    /// `number` as this kind writes it, or `None` when it is not one. A Security Council
    /// resolution may be typed "1889 (2009)" and is kept as "S/RES/1889 (2009)"; "ND", "QD"
    /// are kept as typed, since databases of law write both.
    pub fn normalise_number(self, number: &str) -> Option<String> {
        use Piece::*;
        const DECISION: &[&str] = &["QĐ-", "QD-"];
        let number = number.split_whitespace().collect::<Vec<_>>().join(" ");
        let shape: &[Piece] = match self {
            DocumentKind::Constitution => &[Year],
            DocumentKind::Law | DocumentKind::AssemblyResolution => {
                &[Digits(4), Lit("/"), Year, Lit("/QH"), Digits(2)]
            }
            DocumentKind::Ordinance => &[Digits(4), Lit("/"), Year, Lit("/UBTVQH"), Digits(2)],
            DocumentKind::Decree => &[
                Digits(4),
                Lit("/"),
                Year,
                Lit("/"),
                OneOf(&["NĐ-CP", "ND-CP"]),
            ],
            DocumentKind::PrimeMinisterDecision => {
                &[Digits(5), Lit("/"), OneOf(DECISION), Lit("TTg")]
            }
            DocumentKind::MinisterialDecision => &[Digits(5), Lit("/"), OneOf(DECISION), Initials],
            DocumentKind::Circular => &[Digits(4), Lit("/"), Year, Lit("/TT-"), Initials],
            DocumentKind::PartyDocument => &[Digits(4), Lit("-"), Initials, Lit("/TW")],
            DocumentKind::CouncilResolution => {
                let bare = number.strip_prefix("S/RES/").unwrap_or(&number);
                return matches_shape(bare, &[Digits(4), Lit(" ("), Year, Lit(")")])
                    .then(|| format!("S/RES/{bare}"));
            }
            DocumentKind::GeneralAssemblyResolution => {
                &[Lit("A/RES/"), Digits(3), Lit("/"), Digits(4)]
            }
            DocumentKind::UnPolicy => {
                let fits = (1..=60).contains(&number.chars().count())
                    && !number
                        .chars()
                        .any(|c| c.is_control() || matches!(c, '<' | '>'));
                return fits.then_some(number);
            }
        };
        matches_shape(&number, shape).then_some(number)
    }
}

/// A legal document as a user enters it: every value as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentInput {
    /// One of the kinds: `law`, `decree`, `council_resolution`, …
    pub kind: String,
    /// As written on the document: `92/2025/QH15`, `01/2026/NĐ-CP`, `S/RES/1889 (2009)`.
    #[serde(default)]
    pub number: String,
    pub title_vi: String,
    pub title_en: String,
    /// Who issued it: the National Assembly, the Government, the Security Council.
    pub issuer: String,
    #[serde(default)]
    pub signed_on: String,
    #[serde(default)]
    pub effective_on: String,
    /// The last day it applies, when one is set.
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub source_url: String,
    /// Whether the facts were checked against the published text.
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDraft {
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub title_vi: String,
    pub title_en: String,
    pub issuer: String,
    pub signed_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub source_url: Option<String>,
    pub verified: bool,
    pub note: Option<String>,
}

impl DocumentDraft {
    /// Checks every field and reports every fault at once.
    pub fn parse(input: &DocumentInput) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(DocumentKind::parse_field("kind", &input.kind));
        let number = match kind {
            Some(kind) if input.number.trim().is_empty() => {
                // A draft is numbered when it is signed.
                if !kind.number_optional() && !input.signed_on.trim().is_empty() {
                    checker.push(FieldError::new(
                        "number",
                        "required",
                        "validation.must_not_be_empty",
                    ));
                }
                None
            }
            Some(kind) => match kind.normalise_number(&input.number) {
                Some(number) => Some(number),
                None => {
                    checker.push(FieldError::said(
                        "number",
                        "invalid_number",
                        crate::message::Message::new("validation.legal_number_written_as")
                            .text("example", kind.number_example()),
                    ));
                    None
                }
            },
            None => None,
        };
        let title_vi = checker.check(text("title_vi", &input.title_vi, 300));
        let title_en = checker.check(text("title_en", &input.title_en, 300));
        let issuer = checker.check(text("issuer", &input.issuer, 120));
        let signed_on = checker.check(parse_optional_date("signed_on", &input.signed_on));
        let effective_on = checker.check(parse_optional_date("effective_on", &input.effective_on));
        let ends_on = checker.check(parse_optional_date("ends_on", &input.ends_on));
        let source_url = checker.check(source_url(&input.source_url));
        let note = checker.check(optional_text("note", &input.note, 1000));
        if let (Some(signed), Some(Some(effective))) = (signed_on, effective_on) {
            match signed {
                None => checker.push(FieldError::new(
                    "signed_on",
                    "required",
                    "validation.a_document_in_force_was_signed",
                )),
                Some(signed) if effective < signed => checker.push(FieldError::new(
                    "effective_on",
                    "out_of_order",
                    "validation.must_be_on_or_after_signed_on",
                )),
                Some(_) => {}
            }
        }
        if let (Some(Some(ends)), Some(effective)) = (ends_on, effective_on) {
            match effective {
                None => checker.push(FieldError::new(
                    "effective_on",
                    "required",
                    "validation.an_end_needs_a_start",
                )),
                Some(effective) if ends < effective => checker.push(FieldError::new(
                    "ends_on",
                    "out_of_order",
                    "validation.must_be_on_or_after_effective_on",
                )),
                Some(_) => {}
            }
        }
        checker.finish()?;
        match (
            kind,
            title_vi,
            title_en,
            issuer,
            signed_on,
            effective_on,
            ends_on,
            source_url,
            note,
        ) {
            (
                Some(kind),
                Some(title_vi),
                Some(title_en),
                Some(issuer),
                Some(signed_on),
                Some(effective_on),
                Some(ends_on),
                Some(source_url),
                Some(note),
            ) => Ok(DocumentDraft {
                kind,
                number,
                title_vi,
                title_en,
                issuer,
                signed_on,
                effective_on,
                ends_on,
                source_url,
                verified: input.verified,
                note,
            }),
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// An optional web address of the published text: http or https, at most 500 characters.
fn source_url(value: &str) -> Result<Option<String>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let fits = value.len() <= 500
        && (value.starts_with("https://") || value.starts_with("http://"))
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    if fits {
        Ok(Some(value.to_owned()))
    } else {
        Err(FieldError::new(
            "source_url",
            "invalid_url",
            "validation.must_be_a_web_address",
        ))
    }
}

/// A document as the rules need it: its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    pub signed_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub ends_on: Option<Date>,
}

/// A relation as the rules need it: `subject` `kind` `object` from `effective_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub subject: i64,
    pub kind: RelationKind,
    pub object: i64,
    pub effective_on: Date,
}

/// A relation as a user enters it, from the subject's page.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RelationInput {
    pub kind: String,
    /// The id of the document this one implements, amends, replaces, is based on or guides.
    pub object_id: String,
    /// From when; the subject's effective date when empty.
    #[serde(default)]
    pub effective_on: String,
    /// Which articles an amendment changes: "Điều 5, Điều 7".
    #[serde(default)]
    pub articles: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationDraft {
    pub kind: RelationKind,
    pub object: i64,
    pub effective_on: Date,
    pub articles: Option<String>,
}

impl RelationDraft {
    /// Checks a relation of `subject` (with its dates) against what the registry holds:
    /// the object exists (`object_dates`), the date is possible, and no cycle of one kind
    /// of relation forms with `links` (every relation of the registry).
    pub fn parse(
        input: &RelationInput,
        subject: i64,
        subject_dates: Dates,
        object_dates: impl Fn(i64) -> Option<Dates>,
        links: &[Link],
    ) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        let kind = checker.check(RelationKind::parse_field("kind", &input.kind));
        let object = match input.object_id.trim().parse::<i64>() {
            Ok(id) if id == subject => {
                checker.push(FieldError::new(
                    "object_id",
                    "itself",
                    "validation.a_document_cannot_relate_to_itself",
                ));
                None
            }
            Ok(id) => match object_dates(id) {
                Some(dates) => Some((id, dates)),
                None => {
                    checker.push(FieldError::new(
                        "object_id",
                        "unknown_value",
                        "validation.choose_a_document_of_the_registry",
                    ));
                    None
                }
            },
            Err(_) => {
                checker.push(FieldError::new(
                    "object_id",
                    if input.object_id.trim().is_empty() {
                        "required"
                    } else {
                        "unknown_value"
                    },
                    "validation.choose_a_document_of_the_registry",
                ));
                None
            }
        };
        let typed_date = checker.check(parse_optional_date("effective_on", &input.effective_on));
        let articles = checker.check(optional_text("articles", &input.articles, 200));
        let effective_on = match typed_date {
            Some(Some(date)) => Some(date),
            Some(None) => match subject_dates.effective_on.or(subject_dates.signed_on) {
                Some(date) => Some(date),
                None => {
                    checker.push(FieldError::new(
                        "effective_on",
                        "required",
                        "validation.a_draft_relates_from_a_date",
                    ));
                    None
                }
            },
            None => None,
        };
        if let (Some(date), Some(signed)) = (effective_on, subject_dates.signed_on) {
            if date < signed {
                checker.push(FieldError::new(
                    "effective_on",
                    "out_of_order",
                    "validation.a_relation_starts_after_its_document_is_signed",
                ));
            }
        }
        if let (Some(kind), Some((object, object_dates)), Some(date)) = (kind, object, effective_on)
        {
            if matches!(kind, RelationKind::Replaces | RelationKind::Amends) {
                if let Some(start) = object_dates.effective_on {
                    if date <= start {
                        checker.push(FieldError::new(
                            "effective_on",
                            "out_of_order",
                            "validation.a_change_follows_what_it_changes",
                        ));
                    }
                }
            }
            if reaches(links, kind, object, subject) {
                checker.push(FieldError::new(
                    "object_id",
                    "cycle",
                    "validation.relation_would_form_a_cycle",
                ));
            }
        }
        checker.finish()?;
        match (kind, object, effective_on, articles) {
            (Some(kind), Some((object, _)), Some(effective_on), Some(articles)) => {
                Ok(RelationDraft {
                    kind,
                    object,
                    effective_on,
                    articles,
                })
            }
            _ => Err(Invalid(Vec::new())),
        }
    }
}

/// Whether `to` is reached from `from` through relations of `kind`: adding `to → from`
/// would then close a cycle (A replaces B replaces A).
fn reaches(links: &[Link], kind: RelationKind, from: i64, to: i64) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut next = vec![from];
    while let Some(at) = next.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            next.extend(
                links
                    .iter()
                    .filter(|link| link.kind == kind && link.subject == at)
                    .map(|link| link.object),
            );
        }
    }
    false
}

/// Where a document stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Not signed (yet, on that date).
    Draft,
    /// Signed, not in force yet.
    Adopted {
        effective_on: Option<Date>,
    },
    InForce,
    /// In force as amended by the newest amendment in force.
    Amended {
        by: i64,
    },
    /// Past its last day.
    Ended {
        ends_on: Date,
    },
    /// Replaced by another document from that document's date.
    Replaced {
        by: i64,
        on: Date,
    },
}

impl Status {
    /// The catalogue key of the status's name.
    pub fn key(&self) -> &'static str {
        match self {
            Status::Draft => "legal.status_draft",
            Status::Adopted { .. } => "legal.status_adopted",
            Status::InForce => "legal.status_in_force",
            Status::Amended { .. } => "legal.status_amended",
            Status::Ended { .. } => "legal.status_ended",
            Status::Replaced { .. } => "legal.status_replaced",
        }
    }

    /// Whether an act dated that day may rest on the document.
    pub fn in_force(&self) -> bool {
        matches!(self, Status::InForce | Status::Amended { .. })
    }
}

/// The status of document `id` with `dates` on `on`, given the relations that reach it.
pub fn status_on(id: i64, dates: Dates, links: &[Link], on: Date) -> Status {
    match dates.signed_on {
        Some(signed) if signed <= on => {}
        _ => return Status::Draft,
    }
    match dates.effective_on {
        Some(start) if start <= on => {}
        effective_on => return Status::Adopted { effective_on },
    }
    let changes = |kind: RelationKind| {
        links
            .iter()
            .filter(move |link| link.object == id && link.kind == kind && link.effective_on <= on)
    };
    if let Some(replacement) = changes(RelationKind::Replaces).min_by_key(|link| link.effective_on)
    {
        return Status::Replaced {
            by: replacement.subject,
            on: replacement.effective_on,
        };
    }
    if let Some(ends) = dates.ends_on {
        if ends < on {
            return Status::Ended { ends_on: ends };
        }
    }
    match changes(RelationKind::Amends).max_by_key(|link| link.effective_on) {
        Some(amendment) => Status::Amended {
            by: amendment.subject,
        },
        None => Status::InForce,
    }
}

/// The days a document's status changes, in order: signed, in force, each amendment,
/// replaced or ended. Each is the first day of the status it names.
pub fn timeline(id: i64, dates: Dates, links: &[Link]) -> Vec<(Date, Status)> {
    let mut days: Vec<Date> = [dates.signed_on, dates.effective_on]
        .into_iter()
        .flatten()
        .chain(dates.ends_on.and_then(|ends| ends.next_day()))
        .chain(
            links
                .iter()
                .filter(|link| {
                    link.object == id
                        && matches!(link.kind, RelationKind::Replaces | RelationKind::Amends)
                })
                .map(|link| link.effective_on),
        )
        .collect();
    days.sort();
    days.dedup();
    let mut steps: Vec<(Date, Status)> = Vec::new();
    for day in days {
        let status = status_on(id, dates, links, day);
        if steps.last().map(|(_, last)| *last) != Some(status) {
            steps.push((day, status));
        }
    }
    steps
}

/// A citation of the registry: a document, whole or by one of its articles (its number as
/// the document writes it: "12", "5a").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub document: i64,
    pub article: Option<String>,
}

/// A number as free text may write it: letters in capitals, "Đ" as "D" (databases of law
/// write "NĐ-CP" and "ND-CP" alike).
fn number_key(text: &str) -> String {
    text.chars()
        .flat_map(char::to_uppercase)
        .map(|c| if c == 'Đ' { 'D' } else { c })
        .collect()
}

/// The documents a free-text legal reference names by number, in the order it names
/// them, each with the article written after it ("Decree 61/2021/ND-CP, Art. 12").
/// `numbers` are the registry's (id, number). A number counts only as a whole word, so
/// "2013" (the Constitution) is not found inside "S/RES/2013 (2011)".
pub fn cited_in(text: &str, numbers: &[(i64, &str)]) -> Vec<Cited> {
    let text = number_key(text);
    let is_part = |c: char| c.is_alphanumeric() || c == '/';
    let mut found: Vec<(usize, usize, i64)> = Vec::new();
    for &(id, number) in numbers {
        let number = number_key(number);
        if number.is_empty() {
            continue;
        }
        for (start, _) in text.match_indices(&number) {
            let end = start + number.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(is_part) && !after.is_some_and(is_part) {
                found.push((start, end, id));
            }
        }
    }
    found.sort_unstable();
    let mut cited: Vec<Cited> = Vec::new();
    for (index, &(_, end, document)) in found.iter().enumerate() {
        if cited.iter().any(|c| c.document == document) {
            continue;
        }
        let next = found
            .get(index + 1)
            .map_or(text.len(), |&(start, ..)| start);
        let article = article_after(&text[end..next.max(end)]);
        cited.push(Cited { document, article });
    }
    cited
}

/// The article named right after a number: ", Art. 12", ", Article 5a", ", Điều 88".
fn article_after(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([',', ' ']);
    let rest = ["ART.", "ARTICLE", "DIỀU"]
        .iter()
        .find_map(|word| rest.strip_prefix(word))?
        .trim_start();
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    number
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(number)
}

/// The rank of each related document in the graph of what rests on what: a document
/// that implements, details, guides, amends or is based on nothing sits in rank 0, any
/// other one rank below the lowest of the documents it rests on. A replacement links two
/// documents without ranking them. Relations that would loop across kinds stop at as many
/// ranks as there are documents.
pub fn graph_ranks(links: &[Link]) -> std::collections::BTreeMap<i64, usize> {
    let mut ranks: std::collections::BTreeMap<i64, usize> = links
        .iter()
        .flat_map(|link| [(link.subject, 0), (link.object, 0)])
        .collect();
    let resting: Vec<&Link> = links
        .iter()
        .filter(|link| link.kind != RelationKind::Replaces)
        .collect();
    let most = ranks.len();
    for _ in 0..most {
        let mut moved = false;
        for link in &resting {
            let below = ranks[&link.object] + 1;
            let rank = ranks.entry(link.subject).or_default();
            if below > *rank && below < most.max(1) {
                *rank = below;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn input(kind: &str, number: &str) -> DocumentInput {
        DocumentInput {
            kind: kind.into(),
            number: number.into(),
            title_vi: "Tiêu đề".into(),
            title_en: "Title".into(),
            issuer: "Quốc hội".into(),
            signed_on: "2020-11-13".into(),
            effective_on: "2021-07-01".into(),
            ..DocumentInput::default()
        }
    }

    #[test]
    fn numbers_are_checked_against_their_kind() {
        let cases = [
            ("law", "92/2025/QH15", Some("92/2025/QH15")),
            (
                "assembly_resolution",
                "130/2020/QH14",
                Some("130/2020/QH14"),
            ),
            ("decree", "01/2026/NĐ-CP", Some("01/2026/NĐ-CP")),
            ("decree", "162/2016/ND-CP", Some("162/2016/ND-CP")),
            (
                "prime_minister_decision",
                "1897/QĐ-TTg",
                Some("1897/QĐ-TTg"),
            ),
            ("ministerial_decision", "2390/QĐ-BQP", Some("2390/QĐ-BQP")),
            ("circular", "05/2026/TT-BQP", Some("05/2026/TT-BQP")),
            (
                "council_resolution",
                "1889 (2009)",
                Some("S/RES/1889 (2009)"),
            ),
            (
                "council_resolution",
                "S/RES/1325 (2000)",
                Some("S/RES/1325 (2000)"),
            ),
            (
                "general_assembly_resolution",
                "A/RES/70/6",
                Some("A/RES/70/6"),
            ),
            ("constitution", "2013", Some("2013")),
            ("law", "130/2020/QH", None),
            ("law", "01/2026/NĐ-CP", None),
            ("decree", "92/2025/QH15", None),
            ("council_resolution", "1889/2009", None),
            ("prime_minister_decision", "1897/QĐ-BQP", None),
        ];
        for (kind, number, expected) in cases {
            let kind = DocumentKind::parse(kind).expect("kind");
            assert_eq!(
                kind.normalise_number(number).as_deref(),
                expected,
                "{kind} {number}"
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused_by_field() {
        let mut bad = input("law", "92/2025/QH15");
        bad.effective_on = "2020-01-01".into();
        bad.ends_on = "2019-01-01".into();
        let fields: Vec<String> = DocumentDraft::parse(&bad)
            .expect_err("refused")
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["effective_on", "ends_on"]);
        let mut unsigned = input("decree", "");
        unsigned.signed_on.clear();
        let errors = DocumentDraft::parse(&unsigned).expect_err("refused").0;
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["signed_on"],
            "a draft needs no number, but is not in force"
        );
        let mut unnumbered = input("decree", "");
        unnumbered.effective_on.clear();
        let errors = DocumentDraft::parse(&unnumbered).expect_err("refused").0;
        assert_eq!(errors[0].field, "number", "a signed decree has its number");
        assert!(DocumentDraft::parse(&input("law", "92/2025/QH15")).is_ok());
    }

    const RES_130: i64 = 1;
    const LAW_92: i64 = 2;
    const DECREE_61: i64 = 3;

    fn dates(signed: Date, effective: Date) -> Dates {
        Dates {
            signed_on: Some(signed),
            effective_on: Some(effective),
            ends_on: None,
        }
    }

    #[test]
    fn status_follows_amendment_and_replacement() {
        let res_130 = dates(date!(2020 - 11 - 13), date!(2021 - 07 - 01));
        let links = [
            Link {
                subject: LAW_92,
                kind: RelationKind::Replaces,
                object: RES_130,
                effective_on: date!(2026 - 01 - 01),
            },
            Link {
                subject: DECREE_61,
                kind: RelationKind::Implements,
                object: RES_130,
                effective_on: date!(2021 - 06 - 25),
            },
        ];
        assert_eq!(
            status_on(RES_130, res_130, &links, date!(2020 - 12 - 01)),
            Status::Adopted {
                effective_on: Some(date!(2021 - 07 - 01))
            }
        );
        assert_eq!(
            status_on(RES_130, res_130, &links, date!(2025 - 12 - 31)),
            Status::InForce
        );
        assert_eq!(
            status_on(RES_130, res_130, &links, date!(2026 - 01 - 01)),
            Status::Replaced {
                by: LAW_92,
                on: date!(2026 - 01 - 01)
            }
        );
        assert_eq!(
            status_on(RES_130, res_130, &links, date!(2020 - 01 - 01)),
            Status::Draft
        );
        let amended = [Link {
            subject: 9,
            kind: RelationKind::Amends,
            object: RES_130,
            effective_on: date!(2023 - 01 - 01),
        }];
        assert_eq!(
            status_on(RES_130, res_130, &amended, date!(2023 - 01 - 01)),
            Status::Amended { by: 9 }
        );
        let steps: Vec<Date> = timeline(RES_130, res_130, &links)
            .into_iter()
            .map(|(day, _)| day)
            .collect();
        assert_eq!(
            steps,
            [
                date!(2020 - 11 - 13),
                date!(2021 - 07 - 01),
                date!(2026 - 01 - 01)
            ]
        );
        let ended = Dates {
            ends_on: Some(date!(2025 - 12 - 31)),
            ..res_130
        };
        assert_eq!(
            status_on(RES_130, ended, &[], date!(2026 - 01 - 01)),
            Status::Ended {
                ends_on: date!(2025 - 12 - 31)
            }
        );
    }

    #[test]
    fn cycles_and_backdated_changes_are_refused() {
        let registry = |id: i64| match id {
            RES_130 => Some(dates(date!(2020 - 11 - 13), date!(2021 - 07 - 01))),
            LAW_92 => Some(dates(date!(2025 - 06 - 26), date!(2026 - 01 - 01))),
            _ => None,
        };
        let links = [Link {
            subject: LAW_92,
            kind: RelationKind::Replaces,
            object: RES_130,
            effective_on: date!(2026 - 01 - 01),
        }];
        let back = RelationInput {
            kind: "replaces".into(),
            object_id: LAW_92.to_string(),
            ..RelationInput::default()
        };
        let refused = RelationDraft::parse(
            &back,
            RES_130,
            registry(RES_130).expect("dates"),
            registry,
            &links,
        )
        .expect_err("a cycle");
        assert!(refused
            .0
            .iter()
            .any(|e| e.field == "object_id" && e.code == "cycle"));
        let early = RelationInput {
            kind: "replaces".into(),
            object_id: RES_130.to_string(),
            effective_on: "2021-01-01".into(),
            ..RelationInput::default()
        };
        let refused = RelationDraft::parse(
            &early,
            LAW_92,
            registry(LAW_92).expect("dates"),
            registry,
            &[],
        )
        .expect_err("before the replaced one applied");
        assert_eq!(refused.0[0].field, "effective_on");
        let unknown = RelationInput {
            kind: "implements".into(),
            object_id: "77".into(),
            ..RelationInput::default()
        };
        let refused = RelationDraft::parse(
            &unknown,
            LAW_92,
            registry(LAW_92).expect("dates"),
            registry,
            &[],
        )
        .expect_err("no such document");
        assert_eq!(refused.0[0].field, "object_id");
        let fine = RelationInput {
            kind: "replaces".into(),
            object_id: RES_130.to_string(),
            ..RelationInput::default()
        };
        let draft = RelationDraft::parse(
            &fine,
            LAW_92,
            registry(LAW_92).expect("dates"),
            registry,
            &[],
        )
        .expect("fine");
        assert_eq!(draft.effective_on, date!(2026 - 01 - 01));
    }
    #[test]
    fn free_text_names_the_documents_it_cites_with_their_articles() {
        let numbers = [
            (1, "2013"),
            (2, "61/2021/NĐ-CP"),
            (3, "130/2020/QH14"),
            (4, "22/2018/QH14"),
            (5, ""),
        ];
        let cited = |document, article: Option<&str>| Cited {
            document,
            article: article.map(str::to_owned),
        };
        assert_eq!(
            cited_in(
                "Resolution 130/2020/QH14 and Decree 61/2021/ND-CP",
                &numbers
            ),
            vec![cited(3, None), cited(2, None)]
        );
        assert_eq!(
            cited_in("Decree 61/2021/ND-CP, Art. 12", &numbers),
            vec![cited(2, Some("12"))]
        );
        assert_eq!(
            cited_in("Constitution 2013, Art. 88", &numbers),
            vec![cited(1, Some("88"))]
        );
        assert_eq!(
            cited_in(
                "Nghị định 61/2021/NĐ-CP, Điều 5a; Luật 22/2018/QH14",
                &numbers
            ),
            vec![cited(2, Some("5a")), cited(4, None)]
        );
        // A year inside another number, or a number inside a longer one, is not a citation.
        assert!(cited_in("S/RES/2013 (2011) and 161/2021/ND-CP", &numbers).is_empty());
        assert!(cited_in(
            "Overall scheme on participation in UN peacekeeping (2012)",
            &numbers
        )
        .is_empty());
    }

    #[test]
    fn the_graph_ranks_what_rests_on_what_below_it() {
        let on = date!(2026 - 01 - 01);
        let link = |subject, kind, object| Link {
            subject,
            kind,
            object,
            effective_on: on,
        };
        // 1 Constitution; 2 resolution based on it; 3 law based on it, replacing 2; 4 a
        // decree implementing 3; 5 a circular guiding 4.
        let links = [
            link(2, RelationKind::BasedOn, 1),
            link(3, RelationKind::BasedOn, 1),
            link(3, RelationKind::Replaces, 2),
            link(4, RelationKind::Implements, 3),
            link(5, RelationKind::Guides, 4),
        ];
        let ranks = graph_ranks(&links);
        let expected: std::collections::BTreeMap<i64, usize> =
            [(1, 0), (2, 1), (3, 1), (4, 2), (5, 3)].into();
        assert_eq!(ranks, expected);
        // A loop across kinds ends within as many ranks as documents.
        let looping = [
            link(1, RelationKind::Implements, 2),
            link(2, RelationKind::Guides, 1),
        ];
        assert!(graph_ranks(&looping).values().all(|rank| *rank < 2));
    }
}
