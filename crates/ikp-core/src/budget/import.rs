//! Importing realization entries from a CSV export or an XLSX workbook (read by
//! `tabular`): SIPD's SP2D list or its LRA per SKPD, or BPKD's own sheet. Headers are
//! read as `import_columns` says (by hand, remembered per source, or by name); agencies
//! by their code here, their SIPD kode SKPD or their name. An SP2D's type is kept, and
//! only spending counts (LS and the nihil SP2D that validate an advance's SPJ): UP, GU
//! and TU advances are shown apart. The jenis belanja comes from the account code or a
//! column naming it; an LRA's heading rows (sums of the rows below) and its pendapatan
//! and pembiayaan rows are left out. Every row is checked first; the preview lists
//! each problem by row and column, and the import writes nothing while any row is
//! bad unless the user chose to skip exactly those rows. Re-importing the same file
//! adds nothing (and signs nothing): an entry's id is derived from what it is.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::import_columns::{map_columns, BudgetColumnReading, DEFAULT_SOURCE};
pub use super::import_columns::{BudgetColumnChoice, ImportColumn};
use super::ops::money_problem;
use super::payload::{ImportSource, JenisBelanja, RealizationEntry, RealizationsRecorded, Sp2dType};
use super::project::digest16;
use super::sipd::{self, Account, Agencies};
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
    /// The earlier row this one repeats (the same SP2D twice in one file), or, for a
    /// `Conflicting` amount, the row that gave the same line another amount or date.
    pub duplicate_of: Option<u32>,
}

/// A row that corrects a line imported before (the same SP2D and account, or the same
/// LRA account and period, with another amount or date): it takes the earlier amount's
/// place instead of adding to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LineCorrection {
    pub row: u32,
    pub agency_code: String,
    pub reference: String,
    pub account: String,
    pub before: Rupiah,
    pub before_on: String,
    pub after: Rupiah,
    pub after_on: String,
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
    pub sp2d_type: Option<Sp2dType>,
    pub jenis: Option<JenisBelanja>,
}

/// What the good rows of a file add up to for one jenis belanja (`None`: rows that
/// named none).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JenisTotal {
    pub jenis: Option<JenisBelanja>,
    pub amount: Rupiah,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The source the file is read as, whose mapping is remembered (e.g. "SIPD").
    pub source: String,
    pub file_name: String,
    pub sha256: String,
    pub encoding: FileEncoding,
    /// Data rows in the file (the header not counted).
    pub rows: u32,
    /// How each header of the file is read.
    pub columns: Vec<BudgetColumnReading>,
    /// Columns no header is read as: map one, or the file cannot be imported (and its
    /// rows are not read).
    pub missing_columns: Vec<ImportColumn>,
    pub valid_rows: u32,
    /// What the good rows add to absorption: every row but the advances.
    pub total: Rupiah,
    /// UP, GU and TU SP2D: cash advanced to treasurers, shown apart, never counted.
    pub advances: Rupiah,
    /// `total` by jenis belanja.
    pub by_jenis: Vec<JenisTotal>,
    /// LRA rows left out: headings that sum the rows below them, pendapatan, pembiayaan.
    pub left_out: u32,
    pub problems: Vec<RowProblem>,
    /// The first rows as they will be imported.
    pub sample: Vec<ImportRowView>,
    /// Entries the database already has (a file imported before): they add nothing.
    pub already_imported: u32,
    /// Rows that correct a line imported before, replacing its amount.
    pub corrected: u32,
    /// The first of them, before and after.
    pub corrections: Vec<LineCorrection>,
}

/// A file read and checked, not yet written.
pub struct CheckedImport {
    pub preview: ImportPreview,
    entries: Vec<RealizationEntry>,
    mapping: Vec<(String, ImportColumn)>,
}

/// What a file is imported as: its source (whose mapping is remembered), its name and
/// bytes, and the headers the user mapped by hand.
pub struct ImportRequest<'a> {
    pub source: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub choices: &'a [BudgetColumnChoice],
}

pub fn check(conn: &Connection, request: &ImportRequest<'_>, today: NaiveDate) -> Result<CheckedImport> {
    let ImportRequest { source, file_name, bytes, choices } = *request;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::ImportUnreadable { reason: format!("larger than {} MB", MAX_FILE_BYTES >> 20) });
    }
    let source = match source.trim() {
        "" => DEFAULT_SOURCE,
        named => named,
    };
    let sha256 = hex::encode(Sha256::digest(bytes));
    let Table { rows: table, encoding } = read_table(bytes)?;
    let (header, body) = table.split_first().ok_or_else(|| CoreError::ImportUnreadable { reason: "empty".into() })?;
    let (columns, missing_columns) = map_columns(conn, source, header, choices)?;
    // Without a column the rows cannot be read: the preview shows the headers to map.
    let body = if missing_columns.is_empty() { body } else { &[] };
    let index: HashMap<ImportColumn, usize> =
        columns.iter().enumerate().filter_map(|(i, reading)| Some((reading.column?, i))).collect();
    let agencies = Agencies::load(conn)?;
    let read = Cells { index: &index };
    // An LRA lists the sums of its accounts above them: only rows no other row extends
    // (and with no SP2D number) are entries.
    let headings = if index.contains_key(&ImportColumn::Account) {
        let keyed: Vec<(&str, &str)> = body
            .iter()
            .filter(|cells| read.get(cells, ImportColumn::Reference).is_empty())
            .map(|cells| (read.agency(cells), read.get(cells, ImportColumn::Account)))
            .collect();
        sipd::heading_codes(keyed.into_iter())
    } else {
        HashSet::new()
    };
    let mut problems = Vec::new();
    let mut sample = Vec::new();
    let mut entries = Vec::with_capacity(body.len());
    let mut entry_rows = Vec::with_capacity(body.len());
    let mut entry_lines = Vec::with_capacity(body.len());
    let mut left_out = 0;
    // The same SP2D twice in one file would be stored once (its id is what it is) while
    // a sum of the rows counts it twice: the repeat is a problem of its row, naming the
    // first, so the preview's total and the import always count the same entries.
    let mut first_rows: HashMap<[u8; 16], u32> = HashMap::new();
    // The same line twice with two amounts: which one the file means cannot be told.
    let mut first_of_line: HashMap<[u8; 16], u32> = HashMap::new();
    for (offset, cells) in body.iter().enumerate() {
        let row = offset as u32 + 2;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell =
            |column: ImportColumn| index.get(&column).and_then(|i| cells.get(*i)).map(|s| s.trim()).unwrap_or("");
        let reference = cell(ImportColumn::Reference).to_owned();
        let account_code = cell(ImportColumn::Account);
        if reference.is_empty() && sipd::is_heading(&headings, read.agency(cells), account_code) {
            left_out += 1;
            continue;
        }
        let mut problem = |column, problem, value: &str| {
            problems.push(RowProblem {
                row,
                column,
                problem,
                value: value.chars().take(80).collect(),
                duplicate_of: None,
            })
        };
        let account = match account_code {
            "" => None,
            code => match sipd::account(code) {
                Some(Account::NotSpending) => {
                    left_out += 1;
                    continue;
                }
                Some(Account::Belanja(jenis)) => Some(jenis),
                None => {
                    problem(ImportColumn::Account, InputProblem::NotAllowed, code);
                    None
                }
            },
        };
        let agency_code = match (cell(ImportColumn::Agency), cell(ImportColumn::AgencyName)) {
            ("", "") => {
                let column = if index.contains_key(&ImportColumn::Agency) {
                    ImportColumn::Agency
                } else {
                    ImportColumn::AgencyName
                };
                problem(column, InputProblem::Required, "");
                None
            }
            ("", name) => agencies.by_name(name).map(str::to_owned).or_else(|| {
                problem(ImportColumn::AgencyName, InputProblem::NotAllowed, name);
                None
            }),
            (code, _) => agencies.by_code(code).map(str::to_owned).or_else(|| {
                problem(ImportColumn::Agency, InputProblem::NotAllowed, code);
                None
            }),
        };
        let date = match parse_day(cell(ImportColumn::Date).split_whitespace().next().unwrap_or("")) {
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
        let sp2d_type = match (index.contains_key(&ImportColumn::Sp2dType), cell(ImportColumn::Sp2dType)) {
            (false, _) => Ok(None),
            (true, "") => {
                problem(ImportColumn::Sp2dType, InputProblem::Required, "");
                Err(())
            }
            (true, text) => sipd::sp2d_type(text).map(Some).ok_or_else(|| {
                problem(ImportColumn::Sp2dType, InputProblem::NotAllowed, text);
            }),
        };
        let jenis = match cell(ImportColumn::Jenis) {
            "" => Ok(account),
            text => sipd::jenis(text).map(Some).ok_or_else(|| {
                problem(ImportColumn::Jenis, InputProblem::NotAllowed, text);
            }),
        };
        let (Some(agency_code), Some(realized_on), Some(amount), Ok(sp2d_type), Ok(jenis)) =
            (agency_code, date, amount, sp2d_type, jenis)
        else {
            continue;
        };
        if !account_code.is_empty() && account.is_none() {
            continue;
        }
        let entry_digest = entry_id(&sha256, row, &agency_code, realized_on, amount, &reference, account_code);
        if let Some(first) = first_rows.get(&entry_digest) {
            problems.push(RowProblem {
                row,
                column: ImportColumn::Reference,
                problem: InputProblem::Duplicate,
                value: reference.chars().take(80).collect(),
                duplicate_of: Some(*first),
            });
            continue;
        }
        let line = line_of(realized_on, &reference, account_code);
        let stored_line = line.as_deref().map(|line| super::project::line_key(&agency_code, line));
        if let Some(stored_line) = stored_line {
            if let Some(first) = first_of_line.get(&stored_line) {
                problems.push(RowProblem {
                    row,
                    column: ImportColumn::Amount,
                    problem: InputProblem::Conflicting,
                    value: cell(ImportColumn::Amount).chars().take(80).collect(),
                    duplicate_of: Some(*first),
                });
                continue;
            }
            first_of_line.insert(stored_line, row);
        }
        first_rows.insert(entry_digest, row);
        if sample.len() < SAMPLE_ROWS {
            sample.push(ImportRowView {
                row,
                agency_code: agency_code.clone(),
                realized_on: realized_on.to_string(),
                amount,
                reference: reference.clone(),
                sp2d_type,
                jenis,
            });
        }
        entries.push(RealizationEntry {
            entry_id: hex::encode(entry_digest),
            agency_code,
            realized_on,
            amount,
            reference,
            note: cell(ImportColumn::Note).to_owned(),
            sp2d_type,
            jenis,
            line,
        });
        entry_rows.push(row);
        entry_lines.push(stored_line);
    }
    let counts = |entry: &&RealizationEntry| entry.sp2d_type.is_none_or(Sp2dType::is_spending);
    let mut by_jenis: Vec<JenisTotal> = Vec::new();
    for entry in entries.iter().filter(counts) {
        match by_jenis.iter_mut().find(|total| total.jenis == entry.jenis) {
            Some(total) => total.amount = Rupiah::from_sen(total.amount.sen() + entry.amount.sen()),
            None => by_jenis.push(JenisTotal { jenis: entry.jenis, amount: entry.amount }),
        }
    }
    by_jenis.sort_by_key(|total| total.jenis.map_or(usize::MAX, |jenis| jenis as usize));
    let mapping = columns.iter().filter_map(|reading| Some((reading.header.clone(), reading.column?))).collect();
    let total = entries.iter().filter(counts).map(|entry| entry.amount).sum();
    let advances = entries.iter().filter(|entry| !counts(entry)).map(|entry| entry.amount).sum();
    let valid_rows = entries.len() as u32;
    // Entries already here add nothing: only the new ones are signed.
    let against = sort_against_store(conn, &mut entries, &entry_rows, &entry_lines)?;
    let preview = ImportPreview {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        sha256,
        encoding,
        rows: (table.len() - 1) as u32,
        columns,
        missing_columns,
        valid_rows,
        total,
        advances,
        by_jenis,
        left_out,
        problems,
        sample,
        already_imported: against.already_imported,
        corrected: against.corrected,
        corrections: against.corrections,
    };
    Ok(CheckedImport { preview, entries, mapping })
}

/// Reads a row's cells by the column the file's headers were mapped to, trimmed and
/// borrowed (an empty string for a column the file lacks): a 100k-row file is read twice.
struct Cells<'a> {
    index: &'a HashMap<ImportColumn, usize>,
}

impl Cells<'_> {
    fn get<'c>(&self, cells: &'c [String], column: ImportColumn) -> &'c str {
        self.index.get(&column).and_then(|i| cells.get(*i)).map_or("", |cell| cell.trim())
    }

    /// The text a row names its agency by, for telling one agency's LRA codes from another's.
    fn agency<'c>(&self, cells: &'c [String]) -> &'c str {
        match self.get(cells, ImportColumn::Agency) {
            "" => self.get(cells, ImportColumn::AgencyName),
            code => code,
        }
    }
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
    let CheckedImport { preview, entries, mapping } = checked;
    if !preview.missing_columns.is_empty() {
        return Err(CoreError::ImportMissingColumns { columns: preview.missing_columns });
    }
    if !preview.problems.is_empty() && !skip_bad_rows {
        return Err(CoreError::ImportHasProblems { rows: problem_rows(&preview.problems) });
    }
    if preview.valid_rows == 0 {
        return Err(CoreError::ImportUnreadable { reason: "no rows to import".into() });
    }
    // BPKD (or the leadership) keeps the realizations of every agency; an agency's own
    // figures would lift its own absorption score, an IKP indicator.
    let principal = crate::device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::KeepBudget, RealizationsRecorded::NAME)?;
    if entries.is_empty() {
        // The file was imported before: it adds nothing, so nothing is signed.
        return Ok(preview);
    }
    let event = DomainEvent::BudgetRealized(RealizationsRecorded {
        agency_code: None,
        source: Some(ImportSource {
            file_name: preview.file_name.clone(),
            sha256: preview.sha256.clone(),
            rows: preview.rows,
            source: Some(preview.source.clone()),
            mapping,
        }),
        entries,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(preview)
}

fn problem_rows(problems: &[RowProblem]) -> u32 {
    problems.iter().map(|problem| problem.row).collect::<HashSet<_>>().len() as u32
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
    if let Some(day) = day_first(text) {
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

/// "20/11/2026" or "20-11-2026" (one or two digits for day and month, four for the
/// year), read without a format string: SIPD writes its dates so, and interpreting
/// "%d/%m/%Y" for each of 100k rows showed in the import's profile. Anything else is
/// left to the format strings.
fn day_first(text: &str) -> Option<NaiveDate> {
    let separator = if text.contains('/') { '/' } else { '-' };
    let mut parts = text.splitn(3, separator);
    let mut number = |digits: std::ops::RangeInclusive<usize>| {
        let part = parts.next()?;
        let fits = digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        fits.then(|| part.parse::<u32>().ok()).flatten()
    };
    let (day, month, year) = (number(1..=2)?, number(1..=2)?, number(4..=4)?);
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// The same payment imported twice gets the same id: by its SP2D reference when it has
/// one (and the account it pays: SIPD lists an SP2D once per account, and two accounts of
/// one SP2D may well be paid the same sum), else by the LRA account it realizes in its
/// period, else by the file and row it came from. An SP2D without an account keeps the
/// id files had before accounts were read, so an old file imported again adds nothing.
/// (The id is the hex of these 16 bytes.)
fn entry_id(
    file_sha: &str,
    row: u32,
    agency: &str,
    day: NaiveDate,
    amount: Rupiah,
    reference: &str,
    account: &str,
) -> [u8; 16] {
    let (year, sen) = (day.year(), amount.sen());
    match (reference, account) {
        ("", "") => digest16(format_args!("file|{file_sha}|{row}")),
        ("", account) => digest16(format_args!("lra|{agency}|{day}|{account}|{sen}")),
        (reference, "") => digest16(format_args!("sp2d|{agency}|{year}|{day}|{sen}|{reference}")),
        (reference, account) => digest16(format_args!("sp2d|{agency}|{year}|{day}|{sen}|{reference}|{account}")),
    }
}

/// The line of its file a row is the amount of (see `RealizationEntry::line`): an SP2D
/// and the account it pays (SP2D numbers start again each year), or an LRA account in
/// its period. A row with neither has none.
fn line_of(day: NaiveDate, reference: &str, account: &str) -> Option<String> {
    match (reference, account) {
        ("", "") => None,
        ("", account) => Some(format!("lra|{day}|{account}")),
        (reference, account) => Some(format!("sp2d|{}|{reference}|{account}", day.year())),
    }
}

/// How a file's entries stand against the store.
struct AgainstStore {
    already_imported: u32,
    corrected: u32,
    corrections: Vec<LineCorrection>,
}

/// Keeps the entries the database does not have yet, and finds those
/// among them that correct a line imported before.
fn sort_against_store(
    conn: &Connection,
    entries: &mut Vec<RealizationEntry>,
    rows: &[u32],
    lines: &[Option<[u8; 16]>],
) -> Result<AgainstStore> {
    let mut known = conn.prepare_cached("SELECT 1 FROM budget_realizations WHERE entry_id = ?1")?;
    // The entry that counts for a line (one at most: `realizations_counted_line`).
    let mut counting = conn.prepare_cached(
        "SELECT entry_id, amount_sen, realized_on FROM budget_realizations WHERE line_key = ?1 AND counted = 1",
    )?;
    let mut against = AgainstStore { already_imported: 0, corrected: 0, corrections: Vec::new() };
    let mut keep = Vec::with_capacity(entries.len());
    for ((entry, row), line) in entries.iter().zip(rows).zip(lines) {
        let key = super::project::entry_key(&entry.agency_code, &entry.entry_id);
        // An entry of a line is looked up by its line: a line nobody imported (nearly
        // every row of a first import) cannot hold a known entry either, since every
        // line stored has one entry that counts. One probe, as for an entry of no line.
        let before = match line {
            None => None,
            Some(line) => counting
                .query_row([line], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))
                .optional()?,
        };
        let is_known = match (line, &before) {
            (None, _) => known.exists([&key])?,
            (Some(_), None) => false,
            (Some(_), Some((counting_key, _, _))) => *counting_key == key || known.exists([&key])?,
        };
        keep.push(!is_known);
        if is_known {
            against.already_imported += 1;
            continue;
        }
        let Some((_, before, before_on)) = before else { continue };
        against.corrected += 1;
        if against.corrections.len() < SAMPLE_ROWS {
            against.corrections.push(LineCorrection {
                row: *row,
                agency_code: entry.agency_code.clone(),
                reference: entry.reference.clone(),
                account: entry.line.as_deref().and_then(|line| line.rsplit('|').next()).unwrap_or_default().to_owned(),
                before: Rupiah::from_sen(before),
                before_on,
                after: entry.amount,
                after_on: entry.realized_on.to_string(),
            });
        }
    }
    let mut flags = keep.iter();
    entries.retain(|_| *flags.next().unwrap_or(&false));
    Ok(against)
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
