//! Bundle files taken in whole, by the checksum of their bytes: the same bytes again are
//! known without being unpacked, hashed event by event or looked up (a watched folder
//! meets the same files again and again). Only a file whose every event is in the log is
//! remembered: one with events held back (far future), left out (equivocation) or that
//! carried evidence files is read in full each time.

use rusqlite::{params, Connection, OptionalExtension};

use super::import::{pending, ImportContext, ImportReport};
use super::import_books::record_import;
use crate::error::Result;
use crate::store::Store;

/// Remembers the file just imported when it was taken in whole.
pub(crate) fn remember(
    tx: &Connection,
    checksum: &[u8; 32],
    report: &ImportReport,
    sent_at: Option<&str>,
) -> Result<()> {
    let whole = report.new_events + report.already_known == report.events_in_file && report.evidence_files == 0;
    if whole {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_absorbed_files (checksum, sender, producer, events, sent_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            &checksum[..],
            Some(&report.sender).filter(|sender| !sender.is_empty()),
            report.producer,
            report.events_in_file,
            sent_at
        ])?;
    }
    Ok(())
}

/// The report of a file taken in whole before: every event known. The import is
/// recorded in the exchange history as a full reading would record it.
pub(crate) fn known_again(
    store: &mut Store,
    checksum: &[u8; 32],
    ctx: &ImportContext<'_>,
) -> Result<Option<ImportReport>> {
    let remembered = store
        .conn()
        .prepare_cached("SELECT sender, producer, events, sent_at FROM sync_absorbed_files WHERE checksum = ?1")?
        .query_row([&checksum[..]], |row| {
            Ok((row.get::<_, Option<String>>(0)?, row.get::<_, String>(1)?, row.get::<_, u32>(2)?, row.get(3)?))
        })
        .optional()?;
    let Some((sender, producer, events, sent_at)) = remembered else { return Ok(None) };
    let report = ImportReport {
        sender: sender.unwrap_or_default(),
        producer,
        events_in_file: events,
        already_known: events,
        pending: pending(store.conn())?,
        ..ImportReport::default()
    };
    store.write(|tx| record_import(tx, ctx, &report, sent_at))?;
    Ok(Some(report))
}
