//! One pass over a watched folder: write this laptop's file when its log changed, read
//! the other laptops' settled files through the verified import.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{file_name, plan, FolderImport, FolderPass, FolderRefusal, Listed};
use crate::desk::Desk;
use crate::error::Result;
use crate::identity::DeviceId;
use crate::local_state::{clear, get, set};
use crate::sync::export::ExportScope;

/// How long a file must stay unchanged before it is read: longer than the pauses of a
/// sync engine that writes a file in place, short enough to feel immediate.
pub const WATCH_SETTLE: Duration = Duration::from_millis(1_500);

const WRITTEN_KEY: &str = "watched_folder_written";
const READ_KEY: &str = "watched_folder_read:";
/// The files a look is importing, kept (committed) until it is done. A panic closes the
/// shipped app (`panic = "abort"`); were the culprit a file, every start would read it
/// again and close again. What this names at the next look is read alone once more (the
/// user may only have closed the app mid-import); stopped again, it is not read until it
/// changes.
const READING_KEY: &str = "watched_folder_reading";

/// The folder and what the previous look saw in it (the state between passes).
pub struct FolderWatch {
    folder: PathBuf,
    previous: HashMap<String, (u64, u64)>,
}

impl FolderWatch {
    pub fn new(folder: &Path) -> FolderWatch {
        FolderWatch { folder: folder.to_owned(), previous: HashMap::new() }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// One look: writes this laptop's file if its log changed, imports the other
    /// laptops' files that were unchanged since the previous look.
    pub fn look(&mut self, desk: &mut Desk) -> Result<FolderPass> {
        let Some(listing) = list(&self.folder) else {
            self.previous.clear();
            return Ok(FolderPass::default());
        };
        let mut pass = FolderPass { folder_present: true, ..FolderPass::default() };
        let own = desk.device_id();
        pass.written = self.write_own(desk, &listing)?;
        let plan = plan(&listing, &self.previous, own);
        self.previous = listing.iter().map(|entry| (entry.name.clone(), (entry.size, entry.modified_ms))).collect();
        pass.waiting = plan.waiting;
        let enrolled = enrolled(desk.store.conn())?;
        let mut changed = Vec::new();
        for (device, entry) in plan.settled {
            if !enrolled.contains(&device) {
                pass.quarantined.push(entry.name);
                continue;
            }
            if let Some(seen) = self.changed_since_read(desk, &entry, &mut pass)? {
                changed.push((entry.name, seen));
            }
        }
        self.read_all(desk, changed, &mut pass)?;
        Ok(pass)
    }

    /// Two looks a settle interval apart: what `ikp sync watch --once` does.
    pub fn once(&mut self, desk: &mut Desk, settle: Duration) -> Result<FolderPass> {
        let mut pass = self.look(desk)?;
        std::thread::sleep(settle);
        pass.merge(self.look(desk)?);
        Ok(pass)
    }

    /// Rewrites this laptop's file when the log changed since it was written, or when the
    /// file in the folder is not the one written (gone, or replaced: by a sync engine's
    /// conflict, or by another laptop writing under this one's name to silence it).
    fn write_own(&self, desk: &mut Desk, listing: &[Listed]) -> Result<Option<crate::sync::export::ExportReport>> {
        let name = file_name(desk.device_id());
        let state = format!("{}\n{}", self.folder.display(), log_state(desk.store.conn())?);
        let in_folder = listing.iter().find(|entry| entry.name == name);
        let remembered = get(desk.store.conn(), WRITTEN_KEY)?;
        if in_folder.is_some_and(|entry| remembered.as_deref() == Some(written_state(&state, entry).as_str())) {
            return Ok(None);
        }
        let path = self.folder.join(&name);
        let report = desk.sync().export_to_file(&path, &ExportScope::Everything)?;
        if let Some(written) = listed(&path) {
            set(desk.store.conn(), WRITTEN_KEY, &written_state(&state, &written))?;
        }
        Ok(Some(report))
    }

    /// What marks `entry` as read (size, time, content hash) when it holds anything not
    /// read before; None when it does not (counted as already imported).
    fn changed_since_read(&self, desk: &Desk, entry: &Listed, pass: &mut FolderPass) -> Result<Option<String>> {
        let key = format!("{READ_KEY}{}", entry.name);
        let remembered = get(desk.store.conn(), &key)?;
        let stamp = format!("{}:{}", entry.size, entry.modified_ms);
        // Same size and time as the file read before: the same file, not opened at all.
        if remembered.as_deref().is_some_and(|value| value.starts_with(&format!("{stamp}:"))) {
            pass.already_imported += 1;
            return Ok(None);
        }
        let Ok(sha256) = hash(&self.folder.join(&entry.name)) else {
            pass.waiting.push(entry.name.clone());
            return Ok(None);
        };
        let seen = format!("{stamp}:{sha256}");
        if remembered.as_deref().is_some_and(|value| value.ends_with(&format!(":{sha256}"))) {
            set(desk.store.conn(), &key, &seen)?;
            pass.already_imported += 1;
            return Ok(None);
        }
        Ok(Some(seen))
    }

    /// Imports the changed files as one batch (the log is replayed once for all of them),
    /// except those the app stopped while reading at the previous look: each is read
    /// alone, once more; stopped again, it is set aside.
    fn read_all(&self, desk: &mut Desk, changed: Vec<(String, String)>, pass: &mut FolderPass) -> Result<()> {
        // The first look after a start reads nothing (no file has settled yet): what was
        // being read waits for a look that reads.
        if changed.is_empty() {
            return Ok(());
        }
        let stopped = take_reading(desk)?;
        let mut batch = Vec::new();
        for file in changed {
            if !stopped.files.contains(&file) {
                batch.push(file);
            } else if stopped.alone {
                // Read alone, twice, and the app did not survive it: not until it changes.
                mark_read(desk, &file.0, &file.1)?;
                pass.interrupted.push(file.0);
            } else {
                // A fault, or the app closed mid-import: once more, alone, so that a second
                // stop names this file.
                self.read_batch(desk, vec![file], true, pass)?;
            }
        }
        self.read_batch(desk, batch, false, pass)
    }

    fn read_batch(
        &self,
        desk: &mut Desk,
        files: Vec<(String, String)>,
        alone: bool,
        pass: &mut FolderPass,
    ) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let reading = Reading { files, alone };
        set(desk.store.conn(), READING_KEY, &serde_json::to_string(&reading).expect("names always serialize"))?;
        let paths: Vec<PathBuf> = reading.files.iter().map(|(name, _)| self.folder.join(name)).collect();
        let borrowed: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let outcomes = desk.sync().import_files(&borrowed);
        for ((name, seen), outcome) in reading.files.into_iter().zip(outcomes) {
            match outcome {
                Ok(report) => pass.imported.push(FolderImport { file: name.clone(), new_events: report.new_events }),
                Err(error) => pass.refused.push(FolderRefusal { file: name.clone(), reason: error.to_string() }),
            }
            // A refused file is not retried until it changes: it would be refused again.
            mark_read(desk, &name, &seen)?;
        }
        clear(desk.store.conn(), READING_KEY)
    }
}

/// Remembers file `name` as read in the state `seen` (size, time, content hash): it is not
/// opened again until it changes.
fn mark_read(desk: &Desk, name: &str, seen: &str) -> Result<()> {
    set(desk.store.conn(), &format!("{READ_KEY}{name}"), seen)
}

/// The files a look is importing (name, and what marks it read), and whether it reads a
/// file alone after a stop.
#[derive(Default, Serialize, Deserialize)]
struct Reading {
    files: Vec<(String, String)>,
    alone: bool,
}

/// What a look was importing when the app stopped, forgotten as it is read: each file is
/// given its second chance, or set aside, once.
fn take_reading(desk: &Desk) -> Result<Reading> {
    let Some(reading) = get(desk.store.conn(), READING_KEY)? else { return Ok(Reading::default()) };
    clear(desk.store.conn(), READING_KEY)?;
    // Written by this code only; anything unreadable blames nothing.
    Ok(serde_json::from_str(&reading).unwrap_or_default())
}

/// What is remembered of this laptop's own file: the log and folder it was written
/// for, and the size and time it had once written.
fn written_state(state: &str, file: &Listed) -> String {
    format!("{state}\n{}:{}", file.size, file.modified_ms)
}

/// The folder's files, or None when it is not there (or not a folder).
fn list(folder: &Path) -> Option<Vec<Listed>> {
    let entries = std::fs::read_dir(folder).ok()?;
    let mut listing = Vec::new();
    for entry in entries.flatten() {
        let Ok(metadata) = entry.metadata() else { continue };
        if metadata.is_file() {
            listing.push(listed_as(entry.file_name().to_string_lossy().into_owned(), &metadata));
        }
    }
    Some(listing)
}

/// One file as a listing shows it, if it is there.
fn listed(path: &Path) -> Option<Listed> {
    let metadata = std::fs::metadata(path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some(listed_as(name, &metadata))
}

fn listed_as(name: String, metadata: &std::fs::Metadata) -> Listed {
    let modified_ms = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_millis() as u64);
    Listed { name, size: metadata.len(), modified_ms }
}

/// The laptops whose files are opened: the trust root, its predecessors and successors,
/// and every laptop it granted (a revoked one too: the import keeps what came before the
/// cut).
fn enrolled(conn: &Connection) -> Result<HashSet<DeviceId>> {
    let mut known: HashSet<DeviceId> = HashSet::new();
    if let Some(root) = crate::device::trust_root(conn)? {
        known.insert(root);
        for link in crate::succession::chain_from(conn, root)? {
            known.insert(link.predecessor);
            known.insert(link.successor);
        }
    }
    if let Some((root, _)) = crate::succession::current_root(conn)? {
        known.insert(root);
    }
    for device in crate::sync::enrolled_devices(conn)? {
        if let Some(id) = DeviceId::from_hex(&device.device_id) {
            known.insert(id);
        }
    }
    Ok(known)
}

/// What changes whenever the log does: how many events, the sum of their numbers, the
/// latest stamp (an event taken out and another taken in change the sum).
fn log_state(conn: &Connection) -> Result<String> {
    let (count, seqs, latest): (i64, f64, i64) =
        conn.query_row("SELECT count(*), total(seq), coalesce(max(hlc_wall), 0) FROM events", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
    Ok(format!("{count}:{seqs}:{latest}"))
}

fn hash(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex::encode(hasher.finalize()))
}
