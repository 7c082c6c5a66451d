//! Signed payloads of complaint events. Do not modify these structs: they are serialized
//! and signed. A change is a new payload version, decoded beside the old.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::import::ComplaintColumn;
use super::lifecycle::{ComplaintAction, ComplaintStatus};
use super::project;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority, Scope};
use crate::use_case::EvidenceRef;

/// SP4N-LAPOR!'s three kinds of report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    Pengaduan,
    Aspirasi,
    PermintaanInformasi,
}

impl Classification {
    pub const ALL: [Classification; 3] =
        [Classification::Pengaduan, Classification::Aspirasi, Classification::PermintaanInformasi];

    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Pengaduan => "pengaduan",
            Classification::Aspirasi => "aspirasi",
            Classification::PermintaanInformasi => "permintaan_informasi",
        }
    }

    /// Our code, or the words of a LAPOR! export ("Permintaan Informasi", "Keluhan").
    pub fn parse(text: &str) -> Option<Classification> {
        let key: String = text.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match key.as_str() {
            "pengaduan" | "keluhan" | "complaint" => Some(Classification::Pengaduan),
            "aspirasi" | "aspiration" => Some(Classification::Aspirasi),
            "permintaaninformasi" | "informasi" | "infomationrequest" | "informationrequest" => {
                Some(Classification::PermintaanInformasi)
            }
            _ => None,
        }
    }
}

/// What kind of proof closes a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProofKind {
    Photo,
    Video,
    /// An official letter (surat resmi), scanned or as PDF.
    Letter,
}

impl ProofKind {
    /// File types accepted for each kind, by extension.
    pub fn accepts(self, file_name: &str) -> bool {
        let extension = file_name.rsplit_once('.').map(|(_, ext)| ext.to_lowercase()).unwrap_or_default();
        let allowed: &[&str] = match self {
            ProofKind::Photo => &["jpg", "jpeg", "png", "heic", "heif", "webp"],
            ProofKind::Video => &["mp4", "mov", "3gp", "mkv", "webm", "avi"],
            ProofKind::Letter => &["pdf", "jpg", "jpeg", "png", "tif", "tiff"],
        };
        allowed.contains(&extension.as_str())
    }
}

/// One complaint as LAPOR! exports it, or as typed in by the Secretary's office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintRow {
    pub tracking_id: String,
    pub received_on: NaiveDate,
    pub channel: String,
    pub classification: Classification,
    pub category: String,
    pub summary: String,
    /// Where it happened: the code of a kecamatan agency, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kecamatan_code: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub desa: String,
    /// A field check is needed: the longer time limit applies.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub field_check: bool,
    /// The stage LAPOR! shows, with the agency and dates it knows. They seed a complaint
    /// this laptop has not worked on yet; once it has (disposition, follow-up...), only
    /// the descriptive fields above are updated by a re-import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ComplaintStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposed_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followed_up_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<NaiveDate>,
}

/// Where imported complaints came from, and how its columns were read (remembered for
/// the next file from the same source).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintImportSource {
    /// The export's origin as the user names it ("LAPOR! Kab. Bekasi").
    pub source: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: u32,
    /// Header text → column, for every header that was read.
    pub mapping: Vec<(String, ComplaintColumn)>,
}

/// `complaint.recorded` v1: one complaint typed in, or every row of one import, signed
/// once. A tracking id already known updates that complaint instead of adding one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintsRecorded {
    pub source: Option<ComplaintImportSource>,
    pub complaints: Vec<ComplaintRow>,
}

/// `complaint.disposed` v1: the Secretary's office sends a complaint to an agency or a
/// camat, or (with `previous_agency`) takes it from one and sends it to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintDisposed {
    pub tracking_id: String,
    pub agency_code: String,
    pub previous_agency: Option<String>,
    pub disposed_on: NaiveDate,
    /// Why (required when re-disposing).
    pub reason: String,
    /// Set when the disposition decides whether a field check is needed.
    pub field_check: Option<bool>,
}

/// `complaint.followed_up` v1: what the agency did, with evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintFollowedUp {
    pub followup_id: String,
    pub tracking_id: String,
    pub agency_code: String,
    pub followed_on: NaiveDate,
    pub action_taken: String,
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    pub kind: ProofKind,
    pub evidence: EvidenceRef,
}

/// `complaint.completed` v1: closed by the agency, with proof of completion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintCompleted {
    pub tracking_id: String,
    pub agency_code: String,
    pub completed_on: NaiveDate,
    pub outcome: String,
    pub proof: Vec<Proof>,
}

/// `complaint.status_changed` v1: put on hold, resumed, declared not the regency's to
/// handle, or archived. `agency_code` is set when the agency itself acts (hold, resume).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintStatusChanged {
    pub tracking_id: String,
    pub agency_code: Option<String>,
    pub action: ComplaintAction,
    pub changed_on: NaiveDate,
    pub reason: String,
}

/// The time limits of one classification, in working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimeLimit {
    pub classification: Classification,
    /// From receipt to verification and disposition.
    pub verification_days: u32,
    /// From disposition to the agency's completion.
    pub follow_up_days: u32,
    /// The same, when a field check is needed.
    pub field_check_days: u32,
}

/// `settings.complaint_time_limits_set` v1: the limits of every classification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeLimitsSet {
    pub limits: Vec<TimeLimit>,
}

/// `settings.complaint_first_response_set` v1: the working days an agency has from a
/// complaint's disposition to its first follow-up (the first of the two clocks; the
/// second, to completion, is the time limit per classification).
/// Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstResponseSet {
    pub working_days: u32,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for FirstResponseSet {
    const NAME: &'static str = "settings.complaint_first_response_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        super::limits::apply_first_response_set(conn, event, self)
    }
}

impl EventKind for TimeLimitsSet {
    const NAME: &'static str = "settings.complaint_time_limits_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        super::limits::apply_time_limits_set(conn, event, self)
    }
}

impl EventKind for ComplaintsRecorded {
    const NAME: &'static str = "complaint.recorded";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepComplaints);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::recorded(conn, event, self)
    }
}

impl EventKind for ComplaintDisposed {
    const NAME: &'static str = "complaint.disposed";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepComplaints);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::disposed(conn, event, self)
    }
}

impl EventKind for ComplaintFollowedUp {
    const NAME: &'static str = "complaint.followed_up";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepComplaints);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn files(&self) -> Vec<&str> {
        self.evidence.iter().map(|file| file.sha256.as_str()).collect()
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::followed_up(conn, event, self)
    }
}

impl EventKind for ComplaintCompleted {
    const NAME: &'static str = "complaint.completed";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepComplaints);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn files(&self) -> Vec<&str> {
        self.proof.iter().map(|proof| proof.evidence.sha256.as_str()).collect()
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::completed(conn, event, self)
    }
}

impl EventKind for ComplaintStatusChanged {
    const NAME: &'static str = "complaint.status_changed";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepComplaints);

    fn scope(&self) -> Scope<'_> {
        // The agency may hold or resume a complaint it has; anything else is the
        // complaint desk's.
        match (&self.agency_code, self.action) {
            (Some(agency_code), ComplaintAction::Hold | ComplaintAction::Resume) => Scope::Agency(agency_code),
            _ => Scope::Regency,
        }
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::status_changed(conn, event, self)
    }
}
