//! Projection of instruction events into the instruction tables. A transition the state
//! machine refuses is ignored here (the event stays in the log and the timeline says
//! so), which keeps replay deterministic whatever arrives.

use rusqlite::{params, Connection, OptionalExtension};

use super::achievement;
use super::lifecycle::{Action, Status};
use super::payload::*;
use super::timeline::{AmendedField, TimelineDetail, TimelineStep};
use crate::error::Result;
use crate::event::SignedEvent;
use crate::quantity::Quantity;

pub(crate) fn drafted(conn: &Connection, event: &SignedEvent, p: &InstructionDrafted) -> Result<()> {
    let existing = status_of(conn, &p.instruction_id)?;
    if existing.is_some_and(|status| status.after(Action::Redraft).is_none()) {
        return timeline(
            conn,
            event,
            &p.instruction_id,
            (TimelineStep::Drafted, false),
            &TimelineDetail::Drafted { title: p.title.clone() },
        );
    }
    conn.execute(
        "INSERT INTO instructions (id, title, category, background, body, lead_agency, status, deadline, search_text,
                                   content_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, '', ?8)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category,
             background = excluded.background, body = excluded.body, lead_agency = excluded.lead_agency,
             deadline = excluded.deadline, content_version = excluded.content_version
         WHERE excluded.content_version > instructions.content_version",
        params![
            p.instruction_id,
            p.title,
            p.category,
            p.background,
            p.text,
            p.lead_agency,
            p.deadline.to_string(),
            event.version_key()
        ],
    )?;
    refresh_search_text(conn, &p.instruction_id)?;
    conn.execute("DELETE FROM instruction_agencies WHERE instruction_id = ?1", [&p.instruction_id])?;
    conn.execute(
        "INSERT INTO instruction_agencies (instruction_id, agency_code, role) VALUES (?1, ?2, 'lead')",
        params![p.instruction_id, p.lead_agency],
    )?;
    for agency in p.supporting_agencies.iter().filter(|agency| **agency != p.lead_agency) {
        conn.execute(
            "INSERT OR IGNORE INTO instruction_agencies (instruction_id, agency_code, role) VALUES (?1, ?2, 'support')",
            params![p.instruction_id, agency],
        )?;
    }
    conn.execute("DELETE FROM indicators WHERE instruction_id = ?1", [&p.instruction_id])?;
    for (position, indicator) in p.indicators.iter().enumerate() {
        conn.execute(
            "INSERT INTO indicators (id, instruction_id, agency_code, position, name, unit, baseline, target, direction,
                                     deadline, original_target, original_deadline, source_kind, source_year)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8, ?10, ?11, ?12)",
            params![
                indicator.indicator_id,
                p.instruction_id,
                indicator.agency_code,
                position as i64,
                indicator.name,
                indicator.unit,
                indicator.baseline.ten_thousandths(),
                indicator.target.ten_thousandths(),
                indicator.direction.as_str(),
                indicator.deadline.to_string(),
                indicator.source.map(IndicatorSource::kind),
                indicator.source.map(IndicatorSource::fiscal_year)
            ],
        )?;
    }
    timeline(
        conn,
        event,
        &p.instruction_id,
        (TimelineStep::Drafted, true),
        &TimelineDetail::Drafted { title: p.title.clone() },
    )
}

pub(crate) fn issued(conn: &Connection, event: &SignedEvent, p: &InstructionIssued) -> Result<()> {
    if !transition(conn, &p.instruction_id, Action::Issue)? {
        return timeline(
            conn,
            event,
            &p.instruction_id,
            (TimelineStep::Issued, false),
            &TimelineDetail::Issued { number: p.number.clone() },
        );
    }
    // The issuing laptop says which year and sequence the number has; events from before
    // it did are parsed from the default format.
    let (year, seq) = match (p.year, p.seq) {
        (Some(year), Some(seq)) => (i64::from(year), i64::from(seq)),
        _ => super::ops::number_parts(&p.number),
    };
    conn.execute(
        "UPDATE instructions SET number = ?2, number_year = ?3, number_seq = ?4, issued_on = ?5, issued_version = ?6
         WHERE id = ?1",
        params![p.instruction_id, p.number, year, seq, p.issued_on.to_string(), event.version_key()],
    )?;
    refresh_search_text(conn, &p.instruction_id)?;
    timeline(
        conn,
        event,
        &p.instruction_id,
        (TimelineStep::Issued, true),
        &TimelineDetail::Issued { number: p.number.clone() },
    )
}

pub(crate) fn amended(conn: &Connection, event: &SignedEvent, p: &InstructionAmended) -> Result<()> {
    let detail = TimelineDetail::Amended {
        reason: p.reason.clone(),
        fields: [
            (p.title.is_some(), AmendedField::Title),
            (p.text.is_some(), AmendedField::Text),
            (p.deadline.is_some(), AmendedField::Deadline),
        ]
        .into_iter()
        .filter_map(|(changed, field)| changed.then_some(field))
        .collect(),
    };
    if !transition(conn, &p.instruction_id, Action::Amend)? {
        return timeline(conn, event, &p.instruction_id, (TimelineStep::Amended, false), &detail);
    }
    conn.execute(
        "UPDATE instructions SET title = coalesce(?2, title), body = coalesce(?3, body),
             deadline = coalesce(?4, deadline), content_version = ?5
         WHERE id = ?1 AND content_version < ?5",
        params![p.instruction_id, p.title, p.text, p.deadline.map(|d| d.to_string()), event.version_key()],
    )?;
    refresh_search_text(conn, &p.instruction_id)?;
    timeline(conn, event, &p.instruction_id, (TimelineStep::Amended, true), &detail)
}

pub(crate) fn completion_reported(conn: &Connection, event: &SignedEvent, p: &CompletionReported) -> Result<()> {
    // Authority checked only that the author works for the agency the event names: the
    // lead agency is the one that may say the work is done.
    let lead: Option<String> = conn
        .prepare_cached("SELECT lead_agency FROM instructions WHERE id = ?1")?
        .query_row([&p.instruction_id], |row| row.get(0))
        .optional()?;
    if lead.as_deref() != Some(p.agency_code.as_str()) {
        let detail = TimelineDetail::Note { note: p.note.clone() };
        return timeline(conn, event, &p.instruction_id, (TimelineStep::CompletionReported, false), &detail);
    }
    step(
        conn,
        event,
        &p.instruction_id,
        Action::ReportComplete,
        TimelineStep::CompletionReported,
        &TimelineDetail::Note { note: p.note.clone() },
    )?;
    Ok(())
}

pub(crate) fn completion_returned(conn: &Connection, event: &SignedEvent, p: &CompletionReturned) -> Result<()> {
    step(
        conn,
        event,
        &p.instruction_id,
        Action::ReturnCompletion,
        TimelineStep::CompletionReturned,
        &TimelineDetail::Reason { reason: p.reason.clone() },
    )?;
    Ok(())
}

pub(crate) fn verified(conn: &Connection, event: &SignedEvent, p: &InstructionVerified) -> Result<()> {
    if step(
        conn,
        event,
        &p.instruction_id,
        Action::Verify,
        TimelineStep::Verified,
        &TimelineDetail::Note { note: p.note.clone() },
    )? {
        close(conn, event, &p.instruction_id)?;
    }
    Ok(())
}

pub(crate) fn cancelled(conn: &Connection, event: &SignedEvent, p: &InstructionCancelled) -> Result<()> {
    if step(
        conn,
        event,
        &p.instruction_id,
        Action::Cancel,
        TimelineStep::Cancelled,
        &TimelineDetail::Reason { reason: p.reason.clone() },
    )? {
        close(conn, event, &p.instruction_id)?;
    }
    Ok(())
}

/// Applies a transition that changes only the state, and notes it (or its refusal) in
/// the timeline. Returns whether it was applied.
fn step(
    conn: &Connection,
    event: &SignedEvent,
    instruction_id: &str,
    action: Action,
    step: TimelineStep,
    detail: &TimelineDetail,
) -> Result<bool> {
    let done = transition(conn, instruction_id, action)?;
    timeline(conn, event, instruction_id, (step, done), detail)?;
    Ok(done)
}

fn close(conn: &Connection, event: &SignedEvent, instruction_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE instructions SET closed_on = ?2 WHERE id = ?1",
        params![instruction_id, event.hlc().to_utc().date_naive().to_string()],
    )?;
    Ok(())
}

/// A note counts only from an agency the instruction names (the same rule on create,
/// import and rebuild); any other is kept in the timeline as ignored.
pub(crate) fn note_added(conn: &Connection, event: &SignedEvent, p: &InstructionNoteAdded) -> Result<()> {
    let assigned: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM instruction_agencies WHERE instruction_id = ?1 AND agency_code = ?2")?
        .query_row(params![p.instruction_id, p.agency_code], |row| row.get(0))
        .optional()?;
    let step = (TimelineStep::NoteAdded, assigned.is_some());
    timeline(conn, event, &p.instruction_id, step, &TimelineDetail::Note { note: p.note.clone() })
}

pub(crate) fn progress_reported(conn: &Connection, event: &SignedEvent, p: &ProgressReported) -> Result<()> {
    let indicator = conn
        .query_row(
            "SELECT baseline, target, direction, agency_code, name, unit FROM indicators
             WHERE id = ?1 AND instruction_id = ?2",
            params![p.indicator_id, p.instruction_id],
            |row| {
                Ok((
                    (row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?),
                    (row.get::<_, String>(4)?, row.get::<_, String>(5)?),
                ))
            },
        )
        .optional()?;
    let Some(((baseline, target, direction, owner), (indicator_name, unit))) = indicator else {
        let detail = TimelineDetail::UnknownIndicator { indicator_id: p.indicator_id.clone() };
        return timeline(conn, event, &p.instruction_id, (TimelineStep::ProgressReported, false), &detail);
    };
    let detail = TimelineDetail::Progress { indicator_name, value: p.value, unit, note: p.note.clone() };
    if owner != p.agency_code || !transition(conn, &p.instruction_id, Action::ReportProgress)? {
        return timeline(conn, event, &p.instruction_id, (TimelineStep::ProgressReported, false), &detail);
    }
    // The report's identity is its event's id, never the id its author chose: another
    // author cannot take a report's place by signing one under the same id.
    let report_id = event.id.to_hex();
    conn.execute(
        "INSERT OR IGNORE INTO progress_reports (id, indicator_id, instruction_id, agency_code, value, reported_on, note, author, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            report_id,
            p.indicator_id,
            p.instruction_id,
            p.agency_code,
            p.value.ten_thousandths(),
            p.reported_on.to_string(),
            p.note,
            event.envelope.author,
            event.id.to_hex()
        ],
    )?;
    for evidence in &p.evidence {
        conn.execute(
            "INSERT OR IGNORE INTO progress_evidence (progress_id, sha256, file_name, size_bytes) VALUES (?1, ?2, ?3, ?4)",
            params![report_id, evidence.sha256, evidence.file_name, evidence.size_bytes],
        )?;
    }
    // The latest report by date (then by clock) is the indicator's current value, so an
    // older report arriving late never overwrites a newer one.
    let key = format!("{}|{}", p.reported_on, event.version_key());
    let direction = Direction::parse(&direction).unwrap_or(Direction::HigherIsBetter);
    let achieved = achievement::of_indicator(
        Quantity::from_ten_thousandths(baseline),
        Quantity::from_ten_thousandths(target),
        direction,
        Some(p.value),
    );
    conn.execute(
        "UPDATE indicators SET latest_value = ?2, latest_key = ?3, achievement_permille = ?4, achievement_note = ?5,
             last_reported_on = max(coalesce(last_reported_on, ''), ?6)
         WHERE id = ?1 AND (latest_key IS NULL OR latest_key < ?3)",
        params![
            p.indicator_id,
            p.value.ten_thousandths(),
            key,
            achieved.permille,
            achieved.note.as_str(),
            p.reported_on.to_string()
        ],
    )?;
    refresh_instruction_achievement(conn, &p.instruction_id)?;
    timeline(conn, event, &p.instruction_id, (TimelineStep::ProgressReported, true), &detail)
}

/// An instruction's achievement: the plain mean of its indicators' (each weighs the same).
pub(crate) fn refresh_instruction_achievement(conn: &Connection, instruction_id: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE instructions SET achievement_permille =
             (SELECT coalesce(sum(achievement_permille) / count(*), 0) FROM indicators WHERE instruction_id = ?1)
         WHERE id = ?1",
    )?
    .execute([instruction_id])?;
    Ok(())
}

pub(crate) fn status_of(conn: &Connection, instruction_id: &str) -> Result<Option<Status>> {
    let status: Option<String> = conn
        .prepare_cached("SELECT status FROM instructions WHERE id = ?1")?
        .query_row([instruction_id], |row| row.get(0))
        .optional()?;
    Ok(status.and_then(|text| Status::parse(&text)))
}

/// Moves the instruction through the state machine; false if the action is not allowed.
fn transition(conn: &Connection, instruction_id: &str, action: Action) -> Result<bool> {
    let Some(next) = status_of(conn, instruction_id)?.and_then(|status| status.after(action)) else {
        return Ok(false);
    };
    conn.prepare_cached("UPDATE instructions SET status = ?2 WHERE id = ?1")?
        .execute(params![instruction_id, next.as_str()])?;
    Ok(true)
}

/// A note in an instruction's timeline about an event the projection ignored.
pub(crate) fn timeline_ignored(
    conn: &Connection,
    event: &SignedEvent,
    instruction_id: &str,
    step: TimelineStep,
    detail: &TimelineDetail,
) -> Result<()> {
    timeline(conn, event, instruction_id, (step, false), detail)
}

fn timeline(
    conn: &Connection,
    event: &SignedEvent,
    instruction_id: &str,
    (step, applied): (TimelineStep, bool),
    detail: &TimelineDetail,
) -> Result<()> {
    let action = step.stored(applied);
    let hlc = event.hlc();
    conn.prepare_cached(
        "INSERT OR IGNORE INTO instruction_timeline (event_id, instruction_id, hlc_wall, hlc_counter, author, action, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![event.id.to_hex(), instruction_id, hlc.wall_ms, hlc.counter, event.envelope.author, action, detail.to_json()])?;
    Ok(())
}

/// The one place the searchable text is made: number, title and text, lower-cased the
/// same way the list query lower-cases what people type.
fn refresh_search_text(conn: &Connection, instruction_id: &str) -> Result<()> {
    let (number, title, body): (Option<String>, String, String) = conn
        .prepare_cached("SELECT number, title, body FROM instructions WHERE id = ?1")?
        .query_row([instruction_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    let text = format!("{} {title} {body}", number.unwrap_or_default()).to_lowercase();
    conn.prepare_cached("UPDATE instructions SET search_text = ?2 WHERE id = ?1")?
        .execute(params![instruction_id, text])?;
    Ok(())
}
