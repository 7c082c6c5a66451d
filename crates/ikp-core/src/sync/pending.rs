//! Events that arrived before what they name (a decision before its request, progress
//! before its instruction): stored and relayed, listed, and applied when it arrives.

use super::import::NewEvent;
use crate::error::Result;
use crate::event::Envelope;
use crate::kinds::DomainEvent;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PendingEvent {
    pub event_id: String,
    pub kind: String,
    /// What it waits for, e.g. "negotiation 1f3a…".
    pub waits_for: String,
}

/// What a stored event needs before it means anything: the record it names.
pub fn waits_for(conn: &Connection, domain: &DomainEvent) -> Result<Option<String>> {
    let (table, key, label) = match domain {
        DomainEvent::NegotiationDecided(p) => ("negotiations", p.negotiation_id.as_str(), "negotiation"),
        DomainEvent::NegotiationWithdrawn(p) => ("negotiations", p.negotiation_id.as_str(), "negotiation"),
        DomainEvent::DecisionUndone(p) => ("negotiation_decisions", p.decision_event.as_str(), "decision"),
        DomainEvent::NegotiationRequested(p) => ("indicators", p.indicator_id.as_str(), "indicator"),
        DomainEvent::InstructionIssued(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionAmended(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::CompletionReported(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::CompletionReturned(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionVerified(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionCancelled(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::ProgressReported(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        _ => return Ok(None),
    };
    let column = if table == "negotiation_decisions" { "event_id" } else { "id" };
    let found: Option<i64> = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {column} = ?1"))?
        .query_row([key], |row| row.get(0))
        .optional()?;
    Ok(if found.is_some() { None } else { Some(format!("{label} {key}")) })
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
            conn.execute(
                "INSERT OR REPLACE INTO sync_pending (event_id, kind, waits_for) VALUES (?1, ?2, ?3)",
                params![event.id.0, event.kind(), what],
            )?;
        }
    }
    Ok(resolved)
}

pub fn pending(conn: &Connection) -> Result<Vec<PendingEvent>> {
    let mut statement = conn.prepare("SELECT event_id, kind, waits_for FROM sync_pending ORDER BY kind, waits_for")?;
    let rows = statement.query_map([], |row| {
        Ok(PendingEvent { event_id: hex::encode(row.get::<_, Vec<u8>>(0)?), kind: row.get(1)?, waits_for: row.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
