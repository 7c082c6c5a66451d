//! Minutes use cases. Each authorizes first (the leadership writes minutes), checks the
//! meeting exists and is not finalized (a typed refusal that leaves the database
//! unchanged), then records one event. Every edit is an event: that is the autosave.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use super::payload::*;
use super::queries;
use crate::error::{CoreError, InputProblem, Result};
use crate::instruction::ops::IndicatorInput;
use crate::instruction::ops::{self as instruction_ops, IssueInput};
use crate::instruction::payload::Direction;
use crate::kinds::DomainEvent;
use crate::meeting::MeetingOpened;
use crate::record::record;
use crate::use_case::{new_id, parse_date, require_length, Author};
use crate::{device, policy, settings};

const MAX_LINE: usize = 300;
const MAX_TEXT: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingDetailsInput {
    pub title: String,
    pub number: String,
    /// YYYY-MM-DD.
    pub held_on: String,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    pub chair: Official,
    pub secretary: Official,
    pub notulis: Official,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttendeeInput {
    pub meeting_id: String,
    /// Absent to add a new attendee.
    pub attendee_id: Option<String>,
    pub agency_code: Option<String>,
    pub name: String,
    pub position: String,
    pub presence: Presence,
    #[serde(default)]
    pub removed: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemInput {
    pub meeting_id: String,
    pub item_id: Option<String>,
    /// Absent: after the last item.
    pub position: Option<u32>,
    pub kind: AgendaKind,
    pub title: String,
    pub fiscal_year: Option<i32>,
    #[serde(default)]
    pub removed: bool,
    /// For the dialog-kinerja item: the requests ticked for the sitting; None (the
    /// default) for every request waiting for a decision.
    #[serde(default)]
    pub requests: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    pub meeting_id: String,
    pub item_id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesDecisionInput {
    pub meeting_id: String,
    pub decision_id: Option<String>,
    pub item_id: Option<String>,
    pub text: String,
    pub link: Option<DecisionLink>,
    #[serde(default)]
    pub removed: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUpInput {
    pub meeting_id: String,
    pub follow_up_id: Option<String>,
    pub item_id: Option<String>,
    pub action: String,
    pub agency_code: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    #[serde(default)]
    pub removed: bool,
}

/// What an instruction made from a follow-up needs beyond the follow-up itself.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUpInstructionInput {
    pub meeting_id: String,
    pub follow_up_id: String,
    pub category: String,
    pub indicator_name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub direction: Direction,
}

fn authorize(conn: &Connection, author: &Author<'_>, event: &DomainEvent) -> Result<()> {
    policy::authorize(event, author.key.id(), device::principal(conn, author.key.id())?.as_ref())
}

/// Authorizes, then refuses an edit of unknown or finalized minutes, then records.
fn edit(conn: &Connection, author: &Author<'_>, meeting_id: &str, event: DomainEvent) -> Result<()> {
    authorize(conn, author, &event)?;
    require_editable(conn, meeting_id)?;
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub(crate) fn require_editable(conn: &Connection, meeting_id: &str) -> Result<()> {
    let finalized: Option<Option<String>> =
        conn.query_row("SELECT finalized_on FROM meetings WHERE id = ?1", [meeting_id], |row| row.get(0)).optional()?;
    match finalized {
        None => Err(CoreError::UnknownMeeting { id: meeting_id.to_owned() }),
        Some(Some(_)) => Err(CoreError::MinutesFinalized { id: meeting_id.to_owned() }),
        Some(None) => Ok(()),
    }
}

fn validate_official(prefix: &str, official: &Official) -> Result<Official> {
    require_length(&format!("{prefix}Name"), &official.name, MAX_LINE, true)?;
    require_length(&format!("{prefix}Title"), &official.title, MAX_LINE, false)?;
    require_length(&format!("{prefix}Rank"), &official.rank, MAX_LINE, false)?;
    let nip: String = official.nip.chars().filter(|c| !c.is_whitespace()).collect();
    if !nip.is_empty() && (nip.len() != 18 || !nip.chars().all(|c| c.is_ascii_digit())) {
        return Err(CoreError::invalid(&format!("{prefix}Nip"), InputProblem::NotAllowed));
    }
    Ok(Official {
        name: official.name.trim().to_owned(),
        title: official.title.trim().to_owned(),
        rank: official.rank.trim().to_owned(),
        nip,
    })
}

fn validate_time(field: &str, text: &str, required: bool) -> Result<String> {
    let text = text.trim().replace(':', ".");
    if text.is_empty() {
        return if required { Err(CoreError::invalid(field, InputProblem::Required)) } else { Ok(text) };
    }
    let valid = chrono::NaiveTime::parse_from_str(&text, "%H.%M").is_ok();
    if valid {
        Ok(text)
    } else {
        Err(CoreError::invalid(field, InputProblem::NotAllowed))
    }
}

fn details(meeting_id: &str, input: &MeetingDetailsInput) -> Result<MeetingDetailsSet> {
    require_length("meetingTitle", &input.title, MAX_LINE, true)?;
    require_length("number", &input.number, 100, false)?;
    require_length("place", &input.place, MAX_LINE, true)?;
    Ok(MeetingDetailsSet {
        meeting_id: meeting_id.to_owned(),
        title: input.title.trim().to_owned(),
        number: input.number.trim().to_owned(),
        held_on: parse_date("heldOn", &input.held_on)?,
        start_time: validate_time("startTime", &input.start_time, true)?,
        end_time: validate_time("endTime", &input.end_time, false)?,
        place: input.place.trim().to_owned(),
        chair: validate_official("chair", &input.chair)?,
        secretary: validate_official("secretary", &input.secretary)?,
        notulis: validate_official("notulis", &input.notulis)?,
    })
}

/// Creates a meeting with its minutes' identity block. The meeting is the same record
/// meeting mode links decisions to. Returns its id.
pub fn create(conn: &Connection, author: &Author<'_>, input: MeetingDetailsInput) -> Result<String> {
    let meeting_id = new_id()?;
    let details = details(&meeting_id, &input)?;
    let opened = DomainEvent::MeetingOpened(MeetingOpened {
        meeting_id: meeting_id.clone(),
        title: details.title.clone(),
        held_on: details.held_on,
        place: details.place.clone(),
        chair: details.chair.name.clone(),
    });
    record(conn, author.key, author.clock, &opened)?;
    record(conn, author.key, author.clock, &DomainEvent::MeetingDetailsSet(details))?;
    Ok(meeting_id)
}

pub fn set_details(conn: &Connection, author: &Author<'_>, meeting_id: &str, input: MeetingDetailsInput) -> Result<()> {
    let details = details(meeting_id, &input)?;
    edit(conn, author, meeting_id, DomainEvent::MeetingDetailsSet(details))
}

pub fn set_attendee(conn: &Connection, author: &Author<'_>, input: AttendeeInput) -> Result<String> {
    require_length("name", &input.name, MAX_LINE, true)?;
    require_length("position", &input.position, MAX_LINE, false)?;
    let agency_code = input.agency_code.as_deref().map(str::trim).filter(|code| !code.is_empty());
    if let Some(code) = agency_code {
        require_agency(conn, code)?;
    }
    let attendee_id = existing_or_new(&input.attendee_id)?;
    let event = DomainEvent::MeetingAttendeeSet(AttendeeSet {
        meeting_id: input.meeting_id.clone(),
        attendee_id: attendee_id.clone(),
        agency_code: agency_code.map(str::to_owned),
        name: input.name.trim().to_owned(),
        position: input.position.trim().to_owned(),
        presence: input.presence,
        removed: input.removed,
    });
    edit(conn, author, &input.meeting_id, event)?;
    Ok(attendee_id)
}

/// Adds the head of every agency on the agenda who is not on the list yet, as present,
/// named and titled from the agency master data (editable like any line). The agencies on
/// the agenda: those whose target requests wait or were decided in this meeting when the
/// dialog kinerja is on it, and the leads of overdue instructions when those are. Returns
/// how many were added.
pub fn invite_agenda_heads(conn: &Connection, author: &Author<'_>, meeting_id: &str) -> Result<u32> {
    require_editable(conn, meeting_id)?;
    let mut invited = 0;
    for agency in queries::agencies_on_agenda(conn, meeting_id, author.today)? {
        if queries::attends(conn, meeting_id, &agency.code)? {
            continue;
        }
        // The head's post as the master data has it ("Kepala Pelaksana BPBD", "Camat …").
        let position = agency
            .head_title
            .clone()
            .filter(|title| !title.trim().is_empty())
            .unwrap_or_else(|| format!("Kepala {}", agency.short_name));
        let name = agency.head_name.clone().filter(|name| !name.trim().is_empty()).unwrap_or_else(|| position.clone());
        let input = AttendeeInput {
            meeting_id: meeting_id.to_owned(),
            attendee_id: None,
            agency_code: Some(agency.code),
            name,
            position,
            presence: Presence::Present,
            removed: false,
        };
        set_attendee(conn, author, input)?;
        invited += 1;
    }
    Ok(invited)
}

pub fn set_agenda_item(conn: &Connection, author: &Author<'_>, input: AgendaItemInput) -> Result<String> {
    require_length("agendaTitle", &input.title, MAX_LINE, true)?;
    let fiscal_year = match input.kind {
        AgendaKind::BudgetAbsorption => {
            let year = input.fiscal_year.unwrap_or_else(|| chrono::Datelike::year(&author.today));
            if !(2000..=2100).contains(&year) {
                return Err(CoreError::invalid("fiscalYear", InputProblem::OutOfRange));
            }
            Some(year)
        }
        _ => None,
    };
    let position = match input.position {
        Some(position) => position,
        None => conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM meeting_agenda WHERE meeting_id = ?1",
            [&input.meeting_id],
            |row| row.get(0),
        )?,
    };
    let requests = chosen_requests(conn, input.kind, input.requests)?;
    let item_id = existing_or_new(&input.item_id)?;
    let event = DomainEvent::MeetingAgendaItemSet(AgendaItemSet {
        meeting_id: input.meeting_id.clone(),
        item_id: item_id.clone(),
        position,
        kind: input.kind,
        title: input.title.trim().to_owned(),
        fiscal_year,
        removed: input.removed,
        requests,
    });
    edit(conn, author, &input.meeting_id, event)?;
    Ok(item_id)
}

/// The most requests one agenda item may name: more than a regency's year of them.
const MAX_CHOSEN_REQUESTS: usize = 2_000;

/// The requests ticked for a sitting, checked: only the dialog-kinerja item names any,
/// each is a request this laptop knows, none twice, in the order given.
fn chosen_requests(conn: &Connection, kind: AgendaKind, requests: Option<Vec<String>>) -> Result<Option<Vec<String>>> {
    let Some(requests) = requests else { return Ok(None) };
    if kind != AgendaKind::Negotiations {
        return Err(CoreError::invalid("requests", InputProblem::NotAllowed));
    }
    if requests.len() > MAX_CHOSEN_REQUESTS {
        return Err(CoreError::invalid("requests", InputProblem::TooLong));
    }
    let mut seen = std::collections::HashSet::new();
    let mut known = conn.prepare_cached("SELECT 1 FROM negotiations WHERE id = ?1")?;
    let mut chosen = Vec::with_capacity(requests.len());
    for id in requests {
        if !known.exists([&id])? {
            return Err(CoreError::UnknownNegotiation { id });
        }
        if seen.insert(id.clone()) {
            chosen.push(id);
        }
    }
    Ok(Some(chosen))
}

pub fn set_note(conn: &Connection, author: &Author<'_>, input: NoteInput) -> Result<()> {
    require_length("note", &input.text, MAX_TEXT, false)?;
    let event = DomainEvent::MeetingNoteSet(NoteSet {
        meeting_id: input.meeting_id.clone(),
        item_id: input.item_id.clone(),
        text: input.text.clone(),
    });
    authorize(conn, author, &event)?;
    require_editable(conn, &input.meeting_id)?;
    require_agenda_item(conn, &input.meeting_id, &input.item_id)?;
    // Autosave sends the text on every pause: an unchanged text adds no event.
    let current: Option<String> = conn
        .query_row(
            "SELECT text FROM meeting_notes WHERE meeting_id = ?1 AND item_id = ?2",
            [&input.meeting_id, &input.item_id],
            |row| row.get(0),
        )
        .optional()?;
    if current.as_deref() == Some(input.text.as_str()) {
        return Ok(());
    }
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn set_decision(conn: &Connection, author: &Author<'_>, input: MinutesDecisionInput) -> Result<String> {
    require_length("decision", &input.text, MAX_TEXT, true)?;
    match &input.link {
        Some(DecisionLink::Negotiation { negotiation_id }) => {
            crate::negotiation::queries::get(conn, negotiation_id)?;
        }
        Some(DecisionLink::Instruction { instruction_id }) => {
            crate::instruction::queries::detail(conn, instruction_id, author.today, None)?;
        }
        None => {}
    }
    if let Some(item_id) = &input.item_id {
        require_agenda_item(conn, &input.meeting_id, item_id)?;
    }
    let decision_id = existing_or_new(&input.decision_id)?;
    let event = DomainEvent::MeetingDecisionSet(DecisionSet {
        meeting_id: input.meeting_id.clone(),
        decision_id: decision_id.clone(),
        item_id: input.item_id.clone(),
        text: input.text.trim().to_owned(),
        link: input.link.clone(),
        removed: input.removed,
    });
    edit(conn, author, &input.meeting_id, event)?;
    Ok(decision_id)
}

pub fn set_follow_up(conn: &Connection, author: &Author<'_>, input: FollowUpInput) -> Result<String> {
    require_length("action", &input.action, MAX_TEXT, true)?;
    require_agency(conn, input.agency_code.trim())?;
    let deadline = parse_date("deadline", &input.deadline)?;
    if let Some(item_id) = &input.item_id {
        require_agenda_item(conn, &input.meeting_id, item_id)?;
    }
    let follow_up_id = existing_or_new(&input.follow_up_id)?;
    // An edit keeps the link to the instruction already made from it.
    let instruction_id: Option<String> = conn
        .query_row(
            "SELECT instruction_id FROM meeting_follow_ups WHERE meeting_id = ?1 AND follow_up_id = ?2",
            [&input.meeting_id, &follow_up_id],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    let event = DomainEvent::MeetingFollowUpSet(FollowUpSet {
        meeting_id: input.meeting_id.clone(),
        follow_up_id: follow_up_id.clone(),
        item_id: input.item_id.clone(),
        action: input.action.trim().to_owned(),
        agency_code: input.agency_code.trim().to_owned(),
        deadline,
        instruction_id,
        removed: input.removed,
    });
    edit(conn, author, &input.meeting_id, event)?;
    Ok(follow_up_id)
}

/// Turns a follow-up into an IKP instruction draft (lead: the follow-up's agency,
/// deadline: its deadline) and links the two. Returns the instruction's id.
pub fn follow_up_to_instruction(
    conn: &Connection,
    author: &Author<'_>,
    input: FollowUpInstructionInput,
) -> Result<String> {
    require_editable(conn, &input.meeting_id)?;
    let follow_up = queries::follow_up(conn, &input.meeting_id, &input.follow_up_id)?;
    if let Some(instruction_id) = follow_up.instruction_id {
        return Ok(instruction_id);
    }
    let meeting = crate::meeting::get(conn, &input.meeting_id)?;
    let issue = IssueInput {
        title: first_line(&follow_up.action),
        category: input.category.clone(),
        background: format!("Tindak lanjut {} tanggal {}.", meeting.title, meeting.held_on),
        text: follow_up.action.clone(),
        lead_agency: follow_up.agency_code.clone(),
        supporting_agencies: Vec::new(),
        indicators: vec![IndicatorInput {
            agency_code: follow_up.agency_code.clone(),
            name: input.indicator_name.clone(),
            unit: input.unit.clone(),
            baseline: input.baseline.clone(),
            target: input.target.clone(),
            direction: input.direction,
            deadline: None,
            source: None,
        }],
        deadline: Some(follow_up.deadline.clone()),
        draft_only: true,
    };
    let instruction_id = instruction_ops::issue(conn, author, issue)?;
    let event = DomainEvent::MeetingFollowUpSet(FollowUpSet {
        meeting_id: input.meeting_id.clone(),
        follow_up_id: input.follow_up_id.clone(),
        item_id: follow_up.item_id,
        action: follow_up.action,
        agency_code: follow_up.agency_code,
        deadline: parse_date("deadline", &follow_up.deadline)?,
        instruction_id: Some(instruction_id.clone()),
        removed: false,
    });
    edit(conn, author, &input.meeting_id, event)?;
    Ok(instruction_id)
}

/// Freezes the minutes: the document as it stands now is signed into the event.
pub fn finalize(conn: &Connection, author: &Author<'_>, meeting_id: &str) -> Result<()> {
    require_editable(conn, meeting_id)?;
    let thresholds = settings::budget_thresholds(conn)?;
    let document = queries::document(conn, meeting_id, author.today, thresholds)?;
    let event = DomainEvent::MeetingMinutesFinalized(MinutesFinalized {
        meeting_id: meeting_id.to_owned(),
        finalized_on: author.today,
        document: Box::new(document),
    });
    authorize(conn, author, &event)?;
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// A correction after finalize: a signed addendum, shown as such.
pub fn add_addendum(conn: &Connection, author: &Author<'_>, meeting_id: &str, text: &str) -> Result<String> {
    require_length("addendum", text, MAX_TEXT, true)?;
    let addendum_id = new_id()?;
    let event = DomainEvent::MeetingAddendumAdded(AddendumAdded {
        meeting_id: meeting_id.to_owned(),
        addendum_id: addendum_id.clone(),
        text: text.trim().to_owned(),
        added_on: author.today,
    });
    authorize(conn, author, &event)?;
    match require_editable(conn, meeting_id) {
        Err(CoreError::MinutesFinalized { .. }) => {}
        Err(other) => return Err(other),
        Ok(()) => return Err(CoreError::MinutesNotFinalized { id: meeting_id.to_owned() }),
    }
    record(conn, author.key, author.clock, &event)?;
    Ok(addendum_id)
}

fn existing_or_new(id: &Option<String>) -> Result<String> {
    match id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => Ok(id.to_owned()),
        None => new_id(),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    line.chars().take(200).collect()
}

fn require_agency(conn: &Connection, code: &str) -> Result<()> {
    let known: Option<i64> =
        conn.query_row("SELECT 1 FROM agencies WHERE code = ?1", [code], |row| row.get(0)).optional()?;
    known.map(|_| ()).ok_or_else(|| CoreError::UnknownAgency { code: code.to_owned() })
}

fn require_agenda_item(conn: &Connection, meeting_id: &str, item_id: &str) -> Result<()> {
    let known: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM meeting_agenda WHERE meeting_id = ?1 AND item_id = ?2 AND removed = 0",
            [meeting_id, item_id],
            |row| row.get(0),
        )
        .optional()?;
    known.map(|_| ()).ok_or_else(|| CoreError::UnknownAgendaItem { id: item_id.to_owned() })
}

/// The day the budget figures of the minutes are taken at: the meeting's day, or today
/// for a meeting still ahead.
pub(crate) fn as_of(held_on: NaiveDate, today: NaiveDate) -> NaiveDate {
    held_on.min(today)
}
