//! Shared helpers for the integration and end-to-end tests.

pub mod accessibility;
pub mod app_session;
pub mod files;
pub mod framebuffer;
mod launch;
pub mod notifications;
pub mod paths;

/// Today in WIB, the day the app dates its work by. Tests must not use the UTC or the
/// machine's local date: between 17:00 and 24:00 UTC they are a day behind the app's.
pub fn today_wib() -> chrono::NaiveDate {
    let now_ms = chrono::Utc::now().timestamp_millis().max(0) as u64;
    ikp_core::clock::Hlc::today_wib(now_ms)
}
