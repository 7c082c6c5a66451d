//! Importing complaints from a SP4N-LAPOR! export: CSV (comma or semicolon) or XLSX
//! (the first sheet). Columns are recognised by their headers; the user may map a
//! header to a column by hand, and the mapping used for a source is remembered for its
//! next file. Every row is checked first; the preview lists each problem by row and
//! column, and nothing is written while any row is bad (unless the user chose to leave
//! exactly those rows out). A tracking id already known updates that complaint; a row
//! that changes nothing is left out, so importing the same file twice adds nothing.
//! LAPOR! is the authority on a complaint's status: the file's status is recorded as
//! LAPOR!'s beside the local workflow's (which keeps its follow-ups and evidence), and
//! the preview lists every complaint where the two disagree.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::lifecycle::ComplaintStatus;
use super::payload::{Classification, ComplaintImportSource, ComplaintRow, ComplaintsRecorded};
use super::project;
use crate::agency::{self, AgencyKind};
use crate::budget::import::parse_day;
pub use crate::column_map::MappingOrigin;
use crate::column_map::{read_headers, Columns};
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::{DomainEvent, EventKind};
use crate::policy::{self, Duty};
use crate::record::record;
use crate::tabular::{read_table, FileEncoding, Table};
use crate::use_case::Author;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
const SAMPLE_ROWS: usize = 50;
const MAX_SUMMARY: usize = 4_000;

/// The columns an import understands, each with the headers it recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintColumn {
    TrackingId,
    ReceivedOn,
    Channel,
    Classification,
    Category,
    Summary,
    Kecamatan,
    Desa,
    FieldCheck,
    Status,
    Agency,
    DisposedOn,
    FollowedUpOn,
    CompletedOn,
}

impl Columns for ComplaintColumn {
    const ALL: &'static [ComplaintColumn] = &ComplaintColumn::ALL;

    fn aliases(self) -> &'static [&'static str] {
        self.aliases()
    }
}

impl ComplaintColumn {
    pub const ALL: [ComplaintColumn; 14] = [
        ComplaintColumn::TrackingId,
        ComplaintColumn::ReceivedOn,
        ComplaintColumn::Channel,
        ComplaintColumn::Classification,
        ComplaintColumn::Category,
        ComplaintColumn::Summary,
        ComplaintColumn::Kecamatan,
        ComplaintColumn::Desa,
        ComplaintColumn::FieldCheck,
        ComplaintColumn::Status,
        ComplaintColumn::Agency,
        ComplaintColumn::DisposedOn,
        ComplaintColumn::FollowedUpOn,
        ComplaintColumn::CompletedOn,
    ];

    fn aliases(self) -> &'static [&'static str] {
        use ComplaintColumn::*;
        match self {
            TrackingId => &["idlaporan", "nomortiket", "notiket", "trackingid", "nomorlaporan", "kodelaporan", "id"],
            ReceivedOn => &["tanggallaporan", "tanggalmasuk", "tanggal", "tgl", "receivedon", "tanggalditerima"],
            Channel => &["sumber", "kanal", "saluran", "media", "channel"],
            Classification => &["klasifikasi", "jenislaporan", "jenis", "classification"],
            Category => &["kategori", "topik", "category"],
            Summary => &["judul", "isilaporan", "ringkasan", "laporan", "uraian", "summary"],
            Kecamatan => &["kecamatan", "lokasikecamatan", "kec"],
            Desa => &["desa", "kelurahan", "desakelurahan", "lokasidesa"],
            FieldCheck => &["perlucekl", "ceklapangan", "perluceklapangan", "fieldcheck"],
            Status => &["status", "statuslaporan"],
            Agency => &["disposisi", "instansi", "instansipenerima", "opd", "kodeopd", "didisposisikanke", "agency"],
            DisposedOn => &["tanggaldisposisi", "tgldisposisi", "disposedon"],
            FollowedUpOn => &["tanggaltindaklanjut", "tgltindaklanjut", "tanggalrespon", "followedupon"],
            CompletedOn => &["tanggalselesai", "tglselesai", "completedon"],
        }
    }

    fn required(self) -> bool {
        matches!(self, ComplaintColumn::TrackingId | ComplaintColumn::ReceivedOn | ComplaintColumn::Summary)
    }
}

/// A header the user mapped by hand (`column: None` leaves the header out).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ColumnChoice {
    pub header: String,
    pub column: Option<ComplaintColumn>,
}

/// How one header of the file is read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ColumnReading {
    pub header: String,
    pub column: Option<ComplaintColumn>,
    /// Where the choice came from: typed now, remembered for the source, or recognised.
    pub origin: MappingOrigin,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintRowProblem {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    pub column: ComplaintColumn,
    pub problem: InputProblem,
    /// What the cell held (cut to 80 characters).
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintImportRow {
    pub row: u32,
    pub tracking_id: String,
    pub received_on: String,
    pub classification: Classification,
    pub summary: String,
    pub kecamatan_code: Option<String>,
    pub agency_code: Option<String>,
    pub status: Option<ComplaintStatus>,
    /// Already known here: the import updates it.
    pub known: bool,
}

/// A complaint worked on here whose status in the file is another: the import records
/// LAPOR!'s status beside the local one and keeps the local work.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusDisagreement {
    pub row: u32,
    pub tracking_id: String,
    pub local: ComplaintStatus,
    pub lapor: ComplaintStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintImportPreview {
    pub source: String,
    pub file_name: String,
    pub sha256: String,
    pub encoding: FileEncoding,
    pub columns: Vec<ColumnReading>,
    /// Data rows in the file (the header not counted).
    pub rows: u32,
    pub valid_rows: u32,
    /// Good rows with a tracking id not seen before.
    pub new_complaints: u32,
    /// Good rows that change a complaint already here.
    pub updates: u32,
    /// Good rows identical to what is here: they add nothing.
    pub unchanged: u32,
    pub problems: Vec<ComplaintRowProblem>,
    pub sample: Vec<ComplaintImportRow>,
    /// Every complaint worked on here that LAPOR! shows in another status.
    pub disagreements: Vec<StatusDisagreement>,
}

/// A file read and checked, not yet written.
pub struct CheckedComplaintImport {
    pub preview: ComplaintImportPreview,
    rows: Vec<ComplaintRow>,
    mapping: Vec<(String, ComplaintColumn)>,
}

pub fn check(
    conn: &Connection,
    source: &str,
    file_name: &str,
    bytes: &[u8],
    choices: &[ColumnChoice],
    today: NaiveDate,
) -> Result<CheckedComplaintImport> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::ImportUnreadable { reason: format!("larger than {} MB", MAX_FILE_BYTES >> 20) });
    }
    let source = source.trim();
    let source = if source.is_empty() { "LAPOR!" } else { source };
    let sha256 = hex::encode(Sha256::digest(bytes));
    let Table { rows: table, encoding } = read_table(bytes)?;
    let (header, body) = table.split_first().ok_or_else(|| CoreError::ImportUnreadable { reason: "empty".into() })?;
    let columns = map_columns(conn, source, header, choices)?;
    let index: HashMap<ComplaintColumn, usize> =
        columns.iter().enumerate().filter_map(|(i, reading)| Some((reading.column?, i))).collect();
    let places = Places::load(conn)?;
    let mut seen: HashSet<String> = HashSet::with_capacity(body.len());
    let mut problems = Vec::new();
    let mut rows = Vec::with_capacity(body.len());
    let mut sample = Vec::new();
    let (mut new_complaints, mut updates, mut unchanged) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for (offset, cells) in body.iter().enumerate() {
        let row_number = offset as u32 + 2;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |column: ComplaintColumn| index.get(&column).and_then(|i| cells.get(*i)).map_or("", |s| s.trim());
        let before = problems.len();
        let mut problem = |column, problem, value: &str| {
            problems.push(ComplaintRowProblem {
                row: row_number,
                column,
                problem,
                value: value.chars().take(80).collect(),
            })
        };
        let tracking_id = match super::ops::tracking_id(cell(ComplaintColumn::TrackingId)) {
            Ok(id) if !seen.insert(id.clone()) => {
                problem(ComplaintColumn::TrackingId, InputProblem::Duplicate, &id);
                id
            }
            Ok(id) => id,
            Err(CoreError::InvalidInput { problem: issue, .. }) => {
                problem(ComplaintColumn::TrackingId, issue, cell(ComplaintColumn::TrackingId));
                String::new()
            }
            Err(other) => return Err(other),
        };
        let mut date = |column: ComplaintColumn, required: bool| -> Option<NaiveDate> {
            let text = cell(column);
            if text.is_empty() && !required {
                return None;
            }
            // "2026-11-20 08:31:00": the day is what counts.
            match parse_day(text.split_whitespace().next().unwrap_or("")) {
                Ok(day) if day > today => {
                    problem(column, InputProblem::InTheFuture, text);
                    None
                }
                Ok(day) => Some(day),
                Err(issue) => {
                    problem(column, issue, text);
                    None
                }
            }
        };
        let received_on = date(ComplaintColumn::ReceivedOn, true);
        let disposed_on = date(ComplaintColumn::DisposedOn, false);
        let followed_up_on = date(ComplaintColumn::FollowedUpOn, false);
        let completed_on = date(ComplaintColumn::CompletedOn, false);
        let mut problem = |column, problem, value: &str| {
            problems.push(ComplaintRowProblem {
                row: row_number,
                column,
                problem,
                value: value.chars().take(80).collect(),
            })
        };
        let classification = match cell(ComplaintColumn::Classification) {
            "" => Classification::Pengaduan,
            text => Classification::parse(text).unwrap_or_else(|| {
                problem(ComplaintColumn::Classification, InputProblem::NotAllowed, text);
                Classification::Pengaduan
            }),
        };
        let summary = cell(ComplaintColumn::Summary);
        if summary.is_empty() {
            problem(ComplaintColumn::Summary, InputProblem::Required, "");
        } else if summary.chars().count() > MAX_SUMMARY {
            problem(ComplaintColumn::Summary, InputProblem::TooLong, summary);
        }
        let kecamatan_code = match cell(ComplaintColumn::Kecamatan) {
            "" => None,
            text => places.kecamatan(text).or_else(|| {
                problem(ComplaintColumn::Kecamatan, InputProblem::NotAllowed, text);
                None
            }),
        };
        let agency_code = match cell(ComplaintColumn::Agency) {
            "" | "-" => None,
            text => places.agency(text).or_else(|| {
                problem(ComplaintColumn::Agency, InputProblem::NotAllowed, text);
                None
            }),
        };
        let status = match cell(ComplaintColumn::Status) {
            "" => None,
            text => ComplaintStatus::from_lapor(text).or_else(|| {
                problem(ComplaintColumn::Status, InputProblem::NotAllowed, text);
                None
            }),
        };
        let field_check = match cell(ComplaintColumn::FieldCheck).to_lowercase().as_str() {
            "" | "tidak" | "no" | "0" | "false" | "t" | "n" => false,
            "ya" | "yes" | "1" | "true" | "y" | "x" | "perlu" => true,
            other => {
                problem(ComplaintColumn::FieldCheck, InputProblem::NotAllowed, other);
                false
            }
        };
        for (column, limit) in
            [(ComplaintColumn::Channel, 60), (ComplaintColumn::Category, 120), (ComplaintColumn::Desa, 120)]
        {
            if cell(column).chars().count() > limit {
                problem(column, InputProblem::TooLong, cell(column));
            }
        }
        let Some(received_on) = received_on else { continue };
        if problems.len() > before {
            continue;
        }
        let row = ComplaintRow {
            tracking_id,
            received_on,
            channel: cell(ComplaintColumn::Channel).to_owned(),
            classification,
            category: cell(ComplaintColumn::Category).to_owned(),
            summary: summary.to_owned(),
            kecamatan_code,
            desa: cell(ComplaintColumn::Desa).to_owned(),
            field_check,
            status,
            agency_code,
            disposed_on,
            followed_up_on,
            completed_on,
        };
        let existing = project::load(conn, &row.tracking_id)?;
        if let Some(disagreement) = existing.as_ref().and_then(|stored| disagreement(stored, &row, row_number)) {
            disagreements.push(disagreement);
        }
        match &existing {
            None => new_complaints += 1,
            Some(stored) if project::would_change(stored, &row) => updates += 1,
            Some(_) => unchanged += 1,
        }
        if sample.len() < SAMPLE_ROWS {
            sample.push(ComplaintImportRow {
                row: row_number,
                tracking_id: row.tracking_id.clone(),
                received_on: row.received_on.to_string(),
                classification: row.classification,
                summary: row.summary.chars().take(200).collect(),
                kecamatan_code: row.kecamatan_code.clone(),
                agency_code: row.agency_code.clone(),
                status: row.status,
                known: existing.is_some(),
            });
        }
        if existing.as_ref().is_none_or(|stored| project::would_change(stored, &row)) {
            rows.push(row);
        }
    }
    let mapping = columns.iter().filter_map(|reading| Some((reading.header.clone(), reading.column?))).collect();
    let preview = ComplaintImportPreview {
        encoding,
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        sha256,
        columns,
        rows: body.len() as u32,
        valid_rows: new_complaints + updates + unchanged,
        new_complaints,
        updates,
        unchanged,
        problems,
        sample,
        disagreements,
    };
    Ok(CheckedComplaintImport { preview, rows, mapping })
}

/// Where the file's status differs from the status of the work recorded here. A
/// complaint nobody worked on here takes LAPOR!'s stage as its own: no disagreement.
fn disagreement(stored: &project::Complaint, row: &ComplaintRow, row_number: u32) -> Option<StatusDisagreement> {
    let lapor = row.status?;
    (stored.workflow_events > 0 && lapor != stored.status).then(|| StatusDisagreement {
        row: row_number,
        tracking_id: row.tracking_id.clone(),
        local: stored.status,
        lapor,
    })
}

/// Writes a checked file as one signed event (leadership only). Refused, with nothing
/// written, while any row has a problem unless `skip_bad_rows`; a file that changes
/// nothing writes nothing.
pub fn commit(
    conn: &Connection,
    author: &Author<'_>,
    checked: CheckedComplaintImport,
    skip_bad_rows: bool,
) -> Result<ComplaintImportPreview> {
    let CheckedComplaintImport { preview, rows, mapping } = checked;
    if !preview.problems.is_empty() && !skip_bad_rows {
        let rows: HashSet<u32> = preview.problems.iter().map(|problem| problem.row).collect();
        return Err(CoreError::ImportHasProblems { rows: rows.len() as u32 });
    }
    if preview.valid_rows == 0 {
        return Err(CoreError::ImportUnreadable { reason: "no rows to import".into() });
    }
    if rows.is_empty() {
        // Authorization still applies to a file that would change nothing.
        let principal = crate::device::principal(conn, author.key.id())?;
        policy::require_duty(principal.as_ref(), Duty::KeepComplaints, ComplaintsRecorded::NAME)?;
        return Ok(preview);
    }
    let event = DomainEvent::ComplaintsRecorded(ComplaintsRecorded {
        source: Some(ComplaintImportSource {
            source: preview.source.clone(),
            file_name: preview.file_name.clone(),
            sha256: preview.sha256.clone(),
            rows: preview.rows,
            mapping,
        }),
        complaints: rows,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(preview)
}

fn map_columns(
    conn: &Connection,
    source: &str,
    header: &[String],
    choices: &[ColumnChoice],
) -> Result<Vec<ColumnReading>> {
    let remembered: Vec<(String, ComplaintColumn)> = conn
        .query_row("SELECT mapping FROM complaint_import_sources WHERE source = ?1", [source], |row| {
            row.get::<_, String>(0)
        })
        .optional()?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let chosen = |header: &str| choices.iter().find(|choice| choice.header.trim() == header).map(|c| c.column);
    let readings: Vec<ColumnReading> = read_headers(header, chosen, &remembered)
        .into_iter()
        .map(|(header, column, origin)| ColumnReading { header, column, origin })
        .collect();
    let missing: Vec<ComplaintColumn> = ComplaintColumn::ALL
        .into_iter()
        .filter(|column| column.required() && !readings.iter().any(|reading| reading.column == Some(*column)))
        .collect();
    if missing.is_empty() {
        Ok(readings)
    } else {
        Err(CoreError::ComplaintImportMissingColumns { columns: missing })
    }
}

/// Agencies and kecamatan as a file may name them: by code, name or short name.
struct Places {
    agencies: HashMap<String, String>,
    kecamatan: HashMap<String, String>,
}

impl Places {
    fn load(conn: &Connection) -> Result<Places> {
        let mut agencies = HashMap::new();
        let mut kecamatan = HashMap::new();
        for agency in agency::list(conn)? {
            for name in [&agency.code, &agency.name, &agency.short_name] {
                agencies.insert(key(name), agency.code.clone());
            }
            if agency.kind == AgencyKind::Kecamatan {
                let bare = agency.name.trim_start_matches("Kecamatan ").to_owned();
                for name in [&agency.code, &agency.name, &agency.short_name, &bare] {
                    kecamatan.insert(key(name), agency.code.clone());
                }
            }
        }
        Ok(Places { agencies, kecamatan })
    }

    fn agency(&self, text: &str) -> Option<String> {
        self.agencies.get(&key(text)).cloned()
    }

    fn kecamatan(&self, text: &str) -> Option<String> {
        self.kecamatan.get(&key(text)).cloned()
    }
}

fn key(text: &str) -> String {
    text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
