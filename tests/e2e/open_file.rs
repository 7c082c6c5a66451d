//! `.ikp` files opened from outside the app (a double click, the command line): the app
//! starts on the Sinkronisasi page with a preview of the file — its sender and counts —
//! and writes nothing until the user confirms. A second start with another file, while
//! the app runs, hands that file to the same window (tauri-plugin-single-instance) and
//! exits; the window then shows the second file's preview (here an enrolment request).

use std::path::Path;
use std::sync::Arc;

use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::clock::SystemClock;
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

fn events_in(data_dir: &Path) -> u32 {
    let conn =
        rusqlite::Connection::open_with_flags(data_dir.join("ikp.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_double_clicked_bundle_shows_its_preview_and_a_second_file_reaches_the_same_window() {
    scenario(two_files_opened_from_outside()).await;
}

async fn two_files_opened_from_outside() {
    let scratch = tempfile::tempdir().unwrap();
    let clock = Arc::new(SystemClock);
    // The Secretary's laptop, set up; the Regent's laptop (the trust root) approves its
    // enrolment request and exports everything: the answer file. A third laptop saves
    // an enrolment request of its own.
    let secretary_dir = scratch.path().join("sekda");
    let mut secretary = Desk::open_profile(&secretary_dir, Some("sekda"), clock.clone()).unwrap();
    secretary
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    let secretary_request = secretary.sync().enrolment_request().unwrap();
    drop(secretary);
    let regent_dir = scratch.path().join("bupati");
    let mut regent = Desk::open_profile(&regent_dir, Some("bupati"), clock.clone()).unwrap();
    regent
        .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "H. Ahmad Suryana".into() })
        .unwrap();
    regent
        .record(DomainEvent::AgencyRegistered(AgencyRegistered {
            code: "BPBD".into(),
            name: "Badan Penanggulangan Bencana Daerah".into(),
            short_name: "BPBD".into(),
            kind: AgencyKind::Badan,
        }))
        .unwrap();
    regent.sync().approve_enrolment(&secretary_request, None).unwrap();
    let bundle = scratch.path().join("jawaban-pendaftaran-sekda.ikp");
    let exported = regent.sync().export_to_file(&bundle, &ExportScope::Everything).unwrap();
    let regent_fingerprint = regent.sync().overview().unwrap().fingerprint;
    let newcomer_dir = scratch.path().join("wakil");
    let mut newcomer = Desk::open_profile(&newcomer_dir, Some("wakil"), clock).unwrap();
    newcomer
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Wakil Sekretaris".into() })
        .unwrap();
    let request = scratch.path().join("permintaan-pendaftaran-wakil.ikp");
    std::fs::write(&request, newcomer.sync().enrolment_request().unwrap()).unwrap();
    let before = events_in(&secretary_dir);

    // 1. A double click on the bundle starts the app on its preview.
    let app = AppSession::start_in_opening(&secretary_dir, "sekda", &bundle).await;
    app.wait_for_css("[data-testid='opened-file'][data-kind='bundle']").await;
    assert_eq!(app.text_of("[data-testid='opened-file-name']").await, "jawaban-pendaftaran-sekda.ikp");
    let sender = app.text_of("[data-testid='opened-file-sender']").await;
    assert!(sender.contains(&regent_fingerprint), "{sender:?} names the Regent's laptop");
    let counts = app.text_of("[data-testid='opened-file-counts']").await;
    let events = exported.events;
    // The Secretary's own enrolment claim comes back in the answer: it is not new here.
    assert!(counts.starts_with(&format!("{events} catatan, {} di antaranya baru", events - 1)), "{counts:?}");
    app.screenshot("open-file-bundle-preview").await;
    assert_eq!(events_in(&secretary_dir), before, "nothing is imported before the user confirms");

    // 2. A second double click, on an enrolment request, while the app runs: the second
    // start hands it over and exits; the same window shows its preview.
    let status = app.second_start(&request);
    assert!(status.success(), "the second start exits cleanly after handing the file over: {status:?}");
    app.wait_for_css("[data-testid='opened-file'][data-kind='enrolmentRequest']").await;
    let claim = app.text_of("[data-testid='opened-file-claim']").await;
    assert!(claim.starts_with("Wakil Sekretaris"), "{claim:?}");
    app.wait_for_css("[data-testid='opened-file-not-root']").await;
    assert_eq!(
        app.count("[data-testid='opened-file'][data-kind='bundle']").await,
        0,
        "the second file replaced the first"
    );
    app.screenshot("open-file-request-preview").await;
    assert_eq!(events_in(&secretary_dir), before);

    // 3. The bundle again, and this time the user confirms: then, and only then, it is imported.
    app.click("[data-testid='opened-file-cancel']").await;
    assert!(app.second_start(&bundle).success());
    app.click("[data-testid='opened-file'][data-kind='bundle'] [data-testid='opened-file-import']").await;
    assert_eq!(app.text_of("[data-testid='root-confirm-fingerprint']").await, regent_fingerprint);
    assert_eq!(events_in(&secretary_dir), before, "no root is trusted before the person compares it");
    app.click("[data-testid='root-confirm-same']").await;
    let new = app.text_of("[data-testid='sync-report-new']").await;
    assert!(new.starts_with(&format!("{} catatan baru", events - 1)), "{new:?}");
    app.wait_until_gone("[data-testid='opened-file']").await;
    assert_eq!(events_in(&secretary_dir), before + events - 1);
    app.wait_for_css("[data-testid='sync-enrolment'][data-standing='granted']").await;
    app.close().await;
}
