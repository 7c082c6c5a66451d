//! Dialog kinerja — the performance dialogue: an agency asks to lower or raise one of
//! its targets (or move its deadline), with reasons; the Regent or the Secretary
//! approves, rejects or counters, usually in the leadership meeting (meeting mode).
//!
//! `payload` holds the signed payloads, `ops` the use cases, `project` the projection
//! (status and effective target are derived, never set), `queries` what screens read and
//! `allowed` which targets the viewer may ask to change.

pub mod allowed;
pub mod api;
pub mod ops;
pub mod payload;
pub(crate) mod project;
pub mod queries;

pub use payload::{Movement, Outcome};
pub use queries::NegotiationStatus;
