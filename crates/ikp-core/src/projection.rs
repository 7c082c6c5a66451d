//! Projection: turning events into the domain tables. Deterministic by construction:
//! replay is in clock order, and every "latest value" column compares version keys, so
//! the tables come out the same whatever order events were applied in.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
use crate::event::SignedEvent;
use crate::kinds::DomainEvent;
use crate::log;
use crate::reactions;
use crate::replay::ReplayAuthority;
use crate::store::Store;

/// The format of the projection tables. Raise it whenever projection code writes rows
/// differently (a column's meaning, the JSON of a timeline detail): opening a database
/// whose projections were made by another format replays the log into them once, so old
/// data reads the new way. Version 2: structured timeline details, settings tables.
/// Version 3: negotiations, meetings and budget tables; effective targets on indicators.
/// Version 4: complaints.
/// Version 5: devices say whether the trust root granted them; revocations.
/// Version 6: minutes of meetings (attendees, agenda, notes, decisions, follow-ups).
/// Version 7: records keyed so no author can take another's place (progress reports by
/// event id, realizations by agency, requests by their owner); completions only by the
/// lead agency; a standing decision outranks a withdrawal. (8–10: later tables.)
/// Version 11: a request id of the older form (naming no author) claims nothing.
/// Version 12: an absorption indicator's baseline is the absorption on its day of issue.
/// Version 13: a request under another author's id is a structured timeline detail.
/// Version 14: a complaint keeps LAPOR!'s status from the newest import beside its own.
/// Version 15: a dialog-kinerja agenda item keeps the requests ticked for the sitting.
/// Version 16: realizations keep their SP2D type and jenis belanja; advances (UP, GU, TU)
/// are summed apart from the realized sums, which are split by jenis too; the mapping of
/// an imported anggaran kas is remembered per source.
/// Version 17: an imported entry names its line, and only the last signed entry of a
/// line counts (a corrected file replaces an amount); the baseline of an absorption
/// indicator leaves advances and replaced amounts out, as the absorption itself does.
pub const PROJECTION_VERSION: u32 = 17;

/// Every table that is a projection of the log: `rebuild` empties exactly these.
pub const TABLES: &[&str] = &[
    "devices",
    "device_revocations",
    "regency_profile",
    "agencies",
    "agency_names",
    "officials",
    "root_handovers",
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
    "meeting_attendees",
    "meeting_agenda",
    "meeting_notes",
    "meeting_decisions",
    "meeting_follow_ups",
    "meeting_addenda",
    "budget_ceilings",
    "budget_ceiling_lines",
    "budget_realizations",
    "budget_monthly",
    "budget_realized_jenis",
    "budget_import_sources",
    "budget_plan_import_sources",
    "settings",
    "category_labels",
    "complaints",
    "complaint_history",
    "complaint_followups",
    "complaint_stats",
    "complaint_import_sources",
];

/// Projects one event, through its kind's declaration.
pub fn apply(conn: &Connection, event: &SignedEvent, domain: &DomainEvent) -> Result<()> {
    domain.project(conn, event)?;
    reactions::follow(conn, domain)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RebuildReport {
    pub events: u64,
    pub projected: u64,
    /// Events of kinds this build does not know: kept, not projected.
    pub unknown: u64,
    /// Events a revoked device made after its last valid number: kept, not projected.
    pub revoked: u64,
    /// Events their author may not have made (by the rule that admitted them, checked in
    /// full): kept, not projected.
    pub unauthorized: u64,
}

/// Empties every projection and replays the whole log into it. Runs inside the caller's
/// transaction, so a failed rebuild leaves the old projections in place.
pub fn rebuild(conn: &Connection) -> Result<RebuildReport> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut report = RebuildReport::default();
    let cuts = crate::sync::trust::revocation_cuts(conn)?;
    let mut authority = ReplayAuthority::load(conn)?;
    log::for_each_in_clock_order::<CoreError>(conn, |stored| {
        report.events += 1;
        if crate::sync::trust::is_cut(&cuts, &stored.author, stored.seq) {
            report.revoked += 1;
            return Ok(());
        }
        let id = hex::encode(&stored.id);
        let event = SignedEvent::verify(stored)
            .map_err(|tamper| CoreError::CorruptEvent { id: id.clone(), reason: tamper.to_string() })?;
        let envelope = &event.envelope;
        match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload)
            .map_err(|reason| CoreError::CorruptEvent { id, reason })?
        {
            Some(domain) if authority.allows(conn, &event, &domain)? => {
                apply(conn, &event, &domain)?;
                authority.projected(&domain);
                report.projected += 1;
            }
            Some(_) => report.unauthorized += 1,
            None => report.unknown += 1,
        }
        Ok(())
    })?;
    set_version(conn, PROJECTION_VERSION)?;
    Ok(report)
}

/// The format version the projections were last rebuilt with; None before versioning.
pub fn stored_version(conn: &Connection) -> Result<Option<u32>> {
    Ok(conn.query_row("SELECT version FROM projection_meta WHERE id = 1", [], |row| row.get(0)).optional()?)
}

/// Whether the projections hold every event of the log as this build projects them.
pub(crate) fn is_current(conn: &Connection) -> Result<bool> {
    Ok(stored_version(conn)? == Some(PROJECTION_VERSION))
}

/// Leaves the replay of the log for later in the same transaction (a batch of imports
/// replays once at its end, not once per file): until then the projections lag the log.
/// Version 0 is no build's, so even a crash could not leave them read as current.
pub(crate) fn mark_stale(conn: &Connection) -> Result<()> {
    set_version(conn, 0)
}

fn set_version(conn: &Connection, version: u32) -> Result<()> {
    conn.execute(
        "INSERT INTO projection_meta (id, version) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        [version],
    )?;
    Ok(())
}

/// Rebuilds the projections, in one transaction, if they were made by another format
/// than this build's. Returns the rebuild's report when there was one.
pub fn ensure_current(store: &mut Store) -> Result<Option<RebuildReport>> {
    if stored_version(store.conn())? == Some(PROJECTION_VERSION) {
        return Ok(None);
    }
    store.write(|tx| {
        // Another process may have rebuilt meanwhile: decide again under the write lock.
        if stored_version(tx)? == Some(PROJECTION_VERSION) {
            return Ok(None);
        }
        rebuild(tx).map(Some)
    })
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
