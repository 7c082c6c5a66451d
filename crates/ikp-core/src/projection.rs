//! Projection: turning events into the domain tables. Deterministic by construction:
//! replay is in clock order, and every "latest value" column compares version keys, so
//! the tables come out the same whatever order events were applied in.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::budget::project as budget;
use crate::error::{CoreError, Result};
use crate::event::SignedEvent;
use crate::instruction::project as instruction;
use crate::kinds::DomainEvent;
use crate::negotiation::project as negotiation;
use crate::{agency, device, log, meeting, regency};

/// Every table that is a projection of the log: `rebuild` empties exactly these.
pub const TABLES: &[&str] = &[
    "devices",
    "regency_profile",
    "agencies",
    "instructions",
    "instruction_agencies",
    "indicators",
    "progress_reports",
    "progress_evidence",
    "instruction_timeline",
    "negotiations",
    "negotiation_evidence",
    "negotiation_decisions",
    "decision_undos",
    "meetings",
    "budget_ceilings",
    "budget_ceiling_lines",
    "budget_realizations",
    "budget_monthly",
];

pub fn apply(conn: &Connection, event: &SignedEvent, domain: &DomainEvent) -> Result<()> {
    match domain {
        DomainEvent::DeviceEnrolled(payload) => device::apply_enrolled(conn, event, payload),
        DomainEvent::RegencyProfileSet(payload) => regency::apply_profile_set(conn, event, payload),
        DomainEvent::AgencyRegistered(payload) => agency::apply_registered(conn, event, payload),
        DomainEvent::AgencyProfileUpdated(payload) => agency::apply_profile_updated(conn, event, payload),
        DomainEvent::InstructionDrafted(payload) => instruction::drafted(conn, event, payload),
        DomainEvent::InstructionIssued(payload) => instruction::issued(conn, event, payload),
        DomainEvent::InstructionAmended(payload) => instruction::amended(conn, event, payload),
        DomainEvent::CompletionReported(payload) => instruction::completion_reported(conn, event, payload),
        DomainEvent::CompletionReturned(payload) => instruction::completion_returned(conn, event, payload),
        DomainEvent::InstructionVerified(payload) => instruction::verified(conn, event, payload),
        DomainEvent::InstructionCancelled(payload) => instruction::cancelled(conn, event, payload),
        DomainEvent::ProgressReported(payload) => instruction::progress_reported(conn, event, payload),
        DomainEvent::NegotiationRequested(payload) => negotiation::requested(conn, event, payload),
        DomainEvent::NegotiationWithdrawn(payload) => negotiation::withdrawn(conn, event, payload),
        DomainEvent::NegotiationDecided(payload) => negotiation::decided(conn, event, payload),
        DomainEvent::DecisionUndone(payload) => negotiation::undone(conn, event, payload),
        DomainEvent::MeetingOpened(payload) => meeting::apply_opened(conn, event, payload),
        DomainEvent::MeetingClosed(payload) => meeting::apply_closed(conn, event, payload),
        DomainEvent::BudgetCeilingSet(payload) => budget::ceiling_set(conn, event, payload),
        DomainEvent::BudgetPlanSet(payload) => budget::plan_set(conn, event, payload),
        DomainEvent::BudgetRealized(payload) => budget::realized(conn, event, payload),
        DomainEvent::BudgetPhysicalReported(payload) => budget::physical_reported(conn, event, payload),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RebuildReport {
    pub events: u64,
    pub projected: u64,
    /// Events of kinds this build does not know: kept, not projected.
    pub unknown: u64,
}

/// Empties every projection and replays the whole log into it. Runs inside the caller's
/// transaction, so a failed rebuild leaves the old projections in place.
pub fn rebuild(conn: &Connection) -> Result<RebuildReport> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut report = RebuildReport::default();
    log::for_each_in_clock_order(conn, |stored| {
        report.events += 1;
        let id = hex::encode(&stored.id);
        let event = SignedEvent::verify(stored)
            .map_err(|tamper| CoreError::CorruptEvent { id: id.clone(), reason: tamper.to_string() })?;
        let envelope = &event.envelope;
        match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload)
            .map_err(|reason| CoreError::CorruptEvent { id, reason })?
        {
            Some(domain) => {
                apply(conn, &event, &domain)?;
                report.projected += 1;
            }
            None => report.unknown += 1,
        }
        Ok(())
    })?;
    Ok(report)
}

/// A SHA-256 over every row of every projection table, in primary-key order: equal
/// digests mean equal query results.
pub fn digest(conn: &Connection) -> Result<String> {
    let mut hasher = Sha256::new();
    for table in TABLES {
        hasher.update(table.as_bytes());
        let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1"))?;
        let columns = statement.column_count();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            for index in 0..columns {
                hash_value(&mut hasher, row.get_ref(index)?);
            }
        }
    }
    Ok(hex::encode(hasher.finalize()))
}

fn hash_value(hasher: &mut Sha256, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hasher.update([0u8]),
        ValueRef::Integer(number) => {
            hasher.update([1u8]);
            hasher.update(number.to_le_bytes());
        }
        ValueRef::Real(number) => {
            hasher.update([2u8]);
            hasher.update(number.to_le_bytes());
        }
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            hasher.update([3u8]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    }
}
