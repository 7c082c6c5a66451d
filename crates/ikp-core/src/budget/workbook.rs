//! The regency's absorption ranking as an Excel workbook: the table the Anggaran page
//! shows, one agency a row, highest absorption first, the regency's total last; then the
//! absorption of each jenis belanja (against the whole pagu, so they add up to it).

use super::jenis::JenisAbsorption;
use super::payload::JenisBelanja;
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
        ("Serapan belanja pegawai", 12.0),
        ("Serapan belanja barang dan jasa", 12.0),
        ("Serapan belanja modal", 12.0),
        ("Serapan hibah dan bansos", 12.0),
        ("Serapan belanja lainnya", 12.0),
        ("Serapan tanpa jenis belanja", 12.0),
    ];
    let mut rows: Vec<Vec<Cell>> = budget
        .agencies
        .iter()
        .enumerate()
        .map(|(index, agency)| {
            let mut row = vec![
                Cell::Count(index as i64 + 1),
                Cell::Text(agency.short_name.clone()),
                Cell::Rupiah(agency.pagu),
                Cell::Rupiah(agency.realized),
                Cell::Permille(i64::from(agency.absorption_permille)),
                Cell::Permille(i64::from(agency.plan_permille)),
                // Ahead of plan is positive, as the page shows it.
                Cell::Permille(-i64::from(agency.deviation_permille)),
                Cell::Permille(i64::from(agency.projected_permille)),
            ];
            row.extend(by_jenis(&agency.jenis));
            row
        })
        .collect();
    let total = &budget.curve;
    let mut total_row = vec![
        Cell::Text(String::new()),
        Cell::Text("Total kabupaten".into()),
        Cell::Rupiah(total.pagu),
        Cell::Rupiah(total.realized),
        Cell::Permille(i64::from(total.absorption_permille)),
        Cell::Permille(i64::from(total.plan_permille)),
        Cell::Permille(-i64::from(total.deviation_permille)),
        Cell::Permille(i64::from(total.projection.permille)),
    ];
    total_row.extend(by_jenis(&budget.jenis));
    rows.push(total_row);
    xlsx::workbook(&Table {
        sheet: format!("Serapan TA {fiscal_year}"),
        columns: columns.iter().map(|(title, width)| ((*title).to_owned(), *width)).collect(),
        rows,
    })
}

/// One cell per jenis belanja, then the realization that named none.
fn by_jenis(parts: &[JenisAbsorption]) -> Vec<Cell> {
    let kinds = JenisBelanja::ALL.into_iter().map(Some).chain([None]);
    kinds
        .map(|jenis| {
            let part = parts.iter().find(|part| part.jenis == jenis);
            Cell::Permille(part.map_or(0, |part| i64::from(part.absorption_permille)))
        })
        .collect()
}
