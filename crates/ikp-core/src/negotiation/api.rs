//! The desk's dialog-kinerja use cases: requests, decisions, meetings, the queue.

use std::ops::{Deref, DerefMut};

use serde::Serialize;

use crate::desk::Desk;
use crate::error::Result;
use crate::meeting::{self, Meeting};
use crate::negotiation::ops::{self as negotiation_ops, DecisionInput, MeetingInput, NegotiationInput};
use crate::negotiation::queries::{
    self as negotiation_queries, NegotiationFilter, NegotiationView, QueueGroup, Sitting, TargetHistory,
};

/// What a decision (or an undo) leaves behind, for the screen that made it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionResult {
    /// The decision's event id (what an undo names).
    pub decision_event: String,
    pub negotiation: NegotiationView,
    /// The meeting's running summary, when decided in meeting mode.
    pub sitting: Option<Sitting>,
}

/// `desk.negotiations()`: the use cases of dialog kinerja: requests, decisions in the sitting,
/// and their queues.
pub struct NegotiationDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> NegotiationDesk<D> {
    fn decision_result(
        &self,
        decision_event: String,
        negotiation_id: &str,
        meeting_id: Option<&str>,
    ) -> Result<DecisionResult> {
        let conn = self.desk.store.conn();
        Ok(DecisionResult {
            decision_event,
            negotiation: negotiation_queries::get(conn, negotiation_id)?,
            sitting: meeting_id.map(|id| negotiation_queries::sitting(conn, id)).transpose()?,
        })
    }

    pub fn detail(&self, negotiation_id: &str) -> Result<NegotiationView> {
        negotiation_queries::get(self.desk.store.conn(), negotiation_id)
    }

    pub fn list(&self, filter: &NegotiationFilter) -> Result<Vec<NegotiationView>> {
        negotiation_queries::list(self.desk.store.conn(), filter)
    }

    /// Meeting mode's queue: pending requests grouped by agency, with each agency's record.
    pub fn queue(&self) -> Result<Vec<QueueGroup>> {
        negotiation_queries::queue(self.desk.store.conn(), None)
    }

    /// The queue of a meeting's sitting: the pending requests its agenda ticked (every
    /// pending one when it ticked none in particular).
    pub fn sitting_queue(&self, meeting_id: &str) -> Result<Vec<QueueGroup>> {
        let chosen = crate::minutes::agenda::chosen_requests(self.desk.store.conn(), meeting_id)?;
        negotiation_queries::queue(self.desk.store.conn(), chosen.as_deref())
    }

    pub fn target_history(&self, indicator_id: &str) -> Result<TargetHistory> {
        negotiation_queries::target_history(self.desk.store.conn(), indicator_id)
    }

    pub fn meetings(&self, limit: u32) -> Result<Vec<Meeting>> {
        meeting::list(self.desk.store.conn(), limit)
    }
}

impl<D: DerefMut<Target = Desk>> NegotiationDesk<D> {
    /// An agency asks to change one of its indicators' target or deadline.
    pub fn request(&mut self, input: NegotiationInput) -> Result<NegotiationView> {
        self.desk.require_evidence(&input.evidence)?;
        let id = self.desk.act(|tx, author| negotiation_ops::request(tx, author, input))?;
        self.detail(&id)
    }

    pub fn withdraw(&mut self, negotiation_id: &str, reason: &str) -> Result<NegotiationView> {
        self.desk.act(|tx, author| negotiation_ops::withdraw(tx, author, negotiation_id, reason))?;
        self.detail(negotiation_id)
    }

    /// Decides a request; in meeting mode the sitting's running summary comes back too.
    pub fn decide(&mut self, input: DecisionInput) -> Result<DecisionResult> {
        let negotiation_id = input.negotiation_id.clone();
        let meeting_id = input.meeting_id.clone().filter(|id| !id.trim().is_empty());
        let decision_event = self.desk.act(|tx, author| negotiation_ops::decide(tx, author, input))?;
        self.decision_result(decision_event, &negotiation_id, meeting_id.as_deref())
    }

    /// Takes a decision back (a new event): the request is pending again.
    pub fn undo_decision(
        &mut self,
        decision_event: &str,
        reason: &str,
        meeting_id: Option<&str>,
    ) -> Result<DecisionResult> {
        let negotiation_id =
            self.desk.act(|tx, author| negotiation_ops::undo(tx, author, decision_event, reason, meeting_id))?;
        self.decision_result(decision_event.to_owned(), &negotiation_id, meeting_id)
    }

    pub fn open_meeting(&mut self, input: MeetingInput) -> Result<Meeting> {
        let id = self.desk.act(|tx, author| negotiation_ops::open_meeting(tx, author, input))?;
        meeting::get(self.desk.store.conn(), &id)
    }

    pub fn close_meeting(&mut self, meeting_id: &str) -> Result<Meeting> {
        self.desk.act(|tx, author| negotiation_ops::close_meeting(tx, author, meeting_id))?;
        meeting::get(self.desk.store.conn(), meeting_id)
    }
}
