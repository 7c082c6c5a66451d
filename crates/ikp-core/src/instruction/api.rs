//! The desk's instruction use cases: issue, report, decide, and what the screens read.

use std::ops::{Deref, DerefMut};

use crate::desk::Desk;
use crate::device;
use crate::error::Result;
use crate::instruction::ops::{self, AmendInput, EditDraftInput, IssueInput, ProgressInput};
use crate::instruction::queries::{
    self, AgencyDashboard, AgencyScore, Dashboard, InstructionDetail, InstructionFilter, InstructionSummary,
    SilentAgency,
};

/// `desk.instructions()`: the use cases of issuing instructions, reporting on them, and what
/// the screens read of them.
pub struct InstructionDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> InstructionDesk<D> {
    pub fn agency_dashboard(&self, agency_code: &str) -> Result<AgencyDashboard> {
        queries::agency_dashboard(self.desk.store.conn(), agency_code, self.desk.today())
    }

    pub fn list(&self, filter: &InstructionFilter) -> Result<Vec<InstructionSummary>> {
        queries::list(self.desk.store.conn(), filter, self.desk.today())
    }

    pub fn detail(&self, instruction_id: &str) -> Result<InstructionDetail> {
        let viewer = device::principal(self.desk.store.conn(), self.desk.key.id())?;
        let mut detail = queries::detail(self.desk.store.conn(), instruction_id, self.desk.today(), viewer.as_ref())?;
        detail.allowed_actions.negotiable_indicators =
            crate::negotiation::allowed::negotiable_indicators(viewer.as_ref(), &detail);
        Ok(detail)
    }

    pub fn scorecard(&self) -> Result<Vec<AgencyScore>> {
        queries::scorecard(self.desk.store.conn(), self.desk.today())
    }

    pub fn dashboard(&self) -> Result<Dashboard> {
        queries::dashboard(self.desk.store.conn(), self.desk.today())
    }

    pub fn silent_indicators(&self, days: u32) -> Result<Vec<SilentAgency>> {
        queries::silent_indicators(self.desk.store.conn(), days, self.desk.today())
    }
}

impl<D: DerefMut<Target = Desk>> InstructionDesk<D> {
    pub fn issue(&mut self, input: IssueInput) -> Result<InstructionDetail> {
        let id = self.desk.act(|tx, author| ops::issue(tx, author, input))?;
        self.detail(&id)
    }

    pub fn issue_draft(&mut self, instruction_id: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::issue_draft(tx, author, instruction_id))?;
        self.detail(instruction_id)
    }

    pub fn report_progress(&mut self, input: ProgressInput) -> Result<InstructionDetail> {
        self.desk.require_evidence(&input.evidence)?;
        let instruction_id = self.desk.act(|tx, author| ops::report_progress(tx, author, input))?;
        self.detail(&instruction_id)
    }

    pub fn report_completion(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::report_complete(tx, author, instruction_id, note))?;
        self.detail(instruction_id)
    }

    /// A note by the user's agency on an instruction it is assigned to.
    pub fn add_note(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::add_note(tx, author, instruction_id, note))?;
        self.detail(instruction_id)
    }

    pub fn return_completion(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::return_completion(tx, author, instruction_id, reason))?;
        self.detail(instruction_id)
    }

    pub fn verify(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::verify(tx, author, instruction_id, note))?;
        self.detail(instruction_id)
    }

    pub fn amend(&mut self, input: AmendInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.desk.act(|tx, author| {
            ops::amend(tx, author, &input.instruction_id, &input.reason, input.title, input.text, input.deadline)
        })?;
        self.detail(&id)
    }

    /// Rewrites a draft (and issues it, unless `content.draftOnly`).
    pub fn edit_draft(&mut self, input: EditDraftInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.desk.act(|tx, author| ops::edit_draft(tx, author, input))?;
        self.detail(&id)
    }

    pub fn cancel(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.desk.act(|tx, author| ops::cancel(tx, author, instruction_id, reason))?;
        self.detail(instruction_id)
    }
}
