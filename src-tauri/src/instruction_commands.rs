//! Commands of the IKP instruction screens: thin calls into `Desk`.

use ikp_core::instruction::ops::{AmendInput, EditDraftInput, IssueInput, ProgressInput};
use ikp_core::instruction::payload::EvidenceRef;
use ikp_core::instruction::queries::{
    AgencyDashboard, AgencyScore, Dashboard, InstructionDetail, InstructionFilter, InstructionSummary, SilentAgency,
};
use ikp_core::CoreError;
use tauri::State;

use crate::export_commands::{save_bytes, Exporter};
use crate::file_bytes;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn issue_instruction(state: State<'_, AppState>, input: IssueInput) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().issue(input))
}

#[tauri::command]
#[specta::specta]
pub async fn issue_draft(state: State<'_, AppState>, instruction_id: String) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().issue_draft(&instruction_id))
}

#[tauri::command]
#[specta::specta]
pub async fn edit_draft(state: State<'_, AppState>, input: EditDraftInput) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().edit_draft(input))
}

#[tauri::command]
#[specta::specta]
pub async fn amend_instruction(state: State<'_, AppState>, input: AmendInput) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().amend(input))
}

#[tauri::command]
#[specta::specta]
pub async fn report_progress(state: State<'_, AppState>, input: ProgressInput) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().report_progress(input))
}

/// Stores an evidence file sent from the webview (base64, see `file_bytes`).
#[tauri::command]
#[specta::specta]
pub async fn attach_evidence(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
) -> Result<EvidenceRef, CoreError> {
    let bytes = file_bytes::decode("evidence", &content_base64)?;
    state.with(|desk| desk.evidence().attach_bytes(&file_name, &bytes))
}

/// Opens a stored evidence file with the system viewer. The page names the file by its
/// hash only; the core checks it and says where the file is, so no path ever comes from
/// the webview. The opener plugin's Rust function is called here directly: the plugin's
/// own commands are not registered and the webview is granted no opener permission.
#[tauri::command]
#[specta::specta]
pub async fn open_evidence(state: State<'_, AppState>, sha256: String) -> Result<(), CoreError> {
    let path = state.with(|desk| desk.evidence().for_viewing(&sha256))?;
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|err| CoreError::Storage { message: format!("no program opened the file: {err}") })
}

/// Saves a copy of a stored evidence file where the user picks in the save dialog: the
/// way to a file the desk will not open itself (`EvidenceNotViewable`). Nothing is run.
/// `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_evidence_copy(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    sha256: String,
) -> Result<Option<String>, CoreError> {
    let (file_name, bytes) = state.with(|desk| desk.evidence().copy(&sha256))?;
    save_bytes(&exporter, &file_name, &bytes)
}

#[tauri::command]
#[specta::specta]
pub async fn report_completion(
    state: State<'_, AppState>,
    instruction_id: String,
    note: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().report_completion(&instruction_id, &note))
}

#[tauri::command]
#[specta::specta]
pub async fn add_instruction_note(
    state: State<'_, AppState>,
    instruction_id: String,
    note: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().add_note(&instruction_id, &note))
}

#[tauri::command]
#[specta::specta]
pub async fn return_completion(
    state: State<'_, AppState>,
    instruction_id: String,
    reason: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().return_completion(&instruction_id, &reason))
}

#[tauri::command]
#[specta::specta]
pub async fn verify_instruction(
    state: State<'_, AppState>,
    instruction_id: String,
    note: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().verify(&instruction_id, &note))
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_instruction(
    state: State<'_, AppState>,
    instruction_id: String,
    reason: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().cancel(&instruction_id, &reason))
}

#[tauri::command]
#[specta::specta]
pub async fn list_instructions(
    state: State<'_, AppState>,
    filter: InstructionFilter,
) -> Result<Vec<InstructionSummary>, CoreError> {
    state.with(|desk| desk.instructions().list(&filter))
}

#[tauri::command]
#[specta::specta]
pub async fn get_instruction(
    state: State<'_, AppState>,
    instruction_id: String,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.instructions().detail(&instruction_id))
}

#[tauri::command]
#[specta::specta]
pub async fn agency_scorecard(state: State<'_, AppState>) -> Result<Vec<AgencyScore>, CoreError> {
    state.with(|desk| desk.instructions().scorecard())
}

#[tauri::command]
#[specta::specta]
pub async fn dashboard(state: State<'_, AppState>) -> Result<Dashboard, CoreError> {
    state.with(|desk| desk.instructions().dashboard())
}

/// An agency's own dashboard: its instructions by standing and what needs a report.
#[tauri::command]
#[specta::specta]
pub async fn agency_dashboard(state: State<'_, AppState>, agency_code: String) -> Result<AgencyDashboard, CoreError> {
    state.with(|desk| desk.instructions().agency_dashboard(&agency_code))
}

#[tauri::command]
#[specta::specta]
pub async fn silent_indicators(state: State<'_, AppState>, days: u32) -> Result<Vec<SilentAgency>, CoreError> {
    state.with(|desk| desk.instructions().silent_indicators(days))
}
