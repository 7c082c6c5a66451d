//! The desk's minutes (notulen) use cases.

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

impl Desk {
    /// Creates a meeting with its minutes' identity block (the same meeting meeting mode
    /// links decisions to).
    pub fn create_meeting(&mut self, input: MeetingDetailsInput) -> Result<MinutesView> {
        let id = self.act(|tx, author| minutes_ops::create(tx, author, input))?;
        self.minutes(&id)
    }

    /// What the new-meeting form starts from (see `minutes::queries::new_meeting_draft`).
    pub fn new_meeting_draft(&self) -> Result<MeetingDraft> {
        minutes_queries::new_meeting_draft(self.store.conn(), self.today(), &self.device_id().to_hex())
    }

    pub fn set_meeting_details(&mut self, meeting_id: &str, input: MeetingDetailsInput) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::set_details(tx, author, meeting_id, input))?;
        self.minutes(meeting_id)
    }

    pub fn set_attendee(&mut self, input: AttendeeInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_attendee(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    /// Adds the heads of the agencies on the agenda who are not on the list yet.
    pub fn invite_agenda_heads(&mut self, meeting_id: &str) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::invite_agenda_heads(tx, author, meeting_id))?;
        self.minutes(meeting_id)
    }

    pub fn set_agenda_item(&mut self, input: AgendaItemInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_agenda_item(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    /// Autosave of one agenda item's notes: an unchanged text records nothing.
    pub fn set_minutes_note(&mut self, input: NoteInput) -> Result<()> {
        self.act(|tx, author| minutes_ops::set_note(tx, author, input))
    }

    pub fn set_minutes_decision(&mut self, input: MinutesDecisionInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_decision(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    pub fn set_follow_up(&mut self, input: FollowUpInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_follow_up(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    /// Turns a follow-up into an IKP instruction draft in one step.
    pub fn follow_up_to_instruction(&mut self, input: FollowUpInstructionInput) -> Result<InstructionDetail> {
        let id = self.act(|tx, author| minutes_ops::follow_up_to_instruction(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn finalize_minutes(&mut self, meeting_id: &str) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::finalize(tx, author, meeting_id))?;
        self.minutes(meeting_id)
    }

    pub fn add_minutes_addendum(&mut self, meeting_id: &str, text: &str) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::add_addendum(tx, author, meeting_id, text))?;
        self.minutes(meeting_id)
    }

    pub fn minutes(&self, meeting_id: &str) -> Result<MinutesView> {
        minutes_queries::view(self.store.conn(), meeting_id, self.today())
    }

    pub fn meeting_summaries(&self, limit: u32) -> Result<Vec<MeetingSummary>> {
        minutes_queries::list(self.store.conn(), limit)
    }

    /// The notulen to render: frozen once finalized, else as the records stand now.
    pub fn minutes_export(&self, meeting_id: &str) -> Result<MinutesExport> {
        minutes_queries::export(self.store.conn(), meeting_id, self.today())
    }

    /// "Salin ringkasan": a meeting's decisions, an instruction or a decision as a message
    /// for a WhatsApp group.
    pub fn share_message(&self, subject: &crate::share::ShareSubject) -> Result<String> {
        use crate::share::{self, ShareSubject};
        Ok(match subject {
            ShareSubject::Meeting(meeting_id) => {
                let export = self.minutes_export(meeting_id)?;
                share::meeting_message(&export.document, export.finalized)
            }
            ShareSubject::Instruction(id) => share::instruction_message(&self.instruction(id)?),
            ShareSubject::Decision(id) => share::decision_message(&self.negotiation(id)?),
        })
    }

    /// One meeting's decisions so far: the running summary of meeting mode.
    pub fn sitting(&self, meeting_id: &str) -> Result<Sitting> {
        negotiation_queries::sitting(self.store.conn(), meeting_id)
    }
}
