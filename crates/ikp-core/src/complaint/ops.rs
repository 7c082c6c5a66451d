//! Complaint use cases: validate against local state, then record one event. Who may act
//! is decided in `policy` from the event alone; the use cases add what needs the row:
//! agency staff act only on complaints disposed to their agency.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use super::lifecycle::{ComplaintAction, ComplaintStatus};
use super::payload::*;
use super::project::{self, Complaint};
use crate::agency;
use crate::device;
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::{DomainEvent, EventKind};
use crate::policy::{self, Duty};
use crate::principal::Principal;
use crate::record::record;
use crate::use_case::EvidenceRef;
use crate::use_case::{new_id, parse_date, require_length, Author};

const MAX_TEXT: usize = 4_000;
pub(crate) const MAX_TRACKING_ID: usize = 40;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintInput {
    pub tracking_id: String,
    /// YYYY-MM-DD; defaults to today.
    pub received_on: Option<String>,
    pub channel: String,
    pub classification: Classification,
    pub category: String,
    pub summary: String,
    pub kecamatan_code: Option<String>,
    pub desa: String,
    pub field_check: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DisposeInput {
    pub tracking_id: String,
    /// An agency or a kecamatan (kecamatan are agencies with codes of their own).
    pub agency_code: String,
    /// Required when the complaint is already with an agency (re-disposition).
    pub reason: String,
    pub field_check: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintFollowUpInput {
    pub tracking_id: String,
    /// YYYY-MM-DD; defaults to today.
    pub followed_on: Option<String>,
    pub action_taken: String,
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CompleteInput {
    pub tracking_id: String,
    /// YYYY-MM-DD; defaults to today.
    pub completed_on: Option<String>,
    pub outcome: String,
    /// Photo, video or official letter: at least one.
    pub proof: Vec<Proof>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusInput {
    pub tracking_id: String,
    /// hold, resume, declare_out_of_scope or archive.
    pub action: ComplaintAction,
    pub reason: String,
}

/// Records one complaint typed in by the Secretary's office (or updates it, by tracking id).
pub fn record_complaint(conn: &Connection, author: &Author<'_>, input: ComplaintInput) -> Result<String> {
    require_complaint_desk(conn, author, ComplaintsRecorded::NAME)?;
    let tracking_id = tracking_id(&input.tracking_id)?;
    let received_on = optional_day("receivedOn", input.received_on.as_deref(), author.today)?;
    require_length("channel", &input.channel, 60, false)?;
    require_length("category", &input.category, 120, false)?;
    require_length("summary", &input.summary, MAX_TEXT, true)?;
    require_length("desa", &input.desa, 120, false)?;
    let kecamatan_code = input.kecamatan_code.map(|code| code.trim().to_owned()).filter(|code| !code.is_empty());
    if let Some(code) = &kecamatan_code {
        agency::require(conn, code)?;
    }
    // A complaint already worked on keeps its stage; a new one starts unverified.
    let existing = project::load(conn, &tracking_id)?;
    let row = ComplaintRow {
        tracking_id: tracking_id.clone(),
        received_on,
        channel: input.channel.trim().to_owned(),
        classification: input.classification,
        category: input.category.trim().to_owned(),
        summary: input.summary.trim().to_owned(),
        kecamatan_code,
        desa: input.desa.trim().to_owned(),
        field_check: input.field_check,
        status: existing.as_ref().map(|c| c.status),
        agency_code: existing.as_ref().and_then(|c| c.agency_code.clone()),
        disposed_on: existing.as_ref().and_then(|c| c.disposed_on.as_deref().and_then(parse_day)),
        followed_up_on: existing.as_ref().and_then(|c| c.first_followup_on.as_deref().and_then(parse_day)),
        completed_on: existing.as_ref().and_then(|c| c.completed_on.as_deref().and_then(parse_day)),
    };
    let event = DomainEvent::ComplaintsRecorded(ComplaintsRecorded { source: None, complaints: vec![row] });
    record(conn, author.key, author.clock, &event)?;
    Ok(tracking_id)
}

/// Sends a complaint to an agency or a camat; when it is already with one, sends it on
/// to another (the reason is required and kept in the re-disposition history).
pub fn dispose(conn: &Connection, author: &Author<'_>, input: DisposeInput) -> Result<()> {
    require_complaint_desk(conn, author, ComplaintDisposed::NAME)?;
    let complaint = require(conn, &input.tracking_id)?;
    let agency_code = input.agency_code.trim().to_owned();
    agency::require(conn, &agency_code)?;
    let action = if complaint.status == ComplaintStatus::Unverified {
        ComplaintAction::Dispose
    } else {
        ComplaintAction::Redispose
    };
    require_transition(&complaint, action)?;
    if action == ComplaintAction::Redispose {
        if complaint.agency_code.as_deref() == Some(agency_code.as_str()) {
            return Err(CoreError::invalid("agencyCode", InputProblem::NotAllowed));
        }
        require_length("reason", &input.reason, MAX_TEXT, true)?;
    } else {
        require_length("reason", &input.reason, MAX_TEXT, false)?;
    }
    let event = DomainEvent::ComplaintDisposed(ComplaintDisposed {
        tracking_id: complaint.tracking_id,
        agency_code,
        previous_agency: complaint.agency_code,
        disposed_on: author.today,
        reason: input.reason.trim().to_owned(),
        field_check: input.field_check,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// The agency (or the Secretary's office for it) records what was done.
pub fn follow_up(conn: &Connection, author: &Author<'_>, input: ComplaintFollowUpInput) -> Result<()> {
    let complaint = require(conn, &input.tracking_id)?;
    let agency_code = require_handler(conn, author, &complaint, ComplaintFollowedUp::NAME)?;
    require_transition(&complaint, ComplaintAction::FollowUp)?;
    let followed_on = optional_day("followedOn", input.followed_on.as_deref(), author.today)?;
    require_length("actionTaken", &input.action_taken, MAX_TEXT, true)?;
    let event = DomainEvent::ComplaintFollowedUp(ComplaintFollowedUp {
        followup_id: new_id()?,
        tracking_id: complaint.tracking_id,
        agency_code,
        followed_on,
        action_taken: input.action_taken.trim().to_owned(),
        evidence: input.evidence,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// Closes a complaint: only with proof of completion (a photo, a video or an official letter).
pub fn complete(conn: &Connection, author: &Author<'_>, input: CompleteInput) -> Result<()> {
    let complaint = require(conn, &input.tracking_id)?;
    let agency_code = require_handler(conn, author, &complaint, ComplaintCompleted::NAME)?;
    require_transition(&complaint, ComplaintAction::Complete)?;
    if input.proof.is_empty() {
        return Err(CoreError::ComplaintProofRequired { tracking_id: complaint.tracking_id });
    }
    if let Some(index) = input.proof.iter().position(|proof| !proof.kind.accepts(&proof.evidence.file_name)) {
        return Err(CoreError::invalid(&format!("proof.{index}"), InputProblem::NotAllowed));
    }
    let completed_on = optional_day("completedOn", input.completed_on.as_deref(), author.today)?;
    require_length("outcome", &input.outcome, MAX_TEXT, true)?;
    let event = DomainEvent::ComplaintCompleted(ComplaintCompleted {
        tracking_id: complaint.tracking_id,
        agency_code,
        completed_on,
        outcome: input.outcome.trim().to_owned(),
        proof: input.proof,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

/// Hold or resume (the agency or the leadership); declare not the regency's to handle,
/// or archive (the leadership).
pub fn change_status(conn: &Connection, author: &Author<'_>, input: StatusInput) -> Result<()> {
    let complaint = require(conn, &input.tracking_id)?;
    let agency_code = match input.action {
        ComplaintAction::Hold | ComplaintAction::Resume => match device::principal(conn, author.key.id())? {
            Some(who) if !policy::holds_duty(&who, Duty::KeepComplaints) => {
                Some(require_handler(conn, author, &complaint, ComplaintStatusChanged::NAME)?)
            }
            _ => None,
        },
        ComplaintAction::DeclareOutOfScope | ComplaintAction::Archive => {
            require_complaint_desk(conn, author, ComplaintStatusChanged::NAME)?;
            None
        }
        _ => return Err(CoreError::invalid("action", InputProblem::NotAllowed)),
    };
    require_transition(&complaint, input.action)?;
    require_length("reason", &input.reason, MAX_TEXT, input.action != ComplaintAction::Archive)?;
    let event = DomainEvent::ComplaintStatusChanged(ComplaintStatusChanged {
        tracking_id: complaint.tracking_id,
        agency_code,
        action: input.action,
        changed_on: author.today,
        reason: input.reason.trim().to_owned(),
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn set_time_limits(conn: &Connection, author: &Author<'_>, limits: Vec<TimeLimit>) -> Result<()> {
    let principal = device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::Configure, TimeLimitsSet::NAME)?;
    super::limits::validate(&limits)?;
    record(conn, author.key, author.clock, &DomainEvent::ComplaintTimeLimitsSet(TimeLimitsSet { limits }))?;
    Ok(())
}

/// Sets the first clock: working days from disposition to the first follow-up.
pub fn set_first_response_days(conn: &Connection, author: &Author<'_>, working_days: u32) -> Result<()> {
    let principal = device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::Configure, FirstResponseSet::NAME)?;
    super::limits::validate_first_response(working_days)?;
    record(conn, author.key, author.clock, &DomainEvent::ComplaintFirstResponseSet(FirstResponseSet { working_days }))?;
    Ok(())
}

pub(crate) fn require(conn: &Connection, tracking_id: &str) -> Result<Complaint> {
    project::load(conn, tracking_id.trim())?
        .ok_or_else(|| CoreError::UnknownComplaint { tracking_id: tracking_id.trim().to_owned() })
}

fn require_transition(complaint: &Complaint, action: ComplaintAction) -> Result<()> {
    match complaint.status.after(action) {
        Some(_) => Ok(()),
        None => Err(CoreError::InvalidComplaintTransition {
            tracking_id: complaint.tracking_id.clone(),
            status: complaint.status,
            action,
        }),
    }
}

/// The agency a follow-up is recorded for: the one the complaint is with. Agency staff
/// may act only when that is their own agency (checked before the state, so a refusal
/// tells nothing about complaints of other agencies).
fn require_handler(conn: &Connection, author: &Author<'_>, complaint: &Complaint, kind: &str) -> Result<String> {
    let principal = device::principal(conn, author.key.id())?;
    let handler = complaint.agency_code.clone();
    match (&principal, &handler) {
        (Some(who), Some(agency)) if policy::holds_duty(who, Duty::KeepComplaints) || who.works_for(agency) => {
            Ok(agency.clone())
        }
        (Some(who), None) if policy::holds_duty(who, Duty::KeepComplaints) => {
            Err(CoreError::InvalidComplaintTransition {
                tracking_id: complaint.tracking_id.clone(),
                status: complaint.status,
                action: ComplaintAction::FollowUp,
            })
        }
        _ => Err(not_authorized(kind, principal.as_ref())),
    }
}

/// Refuses anyone but the complaint desk before anything about the complaint is checked,
/// so a refusal tells staff nothing about complaints that are not theirs.
fn require_complaint_desk(conn: &Connection, author: &Author<'_>, kind: &str) -> Result<()> {
    let principal = device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::KeepComplaints, kind)
}

pub(crate) fn not_authorized(kind: &str, principal: Option<&Principal>) -> CoreError {
    CoreError::NotAuthorized { kind: kind.to_owned(), role: principal.map(|who| who.role) }
}

pub(crate) fn tracking_id(text: &str) -> Result<String> {
    let id = text.trim();
    if id.is_empty() {
        return Err(CoreError::invalid("trackingId", InputProblem::Required));
    }
    if id.chars().count() > MAX_TRACKING_ID {
        return Err(CoreError::invalid("trackingId", InputProblem::TooLong));
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c)) {
        return Err(CoreError::invalid("trackingId", InputProblem::NotAllowed));
    }
    Ok(id.to_owned())
}

fn optional_day(field: &str, text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    let day = match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => parse_date(field, text)?,
        None => today,
    };
    if day > today {
        return Err(CoreError::invalid(field, InputProblem::InTheFuture));
    }
    Ok(day)
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}
