//! Files the shell itself handed to the page: picked in a native dialog, dropped on the
//! window, or opened from outside the app. The page names them back by a handle, never
//! by a path, so no script in the webview can make the shell read a file the user did
//! not choose.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use ikp_core::{CoreError, InputProblem};
use serde::Serialize;

/// A file the page may name back, by `handle`; `name` is for showing.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HandedFile {
    pub handle: String,
    pub name: String,
}

/// The handles handed out in this run of the app.
#[derive(Default)]
pub struct HandedFiles {
    paths: Mutex<HashMap<String, PathBuf>>,
}

impl HandedFiles {
    /// Registers a path the shell obtained itself and returns its handle.
    pub fn hand_out(&self, path: PathBuf) -> HandedFile {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let mut paths = self.paths.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Handles need not be secret: they only ever name paths the shell handed out.
        let handle = format!("file-{}", paths.len() + 1);
        paths.insert(handle.clone(), path);
        HandedFile { handle, name }
    }

    /// The path behind a handle; anything else the page sends is refused by name.
    pub fn path_of(&self, handle: &str) -> Result<PathBuf, CoreError> {
        self.paths
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(handle)
            .cloned()
            .ok_or_else(|| CoreError::invalid("file", InputProblem::NotAllowed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_handed_out_files_can_be_named_back() {
        let handed = HandedFiles::default();
        let file = handed.hand_out(PathBuf::from("/media/usb/jawaban.ikp"));
        assert_eq!(file.name, "jawaban.ikp");
        assert_eq!(handed.path_of(&file.handle).unwrap(), PathBuf::from("/media/usb/jawaban.ikp"));
        for forged in ["/home/bupati/.ssh/id_ed25519", "C:\\Users\\bupati\\device.key", "file-2", ""] {
            assert_eq!(handed.path_of(forged).unwrap_err(), CoreError::invalid("file", InputProblem::NotAllowed));
        }
    }
}
