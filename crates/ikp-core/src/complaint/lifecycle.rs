//! The complaint state machine, after SP4N-LAPOR!'s stages: belum diverifikasi →
//! didisposisikan (verified and sent to an agency or a camat) → ditindaklanjuti (the
//! agency is working on it) → selesai; beside them ditunda (on hold: no clock runs),
//! bukan kewenangan (not the regency's to handle) and diarsipkan. `overdue` is not a
//! state: it is derived from the current stage's deadline when a screen asks.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Belum diverifikasi: received, not yet checked and sent on.
    Unverified,
    /// Diverifikasi dan didisposisikan: with an agency or a camat, no follow-up yet.
    Disposed,
    /// Diproses / ditindaklanjuti: the agency has recorded follow-up.
    InProgress,
    /// Selesai: closed with proof of completion.
    Completed,
    /// Ditunda.
    OnHold,
    /// Bukan kewenangan: not the regency's to handle.
    OutOfScope,
    /// Diarsipkan.
    Archived,
}

/// What someone does to a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintAction {
    Dispose,
    Redispose,
    FollowUp,
    Complete,
    Hold,
    Resume,
    DeclareOutOfScope,
    Archive,
}

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 7] = [
        ComplaintStatus::Unverified,
        ComplaintStatus::Disposed,
        ComplaintStatus::InProgress,
        ComplaintStatus::Completed,
        ComplaintStatus::OnHold,
        ComplaintStatus::OutOfScope,
        ComplaintStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Unverified => "unverified",
            ComplaintStatus::Disposed => "disposed",
            ComplaintStatus::InProgress => "in_progress",
            ComplaintStatus::Completed => "completed",
            ComplaintStatus::OnHold => "on_hold",
            ComplaintStatus::OutOfScope => "out_of_scope",
            ComplaintStatus::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// The status as LAPOR! exports and officials write it ("Belum Terverifikasi",
    /// "Proses", "Selesai"...), or our own code.
    pub fn from_lapor(text: &str) -> Option<ComplaintStatus> {
        let key: String = text.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        Some(match key.as_str() {
            "unverified" | "belumdiverifikasi" | "belumterverifikasi" | "baru" => ComplaintStatus::Unverified,
            "disposed" | "diverifikasi" | "terverifikasi" | "didisposisikan" | "disposisi" | "belumditindaklanjuti" => {
                ComplaintStatus::Disposed
            }
            "inprogress" | "diproses" | "proses" | "ditindaklanjuti" | "tindaklanjut" => ComplaintStatus::InProgress,
            "completed" | "selesai" => ComplaintStatus::Completed,
            "onhold" | "ditunda" | "tunda" => ComplaintStatus::OnHold,
            "outofscope" | "bukankewenangan" => ComplaintStatus::OutOfScope,
            "archived" | "diarsipkan" | "arsip" => ComplaintStatus::Archived,
            _ => return None,
        })
    }

    /// Still expected to move: counts as open and may be overdue (except on hold).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ComplaintStatus::Unverified
                | ComplaintStatus::Disposed
                | ComplaintStatus::InProgress
                | ComplaintStatus::OnHold
        )
    }

    /// The state after `action`, or `None` if the action is not allowed now.
    pub fn after(self, action: ComplaintAction) -> Option<ComplaintStatus> {
        use ComplaintAction::*;
        use ComplaintStatus::*;
        match (self, action) {
            (Unverified, Dispose) => Some(Disposed),
            (Disposed | InProgress | OnHold, Redispose) => Some(Disposed),
            (Disposed | InProgress, FollowUp) => Some(InProgress),
            (Disposed | InProgress, Complete) => Some(Completed),
            (Disposed | InProgress, Hold) => Some(OnHold),
            (OnHold, Resume) => Some(InProgress),
            (Unverified | Disposed, DeclareOutOfScope) => Some(OutOfScope),
            (Unverified | Completed | OnHold | OutOfScope, Archive) => Some(Archived),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ComplaintAction::*;
    use super::ComplaintStatus::*;
    use super::*;

    #[test]
    fn the_usual_path_runs_from_received_to_completed() {
        let mut status = Unverified;
        for action in [Dispose, FollowUp, Hold, Resume, FollowUp, Redispose, FollowUp, Complete, Archive] {
            status = status.after(action).unwrap_or_else(|| panic!("{action:?} refused in {status:?}"));
        }
        assert_eq!(status, Archived);
    }

    #[test]
    fn refused_transitions() {
        let refused = [
            (Unverified, FollowUp),
            (Unverified, Complete),
            (Unverified, Redispose),
            (Disposed, Dispose),
            (InProgress, Dispose),
            (InProgress, Resume),
            (OnHold, FollowUp),
            (OnHold, Complete),
            (Completed, FollowUp),
            (Completed, Redispose),
            (InProgress, DeclareOutOfScope),
            (Disposed, Archive),
            (InProgress, Archive),
        ];
        for (status, action) in refused {
            assert_eq!(status.after(action), None, "{action:?} on {status:?}");
        }
    }

    #[test]
    fn archived_complaints_accept_nothing() {
        for action in [Dispose, Redispose, FollowUp, Complete, Hold, Resume, DeclareOutOfScope, Archive] {
            assert_eq!(Archived.after(action), None, "{action:?}");
        }
    }

    #[test]
    fn lapor_words_are_understood() {
        assert_eq!(ComplaintStatus::from_lapor("Belum Terverifikasi"), Some(Unverified));
        assert_eq!(ComplaintStatus::from_lapor("Belum Ditindaklanjuti"), Some(Disposed));
        assert_eq!(ComplaintStatus::from_lapor("Proses"), Some(InProgress));
        assert_eq!(ComplaintStatus::from_lapor("SELESAI"), Some(Completed));
        assert_eq!(ComplaintStatus::from_lapor("Bukan Kewenangan"), Some(OutOfScope));
        assert_eq!(ComplaintStatus::from_lapor("entah"), None);
        for status in ComplaintStatus::ALL {
            assert_eq!(ComplaintStatus::from_lapor(status.as_str()), Some(status));
        }
    }
}
