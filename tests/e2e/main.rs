//! End-to-end tests of the real IKP Desk app: the debug build, in a real WebKitGTK
//! webview under Xvfb, driven through tauri-driver and WebKitWebDriver.
//! Build the app first (`cargo build -p ikp-desk`); `scripts/test` does.

mod about;
mod accessibility;
mod agencies;
mod brief;
mod budget;
mod budget_sipd;
mod complaints;
mod day_one;
mod first_run;
mod instructions;
mod join;
mod keyboard;
mod minutes;
mod negotiations;
mod open_file;
mod reminders;
mod sitting;
mod sync;
mod sync_folder;
mod tables;
mod text_size;
mod window;
