//! What a timeline entry says beyond its action: structured, so each screen words it in
//! its own language. Stored as JSON in `instruction_timeline.detail`; a change here is a
//! change of projection format (raise `projection::PROJECTION_VERSION`).

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;

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
