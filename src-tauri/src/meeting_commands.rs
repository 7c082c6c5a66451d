//! Commands of the Rapat page (meeting minutes): thin calls into `Desk`, and the
//! notulen export, rendered here in Rust and written through the save dialog.

use ikp_core::instruction::queries::InstructionDetail;
use ikp_core::minutes::ops::{
    AgendaItemInput, AttendeeInput, FollowUpInput, FollowUpInstructionInput, MeetingDetailsInput, MinutesDecisionInput,
    NoteInput,
};
use ikp_core::minutes::queries::{MeetingDraft, MeetingSummary, MinutesView};
use ikp_core::share::ShareSubject;
use ikp_core::CoreError;
use ikp_minutes::{Format, Minutes};
use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::export_commands::{save_bytes, Exporter};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_minutes(state: State<'_, AppState>) -> Result<Vec<MeetingSummary>, CoreError> {
    state.with(|desk| desk.minutes().summaries(200))
}

#[tauri::command]
#[specta::specta]
pub async fn get_minutes(state: State<'_, AppState>, meeting_id: String) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().detail(&meeting_id))
}

/// "Salin ringkasan": puts the message the core words for `subject` (a meeting's
/// decisions, an instruction, a decision) on the clipboard, and returns it.
#[tauri::command]
#[specta::specta]
pub async fn copy_summary(
    copier: State<'_, Copier>,
    state: State<'_, AppState>,
    subject: ShareSubject,
) -> Result<String, CoreError> {
    let message = state.with(|desk| desk.minutes().share_message(&subject))?;
    copier.copy(&message)?;
    Ok(message)
}

/// Writes the system clipboard for the commands that copy text (the app's handle, kept
/// as managed state so that the commands stay free of the runtime's type).
pub struct Copier(pub AppHandle);

impl Copier {
    fn copy(&self, text: &str) -> Result<(), CoreError> {
        self.0
            .clipboard()
            .write_text(text.to_owned())
            .map_err(|err| CoreError::Storage { message: format!("the clipboard cannot be written: {err}") })
    }
}

/// The new-meeting form's starting values: the last meeting's place and notulis, today's
/// Bupati and Sekda.
#[tauri::command]
#[specta::specta]
pub async fn new_meeting_draft(state: State<'_, AppState>) -> Result<MeetingDraft, CoreError> {
    state.with(|desk| desk.minutes().new_draft())
}

#[tauri::command]
#[specta::specta]
pub async fn create_meeting(state: State<'_, AppState>, input: MeetingDetailsInput) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().create(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_meeting_details(
    state: State<'_, AppState>,
    meeting_id: String,
    input: MeetingDetailsInput,
) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().set_details(&meeting_id, input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_attendee(state: State<'_, AppState>, input: AttendeeInput) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().set_attendee(input))
}

/// Lists the heads of the agencies on the agenda who are not on the list yet.
#[tauri::command]
#[specta::specta]
pub async fn invite_agenda_heads(state: State<'_, AppState>, meeting_id: String) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().invite_agenda_heads(&meeting_id))
}

#[tauri::command]
#[specta::specta]
pub async fn set_agenda_item(state: State<'_, AppState>, input: AgendaItemInput) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().set_agenda_item(input))
}

/// Autosave: the UI sends the whole note on every pause in typing.
#[tauri::command]
#[specta::specta]
pub async fn set_minutes_note(state: State<'_, AppState>, input: NoteInput) -> Result<(), CoreError> {
    state.with(|desk| desk.minutes().set_note(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_minutes_decision(
    state: State<'_, AppState>,
    input: MinutesDecisionInput,
) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().set_decision(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_follow_up(state: State<'_, AppState>, input: FollowUpInput) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().set_follow_up(input))
}

#[tauri::command]
#[specta::specta]
pub async fn follow_up_to_instruction(
    state: State<'_, AppState>,
    input: FollowUpInstructionInput,
) -> Result<InstructionDetail, CoreError> {
    state.with(|desk| desk.minutes().follow_up_to_instruction(input))
}

#[tauri::command]
#[specta::specta]
pub async fn finalize_minutes(state: State<'_, AppState>, meeting_id: String) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().finalize(&meeting_id))
}

#[tauri::command]
#[specta::specta]
pub async fn add_minutes_addendum(
    state: State<'_, AppState>,
    meeting_id: String,
    text: String,
) -> Result<MinutesView, CoreError> {
    state.with(|desk| desk.minutes().add_addendum(&meeting_id, &text))
}

/// Which file the notulen are saved as.
#[derive(Clone, Copy, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum MinutesFormat {
    Docx,
    Pdf,
}

impl From<MinutesFormat> for Format {
    fn from(format: MinutesFormat) -> Format {
        match format {
            MinutesFormat::Docx => Format::Docx,
            MinutesFormat::Pdf => Format::Pdf,
        }
    }
}

/// Renders the notulen and saves them where the user chooses; returns the path, or
/// `None` when the dialog was cancelled. Rendering runs outside the lock.
#[tauri::command]
#[specta::specta]
pub async fn export_minutes(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    meeting_id: String,
    format: MinutesFormat,
) -> Result<Option<String>, CoreError> {
    let format = Format::from(format);
    let (export, logo) = state.with(|desk| Ok((desk.minutes().export(&meeting_id)?, desk.settings().logo()?)))?;
    let logo = logo.map(|(_, bytes)| bytes);
    let bytes = ikp_minutes::render(&Minutes { export: &export, logo_png: logo.as_deref() }, format)
        .map_err(|err| CoreError::Storage { message: err.to_string() })?;
    save_bytes(&exporter, &ikp_minutes::file_name(&export, format), &bytes)
}
