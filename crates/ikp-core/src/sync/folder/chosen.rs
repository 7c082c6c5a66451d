//! The folder this laptop watches, as its user chose it (Pengaturan → Sinkronisasi). A
//! preference of this laptop only: kept in `local_state`, never an event, never
//! synchronised — another laptop's share is mounted elsewhere, under another letter.
//!
//! A folder is accepted only when it can serve: it is there, it is a folder, this laptop
//! can write into it, and it is neither inside the data folder nor holding it (a sync
//! engine would otherwise carry the live database, and its key, to every laptop).

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::local_state;

const KEY: &str = "sync_folder";

/// Why a folder cannot be the sync folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SyncFolderProblem {
    /// A relative path: it would mean another folder from another working directory.
    NotAbsolute,
    NotFound,
    NotAFolder,
    /// Nothing can be written there (read-only share, stick locked, no permission).
    NotWritable,
    /// The folder is the data folder, inside it, or holds it.
    OverlapsDataFolder,
}

impl SyncFolderProblem {
    pub fn describe(self) -> &'static str {
        match self {
            SyncFolderProblem::NotAbsolute => "is not a full path",
            SyncFolderProblem::NotFound => "does not exist",
            SyncFolderProblem::NotAFolder => "is not a folder",
            SyncFolderProblem::NotWritable => "cannot be written to from this laptop",
            SyncFolderProblem::OverlapsDataFolder => "overlaps IKP Desk's own data folder",
        }
    }
}

/// The chosen folder, or `None` when this laptop watches none.
pub fn get(conn: &Connection) -> Result<Option<PathBuf>> {
    let stored = local_state::get(conn, KEY)?;
    Ok(stored.filter(|path| !path.is_empty()).map(PathBuf::from))
}

/// Checks `folder` against what a sync folder must be; `data_dir` is this laptop's data.
pub fn check(folder: &Path, data_dir: &Path) -> Result<PathBuf> {
    let refuse = |problem| CoreError::SyncFolderUnusable { path: folder.display().to_string(), problem };
    if !folder.is_absolute() {
        return Err(refuse(SyncFolderProblem::NotAbsolute));
    }
    let metadata = std::fs::metadata(folder).map_err(|_| refuse(SyncFolderProblem::NotFound))?;
    if !metadata.is_dir() {
        return Err(refuse(SyncFolderProblem::NotAFolder));
    }
    let canonical = folder.canonicalize().map_err(|_| refuse(SyncFolderProblem::NotFound))?;
    if let Ok(data) = data_dir.canonicalize() {
        if canonical.starts_with(&data) || data.starts_with(&canonical) {
            return Err(refuse(SyncFolderProblem::OverlapsDataFolder));
        }
    }
    if !writable(folder) {
        return Err(refuse(SyncFolderProblem::NotWritable));
    }
    // Kept as the user gave it: on Windows `canonicalize` turns a share into a `\\?\UNC`
    // path that the user would not recognise in Pengaturan.
    Ok(folder.to_owned())
}

/// Writes and removes a probe under a temporary name, which every laptop's watcher skips.
fn writable(folder: &Path) -> bool {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_nanos());
    let probe = folder.join(format!(".ikp-probe-{}-{nanos}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut file| std::io::Write::write_all(&mut file, b"IKP Desk"));
    let _ = std::fs::remove_file(&probe);
    written.is_ok()
}

fn store(conn: &Connection, folder: Option<&Path>) -> Result<()> {
    match folder {
        Some(folder) => local_state::set(conn, KEY, &folder.display().to_string()),
        None => local_state::clear(conn, KEY),
    }
}

impl crate::Desk {
    /// The folder this laptop watches, if it chose one.
    pub fn sync_folder(&self) -> Result<Option<PathBuf>> {
        get(self.store.conn())
    }

    /// Chooses the folder to watch (checked first: nothing is stored when it cannot
    /// serve), or stops watching with `None`.
    pub fn choose_sync_folder(&mut self, folder: Option<&Path>) -> Result<Option<PathBuf>> {
        let chosen = folder.map(|folder| check(folder, &self.data_dir)).transpose()?;
        store(self.store.conn(), chosen.as_deref())?;
        Ok(chosen)
    }
}
