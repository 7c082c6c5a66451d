//! The period report as an Excel workbook: a summary sheet, one row per indicator of the
//! instructions that ran, and one row per dialog-kinerja request — real numbers, dates
//! and percentages in the cells, Indonesian headers.

use super::PeriodReport;
use crate::error::Result;
use crate::terms;
use crate::xlsx::{self, Cell, Table};

/// The report as an Excel workbook (summary, instructions and indicators, requests).
pub fn workbook(report: &PeriodReport) -> Result<Vec<u8>> {
    xlsx::workbook_of(&[summary(report), instructions(report), requests(report)])
}

fn columns(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(title, width)| ((*title).to_owned(), *width)).collect()
}

fn summary(report: &PeriodReport) -> Table {
    let whose = report.agency.as_ref().map_or_else(|| report.regency.clone(), |agency| agency.name.clone());
    let budget = &report.budget;
    let complaints = &report.complaints;
    let count = |n: usize| Cell::Count(n as i64);
    let rows = vec![
        vec![Cell::text("Laporan"), Cell::text(&format!("Laporan IKP {}", report.period_label))],
        vec![Cell::text("Untuk"), Cell::text(&whose)],
        vec![Cell::text("Periode"), Cell::text(&format!("{} s.d. {}", report.from, report.to))],
        vec![Cell::text("Instruksi berjalan"), count(report.instructions.len())],
        vec![Cell::text("Permohonan dialog kinerja"), count(report.requests.len())],
        vec![Cell::text("Pagu anggaran"), Cell::Rupiah(budget.pagu)],
        vec![Cell::text("Realisasi anggaran"), Cell::Rupiah(budget.realized)],
        vec![Cell::text("Serapan"), Cell::Permille(i64::from(budget.absorption_permille))],
        vec![Cell::text("Rencana serapan"), Cell::Permille(i64::from(budget.plan_permille))],
        vec![Cell::text("Serapan per tanggal"), Cell::day(&budget.as_of)],
        vec![Cell::text("Pengaduan diterima"), Cell::Count(i64::from(complaints.received))],
        vec![Cell::text("Pengaduan selesai"), Cell::Count(i64::from(complaints.completed))],
        vec![Cell::text("Pengaduan melewati batas waktu"), Cell::Count(i64::from(complaints.overdue))],
        vec![Cell::text("Tingkat tindak lanjut"), Cell::Permille(i64::from(complaints.follow_up_permille))],
    ];
    Table { sheet: "Ringkasan".into(), columns: columns(&[("Uraian", 34.0), ("Nilai", 44.0)]), rows }
}

fn instructions(report: &PeriodReport) -> Table {
    let mut rows = Vec::new();
    for instruction in &report.instructions {
        for indicator in &instruction.indicators {
            rows.push(vec![
                Cell::text(instruction.number.as_deref().unwrap_or_default()),
                Cell::text(&instruction.title),
                Cell::text(&instruction.lead_agency_short_name),
                Cell::text(&terms::indonesian("instructionStatus", instruction.status)),
                Cell::day(&instruction.issued_on),
                Cell::day(&instruction.deadline),
                Cell::text(&indicator.name),
                Cell::text(&indicator.agency_short_name),
                Cell::text(&indicator.unit),
                Cell::Quantity(indicator.target),
                indicator.latest_value.map_or(Cell::Empty, Cell::Quantity),
                indicator.last_reported_on.as_deref().map_or(Cell::Empty, Cell::day),
                Cell::Permille(i64::from(indicator.achievement_permille)),
            ]);
        }
    }
    Table {
        sheet: "Instruksi dan indikator".into(),
        columns: columns(&[
            ("Nomor", 18.0),
            ("Instruksi", 40.0),
            ("Perangkat daerah utama", 16.0),
            ("Status", 18.0),
            ("Diterbitkan", 12.0),
            ("Tenggat", 12.0),
            ("Indikator", 36.0),
            ("Perangkat daerah", 16.0),
            ("Satuan", 12.0),
            ("Target", 12.0),
            ("Capaian terakhir", 12.0),
            ("Dilaporkan", 12.0),
            ("Capaian", 10.0),
        ]),
        rows,
    }
}

fn requests(report: &PeriodReport) -> Table {
    crate::table_export::requests_sheet(&report.requests)
}
