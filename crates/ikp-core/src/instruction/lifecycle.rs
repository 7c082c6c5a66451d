//! The instruction state machine. `overdue` is not a state: it is derived from the
//! deadline and the state when a screen asks.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Issued,
    InProgress,
    ReportedComplete,
    Verified,
    Cancelled,
}

/// What someone does to an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Redraft,
    Issue,
    Amend,
    ReportProgress,
    ReportComplete,
    ReturnCompletion,
    Verify,
    Cancel,
    /// An agency asks to change a target, or the leadership decides on such a request:
    /// only while the work is under way. The state does not change.
    NegotiateTarget,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Issued,
        Status::InProgress,
        Status::ReportedComplete,
        Status::Verified,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Issued => "issued",
            Status::InProgress => "in_progress",
            Status::ReportedComplete => "reported_complete",
            Status::Verified => "verified",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// Still expected to move: counts towards workload and can be overdue.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Issued | Status::InProgress | Status::ReportedComplete)
    }

    /// The state after `action`, or `None` if the action is not allowed now.
    pub fn after(self, action: Action) -> Option<Status> {
        use Action::*;
        use Status::*;
        match (self, action) {
            (Draft, Redraft) => Some(Draft),
            (Draft, Issue) => Some(Issued),
            (Issued | InProgress | ReportedComplete, Amend) => Some(self),
            (Issued | InProgress, ReportProgress) => Some(InProgress),
            (ReportedComplete, ReportProgress) => Some(ReportedComplete),
            (InProgress, ReportComplete) => Some(ReportedComplete),
            (ReportedComplete, ReturnCompletion) => Some(InProgress),
            (ReportedComplete, Verify) => Some(Verified),
            (Draft | Issued | InProgress | ReportedComplete, Cancel) => Some(Cancelled),
            (Issued | InProgress, NegotiateTarget) => Some(self),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Action::*;
    use super::Status::*;

    #[test]
    fn the_happy_path_runs_from_draft_to_verified() {
        let mut status = Draft;
        for action in [Redraft, Issue, Amend, ReportProgress, ReportProgress, ReportComplete, Verify] {
            status = status.after(action).unwrap_or_else(|| panic!("{action:?} refused in {status:?}"));
        }
        assert_eq!(status, Verified);
    }

    #[test]
    fn a_returned_completion_goes_back_to_in_progress() {
        assert_eq!(ReportedComplete.after(ReturnCompletion), Some(InProgress));
    }

    #[test]
    fn closed_instructions_accept_nothing() {
        for closed in [Verified, Cancelled] {
            for action in [
                Redraft,
                Issue,
                Amend,
                ReportProgress,
                ReportComplete,
                ReturnCompletion,
                Verify,
                Cancel,
                NegotiateTarget,
            ] {
                assert_eq!(closed.after(action), None, "{action:?} on {closed:?}");
            }
        }
    }

    #[test]
    fn refused_transitions() {
        let refused = [
            (Draft, ReportProgress),
            (Draft, Verify),
            (Draft, Amend),
            (Issued, Issue),
            (Issued, ReportComplete),
            (Issued, Verify),
            (InProgress, Verify),
            (InProgress, Redraft),
            (ReportedComplete, ReportComplete),
            (Draft, NegotiateTarget),
            (ReportedComplete, NegotiateTarget),
        ];
        for (status, action) in refused {
            assert_eq!(status.after(action), None, "{action:?} on {status:?}");
        }
    }
}
