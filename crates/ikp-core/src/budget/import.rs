//! Importing realization entries from a CSV export or an XLSX workbook (read by
//! `tabular`). Every row is checked first; the preview lists
//! each problem by row and column, and the import writes nothing while any row is
//! bad unless the user chose to skip exactly those rows. Re-importing the same file
//! adds nothing: an entry's id is derived from what it is.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::ops::money_problem;
use super::payload::{ImportSource, RealizationEntry, RealizationsRecorded};
use crate::agency;
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::{DomainEvent, EventKind};
use crate::money::Rupiah;
use crate::policy::{self, Duty};
use crate::record::record;
use crate::tabular::{read_table, FileEncoding, Table};
use crate::use_case::Author;

/// Files larger than this are refused before parsing (a year of SP2D is far smaller).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The preview shows this many rows; the import takes all of them.
const SAMPLE_ROWS: usize = 50;

/// The columns an import understands, each with the headers it recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportColumn {
    Agency,
    Date,
    Amount,
    Reference,
    Note,
}

impl ImportColumn {
    const ALL: [ImportColumn; 5] =
        [ImportColumn::Agency, ImportColumn::Date, ImportColumn::Amount, ImportColumn::Reference, ImportColumn::Note];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportColumn::Agency => &["kodeopd", "kodeperangkatdaerah", "kode", "opd", "agency", "agencycode"],
            ImportColumn::Date => &["tanggal", "tgl", "tanggalsp2d", "date", "bulan", "month"],
            ImportColumn::Amount => &["jumlah", "nilai", "nilaisp2d", "realisasi", "amount"],
            ImportColumn::Reference => &["nosp2d", "nomorsp2d", "sp2d", "referensi", "reference", "ref"],
            ImportColumn::Note => &["keterangan", "uraian", "catatan", "note"],
        }
    }

    fn required(self) -> bool {
        matches!(self, ImportColumn::Agency | ImportColumn::Date | ImportColumn::Amount)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    pub column: ImportColumn,
    pub problem: InputProblem,
    /// What the cell held (cut to 80 characters).
    pub value: String,
    /// The earlier row this one repeats (the same SP2D twice in one file).
    pub duplicate_of: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportRowView {
    pub row: u32,
    pub agency_code: String,
    pub realized_on: String,
    pub amount: Rupiah,
    pub reference: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    pub sha256: String,
    pub encoding: FileEncoding,
    /// Data rows in the file (the header not counted).
    pub rows: u32,
    pub valid_rows: u32,
    pub total: Rupiah,
    pub problems: Vec<RowProblem>,
    /// The first rows as they will be imported.
    pub sample: Vec<ImportRowView>,
    /// Entries the database already has (a file imported before): they add nothing.
    pub already_imported: u32,
}

/// A file read and checked, not yet written.
pub struct CheckedImport {
    pub preview: ImportPreview,
    entries: Vec<RealizationEntry>,
}

pub fn check(conn: &Connection, file_name: &str, bytes: &[u8], today: NaiveDate) -> Result<CheckedImport> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::ImportUnreadable { reason: format!("larger than {} MB", MAX_FILE_BYTES >> 20) });
    }
    let sha256 = hex::encode(Sha256::digest(bytes));
    let Table { rows: table, encoding } = read_table(bytes)?;
    let (header, body) = table.split_first().ok_or_else(|| CoreError::ImportUnreadable { reason: "empty".into() })?;
    let columns = map_columns(header)?;
    let known: HashSet<String> = agency::list(conn)?.into_iter().map(|agency| agency.code).collect();
    let mut problems = Vec::new();
    let mut sample = Vec::new();
    let mut entries = Vec::with_capacity(body.len());
    // The same SP2D twice in one file would be stored once (its id is what it is) while
    // a sum of the rows counts it twice: the repeat is a problem of its row, naming the
    // first, so the preview's total and the import always count the same entries.
    let mut first_rows: HashMap<String, u32> = HashMap::new();
    for (index, cells) in body.iter().enumerate() {
        let row = index as u32 + 2;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |column: ImportColumn| {
            columns.iter().position(|c| *c == Some(column)).and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("")
        };
        let mut problem = |column, problem, value: &str| {
            problems.push(RowProblem {
                row,
                column,
                problem,
                value: value.chars().take(80).collect(),
                duplicate_of: None,
            })
        };
        let agency_code = cell(ImportColumn::Agency).to_uppercase();
        if agency_code.is_empty() {
            problem(ImportColumn::Agency, InputProblem::Required, "");
        } else if !known.contains(&agency_code) {
            problem(ImportColumn::Agency, InputProblem::NotAllowed, cell(ImportColumn::Agency));
        }
        let date = match parse_day(cell(ImportColumn::Date)) {
            Ok(day) if day > today => {
                problem(ImportColumn::Date, InputProblem::InTheFuture, cell(ImportColumn::Date));
                None
            }
            Ok(day) => Some(day),
            Err(issue) => {
                problem(ImportColumn::Date, issue, cell(ImportColumn::Date));
                None
            }
        };
        let amount = match Rupiah::parse(cell(ImportColumn::Amount)) {
            Ok(amount) => Some(amount),
            Err(err) => {
                problem(ImportColumn::Amount, money_problem(err), cell(ImportColumn::Amount));
                None
            }
        };
        let (Some(realized_on), Some(amount), true) = (date, amount, known.contains(&agency_code)) else {
            continue;
        };
        let reference = cell(ImportColumn::Reference).to_owned();
        let entry_id = entry_id(&sha256, row, &agency_code, realized_on, amount, &reference);
        if let Some(first) = first_rows.get(&entry_id) {
            problems.push(RowProblem {
                row,
                column: ImportColumn::Reference,
                problem: InputProblem::Duplicate,
                value: reference.chars().take(80).collect(),
                duplicate_of: Some(*first),
            });
            continue;
        }
        first_rows.insert(entry_id.clone(), row);
        if sample.len() < SAMPLE_ROWS {
            sample.push(ImportRowView {
                row,
                agency_code: agency_code.clone(),
                realized_on: realized_on.to_string(),
                amount,
                reference: reference.clone(),
            });
        }
        entries.push(RealizationEntry {
            entry_id,
            agency_code,
            realized_on,
            amount,
            reference,
            note: cell(ImportColumn::Note).to_owned(),
        });
    }
    let already_imported = count_known(conn, &entries)?;
    let preview = ImportPreview {
        file_name: file_name.to_owned(),
        sha256,
        encoding,
        rows: body.len() as u32,
        valid_rows: entries.len() as u32,
        total: entries.iter().map(|entry| entry.amount).sum(),
        problems,
        sample,
        already_imported,
    };
    Ok(CheckedImport { preview, entries })
}

/// Writes a checked file as one signed event. Refused (nothing written) while any row
/// has a problem, unless `skip_bad_rows` says the user saw the list and leaves them out.
/// Agency staff import for their own agency only; the leadership for any.
pub fn commit(
    conn: &Connection,
    author: &Author<'_>,
    checked: CheckedImport,
    skip_bad_rows: bool,
) -> Result<ImportPreview> {
    let CheckedImport { preview, entries } = checked;
    if !preview.problems.is_empty() && !skip_bad_rows {
        return Err(CoreError::ImportHasProblems { rows: problem_rows(&preview.problems) });
    }
    if entries.is_empty() {
        return Err(CoreError::ImportUnreadable { reason: "no rows to import".into() });
    }
    // BPKD (or the leadership) keeps the realizations of every agency; an agency's own
    // figures would lift its own absorption score, an IKP indicator.
    let principal = crate::device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::KeepBudget, RealizationsRecorded::NAME)?;
    let event = DomainEvent::BudgetRealized(RealizationsRecorded {
        agency_code: None,
        source: Some(ImportSource {
            file_name: preview.file_name.clone(),
            sha256: preview.sha256.clone(),
            rows: preview.rows,
        }),
        entries,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(preview)
}

fn problem_rows(problems: &[RowProblem]) -> u32 {
    problems.iter().map(|problem| problem.row).collect::<HashSet<_>>().len() as u32
}

fn map_columns(header: &[String]) -> Result<Vec<Option<ImportColumn>>> {
    let normalized: Vec<String> =
        header.iter().map(|name| name.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect()).collect();
    let columns: Vec<Option<ImportColumn>> = normalized
        .iter()
        .map(|name| ImportColumn::ALL.into_iter().find(|column| column.aliases().contains(&name.as_str())))
        .collect();
    let missing: Vec<ImportColumn> =
        ImportColumn::ALL.into_iter().filter(|column| column.required() && !columns.contains(&Some(*column))).collect();
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(CoreError::ImportMissingColumns { columns: missing })
    }
}

/// "2026-11-20", "20/11/2026", "20-11-2026", or a month: "2026-11", "11/2026".
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, InputProblem> {
    if text.is_empty() {
        return Err(InputProblem::Required);
    }
    // ISO dates are the common case in exports; chrono's own ISO parser is several
    // times faster than interpreting a format string, which shows at 100k rows.
    if let Ok(day) = text.parse::<NaiveDate>() {
        return Ok(day);
    }
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, format) {
            return Ok(day);
        }
    }
    let month = text
        .split_once('-')
        .and_then(|(year, month)| Some((year.parse::<i32>().ok()?, month.parse::<u32>().ok()?)))
        .or_else(|| text.split_once('/').and_then(|(month, year)| Some((year.parse().ok()?, month.parse().ok()?))));
    month.and_then(|(year, month)| NaiveDate::from_ymd_opt(year, month, 1)).ok_or(InputProblem::NotADate)
}

/// The same payment imported twice gets the same id: by its SP2D reference when it has
/// one, else by the file and row it came from.
fn entry_id(file_sha: &str, row: u32, agency: &str, day: NaiveDate, amount: Rupiah, reference: &str) -> String {
    let key = if reference.is_empty() {
        format!("file|{file_sha}|{row}")
    } else {
        format!("sp2d|{agency}|{}|{day}|{}|{reference}", day.year(), amount.sen())
    };
    hex::encode(&Sha256::digest(key.as_bytes())[..16])
}

fn count_known(conn: &Connection, entries: &[RealizationEntry]) -> Result<u32> {
    let mut statement = conn.prepare_cached("SELECT 1 FROM budget_realizations WHERE entry_id = ?1")?;
    let mut known = 0;
    for entry in entries {
        if statement.exists([super::project::entry_key(&entry.agency_code, &entry.entry_id)])? {
            known += 1;
        }
    }
    Ok(known)
}
