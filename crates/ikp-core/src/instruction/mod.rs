//! IKP — Instruksi Khusus Pimpinan: the leader's special instructions to agencies, their
//! indicators and targets, progress reported against them, and how far each got.
//!
//! `payload` holds the signed event payloads, `lifecycle` the state machine, `achievement`
//! the pure arithmetic, `project` the projection into tables, `queries` what screens read
//! and `ops` the use cases `Desk` exposes.

pub mod achievement;
pub mod allowed;
pub mod api;
pub(crate) mod dashboard;
pub mod lifecycle;
pub mod ops;
pub mod payload;
pub(crate) mod project;
pub mod queries;
pub mod timeline;

pub use lifecycle::Status;
pub use payload::Direction;
