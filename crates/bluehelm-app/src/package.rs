//! ZIP packages from outside (XLSX workbooks, DOCX and ODT documents), inspected before
//! anything parses them.
//!
//! A package is a few kilobytes that may unpack to gigabytes, and the parsers behind it
//! trust what it declares (calamine reserves a shared-strings table as large as the
//! workbook says it is). [`inspect`] walks every entry with a budget: the declared sizes
//! are checked first, which refuses an honest bomb in microseconds; then every entry is
//! unpacked into nothing, counting, so one that lies about its size, or unpacks at a
//! ratio no office file reaches, is stopped at the first chunk past the limit. Only a
//! package that passes is handed to a parser.

use bluehelm_domain::message::Message;
use std::io::{Cursor, Read};

/// What a package may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageLimits {
    /// Entries in the archive.
    pub entries: usize,
    /// Bytes of all entries together, unpacked.
    pub unpacked_bytes: u64,
    /// Unpacked bytes per packed byte of one entry, past the first mebibyte.
    pub ratio: u64,
    /// Strings a workbook's shared-strings table may declare.
    pub shared_strings: u64,
    /// Unpacked bytes of the shared-strings table, which its reader holds in memory whole.
    pub shared_strings_bytes: u64,
}

/// A package refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageFault {
    /// Not a ZIP archive, encrypted, or damaged.
    Unreadable(String),
    /// A limit was passed: which one, and its value.
    Limit(Limit),
}

/// The limits a file from outside may reach; each breach names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Entries(usize),
    UnpackedBytes(u64),
    Ratio(u64),
    SharedStrings(u64),
    SharedStringBytes(u64),
    Rows(usize),
    Columns(usize),
    Cells(usize),
    CellBytes(usize),
    TextBytes(usize),
}

impl Limit {
    /// The breach as a message: what the file passes, and the limit.
    pub fn reason(self) -> Message {
        const MIB: u64 = 1024 * 1024;
        let count = |value: usize| i64::try_from(value).unwrap_or(i64::MAX);
        let large = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        let (message, max) = match self {
            Limit::Entries(max) => (Message::new("limit.entries"), count(max)),
            Limit::UnpackedBytes(max) => (Message::new("limit.unpacked_mib"), large(max / MIB)),
            Limit::Ratio(max) => (Message::new("limit.ratio"), large(max)),
            Limit::SharedStrings(max) => (Message::new("limit.shared_strings"), large(max)),
            Limit::SharedStringBytes(max) => {
                (Message::new("limit.shared_string_mib"), large(max / MIB))
            }
            Limit::TextBytes(max) => (Message::new("limit.text_mib"), count(max) / large(MIB)),
            Limit::Rows(max) => (Message::new("limit.rows"), count(max)),
            Limit::Columns(max) => (Message::new("limit.columns"), count(max)),
            Limit::Cells(max) => (Message::new("limit.cells"), count(max)),
            Limit::CellBytes(max) => (Message::new("limit.cell_bytes"), count(max)),
        };
        message.number("max", max)
    }
}

/// Unpacked bytes an entry may reach before its ratio is judged: small parts of real
/// files (a styles sheet of repeated tags) compress far better than their bulk does.
const RATIO_FLOOR: u64 = 1024 * 1024;
/// How much of a shared-strings part may come before its `sst` tag closes.
const SST_HEAD: usize = 64 * 1024;

/// Walks every entry of `bytes` within `limits`, and answers the entries' names.
pub fn inspect(bytes: &[u8], limits: &PackageLimits) -> Result<Vec<String>, PackageFault> {
    let unreadable = |error: zip::result::ZipError| PackageFault::Unreadable(error.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > limits.entries {
        return Err(PackageFault::Limit(Limit::Entries(limits.entries)));
    }
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(unreadable)?;
        declared = declared.saturating_add(entry.size());
        if declared > limits.unpacked_bytes {
            return Err(PackageFault::Limit(Limit::UnpackedBytes(
                limits.unpacked_bytes,
            )));
        }
    }
    let mut names = Vec::with_capacity(archive.len());
    let mut unpacked: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(unreadable)?;
        if entry.encrypted() {
            return Err(PackageFault::Unreadable("the package is encrypted".into()));
        }
        let name = entry.name().map_err(unreadable)?.into_owned();
        let packed = entry.compressed_size().max(1);
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut head = Vec::new();
        let mut read: u64 = 0;
        loop {
            let count = entry
                .read(&mut chunk)
                .map_err(|error| PackageFault::Unreadable(error.to_string()))?;
            if count == 0 {
                break;
            }
            read += count as u64;
            unpacked += count as u64;
            if unpacked > limits.unpacked_bytes {
                return Err(PackageFault::Limit(Limit::UnpackedBytes(
                    limits.unpacked_bytes,
                )));
            }
            if read > RATIO_FLOOR && read / packed > limits.ratio {
                return Err(PackageFault::Limit(Limit::Ratio(limits.ratio)));
            }
            if shared_strings && read > limits.shared_strings_bytes {
                return Err(PackageFault::Limit(Limit::SharedStringBytes(
                    limits.shared_strings_bytes,
                )));
            }
            if shared_strings && head.len() < SST_HEAD {
                head.extend_from_slice(&chunk[..count.min(SST_HEAD - head.len())]);
            }
        }
        if shared_strings {
            check_shared_strings_head(&head, limits.shared_strings)?;
        }
        names.push(name);
    }
    Ok(names)
}

/// Refuses a shared-strings part whose `sst` tag declares more strings than allowed (the
/// reader reserves room for them all up front) or does not close within its head.
fn check_shared_strings_head(head: &[u8], most: u64) -> Result<(), PackageFault> {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("sst") else {
        return Err(PackageFault::Unreadable(
            "the shared strings do not begin with their table".into(),
        ));
    };
    let Some(length) = text[start..].find('>') else {
        return Err(PackageFault::Unreadable(
            "the shared strings do not begin with their table".into(),
        ));
    };
    let tag = &text[start..start + length];
    for attribute in ["uniqueCount=", "count="] {
        let mut rest = tag;
        while let Some(at) = rest.find(attribute) {
            let value: String = rest[at + attribute.len()..]
                .chars()
                .skip_while(|c| *c == '"' || *c == '\'')
                .take_while(char::is_ascii_digit)
                .collect();
            if value.len() > 19 || value.parse::<u64>().is_ok_and(|count| count > most) {
                return Err(PackageFault::Limit(Limit::SharedStrings(most)));
            }
            rest = &rest[at + attribute.len()..];
        }
    }
    Ok(())
}

/// Whether `bytes` are a package holding every one of `parts` (an OOXML document holds
/// `[Content_Types].xml` and its main part) within `limits`.
fn holds(bytes: &[u8], parts: &[&str], limits: &PackageLimits) -> bool {
    inspect(bytes, limits).is_ok_and(|names| {
        parts
            .iter()
            .all(|part| names.iter().any(|name| name.eq_ignore_ascii_case(part)))
    })
}

/// Limits for a document attached to a dossier: ten megabytes packed may not unpack
/// into more than a few hundred.
pub const DOCUMENT_LIMITS: PackageLimits = PackageLimits {
    entries: 2_000,
    unpacked_bytes: 256 * 1024 * 1024,
    ratio: 200,
    shared_strings: 1_000_000,
    shared_strings_bytes: 64 * 1024 * 1024,
};

/// Whether a file named with `extension` holds what such a file holds, past its first
/// bytes: an office document is a package with its main part inside (a `.docx` holds a
/// word document, an `.xlsx` a workbook, an `.odt` a text) that unpacks within `limits`.
/// Formats that are not packages answer true; their signatures are the domain's check.
pub fn holds_its_kind(extension: &str, bytes: &[u8], limits: &PackageLimits) -> bool {
    match extension {
        "docx" => holds(bytes, &["[Content_Types].xml", "word/document.xml"], limits),
        "xlsx" => holds(bytes, &["[Content_Types].xml", "xl/workbook.xml"], limits),
        "odt" => {
            holds(bytes, &["mimetype", "content.xml"], limits) && odt_mimetype(bytes).is_some()
        }
        _ => true,
    }
}

fn odt_mimetype(bytes: &[u8]) -> Option<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = archive.by_name("mimetype").ok()?;
    let mut text = String::new();
    entry.by_ref().take(128).read_to_string(&mut text).ok()?;
    (text.trim() == "application/vnd.oasis.opendocument.text").then_some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    pub(crate) const LIMITS: PackageLimits = PackageLimits {
        entries: 100,
        unpacked_bytes: 64 * 1024 * 1024,
        ratio: 100,
        shared_strings: 1_000_000,
        shared_strings_bytes: 16 * 1024 * 1024,
    };

    /// A ZIP archive of `entries`, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            writer.start_file(*name, options).expect("entry");
            writer.write_all(content).expect("content");
        }
        writer.finish().expect("archive").into_inner()
    }

    #[test]
    fn a_deep_ratio_is_refused_at_the_first_chunk_past_it() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
        assert_eq!(
            inspect(&bytes, &LIMITS),
            Err(PackageFault::Limit(Limit::Ratio(100)))
        );
    }

    #[test]
    fn the_declared_total_is_refused_before_anything_unpacks() {
        let small = PackageLimits {
            unpacked_bytes: 1000,
            ..LIMITS
        };
        let bytes = zip_of(&[("a", &[b'a'; 600]), ("b", &[b'b'; 600])]);
        assert_eq!(
            inspect(&bytes, &small),
            Err(PackageFault::Limit(Limit::UnpackedBytes(1000)))
        );
    }

    #[test]
    fn a_shared_strings_table_declaring_billions_is_refused() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
        let bytes = zip_of(&[("xl/sharedStrings.xml", sst)]);
        assert_eq!(
            inspect(&bytes, &LIMITS),
            Err(PackageFault::Limit(Limit::SharedStrings(1_000_000)))
        );
        let huge = br#"<sst uniqueCount="99999999999999999999999999"></sst>"#;
        assert!(inspect(&zip_of(&[("xl/sharedStrings.xml", huge)]), &LIMITS).is_err());
    }

    #[test]
    fn documents_are_judged_by_their_parts() {
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let xlsx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ]);
        assert!(holds_its_kind("docx", &docx, &LIMITS));
        assert!(!holds_its_kind("docx", &xlsx, &LIMITS));
        assert!(holds_its_kind("xlsx", &xlsx, &LIMITS));
        let junk = b"PK\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00";
        assert!(!holds_its_kind("docx", junk, &LIMITS));
        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ]);
        assert!(holds_its_kind("odt", &odt, &LIMITS));
    }
}
