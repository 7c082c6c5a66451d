//! The one error type of the core. Each variant is a *code* the UI switches on to show
//! plain Indonesian; the `Display` text is English for logs and the CLI.

use serde::Serialize;

use crate::budget::import::ImportColumn;
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
    #[error("instruction number template: {problem:?} {}", placeholder.as_deref().unwrap_or_default())]
    InvalidNumberFormat { problem: NumberFormatProblem, placeholder: Option<String> },
    #[error("no evidence file `{sha256}` is stored here")]
    UnknownEvidence { sha256: String },
    #[error("the demo data is already loaded")]
    DemoAlreadyLoaded,
    #[error("the database was written by a newer IKP Desk (schema {found}; this version knows up to {supported}): update the app")]
    DatabaseTooNew { found: u32, supported: u32 },
    #[error("event {id} cannot be read: {reason}")]
    CorruptEvent { id: String, reason: String },
    #[error("storage error: {message}")]
    Storage { message: String },
}

impl CoreError {
    pub fn invalid(field: &str, problem: InputProblem) -> Self {
        CoreError::InvalidInput { field: field.to_owned(), problem }
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
