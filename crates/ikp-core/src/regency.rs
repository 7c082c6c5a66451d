//! The regency this installation serves: name, address and officials for letterheads
//! and the app frame. A setting, not a constant: Bekasi is only the demo.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// `regency.profile_set` v1. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegencyProfile {
    pub name: String,
    pub address: String,
    pub regent_name: String,
    /// "Bupati Bekasi", or "Pj. Bupati Bekasi" while an acting regent serves.
    pub regent_title: String,
    pub secretary_name: String,
}

pub(crate) fn apply_profile_set(conn: &Connection, event: &SignedEvent, payload: &RegencyProfile) -> Result<()> {
    conn.execute(
        "INSERT INTO regency_profile (id, name, address, regent_name, regent_title, secretary_name, version_key)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address,
             regent_name = excluded.regent_name, regent_title = excluded.regent_title,
             secretary_name = excluded.secretary_name, version_key = excluded.version_key
         WHERE excluded.version_key > regency_profile.version_key",
        params![
            payload.name,
            payload.address,
            payload.regent_name,
            payload.regent_title,
            payload.secretary_name,
            event.version_key()
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Option<RegencyProfile>> {
    Ok(conn
        .query_row(
            "SELECT name, address, regent_name, regent_title, secretary_name FROM regency_profile WHERE id = 1",
            [],
            |row| {
                Ok(RegencyProfile {
                    name: row.get(0)?,
                    address: row.get(1)?,
                    regent_name: row.get(2)?,
                    regent_title: row.get(3)?,
                    secretary_name: row.get(4)?,
                })
            },
        )
        .optional()?)
}

/// `regency.logo_set` v1: the logo printed on letterheads, stored like evidence (by its
/// SHA-256 under `evidence/`). Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegencyLogoSet {
    pub sha256: String,
    pub file_name: String,
    /// "image/png" or "image/jpeg".
    pub media_type: String,
}

const LOGO_KEY: &str = "regency_logo";

pub(crate) fn apply_logo_set(conn: &Connection, event: &SignedEvent, payload: &RegencyLogoSet) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value, version_key) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version_key = excluded.version_key
         WHERE excluded.version_key > settings.version_key",
        params![LOGO_KEY, serde_json::to_string(payload).expect("logos always serialize"), event.version_key()],
    )?;
    Ok(())
}

pub fn logo(conn: &Connection) -> Result<Option<RegencyLogoSet>> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [LOGO_KEY], |row| row.get(0)).optional()?;
    Ok(value.and_then(|json| serde_json::from_str(&json).ok()))
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for RegencyProfile {
    const NAME: &'static str = "regency.profile_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_profile_set(conn, event, self)
    }
}

impl EventKind for RegencyLogoSet {
    const NAME: &'static str = "regency.logo_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn files(&self) -> Vec<&str> {
        vec![self.sha256.as_str()]
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_logo_set(conn, event, self)
    }
}
