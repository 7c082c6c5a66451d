//! Copies of the database in `backups/` beside it, and putting one back. A copy is made
//! with SQLite's online backup API in one step, which reads one consistent snapshot of
//! the live WAL database while writers carry on (a file copy of `ikp.db` without its
//! `-wal` could miss committed pages or catch a torn one). The app makes one a day and
//! keeps the last `KEEP`. A restore checks the copy first (SQLite's own integrity check
//! and every event's signature) and only then swaps it in, setting the old files aside.
//!
//! A restored laptop may have made and sent events after the copy was taken: they live
//! on in other laptops under numbers its own sequence will reach again. So the restored
//! database remembers each laptop's last number in the copy ([`RESTORED`]), and a laptop
//! records nothing at the number after its own until its later events have come back by
//! import, or the person confirms that nothing left it after the copy — else its next
//! event would repeat a number, and every laptop would refuse it and all that follows.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::check::{self, CheckReport};
use crate::clock::Hlc;
use crate::desk::DB_FILE;
use crate::error::{CoreError, Result};
use crate::identity::DeviceId;
use crate::{local_state, store};

pub const BACKUP_DIR: &str = "backups";
/// A week of daily copies.
pub const KEEP: usize = 7;
const PREFIX: &str = "ikp-";
const SUFFIX: &str = ".db";
/// UTC and without colons: a valid Windows file name that sorts in time order.
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file name in `backups/`, which is also how a restore names it.
    pub name: String,
    /// When it was taken, RFC 3339 UTC.
    pub taken_at: String,
    /// Size in KiB (a u32 crosses to TypeScript exactly; 4 TiB is far off).
    pub kib: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored: BackupInfo,
    pub events: u32,
    /// Where the replaced database files were put (nothing is deleted).
    pub set_aside: String,
}

/// The restored database's note of the copy it came from (local state: never synced).
const RESTORED: &str = "database_restored";

#[derive(Debug, Serialize, Deserialize)]
struct RestoredMarker {
    /// The copy put back, and when it was taken (RFC 3339, UTC).
    backup: String,
    taken_at: String,
    /// Each author's last event number in the copy, by hex key.
    last_seqs: BTreeMap<String, u64>,
}

/// A restored laptop that must not record yet, as the screens say it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RestoredNotice {
    pub backup: String,
    pub taken_at: String,
}

/// Whether `author`'s next event, `next_seq`, waits for its history after a restore:
/// it does while no event of its own newer than the copy has come back.
pub(crate) fn awaiting_own_history(
    conn: &Connection,
    author: DeviceId,
    next_seq: u64,
) -> Result<Option<RestoredNotice>> {
    let Some(json) = local_state::get(conn, RESTORED)? else { return Ok(None) };
    let Ok(marker) = serde_json::from_str::<RestoredMarker>(&json) else { return Ok(None) };
    let last_in_copy = marker.last_seqs.get(&author.to_hex()).copied().unwrap_or(0);
    Ok((next_seq == last_in_copy + 1).then_some(RestoredNotice { backup: marker.backup, taken_at: marker.taken_at }))
}

/// The person confirmed that nothing left this laptop after the copy was taken (or its
/// later events are back): it records again.
pub(crate) fn resume_recording(conn: &Connection) -> Result<()> {
    local_state::clear(conn, RESTORED)
}

/// Notes in the staged copy which copy it is and every author's last number in it.
fn mark_restored(staged: &Path, restored: &BackupInfo) -> Result<()> {
    let store = store::Store::open(staged)?;
    let conn = store.conn();
    let mut statement = conn.prepare("SELECT author, max(seq) FROM events GROUP BY author")?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, i64>(1)?)))?;
    let mut last_seqs = BTreeMap::new();
    for row in rows {
        let (author, seq) = row?;
        last_seqs.insert(hex::encode(author), u64::try_from(seq).unwrap_or(0));
    }
    drop(statement);
    let marker = RestoredMarker { backup: restored.name.clone(), taken_at: restored.taken_at.clone(), last_seqs };
    local_state::set(conn, RESTORED, &serde_json::to_string(&marker).expect("markers always serialize"))
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// Copies the live database `conn` into a new file in `backups/`, then keeps the newest
/// `KEEP`. The copy is written under a temporary name and renamed when complete, so a
/// copy interrupted by a power cut is never listed.
pub fn take(conn: &Connection, data_dir: &Path, now_ms: u64) -> Result<BackupInfo> {
    let dir = backup_dir(data_dir);
    fs::create_dir_all(&dir)?;
    let taken = DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let name = format!("{PREFIX}{}{SUFFIX}", taken.format(STAMP));
    let target = dir.join(&name);
    let partial = dir.join(format!("{name}.part"));
    copy_database(conn, &partial)?;
    fs::rename(&partial, &target)?;
    prune(&dir)?;
    info(&dir, &name)
}

/// The daily copy: taken through a connection of its own, so the app's commands do not
/// wait for it; `None` when today (WIB) already has one or there is no database yet.
pub fn take_daily(data_dir: &Path, now_ms: u64) -> Result<Option<BackupInfo>> {
    let live = data_dir.join(DB_FILE);
    if !live.exists() || has_copy_of_day(data_dir, now_ms)? {
        return Ok(None);
    }
    let conn = Connection::open(&live)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    take(&conn, data_dir, now_ms).map(Some)
}

/// The copies in `backups/`, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(data_dir);
    let mut names = names(&dir)?;
    names.reverse();
    names.iter().map(|name| info(&dir, name)).collect()
}

/// Whether today (WIB) already has a copy: the daily backup skips then.
pub fn has_copy_of_day(data_dir: &Path, now_ms: u64) -> Result<bool> {
    let today = Hlc::today_wib(now_ms);
    Ok(list(data_dir)?.iter().filter_map(|backup| taken_ms(&backup.name)).any(|ms| Hlc::today_wib(ms) == today))
}

/// Reads a copy and checks it without writing anything: SQLite's integrity check and the
/// hash and signature of every event, and a schema this build can open.
pub fn check_copy(data_dir: &Path, name: &str) -> Result<(BackupInfo, CheckReport)> {
    let dir = backup_dir(data_dir);
    if !names(&dir)?.iter().any(|known| known == name) {
        return Err(CoreError::UnknownBackup { name: name.to_owned() });
    }
    let path = dir.join(name);
    store::refuse_if_too_new(&path)?;
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let report = check::verify_file(&conn).map_err(|err| damaged(name, vec![err.to_string()]))?;
    if !report.is_clean() {
        let mut problems = report.file_problems.clone();
        problems.extend(report.bad_events.iter().map(|bad| format!("event {}: {}", bad.event_id, bad.problem)));
        return Err(damaged(name, problems));
    }
    Ok((info(&dir, name)?, report))
}

/// Puts copy `name` in place of the database. The app (or CLI) must have closed its
/// connection first. The copy is checked before anything is touched; the replaced files
/// (`ikp.db` and its `-wal`/`-shm`) are moved to `backups/before-restore-<time>/`.
pub fn restore(data_dir: &Path, name: &str, now_ms: u64) -> Result<RestoreReport> {
    let (restored, report) = check_copy(data_dir, name)?;
    let dir = backup_dir(data_dir);
    // Staged beside the live file (same file system), so the swap is two renames.
    let staged = data_dir.join(format!("{DB_FILE}.restoring"));
    let _ = fs::remove_file(&staged);
    let source = Connection::open_with_flags(dir.join(name), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    copy_database(&source, &staged)?;
    drop(source);
    mark_restored(&staged, &restored)?;
    let when = DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let aside = dir.join(format!("before-restore-{}", when.format(STAMP)));
    fs::create_dir_all(&aside)?;
    for suffix in ["", "-wal", "-shm"] {
        let live = data_dir.join(format!("{DB_FILE}{suffix}"));
        if live.exists() {
            fs::rename(&live, aside.join(format!("{DB_FILE}{suffix}")))?;
        }
    }
    fs::rename(&staged, data_dir.join(DB_FILE))?;
    Ok(RestoreReport {
        restored,
        events: u32::try_from(report.events_checked).unwrap_or(u32::MAX),
        set_aside: aside.display().to_string(),
    })
}

fn damaged(name: &str, problems: Vec<String>) -> CoreError {
    CoreError::BackupDamaged { name: name.to_owned(), problems: problems.into_iter().take(10).collect() }
}

/// One backup step over every page: the copy is a single snapshot. In WAL mode readers do
/// not block writers, so the app keeps working while it runs.
fn copy_database(source: &Connection, target: &Path) -> Result<()> {
    let mut destination = Connection::open(target)?;
    {
        let backup = Backup::new(source, &mut destination)?;
        let mut attempts = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if attempts < 100 => {
                    attempts += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                StepResult::More | StepResult::Busy | StepResult::Locked => {
                    return Err(CoreError::Storage { message: "the database stayed busy during the backup".into() })
                }
                _ => return Err(CoreError::Storage { message: "the backup did not complete".into() }),
            }
        }
    }
    // A self-contained file: no -wal beside it to lose when it is copied to a USB stick.
    destination.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

fn names(dir: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err.into()),
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| taken_ms(name).is_some())
        .collect();
    names.sort();
    Ok(names)
}

fn prune(dir: &Path) -> Result<()> {
    let names = names(dir)?;
    for old in names.iter().take(names.len().saturating_sub(KEEP)) {
        fs::remove_file(dir.join(old))?;
    }
    Ok(())
}

pub fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}

fn taken_ms(name: &str) -> Option<u64> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    u64::try_from(taken.and_utc().timestamp_millis()).ok()
}

fn info(dir: &Path, name: &str) -> Result<BackupInfo> {
    let taken = taken_ms(name).and_then(|ms| DateTime::<Utc>::from_timestamp_millis(ms as i64)).unwrap_or_default();
    Ok(BackupInfo {
        name: name.to_owned(),
        taken_at: taken.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        kib: kib(fs::metadata(dir.join(name))?.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sort_in_time_order() {
        let name =
            format!("{PREFIX}{}{SUFFIX}", DateTime::from_timestamp_millis(1_764_892_800_123).unwrap().format(STAMP));
        assert_eq!(name, "ikp-20251205T000000.123Z.db");
        assert_eq!(taken_ms(&name), Some(1_764_892_800_123));
        assert_eq!(taken_ms("ikp-20251205T000000.123Z.db.part"), None);
        assert_eq!(taken_ms("notes.db"), None);
    }
}
