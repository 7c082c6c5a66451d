//! Tables the app shows, written as Excel workbooks for the offices that keep working in
//! Excel: real numbers in the cells (rupiah with an Rp format, shares as percentages),
//! Indonesian headers, the header row frozen, columns wide enough to read. Excel keeps
//! every number as a double: rupiah are exact up to 2^53 sen, far beyond any pagu.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::error::{CoreError, Result};
use crate::money::Rupiah;
use crate::quantity::Quantity;

/// One cell, typed as the reader of the sheet should see it.
pub enum Cell {
    Text(String),
    Count(i64),
    Rupiah(Rupiah),
    /// A share in thousandths (602 = 60,2%).
    Permille(i64),
    /// An exact decimal (a target, a reported value), as a number.
    Quantity(Quantity),
    /// A calendar day, as a date Excel can sort and filter.
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(value: &str) -> Cell {
        Cell::Text(value.to_owned())
    }

    /// A day written `YYYY-MM-DD` as a date cell (kept as text if it is not one).
    pub fn day(value: &str) -> Cell {
        NaiveDate::parse_from_str(value, "%Y-%m-%d").map_or_else(|_| Cell::text(value), Cell::Date)
    }
}

/// A sheet: a name (≤ 31 characters, Excel's limit), its headers with their widths (in
/// characters), and its rows.
pub struct Table {
    pub sheet: String,
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook's bytes: one sheet.
pub fn workbook(table: &Table) -> Result<Vec<u8>> {
    workbook_of(std::slice::from_ref(table))
}

/// The workbook's bytes: a sheet per table, in order.
pub fn workbook_of(tables: &[Table]) -> Result<Vec<u8>> {
    write(tables).map_err(|err| CoreError::Storage { message: format!("the workbook could not be written: {err}") })
}

fn write(tables: &[Table]) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for table in tables {
        write_sheet(&mut book, table)?;
    }
    book.save_to_buffer()
}

fn write_sheet(book: &mut Workbook, table: &Table) -> std::result::Result<(), XlsxError> {
    let header = Format::new().set_bold().set_text_wrap();
    let rupiah = Format::new().set_num_format("\"Rp\"#,##0");
    let percent = Format::new().set_num_format("0.0%");
    let count = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.####");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name(&table.sheet)?;
    for (col, (title, width)) in table.columns.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, title, &header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, row) in table.rows.iter().enumerate() {
        let row_number = index as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(row_number, col, text)?,
                Cell::Count(number) => sheet.write_number_with_format(row_number, col, *number as f64, &count)?,
                Cell::Rupiah(amount) => {
                    sheet.write_number_with_format(row_number, col, amount.sen() as f64 / 100.0, &rupiah)?
                }
                Cell::Permille(share) => {
                    sheet.write_number_with_format(row_number, col, *share as f64 / 1000.0, &percent)?
                }
                Cell::Quantity(value) => sheet.write_number_with_format(
                    row_number,
                    col,
                    value.ten_thousandths() as f64 / 10_000.0,
                    &decimal,
                )?,
                Cell::Date(day) => {
                    let excel = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
                    sheet.write_datetime_with_format(row_number, col, &excel, &date)?
                }
                Cell::Empty => continue,
            };
        }
    }
    Ok(())
}
