//! The regency's absorption ranking as an Excel workbook: the table the Anggaran page
//! shows, one agency a row, highest absorption first, the regency's total last.

use super::queries::RegencyBudget;
use crate::error::Result;
use crate::xlsx::{self, Cell, Table};

pub fn ranking(budget: &RegencyBudget, fiscal_year: i32) -> Result<Vec<u8>> {
    let columns = [
        ("No", 5.0),
        ("Perangkat daerah", 28.0),
        ("Pagu", 22.0),
        ("Realisasi", 22.0),
        ("Serapan", 10.0),
        ("Rencana", 10.0),
        ("Deviasi", 10.0),
        ("Proyeksi akhir tahun", 12.0),
    ];
    let mut rows: Vec<Vec<Cell>> = budget
        .agencies
        .iter()
        .enumerate()
        .map(|(index, agency)| {
            vec![
                Cell::Count(index as i64 + 1),
                Cell::Text(agency.short_name.clone()),
                Cell::Rupiah(agency.pagu),
                Cell::Rupiah(agency.realized),
                Cell::Permille(i64::from(agency.absorption_permille)),
                Cell::Permille(i64::from(agency.plan_permille)),
                // Ahead of plan is positive, as the page shows it.
                Cell::Permille(-i64::from(agency.deviation_permille)),
                Cell::Permille(i64::from(agency.projected_permille)),
            ]
        })
        .collect();
    let total = &budget.curve;
    rows.push(vec![
        Cell::Text(String::new()),
        Cell::Text("Total kabupaten".into()),
        Cell::Rupiah(total.pagu),
        Cell::Rupiah(total.realized),
        Cell::Permille(i64::from(total.absorption_permille)),
        Cell::Permille(i64::from(total.plan_permille)),
        Cell::Permille(-i64::from(total.deviation_permille)),
        Cell::Permille(i64::from(total.projection.permille)),
    ]);
    xlsx::workbook(&Table {
        sheet: format!("Serapan TA {fiscal_year}"),
        columns: columns.iter().map(|(title, width)| ((*title).to_owned(), *width)).collect(),
        rows,
    })
}
