//! The one error type of the core. Each variant is a *code* the UI switches on to show
//! plain Indonesian; the `Display` text is English for logs and the CLI.

use serde::Serialize;

use crate::budget::import::ImportColumn;
use crate::budget::plan_import::PlanColumn;
use crate::complaint::import::ComplaintColumn;
use crate::complaint::lifecycle::{ComplaintAction, ComplaintStatus};
use crate::instruction::lifecycle::{Action, Status};
use crate::negotiation::NegotiationStatus;
use crate::principal::Role;

/// What was wrong with one input field. The UI words each problem itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum InputProblem {
    Required,
    TooLong,
    NotAllowed,
    NotANumber,
    NotADate,
    InThePast,
    InTheFuture,
    /// A target on the wrong side of the baseline for the indicator's direction.
    WrongDirection,
    /// An amount below zero where only zero or more makes sense.
    Negative,
    /// Outside the values the field can take (a month 13, a percentage over 100...).
    OutOfRange,
    /// Parts that should add up to a total do not.
    DoesNotAddUp,
    /// The same value twice where each must be different (two categories of one label).
    Duplicate,
    /// Two values for what can have only one (the same SP2D line of a file with two
    /// amounts).
    Conflicting,
}

/// What is wrong with an instruction number template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum NumberFormatProblem {
    Empty,
    TooLong,
    NotAllowedCharacter,
    /// A `{` without its `}`, or the other way round.
    UnbalancedBrace,
    UnknownPlaceholder,
    MissingSeq,
    MissingYear,
}

pub use ikp_log::BundleProblem;
use ikp_log::LogError;

/// Why one event of a bundle is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum EventRefusal {
    /// The content does not hash to the event's id (altered).
    HashMismatch,
    /// The event's body cannot be read.
    Unreadable,
    /// The signature does not verify under the author's key (forged).
    BadSignature,
    /// The author was never enrolled by the regency's trust root.
    Unenrolled,
    /// The author was revoked before making this event.
    Revoked,
    /// The author's enrolled role may not make this kind of event.
    NotAuthorized,
    /// The author signed two different events under one number.
    Equivocation,
}

/// One refused event of a bundle, for the import report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RefusedEvent {
    pub event_id: String,
    pub kind: String,
    pub author: String,
    pub seq: u32,
    pub reason: EventRefusal,
    /// English detail for logs and the CLI.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// Named ApiError in TypeScript: that is the type the UI handles.
#[serde(tag = "code", content = "detail", rename = "ApiError", rename_all_fields = "camelCase")]
pub enum CoreError {
    #[error("this laptop has no user yet: run the first-start setup")]
    DeviceNotSetUp,
    #[error("this laptop already has a user")]
    DeviceAlreadySetUp,
    #[error("{} may not record `{kind}` events", role.map_or("an unenrolled device", Role::label_en))]
    NotAuthorized { kind: String, role: Option<Role> },
    #[error("no agency with code `{code}`")]
    UnknownAgency { code: String },
    #[error("agency `{code}` is deactivated: it receives nothing new")]
    AgencyInactive { code: String },
    #[error("field `{field}`: {problem:?}")]
    InvalidInput { field: String, problem: InputProblem },
    #[error("indicator `{id}` takes its value from the budget data: it cannot be reported by hand")]
    IndicatorIsAutomatic { id: String },
    #[error("no instruction with id `{id}`")]
    UnknownInstruction { id: String },
    #[error("no indicator with id `{id}`")]
    UnknownIndicator { id: String },
    #[error("an instruction that is {status:?} cannot be {action:?}")]
    InvalidTransition { status: Status, action: Action },
    #[error("`{file_name}` is {size_mb} MB; evidence files may be at most {limit_mb} MB")]
    EvidenceTooLarge { file_name: String, size_mb: u32, limit_mb: u32 },
    #[error("no negotiation request with id `{id}`")]
    UnknownNegotiation { id: String },
    #[error("indicator `{indicator_id}` already has an open request (`{negotiation_id}`): withdraw it or wait for the decision")]
    NegotiationAlreadyOpen { indicator_id: String, negotiation_id: String },
    #[error("request `{id}` is {status:?}: only a pending request can be decided or withdrawn")]
    NegotiationNotPending { id: String, status: NegotiationStatus },
    #[error("no decision with id `{id}`")]
    UnknownDecision { id: String },
    #[error("decision `{id}` has already been undone")]
    DecisionAlreadyUndone { id: String },
    #[error("no meeting with id `{id}`")]
    UnknownMeeting { id: String },
    #[error("meeting `{id}` is closed")]
    MeetingClosed { id: String },
    #[error("the minutes of meeting `{id}` are final: corrections only as an addendum")]
    MinutesFinalized { id: String },
    #[error("the minutes of meeting `{id}` are not final yet: edit them instead of adding an addendum")]
    MinutesNotFinalized { id: String },
    #[error("no agenda item with id `{id}` in this meeting")]
    UnknownAgendaItem { id: String },
    #[error("no follow-up action with id `{id}` in this meeting")]
    UnknownFollowUp { id: String },
    #[error("the file cannot be imported: {reason}")]
    ImportUnreadable { reason: String },
    #[error("the file lacks the columns {columns:?}")]
    ImportMissingColumns { columns: Vec<ImportColumn> },
    #[error("{rows} rows of the file have problems: nothing was imported")]
    ImportHasProblems { rows: u32 },
    #[error("no complaint with tracking id `{tracking_id}`")]
    UnknownComplaint { tracking_id: String },
    #[error("complaint `{tracking_id}` is {status:?}: it cannot be {action:?}")]
    InvalidComplaintTransition { tracking_id: String, status: ComplaintStatus, action: ComplaintAction },
    #[error("complaint `{tracking_id}` can be closed only with proof of completion (a photo, a video or an official letter)")]
    ComplaintProofRequired { tracking_id: String },
    #[error("the complaint file lacks the columns {columns:?}")]
    ComplaintImportMissingColumns { columns: Vec<ComplaintColumn> },
    #[error("the anggaran kas file lacks the columns {columns:?}")]
    PlanImportMissingColumns { columns: Vec<PlanColumn> },
    #[error("instruction number template: {problem:?} {}", placeholder.as_deref().unwrap_or_default())]
    InvalidNumberFormat { problem: NumberFormatProblem, placeholder: Option<String> },
    #[error("no evidence file `{sha256}` is stored here")]
    UnknownEvidence { sha256: String },
    /// The content is not one the desk opens (a program, a script, a macro document,
    /// anything unrecognised): it may only be saved as a copy.
    #[error("`{file_name}` is not an image, a PDF, an office document without macros or plain text: it is not opened, only saved")]
    EvidenceNotViewable { file_name: String },
    /// The device key exists but cannot be read as a key: the desk stops rather than
    /// make a new identity that the regency never enrolled.
    #[error("the device key {path} cannot be read ({reason}): restore it from a backup or ask the Secretariat to enroll this laptop again")]
    DeviceKeyUnreadable { path: String, reason: String },
    /// An earlier build's data folder (under the roaming profile) could not be moved to
    /// this computer's own: the desk opens neither, so no half-moved log is ever read.
    #[error("the data folder {from} could not be moved to {to} ({reason}): close any program using it and start again; nothing was deleted")]
    DataFolderNotMoved { from: String, to: String, reason: String },
    #[error("root key backup: {problem:?}")]
    RootKey { problem: crate::root_key::RootKeyProblem },
    #[error("the demo data is already loaded")]
    DemoAlreadyLoaded,
    #[error(
        "this laptop was restored from {backup}: import the newest files from the other laptops first (or confirm that nothing was sent after the backup), else its next event would repeat a number it already used"
    )]
    RestoredAwaitingHistory { backup: String },
    #[error("the database was written by a newer IKP Desk (schema {found}; this version knows up to {supported}): update the app")]
    DatabaseTooNew { found: u32, supported: u32 },
    #[error("event {id} cannot be read: {reason}")]
    CorruptEvent { id: String, reason: String },
    #[error("the file is not a readable sync bundle ({problem:?}): {detail}")]
    BundleUnreadable { problem: BundleProblem, detail: String },
    #[error("the bundle was made by {producer} (format {format}) — update the app")]
    BundleTooNew { producer: String, format: u32 },
    #[error("the bundle was refused, nothing was imported: {}", describe_refusals(refused, *total))]
    /// `refused` lists at most [`MAX_LISTED_REFUSALS`] events (the first in the file);
    /// `total` counts them all, so a file of a million bad events costs no million rows.
    BundleRefused { refused: Vec<RefusedEvent>, total: u32 },
    #[error(
        "this laptop does not know the regency's trust root yet: import the answer to its enrolment request first"
    )]
    NoTrustRoot,
    /// The events chosen for one file are more than any laptop imports from one file.
    #[error("{events} events ({megabytes} MiB) are more than one file carries (at most {max_events} events, {max_megabytes} MiB): export since a later date, or for one laptop")]
    ExportTooLarge { events: u32, megabytes: u32, max_events: u32, max_megabytes: u32 },
    #[error("the bundle belongs to another trust root ({offered}); this laptop trusts {pinned}")]
    TrustRootMismatch { pinned: String, offered: String },
    /// The file would make `fingerprint` this laptop's trust root. A laptop trusts a root
    /// only once a person compared its fingerprint with the one on the root's own screen:
    /// a forged answer from anyone else would otherwise make its maker the regency's root.
    #[error("this file would make {fingerprint} this laptop's trust root: compare it with the fingerprint on the Regent's laptop, then confirm it (ikp import --trust-root \"{fingerprint}\")")]
    RootNotConfirmed { fingerprint: String },
    #[error("no backup named `{name}` in the backups folder")]
    UnknownBackup { name: String },
    #[error("backup `{name}` is damaged, nothing was restored: {}", problems.join("; "))]
    BackupDamaged { name: String, problems: Vec<String> },
    #[error("the folder `{path}` cannot be the sync folder: it {}", problem.describe())]
    SyncFolderUnusable { path: String, problem: crate::sync::folder::SyncFolderProblem },
    #[error("storage error: {message}")]
    Storage { message: String },
}

/// How many refused events an error names; the rest are counted.
pub const MAX_LISTED_REFUSALS: usize = 100;

impl CoreError {
    /// A refused bundle naming a single event.
    pub fn refused_event(event: RefusedEvent) -> CoreError {
        CoreError::BundleRefused { refused: vec![event], total: 1 }
    }
}

fn describe_refusals(refused: &[RefusedEvent], total: u32) -> String {
    let mut text: Vec<String> = refused
        .iter()
        .take(5)
        .map(|event| {
            format!("event {} ({} #{}): {:?}: {}", &event.event_id, event.kind, event.seq, event.reason, event.detail)
        })
        .collect();
    let named = refused.len().min(5) as u32;
    if total > named {
        text.push(format!("and {} more", total - named));
    }
    text.join("; ")
}

impl CoreError {
    pub fn invalid(field: &str, problem: InputProblem) -> Self {
        CoreError::InvalidInput { field: field.to_owned(), problem }
    }
}

/// The log's failures are the core's own codes, variant for variant.
impl From<LogError> for CoreError {
    fn from(err: LogError) -> Self {
        match err {
            LogError::DeviceKeyUnreadable { path, reason } => CoreError::DeviceKeyUnreadable { path, reason },
            LogError::DatabaseTooNew { found, supported } => CoreError::DatabaseTooNew { found, supported },
            LogError::BundleUnreadable { problem, detail } => CoreError::BundleUnreadable { problem, detail },
            LogError::BundleTooNew { producer, format } => CoreError::BundleTooNew { producer, format },
            LogError::Storage { message } => CoreError::Storage { message },
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(err: rusqlite::Error) -> Self {
        CoreError::Storage { message: err.to_string() }
    }
}

impl From<std::io::Error> for CoreError {
    fn from(err: std::io::Error) -> Self {
        CoreError::Storage { message: err.to_string() }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
