//! SP4N-LAPOR! complaint follow-up: complaints imported from LAPOR! exports (CSV or
//! XLSX) or typed in, disposed by the Secretary's office to an agency or a camat,
//! followed up by them, and closed with proof of completion; time limits per
//! classification counted in working days; summaries for the leadership meeting.
//!
//! `payload` holds the signed payloads, `lifecycle` the state machine, `limits` the
//! time limits and deadlines, `ops` and `import` the use cases, `project` the
//! projection (with per-month counts in `complaint_stats`), and `queries` what screens,
//! the CLI and the minutes read — always as a viewer: agency staff see only complaints
//! disposed to their agency.

pub mod allowed;
pub mod api;
pub mod channel;
pub mod import;
pub mod lifecycle;
pub mod limits;
pub mod ops;
pub mod payload;
pub(crate) mod project;
pub mod queries;
pub(crate) mod summary;
