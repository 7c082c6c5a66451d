//! Perangkat daerah: the agencies instructions are assigned to. Events, projection and
//! queries of the `agencies` table.

use rusqlite::{params, Connection, OptionalExtension};
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
    pub head_name: Option<String>,
    pub head_title: Option<String>,
}

pub(crate) fn apply_registered(conn: &Connection, event: &SignedEvent, payload: &AgencyRegistered) -> Result<()> {
    // Cached like every statement a projection runs per event: a sync import or a
    // rebuild runs it thousands of times, and parsing it again each time cost more than
    // the update.
    conn.prepare_cached(
        "INSERT INTO agencies (code, name, short_name, kind, name_version) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
             kind = excluded.kind, name_version = excluded.name_version
         WHERE excluded.name_version > agencies.name_version",
    )?
    .execute(params![
        payload.code,
        payload.name,
        payload.short_name,
        payload.kind.as_str(),
        event.version_key()
    ])?;
    Ok(())
}

pub(crate) fn apply_profile_updated(
    conn: &Connection,
    event: &SignedEvent,
    payload: &AgencyProfileUpdated,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE agencies SET head_name = ?2, head_title = ?3, head_nip = ?4, head_version = ?5
         WHERE code = ?1 AND (head_version IS NULL OR head_version < ?5)",
    )?
    .execute(params![
        payload.code,
        payload.head_name,
        payload.head_title,
        payload.head_nip,
        event.version_key()
    ])?;
    Ok(())
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

/// All agencies, grouped by kind in the order the UI shows them, then by name.
pub fn list(conn: &Connection) -> Result<Vec<Agency>> {
    let mut statement = conn.prepare(
        "SELECT code, name, short_name, kind, head_name, head_title FROM agencies
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
            head_name: row.get(4)?,
            head_title: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
