//! Commands of the agencies screen (master data): thin calls into `Desk`.

use ikp_core::agency::import::{AgencyColumnChoice, AgencyImportPreview};
use ikp_core::agency::ops::AgencyInput;
use ikp_core::agency::Agency;
use ikp_core::CoreError;
use tauri::State;

use crate::file_bytes;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn add_agency(state: State<'_, AppState>, input: AgencyInput) -> Result<Agency, CoreError> {
    state.with(|desk| desk.agencies().add(input))
}

#[tauri::command]
#[specta::specta]
pub async fn edit_agency(state: State<'_, AppState>, input: AgencyInput) -> Result<Agency, CoreError> {
    state.with(|desk| desk.agencies().edit(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_agency_active(
    state: State<'_, AppState>,
    code: String,
    active: bool,
    reason: String,
) -> Result<Agency, CoreError> {
    state.with(|desk| desk.agencies().set_active(&code, active, &reason))
}

/// Checks an agency list (base64 from the webview) and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_agency_import(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
    columns: Vec<AgencyColumnChoice>,
) -> Result<AgencyImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.agencies().preview_import(&file_name, &bytes, &columns))
}

#[tauri::command]
#[specta::specta]
pub async fn import_agencies(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
    columns: Vec<AgencyColumnChoice>,
) -> Result<AgencyImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.agencies().import(&file_name, &bytes, &columns))
}
