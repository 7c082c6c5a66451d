//! What an import writes beside the log: its line in the exchange history, the peers'
//! watermarks and the alerts a person must look at.

use rusqlite::{params, Connection, OptionalExtension};

use super::bundle::Header;
use super::import::{ImportContext, ImportReport};
use crate::error::Result;
use crate::identity::DeviceId;

/// The import's line in the exchange history.
pub(crate) fn record_import(
    tx: &Connection,
    ctx: &ImportContext<'_>,
    report: &ImportReport,
    sent_at: Option<String>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_exchanges (at, direction, peer, file_name, events, new_events, known, pending, sent_at)
         VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        crate::clock::utc_text(ctx.now_ms as i64),
        Some(&report.sender).filter(|sender| !sender.is_empty()),
        ctx.file_name,
        report.events_in_file,
        report.new_events,
        report.already_known,
        report.pending.len() as u32,
        sent_at
    ])?;
    Ok(())
}

/// One alert per equivocating number, however often its twins come back.
pub(super) fn alert_equivocation(conn: &Connection, author: DeviceId, seq: u64) -> Result<()> {
    let known: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM sync_alerts WHERE kind = 'equivocation' AND author = ?1 AND seq = ?2")?
        .query_row(params![author.to_hex(), seq], |row| row.get(0))
        .optional()?;
    if known.is_some() {
        return Ok(());
    }
    alert(conn, "equivocation", author, seq, "signed two different events under one number")
}

pub(super) fn alert(conn: &Connection, kind: &str, author: DeviceId, seq: u64, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_alerts (at, kind, author, seq, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![chrono::Utc::now().to_rfc3339(), kind, author.to_hex(), seq, detail],
    )?;
    Ok(())
}

pub(super) fn remember_peer(conn: &Connection, peer: DeviceId, header: &Header) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "INSERT INTO sync_peers (peer, author, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (peer, author) DO UPDATE SET seq = max(seq, excluded.seq)",
    )?;
    for (author, seq) in &header.have {
        if let Some(author) = DeviceId::from_hex(author) {
            statement.execute(params![peer.to_hex(), author.0, seq])?;
        }
    }
    Ok(())
}
