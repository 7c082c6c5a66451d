//! Making an event: authorize, check references, sign, append and project — all inside
//! the caller's transaction, so either the event and its projection exist or neither does.

use rusqlite::Connection;

use crate::clock::{Clock, Hlc};
use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceKey;
use crate::kinds::DomainEvent;
use crate::{agency, device, log, policy, projection};

pub fn record(conn: &Connection, key: &DeviceKey, clock: &dyn Clock, event: &DomainEvent) -> Result<SignedEvent> {
    let seq = log::next_seq(conn, key.id())?;
    // A root key restored from a backup signs nothing before its own history is here:
    // its next number would repeat one the lost laptop used. (Asked only of a device's
    // first event, so the everyday path pays nothing for it.)
    if seq == 1 && crate::root_key::awaiting_history(conn, key.id())? {
        return Err(crate::error::CoreError::RootKey { problem: crate::root_key::RootKeyProblem::AwaitingHistory });
    }
    if let Some(restored) = crate::backup::awaiting_own_history(conn, key.id(), seq)? {
        return Err(crate::error::CoreError::RestoredAwaitingHistory { backup: restored.backup });
    }
    let principal = device::principal(conn, key.id())?;
    policy::authorize(event, key.id(), principal.as_ref())?;
    check_references(conn, event)?;
    let now_ms = clock.now_ms();
    let horizon = now_ms.saturating_add(crate::sync::import::FAR_FUTURE_MS);
    let hlc = Hlc::tick(log::last_hlc_until(conn, horizon)?, now_ms);
    let signed = SignedEvent::seal_raw(key, seq, hlc, event.kind(), event.payload_version(), event.to_payload_text());
    log::append(conn, &signed)?;
    projection::apply(conn, &signed, event)?;
    Ok(signed)
}

/// Refuses an event that points at a record this database does not have. (Events that
/// arrive by sync may legitimately come before what they point at; that is the sync
/// importer's concern, not the author's.)
fn check_references(conn: &Connection, event: &DomainEvent) -> Result<()> {
    match event {
        // A new laptop knows no agencies until the trust root's answer arrives: its claim
        // is checked by the root, which grants only agencies it knows.
        DomainEvent::DeviceEnrolled(payload) => match &payload.agency_code {
            Some(code) if agency::count(conn)? > 0 => agency::require(conn, code),
            _ => Ok(()),
        },
        // The root grants an agency of its own list that still receives work, never the
        // words a new laptop typed for it.
        DomainEvent::DeviceGranted(payload) => match &payload.agency_code {
            Some(code) => agency::require_active(conn, code),
            None => Ok(()),
        },
        DomainEvent::AgencyProfileUpdated(payload) => agency::require(conn, &payload.code),
        DomainEvent::AgencyHeadSet(payload) => agency::require(conn, &payload.code),
        DomainEvent::AgencyActiveSet(payload) => agency::require(conn, &payload.code),
        // Instruction use cases check their own preconditions (`instruction::ops`).
        _ => Ok(()),
    }
}
