//! SP4N-LAPOR! follow-up in the real app: the Secretary's office imports an export with
//! one bad row (reported by row and column, nothing written), then a good one; an
//! overdue complaint is disposed to a kecamatan and leaves the overdue list while the
//! kecamatan's figures count it; the camat's profile sees it and records follow-up, and
//! the summary shows it followed up.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::Connection;

const OVERDUE_ID: &str = "LAPOR-E2E-0001";
const SETU: &str = "KEC-SETU";

/// The Secretary's and Setu's camat's profiles on one laptop, with the demo data.
fn prepare(data_dir: &Path) {
    let clock = Arc::new(SystemClock);
    let mut sekda = Desk::open_profile(data_dir, Some("sekda"), clock.clone()).unwrap();
    sekda
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    sekda.demo().load().unwrap();
    drop(sekda);
    let mut camat = Desk::open_profile(data_dir, Some("camat"), clock).unwrap();
    camat
        .setup_device(SetupInput {
            role: Role::AgencyStaff,
            agency_code: Some(SETU.into()),
            user_name: "Camat Setu".into(),
        })
        .unwrap();
}

fn complaint_count(data_dir: &Path) -> i64 {
    let conn =
        Connection::open_with_flags(data_dir.join("ikp.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM complaints", [], |row| row.get(0)).unwrap()
}

fn lapor_export(rows: &[[&str; 5]]) -> String {
    let mut csv = String::from("ID Laporan,Tanggal Laporan,Klasifikasi,Judul,Kecamatan\n");
    for row in rows {
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn secretary_imports_and_disposes_camat_follows_up() {
    scenario(a_complaint_from_lapor_to_the_camat()).await;
}

async fn a_complaint_from_lapor_to_the_camat() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    prepare(&data_dir);
    let today = ikp_tests::today_wib();
    let month_ago = (today - Duration::days(30)).to_string();
    let yesterday = (today - Duration::days(1)).to_string();
    let bad = scratch.path().join("lapor-salah.csv");
    std::fs::write(
        &bad,
        lapor_export(&[
            [OVERDUE_ID, &month_ago, "Pengaduan", "Jalan desa rusak di Cibening", "Setu"],
            ["LAPOR-E2E-0002", "31/02/2026", "Aspirasi", "Usul lampu jalan", "Setu"],
        ]),
    )
    .unwrap();
    let good = scratch.path().join("lapor.csv");
    std::fs::write(
        &good,
        lapor_export(&[
            [OVERDUE_ID, &month_ago, "Pengaduan", "Jalan desa rusak di Cibening", "Setu"],
            ["LAPOR-E2E-0002", &yesterday, "Aspirasi", "Usul lampu jalan", "Setu"],
        ]),
    )
    .unwrap();
    let before = complaint_count(&data_dir);

    let app = AppSession::start_in(&data_dir, "sekda").await;
    app.click("[data-testid='nav-complaints']").await;
    app.wait_for_css("[data-testid='complaints-chart'] svg").await;
    let setu_row = format!("[data-testid='by-agency-row'][data-code='{SETU}']");
    let disposed_before: u32 = app.text_of(&format!("{setu_row} [data-testid='disposed']")).await.parse().unwrap();
    app.screenshot("complaints-summary").await;
    // A period narrows the figures: one month holds no more than all time, and all time
    // comes back whole.
    let received = "[data-testid='complaints-received-value']";
    let count = |text: &str| text.replace('.', "").parse::<u32>().ok();
    let all_time = count(&app.text_of(received).await).expect("a number");
    app.set_value("[data-testid='period-kind']", "month").await;
    app.set_value("[data-testid='period-month']", "1").await;
    let january = app.wait_for_text(received, |text| count(text).is_some_and(|n| n < all_time)).await;
    assert!(count(&january).unwrap() < all_time, "{january} of {all_time}");
    app.set_value("[data-testid='period-kind']", "all").await;
    app.wait_for_text(received, |text| count(text) == Some(all_time)).await;

    // 1. The bad file: one row named, nothing written.
    app.click("[data-testid='complaints-tab-import']").await;
    app.wait_for_css("[data-testid='complaint-import-file']")
        .await
        .send_keys(&bad.display().to_string())
        .await
        .unwrap();
    let title = app.text_of("[data-testid='complaint-import-problem-title']").await;
    assert_eq!(title, "1 baris bermasalah. Belum ada yang disimpan.");
    let problem = app.text_of("[data-testid='complaint-import-problem-row']").await;
    assert!(problem.starts_with("3 Tanggal diterima") && problem.contains("31/02/2026"), "{problem:?}");
    assert_eq!(app.count("[data-testid='complaint-import-commit']").await, 0);
    assert_eq!(complaint_count(&data_dir), before);
    app.screenshot("complaints-import-report").await;

    // 2. The good file goes in whole.
    app.wait_for_css("[data-testid='complaint-import-file']")
        .await
        .send_keys(&good.display().to_string())
        .await
        .unwrap();
    app.click("[data-testid='complaint-import-commit']").await;
    let done = app.text_of("[data-testid='complaint-import-done']").await;
    assert!(done.starts_with("Impor selesai: 2 pengaduan baru"), "{done:?}");
    assert_eq!(complaint_count(&data_dir), before + 2);

    // 3. A month old and never disposed: overdue. Disposing it to Setu takes it off the list.
    app.click("[data-testid='complaints-tab-list']").await;
    // The channels on record come under their groups: LAPOR!'s website, app, SMS and
    // account are one SP4N-LAPOR!, offered whole.
    let lapor = app.text_of("[data-testid='complaints-channel'] optgroup[label='SP4N-LAPOR!'] option").await;
    assert!(lapor.starts_with("Semua SP4N-LAPOR! ("), "{lapor:?}");
    app.click("[data-testid='complaints-overdue-only']").await;
    // The list reloads: a row clicked before it has would be replaced under the click.
    app.wait_until_gone("[data-testid='complaint-row'][data-overdue='false']").await;
    let row = format!("[data-testid='complaint-row'][data-id='{OVERDUE_ID}']");
    app.click(&format!("{row} [data-testid='complaint-open']")).await;
    let due = app.text_of("[data-testid='complaint-due']").await;
    assert!(due.contains("lewat") && due.contains("hari kerja"), "{due:?}");
    app.set_value("[data-testid='dispose-agency']", SETU).await;
    app.fill("[data-testid='dispose-reason']", "Jalan desa: kewenangan kecamatan").await;
    app.click("[data-testid='dispose-submit']").await;
    app.wait_for_text("[data-testid='complaint-notice']", |text| text == "Disposisi tersimpan.").await;
    assert_eq!(app.text_of("[data-testid='complaint-agency']").await, "Kec. Setu");
    assert_eq!(app.text_of("[data-testid='complaint-detail-status']").await, "Didisposisikan");
    app.click("[data-testid='complaint-back']").await;
    app.click("[data-testid='complaints-tab-list']").await;
    // The street lamp is the public-works office's, though it stands in Setu.
    let lamp = "[data-testid='complaint-row'][data-id='LAPOR-E2E-0002']";
    app.click(&format!("{lamp} [data-testid='complaint-open']")).await;
    app.set_value("[data-testid='dispose-agency']", "SDABMBK").await;
    app.fill("[data-testid='dispose-reason']", "Penerangan jalan: kewenangan dinas").await;
    app.click("[data-testid='dispose-submit']").await;
    app.wait_for_text("[data-testid='complaint-notice']", |text| text == "Disposisi tersimpan.").await;
    app.click("[data-testid='complaint-back']").await;
    app.click("[data-testid='complaints-tab-list']").await;
    app.click("[data-testid='complaints-overdue-only']").await;
    // A complaint disposed today is within its time limit: it leaves the overdue list,
    // which still holds the demo's overdue complaints.
    app.wait_until_gone(&row).await;
    app.wait_for_css("[data-testid='complaints-list'] [data-testid='complaint-row']").await;
    assert_eq!(app.count(&row).await, 0);
    app.click("[data-testid='complaints-tab-summary']").await;
    let disposed_now =
        app.wait_for_text(&format!("{setu_row} [data-testid='disposed']"), |text| !text.is_empty()).await;
    assert_eq!(disposed_now.parse::<u32>().unwrap(), disposed_before + 1);
    app.close().await;

    // 4. The camat sees Setu's complaints — its own and those in its wilayah — and records
    //    the follow-up of its own.
    let camat = AppSession::start_in(&data_dir, "camat").await;
    camat.click("[data-testid='nav-complaints']").await;
    camat.wait_for_css("[data-testid='complaints-list']").await;
    assert_eq!(camat.count("[data-testid='complaints-tab-summary']").await, 0, "no regency summary for a camat");
    // In Setu but the public-works office's: the camat sees it and who has it, and only reads.
    let lamp_row = camat.wait_for_css(lamp).await;
    assert_eq!(lamp_row.attr("data-agency").await.unwrap().as_deref(), Some("SDABMBK"));
    camat.click(&format!("{lamp} [data-testid='complaint-open']")).await;
    let handler = camat.text_of("[data-testid='complaint-agency']").await;
    assert!(handler.contains("SDABMBK"), "{handler:?}");
    assert_eq!(camat.count("[data-testid='followup-submit']").await, 0, "not the camat's to follow up");
    camat.click("[data-testid='complaint-back']").await;
    camat.click(&format!("{row} [data-testid='complaint-open']")).await;
    camat.click("[data-testid='followup-submit']").await;
    let refused = camat.text_of("[data-testid='followup-error']").await;
    assert!(refused.starts_with("Tindakan"), "{refused:?}");
    camat
        .fill("[data-testid='followup-action']", "Tim kecamatan meninjau lokasi dan menambal jalan bersama desa.")
        .await;
    camat.click("[data-testid='followup-submit']").await;
    camat.wait_for_text("[data-testid='complaint-notice']", |text| text == "Tindak lanjut tercatat.").await;
    assert_eq!(camat.text_of("[data-testid='complaint-detail-status']").await, "Ditindaklanjuti");
    assert_eq!(camat.count("[data-testid='followup-entry']").await, 1);
    camat.screenshot("complaints-camat-follow-up").await;
    camat.close().await;

    // 5. Back at the Secretariat, the kecamatan's figures count the follow-up.
    let app = AppSession::start_in(&data_dir, "sekda").await;
    app.click("[data-testid='nav-complaints']").await;
    let followed = app.text_of(&format!("{setu_row} [data-testid='followed-up']")).await;
    let rate = app.text_of(&format!("{setu_row} [data-testid='rate']")).await;
    assert!(followed.parse::<u32>().unwrap() >= 1, "{followed:?}");
    assert!(rate.ends_with('%'), "{rate:?}");
    app.close().await;
}
