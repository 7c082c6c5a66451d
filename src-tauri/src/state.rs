//! The core `Desk`, shared by every command. One `Desk` means one writing connection:
//! the mutex is the "one writer" rule, not a performance choice.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};

use ikp_core::backup::{self, RestoreReport};
use ikp_core::clock::{Clock, SystemClock};
use ikp_core::key_store::KeyStore;
use ikp_core::{CoreError, Desk};

pub struct AppState {
    /// Opening can fail (a database from a newer app, a damaged file): the window still
    /// opens and every command answers with that error, so the user sees why in plain
    /// words — and a backup can still be restored, which opens it again.
    desk: Mutex<Result<Desk, CoreError>>,
    data_dir: PathBuf,
    profile: Option<String>,
    /// Told after a command that wrote something (the sync folder's watcher, if any).
    on_write: Mutex<Option<Sender<()>>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf, profile: Option<String>) -> Self {
        let desk = open_desk(&data_dir, profile.as_deref());
        AppState { desk: Mutex::new(desk), data_dir, profile, on_write: Mutex::new(None) }
    }

    /// A desk that must not be opened (its data folder is half-moved): every command
    /// answers with `refused`.
    pub fn unopened(data_dir: PathBuf, profile: Option<String>, refused: CoreError) -> Self {
        AppState { desk: Mutex::new(Err(refused)), data_dir, profile, on_write: Mutex::new(None) }
    }

    /// Runs a command's work with the desk; if it wrote anything, `on_write` hears so.
    pub fn with<T>(&self, work: impl FnOnce(&mut Desk) -> Result<T, CoreError>) -> Result<T, CoreError> {
        self.with_quietly(|desk| {
            let written = desk.rows_written();
            let outcome = work(desk);
            if desk.rows_written() != written {
                if let Some(listener) = self.on_write.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                    let _ = listener.send(());
                }
            }
            outcome
        })
    }

    /// As `with`, without telling `on_write`: for the sync folder's own looks.
    pub fn with_quietly<T>(&self, work: impl FnOnce(&mut Desk) -> Result<T, CoreError>) -> Result<T, CoreError> {
        match self.lock().as_mut() {
            Ok(desk) => work(desk),
            Err(err) => Err(err.clone()),
        }
    }

    /// Who hears that a command wrote something (`None`: nobody).
    pub fn tell_writes_to(&self, listener: Option<Sender<()>>) {
        *self.on_write.lock().unwrap_or_else(|p| p.into_inner()) = listener;
    }

    /// Restores a backup: through the open `Desk`, or, when the database could not be
    /// opened at all, straight over the files and then opened again.
    pub fn restore(&self, name: &str) -> Result<RestoreReport, CoreError> {
        let mut desk = self.lock();
        match desk.as_mut() {
            Ok(desk) => desk.restore_backup(name),
            Err(_) => {
                let report = backup::restore(&self.data_dir, name, SystemClock.now_ms())?;
                *desk = open_desk(&self.data_dir, self.profile.as_deref());
                desk.as_ref().map_err(Clone::clone)?;
                Ok(report)
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Result<Desk, CoreError>> {
        // A panic in an earlier command cannot leave the database half-written (every
        // write is one transaction), so a poisoned lock is safe to take over.
        self.desk.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn open_desk(data_dir: &std::path::Path, profile: Option<&str>) -> Result<Desk, CoreError> {
    Desk::open_profile_keeping(data_dir, profile, Arc::new(SystemClock), KeyStore::for_the_app())
}
