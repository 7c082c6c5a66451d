//! Sync by export files: laptops never share a network, so they exchange `.ikp` bundle
//! files (USB stick, e-mail, a shared folder). `bundle` is the file format, `trust` the
//! enrolment chain that decides who may author what, `export` and `import` the two
//! directions; this module holds enrolment (a new laptop's request, the root's answer).

pub mod bundle;
pub mod export;
pub mod import;
pub mod trust;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::clock::Clock;
use crate::device::{self, DeviceEnrolled, DeviceGranted, DeviceRevoked};
use crate::error::{BundleProblem, CoreError, EventRefusal, RefusedEvent, Result};
use crate::event::{Envelope, SignedEvent};
use crate::identity::{DeviceId, DeviceKey};
use crate::kinds::DomainEvent;
use crate::principal::Role;
use crate::record::record;
use crate::store::Store;
use crate::{log, projection};
use bundle::{Header, Purpose, RawEvent};
use import::unreadable;

/// What the trust root granted in answer to a request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub device_id: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
    /// The root's fingerprint, for the new laptop's user to compare when importing.
    pub root: String,
}

/// This laptop's enrolment request: a bundle holding only its own first-start claim,
/// self-signed (which proves it holds the key it asks the root to enrol).
pub fn enrolment_request(conn: &Connection, key: &DeviceKey) -> Result<Vec<u8>> {
    let row = conn
        .query_row(
            "SELECT id, seq, body, signature FROM events WHERE author = ?1 AND kind = 'device.enrolled' ORDER BY seq LIMIT 1",
            [key.id().0],
            |row| Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, u64>(1)?, row.get::<_, Vec<u8>>(2)?, row.get::<_, Vec<u8>>(3)?)),
        )
        .optional()?;
    let (id, seq, body, signature) = row.ok_or(CoreError::DeviceNotSetUp)?;
    let event = RawEvent {
        id: id.try_into().unwrap_or([0; 32]),
        author: key.id().0,
        seq,
        signature: signature.try_into().unwrap_or([0; 64]),
        body,
    };
    let header = Header {
        purpose: Purpose::EnrolmentRequest,
        created_at: chrono::Utc::now().to_rfc3339(),
        sender: key.id().to_hex(),
        root: device::trust_root(conn)?.map(DeviceId::to_hex),
        ..Header::default()
    };
    Ok(bundle::write(header, &[event], &[]))
}

/// The trust root approves a request: it stores the requester's claim and signs a grant
/// of the claimed role (or `role` when given: the root decides, not the requester).
pub fn approve(
    store: &mut Store,
    key: &DeviceKey,
    clock: &dyn Clock,
    request: &[u8],
    role: Option<(Role, Option<String>)>,
) -> Result<Enrolment> {
    let bundle = bundle::read(request)?;
    if bundle.header.purpose != Purpose::EnrolmentRequest || bundle.events.len() != 1 {
        return Err(unreadable(BundleProblem::WrongPurpose, "not an enrolment request"));
    }
    let raw = &bundle.events[0];
    let refuse = |reason: EventRefusal, detail: &str| CoreError::BundleRefused {
        refused: vec![RefusedEvent {
            event_id: hex::encode(raw.id),
            kind: trust::CLAIMED.into(),
            author: hex::encode(raw.author),
            seq: u32::try_from(raw.seq).unwrap_or(u32::MAX),
            reason,
            detail: detail.into(),
        }],
    };
    let stored = crate::event::StoredEvent {
        id: raw.id.to_vec(),
        author: raw.author.to_vec(),
        seq: raw.seq,
        hlc: serde_json::from_slice::<Envelope>(&raw.body).map(|envelope| envelope.hlc).unwrap_or_default(),
        kind: trust::CLAIMED.into(),
        body: raw.body.clone(),
        signature: raw.signature.to_vec(),
    };
    let event = SignedEvent::verify(stored).map_err(|tamper| {
        let reason = match tamper {
            crate::event::Tamper::HashMismatch => EventRefusal::HashMismatch,
            crate::event::Tamper::BadSignature => EventRefusal::BadSignature,
            _ => EventRefusal::Unreadable,
        };
        refuse(reason, &tamper.to_string())
    })?;
    let claim = match DomainEvent::decode(&event.envelope.kind, event.envelope.pv, &event.envelope.payload) {
        Ok(Some(DomainEvent::DeviceEnrolled(claim))) if claim.device == event.author.to_hex() => claim,
        _ => return Err(refuse(EventRefusal::Unreadable, "not a device's claim of its own role")),
    };
    let (role, agency_code) = role.unwrap_or((claim.role, claim.agency_code.clone()));
    let grant = DeviceGranted { device: claim.device.clone(), role, agency_code, user_name: claim.user_name.clone() };
    store.write(|tx| {
        store_claim(tx, &event, &claim)?;
        record(tx, key, clock, &DomainEvent::DeviceGranted(grant.clone()))
    })?;
    Ok(Enrolment {
        device_id: grant.device,
        role: grant.role,
        agency_code: grant.agency_code,
        user_name: grant.user_name,
        root: trust::fingerprint(key.id()),
    })
}

fn store_claim(conn: &Connection, event: &SignedEvent, claim: &DeviceEnrolled) -> Result<()> {
    let known: Option<Vec<u8>> = conn
        .query_row(
            "SELECT id FROM events WHERE author = ?1 AND seq = ?2",
            params![event.author.0, event.envelope.seq],
            |row| row.get(0),
        )
        .optional()?;
    match known {
        Some(id) if id == event.id.0 => Ok(()),
        Some(_) => Err(CoreError::BundleRefused {
            refused: vec![RefusedEvent {
                event_id: event.id.to_hex(),
                kind: trust::CLAIMED.into(),
                author: event.author.to_hex(),
                seq: u32::try_from(event.envelope.seq).unwrap_or(u32::MAX),
                reason: EventRefusal::Equivocation,
                detail: "this laptop holds another event signed under the same number".into(),
            }],
        }),
        None => {
            let at_tail = import::log_tail(conn)?.is_none_or(|tail| import::clock_key(event) > tail);
            log::append(conn, event)?;
            if at_tail {
                projection::apply(conn, event, &DomainEvent::DeviceEnrolled(claim.clone()))
            } else {
                // Older than what is stored (the requester's clock may be behind ours):
                // replay, so the outcome is the same as in clock order.
                projection::rebuild(conn).map(|_| ())
            }
        }
    }
}

/// The root withdraws a device's authority after the last event of it this laptop holds.
pub fn revoke(conn: &Connection, key: &DeviceKey, clock: &dyn Clock, device: DeviceId, reason: &str) -> Result<u64> {
    let last: Option<u64> =
        conn.query_row("SELECT max(seq) FROM events WHERE author = ?1", [device.0], |row| row.get(0))?;
    let last_valid_seq = last.unwrap_or(0);
    record(
        conn,
        key,
        clock,
        &DomainEvent::DeviceRevoked(DeviceRevoked { device: device.to_hex(), last_valid_seq, reason: reason.into() }),
    )?;
    Ok(last_valid_seq)
}

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
    /// This laptop's own device key (hex), to name it to the Regent's office.
    pub device_id: String,
    pub pending: Vec<import::PendingEvent>,
    /// Newest first.
    pub exchanges: Vec<Exchange>,
    pub alerts: Vec<SyncAlert>,
}
