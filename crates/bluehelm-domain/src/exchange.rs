//! The file formats of bulk import and export: the columns of each file, and the errors of
//! a file named by line, column and reason so a user can fix every one in one pass.

use crate::message::Message;
use crate::person::PersonInput;
use crate::records::{DocumentInput, LanguageInput, QualificationInput};
use crate::string_enum;
use crate::FieldError;

string_enum! {
    /// The files Bluehelm imports and exports: the people, and each kind of sub-record
    /// keyed by the person's service and service number.
    pub enum RecordFile {
        People = "people",
        Documents = "documents",
        Languages = "languages",
        Qualifications = "qualifications",
    }
}

impl RecordFile {
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            RecordFile::People => PERSON_COLUMNS,
            RecordFile::Documents => DOCUMENT_COLUMNS,
            RecordFile::Languages => LANGUAGE_COLUMNS,
            RecordFile::Qualifications => QUALIFICATION_COLUMNS,
        }
    }
}

/// The columns of the identity documents file.
pub const DOCUMENT_COLUMNS: &[&str] = &[
    "service",
    "service_number",
    "kind",
    "number",
    "issued_on",
    "expires_on",
];

/// The columns of the language tests file.
pub const LANGUAGE_COLUMNS: &[&str] = &[
    "service",
    "service_number",
    "language",
    "test",
    "score",
    "level",
    "tested_on",
    "valid_until",
];

/// The columns of the qualifications file; `kind` is a code of the catalogue.
pub const QUALIFICATION_COLUMNS: &[&str] = &[
    "service",
    "service_number",
    "kind",
    "issued_on",
    "expires_on",
    "reference",
];

/// A sub-record on one line of its file, in its file's column order after the two key
/// columns (service, service number).
#[derive(Debug, Clone)]
pub enum SubRecordInput {
    Document(DocumentInput),
    Language(LanguageInput),
    Qualification(QualificationInput),
}

/// The sub-record of a line of `file` (not the people file), values in column order.
pub fn sub_record_input(file: RecordFile, values: &[&str]) -> Option<SubRecordInput> {
    let value = |index: usize| {
        values
            .get(index)
            .map_or(String::new(), |v| v.trim().to_owned())
    };
    match file {
        RecordFile::People => None,
        RecordFile::Documents => Some(SubRecordInput::Document(DocumentInput {
            kind: value(2),
            number: value(3),
            issued_on: value(4),
            expires_on: value(5),
        })),
        RecordFile::Languages => Some(SubRecordInput::Language(LanguageInput {
            language: value(2),
            test: value(3),
            score: value(4),
            level: value(5),
            tested_on: value(6),
            valid_until: value(7),
        })),
        RecordFile::Qualifications => Some(SubRecordInput::Qualification(QualificationInput {
            kind: value(2),
            issued_on: value(3),
            expires_on: value(4),
            reference: value(5),
        })),
    }
}

/// The columns of the people file, in order. `specialties` holds codes separated by `;`.
pub const PERSON_COLUMNS: &[&str] = &[
    "agency_code",
    "service",
    "service_number",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "rank",
    "phone",
    "email",
    "status",
    "specialties",
];

/// One fault of an imported file: its line (the header is line 1) and the fault as a field
/// error whose field is the file's column (empty when the whole line is at fault). The
/// reason is a catalogue key with its arguments, rendered where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub fault: FieldError,
}

impl RowError {
    pub fn new(line: u64, column: impl Into<String>, code: &'static str, reason: Message) -> Self {
        Self {
            line,
            fault: FieldError::said(column, code, reason),
        }
    }

    /// A field error of the record on `line`, placed in the column that holds the field.
    pub fn from_field(line: u64, error: &FieldError) -> Self {
        Self {
            line,
            fault: error.clone(),
        }
    }

    /// The file's column at fault; empty when the whole line is.
    pub fn column(&self) -> &str {
        &self.fault.field
    }
}

/// Checks a header against the expected columns: every one present, in any order, and no
/// other. Answers where each expected column is.
pub fn column_positions(header: &[&str], expected: &[&str]) -> Result<Vec<usize>, Vec<RowError>> {
    let mut errors = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim();
        if !expected.contains(&name) {
            errors.push(RowError::new(
                1,
                name,
                "unknown_value",
                Message::new("import.column_unknown")
                    .number("position", i64::try_from(index + 1).unwrap_or(i64::MAX))
                    .text("expected", expected.join(", ")),
            ));
        } else if header[..index].iter().any(|earlier| earlier.trim() == name) {
            errors.push(RowError::new(
                1,
                name,
                "duplicate",
                Message::new("import.column_twice"),
            ));
        }
    }
    let mut positions = Vec::with_capacity(expected.len());
    for name in expected {
        match header.iter().position(|column| column.trim() == *name) {
            Some(position) => positions.push(position),
            None => errors.push(RowError::new(
                1,
                *name,
                "required",
                Message::new("import.column_missing"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(positions)
    } else {
        Err(errors)
    }
}

/// The person on one line of the people file, in [`PERSON_COLUMNS`] order (the agency
/// code is resolved by the caller).
pub fn person_input(values: &[&str], agency_id: i64) -> PersonInput {
    let value = |index: usize| {
        values
            .get(index)
            .map_or(String::new(), |v| v.trim().to_owned())
    };
    PersonInput {
        agency_id,
        service: value(1),
        service_number: value(2),
        family_name: value(3),
        middle_name: value(4),
        given_name: value(5),
        gender: value(6),
        birth_date: value(7),
        rank: value(8),
        phone: value(9),
        email: value(10),
        status: value(11),
        specialties: value(12)
            .split(';')
            .map(|code| code.trim().to_owned())
            .filter(|code| !code.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_checked_by_name() {
        let mut shuffled: Vec<&str> = PERSON_COLUMNS.to_vec();
        shuffled.swap(0, 3);
        let positions = column_positions(&shuffled, PERSON_COLUMNS).expect("all present");
        assert_eq!(positions[0], 3);
        assert_eq!(positions[3], 0);
        let bad = ["agency_code", "service", "surname", "service"];
        let errors = column_positions(&bad, PERSON_COLUMNS).unwrap_err();
        let columns: Vec<&str> = errors.iter().map(RowError::column).collect();
        assert!(
            columns.contains(&"surname") && columns.contains(&"family_name"),
            "{columns:?}"
        );
        assert!(errors
            .iter()
            .any(|e| e.column() == "service" && e.fault.message == "import.column_twice"));
    }

    #[test]
    fn specialties_are_split() {
        let values = [
            "BQP",
            "army",
            "QN-1",
            "Lê",
            "",
            "Na",
            "female",
            "1990-01-01",
            "dai-uy",
            "",
            "",
            "",
            "nurse; surgeon;",
        ];
        assert_eq!(person_input(&values, 4).specialties, ["nurse", "surgeon"]);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_row_of_any_file_is_checked_without_panicking(
                values in proptest::collection::vec(".{0,30}", 0..16),
                header in proptest::collection::vec("[a-z_ ]{0,15}", 0..16),
            ) {
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                let today = time::macros::date!(2026 - 12 - 05);
                let _ = crate::person::PersonDraft::parse(&person_input(&values, 1), today);
                for file in [RecordFile::Documents, RecordFile::Languages, RecordFile::Qualifications] {
                    let _ = sub_record_input(file, &values);
                }
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                let _ = column_positions(&header, PERSON_COLUMNS);
            }
        }
    }
}
