//! Handing the trust root over: the root's laptop names its successor's key (a new
//! Regent's laptop), and every laptop that imports the handover follows the new root for
//! what comes after it, while what the old root granted before it stands. The old key
//! signs as the root up to its handover's number and not after: a grant it signs later
//! is refused on import and on rebuild (`sync::trust::Chain`).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::kinds::EventKind;
use crate::policy::KindAuthority;

/// `root.handed_over` v1. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RootHandedOver {
    /// Hex key of the successor's laptop.
    pub successor: String,
    pub reason: String,
}

/// The longest chain of handovers followed (a regency changes Regent every few years).
const MAX_HANDOVERS: usize = 64;

pub(crate) fn apply(conn: &Connection, event: &SignedEvent, payload: &RootHandedOver) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO root_handovers (predecessor, seq, successor, handed_at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        event.author.to_hex(),
        event.envelope.seq,
        payload.successor,
        event.hlc().to_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        payload.reason
    ])?;
    Ok(())
}

/// One link of the succession: who handed over to whom, at which of its numbers, when.
#[derive(Clone, Debug, PartialEq)]
pub struct Handover {
    pub predecessor: DeviceId,
    pub seq: u64,
    pub successor: DeviceId,
    pub handed_at: String,
}

/// The succession from the pinned root: each root's first handover, in order.
pub fn chain_from(conn: &Connection, pinned: DeviceId) -> Result<Vec<Handover>> {
    let mut links = Vec::new();
    let mut current = pinned;
    let mut statement = conn.prepare_cached(
        "SELECT seq, successor, handed_at FROM root_handovers WHERE predecessor = ?1 ORDER BY seq LIMIT 1",
    )?;
    while links.len() < MAX_HANDOVERS {
        let next = statement
            .query_row([current.to_hex()], |row| {
                Ok((row.get::<_, u64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
            })
            .optional()?;
        let Some((seq, successor, handed_at)) = next else { break };
        let Some(successor) = DeviceId::from_hex(&successor) else { break };
        if successor == pinned || links.iter().any(|link: &Handover| link.predecessor == successor) {
            break;
        }
        links.push(Handover { predecessor: current, seq, successor, handed_at });
        current = successor;
    }
    Ok(links)
}

/// The root now: the pinned one, followed through its handovers; and since when.
pub fn current_root(conn: &Connection) -> Result<Option<(DeviceId, Option<String>)>> {
    let Some(pinned) = trust_root(conn)? else { return Ok(None) };
    Ok(Some(match chain_from(conn, pinned)?.pop() {
        Some(last) => (last.successor, Some(last.handed_at)),
        None => (pinned, None),
    }))
}

/// Checks a handover as typed: a key, and not the root's own.
pub fn validate(successor: &str, reason: &str, root: DeviceId) -> Result<RootHandedOver> {
    let successor = successor.trim().to_lowercase();
    let Some(device) = DeviceId::from_hex(&successor) else {
        return Err(CoreError::invalid("successor", InputProblem::NotAllowed));
    };
    if device == root {
        return Err(CoreError::invalid("successor", InputProblem::Duplicate));
    }
    if reason.trim().chars().count() > 500 {
        return Err(CoreError::invalid("reason", InputProblem::TooLong));
    }
    Ok(RootHandedOver { successor, reason: reason.trim().to_owned() })
}

impl EventKind for RootHandedOver {
    const NAME: &'static str = "root.handed_over";
    const AUTHORITY: KindAuthority = KindAuthority::TrustRoot;

    fn project(&self, conn: &Connection, event: &SignedEvent) -> Result<()> {
        apply(conn, event, self)
    }
}

/// The trust root pinned on this database, if any.
pub fn trust_root(conn: &Connection) -> Result<Option<DeviceId>> {
    let root: Option<String> =
        conn.query_row("SELECT root FROM sync_trust WHERE id = 1", [], |row| row.get(0)).optional()?;
    Ok(root.and_then(|hex| DeviceId::from_hex(&hex)))
}

/// Pins `root` as this database's trust root (a no-op if it already is).
pub fn pin_trust_root(conn: &Connection, root: DeviceId) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_trust (id, root, pinned_at) VALUES (1, ?1, ?2) ON CONFLICT (id) DO NOTHING",
        params![root.to_hex(), chrono::Utc::now().to_rfc3339()],
    )?;
    Ok(())
}
