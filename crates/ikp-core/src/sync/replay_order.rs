//! Replay order: whether an import's new events can be projected as they come, or the
//! log must be replayed so that the outcome never depends on arrival order.

use rusqlite::{params, Connection, OptionalExtension};

use super::first_checks::NewEvent;
use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;

pub(crate) type ClockKey = (u64, u32, [u8; 32], u64);

pub(crate) fn clock_key(event: &SignedEvent) -> ClockKey {
    let hlc = event.hlc();
    (hlc.wall_ms, hlc.counter, event.author.0, event.envelope.seq)
}

/// The last event in replay order: new events all after it can be projected as they
/// come; otherwise the log is replayed, so the outcome never depends on arrival order.
pub(crate) fn log_tail(conn: &Connection) -> Result<Option<ClockKey>> {
    Ok(conn
        .prepare_cached(
            "SELECT hlc_wall, hlc_counter, author, seq FROM events
             ORDER BY hlc_wall DESC, hlc_counter DESC, author DESC, seq DESC LIMIT 1",
        )?
        .query_row([], |row| {
            let author: Vec<u8> = row.get(2)?;
            Ok((row.get(0)?, row.get(1)?, author.try_into().unwrap_or([0; 32]), row.get(3)?))
        })
        .optional()?)
}

/// Does a new revocation cut events already stored (and projected)?
pub(crate) fn cuts_stored_events(conn: &Connection, new: &[&NewEvent]) -> Result<bool> {
    for new in new {
        if let Some(DomainEvent::DeviceRevoked(revocation)) = &new.domain {
            if revocation.held.is_some() {
                // It may cut events under its number too: replay, which checks each one.
                return Ok(true);
            }
            let Some(device) = DeviceId::from_hex(&revocation.device) else { continue };
            let later: Option<i64> = conn
                .prepare_cached("SELECT 1 FROM events WHERE author = ?1 AND seq > ?2 LIMIT 1")?
                .query_row(params![device.0, revocation.last_valid_seq], |row| row.get(0))
                .optional()?;
            if later.is_some() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
