//! Signed payloads of budget events. Do not modify these structs: they are serialized
//! and signed. A change is a new payload version, decoded beside the old.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

/// `budget.plan_set` v1: the monthly disbursement plan (anggaran kas), January first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSet {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub months: Vec<Rupiah>,
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
}

/// Where imported entries came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSource {
    pub file_name: String,
    pub sha256: String,
    pub rows: u32,
}

/// `budget.realized` v1: one or many realization entries, signed once. `agency_code`
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
