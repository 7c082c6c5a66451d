//! The core's database: the log's store brought up to the schema of every domain (the
//! numbered SQL files of `migrations/`, embedded at build time), its transactions failing
//! with the core's errors.

use std::path::Path;
use std::sync::OnceLock;

use ikp_log::store::Schema;
use include_dir::{include_dir, Dir};
use rusqlite::Connection;

use crate::error::{CoreError, Result};

static MIGRATION_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

/// Every table of the desk, the log's and the domains', as one numbered list.
pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| Schema::from_sql_files(&MIGRATION_DIR))
}

pub struct Store {
    log: ikp_log::store::Store,
}

impl Store {
    /// Opens (or creates) the desk's database at `path`, brought up to date. A database
    /// written by a newer build is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store { log: ikp_log::store::Store::open(path, schema())? })
    }

    /// An in-memory database, for tests and benchmarks that need no file.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store { log: ikp_log::store::Store::open_in_memory(schema())? })
    }

    pub fn conn(&self) -> &Connection {
        self.log.conn()
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.log.write::<T, CoreError>(work)
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.log.schema_version()?)
    }

    /// Runs `work`, and every `write` in it, in one transaction: committed when `work`
    /// succeeds, all of it undone when it fails (each `write` inside is a savepoint).
    pub fn in_one_transaction<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        ikp_log::store::in_one_transaction(self, work)
    }

    /// Runs `work` with the page cache limited to `kib`, then restores it.
    pub fn with_cache_limit<T>(&mut self, kib: u32, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.log.limit_cache(kib)?;
        let done = work(self);
        let restored = self.log.restore_cache();
        let value = done?;
        restored?;
        Ok(value)
    }
}

impl AsMut<ikp_log::store::Store> for Store {
    fn as_mut(&mut self) -> &mut ikp_log::store::Store {
        &mut self.log
    }
}

/// The newest schema this build understands.
pub fn supported_version() -> u32 {
    schema().supported_version()
}

/// Refuses a database file written by a newer build, without writing to it.
pub fn refuse_if_too_new(path: &Path) -> Result<()> {
    Ok(schema().refuse_if_too_new(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        let list = schema().migrations();
        assert!(!list.is_empty());
        for (index, migration) in list.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "{}", migration.name);
            assert!(!migration.sql.trim().is_empty(), "{} is empty", migration.name);
        }
    }

    #[test]
    fn a_new_database_is_at_the_newest_version() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("ikp.db")).unwrap();
        assert_eq!(store.schema_version().unwrap(), supported_version());
    }
}
