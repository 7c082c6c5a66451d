//! The signed payloads that keep agencies as master data, each declared once as an
//! [`EventKind`]. `agency.registered` and `agency.profile_updated` (in `agency`) are the
//! first forms and stay readable; the kinds here are what this build writes.

use serde::{Deserialize, Serialize};

use super::{project, AgencyKind};
use crate::error::Result;
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority, Scope};

/// `agency.details_set` v1: an agency added, or its name, kind or SIPD code corrected.
/// A new name keeps the old one in the history. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyDetails {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    /// The kode SKPD in SIPD, e.g. "1.02.0.00.0.00.01.0000".
    pub sipd_code: Option<String>,
}

/// Who heads an agency (kepala dinas/badan, camat). Do not modify: it is signed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyHead {
    pub name: String,
    /// "Kepala Dinas", "Camat", "Plt. Kepala Badan"...
    pub title: String,
    /// 18 digits.
    pub nip: String,
    /// Pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)".
    pub rank: String,
}

/// `agency.head_set` v1: the agency's head, or none while the post is vacant.
/// Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyHeadSet {
    pub code: String,
    pub head: Option<AgencyHead>,
}

/// `agency.active_set` v1: an agency deactivated (merged, dissolved) or taken back. It
/// is never deleted: instructions, budgets and complaints point at it.
/// Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyActiveSet {
    pub code: String,
    pub active: bool,
    pub reason: String,
}

/// One agency of an imported list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAgency {
    pub details: AgencyDetails,
    pub head: Option<AgencyHead>,
}

/// Where an imported list came from, for the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyListSource {
    pub file_name: String,
    pub sha256: String,
    /// Data rows in the file.
    pub rows: u32,
}

/// `agency.list_imported` v1: a CSV or XLSX list of agencies, as one event, so the whole
/// file lands or none of it. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyListImported {
    pub source: AgencyListSource,
    pub agencies: Vec<ImportedAgency>,
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for AgencyDetails {
    const NAME: &'static str = "agency.details_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &rusqlite::Connection, event: &SignedEvent) -> Result<()> {
        project::details(conn, event, self)
    }
}

impl EventKind for AgencyHeadSet {
    const NAME: &'static str = "agency.head_set";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepMasterData);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.code)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &SignedEvent) -> Result<()> {
        project::head(conn, event, &self.code, self.head.as_ref().map(Into::into))
    }
}

impl EventKind for AgencyActiveSet {
    const NAME: &'static str = "agency.active_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &rusqlite::Connection, event: &SignedEvent) -> Result<()> {
        project::active(conn, event, self)
    }
}

impl EventKind for AgencyListImported {
    const NAME: &'static str = "agency.list_imported";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &rusqlite::Connection, event: &SignedEvent) -> Result<()> {
        for agency in &self.agencies {
            project::details(conn, event, &agency.details)?;
            if agency.head.is_some() {
                project::head(conn, event, &agency.details.code, agency.head.as_ref().map(Into::into))?;
            }
        }
        Ok(())
    }
}
