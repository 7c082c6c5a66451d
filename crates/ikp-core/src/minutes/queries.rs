//! Reading the minutes: the editable view the Rapat page shows, and the document the
//! exporters render. Live agenda items draw on the records here (`live_section`); a
//! finalized meeting's document is the one frozen in its finalize event.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::agenda::{agenda, budget_summary};
pub use super::decision_rows::decision_rows;
use super::decision_rows::decisions;
use super::document::*;
use super::payload::{AgendaKind, DecisionLink, Official, Presence};
use crate::agency::{self, Agency};
use crate::error::{CoreError, Result};
use crate::instruction::queries::{self as instruction_queries, InstructionFilter};
use crate::meeting::{self, Meeting};
use crate::negotiation::queries::{self as negotiation_queries, NegotiationFilter, NegotiationStatus, NegotiationView};
use crate::regency;
use crate::settings::{self, BudgetThresholds};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttendeeView {
    pub id: String,
    pub agency_code: Option<String>,
    pub name: String,
    pub position: String,
    pub presence: Presence,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemView {
    pub id: String,
    pub position: u32,
    pub kind: AgendaKind,
    pub title: String,
    pub fiscal_year: Option<i32>,
    pub note: String,
    /// What the records contribute to this item now.
    pub facts: Vec<String>,
    /// The dialog-kinerja item's requests ticked for the sitting; None for every request
    /// waiting for a decision.
    pub requests: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesDecisionView {
    pub id: String,
    pub item_id: Option<String>,
    pub text: String,
    pub link: Option<DecisionLink>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUpView {
    pub id: String,
    pub item_id: Option<String>,
    pub action: String,
    pub agency_code: String,
    pub agency_short_name: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    pub instruction_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesView {
    pub meeting: Meeting,
    pub number: String,
    pub start_time: String,
    pub end_time: String,
    pub chair: Official,
    pub secretary: Official,
    pub notulis: Official,
    pub attendees: Vec<AttendeeView>,
    pub agenda: Vec<AgendaItemView>,
    pub decisions: Vec<MinutesDecisionView>,
    /// The decisions table as the notulen will print it (meeting-mode decisions first).
    pub decision_rows: Vec<DecisionRow>,
    pub follow_ups: Vec<FollowUpView>,
    pub pending_requests: u32,
    /// YYYY-MM-DD: what a new follow-up's deadline starts as — a month after the meeting
    /// ("selesai dalam satu bulan"), moved to the next working day.
    pub follow_up_deadline: String,
    /// YYYY-MM-DD once finalized: the minutes are frozen.
    pub finalized_on: Option<String>,
    pub addenda: Vec<AddendumLine>,
}

/// A new meeting's form as it opens (`desk.minutes().new_draft()`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingDraft {
    pub title: String,
    /// YYYY-MM-DD.
    pub held_on: String,
    pub start_time: String,
    pub place: String,
    pub chair: Official,
    pub secretary: Official,
    pub notulis: Official,
}

/// Meetings with their minutes state, newest first (the Rapat page's list).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummary {
    pub meeting: Meeting,
    pub number: String,
    pub finalized_on: Option<String>,
}

pub fn list(conn: &Connection, limit: u32) -> Result<Vec<MeetingSummary>> {
    let meetings = meeting::list(conn, limit)?;
    let mut out = Vec::with_capacity(meetings.len());
    for meeting in meetings {
        let (number, finalized_on): (String, Option<String>) =
            conn.query_row("SELECT number, finalized_on FROM meetings WHERE id = ?1", [&meeting.id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        out.push(MeetingSummary { meeting, number, finalized_on });
    }
    Ok(out)
}

struct Header {
    number: String,
    start_time: String,
    end_time: String,
    chair: Official,
    secretary: Official,
    notulis: Official,
    finalized_on: Option<String>,
    document_json: Option<String>,
}

fn header(conn: &Connection, meeting: &Meeting) -> Result<Header> {
    let official = |json: Option<String>, fallback: &str| -> Official {
        json.and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_else(|| Official { name: fallback.to_owned(), ..Default::default() })
    };
    let row = conn.query_row(
        "SELECT number, start_time, end_time, chair_json, secretary_json, notulis_json, finalized_on, document_json
         FROM meetings WHERE id = ?1",
        [&meeting.id],
        |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
            ))
        },
    )?;
    Ok(Header {
        number: row.0,
        start_time: row.1,
        end_time: row.2,
        chair: official(row.3, &meeting.chair),
        secretary: official(row.4, ""),
        notulis: official(row.5, ""),
        finalized_on: row.6,
        document_json: row.7,
    })
}

pub fn view(conn: &Connection, meeting_id: &str, today: NaiveDate) -> Result<MinutesView> {
    let meeting = meeting::get(conn, meeting_id)?;
    let header = header(conn, &meeting)?;
    let held_on = parse_day(&meeting.held_on);
    let thresholds = settings::budget_thresholds(conn)?;
    let mut agenda = agenda(conn, &meeting, held_on, today, thresholds)?;
    let mut decision_rows = decision_rows(conn, meeting_id, today)?;
    if let Some(frozen) = frozen_document(&header) {
        // Finalized minutes show what was signed, not what the records say today.
        for (item, section) in agenda.iter_mut().zip(frozen.agenda) {
            item.facts = section.facts;
        }
        decision_rows = frozen.decisions;
    }
    let pending_requests: u32 =
        conn.query_row("SELECT count(*) FROM negotiations WHERE status = 'pending'", [], |row| row.get(0))?;
    Ok(MinutesView {
        attendees: attendees(conn, meeting_id)?,
        decisions: decisions(conn, meeting_id)?,
        decision_rows,
        follow_ups: follow_ups(conn, meeting_id)?,
        addenda: addenda(conn, meeting_id)?,
        agenda,
        number: header.number,
        start_time: header.start_time,
        end_time: header.end_time,
        chair: header.chair,
        secretary: header.secretary,
        notulis: header.notulis,
        finalized_on: header.finalized_on,
        pending_requests,
        follow_up_deadline: follow_up_deadline(conn, held_on)?.to_string(),
        meeting,
    })
}

/// A month after the meeting, on a working day: the deadline a rapim gives unless it says
/// otherwise.
fn follow_up_deadline(conn: &Connection, held_on: NaiveDate) -> Result<NaiveDate> {
    let calendar = crate::workdays::calendar(conn)?;
    let mut day = held_on.checked_add_months(chrono::Months::new(1)).unwrap_or(held_on);
    while !calendar.is_working_day(day) {
        day = day.succ_opt().unwrap_or(day);
    }
    Ok(day)
}

/// What the form for a new meeting starts from: today's rapim at the time, place and
/// notulis of the last meeting this laptop opened (the same room, the same notulis, as a
/// Setda runs them), chaired by today's Bupati with today's Sekda. Every field stays
/// editable; nothing is recorded until the meeting is created.
pub fn new_meeting_draft(conn: &Connection, today: NaiveDate, device: &str) -> Result<MeetingDraft> {
    let last: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT place, start_time, notulis_json FROM meetings WHERE opened_by = ?1
             ORDER BY held_on DESC, opened_at_ms DESC LIMIT 1",
            [device],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let (place, start_time, notulis) = match last {
        Some((place, start_time, notulis)) => {
            (place, start_time, notulis.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
        }
        None => (String::new(), String::new(), Official::default()),
    };
    let profile = regency::get(conn)?;
    let official_of = |post| -> Result<Option<Official>> {
        Ok(crate::officials::holder(conn, post, today)?.map(|holder| Official {
            name: holder.name,
            title: holder.title,
            rank: holder.rank,
            nip: holder.nip,
        }))
    };
    let chair = official_of(crate::officials::OfficialPost::Regent)?.unwrap_or_else(|| Official {
        name: profile.as_ref().map(|p| p.regent_name.clone()).unwrap_or_default(),
        title: profile.as_ref().map(|p| p.regent_title.clone()).unwrap_or_default(),
        ..Official::default()
    });
    let secretary = official_of(crate::officials::OfficialPost::Secretary)?.unwrap_or_else(|| Official {
        name: profile.as_ref().map(|p| p.secretary_name.clone()).unwrap_or_default(),
        title: "Sekretaris Daerah".to_owned(),
        ..Official::default()
    });
    Ok(MeetingDraft {
        title: "Rapat Pimpinan".to_owned(),
        held_on: today.to_string(),
        start_time: if start_time.is_empty() { "09.00".to_owned() } else { start_time },
        place,
        chair,
        secretary,
        notulis,
    })
}

/// The document frozen into the finalize event, if the minutes are final.
fn frozen_document(header: &Header) -> Option<MinutesDocument> {
    header.document_json.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

/// What the exporters render: the frozen document once finalized, else the live one.
pub fn export(conn: &Connection, meeting_id: &str, today: NaiveDate) -> Result<MinutesExport> {
    let meeting = meeting::get(conn, meeting_id)?;
    let header = header(conn, &meeting)?;
    let document = match frozen_document(&header) {
        Some(document) => document,
        None => document(conn, meeting_id, today, settings::budget_thresholds(conn)?)?,
    };
    Ok(MinutesExport {
        finalized: header.finalized_on.is_some(),
        finalized_on: header.finalized_on.as_deref().map(|day| indonesian_date(parse_day(day))),
        addenda: addenda(conn, meeting_id)?,
        document,
    })
}

/// Builds the notulen from the records as they are now.
pub fn document(
    conn: &Connection,
    meeting_id: &str,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<MinutesDocument> {
    let meeting = meeting::get(conn, meeting_id)?;
    let header = header(conn, &meeting)?;
    let held_on = parse_day(&meeting.held_on);
    let profile = regency::get(conn)?;
    let logo_sha256 = regency::logo(conn)?.map(|logo| logo.sha256);
    let kop = crate::letterhead::get(conn)?;
    let letterhead = match profile {
        Some(profile) => Letterhead {
            government: profile.name.to_uppercase(),
            office: "SEKRETARIAT DAERAH".into(),
            address: kop.as_ref().map_or(profile.address, |kop| kop.contact_line()),
            logo_sha256,
        },
        None => Letterhead { government: String::new(), office: String::new(), address: String::new(), logo_sha256 },
    };
    let agenda_items = agenda(conn, &meeting, held_on, today, thresholds)?;
    let budget = match agenda_items.iter().find(|item| item.kind == AgendaKind::BudgetAbsorption) {
        Some(item) => Some(budget_summary(
            conn,
            item.fiscal_year.unwrap_or(chrono::Datelike::year(&held_on)),
            super::ops::as_of(held_on, today),
            thresholds,
        )?),
        None => None,
    };
    let time = match (header.start_time.as_str(), header.end_time.as_str()) {
        (start, "") => format!("{start} WIB – selesai"),
        (start, end) => format!("{start} – {end} WIB"),
    };
    // The regency's signature city; without one, the town the meeting's place names last.
    let city = match &kop {
        Some(kop) => kop.signature_city.clone(),
        None => meeting.place.rsplit(',').next().unwrap_or_default().trim().to_owned(),
    };
    let heading = kop.as_ref().map(|kop| kop.minutes_title).unwrap_or_default().heading().to_owned();
    Ok(MinutesDocument {
        letterhead,
        heading,
        meeting_id: meeting.id.clone(),
        title: meeting.title.clone(),
        number: header.number,
        day_and_date: indonesian_day_and_date(held_on),
        time,
        place: meeting.place.clone(),
        chair: header.chair,
        secretary: header.secretary,
        notulis: header.notulis,
        attendees: attendees(conn, meeting_id)?
            .into_iter()
            .map(|attendee| AttendeeLine {
                name: attendee.name,
                position: attendee.position,
                presence: presence_word(attendee.presence),
            })
            .collect(),
        agenda: agenda_items
            .into_iter()
            .map(|item| AgendaSection { title: item.title, discussion: item.note, facts: item.facts })
            .collect(),
        decisions: decision_rows(conn, meeting_id, today)?,
        budget,
        follow_ups: follow_ups(conn, meeting_id)?
            .into_iter()
            .map(|follow_up| -> Result<FollowUpRow> {
                Ok(FollowUpRow {
                    instruction: match &follow_up.instruction_id {
                        Some(id) => instruction_label(conn, id, today)?,
                        None => String::new(),
                    },
                    action: follow_up.action,
                    agency: follow_up.agency_short_name,
                    deadline: indonesian_date(parse_day(&follow_up.deadline)),
                })
            })
            .collect::<Result<_>>()?,
        signed_at: if city.is_empty() {
            indonesian_date(held_on)
        } else {
            format!("{city}, {}", indonesian_date(held_on))
        },
    })
}

fn presence_word(presence: Presence) -> String {
    crate::terms::indonesian("presence", presence)
}

fn instruction_label(conn: &Connection, instruction_id: &str, today: NaiveDate) -> Result<String> {
    let detail = instruction_queries::detail(conn, instruction_id, today, None)?;
    Ok(match detail.summary.number {
        Some(number) => format!("Instruksi {number}"),
        None => "Draf instruksi".into(),
    })
}

pub(crate) fn parse_day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn attendees(conn: &Connection, meeting_id: &str) -> Result<Vec<AttendeeView>> {
    let mut statement = conn.prepare_cached(
        "SELECT attendee_id, agency_code, name, position, presence FROM meeting_attendees
         WHERE meeting_id = ?1 AND removed = 0 ORDER BY created_key, attendee_id",
    )?;
    let rows = statement.query_map([meeting_id], |row| {
        Ok(AttendeeView {
            id: row.get(0)?,
            agency_code: row.get(1)?,
            name: row.get(2)?,
            position: row.get(3)?,
            presence: Presence::parse(&row.get::<_, String>(4)?).unwrap_or(Presence::Present),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn follow_ups(conn: &Connection, meeting_id: &str) -> Result<Vec<FollowUpView>> {
    let names: std::collections::HashMap<String, String> =
        agency::list(conn)?.into_iter().map(|agency| (agency.code, agency.short_name)).collect();
    let mut statement = conn.prepare_cached(
        "SELECT follow_up_id, item_id, action, agency_code, deadline, instruction_id FROM meeting_follow_ups
         WHERE meeting_id = ?1 AND removed = 0 ORDER BY created_key, follow_up_id",
    )?;
    let rows = statement.query_map([meeting_id], |row| {
        let agency_code: String = row.get(3)?;
        Ok(FollowUpView {
            id: row.get(0)?,
            item_id: row.get(1)?,
            action: row.get(2)?,
            agency_short_name: names.get(&agency_code).cloned().unwrap_or_else(|| agency_code.clone()),
            agency_code,
            deadline: row.get(4)?,
            instruction_id: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn follow_up(conn: &Connection, meeting_id: &str, follow_up_id: &str) -> Result<FollowUpView> {
    follow_ups(conn, meeting_id)?
        .into_iter()
        .find(|follow_up| follow_up.id == follow_up_id)
        .ok_or_else(|| CoreError::UnknownFollowUp { id: follow_up_id.to_owned() })
}

fn addenda(conn: &Connection, meeting_id: &str) -> Result<Vec<AddendumLine>> {
    let mut statement =
        conn.prepare_cached("SELECT added_on, text FROM meeting_addenda WHERE meeting_id = ?1 ORDER BY version_key")?;
    let rows = statement.query_map([meeting_id], |row| {
        Ok(AddendumLine { added_on: indonesian_date(parse_day(&row.get::<_, String>(0)?)), text: row.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pending requests, for the agenda builder's count.
/// The agencies a meeting's agenda concerns, by name: those whose target requests wait or
/// were decided in it (if the dialog kinerja is on the agenda), and the leads of overdue
/// instructions (if those are).
pub(crate) fn agencies_on_agenda(conn: &Connection, meeting_id: &str, today: NaiveDate) -> Result<Vec<Agency>> {
    let kinds: Vec<String> = conn
        .prepare_cached("SELECT kind FROM meeting_agenda WHERE meeting_id = ?1 AND removed = 0")?
        .query_map([meeting_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let on_agenda = |kind: AgendaKind| kinds.iter().any(|stored| stored == kind.as_str());
    let mut codes = std::collections::BTreeSet::new();
    if on_agenda(AgendaKind::Negotiations) {
        let mut statement = conn.prepare_cached(
            "SELECT agency_code FROM negotiations WHERE status = 'pending' AND ?2 IS NULL
             UNION SELECT n.agency_code FROM negotiations n, json_each(?2) chosen WHERE n.id = chosen.value
             UNION SELECT n.agency_code FROM negotiation_decisions d JOIN negotiations n ON n.id = d.negotiation_id
             WHERE d.meeting_id = ?1",
        )?;
        let chosen = super::agenda::chosen_requests(conn, meeting_id)?
            .map(|ids| serde_json::to_string(&ids).expect("ids always serialize"));
        let rows = statement.query_map(params![meeting_id, chosen], |row| row.get::<_, String>(0))?;
        codes.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    if on_agenda(AgendaKind::OverdueInstructions) {
        let filter = InstructionFilter { overdue_only: true, limit: Some(200), ..Default::default() };
        codes.extend(
            instruction_queries::list(conn, &filter, today)?.into_iter().map(|instruction| instruction.lead_agency),
        );
    }
    let mut agencies: Vec<Agency> =
        agency::list(conn)?.into_iter().filter(|agency| agency.active && codes.contains(&agency.code)).collect();
    agencies.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(agencies)
}

/// Whether `agency_code` already has a line on the meeting's attendance list.
pub(crate) fn attends(conn: &Connection, meeting_id: &str, agency_code: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM meeting_attendees WHERE meeting_id = ?1 AND agency_code = ?2 AND removed = 0")?
        .query_row([meeting_id, agency_code], |row| row.get(0))
        .optional()?;
    Ok(found.is_some())
}

pub fn pending_requests(conn: &Connection) -> Result<Vec<NegotiationView>> {
    negotiation_queries::list(
        conn,
        &NegotiationFilter { status: Some(NegotiationStatus::Pending), limit: Some(5000), ..Default::default() },
    )
}
