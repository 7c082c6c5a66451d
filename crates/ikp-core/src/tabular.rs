//! Reading a table out of an imported file: CSV (comma or semicolon separated, as
//! Indonesian spreadsheets write it) or the first sheet of an XLSX workbook. Every cell
//! comes back as text, so one checker reads both; numbers and dates that a workbook
//! stores natively are written the way a person would type them here.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

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

/// Rows of cells, the header first.
pub fn read_table(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    if bytes.starts_with(ZIP_MAGIC) {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| unreadable("not a CSV text file (UTF-8) nor an XLSX workbook"))?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record.map(|record| record.iter().map(str::to_owned).collect()).map_err(|err| unreadable(&err.to_string()))
        })
        .collect()
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
        let rows = read_table("\u{feff}kode;tanggal;jumlah\nDP3A;2026-11-20;1.000\n".as_bytes()).unwrap();
        assert_eq!(rows, vec![vec!["kode", "tanggal", "jumlah"], vec!["DP3A", "2026-11-20", "1.000"]]);
    }

    #[test]
    fn a_broken_workbook_is_refused_by_name() {
        let refused = read_table(b"PK\x03\x04 not really a zip");
        assert!(matches!(&refused, Err(CoreError::ImportUnreadable { reason }) if reason.starts_with("XLSX")));
    }
}
