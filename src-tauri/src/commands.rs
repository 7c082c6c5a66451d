//! Tauri commands: each takes typed input, calls one `Desk` use case, and returns its
//! typed result or `CoreError`. No business rule lives here.
//!
//! All commands are `async` so they run off the main thread and never freeze the window.

use ikp_core::agency::Agency;
use ikp_core::demo::DemoSummary;
use ikp_core::device::DeviceInfo;
use ikp_core::log::EventSummary;
use ikp_core::reminders::Reminder;
use ikp_core::{AppStatus, CoreError, SetupInput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, CoreError> {
    state.with(|desk| desk.status())
}

#[tauri::command]
#[specta::specta]
pub async fn setup_device(state: State<'_, AppState>, input: SetupInput) -> Result<DeviceInfo, CoreError> {
    state.with(|desk| desk.setup_device(input))
}

#[tauri::command]
#[specta::specta]
pub async fn load_demo(state: State<'_, AppState>) -> Result<DemoSummary, CoreError> {
    state.with(|desk| desk.demo().load())
}

#[tauri::command]
#[specta::specta]
pub async fn list_agencies(state: State<'_, AppState>) -> Result<Vec<Agency>, CoreError> {
    state.with(|desk| desk.agencies().list())
}

#[tauri::command]
#[specta::specta]
pub async fn list_events(state: State<'_, AppState>, limit: u32) -> Result<Vec<EventSummary>, CoreError> {
    state.with(|desk| desk.events(limit))
}

/// What is due today for the person at this laptop (shown when the app opens).
#[tauri::command]
#[specta::specta]
pub async fn reminders(state: State<'_, AppState>) -> Result<Vec<Reminder>, CoreError> {
    state.with(|desk| desk.reminders())
}

/// The reminders to announce now as notifications of the operating system (each once a
/// day); the page words them and hands them to `show_notifications`.
#[tauri::command]
#[specta::specta]
pub async fn reminders_to_notify(state: State<'_, AppState>) -> Result<Vec<Reminder>, CoreError> {
    state.with(|desk| desk.reminders_to_notify())
}

/// One notification of the operating system, worded by the page.
#[derive(Clone, Debug, serde::Deserialize, specta::Type)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// Shows each notice as a notification of the operating system; returns how many it
/// showed. A laptop without a notification service shows none, and that is no error for
/// the person: the reminders stay on the dashboard.
#[tauri::command]
#[specta::specta]
pub async fn show_notifications(notifier: State<'_, Notifier>, notices: Vec<Notice>) -> Result<u32, CoreError> {
    use tauri_plugin_notification::NotificationExt;
    let mut shown = 0;
    for notice in notices.iter().take(8) {
        match notifier.0.notification().builder().title(&notice.title).body(&notice.body).show() {
            Ok(()) => shown += 1,
            Err(err) => log::warn!("a notification was not shown: {err}"),
        }
    }
    Ok(shown)
}

/// Shows notifications of the operating system (the app's handle, kept as managed state so
/// that the commands stay free of the runtime's type).
pub struct Notifier(pub tauri::AppHandle);

/// Puts a reminder away until tomorrow.
#[tauri::command]
#[specta::specta]
pub async fn dismiss_reminder(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    state.with(|desk| desk.dismiss_reminder(&id))
}
