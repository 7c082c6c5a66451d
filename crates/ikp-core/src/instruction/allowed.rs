//! What the person at this laptop may do with one instruction now: the policy (the
//! authority each kind declares), the lifecycle (what the status allows) and the row (who
//! leads, whose indicators). The screens offer exactly these actions and derive nothing
//! from roles; the use cases check the same rules again when an action is taken.

use serde::Serialize;

use super::lifecycle::{Action, Status};
use super::payload::{
    CompletionReported, CompletionReturned, InstructionAmended, InstructionCancelled, InstructionDrafted,
    InstructionIssued, InstructionNoteAdded, InstructionVerified, ProgressReported,
};
use super::queries::IndicatorView;
use crate::kinds::EventKind;
use crate::policy::{self, Scope};
use crate::principal::Principal;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AllowedActions {
    /// Instruction-wide actions: issue, redraft (edit the draft), amend, cancel, verify,
    /// return the completion, report completion.
    pub actions: Vec<Action>,
    /// The viewer's agency leads, and may report completion once work is under way.
    pub completion_after_progress: bool,
    /// Indicators the viewer may report progress on (automatic ones take no reports).
    pub reportable_indicators: Vec<String>,
    /// Indicators whose target the viewer may ask to change (dialog kinerja): filled in
    /// by the negotiation domain (`negotiation::allowed`), which owns that request.
    pub negotiable_indicators: Vec<String>,
    /// The viewer's agency is named by the instruction and may write a note on it.
    pub add_note: bool,
}

pub fn allowed_actions(
    viewer: Option<&Principal>,
    status: Status,
    lead_agency: &str,
    assigned: &[&str],
    indicators: &[IndicatorView],
) -> AllowedActions {
    let may = |authority, scope| policy::permits(viewer, authority, scope);
    let regency_wide = [
        (Action::Issue, InstructionIssued::AUTHORITY),
        (Action::Redraft, InstructionDrafted::AUTHORITY),
        (Action::Amend, InstructionAmended::AUTHORITY),
        (Action::Cancel, InstructionCancelled::AUTHORITY),
        (Action::Verify, InstructionVerified::AUTHORITY),
        (Action::ReturnCompletion, CompletionReturned::AUTHORITY),
    ];
    let mut actions: Vec<Action> = regency_wide
        .into_iter()
        .filter(|(action, authority)| status.after(*action).is_some() && may(*authority, Scope::Regency))
        .map(|(action, _)| action)
        .collect();
    let leads = may(CompletionReported::AUTHORITY, Scope::Agency(lead_agency));
    if leads && status.after(Action::ReportComplete).is_some() {
        actions.push(Action::ReportComplete);
    }
    let indicators_where = |action: Action, authority, automatic_too: bool| -> Vec<String> {
        if status.after(action).is_none() {
            return Vec::new();
        }
        indicators
            .iter()
            .filter(|indicator| automatic_too || indicator.source.is_none())
            .filter(|indicator| may(authority, Scope::Agency(&indicator.agency_code)))
            .map(|indicator| indicator.id.clone())
            .collect()
    };
    AllowedActions {
        actions,
        completion_after_progress: leads && status == Status::Issued,
        reportable_indicators: indicators_where(Action::ReportProgress, ProgressReported::AUTHORITY, false),
        negotiable_indicators: Vec::new(),
        add_note: status.is_active()
            && assigned.iter().any(|agency| may(InstructionNoteAdded::AUTHORITY, Scope::Agency(agency))),
    }
}
