//! Every kind of event the core knows. Each payload declares itself once, beside its
//! struct, by implementing [`EventKind`]: its name, payload version, the authority its
//! author needs, the files it references (they travel with it in a bundle) and its
//! projection. The list below is the only other place a kind is named: from it the macro
//! derives `DomainEvent`, `kind()`, `decode`, and the table [`KINDS`] that an import
//! consults for versions this build cannot read.

use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::Result;
use crate::event::SignedEvent;
use crate::policy::{KindAuthority, Scope};

/// A signed payload's declaration. Implemented by each payload struct in its own module.
pub trait EventKind: Serialize + DeserializeOwned + Into<DomainEvent> {
    /// The kind's name in the log and in bundles, e.g. `"instruction.issued"`.
    const NAME: &'static str;
    /// The payload version this build writes (and reads).
    const VERSION: u32 = 1;
    /// The oldest payload version this build still reads into the same struct. A new
    /// version may only add fields that an older payload lacks and serde fills with their
    /// default, so that every event written before an update keeps its projection.
    const OLDEST_READ: u32 = Self::VERSION;
    /// Who may author an event of this kind. It must not depend on the payload beyond
    /// [`EventKind::scope`], so that an import can check it even for a payload version
    /// this build cannot decode.
    const AUTHORITY: KindAuthority;

    /// What the event is about, for the authority check: the agency (or device) it names.
    fn scope(&self) -> Scope<'_> {
        Scope::Regency
    }

    /// The record this event is about and cannot mean anything without: an import that
    /// brings the event first keeps it waiting (listed, relayed) until the record comes.
    fn waits_for(&self) -> Option<Prerequisite<'_>> {
        None
    }

    /// The evidence files (SHA-256, hex) this event references: they travel with it.
    fn files(&self) -> Vec<&str> {
        Vec::new()
    }

    /// Turns the event into rows of the projection tables.
    fn project(&self, conn: &Connection, event: &SignedEvent) -> Result<()>;
}

/// A record that events of other kinds name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Instruction,
    Indicator,
    Negotiation,
    /// A decision on a negotiation, named by its event's id.
    Decision,
}

impl RecordKind {
    const ALL: [RecordKind; 4] =
        [RecordKind::Instruction, RecordKind::Indicator, RecordKind::Negotiation, RecordKind::Decision];

    /// Its name where the waiting list is stored.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Instruction => "instruction",
            RecordKind::Indicator => "indicator",
            RecordKind::Negotiation => "negotiation",
            RecordKind::Decision => "decision",
        }
    }

    pub fn from_label(label: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|kind| kind.label() == label)
    }

    /// The projection table holding such records, and the column of their id.
    pub fn table(self) -> (&'static str, &'static str) {
        match self {
            RecordKind::Instruction => ("instructions", "id"),
            RecordKind::Indicator => ("indicators", "id"),
            RecordKind::Negotiation => ("negotiations", "id"),
            RecordKind::Decision => ("negotiation_decisions", "event_id"),
        }
    }
}

/// The record one event waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prerequisite<'a> {
    pub record: RecordKind,
    pub id: &'a str,
}

/// What the core knows of a kind without its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindDeclaration {
    pub name: &'static str,
    pub version: u32,
    pub oldest_read: u32,
    pub authority: KindAuthority,
}

/// The declaration of a kind by its name; None for a kind this build does not know.
pub fn declaration(name: &str) -> Option<&'static KindDeclaration> {
    KINDS.iter().find(|kind| kind.name == name)
}

macro_rules! event_kinds {
    ($($variant:ident($payload:ty),)+) => {
        /// A decoded event of a kind and version this build knows.
        // Events are made and projected one at a time, never held in bulk: a large variant
        // (the minutes' identity block names three officials) costs nothing worth boxing.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        pub enum DomainEvent {
            $($variant($payload),)+
        }

        $(impl From<$payload> for DomainEvent {
            fn from(payload: $payload) -> DomainEvent {
                DomainEvent::$variant(payload)
            }
        })+

        /// Every declared kind, in the order of the list.
        pub const KINDS: &[KindDeclaration] = &[$(KindDeclaration {
            name: <$payload as EventKind>::NAME,
            version: <$payload as EventKind>::VERSION,
            oldest_read: <$payload as EventKind>::OLDEST_READ,
            authority: <$payload as EventKind>::AUTHORITY,
        },)+];

        impl DomainEvent {
            pub fn kind(&self) -> &'static str {
                match self { $(DomainEvent::$variant(_) => <$payload as EventKind>::NAME,)+ }
            }

            /// The payload schema version written by this build for this kind.
            pub fn payload_version(&self) -> u32 {
                match self { $(DomainEvent::$variant(_) => <$payload as EventKind>::VERSION,)+ }
            }

            pub fn to_payload(&self) -> serde_json::Value {
                match self { $(DomainEvent::$variant(payload) => to_value(payload),)+ }
            }

            /// The payload as the JSON text an event carries: written straight from the
            /// typed payload, without a tree of JSON values between.
            pub fn to_payload_text(&self) -> Box<RawValue> {
                match self { $(DomainEvent::$variant(payload) => to_text(payload),)+ }
            }

            /// Who may author this event, and what it concerns.
            pub fn authority(&self) -> (KindAuthority, Scope<'_>) {
                match self {
                    $(DomainEvent::$variant(payload) => (<$payload as EventKind>::AUTHORITY, payload.scope()),)+
                }
            }

            /// The record this event waits for, if it names one.
            pub fn waits_for(&self) -> Option<Prerequisite<'_>> {
                match self { $(DomainEvent::$variant(payload) => payload.waits_for(),)+ }
            }

            /// The evidence files this event references.
            pub fn files(&self) -> Vec<&str> {
                match self { $(DomainEvent::$variant(payload) => payload.files(),)+ }
            }

            pub(crate) fn project(&self, conn: &Connection, event: &SignedEvent) -> Result<()> {
                match self { $(DomainEvent::$variant(payload) => payload.project(conn, event),)+ }
            }

            /// Reads a payload back, of the version this build writes or an older one it
            /// still reads. `Ok(None)` means a kind, or a version of a kind, this build does
            /// not know: such events are kept and relayed, but not projected. A known kind
            /// and version that does not decode is an error, never "unknown".
            pub fn decode(kind: &str, pv: u32, payload: &RawValue) -> Result<Option<DomainEvent>, String> {
                $(if kind == <$payload as EventKind>::NAME {
                    return if (<$payload as EventKind>::OLDEST_READ..=<$payload as EventKind>::VERSION).contains(&pv) {
                        from_text::<$payload>(payload).map(|payload| Some(DomainEvent::$variant(payload)))
                    } else {
                        Ok(None)
                    };
                })+
                Ok(None)
            }
        }
    };
}

event_kinds! {
    DeviceEnrolled(crate::device::DeviceEnrolled),
    DeviceGranted(crate::device::DeviceGranted),
    DeviceRevoked(crate::device::DeviceRevoked),
    RegencyProfileSet(crate::regency::RegencyProfile),
    RegencyLogoSet(crate::regency::RegencyLogoSet),
    AgencyRegistered(crate::agency::AgencyRegistered),
    AgencyProfileUpdated(crate::agency::AgencyProfileUpdated),
    InstructionDrafted(crate::instruction::payload::InstructionDrafted),
    InstructionIssued(crate::instruction::payload::InstructionIssued),
    InstructionAmended(crate::instruction::payload::InstructionAmended),
    CompletionReported(crate::instruction::payload::CompletionReported),
    CompletionReturned(crate::instruction::payload::CompletionReturned),
    InstructionVerified(crate::instruction::payload::InstructionVerified),
    InstructionCancelled(crate::instruction::payload::InstructionCancelled),
    ProgressReported(crate::instruction::payload::ProgressReported),
    InstructionNoteAdded(crate::instruction::payload::InstructionNoteAdded),
    NegotiationRequested(crate::negotiation::payload::NegotiationRequested),
    NegotiationWithdrawn(crate::negotiation::payload::NegotiationWithdrawn),
    NegotiationDecided(crate::negotiation::payload::NegotiationDecided),
    DecisionUndone(crate::negotiation::payload::DecisionUndone),
    MeetingOpened(crate::meeting::MeetingOpened),
    MeetingClosed(crate::meeting::MeetingClosed),
    BudgetCeilingSet(crate::budget::payload::CeilingSet),
    BudgetPlanSet(crate::budget::payload::PlanSet),
    BudgetRealized(crate::budget::payload::RealizationsRecorded),
    BudgetPhysicalReported(crate::budget::payload::PhysicalReported),
    CategoriesSet(crate::settings::CategoriesSet),
    NumberFormatSet(crate::settings::NumberFormatSet),
    BudgetThresholdsSet(crate::settings::BudgetThresholdsSet),
    HolidaysSet(crate::workdays::HolidaysSet),
    ComplaintTimeLimitsSet(crate::complaint::payload::TimeLimitsSet),
    ComplaintsRecorded(crate::complaint::payload::ComplaintsRecorded),
    ComplaintDisposed(crate::complaint::payload::ComplaintDisposed),
    ComplaintFollowedUp(crate::complaint::payload::ComplaintFollowedUp),
    ComplaintCompleted(crate::complaint::payload::ComplaintCompleted),
    ComplaintStatusChanged(crate::complaint::payload::ComplaintStatusChanged),
    MeetingDetailsSet(crate::minutes::payload::MeetingDetailsSet),
    MeetingAttendeeSet(crate::minutes::payload::AttendeeSet),
    MeetingAgendaItemSet(crate::minutes::payload::AgendaItemSet),
    MeetingNoteSet(crate::minutes::payload::NoteSet),
    MeetingDecisionSet(crate::minutes::payload::DecisionSet),
    MeetingFollowUpSet(crate::minutes::payload::FollowUpSet),
    MeetingMinutesFinalized(crate::minutes::payload::MinutesFinalized),
    MeetingAddendumAdded(crate::minutes::payload::AddendumAdded),
    AgencyDetailsSet(crate::agency::payload::AgencyDetails),
    AgencyHeadSet(crate::agency::payload::AgencyHeadSet),
    AgencyActiveSet(crate::agency::payload::AgencyActiveSet),
    AgencyListImported(crate::agency::payload::AgencyListImported),
    OfficialAppointed(crate::officials::OfficialAppointed),
    LetterheadSet(crate::letterhead::LetterheadSet),
    RootHandedOver(crate::succession::RootHandedOver),
    ComplaintFirstResponseSet(crate::complaint::payload::FirstResponseSet),
}

fn to_value<T: Serialize>(payload: &T) -> serde_json::Value {
    serde_json::to_value(payload).expect("payload structs always serialize")
}

fn to_text<T: Serialize>(payload: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(payload).expect("payload structs always serialize")
}

fn from_text<T: DeserializeOwned>(payload: &RawValue) -> Result<T, String> {
    serde_json::from_str(payload.get()).map_err(|err| err.to_string())
}

#[cfg(test)]
mod contract;
