//! The core `Desk`, shared by every command. One `Desk` means one writing connection:
//! the mutex is the "one writer" rule, not a performance choice.

use std::sync::Mutex;

use ikp_core::{CoreError, Desk};

pub struct AppState {
    /// Opening can fail (a database from a newer app): the window still opens and every
    /// command answers with that error, so the user sees why in plain words.
    desk: Result<Mutex<Desk>, CoreError>,
}

impl AppState {
    pub fn new(desk: Result<Desk, CoreError>) -> Self {
        AppState { desk: desk.map(Mutex::new) }
    }

    pub fn with<T>(&self, work: impl FnOnce(&mut Desk) -> Result<T, CoreError>) -> Result<T, CoreError> {
        let mutex = self.desk.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command cannot leave the database half-written (every
        // write is one transaction), so a poisoned lock is safe to take over.
        let mut desk = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut desk)
    }
}
