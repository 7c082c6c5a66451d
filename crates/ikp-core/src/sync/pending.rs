//! Events that arrived before what they name (a decision before its request, progress
//! before its instruction): stored and relayed, listed, and applied when it arrives.

use super::import::NewEvent;
use crate::error::Result;
use crate::event::{Envelope, SignedEvent};
use crate::kinds::{DomainEvent, Prerequisite, RecordKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PendingEvent {
    pub event_id: String,
    pub kind: String,
    pub waits_for: WaitsFor,
}

/// The record a held event waits for: its kind and id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WaitsFor {
    pub record: RecordKind,
    pub id: String,
}

impl WaitsFor {
    /// As kept in `sync_pending.waits_for`: "negotiation 1f3a…".
    fn stored(&self) -> String {
        format!("{} {}", self.record.label(), self.id)
    }

    fn from_stored(text: &str) -> Option<WaitsFor> {
        let (label, id) = text.split_once(' ')?;
        Some(WaitsFor { record: RecordKind::from_label(label)?, id: id.to_owned() })
    }
}

/// The record `domain` names that is not here yet, as each kind declares it.
pub fn waits_for(conn: &Connection, domain: &DomainEvent) -> Result<Option<WaitsFor>> {
    let Some(Prerequisite { record, id }) = domain.waits_for() else { return Ok(None) };
    let (table, column) = record.table();
    let found: Option<i64> = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {column} = ?1"))?
        .query_row([id], |row| row.get(0))
        .optional()?;
    Ok(if found.is_some() { None } else { Some(WaitsFor { record, id: id.to_owned() }) })
}

/// Records the new events that wait for something, and drops earlier ones whose
/// prerequisite has arrived. Returns how many were resolved.
pub(crate) fn update_pending(conn: &Connection, new: &[&NewEvent]) -> Result<u32> {
    let mut resolved = 0;
    let held: Vec<(Vec<u8>, Vec<u8>)> = conn
        // CROSS JOIN keeps sync_pending (small) the outer loop whatever the statistics say.
        .prepare("SELECT p.event_id, e.body FROM sync_pending p CROSS JOIN events e ON e.id = p.event_id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, body) in held {
        let still = serde_json::from_slice::<Envelope>(&body)
            .ok()
            .and_then(|envelope| DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload).ok().flatten())
            .map(|domain| waits_for(conn, &domain))
            .transpose()?
            .flatten();
        if still.is_none() {
            conn.execute("DELETE FROM sync_pending WHERE event_id = ?1", [&id])?;
            resolved += 1;
        }
    }
    for NewEvent { event, domain } in new.iter().copied() {
        if let Some(what) = domain.as_ref().map(|domain| waits_for(conn, domain)).transpose()?.flatten() {
            hold(conn, event, &what)?;
        }
    }
    Ok(resolved)
}

/// Records every new event that names a prerequisite, there or not: while the projections
/// lag the log (a batch's replay still to come) nobody can tell which are there. The
/// `update_pending` after the replay drops those that are.
pub(crate) fn hold_for_recheck(conn: &Connection, new: &[&NewEvent]) -> Result<()> {
    for NewEvent { event, domain } in new.iter().copied() {
        if let Some(Prerequisite { record, id }) = domain.as_ref().and_then(DomainEvent::waits_for) {
            hold(conn, event, &WaitsFor { record, id: id.to_owned() })?;
        }
    }
    Ok(())
}

fn hold(conn: &Connection, event: &SignedEvent, what: &WaitsFor) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO sync_pending (event_id, kind, waits_for) VALUES (?1, ?2, ?3)")?
        .execute(params![event.id.0, event.kind(), what.stored()])?;
    Ok(())
}

pub fn pending(conn: &Connection) -> Result<Vec<PendingEvent>> {
    let mut statement = conn.prepare("SELECT event_id, kind, waits_for FROM sync_pending ORDER BY kind, waits_for")?;
    let rows = statement.query_map([], |row| {
        Ok((hex::encode(row.get::<_, Vec<u8>>(0)?), row.get::<_, String>(1)?, row.get::<_, String>(2)?))
    })?;
    let mut held = Vec::new();
    for row in rows {
        let (event_id, kind, stored) = row?;
        // Only this module writes the column; a row it cannot read is not listed.
        if let Some(waits_for) = WaitsFor::from_stored(&stored) {
            held.push(PendingEvent { event_id, kind, waits_for });
        }
    }
    Ok(held)
}
