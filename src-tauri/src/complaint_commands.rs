//! Commands of the Pengaduan (SP4N-LAPOR!) screens: thin calls into `Desk`. Whose
//! complaints a user sees is decided by the core from the device's enrolment.

use ikp_core::complaint::import::{ColumnChoice, ComplaintImportPreview};
use ikp_core::complaint::ops::{ComplaintFollowUpInput, ComplaintInput, CompleteInput, DisposeInput, StatusInput};
use ikp_core::complaint::payload::TimeLimit;
use ikp_core::complaint::queries::{
    ChannelCount, ComplaintDetail, ComplaintFilter, ComplaintSummary, ComplaintView, HistoryView, RapimComplaints,
};
use ikp_core::period::Period;
use ikp_core::workdays::Holiday;
use ikp_core::CoreError;
use tauri::State;

use crate::file_bytes;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn record_complaint(state: State<'_, AppState>, input: ComplaintInput) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().record(input))
}

#[tauri::command]
#[specta::specta]
pub async fn dispose_complaint(state: State<'_, AppState>, input: DisposeInput) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().dispose(input))
}

#[tauri::command]
#[specta::specta]
pub async fn follow_up_complaint(
    state: State<'_, AppState>,
    input: ComplaintFollowUpInput,
) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().follow_up(input))
}

#[tauri::command]
#[specta::specta]
pub async fn complete_complaint(
    state: State<'_, AppState>,
    input: CompleteInput,
) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().complete(input))
}

#[tauri::command]
#[specta::specta]
pub async fn change_complaint_status(
    state: State<'_, AppState>,
    input: StatusInput,
) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().change_status(input))
}

#[tauri::command]
#[specta::specta]
pub async fn get_complaint(state: State<'_, AppState>, tracking_id: String) -> Result<ComplaintDetail, CoreError> {
    state.with(|desk| desk.complaints().detail(&tracking_id))
}

#[tauri::command]
#[specta::specta]
pub async fn list_complaints(
    state: State<'_, AppState>,
    filter: ComplaintFilter,
) -> Result<Vec<ComplaintView>, CoreError> {
    state.with(|desk| desk.complaints().list(&filter))
}

/// Figures per agency and per kecamatan for complaints received in the months given.
#[tauri::command]
#[specta::specta]
pub async fn complaint_summary(
    state: State<'_, AppState>,
    from_month: Option<String>,
    to_month: Option<String>,
) -> Result<ComplaintSummary, CoreError> {
    state.with(|desk| desk.complaints().summary(from_month.as_deref(), to_month.as_deref()))
}

#[tauri::command]
#[specta::specta]
pub async fn complaint_rapim(state: State<'_, AppState>, period: Period) -> Result<RapimComplaints, CoreError> {
    state.with(|desk| desk.complaints().rapim_in(&period))
}

/// The channels complaints came in by, with their counts.
#[tauri::command]
#[specta::specta]
pub async fn complaint_channels(state: State<'_, AppState>) -> Result<Vec<ChannelCount>, CoreError> {
    state.with(|desk| desk.complaints().channels())
}

#[tauri::command]
#[specta::specta]
pub async fn complaint_dispositions(state: State<'_, AppState>, limit: u32) -> Result<Vec<HistoryView>, CoreError> {
    state.with(|desk| desk.complaints().dispositions(limit))
}

/// Every complaint this user sees as CSV text (the UI saves it through `save_export`).
#[tauri::command]
#[specta::specta]
pub async fn export_complaints_csv(state: State<'_, AppState>, period: Period) -> Result<String, CoreError> {
    state.with(|desk| desk.complaints().export_csv_in(&period))
}

/// Checks a LAPOR! export (base64 from the webview) and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_complaint_import(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    choices: Vec<ColumnChoice>,
) -> Result<ComplaintImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.complaints().preview_import(&source, &file_name, &bytes, &choices))
}

#[tauri::command]
#[specta::specta]
pub async fn import_complaints(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    choices: Vec<ColumnChoice>,
    skip_bad_rows: bool,
) -> Result<ComplaintImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.complaints().import(&source, &file_name, &bytes, &choices, skip_bad_rows))
}

/// The time limits per classification, in working days.
#[tauri::command]
#[specta::specta]
pub async fn complaint_time_limits(state: State<'_, AppState>) -> Result<Vec<TimeLimit>, CoreError> {
    state.with(|desk| desk.complaints().time_limits())
}

#[tauri::command]
#[specta::specta]
pub async fn set_complaint_time_limits(
    state: State<'_, AppState>,
    limits: Vec<TimeLimit>,
) -> Result<Vec<TimeLimit>, CoreError> {
    state.with(|desk| desk.complaints().set_time_limits(limits))
}

/// National holidays and cuti bersama: the days off besides weekends.
#[tauri::command]
#[specta::specta]
pub async fn holidays(state: State<'_, AppState>) -> Result<Vec<Holiday>, CoreError> {
    state.with(|desk| desk.settings().holidays())
}

#[tauri::command]
#[specta::specta]
pub async fn set_holidays(state: State<'_, AppState>, holidays: Vec<Holiday>) -> Result<Vec<Holiday>, CoreError> {
    state.with(|desk| desk.settings().set_holidays(holidays))
}
