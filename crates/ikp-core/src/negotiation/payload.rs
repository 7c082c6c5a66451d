//! Signed payloads of the performance dialogue (dialog kinerja). Do not modify these
//! structs: they are serialized and signed. A change is a new payload version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::project;
use crate::kinds::{EventKind, Prerequisite, RecordKind};
use crate::policy::{Duty, KindAuthority, Scope};
use crate::quantity::Quantity;
use crate::use_case::EvidenceRef;

/// Which way the agency wants the target value to move. A lower value is an easier
/// target for "cases handled" and a harder one for "days to respond": the indicator's
/// own direction says which; this says only which way the number goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Lower,
    Raise,
}

impl Movement {
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::Lower => "lower",
            Movement::Raise => "raise",
        }
    }

    pub fn parse(text: &str) -> Option<Movement> {
        match text {
            "lower" => Some(Movement::Lower),
            "raise" => Some(Movement::Raise),
            _ => None,
        }
    }
}

/// What the leadership decided on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The proposal stands as asked.
    Approve,
    /// The original target stands ("seperti awal, mereka harus mencapai target").
    Reject,
    /// Approved with another value and/or deadline; what the counter leaves out is
    /// taken from the proposal.
    Counter,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::Reject => "reject",
            Outcome::Counter => "counter",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        match text {
            "approve" => Some(Outcome::Approve),
            "reject" => Some(Outcome::Reject),
            "counter" => Some(Outcome::Counter),
            _ => None,
        }
    }
}

/// `negotiation.requested` v1: an agency asks to change one of its indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegotiationRequested {
    pub negotiation_id: String,
    pub indicator_id: String,
    pub instruction_id: String,
    pub agency_code: String,
    pub movement: Movement,
    pub proposed_target: Option<Quantity>,
    pub proposed_deadline: Option<NaiveDate>,
    /// The effective target and deadline the agency saw when asking, for the record.
    pub target_when_asked: Quantity,
    pub deadline_when_asked: NaiveDate,
    pub justification: String,
    pub requested_on: NaiveDate,
    pub evidence: Vec<EvidenceRef>,
}

/// `negotiation.withdrawn` v1: the agency takes its request back before a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegotiationWithdrawn {
    pub negotiation_id: String,
    pub agency_code: String,
    pub reason: String,
}

/// `negotiation.decided` v1: the Regent or the Secretary decides on a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegotiationDecided {
    pub negotiation_id: String,
    pub outcome: Outcome,
    pub counter_target: Option<Quantity>,
    pub counter_deadline: Option<NaiveDate>,
    pub note: String,
    /// The meeting (rapim) where it was decided, if any.
    pub meeting_id: Option<String>,
    pub decided_on: NaiveDate,
}

/// `negotiation.decision_undone` v1: takes a decision back (the request is pending
/// again). A new event, never a deletion: both stay in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionUndone {
    /// The id of the `negotiation.decided` event taken back.
    pub decision_event: String,
    pub negotiation_id: String,
    pub reason: String,
    pub meeting_id: Option<String>,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

/// A decision (or its undo) taken in a meeting is the chair's, whoever typed it.
fn sitting(meeting_id: Option<&str>) -> Scope<'_> {
    match meeting_id {
        Some(id) if !id.trim().is_empty() => Scope::Sitting(id),
        _ => Scope::Regency,
    }
}

impl EventKind for NegotiationRequested {
    const NAME: &'static str = "negotiation.requested";
    const AUTHORITY: KindAuthority = KindAuthority::Agency;

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn files(&self) -> Vec<&str> {
        self.evidence.iter().map(|file| file.sha256.as_str()).collect()
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Indicator, id: &self.indicator_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::requested(conn, event, self)
    }
}

impl EventKind for NegotiationWithdrawn {
    const NAME: &'static str = "negotiation.withdrawn";
    const AUTHORITY: KindAuthority = KindAuthority::Agency;

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Negotiation, id: &self.negotiation_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::withdrawn(conn, event, self)
    }
}

impl EventKind for NegotiationDecided {
    const NAME: &'static str = "negotiation.decided";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrSittingRecorder(Duty::Decide);

    fn scope(&self) -> Scope<'_> {
        sitting(self.meeting_id.as_deref())
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Negotiation, id: &self.negotiation_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::decided(conn, event, self)
    }
}

impl EventKind for DecisionUndone {
    const NAME: &'static str = "negotiation.decision_undone";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrSittingRecorder(Duty::Decide);

    fn scope(&self) -> Scope<'_> {
        sitting(self.meeting_id.as_deref())
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Decision, id: &self.decision_event })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::undone(conn, event, self)
    }
}
