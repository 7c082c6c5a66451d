//! The SQLite file: opening it with the settings we rely on, and applying the numbered
//! migrations from `migrations/`. One connection writes; WAL lets readers run alongside.

use std::path::Path;
use std::time::Duration;

use include_dir::{include_dir, Dir};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{CoreError, Result};

static MIGRATION_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

/// One numbered schema change, embedded from `migrations/NNNN_name.sql`.
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The embedded migrations in order. Numbering must run 1, 2, 3... without gaps;
/// a unit test holds us to it.
pub fn migrations() -> Vec<Migration> {
    let mut list: Vec<Migration> = MIGRATION_DIR
        .files()
        .filter(|file| file.path().extension().is_some_and(|ext| ext == "sql"))
        .map(|file| {
            let name = file.path().file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
            let version = name.split('_').next().and_then(|number| number.parse().ok()).unwrap_or(0);
            Migration { version, name, sql: file.contents_utf8().unwrap_or_default() }
        })
        .collect();
    list.sort_by_key(|migration| migration.version);
    list
}

/// The newest schema this build understands.
pub fn supported_version() -> u32 {
    migrations().last().map_or(0, |migration| migration.version)
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database and brings its schema up to date. A database
    /// written by a newer build is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        if path.exists() {
            refuse_if_newer(&probe_version(path)?)?;
        }
        let conn = Connection::open(path)?;
        configure(&conn)?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// An in-memory store, for tests and benchmarks that need no file.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub fn schema_version(&self) -> Result<u32> {
        current_version(&self.conn)
    }

    fn migrate(&mut self) -> Result<()> {
        // The bookkeeping table is created and each migration recorded inside the same
        // transaction that applies it, so a crash never leaves a half-applied schema.
        self.write(|tx| {
            tx.execute_batch(
                "CREATE TABLE IF NOT EXISTS schema_migrations (
                     version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )?;
            let current = current_version(tx)?;
            refuse_if_newer(&Some(current))?;
            for migration in migrations().into_iter().filter(|m| m.version > current) {
                tx.execute_batch(migration.sql).map_err(|err| CoreError::Storage {
                    message: format!("migration {} failed: {err}", migration.name),
                })?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                    rusqlite::params![migration.version, migration.name, chrono::Utc::now().to_rfc3339()],
                )?;
            }
            Ok(())
        })
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // FULL: a committed event survives a power cut, since the laptop may die mid-meeting.
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    // Ten years of a regency is about a gigabyte: a 32 MB page cache and memory-mapped
    // reads keep the dashboard's random lookups off the read() system call.
    conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}; PRAGMA mmap_size = 268435456;"))?;
    Ok(())
}

/// The page cache, in KiB.
const CACHE_KIB: u32 = 32 * 1024;

impl Store {
    /// Runs `work` with the page cache limited to `kib`, then restores it. A sync import
    /// writes each page about once, so a large cache buys it little and costs up to its
    /// size on top of the file's records: the import's memory bound is what matters there.
    pub fn with_cache_limit<T>(&mut self, kib: u32, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        let done = work(self);
        let restored = self.conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}"));
        let value = done?;
        restored?;
        Ok(value)
    }
}

/// Refuses a database file written by a newer build, without writing to it.
pub fn refuse_if_too_new(path: &Path) -> Result<()> {
    refuse_if_newer(&probe_version(path)?)
}

/// Reads the schema version without writing anything, not even the journal mode.
fn probe_version(path: &Path) -> Result<Option<u32>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let has_table: Option<i64> = conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", [], |row| {
            row.get(0)
        })
        .optional()?;
    match has_table {
        Some(_) => Ok(Some(current_version(&conn)?)),
        None => Ok(None),
    }
}

fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT coalesce(max(version), 0) FROM schema_migrations", [], |row| row.get(0))?)
}

fn refuse_if_newer(found: &Option<u32>) -> Result<()> {
    let supported = supported_version();
    match found {
        Some(found) if *found > supported => Err(CoreError::DatabaseTooNew { found: *found, supported }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        let list = migrations();
        assert!(!list.is_empty());
        for (index, migration) in list.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "{}", migration.name);
            assert!(!migration.sql.trim().is_empty(), "{} is empty", migration.name);
        }
    }

    #[test]
    fn a_new_database_is_at_the_newest_version_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("ikp.db")).unwrap();
        assert_eq!(store.schema_version().unwrap(), supported_version());
        let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let keys: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |row| row.get(0)).unwrap();
        assert_eq!(keys, 1);
    }

    #[test]
    fn reopening_applies_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ikp.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let rows: u32 = store.conn().query_row("SELECT count(*) FROM schema_migrations", [], |row| row.get(0)).unwrap();
        assert_eq!(rows, supported_version());
    }
}
