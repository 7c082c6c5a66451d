//! The text size (zoom) of this laptop: chosen with Ctrl and + or −, or in Pengaturan.
//! The core keeps the choice; the page applies a change to its own webview at once, and
//! the shell applies the kept one at start, before the first paint.

use ikp_core::text_size::{TextSize, TextSizeChange};
use ikp_core::CoreError;
use tauri::{Runtime, State, WebviewWindow};

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn text_size(state: State<'_, AppState>) -> Result<TextSize, CoreError> {
    state.with(|desk| desk.text_size())
}

#[tauri::command]
#[specta::specta]
pub async fn set_text_size(state: State<'_, AppState>, percent: u16) -> Result<TextSize, CoreError> {
    state.with(|desk| desk.set_text_size(percent))
}

#[tauri::command]
#[specta::specta]
pub async fn change_text_size(state: State<'_, AppState>, change: TextSizeChange) -> Result<TextSize, CoreError> {
    state.with(|desk| desk.change_text_size(change))
}

/// Shows the window's page at `percent`. A webview that cannot zoom keeps 100%: the
/// choice is still kept, and the layouts work at every step.
pub fn apply<R: Runtime>(window: &WebviewWindow<R>, percent: u16) {
    if let Err(err) = window.set_zoom(f64::from(percent) / 100.0) {
        log::warn!("text size {percent}% not applied: {err}");
    }
}
