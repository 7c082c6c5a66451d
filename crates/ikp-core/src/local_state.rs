//! What this laptop alone keeps (`local_state`): preferences and bookkeeping that are
//! never events and never synchronised — the text size, the sync folder and what was
//! last written and read there, a restored root key waiting for its history.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM local_state WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO local_state (key, value) VALUES (?1, ?2)")?.execute([key, value])?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM local_state WHERE key = ?1")?.execute([key])?;
    Ok(())
}
