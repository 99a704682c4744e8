//! Files of rows: CSV and XLSX read into the same rows of text, and rows written back in
//! either format. Dates travel as ISO text (YYYY-MM-DD) in both, so a file exported and
//! imported again reads the same; a date typed into a spreadsheet as a date works too.

use std::borrow::Cow;
use std::io::Cursor;

use bluehelm_domain::exchange::{column_positions, RowError};
use bluehelm_domain::message::Message;
use calamine::{Data, Reader};

use crate::package::{Limit, PackageFault, PackageLimits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    /// The format of a file's bytes: XLSX files are ZIP archives, anything else is CSV.
    pub fn detect(bytes: &[u8]) -> Self {
        if bytes.starts_with(b"PK\x03\x04") {
            FileFormat::Xlsx
        } else {
            FileFormat::Csv
        }
    }

    /// The format a file name's extension asks for.
    pub fn from_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") {
            Some(FileFormat::Xlsx)
        } else if lower.ends_with(".csv") {
            Some(FileFormat::Csv)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// What a file of rows may ask of the reader. A breach stops the reading at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetLimits {
    /// What an XLSX package may unpack to (its declared dimensions are never trusted).
    pub package: PackageLimits,
    /// Rows after the header.
    pub rows: usize,
    /// Columns, counted from A.
    pub columns: usize,
    /// Cells that hold something.
    pub cells: usize,
    /// Bytes of one cell's text.
    pub cell_bytes: usize,
    /// Bytes of all the text kept: with the shared strings, the reader's memory budget.
    pub text_bytes: usize,
}

/// The limits of the import files: twice the largest pool a ministry keeps, and cells as
/// long as a spreadsheet allows.
pub const IMPORT_LIMITS: SheetLimits = SheetLimits {
    package: PackageLimits {
        entries: 1_000,
        unpacked_bytes: 256 * 1024 * 1024,
        ratio: 200,
        shared_strings: 4_000_000,
        shared_strings_bytes: 128 * 1024 * 1024,
    },
    rows: 200_000,
    columns: 64,
    cells: 4_000_000,
    cell_bytes: 32 * 1024,
    text_bytes: 128 * 1024 * 1024,
};

/// Why a file of rows was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetFault {
    /// It cannot be read as CSV or XLSX: the reason.
    Unreadable(Message),
    /// It passes one of the limits.
    Limit(Limit),
    /// Its header is not the expected one: each fault on line 1.
    Header(Vec<RowError>),
}

impl From<PackageFault> for SheetFault {
    fn from(fault: PackageFault) -> Self {
        match fault {
            PackageFault::Unreadable(reason) => SheetFault::Unreadable(
                Message::new("import.unreadable_xlsx").text("detail", reason),
            ),
            PackageFault::Limit(limit) => SheetFault::Limit(limit),
        }
    }
}

/// A file read as a header and rows of text, each row with its line (or spreadsheet row)
/// number; a row that could not be read carries the reason instead.
#[derive(Debug)]
pub struct Sheet {
    pub header: Vec<String>,
    /// Where each expected column sits in the header.
    pub positions: Vec<usize>,
    rows: Vec<(u64, Result<Vec<String>, String>)>,
}

impl Sheet {
    /// Reads CSV or XLSX (the first worksheet) within `limits`, and checks the header
    /// against `expected` before reading any row after it.
    pub fn read(
        bytes: &[u8],
        limits: &SheetLimits,
        expected: &[&str],
    ) -> Result<Sheet, SheetFault> {
        match FileFormat::detect(bytes) {
            FileFormat::Csv => read_csv(bytes, limits, expected),
            FileFormat::Xlsx => read_xlsx(bytes, limits, expected),
        }
    }

    /// The rows with the expected columns' values, in their order; a row whose length
    /// differs from the header's is a fault.
    pub fn rows(&self) -> impl Iterator<Item = (u64, Result<Vec<&str>, RowError>)> + '_ {
        let width = self.header.len();
        self.rows.iter().map(move |(line, row)| {
            let line = *line;
            let values = match row {
                Err(reason) => Err(RowError::new(
                    line,
                    "",
                    "unreadable",
                    Message::new("import.line_unreadable").text("detail", reason.clone()),
                )),
                Ok(values) if values.len() != width => Err(RowError::new(
                    line,
                    "",
                    "invalid",
                    Message::new("import.line_width")
                        .number("values", count(values.len()))
                        .number("header", count(width)),
                )),
                Ok(values) => Ok(self
                    .positions
                    .iter()
                    .map(|&position| values.get(position).map_or("", String::as_str))
                    .collect()),
            };
            (line, values)
        })
    }
}

/// A count as a message argument.
fn count(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn header_positions(header: &[String], expected: &[&str]) -> Result<Vec<usize>, SheetFault> {
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    column_positions(&names, expected).map_err(SheetFault::Header)
}

fn read_csv(bytes: &[u8], limits: &SheetLimits, expected: &[&str]) -> Result<Sheet, SheetFault> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|error| {
            SheetFault::Unreadable(
                Message::new("import.unreadable_csv").text("detail", error.to_string()),
            )
        })?
        .iter()
        .map(|name| name.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    if header.len() > limits.columns {
        return Err(SheetFault::Limit(Limit::Columns(limits.columns)));
    }
    let positions = header_positions(&header, expected)?;
    let mut rows = Vec::new();
    let mut cells = 0usize;
    let mut text_bytes = 0usize;
    for (index, record) in reader.records().enumerate() {
        if index >= limits.rows {
            return Err(SheetFault::Limit(Limit::Rows(limits.rows)));
        }
        let line = record
            .as_ref()
            .ok()
            .and_then(|record| record.position())
            .map_or(index as u64 + 2, |position| position.line());
        let values = match record {
            Ok(record) => {
                if record.len() > limits.columns {
                    return Err(SheetFault::Limit(Limit::Columns(limits.columns)));
                }
                cells += record.len();
                if cells > limits.cells {
                    return Err(SheetFault::Limit(Limit::Cells(limits.cells)));
                }
                if record.iter().any(|value| value.len() > limits.cell_bytes) {
                    return Err(SheetFault::Limit(Limit::CellBytes(limits.cell_bytes)));
                }
                text_bytes += record.as_slice().len();
                if text_bytes > limits.text_bytes {
                    return Err(SheetFault::Limit(Limit::TextBytes(limits.text_bytes)));
                }
                Ok(record
                    .iter()
                    .map(|value| from_csv_cell(value).to_owned())
                    .collect())
            }
            Err(error) => Err(error.to_string()),
        };
        rows.push((line, values));
    }
    Ok(Sheet {
        header,
        positions,
        rows,
    })
}

/// The first characters that make a spreadsheet program read a CSV cell as a formula.
const FORMULA_PREFIXES: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A value as a CSV cell that a spreadsheet program shows as text and never runs: one
/// that would start a formula (`=HYPERLINK(…)`, but also a phone number `+84…`) is
/// prefixed with an apostrophe. Every CSV export writes its cells through this.
pub fn csv_cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_PREFIXES) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The value a [`csv_cell`] holds: a file exported and imported again reads the same.
fn from_csv_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_PREFIXES) => rest,
        _ => cell,
    }
}

/// Reads the first worksheet cell by cell, never through its declared dimensions (two
/// cells at A1 and XFD1048576 declare a range of seventeen billion).
fn read_xlsx(bytes: &[u8], limits: &SheetLimits, expected: &[&str]) -> Result<Sheet, SheetFault> {
    crate::package::inspect(bytes, &limits.package)?;
    let unreadable = |error: calamine::XlsxError| {
        SheetFault::Unreadable(
            Message::new("import.unreadable_xlsx").text("detail", error.to_string()),
        )
    };
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| SheetFault::Unreadable(Message::new("import.no_worksheet")))?;
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(unreadable)?;
    let mut sheet = Sheet {
        header: Vec::new(),
        positions: Vec::new(),
        rows: Vec::new(),
    };
    let mut row: Option<(u32, Vec<String>)> = None;
    let mut count = 0usize;
    let mut text_bytes = 0usize;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (at_row, at_column) = cell.get_position();
        // The row before is complete: the header is judged before any cell of the body.
        if row.as_ref().is_some_and(|(number, _)| *number != at_row) {
            sheet.take_row(row.take(), expected)?;
        }
        if at_column as usize >= limits.columns {
            return Err(SheetFault::Limit(Limit::Columns(limits.columns)));
        }
        if at_row as usize > limits.rows {
            return Err(SheetFault::Limit(Limit::Rows(limits.rows)));
        }
        count += 1;
        if count > limits.cells {
            return Err(SheetFault::Limit(Limit::Cells(limits.cells)));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.len() > limits.cell_bytes {
            return Err(SheetFault::Limit(Limit::CellBytes(limits.cell_bytes)));
        }
        text_bytes += text.len();
        if text_bytes > limits.text_bytes {
            return Err(SheetFault::Limit(Limit::TextBytes(limits.text_bytes)));
        }
        let values = &mut row.get_or_insert_with(|| (at_row, Vec::new())).1;
        if !text.is_empty() {
            let column = at_column as usize;
            if values.len() <= column {
                values.resize(column + 1, String::new());
            }
            values[column] = text;
        }
    }
    sheet.take_row(row, expected)?;
    if sheet.header.is_empty() {
        return Err(SheetFault::Unreadable(Message::new(
            "import.empty_worksheet",
        )));
    }
    Ok(sheet)
}

impl Sheet {
    /// Takes a worksheet row that holds something: the first is the header, checked at
    /// once; the others are filled out to the header's width (a spreadsheet keeps no trace
    /// of blank cells at the end of a row), and only cells beyond it that hold something
    /// make a row too long.
    fn take_row(
        &mut self,
        row: Option<(u32, Vec<String>)>,
        expected: &[&str],
    ) -> Result<(), SheetFault> {
        let Some((number, mut values)) = row else {
            return Ok(());
        };
        if values.iter().all(String::is_empty) {
            return Ok(());
        }
        if self.header.is_empty() {
            let mut header: Vec<String> = values
                .into_iter()
                .map(|name| name.trim().to_owned())
                .collect();
            while header.last().is_some_and(String::is_empty) {
                header.pop();
            }
            self.positions = header_positions(&header, expected)?;
            self.header = header;
            return Ok(());
        }
        let width = self.header.len();
        if values.len() < width {
            values.resize(width, String::new());
        }
        self.rows.push((u64::from(number) + 1, Ok(values)));
        Ok(())
    }
}

/// A cell as the text a user typed: whole numbers without a decimal point, dates as ISO.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(value) => value.to_string(),
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", *value as i64)
        }
        Data::Float(value) => value.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(value) => excel_date(value.as_f64()),
    }
}

/// An Excel serial day number as YYYY-MM-DD (day 1 is 1900-01-01; Excel's phantom
/// 1900-02-29 makes the epoch 1899-12-30 for every date after February 1900).
fn excel_date(serial: f64) -> String {
    let epoch = time::macros::date!(1899 - 12 - 30);
    match epoch.checked_add(time::Duration::days(serial.floor() as i64)) {
        Some(day) => day.to_string(),
        None => serial.to_string(),
    }
}

/// Rows as an XLSX workbook of one worksheet, every cell as text, the header in bold.
pub fn xlsx_bytes(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (column, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *name, &bold)?;
        sheet.set_column_width(column as u16, 16)?;
    }
    for (index, row) in rows.into_iter().enumerate() {
        for (column, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(index as u32 + 1, column as u16, value)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::tests::zip_of;

    const COLUMNS: &[&str] = &["service", "service_number", "expires_on"];

    #[test]
    fn a_workbook_reads_back_as_it_was_written() {
        let bytes = xlsx_bytes(
            COLUMNS,
            vec![
                vec!["army".into(), "QN-1".into(), "2027-03-01".into()],
                vec!["police".into(), "".into(), "".into()],
            ],
        )
        .expect("workbook");
        assert_eq!(FileFormat::detect(&bytes), FileFormat::Xlsx);
        let sheet = Sheet::read(&bytes, &IMPORT_LIMITS, COLUMNS).expect("readable");
        assert_eq!(sheet.header, COLUMNS);
        let rows: Vec<_> = sheet.rows().collect();
        assert_eq!(rows[0].0, 2);
        assert_eq!(
            rows[0].1.as_ref().expect("row"),
            &["army", "QN-1", "2027-03-01"]
        );
        // Blank cells at the end of a row are blank values, not a short row.
        assert_eq!(rows[1].1.as_ref().expect("row"), &["police", "", ""]);
    }

    #[test]
    fn spreadsheet_numbers_and_dates_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(1234567.0)), "1234567");
        assert_eq!(cell_text(&Data::Float(6.5)), "6.5");
        assert_eq!(excel_date(46082.0), "2026-03-01");
        assert_eq!(excel_date(45658.75), "2025-01-01");
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let sheet = Sheet::read(
            b"\xef\xbb\xbfb,a\n1,2\n\"x\ny\",3\n4\n",
            &IMPORT_LIMITS,
            &["a", "b"],
        )
        .expect("readable");
        assert_eq!(sheet.header, ["b", "a"]);
        let rows: Vec<_> = sheet.rows().collect();
        assert_eq!(rows[0], (2, Ok(vec!["2", "1"])));
        assert_eq!(rows[1].0, 3);
        assert_eq!(rows[2].0, 5);
        assert!(rows[2].1.is_err());
    }

    /// A workbook whose one worksheet holds `sheet_data` (the inside of `<sheetData>`).
    fn workbook(sheet_data: &str, dimension: &str) -> Vec<u8> {
        let worksheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        zip_of(&[
            ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", worksheet.as_bytes()),
        ])
    }

    fn inline(reference: &str, text: &str) -> String {
        format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn a_sparse_range_to_the_last_cell_is_refused_without_allocating_it() {
        let data = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            inline("A1", "service"),
            inline("XFD1048576", "x")
        );
        let bytes = workbook(&data, "A1:XFD1048576");
        assert_eq!(
            Sheet::read(&bytes, &IMPORT_LIMITS, &["service"]).expect_err("refused"),
            SheetFault::Limit(Limit::Columns(64))
        );
        let data = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            inline("A1", "service"),
            inline("M1048576", "x")
        );
        assert_eq!(
            Sheet::read(
                &workbook(&data, "A1:M1048576"),
                &IMPORT_LIMITS,
                &["service"]
            )
            .expect_err("refused"),
            SheetFault::Limit(Limit::Rows(200_000))
        );
    }

    #[test]
    fn a_declared_dimension_is_not_trusted() {
        let data = format!(
            r#"<row r="1">{}</row><row r="2">{}</row>"#,
            inline("A1", "service"),
            inline("A2", "army")
        );
        let sheet = Sheet::read(
            &workbook(&data, "A1:XFD1048576"),
            &IMPORT_LIMITS,
            &["service"],
        )
        .expect("two real cells read");
        assert_eq!(sheet.rows().count(), 1);
    }

    #[test]
    fn a_wrong_header_is_refused_before_the_body_is_read() {
        // The body would pass the row limit; the header stops the reading first.
        let data = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            inline("A1", "name"),
            inline("A1048576", "x")
        );
        assert!(matches!(
            Sheet::read(&workbook(&data, "A1"), &IMPORT_LIMITS, &["service"]),
            Err(SheetFault::Header(_))
        ));
    }

    #[test]
    fn csv_beyond_its_limits_is_refused() {
        let small = SheetLimits {
            rows: 2,
            ..IMPORT_LIMITS
        };
        assert_eq!(
            Sheet::read(b"a\n1\n2\n3\n", &small, &["a"]).expect_err("refused"),
            SheetFault::Limit(Limit::Rows(2))
        );
        let wide = format!("a{}\n", ",x".repeat(64));
        assert_eq!(
            Sheet::read(wide.as_bytes(), &IMPORT_LIMITS, &["a"]).expect_err("refused"),
            SheetFault::Limit(Limit::Columns(64))
        );
        let long = format!("a\n{}\n", "x".repeat(40_000));
        assert_eq!(
            Sheet::read(long.as_bytes(), &IMPORT_LIMITS, &["a"]).expect_err("refused"),
            SheetFault::Limit(Limit::CellBytes(32 * 1024))
        );
    }

    #[test]
    fn formula_cells_are_written_as_text_and_read_back() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_cell("+84912345678"), "'+84912345678");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("Nguyễn"), "Nguyễn");
        for value in ["=1+1", "+84912345678", "Nguyễn", "'quoted"] {
            assert_eq!(from_csv_cell(&csv_cell(value)), value);
        }
    }

    mod properties {
        use proptest::prelude::*;
        use proptest::sample::Index;

        use super::*;

        const COLUMNS: &[&str] = &["service", "name"];

        fn read_all(bytes: &[u8]) {
            if let Ok(sheet) = Sheet::read(bytes, &IMPORT_LIMITS, COLUMNS) {
                for (_, row) in sheet.rows() {
                    let _ = row;
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
                read_all(&bytes);
            }

            #[test]
            fn any_csv_text_is_read_or_refused(text in "[a-z,;\"'=+@\\n\\r \\tàễ\u{202E}\u{FEFF}]{0,400}") {
                read_all(format!("service,name\n{text}").as_bytes());
                read_all(text.as_bytes());
            }

            #[test]
            fn a_mutated_workbook_is_read_or_refused(
                flips in proptest::collection::vec((any::<Index>(), any::<u8>()), 0..6),
                cut in proptest::option::of(any::<Index>()),
            ) {
                let data = format!(
                    r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
                    inline("A1", "service"),
                    inline("B1", "name"),
                    inline("A2", "army"),
                    inline("B2", "Hoa")
                );
                let mut bytes = workbook(&data, "A1:B2");
                for (at, value) in flips {
                    let at = at.index(bytes.len());
                    bytes[at] = value;
                }
                if let Some(cut) = cut {
                    bytes.truncate(cut.index(bytes.len()));
                }
                read_all(&bytes);
                let _ = crate::package::holds_its_kind("docx", &bytes, &crate::package::DOCUMENT_LIMITS);
            }
        }
    }
}
