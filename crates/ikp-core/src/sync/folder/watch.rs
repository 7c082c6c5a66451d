//! Passes over a watched folder as the file system reports changes (`notify`), for as
//! long as `stop` stays false.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::{FolderPass, FolderWatch};
use crate::desk::Desk;
use crate::error::Result;

/// With no change reported, the folder is still looked at this often: a share or a stick
/// whose events the system does not deliver, and this laptop's own new events.
const QUIET_LOOK: Duration = Duration::from_secs(30);
/// How often a missing folder is looked for again, and `stop` read.
const TICK: Duration = Duration::from_millis(250);

/// Runs passes over `folder` until `stop` is set: one at the start, then after each burst
/// of changes (debounced by `settle`, and again `settle` later while files are still
/// settling), and every `QUIET_LOOK`. `on_pass` hears every pass that did or saw
/// something.
pub fn watch(
    desk: &mut Desk,
    folder: &Path,
    settle: Duration,
    stop: &AtomicBool,
    mut on_pass: impl FnMut(&FolderPass),
) -> Result<()> {
    let mut state = FolderWatch::new(folder);
    let (sender, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok() {
            let _ = sender.send(());
        }
    })
    .ok();
    let mut watching = false;
    let mut next_look = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        // A folder that came back (a stick plugged in again) is watched again.
        if !watching && folder.is_dir() {
            watching = watcher.as_mut().is_some_and(|w| w.watch(folder, RecursiveMode::NonRecursive).is_ok());
            next_look = Instant::now();
        }
        if Instant::now() >= next_look {
            let pass = state.look(desk)?;
            if !pass.folder_present {
                watching = false;
            }
            if pass.changed_anything() || !pass.quarantined.is_empty() || !pass.refused.is_empty() {
                on_pass(&pass);
            }
            let unsettled = !pass.waiting.is_empty() || pass.changed_anything();
            next_look = Instant::now() + if unsettled { settle } else { QUIET_LOOK };
        }
        // Debounced: a burst of changes puts the next look `settle` after the last one
        // (a file changing all the time would not be read anyway).
        if changes.recv_timeout(TICK).is_ok() {
            next_look = Instant::now() + settle;
        }
    }
    Ok(())
}
