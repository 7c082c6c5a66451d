//! `ikp bench minutes`: exporting a notulen with many decisions to DOCX and PDF, side by
//! side with LibreOffice converting the same DOCX to PDF (what an office would otherwise
//! run), in one run on one machine.

use std::fmt;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::SystemClock;
use ikp_core::minutes::ops::{AgendaItemInput, AttendeeInput, MeetingDetailsInput};
use ikp_core::minutes::payload::{AgendaKind, Official, Presence};
use ikp_core::negotiation::ops::DecisionInput;
use ikp_core::negotiation::Outcome;
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk, SetupInput};
use ikp_minutes::Format;
use serde::Serialize;

#[derive(Serialize)]
pub struct MinutesBench {
    pub decisions: usize,
    pub pdf_pages: u32,
    pub docx_bytes: usize,
    pub pdf_bytes: usize,
    /// First export in this process (Typst's library and fonts loaded on the way).
    pub first_docx_and_pdf_ms: f64,
    /// Median over the repetitions that follow.
    pub docx_ms: f64,
    pub pdf_ms: f64,
    pub docx_and_pdf_ms: f64,
    /// `libreoffice --headless --convert-to pdf` of the same DOCX, median of its runs.
    pub libreoffice_ms: Option<f64>,
    /// Ours (first export, DOCX + PDF) ÷ LibreOffice's.
    pub ratio_first: Option<f64>,
    pub ratio_warm: Option<f64>,
}

impl fmt::Display for MinutesBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "notulen with {} decisions: PDF {} pages, {} bytes; DOCX {} bytes",
            self.decisions, self.pdf_pages, self.pdf_bytes, self.docx_bytes
        )?;
        writeln!(f, "ours, first in process (DOCX + PDF): {:>9.1} ms", self.first_docx_and_pdf_ms)?;
        writeln!(
            f,
            "ours, warm median: DOCX {:.1} ms + PDF {:.1} ms = {:.1} ms",
            self.docx_ms, self.pdf_ms, self.docx_and_pdf_ms
        )?;
        match (self.libreoffice_ms, self.ratio_first, self.ratio_warm) {
            (Some(lo), Some(first), Some(warm)) => writeln!(
                f,
                "libreoffice --headless --convert-to pdf (same DOCX): {lo:.1} ms\nratio ours/LibreOffice: first {first:.3}, warm {warm:.3} (goal ≤ 0.2)"
            ),
            _ => writeln!(f, "libreoffice not found: nothing to compare with"),
        }
    }
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

pub fn run(decisions: u32, repeat: u32, libreoffice_runs: u32) -> Result<MinutesBench, CoreError> {
    let dir = tempfile::tempdir()?;
    let mut desk = Desk::open_profile(dir.path(), Some("bench-regent"), Arc::new(SystemClock))?;
    desk.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati (bench)".into() })?;
    desk.demo().generate_meeting_queue(decisions)?;
    let official = |name: &str, title: &str| Official {
        name: name.into(),
        title: title.into(),
        rank: "Pembina Utama Madya (IV/d)".into(),
        nip: "196805121990031004".into(),
    };
    let held_on = desk.today().to_string();
    let view = desk.minutes().create(MeetingDetailsInput {
        title: "Rapat Pimpinan (bench)".into(),
        number: "005/999/Setda".into(),
        held_on,
        start_time: "09.00".into(),
        end_time: "12.00".into(),
        place: "Ruang Rapat KH. R. Ma'mun Nawawi, Kompleks Pemkab, Cikarang Pusat".into(),
        chair: official("H. Ahmad Suryana, S.H., M.Si.", "Pj. Bupati Bekasi"),
        secretary: official("Dr. Hj. Rina Marlina, M.Si.", "Sekretaris Daerah"),
        notulis: official("Dedi Kurniawan, S.IP.", "Analis Kebijakan Ahli Muda"),
    })?;
    let meeting_id = view.meeting.id;
    for (kind, title) in [
        (AgendaKind::Negotiations, "Permohonan perubahan target"),
        (AgendaKind::BudgetAbsorption, "Serapan anggaran"),
        (AgendaKind::OverdueInstructions, "Instruksi melewati tenggat"),
    ] {
        desk.minutes().set_agenda_item(AgendaItemInput {
            meeting_id: meeting_id.clone(),
            item_id: None,
            position: None,
            kind,
            title: title.into(),
            fiscal_year: None,
            removed: false,
            requests: None,
        })?;
    }
    for agency in ["DP3A", "BPBD", "SDABMBK", "DLH", "DINKES"] {
        desk.minutes().set_attendee(AttendeeInput {
            meeting_id: meeting_id.clone(),
            attendee_id: None,
            agency_code: Some(agency.into()),
            name: format!("Kepala {agency}"),
            position: format!("Kepala {agency}"),
            presence: Presence::Present,
            removed: false,
        })?;
    }
    let ids = super::queued_request_ids(&mut desk, decisions as usize)?;
    for (position, id) in ids.iter().enumerate() {
        desk.negotiations().decide(DecisionInput {
            negotiation_id: id.clone(),
            outcome: if position % 3 == 0 { Outcome::Reject } else { Outcome::Approve },
            counter_target: None,
            counter_deadline: None,
            note: "Diputuskan dalam rapat pimpinan.".into(),
            meeting_id: Some(meeting_id.clone()),
        })?;
    }
    desk.minutes().finalize(&meeting_id)?;
    let decided = desk.minutes().export(&meeting_id)?.document.decisions.len();

    let started = Instant::now();
    let docx = crate::minutes_cli::render(&mut desk, &meeting_id, Format::Docx)?;
    let pdf = crate::minutes_cli::render(&mut desk, &meeting_id, Format::Pdf)?;
    let first = ms(started);
    let (mut docx_samples, mut pdf_samples, mut both) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        crate::minutes_cli::render(&mut desk, &meeting_id, Format::Docx)?;
        let docx_ms = ms(started);
        let started = Instant::now();
        crate::minutes_cli::render(&mut desk, &meeting_id, Format::Pdf)?;
        let pdf_ms = ms(started);
        docx_samples.push(docx_ms);
        pdf_samples.push(pdf_ms);
        both.push(docx_ms + pdf_ms);
    }
    let work = tempfile::tempdir()?;
    let pdf_path = work.path().join("ours.pdf");
    std::fs::write(&pdf_path, &pdf)?;
    let pdf_pages = count_pages(&pdf_path);
    let docx_path = work.path().join("notulen.docx");
    std::fs::write(&docx_path, &docx)?;
    let profile = tempfile::tempdir()?;
    let mut lo_samples = Vec::new();
    for _ in 0..libreoffice_runs {
        let started = Instant::now();
        let status = Command::new("libreoffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(work.path())
            .arg(&docx_path)
            .output();
        match status {
            Ok(output) if output.status.success() => lo_samples.push(ms(started)),
            _ => break,
        }
    }
    // The first LibreOffice run also creates its profile: count only the runs after it,
    // which favours LibreOffice.
    if lo_samples.len() > 1 {
        lo_samples.remove(0);
    }
    let libreoffice_ms = (!lo_samples.is_empty()).then(|| median(lo_samples));
    let warm = median(both);
    Ok(MinutesBench {
        decisions: decided,
        pdf_pages,
        docx_bytes: docx.len(),
        pdf_bytes: pdf.len(),
        first_docx_and_pdf_ms: first,
        docx_ms: median(docx_samples),
        pdf_ms: median(pdf_samples),
        docx_and_pdf_ms: warm,
        ratio_first: libreoffice_ms.map(|lo| first / lo),
        ratio_warm: libreoffice_ms.map(|lo| warm / lo),
        libreoffice_ms,
    })
}

/// Pages of the PDF, as `pdfinfo` reads them (0 without poppler).
fn count_pages(pdf: &std::path::Path) -> u32 {
    let Ok(output) = Command::new("pdfinfo").arg(pdf).output() else { return 0 };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|pages| pages.trim().parse().ok())
        .unwrap_or(0)
}
