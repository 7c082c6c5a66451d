//! The rapim brief: the Secretary opens "Bahan Rapim" for a chosen day, saves it as a
//! PDF and prints it (the same PDF, handed to the system's viewer), and every agency the
//! page names in each section stands in the PDF's text on one line with the page's
//! figures.

use ikp_tests::app_session::{scenario, AppSession};
use ikp_tests::files::workbooks_as_csv;

const SECTIONS: [&str; 5] = ["brief-standing", "brief-requests", "brief-budget", "brief-complaints", "brief-stale"];

#[tokio::test(flavor = "multi_thread")]
async fn the_brief_on_the_page_is_the_brief_on_paper() {
    scenario(brief()).await;
}

async fn brief() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    crate::minutes::prepare(&data_dir);
    let app = AppSession::start_in(&data_dir, "sekda").await;

    app.click("[data-testid='nav-brief']").await;
    let today = ikp_tests::today_wib();
    app.wait_for_css(&format!("[data-testid='brief'][data-date='{today}']")).await;
    // The rapim is tomorrow: the brief is read as of that day.
    let rapim = today + chrono::Days::new(1);
    app.fill("[data-testid='brief-date']", &rapim.format("%d/%m/%Y").to_string()).await;
    app.wait_for_css(&format!("[data-testid='brief'][data-date='{rapim}']")).await;
    app.screenshot("75-brief").await;

    let mut page_rows = Vec::new();
    for section in SECTIONS {
        let rows = rows_of(&app, section).await;
        page_rows.extend(rows.into_iter().map(|row| (section, row)));
    }
    let named = |section: &str| page_rows.iter().filter(|(of, _)| *of == section).count();
    for section in ["brief-standing", "brief-requests", "brief-budget", "brief-complaints"] {
        assert!(named(section) > 0, "the demo fills {section}");
    }

    app.click("[data-testid='brief-save-pdf']").await;
    app.wait_for_text("[data-testid='brief-done']", |text| text.contains(".pdf")).await;
    let saved = app.export_dir().join(format!("Bahan Rapim {rapim}.pdf"));
    let text = pdf_lines(&saved);
    for (section, cells) in &page_rows {
        let on_a_line = text.iter().any(|line| in_order(line, cells));
        assert!(on_a_line, "{section}: the PDF has no line with {cells:?}:\n{}", text.join("\n"));
    }
    let pages = pdf_pages(&saved);
    assert!(pages <= 2, "the brief fits two pages at most: {pages}");

    // Cetak: the same PDF, written for the system's viewer.
    std::fs::remove_file(&saved).unwrap();
    app.click("[data-testid='brief-print']").await;
    app.wait_for_text("[data-testid='brief-done']", |text| text.starts_with("Dibuka untuk dicetak")).await;
    assert_eq!(pdf_lines(&saved), text, "printing lays out the same brief");

    the_month_s_report_of_one_agency(&app, today).await;
    assert_eq!(app.count("[data-testid='error']").await, 0, "no error along the way");
    app.close().await;
}

/// This month's report of DP3A, saved as XLSX and PDF: the workbook's indicator sheet,
/// converted by LibreOffice, holds DP3A's indicators only with their targets as numbers,
/// and each of them is in the PDF.
async fn the_month_s_report_of_one_agency(app: &AppSession, today: chrono::NaiveDate) {
    app.set_value("[data-testid='report-agency']", "DP3A").await;
    app.click("[data-testid='report-save-xlsx']").await;
    app.wait_for_text("[data-testid='report-saved']", |text| text.contains(".xlsx")).await;
    app.click("[data-testid='report-save-pdf']").await;
    app.wait_for_text("[data-testid='report-saved']", |text| text.contains(".pdf")).await;
    let name = format!("Laporan IKP {} DP3A", today.format("%Y-%m"));
    let workbook = app.export_dir().join(format!("{name}.xlsx"));
    let pdf = app.export_dir().join(format!("{name}.pdf"));

    // The second sheet: the instructions and their indicators.
    let csv = workbooks_as_csv(&[&workbook], 2).remove(0);
    let mut reader = csv.lines();
    let header = reader.next().unwrap_or_default();
    assert!(header.starts_with("Nomor,Instruksi,"), "the indicator sheet: {csv}");
    let rows: Vec<Vec<String>> = reader.map(split_csv).collect();
    assert!(!rows.is_empty(), "DP3A has indicators this month: {csv}");
    let pdf_text = pdf_words(&pdf);
    assert!(pdf_text.contains("LAPORAN CAPAIAN INSTRUKSI KHUSUS PIMPINAN"), "{pdf_text}");
    for row in &rows {
        assert_eq!(row[7], "DP3A", "an agency's report holds its own indicators: {row:?}");
        row[9].parse::<f64>().unwrap_or_else(|_| panic!("the target is a number, not text: {row:?}"));
        assert!(pdf_text.contains(&row[6]), "the PDF names the indicator {:?}", row[6]);
    }
}

/// One CSV line's fields (quoted fields may hold commas).
pub(crate) fn split_csv(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Each row of a section as its cells' text.
async fn rows_of(app: &AppSession, section: &str) -> Vec<Vec<String>> {
    let script = "return [...document.querySelectorAll(arguments[0])].map((row) => [...row.cells].map((cell) => cell.innerText.trim()));";
    let css = format!("[data-testid='{section}'] [data-testid='brief-row']");
    let value = app.client.execute(script, vec![serde_json::json!(css)]).await.expect("read the brief's rows");
    serde_json::from_value(value).expect("rows of cells")
}

/// The PDF's text line by line, as laid out (`pdftotext -layout`).
fn pdf_lines(pdf: &std::path::Path) -> Vec<String> {
    let output =
        std::process::Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The PDF's text in reading order, words separated by single spaces (a cell's wrapped
/// lines read as one run).
fn pdf_words(pdf: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_pages(pdf: &std::path::Path) -> usize {
    let output = std::process::Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines().find_map(|line| line.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("a page count")
}

/// Whether `line` holds every cell, in order (words of a cell may wrap in the table, so
/// the agency and the figures are what must stand on the line).
fn in_order(line: &str, cells: &[String]) -> bool {
    let mut rest = line;
    for cell in cells {
        let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        match rest.find(&cell) {
            Some(at) => rest = &rest[at + cell.len()..],
            None => return false,
        }
    }
    true
}
