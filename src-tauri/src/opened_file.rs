//! A `.ikp` file opened from outside the app: double-clicked (the installers register
//! the type), or passed on the command line. The first start keeps the path for the
//! page to ask for; a second start hands its arguments to the running app
//! (tauri-plugin-single-instance), which brings its window forward and tells the page.
//! The page shows a preview and imports only when the user confirms.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ikp_core::sync::preview::FilePreview;
use ikp_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::handed_files::HandedFiles;
use crate::state::AppState;

/// An opened file's preview, with the handle the page imports or approves it by.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenedPreview {
    pub handle: String,
    pub preview: FilePreview,
}

/// The event that tells the page a file is waiting (`take_opened_file` fetches it).
pub const FILE_OPENED_EVENT: &str = "file-opened";

/// The path waiting for the page, if any: the latest one wins.
#[derive(Default)]
pub struct OpenedFile(Mutex<Option<PathBuf>>);

impl OpenedFile {
    pub fn new(path: Option<PathBuf>) -> Self {
        OpenedFile(Mutex::new(path))
    }

    fn put(&self, path: PathBuf) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(path);
    }

    fn take(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

/// The file among the arguments: the first one that is not a flag nor a flag's value.
/// Relative paths are taken from `cwd` (a second start runs in another directory).
pub fn file_arg(args: impl IntoIterator<Item = String>, cwd: &Path) -> Option<PathBuf> {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" || arg == "--profile" {
            args.next();
            continue;
        }
        if arg.starts_with("--") || arg.is_empty() {
            continue;
        }
        return Some(cwd.join(arg));
    }
    None
}

/// Which running app a second start hands its file to: the one on the same data
/// directory and profile (tests and shared laptops run several side by side). `None`
/// keeps the plugin's default, the app identifier, for the usual single installation.
/// On Windows the plugin always uses the identifier.
pub fn instance_id(identifier: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let dir = crate::data_dir::flag(args.iter().cloned(), "--data-dir")
        .or_else(|| std::env::var("IKP_DATA_DIR").ok())
        .filter(|dir| !dir.is_empty());
    let profile = crate::data_dir::profile();
    if dir.is_none() && profile.is_none() {
        return None;
    }
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (dir, profile).hash(&mut hasher);
    // A D-Bus name element may not start with a digit.
    Some(format!("{identifier}.i{:016x}", hasher.finish()))
}

/// The running app's side of a second start.
pub fn second_start<R: Runtime>(app: &AppHandle<R>, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Some(path) = file_arg(args, Path::new(&cwd)) {
        log::info!("file handed over by a second start: {}", file_name(&path));
        app.state::<OpenedFile>().put(path);
        let _ = app.emit(FILE_OPENED_EVENT, ());
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The waiting file's preview (what it holds, how much is new); `None` when no file
/// waits. Nothing is imported: the page asks the user first.
#[tauri::command]
#[specta::specta]
pub async fn take_opened_file(
    state: State<'_, AppState>,
    opened: State<'_, OpenedFile>,
    handed: State<'_, HandedFiles>,
) -> Result<Option<OpenedPreview>, CoreError> {
    let Some(path) = opened.take() else {
        return Ok(None);
    };
    let preview = state.with(|desk| desk.preview_file(&path))?;
    Ok(Some(OpenedPreview { handle: handed.hand_out(path).handle, preview }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn the_file_is_the_first_argument_that_is_no_flag() {
        let cwd = Path::new("/home/sekda");
        assert_eq!(file_arg(args(&["ikp-desk"]), cwd), None);
        assert_eq!(file_arg(args(&["ikp-desk", "--data-dir", "/tmp/d", "--profile", "sekda"]), cwd), None);
        assert_eq!(
            file_arg(args(&["ikp-desk", "--data-dir", "/tmp/d", "Unduhan/a.ikp"]), cwd),
            Some(PathBuf::from("/home/sekda/Unduhan/a.ikp"))
        );
        assert_eq!(
            file_arg(args(&["ikp-desk", "/media/usb/b.ikp", "--profile", "x"]), cwd),
            Some(PathBuf::from("/media/usb/b.ikp"))
        );
    }
}
