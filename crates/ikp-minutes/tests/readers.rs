//! The exported notulen read back by real readers: the DOCX converted by LibreOffice,
//! both PDFs checked by qpdf and read by pdftotext, page 1 of each rendered to PNG under
//! `target/minutes-pages/` for a person to look at. The tools come from `scripts/test`
//! (`scripts/lib/deps.sh`); without them these tests fail rather than pass silently.

use std::path::{Path, PathBuf};
use std::process::Command;

use ikp_core::letterhead::{LetterheadSet, MinutesTitle};
use ikp_core::minutes::document::MinutesExport;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_minutes::{render, Format, Minutes};

fn pages_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("minutes-pages");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("`{program}` is needed (scripts/lib/deps.sh installs it): {err}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text with all whitespace runs made one space (cells wrap lines).
fn pdf_text(pdf: &Path) -> String {
    let text = run("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts a DOCX to PDF with LibreOffice in a profile of its own; returns the PDF.
pub fn libreoffice_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let profile_url = format!("-env:UserInstallation=file://{}", profile.path().display());
    run(
        "libreoffice",
        &[
            &profile_url,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    out_dir.join(docx.file_stem().unwrap()).with_extension("pdf")
}

fn first_page_png(pdf: &Path, name: &str) {
    let prefix = pages_dir().join(name);
    run(
        "pdftoppm",
        &["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    assert!(prefix.with_extension("png").exists());
}

/// The demo's finalized rapim (with one addendum) and its upcoming one.
fn demo() -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path()).unwrap();
    desk.demo().load().unwrap();
    desk.setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Sekda".into() }).unwrap();
    (dir, desk)
}

fn expected_lines(export: &MinutesExport) -> Vec<String> {
    let d = &export.document;
    assert!(!d.decisions.is_empty() && !d.attendees.is_empty());
    let mut lines = vec![d.heading.clone(), d.title.clone()];
    for row in &d.decisions {
        lines.extend([row.decision.clone(), row.indicator.clone(), row.agency.clone()]);
    }
    for attendee in &d.attendees {
        lines.extend([attendee.name.clone(), attendee.position.clone()]);
    }
    for follow_up in &d.follow_ups {
        lines.push(follow_up.action.clone());
    }
    lines.extend([d.chair.name.clone(), d.notulis.name.clone(), format!("NIP. {}", d.chair.nip)]);
    // The revised layout: decisions numbered in the body, the daftar hadir and the
    // Lampiran after the signatures, the signature city from the regency's setting.
    lines.extend(["KEPUTUSAN / KESIMPULAN RAPAT".to_owned(), "DAFTAR HADIR".to_owned(), "LAMPIRAN I".to_owned()]);
    lines.push(format!("1. {}", d.decisions[0].sentence()));
    lines.push(d.signed_at.clone());
    if let Some(budget) = &d.budget {
        lines.extend(budget.short_form());
        lines.push("LAMPIRAN II".to_owned());
    }
    lines.into_iter().map(|line| normalized(&line)).filter(|line| line != "–").collect()
}

/// No page ends on a heading (a section's title parted from its content).
fn assert_no_orphan_headings(pdf: &Path, what: &str) {
    let pages: usize = run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").map(|count| count.trim().parse().unwrap()))
        .unwrap();
    let heading = |line: &str| {
        let line = line.trim();
        ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII."].iter().any(|n| line.starts_with(&format!("{n} ")))
            && line.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
            || line.starts_with("LAMPIRAN")
            || line == "DAFTAR HADIR"
    };
    for page in 1..=pages {
        let number = page.to_string();
        let text = run("pdftotext", &["-layout", "-f", &number, "-l", &number, pdf.to_str().unwrap(), "-"]);
        // The footer ("… Halaman n dari m") is not the page's last line of content.
        let last = text
            .lines()
            .map(str::trim)
            .rfind(|line| !line.is_empty() && !line.contains("Halaman "))
            .unwrap_or_default();
        assert!(!heading(last), "{what}: page {page} ends on the heading {last:?}");
    }
}

fn assert_contains_all(text: &str, lines: &[String], what: &str) {
    let missing: Vec<&String> = lines.iter().filter(|line| !text.contains(line.as_str())).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:?}\n--- text ---\n{text}");
}

#[test]
fn finalized_minutes_read_back_from_docx_and_pdf() {
    let (_dir, mut desk) = demo();
    let finalized = desk.minutes().summaries(10).unwrap().into_iter().find(|m| m.finalized_on.is_some()).unwrap();
    desk.minutes().add_addendum(&finalized.meeting.id, "Ralat: posko siaga dibuka mulai 2 Desember.").unwrap();
    let export = desk.minutes().export(&finalized.meeting.id).unwrap();
    let logo = desk.settings().logo().unwrap().map(|(_, bytes)| bytes);
    let minutes = Minutes { export: &export, logo_png: logo.as_deref() };
    let work = tempfile::tempdir().unwrap();
    let mut expected = expected_lines(&export);
    expected.push("Ralat: posko siaga dibuka mulai 2 Desember.".into());

    let pdf = work.path().join("notulen.pdf");
    std::fs::write(&pdf, render(&minutes, Format::Pdf).unwrap()).unwrap();
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("595.276 x 841.89") || info.contains("A4"), "A4 pages: {info}");
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.lines().skip(2).all(|line| line.contains(" yes ")), "every font embedded:\n{fonts}");
    let text = pdf_text(&pdf);
    assert_contains_all(&text, &expected, "our PDF");
    assert_no_orphan_headings(&pdf, "our PDF");
    assert!(!text.contains("KONSEP"), "a finalized notulen is not marked as a draft");
    first_page_png(&pdf, "notulen-pdf-page1");

    let docx = work.path().join("notulen.docx");
    std::fs::write(&docx, render(&minutes, Format::Docx).unwrap()).unwrap();
    let converted = libreoffice_pdf(&docx, work.path().join("lo").as_path());
    assert_contains_all(&pdf_text(&converted), &expected, "the DOCX (through LibreOffice)");
    assert_no_orphan_headings(&converted, "the DOCX (through LibreOffice)");
    // The letterhead logo and the budget chart (1600 pixels wide) are pictures in it.
    let images = run("pdfimages", &["-list", converted.to_str().unwrap()]);
    let widths: Vec<&str> = images.lines().skip(2).filter_map(|line| line.split_whitespace().nth(3)).collect();
    assert!(widths.contains(&"1600") && widths.len() >= 2, "logo and chart expected:\n{images}");
    first_page_png(&converted, "notulen-docx-page1");
    std::fs::copy(&pdf, pages_dir().join("notulen.pdf")).unwrap();
    std::fs::copy(&docx, pages_dir().join("notulen.docx")).unwrap();
}

/// A draft is marked KONSEP, and is headed with the regency's own word for the minutes
/// (here "Notula", set in its letterhead).
#[test]
fn a_draft_is_marked_konsep_in_both_formats() {
    let (_dir, mut desk) = demo();
    let kop = LetterheadSet {
        address: "Jl. Contoh No. 1, Cikarang Pusat".into(),
        signature_city: "Cikarang".into(),
        minutes_title: MinutesTitle::Notula,
        ..LetterheadSet::default()
    };
    desk.settings().set_letterhead(kop).unwrap();
    let upcoming = desk.minutes().summaries(10).unwrap().into_iter().find(|m| m.finalized_on.is_none()).unwrap();
    let export = desk.minutes().export(&upcoming.meeting.id).unwrap();
    assert!(!export.finalized);
    assert_eq!(export.document.heading, "NOTULA RAPAT");
    let minutes = Minutes { export: &export, logo_png: None };
    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("konsep.pdf");
    std::fs::write(&pdf, render(&minutes, Format::Pdf).unwrap()).unwrap();
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = pdf_text(&pdf);
    assert!(text.contains("KONSEP") && text.contains("NOTULA RAPAT") && !text.contains("NOTULEN"), "{text}");
    let docx = work.path().join("konsep.docx");
    std::fs::write(&docx, render(&minutes, Format::Docx).unwrap()).unwrap();
    let converted = libreoffice_pdf(&docx, work.path());
    let text = pdf_text(&converted);
    assert!(text.contains("KONSEP") && text.contains("NOTULA RAPAT") && !text.contains("NOTULEN"), "{text}");
}
