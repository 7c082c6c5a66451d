//! Reminders when the app opens: the Secretary's laptop (with the demo regency) is told
//! that requests wait for a decision — on the dashboard, and by a notification of the
//! operating system (a real notification service, dunst, reads it back); dismissed, the
//! reminder stays away after the app is closed and opened again the same day, while the
//! others stay, and no notification is repeated that day.

use ikp_tests::app_session::{scenario, AppSession};
use ikp_tests::notifications::NotificationService;

const WAITING: &str = "[data-testid='reminder'][data-id='decisions_waiting']";

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_shows_on_start_and_stays_dismissed_that_day() {
    scenario(reminders()).await;
}

async fn reminders() {
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");
    crate::minutes::prepare(&data_dir);
    let service = NotificationService::start();

    let app = AppSession::start_in(&data_dir, "sekda").await;
    app.wait_for_css("body[data-reminders-announced]").await;
    let notified = service.shown();
    assert!(
        notified.iter().any(|shown| shown.starts_with("IKP Desk — pengingat hari ini: ")
            && shown.contains("permohonan perubahan target menunggu keputusan")),
        "the waiting requests were announced: {notified:?}"
    );
    let waiting = app.text_of(WAITING).await;
    assert!(waiting.contains("permohonan perubahan target menunggu keputusan"), "{waiting:?}");
    let shown = app.count("[data-testid='reminder']").await;
    app.screenshot("70-reminders").await;
    app.click(&format!("{WAITING} [data-testid='reminder-dismiss']")).await;
    app.wait_until_gone(WAITING).await;
    app.close().await;

    let app = AppSession::start_in(&data_dir, "sekda").await;
    app.wait_for_css("[data-testid='stat-active']").await;
    if shown > 1 {
        app.wait_for_css("[data-testid='reminder']").await;
    }
    assert_eq!(app.count("[data-testid='reminder']").await, shown - 1, "the others are still there");
    assert_eq!(app.count(WAITING).await, 0, "dismissed for the rest of the day");
    app.wait_for_css("body[data-reminders-announced='0']").await;
    assert_eq!(service.shown().len(), notified.len(), "no notification is repeated the same day");
    app.close().await;
}
