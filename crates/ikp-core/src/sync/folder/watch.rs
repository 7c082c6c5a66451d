//! Passes over a watched folder as the file system reports changes (`notify`) or the
//! laptop's own data changes, for as long as `stop` stays false.
//!
//! The loop does not hold the `Desk`: each look borrows it through `look` only while it
//! runs, so the app's commands keep the database between looks (the CLI lends its own
//! `Desk` for the whole run).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::{FolderPass, FolderWatch};
use crate::error::Result;

/// With no change reported, the folder is still looked at this often: a share or a stick
/// whose events the system does not deliver.
const QUIET_LOOK: Duration = Duration::from_secs(30);
/// How often a missing folder is looked for again, and `stop` read.
const TICK: Duration = Duration::from_millis(250);

/// What wakes the loop: the file system's reports and the owner's nudges ("my log
/// changed") arrive on one channel. `Changes::new()` gives the sender to nudge with.
pub struct Changes {
    sender: Sender<()>,
    receiver: Receiver<()>,
}

impl Changes {
    pub fn new() -> Changes {
        let (sender, receiver) = std::sync::mpsc::channel();
        Changes { sender, receiver }
    }

    /// A handle that asks for a look soon (debounced like a change in the folder).
    pub fn nudger(&self) -> Sender<()> {
        self.sender.clone()
    }
}

impl Default for Changes {
    fn default() -> Self {
        Changes::new()
    }
}

/// Runs looks over `folder` until `stop` is set: one at the start, then after each burst
/// of changes (debounced by `settle`, and again `settle` later while files are still
/// settling), and every `QUIET_LOOK`. `look` runs one look with the desk; `on_look` hears
/// every look that did or saw something, and every failed look (the loop goes on: a
/// laptop not joined yet or a full disk are states that pass).
pub fn watch(
    folder: &Path,
    settle: Duration,
    stop: &AtomicBool,
    changes: Changes,
    mut look: impl FnMut(&mut FolderWatch) -> Result<FolderPass>,
    mut on_look: impl FnMut(&Result<FolderPass>),
) {
    let mut state = FolderWatch::new(folder);
    let sender = changes.nudger();
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
            let outcome = look(&mut state);
            let wait = match &outcome {
                Ok(pass) => {
                    if !pass.folder_present {
                        watching = false;
                    }
                    let unsettled = !pass.waiting.is_empty() || pass.changed_anything();
                    if unsettled || !pass.quarantined.is_empty() || !pass.refused.is_empty() {
                        on_look(&outcome);
                    }
                    if unsettled {
                        settle
                    } else {
                        QUIET_LOOK
                    }
                }
                Err(_) => {
                    on_look(&outcome);
                    QUIET_LOOK
                }
            };
            next_look = Instant::now() + wait;
        }
        // Debounced: a burst of changes puts the next look `settle` after the last one
        // (a file changing all the time would not be read anyway). Our own writes into
        // the folder report too; the look after them finds nothing to do.
        if changes.receiver.recv_timeout(TICK).is_ok() {
            while changes.receiver.try_recv().is_ok() {}
            next_look = Instant::now() + settle;
        }
    }
}
