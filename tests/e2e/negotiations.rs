//! Dialog kinerja in the real app: DP3A's staff withdraw the demo's request and ask to
//! lower a target with a reason; the Regent opens a meeting and decides by keyboard in
//! meeting mode (rejects DP3A's request, approves BPBD's offer to raise its target,
//! undoes and redoes that approval); the effective target and achievement follow; DP3A
//! then reads who decided, when (WIB) and why.

use std::path::Path;
use std::sync::Arc;

use fantoccini::key::Key;
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};
use rusqlite::Connection;

const REGENT: &str = "H. Ahmad Suryana";
const DP3A_REASON: &str = "Dua korban pindah domisili dan satu keluarga menolak pendampingan lanjutan.";
const REJECT_NOTE: &str = "Seperti awal, target harus dicapai; minta bantuan UPTD PPA.";

/// The demo's indicators the scenario is about, by agency and name.
fn indicator_id(data_dir: &Path, agency: &str, name: &str) -> String {
    let conn =
        Connection::open_with_flags(data_dir.join("ikp.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT id FROM indicators WHERE agency_code = ?1 AND name = ?2", [agency, name], |row| row.get(0))
        .unwrap()
}

/// The laptop as the scenario needs it, set up through the core (not what is tested
/// here): the Regent's and DP3A's profiles and the demo data, which holds a past meeting
/// and three pending requests (DP3A 12 → 10, BPBD 8 → 10, DINKES a later deadline).
fn prepare(data_dir: &Path) {
    let clock = Arc::new(SystemClock);
    let mut regent = Desk::open_profile(data_dir, Some("bupati"), clock.clone()).unwrap();
    regent.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: REGENT.into() }).unwrap();
    regent.demo().load().unwrap();
    drop(regent);
    let mut staff = Desk::open_profile(data_dir, Some("dp3a"), clock).unwrap();
    staff
        .setup_device(SetupInput {
            role: Role::AgencyStaff,
            agency_code: Some("DP3A".into()),
            user_name: "Rahmawati".into(),
        })
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn agency_asks_regent_decides_by_keyboard_in_meeting_mode() {
    scenario(a_sitting_of_the_performance_dialogue()).await;
}

async fn a_sitting_of_the_performance_dialogue() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    prepare(&data_dir);
    let dp3a_indicator = indicator_id(&data_dir, "DP3A", "Korban yang mendapat pendampingan psikologis dan hukum");
    let bpbd_indicator = indicator_id(&data_dir, "BPBD", "Desa terdampak yang terlayani distribusi air bersih");

    // 1. DP3A's staff: their requests; withdraw the pending one, ask again from the indicator.
    let app = AppSession::start_in(&data_dir, "dp3a").await;
    app.click("[data-testid='nav-negotiations']").await;
    let pending = "[data-testid='negotiation'][data-status='pending'][data-agency='DP3A']";
    let asked_before = app.text_of(&format!("{pending} [data-testid='negotiation-target-change']")).await;
    assert!(asked_before.starts_with("12 → 10"), "{asked_before:?}");
    app.click(&format!("{pending} [data-testid='negotiation-withdraw']")).await;
    app.wait_for_css("[data-testid='withdraw-text']")
        .await
        .send_keys("Akan diajukan ulang dengan angka baru.")
        .await
        .unwrap();
    app.click("[data-testid='withdraw-submit']").await;
    app.wait_for_text("[data-testid='notice']", |text| text == "Permohonan ditarik.").await;
    let withdrawn = "[data-testid='negotiation'][data-status='withdrawn']";
    assert_eq!(app.text_of(&format!("{withdrawn} [data-testid='negotiation-status']")).await, "Ditarik");
    app.click(&format!("{withdrawn} [data-testid='negotiation-open-instruction']")).await;

    let row = format!("[data-testid='indicator-row'][data-id='{dp3a_indicator}']");
    app.click(&format!("{row} [data-testid='indicator-request']")).await;
    app.wait_for_css("[data-testid='request-form']").await;
    app.expect_focus("request-target").await;
    app.type_keys("9").await;
    app.click("[data-testid='request-movement-lower']").await;
    app.wait_for_css("[data-testid='request-justification']").await.send_keys(DP3A_REASON).await.unwrap();
    app.screenshot("40-agency-request-form").await;
    app.click("[data-testid='request-submit']").await;
    app.wait_for_text("[data-testid='notice']", |text| text.contains("Permohonan perubahan target terkirim")).await;
    app.wait_for_css(&format!("{row} [data-testid='indicator-pending-request']")).await;
    assert_eq!(app.text_of(&format!("{row} [data-testid='indicator-target']")).await, "12", "unchanged while pending");
    app.close().await;

    // 2. The Regent opens a meeting; the queue groups the requests by agency.
    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.click("[data-testid='nav-negotiations']").await;
    app.wait_for_css("[data-testid='meeting-start'] [data-testid='past-meeting']").await;
    app.wait_for_css("[data-testid='meeting-place']")
        .await
        .send_keys("Ruang Rapat Bupati, Cikarang Pusat")
        .await
        .unwrap();
    app.click("[data-testid='meeting-open']").await;
    app.wait_for_css("[data-testid='meeting-mode']").await;
    let groups: Vec<String> = {
        let mut codes = Vec::new();
        for group in app.client.find_all(fantoccini::Locator::Css("[data-testid='queue-group']")).await.unwrap() {
            codes.push(group.attr("data-agency").await.unwrap().unwrap_or_default());
        }
        codes
    };
    assert_eq!(groups, ["BPBD", "DINKES", "DP3A"]);
    assert_eq!(app.text_of("[data-testid='queue-count']").await, "3 dari 3 menunggu keputusan");

    // Arrow keys walk the queue to DP3A's request: 12 asked down to 9, with the reason
    // and DP3A's record beside it.
    app.press(Key::Down).await;
    app.press(Key::Down).await;
    let current = "[data-testid='meeting-current']";
    app.wait_for_text(&format!("{current} [data-testid='current-indicator']"), |text| {
        text.starts_with("Korban yang mendapat pendampingan")
    })
    .await;
    assert_eq!(app.text_of("[data-testid='current-was']").await, "12");
    assert_eq!(app.text_of("[data-testid='current-proposed']").await, "9");
    assert_eq!(app.text_of("[data-testid='current-justification']").await, DP3A_REASON);
    let record = app.text_of("[data-testid='current-record']").await;
    assert!(record.contains("1 ditarik"), "DP3A's record counts its withdrawn request: {record:?}");
    app.screenshot("41a-meeting-mode-pending").await;

    // Typing a note must not decide anything, though it is full of a, r and c.
    app.click("[data-testid='decision-note']").await;
    app.type_keys(REJECT_NOTE).await;
    assert_eq!(app.count("[data-testid='sitting-decision']").await, 0, "typing decides nothing");
    app.press(Key::Escape).await;
    // T: "tolak", the Indonesian key shown on the button.
    assert_eq!(app.text_of("[data-testid='decide-reject'] kbd").await, "T");
    app.type_keys("t").await;
    app.wait_for_css("[data-testid='queue-item'][data-status='rejected']").await;
    // The rejected request keeps its target: DP3A stays at 12.
    let rejected = "[data-testid='sitting-decision'][data-outcome='reject']";
    let line = app.text_of(&format!("{rejected} [data-testid='sitting-result']")).await;
    assert!(line.starts_with("berlaku 12 "), "{line:?}");

    // The selection moved on to the first request still waiting, BPBD's offer to raise 8 to 10.
    app.wait_for_text("[data-testid='current-indicator']", |text| text.starts_with("Desa terdampak")).await;
    assert_eq!(app.text_of("[data-testid='current-was']").await, "8");
    assert_eq!(app.text_of("[data-testid='current-proposed']").await, "10");
    assert_eq!(app.text_of("[data-testid='current-achievement']").await, "37,5%");
    for part in ["[data-testid='meeting-current'] .kicker", "[data-testid='decide-approve']"] {
        assert!(app.in_viewport(part).await, "{part} is out of view at the decision");
    }
    app.type_keys("s").await;
    let approved = "[data-testid='sitting-decision'][data-outcome='approve'][data-undone='false']";
    app.wait_for_css(approved).await;
    // Undo the last decision (a new event, Z), then approve again with the English key A.
    app.type_keys("z").await;
    app.wait_for_css("[data-testid='sitting-decision'][data-undone='true']").await;
    app.wait_for_text("[data-testid='queue-count']", |text| text.starts_with("2 dari 3")).await;
    let undone = app.text_of(&format!("{current}[data-status='pending'] [data-testid='current-indicator']")).await;
    assert!(undone.starts_with("Desa terdampak"), "the undone request is selected and pending again: {undone:?}");
    app.type_keys("a").await;
    app.wait_for_text("[data-testid='queue-count']", |text| text.starts_with("1 dari 3")).await;
    let line = app.text_of(&format!("{approved} [data-testid='sitting-result']")).await;
    assert!(line.starts_with("berlaku 10 ") && line.ends_with("capaian 30,0%"), "{line:?}");
    app.press(Key::Up).await;
    app.wait_for_css(&format!("{current}[data-status='approved']")).await;
    assert!(app.text_of("[data-testid='current-effective']").await.starts_with("10 "));
    assert_eq!(app.text_of("[data-testid='current-achievement']").await, "30,0%");
    let counts = app.text_of("[data-testid='sitting-counts']").await;
    assert_eq!(counts, "1 disetujui 1 ditolak 0 dengan perubahan 1 diurungkan");
    assert_eq!(app.count("[data-testid='sitting-decision']").await, 3);
    app.screenshot("41-meeting-mode").await;
    // The same room in English, the second language, then back.
    app.click("[data-testid='lang-toggle']").await;
    app.wait_for_text("[data-testid='tab-meeting']", |text| text == "Meeting mode").await;
    assert_eq!(app.text_of("[data-testid='sitting-counts']").await, "1 approved 1 rejected 0 countered 1 undone");
    app.screenshot("41b-meeting-mode-en").await;
    app.click("[data-testid='lang-toggle']").await;
    app.wait_for_text("[data-testid='tab-meeting']", |text| text == "Mode rapat").await;

    // The instruction page: the effective target, its achievement and its history.
    app.click("[data-testid='tab-all']").await;
    let bpbd = "[data-testid='negotiation'][data-status='approved'][data-agency='BPBD']";
    app.click(&format!("{bpbd} [data-testid='negotiation-open-instruction']")).await;
    let row = format!("[data-testid='indicator-row'][data-id='{bpbd_indicator}']");
    assert_eq!(app.text_of(&format!("{row} [data-testid='indicator-target']")).await, "10");
    assert_eq!(app.text_of(&format!("{row} [data-testid='indicator-achievement']")).await, "30,0%");
    let history = format!("[data-testid='target-history-indicator'][data-id='{bpbd_indicator}']");
    let history = app.text_of(&history).await;
    assert!(history.contains("8 → 10") && history.contains("Disetujui") && history.contains(REGENT), "{history:?}");
    app.scroll_to("[data-testid='target-history']").await;
    app.screenshot("42-target-history").await;
    app.close().await;

    // 3. DP3A reads the outcome: who decided, when in WIB, and the note.
    let app = AppSession::start_in(&data_dir, "dp3a").await;
    app.click("[data-testid='nav-negotiations']").await;
    let rejected = "[data-testid='negotiation'][data-status='rejected'][data-agency='DP3A']";
    assert_eq!(app.text_of(&format!("{rejected} [data-testid='negotiation-status']")).await, "Ditolak");
    assert_eq!(app.text_of(&format!("{rejected} [data-testid='decision-by']")).await, format!("{REGENT} (Bupati)"));
    let when = app.text_of(&format!("{rejected} [data-testid='decision-at']")).await;
    assert!(when.ends_with(" WIB"), "{when:?}");
    assert_eq!(app.text_of(&format!("{rejected} [data-testid='decision-note']")).await, format!("“{REJECT_NOTE}”"));
    // "Salin ringkasan": the outcome as a message for the agency's WhatsApp group.
    app.click(&format!("{rejected} [data-testid='negotiation-copy-summary']")).await;
    app.wait_for_css(&format!("{rejected} [data-testid='negotiation-copy-summary-done']")).await;
    let message = app.clipboard();
    assert!(message.starts_with("*Keputusan dialog kinerja*\nDP3A · "), "{message}");
    assert!(
        message.contains("\n*Ditolak*: target tetap ") && message.contains(&format!("Catatan: {REJECT_NOTE}")),
        "{message}"
    );
    app.screenshot("43-agency-outcome").await;
    app.close().await;
}
