//! Importing the list of agencies from CSV or XLSX — usually SIPD's "kode SKPD" and
//! "nama SKPD", perhaps with a short code and the head. Headers are recognised, or mapped
//! by hand; every row is checked first and the preview names each problem by row and
//! column; nothing is written while any row is bad. A code already known updates that
//! agency (a rename keeps its old name), and a file that changes nothing writes nothing,
//! so importing the same file twice adds nothing.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ops::{check_details, check_head, clean_code, split};
use super::payload::{AgencyHead, AgencyListImported, AgencyListSource, ImportedAgency};
use super::{list, AgencyKind};
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::DomainEvent;
use crate::record::record;
use crate::tabular::{read_table, FileEncoding, Table};
use crate::use_case::Author;

/// Far beyond any regency's list (Bekasi has about 60 agencies and 23 kecamatan).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
const MAX_ROWS: usize = 2_000;

/// The columns an agency list may have, each with the headers it recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AgencyColumn {
    Code,
    SipdCode,
    Name,
    ShortName,
    Kind,
    HeadName,
    HeadTitle,
    HeadNip,
    HeadRank,
}

impl AgencyColumn {
    pub const ALL: [AgencyColumn; 9] = [
        AgencyColumn::Code,
        AgencyColumn::SipdCode,
        AgencyColumn::Name,
        AgencyColumn::ShortName,
        AgencyColumn::Kind,
        AgencyColumn::HeadName,
        AgencyColumn::HeadTitle,
        AgencyColumn::HeadNip,
        AgencyColumn::HeadRank,
    ];

    fn aliases(self) -> &'static [&'static str] {
        use AgencyColumn::*;
        match self {
            Code => &["kode", "kodeopd", "kodepd", "kodesingkat", "code"],
            SipdCode => &["kodeskpd", "kodesipd", "kodeunit", "kodeunitskpd", "sipdcode"],
            Name => &["nama", "namaskpd", "namaopd", "namapd", "namaperangkatdaerah", "perangkatdaerah", "name"],
            ShortName => &["singkatan", "namasingkat", "akronim", "shortname"],
            Kind => &["jenis", "jenisopd", "jenispd", "kind"],
            HeadName => &["kepala", "namakepala", "pimpinan", "kepalaopd", "headname"],
            HeadTitle => &["jabatan", "jabatankepala", "headtitle"],
            HeadNip => &["nip", "nipkepala", "headnip"],
            HeadRank => &["pangkat", "golongan", "pangkatgolongan", "pangkatgol", "headrank"],
        }
    }

    /// What the core reports for a problem in this column, as a form field would.
    fn of_field(field: &str) -> AgencyColumn {
        match field {
            "name" => AgencyColumn::Name,
            "shortName" => AgencyColumn::ShortName,
            "sipdCode" => AgencyColumn::SipdCode,
            "headTitle" => AgencyColumn::HeadTitle,
            "headNip" => AgencyColumn::HeadNip,
            "headRank" => AgencyColumn::HeadRank,
            "headName" => AgencyColumn::HeadName,
            _ => AgencyColumn::Code,
        }
    }
}

/// A header the user mapped by hand (`column: None` leaves the header out).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyColumnChoice {
    pub header: String,
    pub column: Option<AgencyColumn>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyRowProblem {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    pub column: AgencyColumn,
    pub problem: InputProblem,
    /// What the cell held (cut to 80 characters).
    pub value: String,
}

/// One good row, as it will be written.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyImportRow {
    pub row: u32,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    pub sipd_code: Option<String>,
    pub head_name: Option<String>,
    pub change: RowChange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RowChange {
    New,
    Updated,
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyImportPreview {
    pub file_name: String,
    pub encoding: FileEncoding,
    /// How each header of the file is read.
    pub columns: Vec<AgencyColumnChoice>,
    /// Data rows in the file (the header and blank rows not counted).
    pub rows: u32,
    pub new_agencies: u32,
    pub updates: u32,
    pub unchanged: u32,
    pub problems: Vec<AgencyRowProblem>,
    pub agencies: Vec<AgencyImportRow>,
}

/// A file read and checked, not yet written.
pub struct CheckedAgencyImport {
    pub preview: AgencyImportPreview,
    event: AgencyListImported,
}

pub fn check(
    conn: &Connection,
    file_name: &str,
    bytes: &[u8],
    choices: &[AgencyColumnChoice],
) -> Result<CheckedAgencyImport> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::ImportUnreadable { reason: format!("larger than {} MB", MAX_FILE_BYTES >> 20) });
    }
    let Table { rows: table, encoding } = read_table(bytes)?;
    let (header, body) = table.split_first().ok_or_else(|| CoreError::ImportUnreadable { reason: "empty".into() })?;
    if body.len() > MAX_ROWS {
        return Err(CoreError::ImportUnreadable { reason: format!("more than {MAX_ROWS} rows") });
    }
    let columns = map_columns(header, choices);
    let index: HashMap<AgencyColumn, usize> =
        columns.iter().enumerate().filter_map(|(i, reading)| Some((reading.column?, i))).collect();
    if !index.contains_key(&AgencyColumn::Name)
        || !(index.contains_key(&AgencyColumn::Code) || index.contains_key(&AgencyColumn::SipdCode))
    {
        return Err(CoreError::ImportUnreadable {
            reason: "the list needs a name column (nama SKPD) and a code column (kode or kode SKPD)".into(),
        });
    }
    let known: HashMap<String, super::Agency> =
        list(conn)?.into_iter().map(|agency| (agency.code.clone(), agency)).collect();
    let by_sipd: HashMap<String, String> =
        known.values().filter_map(|agency| Some((agency.sipd_code.clone()?, agency.code.clone()))).collect();
    let mut reader =
        RowReader { index: &index, known: &known, by_sipd: &by_sipd, seen: HashSet::new(), problems: Vec::new() };
    let mut agencies = Vec::new();
    let mut rows = Vec::new();
    let mut data_rows = 0;
    for (offset, cells) in body.iter().enumerate() {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        data_rows += 1;
        let row_number = offset as u32 + 2;
        let Some((imported, change)) = reader.read(row_number, cells) else { continue };
        rows.push(AgencyImportRow {
            row: row_number,
            code: imported.details.code.clone(),
            name: imported.details.name.clone(),
            short_name: imported.details.short_name.clone(),
            kind: imported.details.kind,
            sipd_code: imported.details.sipd_code.clone(),
            head_name: imported.head.as_ref().map(|head| head.name.clone()),
            change,
        });
        if change != RowChange::Unchanged {
            agencies.push(imported);
        }
    }
    let count = |wanted: RowChange| rows.iter().filter(|row| row.change == wanted).count() as u32;
    let preview = AgencyImportPreview {
        encoding,
        file_name: file_name.to_owned(),
        columns,
        rows: data_rows,
        new_agencies: count(RowChange::New),
        updates: count(RowChange::Updated),
        unchanged: count(RowChange::Unchanged),
        problems: reader.problems,
        agencies: rows,
    };
    let source = AgencyListSource {
        file_name: file_name.to_owned(),
        sha256: hex::encode(Sha256::digest(bytes)),
        rows: data_rows,
    };
    Ok(CheckedAgencyImport { preview, event: AgencyListImported { source, agencies } })
}

/// Writes a checked file as one signed event. Refused, with nothing written, while any
/// row has a problem; a file that changes nothing writes nothing.
pub fn commit(conn: &Connection, author: &Author<'_>, checked: CheckedAgencyImport) -> Result<AgencyImportPreview> {
    let CheckedAgencyImport { preview, event } = checked;
    // Who may import is answered first, whatever the file holds.
    let principal = crate::device::principal(conn, author.key.id())?;
    crate::policy::require_duty(
        principal.as_ref(),
        crate::policy::Duty::KeepMasterData,
        <AgencyListImported as crate::kinds::EventKind>::NAME,
    )?;
    if !preview.problems.is_empty() {
        let rows: HashSet<u32> = preview.problems.iter().map(|problem| problem.row).collect();
        return Err(CoreError::ImportHasProblems { rows: rows.len() as u32 });
    }
    if preview.rows == 0 {
        return Err(CoreError::ImportUnreadable { reason: "no rows to import".into() });
    }
    if event.agencies.is_empty() {
        return Ok(preview);
    }
    record(conn, author.key, author.clock, &DomainEvent::AgencyListImported(event))?;
    Ok(preview)
}

fn map_columns(header: &[String], choices: &[AgencyColumnChoice]) -> Vec<AgencyColumnChoice> {
    let mut readings: Vec<AgencyColumnChoice> = header
        .iter()
        .map(|text| {
            let header = text.trim().to_owned();
            if let Some(choice) = choices.iter().find(|choice| choice.header.trim() == header) {
                return AgencyColumnChoice { header, column: choice.column };
            }
            let key: String = header.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            let column = AgencyColumn::ALL.into_iter().find(|column| column.aliases().contains(&key.as_str()));
            AgencyColumnChoice { header, column }
        })
        .collect();
    // A column read from two headers: the first one wins, the later one is left out.
    for index in 0..readings.len() {
        if let Some(column) = readings[index].column {
            if readings[..index].iter().any(|earlier| earlier.column == Some(column)) {
                readings[index].column = None;
            }
        }
    }
    readings
}

/// Reads rows one at a time, remembering the codes seen and the problems found.
struct RowReader<'a> {
    index: &'a HashMap<AgencyColumn, usize>,
    known: &'a HashMap<String, super::Agency>,
    by_sipd: &'a HashMap<String, String>,
    seen: HashSet<String>,
    problems: Vec<AgencyRowProblem>,
}

impl RowReader<'_> {
    fn read(&mut self, row: u32, cells: &[String]) -> Option<(ImportedAgency, RowChange)> {
        let cell = |column: AgencyColumn| self.index.get(&column).and_then(|i| cells.get(*i)).map_or("", |s| s.trim());
        let (code_text, sipd, name) =
            (cell(AgencyColumn::Code), cell(AgencyColumn::SipdCode), cell(AgencyColumn::Name));
        // Without a short code, a known SIPD code finds its agency; else the SIPD code is the code.
        let code_source = match (code_text, self.by_sipd.get(sipd)) {
            ("", Some(known)) => known.as_str(),
            ("", None) => sipd,
            (given, _) => given,
        };
        let code = match clean_code(code_source) {
            Ok(code) => code,
            Err(problem) => return self.refuse(row, AgencyColumn::Code, problem, code_source),
        };
        if !self.seen.insert(code.clone()) {
            return self.refuse(row, AgencyColumn::Code, InputProblem::Duplicate, &code);
        }
        let kind = match cell(AgencyColumn::Kind) {
            "" => guess_kind(name),
            text => match parse_kind(text) {
                Some(kind) => kind,
                None => return self.refuse(row, AgencyColumn::Kind, InputProblem::NotAllowed, text),
            },
        };
        let short_name = match cell(AgencyColumn::ShortName) {
            "" if code_text.is_empty() => name,
            "" => code_text,
            given => given,
        };
        let details = match check_details(code.clone(), name, short_name, kind, sipd) {
            Ok(details) => details,
            Err((field, problem)) => {
                let column = AgencyColumn::of_field(field);
                return self.refuse(row, column, problem, cell(column));
            }
        };
        let head_given =
            [AgencyColumn::HeadName, AgencyColumn::HeadTitle, AgencyColumn::HeadNip, AgencyColumn::HeadRank]
                .iter()
                .any(|column| self.index.contains_key(column));
        let head = AgencyHead {
            name: cell(AgencyColumn::HeadName).into(),
            title: cell(AgencyColumn::HeadTitle).into(),
            nip: cell(AgencyColumn::HeadNip).into(),
            rank: cell(AgencyColumn::HeadRank).into(),
        };
        let head = match check_head(&head) {
            Ok(head) => head,
            Err((field, problem)) => {
                let column = AgencyColumn::of_field(field);
                return self.refuse(row, column, problem, cell(column));
            }
        };
        let change = match self.known.get(&code).map(split) {
            None => RowChange::New,
            Some((was_details, was_head)) if was_details != details || (head.is_some() && was_head != head) => {
                RowChange::Updated
            }
            Some(_) => RowChange::Unchanged,
        };
        // A blank head, or no head columns at all, says nothing: the head stays as it is.
        let head = if head_given { head } else { None };
        Some((ImportedAgency { details, head }, change))
    }

    fn refuse<T>(&mut self, row: u32, column: AgencyColumn, problem: InputProblem, value: &str) -> Option<T> {
        self.problems.push(AgencyRowProblem { row, column, problem, value: value.chars().take(80).collect() });
        None
    }
}

/// The kind a name says it is: "Dinas Kesehatan", "Badan Kepegawaian...", "Kecamatan Tambun Selatan".
fn guess_kind(name: &str) -> AgencyKind {
    let lower = name.trim().to_lowercase();
    [
        ("dinas", AgencyKind::Dinas),
        ("badan", AgencyKind::Badan),
        ("kecamatan", AgencyKind::Kecamatan),
        ("sekretariat", AgencyKind::Sekretariat),
    ]
    .into_iter()
    .find(|(prefix, _)| lower.starts_with(prefix))
    .map_or(AgencyKind::Lainnya, |(_, kind)| kind)
}

fn parse_kind(text: &str) -> Option<AgencyKind> {
    AgencyKind::parse(&text.trim().to_lowercase())
}
