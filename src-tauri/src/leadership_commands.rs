//! Commands of the regency's first-day setup: its profile, officials and letterhead.
//! Thin calls into `Desk`.

use ikp_core::desk::{HolidayCalendar, SetupProgress};
use ikp_core::letterhead::LetterheadSet;
use ikp_core::officials::{AppointmentInput, Officials};
use ikp_core::regency::RegencyProfile;
use ikp_core::CoreError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn set_regency_identity(
    state: State<'_, AppState>,
    name: String,
    letterhead: LetterheadSet,
) -> Result<RegencyProfile, CoreError> {
    state.with(|desk| desk.settings().set_regency_identity(&name, letterhead))
}

#[tauri::command]
#[specta::specta]
pub async fn holiday_calendar(state: State<'_, AppState>) -> Result<HolidayCalendar, CoreError> {
    state.with(|desk| desk.settings().holiday_calendar())
}

#[tauri::command]
#[specta::specta]
pub async fn officials(state: State<'_, AppState>) -> Result<Officials, CoreError> {
    state.with(|desk| desk.settings().officials())
}

#[tauri::command]
#[specta::specta]
pub async fn appoint_official(state: State<'_, AppState>, input: AppointmentInput) -> Result<Officials, CoreError> {
    state.with(|desk| desk.settings().appoint_official(input))
}

#[tauri::command]
#[specta::specta]
pub async fn letterhead(state: State<'_, AppState>) -> Result<Option<LetterheadSet>, CoreError> {
    state.with(|desk| desk.settings().letterhead())
}

#[tauri::command]
#[specta::specta]
pub async fn set_letterhead(state: State<'_, AppState>, input: LetterheadSet) -> Result<LetterheadSet, CoreError> {
    state.with(|desk| desk.settings().set_letterhead(input))
}

#[tauri::command]
#[specta::specta]
pub async fn setup_progress(state: State<'_, AppState>) -> Result<SetupProgress, CoreError> {
    state.with(|desk| desk.settings().setup_progress())
}
