//! `ikp check`: proves the log is what its authors signed. Every event's hash is
//! recomputed and its signature verified from the exact stored bytes, and SQLite checks
//! its own file.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::log;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventProblem {
    pub event_id: String,
    pub problem: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CheckReport {
    pub events_checked: u64,
    pub bad_events: Vec<EventProblem>,
    /// Problems `PRAGMA integrity_check` found in the file itself.
    pub file_problems: Vec<String>,
    /// Numbers missing from this device's own sequence.
    pub sequence_gaps: Vec<u64>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.bad_events.is_empty() && self.file_problems.is_empty() && self.sequence_gaps.is_empty()
    }
}

pub fn run(conn: &Connection, own_device: DeviceId) -> Result<CheckReport> {
    let mut report = verify_file(conn)?;
    report.sequence_gaps = sequence_gaps(conn, own_device)?;
    Ok(report)
}

/// The checks that need no device: the file and every event (a backup copy before a
/// restore, which may hold another profile's key).
pub fn verify_file(conn: &Connection) -> Result<CheckReport> {
    let mut report = CheckReport { file_problems: integrity_problems(conn)?, ..CheckReport::default() };
    log::for_each_in_clock_order::<CoreError>(conn, |stored| {
        report.events_checked += 1;
        let id = hex::encode(&stored.id);
        if let Err(tamper) = SignedEvent::verify(stored) {
            report.bad_events.push(EventProblem { event_id: id, problem: tamper.to_string() });
        }
        Ok(())
    })?;
    Ok(report)
}

fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let lines = statement.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.into_iter().filter(|line| line != "ok").collect())
}

fn sequence_gaps(conn: &Connection, device: DeviceId) -> Result<Vec<u64>> {
    let mut statement = conn.prepare("SELECT seq FROM events WHERE author = ?1 ORDER BY seq")?;
    let seqs = statement.query_map([device.0], |row| row.get::<_, u64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut gaps = Vec::new();
    let mut expected = 1;
    for seq in seqs {
        gaps.extend(expected..seq);
        expected = seq + 1;
    }
    Ok(gaps)
}
