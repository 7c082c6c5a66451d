//! Where the tests find the built binaries and leave their artefacts.

use std::path::PathBuf;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

/// The debug build of the desktop app, which the end-to-end tests drive.
pub fn app_binary() -> PathBuf {
    std::env::var_os("IKP_APP_BINARY").map(PathBuf::from).unwrap_or_else(|| target_dir().join("debug/ikp-desk"))
}

/// Screenshots go under target/, so they survive the run and never get committed.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir
}

/// Logs of tauri-driver, WebKitWebDriver and the app, one file per session.
pub fn log_dir() -> PathBuf {
    let dir = target_dir().join("e2e-logs");
    std::fs::create_dir_all(&dir).expect("log directory");
    dir
}
