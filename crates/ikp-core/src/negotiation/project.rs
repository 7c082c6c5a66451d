//! Projection of the dialogue. Requests, decisions, undos and withdrawals are stored as
//! facts; a request's status and an indicator's effective target are *derived* from
//! those facts after every change, so the outcome is the same in whatever order
//! events arrive:
//! - the standing decision is the earliest (by version key) decision not undone;
//! - a withdrawal counts only if it came before the standing decision;
//! - later decisions on an already-decided request are kept as conflicts;
//! - the effective target is the original, changed by each standing approval or
//!   counter-offer in the order they were decided.

use rusqlite::{params, Connection, OptionalExtension};

use super::payload::*;
use crate::claim;
use crate::error::Result;
use crate::event::SignedEvent;
use crate::instruction::achievement;
use crate::instruction::payload::Direction;
use crate::instruction::project::{refresh_instruction_achievement, timeline_ignored};
use crate::instruction::timeline::{TimelineDetail, TimelineStep};
use crate::quantity::Quantity;

pub(crate) fn requested(conn: &Connection, event: &SignedEvent, p: &NegotiationRequested) -> Result<()> {
    let holder: Option<String> = conn
        .prepare_cached("SELECT requested_by FROM negotiations WHERE id = ?1")?
        .query_row([&p.negotiation_id], |row| row.get(0))
        .optional()?;
    if !claim::may_claim(&p.negotiation_id, &event.envelope.author, holder.as_deref()) {
        // Another author's request (or an id that names another author): kept in the
        // log, never in the table, and said in the instruction's timeline.
        let detail = TimelineDetail::ClaimedByAnother { record_id: p.negotiation_id.clone() };
        return timeline_ignored(conn, event, &p.instruction_id, TimelineStep::TargetChangeRequested, &detail);
    }
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO negotiations (id, indicator_id, instruction_id, agency_code, direction, proposed_target,
             proposed_deadline, target_when_asked, deadline_when_asked, justification, requested_on, requested_by,
             request_version, status)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'pending'
         WHERE EXISTS (SELECT 1 FROM indicators WHERE id = ?2 AND instruction_id = ?3 AND agency_code = ?4)",
        params![
            p.negotiation_id,
            p.indicator_id,
            p.instruction_id,
            p.agency_code,
            p.movement.as_str(),
            p.proposed_target.map(Quantity::ten_thousandths),
            p.proposed_deadline.map(|day| day.to_string()),
            p.target_when_asked.ten_thousandths(),
            p.deadline_when_asked.to_string(),
            p.justification,
            p.requested_on.to_string(),
            event.envelope.author,
            event.version_key()
        ],
    )?;
    if inserted == 0 {
        // An indicator this database does not have, or one of another agency: the
        // event stays in the log, unprojected.
        return Ok(());
    }
    for evidence in &p.evidence {
        conn.execute(
            "INSERT OR IGNORE INTO negotiation_evidence (negotiation_id, sha256, file_name, size_bytes)
             VALUES (?1, ?2, ?3, ?4)",
            params![p.negotiation_id, evidence.sha256, evidence.file_name, evidence.size_bytes],
        )?;
    }
    refresh(conn, &p.negotiation_id)
}

pub(crate) fn withdrawn(conn: &Connection, event: &SignedEvent, p: &NegotiationWithdrawn) -> Result<()> {
    // Only the requesting agency may withdraw; the earliest withdrawal counts.
    conn.execute(
        "UPDATE negotiations SET withdrawn_version = min(coalesce(withdrawn_version, ?3), ?3),
             withdraw_reason = CASE WHEN withdrawn_version IS NULL OR ?3 < withdrawn_version THEN ?4
                                    ELSE withdraw_reason END
         WHERE id = ?1 AND agency_code = ?2",
        params![p.negotiation_id, p.agency_code, event.version_key(), p.reason],
    )?;
    refresh(conn, &p.negotiation_id)
}

pub(crate) fn decided(conn: &Connection, event: &SignedEvent, p: &NegotiationDecided) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO negotiation_decisions (event_id, negotiation_id, version_key, hlc_wall, author, outcome,
             counter_target, counter_deadline, note, meeting_id, decided_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            event.id.to_hex(),
            p.negotiation_id,
            event.version_key(),
            event.hlc().wall_ms as i64,
            event.envelope.author,
            p.outcome.as_str(),
            p.counter_target.map(Quantity::ten_thousandths),
            p.counter_deadline.map(|day| day.to_string()),
            p.note,
            p.meeting_id,
            p.decided_on.to_string()
        ],
    )?;
    refresh(conn, &p.negotiation_id)
}

pub(crate) fn undone(conn: &Connection, event: &SignedEvent, p: &DecisionUndone) -> Result<()> {
    conn.execute(
        "INSERT INTO decision_undos (decision_event, event_id, version_key, hlc_wall, author, reason, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (decision_event) DO UPDATE SET event_id = excluded.event_id, version_key = excluded.version_key,
             hlc_wall = excluded.hlc_wall, author = excluded.author, reason = excluded.reason,
             meeting_id = excluded.meeting_id
         WHERE excluded.version_key < decision_undos.version_key",
        params![
            p.decision_event,
            event.id.to_hex(),
            event.version_key(),
            event.hlc().wall_ms as i64,
            event.envelope.author,
            p.reason,
            p.meeting_id
        ],
    )?;
    refresh(conn, &p.negotiation_id)
}

/// Re-derives one request's status from its facts, then its indicator's target.
fn refresh(conn: &Connection, negotiation_id: &str) -> Result<()> {
    let Some((indicator_id, withdrawn_version)) = conn
        .prepare_cached("SELECT indicator_id, withdrawn_version FROM negotiations WHERE id = ?1")?
        .query_row([negotiation_id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?)))
        .optional()?
    else {
        return Ok(()); // decided before the request arrived: derived once it does
    };
    let standing: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT event_id, outcome, version_key FROM negotiation_decisions d
             WHERE negotiation_id = ?1 AND NOT EXISTS (SELECT 1 FROM decision_undos u WHERE u.decision_event = d.event_id)
             ORDER BY version_key LIMIT 1",
        )?
        .query_row([negotiation_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    // A decision and a withdrawal never saw each other (each needs a pending request),
    // so their clocks cannot order them: the agency controls its clock and could backdate
    // a withdrawal under a decision it has seen. The leadership's standing decision wins;
    // a withdrawal counts while no decision stands (none yet, or every one undone).
    let (status, decision_event) = match (withdrawn_version, standing) {
        (_, Some((event_id, outcome, _))) => (status_after(&outcome), Some(event_id)),
        (Some(_), None) => ("withdrawn", None),
        (None, None) => ("pending", None),
    };
    conn.prepare_cached("UPDATE negotiations SET status = ?2, decision_event = ?3 WHERE id = ?1")?.execute(params![
        negotiation_id,
        status,
        decision_event
    ])?;
    refresh_effective_target(conn, &indicator_id)
}

fn status_after(outcome: &str) -> &'static str {
    match Outcome::parse(outcome) {
        Some(Outcome::Approve) => "approved",
        Some(Outcome::Counter) => "countered",
        Some(Outcome::Reject) | None => "rejected",
    }
}

/// The original target and deadline, changed by every standing approval or counter in
/// the order decided; then the indicator's achievement against the new target.
fn refresh_effective_target(conn: &Connection, indicator_id: &str) -> Result<()> {
    let Some((original_target, original_deadline, baseline, direction, latest, instruction_id)) = conn
        .prepare_cached(
            "SELECT original_target, original_deadline, baseline, direction, latest_value, instruction_id
             FROM indicators WHERE id = ?1",
        )?
        .query_row([indicator_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<i64>>(4)?,
                row.get::<_, String>(5)?,
            ))
        })
        .optional()?
    else {
        return Ok(());
    };
    let mut target = original_target;
    let mut deadline = original_deadline;
    let mut changes = conn.prepare_cached(
        "SELECT coalesce(d.counter_target, n.proposed_target), coalesce(d.counter_deadline, n.proposed_deadline)
         FROM negotiations n JOIN negotiation_decisions d ON d.event_id = n.decision_event
         WHERE n.indicator_id = ?1 AND n.status IN ('approved', 'countered')
         ORDER BY d.version_key",
    )?;
    let rows = changes.query_map([indicator_id], |row| Ok((row.get::<_, Option<i64>>(0)?, row.get(1)?)))?;
    for row in rows {
        let (new_target, new_deadline): (Option<i64>, Option<String>) = row?;
        target = new_target.unwrap_or(target);
        deadline = new_deadline.unwrap_or(deadline);
    }
    let achieved = achievement::of_indicator(
        Quantity::from_ten_thousandths(baseline),
        Quantity::from_ten_thousandths(target),
        Direction::parse(&direction).unwrap_or(Direction::HigherIsBetter),
        latest.map(Quantity::from_ten_thousandths),
    );
    conn.prepare_cached(
        "UPDATE indicators SET target = ?2, deadline = ?3, achievement_permille = ?4, achievement_note = ?5
         WHERE id = ?1",
    )?
    .execute(params![indicator_id, target, deadline, achieved.permille, achieved.note.as_str()])?;
    refresh_instruction_achievement(conn, &instruction_id)
}
