//! Tables the app shows, written as Excel workbooks for the offices that keep working in
//! Excel: real numbers in the cells (rupiah with an Rp format, shares as percentages),
//! Indonesian headers, the header row frozen, columns wide enough to read. Excel keeps
//! every number as a double: rupiah are exact up to 2^53 sen, far beyond any pagu.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::{CoreError, Result};
use crate::money::Rupiah;

/// One cell, typed as the reader of the sheet should see it.
pub enum Cell {
    Text(String),
    Count(i64),
    Rupiah(Rupiah),
    /// A share in thousandths (602 = 60,2%).
    Permille(i64),
}

/// A sheet: a name (≤ 31 characters, Excel's limit), its headers with their widths (in
/// characters), and its rows.
pub struct Table {
    pub sheet: String,
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook's bytes.
pub fn workbook(table: &Table) -> Result<Vec<u8>> {
    write(table).map_err(|err| CoreError::Storage { message: format!("the workbook could not be written: {err}") })
}

fn write(table: &Table) -> std::result::Result<Vec<u8>, XlsxError> {
    let header = Format::new().set_bold().set_text_wrap();
    let rupiah = Format::new().set_num_format("\"Rp\"#,##0");
    let percent = Format::new().set_num_format("0.0%");
    let count = Format::new().set_num_format("#,##0");
    let mut book = Workbook::new();
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
            };
        }
    }
    book.save_to_buffer()
}
