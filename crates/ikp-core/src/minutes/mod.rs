//! Minutes (notulen) of leadership meetings: the meeting's identity block, attendees,
//! the agenda (free items and live ones drawn from the records), notes per item,
//! decisions, follow-up actions, finalize (frozen) and addenda. `document` is the
//! notulen as data; the `ikp-minutes` crate renders it to DOCX and PDF.

pub(crate) mod agenda;
pub mod api;
mod decision_rows;
pub mod document;
pub mod ops;
pub mod payload;
pub(crate) mod project;
pub mod queries;
