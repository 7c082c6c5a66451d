//! Sync by export files in the real app: the Secretary's new laptop saves an enrolment
//! request; the Regent's laptop (the trust root) opens it, sees the same fingerprint,
//! approves and saves the answer, and exports everything through the save dialog's
//! seam; the Secretary imports the answer through the open dialog's seam, reads the
//! report (new records, the root pinned), is enrolled and finds the Regent's
//! instruction; the Regent finally revokes a laptop.

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

/// The Regent's laptop with one agency and one instruction; the Secretary's laptop set
/// up but not enrolled yet.
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
        .instructions()
        .issue(IssueInput {
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
    drop(secretary);
    regent.sync().trust_root().unwrap().expect("the Regent's laptop is the root")
}

#[tokio::test(flavor = "multi_thread")]
async fn regent_exports_secretary_imports_and_sees_the_instruction() {
    scenario(a_file_from_the_regents_office()).await;
}

async fn a_file_from_the_regents_office() {
    let scratch = tempfile::tempdir().unwrap();
    let (regent_dir, secretary_dir) = (scratch.path().join("bupati"), scratch.path().join("sekda"));
    let root = prepare(&regent_dir, &secretary_dir);

    // 1. The Secretary's new laptop saves its enrolment request.
    let secretary = AppSession::start_in(&secretary_dir, "sekda").await;
    secretary.click("[data-testid='nav-sync']").await;
    secretary.wait_for_css("[data-testid='sync-enrolment'][data-standing='new']").await;
    let fingerprint = secretary.text_of("[data-testid='sync-fingerprint']").await;
    secretary.click("[data-testid='sync-save-request']").await;
    secretary.wait_for_css("[data-testid='sync-request-saved']").await;
    let request = kept(&secretary, "permintaan-pendaftaran", scratch.path());
    secretary.close().await;

    // 2. The Regent's office opens the request, sees the same fingerprint, approves and
    // saves the answer; then saves everything to a file as well.
    let regent = AppSession::start_in_with_file(&regent_dir, "bupati", Some(&request)).await;
    regent.click("[data-testid='nav-sync']").await;
    assert_eq!(regent.text_of("[data-testid='sync-trust-root']").await, root);
    regent.wait_for_css("[data-testid='sync-enrolment'][data-standing='root']").await;
    regent.click("[data-testid='sync-open-request']").await;
    assert_eq!(regent.text_of("[data-testid='sync-request-fingerprint']").await, fingerprint);
    regent.screenshot("sync-enrolment-request").await;
    regent.click("[data-testid='sync-approve']").await;
    let approved = regent.text_of("[data-testid='sync-approved']").await;
    assert!(approved.starts_with("Drs. Dedy Supriyadi didaftarkan sebagai Sekretaris Daerah"), "{approved:?}");
    regent.wait_for_text("[data-testid='sync-device']", |text| text.contains(&fingerprint)).await;
    let answer = kept(&regent, "jawaban-pendaftaran", scratch.path());
    regent.click("[data-testid='sync-export']").await;
    let done = regent.text_of("[data-testid='sync-export-done']").await;
    assert!(done.contains("catatan") && done.contains(".ikp"), "{done:?}");
    assert!(kept(&regent, "ikp-", scratch.path()).exists());
    assert_eq!(regent.count("[data-testid='sync-history-row'][data-direction='export']").await, 2);
    regent.close().await;

    // 3. The Secretary's laptop opens the answer: everything is new, the root gets
    // pinned, and the laptop is enrolled.
    let secretary = AppSession::start_in_with_file(&secretary_dir, "sekda", Some(&answer)).await;
    secretary.click("[data-testid='nav-sync']").await;
    let before = secretary.text_of("[data-testid='sync-trust-root']").await;
    assert!(before.starts_with("Belum ada"), "{before:?}");
    // The file alone pins no root: the person compares the fingerprint with the Regent's
    // screen. Turned down, nothing is imported and nothing is trusted.
    let history = secretary.count("[data-testid='sync-history-row']").await;
    secretary.click("[data-testid='sync-import']").await;
    assert_eq!(secretary.text_of("[data-testid='root-confirm-fingerprint']").await, root);
    secretary.screenshot("sync-confirm-root").await;
    secretary.click("[data-testid='root-confirm-different']").await;
    secretary.wait_for_css("[data-testid='root-confirm-dismissed']").await;
    assert!(secretary.text_of("[data-testid='sync-trust-root']").await.starts_with("Belum ada"));
    assert_eq!(secretary.count("[data-testid='sync-history-row']").await, history, "nothing was imported");
    secretary.click("[data-testid='sync-import']").await;
    secretary.click("[data-testid='root-confirm-same']").await;
    let new = secretary.text_of("[data-testid='sync-report-new']").await;
    let count: u32 = new.split_whitespace().next().unwrap().parse().unwrap();
    assert!(count >= 4, "the Regent's enrolment, agency, instruction and the grant: {new:?}");
    let pinned = secretary.text_of("[data-testid='sync-report-root']").await;
    assert!(pinned.contains(&root), "{pinned:?}");
    secretary.wait_for_text("[data-testid='sync-trust-root']", |text| text == root).await;
    assert_eq!(secretary.count("[data-testid='sync-history-row'][data-direction='import']").await, 1);
    secretary.wait_for_css("[data-testid='sync-enrolment'][data-standing='granted']").await;
    secretary.screenshot("sync-import-report").await;

    // 4. The imported instruction is there.
    secretary.click("[data-testid='nav-instructions']").await;
    secretary.wait_for_text("main", |text| text.contains(TITLE)).await;

    // 5. The same file again adds nothing.
    secretary.click("[data-testid='nav-sync']").await;
    secretary.click("[data-testid='sync-import']").await;
    let again = secretary.text_of("[data-testid='sync-report-new']").await;
    assert!(again.starts_with("0 catatan baru"), "{again:?}");
    secretary.close().await;

    // 6. The Secretary's laptop is lost: the Regent's office revokes it, with a reason.
    let regent = AppSession::start_in(&regent_dir, "bupati").await;
    regent.click("[data-testid='nav-sync']").await;
    regent.click("[data-testid='sync-revoke']").await;
    regent.click("[data-testid='sync-revoke-confirm']").await;
    regent.wait_for_css("[data-testid='error']").await;
    assert_eq!(regent.count("[data-testid='sync-device'][data-revoked='true']").await, 0, "no reason, no revocation");
    regent.fill("[data-testid='sync-revoke-reason']", "Laptop hilang").await;
    regent.click("[data-testid='sync-revoke-confirm']").await;
    regent.wait_for_css("[data-testid='sync-device'][data-revoked='true']").await;
    regent.wait_until_gone("[data-testid='error']").await;
    regent.screenshot("sync-enrolled-laptops").await;
    // How current each agency's data is: SDABMBK has no laptop of its own, so its data
    // is the Secretariat's to keep, not late.
    regent.wait_for_css("[data-testid='freshness-row'][data-agency='SDABMBK'][data-freshness='noLaptop']").await;
    regent.scroll_to("[data-testid='freshness-table']").await;
    regent.screenshot("sync-freshness").await;
    regent.close().await;
}

/// The newest file in the app's export folder whose name starts with `prefix`, copied
/// out of it (the next session gets a fresh folder).
pub(crate) fn kept(app: &AppSession, prefix: &str, scratch: &Path) -> std::path::PathBuf {
    let found = std::fs::read_dir(app.export_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.file_name().is_some_and(|name| name.to_string_lossy().starts_with(prefix)))
        .unwrap_or_else(|| panic!("no file {prefix}* was saved"));
    let copy = scratch.join(found.file_name().unwrap());
    std::fs::copy(&found, &copy).unwrap();
    copy
}
