//! Signed payloads of budget events. Do not modify these structs: they are serialized
//! and signed. A change is a new payload version, decoded beside the old.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::import::ImportColumn;
use super::plan_import::PlanColumn;
use super::project;
use crate::kinds::EventKind;
use crate::money::Rupiah;
use crate::policy::{Duty, KindAuthority, Scope};
use crate::quantity::Quantity;

/// Which budget document a ceiling (pagu) comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BudgetStage {
    /// APBD murni: the budget as first enacted.
    Murni,
    /// APBD perubahan: the revised budget, usually in September.
    Perubahan,
    /// A later shift (pergeseran) within the year.
    Pergeseran,
}

impl BudgetStage {
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetStage::Murni => "murni",
            BudgetStage::Perubahan => "perubahan",
            BudgetStage::Pergeseran => "pergeseran",
        }
    }

    pub fn parse(text: &str) -> Option<BudgetStage> {
        [BudgetStage::Murni, BudgetStage::Perubahan, BudgetStage::Pergeseran]
            .into_iter()
            .find(|stage| stage.as_str() == text)
    }
}

/// One line of the optional breakdown by program / kegiatan / sub-kegiatan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    pub program: String,
    pub kegiatan: String,
    pub sub_kegiatan: String,
    pub amount: Rupiah,
}

/// `budget.ceiling_set` v1: an agency's pagu for a fiscal year, as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CeilingSet {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub stage: BudgetStage,
    pub amount: Rupiah,
    pub effective_on: NaiveDate,
    pub reason: String,
    pub lines: Vec<BudgetLine>,
}

/// `budget.plan_set` v2 (v1 still read: v2 added `source`): the monthly disbursement
/// plan (anggaran kas), January first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSet {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub months: Vec<Rupiah>,
    /// v2: the file the plan was imported from (SIPD's anggaran kas), with the mapping
    /// its source's next file reuses; `None` when typed in.
    #[serde(default)]
    pub source: Option<PlanImportSource>,
}

/// Where an imported plan came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanImportSource {
    pub source: String,
    pub file_name: String,
    pub sha256: String,
    /// How the file's headers were read: [header, column].
    pub mapping: Vec<(String, PlanColumn)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RealizationEntry {
    /// Stable across re-imports of the same row, so importing twice adds nothing.
    pub entry_id: String,
    pub agency_code: String,
    pub realized_on: NaiveDate,
    pub amount: Rupiah,
    /// E.g. the SP2D number.
    pub reference: String,
    pub note: String,
    /// v2: the SP2D's type when the file named it. `None` (entries typed in, imported
    /// from an LRA, or recorded before v2) counts as realized, as every entry did before.
    #[serde(default)]
    pub sp2d_type: Option<Sp2dType>,
    /// v2: the jenis belanja, from the account code or a column saying it; `None` when
    /// the file said neither (and for every entry recorded before v2).
    #[serde(default)]
    pub jenis: Option<JenisBelanja>,
    /// v3: the line of its file this entry is the amount of: an SP2D and the account it
    /// pays, or an LRA account in its period. Of the entries of one line (within one
    /// agency) only the last signed counts, so a corrected file replaces an amount
    /// instead of adding to it. `None`: typed in, imported before v3, or a row that named
    /// neither an SP2D nor an account; such an entry always counts.
    #[serde(default)]
    pub line: Option<String>,
}

/// The kind of an SP2D (Surat Perintah Pencairan Dana) as SIPD lists it. Only LS and the
/// nihil SP2D that validate the SPJ of an advance are spending (realisasi belanja, as
/// BPKD reports it); UP, GU and TU hand an agency's treasurer cash still to be spent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Sp2dType {
    /// Langsung: paid straight to the payee (salaries, contractors).
    Ls,
    /// Uang persediaan: the year's first advance to the treasurer.
    Up,
    /// Ganti uang: the advance topped up again.
    Gu,
    /// Tambahan uang: an extra advance for one activity.
    Tu,
    /// GU nihil: the last SPJ of the advances validated, no cash paid.
    GuNihil,
    /// TU nihil: the SPJ of an extra advance validated.
    TuNihil,
}

impl Sp2dType {
    pub const ALL: [Sp2dType; 6] =
        [Sp2dType::Ls, Sp2dType::Up, Sp2dType::Gu, Sp2dType::Tu, Sp2dType::GuNihil, Sp2dType::TuNihil];

    /// Whether an SP2D of this type is spending (counted in absorption), not an advance.
    pub fn is_spending(self) -> bool {
        matches!(self, Sp2dType::Ls | Sp2dType::GuNihil | Sp2dType::TuNihil)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sp2dType::Ls => "ls",
            Sp2dType::Up => "up",
            Sp2dType::Gu => "gu",
            Sp2dType::Tu => "tu",
            Sp2dType::GuNihil => "gu_nihil",
            Sp2dType::TuNihil => "tu_nihil",
        }
    }

    /// The spending types as an SQL list, for queries that sum stored entries.
    pub(crate) const SPENDING_SQL: &'static str = "('ls', 'gu_nihil', 'tu_nihil')";

    pub fn parse(text: &str) -> Option<Sp2dType> {
        Sp2dType::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// The jenis belanja of Permendagri 90/2019 that the leadership follows apart: a lagging
/// belanja modal must not hide behind belanja pegawai.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JenisBelanja {
    /// 5.1.01
    Pegawai,
    /// 5.1.02
    BarangJasa,
    /// 5.2
    Modal,
    /// 5.1.05 hibah and 5.1.06 bantuan sosial.
    HibahBansos,
    /// Every other belanja: bunga, subsidi, tidak terduga, transfer.
    Lainnya,
}

impl JenisBelanja {
    pub const ALL: [JenisBelanja; 5] = [
        JenisBelanja::Pegawai,
        JenisBelanja::BarangJasa,
        JenisBelanja::Modal,
        JenisBelanja::HibahBansos,
        JenisBelanja::Lainnya,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JenisBelanja::Pegawai => "pegawai",
            JenisBelanja::BarangJasa => "barang_jasa",
            JenisBelanja::Modal => "modal",
            JenisBelanja::HibahBansos => "hibah_bansos",
            JenisBelanja::Lainnya => "lainnya",
        }
    }

    pub fn parse(text: &str) -> Option<JenisBelanja> {
        JenisBelanja::ALL.into_iter().find(|jenis| jenis.as_str() == text)
    }
}

/// Where imported entries came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSource {
    pub file_name: String,
    pub sha256: String,
    pub rows: u32,
    /// v2: the source the file came from (e.g. "SIPD"), whose column mapping the next
    /// file from it reuses.
    #[serde(default)]
    pub source: Option<String>,
    /// v2: how the file's headers were read: [header, column].
    #[serde(default)]
    pub mapping: Vec<(String, ImportColumn)>,
}

/// `budget.realized` v3 (v1 and v2 still read: v2 added the SP2D type and jenis of an
/// entry and the source and mapping of a file, v3 the line an entry is the amount of, all
/// defaulting when absent; v3 is refused by builds that would count a correction twice):
/// one or many realization entries, signed once. `agency_code`
/// scopes it: `Some` lets that agency's staff sign it (and only its entries count);
/// `None` is a regency-wide import, for the leadership only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RealizationsRecorded {
    pub agency_code: Option<String>,
    pub source: Option<ImportSource>,
    pub entries: Vec<RealizationEntry>,
}

/// `budget.physical_reported` v1: physical progress (% fisik) for one month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhysicalReported {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub month: u32,
    pub percent: Quantity,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for CeilingSet {
    const NAME: &'static str = "budget.ceiling_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepBudget);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::ceiling_set(conn, event, self)
    }
}

impl EventKind for PlanSet {
    const NAME: &'static str = "budget.plan_set";
    const VERSION: u32 = 2;
    const OLDEST_READ: u32 = 1;
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepBudget);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::plan_set(conn, event, self)
    }
}

impl EventKind for RealizationsRecorded {
    const NAME: &'static str = "budget.realized";
    const VERSION: u32 = 3;
    const OLDEST_READ: u32 = 1;
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepBudget);

    fn scope(&self) -> Scope<'_> {
        self.agency_code.as_deref().map_or(Scope::Regency, Scope::Agency)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::realized(conn, event, self)
    }
}

impl EventKind for PhysicalReported {
    const NAME: &'static str = "budget.physical_reported";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepBudget);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.agency_code)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        project::physical_reported(conn, event, self)
    }
}

#[cfg(test)]
mod tests {
    use super::Sp2dType;

    #[test]
    fn the_sql_list_of_spending_types_is_the_one_is_spending_gives() {
        let listed: Vec<&str> =
            Sp2dType::ALL.into_iter().filter(|kind| kind.is_spending()).map(Sp2dType::as_str).collect();
        assert_eq!(format!("('{}')", listed.join("', '")), Sp2dType::SPENDING_SQL);
    }
}
