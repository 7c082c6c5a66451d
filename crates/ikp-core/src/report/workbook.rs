//! The period report as an Excel workbook: a summary sheet, one row per indicator of the
//! instructions that ran, and one row per dialog-kinerja request — real numbers, dates
//! and percentages in the cells, Indonesian headers.

use chrono::NaiveDate;

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

fn date(day: &str) -> Cell {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_or_else(|_| Cell::Text(day.to_owned()), Cell::Date)
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_owned())
}

fn summary(report: &PeriodReport) -> Table {
    let whose = report.agency.as_ref().map_or_else(|| report.regency.clone(), |agency| agency.name.clone());
    let budget = &report.budget;
    let complaints = &report.complaints;
    let count = |n: usize| Cell::Count(n as i64);
    let rows = vec![
        vec![text("Laporan"), text(&format!("Laporan IKP {}", report.period_label))],
        vec![text("Untuk"), text(&whose)],
        vec![text("Periode"), text(&format!("{} s.d. {}", report.from, report.to))],
        vec![text("Instruksi berjalan"), count(report.instructions.len())],
        vec![text("Permohonan dialog kinerja"), count(report.requests.len())],
        vec![text("Pagu anggaran"), Cell::Rupiah(budget.pagu)],
        vec![text("Realisasi anggaran"), Cell::Rupiah(budget.realized)],
        vec![text("Serapan"), Cell::Permille(i64::from(budget.absorption_permille))],
        vec![text("Rencana serapan"), Cell::Permille(i64::from(budget.plan_permille))],
        vec![text("Serapan per tanggal"), date(&budget.as_of)],
        vec![text("Pengaduan diterima"), Cell::Count(i64::from(complaints.received))],
        vec![text("Pengaduan selesai"), Cell::Count(i64::from(complaints.completed))],
        vec![text("Pengaduan melewati batas waktu"), Cell::Count(i64::from(complaints.overdue))],
        vec![text("Tingkat tindak lanjut"), Cell::Permille(i64::from(complaints.follow_up_permille))],
    ];
    Table { sheet: "Ringkasan".into(), columns: columns(&[("Uraian", 34.0), ("Nilai", 44.0)]), rows }
}

fn instructions(report: &PeriodReport) -> Table {
    let mut rows = Vec::new();
    for instruction in &report.instructions {
        for indicator in &instruction.indicators {
            rows.push(vec![
                text(instruction.number.as_deref().unwrap_or_default()),
                text(&instruction.title),
                text(&instruction.lead_agency_short_name),
                text(&terms::indonesian("instructionStatus", instruction.status)),
                date(&instruction.issued_on),
                date(&instruction.deadline),
                text(&indicator.name),
                text(&indicator.agency_short_name),
                text(&indicator.unit),
                Cell::Quantity(indicator.target),
                indicator.latest_value.map_or(Cell::Empty, Cell::Quantity),
                indicator.last_reported_on.as_deref().map_or(Cell::Empty, date),
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
    let rows = report
        .requests
        .iter()
        .map(|request| {
            let standing = request.decisions.iter().find(|decision| decision.standing);
            vec![
                date(&request.requested_on),
                text(&request.agency_short_name),
                text(request.instruction_number.as_deref().unwrap_or_default()),
                text(&request.indicator_name),
                text(&request.unit),
                Cell::Quantity(request.target_when_asked),
                request.proposed_target.map_or(Cell::Empty, Cell::Quantity),
                text(&terms::indonesian("negotiationStatus", request.status)),
                Cell::Quantity(request.effective_target),
                standing.map_or(Cell::Empty, |decision| text(&decision.note)),
            ]
        })
        .collect();
    Table {
        sheet: "Dialog kinerja".into(),
        columns: columns(&[
            ("Diajukan", 12.0),
            ("Perangkat daerah", 16.0),
            ("Nomor instruksi", 18.0),
            ("Indikator", 36.0),
            ("Satuan", 12.0),
            ("Target semula", 12.0),
            ("Usulan", 12.0),
            ("Status", 22.0),
            ("Target berlaku", 12.0),
            ("Catatan keputusan", 36.0),
        ]),
        rows,
    }
}
