//! Signed payloads of instruction events. Do not modify these structs: they are
//! serialized and signed. A change is a new payload version, decoded beside the old.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::project;
use crate::kinds::{EventKind, Prerequisite, RecordKind};
use crate::policy::{Duty, KindAuthority, Scope};
use crate::quantity::Quantity;
pub use crate::use_case::EvidenceRef;

/// Which way an indicator improves: "cases handled" go up, "days to respond" go down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "higher_is_better" => Some(Direction::HigherIsBetter),
            "lower_is_better" => Some(Direction::LowerIsBetter),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSpec {
    pub indicator_id: String,
    pub agency_code: String,
    pub name: String,
    pub unit: String,
    pub baseline: Quantity,
    pub target: Quantity,
    pub direction: Direction,
    pub deadline: NaiveDate,
    /// Where the realized value comes from when no one reports it by hand. Absent for
    /// ordinary indicators (left out when absent, so older events keep their bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<IndicatorSource>,
}

/// An indicator whose value the core derives from other records, never from reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorSource {
    /// "Serapan anggaran": the agency's realization ÷ its pagu in force, in percent.
    BudgetAbsorption { fiscal_year: i32 },
}

impl IndicatorSource {
    pub const BUDGET_ABSORPTION: &'static str = "budget_absorption";

    pub fn kind(self) -> &'static str {
        match self {
            IndicatorSource::BudgetAbsorption { .. } => Self::BUDGET_ABSORPTION,
        }
    }

    pub fn fiscal_year(self) -> i32 {
        match self {
            IndicatorSource::BudgetAbsorption { fiscal_year } => fiscal_year,
        }
    }

    pub fn parse(kind: Option<&str>, fiscal_year: Option<i32>) -> Option<IndicatorSource> {
        match (kind, fiscal_year) {
            (Some(Self::BUDGET_ABSORPTION), Some(fiscal_year)) => {
                Some(IndicatorSource::BudgetAbsorption { fiscal_year })
            }
            _ => None,
        }
    }
}

/// `instruction.drafted` v1: the content of an instruction, before it is issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionDrafted {
    pub instruction_id: String,
    pub title: String,
    pub category: String,
    pub background: String,
    pub text: String,
    pub lead_agency: String,
    pub supporting_agencies: Vec<String>,
    pub indicators: Vec<IndicatorSpec>,
    pub deadline: NaiveDate,
}

/// `instruction.issued` v1: the official number and date; from here on it binds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionIssued {
    pub instruction_id: String,
    pub number: String,
    pub issued_on: NaiveDate,
    /// The number's year and sequence, since a configured format cannot be parsed back
    /// reliably. Absent in events from before number formats were configurable (they
    /// are left out when absent, so those events' bytes and signatures are unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
}

/// `instruction.amended` v1: an edit after issue, always with its reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionAmended {
    pub instruction_id: String,
    pub reason: String,
    pub title: Option<String>,
    pub text: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// `instruction.completion_reported` v1: the lead agency says the work is done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionReported {
    pub instruction_id: String,
    pub agency_code: String,
    pub note: String,
}

/// `instruction.completion_returned` v1: the leadership sends a completion report back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompletionReturned {
    pub instruction_id: String,
    pub reason: String,
}

/// `instruction.verified` v1: the leadership accepts the result; the instruction closes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionVerified {
    pub instruction_id: String,
    pub note: String,
}

/// `instruction.cancelled` v1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionCancelled {
    pub instruction_id: String,
    pub reason: String,
}

/// `instruction.note_added` v1: an agency assigned to an instruction writes a note on it
/// (what stands in its way, what it needs from another agency), for the leadership and the
/// other agencies to read in the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstructionNoteAdded {
    pub instruction_id: String,
    pub agency_code: String,
    pub note: String,
}

/// `progress.reported` v1: an agency's realized value for one of its indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressReported {
    pub progress_id: String,
    pub instruction_id: String,
    pub indicator_id: String,
    pub agency_code: String,
    pub value: Quantity,
    pub reported_on: NaiveDate,
    pub note: String,
    pub evidence: Vec<EvidenceRef>,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for InstructionDrafted {
    const NAME: &'static str = "instruction.drafted";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::drafted(conn, event, self)
    }
}

impl EventKind for InstructionIssued {
    const NAME: &'static str = "instruction.issued";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::issued(conn, event, self)
    }
}

impl EventKind for InstructionAmended {
    const NAME: &'static str = "instruction.amended";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::amended(conn, event, self)
    }
}

impl EventKind for CompletionReported {
    const NAME: &'static str = "instruction.completion_reported";
    const AUTHORITY: KindAuthority = KindAuthority::Agency;

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::completion_reported(conn, event, self)
    }
}

impl EventKind for CompletionReturned {
    const NAME: &'static str = "instruction.completion_returned";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::completion_returned(conn, event, self)
    }
}

impl EventKind for InstructionVerified {
    const NAME: &'static str = "instruction.verified";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::verified(conn, event, self)
    }
}

impl EventKind for InstructionCancelled {
    const NAME: &'static str = "instruction.cancelled";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Instruct);

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::cancelled(conn, event, self)
    }
}

impl EventKind for InstructionNoteAdded {
    const NAME: &'static str = "instruction.note_added";
    const AUTHORITY: KindAuthority = KindAuthority::Agency;

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::note_added(conn, event, self)
    }
}

impl EventKind for ProgressReported {
    const NAME: &'static str = "progress.reported";
    const AUTHORITY: KindAuthority = KindAuthority::Agency;

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn files(&self) -> Vec<&str> {
        self.evidence.iter().map(|file| file.sha256.as_str()).collect()
    }

    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        Some(Prerequisite { record: RecordKind::Instruction, id: &self.instruction_id })
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::progress_reported(conn, event, self)
    }
}
