//! The columns a realization file may have, as SIPD and BPKD's own sheets name them, and
//! how a file's headers are read: by hand, as remembered for the file's source (the
//! mapping of its last import, projected from that import's event), or by name.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::column_map::{read_headers, Columns, MappingOrigin};
use crate::error::Result;

/// The columns an import understands, each with the headers it recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportColumn {
    /// The agency's code here, or its SIPD kode SKPD.
    Agency,
    /// The agency's name (SIPD's "Nama SKPD"), read when the file has no code for a row.
    AgencyName,
    Date,
    Amount,
    Reference,
    Note,
    /// "Jenis SP2D": LS, UP, GU, TU, GU nihil, TU nihil.
    Sp2dType,
    /// "Kode Rekening": the jenis belanja is read from it (5.1.01 pegawai …).
    Account,
    /// A column naming the jenis belanja in words.
    Jenis,
}

impl ImportColumn {
    pub const ALL: [ImportColumn; 9] = [
        ImportColumn::Agency,
        ImportColumn::AgencyName,
        ImportColumn::Date,
        ImportColumn::Amount,
        ImportColumn::Reference,
        ImportColumn::Note,
        ImportColumn::Sp2dType,
        ImportColumn::Account,
        ImportColumn::Jenis,
    ];

    fn names(self) -> &'static [&'static str] {
        use ImportColumn::*;
        match self {
            Agency => &[
                "kodeopd",
                "kodeperangkatdaerah",
                "kode",
                "opd",
                "agency",
                "agencycode",
                "kodeskpd",
                "kodeunitskpd",
                "kodeunit",
            ],
            AgencyName => &["namaskpd", "namaopd", "namaunit", "namaunitskpd", "skpd", "namaperangkatdaerah"],
            Date => &["tanggal", "tgl", "tanggalsp2d", "tglsp2d", "date", "bulan", "month", "periode"],
            Amount => &["jumlah", "nilai", "nilaisp2d", "realisasi", "realisasibelanja", "nominal", "amount"],
            Reference => &["nosp2d", "nomorsp2d", "sp2d", "referensi", "reference", "ref"],
            Note => &["keterangan", "uraian", "catatan", "keperluan", "note"],
            Sp2dType => &["jenissp2d", "tipesp2d", "jenispencairan", "sp2dtype"],
            Account => &["koderekening", "kodeakun", "rekening", "kdrek", "account"],
            Jenis => &["jenisbelanja", "kelompokbelanja"],
        }
    }
}

impl Columns for ImportColumn {
    const ALL: &'static [ImportColumn] = &ImportColumn::ALL;

    fn aliases(self) -> &'static [&'static str] {
        self.names()
    }
}

/// A header the user mapped by hand (`column: None` leaves the header out).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetColumnChoice {
    pub header: String,
    pub column: Option<ImportColumn>,
}

/// How one header of the file is read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetColumnReading {
    pub header: String,
    pub column: Option<ImportColumn>,
    pub origin: MappingOrigin,
}

/// The source a file is imported as when none is named.
pub const DEFAULT_SOURCE: &str = "SIPD";

/// Each header's reading, and the columns no header gives (the agency counts as given by
/// its code or its name).
pub(super) fn map_columns(
    conn: &Connection,
    source: &str,
    header: &[String],
    choices: &[BudgetColumnChoice],
) -> Result<(Vec<BudgetColumnReading>, Vec<ImportColumn>)> {
    let remembered: Vec<(String, ImportColumn)> = conn
        .query_row("SELECT mapping FROM budget_import_sources WHERE source = ?1", [source], |row| {
            row.get::<_, String>(0)
        })
        .optional()?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let chosen = |header: &str| choices.iter().find(|choice| choice.header.trim() == header).map(|c| c.column);
    let readings: Vec<BudgetColumnReading> = read_headers(header, chosen, &remembered)
        .into_iter()
        .map(|(header, column, origin)| BudgetColumnReading { header, column, origin })
        .collect();
    let has = |column| readings.iter().any(|reading| reading.column == Some(column));
    let mut missing = Vec::new();
    if !has(ImportColumn::Agency) && !has(ImportColumn::AgencyName) {
        missing.push(ImportColumn::Agency);
    }
    missing.extend([ImportColumn::Date, ImportColumn::Amount].into_iter().filter(|column| !has(*column)));
    Ok((readings, missing))
}
