//! Reading a table out of an imported file: CSV (comma or semicolon separated, as
//! Indonesian spreadsheets write it) or the first sheet of an XLSX workbook. Every cell
//! comes back as text, so one checker reads both; numbers and dates that a workbook
//! stores natively are written the way a person would type them here.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use serde::Serialize;

use crate::error::{CoreError, Result};

/// An XLSX workbook is a ZIP archive.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// A cell as a spreadsheet will show it, never run it: text that Excel or LibreOffice
/// would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one)
/// gets a leading single quote, the mark both programs treat as "this is text".
pub fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{cell}")),
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

// The preview shows it, so a name whose letters came out wrong can be traced to the
// file's encoding.
/// How the text of an imported file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FileEncoding {
    /// An XLSX workbook: its text is Unicode whatever computer saved it.
    Xlsx,
    Utf8,
    /// With a byte order mark: what Excel saves as "Unicode Text".
    Utf16,
    /// What Excel on Windows saves a CSV in, in Indonesia as in Europe.
    Windows1252,
}

/// Rows of cells, the header first, and how the file's text was read.
pub struct Table {
    pub rows: Vec<Vec<String>>,
    pub encoding: FileEncoding,
}

pub fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.starts_with(ZIP_MAGIC) {
        Ok(Table { rows: read_xlsx(bytes)?, encoding: FileEncoding::Xlsx })
    } else {
        let (text, encoding) = decode(bytes)?;
        Ok(Table { rows: read_csv(&text)?, encoding })
    }
}

/// A CSV's text: UTF-8 or UTF-16 when a byte order mark says so, UTF-8 when the bytes
/// are valid UTF-8, else Windows-1252. No statistical detector is needed for the files
/// offices send: Windows-1252 text with any accented letter (a single byte from 0xC0)
/// followed by a plain letter is never valid UTF-8, and plain ASCII reads the same
/// either way. Bytes that are not text at all (a NUL, as in an old .xls) are refused
/// by name rather than read as Windows-1252 gibberish.
fn decode(bytes: &[u8]) -> Result<(String, FileEncoding)> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if malformed {
            return Err(unreadable(&format!("the file says it is {} but is not", encoding.name())));
        }
        let read_as = if encoding == UTF_8 { FileEncoding::Utf8 } else { FileEncoding::Utf16 };
        return Ok((text.into_owned(), read_as));
    }
    if bytes.contains(&0) {
        return Err(unreadable("not a CSV text file nor an XLSX workbook"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), FileEncoding::Utf8)),
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), FileEncoding::Windows1252))
        }
    }
}

fn read_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let first_line = text.lines().next().unwrap_or("");
    let count = |separator: char| first_line.matches(separator).count();
    let delimiter = if count('\t') > count(';').max(count(',')) {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    // One record read into again and again: a fresh one per row was two allocations
    // more for each of 100k rows.
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    while reader.read_record(&mut record).map_err(|err| unreadable(&err.to_string()))? {
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// The largest sheet read: far beyond any realization or complaint export, far below
/// what a crafted sheet (one cell at A1, one at XFD1048576) would make a grid allocate.
const MAX_ROWS: u32 = 200_000;
const MAX_COLUMNS: u32 = 256;
const MAX_CELLS: u64 = 2_000_000;

/// The first sheet, read cell by cell so the grid is allocated only after its size is
/// known to be sane: the size declared in the sheet and the size its cells actually
/// span are both checked, and an oversized sheet is refused by name.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|err| unreadable(&format!("XLSX: {err}")))?;
    let name = workbook.sheet_names().first().cloned().ok_or_else(|| unreadable("the workbook has no sheet"))?;
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|err| unreadable(&format!("XLSX: {err}")))?;
    let declared = reader.dimensions();
    refuse_if_oversized(&name, declared.start, declared.end)?;
    let mut cells: Vec<((u32, u32), String)> = Vec::new();
    let (mut low, mut high) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(|err| unreadable(&format!("XLSX: {err}")))? {
        let value = Data::from(cell.get_value().clone());
        if matches!(value, Data::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        (low, high) = ((low.0.min(row), low.1.min(column)), (high.0.max(row), high.1.max(column)));
        refuse_if_oversized(&name, low, high)?;
        cells.push(((row, column), cell_text(&value)));
        if cells.len() as u64 > MAX_CELLS {
            return Err(oversized(&name, low, high));
        }
    }
    if cells.is_empty() {
        return Ok(Vec::new());
    }
    let width = (high.1 - low.1 + 1) as usize;
    let mut rows = vec![vec![String::new(); width]; (high.0 - low.0 + 1) as usize];
    for ((row, column), text) in cells {
        rows[(row - low.0) as usize][(column - low.1) as usize] = text;
    }
    Ok(rows)
}

fn refuse_if_oversized(sheet: &str, start: (u32, u32), end: (u32, u32)) -> Result<()> {
    if end.0 < start.0 || end.1 < start.1 {
        return Ok(());
    }
    let (rows, columns) = (end.0 - start.0 + 1, end.1 - start.1 + 1);
    if rows > MAX_ROWS || columns > MAX_COLUMNS || u64::from(rows) * u64::from(columns) > MAX_CELLS {
        return Err(oversized(sheet, start, end));
    }
    Ok(())
}

fn oversized(sheet: &str, start: (u32, u32), end: (u32, u32)) -> CoreError {
    unreadable(&format!(
        "sheet “{sheet}” spans {}:{}, more than {MAX_ROWS} rows, {MAX_COLUMNS} columns or {MAX_CELLS} cells",
        cell_name(start),
        cell_name(end)
    ))
}

/// A cell's name as a spreadsheet shows it (row and column from 0): (0, 0) is A1.
fn cell_name((row, column): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap_or_default(), u64::from(row) + 1)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => decimal_text(*number),
        Data::Bool(value) => if *value { "ya" } else { "tidak" }.to_owned(),
        Data::DateTime(moment) => match moment.as_datetime() {
            Some(moment) => moment.date().to_string(),
            None => moment.as_f64().to_string(),
        },
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// A spreadsheet number in Indonesian decimal notation ("1250000,5"). Workbooks store
/// numbers as binary floats: a value within a millionth of whole sen is taken as that
/// many sen (what the person typed); anything finer stays as it is, so the amount
/// checker refuses it rather than silently rounding money.
fn decimal_text(number: f64) -> String {
    let sen = (number * 100.0).round();
    let text = if (number * 100.0 - sen).abs() < 1e-6 && sen.abs() < 9e15 {
        let sign = if sen < 0.0 { "-" } else { "" };
        let sen = (sen as i64).unsigned_abs();
        match sen % 100 {
            0 => format!("{sign}{}", sen / 100),
            cents => format!("{sign}{}.{cents:02}", sen / 100),
        }
    } else if number.abs() >= MAX_EXACT_FLOAT {
        // Past 2^53 a workbook's number has lost digits (an 18-digit NIP typed into a
        // number cell): written as the float it is, so no checker takes it for the digits
        // that were typed.
        format!("{number:e}")
    } else {
        number.to_string()
    };
    text.replace('.', ",")
}

/// The largest integer a spreadsheet's binary float holds exactly.
const MAX_EXACT_FLOAT: f64 = 9_007_199_254_740_992.0;

fn unreadable(reason: &str) -> CoreError {
    CoreError::ImportUnreadable { reason: reason.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
        for hostile in ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(inert_cell(hostile), format!("'{hostile}"));
        }
        for plain in ["Jalan rusak", "2026-01-05", "0", "", "'kutip"] {
            assert_eq!(inert_cell(plain), plain);
        }
    }

    #[test]
    fn spreadsheet_numbers_become_the_amounts_people_typed() {
        assert_eq!(decimal_text(1_250_000_000.0), "1250000000");
        assert_eq!(decimal_text(500_000.5), "500000,50");
        assert_eq!(decimal_text(0.1 + 0.2), "0,30");
        assert_eq!(decimal_text(1.0005), "1,0005");
        assert_eq!(decimal_text(-0.5), "-0,50", "a negative amount keeps its sign, so it is refused");
        // An 18-digit NIP in a number cell has lost its last digits: it must not pass as one.
        let nip = decimal_text(197_001_011_990_031_001.0);
        assert!(!nip.chars().all(|c| c.is_ascii_digit()), "{nip}");
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_understood() {
        let table = read_table("\u{feff}kode;tanggal;jumlah\nDP3A;2026-11-20;1.000\n".as_bytes()).unwrap();
        assert_eq!(table.rows, vec![vec!["kode", "tanggal", "jumlah"], vec!["DP3A", "2026-11-20", "1.000"]]);
        assert_eq!(table.encoding, FileEncoding::Utf8);
    }

    #[test]
    fn a_file_excel_saved_on_windows_keeps_its_accents() {
        // "Désa — Cikarang" in Windows-1252: é is 0xE9, the em dash 0x97.
        let table = read_table(b"uraian;jumlah\r\nD\xe9sa \x97 Cikarang;1.000\r\n").unwrap();
        assert_eq!(table.encoding, FileEncoding::Windows1252);
        assert_eq!(table.rows[1], vec!["Désa — Cikarang", "1.000"]);
        // The same text saved as UTF-8 (no mark) is read as UTF-8.
        let table = read_table("uraian;jumlah\nDésa — Cikarang;1.000\n".as_bytes()).unwrap();
        assert_eq!((table.encoding, table.rows[1][0].as_str()), (FileEncoding::Utf8, "Désa — Cikarang"));
    }

    #[test]
    fn excel_unicode_text_is_read_by_its_byte_order_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("kode\tjumlah\r\nDP3A\tRp1.000\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.encoding, FileEncoding::Utf16);
        assert_eq!(table.rows, vec![vec!["kode", "jumlah"], vec!["DP3A", "Rp1.000"]]);
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_by_name() {
        let old_xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00";
        let refused = read_table(old_xls);
        assert!(matches!(&refused, Err(CoreError::ImportUnreadable { reason }) if reason.contains("CSV")));
        let lying = read_table(b"\xEF\xBB\xBFkode\n\xE9\n");
        assert!(matches!(&lying, Err(CoreError::ImportUnreadable { reason }) if reason.contains("UTF-8")));
    }

    #[test]
    fn a_broken_workbook_is_refused_by_name() {
        let refused = read_table(b"PK\x03\x04 not really a zip");
        assert!(matches!(&refused, Err(CoreError::ImportUnreadable { reason }) if reason.starts_with("XLSX")));
    }
}
