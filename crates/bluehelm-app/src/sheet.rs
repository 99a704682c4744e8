//! Files of rows: CSV and XLSX read into the same rows of text, and rows written back in
//! either format. Dates travel as ISO text (YYYY-MM-DD) in both, so a file exported and
//! imported again reads the same; a date typed into a spreadsheet as a date works too.

use std::io::Cursor;

use bluehelm_domain::exchange::RowError;
use calamine::{Data, Reader};

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

/// A file read as a header and rows of text, each row with its line (or spreadsheet row)
/// number; a row that could not be read carries the reason instead.
pub struct Sheet {
    pub header: Vec<String>,
    rows: Vec<(u64, Result<Vec<String>, String>)>,
}

impl Sheet {
    /// Reads CSV or XLSX (the first worksheet). The error says why the file is unreadable.
    pub fn read(bytes: &[u8]) -> Result<Sheet, String> {
        match FileFormat::detect(bytes) {
            FileFormat::Csv => read_csv(bytes),
            FileFormat::Xlsx => read_xlsx(bytes),
        }
    }

    /// The rows with their values picked at `positions` (the expected columns' places in
    /// the header); a row whose length differs from the header's is a fault.
    pub fn rows<'a>(
        &'a self,
        positions: &'a [usize],
    ) -> impl Iterator<Item = (u64, Result<Vec<&'a str>, RowError>)> + 'a {
        let width = self.header.len();
        self.rows.iter().map(move |(line, row)| {
            let line = *line;
            let values = match row {
                Err(reason) => Err(RowError::new(line, "", format!("cannot be read: {reason}"))),
                Ok(values) if values.len() != width => Err(RowError::new(
                    line,
                    "",
                    format!("has {} values; the header has {width}", values.len()),
                )),
                Ok(values) => Ok(positions
                    .iter()
                    .map(|&position| values.get(position).map_or("", String::as_str))
                    .collect()),
            };
            (line, values)
        })
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|error| format!("the file cannot be read as CSV: {error}"))?
        .iter()
        .map(|name| name.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let rows = reader
        .records()
        .enumerate()
        .map(|(index, record)| {
            let line = record
                .as_ref()
                .ok()
                .and_then(|record| record.position())
                .map_or(index as u64 + 2, |position| position.line());
            let values = record
                .map(|record| record.iter().map(str::to_owned).collect())
                .map_err(|error| error.to_string());
            (line, values)
        })
        .collect();
    Ok(Sheet { header, rows })
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, String> {
    let mut workbook = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes))
        .map_err(|error| format!("the file cannot be read as XLSX: {error}"))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or("the workbook has no worksheet")?
        .map_err(|error| format!("the first worksheet cannot be read: {error}"))?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let mut rows = range.rows().enumerate().map(|(index, cells)| {
        let values: Vec<String> = std::iter::repeat_n(String::new(), first_column)
            .chain(cells.iter().map(cell_text))
            .collect();
        (first_row + index as u64 + 1, values)
    });
    let mut header: Vec<String> = rows
        .next()
        .map(|(_, header)| {
            header
                .into_iter()
                .map(|name| name.trim().to_owned())
                .collect()
        })
        .ok_or("the first worksheet is empty")?;
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    // A spreadsheet keeps no trace of empty cells at the end of a row: blank optional
    // columns are filled in, and only cells beyond the header that hold something count.
    let width = header.len();
    let rows = rows
        .filter(|(_, values)| values.iter().any(|value| !value.is_empty()))
        .map(|(line, mut values)| {
            if values.len() > width && values[width..].iter().all(String::is_empty) {
                values.truncate(width);
            }
            if values.len() < width {
                values.resize(width, String::new());
            }
            (line, Ok(values))
        })
        .collect();
    Ok(Sheet { header, rows })
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

    #[test]
    fn a_workbook_reads_back_as_it_was_written() {
        let bytes = xlsx_bytes(
            &["service", "service_number", "expires_on"],
            vec![
                vec!["army".into(), "QN-1".into(), "2027-03-01".into()],
                vec!["police".into(), "".into(), "".into()],
            ],
        )
        .expect("workbook");
        assert_eq!(FileFormat::detect(&bytes), FileFormat::Xlsx);
        let sheet = Sheet::read(&bytes).expect("readable");
        assert_eq!(sheet.header, ["service", "service_number", "expires_on"]);
        let rows: Vec<_> = sheet.rows(&[0, 1, 2]).collect();
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
        let sheet = Sheet::read(b"\xef\xbb\xbfa,b\n1,2\n\"x\ny\",3\n4\n").expect("readable");
        assert_eq!(sheet.header, ["a", "b"]);
        let rows: Vec<_> = sheet.rows(&[1, 0]).collect();
        assert_eq!(rows[0], (2, Ok(vec!["2", "1"])));
        assert_eq!(rows[1].0, 3);
        assert_eq!(rows[2].0, 5);
        assert!(rows[2].1.is_err());
    }
}
