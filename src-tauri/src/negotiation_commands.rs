//! Commands of the dialog kinerja screens (agency requests, meeting mode): thin calls
//! into `Desk`.

use ikp_core::desk::DecisionResult;
use ikp_core::meeting::Meeting;
use ikp_core::negotiation::ops::{DecisionInput, MeetingInput, NegotiationInput};
use ikp_core::negotiation::queries::{NegotiationFilter, NegotiationView, QueueGroup, Sitting, TargetHistory};
use ikp_core::CoreError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn request_negotiation(
    state: State<'_, AppState>,
    input: NegotiationInput,
) -> Result<NegotiationView, CoreError> {
    state.with(|desk| desk.negotiations().request(input))
}

#[tauri::command]
#[specta::specta]
pub async fn withdraw_negotiation(
    state: State<'_, AppState>,
    negotiation_id: String,
    reason: String,
) -> Result<NegotiationView, CoreError> {
    state.with(|desk| desk.negotiations().withdraw(&negotiation_id, &reason))
}

#[tauri::command]
#[specta::specta]
pub async fn decide_negotiation(state: State<'_, AppState>, input: DecisionInput) -> Result<DecisionResult, CoreError> {
    state.with(|desk| desk.negotiations().decide(input))
}

#[tauri::command]
#[specta::specta]
pub async fn undo_decision(
    state: State<'_, AppState>,
    decision_event: String,
    reason: String,
    meeting_id: Option<String>,
) -> Result<DecisionResult, CoreError> {
    state.with(|desk| desk.negotiations().undo_decision(&decision_event, &reason, meeting_id.as_deref()))
}

#[tauri::command]
#[specta::specta]
pub async fn get_negotiation(state: State<'_, AppState>, negotiation_id: String) -> Result<NegotiationView, CoreError> {
    state.with(|desk| desk.negotiations().detail(&negotiation_id))
}

#[tauri::command]
#[specta::specta]
pub async fn list_negotiations(
    state: State<'_, AppState>,
    filter: NegotiationFilter,
) -> Result<Vec<NegotiationView>, CoreError> {
    state.with(|desk| desk.negotiations().list(&filter))
}

#[tauri::command]
#[specta::specta]
pub async fn negotiation_queue(
    state: State<'_, AppState>,
    meeting_id: Option<String>,
) -> Result<Vec<QueueGroup>, CoreError> {
    state.with(|desk| match &meeting_id {
        Some(meeting_id) => desk.negotiations().sitting_queue(meeting_id),
        None => desk.negotiations().queue(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn target_history(state: State<'_, AppState>, indicator_id: String) -> Result<TargetHistory, CoreError> {
    state.with(|desk| desk.negotiations().target_history(&indicator_id))
}

#[tauri::command]
#[specta::specta]
pub async fn open_meeting(state: State<'_, AppState>, input: MeetingInput) -> Result<Meeting, CoreError> {
    state.with(|desk| desk.negotiations().open_meeting(input))
}

#[tauri::command]
#[specta::specta]
pub async fn close_meeting(state: State<'_, AppState>, meeting_id: String) -> Result<Meeting, CoreError> {
    state.with(|desk| desk.negotiations().close_meeting(&meeting_id))
}

#[tauri::command]
#[specta::specta]
pub async fn list_meetings(state: State<'_, AppState>) -> Result<Vec<Meeting>, CoreError> {
    state.with(|desk| desk.negotiations().meetings(50))
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_sitting(state: State<'_, AppState>, meeting_id: String) -> Result<Sitting, CoreError> {
    state.with(|desk| desk.minutes().sitting(&meeting_id))
}
