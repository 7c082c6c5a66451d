//! Commands of the Settings screen's regency settings: thin calls into `Desk`.

use ikp_core::settings::{BudgetThresholds, CategoryInput, CategorySettings, NumberFormatSettings};
use ikp_core::CoreError;
use tauri::State;

use crate::state::AppState;

/// The categories new instructions may choose from, and the retired ones older
/// instructions may still carry.
#[tauri::command]
#[specta::specta]
pub async fn category_settings(state: State<'_, AppState>) -> Result<CategorySettings, CoreError> {
    state.with(|desk| desk.settings().categories())
}

#[tauri::command]
#[specta::specta]
pub async fn set_categories(
    state: State<'_, AppState>,
    categories: Vec<CategoryInput>,
) -> Result<CategorySettings, CoreError> {
    state.with(|desk| desk.settings().set_categories(categories))
}

#[tauri::command]
#[specta::specta]
pub async fn number_format(state: State<'_, AppState>) -> Result<NumberFormatSettings, CoreError> {
    state.with(|desk| desk.settings().number_format())
}

/// The next number in `template`, for the live preview; a refused template is the error.
#[tauri::command]
#[specta::specta]
pub async fn preview_number_format(state: State<'_, AppState>, template: String) -> Result<String, CoreError> {
    state.with(|desk| desk.settings().preview_number_format(&template))
}

#[tauri::command]
#[specta::specta]
pub async fn set_number_format(
    state: State<'_, AppState>,
    template: String,
) -> Result<NumberFormatSettings, CoreError> {
    state.with(|desk| desk.settings().set_number_format(&template))
}

/// The early-warning gap and the year-end absorption target of the budget screens.
#[tauri::command]
#[specta::specta]
pub async fn budget_thresholds(state: State<'_, AppState>) -> Result<BudgetThresholds, CoreError> {
    state.with(|desk| desk.settings().budget_thresholds())
}

#[tauri::command]
#[specta::specta]
pub async fn set_budget_thresholds(
    state: State<'_, AppState>,
    thresholds: BudgetThresholds,
) -> Result<BudgetThresholds, CoreError> {
    state.with(|desk| desk.settings().set_budget_thresholds(thresholds))
}

/// The letterhead logo of the notulen, for the Settings preview.
#[derive(Clone, Debug, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LetterheadLogo {
    pub file_name: String,
    /// The PNG, base64 (the page shows it as a data: URL).
    pub png_base64: String,
}

fn letterhead_view(logo: Option<(ikp_core::regency::RegencyLogoSet, Vec<u8>)>) -> Option<LetterheadLogo> {
    use base64::Engine;
    logo.map(|(logo, bytes)| LetterheadLogo {
        file_name: logo.file_name,
        png_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn letterhead_logo(state: State<'_, AppState>) -> Result<Option<LetterheadLogo>, CoreError> {
    state.with(|desk| Ok(letterhead_view(desk.settings().logo()?)))
}

/// Sets the letterhead logo (PNG; the leadership signs the setting).
#[tauri::command]
#[specta::specta]
pub async fn set_letterhead_logo(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
) -> Result<Option<LetterheadLogo>, CoreError> {
    let bytes = crate::file_bytes::decode("logo", &content_base64)?;
    state.with(|desk| {
        desk.settings().set_logo(&file_name, &bytes)?;
        Ok(letterhead_view(desk.settings().logo()?))
    })
}
