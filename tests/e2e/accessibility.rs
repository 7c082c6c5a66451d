//! Every page of the app, in Indonesian and in English, and the forms and panels that open
//! from them, audited by axe-core in the real webview as the Regent sees it with the demo
//! regency: no critical, serious or moderate fault.

use std::sync::Arc;

use fantoccini::key::Key;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

const PAGES: [&str; 11] = [
    "dashboard",
    "instructions",
    "scorecard",
    "negotiations",
    "budget",
    "complaints",
    "meetings",
    "agencies",
    "sync",
    "settings",
    "about",
];

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_an_accessibility_audit_in_both_languages() {
    scenario(audit_every_page()).await;
}

async fn audit_every_page() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    regent_with_demo(&data_dir);
    let mut staff = Desk::open_profile(&data_dir, Some("dp3a"), Arc::new(SystemClock)).unwrap();
    let dp3a = SetupInput { role: Role::AgencyStaff, agency_code: Some("DP3A".into()), user_name: "Rahmawati".into() };
    staff.setup_device(dp3a).unwrap();
    drop(staff);

    let app = AppSession::start_in(&data_dir, "bupati").await;
    let mut faults = Vec::new();
    for language in ["id", "en"] {
        for page in PAGES {
            app.click(&format!("[data-testid='nav-{page}']")).await;
            app.wait_for_css(&format!("[data-testid='nav-{page}'][aria-current='page']")).await;
            audit(&app, &format!("{language}/{page}"), &mut faults).await;
        }
        audit_panels(&app, language, &mut faults).await;
        app.click("[data-testid='lang-toggle']").await;
    }
    // An import's preview, with a row in trouble: a budget file one row of which is bad.
    let csv = scratch.path().join("realisasi-dp3a.csv");
    std::fs::write(
        &csv,
        "Kode OPD;Tanggal;Jumlah;No SP2D\nDP3A;2025-11-05;Rp1.000.000;SP2D/1\nDP3A;2025-11-06;-5.000;SP2D/2\n",
    )
    .unwrap();
    app.click("[data-testid='nav-budget']").await;
    app.wait_for_css("[data-testid='import-file']").await.send_keys(&csv.display().to_string()).await.unwrap();
    app.wait_for_css("[data-testid='import-problem-row']").await;
    audit(&app, "id/budget import preview", &mut faults).await;
    // A LAPOR! export with a date that does not exist, and one complaint's detail.
    let lapor = scratch.path().join("lapor.csv");
    std::fs::write(
        &lapor,
        "ID Laporan,Tanggal Laporan,Klasifikasi,Judul,Kecamatan\nLAPOR-1,31/02/2026,Aspirasi,Usul lampu jalan,Setu\n",
    )
    .unwrap();
    app.click("[data-testid='nav-complaints']").await;
    app.click("[data-testid='complaints-tab-import']").await;
    app.wait_for_css("[data-testid='complaint-import-file']")
        .await
        .send_keys(&lapor.display().to_string())
        .await
        .unwrap();
    app.wait_for_css("[data-testid='complaint-import-problem-row']").await;
    audit(&app, "id/complaint import preview", &mut faults).await;
    app.click("[data-testid='complaints-tab-list']").await;
    app.click("[data-testid='complaint-open']").await;
    app.wait_for_css("[data-testid='complaint-back']").await;
    audit(&app, "id/complaint detail", &mut faults).await;
    app.close().await;

    // What an agency's staff open: the progress report, a change request, the laptop's
    // enrolment request.
    let app = AppSession::start_in(&data_dir, "dp3a").await;
    app.click("[data-testid='my-instructions'] [data-testid='instruction-row']").await;
    app.click("[data-testid='action-progress']").await;
    app.wait_for_css("[data-testid='progress-form']").await;
    audit(&app, "id/progress report (agency)", &mut faults).await;
    app.click("[data-testid='indicator-request']").await;
    app.wait_for_css("[data-testid='request-form']").await;
    audit(&app, "id/change request (agency)", &mut faults).await;
    app.click("[data-testid='nav-sync']").await;
    app.wait_for_css("[data-testid='sync-enrolment'][data-standing='new']").await;
    audit(&app, "id/enrolment request (agency)", &mut faults).await;
    app.close().await;
    assert!(faults.is_empty(), "{} accessibility faults:\n{}", faults.len(), faults.join("\n"));
}

/// The Regent's laptop (profile "bupati") with the demo regency, set up through the core.
pub(crate) fn regent_with_demo(data_dir: &std::path::Path) {
    let mut regent = Desk::open_profile(data_dir, Some("bupati"), Arc::new(SystemClock)).unwrap();
    regent
        .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "H. Ahmad Suryana".into() })
        .unwrap();
    regent.demo().load().unwrap();
}

async fn audit(app: &AppSession, view: &str, faults: &mut Vec<String>) {
    for violation in app.accessibility_violations().await {
        faults.push(format!("{view}: {violation}"));
    }
}

/// The forms and panels that open from buttons: a new instruction, an instruction's
/// detail, a new meeting, its notulen, meeting mode and its counter-offer form.
async fn audit_panels(app: &AppSession, language: &str, faults: &mut Vec<String>) {
    app.click("[data-testid='nav-instructions']").await;
    app.click("[data-testid='new-instruction']").await;
    app.wait_for_css("[data-testid='instruction-form']").await;
    audit(app, &format!("{language}/new instruction"), faults).await;

    app.click("[data-testid='nav-instructions']").await;
    app.click("[data-testid='instruction-row']").await;
    app.wait_for_css("[data-testid='detail-back']").await;
    audit(app, &format!("{language}/instruction detail"), faults).await;

    app.click("[data-testid='nav-meetings']").await;
    app.click("[data-testid='minutes-new']").await;
    app.wait_for_css("[data-testid='minutes-title']").await;
    audit(app, &format!("{language}/new meeting"), faults).await;
    app.fill("[data-testid='minutes-title']", "Rapat Pimpinan").await;
    app.fill("[data-testid='minutes-place']", "Ruang Rapat Bupati").await;
    app.fill("[data-testid='notulis-name']", "Dedi Kurniawan").await;
    app.click("[data-testid='minutes-create']").await;
    app.click("[data-testid='agenda-add-negotiations']").await;
    app.wait_for_css("[data-testid='agenda-item'][data-kind='negotiations']").await;
    audit(app, &format!("{language}/notulen"), faults).await;

    app.click("[data-testid='minutes-open-meeting-mode']").await;
    app.wait_for_css("[data-testid='meeting-mode']").await;
    app.press(Key::Escape).await;
    audit(app, &format!("{language}/meeting mode"), faults).await;
    app.type_keys("c").await;
    app.wait_for_css("[data-testid='counter-form']").await;
    audit(app, &format!("{language}/counter-offer form"), faults).await;
    app.press(Key::Escape).await;
    app.click("[data-testid='minutes-leave-meeting-mode']").await;
}
