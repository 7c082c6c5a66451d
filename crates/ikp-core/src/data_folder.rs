//! Where a laptop's data folder lives. On Windows it belongs under `%LOCALAPPDATA%`: a
//! folder under `%APPDATA%` (Roaming) is copied by a domain's roaming profile to every
//! computer the official logs on to, database and all, so two laptops would hold one
//! identity's log. Builds before this one used the roaming folder; the first start of
//! this one moves what it finds there.
//!
//! The move is safe to cut short at any moment: every entry but the database goes first,
//! each by a rename (or, across volumes when Roaming is redirected to a share, a copy
//! under a temporary name renamed into place, then the original removed), and the
//! database goes last. Until it has moved, the roaming folder is still the one in use,
//! so the next start simply carries on; its write-ahead log has moved before it, so no
//! committed transaction is left behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::desk::DB_FILE;
use crate::error::CoreError;

/// What `settle` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Settled {
    /// Nothing to move: the local folder is the one (or the only one).
    InPlace,
    /// The roaming folder's data now lives in the local one.
    Moved,
    /// Left in the roaming folder: both folders already hold a database, so neither is
    /// overwritten. The local one is used.
    BothHold,
}

/// Moves an earlier build's data from `roaming` into `local` when only `roaming` holds a
/// database. Returns the folder to use (always `local`) and what was done. Entries the
/// local folder already has (a move cut short after a copy) are left in `roaming`. A move
/// that fails is `DataFolderNotMoved`: neither folder may then be opened.
pub fn settle(roaming: &Path, local: &Path) -> Result<(PathBuf, Settled), CoreError> {
    move_data(roaming, local).map_err(|err| CoreError::DataFolderNotMoved {
        from: roaming.display().to_string(),
        to: local.display().to_string(),
        reason: err.to_string(),
    })
}

fn move_data(roaming: &Path, local: &Path) -> io::Result<(PathBuf, Settled)> {
    if roaming == local || !roaming.join(DB_FILE).exists() {
        return Ok((local.to_owned(), Settled::InPlace));
    }
    if local.join(DB_FILE).exists() {
        return Ok((local.to_owned(), Settled::BothHold));
    }
    fs::create_dir_all(local)?;
    let mut names: Vec<_> =
        fs::read_dir(roaming)?.map(|entry| entry.map(|entry| entry.file_name())).collect::<io::Result<_>>()?;
    // The database last: while it stays behind, the roaming folder is still the live one.
    names.sort_by_key(|name| name == DB_FILE);
    for name in names {
        let target = local.join(&name);
        if target.exists() && name != DB_FILE {
            continue;
        }
        move_entry(&roaming.join(&name), &target)?;
    }
    // Whatever was left (entries the local folder already had) stays; an empty folder goes.
    let _ = fs::remove_dir(roaming);
    Ok((local.to_owned(), Settled::Moved))
}

fn move_entry(from: &Path, to: &Path) -> io::Result<()> {
    if fs::rename(from, to).is_ok() {
        return Ok(());
    }
    copy_into_place(from, to)
}

/// Another volume (or a rename refused): copy under a name nothing reads, rename it into
/// place, and only then remove the original.
fn copy_into_place(from: &Path, to: &Path) -> io::Result<()> {
    let mut staging_name = std::ffi::OsString::from(".moving-");
    staging_name.push(to.file_name().unwrap_or_default());
    let staging = to.with_file_name(staging_name);
    remove_any(&staging)?;
    copy_tree(from, &staging)?;
    fs::rename(&staging, to)?;
    remove_any(from)
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if !fs::symlink_metadata(from)?.is_dir() {
        fs::copy(from, to)?;
        return fs::File::open(to)?.sync_all();
    }
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        copy_tree(&entry.path(), &to.join(entry.file_name()))?;
    }
    Ok(())
}

fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    fn roaming_folder(root: &Path) -> PathBuf {
        let roaming = root.join("Roaming").join("id.go.ikpdesk");
        write(&roaming.join(DB_FILE), "database");
        write(&roaming.join("ikp.db-wal"), "committed pages");
        write(&roaming.join("device.key.store"), "marker");
        write(&roaming.join("evidence").join("ab").join("abcd"), "photo");
        roaming
    }

    #[test]
    fn an_earlier_build_s_roaming_folder_moves_whole_to_the_local_one() {
        let root = tempfile::tempdir().unwrap();
        let roaming = roaming_folder(root.path());
        let local = root.path().join("Local").join("id.go.ikpdesk");
        // WebView2 keeps its own folder in the local one before the app ever writes there.
        write(&local.join("EBWebView").join("state"), "webview");

        let (used, settled) = settle(&roaming, &local).unwrap();
        assert_eq!((used.as_path(), settled), (local.as_path(), Settled::Moved));
        assert_eq!(read(&local.join(DB_FILE)), "database");
        assert_eq!(read(&local.join("ikp.db-wal")), "committed pages");
        assert_eq!(read(&local.join("device.key.store")), "marker");
        assert_eq!(read(&local.join("evidence").join("ab").join("abcd")), "photo");
        assert_eq!(read(&local.join("EBWebView").join("state")), "webview");
        assert!(!roaming.exists(), "nothing of the data is left to roam");
        assert_eq!(settle(&roaming, &local).unwrap().1, Settled::InPlace, "a second start moves nothing");
    }

    #[test]
    fn a_move_cut_short_before_the_database_carries_on_at_the_next_start() {
        let root = tempfile::tempdir().unwrap();
        let roaming = roaming_folder(root.path());
        let local = root.path().join("Local").join("id.go.ikpdesk");
        // The first start moved the log and the marker, then stopped.
        fs::create_dir_all(&local).unwrap();
        fs::rename(roaming.join("ikp.db-wal"), local.join("ikp.db-wal")).unwrap();
        fs::rename(roaming.join("device.key.store"), local.join("device.key.store")).unwrap();

        assert_eq!(settle(&roaming, &local).unwrap().1, Settled::Moved);
        assert_eq!(read(&local.join(DB_FILE)), "database");
        assert_eq!(read(&local.join("ikp.db-wal")), "committed pages");
        assert_eq!(read(&local.join("evidence").join("ab").join("abcd")), "photo");
        assert!(!roaming.exists());
    }

    #[test]
    fn two_databases_are_never_merged_or_overwritten() {
        let root = tempfile::tempdir().unwrap();
        let roaming = roaming_folder(root.path());
        let local = root.path().join("Local").join("id.go.ikpdesk");
        write(&local.join(DB_FILE), "local database");

        assert_eq!(settle(&roaming, &local).unwrap().1, Settled::BothHold);
        assert_eq!(read(&local.join(DB_FILE)), "local database");
        assert_eq!(read(&roaming.join(DB_FILE)), "database", "the roaming one is left as it was");
    }

    #[test]
    fn the_same_folder_or_no_roaming_database_moves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let roaming = roaming_folder(root.path());
        assert_eq!(settle(&roaming, &roaming).unwrap(), (roaming.clone(), Settled::InPlace));
        let empty = root.path().join("nothing-here");
        let local = root.path().join("Local");
        assert_eq!(settle(&empty, &local).unwrap().1, Settled::InPlace);
        assert!(!local.exists(), "nothing made where nothing moved");
    }

    #[test]
    fn a_copy_across_volumes_lands_under_its_own_name_only_when_whole() {
        let root = tempfile::tempdir().unwrap();
        let roaming = roaming_folder(root.path());
        let target = root.path().join("Local").join("evidence");
        // A copy an earlier start left half-done under the staging name.
        write(&target.with_file_name(".moving-evidence").join("stale"), "from a copy cut short");

        copy_into_place(&roaming.join("evidence"), &target).unwrap();
        assert_eq!(read(&target.join("ab").join("abcd")), "photo");
        assert!(!target.join("stale").exists(), "the half copy is not taken for the whole");
        assert!(!target.with_file_name(".moving-evidence").exists());
        assert!(!roaming.join("evidence").exists(), "the original goes once the copy is in place");
        assert_eq!(read(&roaming.join(DB_FILE)), "database");
    }
}
