//! The rapim brief (bahan rapim): the page's data, the PDF saved where the user picks,
//! and the PDF handed to the system's viewer to print; and the period report saved as PDF
//! or XLSX. Every file is the one the CLI writes (`ikp brief`, `ikp report`), rendered
//! here in Rust.

use ikp_core::brief::Brief;
use ikp_core::period::Period;
use ikp_core::CoreError;
use serde::Deserialize;
use tauri::State;

use crate::export_commands::{save_bytes, Exporter};
use crate::state::AppState;

/// The brief for `date` (YYYY-MM-DD; today when absent).
#[tauri::command]
#[specta::specta]
pub async fn rapim_brief(state: State<'_, AppState>, date: Option<String>) -> Result<Brief, CoreError> {
    state.with(|desk| desk.reports().brief(date.as_deref()))
}

/// Saves the brief's PDF through the save dialog; `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_brief_pdf(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    date: Option<String>,
) -> Result<Option<String>, CoreError> {
    let (name, bytes) = render(&state, date.as_deref())?;
    save_bytes(&exporter, &name, &bytes)
}

/// "Cetak": writes the brief's PDF to the temporary folder and opens it in the system's
/// PDF viewer, whose print dialog is the operating system's. Returns where it was written.
#[tauri::command]
#[specta::specta]
pub async fn print_brief(state: State<'_, AppState>, date: Option<String>) -> Result<String, CoreError> {
    let (name, bytes) = render(&state, date.as_deref())?;
    crate::export_commands::print_pdf(&name, &bytes)
}

fn render(state: &AppState, date: Option<&str>) -> Result<(String, Vec<u8>), CoreError> {
    let brief: Brief = state.with(|desk| desk.reports().brief(date))?;
    let bytes = ikp_minutes::brief_pdf(&brief).map_err(|err| CoreError::Storage { message: err.to_string() })?;
    Ok((ikp_minutes::brief_file_name(&brief), bytes))
}

/// The file a period report is saved as.
#[derive(Clone, Copy, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

/// Saves the IKP report of `period` (of one agency, or the regency) through the save
/// dialog; `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_period_report(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    period: Period,
    agency_code: Option<String>,
    format: ReportFormat,
) -> Result<Option<String>, CoreError> {
    let agency = agency_code.as_deref().filter(|code| !code.is_empty());
    let report = state.with(|desk| desk.reports().period(&period, agency))?;
    let (extension, bytes) = match format {
        ReportFormat::Xlsx => ("xlsx", ikp_core::report::workbook(&report)?),
        ReportFormat::Pdf => {
            ("pdf", ikp_minutes::report_pdf(&report).map_err(|err| CoreError::Storage { message: err.to_string() })?)
        }
    };
    save_bytes(&exporter, &ikp_minutes::report_file_name(&report, extension), &bytes)
}
