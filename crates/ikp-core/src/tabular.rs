//! Reading a table out of an imported file: CSV (comma or semicolon separated, as
//! Indonesian spreadsheets write it) or the first sheet of an XLSX workbook. Every cell
//! comes back as text, so one checker reads both; numbers and dates that a workbook
//! stores natively are written the way a person would type them here.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::{CoreError, Result};

/// An XLSX workbook is a ZIP archive.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

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

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|err| unreadable(&format!("XLSX: {err}")))?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("the workbook has no sheet"))?
        .map_err(|err| unreadable(&format!("XLSX: {err}")))?;
    Ok(sheet.rows().map(|row| row.iter().map(cell_text).collect()).collect())
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
    } else {
        number.to_string()
    };
    text.replace('.', ",")
}

fn unreadable(reason: &str) -> CoreError {
    CoreError::ImportUnreadable { reason: reason.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_numbers_become_the_amounts_people_typed() {
        assert_eq!(decimal_text(1_250_000_000.0), "1250000000");
        assert_eq!(decimal_text(500_000.5), "500000,50");
        assert_eq!(decimal_text(0.1 + 0.2), "0,30");
        assert_eq!(decimal_text(1.0005), "1,0005");
        assert_eq!(decimal_text(-0.5), "-0,50", "a negative amount keeps its sign, so it is refused");
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
