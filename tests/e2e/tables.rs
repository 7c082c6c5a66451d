//! "Simpan sebagai Excel" on the pages that list things: the scorecard, the instructions
//! (filtered to one agency), the complaints (overdue only), the dialog-kinerja requests
//! and the agencies. LibreOffice opens every workbook: each has a row per line the page
//! lists under its filter, the same names in the same order, and numbers as numbers.

use std::path::{Path, PathBuf};

use ikp_tests::app_session::{scenario, AppSession};
use ikp_tests::files::workbooks_as_csv;

#[tokio::test(flavor = "multi_thread")]
async fn every_list_opens_in_excel_as_the_page_shows_it() {
    scenario(tables()).await;
}

async fn tables() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    crate::minutes::prepare(&data_dir);
    let app = AppSession::start_in(&data_dir, "sekda").await;

    app.click("[data-testid='nav-scorecard']").await;
    app.wait_for_css("[data-testid='scorecard-row']").await;
    let scorecard = first_cells(&app, "[data-testid='scorecard-row']").await;
    let scorecard_file = save(&app, "scorecard-xlsx").await;
    // The indicators nobody reported on for 30 days.
    app.set_value("[data-testid='silent-days']", "30").await;
    app.wait_for_css("[data-testid='silent-indicator']").await;
    let silent = app.count("[data-testid='silent-indicator']").await;
    let silent_file = save(&app, "silent-xlsx").await;

    app.click("[data-testid='nav-instructions']").await;
    app.wait_for_css("[data-testid='instruction-row']").await;
    app.set_value("[data-testid='filter-agency']", "DINKES").await;
    app.wait_for_text("[data-testid='instruction-count']", |text| !text.is_empty()).await;
    let script =
        "return [...document.querySelectorAll(\"[data-testid='instruction-row']\")].map((row) => row.innerText);";
    let instructions: Vec<String> =
        serde_json::from_value(app.client.execute(script, vec![]).await.unwrap()).expect("the rows' text");
    let instructions_file = save(&app, "instructions-xlsx").await;
    app.screenshot("76-instructions-xlsx").await;
    app.click("[data-testid='instruction-row']").await;
    app.wait_for_css("[data-testid='indicator-row']").await;
    let indicators = app.count("[data-testid='indicator-row']").await;
    let indicators_file = save(&app, "indicators-xlsx").await;

    app.click("[data-testid='nav-budget']").await;
    app.click("[data-testid='ranking-row-DINKES'] .link-button").await;
    app.wait_for_css("[data-testid='months-table']").await;
    let months_file = save(&app, "months-xlsx").await;

    app.click("[data-testid='nav-complaints']").await;
    app.click("[data-testid='complaints-tab-summary']").await;
    app.wait_for_css("[data-testid='by-agency-row']").await;
    let by_agency = first_cells(&app, "[data-testid='by-agency-row']").await;
    let summary_file = save(&app, "complaint-summary-xlsx").await;
    app.click("[data-testid='complaints-tab-list']").await;
    app.wait_for_css("[data-testid='complaint-row']").await;
    app.click("[data-testid='complaints-overdue-only']").await;
    app.wait_until_gone("[data-testid='complaint-row'][data-overdue='false']").await;
    let complaints = first_cells(&app, "[data-testid='complaint-row']").await;
    let complaints_file = save(&app, "complaints-xlsx").await;

    app.click("[data-testid='nav-negotiations']").await;
    app.click("[data-testid='tab-all']").await;
    app.wait_for_css("[data-testid='negotiation-count']").await;
    let requests = app.count("[data-testid='all-requests'] [data-testid='negotiation']").await;
    let requests_file = save(&app, "requests-xlsx").await;

    app.click("[data-testid='nav-agencies']").await;
    app.wait_for_css("[data-testid='agency-row']").await;
    let agencies = app.count("[data-testid='agency-row']").await;
    let agencies_file = save(&app, "agencies-xlsx").await;

    app.click("[data-testid='nav-brief']").await;
    app.wait_for_css("[data-testid='brief-standing'] [data-testid='brief-row']").await;
    let standing = first_cells(&app, "[data-testid='brief-standing'] [data-testid='brief-row']").await;
    let brief_file = save(&app, "brief-xlsx").await;
    assert_eq!(app.count("[data-testid='error']").await, 0, "no error along the way");
    // Read before the app closes: the files live in its session's folder.
    let sheets = open_in_libreoffice(&[
        &scorecard_file,
        &instructions_file,
        &complaints_file,
        &requests_file,
        &agencies_file,
        &summary_file,
        &brief_file,
        &silent_file,
        &indicators_file,
        &months_file,
    ]);
    app.close().await;

    let [scorecard_rows, instruction_rows, complaint_rows, request_rows, agency_rows, summary_rows, brief_rows, silent_rows, indicator_rows, month_rows] =
        &sheets[..]
    else {
        unreachable!()
    };

    let names: Vec<&str> = scorecard_rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(names, scorecard, "the scorecard's agencies in the page's order");
    assert!(scorecard_rows.iter().all(|row| row[1].parse::<u32>().is_ok()), "counts are numbers: {scorecard_rows:?}");

    assert_eq!(instruction_rows.len(), instructions.len(), "a row per instruction the filtered page lists");
    for row in instruction_rows {
        assert!(
            instructions.iter().any(|shown| shown.contains(&row[1])),
            "{:?} is not on the page: {instructions:?}",
            row[1]
        );
    }

    let ids: Vec<&str> = complaint_rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids, complaints, "the overdue complaints the page lists, in its order");
    assert!(complaint_rows.iter().all(|row| row[11] == "Ya"), "overdue only");

    assert_eq!(request_rows.len(), requests, "a row per request");
    assert!(request_rows.iter().all(|row| row[5].parse::<f64>().is_ok()), "targets are numbers: {request_rows:?}");
    assert_eq!(agency_rows.len(), agencies, "a row per agency");

    let groups: Vec<&str> = summary_rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(groups[..groups.len() - 1], by_agency, "the summary's agencies, then the total");
    assert_eq!(groups.last(), Some(&"Jumlah"));
    let received: u32 = summary_rows[..summary_rows.len() - 1].iter().map(|row| row[1].parse::<u32>().unwrap()).sum();
    assert_eq!(summary_rows.last().unwrap()[1].parse::<u32>().unwrap(), received, "the total adds up");

    let brief_agencies: Vec<&str> = brief_rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(brief_agencies, standing, "the brief's first section, as the page shows it");

    assert_eq!(silent_rows.len(), silent, "a row per silent indicator");
    assert!(silent_rows.iter().all(|row| row[4].parse::<u32>().is_ok_and(|days| days >= 30)), "{silent_rows:?}");
    assert_eq!(indicator_rows.len(), indicators, "a row per indicator of the instruction");
    assert!(indicator_rows.iter().all(|row| row[4].parse::<f64>().is_ok()), "targets as numbers: {indicator_rows:?}");
    assert_eq!(month_rows.len(), 12, "DINKES's year, month by month: {month_rows:?}");
    assert_eq!(month_rows[0][0], "Januari");
    assert!(month_rows[0][1].parse::<f64>().is_ok(), "the plan in rupiah, as a number: {:?}", month_rows[0]);
}

/// The first cell's text of each row the page shows.
async fn first_cells(app: &AppSession, rows: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(arguments[0])].map((row) => row.cells[0].innerText.trim());";
    let value = app.client.execute(script, vec![serde_json::json!(rows)]).await.expect("read the rows");
    serde_json::from_value(value).expect("texts")
}

/// Clicks a page's "Simpan sebagai Excel" and returns the file it saved.
async fn save(app: &AppSession, testid: &str) -> PathBuf {
    let button = format!("[data-testid='{testid}']");
    app.scroll_to(&button).await;
    app.click(&button).await;
    let saved = app.text_of(&format!("[data-testid='{testid}-saved']")).await;
    let path = saved.split_once(' ').map(|(_, rest)| rest).unwrap_or_default();
    let path = path.strip_prefix("di ").unwrap_or(path);
    let path = PathBuf::from(path.trim());
    assert!(path.exists(), "{testid}: {saved:?}");
    path
}

/// Each workbook's first sheet as rows of cell values (the header left out).
fn open_in_libreoffice(workbooks: &[&Path]) -> Vec<Vec<Vec<String>>> {
    workbooks_as_csv(workbooks, 1)
        .iter()
        .map(|csv| csv.lines().skip(1).map(crate::brief::split_csv).collect())
        .collect()
}
