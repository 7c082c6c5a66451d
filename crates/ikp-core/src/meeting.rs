//! Leadership meetings (rapat pimpinan): where the Regent or the Secretary decides on
//! negotiation requests. The minutes issue extends this record (attendees, agenda...).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::utc_text;
use crate::error::{CoreError, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// `meeting.opened` v1. Do not modify: serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingOpened {
    pub meeting_id: String,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub chair: String,
}

/// `meeting.closed` v1: the sitting is over. Do not modify: serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingClosed {
    pub meeting_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: String,
    pub title: String,
    /// YYYY-MM-DD (WIB).
    pub held_on: String,
    pub place: String,
    pub chair: String,
    /// RFC 3339, UTC.
    pub opened_at: String,
    pub closed_at: Option<String>,
}

pub(crate) fn apply_opened(conn: &Connection, event: &SignedEvent, p: &MeetingOpened) -> Result<()> {
    conn.execute(
        "INSERT INTO meetings (id, title, held_on, place, chair, opened_by, opened_at_ms, content_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, held_on = excluded.held_on,
             place = excluded.place, chair = excluded.chair, content_version = excluded.content_version
         WHERE excluded.content_version > meetings.content_version",
        params![
            p.meeting_id,
            p.title,
            p.held_on.to_string(),
            p.place,
            p.chair,
            event.envelope.author,
            event.hlc().wall_ms as i64,
            event.version_key()
        ],
    )?;
    Ok(())
}

pub(crate) fn apply_closed(conn: &Connection, event: &SignedEvent, p: &MeetingClosed) -> Result<()> {
    // The earliest close stands, whatever order closes arrive in.
    conn.execute(
        "UPDATE meetings SET closed_at_ms = min(coalesce(closed_at_ms, ?2), ?2) WHERE id = ?1",
        params![p.meeting_id, event.hlc().wall_ms as i64],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: &str) -> Result<Meeting> {
    conn.prepare_cached(
        "SELECT id, title, held_on, place, chair, opened_at_ms, closed_at_ms FROM meetings WHERE id = ?1",
    )?
    .query_row([id], row_to_meeting)
    .optional()?
    .ok_or_else(|| CoreError::UnknownMeeting { id: id.to_owned() })
}

/// Meetings, newest first.
pub fn list(conn: &Connection, limit: u32) -> Result<Vec<Meeting>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, title, held_on, place, chair, opened_at_ms, closed_at_ms FROM meetings
         ORDER BY held_on DESC, opened_at_ms DESC LIMIT ?1",
    )?;
    let rows = statement.query_map([limit], row_to_meeting)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn row_to_meeting(row: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: row.get(0)?,
        title: row.get(1)?,
        held_on: row.get(2)?,
        place: row.get(3)?,
        chair: row.get(4)?,
        opened_at: utc_text(row.get(5)?),
        closed_at: row.get::<_, Option<i64>>(6)?.map(utc_text),
    })
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for MeetingOpened {
    const NAME: &'static str = "meeting.opened";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_opened(conn, event, self)
    }
}

impl EventKind for MeetingClosed {
    const NAME: &'static str = "meeting.closed";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_closed(conn, event, self)
    }
}
