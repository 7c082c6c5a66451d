//! Sync by export files in the real app: the Regent's laptop (the trust root) enrolled
//! the Secretary's laptop; the Regent exports everything through the save dialog's
//! seam; the Secretary imports the file through the open dialog's seam, reads the
//! report (new records, the root pinned) and finds the Regent's instruction.

use std::path::Path;
use std::sync::Arc;

use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::clock::SystemClock;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput};
use ikp_core::instruction::Direction;
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

const TITLE: &str = "Pengerukan saluran irigasi Cibarusah sebelum musim hujan";

/// The Regent's laptop with one agency and one instruction; the Secretary's laptop
/// enrolled by it (request → approval), as `ikp enrol request|approve` would do.
fn prepare(regent_dir: &Path, secretary_dir: &Path) -> String {
    let clock = Arc::new(SystemClock);
    let mut regent = Desk::open_profile(regent_dir, Some("bupati"), clock.clone()).unwrap();
    regent
        .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "H. Ahmad Suryana".into() })
        .unwrap();
    regent
        .record(DomainEvent::AgencyRegistered(AgencyRegistered {
            code: "SDABMBK".into(),
            name: "Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi".into(),
            short_name: "SDABMBK".into(),
            kind: AgencyKind::Dinas,
        }))
        .unwrap();
    regent
        .issue_instruction(IssueInput {
            title: TITLE.into(),
            category: "banjir".into(),
            background: "Saluran tersumbat sedimen.".into(),
            text: "Keruk saluran primer dan sekunder.".into(),
            lead_agency: "SDABMBK".into(),
            supporting_agencies: vec![],
            indicators: vec![IndicatorInput {
                agency_code: "SDABMBK".into(),
                name: "Saluran yang dikeruk".into(),
                unit: "km".into(),
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
    let mut secretary = Desk::open_profile(secretary_dir, Some("sekda"), clock).unwrap();
    secretary
        .setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    let request = secretary.enrolment_request().unwrap();
    regent.approve_enrolment(&request, None).unwrap();
    regent.trust_root().unwrap().expect("the Regent's laptop is the root")
}

#[tokio::test(flavor = "multi_thread")]
async fn regent_exports_secretary_imports_and_sees_the_instruction() {
    scenario(a_file_from_the_regents_office()).await;
}

async fn a_file_from_the_regents_office() {
    let scratch = tempfile::tempdir().unwrap();
    let (regent_dir, secretary_dir) = (scratch.path().join("bupati"), scratch.path().join("sekda"));
    let root = prepare(&regent_dir, &secretary_dir);

    // 1. The Regent's office saves everything to a file.
    let regent = AppSession::start_in(&regent_dir, "bupati").await;
    regent.click("[data-testid='nav-sync']").await;
    assert_eq!(regent.text_of("[data-testid='sync-trust-root']").await, root);
    regent.click("[data-testid='sync-export']").await;
    let done = regent.text_of("[data-testid='sync-export-done']").await;
    assert!(done.contains("catatan") && done.contains(".ikp"), "{done:?}");
    let bundle = std::fs::read_dir(regent.export_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "ikp"))
        .expect("the bundle was written");
    assert_eq!(regent.count("[data-testid='sync-history-row'][data-direction='export']").await, 1);
    let kept = scratch.path().join("dari-bupati.ikp");
    std::fs::copy(&bundle, &kept).unwrap();
    regent.close().await;

    // 2. The Secretary's laptop opens it: everything is new, the root gets pinned.
    let secretary = AppSession::start_in_with_file(&secretary_dir, "sekda", Some(&kept)).await;
    secretary.click("[data-testid='nav-sync']").await;
    let before = secretary.text_of("[data-testid='sync-trust-root']").await;
    assert!(before.starts_with("Belum ada"), "{before:?}");
    secretary.click("[data-testid='sync-import']").await;
    let new = secretary.text_of("[data-testid='sync-report-new']").await;
    let count: u32 = new.split_whitespace().next().unwrap().parse().unwrap();
    assert!(count >= 4, "the Regent's enrolment, agency, instruction and the grant: {new:?}");
    let pinned = secretary.text_of("[data-testid='sync-report-root']").await;
    assert!(pinned.contains(&root), "{pinned:?}");
    secretary.wait_for_text("[data-testid='sync-trust-root']", |text| text == root).await;
    assert_eq!(secretary.count("[data-testid='sync-history-row'][data-direction='import']").await, 1);
    secretary.screenshot("sync-import-report").await;

    // 3. The imported instruction is there.
    secretary.click("[data-testid='nav-instructions']").await;
    secretary.wait_for_text("main", |text| text.contains(TITLE)).await;

    // 4. The same file again adds nothing.
    secretary.click("[data-testid='nav-sync']").await;
    secretary.click("[data-testid='sync-import']").await;
    let again = secretary.text_of("[data-testid='sync-report-new']").await;
    assert!(again.starts_with("0 catatan baru"), "{again:?}");
    secretary.close().await;
}
