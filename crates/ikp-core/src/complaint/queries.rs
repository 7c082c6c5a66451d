//! What the complaint screens, the CLI and the minutes read. Every query takes the
//! viewer's scope: the leadership sees every complaint; agency staff and camat only the
//! complaints disposed to their agency. Overdue is derived here, from the running
//! stage's deadline and today, never stored.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::allowed::{allowed_actions, ComplaintActions};
use super::channel::ChannelGroup;
use super::lifecycle::ComplaintStatus;
use super::payload::Classification;
use super::project::{Complaint, COLUMNS};
pub use super::summary::{rapim, summary, ComplaintSummary, GroupFigures, RapimComplaints};
use crate::agency::{self};
use crate::clock::utc_text;
use crate::error::{CoreError, Result};
use crate::identity::DeviceId;
use crate::policy::{self, Duty};
use crate::principal::Principal;
use crate::workdays::{self, Calendar};

/// Whose complaints a viewer sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// An agency: the complaints disposed to it.
    Agency(String),
    /// A kecamatan (the camat's office): those disposed to it and those located in its
    /// wilayah, whoever handles them — the camat answers for the area.
    Kecamatan(String),
}

impl Scope {
    /// The scope of a device's user; a device not set up sees nothing.
    pub fn of(conn: &Connection, device: DeviceId) -> Result<Scope> {
        match crate::device::principal(conn, device)? {
            Some(who) if [Duty::Oversee, Duty::KeepComplaints].iter().any(|duty| policy::holds_duty(&who, *duty)) => {
                Ok(Scope::All)
            }
            Some(who) => {
                let own = who.agency_code.ok_or(CoreError::DeviceNotSetUp)?;
                let kind: Option<String> =
                    conn.query_row("SELECT kind FROM agencies WHERE code = ?1", [&own], |row| row.get(0)).optional()?;
                Ok(if kind.as_deref() == Some("kecamatan") { Scope::Kecamatan(own) } else { Scope::Agency(own) })
            }
            None => Err(CoreError::DeviceNotSetUp),
        }
    }

    /// Whether a complaint disposed to `agency_code` and located in `kecamatan_code` is seen.
    pub(crate) fn allows(&self, agency_code: Option<&str>, kecamatan_code: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Agency(own) => agency_code == Some(own.as_str()),
            Scope::Kecamatan(own) => agency_code == Some(own.as_str()) || kecamatan_code == Some(own.as_str()),
        }
    }

    /// The agency whose own complaints (disposed to it) the viewer sees; None for all.
    pub(crate) fn own(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Agency(own) | Scope::Kecamatan(own) => Some(own),
        }
    }

    /// The scope as an SQL condition on the complaints table, its own agency bound at
    /// `placeholder` (`?` or `?1`).
    pub(crate) fn condition(&self, placeholder: &str) -> String {
        match self {
            Scope::All => "1".to_owned(),
            Scope::Agency(_) => format!("agency_code = {placeholder}"),
            Scope::Kecamatan(_) => format!("(agency_code = {placeholder} OR kecamatan_code = {placeholder})"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintFilter {
    pub status: Option<ComplaintStatus>,
    pub agency_code: Option<String>,
    pub kecamatan_code: Option<String>,
    /// The channel it came in by, as recorded (SP4N-LAPOR!, the WhatsApp line, a letter…).
    #[serde(default)]
    pub channel: Option<String>,
    /// The group of channels (all of LAPOR!'s, WhatsApp…), whatever each file wrote.
    #[serde(default)]
    pub channel_group: Option<ChannelGroup>,
    pub overdue_only: bool,
    /// Received on or after, YYYY-MM-DD.
    pub received_from: Option<String>,
    /// Received on or before, YYYY-MM-DD.
    pub received_to: Option<String>,
    /// At most this many (default 500), most recently received first.
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintView {
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
    pub agency_name: Option<String>,
    pub disposed_on: Option<String>,
    pub first_followup_on: Option<String>,
    pub completed_on: Option<String>,
    pub closed_on: Option<String>,
    /// The running stage's deadline (none while on hold or closed).
    pub due_on: Option<String>,
    pub overdue: bool,
    /// Working days past the deadline (0 when not overdue).
    pub working_days_late: u32,
    /// The first clock: the first follow-up is due by this day (once disposed).
    pub response_due_on: Option<String>,
    /// Still without a first follow-up past that day, while the complaint runs.
    pub response_overdue: bool,
    pub followups: u32,
    pub dispositions: u32,
    /// UTC, RFC 3339: first recorded here, and last changed.
    pub recorded_at: String,
    pub updated_at: String,
    /// LAPOR!'s own status, from the newest imported export that carried one.
    pub lapor_status: Option<ComplaintStatus>,
    /// LAPOR! shows another status than the work recorded here.
    pub lapor_disagrees: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintFollowUpView {
    pub followed_on: String,
    pub agency_code: String,
    pub action_taken: String,
    /// The closing entry, with its proof.
    pub completion: bool,
    /// JSON of the evidence (or proof) list, as signed.
    pub evidence_json: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    pub tracking_id: String,
    /// dispose, redispose, follow_up, complete, hold, resume, declare_out_of_scope, archive.
    pub action: String,
    pub on_day: String,
    pub from_agency: Option<String>,
    pub to_agency: Option<String>,
    pub note: String,
    pub author_label: String,
    pub recorded_at: String,
    /// False when the state machine refused it (an event that arrived late).
    pub applied: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintDetail {
    pub complaint: ComplaintView,
    pub followups: Vec<ComplaintFollowUpView>,
    pub history: Vec<HistoryView>,
    /// What the person at this laptop may do with it now.
    pub allowed_actions: ComplaintActions,
}

struct Viewing {
    today: NaiveDate,
    today_text: String,
    calendar: Calendar,
    names: HashMap<String, String>,
    first_response_days: u32,
}

impl Viewing {
    fn new(conn: &Connection, today: NaiveDate) -> Result<Viewing> {
        let names = agency::list(conn)?.into_iter().map(|agency| (agency.code, agency.short_name)).collect();
        Ok(Viewing {
            today,
            today_text: today.to_string(),
            calendar: workdays::calendar(conn)?,
            names,
            first_response_days: super::limits::first_response_days(conn)?,
        })
    }

    fn view(&self, c: Complaint) -> ComplaintView {
        let overdue = c.due_on.as_deref().is_some_and(|due| due < self.today_text.as_str());
        let working_days_late = match (overdue, c.due_on.as_deref().and_then(day)) {
            (true, Some(due)) => self.calendar.working_days_between(due, self.today),
            _ => 0,
        };
        let first = super::limits::FirstResponse {
            disposed_on: c.disposed_on.as_deref(),
            responded_on: c.first_followup_on.as_deref().or(c.completed_on.as_deref()),
            open: c.due_on.is_some(),
        };
        let response_due_on = first.due_on(self.first_response_days, &self.calendar).map(|due| due.to_string());
        let response_overdue = first.overdue(self.first_response_days, &self.calendar, self.today);
        ComplaintView {
            agency_name: c.agency_code.as_ref().and_then(|code| self.names.get(code).cloned()),
            tracking_id: c.tracking_id,
            received_on: c.received_on,
            channel: c.channel,
            classification: c.classification,
            category: c.category,
            summary: c.summary,
            kecamatan_code: c.kecamatan_code,
            desa: c.desa,
            field_check: c.field_check,
            status: c.status,
            agency_code: c.agency_code,
            disposed_on: c.disposed_on,
            first_followup_on: c.first_followup_on,
            completed_on: c.completed_on,
            closed_on: c.closed_on,
            due_on: c.due_on,
            overdue,
            working_days_late,
            response_due_on,
            response_overdue,
            followups: c.followups.clamp(0, i64::from(u32::MAX)) as u32,
            dispositions: c.dispositions.clamp(0, i64::from(u32::MAX)) as u32,
            recorded_at: utc_text(c.recorded_at_ms),
            updated_at: utc_text(c.updated_at_ms),
            lapor_disagrees: c.lapor_status.is_some_and(|lapor| lapor != c.status),
            lapor_status: c.lapor_status,
        }
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub fn list(
    conn: &Connection,
    scope: &Scope,
    filter: &ComplaintFilter,
    today: NaiveDate,
) -> Result<Vec<ComplaintView>> {
    let viewing = Viewing::new(conn, today)?;
    let mut clauses = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut bind = |clause: &str, value: String| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(own) = scope.own() {
        bind(&scope.condition("?"), own.to_owned());
    }
    if let Some(code) = &filter.agency_code {
        bind("agency_code = ?", code.clone());
    }
    if let Some(code) = &filter.kecamatan_code {
        bind("kecamatan_code = ?", code.clone());
    }
    if let Some(channel) = &filter.channel {
        bind("channel = ?", channel.clone());
    }
    if let Some(group) = filter.channel_group {
        bind(&format!("{} = ?", ChannelGroup::sql("channel")), group.as_str().to_owned());
    }
    if let Some(status) = filter.status {
        bind("status = ?", status.as_str().to_owned());
    }
    if filter.overdue_only {
        bind("due_on IS NOT NULL AND due_on < ?", today.to_string());
    }
    if let Some(from) = &filter.received_from {
        bind("received_on >= ?", from.clone());
    }
    if let Some(to) = &filter.received_to {
        bind("received_on <= ?", to.clone());
    }
    let condition = if clauses.is_empty() { "1".to_owned() } else { clauses.join(" AND ") };
    // Orders that are index orders, so a LIMIT stops early instead of sorting every match.
    let order = if filter.overdue_only {
        "due_on, agency_code, kecamatan_code, received_on, tracking_id"
    } else {
        "received_on DESC, tracking_id DESC"
    };
    let limit = filter.limit.unwrap_or(500);
    let sql = if filter.overdue_only {
        // Overdue complaints are few among many: pick them from the partial index of running
        // deadlines alone (it holds the columns filtered on), then read just those rows.
        format!(
            "SELECT {COLUMNS} FROM complaints WHERE tracking_id IN (
                 SELECT tracking_id FROM complaints INDEXED BY complaints_running
                 WHERE {condition} ORDER BY {order} LIMIT {limit})
             ORDER BY {order}"
        )
    } else {
        format!("SELECT {COLUMNS} FROM complaints WHERE {condition} ORDER BY {order} LIMIT {limit}")
    };
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(values.iter()), Complaint::from_row)?;
    rows.map(|row| Ok(viewing.view(row?))).collect()
}

pub fn detail(
    conn: &Connection,
    scope: &Scope,
    tracking_id: &str,
    today: NaiveDate,
    viewer: Option<&Principal>,
) -> Result<ComplaintDetail> {
    let complaint = super::ops::require(conn, tracking_id)?;
    if !scope.allows(complaint.agency_code.as_deref(), complaint.kecamatan_code.as_deref()) {
        return Err(CoreError::UnknownComplaint { tracking_id: tracking_id.trim().to_owned() });
    }
    let viewing = Viewing::new(conn, today)?;
    let mut statement = conn.prepare_cached(
        "SELECT followed_on, agency_code, action_taken, completion, evidence FROM complaint_followups
         WHERE tracking_id = ?1 ORDER BY followed_on, completion, event_id",
    )?;
    let followups = statement
        .query_map([&complaint.tracking_id], |row| {
            Ok(ComplaintFollowUpView {
                followed_on: row.get(0)?,
                agency_code: row.get(1)?,
                action_taken: row.get(2)?,
                completion: row.get(3)?,
                evidence_json: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let history = history(conn, &HistoryQuery::Complaint(&complaint.tracking_id))?;
    let allowed_actions = allowed_actions(viewer, complaint.status, complaint.agency_code.as_deref());
    Ok(ComplaintDetail { complaint: viewing.view(complaint), followups, history, allowed_actions })
}

enum HistoryQuery<'a> {
    Complaint(&'a str),
    Dispositions { scope: &'a Scope, limit: u32 },
}

fn history(conn: &Connection, query: &HistoryQuery<'_>) -> Result<Vec<HistoryView>> {
    let select = "SELECT h.tracking_id, h.action, h.on_day, h.from_agency, h.to_agency, h.note,
                         coalesce(d.user_name, h.author), h.recorded_ms, h.applied
                  FROM complaint_history h LEFT JOIN devices d ON d.device_id = h.author";
    let read = |row: &rusqlite::Row<'_>| {
        Ok(HistoryView {
            tracking_id: row.get(0)?,
            action: row.get(1)?,
            on_day: row.get(2)?,
            from_agency: row.get(3)?,
            to_agency: row.get(4)?,
            note: row.get(5)?,
            author_label: row.get(6)?,
            recorded_at: utc_text(row.get(7)?),
            applied: row.get(8)?,
        })
    };
    let rows = match query {
        HistoryQuery::Complaint(id) => conn
            .prepare_cached(&format!("{select} WHERE h.tracking_id = ?1 ORDER BY h.recorded_ms, h.event_id"))?
            .query_map([id], read)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        HistoryQuery::Dispositions { scope, limit } => {
            let own = scope.own().map(str::to_owned);
            conn.prepare_cached(&format!(
                "{select} WHERE h.action IN ('dispose', 'redispose') AND h.applied = 1
                     AND (?1 IS NULL OR h.from_agency = ?1 OR h.to_agency = ?1)
                 ORDER BY h.recorded_ms DESC, h.event_id LIMIT ?2"
            ))?
            .query_map(rusqlite::params![own, limit], read)?
            .collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(rows)
}

/// Who sent which complaint where, and why: dispositions and re-dispositions, newest
/// first. Agency staff see those that sent a complaint to or from their agency.
pub fn dispositions(conn: &Connection, scope: &Scope, limit: u32) -> Result<Vec<HistoryView>> {
    history(conn, &HistoryQuery::Dispositions { scope, limit })
}

/// Every complaint the viewer sees, as CSV with every date and timestamp (UTC).
/// The channels the complaints `scope` sees came in by, each with how many, most first:
/// what the list can be filtered on.
pub fn channels(conn: &Connection, scope: &Scope) -> Result<Vec<ChannelCount>> {
    let sql = format!(
        "SELECT channel, count(*) FROM complaints WHERE {} AND channel != ''
         GROUP BY channel ORDER BY count(*) DESC, channel",
        scope.condition("?1")
    );
    let own = scope.own().map(str::to_owned);
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(own.iter()), |row| {
        let channel: String = row.get(0)?;
        Ok(ChannelCount { group: ChannelGroup::of(&channel), channel, complaints: row.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChannelCount {
    pub channel: String,
    pub complaints: u32,
    pub group: ChannelGroup,
}

/// The complaints `scope` sees that were received in `months` (first and last `YYYY-MM`,
/// either open), as CSV.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The complaints received in the period, one row each, in Indonesian, for Excel.
pub fn export_csv(
    conn: &Connection,
    scope: &Scope,
    (from, to): &(Option<String>, Option<String>),
    today: NaiveDate,
) -> Result<String> {
    let received_in = |day: &str| {
        let month = day.get(..7).unwrap_or(day);
        from.as_deref().is_none_or(|from| month >= from) && to.as_deref().is_none_or(|to| month <= to)
    };
    let viewing = Viewing::new(conn, today)?;
    // As Excel in an Indonesian locale opens a CSV by double-click: a byte-order mark so it
    // reads UTF-8, semicolons because the comma is the decimal separator there.
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(UTF8_BOM.to_vec());
    let io = |err: csv::Error| CoreError::Storage { message: err.to_string() };
    writer
        .write_record([
            "Nomor pelacakan",
            "Tanggal diterima",
            "Kanal",
            "Klasifikasi",
            "Kategori",
            "Ringkasan",
            "Kecamatan",
            "Desa",
            "Cek lapangan",
            "Status",
            "Perangkat daerah",
            "Tanggal disposisi",
            "Tindak lanjut pertama",
            "Tanggal selesai",
            "Tanggal ditutup",
            "Batas waktu",
            "Lewat batas waktu",
            "Hari kerja terlambat",
            "Jumlah tindak lanjut",
            "Jumlah disposisi",
            "Dicatat (UTC)",
            "Diperbarui (UTC)",
        ])
        .map_err(io)?;
    let (condition, own) = (scope.condition("?1"), scope.own().map(str::to_owned));
    let mut statement =
        conn.prepare(&format!("SELECT {COLUMNS} FROM complaints WHERE {condition} ORDER BY received_on, tracking_id"))?;
    let rows = statement.query_map(params_from_iter(own.iter()), Complaint::from_row)?;
    for row in rows {
        let v = viewing.view(row?);
        if !received_in(&v.received_on) {
            continue;
        }
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let record = [
            v.tracking_id.clone(),
            v.received_on.clone(),
            v.channel.clone(),
            crate::terms::indonesian("classification", v.classification),
            v.category.clone(),
            v.summary.clone(),
            text(&v.kecamatan_code),
            v.desa.clone(),
            if v.field_check { "ya" } else { "tidak" }.to_owned(),
            crate::terms::indonesian("complaintStatus", v.status),
            text(&v.agency_code),
            text(&v.disposed_on),
            text(&v.first_followup_on),
            text(&v.completed_on),
            text(&v.closed_on),
            text(&v.due_on),
            if v.overdue { "ya" } else { "tidak" }.to_owned(),
            v.working_days_late.to_string(),
            v.followups.to_string(),
            v.dispositions.to_string(),
            v.recorded_at.clone(),
            v.updated_at.clone(),
        ];
        // Citizens write the summaries: a cell a spreadsheet would run as a formula is
        // written as text.
        writer.write_record(record.iter().map(|cell| crate::tabular::inert_cell(cell).into_owned())).map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|err| CoreError::Storage { message: err.to_string() })?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
