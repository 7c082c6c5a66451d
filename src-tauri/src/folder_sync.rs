//! The sync folder in the app: a thread of its own runs the core's watch loop over the
//! folder this laptop chose, borrowing the `Desk` only for each look (commands keep the
//! database between looks). A command that wrote something nudges it, so this laptop's
//! own changes reach the folder a settle interval later; files other laptops drop in are read as the
//! file system reports them. After a look that imported something, the window hears
//! `FOLDER_SYNCED_EVENT` and reloads what it shows.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use ikp_core::clock::{utc_text, Clock, SystemClock};
use ikp_core::sync::folder::{self, Changes, FolderPass, WATCH_SETTLE};
use ikp_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::export_commands::Exporter;
use crate::state::AppState;

/// Heard by the window after a look that imported or wrote something, or failed.
pub const FOLDER_SYNCED_EVENT: &str = "folder-synced";

/// What the Pengaturan card shows about the sync folder.
#[derive(Clone, Debug, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncFolderStatus {
    /// The folder chosen on this laptop, as the user gave it.
    pub folder: Option<String>,
    /// The last look that did or saw something, or failed.
    pub last: Option<FolderLook>,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FolderLook {
    /// When (UTC, RFC 3339).
    pub at: String,
    pub pass: Option<FolderPass>,
    /// Why the look failed (a laptop not joined yet, a full disk).
    pub error: Option<CoreError>,
}

/// The running watcher, if a folder is chosen.
pub struct FolderSync {
    app: AppHandle,
    running: Mutex<Option<Running>>,
    last: Arc<Mutex<Option<FolderLook>>>,
}

struct Running {
    stop: Arc<AtomicBool>,
    nudge: Sender<()>,
}

impl FolderSync {
    pub fn new(app: AppHandle) -> FolderSync {
        FolderSync { app, running: Mutex::new(None), last: Arc::new(Mutex::new(None)) }
    }

    /// Asks the watcher, if any, for a look soon: a command may have changed the log.
    pub fn nudge(&self) {
        if let Some(running) = self.running.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let _ = running.nudge.send(());
        }
    }

    /// Stops the watcher of the previous folder and starts one over `folder`.
    pub fn restart(&self, folder: Option<PathBuf>) {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(previous) = running.take() {
            previous.stop.store(true, Ordering::Relaxed);
        }
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *running = folder.map(|folder| self.start(folder));
        let listener = running.as_ref().map(|running| running.nudge.clone());
        self.app.state::<AppState>().tell_writes_to(listener);
    }

    fn start(&self, folder: PathBuf) -> Running {
        let app = self.app.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let changes = Changes::new();
        let nudge = changes.nudger();
        let (thread_stop, last) = (Arc::clone(&stop), Arc::clone(&self.last));
        std::thread::spawn(move || {
            log::info!("watching the sync folder {}", folder.display());
            let state = app.state::<AppState>();
            folder::watch(
                &folder,
                WATCH_SETTLE,
                &thread_stop,
                changes,
                |watch| state.with_quietly(|desk| watch.look(desk)),
                |outcome| heard(&app, &last, outcome),
            );
            log::info!("stopped watching {}", folder.display());
        });
        Running { stop, nudge }
    }

    fn status(&self, folder: Option<&Path>) -> SyncFolderStatus {
        SyncFolderStatus {
            folder: folder.map(|folder| folder.display().to_string()),
            last: self.last.lock().unwrap_or_else(|p| p.into_inner()).clone(),
        }
    }
}

fn heard(app: &AppHandle, last: &Mutex<Option<FolderLook>>, outcome: &Result<FolderPass, CoreError>) {
    let look = FolderLook {
        at: utc_text(SystemClock.now_ms() as i64),
        pass: outcome.as_ref().ok().cloned(),
        error: outcome.as_ref().err().cloned(),
    };
    match outcome {
        Ok(pass) => log::info!(
            "sync folder: wrote {}, imported {} file(s), {} waiting, {} quarantined, {} refused",
            pass.written.is_some(),
            pass.imported.len(),
            pass.waiting.len(),
            pass.quarantined.len(),
            pass.refused.len()
        ),
        Err(err) => log::warn!("sync folder: {err}"),
    }
    *last.lock().unwrap_or_else(|p| p.into_inner()) = Some(look.clone());
    let _ = app.emit(FOLDER_SYNCED_EVENT, look);
}

/// Starts watching the folder chosen earlier, when the window opens.
pub fn resume(app: &AppHandle) {
    let folder = app.state::<AppState>().with_quietly(|desk| desk.sync_folder()).ok().flatten();
    app.state::<FolderSync>().restart(folder);
}

#[tauri::command]
#[specta::specta]
pub async fn sync_folder_status(
    state: State<'_, AppState>,
    sync: State<'_, FolderSync>,
) -> Result<SyncFolderStatus, CoreError> {
    let folder = state.with(|desk| desk.sync_folder())?;
    Ok(sync.status(folder.as_deref()))
}

/// Opens the folder picker and watches what the user chose; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_sync_folder(
    state: State<'_, AppState>,
    sync: State<'_, FolderSync>,
    exporter: State<'_, Exporter>,
) -> Result<Option<SyncFolderStatus>, CoreError> {
    let Some(picked) = pick_folder(&exporter)? else {
        return Ok(None);
    };
    let chosen = state.with(|desk| desk.choose_sync_folder(Some(&picked)))?;
    sync.restart(chosen.clone());
    Ok(Some(sync.status(chosen.as_deref())))
}

/// Stops watching: the files already in the folder stay there.
#[tauri::command]
#[specta::specta]
pub async fn forget_sync_folder(
    state: State<'_, AppState>,
    sync: State<'_, FolderSync>,
) -> Result<SyncFolderStatus, CoreError> {
    state.with(|desk| desk.choose_sync_folder(None))?;
    sync.restart(None);
    Ok(sync.status(None))
}

/// A look now, without waiting for the debounce (the card's "Sinkronkan sekarang").
#[tauri::command]
#[specta::specta]
pub async fn sync_folder_now(sync: State<'_, FolderSync>) -> Result<(), CoreError> {
    sync.nudge();
    Ok(())
}

/// The native folder picker. Test seam as for files: `IKP_PICK_FOLDER` is the folder the
/// dialog would return, in debug builds or with `test-seams` only.
fn pick_folder(exporter: &Exporter) -> Result<Option<PathBuf>, CoreError> {
    #[cfg(any(debug_assertions, feature = "test-seams"))]
    if let Some(folder) = std::env::var_os("IKP_PICK_FOLDER") {
        return Ok(Some(PathBuf::from(folder)));
    }
    match exporter.0.file().blocking_pick_folder() {
        None => Ok(None),
        Some(chosen) => chosen
            .into_path()
            .map(Some)
            .map_err(|err| CoreError::Storage { message: format!("the chosen folder cannot be used: {err}") }),
    }
}
