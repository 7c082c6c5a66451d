//! A watched folder: a folder that an existing engine (Syncthing, an SMB share, a
//! OneDrive or Nextcloud folder, a USB stick) keeps in step between laptops. IKP Desk
//! only reads and writes files there.
//!
//! Layout: ONE file per laptop, `ikp-<device id hex>.ikp`, holding everything this
//! laptop's log holds that a receiver accepts (`ExportScope::Everything`). One name per
//! laptop means two laptops never write the same file, the folder holds as many files
//! as laptops (not one per exchange, so nothing piles up and there is nothing to clean),
//! and a file read twice is harmless (import is idempotent). A laptop rewrites its file
//! only when its log changed since it last wrote it there, to a temporary dotted name
//! first and then renamed over the old one (`bundle_file`; `std::fs::rename` replaces
//! on Windows too).
//!
//! Reading: a file is read only once its size and modification time were the same at
//! two looks a settle interval apart, and never under a temporary name an engine uses
//! while it writes; a file whose size, time and content hash match what was imported
//! before is skipped. A file named by a laptop this one does not know as enrolled is
//! quarantined: named in the pass and left in place, never opened (moving it would make
//! the engine carry the move to every laptop). A folder that is missing (a USB stick
//! pulled out) is a state of the pass, not an error.
//!
//! `plan` is the decision over one listing and the previous one, without the disk, so it
//! is tested without a watcher; `pass` does the reading and writing; `watch` runs passes
//! as `notify` reports changes; `chosen` keeps which folder this laptop watches.

mod chosen;
mod pass;
mod watch;

use std::collections::HashMap;

use serde::Serialize;

use crate::identity::DeviceId;

pub use chosen::SyncFolderProblem;
pub use pass::{FolderWatch, WATCH_SETTLE};
pub use watch::{watch, Changes};

use super::export::ExportReport;

/// The name of `device`'s file in a watched folder.
pub fn file_name(device: DeviceId) -> String {
    format!("ikp-{}.ikp", device.to_hex())
}

/// The laptop a file name says wrote it, when it is a watched folder's bundle name.
pub fn device_of(name: &str) -> Option<DeviceId> {
    let hex = name.strip_prefix("ikp-")?.strip_suffix(".ikp")?;
    if hex.len() != 64 {
        return None;
    }
    DeviceId::from_hex(&hex.to_ascii_lowercase())
}

/// Names sync engines and editors give a file while it is being written: Syncthing's
/// `.syncthing.*.tmp`, our own `.<name>.tmp`/`.spool`, `~` backups, browser `.part`,
/// OneDrive/Nextcloud partials.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with('.')
        || lower.starts_with('~')
        || lower.ends_with('~')
        || [".tmp", ".part", ".partial", ".spool", ".crdownload", ".download"].iter().any(|end| lower.ends_with(end))
}

/// One file of a folder's listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub size: u64,
    /// Modification time, in milliseconds since the epoch (0 where unknown).
    pub modified_ms: u64,
}

/// What one look at a folder decides, before any file is opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Other laptops' files, unchanged since the previous look: safe to read.
    pub settled: Vec<(DeviceId, Listed)>,
    /// Files still being written (a temporary name) or changed since the previous look.
    pub waiting: Vec<String>,
}

/// Splits `listing` into files safe to read and files to look at again; `previous` is
/// the listing of the previous look (by name: size and time), `own` this laptop.
pub fn plan(listing: &[Listed], previous: &HashMap<String, (u64, u64)>, own: DeviceId) -> Plan {
    let mut plan = Plan::default();
    for entry in listing {
        if is_temporary(&entry.name) {
            if entry.name.to_ascii_lowercase().contains("ikp") {
                plan.waiting.push(entry.name.clone());
            }
            continue;
        }
        let Some(device) = device_of(&entry.name) else { continue };
        if device == own {
            continue;
        }
        match previous.get(&entry.name) {
            Some(&(size, modified_ms)) if size == entry.size && modified_ms == entry.modified_ms && size > 0 => {
                plan.settled.push((device, entry.clone()))
            }
            _ => plan.waiting.push(entry.name.clone()),
        }
    }
    plan.settled.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    plan.waiting.sort();
    plan
}

/// What one pass over a watched folder did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FolderPass {
    /// False when the folder is not there (a USB stick pulled out): nothing was done.
    pub folder_present: bool,
    /// This laptop's file, when the pass rewrote it (its log changed since the last).
    pub written: Option<ExportReport>,
    /// Files imported, with how many of their events were new here.
    pub imported: Vec<FolderImport>,
    /// Files whose content was imported before: not read again.
    pub already_imported: u32,
    /// Files still being written or changed since the last look: read at a later pass.
    pub waiting: Vec<String>,
    /// Files named by laptops this one does not know as enrolled: not opened.
    pub quarantined: Vec<String>,
    /// Files opened and refused whole (a damaged or forged file), with the reason.
    pub refused: Vec<FolderRefusal>,
    /// Files IKP Desk stopped while reading, twice (a fault of the app that the file
    /// brings out): not read again until they change, so that the app keeps running.
    pub interrupted: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FolderImport {
    pub file: String,
    pub new_events: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FolderRefusal {
    pub file: String,
    pub reason: String,
}

impl FolderPass {
    /// Whether the pass wrote or imported anything.
    pub fn changed_anything(&self) -> bool {
        self.written.is_some() || !self.imported.is_empty()
    }

    /// Adds what a later pass of the same run did.
    pub fn merge(&mut self, later: FolderPass) {
        self.folder_present = later.folder_present;
        if later.written.is_some() {
            self.written = later.written;
        }
        self.imported.extend(later.imported);
        self.already_imported = later.already_imported;
        self.waiting = later.waiting;
        self.quarantined = later.quarantined;
        self.refused.extend(later.refused);
        self.interrupted.extend(later.interrupted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::DeviceKey;

    fn id(seed: u8) -> DeviceId {
        DeviceKey::from_secret([seed; 32]).id()
    }

    fn listed(name: &str, size: u64, modified_ms: u64) -> Listed {
        Listed { name: name.into(), size, modified_ms }
    }

    #[test]
    fn names_round_trip_and_are_valid_on_windows() {
        let name = file_name(id(3));
        assert_eq!(device_of(&name), Some(id(3)));
        assert!(!name.chars().any(|c| "<>:\"/\\|?*".contains(c)) && name.len() < 100);
        assert_eq!(device_of("ikp-abc.ikp"), None);
        assert_eq!(device_of("laporan.ikp"), None);
    }

    #[test]
    fn only_files_unchanged_since_the_last_look_are_read() {
        let own = id(1);
        let other = file_name(id(2));
        let third = file_name(id(3));
        let listing = vec![
            listed(&file_name(own), 10, 1),
            listed(&other, 100, 5),
            listed(&third, 50, 7),
            listed(&format!(".syncthing.{other}.tmp"), 10, 1),
            listed("notes.txt", 1, 1),
        ];
        let first = plan(&listing, &HashMap::new(), own);
        assert!(first.settled.is_empty(), "nothing is read at the first look");
        let previous: HashMap<_, _> = [(other.clone(), (100, 5)), (third.clone(), (40, 7))].into_iter().collect();
        let second = plan(&listing, &previous, own);
        assert_eq!(second.settled.iter().map(|(d, _)| *d).collect::<Vec<_>>(), [id(2)]);
        assert_eq!(second.waiting, [format!(".syncthing.{other}.tmp"), third]);
    }

    #[test]
    fn temporary_names_are_recognised() {
        for name in [".syncthing.ikp-x.ikp.tmp", "ikp-x.ikp~", "~ikp-x.ikp", "ikp-x.ikp.part", ".ikp-x.ikp.tmp"] {
            assert!(is_temporary(name), "{name}");
        }
        assert!(!is_temporary(&file_name(id(4))));
    }
}
