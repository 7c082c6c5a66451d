//! IKP Desk core: the domain, the signed event log, the SQLite store and its
//! projections. It knows nothing of Tauri, the web UI or command-line parsing.
//!
//! Start at [`Desk`], the use-case API every front end calls.
//!
//! The signed log under the domains is the `ikp-log` crate; its modules are re-exported
//! here under their old names, so a domain writes `crate::event::SignedEvent` whichever
//! crate holds it.

pub use ikp_log::{clock, event, identity, key_store, log, signature};

pub mod about;
pub mod agency;
pub mod backup;
pub mod brief;
pub mod budget;
pub mod check;
pub mod claim;
pub mod column_map;
pub mod complaint;
pub mod data_folder;
pub mod demo;
pub mod desk;
pub mod device;
pub mod error;
pub mod evidence;
pub mod instruction;
pub mod kinds;
pub mod letterhead;
mod local_state;
pub mod meeting;
pub mod minutes;
pub mod money;
pub mod negotiation;
pub mod officials;
pub mod period;
pub mod policy;
pub mod principal;
pub mod projection;
pub mod quantity;
mod reactions;
pub mod record;
pub mod regency;
pub mod reminders;
pub mod replay;
pub mod report;
pub mod root_key;
pub mod settings;
pub mod share;
pub mod store;
pub mod succession;
pub mod sync;
pub mod table_export;
pub mod tabular;
pub mod terms;
pub mod text_size;
pub mod use_case;
pub mod viewable;
pub mod workdays;
pub mod xlsx;

pub use desk::{AppStatus, Desk, SetupInput};
pub use error::{CoreError, InputProblem, NumberFormatProblem, Result};
