//! A sync folder in the real app: the Regent's laptop chooses the folder in Pengaturan
//! (through the folder picker's seam), writes its own file there by itself, and a file
//! DP3A's laptop drops into the folder is read without any click — the freshness line
//! for DP3A on the Sinkronisasi page shows the file received within 5 s; a file from a
//! laptop nobody enrolled is named there and not opened.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::clock::SystemClock;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::Direction;
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::sync::folder::{file_name, FolderWatch};
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};
use ikp_tests::files::names_in;

/// The promise of the sync folder: another laptop's file shows within this, unasked.
const APPEARS_WITHIN: Duration = Duration::from_secs(5);

/// The Regent's laptop with DP3A and one instruction for it; DP3A's laptop enrolled and
/// holding the instruction. Returns the indicator DP3A reports on.
fn prepare(regent_dir: &Path, dp3a_dir: &Path) -> String {
    let clock = Arc::new(SystemClock);
    let mut regent = Desk::open_profile(regent_dir, Some("bupati"), clock.clone()).unwrap();
    regent
        .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "H. Ahmad Suryana".into() })
        .unwrap();
    regent
        .record(DomainEvent::AgencyRegistered(AgencyRegistered {
            code: "DP3A".into(),
            name: "Dinas Pemberdayaan Perempuan dan Perlindungan Anak".into(),
            short_name: "DP3A".into(),
            kind: AgencyKind::Dinas,
        }))
        .unwrap();
    let issued = regent
        .instructions()
        .issue(IssueInput {
            title: "Pendampingan korban kekerasan anak di Cikarang".into(),
            category: "kekerasan_terhadap_anak".into(),
            background: "Kasus kekerasan anak meningkat.".into(),
            text: "Dampingi setiap korban dan keluarganya.".into(),
            lead_agency: "DP3A".into(),
            supporting_agencies: vec![],
            indicators: vec![IndicatorInput {
                agency_code: "DP3A".into(),
                name: "Korban yang didampingi".into(),
                unit: "orang".into(),
                baseline: "0".into(),
                target: "12".into(),
                direction: Direction::HigherIsBetter,
                deadline: None,
                source: None,
            }],
            deadline: None,
            draft_only: false,
        })
        .unwrap();
    let mut dp3a = Desk::open_profile(dp3a_dir, Some("dp3a"), clock).unwrap();
    dp3a.setup_device(SetupInput {
        role: Role::AgencyStaff,
        agency_code: Some("DP3A".into()),
        user_name: "Sari".into(),
    })
    .unwrap();
    regent.sync().approve_enrolment(&dp3a.sync().enrolment_request().unwrap(), None).unwrap();
    let (answer, _) = regent.sync().export_bundle(&ExportScope::Everything).unwrap();
    let root = regent.sync().trust_root().unwrap().expect("the Regent's laptop is the root");
    dp3a.sync().import_bundle("jawaban.ikp", &answer, Some(&root)).unwrap();
    issued.indicators[0].id.clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_dropped_in_the_sync_folder_shows_without_a_click() {
    scenario(a_folder_kept_by_another_program()).await;
}

async fn a_folder_kept_by_another_program() {
    let scratch = tempfile::tempdir().unwrap();
    let (regent_dir, dp3a_dir) = (scratch.path().join("bupati"), scratch.path().join("dp3a"));
    let indicator = prepare(&regent_dir, &dp3a_dir);
    let app = AppSession::start_in(&regent_dir, "bupati").await;
    let shared = app.shared_folder();

    // 1. Pengaturan → Sinkronisasi: the folder is chosen and watched; the laptop's own
    // file appears in it without anything else asked.
    app.click("[data-testid='nav-settings']").await;
    app.wait_for_css("[data-testid='sync-folder'][data-watching='false']").await;
    app.scroll_to("[data-testid='sync-folder']").await;
    app.click("[data-testid='sync-folder-choose']").await;
    assert_eq!(app.text_of("[data-testid='sync-folder-path']").await, shared.display().to_string());
    app.wait_for_css("[data-testid='sync-folder-last'][data-failed='false']").await;
    let own_files: Vec<String> = names_in(&shared).into_iter().filter(|name| name.starts_with("ikp-")).collect();
    assert_eq!(own_files.len(), 1, "the Regent's laptop wrote its one file: {own_files:?}");
    app.screenshot("sync-folder-chosen").await;

    // 2. Sinkronisasi: no file received from DP3A's laptop yet (its enrolment dates its
    // data).
    let dp3a_received = "[data-testid='freshness-row'][data-agency='DP3A'] [data-testid='freshness-received']";
    app.click("[data-testid='nav-sync']").await;
    app.wait_for_css(&format!("{dp3a_received}[data-received='false']")).await;

    // 3. DP3A reports progress and its laptop writes its file into the folder (as its
    // own watcher would, through a temporary name): the row shows it received, unasked.
    let dropped = {
        let mut dp3a = Desk::open_profile(&dp3a_dir, Some("dp3a"), Arc::new(SystemClock)).unwrap();
        dp3a.instructions()
            .report_progress(ProgressInput {
                indicator_id: indicator,
                value: "5".into(),
                reported_on: None,
                note: "Lima korban didampingi psikolog.".into(),
                evidence: vec![],
            })
            .unwrap();
        let pass = FolderWatch::new(&shared).look(&mut dp3a).unwrap();
        assert!(pass.written.is_some(), "{pass:?}");
        assert!(shared.join(file_name(dp3a.device_id())).exists());
        Instant::now()
    };
    app.wait_for_css(&format!("{dp3a_received}[data-received='true']")).await;
    let shown_after = dropped.elapsed();
    app.wait_for_css("[data-testid='freshness-row'][data-agency='DP3A'][data-freshness='current']").await;
    assert!(shown_after < APPEARS_WITHIN, "DP3A's file showed after {shown_after:?}");
    println!("a dropped file showed in the app after {:.2} s", shown_after.as_secs_f64());
    app.scroll_to("[data-testid='freshness-table']").await;
    app.screenshot("sync-folder-freshness").await;

    // 4. A file from a laptop of another regency is not opened, and the Sinkronisasi
    // page names it.
    let stranger_file = {
        let mut stranger = Desk::open_profile(&scratch.path().join("asing"), None, Arc::new(SystemClock)).unwrap();
        stranger
            .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Orang Asing".into() })
            .unwrap();
        FolderWatch::new(&shared).look(&mut stranger).unwrap();
        file_name(stranger.device_id())
    };
    let notice = app.wait_for_text("[data-testid='sync-folder-last']", |text| text.contains(&stranger_file)).await;
    assert!(notice.contains("tidak dibuka"), "{notice:?}");

    // 5. Stopping: the folder is no longer watched; the files stay where they are.
    app.click("[data-testid='nav-settings']").await;
    app.scroll_to("[data-testid='sync-folder']").await;
    app.click("[data-testid='sync-folder-forget']").await;
    app.wait_for_css("[data-testid='sync-folder-none']").await;
    assert_eq!(names_in(&shared).len(), 3, "the laptops' files stay in the folder");
    app.close().await;
}
