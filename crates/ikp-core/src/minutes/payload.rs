//! Signed payloads of the minutes (notulen) of a leadership meeting. Do not modify these
//! structs: they are serialized and signed. A change is a new payload version.
//!
//! Every edit is one small event (an upsert of one row, last writer wins on the version
//! key), so autosave is simply "record on every change": nothing typed is lost if the
//! laptop dies mid-meeting.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::document::MinutesDocument;
use super::project;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// An official named in the minutes: the chair, the secretary, the minute-taker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Official {
    pub name: String,
    /// Jabatan: "Sekretaris Daerah Kabupaten Bekasi".
    pub title: String,
    /// Pangkat/golongan: "Pembina Utama Madya (IV/d)".
    pub rank: String,
    /// NIP, 18 digits for civil servants; empty for an elected official.
    pub nip: String,
}

/// `meeting.details_set` v1: the identity block of the minutes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingDetailsSet {
    pub meeting_id: String,
    pub title: String,
    /// The letter number of the minutes ("005/123/Setda"); may be empty until known.
    pub number: String,
    pub held_on: NaiveDate,
    /// "09.00" (WIB).
    pub start_time: String,
    /// "12.00" or empty ("selesai").
    pub end_time: String,
    pub place: String,
    pub chair: Official,
    pub secretary: Official,
    pub notulis: Official,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    /// Diwakili: someone came in the invitee's place.
    Represented,
    Absent,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Represented => "represented",
            Presence::Absent => "absent",
        }
    }

    pub fn parse(text: &str) -> Option<Presence> {
        match text {
            "present" => Some(Presence::Present),
            "represented" => Some(Presence::Represented),
            "absent" => Some(Presence::Absent),
            _ => None,
        }
    }
}

/// `meeting.attendee_set` v1: one attendee added, changed or removed. An attendee is an
/// agency's representative (`agency_code`) or a guest known only by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendeeSet {
    pub meeting_id: String,
    pub attendee_id: String,
    pub agency_code: Option<String>,
    pub name: String,
    /// Jabatan, as the attendance list shows it.
    pub position: String,
    pub presence: Presence,
    pub removed: bool,
}

/// What an agenda item is about. Live kinds pull their content from the records when
/// the minutes are viewed, and are frozen into the document at finalize.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// Typed by the secretary.
    Free,
    /// Pending negotiation requests, decided in meeting mode.
    Negotiations,
    /// The regency's budget absorption of a fiscal year: table and chart.
    BudgetAbsorption,
    /// Instructions past their deadline.
    OverdueInstructions,
    /// How agencies and camat followed up SP4N-LAPOR! complaints this year.
    ComplaintFollowUps,
}

impl AgendaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgendaKind::Free => "free",
            AgendaKind::Negotiations => "negotiations",
            AgendaKind::BudgetAbsorption => "budget_absorption",
            AgendaKind::OverdueInstructions => "overdue_instructions",
            AgendaKind::ComplaintFollowUps => "complaint_follow_ups",
        }
    }

    pub fn parse(text: &str) -> Option<AgendaKind> {
        match text {
            "free" => Some(AgendaKind::Free),
            "negotiations" => Some(AgendaKind::Negotiations),
            "budget_absorption" => Some(AgendaKind::BudgetAbsorption),
            "overdue_instructions" => Some(AgendaKind::OverdueInstructions),
            "complaint_follow_ups" => Some(AgendaKind::ComplaintFollowUps),
            _ => None,
        }
    }
}

/// `meeting.agenda_item_set` v2: one agenda item added, changed, moved or removed.
/// (v1 had no `requests`: it reads as every pending request.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItemSet {
    pub meeting_id: String,
    pub item_id: String,
    pub position: u32,
    pub kind: AgendaKind,
    pub title: String,
    /// For `BudgetAbsorption`: the fiscal year shown.
    pub fiscal_year: Option<i32>,
    pub removed: bool,
    /// For `Negotiations`: the requests ticked for the sitting; None for every request
    /// waiting for a decision.
    #[serde(default)]
    pub requests: Option<Vec<String>>,
}

/// `meeting.note_set` v1: the whole discussion text of one agenda item, as typed so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteSet {
    pub meeting_id: String,
    pub item_id: String,
    pub text: String,
}

/// What a decision of the minutes refers to, if anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DecisionLink {
    Negotiation {
        #[serde(rename = "negotiationId")]
        negotiation_id: String,
    },
    Instruction {
        #[serde(rename = "instructionId")]
        instruction_id: String,
    },
}

/// `meeting.decision_set` v1: one decision of the minutes (free text, or about a
/// negotiation request or an instruction) added, changed or removed. Decisions taken on
/// requests in meeting mode are `negotiation.decided` events and appear without this.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionSet {
    pub meeting_id: String,
    pub decision_id: String,
    pub item_id: Option<String>,
    pub text: String,
    pub link: Option<DecisionLink>,
    pub removed: bool,
}

/// `meeting.follow_up_set` v1: one follow-up action (rencana tindak lanjut).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUpSet {
    pub meeting_id: String,
    pub follow_up_id: String,
    pub item_id: Option<String>,
    pub action: String,
    pub agency_code: String,
    pub deadline: NaiveDate,
    /// The IKP instruction (draft) made from it, once made.
    pub instruction_id: Option<String>,
    pub removed: bool,
}

/// `meeting.minutes_finalized` v2: the minutes are final. The event carries the whole
/// document as it stood, so the exported notulen never changes afterwards, whatever
/// later happens to the records it was drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinutesFinalized {
    pub meeting_id: String,
    pub finalized_on: NaiveDate,
    pub document: Box<MinutesDocument>,
}

/// `meeting.addendum_added` v1: a correction after finalize, shown as such.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddendumAdded {
    pub meeting_id: String,
    pub addendum_id: String,
    pub text: String,
    pub added_on: NaiveDate,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for MeetingDetailsSet {
    const NAME: &'static str = "meeting.details_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::details_set(conn, event, self)
    }
}

impl EventKind for AttendeeSet {
    const NAME: &'static str = "meeting.attendee_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::attendee_set(conn, event, self)
    }
}

impl EventKind for AgendaItemSet {
    const NAME: &'static str = "meeting.agenda_item_set";
    const VERSION: u32 = 2;
    const OLDEST_READ: u32 = 1;
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::agenda_item_set(conn, event, self)
    }
}

impl EventKind for NoteSet {
    const NAME: &'static str = "meeting.note_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::note_set(conn, event, self)
    }
}

impl EventKind for DecisionSet {
    const NAME: &'static str = "meeting.decision_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::decision_set(conn, event, self)
    }
}

impl EventKind for FollowUpSet {
    const NAME: &'static str = "meeting.follow_up_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::follow_up_set(conn, event, self)
    }
}

impl EventKind for MinutesFinalized {
    const NAME: &'static str = "meeting.minutes_finalized";
    // v2: the document carries its heading (Notulen/Notula); a v1 document reads as
    // "NOTULEN RAPAT".
    const VERSION: u32 = 2;
    const OLDEST_READ: u32 = 1;
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::SignMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::finalized(conn, event, self)
    }
}

impl EventKind for AddendumAdded {
    const NAME: &'static str = "meeting.addendum_added";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::SignMinutes);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::addendum_added(conn, event, self)
    }
}
