//! The period report (`ikp_core::report::PeriodReport`) as an A4 PDF: a summary, the
//! instructions that ran with each indicator's achievement, and the dialog-kinerja
//! requests, worded here and laid out by `templates/tables.typ`.

use ikp_core::minutes::document::percent;
use ikp_core::report::PeriodReport;
use ikp_core::terms;

use crate::brief::date_text;
use crate::tables::{Table, TablesDocument};
use crate::RenderError;

pub fn report_pdf(report: &PeriodReport) -> Result<Vec<u8>, RenderError> {
    let whose = report.agency.as_ref().map_or_else(|| report.regency.clone(), |agency| agency.name.clone());
    TablesDocument {
        document_title: format!("Laporan IKP {} {whose}", report.period_label),
        title: "LAPORAN CAPAIAN INSTRUKSI KHUSUS PIMPINAN".into(),
        lines: vec![
            whose.clone(),
            format!("{} ({} s.d. {})", report.period_label, date_text(&report.from), date_text(&report.to)),
        ],
        footer: format!("Laporan IKP {} · {whose}", report.period_label),
        tables: vec![summary(report), instructions(report), requests(report)],
    }
    .to_pdf()
}

/// The suggested file name: "Laporan IKP 2026-11 DP3A.pdf", "Laporan IKP 2026-Q4 Kabupaten.xlsx".
pub fn report_file_name(report: &PeriodReport, extension: &str) -> String {
    let whose = report.agency.as_ref().map_or("Kabupaten", |agency| agency.code.as_str());
    let period: String = report.period.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("Laporan IKP {period} {whose}.{extension}")
}

fn summary(report: &PeriodReport) -> Table {
    let budget = &report.budget;
    let complaints = &report.complaints;
    let rows = vec![
        vec!["Instruksi yang berjalan".into(), report.instructions.len().to_string()],
        vec!["Permohonan dialog kinerja diajukan atau diputuskan".into(), report.requests.len().to_string()],
        vec![format!("Pagu anggaran {}", budget.fiscal_year), budget.pagu.to_indonesian()],
        vec![format!("Realisasi per {}", date_text(&budget.as_of)), budget.realized.to_indonesian()],
        vec![
            "Serapan (rencana)".into(),
            format!("{} ({})", percent(budget.absorption_permille), percent(budget.plan_permille)),
        ],
        vec!["Pengaduan SP4N-LAPOR! diterima".into(), complaints.received.to_string()],
        vec!["Pengaduan selesai".into(), complaints.completed.to_string()],
        vec!["Pengaduan melewati batas waktu".into(), complaints.overdue.to_string()],
        vec!["Tingkat tindak lanjut".into(), percent(complaints.follow_up_permille)],
    ];
    Table {
        title: "1. Ringkasan".into(),
        summary: String::new(),
        columns: vec!["Uraian", "Nilai"],
        widths: vec![3, 2],
        figures: vec![false, true],
        rows,
        footer: String::new(),
    }
}

fn instructions(report: &PeriodReport) -> Table {
    let mut rows = Vec::new();
    for instruction in &report.instructions {
        let head = format!(
            "{} {} ({}; {})",
            instruction.number.as_deref().unwrap_or("Draf"),
            instruction.title,
            instruction.lead_agency_short_name,
            terms::indonesian("instructionStatus", instruction.status)
        );
        for (index, indicator) in instruction.indicators.iter().enumerate() {
            rows.push(vec![
                if index == 0 { head.clone() } else { String::new() },
                format!("{} ({})", indicator.name, indicator.agency_short_name),
                with_unit(&indicator.target.indonesian(), &indicator.unit),
                indicator.latest_value.map_or_else(|| "belum ada".into(), |value| value.indonesian()),
                percent(indicator.achievement_permille),
            ]);
        }
    }
    Table {
        title: "2. Instruksi dan capaian indikator".into(),
        summary: format!("{} instruksi berjalan dalam periode ini.", report.instructions.len()),
        columns: vec!["Instruksi", "Indikator", "Target", "Capaian terakhir", "Capaian"],
        widths: vec![5, 5, 2, 2, 1],
        figures: vec![false, false, true, true, true],
        rows,
        footer: if report.instructions.is_empty() {
            "Tidak ada instruksi dalam periode ini.".into()
        } else {
            String::new()
        },
    }
}

fn requests(report: &PeriodReport) -> Table {
    let rows = report
        .requests
        .iter()
        .map(|request| {
            vec![
                date_text(&request.requested_on),
                request.agency_short_name.clone(),
                request.indicator_name.clone(),
                format!(
                    "{} → {}",
                    request.target_when_asked.indonesian(),
                    request.proposed_target.map_or_else(|| "—".into(), |target| target.indonesian())
                ),
                terms::indonesian("negotiationStatus", request.status),
            ]
        })
        .collect();
    Table {
        title: "3. Dialog kinerja".into(),
        summary: format!("{} permohonan diajukan atau diputuskan dalam periode ini.", report.requests.len()),
        columns: vec!["Diajukan", "Perangkat daerah", "Indikator", "Target → usulan", "Status"],
        widths: vec![2, 2, 5, 3, 3],
        figures: vec![false, false, false, true, false],
        rows,
        footer: if report.requests.is_empty() {
            "Tidak ada permohonan dalam periode ini.".into()
        } else {
            String::new()
        },
    }
}

fn with_unit(number: &str, unit: &str) -> String {
    if unit.is_empty() {
        number.to_owned()
    } else {
        format!("{number} {unit}")
    }
}
