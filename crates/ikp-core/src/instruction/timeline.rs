//! What a timeline entry says beyond its action: structured, so each screen words it in
//! its own language. Stored as JSON in `instruction_timeline.detail`; a change here is a
//! change of projection format (raise `projection::PROJECTION_VERSION`).

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;

/// What happened to an instruction: a code the screens word in their language. Stored as
/// text in `instruction_timeline.action` — the step's name, or its "ignored_" form when
/// the event arrived but changed nothing (the status or the row did not allow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TimelineStep {
    Drafted,
    Issued,
    Amended,
    ProgressReported,
    CompletionReported,
    CompletionReturned,
    Verified,
    Cancelled,
    NoteAdded,
    /// A dialog-kinerja request on one of the instruction's indicators.
    TargetChangeRequested,
    /// A row this build does not know how to read.
    Other,
}

/// Each step with its stored text, applied and ignored.
const STORED: [(TimelineStep, &str, &str); 10] = [
    (TimelineStep::Drafted, "drafted", "ignored_redraft"),
    (TimelineStep::Issued, "issued", "ignored_issue"),
    (TimelineStep::Amended, "amended", "ignored_amend"),
    (TimelineStep::ProgressReported, "progress_reported", "ignored_progress"),
    (TimelineStep::CompletionReported, "completion_reported", "ignored_completion"),
    (TimelineStep::CompletionReturned, "completion_returned", "ignored_return"),
    (TimelineStep::Verified, "verified", "ignored_verify"),
    (TimelineStep::Cancelled, "cancelled", "ignored_cancel"),
    (TimelineStep::NoteAdded, "note_added", "ignored_note"),
    (TimelineStep::TargetChangeRequested, "request", "ignored_request"),
];

impl TimelineStep {
    /// The step a stored action names, and whether the event was applied.
    pub fn from_stored(text: &str) -> (TimelineStep, bool) {
        STORED
            .iter()
            .find_map(|(step, applied, ignored)| match text {
                _ if text == *applied => Some((*step, true)),
                _ if text == *ignored => Some((*step, false)),
                _ => None,
            })
            .unwrap_or((TimelineStep::Other, true))
    }

    /// The stored text of this step, applied or ignored.
    pub fn stored(self, applied: bool) -> &'static str {
        STORED.iter().find(|(step, ..)| *step == self).map_or("other", |(_, stored_applied, stored_ignored)| {
            if applied {
                stored_applied
            } else {
                stored_ignored
            }
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum TimelineDetail {
    /// A draft was written (or rewritten) under this title.
    Drafted {
        title: String,
    },
    Issued {
        number: String,
    },
    /// An edit after issue: what changed, and why.
    Amended {
        reason: String,
        fields: Vec<AmendedField>,
    },
    /// A value reported for an indicator, in the indicator's unit.
    Progress {
        indicator_name: String,
        value: Quantity,
        unit: String,
        note: String,
    },
    /// A progress report for an indicator this instruction does not have.
    UnknownIndicator {
        indicator_id: String,
    },
    /// A free note that came with the action (completion, verification).
    Note {
        note: String,
    },
    /// The reason given (returning a completion, cancelling).
    Reason {
        reason: String,
    },
    /// A record under an id that names another author: that author's, not this one's.
    ClaimedByAnother {
        record_id: String,
    },
    /// A row written before details were structured, as it was.
    Text {
        text: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AmendedField {
    Title,
    Text,
    Deadline,
}

/// English, for the command line and logs; the UI words details itself.
impl std::fmt::Display for TimelineDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimelineDetail::Drafted { title } => write!(f, "title: {title}"),
            TimelineDetail::Issued { number } => write!(f, "number {number}"),
            TimelineDetail::Amended { reason, fields } => {
                let fields: Vec<&str> = fields
                    .iter()
                    .map(|field| match field {
                        AmendedField::Title => "title",
                        AmendedField::Text => "text",
                        AmendedField::Deadline => "deadline",
                    })
                    .collect();
                write!(f, "changed {}; reason: {reason}", fields.join(", "))
            }
            TimelineDetail::Progress { indicator_name, value, unit, note } => {
                write!(f, "{indicator_name}: {value} {unit}")?;
                if !note.is_empty() {
                    write!(f, " ({note})")?;
                }
                Ok(())
            }
            TimelineDetail::UnknownIndicator { indicator_id } => write!(f, "unknown indicator {indicator_id}"),
            TimelineDetail::Note { note } => f.write_str(note),
            TimelineDetail::Reason { reason } => write!(f, "reason: {reason}"),
            TimelineDetail::ClaimedByAnother { record_id } => write!(f, "{record_id} belongs to another author"),
            TimelineDetail::Text { text } => f.write_str(text),
        }
    }
}

impl TimelineDetail {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("timeline details serialize")
    }

    /// Reads a stored detail; text that is not ours is kept as plain text.
    pub fn from_stored(stored: &str) -> TimelineDetail {
        serde_json::from_str(stored).unwrap_or_else(|_| TimelineDetail::Text { text: stored.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_round_trip_and_old_text_is_kept() {
        let detail = TimelineDetail::Progress {
            indicator_name: "Kasus ditangani".into(),
            value: Quantity::parse("7,5").unwrap(),
            unit: "kasus".into(),
            note: "".into(),
        };
        assert_eq!(TimelineDetail::from_stored(&detail.to_json()), detail);
        assert!(detail.to_json().contains(r#""kind":"progress""#));
        assert_eq!(
            TimelineDetail::from_stored("7 catatan lama"),
            TimelineDetail::Text { text: "7 catatan lama".into() }
        );
    }
}

#[cfg(test)]
mod step_tests {
    use super::*;

    #[test]
    fn every_step_reads_back_from_what_is_stored() {
        for (step, applied, ignored) in STORED {
            assert_eq!(TimelineStep::from_stored(applied), (step, true));
            assert_eq!(TimelineStep::from_stored(ignored), (step, false));
            assert_eq!(step.stored(true), applied);
            assert_eq!(step.stored(false), ignored);
        }
        assert_eq!(TimelineStep::from_stored("something_else"), (TimelineStep::Other, true));
    }
}
