//! Events from a clock too far ahead. An event stamped beyond the allowed skew
//! (`import::FAR_FUTURE_MS`) would otherwise win every "latest value" for years and, on
//! the laptops that follow the log's newest clock, drag their own clocks along. It waits
//! here instead — verified and authorized like the rest of its file, shown with the
//! laptop that sent it — and is imported once this laptop's clock is within the skew of
//! it, as if it arrived then.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::bundle::{self, Header, RawEvent};
use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceId;

/// The file name the exchange history shows for events released from quarantine.
pub const RELEASED: &str = "(karantina jam)";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuarantinedEvent {
    pub event_id: String,
    pub kind: String,
    /// Hex key of its author.
    pub author: String,
    /// The time it is stamped with (RFC 3339, UTC).
    pub stamped_at: String,
    /// Hex key of the laptop whose signed file brought it; none if the file's header was
    /// not signed by an enrolled laptop.
    pub sender: Option<String>,
}

impl QuarantinedEvent {
    pub(crate) fn of(event: &SignedEvent, sender: Option<DeviceId>) -> QuarantinedEvent {
        QuarantinedEvent {
            event_id: event.id.to_hex(),
            kind: event.kind().to_owned(),
            author: event.author.to_hex(),
            stamped_at: crate::clock::utc_text(i64::try_from(event.hlc().wall_ms).unwrap_or(i64::MAX)),
            sender: sender.map(DeviceId::to_hex),
        }
    }
}

pub(crate) fn hold(conn: &Connection, event: &SignedEvent, sender: Option<DeviceId>) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_quarantine (event_id, author, seq, hlc_wall, kind, body, signature, sender,
             received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        event.id.0,
        event.author.0,
        event.envelope.seq,
        i64::try_from(event.hlc().wall_ms).unwrap_or(i64::MAX),
        event.kind(),
        &event.body[..],
        event.signature,
        sender.map(DeviceId::to_hex),
        chrono::Utc::now().to_rfc3339()
    ])?;
    Ok(())
}

/// Every event waiting, the soonest first.
pub fn list(conn: &Connection) -> Result<Vec<QuarantinedEvent>> {
    let mut statement =
        conn.prepare("SELECT event_id, kind, author, hlc_wall, sender FROM sync_quarantine ORDER BY hlc_wall")?;
    let rows = statement.query_map([], |row| {
        Ok(QuarantinedEvent {
            event_id: hex::encode(row.get::<_, Vec<u8>>(0)?),
            kind: row.get(1)?,
            author: hex::encode(row.get::<_, Vec<u8>>(2)?),
            stamped_at: crate::clock::utc_text(row.get(3)?),
            sender: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Quarantined events whose time has come: a bundle of them to import, and their ids.
pub(crate) struct Due {
    pub bundle: Vec<u8>,
    pub ids: Vec<Vec<u8>>,
}

/// The events stamped at or before `horizon_ms`, under `root`; None when none is due.
pub(crate) fn due(conn: &Connection, root: DeviceId, horizon_ms: u64) -> Result<Option<Due>> {
    let horizon = i64::try_from(horizon_ms).unwrap_or(i64::MAX);
    let mut statement =
        conn.prepare("SELECT event_id, author, seq, signature, body FROM sync_quarantine WHERE hlc_wall <= ?1")?;
    let mut rows = statement.query([horizon])?;
    let (mut events, mut ids) = (Vec::new(), Vec::new());
    while let Some(row) = rows.next()? {
        let id: Vec<u8> = row.get(0)?;
        events.push(RawEvent {
            id: id.clone().try_into().unwrap_or([0; 32]),
            author: row.get::<_, Vec<u8>>(1)?.try_into().unwrap_or([0; 32]),
            seq: row.get(2)?,
            signature: row.get::<_, Vec<u8>>(3)?.try_into().unwrap_or([0; 64]),
            body: row.get(4)?,
        });
        ids.push(id);
    }
    if events.is_empty() {
        return Ok(None);
    }
    let header = Header { root: Some(root.to_hex()), ..Header::default() };
    Ok(Some(Due { bundle: bundle::write(header, &events, &[]), ids }))
}

pub(crate) fn forget(conn: &Connection, ids: &[Vec<u8>]) -> Result<()> {
    let mut statement = conn.prepare_cached("DELETE FROM sync_quarantine WHERE event_id = ?1")?;
    for id in ids {
        statement.execute([id])?;
    }
    Ok(())
}
