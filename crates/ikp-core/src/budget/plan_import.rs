//! Importing the anggaran kas (each agency's monthly disbursement plan) from SIPD's
//! export, CSV or XLSX: a row per account with a column per month. Headers are read as
//! the realization import reads them (by hand, remembered per source, or by name);
//! agencies by their code, SIPD kode SKPD or name. Heading rows (sums of the accounts
//! below them) and accounts that are not belanja are left out; the rest is summed per
//! agency and month, exactly. Every row is checked first and nothing is written while
//! any row is bad; an agency whose plan would not change is left out, so importing the
//! same file twice adds nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::import_columns::DEFAULT_SOURCE;
use super::ops::money_problem;
use super::payload::{PlanImportSource, PlanSet};
use super::sipd::{self, Account, Agencies};
use crate::column_map::{read_headers, Columns, MappingOrigin};
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::{DomainEvent, EventKind};
use crate::money::Rupiah;
use crate::policy::{self, Duty};
use crate::record::record;
use crate::tabular::{read_table, FileEncoding, Table};
use crate::use_case::Author;

pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The columns of an anggaran kas file: who, which account, and the twelve months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PlanColumn {
    Agency,
    AgencyName,
    Account,
    January,
    February,
    March,
    April,
    May,
    June,
    July,
    August,
    September,
    October,
    November,
    December,
}

impl PlanColumn {
    pub const ALL: [PlanColumn; 15] = [
        PlanColumn::Agency,
        PlanColumn::AgencyName,
        PlanColumn::Account,
        PlanColumn::January,
        PlanColumn::February,
        PlanColumn::March,
        PlanColumn::April,
        PlanColumn::May,
        PlanColumn::June,
        PlanColumn::July,
        PlanColumn::August,
        PlanColumn::September,
        PlanColumn::October,
        PlanColumn::November,
        PlanColumn::December,
    ];

    /// The month a column holds (0 for January), if it is one.
    fn month(self) -> Option<usize> {
        PlanColumn::ALL.iter().position(|column| *column == self).and_then(|index| index.checked_sub(3))
    }
}

impl Columns for PlanColumn {
    const ALL: &'static [PlanColumn] = &PlanColumn::ALL;

    fn aliases(self) -> &'static [&'static str] {
        use PlanColumn::*;
        match self {
            Agency => &["kodeskpd", "kodeopd", "kodeunit", "kodeunitskpd", "kode", "opd"],
            AgencyName => &["namaskpd", "namaopd", "namaunit", "namaunitskpd", "skpd"],
            Account => &["koderekening", "kodeakun", "rekening", "kdrek"],
            January => &["januari", "jan"],
            February => &["februari", "feb", "pebruari"],
            March => &["maret", "mar"],
            April => &["april", "apr"],
            May => &["mei"],
            June => &["juni", "jun"],
            July => &["juli", "jul"],
            August => &["agustus", "agu", "agt", "ags"],
            September => &["september", "sep"],
            October => &["oktober", "okt"],
            November => &["november", "nov", "nop", "nopember"],
            December => &["desember", "des"],
        }
    }
}

/// A header the user mapped by hand (`column: None` leaves the header out).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanColumnChoice {
    pub header: String,
    pub column: Option<PlanColumn>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanColumnReading {
    pub header: String,
    pub column: Option<PlanColumn>,
    pub origin: MappingOrigin,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanRowProblem {
    pub row: u32,
    pub column: PlanColumn,
    pub problem: InputProblem,
    pub value: String,
}

/// One agency's plan as the file gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanImportAgency {
    pub agency_code: String,
    pub months: Vec<Rupiah>,
    pub total: Rupiah,
    /// The plan here is already this one: importing it changes nothing.
    pub unchanged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanImportPreview {
    pub source: String,
    pub file_name: String,
    pub fiscal_year: i32,
    pub encoding: FileEncoding,
    pub columns: Vec<PlanColumnReading>,
    /// Columns no header is read as (the agency, or any month): the rows are not read.
    pub missing_columns: Vec<PlanColumn>,
    pub rows: u32,
    /// Heading rows and accounts that are not belanja, left out.
    pub left_out: u32,
    pub problems: Vec<PlanRowProblem>,
    pub agencies: Vec<PlanImportAgency>,
}

/// What an anggaran kas file is imported as.
pub struct PlanImportRequest<'a> {
    pub source: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub choices: &'a [PlanColumnChoice],
    pub fiscal_year: i32,
}

pub struct CheckedPlanImport {
    pub preview: PlanImportPreview,
    sha256: String,
    mapping: Vec<(String, PlanColumn)>,
}

pub fn check(conn: &Connection, request: &PlanImportRequest<'_>) -> Result<CheckedPlanImport> {
    let PlanImportRequest { source, file_name, bytes, choices, fiscal_year } = *request;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::ImportUnreadable { reason: format!("larger than {} MB", MAX_FILE_BYTES >> 20) });
    }
    if !(2000..=2100).contains(&fiscal_year) {
        return Err(CoreError::invalid("fiscalYear", InputProblem::OutOfRange));
    }
    let source = match source.trim() {
        "" => DEFAULT_SOURCE,
        named => named,
    };
    let sha256 = hex::encode(Sha256::digest(bytes));
    let Table { rows: table, encoding } = read_table(bytes)?;
    let (header, body) = table.split_first().ok_or_else(|| CoreError::ImportUnreadable { reason: "empty".into() })?;
    let remembered: Vec<(String, PlanColumn)> = conn
        .query_row("SELECT mapping FROM budget_plan_import_sources WHERE source = ?1", [source], |row| {
            row.get::<_, String>(0)
        })
        .optional()?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let chosen = |header: &str| choices.iter().find(|choice| choice.header.trim() == header).map(|c| c.column);
    let columns: Vec<PlanColumnReading> = read_headers(header, chosen, &remembered)
        .into_iter()
        .map(|(header, column, origin)| PlanColumnReading { header, column, origin })
        .collect();
    let index: HashMap<PlanColumn, usize> =
        columns.iter().enumerate().filter_map(|(i, reading)| Some((reading.column?, i))).collect();
    let mut missing_columns = Vec::new();
    if !index.contains_key(&PlanColumn::Agency) && !index.contains_key(&PlanColumn::AgencyName) {
        missing_columns.push(PlanColumn::Agency);
    }
    missing_columns.extend(PlanColumn::ALL.into_iter().filter(|c| c.month().is_some() && !index.contains_key(c)));
    let body = if missing_columns.is_empty() { body } else { &[] };
    let read = |cells: &[String], column: PlanColumn| -> String {
        index.get(&column).and_then(|i| cells.get(*i)).map_or(String::new(), |s| s.trim().to_owned())
    };
    let agency_text = |cells: &[String]| match read(cells, PlanColumn::Agency) {
        code if code.is_empty() => read(cells, PlanColumn::AgencyName),
        code => code,
    };
    let keyed: Vec<(String, String)> =
        body.iter().map(|cells| (agency_text(cells), read(cells, PlanColumn::Account))).collect();
    let headings = sipd::heading_codes(keyed.iter().map(|(agency, code)| (agency.as_str(), code.as_str())));
    let agencies = Agencies::load(conn)?;
    let mut problems = Vec::new();
    let mut sums: BTreeMap<String, [i64; 12]> = BTreeMap::new();
    let mut left_out = 0;
    for (offset, cells) in body.iter().enumerate() {
        let row = offset as u32 + 2;
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let account = read(cells, PlanColumn::Account);
        if sipd::is_heading(&headings, &agency_text(cells), &account) {
            left_out += 1;
            continue;
        }
        let mut problem = |column, problem, value: &str| {
            problems.push(PlanRowProblem { row, column, problem, value: value.chars().take(80).collect() })
        };
        match (account.as_str(), sipd::account(&account)) {
            ("", _) | (_, Some(Account::Belanja(_))) => {}
            (_, Some(Account::NotSpending)) => {
                left_out += 1;
                continue;
            }
            (text, None) => problem(PlanColumn::Account, InputProblem::NotAllowed, text),
        }
        let agency = match (read(cells, PlanColumn::Agency).as_str(), read(cells, PlanColumn::AgencyName).as_str()) {
            ("", "") => {
                problem(PlanColumn::Agency, InputProblem::Required, "");
                None
            }
            ("", name) => agencies.by_name(name).map(str::to_owned).or_else(|| {
                problem(PlanColumn::AgencyName, InputProblem::NotAllowed, name);
                None
            }),
            (code, _) => agencies.by_code(code).map(str::to_owned).or_else(|| {
                problem(PlanColumn::Agency, InputProblem::NotAllowed, code);
                None
            }),
        };
        let mut months = [0i64; 12];
        for column in PlanColumn::ALL {
            let Some(month) = column.month() else { continue };
            let text = read(cells, column);
            if text.is_empty() || text == "-" {
                continue;
            }
            match Rupiah::parse(&text) {
                Ok(amount) => months[month] = amount.sen(),
                Err(err) => problem(column, money_problem(err), &text),
            }
        }
        if let Some(agency) = agency {
            let sum = sums.entry(agency).or_insert([0; 12]);
            for (total, amount) in sum.iter_mut().zip(months) {
                *total = total.checked_add(amount).ok_or(CoreError::invalid("months", InputProblem::OutOfRange))?;
            }
        }
    }
    let mut plans = Vec::with_capacity(sums.len());
    for (agency_code, months) in sums {
        let current = current_plan(conn, &agency_code, fiscal_year)?;
        plans.push(PlanImportAgency {
            unchanged: current == months,
            months: months.iter().map(|sen| Rupiah::from_sen(*sen)).collect(),
            total: Rupiah::from_sen(months.iter().sum()),
            agency_code,
        });
    }
    let mapping = columns.iter().filter_map(|reading| Some((reading.header.clone(), reading.column?))).collect();
    let preview = PlanImportPreview {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        fiscal_year,
        encoding,
        columns,
        missing_columns,
        rows: (table.len() - 1) as u32,
        left_out,
        problems,
        agencies: plans,
    };
    Ok(CheckedPlanImport { preview, sha256, mapping })
}

fn current_plan(conn: &Connection, agency_code: &str, year: i32) -> Result<[i64; 12]> {
    let mut months = [0i64; 12];
    let mut statement =
        conn.prepare_cached("SELECT month, plan_sen FROM budget_monthly WHERE agency_code = ?1 AND fiscal_year = ?2")?;
    let rows =
        statement.query_map(params![agency_code, year], |row| Ok((row.get::<_, u32>(0)?, row.get::<_, i64>(1)?)))?;
    for row in rows {
        let (month, sen) = row?;
        if (1..=12).contains(&month) {
            months[month as usize - 1] = sen;
        }
    }
    Ok(months)
}

/// Sets each agency's plan from a checked file, one signed event per agency whose plan
/// changes; nothing while any row is bad.
pub fn commit(conn: &Connection, author: &Author<'_>, checked: CheckedPlanImport) -> Result<PlanImportPreview> {
    let CheckedPlanImport { preview, sha256, mapping } = checked;
    if !preview.missing_columns.is_empty() {
        return Err(CoreError::PlanImportMissingColumns { columns: preview.missing_columns });
    }
    if !preview.problems.is_empty() {
        let rows: HashSet<u32> = preview.problems.iter().map(|problem| problem.row).collect();
        return Err(CoreError::ImportHasProblems { rows: rows.len() as u32 });
    }
    if preview.agencies.is_empty() {
        return Err(CoreError::ImportUnreadable { reason: "no rows to import".into() });
    }
    let principal = crate::device::principal(conn, author.key.id())?;
    policy::require_duty(principal.as_ref(), Duty::KeepBudget, PlanSet::NAME)?;
    for plan in preview.agencies.iter().filter(|plan| !plan.unchanged) {
        let event = DomainEvent::BudgetPlanSet(PlanSet {
            agency_code: plan.agency_code.clone(),
            fiscal_year: preview.fiscal_year,
            months: plan.months.clone(),
            source: Some(PlanImportSource {
                source: preview.source.clone(),
                file_name: preview.file_name.clone(),
                sha256: sha256.clone(),
                mapping: mapping.clone(),
            }),
        });
        record(conn, author.key, author.clock, &event)?;
    }
    Ok(preview)
}
