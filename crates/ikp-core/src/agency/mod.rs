//! Perangkat daerah: the agencies instructions are assigned to, kept as master data by
//! the regency itself. Their first event forms, and the queries of the `agencies` table.

pub mod api;
pub mod import;
pub mod ops;
pub mod payload;
pub(crate) mod project;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Dinas,
    Badan,
    Sekretariat,
    Kecamatan,
    /// Inspektorat, Satpol PP and other units that are neither dinas nor badan.
    Lainnya,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 5] =
        [AgencyKind::Sekretariat, AgencyKind::Dinas, AgencyKind::Badan, AgencyKind::Lainnya, AgencyKind::Kecamatan];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Dinas => "dinas",
            AgencyKind::Badan => "badan",
            AgencyKind::Sekretariat => "sekretariat",
            AgencyKind::Kecamatan => "kecamatan",
            AgencyKind::Lainnya => "lainnya",
        }
    }

    pub fn parse(text: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// `agency.registered` v1. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyRegistered {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
}

/// `agency.profile_updated` v1: who heads the agency. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyProfileUpdated {
    pub code: String,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    pub head_nip: Option<String>,
}

/// An agency as the UI and CLI see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    pub sipd_code: Option<String>,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    pub head_nip: Option<String>,
    pub head_rank: Option<String>,
    /// False once deactivated: kept for its records, offered for no new instruction.
    pub active: bool,
    /// The names it had before the current one, newest first.
    pub former_names: Vec<String>,
}

impl Agency {
    /// Its head as the head events carry it; none while the post is vacant.
    pub fn head(&self) -> Option<payload::AgencyHead> {
        self.head_name.as_ref().map(|name| payload::AgencyHead {
            name: name.clone(),
            title: self.head_title.clone().unwrap_or_default(),
            nip: self.head_nip.clone().unwrap_or_default(),
            rank: self.head_rank.clone().unwrap_or_default(),
        })
    }
}

pub(crate) fn apply_registered(conn: &Connection, event: &SignedEvent, payload: &AgencyRegistered) -> Result<()> {
    project::names(conn, event, &payload.code, &payload.name, &payload.short_name, payload.kind)
}

pub(crate) fn apply_profile_updated(
    conn: &Connection,
    event: &SignedEvent,
    payload: &AgencyProfileUpdated,
) -> Result<()> {
    let head = payload.head_name.as_deref().map(|name| project::HeadParts {
        name,
        title: payload.head_title.as_deref().unwrap_or_default(),
        nip: payload.head_nip.as_deref().unwrap_or_default(),
        rank: "",
    });
    project::head(conn, event, &payload.code, head)
}

pub fn exists(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM agencies WHERE code = ?1", [code], |_| Ok(())).optional()?.is_some())
}

pub fn require(conn: &Connection, code: &str) -> Result<()> {
    if exists(conn, code)? {
        Ok(())
    } else {
        Err(CoreError::UnknownAgency { code: code.to_owned() })
    }
}

pub fn name_of(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT short_name FROM agencies WHERE code = ?1", [code], |row| row.get(0)).optional()?)
}

/// Refuses an agency that is unknown, or deactivated: it receives nothing new.
pub fn require_active(conn: &Connection, code: &str) -> Result<()> {
    let active: Option<bool> =
        conn.query_row("SELECT active FROM agencies WHERE code = ?1", [code], |row| row.get(0)).optional()?;
    match active {
        None => Err(CoreError::UnknownAgency { code: code.to_owned() }),
        Some(false) => Err(CoreError::AgencyInactive { code: code.to_owned() }),
        Some(true) => Ok(()),
    }
}

/// All agencies, active or not, grouped by kind in the order the UI shows them, then by name.
pub fn list(conn: &Connection) -> Result<Vec<Agency>> {
    let mut statement = conn.prepare(
        "SELECT code, name, short_name, kind, sipd_code, head_name, head_title, head_nip, head_rank, active
         FROM agencies
         ORDER BY CASE kind WHEN 'sekretariat' THEN 0 WHEN 'dinas' THEN 1 WHEN 'badan' THEN 2
                            WHEN 'lainnya' THEN 3 ELSE 4 END, name",
    )?;
    let rows = statement.query_map([], |row| {
        let kind: String = row.get(3)?;
        Ok(Agency {
            code: row.get(0)?,
            name: row.get(1)?,
            short_name: row.get(2)?,
            kind: AgencyKind::parse(&kind).unwrap_or(AgencyKind::Lainnya),
            sipd_code: row.get(4)?,
            head_name: row.get(5)?,
            head_title: row.get(6)?,
            head_nip: row.get(7)?,
            head_rank: row.get(8)?,
            active: row.get(9)?,
            former_names: Vec::new(),
        })
    })?;
    let mut agencies: Vec<Agency> = rows.collect::<rusqlite::Result<_>>()?;
    let mut former = former_names(conn)?;
    for agency in &mut agencies {
        agency.former_names = former.remove(&agency.code).unwrap_or_default();
    }
    Ok(agencies)
}

/// Each agency's earlier names, newest first, without its current one.
fn former_names(conn: &Connection) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let mut statement = conn.prepare(
        "SELECT n.code, n.name FROM agency_names n JOIN agencies a ON a.code = n.code
         WHERE n.name <> a.name ORDER BY n.code, n.since_version DESC",
    )?;
    let mut former: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))? {
        let (code, name) = row?;
        let names = former.entry(code).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(former)
}

pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM agencies", [], |row| row.get(0))?)
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for AgencyRegistered {
    const NAME: &'static str = "agency.registered";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_registered(conn, event, self)
    }
}

impl EventKind for AgencyProfileUpdated {
    const NAME: &'static str = "agency.profile_updated";
    const AUTHORITY: KindAuthority = KindAuthority::DutyOrAgency(Duty::KeepMasterData);

    fn scope(&self) -> Scope<'_> {
        Scope::Agency(&self.code)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_profile_updated(conn, event, self)
    }
}
