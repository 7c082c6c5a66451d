//! Tests of the complaint import: mapping, checks by row, all-or-nothing.

use std::io::{Cursor, Write};
use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::*;
use crate::clock::SteppingClock;
use crate::principal::Role;
use crate::{Desk, SetupInput};

/// A minimal workbook as a spreadsheet program saves it: one sheet, shared strings
/// for text and serial numbers for dates (the cell style marks them as dates).
fn workbook(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, value) in row.iter().enumerate() {
            let reference = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if let Some(serial) = value.strip_prefix('#') {
                sheet.push_str(&format!(r#"<c r="{reference}" s="1"><v>{serial}</v></c>"#));
            } else {
                strings.push((*value).to_owned());
                sheet.push_str(&format!(r#"<c r="{reference}" t="s"><v>{}</v></c>"#, strings.len() - 1));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    package(sheet, &strings)
}

/// The parts of a workbook around one sheet's XML.
fn package(sheet: String, strings: &[String]) -> Vec<u8> {
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect::<String>()
    );
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Laporan" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_owned(),
        ),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_xlsx_export_is_read_like_a_csv_one() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(SteppingClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap(), 1_000));
    let mut desk = Desk::open_with_clock(dir.path(), clock).unwrap();
    desk.demo().load().unwrap();
    desk.setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Sekda".into() }).unwrap();
    // 46346 is 20 November 2026 in Excel's serial days.
    let bytes = workbook(&[
        vec!["ID Laporan", "Tanggal Laporan", "Judul", "Kecamatan", "Disposisi", "Status"],
        vec!["LAPOR-X-1", "#46346", "Jembatan putus", "Muaragembong", "SDABMBK", "Proses"],
        vec!["LAPOR-X-2", "#46347", "Sampah di sungai", "Kec. Babelan", "", ""],
    ]);
    let preview = desk.complaints().import("LAPOR! (xlsx)", "laporan.xlsx", &bytes, &[], false).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.rows, preview.new_complaints), (2, 2));
    let first = desk.complaints().detail("LAPOR-X-1").unwrap().complaint;
    assert_eq!(first.received_on, "2026-11-20");
    assert_eq!(first.kecamatan_code.as_deref(), Some("KEC-MUARAGEMBONG"));
    assert_eq!((first.status, first.agency_code.as_deref()), (ComplaintStatus::InProgress, Some("SDABMBK")));
    let second = desk.complaints().detail("LAPOR-X-2").unwrap().complaint;
    assert_eq!((second.received_on.as_str(), second.status), ("2026-11-21", ComplaintStatus::Unverified));
    assert_eq!(second.kecamatan_code.as_deref(), Some("KEC-BABELAN"));
    // The same workbook again changes nothing.
    let again = desk.complaints().import("LAPOR! (xlsx)", "laporan.xlsx", &bytes, &[], false).unwrap();
    assert_eq!((again.new_complaints, again.unchanged), (0, 2));
}

#[test]
fn a_file_that_is_neither_csv_nor_a_workbook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path()).unwrap();
    let refused = desk.complaints().preview_import("x", "x.xlsx", b"PK\x03\x04broken", &[]).unwrap_err();
    assert!(matches!(refused, CoreError::ImportUnreadable { .. }), "{refused:?}");
}

/// One cell at A1 and one at XFD1048576 would make a grid of 17 billion cells: the sheet
/// is refused by name, from its declared size or (when that lies) from its cells, before
/// any grid is allocated, and nothing is imported.
#[test]
fn a_sheet_spanning_the_whole_grid_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(SteppingClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap(), 1_000));
    let mut desk = Desk::open_with_clock(dir.path(), clock).unwrap();
    desk.demo().load().unwrap();
    desk.setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Sekda".into() }).unwrap();
    let before: u32 = desk.store.conn().query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap();
    let cells = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#;
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;
    for dimension in [r#"<dimension ref="A1:XFD1048576"/>"#, r#"<dimension ref="A1:A1"/>"#, ""] {
        let sheet = format!("{head}{dimension}{cells}</worksheet>");
        let bytes = package(sheet, &["ID Laporan".to_owned()]);
        let refused = desk.complaints().import("LAPOR! (xlsx)", "besar.xlsx", &bytes, &[], false).unwrap_err();
        assert!(
            matches!(&refused, CoreError::ImportUnreadable { reason } if reason.contains("Laporan") && reason.contains("XFD1048576")),
            "{dimension}: {refused:?}"
        );
    }
    let after: u32 = desk.store.conn().query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap();
    assert_eq!(after, before);
}
