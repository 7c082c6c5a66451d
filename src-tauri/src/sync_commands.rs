//! Commands of the Sinkronisasi page: export a bundle through the native save dialog,
//! import one through the open dialog or a file dropped on the window. Rust picks and
//! reads the files; the core checks every byte before anything is written.

use std::path::PathBuf;

use chrono::NaiveDate;
use ikp_core::identity::DeviceId;
use ikp_core::sync::export::{ExportReport, ExportScope};
use ikp_core::sync::import::ImportReport;
use ikp_core::sync::SyncOverview;
use ikp_core::{CoreError, InputProblem};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::export_commands::{choose_source, choose_target, safe_file_name, Exporter};
use crate::state::AppState;

/// What to put in a bundle, as the page asks for it.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// "everything", "since" (with `since`) or "peer" (with `peer`, a device key).
    pub scope: String,
    pub since: Option<String>,
    pub peer: Option<String>,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedBundle {
    pub path: String,
    pub report: ExportReport,
}

#[tauri::command]
#[specta::specta]
pub async fn sync_overview(state: State<'_, AppState>) -> Result<SyncOverview, CoreError> {
    state.with(|desk| desk.sync_overview())
}

/// Writes a bundle where the user chooses; `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_sync_bundle(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    request: ExportRequest,
) -> Result<Option<SavedBundle>, CoreError> {
    let scope = scope_of(&request)?;
    let today = state.with(|desk| Ok(desk.today()))?;
    let name = safe_file_name(&format!("ikp-{}.ikp", today.format("%Y%m%d")))?;
    let Some(path) = choose_target(&exporter.0, &name)? else {
        return Ok(None);
    };
    let report = state.with(|desk| desk.export_to_file(&path, &scope))?;
    Ok(Some(SavedBundle { path: path.display().to_string(), report }))
}

/// Imports the bundle the user picks in the open dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_sync_bundle(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
) -> Result<Option<ImportReport>, CoreError> {
    let Some(path) = choose_source(&exporter.0, "ikp")? else {
        return Ok(None);
    };
    state.with(|desk| desk.import_file(&path)).map(Some)
}

/// Imports a bundle dropped onto the window (the path comes from the drop event).
#[tauri::command]
#[specta::specta]
pub async fn import_dropped_bundle(state: State<'_, AppState>, path: String) -> Result<ImportReport, CoreError> {
    state.with(|desk| desk.import_file(&PathBuf::from(path)))
}

fn scope_of(request: &ExportRequest) -> Result<ExportScope, CoreError> {
    match request.scope.as_str() {
        "everything" => Ok(ExportScope::Everything),
        "since" => request
            .since
            .as_deref()
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map(ExportScope::Since)
            .ok_or_else(|| CoreError::invalid("since", InputProblem::NotADate)),
        "peer" => request
            .peer
            .as_deref()
            .and_then(DeviceId::from_hex)
            .map(ExportScope::ForPeer)
            .ok_or_else(|| CoreError::invalid("peer", InputProblem::NotAllowed)),
        _ => Err(CoreError::invalid("scope", InputProblem::NotAllowed)),
    }
}
