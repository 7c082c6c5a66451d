//! A real regency's agencies, without demo data: three typed in the form, twenty from
//! SIPD's list with one bad row refused by row and then fixed, one renamed, one
//! deactivated — every step through the real app into the real database.

use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::{Connection, OpenFlags};

fn count(data_dir: &std::path::Path, sql: &str) -> u32 {
    let conn = Connection::open_with_flags(data_dir.join("ikp.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// SIPD's SKPD list as exported to a spreadsheet; `bad_row` gets a NIP of 7 digits.
fn sipd_list(bad_row: Option<usize>) -> String {
    let mut csv = String::from("Kode SKPD;Nama SKPD;Singkatan;Kepala;NIP\n");
    for n in 1..=20 {
        let nip = if bad_row == Some(n) { "1970010".to_owned() } else { format!("1968050519930310{n:02}") };
        let (name, short) = if n <= 8 {
            (format!("Kecamatan Contoh {n}"), format!("KEC-CONTOH-{n}"))
        } else {
            (format!("Badan Contoh {n}"), format!("BADAN-{n}"))
        };
        csv.push_str(&format!("4.01.0.00.0.00.{n:02}.0000;{name};{short};Pejabat {n};{nip}\n"));
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn a_regency_keeps_its_agencies_without_demo_data() {
    scenario(agencies_on_day_one()).await;
}

async fn add_by_form(app: &AppSession, code: &str, short: &str, name: &str, kind: &str, nip: &str) {
    app.click("[data-testid='agency-add']").await;
    app.fill("[data-testid='agency-code']", code).await;
    app.fill("[data-testid='agency-shortName']", short).await;
    app.fill("[data-testid='agency-name']", name).await;
    app.set_value("[data-testid='agency-kind']", kind).await;
    app.fill("[data-testid='agency-headName']", "Dra. Contoh").await;
    if !nip.is_empty() {
        app.fill("[data-testid='agency-headNip']", nip).await;
    }
    app.click("[data-testid='agency-save']").await;
}

async fn agencies_on_day_one() {
    let scratch = tempfile::tempdir().unwrap();
    let (bad, good) = (scratch.path().join("skpd-salah.csv"), scratch.path().join("skpd.csv"));
    std::fs::write(&bad, sipd_list(Some(5))).unwrap();
    std::fs::write(&good, sipd_list(None)).unwrap();

    let app = AppSession::start().await;
    app.wait_for_css("[data-testid='setup-page']").await;
    app.click("[data-testid='role-regent']").await;
    app.fill("[data-testid='setup-name']", "H. Ade Kuswara Kunang").await;
    app.click("[data-testid='setup-submit']").await;
    app.click("[data-testid='nav-agencies']").await;
    app.wait_for_css("[data-testid='agency-admin']").await;

    // Three by form; a NIP that is not 18 digits is named and nothing is written.
    add_by_form(&app, "DP3A", "DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas", "1970").await;
    let error = app.text_of("[data-testid='agency-headNip-error']").await;
    assert!(error.starts_with("NIP kepala"), "{error:?}");
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM agencies"), 0);
    app.fill("[data-testid='agency-headNip']", "19700101 199003 2 001").await;
    app.click("[data-testid='agency-save']").await;
    app.wait_for_css("[data-testid='agency-row'][data-code='DP3A']").await;
    app.screenshot("agencies-01-first-by-form").await;
    add_by_form(&app, "DINKES", "Dinkes", "Dinas Kesehatan", "dinas", "197203032000031002").await;
    app.wait_for_css("[data-testid='agency-row'][data-code='DINKES']").await;
    add_by_form(&app, "KEC-SETU", "Kec. Setu", "Kecamatan Setu", "kecamatan", "").await;
    app.wait_for_css("[data-testid='agency-row'][data-code='KEC-SETU']").await;
    assert_eq!(app.count("[data-testid='agency-row']").await, 3);

    // SIPD's list with one bad row: named by row and column, nothing saved.
    app.click("[data-testid='agency-import']").await;
    app.wait_for_css("[data-testid='agency-import-file']").await.send_keys(&bad.display().to_string()).await.unwrap();
    let problem = app.text_of("[data-testid='agency-import-problem-row']").await;
    assert!(problem.starts_with("6 NIP kepala") && problem.contains("1970010"), "{problem:?}");
    assert_eq!(app.count("[data-testid='agency-import-commit']").await, 0);
    app.screenshot("agencies-02-import-refused-by-row").await;
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM agencies"), 3);

    // Fixed, the whole list lands in one event.
    app.wait_for_css("[data-testid='agency-import-file']").await.send_keys(&good.display().to_string()).await.unwrap();
    let summary = app.text_of("[data-testid='agency-import-summary']").await;
    assert!(summary.contains("20 baris — 20 baru"), "{summary:?}");
    app.screenshot("agencies-03-import-preview").await;
    app.click("[data-testid='agency-import-commit']").await;
    // Without a code column, SIPD's kode SKPD is the code.
    app.wait_for_css("[data-testid='agency-row'][data-code='4.01.0.00.0.00.20.0000']").await;
    assert_eq!(app.count("[data-testid='agency-row']").await, 23);
    assert_eq!(app.count("[data-testid='agency-row'][data-kind='kecamatan']").await, 9);
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM events WHERE kind = 'agency.list_imported'"), 1);

    // A rename keeps the old name on record; a deactivated agency stays listed.
    let dinkes = "[data-testid='agency-row'][data-code='DINKES']";
    app.click(&format!("{dinkes} [data-testid='agency-edit']")).await;
    app.fill("[data-testid='agency-name']", "Dinas Kesehatan dan Keluarga Berencana").await;
    app.click("[data-testid='agency-save']").await;
    let former = app.wait_for_text(&format!("{dinkes} .former"), |text| !text.is_empty()).await;
    assert_eq!(former, "Dahulu: Dinas Kesehatan");
    let badan = "[data-testid='agency-row'][data-code='4.01.0.00.0.00.09.0000']";
    app.click(&format!("{badan} [data-testid='agency-deactivate']")).await;
    app.fill("[data-testid='agency-deactivate-reason']", "Digabung").await;
    app.click("[data-testid='agency-deactivate-confirm']").await;
    app.wait_for_css(&format!("{badan}[data-active='false']")).await;
    app.screenshot("agencies-04-renamed-and-deactivated").await;
    assert_eq!(count(&app.data_dir, "SELECT count(*) FROM agencies WHERE active = 0"), 1);
    app.close().await;
}
