//! Projection of the minutes events. Each row is last-writer-wins on the version key;
//! list order is the row's first appearance (`created_key`, the earliest stands), so any
//! arrival order gives the same tables. An edit made after the finalize (by the version
//! key) is kept in the log but not projected: the minutes are frozen.

use rusqlite::{params, Connection, OptionalExtension};

use super::payload::*;
use crate::error::Result;
use crate::event::SignedEvent;

/// True when the meeting's minutes were finalized before this event.
fn frozen(conn: &Connection, meeting_id: &str, version_key: &str) -> Result<bool> {
    let key: Option<Option<String>> = conn
        .query_row("SELECT finalized_key FROM meetings WHERE id = ?1", [meeting_id], |row| row.get(0))
        .optional()?;
    Ok(matches!(key, Some(Some(finalized)) if version_key > finalized.as_str()))
}

fn official_json(official: &Official) -> String {
    serde_json::to_string(official).expect("officials always serialize")
}

pub(crate) fn details_set(conn: &Connection, event: &SignedEvent, p: &MeetingDetailsSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    conn.execute(
        "UPDATE meetings SET title = ?2, number = ?3, held_on = ?4, start_time = ?5, end_time = ?6, place = ?7,
             chair = ?8, chair_json = ?9, secretary_json = ?10, notulis_json = ?11, details_version = ?12
         WHERE id = ?1 AND (details_version IS NULL OR details_version < ?12)",
        params![
            p.meeting_id,
            p.title,
            p.number,
            p.held_on.to_string(),
            p.start_time,
            p.end_time,
            p.place,
            p.chair.name,
            official_json(&p.chair),
            official_json(&p.secretary),
            official_json(&p.notulis),
            key
        ],
    )?;
    Ok(())
}

pub(crate) fn attendee_set(conn: &Connection, event: &SignedEvent, p: &AttendeeSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO meeting_attendees (meeting_id, attendee_id, agency_code, name, position, presence, removed,
             created_key, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (meeting_id, attendee_id) DO UPDATE SET
             agency_code = CASE WHEN excluded.version_key > version_key THEN excluded.agency_code ELSE agency_code END,
             name = CASE WHEN excluded.version_key > version_key THEN excluded.name ELSE name END,
             position = CASE WHEN excluded.version_key > version_key THEN excluded.position ELSE position END,
             presence = CASE WHEN excluded.version_key > version_key THEN excluded.presence ELSE presence END,
             removed = CASE WHEN excluded.version_key > version_key THEN excluded.removed ELSE removed END,
             created_key = min(created_key, excluded.created_key),
             version_key = max(version_key, excluded.version_key)",
        params![
            p.meeting_id,
            p.attendee_id,
            p.agency_code,
            p.name,
            p.position,
            p.presence.as_str(),
            p.removed,
            key.clone(),
            key
        ],
    )?;
    Ok(())
}

pub(crate) fn agenda_item_set(conn: &Connection, event: &SignedEvent, p: &AgendaItemSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO meeting_agenda (meeting_id, item_id, position, kind, title, fiscal_year, removed, version_key,
             requests)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (meeting_id, item_id) DO UPDATE SET position = excluded.position, kind = excluded.kind,
             title = excluded.title, fiscal_year = excluded.fiscal_year, removed = excluded.removed,
             version_key = excluded.version_key, requests = excluded.requests
         WHERE excluded.version_key > meeting_agenda.version_key",
        params![
            p.meeting_id,
            p.item_id,
            p.position,
            p.kind.as_str(),
            p.title,
            p.fiscal_year,
            p.removed,
            key,
            p.requests.as_ref().map(|ids| serde_json::to_string(ids).expect("ids always serialize"))
        ],
    )?;
    Ok(())
}

pub(crate) fn note_set(conn: &Connection, event: &SignedEvent, p: &NoteSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO meeting_notes (meeting_id, item_id, text, version_key) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id, item_id) DO UPDATE SET text = excluded.text, version_key = excluded.version_key
         WHERE excluded.version_key > meeting_notes.version_key",
        params![p.meeting_id, p.item_id, p.text, key],
    )?;
    Ok(())
}

pub(crate) fn decision_set(conn: &Connection, event: &SignedEvent, p: &DecisionSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    let (link_kind, link_id) = match &p.link {
        Some(DecisionLink::Negotiation { negotiation_id }) => (Some("negotiation"), Some(negotiation_id.as_str())),
        Some(DecisionLink::Instruction { instruction_id }) => (Some("instruction"), Some(instruction_id.as_str())),
        None => (None, None),
    };
    conn.execute(
        "INSERT INTO meeting_decisions (meeting_id, decision_id, item_id, text, link_kind, link_id, removed,
             created_key, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (meeting_id, decision_id) DO UPDATE SET
             item_id = CASE WHEN excluded.version_key > version_key THEN excluded.item_id ELSE item_id END,
             text = CASE WHEN excluded.version_key > version_key THEN excluded.text ELSE text END,
             link_kind = CASE WHEN excluded.version_key > version_key THEN excluded.link_kind ELSE link_kind END,
             link_id = CASE WHEN excluded.version_key > version_key THEN excluded.link_id ELSE link_id END,
             removed = CASE WHEN excluded.version_key > version_key THEN excluded.removed ELSE removed END,
             created_key = min(created_key, excluded.created_key),
             version_key = max(version_key, excluded.version_key)",
        params![p.meeting_id, p.decision_id, p.item_id, p.text, link_kind, link_id, p.removed, key.clone(), key],
    )?;
    Ok(())
}

pub(crate) fn follow_up_set(conn: &Connection, event: &SignedEvent, p: &FollowUpSet) -> Result<()> {
    let key = event.version_key();
    if frozen(conn, &p.meeting_id, &key)? {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO meeting_follow_ups (meeting_id, follow_up_id, item_id, action, agency_code, deadline,
             instruction_id, removed, created_key, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (meeting_id, follow_up_id) DO UPDATE SET
             item_id = CASE WHEN excluded.version_key > version_key THEN excluded.item_id ELSE item_id END,
             action = CASE WHEN excluded.version_key > version_key THEN excluded.action ELSE action END,
             agency_code = CASE WHEN excluded.version_key > version_key THEN excluded.agency_code ELSE agency_code END,
             deadline = CASE WHEN excluded.version_key > version_key THEN excluded.deadline ELSE deadline END,
             instruction_id = CASE WHEN excluded.version_key > version_key THEN excluded.instruction_id
                 ELSE instruction_id END,
             removed = CASE WHEN excluded.version_key > version_key THEN excluded.removed ELSE removed END,
             created_key = min(created_key, excluded.created_key),
             version_key = max(version_key, excluded.version_key)",
        params![
            p.meeting_id,
            p.follow_up_id,
            p.item_id,
            p.action,
            p.agency_code,
            p.deadline.to_string(),
            p.instruction_id,
            p.removed,
            key.clone(),
            key
        ],
    )?;
    Ok(())
}

pub(crate) fn finalized(conn: &Connection, event: &SignedEvent, p: &MinutesFinalized) -> Result<()> {
    // The earliest finalize stands; finalizing also ends the sitting.
    let key = event.version_key();
    conn.execute(
        "UPDATE meetings SET finalized_on = ?2, finalized_key = ?3, document_json = ?4,
             closed_at_ms = min(coalesce(closed_at_ms, ?5), ?5)
         WHERE id = ?1 AND (finalized_key IS NULL OR finalized_key > ?3)",
        params![
            p.meeting_id,
            p.finalized_on.to_string(),
            key,
            serde_json::to_string(&p.document).expect("documents always serialize"),
            event.hlc().wall_ms as i64
        ],
    )?;
    Ok(())
}

pub(crate) fn addendum_added(conn: &Connection, event: &SignedEvent, p: &AddendumAdded) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO meeting_addenda (meeting_id, addendum_id, text, added_on, author, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.meeting_id,
            p.addendum_id,
            p.text,
            p.added_on.to_string(),
            event.envelope.author,
            event.version_key()
        ],
    )?;
    Ok(())
}
