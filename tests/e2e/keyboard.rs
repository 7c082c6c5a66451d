//! A whole rapim without a mouse: the Regent's office reaches every control with Tab,
//! sees where the focus is, and creates the meeting, pulls the requests onto the agenda,
//! decides one in meeting mode, writes a note, finalizes and saves the PDF — keys only.

use fantoccini::key::Key;
use ikp_tests::app_session::{scenario, AppSession};

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_rapim_is_held_with_the_keyboard_only() {
    scenario(rapim_by_keyboard()).await;
}

/// Tabs to the control and presses Enter on it.
async fn press_on(app: &AppSession, testid: &str) {
    app.tab_to(testid).await;
    app.press(Key::Enter).await;
}

/// Tabs to the field and types into it.
async fn type_into(app: &AppSession, testid: &str, text: &str) {
    app.tab_to(testid).await;
    app.type_keys(text).await;
}

async fn rapim_by_keyboard() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    crate::accessibility::regent_with_demo(&data_dir);
    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.wait_for_css("[data-testid='dashboard']").await;

    press_on(&app, "nav-meetings").await;
    press_on(&app, "minutes-new").await;
    type_into(&app, "minutes-title", "Rapat Pimpinan Evaluasi IKP").await;
    type_into(&app, "minutes-place", "Ruang Rapat Bupati").await;
    type_into(&app, "notulis-name", "Dedi Kurniawan, S.IP.").await;
    press_on(&app, "minutes-create").await;

    press_on(&app, "agenda-add-negotiations").await;
    app.wait_for_css("[data-testid='agenda-item'][data-kind='negotiations']").await;
    press_on(&app, "minutes-open-meeting-mode").await;
    app.wait_for_css("[data-testid='meeting-mode']").await;
    app.press(Key::Escape).await;
    app.type_keys("a").await;
    app.wait_for_css("[data-testid='sitting-decision'][data-outcome='approve']").await;
    press_on(&app, "minutes-leave-meeting-mode").await;
    app.wait_for_css("[data-testid='minutes-decision-row']").await;

    type_into(&app, "agenda-note", "Kepala BPBD melaporkan armada tangki mencukupi.").await;
    app.wait_for_css("[data-testid='note-state'][data-state='saved']").await;
    press_on(&app, "minutes-finalize").await;
    press_on(&app, "minutes-finalize-confirm").await;
    app.wait_for_css("[data-testid='minutes-frozen']").await;
    press_on(&app, "minutes-export-pdf").await;
    app.wait_for_text("[data-testid='minutes-exported']", |text| text.contains(".pdf")).await;
    assert_eq!(app.count("[data-testid='error']").await, 0, "no error along the way");
    app.screenshot("keyboard-rapim-finalized").await;
    app.close().await;
}
