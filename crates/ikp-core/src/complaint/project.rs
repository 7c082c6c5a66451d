//! Projection of complaint events. A complaint row is read, changed in Rust and written
//! back; its contribution to `complaint_stats` is taken out before and put back after,
//! so the monthly counts always equal a count over the rows. A workflow event the state
//! machine refuses (possible when events arrive late by sync) changes nothing but is
//! kept in `complaint_history` with `applied = 0`.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row as SqlRow};

use super::lifecycle::{ComplaintAction, ComplaintStatus};
use super::limits::{self, Stage};
use super::payload::*;
use crate::error::Result;
use crate::event::SignedEvent;
use crate::workdays::{self, Calendar};

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Complaint {
    pub tracking_id: String,
    pub received_on: String,
    pub channel: String,
    pub classification: Classification,
    pub category: String,
    pub summary: String,
    pub kecamatan_code: Option<String>,
    pub desa: String,
    pub field_check: bool,
    pub status: ComplaintStatus,
    pub agency_code: Option<String>,
    pub disposed_on: Option<String>,
    pub first_followup_on: Option<String>,
    pub completed_on: Option<String>,
    pub closed_on: Option<String>,
    pub clock_from: Option<String>,
    pub due_on: Option<String>,
    pub followups: i64,
    pub dispositions: i64,
    pub workflow_events: i64,
    pub record_version: String,
    pub recorded_at_ms: i64,
    pub updated_at_ms: i64,
    /// LAPOR!'s status, from the newest imported file that carried one.
    pub lapor_status: Option<ComplaintStatus>,
}

pub(crate) const COLUMNS: &str = "tracking_id, received_on, channel, classification, category, summary, \
     kecamatan_code, desa, field_check, status, agency_code, disposed_on, first_followup_on, completed_on, \
     closed_on, clock_from, due_on, followups, dispositions, workflow_events, record_version, recorded_at_ms, \
     updated_at_ms, lapor_status";

impl Complaint {
    pub(crate) fn from_row(row: &SqlRow<'_>) -> rusqlite::Result<Complaint> {
        let classification: String = row.get(3)?;
        let status: String = row.get(9)?;
        let lapor_status: Option<String> = row.get(23)?;
        Ok(Complaint {
            tracking_id: row.get(0)?,
            received_on: row.get(1)?,
            channel: row.get(2)?,
            classification: Classification::parse(&classification).unwrap_or(Classification::Pengaduan),
            category: row.get(4)?,
            summary: row.get(5)?,
            kecamatan_code: row.get(6)?,
            desa: row.get(7)?,
            field_check: row.get(8)?,
            status: ComplaintStatus::parse(&status).unwrap_or(ComplaintStatus::Unverified),
            agency_code: row.get(10)?,
            disposed_on: row.get(11)?,
            first_followup_on: row.get(12)?,
            completed_on: row.get(13)?,
            closed_on: row.get(14)?,
            clock_from: row.get(15)?,
            due_on: row.get(16)?,
            followups: row.get(17)?,
            dispositions: row.get(18)?,
            workflow_events: row.get(19)?,
            record_version: row.get(20)?,
            recorded_at_ms: row.get(21)?,
            updated_at_ms: row.get(22)?,
            lapor_status: lapor_status.as_deref().and_then(ComplaintStatus::parse),
        })
    }
}

/// The statements an import runs once per row, made once per process.
fn sql(which: usize) -> &'static str {
    static SQL: OnceLock<[String; 4]> = OnceLock::new();
    &SQL.get_or_init(|| {
        let placeholders: Vec<String> = (1..=COLUMNS.split(", ").count()).map(|n| format!("?{n}")).collect();
        let sets = |skip: &[&str]| -> String {
            let sets: Vec<String> = COLUMNS
                .split(", ")
                .enumerate()
                .skip(1)
                .filter(|(_, column)| !skip.contains(column))
                .map(|(i, column)| format!("{column} = ?{}", i + 1))
                .collect();
            sets.join(", ")
        };
        [
            format!("SELECT {COLUMNS} FROM complaints WHERE tracking_id = ?1"),
            format!("INSERT INTO complaints ({COLUMNS}) VALUES ({})", placeholders.join(", ")),
            format!("UPDATE complaints SET {} WHERE tracking_id = ?1", sets(&[])),
            // SQLite rewrites the entries of every index whose column an UPDATE sets, even
            // to the same value: when none of them changed, leave them out.
            format!("UPDATE complaints SET {} WHERE tracking_id = ?1", sets(&INDEXED)),
        ]
    })[which]
}

/// The columns the indexes of `complaints` hold (besides the tracking id).
const INDEXED: [&str; 4] = ["received_on", "agency_code", "kecamatan_code", "due_on"];

fn indexed(c: &Complaint) -> [Option<&str>; 4] {
    [Some(c.received_on.as_str()), c.agency_code.as_deref(), c.kecamatan_code.as_deref(), c.due_on.as_deref()]
}

pub(crate) fn load(conn: &Connection, tracking_id: &str) -> Result<Option<Complaint>> {
    Ok(conn.prepare_cached(sql(0))?.query_row([tracking_id], Complaint::from_row).optional()?)
}

/// Writes a complaint: an insert when new, else an update (which touches only the
/// indexes whose columns changed, where a replace would rewrite them all).
fn save(conn: &Connection, c: &Complaint, before: Option<[Option<&str>; 4]>) -> Result<()> {
    let which = match before {
        None => 1,
        Some(before) if before == indexed(c) => 3,
        Some(_) => 2,
    };
    conn.prepare_cached(sql(which))?.execute(params![
        c.tracking_id,
        c.received_on,
        c.channel,
        c.classification.as_str(),
        c.category,
        c.summary,
        c.kecamatan_code,
        c.desa,
        c.field_check,
        c.status.as_str(),
        c.agency_code,
        c.disposed_on,
        c.first_followup_on,
        c.completed_on,
        c.closed_on,
        c.clock_from,
        c.due_on,
        c.followups,
        c.dispositions,
        c.workflow_events,
        c.record_version,
        c.recorded_at_ms,
        c.updated_at_ms,
        c.lapor_status.map(ComplaintStatus::as_str)
    ])?;
    Ok(())
}

/// The time limits and the calendar, read once per event.
pub(crate) struct Rules {
    limits: Vec<TimeLimit>,
    calendar: Calendar,
}

impl Rules {
    pub(crate) fn load(conn: &Connection) -> Result<Rules> {
        Ok(Rules { limits: limits::time_limits(conn)?, calendar: workdays::calendar(conn)? })
    }

    fn set_due(&self, c: &mut Complaint) {
        let stage = Stage {
            status: c.status,
            classification: c.classification,
            field_check: c.field_check,
            clock_from: c.clock_from.as_deref().unwrap_or(&c.received_on),
        };
        c.due_on = limits::due_on(&stage, &self.limits, &self.calendar).map(|day| day.to_string());
    }
}

/// Counts a complaint adds to its groups' monthly rows.
const STAT_COLUMNS: [&str; 7] =
    ["received", "disposed", "followed_up", "completed", "closed", "responded", "response_days"];

#[derive(Default)]
struct Stats(HashMap<(&'static str, String, String), [i64; 7]>);

impl Stats {
    fn add(&mut self, c: &Complaint, sign: i64) {
        let responded_on = c.first_followup_on.as_deref().or(c.completed_on.as_deref());
        let response_days = match (c.disposed_on.as_deref().and_then(day), responded_on.and_then(day)) {
            (Some(from), Some(to)) if to >= from => Some((to - from).num_days()),
            _ => None,
        };
        let counts = [
            1,
            i64::from(c.disposed_on.is_some()),
            i64::from(c.first_followup_on.is_some() || c.status == ComplaintStatus::Completed),
            i64::from(c.status == ComplaintStatus::Completed),
            i64::from(!c.status.is_open()),
            i64::from(response_days.is_some()),
            response_days.unwrap_or(0),
        ];
        let month = c.received_on.get(..7).unwrap_or_default().to_owned();
        for (dimension, code) in [("agency", &c.agency_code), ("kecamatan", &c.kecamatan_code)] {
            let entry = self.0.entry((dimension, code.clone().unwrap_or_default(), month.clone())).or_default();
            for (total, count) in entry.iter_mut().zip(counts) {
                *total += sign * count;
            }
        }
    }

    fn flush(self, conn: &Connection) -> Result<()> {
        let mut upsert = conn.prepare_cached(&format!(
            "INSERT INTO complaint_stats (dimension, code, month, {columns}) VALUES (?1, ?2, ?3, {values})
             ON CONFLICT (dimension, code, month) DO UPDATE SET {sums}",
            columns = STAT_COLUMNS.join(", "),
            values = (4..=10).map(|n| format!("?{n}")).collect::<Vec<_>>().join(", "),
            sums = STAT_COLUMNS.iter().map(|c| format!("{c} = {c} + excluded.{c}")).collect::<Vec<_>>().join(", "),
        ))?;
        for ((dimension, code, month), d) in self.0 {
            if d.iter().any(|count| *count != 0) {
                upsert.execute(params![dimension, code, month, d[0], d[1], d[2], d[3], d[4], d[5], d[6]])?;
            }
        }
        Ok(())
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Sets the stage LAPOR! shows on a complaint this laptop has not worked on.
fn seed_workflow(c: &mut Complaint, row: &ComplaintRow) {
    let status = row.status.unwrap_or(if row.agency_code.is_some() {
        ComplaintStatus::Disposed
    } else {
        ComplaintStatus::Unverified
    });
    c.status = status;
    c.agency_code = row.agency_code.clone();
    c.disposed_on = match (&row.disposed_on, &row.agency_code) {
        (Some(on), _) => Some(on.to_string()),
        (None, Some(_)) => Some(row.received_on.to_string()),
        (None, None) => None,
    };
    c.first_followup_on = row.followed_up_on.map(|on| on.to_string());
    c.completed_on = row.completed_on.filter(|_| status == ComplaintStatus::Completed).map(|on| on.to_string());
    c.closed_on = if status.is_open() {
        None
    } else {
        Some(c.completed_on.clone().or(c.first_followup_on.clone()).unwrap_or(row.received_on.to_string()))
    };
    c.clock_from =
        if status == ComplaintStatus::Unverified { Some(row.received_on.to_string()) } else { c.disposed_on.clone() };
    c.dispositions = i64::from(c.agency_code.is_some());
}

fn describe(c: &mut Complaint, row: &ComplaintRow) {
    c.received_on = row.received_on.to_string();
    c.channel = row.channel.clone();
    c.classification = row.classification;
    c.category = row.category.clone();
    c.summary = row.summary.clone();
    c.kecamatan_code = row.kecamatan_code.clone();
    c.desa = row.desa.clone();
    c.field_check = row.field_check;
}

/// Whether recording `row` from a file would change what `c` shows (a re-import of an
/// unchanged row adds nothing).
pub(crate) fn would_change(c: &Complaint, row: &ComplaintRow) -> bool {
    let mut after = c.clone();
    describe(&mut after, row);
    if after.workflow_events == 0 {
        seed_workflow(&mut after, row);
    }
    after.lapor_status = row.status.or(after.lapor_status);
    after != *c
}

/// LAPOR!'s status, when `row` comes from an imported file that carries one (events are
/// applied in clock order, so the newest file's is the one left). The local workflow's
/// status is left as it is.
fn take_lapor_status(c: &mut Complaint, row: &ComplaintRow, from_file: bool) {
    if let Some(status) = row.status.filter(|_| from_file) {
        c.lapor_status = Some(status);
    }
}

pub(crate) fn recorded(conn: &Connection, event: &SignedEvent, p: &ComplaintsRecorded) -> Result<()> {
    let rules = Rules::load(conn)?;
    let version = event.version_key();
    let ms = event.envelope.hlc.wall_ms as i64;
    let from_file = p.source.is_some();
    let mut stats = Stats::default();
    // A tracking id twice in one event: the later row is what the event says. Then, by
    // day received: consecutive rows land next to each other in the date and agency
    // indexes (a large import writes a few hot pages instead of pages all over them).
    // Each row touches only its own complaint, so the order changes nothing else.
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(p.complaints.len());
    for (index, row) in p.complaints.iter().enumerate() {
        last.insert(row.tracking_id.as_str(), index);
    }
    let mut rows: Vec<&ComplaintRow> = p
        .complaints
        .iter()
        .enumerate()
        .filter(|(index, row)| last[row.tracking_id.as_str()] == *index)
        .map(|(_, row)| row)
        .collect();
    rows.sort_by(|a, b| a.received_on.cmp(&b.received_on).then_with(|| a.tracking_id.cmp(&b.tracking_id)));
    for row in rows {
        let stored = load(conn, &row.tracking_id)?;
        let before = stored.as_ref().map(|c| indexed(c).map(|column| column.map(str::to_owned)));
        let complaint = match stored {
            None => {
                let mut c = Complaint {
                    tracking_id: row.tracking_id.clone(),
                    received_on: String::new(),
                    channel: String::new(),
                    classification: row.classification,
                    category: String::new(),
                    summary: String::new(),
                    kecamatan_code: None,
                    desa: String::new(),
                    field_check: false,
                    status: ComplaintStatus::Unverified,
                    agency_code: None,
                    disposed_on: None,
                    first_followup_on: None,
                    completed_on: None,
                    closed_on: None,
                    clock_from: None,
                    due_on: None,
                    followups: 0,
                    dispositions: 0,
                    workflow_events: 0,
                    record_version: version.clone(),
                    recorded_at_ms: ms,
                    updated_at_ms: ms,
                    lapor_status: None,
                };
                describe(&mut c, row);
                seed_workflow(&mut c, row);
                take_lapor_status(&mut c, row, from_file);
                c
            }
            // An older record (by version key) than the one shown changes nothing.
            Some(old) if old.record_version >= version => continue,
            Some(mut c) => {
                take_lapor_status(&mut c, row, from_file);
                stats.add(&c, -1);
                describe(&mut c, row);
                if c.workflow_events == 0 {
                    seed_workflow(&mut c, row);
                }
                c.record_version = version.clone();
                c.updated_at_ms = ms;
                c
            }
        };
        let mut complaint = complaint;
        rules.set_due(&mut complaint);
        let before = before.as_ref().map(|columns| columns.each_ref().map(|column| column.as_deref()));
        save(conn, &complaint, before)?;
        stats.add(&complaint, 1);
    }
    stats.flush(conn)?;
    if let Some(source) = &p.source {
        conn.execute(
            "INSERT INTO complaint_import_sources (source, mapping, version_key) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, version_key = excluded.version_key
             WHERE excluded.version_key > complaint_import_sources.version_key",
            params![source.source, serde_json::to_string(&source.mapping).expect("mapping serializes"), version],
        )?;
    }
    Ok(())
}

struct HistoryEntry<'a> {
    tracking_id: &'a str,
    action: ComplaintAction,
    on_day: NaiveDate,
    from_agency: Option<&'a str>,
    to_agency: Option<&'a str>,
    note: &'a str,
}

fn history(conn: &Connection, event: &SignedEvent, entry: &HistoryEntry<'_>, applied: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO complaint_history (event_id, tracking_id, action, on_day, from_agency, to_agency, note,
             author, recorded_ms, applied)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event.id.to_hex(),
        entry.tracking_id,
        serde_json::to_value(entry.action).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        entry.on_day.to_string(),
        entry.from_agency,
        entry.to_agency,
        entry.note,
        event.envelope.author,
        event.envelope.hlc.wall_ms as i64,
        applied
    ])?;
    Ok(())
}

/// Applies one workflow action: checks the state machine (and, for an agency's own
/// action, that the complaint is with that agency), lets `change` alter the row, and
/// keeps the counts and the history. Returns whether it was applied.
fn transition(
    conn: &Connection,
    event: &SignedEvent,
    entry: HistoryEntry<'_>,
    acting_agency: Option<&str>,
    change: impl FnOnce(&mut Complaint),
) -> Result<bool> {
    let found = load(conn, entry.tracking_id)?;
    let Some(mut c) = found else {
        history(conn, event, &entry, false)?;
        return Ok(false);
    };
    let next = c.status.after(entry.action);
    let with_agency = acting_agency.is_none_or(|agency| c.agency_code.as_deref() == Some(agency));
    let (Some(next), true) = (next, with_agency) else {
        history(conn, event, &entry, false)?;
        return Ok(false);
    };
    let from_agency = c.agency_code.clone();
    let before = indexed(&c).map(|column| column.map(str::to_owned));
    let mut stats = Stats::default();
    stats.add(&c, -1);
    c.status = next;
    change(&mut c);
    if !next.is_open() && c.closed_on.is_none() {
        c.closed_on = Some(entry.on_day.to_string());
    }
    c.workflow_events += 1;
    c.updated_at_ms = event.envelope.hlc.wall_ms as i64;
    Rules::load(conn)?.set_due(&mut c);
    save(conn, &c, Some(before.each_ref().map(|column| column.as_deref())))?;
    stats.add(&c, 1);
    stats.flush(conn)?;
    let from_agency = entry.from_agency.map(str::to_owned).or(from_agency);
    history(conn, event, &HistoryEntry { from_agency: from_agency.as_deref(), ..entry }, true)?;
    Ok(true)
}

pub(crate) fn disposed(conn: &Connection, event: &SignedEvent, p: &ComplaintDisposed) -> Result<()> {
    let current = load(conn, &p.tracking_id)?.map(|c| c.status);
    let action = match current {
        Some(ComplaintStatus::Unverified) => ComplaintAction::Dispose,
        _ => ComplaintAction::Redispose,
    };
    let entry = HistoryEntry {
        tracking_id: &p.tracking_id,
        action,
        on_day: p.disposed_on,
        from_agency: None,
        to_agency: Some(&p.agency_code),
        note: &p.reason,
    };
    transition(conn, event, entry, None, |c| {
        c.agency_code = Some(p.agency_code.clone());
        c.disposed_on = Some(p.disposed_on.to_string());
        c.clock_from = Some(p.disposed_on.to_string());
        // The new agency's response is what counts now.
        c.first_followup_on = None;
        c.dispositions += 1;
        if let Some(field_check) = p.field_check {
            c.field_check = field_check;
        }
    })?;
    Ok(())
}

pub(crate) fn followed_up(conn: &Connection, event: &SignedEvent, p: &ComplaintFollowedUp) -> Result<()> {
    let entry = HistoryEntry {
        tracking_id: &p.tracking_id,
        action: ComplaintAction::FollowUp,
        on_day: p.followed_on,
        from_agency: None,
        to_agency: None,
        note: &p.action_taken,
    };
    let day_text = p.followed_on.to_string();
    let applied = transition(conn, event, entry, Some(&p.agency_code), |c| {
        if c.first_followup_on.as_deref().is_none_or(|first| day_text.as_str() < first) {
            c.first_followup_on = Some(day_text.clone());
        }
        c.followups += 1;
    })?;
    if applied {
        let evidence = serde_json::to_string(&p.evidence).expect("evidence serializes");
        insert_followup(conn, event, &p.tracking_id, &p.agency_code, p.followed_on, &p.action_taken, &evidence, false)?;
    }
    Ok(())
}

pub(crate) fn completed(conn: &Connection, event: &SignedEvent, p: &ComplaintCompleted) -> Result<()> {
    let entry = HistoryEntry {
        tracking_id: &p.tracking_id,
        action: ComplaintAction::Complete,
        on_day: p.completed_on,
        from_agency: None,
        to_agency: None,
        note: &p.outcome,
    };
    let day_text = p.completed_on.to_string();
    let applied = transition(conn, event, entry, Some(&p.agency_code), |c| {
        c.completed_on = Some(day_text.clone());
        c.closed_on = Some(day_text.clone());
        c.followups += 1;
    })?;
    if applied {
        let proof = serde_json::to_string(&p.proof).expect("proof serializes");
        insert_followup(conn, event, &p.tracking_id, &p.agency_code, p.completed_on, &p.outcome, &proof, true)?;
    }
    Ok(())
}

pub(crate) fn status_changed(conn: &Connection, event: &SignedEvent, p: &ComplaintStatusChanged) -> Result<()> {
    let entry = HistoryEntry {
        tracking_id: &p.tracking_id,
        action: p.action,
        on_day: p.changed_on,
        from_agency: None,
        to_agency: None,
        note: &p.reason,
    };
    let day_text = p.changed_on.to_string();
    transition(conn, event, entry, p.agency_code.as_deref(), |c| {
        if p.action == ComplaintAction::Resume {
            // The follow-up limit counts again from the day work resumes.
            c.clock_from = Some(day_text.clone());
        }
    })?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_followup(
    conn: &Connection,
    event: &SignedEvent,
    tracking_id: &str,
    agency_code: &str,
    on_day: NaiveDate,
    action_taken: &str,
    evidence: &str,
    completion: bool,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO complaint_followups (event_id, tracking_id, agency_code, followed_on, action_taken,
             evidence, completion)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event.id.to_hex(),
        tracking_id,
        agency_code,
        on_day.to_string(),
        action_taken,
        evidence,
        completion
    ])?;
    Ok(())
}

/// After the time limits or the holidays change: every running deadline again.
pub(crate) fn recompute_deadlines(conn: &Connection) -> Result<()> {
    let rules = Rules::load(conn)?;
    let mut select = conn.prepare(&format!("SELECT {COLUMNS} FROM complaints WHERE due_on IS NOT NULL"))?;
    let running: Vec<Complaint> = select.query_map([], Complaint::from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare_cached("UPDATE complaints SET due_on = ?2 WHERE tracking_id = ?1")?;
    for mut c in running {
        let before = c.due_on.clone();
        rules.set_due(&mut c);
        if c.due_on != before {
            update.execute(params![c.tracking_id, c.due_on])?;
        }
    }
    Ok(())
}
