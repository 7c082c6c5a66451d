//! Commands of the budget screens: thin calls into `Desk`.

use ikp_core::budget::import::{BudgetColumnChoice, ImportPreview, ImportRequest};
use ikp_core::budget::ops::{CeilingInput, PhysicalInput, PlanInput, RealizationInput};
use ikp_core::budget::plan_import::{PlanColumnChoice, PlanImportPreview, PlanImportRequest};
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
    state.with(|desk| desk.budget().set_ceiling(input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_budget_plan(state: State<'_, AppState>, input: PlanInput) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.budget().set_plan(input))
}

#[tauri::command]
#[specta::specta]
pub async fn record_realization(
    state: State<'_, AppState>,
    input: RealizationInput,
) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.budget().record_realization(input))
}

#[tauri::command]
#[specta::specta]
pub async fn report_physical_progress(
    state: State<'_, AppState>,
    input: PhysicalInput,
) -> Result<AgencyBudget, CoreError> {
    state.with(|desk| desk.budget().report_physical_progress(input))
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
        None => state.with(|desk| desk.budget().agency(&agency_code, fiscal_year)),
        Some(text) => {
            let period = Period::parse(&text)?;
            state.with(|desk| desk.budget().agency_in(&agency_code, fiscal_year, &period))
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
        None => state.with(|desk| desk.budget().regency(fiscal_year)),
        Some(text) => {
            let period = Period::parse(&text)?;
            state.with(|desk| desk.budget().regency_in(fiscal_year, &period))
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
    let bytes = state.with(|desk| desk.budget().regency_workbook(fiscal_year, parsed.as_ref()))?;
    let name = match &period {
        Some(text) => format!("serapan-anggaran-{fiscal_year}-{text}.xlsx"),
        None => format!("serapan-anggaran-{fiscal_year}.xlsx"),
    };
    save_bytes(&exporter, &name, &bytes)
}

/// Checks a realization file (base64 from the webview), read as `source` (e.g. "SIPD",
/// whose mapping is remembered) with the headers the user mapped, and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_realization_import(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    columns: Vec<BudgetColumnChoice>,
) -> Result<ImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    let request = ImportRequest { source: &source, file_name: &file_name, bytes: &bytes, choices: &columns };
    state.with(|desk| desk.budget().preview_realizations(&request))
}

#[tauri::command]
#[specta::specta]
pub async fn import_realizations(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    columns: Vec<BudgetColumnChoice>,
    skip_bad_rows: bool,
) -> Result<ImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    let request = ImportRequest { source: &source, file_name: &file_name, bytes: &bytes, choices: &columns };
    state.with(|desk| desk.budget().import_realizations_as(&request, skip_bad_rows))
}

/// Checks an anggaran kas file (SIPD's, a column per month) for `fiscal_year`, read as
/// `source` with the headers the user mapped, and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_plan_import(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    columns: Vec<PlanColumnChoice>,
    fiscal_year: i32,
) -> Result<PlanImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    let request =
        PlanImportRequest { source: &source, file_name: &file_name, bytes: &bytes, choices: &columns, fiscal_year };
    state.with(|desk| desk.budget().preview_plan_import(&request))
}

#[tauri::command]
#[specta::specta]
pub async fn import_plans(
    state: State<'_, AppState>,
    source: String,
    file_name: String,
    content_base64: String,
    columns: Vec<PlanColumnChoice>,
    fiscal_year: i32,
) -> Result<PlanImportPreview, CoreError> {
    let bytes = file_bytes::decode("file", &content_base64)?;
    let request =
        PlanImportRequest { source: &source, file_name: &file_name, bytes: &bytes, choices: &columns, fiscal_year };
    state.with(|desk| desk.budget().import_plans(&request))
}
