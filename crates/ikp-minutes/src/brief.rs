//! The rapim brief (`ikp_core::brief::Brief`) as an A4 PDF: five short tables on one
//! page, two at most, laid out by `templates/tables.typ`. The tables are worded here
//! (Indonesian, as the brief is handed round the meeting room); the template only lays
//! them out.

use ikp_core::brief::{Brief, Section};
use ikp_core::minutes::document::{indonesian_date, indonesian_day_and_date, percent};

use crate::tables::{Table, TablesDocument};
use crate::RenderError;

pub fn brief_pdf(brief: &Brief) -> Result<Vec<u8>, RenderError> {
    let day = day_text(&brief.date);
    TablesDocument {
        document_title: format!("Bahan Rapat Pimpinan {day}"),
        title: "BAHAN RAPAT PIMPINAN".into(),
        lines: vec![brief.regency.clone(), day.clone()],
        footer: format!("Bahan Rapat Pimpinan · {day}"),
        tables: vec![standing(brief), requests(brief), budget(brief), complaints(brief), stale(brief)],
    }
    .to_pdf()
}

/// The suggested file name: "Bahan Rapim 2026-12-05.pdf".
pub fn brief_file_name(brief: &Brief) -> String {
    format!("Bahan Rapim {}.pdf", brief.date)
}

fn day_text(date: &str) -> String {
    parse(date).map(indonesian_day_and_date).unwrap_or_else(|| date.to_owned())
}

pub(crate) fn date_text(date: &str) -> String {
    parse(date).map(indonesian_date).unwrap_or_else(|| date.to_owned())
}

fn parse(date: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The footer of a section: how many rows it left out, or what an empty one means.
fn footer<T>(section: &Section<T>, empty: &str) -> String {
    if section.rows.is_empty() {
        empty.to_owned()
    } else if section.more > 0 {
        format!("… dan {} perangkat daerah lainnya.", section.more)
    } else {
        String::new()
    }
}

fn standing(brief: &Brief) -> Table {
    let total = &brief.standing_total;
    Table {
        title: "1. Capaian IKP per perangkat daerah".into(),
        summary: format!(
            "{} penugasan aktif: {} sesuai jadwal, {} berisiko, {} lewat tenggat.",
            total.active, total.on_track, total.at_risk, total.overdue
        ),
        columns: vec!["Perangkat daerah", "Aktif", "Sesuai jadwal", "Berisiko", "Lewat tenggat", "Capaian"],
        widths: vec![5, 1, 2, 1, 2, 1],
        figures: vec![false, true, true, true, true, true],
        rows: brief
            .standing
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.short_name.clone(),
                    row.active.to_string(),
                    row.on_track.to_string(),
                    row.at_risk.to_string(),
                    row.overdue.to_string(),
                    percent(row.achievement_permille),
                ]
            })
            .collect(),
        footer: footer(&brief.standing, "Tidak ada instruksi aktif."),
    }
}

fn requests(brief: &Brief) -> Table {
    Table {
        title: "2. Permohonan dialog kinerja menunggu keputusan".into(),
        summary: format!("{} permohonan menunggu keputusan pimpinan.", brief.requests_total),
        columns: vec!["Perangkat daerah", "Permohonan", "Diajukan sejak"],
        widths: vec![5, 2, 3],
        figures: vec![false, true, true],
        rows: brief
            .requests
            .rows
            .iter()
            .map(|row| vec![row.short_name.clone(), row.pending.to_string(), date_text(&row.oldest_requested_on)])
            .collect(),
        footer: footer(&brief.requests, "Tidak ada permohonan yang menunggu."),
    }
}

fn budget(brief: &Brief) -> Table {
    let budget = &brief.budget;
    Table {
        title: format!("3. Serapan anggaran {}", budget.fiscal_year),
        summary: format!(
            "Kabupaten: realisasi {} dari pagu {} ({}); rencana sampai hari ini {}, target akhir tahun {}. \
             Perangkat daerah tertinggal dari rencananya:",
            budget.realized.to_indonesian(),
            budget.pagu.to_indonesian(),
            percent(budget.absorption_permille),
            percent(budget.plan_permille),
            percent(budget.target_permille),
        ),
        columns: vec!["Perangkat daerah", "Pagu", "Realisasi", "Serapan", "Rencana"],
        widths: vec![4, 3, 3, 1, 1],
        figures: vec![false, true, true, true, true],
        rows: budget
            .laggards
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.short_name.clone(),
                    row.pagu.to_indonesian(),
                    row.realized.to_indonesian(),
                    percent(row.absorption_permille),
                    percent(row.plan_permille),
                ]
            })
            .collect(),
        footer: footer(&budget.laggards, "Tidak ada perangkat daerah yang tertinggal dari rencananya."),
    }
}

fn complaints(brief: &Brief) -> Table {
    let complaints = &brief.complaints;
    let rows = complaints
        .by_agency
        .rows
        .iter()
        .map(|group| {
            vec![group.name.clone(), "yang menangani".into(), group.overdue.to_string(), group.open.to_string()]
        })
        .chain(complaints.by_kecamatan.rows.iter().map(|group| {
            vec![group.name.clone(), "lokasi kejadian".into(), group.overdue.to_string(), group.open.to_string()]
        }))
        .collect();
    let more = complaints.by_agency.more + complaints.by_kecamatan.more;
    Table {
        title: "4. Pengaduan SP4N-LAPOR! melewati batas waktu".into(),
        summary: format!("{} pengaduan terbuka, {} melewati batas waktu.", complaints.open, complaints.overdue),
        columns: vec!["Perangkat daerah / kecamatan", "Dihitung menurut", "Lewat batas", "Terbuka"],
        widths: vec![5, 3, 2, 2],
        figures: vec![false, false, true, true],
        rows,
        footer: if complaints.by_agency.rows.is_empty() && complaints.by_kecamatan.rows.is_empty() {
            "Tidak ada pengaduan yang melewati batas waktu.".into()
        } else if more > 0 {
            format!("… dan {more} lainnya.")
        } else {
            String::new()
        },
    }
}

fn stale(brief: &Brief) -> Table {
    let never = |text: &Option<String>, none: &str| text.as_deref().map(date_text).unwrap_or_else(|| none.to_owned());
    Table {
        title: "5. Data perangkat daerah yang belum diperbarui".into(),
        summary: format!(
            "Laporan capaian atau berkas terakhir lebih dari {} hari sebelum tanggal ini.",
            brief.stale_after_days
        ),
        columns: vec!["Perangkat daerah", "Laporan capaian terakhir", "Berkas terakhir diterima"],
        widths: vec![4, 3, 3],
        figures: vec![false, true, true],
        rows: brief
            .stale
            .rows
            .iter()
            .map(|row| {
                let file = if row.has_laptop { never(&row.last_file_on, "belum ada") } else { "tanpa laptop".into() };
                vec![row.short_name.clone(), never(&row.last_report_on, "belum pernah"), file]
            })
            .collect(),
        footer: footer(&brief.stale, "Data semua perangkat daerah terbaru."),
    }
}
