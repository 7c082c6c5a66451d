//! Projection of agency events into `agencies` and `agency_names`. Each part of an
//! agency (its name, its head, whether it is active) is its own last-writer-wins field,
//! so a rename and a change of head made on two laptops both survive.

use rusqlite::{params, Connection};

use super::payload::{AgencyActiveSet, AgencyDetails, AgencyHead};
use super::AgencyKind;
use crate::error::Result;
use crate::event::SignedEvent;

/// The name part of an agency: registered or corrected.
pub(crate) fn names(
    conn: &Connection,
    event: &SignedEvent,
    code: &str,
    name: &str,
    short_name: &str,
    kind: AgencyKind,
) -> Result<()> {
    // Cached like every statement a projection runs per event: a sync import or a
    // rebuild runs it thousands of times.
    conn.prepare_cached(
        "INSERT INTO agencies (code, name, short_name, kind, name_version) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
             kind = excluded.kind, name_version = excluded.name_version
         WHERE excluded.name_version > agencies.name_version",
    )?
    .execute(params![code, name, short_name, kind.as_str(), event.version_key()])?;
    // Every name is kept with the moment it was given, whatever order events arrive in:
    // an instruction shows the name in force when it was issued.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO agency_names (code, since_version, name, short_name) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![code, event.version_key(), name, short_name])?;
    Ok(())
}

pub(crate) fn details(conn: &Connection, event: &SignedEvent, details: &AgencyDetails) -> Result<()> {
    names(conn, event, &details.code, &details.name, &details.short_name, details.kind)?;
    conn.prepare_cached("UPDATE agencies SET sipd_code = ?2 WHERE code = ?1 AND name_version = ?3")?
        .execute(params![details.code, details.sipd_code, event.version_key()])?;
    Ok(())
}

/// An agency's head as a head projection stores it, borrowed from whichever event
/// carries it (the profile update's parts are not an [`AgencyHead`] of their own).
pub(crate) struct HeadParts<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub nip: &'a str,
    pub rank: &'a str,
}

impl<'a> From<&'a AgencyHead> for HeadParts<'a> {
    fn from(head: &'a AgencyHead) -> Self {
        HeadParts { name: &head.name, title: &head.title, nip: &head.nip, rank: &head.rank }
    }
}

pub(crate) fn head<'a>(conn: &Connection, event: &SignedEvent, code: &str, head: Option<HeadParts<'a>>) -> Result<()> {
    // An empty part (no rank given) is stored as unknown, not as an empty text.
    let given = |text: &'a str| (!text.is_empty()).then_some(text);
    let [name, title, nip, rank] = match head {
        Some(head) => [head.name, head.title, head.nip, head.rank].map(given),
        None => [None; 4],
    };
    let version = event.version_key();
    updating_or_placeholder(conn, code, || {
        Ok(conn
            .prepare_cached(
                "UPDATE agencies SET head_name = ?2, head_title = ?3, head_nip = ?4, head_rank = ?5, head_version = ?6
                 WHERE code = ?1 AND (head_version IS NULL OR head_version < ?6)",
            )?
            .execute(params![code, name, title, nip, rank, version])?)
    })
}

pub(crate) fn active(conn: &Connection, event: &SignedEvent, change: &AgencyActiveSet) -> Result<()> {
    updating_or_placeholder(conn, &change.code, || {
        Ok(conn
            .prepare_cached(
                "UPDATE agencies SET active = ?2, active_version = ?3
                 WHERE code = ?1 AND (active_version IS NULL OR active_version < ?3)",
            )?
            .execute(params![change.code, change.active, event.version_key()])?)
    })
}

/// Runs `update` (it returns the rows changed) on an agency's row, creating a placeholder
/// first when there is no row. The update is tried first: the row nearly always exists,
/// and an insert attempted before every head change cost more than the change itself.
fn updating_or_placeholder(conn: &Connection, code: &str, update: impl Fn() -> Result<usize>) -> Result<()> {
    if update()? == 0 && placeholder(conn, code)? {
        update()?;
    }
    Ok(())
}

/// A row for an agency whose registration has not arrived yet (bundles may come out of
/// order): its head or status is kept, and its name, of the lowest version, gives way
/// to the registration when it comes. Returns whether it made one.
fn placeholder(conn: &Connection, code: &str) -> Result<bool> {
    let made = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO agencies (code, name, short_name, kind, name_version)
             VALUES (?1, ?1, ?1, 'lainnya', '')",
        )?
        .execute([code])?;
    Ok(made == 1)
}
