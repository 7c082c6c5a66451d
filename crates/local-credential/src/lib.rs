//! A generic credential in Windows Credential Manager kept with
//! `CRED_PERSIST_LOCAL_MACHINE`: it stays on this computer, for this Windows user.
//!
//! Why not the `keyring` crate here: it writes every entry `CRED_PERSIST_ENTERPRISE`,
//! which a domain's roaming profile copies to every computer the user logs on to — a
//! device key that roams lets a second laptop sign as the first. Windows offers no
//! stricter persistence that survives a logoff.
//!
//! Everything else (the macOS Keychain, the Secret Service) stays with `keyring`; on
//! those systems this crate is empty.

#![cfg(windows)]

mod credential;

pub use credential::{delete, persistence, read, read_keeping_local, write, Persistence};
