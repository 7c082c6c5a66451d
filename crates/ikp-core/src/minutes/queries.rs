//! Reading the minutes: the editable view the Rapat page shows, and the document the
//! exporters render. Live agenda items draw on the records here (`live_section`); a
//! finalized meeting's document is the one frozen in its finalize event.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::document::*;
use super::payload::{AgendaKind, DecisionLink, Official, Presence};
use crate::agency;
use crate::budget::queries as budget_queries;
use crate::complaint::queries::{self as complaint_queries, Scope};
use crate::error::{CoreError, Result};
use crate::instruction::queries::{self as instruction_queries, InstructionFilter};
use crate::meeting::{self, Meeting};
use crate::negotiation::payload::Outcome;
use crate::negotiation::queries::{self as negotiation_queries, NegotiationFilter, NegotiationStatus, NegotiationView};
use crate::quantity::Quantity;
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
    /// YYYY-MM-DD once finalized: the minutes are frozen.
    pub finalized_on: Option<String>,
    pub addenda: Vec<AddendumLine>,
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
        meeting,
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
    let letterhead = match profile {
        Some(profile) => Letterhead {
            government: profile.name.to_uppercase(),
            office: "SEKRETARIAT DAERAH".into(),
            address: profile.address,
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
    let city = meeting.place.rsplit(',').next().unwrap_or_default().trim().to_owned();
    Ok(MinutesDocument {
        letterhead,
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
                presence: presence_word(attendee.presence).into(),
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

fn presence_word(presence: Presence) -> &'static str {
    match presence {
        Presence::Present => "Hadir",
        Presence::Represented => "Diwakili",
        Presence::Absent => "Tidak hadir",
    }
}

fn instruction_label(conn: &Connection, instruction_id: &str, today: NaiveDate) -> Result<String> {
    let detail = instruction_queries::detail(conn, instruction_id, today, None)?;
    Ok(match detail.summary.number {
        Some(number) => format!("Instruksi {number}"),
        None => "Draf instruksi".into(),
    })
}

fn parse_day(text: &str) -> NaiveDate {
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

fn agenda(
    conn: &Connection,
    meeting: &Meeting,
    held_on: NaiveDate,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<Vec<AgendaItemView>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.item_id, a.position, a.kind, a.title, a.fiscal_year, coalesce(n.text, '')
         FROM meeting_agenda a
         LEFT JOIN meeting_notes n ON n.meeting_id = a.meeting_id AND n.item_id = a.item_id
         WHERE a.meeting_id = ?1 AND a.removed = 0 ORDER BY a.position, a.item_id",
    )?;
    let rows = statement.query_map([&meeting.id], |row| {
        Ok(AgendaItemView {
            id: row.get(0)?,
            position: row.get(1)?,
            kind: AgendaKind::parse(&row.get::<_, String>(2)?).unwrap_or(AgendaKind::Free),
            title: row.get(3)?,
            fiscal_year: row.get(4)?,
            note: row.get(5)?,
            facts: Vec::new(),
        })
    })?;
    let mut items: Vec<AgendaItemView> = rows.collect::<rusqlite::Result<_>>()?;
    for item in &mut items {
        item.facts = live_section(conn, meeting, item, held_on, today, thresholds)?;
    }
    Ok(items)
}

/// The lines a live agenda item draws from the records.
fn live_section(
    conn: &Connection,
    meeting: &Meeting,
    item: &AgendaItemView,
    held_on: NaiveDate,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<Vec<String>> {
    Ok(match item.kind {
        AgendaKind::Free => Vec::new(),
        AgendaKind::Negotiations => {
            let sitting = negotiation_queries::sitting(conn, &meeting.id)?;
            let pending: u32 =
                conn.query_row("SELECT count(*) FROM negotiations WHERE status = 'pending'", [], |row| row.get(0))?;
            let decided = sitting.approved + sitting.rejected + sitting.countered;
            let mut lines = vec![format!(
                "{decided} permohonan perubahan target diputuskan dalam rapat: {} disetujui, {} disetujui dengan perubahan, {} ditolak (rincian pada tabel keputusan).",
                sitting.approved, sitting.countered, sitting.rejected
            )];
            if meeting.closed_at.is_none() && pending > 0 {
                lines.push(format!("{pending} permohonan masih menunggu keputusan."));
            }
            lines
        }
        AgendaKind::BudgetAbsorption => {
            let year = item.fiscal_year.unwrap_or(chrono::Datelike::year(&held_on));
            let summary = budget_summary(conn, year, super::ops::as_of(held_on, today), thresholds)?;
            vec![format!(
                "Serapan anggaran Tahun Anggaran {year} {}: {} dari pagu {} (rencana {}); rincian pada tabel serapan.",
                summary.as_of, summary.total.percent, summary.total.pagu, summary.total.plan_percent
            )]
        }
        AgendaKind::ComplaintFollowUps => complaint_lines(conn, super::ops::as_of(held_on, today))?,
        AgendaKind::OverdueInstructions => {
            let filter = InstructionFilter { overdue_only: true, limit: Some(200), ..Default::default() };
            let overdue = instruction_queries::list(conn, &filter, today)?;
            if overdue.is_empty() {
                vec!["Tidak ada instruksi yang melewati tenggat.".into()]
            } else {
                overdue
                    .into_iter()
                    .map(|instruction| {
                        format!(
                            "{} {} ({}): tenggat {}, capaian {}.",
                            instruction.number.unwrap_or_else(|| "Draf".into()),
                            instruction.title,
                            instruction.lead_agency_short_name,
                            indonesian_date(parse_day(&instruction.deadline)),
                            percent(instruction.achievement_permille)
                        )
                    })
                    .collect()
            }
        }
    })
}

/// The SP4N-LAPOR! follow-up summary of the year so far, as the meeting saw it:
/// complaints received from January to the meeting's month, judged on its day.
fn complaint_lines(conn: &Connection, as_of: NaiveDate) -> Result<Vec<String>> {
    use chrono::Datelike;
    let from = format!("{}-01", as_of.year());
    let to = as_of.format("%Y-%m").to_string();
    let rapim = complaint_queries::rapim(conn, &Scope::All, Some(&from), Some(&to), as_of)?;
    let total = &rapim.summary.total;
    let response = match total.average_response_tenths {
        Some(tenths) => format!("rata-rata {},{} hari sejak disposisi", tenths / 10, tenths % 10),
        None => "belum ada tanggapan".into(),
    };
    let mut lines = vec![format!(
        "Pengaduan SP4N-LAPOR! {} s.d. {}: {} diterima, {} didisposisikan, {} ditindaklanjuti ({} dari yang didisposisikan; {response}), {} selesai, {} melewati batas waktu.",
        month_name(as_of.with_month(1).unwrap_or(as_of)),
        indonesian_date(as_of),
        total.received,
        total.disposed,
        total.followed_up,
        percent(total.follow_up_permille),
        total.completed,
        total.overdue,
    )];
    lines.extend(rapim.agencies_behind.iter().filter(|group| group.overdue > 0).map(|group| {
        format!(
            "{}: {} pengaduan melewati batas waktu, tindak lanjut {}.",
            group.name,
            group.overdue,
            percent(group.follow_up_permille)
        )
    }));
    if rapim.redispositions > 0 {
        lines.push(format!("{} pengaduan didisposisikan ulang ke perangkat daerah lain.", rapim.redispositions));
    }
    Ok(lines)
}

fn month_name(day: NaiveDate) -> String {
    indonesian_date(day).split(' ').nth(1).unwrap_or_default().to_owned()
}

fn budget_summary(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<BudgetSummary> {
    let budget = budget_queries::regency_budget(conn, year, as_of, thresholds)?;
    let row =
        |agency: String, pagu: crate::money::Rupiah, realized: crate::money::Rupiah, absorption: u32, plan: u32| {
            BudgetRow {
                agency,
                pagu: pagu.to_indonesian(),
                realized: realized.to_indonesian(),
                absorption_permille: absorption,
                percent: percent(absorption),
                plan_percent: percent(plan),
            }
        };
    Ok(BudgetSummary {
        fiscal_year: year,
        as_of: format!("per {}", indonesian_date(as_of)),
        rows: budget
            .agencies
            .iter()
            .map(|a| row(a.short_name.clone(), a.pagu, a.realized, a.absorption_permille, a.plan_permille))
            .collect(),
        total: row(
            "Kabupaten".into(),
            budget.curve.pagu,
            budget.curve.realized,
            budget.curve.absorption_permille,
            budget.curve.plan_permille,
        ),
    })
}

fn decisions(conn: &Connection, meeting_id: &str) -> Result<Vec<MinutesDecisionView>> {
    let mut statement = conn.prepare_cached(
        "SELECT decision_id, item_id, text, link_kind, link_id FROM meeting_decisions
         WHERE meeting_id = ?1 AND removed = 0 ORDER BY created_key, decision_id",
    )?;
    let rows = statement.query_map([meeting_id], |row| {
        let link = match (row.get::<_, Option<String>>(3)?.as_deref(), row.get::<_, Option<String>>(4)?) {
            (Some("negotiation"), Some(negotiation_id)) => Some(DecisionLink::Negotiation { negotiation_id }),
            (Some("instruction"), Some(instruction_id)) => Some(DecisionLink::Instruction { instruction_id }),
            _ => None,
        };
        Ok(MinutesDecisionView { id: row.get(0)?, item_id: row.get(1)?, text: row.get(2)?, link })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Approve => "Disetujui",
        Outcome::Reject => "Ditolak",
        Outcome::Counter => "Disetujui dengan perubahan",
    }
}

fn with_unit(quantity: Quantity, unit: &str) -> String {
    let number = quantity.to_string().replace('.', ",");
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// "85 %; tenggat 31 Desember 2026": what the agency asked for.
fn requested(view: &NegotiationView) -> String {
    let mut parts = Vec::new();
    if let Some(target) = view.proposed_target {
        parts.push(with_unit(target, &view.unit));
    }
    if let Some(deadline) = &view.proposed_deadline {
        parts.push(format!("tenggat {}", indonesian_date(parse_day(deadline))));
    }
    parts.join("; ")
}

fn negotiation_row(view: &NegotiationView, decision: String, note: String) -> DecisionRow {
    let deadline_changed = view.effective_deadline != view.deadline_when_asked;
    let mut effective = with_unit(view.effective_target, &view.unit);
    if deadline_changed {
        effective = format!("{effective}; tenggat {}", indonesian_date(parse_day(&view.effective_deadline)));
    }
    DecisionRow {
        agency: view.agency_short_name.clone(),
        indicator: view.indicator_name.clone(),
        original_target: with_unit(view.original_target, &view.unit),
        requested: requested(view),
        decision,
        effective_target: effective,
        note,
    }
}

/// The decisions table: requests decided in this meeting (in the order decided, undone
/// ones left out), then the decisions the secretary wrote.
pub fn decision_rows(conn: &Connection, meeting_id: &str, today: NaiveDate) -> Result<Vec<DecisionRow>> {
    let sitting = negotiation_queries::sitting(conn, meeting_id)?;
    let mut rows: Vec<DecisionRow> = sitting
        .decisions
        .iter()
        .filter(|entry| !entry.decision.undone)
        .map(|entry| {
            let mut decision = outcome_word(entry.decision.outcome).to_owned();
            if entry.decision.outcome == Outcome::Counter {
                if let Some(target) = entry.decision.counter_target {
                    decision = format!("{decision}: {}", with_unit(target, &entry.negotiation.unit));
                }
            }
            negotiation_row(&entry.negotiation, decision, entry.decision.note.clone())
        })
        .collect();
    for written in decisions(conn, meeting_id)? {
        rows.push(match &written.link {
            Some(DecisionLink::Negotiation { negotiation_id }) => {
                let view = negotiation_queries::get(conn, negotiation_id)?;
                let standing = view.decisions.iter().find(|decision| decision.standing);
                let note = standing.map(|decision| outcome_word(decision.outcome).to_owned()).unwrap_or_default();
                negotiation_row(&view, written.text.clone(), note)
            }
            Some(DecisionLink::Instruction { instruction_id }) => {
                let detail = instruction_queries::detail(conn, instruction_id, today, None)?;
                DecisionRow {
                    agency: detail.summary.lead_agency_short_name.clone(),
                    indicator: format!(
                        "{} {}",
                        detail.summary.number.clone().unwrap_or_else(|| "Draf".into()),
                        detail.summary.title
                    ),
                    original_target: "–".into(),
                    requested: "–".into(),
                    decision: written.text.clone(),
                    effective_target: "–".into(),
                    note: String::new(),
                }
            }
            None => DecisionRow {
                agency: "–".into(),
                indicator: "–".into(),
                original_target: "–".into(),
                requested: "–".into(),
                decision: written.text.clone(),
                effective_target: "–".into(),
                note: String::new(),
            },
        });
    }
    Ok(rows)
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
pub fn pending_requests(conn: &Connection) -> Result<Vec<NegotiationView>> {
    negotiation_queries::list(
        conn,
        &NegotiationFilter { status: Some(NegotiationStatus::Pending), limit: Some(5000), ..Default::default() },
    )
}
