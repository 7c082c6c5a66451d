//! Shared helpers for the integration and end-to-end tests.

pub mod accessibility;
pub mod app_session;
pub mod files;
pub mod framebuffer;
pub mod notifications;
pub mod paths;
