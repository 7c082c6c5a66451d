//! Which indicators of an instruction the person at this laptop may ask to change: the
//! instruction's status must allow a dialog kinerja, and the request's declared
//! authority must reach the indicator's agency. Automatic (budget) indicators too: their
//! target may be negotiated, only their value is measured.

use crate::instruction::lifecycle::Action;
use crate::instruction::queries::InstructionDetail;
use crate::kinds::EventKind;
use crate::policy::{self, Scope};
use crate::principal::Principal;

use super::payload::NegotiationRequested;

pub fn negotiable_indicators(viewer: Option<&Principal>, detail: &InstructionDetail) -> Vec<String> {
    if detail.summary.status.after(Action::NegotiateTarget).is_none() {
        return Vec::new();
    }
    detail
        .indicators
        .iter()
        .filter(|indicator| {
            policy::permits(viewer, NegotiationRequested::AUTHORITY, Scope::Agency(&indicator.agency_code))
        })
        .map(|indicator| indicator.id.clone())
        .collect()
}
