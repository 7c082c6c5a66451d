//! The desk's instruction use cases: issue, report, decide, and what the screens read.

use crate::desk::Desk;
use crate::device;
use crate::error::Result;
use crate::instruction::ops::{self, AmendInput, EditDraftInput, IssueInput, ProgressInput};
use crate::instruction::queries::{
    self, AgencyDashboard, AgencyScore, Dashboard, InstructionDetail, InstructionFilter, InstructionSummary,
    SilentAgency,
};

impl Desk {
    pub fn issue_instruction(&mut self, input: IssueInput) -> Result<InstructionDetail> {
        let id = self.act(|tx, author| ops::issue(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn issue_draft(&mut self, instruction_id: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::issue_draft(tx, author, instruction_id))?;
        self.instruction(instruction_id)
    }

    pub fn report_progress(&mut self, input: ProgressInput) -> Result<InstructionDetail> {
        self.require_evidence(&input.evidence)?;
        let instruction_id = self.act(|tx, author| ops::report_progress(tx, author, input))?;
        self.instruction(&instruction_id)
    }

    pub fn report_completion(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::report_complete(tx, author, instruction_id, note))?;
        self.instruction(instruction_id)
    }

    /// A note by the user's agency on an instruction it is assigned to.
    pub fn add_instruction_note(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::add_note(tx, author, instruction_id, note))?;
        self.instruction(instruction_id)
    }

    pub fn return_completion(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::return_completion(tx, author, instruction_id, reason))?;
        self.instruction(instruction_id)
    }

    pub fn verify_instruction(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::verify(tx, author, instruction_id, note))?;
        self.instruction(instruction_id)
    }

    pub fn amend_instruction(&mut self, input: AmendInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.act(|tx, author| {
            ops::amend(tx, author, &input.instruction_id, &input.reason, input.title, input.text, input.deadline)
        })?;
        self.instruction(&id)
    }

    /// Rewrites a draft (and issues it, unless `content.draftOnly`).
    pub fn edit_draft(&mut self, input: EditDraftInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.act(|tx, author| ops::edit_draft(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn cancel_instruction(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::cancel(tx, author, instruction_id, reason))?;
        self.instruction(instruction_id)
    }

    pub fn agency_dashboard(&self, agency_code: &str) -> Result<AgencyDashboard> {
        queries::agency_dashboard(self.store.conn(), agency_code, self.today())
    }

    pub fn instructions(&self, filter: &InstructionFilter) -> Result<Vec<InstructionSummary>> {
        queries::list(self.store.conn(), filter, self.today())
    }

    pub fn instruction(&self, instruction_id: &str) -> Result<InstructionDetail> {
        let viewer = device::principal(self.store.conn(), self.key.id())?;
        let mut detail = queries::detail(self.store.conn(), instruction_id, self.today(), viewer.as_ref())?;
        detail.allowed_actions.negotiable_indicators =
            crate::negotiation::allowed::negotiable_indicators(viewer.as_ref(), &detail);
        Ok(detail)
    }

    pub fn scorecard(&self) -> Result<Vec<AgencyScore>> {
        queries::scorecard(self.store.conn(), self.today())
    }

    pub fn dashboard(&self) -> Result<Dashboard> {
        queries::dashboard(self.store.conn(), self.today())
    }

    pub fn silent_indicators(&self, days: u32) -> Result<Vec<SilentAgency>> {
        queries::silent_indicators(self.store.conn(), days, self.today())
    }
}
