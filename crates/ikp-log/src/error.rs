//! What can go wrong in the signed log itself: the file, the keys, a bundle's layout.
//! The core turns each into its own error at the boundary, variant for variant, so the
//! UI sees the same codes whichever layer failed.

use serde::Serialize;

/// Why a sync bundle file cannot be read at all: nothing in it was looked at further.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum BundleProblem {
    /// The file is empty.
    Empty,
    /// The file does not start like an IKP Desk bundle (a PDF, a photo...).
    NotABundle,
    /// The end of the file is missing (an interrupted copy).
    Truncated,
    /// The file's checksum does not match its content (damaged in transit).
    ChecksumMismatch,
    /// The file, or what it unpacks to, is over the size limit.
    TooLarge,
    /// The content is not laid out as the format says.
    Malformed,
    /// An enrolment request where a bundle was expected, or the other way round.
    WrongPurpose,
    /// The enrolment request file is not the one shown to the person approving it.
    ChangedSinceShown,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LogError {
    /// The device key exists but cannot be read as a key: the desk stops rather than
    /// make a new identity that the regency never enrolled.
    #[error("the device key {path} cannot be read ({reason})")]
    DeviceKeyUnreadable { path: String, reason: String },
    #[error("the database was written by a newer build (schema {found}; this one knows up to {supported})")]
    DatabaseTooNew { found: u32, supported: u32 },
    #[error("the file is not a readable sync bundle ({problem:?}): {detail}")]
    BundleUnreadable { problem: BundleProblem, detail: String },
    #[error("the bundle was made by {producer} (format {format})")]
    BundleTooNew { producer: String, format: u32 },
    #[error("storage error: {message}")]
    Storage { message: String },
}

impl From<rusqlite::Error> for LogError {
    fn from(err: rusqlite::Error) -> Self {
        LogError::Storage { message: err.to_string() }
    }
}

impl From<std::io::Error> for LogError {
    fn from(err: std::io::Error) -> Self {
        LogError::Storage { message: err.to_string() }
    }
}

pub type Result<T, E = LogError> = std::result::Result<T, E>;
