//! What the person at this laptop may do with one complaint now: the policy, the
//! lifecycle and the row (which agency has it). The screen offers exactly these.

use serde::Serialize;

use super::lifecycle::{ComplaintAction, ComplaintStatus};
use super::payload::{ComplaintCompleted, ComplaintDisposed, ComplaintFollowedUp, ComplaintStatusChanged};
use crate::kinds::EventKind;
use crate::policy::{self, Scope};
use crate::principal::Principal;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintActions {
    /// Dispose, or dispose again to another agency.
    pub dispose: Option<ComplaintAction>,
    /// Hold, resume, declare out of scope, archive: those the status and the viewer allow.
    pub status_changes: Vec<ComplaintAction>,
    /// Record a follow-up, close with proof: for the agency that has the complaint.
    pub follow_up: bool,
    pub complete: bool,
}

pub fn allowed_actions(viewer: Option<&Principal>, status: ComplaintStatus, handler: Option<&str>) -> ComplaintActions {
    let may = |authority, scope| policy::permits(viewer, authority, scope);
    let desk = may(ComplaintDisposed::AUTHORITY, Scope::Regency);
    let dispose = [ComplaintAction::Dispose, ComplaintAction::Redispose]
        .into_iter()
        .find(|action| desk && status.after(*action).is_some());
    // The agency that has the complaint acts on it; the complaint desk may record on its
    // behalf from the command line, but its screen offers disposition, not field work.
    let handles = |authority| handler.is_some_and(|agency| may(authority, Scope::Agency(agency)) && !desk);
    let status_changes =
        [ComplaintAction::Hold, ComplaintAction::Resume, ComplaintAction::DeclareOutOfScope, ComplaintAction::Archive]
            .into_iter()
            .filter(|action| status.after(*action).is_some())
            .filter(|action| match action {
                ComplaintAction::Hold | ComplaintAction::Resume => desk || handles(ComplaintStatusChanged::AUTHORITY),
                _ => desk,
            })
            .collect();
    ComplaintActions {
        dispose,
        status_changes,
        follow_up: status.after(ComplaintAction::FollowUp).is_some() && handles(ComplaintFollowedUp::AUTHORITY),
        complete: status.after(ComplaintAction::Complete).is_some() && handles(ComplaintCompleted::AUTHORITY),
    }
}
