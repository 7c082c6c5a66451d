//! "Tentang IKP Desk": the facts an IT officer asks for on the phone (which laptop, which
//! role, where the data is, how big, when it was last backed up and exported), and the
//! diagnostics zip they ask to be sent. The zip holds logs, these facts and the `ikp
//! check` report: never a key file, never the database, never an event's content.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use zip::write::SimpleFileOptions;

use crate::backup::{self, BackupInfo};
use crate::check::CheckReport;
use crate::desk::DB_FILE;
use crate::device::{self, DeviceInfo};
use crate::error::{CoreError, Result};
use crate::identity::DeviceId;
use crate::log;
use crate::sync::trust;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AboutFacts {
    /// This laptop's signing key, short form (what the Sinkronisasi page shows).
    pub fingerprint: String,
    pub device: Option<DeviceInfo>,
    pub data_dir: String,
    /// The database file and its write-ahead log, in KiB.
    pub database_kib: u32,
    pub event_count: u32,
    pub schema_version: u32,
    pub last_backup: Option<BackupInfo>,
    pub backups: Vec<BackupInfo>,
    /// RFC 3339 UTC, from the exchange history.
    pub last_export: Option<String>,
    pub last_import: Option<String>,
}

pub fn facts(conn: &Connection, own: DeviceId, data_dir: &Path, schema_version: u32) -> Result<AboutFacts> {
    let database_bytes: u64 = ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(data_dir.join(format!("{DB_FILE}{suffix}"))).ok())
        .map(|meta| meta.len())
        .sum();
    let backups = backup::list(data_dir)?;
    Ok(AboutFacts {
        fingerprint: trust::fingerprint(own),
        device: device::info(conn, own)?,
        data_dir: data_dir.display().to_string(),
        database_kib: backup::kib(database_bytes),
        event_count: log::count(conn)?,
        schema_version,
        last_backup: backups.first().cloned(),
        backups,
        last_export: last_exchange(conn, "export")?,
        last_import: last_exchange(conn, "import")?,
    })
}

fn last_exchange(conn: &Connection, direction: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT max(at) FROM sync_exchanges WHERE direction = ?1", [direction], |row| row.get(0))?)
}

/// Writes the diagnostics zip: `about.json`, `check.txt` and every `*.log*` file of
/// `log_dir` (the app's rotated logs) under `logs/`. Written to a temporary name first,
/// so a failure leaves no half file at `target`.
pub fn write_diagnostics(
    target: &Path,
    facts: &AboutFacts,
    build: &str,
    check: &CheckReport,
    log_dir: Option<&Path>,
) -> Result<()> {
    let partial = PathBuf::from(format!("{}.part", target.display()));
    let result = write_zip(&partial, facts, build, check, log_dir);
    match result {
        Ok(()) => Ok(std::fs::rename(&partial, target)?),
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

fn write_zip(path: &Path, facts: &AboutFacts, build: &str, check: &CheckReport, log_dir: Option<&Path>) -> Result<()> {
    let zip_error = |err: zip::result::ZipError| CoreError::Storage { message: err.to_string() };
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("about.json", options).map_err(zip_error)?;
    let about = serde_json::json!({ "build": build, "facts": facts });
    zip.write_all(serde_json::to_string_pretty(&about).unwrap_or_default().as_bytes())?;
    zip.start_file("check.txt", options).map_err(zip_error)?;
    zip.write_all(check_text(check).as_bytes())?;
    if let Some(dir) = log_dir.filter(|dir| dir.is_dir()) {
        let mut logs: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.is_file() && path.file_name().is_some_and(|name| name.to_string_lossy().contains(".log"))
            })
            .collect();
        logs.sort();
        for log in logs {
            let name = log.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            zip.start_file(format!("logs/{name}"), options).map_err(zip_error)?;
            zip.write_all(&std::fs::read(&log)?)?;
        }
    }
    zip.finish().map_err(zip_error)?;
    Ok(())
}

/// The `ikp check` report in the CLI's words.
pub fn check_text(report: &CheckReport) -> String {
    let mut text = format!(
        "ikp check: {}\nevents checked: {}\n",
        if report.is_clean() { "OK" } else { "PROBLEMS FOUND" },
        report.events_checked
    );
    for problem in &report.file_problems {
        text.push_str(&format!("file: {problem}\n"));
    }
    for bad in &report.bad_events {
        text.push_str(&format!("event {}: {}\n", bad.event_id, bad.problem));
    }
    if !report.sequence_gaps.is_empty() {
        text.push_str(&format!("missing own event numbers: {:?}\n", report.sequence_gaps));
    }
    text
}
