//! Larger text on demand: Ctrl and + enlarges the whole page step by step, the choice
//! shows in Pengaturan and stays for the next start; the dashboard, the notulen editor
//! and meeting mode at 150% on a 1366×768 laptop screen, saved to be looked at.

use fantoccini::key::Key;
use ikp_tests::app_session::{scenario, AppSession};

#[tokio::test(flavor = "multi_thread")]
async fn text_size_grows_with_ctrl_plus_and_stays_for_the_next_start() {
    scenario(larger_text()).await;
}

/// The page's width in CSS pixels: a zoomed page is narrower by the zoom factor.
async fn css_width(app: &AppSession) -> f64 {
    app.client.execute("return window.innerWidth;", vec![]).await.unwrap().as_f64().unwrap()
}

/// The page's width once the zoom shows `factor` (the webview applies a new zoom a moment
/// after the setting shows it), or its width after five seconds of waiting.
async fn width_at(app: &AppSession, normal: f64, factor: f64) -> f64 {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let width = css_width(app).await;
        if (normal / width - factor).abs() < 0.05 || std::time::Instant::now() > deadline {
            return width;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn larger_text() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    crate::accessibility::regent_with_demo(&data_dir);

    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.client.set_window_size(1366, 728).await.unwrap();
    app.wait_for_css("[data-testid='dashboard']").await;
    let normal = css_width(&app).await;
    for _ in 0..3 {
        app.chord(Key::Control, '+').await;
    }
    // (Zoomed, the page is driven through itself: see `AppSession::activate`.)
    app.activate("[data-testid='nav-settings']").await;
    app.wait_for_text("[data-testid='text-size'] option:checked", |text| text.starts_with("150%")).await;
    let zoomed = width_at(&app, normal, 1.5).await;
    assert!((normal / zoomed - 1.5).abs() < 0.05, "150% shows the page 1.5× larger: {normal} → {zoomed} CSS px");
    app.chord(Key::Control, '-').await;
    app.wait_for_text("[data-testid='text-size'] option:checked", |text| text.starts_with("125%")).await;
    app.set_value("[data-testid='text-size']", "150").await;
    app.wait_for_text("[data-testid='text-size'] option:checked", |text| text.starts_with("150%")).await;
    app.close().await;

    // The next start opens at 150%, before anything is pressed.
    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.client.set_window_size(1366, 728).await.unwrap();
    app.wait_for_css("[data-testid='dashboard']").await;
    let reopened = width_at(&app, normal, 1.5).await;
    assert!((normal / reopened - 1.5).abs() < 0.05, "kept for the next start: {normal} → {reopened} CSS px");
    app.screenshot("text-size-150-dashboard").await;

    app.activate("[data-testid='nav-meetings']").await;
    app.activate("[data-testid='minutes-new']").await;
    app.set_value("[data-testid='minutes-title']", "Rapat Pimpinan Evaluasi IKP").await;
    app.set_value("[data-testid='minutes-place']", "Ruang Rapat Bupati").await;
    app.set_value("[data-testid='notulis-name']", "Dedi Kurniawan, S.IP.").await;
    app.activate("[data-testid='minutes-create']").await;
    app.activate("[data-testid='agenda-add-negotiations']").await;
    app.wait_for_css("[data-testid='agenda-item'][data-kind='negotiations']").await;
    app.screenshot("text-size-150-notulen").await;
    app.activate("[data-testid='minutes-open-meeting-mode']").await;
    app.wait_for_css("[data-testid='meeting-mode']").await;
    app.press(Key::Escape).await;
    // At 150% on a 1366×768 screen the request may scroll, but who asks, the instruction's
    // number, the place in the queue and the decision buttons stay in view.
    app.screenshot("text-size-150-meeting-mode").await;
    for part in
        ["[data-testid='meeting-current'] .kicker", "[data-testid='decide-approve']", "[data-testid='decide-counter']"]
    {
        assert!(app.in_viewport(part).await, "{part} is out of view at 150%");
    }
    app.close().await;
}
