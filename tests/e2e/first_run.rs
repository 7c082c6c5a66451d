//! A newcomer's first start: choose who uses the laptop, load the demo data, see the
//! agencies, switch language.

use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::{Connection, OpenFlags};

fn count_events(data_dir: &std::path::Path, kind: &str) -> u32 {
    let conn = Connection::open_with_flags(data_dir.join("ikp.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM events WHERE kind = ?1", [kind], |row| row.get(0)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn agency_staff_first_run_loads_demo_and_lists_agencies_in_both_languages() {
    scenario(agency_staff_first_run()).await;
}

async fn agency_staff_first_run() {
    let app = AppSession::start().await;
    app.wait_for_css("[data-testid='setup-page']").await;

    app.click("[data-testid='role-agency_staff']").await;
    app.click("[data-testid='load-demo']").await;
    app.click("[data-testid='setup-agency'] option[value='DP3A']").await;
    let name = app.wait_for_css("[data-testid='setup-name']").await;
    name.send_keys("Rahmawati").await.unwrap();
    app.screenshot("01-setup-agency-staff").await;
    let enrolled_before = count_events(&app.data_dir, "device.enrolled");
    app.click("[data-testid='setup-submit']").await;
    app.wait_for_css("[data-testid='nav-agencies']").await;
    app.screenshot("02-dashboard-agency-staff").await;

    let user = app.wait_for_text("[data-testid='current-user']", |text| text.contains("Rahmawati")).await;
    assert!(user.contains("DP3A"), "the top bar names the agency: {user:?}");
    // The choice went through the core into the real database, signed as this device.
    assert_eq!(count_events(&app.data_dir, "device.enrolled"), enrolled_before + 1, "this laptop enrolled itself");

    app.click("[data-testid='nav-agencies']").await;
    app.wait_for_css("[data-testid='agency-row'][data-code='KEC-MUARAGEMBONG']").await;
    assert_eq!(app.count("[data-testid='agency-row'][data-kind='kecamatan']").await, 23);
    assert!(app.count("[data-testid='agency-row'][data-kind='dinas']").await >= 20);
    for code in ["DP3A", "BPBD", "SDABMBK", "DINKES", "DISKOMINFOSANTIK", "BPKAD", "KEC-CIKARANG-PUSAT"] {
        app.wait_for_css(&format!("[data-testid='agency-row'][data-code='{code}']")).await;
    }
    let title_id = app.text_of("[data-testid='page-title']").await;
    assert_eq!(title_id, "Perangkat Daerah");
    app.screenshot("03-agencies-id").await;

    app.click("[data-testid='lang-toggle']").await;
    app.wait_for_css("html[lang='en']").await;
    let title_en = app.wait_for_text("[data-testid='page-title']", |text| text != title_id).await;
    assert_eq!(title_en, "Agencies");
    assert_eq!(app.count("[data-testid='agency-row'][data-kind='kecamatan']").await, 23);
    app.screenshot("04-agencies-en").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn regent_setup_explains_a_missing_name_in_indonesian_and_writes_nothing() {
    scenario(regent_setup_with_a_missing_name()).await;
}

async fn regent_setup_with_a_missing_name() {
    let app = AppSession::start().await;
    app.wait_for_css("[data-testid='setup-page']").await;
    app.click("[data-testid='role-regent']").await;
    app.click("[data-testid='setup-submit']").await;

    let error = app.text_of("[data-testid='error']").await;
    assert!(error.to_lowercase().contains("nama"), "an Indonesian message about the name: {error:?}");
    assert_eq!(count_events(&app.data_dir, "device.enrolled"), 0, "a refused setup writes nothing");

    let name = app.wait_for_css("[data-testid='setup-name']").await;
    name.send_keys("H. Ahmad Suryana").await.unwrap();
    app.click("[data-testid='setup-submit']").await;
    app.wait_for_text("[data-testid='current-user']", |text| text.contains("H. Ahmad Suryana")).await;
    app.click("[data-testid='nav-dashboard']").await;
    app.wait_for_css("[data-testid='load-demo']").await;
    app.screenshot("05-regent-dashboard-empty").await;
    app.close().await;
}
