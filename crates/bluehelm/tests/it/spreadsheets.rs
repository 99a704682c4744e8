//! Workbooks built for the tests and the benchmark of the file reader: the bombs a
//! hostile file can hold, and a valid people file of any size.

use std::io::{Cursor, Write};

/// A deflated workbook whose first worksheet holds `sheet_data`, and `shared_strings`
/// when given.
pub fn workbook(sheet_data: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut part = |name: &str, content: &[u8]| {
        writer.start_file(name, options).expect("entry");
        writer.write_all(content).expect("write");
    };
    part("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#);
    part("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    part("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let mut relations = String::from(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    );
    if shared_strings.is_some() {
        relations.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    relations.push_str("</Relationships>");
    part("xl/_rels/workbook.xml.rels", relations.as_bytes());
    if let Some(table) = shared_strings {
        part("xl/sharedStrings.xml", table);
    }
    let mut sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    sheet.extend_from_slice(sheet_data);
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    part("xl/worksheets/sheet1.xml", &sheet);
    writer.finish().expect("finish").into_inner()
}

fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ascii")
}

/// One row of inline strings, from column A.
pub fn row(number: usize, values: &[&str]) -> String {
    let mut xml = format!(r#"<row r="{number}">"#);
    for (index, value) in values.iter().enumerate() {
        if !value.is_empty() {
            xml.push_str(&format!(
                r#"<c r="{}{number}" t="inlineStr"><is><t>{value}</t></is></c>"#,
                column_letters(index)
            ));
        }
    }
    xml.push_str("</row>");
    xml
}

const DOCUMENT_HEADER: &[&str] = &[
    "service",
    "service_number",
    "kind",
    "number",
    "issued_on",
    "expires_on",
];

const PEOPLE_HEADER: &[&str] = &[
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

/// The bombs of the issue, each with words its refusal must carry.
pub fn bombs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let header = row(1, DOCUMENT_HEADER);
    let sparse = format!(
        r#"{header}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#
    );
    let tall = format!(
        r#"{header}<row r="1048576"><c r="M1048576" t="inlineStr"><is><t>x</t></is></c></row>"#
    );
    let declared = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
    // Whitespace between two rows: legal XML, a thousand to one when deflated.
    let mut deep = header.into_bytes();
    deep.resize(deep.len() + 96 * 1024 * 1024, b' ');
    vec![
        (
            "a sparse range to the last cell",
            workbook(sparse.as_bytes(), None),
            "ngoài cột thứ 64",
        ),
        (
            "a range to the last row",
            workbook(tall.as_bytes(), None),
            "hơn 200000 dòng",
        ),
        (
            "a shared-strings table declaring billions",
            workbook(row(1, DOCUMENT_HEADER).as_bytes(), Some(declared)),
            "chuỗi dùng chung",
        ),
        (
            "a part unpacking at a thousand to one",
            workbook(&deep, None),
            "lần kích thước nén",
        ),
    ]
}

/// The people file of `count` rows, as a workbook.
pub fn people_workbook(count: usize) -> Vec<u8> {
    let mut data = row(1, PEOPLE_HEADER);
    for n in 0..count {
        let number = format!("QN-{n:06}");
        let given = format!("Số {n}");
        data.push_str(&row(
            n + 2,
            &[
                "BQP-HVQY",
                "army",
                &number,
                "Nguyễn",
                "Văn",
                &given,
                "male",
                "1990-01-01",
                "dai-uy",
                "",
                "",
                "available",
                "",
            ],
        ));
    }
    workbook(data.as_bytes(), None)
}
