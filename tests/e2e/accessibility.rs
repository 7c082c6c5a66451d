//! Every page of the app, in Indonesian and in English, audited by axe-core in the real
//! webview as the Regent sees it with the demo regency: no critical or serious fault.

use std::sync::Arc;

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
    let mut regent = Desk::open_profile(&data_dir, Some("bupati"), Arc::new(SystemClock)).unwrap();
    regent
        .setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "H. Ahmad Suryana".into() })
        .unwrap();
    regent.load_demo().unwrap();
    drop(regent);

    let app = AppSession::start_in(&data_dir, "bupati").await;
    let mut faults = Vec::new();
    for language in ["id", "en"] {
        for page in PAGES {
            app.click(&format!("[data-testid='nav-{page}']")).await;
            app.wait_for_css(&format!("[data-testid='nav-{page}'][aria-current='page']")).await;
            for violation in app.accessibility_violations().await {
                faults.push(format!("{language}/{page}: {violation}"));
            }
        }
        app.click("[data-testid='lang-toggle']").await;
    }
    app.close().await;
    assert!(faults.is_empty(), "{} accessibility faults:\n{}", faults.len(), faults.join("\n"));
}
