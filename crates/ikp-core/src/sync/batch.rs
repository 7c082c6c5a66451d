//! Several bundle files imported as one batch (a watched folder's look): each file
//! accepted or refused on its own, the log replayed at most once for all of them.

use std::path::Path;

use rusqlite::Connection;

use super::import::{import_path, pending, ImportContext, ImportReport, PendingEvent, Replay};
use super::pending::update_pending;
use crate::error::Result;
use crate::projection;
use crate::store::Store;

/// Imports several bundle files as one batch. Each file is checked and accepted or
/// refused on its own, as `import_path` would, but the log is replayed at most once, at
/// the end: a Regent's laptop reading 80 laptops' month files, each older than what it
/// holds, replayed the whole log 80 times. The batch commits as one transaction; should
/// anything fail but a file's own refusal, none of it is kept and the files are imported
/// one by one instead. `ctx` serves every file, under each file's own name.
pub fn import_batch(store: &mut Store, paths: &[&Path], ctx: &ImportContext<'_>) -> Vec<Result<ImportReport>> {
    let batched = store.in_one_transaction(|store| {
        let mut reports = import_each(store, paths, ctx, Replay::AtEndOfBatch);
        let pending = store.write(replay_if_stale)?;
        for report in reports.iter_mut().flatten() {
            report.pending.clone_from(&pending);
        }
        Ok(reports)
    });
    batched.unwrap_or_else(|_| import_each(store, paths, ctx, Replay::Now))
}

fn import_each(
    store: &mut Store,
    paths: &[&Path],
    ctx: &ImportContext<'_>,
    replay: Replay,
) -> Vec<Result<ImportReport>> {
    paths
        .iter()
        .map(|path| {
            let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            import_path(store, path, &ImportContext { file_name: &file_name, replay, ..*ctx })
        })
        .collect()
}

/// The batch's one replay, when one of its files needed it; then the events held as
/// perhaps waiting are checked against the projections made. Returns what still waits.
fn replay_if_stale(tx: &Connection) -> Result<Vec<PendingEvent>> {
    if !projection::is_current(tx)? {
        projection::rebuild(tx)?;
        update_pending(tx, &[])?;
    }
    pending(tx)
}
