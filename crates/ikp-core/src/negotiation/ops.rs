//! Dialog kinerja use cases: an agency asks, the leadership decides (or takes a decision
//! back), the agency may withdraw first. Each validates against the local state, then
//! records one event through `record`, which authorizes and projects it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::payload::*;
use super::queries::NegotiationStatus;
use crate::error::{CoreError, InputProblem, Result};
use crate::instruction::lifecycle::Action;
use crate::instruction::ops::require_action;
use crate::instruction::payload::Direction;
use crate::kinds::DomainEvent;
use crate::meeting::{MeetingClosed, MeetingOpened};
use crate::quantity::Quantity;
use crate::record::record;
use crate::use_case::EvidenceRef;
use crate::use_case::{new_id, parse_date, parse_quantity, require_length, Author};
use crate::{device, policy};

const MAX_TEXT: usize = 5_000;
const MAX_LINE: usize = 300;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NegotiationInput {
    pub indicator_id: String,
    pub movement: Movement,
    /// Decimal text ("12" or "12,5"); empty or absent when only the deadline changes.
    pub proposed_target: Option<String>,
    /// YYYY-MM-DD; empty or absent when only the target changes.
    pub proposed_deadline: Option<String>,
    pub justification: String,
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    pub negotiation_id: String,
    pub outcome: Outcome,
    /// For a counter-offer: another value and/or deadline.
    pub counter_target: Option<String>,
    pub counter_deadline: Option<String>,
    pub note: String,
    /// The meeting in which the decision is taken (meeting mode), if any.
    pub meeting_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingInput {
    pub title: String,
    /// YYYY-MM-DD; defaults to today.
    pub held_on: Option<String>,
    pub place: String,
    pub chair: String,
}

/// What the request is about, as this database knows it now.
struct IndicatorState {
    instruction_id: String,
    agency_code: String,
    baseline: Quantity,
    target: Quantity,
    direction: Direction,
    deadline: NaiveDate,
}

/// An agency asks to change one of its own indicators. Returns the request's id.
pub fn request(conn: &Connection, author: &Author<'_>, input: NegotiationInput) -> Result<String> {
    let indicator = indicator_state(conn, &input.indicator_id)?;
    let proposed_target =
        optional(&input.proposed_target).map(|text| parse_quantity("proposedTarget", text)).transpose()?;
    let proposed_deadline =
        optional(&input.proposed_deadline).map(|text| parse_date("proposedDeadline", text)).transpose()?;
    require_length("justification", &input.justification, MAX_TEXT, true)?;
    if proposed_target.is_none() && proposed_deadline.is_none() {
        return Err(CoreError::invalid("proposedTarget", InputProblem::Required));
    }
    if let Some(target) = proposed_target {
        let moves_as_said = match input.movement {
            Movement::Lower => target < indicator.target,
            Movement::Raise => target > indicator.target,
        };
        if !moves_as_said || !beyond_baseline(&indicator, target) {
            return Err(CoreError::invalid("proposedTarget", InputProblem::WrongDirection));
        }
    }
    if proposed_deadline.is_some_and(|deadline| deadline < author.today) {
        return Err(CoreError::invalid("proposedDeadline", InputProblem::InThePast));
    }
    let negotiation_id = crate::claim::owned_id(author.key.id())?;
    let event = DomainEvent::NegotiationRequested(NegotiationRequested {
        negotiation_id: negotiation_id.clone(),
        indicator_id: input.indicator_id.clone(),
        instruction_id: indicator.instruction_id.clone(),
        agency_code: indicator.agency_code.clone(),
        movement: input.movement,
        proposed_target,
        proposed_deadline,
        target_when_asked: indicator.target,
        deadline_when_asked: indicator.deadline,
        justification: input.justification.trim().to_owned(),
        requested_on: author.today,
        evidence: input.evidence,
    });
    authorize(conn, author, &event)?;
    require_action(conn, &indicator.instruction_id, Action::NegotiateTarget)?;
    if let Some(open) = open_request(conn, &input.indicator_id)? {
        return Err(CoreError::NegotiationAlreadyOpen { indicator_id: input.indicator_id, negotiation_id: open });
    }
    record(conn, author.key, author.clock, &event)?;
    Ok(negotiation_id)
}

/// The agency takes back its own pending request.
pub fn withdraw(conn: &Connection, author: &Author<'_>, negotiation_id: &str, reason: &str) -> Result<()> {
    require_length("reason", reason, MAX_TEXT, false)?;
    let (agency_code, _, _) = negotiation_state(conn, negotiation_id)?;
    let event = DomainEvent::NegotiationWithdrawn(NegotiationWithdrawn {
        negotiation_id: negotiation_id.to_owned(),
        agency_code,
        reason: reason.trim().to_owned(),
    });
    authorize(conn, author, &event)?;
    require_pending(conn, negotiation_id)?;
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// The Regent or the Secretary approves, rejects or counters a pending request.
/// Returns the decision's event id (what an undo names).
pub fn decide(conn: &Connection, author: &Author<'_>, input: DecisionInput) -> Result<String> {
    let (_, indicator_id, instruction_id) = negotiation_state(conn, &input.negotiation_id)?;
    let indicator = indicator_state(conn, &indicator_id)?;
    require_length("note", &input.note, MAX_TEXT, false)?;
    let (counter_target, counter_deadline) = match input.outcome {
        Outcome::Counter => {
            let target =
                optional(&input.counter_target).map(|text| parse_quantity("counterTarget", text)).transpose()?;
            let deadline =
                optional(&input.counter_deadline).map(|text| parse_date("counterDeadline", text)).transpose()?;
            if target.is_none() && deadline.is_none() {
                return Err(CoreError::invalid("counterTarget", InputProblem::Required));
            }
            if target.is_some_and(|target| !beyond_baseline(&indicator, target)) {
                return Err(CoreError::invalid("counterTarget", InputProblem::WrongDirection));
            }
            if deadline.is_some_and(|deadline| deadline < author.today) {
                return Err(CoreError::invalid("counterDeadline", InputProblem::InThePast));
            }
            (target, deadline)
        }
        Outcome::Approve | Outcome::Reject => (None, None),
    };
    let meeting_id = optional(&input.meeting_id).map(str::to_owned);
    let event = DomainEvent::NegotiationDecided(NegotiationDecided {
        negotiation_id: input.negotiation_id.clone(),
        outcome: input.outcome,
        counter_target,
        counter_deadline,
        note: input.note.trim().to_owned(),
        meeting_id: meeting_id.clone(),
        decided_on: author.today,
    });
    authorize(conn, author, &event)?;
    require_pending(conn, &input.negotiation_id)?;
    require_action(conn, &instruction_id, Action::NegotiateTarget)?;
    if let Some(meeting_id) = &meeting_id {
        require_open_meeting(conn, meeting_id)?;
    }
    Ok(record(conn, author.key, author.clock, &event)?.id.to_hex())
}

/// Takes a decision back: the request is pending again and the target is what it was
/// before. Both events stay in the history.
pub fn undo(
    conn: &Connection,
    author: &Author<'_>,
    decision_event: &str,
    reason: &str,
    meeting_id: Option<&str>,
) -> Result<String> {
    require_length("reason", reason, MAX_TEXT, false)?;
    let (negotiation_id, undone): (String, bool) = conn
        .query_row(
            "SELECT negotiation_id, EXISTS (SELECT 1 FROM decision_undos WHERE decision_event = ?1)
             FROM negotiation_decisions WHERE event_id = ?1",
            [decision_event],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::UnknownDecision { id: decision_event.to_owned() })?;
    let meeting_id = meeting_id.filter(|id| !id.trim().is_empty()).map(str::to_owned);
    let event = DomainEvent::DecisionUndone(DecisionUndone {
        decision_event: decision_event.to_owned(),
        negotiation_id: negotiation_id.clone(),
        reason: reason.trim().to_owned(),
        meeting_id: meeting_id.clone(),
    });
    authorize(conn, author, &event)?;
    if undone {
        return Err(CoreError::DecisionAlreadyUndone { id: decision_event.to_owned() });
    }
    if let Some(meeting_id) = &meeting_id {
        require_open_meeting(conn, meeting_id)?;
    }
    record(conn, author.key, author.clock, &event)?;
    Ok(negotiation_id)
}

/// Opens a leadership meeting; decisions in meeting mode are linked to it.
pub fn open_meeting(conn: &Connection, author: &Author<'_>, input: MeetingInput) -> Result<String> {
    require_length("meetingTitle", &input.title, MAX_LINE, true)?;
    require_length("place", &input.place, MAX_LINE, true)?;
    require_length("chair", &input.chair, MAX_LINE, true)?;
    let held_on = match optional(&input.held_on) {
        Some(text) => parse_date("heldOn", text)?,
        None => author.today,
    };
    let meeting_id = new_id()?;
    let event = DomainEvent::MeetingOpened(MeetingOpened {
        meeting_id: meeting_id.clone(),
        title: input.title.trim().to_owned(),
        held_on,
        place: input.place.trim().to_owned(),
        chair: input.chair.trim().to_owned(),
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(meeting_id)
}

pub fn close_meeting(conn: &Connection, author: &Author<'_>, meeting_id: &str) -> Result<()> {
    let event = DomainEvent::MeetingClosed(MeetingClosed { meeting_id: meeting_id.to_owned() });
    authorize(conn, author, &event)?;
    require_open_meeting(conn, meeting_id)?;
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// Authorize before looking at the state, so another agency's staff hear "not
/// authorized", not "already decided".
fn authorize(conn: &Connection, author: &Author<'_>, event: &DomainEvent) -> Result<()> {
    policy::authorize(event, author.key.id(), device::principal(conn, author.key.id())?.as_ref())
}

fn optional(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

/// A target must stay on the better side of the baseline, or there is nothing to achieve.
fn beyond_baseline(indicator: &IndicatorState, target: Quantity) -> bool {
    match indicator.direction {
        Direction::HigherIsBetter => target > indicator.baseline,
        Direction::LowerIsBetter => target < indicator.baseline,
    }
}

fn indicator_state(conn: &Connection, indicator_id: &str) -> Result<IndicatorState> {
    conn.query_row(
        "SELECT instruction_id, agency_code, baseline, target, direction, deadline FROM indicators WHERE id = ?1",
        [indicator_id],
        |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
            ))
        },
    )
    .optional()?
    .map(|(instruction_id, agency_code, baseline, target, direction, deadline)| IndicatorState {
        instruction_id,
        agency_code,
        baseline: Quantity::from_ten_thousandths(baseline),
        target: Quantity::from_ten_thousandths(target),
        direction: Direction::parse(&direction).unwrap_or(Direction::HigherIsBetter),
        deadline: NaiveDate::parse_from_str(&deadline, "%Y-%m-%d").unwrap_or_default(),
    })
    .ok_or_else(|| CoreError::UnknownIndicator { id: indicator_id.to_owned() })
}

/// (agency, indicator, instruction) of a request.
fn negotiation_state(conn: &Connection, negotiation_id: &str) -> Result<(String, String, String)> {
    conn.query_row(
        "SELECT agency_code, indicator_id, instruction_id FROM negotiations WHERE id = ?1",
        [negotiation_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| CoreError::UnknownNegotiation { id: negotiation_id.to_owned() })
}

fn require_pending(conn: &Connection, negotiation_id: &str) -> Result<()> {
    let status: String =
        conn.query_row("SELECT status FROM negotiations WHERE id = ?1", [negotiation_id], |row| row.get(0))?;
    match NegotiationStatus::parse(&status) {
        Some(NegotiationStatus::Pending) => Ok(()),
        other => Err(CoreError::NegotiationNotPending {
            id: negotiation_id.to_owned(),
            status: other.unwrap_or(NegotiationStatus::Withdrawn),
        }),
    }
}

fn open_request(conn: &Connection, indicator_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM negotiations WHERE indicator_id = ?1 AND status = 'pending' LIMIT 1",
            [indicator_id],
            |row| row.get(0),
        )
        .optional()?)
}

fn require_open_meeting(conn: &Connection, meeting_id: &str) -> Result<()> {
    let closed: Option<Option<i64>> = conn
        .query_row("SELECT closed_at_ms FROM meetings WHERE id = ?1", params![meeting_id], |row| row.get(0))
        .optional()?;
    match closed {
        None => Err(CoreError::UnknownMeeting { id: meeting_id.to_owned() }),
        Some(Some(_)) => Err(CoreError::MeetingClosed { id: meeting_id.to_owned() }),
        Some(None) => Ok(()),
    }
}
