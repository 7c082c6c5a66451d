//! The signed log of IKP Desk, knowing nothing of what the events say: signed bytes
//! and content ids, device identities and their keys, signatures, the hybrid clock, the
//! append-only `events` table, the SQLite store and its migrations runner, and the `.ikp`
//! bundle format that carries events and files between laptops.
//!
//! The domains (instructions, budgets, complaints, minutes) live above it in `ikp-core`;
//! nothing here may name them — the crate graph holds it (`cargo tree -p ikp-log`).

pub mod bundle;
pub mod bundle_file;
pub mod clock;
pub mod error;
pub mod event;
pub mod identity;
pub mod key_store;
pub mod log;
pub mod signature;
pub mod store;
pub mod unpack;

pub use error::{BundleProblem, LogError, Result};
