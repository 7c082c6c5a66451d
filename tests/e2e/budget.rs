//! Budget absorption in the real app: the Secretary enters DP3A's 2025 pagu, its APBD-P
//! revision and two SP2D realizations; the S-curve, the months and the ranking show the
//! percentages against the pagu in force (read from the DOM, chart text included); a
//! chart is exported as SVG and PNG; a CSV with one bad row is reported row by row and
//! writes nothing until the user skips that row.

use std::path::Path;
use std::sync::Arc;

use ikp_core::budget::ops::{CeilingInput, RealizationInput};
use ikp_core::budget::payload::BudgetStage;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};
use ikp_tests::files::workbooks_as_csv;
use rusqlite::Connection;

/// A past year, so the demo's current-year figures stay out of the way.
const YEAR: &str = "2025";

/// The Secretary's profile and the demo data; DLH's 2025 budget (80% absorbed) entered
/// through the core, so the ranking has a neighbour to sort DP3A against.
fn prepare(data_dir: &Path) {
    let mut sekda = Desk::open_profile(data_dir, Some("sekda"), Arc::new(SystemClock)).unwrap();
    sekda
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    sekda.demo().load().unwrap();
    sekda
        .budget()
        .set_ceiling(CeilingInput {
            agency_code: "DLH".into(),
            fiscal_year: 2025,
            stage: BudgetStage::Murni,
            amount: "100 miliar".into(),
            effective_on: Some("2025-01-02".into()),
            reason: "Perda APBD 2025".into(),
            lines: vec![],
        })
        .unwrap();
    sekda
        .budget()
        .record_realization(RealizationInput {
            agency_code: "DLH".into(),
            realized_on: "2025-12-15".into(),
            amount: "80 miliar".into(),
            reference: "SP2D/DLH/2025/900".into(),
            note: String::new(),
        })
        .unwrap();
}

fn dp3a_realizations(data_dir: &Path) -> i64 {
    let conn =
        Connection::open_with_flags(data_dir.join("ikp.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(
        "SELECT count(*) FROM budget_realizations WHERE agency_code = 'DP3A' AND fiscal_year = 2025",
        [],
        |row| row.get(0),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn secretary_enters_pagu_revision_and_realizations_then_imports_a_file() {
    scenario(a_year_of_dp3a_spending()).await;
}

async fn a_year_of_dp3a_spending() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    prepare(&data_dir);
    let app = AppSession::start_in(&data_dir, "sekda").await;

    app.click("[data-testid='nav-budget']").await;
    // The demo's current year: about 60% absorbed, SDABMBK far behind and flagged.
    app.wait_for_css("[data-testid='ranking-row-SDABMBK'].lag").await;
    app.screenshot("budget-regency-demo").await;
    ranking_opens_in_libreoffice_with_the_page_s_numbers(&app).await;
    // Read at the end of the year's first month, SDABMBK had absorbed less than now (the
    // picker offers only months that have ended).
    let now = app.text_of("[data-testid='ranking-row-SDABMBK'] [data-testid='absorption']").await;
    let first_month_end = app
        .client
        .execute("const s = document.querySelector(\"[data-testid='budget-as-of']\"); return s.options.length > 1 ? s.options[s.options.length - 1].value : null;", vec![])
        .await
        .unwrap();
    if let Some(month) = first_month_end.as_str() {
        app.set_value("[data-testid='budget-as-of']", month).await;
        let earlier = app
            .wait_for_text("[data-testid='ranking-row-SDABMBK'] [data-testid='absorption']", |text| text != now)
            .await;
        let percent = |text: &str| text.trim_end_matches('%').replace(',', ".").parse::<f64>().unwrap();
        assert!(percent(&earlier) < percent(&now), "at {month}: {earlier} vs now {now}");
    } else {
        // In January no month of the year has ended yet: nothing to read earlier.
        assert!(
            ikp_core::clock::Hlc::today_wib(ikp_core::clock::Clock::now_ms(&SystemClock)).format("%m").to_string()
                == "01"
        );
    }
    app.set_value("[data-testid='budget-as-of']", "").await;
    app.set_value("[data-testid='budget-year']", YEAR).await;
    app.wait_for_text("[data-testid='ranking-row-DLH'] [data-testid='absorption']", |text| text == "80,0%").await;
    app.set_value("[data-testid='budget-scope']", "DP3A").await;
    app.wait_for_text("[data-testid='agency-budget-name']", |text| text.contains("Perlindungan Anak")).await;

    // The APBD murni, broken down by kegiatan; the lines must add up to the pagu.
    app.click("[data-testid='entry-tab-ceiling']").await;
    app.click("[data-testid='ceiling-add-line']").await;
    app.click("[data-testid='ceiling-add-line']").await;
    for (index, (kegiatan, amount)) in
        [("Pendampingan korban", "6 miliar"), ("Rumah aman", "4 miliar")].iter().enumerate()
    {
        app.fill(&format!("[data-field='lines.{index}.program']"), "Perlindungan Perempuan dan Anak").await;
        app.fill(&format!("[data-field='lines.{index}.kegiatan']"), kegiatan).await;
        app.fill(&format!("[data-field='lines.{index}.amount']"), amount).await;
    }
    enter_ceiling(&app, "murni", "Rp10.000.000.000", "2025-01-02", "Perda APBD 2025").await;
    assert_eq!(app.count("[data-testid='ceiling-line-row']").await, 2);
    app.wait_for_text("[data-testid='agency-pagu-value']", |text| text == "Rp10 miliar").await;
    // Then the APBD-P raises it in September.
    enter_ceiling(&app, "perubahan", "12 miliar", "2025-09-15", "Perda APBD Perubahan 2025").await;
    app.wait_for_text("[data-testid='agency-pagu-value']", |text| text == "Rp12 miliar").await;
    assert_eq!(app.count("[data-testid='ceilings-table'] tbody tr:not(.line)").await, 2, "two versions of the pagu");

    // A wrong amount is named and writes nothing; then two SP2D.
    app.click("[data-testid='entry-tab-realization']").await;
    // The day is typed day first whatever the system's locale, and read back with its
    // name; a day that does not exist is said so.
    app.fill("[data-testid='realization-date']", "31/02/2025").await;
    let unreadable = app.text_of("[data-testid='realization-date-day']").await;
    assert!(unreadable.starts_with("Tanggal tidak dikenali"), "{unreadable:?}");
    app.fill("[data-testid='realization-date']", "10/03/2025").await;
    assert_eq!(app.text_of("[data-testid='realization-date-day']").await, "Senin, 10 Maret 2025");
    app.screenshot("budget-date-field").await;
    app.fill("[data-testid='realization-amount']", "tiga miliar").await;
    app.click("[data-testid='entry-save-realization']").await;
    let error = app.text_of("[data-testid='realization-amount-error']").await;
    assert!(error.contains("Jumlah"), "{error:?}");
    assert_eq!(dp3a_realizations(&data_dir), 0);
    enter_realization(&app, "2025-03-10", "Rp3.000.000.000", "SP2D/DP3A/2025/001").await;
    app.wait_for_text("[data-testid='agency-realized-value']", |text| text == "Rp3 miliar").await;
    enter_realization(&app, "2025-10-20", "6.000.000.000", "SP2D/DP3A/2025/002").await;
    app.wait_for_text("[data-testid='agency-realized-value']", |text| text == "Rp9 miliar").await;

    // 9 of the 12 miliar in force; March counted against March's 10 miliar.
    assert_eq!(app.text_of("[data-testid='agency-absorption-value']").await, "75,0%");
    assert_eq!(app.text_of("[data-testid='month-3'] [data-testid='actual']").await, "30,0%");
    assert_eq!(app.text_of("[data-testid='month-10'] [data-testid='actual']").await, "75,0%");
    let curve_text = app.svg_text("[data-testid='agency-s-curve'] svg").await;
    assert!(curve_text.contains("75,0%"), "the last actual point is labelled: {curve_text:?}");
    assert!(curve_text.contains("Target 90,0%"), "the S-curve draws the target line: {curve_text:?}");
    app.scroll_to("[data-testid='agency-s-curve']").await;
    app.screenshot("budget-agency-s-curve").await;

    // The chart goes out as SVG and PNG for the minutes.
    app.click("[data-testid='agency-s-curve-svg']").await;
    app.wait_for_css("[data-testid='agency-s-curve-saved']").await;
    let svg = std::fs::read_to_string(app.export_dir().join("kurva-s-dp3a-2025.svg")).expect("the SVG was written");
    assert!(svg.starts_with("<svg") && svg.contains("75,0%"), "{}", &svg[..svg.len().min(200)]);
    app.click("[data-testid='agency-s-curve-png']").await;
    app.wait_for_text("[data-testid='agency-s-curve-saved']", |text| text.ends_with(".png")).await;
    let png = std::fs::read(app.export_dir().join("kurva-s-dp3a-2025.png")).expect("the PNG was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 5_000, "{} bytes", png.len());

    // The ranking puts DLH (80,0%) above DP3A (75,0%), in the table and the chart.
    app.set_value("[data-testid='budget-scope']", "").await;
    app.wait_for_text("[data-testid='ranking-row-DP3A'] [data-testid='absorption']", |text| text == "75,0%").await;
    let first = app.text_of("[data-testid='ranking-table'] tbody tr:first-child").await;
    assert!(first.starts_with("DLH"), "{first:?}");
    let bars = app.svg_text("[data-testid='ranking-chart'] svg").await;
    assert!(bars.contains("80,0%") && bars.contains("75,0%"), "{bars:?}");

    // A file with one bad row: reported by row and column, nothing written.
    let csv = scratch.path().join("realisasi-dp3a.csv");
    std::fs::write(
        &csv,
        "Kode OPD;Tanggal;Jumlah;No SP2D\nDP3A;2025-11-05;Rp1.000.000.000;SP2D/DP3A/2025/003\nDP3A;2025-11-06;-5.000;SP2D/DP3A/2025/004\n",
    )
    .unwrap();
    app.wait_for_css("[data-testid='import-file']").await.send_keys(&csv.display().to_string()).await.unwrap();
    let title = app.text_of("[data-testid='import-problem-title']").await;
    assert_eq!(title, "1 baris bermasalah. Belum ada yang disimpan.");
    let problem = app.text_of("[data-testid='import-problem-row']").await;
    assert!(problem.starts_with("3 Jumlah") && problem.contains("-5.000"), "{problem:?}");
    assert_eq!(app.count("[data-testid='import-commit']").await, 0, "no plain import while a row is bad");
    assert_eq!(dp3a_realizations(&data_dir), 2);
    app.scroll_to("[data-testid='import-preview']").await;
    app.screenshot("budget-import-report").await;

    // Told to skip that row, the good one goes in: 10 of 12 miliar.
    app.click("[data-testid='import-skip-bad']").await;
    app.wait_for_css("[data-testid='import-done']").await;
    assert_eq!(dp3a_realizations(&data_dir), 3);
    app.wait_for_text("[data-testid='ranking-row-DP3A'] [data-testid='absorption']", |text| text == "83,3%").await;
    let first = app.text_of("[data-testid='ranking-table'] tbody tr:first-child").await;
    assert!(first.starts_with("DP3A"), "{first:?}");
    app.scroll_to("[data-testid='ranking-chart']").await;
    app.screenshot("budget-regency-ranking").await;

    // The warning gap is a regency setting: refused by name when out of range, then set.
    app.click("[data-testid='nav-settings']").await;
    app.wait_for_text("[data-testid='threshold-warning']", |_| true).await;
    app.fill("[data-testid='threshold-warning']", "0").await;
    app.click("[data-testid='threshold-save']").await;
    let refused = app.text_of("[data-testid='budget-thresholds-form'] .field-error").await;
    assert!(refused.starts_with("Batas peringatan"), "{refused:?}");
    app.fill("[data-testid='threshold-warning']", "15").await;
    app.click("[data-testid='threshold-save']").await;
    app.wait_for_text("[data-testid='budget-thresholds-form'] .done", |text| text == "Ambang tersimpan.").await;
    app.click("[data-testid='nav-budget']").await;
    app.wait_for_text("main", |text| text.contains("lebih dari 15,0 poin")).await;
    app.close().await;
}

async fn enter_ceiling(app: &AppSession, stage: &str, amount: &str, effective_on: &str, reason: &str) {
    app.click("[data-testid='entry-tab-ceiling']").await;
    app.set_value("[data-testid='ceiling-stage']", stage).await;
    app.fill("[data-testid='ceiling-amount']", amount).await;
    app.set_value("[data-testid='ceiling-effective']", effective_on).await;
    app.fill("[data-testid='ceiling-reason']", reason).await;
    app.click("[data-testid='entry-save-ceiling']").await;
    app.wait_for_text("[data-testid='entry-done']", |text| text == "Pagu tersimpan.").await;
}

async fn enter_realization(app: &AppSession, day: &str, amount: &str, reference: &str) {
    app.click("[data-testid='entry-tab-realization']").await;
    app.set_value("[data-testid='realization-date']", day).await;
    app.fill("[data-testid='realization-amount']", amount).await;
    app.fill("[data-testid='realization-reference']", reference).await;
    app.click("[data-testid='entry-save-realization']").await;
    app.wait_for_text("[data-testid='entry-done']", |text| text == "Realisasi tersimpan.").await;
}

/// The ranking saved as XLSX and converted by LibreOffice to CSV with the cells' values
/// (not their shown text): the agencies in the page's order, each pagu a whole number of
/// rupiah (not "Rp…" text), each absorption a percentage LibreOffice formats itself (a
/// point, where the page's Indonesian text has a comma) equal to the page's.
async fn ranking_opens_in_libreoffice_with_the_page_s_numbers(app: &AppSession) {
    app.click("[data-testid='ranking-export-xlsx']").await;
    app.wait_for_css("[data-testid='ranking-exported']").await;
    let workbook = std::fs::read_dir(app.export_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "xlsx"))
        .expect("the ranking workbook");
    let csv = workbooks_as_csv(&[&workbook], 1).remove(0);
    let rows: Vec<Vec<&str>> = csv.lines().map(|line| line.split(',').collect()).collect();
    assert_eq!(rows[0][..5], ["No", "Perangkat daerah", "Pagu", "Realisasi", "Serapan"], "{csv}");
    let shown = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid^='ranking-row-']\")].map(row => \
             [row.querySelector('.link-button').textContent.trim(), row.querySelector(\"[data-testid='absorption']\").textContent.trim()]);",
            vec![],
        )
        .await
        .unwrap();
    let shown: Vec<(String, String)> = serde_json::from_value(shown).unwrap();
    assert_eq!(rows.len(), shown.len() + 2, "a row per agency, the header and the total: {csv}");
    for ((agency, absorption), row) in shown.iter().zip(&rows[1..]) {
        assert_eq!(row[1], agency, "the page's order: {csv}");
        let pagu: f64 = row[2].parse().unwrap_or_else(|_| panic!("a number, not text: {row:?}"));
        assert_eq!(pagu.fract(), 0.0, "whole rupiah: {row:?}");
        let share: f64 =
            row[4].trim_end_matches('%').parse().unwrap_or_else(|_| panic!("a percentage number, not text: {row:?}"));
        let page: f64 = absorption.trim_end_matches('%').replace(',', ".").parse().unwrap();
        assert!((share - page).abs() < 0.051, "{agency}: {share}% in the workbook, {absorption} on the page");
    }
}
