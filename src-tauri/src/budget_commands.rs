//! Commands of the budget screens: thin calls into `Desk`.

use ikp_core::budget::import::ImportPreview;
use ikp_core::budget::ops::{CeilingInput, PhysicalInput, PlanInput, RealizationInput};
use ikp_core::budget::queries::{AgencyBudget, RegencyBudget};
use ikp_core::period::Period;
use ikp_core::CoreError;
use tauri::State;

use crate::export_commands::{save_bytes, Exporter};
use crate::file_bytes;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn set_budget_ceiling(state: State<'_, AppState>, input: CeilingInput) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.set_budget_ceiling(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_budget_plan(state: State<'_, AppState>, input: PlanInput) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.set_budget_plan(input))
}

#[tauri::command]
#[specta::specta]
pub async fn record_realization(
    state: State<'_, AppState>,
    input: RealizationInput,
) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.record_realization(input))
}

#[tauri::command]
#[specta::specta]
pub async fn report_physical_progress(
    state: State<'_, AppState>,
    input: PhysicalInput,
) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.report_physical_progress(input))
}

#[tauri::command]
#[specta::specta]
pub async fn agency_budget(
    state: State<'_, AppState>,
    agency_code: String,
    fiscal_year: i32,
    period: Option<String>,
) -> Result<AgencyBudget, CoreError> {
    match period {
        None => state.with(|desk| desk.agency_budget(&agency_code, fiscal_year)),
        Some(text) => {
            let period = Period::parse(&text)?;
            state.with(|desk| desk.agency_budget_in(&agency_code, fiscal_year, &period))
        }
    }
}

#[tauri::command]
#[specta::specta]
/// The regency's absorption now, or at the end of `period` (`2026-06`, `2026-Q3`…).
pub async fn regency_budget(
    state: State<'_, AppState>,
    fiscal_year: i32,
    period: Option<String>,
) -> Result<RegencyBudget, CoreError> {
    match period {
        None => state.with(|desk| desk.regency_budget(fiscal_year)),
        Some(text) => {
            let period = Period::parse(&text)?;
            state.with(|desk| desk.regency_budget_in(fiscal_year, &period))
        }
    }
}

/// The ranking as an Excel workbook, written where the user chooses; `None` when
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_budget_ranking(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    fiscal_year: i32,
    period: Option<String>,
) -> Result<Option<String>, CoreError> {
    let parsed = period.as_deref().map(Period::parse).transpose()?;
    let bytes = state.with(|desk| desk.regency_budget_workbook(fiscal_year, parsed.as_ref()))?;
    let name = match &period {
        Some(text) => format!("serapan-anggaran-{fiscal_year}-{text}.xlsx"),
        None => format!("serapan-anggaran-{fiscal_year}.xlsx"),
    };
    save_bytes(&exporter, &name, &bytes)
}

/// Checks a realization file (base64 from the webview) and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_realization_import(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
) -> Result<ImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.preview_realization_import(&file_name, &bytes))
}

#[tauri::command]
#[specta::specta]
pub async fn import_realizations(
    state: State<'_, AppState>,
    file_name: String,
    content_base64: String,
    skip_bad_rows: bool,
) -> Result<ImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    state.with(|desk| desk.import_realizations(&file_name, &bytes, skip_bad_rows))
}
