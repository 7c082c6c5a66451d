//! Sync by export files: laptops never share a network, so they exchange `.ikp` bundle
//! files (USB stick, e-mail, a shared folder). `bundle` is the file format, `trust` the
//! enrolment chain that decides who may author what, `enrolment` a new laptop's request
//! and the root's answer, `export` and `import` the two directions; this module keeps
//! the exchange history and the alerts.

pub mod api;
pub use ikp_log::{bundle, bundle_file, unpack};
mod absorbed;
pub mod batch;
pub mod enrolment;
pub mod export;
mod first_checks;
pub mod folder;
pub mod freshness;
pub mod import;
mod import_books;
mod known;
mod parallel;
pub mod pending;
pub mod preview;
pub mod quarantine;
mod replay_order;
pub mod trust;

pub use enrolment::{
    approve, enrolled_devices, enrolment_request, read_request, revoke, EnrolledDevice, Enrolment, EnrolmentClaim,
};

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::identity::DeviceId;

/// Records one export in the exchange history.
pub fn note_export(conn: &Connection, peer: Option<DeviceId>, file_name: &str, events: u32) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_exchanges (at, direction, peer, file_name, events, new_events, known, pending)
         VALUES (?1, 'export', ?2, ?3, ?4, 0, 0, 0)",
        params![chrono::Utc::now().to_rfc3339(), peer.map(DeviceId::to_hex), file_name, events],
    )?;
    Ok(())
}

/// One row of the exchange history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub at: String,
    pub direction: String,
    pub peer: Option<String>,
    pub file_name: String,
    pub events: u32,
    pub new_events: u32,
    pub known: u32,
    pub pending: u32,
}

pub fn exchanges(conn: &Connection, limit: u32) -> Result<Vec<Exchange>> {
    let mut statement = conn.prepare(
        "SELECT at, direction, peer, file_name, events, new_events, known, pending FROM sync_exchanges
         ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = statement.query_map([limit], |row| {
        Ok(Exchange {
            at: row.get(0)?,
            direction: row.get(1)?,
            peer: row.get(2)?,
            file_name: row.get(3)?,
            events: row.get(4)?,
            new_events: row.get(5)?,
            known: row.get(6)?,
            pending: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Something a person must look at: an author that signed two different events under
/// one number, or an event stamped far ahead of this laptop's clock.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncAlert {
    pub at: String,
    /// "equivocation" or "far_future".
    pub kind: String,
    pub author: String,
    pub seq: u32,
    pub detail: String,
}

pub fn alerts(conn: &Connection, limit: u32) -> Result<Vec<SyncAlert>> {
    let mut statement =
        conn.prepare("SELECT at, kind, author, seq, detail FROM sync_alerts ORDER BY id DESC LIMIT ?1")?;
    let rows = statement.query_map([limit], |row| {
        Ok(SyncAlert {
            at: row.get(0)?,
            kind: row.get(1)?,
            author: row.get(2)?,
            seq: u32::try_from(row.get::<_, u64>(3)?).unwrap_or(u32::MAX),
            detail: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the Sinkronisasi page shows at a glance: whom this laptop trusts, what is still
/// waiting for a prerequisite, the exchanges and the alerts for a person to look at.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncOverview {
    /// Fingerprint of the pinned trust root; none until the Regent's office is known.
    pub trust_root: Option<String>,
    /// Fingerprint of the root now, when a handover made it another than the pinned one.
    pub current_root: Option<String>,
    /// When the root now took over (UTC, RFC 3339); none for the pinned root.
    pub root_since: Option<String>,
    /// This laptop's own device key (hex), to name it to the Regent's office.
    pub device_id: String,
    /// The short form of `device_id` the Regent's office compares with a request file.
    pub fingerprint: String,
    /// This laptop is the regency's trust root: it approves requests and revokes.
    pub is_root: bool,
    /// The trust root granted this laptop its role (always true of the root itself).
    pub granted: bool,
    /// The laptops the root granted a role, as far as this laptop knows.
    pub devices: Vec<EnrolledDevice>,
    pub pending: Vec<import::PendingEvent>,
    /// Newest first.
    pub exchanges: Vec<Exchange>,
    pub alerts: Vec<SyncAlert>,
    /// Events stamped too far ahead, waiting for this laptop's clock, with who sent them.
    pub quarantined: Vec<quarantine::QuarantinedEvent>,
}
