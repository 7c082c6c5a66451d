//! The SQLite file: opening it with the settings we rely on, and applying the numbered
//! migrations of a [`Schema`]. One connection writes; WAL lets readers run alongside.
//!
//! The log does not know what the tables above its own mean: whoever opens a store hands
//! it the whole numbered list (the core's comes from `migrations/`).

use std::path::Path;
use std::time::Duration;

use include_dir::Dir;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{LogError, Result};

/// One numbered schema change.
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The numbered schema changes a store is brought up to, in order.
pub struct Schema {
    migrations: Vec<Migration>,
}

impl Schema {
    /// The `NNNN_name.sql` files of an embedded folder, in the order of their numbers.
    pub fn from_sql_files(dir: &'static Dir<'static>) -> Schema {
        let mut migrations: Vec<Migration> = dir
            .files()
            .filter(|file| file.path().extension().is_some_and(|ext| ext == "sql"))
            .map(|file| {
                let name = file.path().file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
                let version = name.split('_').next().and_then(|number| number.parse().ok()).unwrap_or(0);
                Migration { version, name, sql: file.contents_utf8().unwrap_or_default() }
            })
            .collect();
        migrations.sort_by_key(|migration| migration.version);
        Schema { migrations }
    }

    pub fn migrations(&self) -> &[Migration] {
        &self.migrations
    }

    /// The newest schema this build understands.
    pub fn supported_version(&self) -> u32 {
        self.migrations.last().map_or(0, |migration| migration.version)
    }

    /// Refuses a database file written by a newer build, without writing to it.
    pub fn refuse_if_too_new(&self, path: &Path) -> Result<()> {
        self.refuse_if_newer(&probe_version(path)?)
    }

    fn refuse_if_newer(&self, found: &Option<u32>) -> Result<()> {
        let supported = self.supported_version();
        match found {
            Some(found) if *found > supported => Err(LogError::DatabaseTooNew { found: *found, supported }),
            _ => Ok(()),
        }
    }
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database and brings its schema up to date. A database
    /// written by a newer build is refused before anything is written to it.
    pub fn open(path: &Path, schema: &Schema) -> Result<Store> {
        if path.exists() {
            schema.refuse_if_too_new(path)?;
        }
        let conn = Connection::open(path)?;
        configure(&conn)?;
        let mut store = Store { conn };
        store.migrate(schema)?;
        Ok(store)
    }

    /// An in-memory store, for tests and benchmarks that need no file.
    pub fn open_in_memory(schema: &Schema) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let mut store = Store { conn };
        store.migrate(schema)?;
        Ok(store)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    /// Inside `in_one_transaction` it is a savepoint of that transaction instead: undone
    /// alone when it fails, committed only with the whole.
    pub fn write<T, E: From<rusqlite::Error>>(
        &mut self,
        work: impl FnOnce(&Connection) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            let savepoint = self.conn.savepoint()?;
            let value = work(&savepoint)?;
            savepoint.commit()?;
            return Ok(value);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work`, and every `write` it makes, in one IMMEDIATE transaction: committed
    /// when `work` succeeds, all of it undone when it fails.
    pub fn in_one_transaction<T, E: From<rusqlite::Error>>(
        &mut self,
        work: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        in_one_transaction(self, work)
    }

    pub fn schema_version(&self) -> Result<u32> {
        current_version(&self.conn)
    }

    fn migrate(&mut self, schema: &Schema) -> Result<()> {
        // The bookkeeping table is created and each migration recorded inside the same
        // transaction that applies it, so a crash never leaves a half-applied schema.
        self.write(|tx| {
            tx.execute_batch(
                "CREATE TABLE IF NOT EXISTS schema_migrations (
                     version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )?;
            let current = current_version(tx)?;
            schema.refuse_if_newer(&Some(current))?;
            for migration in schema.migrations.iter().filter(|m| m.version > current) {
                tx.execute_batch(migration.sql).map_err(|err| LogError::Storage {
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

    /// Limits the page cache to `kib` until [`Store::restore_cache`]. A sync import writes
    /// each page about once, so a large cache buys it little and costs up to its size on
    /// top of the file's records: the import's memory bound is what matters there.
    pub fn limit_cache(&self, kib: u32) -> Result<()> {
        Ok(self.conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?)
    }

    /// Gives the page cache back its usual size.
    pub fn restore_cache(&self) -> Result<()> {
        Ok(self.conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}"))?)
    }
}

impl AsMut<Store> for Store {
    fn as_mut(&mut self) -> &mut Store {
        self
    }
}

/// `Store::in_one_transaction` for whatever holds a store (the core's wraps this one).
pub fn in_one_transaction<H: AsMut<Store>, T, E: From<rusqlite::Error>>(
    holder: &mut H,
    work: impl FnOnce(&mut H) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    holder.as_mut().conn.execute_batch("BEGIN IMMEDIATE")?;
    let outcome = work(holder).and_then(|value| {
        holder.as_mut().conn.execute_batch("COMMIT")?;
        Ok(value)
    });
    let conn = &holder.as_mut().conn;
    if outcome.is_err() && !conn.is_autocommit() {
        // The error that stopped the work is the one worth reporting.
        let _ = conn.execute_batch("ROLLBACK");
    }
    outcome
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

#[cfg(test)]
mod tests {
    use super::*;

    fn first_step() -> Schema {
        Schema { migrations: two_steps().migrations.into_iter().take(1).collect() }
    }

    fn two_steps() -> Schema {
        Schema {
            migrations: vec![
                Migration { version: 1, name: "0001_notes", sql: "CREATE TABLE notes (text TEXT NOT NULL);" },
                Migration { version: 2, name: "0002_tags", sql: "ALTER TABLE notes ADD COLUMN tag TEXT;" },
            ],
        }
    }

    #[test]
    fn a_new_database_is_at_the_newest_version_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("ikp.db"), &two_steps()).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let keys: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |row| row.get(0)).unwrap();
        assert_eq!(keys, 1);
    }

    fn notes(store: &Store) -> Vec<String> {
        let mut statement = store.conn().prepare("SELECT text FROM notes ORDER BY text").unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    fn add(store: &mut Store, text: &str, then_fail: bool) -> std::result::Result<(), rusqlite::Error> {
        store.write(|tx| {
            tx.execute("INSERT INTO notes (text) VALUES (?1)", [text])?;
            if then_fail {
                return Err(rusqlite::Error::InvalidQuery);
            }
            Ok(())
        })
    }

    #[test]
    fn writes_in_one_transaction_fail_alone_and_commit_only_with_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ikp.db");
        let mut store = Store::open(&path, &two_steps()).unwrap();
        store
            .in_one_transaction(|store| {
                add(store, "a", false)?;
                assert!(add(store, "b", true).is_err());
                add(store, "c", false)?;
                // Not visible to another connection before the whole commits.
                let other = Connection::open(&path).unwrap();
                let seen: i64 = other.query_row("SELECT count(*) FROM notes", [], |row| row.get(0)).unwrap();
                assert_eq!(seen, 0);
                Ok::<_, rusqlite::Error>(())
            })
            .unwrap();
        assert_eq!(notes(&store), ["a", "c"], "the failed write alone was undone");

        let failed = store.in_one_transaction(|store| {
            add(store, "d", false)?;
            Err::<(), _>(rusqlite::Error::InvalidQuery)
        });
        assert!(failed.is_err());
        assert_eq!(notes(&store), ["a", "c"], "a failed whole leaves nothing of its writes");
        assert!(store.conn().is_autocommit());
        add(&mut store, "e", false).unwrap();
        assert_eq!(notes(&store), ["a", "c", "e"]);
    }

    #[test]
    fn reopening_applies_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ikp.db");
        drop(Store::open(&path, &two_steps()).unwrap());
        let store = Store::open(&path, &two_steps()).unwrap();
        let rows: u32 = store.conn().query_row("SELECT count(*) FROM schema_migrations", [], |row| row.get(0)).unwrap();
        assert_eq!(rows, 2);
    }

    #[test]
    fn a_database_of_a_newer_schema_is_refused_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ikp.db");
        drop(Store::open(&path, &two_steps()).unwrap());
        let older = first_step();
        let before = std::fs::read(&path).unwrap();
        assert_eq!(Store::open(&path, &older).err(), Some(LogError::DatabaseTooNew { found: 2, supported: 1 }));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_failing_migration_leaves_the_schema_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ikp.db");
        let mut broken = two_steps();
        broken.migrations[1].sql = "ALTER TABLE notes ADD COLUMN tag TEXT; NOT SQL;";
        assert!(matches!(Store::open(&path, &broken), Err(LogError::Storage { .. })));
        let conn = Connection::open(&path).unwrap();
        let tables: u32 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('notes', 'schema_migrations')", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(tables, 0, "the first migration was rolled back with the second");
    }
}
