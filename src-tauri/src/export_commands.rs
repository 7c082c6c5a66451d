//! Saving a file the user exports (a chart for the minutes, later the minutes and sync
//! bundles): the native save dialog chooses the place, Rust writes the bytes. The
//! webview never names a path, so it cannot write anywhere the user did not pick.
//!
//! Test seam: with `IKP_EXPORT_DIR` set, no dialog opens and the file is written into
//! that directory under its suggested name (end-to-end tests cannot click a GTK dialog).
//! Opening has the same seam: `IKP_OPEN_FILE` is the file the open dialog would return.
//! Both exist only in debug builds (the ones the tests drive) or with the `test-seams`
//! feature: a shipped release reads no such variable.

use std::path::{Path, PathBuf};

use ikp_core::{CoreError, InputProblem};
use tauri::State;

use crate::file_bytes;
use tauri_plugin_dialog::Dialog;

/// The app's dialogs, managed at start (commands cannot be generic over the runtime).
pub struct Exporter(pub Dialog<tauri::Wry>);

/// Where the file went, or `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_export(
    exporter: State<'_, Exporter>,
    suggested_name: String,
    content_base64: String,
) -> Result<Option<String>, CoreError> {
    let bytes = file_bytes::decode("content", &content_base64)?;
    save_bytes(&exporter, &suggested_name, &bytes)
}

/// The save path every export shares (the notulen too): dialog or test seam, then a
/// whole-file write.
pub(crate) fn save_bytes(exporter: &Exporter, suggested_name: &str, bytes: &[u8]) -> Result<Option<String>, CoreError> {
    let file_name = safe_file_name(suggested_name)?;
    let Some(target) = choose_target(&exporter.0, &file_name)? else {
        return Ok(None);
    };
    write_whole(&target, bytes)?;
    Ok(Some(target.display().to_string()))
}

pub(crate) fn choose_target(dialogs: &Dialog<tauri::Wry>, file_name: &str) -> Result<Option<PathBuf>, CoreError> {
    #[cfg(any(debug_assertions, feature = "test-seams"))]
    if let Some(dir) = std::env::var_os("IKP_EXPORT_DIR") {
        return Ok(Some(Path::new(&dir).join(file_name)));
    }
    let extension = Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("").to_owned();
    let mut dialog = dialogs.file().set_file_name(file_name);
    if !extension.is_empty() {
        dialog = dialog.add_filter(extension.to_uppercase(), &[extension.as_str()]);
    }
    match dialog.blocking_save_file() {
        None => Ok(None),
        Some(chosen) => chosen
            .into_path()
            .map(Some)
            .map_err(|err| CoreError::Storage { message: format!("the chosen place cannot be used: {err}") }),
    }
}

/// Saves a table the app shows (with the page's filter) as an Excel workbook through the
/// save dialog; `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_table(
    state: State<'_, crate::state::AppState>,
    exporter: State<'_, Exporter>,
    table: ikp_core::table_export::TableExport,
) -> Result<Option<String>, CoreError> {
    let file = state.with(|desk| desk.reports().table_workbook(&table))?;
    save_bytes(&exporter, &file.file_name, &file.bytes)
}

/// Puts a PDF where the system's viewer can print it: a folder of its own under the
/// temporary folder, then the viewer. (Test seam: with `IKP_EXPORT_DIR` set, the file is
/// written there and no viewer opens; the bytes are the same.)
pub(crate) fn print_pdf(file_name: &str, bytes: &[u8]) -> Result<String, CoreError> {
    let file_name = safe_file_name(file_name)?;
    #[cfg(any(debug_assertions, feature = "test-seams"))]
    if let Some(dir) = std::env::var_os("IKP_EXPORT_DIR") {
        let target = Path::new(&dir).join(&file_name);
        write_whole(&target, bytes)?;
        return Ok(target.display().to_string());
    }
    let folder = std::env::temp_dir().join("IKP Desk cetak");
    std::fs::create_dir_all(&folder)
        .map_err(|err| CoreError::Storage { message: format!("{}: {err}", folder.display()) })?;
    let target = folder.join(&file_name);
    write_whole(&target, bytes)?;
    tauri_plugin_opener::open_path(&target, None::<&str>)
        .map_err(|err| CoreError::Storage { message: format!("no program opened the PDF to print it: {err}") })?;
    Ok(target.display().to_string())
}

/// Writes beside the target and renames, so a failed write never leaves half a file.
fn write_whole(target: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let partial = target.with_extension("part");
    std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, target)).map_err(|err| {
        let _ = std::fs::remove_file(&partial);
        CoreError::Storage { message: format!("{}: {err}", target.display()) }
    })
}

/// A plain file name: no directories, nothing hidden, a sensible length.
pub(crate) fn safe_file_name(suggested: &str) -> Result<String, CoreError> {
    let name: String = suggested
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') { c } else { '-' })
        .collect();
    let name = name.trim_start_matches('.').to_owned();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(CoreError::invalid("suggestedName", InputProblem::NotAllowed));
    }
    Ok(name)
}

/// The file the user picks in the native open dialog (`None` when cancelled).
pub(crate) fn choose_source(dialogs: &Dialog<tauri::Wry>, extension: &str) -> Result<Option<PathBuf>, CoreError> {
    #[cfg(any(debug_assertions, feature = "test-seams"))]
    if let Some(file) = std::env::var_os("IKP_OPEN_FILE") {
        return Ok(Some(PathBuf::from(file)));
    }
    let picked = dialogs.file().add_filter(extension.to_uppercase(), &[extension]).blocking_pick_file();
    match picked {
        None => Ok(None),
        Some(chosen) => chosen
            .into_path()
            .map(Some)
            .map_err(|err| CoreError::Storage { message: format!("the chosen file cannot be used: {err}") }),
    }
}
