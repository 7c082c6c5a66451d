//! The `Desk` use cases that look after the installation rather than the regency's
//! work: previewing a file opened from outside, backups and restore, the About facts and
//! the diagnostics zip.

use std::path::Path;

use super::{Desk, DB_FILE};
use crate::about::{self, AboutFacts};
use crate::backup::{self, BackupInfo, RestoreReport};
use crate::error::Result;
use crate::projection;
use crate::store::Store;
use crate::sync::preview::{self, FilePreview};

impl Desk {
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Rows this `Desk` has written since it opened: it grows with every write, so a
    /// caller can tell whether what it ran changed anything (the app nudges its sync
    /// folder only then).
    pub fn rows_written(&self) -> u64 {
        self.store.conn().total_changes()
    }

    /// What a `.ikp` file holds and how much of it is new here; writes nothing.
    pub fn preview_file(&self, path: &Path) -> Result<FilePreview> {
        preview::preview(self.store.conn(), path)
    }

    /// A copy of the database now, in `backups/` (the last `backup::KEEP` are kept).
    pub fn backup_now(&self) -> Result<BackupInfo> {
        backup::take(self.store.conn(), &self.data_dir, self.clock.now_ms())
    }

    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        backup::list(&self.data_dir)
    }

    /// Puts a checked copy back in place of the database. The connection is closed while
    /// the files move (Windows cannot rename an open file) and reopened on whatever is in
    /// place afterwards: the copy, or the untouched database when the restore refused.
    pub fn restore_backup(&mut self, name: &str) -> Result<RestoreReport> {
        backup::check_copy(&self.data_dir, name)?;
        drop(std::mem::replace(&mut self.store, Store::open_in_memory()?));
        let restored = backup::restore(&self.data_dir, name, self.clock.now_ms());
        self.store = Store::open(&self.data_dir.join(DB_FILE))?;
        projection::ensure_current(&mut self.store)?;
        restored
    }

    /// After a restore: the person confirmed that this laptop's events made after the
    /// copy are back (imported from the other laptops) or that none left it, so it
    /// records again.
    pub fn resume_after_restore(&mut self) -> Result<()> {
        backup::resume_recording(self.store.conn())
    }

    /// What is due today for the person at this laptop, less what they dismissed today.
    pub fn reminders(&self) -> Result<Vec<crate::reminders::Reminder>> {
        crate::reminders::due(self.store.conn(), self.key.id(), self.today())
    }

    /// The reminders to announce now as notifications of the operating system: due, not
    /// dismissed, not announced yet today (they are noted as announced).
    pub fn reminders_to_notify(&mut self) -> Result<Vec<crate::reminders::Reminder>> {
        crate::reminders::to_notify(self.store.conn(), self.key.id(), self.today())
    }

    /// Puts a reminder away until tomorrow (on this laptop).
    pub fn dismiss_reminder(&mut self, id: &str) -> Result<()> {
        crate::reminders::dismiss(self.store.conn(), id, self.today())
    }

    pub fn about(&self) -> Result<AboutFacts> {
        about::facts(self.store.conn(), self.key.id(), &self.data_dir, self.store.schema_version()?)
    }

    /// The zip an IT officer asks for: these facts, `build`, the check report, the logs.
    pub fn write_diagnostics(&self, target: &Path, build: &str, log_dir: Option<&Path>) -> Result<()> {
        about::write_diagnostics(target, &self.about()?, build, &self.check()?, log_dir)
    }
}
