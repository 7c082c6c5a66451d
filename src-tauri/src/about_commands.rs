//! Commands of the "Tentang IKP Desk" page: what this installation is, its backups, and
//! the diagnostics zip for the IT officer. The core supplies every fact.

use ikp_core::about::AboutFacts;
use ikp_core::backup::{BackupInfo, RestoreReport};
use ikp_core::CoreError;
use serde::Serialize;
use tauri::State;

use crate::export_commands::{choose_target, safe_file_name, Exporter};
use crate::renderer::{self, RendererChoice};
use crate::state::AppState;

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AboutApp {
    pub version: String,
    /// Commit, build profile and platform, e.g. "3f2c1ab release windows-x86_64".
    pub build: String,
    /// How WebKitGTK draws this window (chosen at start, `renderer`).
    pub renderer: RendererChoice,
    pub facts: AboutFacts,
}

/// Where tauri-plugin-log writes (the OS log directory of the app), for the zip.
pub struct LogDir(pub Option<std::path::PathBuf>);

pub fn build() -> String {
    let commit = option_env!("IKP_BUILD_COMMIT").unwrap_or("dev");
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    format!("{commit} {profile} {}-{}", std::env::consts::OS, std::env::consts::ARCH)
}

#[tauri::command]
#[specta::specta]
pub async fn about_app(state: State<'_, AppState>) -> Result<AboutApp, CoreError> {
    let facts = state.with(|desk| desk.about())?;
    Ok(AboutApp { version: env!("CARGO_PKG_VERSION").to_owned(), build: build(), renderer: renderer::chosen(), facts })
}

/// Opens the data directory in the system's file manager.
#[tauri::command]
#[specta::specta]
pub async fn open_data_dir(state: State<'_, AppState>) -> Result<(), CoreError> {
    let dir = state.with(|desk| Ok(desk.data_dir().to_owned()))?;
    tauri_plugin_opener::open_path(&dir, None::<&str>).map_err(|err| CoreError::Storage {
        message: format!("the file manager could not open {}: {err}", dir.display()),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, CoreError> {
    let backup = state.with(|desk| desk.backup_now())?;
    log::info!("backup taken: {} ({} KiB)", backup.name, backup.kib);
    Ok(backup)
}

/// Puts a backup back after checking it ("Pulihkan dari cadangan").
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Result<RestoreReport, CoreError> {
    let restored = state.restore(&name);
    match &restored {
        Ok(report) => log::info!("restored backup {} ({} events)", report.restored.name, report.events),
        Err(err) => log::warn!("restore of {name} refused: {err}"),
    }
    restored
}

/// After a restore, the person confirms this laptop's later events are back (or none
/// left it): it records again ("Lanjutkan mencatat").
#[tauri::command]
#[specta::specta]
pub async fn resume_after_restore(state: State<'_, AppState>) -> Result<(), CoreError> {
    state.with(|desk| desk.resume_after_restore())?;
    log::info!("recording resumed after a restore");
    Ok(())
}

/// Writes the diagnostics zip where the user chooses; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_diagnostics(
    logs: State<'_, LogDir>,
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
) -> Result<Option<String>, CoreError> {
    let today = state.with(|desk| Ok(desk.today()))?;
    let name = safe_file_name(&format!("diagnostik-ikp-desk-{}.zip", today.format("%Y%m%d")))?;
    let Some(target) = choose_target(&exporter.0, &name)? else {
        return Ok(None);
    };
    state.with(|desk| desk.write_diagnostics(&target, &build(), logs.0.as_deref()))?;
    Ok(Some(target.display().to_string()))
}
