//! Enrolment: a new laptop's request file (its self-signed first-start claim), the
//! trust root's reading and approval of it (a signed grant), revocation, and the list
//! of granted laptops.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::bundle::{self, Header, Purpose, RawEvent};
use super::import::unreadable;
use super::replay_order;
use super::trust;
use crate::clock::Clock;
use crate::device::{self, DeviceEnrolled, DeviceGranted, DeviceRevoked};
use crate::error::{BundleProblem, CoreError, EventRefusal, InputProblem, RefusedEvent, Result};
use crate::event::{Envelope, SignedEvent};
use crate::identity::{DeviceId, DeviceKey};
use crate::kinds::DomainEvent;
use crate::principal::{AgencyNeed, Role};
use crate::record::record;
use crate::store::Store;
use crate::{log, projection};

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

/// A request file's claim, checked (framing, hash, the requester's own signature) but
/// not stored: what the Regent's office compares with the new laptop's screen before
/// approving.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentClaim {
    pub device_id: String,
    /// The short form shown on the requesting laptop's Sinkronisasi page.
    pub fingerprint: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
    /// SHA-256 (hex) of the request file as read: approval names it, so what is approved
    /// is exactly what was shown, even if the file is swapped in between.
    pub request_sha256: String,
}

/// Reads and checks an enrolment request without writing anything.
pub fn read_request(request: &[u8]) -> Result<EnrolmentClaim> {
    let (event, claim) = verified_claim(request)?;
    Ok(EnrolmentClaim {
        request_sha256: hex::encode(Sha256::digest(request)),
        device_id: claim.device,
        fingerprint: trust::fingerprint(event.author),
        role: claim.role,
        agency_code: claim.agency_code,
        user_name: claim.user_name,
    })
}

/// The trust root approves a request: it stores the requester's claim and signs a grant
/// of the claimed role (or `role` when given: the root decides, not the requester).
pub fn approve(
    store: &mut Store,
    key: &DeviceKey,
    clock: &dyn Clock,
    request: &[u8],
    shown_sha256: Option<&str>,
    role: Option<(Role, Option<String>)>,
) -> Result<Enrolment> {
    if shown_sha256.is_some_and(|shown| shown != hex::encode(Sha256::digest(request))) {
        return Err(unreadable(
            BundleProblem::ChangedSinceShown,
            "the request file changed after it was shown: open it again and compare",
        ));
    }
    let (event, claim) = verified_claim(request)?;
    let (role, agency_code) = role.unwrap_or((claim.role, claim.agency_code.clone()));
    // The root grants what the role needs, whatever the laptop claimed.
    match (role.agency(), &agency_code) {
        (AgencyNeed::Required, None) => return Err(CoreError::invalid("agencyCode", InputProblem::Required)),
        (AgencyNeed::None, Some(_)) => return Err(CoreError::invalid("agencyCode", InputProblem::NotAllowed)),
        _ => {}
    }
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

/// The one event of a request file, its hash and self-signature checked, and the claim
/// it makes about its own key.
fn verified_claim(request: &[u8]) -> Result<(SignedEvent, DeviceEnrolled)> {
    let bundle = bundle::read(request)?;
    if bundle.header.purpose != Purpose::EnrolmentRequest || bundle.events.len() != 1 {
        return Err(unreadable(BundleProblem::WrongPurpose, "not an enrolment request"));
    }
    let raw = &bundle.events[0];
    let refuse = |reason: EventRefusal, detail: &str| {
        CoreError::refused_event(RefusedEvent {
            event_id: hex::encode(raw.id),
            kind: trust::CLAIMED.into(),
            author: hex::encode(raw.author),
            seq: u32::try_from(raw.seq).unwrap_or(u32::MAX),
            reason,
            detail: detail.into(),
        })
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
    match DomainEvent::decode(&event.envelope.kind, event.envelope.pv, &event.envelope.payload) {
        Ok(Some(DomainEvent::DeviceEnrolled(claim))) if claim.device == event.author.to_hex() => Ok((event, claim)),
        _ => Err(refuse(EventRefusal::Unreadable, "not a device's claim of its own role")),
    }
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
        Some(_) => Err(CoreError::refused_event(RefusedEvent {
            event_id: event.id.to_hex(),
            kind: trust::CLAIMED.into(),
            author: event.author.to_hex(),
            seq: u32::try_from(event.envelope.seq).unwrap_or(u32::MAX),
            reason: EventRefusal::Equivocation,
            detail: "this laptop holds another event signed under the same number".into(),
        })),
        None => {
            let at_tail = replay_order::log_tail(conn)?.is_none_or(|tail| replay_order::clock_key(event) > tail);
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
    let held = trust::held_list(conn, device, last_valid_seq)?;
    let revocation = DeviceRevoked { device: device.to_hex(), last_valid_seq, reason: reason.into(), held: Some(held) };
    record(conn, key, clock, &DomainEvent::DeviceRevoked(revocation))?;
    Ok(last_valid_seq)
}

/// A laptop the trust root granted a role, as this laptop knows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EnrolledDevice {
    pub device_id: String,
    pub fingerprint: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
    /// Its events after this number are refused; `None` while it is in good standing.
    pub revoked_after: Option<u32>,
}

/// Every granted laptop, by user name.
pub fn enrolled_devices(conn: &Connection) -> Result<Vec<EnrolledDevice>> {
    let mut statement = conn.prepare(
        "SELECT d.device_id, d.role, d.agency_code, d.user_name,
                (SELECT min(r.last_valid_seq) FROM device_revocations r WHERE r.device_id = d.device_id)
         FROM devices d WHERE d.granted_by IS NOT NULL ORDER BY d.user_name, d.device_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, Option<u64>>(4)?,
        ))
    })?;
    let mut devices = Vec::new();
    for row in rows {
        let (device_id, role, agency_code, user_name, revoked_after) = row?;
        let (Some(device), Some(role)) = (DeviceId::from_hex(&device_id), Role::parse(&role)) else { continue };
        devices.push(EnrolledDevice {
            fingerprint: trust::fingerprint(device),
            device_id,
            role,
            agency_code,
            user_name,
            revoked_after: revoked_after.map(|seq| u32::try_from(seq).unwrap_or(u32::MAX)),
        });
    }
    Ok(devices)
}
