//! The desk's minutes (notulen) use cases.

use std::ops::{Deref, DerefMut};

use crate::desk::Desk;
use crate::error::Result;
use crate::instruction::queries::InstructionDetail;
use crate::minutes::document::MinutesExport;
use crate::minutes::ops::{
    self as minutes_ops, AgendaItemInput, AttendeeInput, FollowUpInput, FollowUpInstructionInput, MeetingDetailsInput,
    MinutesDecisionInput, NoteInput,
};
use crate::minutes::queries::{self as minutes_queries, MeetingDraft, MeetingSummary, MinutesView};
use crate::negotiation::queries::{self as negotiation_queries, Sitting};

/// `desk.minutes()`: the use cases of the notulen of a meeting: drafting, finalizing, addenda
/// and export.
pub struct MinutesDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> MinutesDesk<D> {
    /// What the new-meeting form starts from (see `minutes::queries::new_meeting_draft`).
    pub fn new_draft(&self) -> Result<MeetingDraft> {
        minutes_queries::new_meeting_draft(self.desk.store.conn(), self.desk.today(), &self.desk.device_id().to_hex())
    }

    pub fn detail(&self, meeting_id: &str) -> Result<MinutesView> {
        minutes_queries::view(self.desk.store.conn(), meeting_id, self.desk.today())
    }

    pub fn summaries(&self, limit: u32) -> Result<Vec<MeetingSummary>> {
        minutes_queries::list(self.desk.store.conn(), limit)
    }

    /// The notulen to render: frozen once finalized, else as the records stand now.
    pub fn export(&self, meeting_id: &str) -> Result<MinutesExport> {
        minutes_queries::export(self.desk.store.conn(), meeting_id, self.desk.today())
    }

    /// "Salin ringkasan": a meeting's decisions, an instruction or a decision as a message
    /// for a WhatsApp group.
    pub fn share_message(&self, subject: &crate::share::ShareSubject) -> Result<String> {
        use crate::share::{self, ShareSubject};
        Ok(match subject {
            ShareSubject::Meeting(meeting_id) => {
                let export = self.export(meeting_id)?;
                share::meeting_message(&export.document, export.finalized)
            }
            ShareSubject::Instruction(id) => share::instruction_message(&self.desk.instructions_view().detail(id)?),
            ShareSubject::Decision(id) => share::decision_message(&self.desk.negotiations_view().detail(id)?),
        })
    }

    /// One meeting's decisions so far: the running summary of meeting mode.
    pub fn sitting(&self, meeting_id: &str) -> Result<Sitting> {
        negotiation_queries::sitting(self.desk.store.conn(), meeting_id)
    }
}

impl<D: DerefMut<Target = Desk>> MinutesDesk<D> {
    /// Creates a meeting with its minutes' identity block (the same meeting meeting mode
    /// links decisions to).
    pub fn create(&mut self, input: MeetingDetailsInput) -> Result<MinutesView> {
        let id = self.desk.act(|tx, author| minutes_ops::create(tx, author, input))?;
        self.detail(&id)
    }

    pub fn set_details(&mut self, meeting_id: &str, input: MeetingDetailsInput) -> Result<MinutesView> {
        self.desk.act(|tx, author| minutes_ops::set_details(tx, author, meeting_id, input))?;
        self.detail(meeting_id)
    }

    pub fn set_attendee(&mut self, input: AttendeeInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.desk.act(|tx, author| minutes_ops::set_attendee(tx, author, input))?;
        self.detail(&meeting_id)
    }

    /// Adds the heads of the agencies on the agenda who are not on the list yet.
    pub fn invite_agenda_heads(&mut self, meeting_id: &str) -> Result<MinutesView> {
        self.desk.act(|tx, author| minutes_ops::invite_agenda_heads(tx, author, meeting_id))?;
        self.detail(meeting_id)
    }

    pub fn set_agenda_item(&mut self, input: AgendaItemInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.desk.act(|tx, author| minutes_ops::set_agenda_item(tx, author, input))?;
        self.detail(&meeting_id)
    }

    /// Autosave of one agenda item's notes: an unchanged text records nothing.
    pub fn set_note(&mut self, input: NoteInput) -> Result<()> {
        self.desk.act(|tx, author| minutes_ops::set_note(tx, author, input))
    }

    pub fn set_decision(&mut self, input: MinutesDecisionInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.desk.act(|tx, author| minutes_ops::set_decision(tx, author, input))?;
        self.detail(&meeting_id)
    }

    pub fn set_follow_up(&mut self, input: FollowUpInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.desk.act(|tx, author| minutes_ops::set_follow_up(tx, author, input))?;
        self.detail(&meeting_id)
    }

    /// Turns a follow-up into an IKP instruction draft in one step.
    pub fn follow_up_to_instruction(&mut self, input: FollowUpInstructionInput) -> Result<InstructionDetail> {
        let id = self.desk.act(|tx, author| minutes_ops::follow_up_to_instruction(tx, author, input))?;
        self.desk.instructions().detail(&id)
    }

    pub fn finalize(&mut self, meeting_id: &str) -> Result<MinutesView> {
        self.desk.act(|tx, author| minutes_ops::finalize(tx, author, meeting_id))?;
        self.detail(meeting_id)
    }

    pub fn add_addendum(&mut self, meeting_id: &str, text: &str) -> Result<MinutesView> {
        self.desk.act(|tx, author| minutes_ops::add_addendum(tx, author, meeting_id, text))?;
        self.detail(meeting_id)
    }
}
