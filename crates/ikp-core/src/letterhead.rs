//! The kop surat and signature conventions of the regency's documents: the lines under
//! the government's name (address, telephone, website, e-mail), the city written before
//! the date of a signature ("Cikarang, 5 Desember 2026"), and whether a decision taken by
//! the Sekda or the Wakil Bupati is printed "a.n. Bupati".

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// `regency.letterhead_set` v2 (v1 had no `minutesTitle`; it reads as "Notulen"). Do not
/// modify: it is serialized and signed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LetterheadSet {
    pub address: String,
    pub telephone: String,
    pub website: String,
    pub email: String,
    /// The city before the date of a signature, e.g. "Cikarang".
    pub signature_city: String,
    /// A decision of the Sekda or the Wakil Bupati is printed "a.n. Bupati".
    pub sign_on_behalf: bool,
    #[serde(default)]
    pub minutes_title: MinutesTitle,
}

/// The word a regency's tata naskah dinas uses for the minutes of a meeting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MinutesTitle {
    #[default]
    Notulen,
    Notula,
}

impl MinutesTitle {
    /// The document's heading, e.g. "NOTULA RAPAT".
    pub fn heading(self) -> &'static str {
        match self {
            MinutesTitle::Notulen => "NOTULEN RAPAT",
            MinutesTitle::Notula => "NOTULA RAPAT",
        }
    }
}

const KEY: &str = "regency_letterhead";
const MAX_LINE_CHARS: usize = 200;

impl LetterheadSet {
    /// The kop's contact line: "Jl. ... Telp. (021) 8970011 · Laman: bekasikab.go.id · Pos-el: ...".
    pub fn contact_line(&self) -> String {
        let mut parts = vec![self.address.trim().to_owned()];
        for (label, value) in [("Telp.", &self.telephone), ("Laman:", &self.website), ("Pos-el:", &self.email)] {
            if !value.trim().is_empty() {
                parts.push(format!("{label} {}", value.trim()));
            }
        }
        parts.retain(|part| !part.is_empty());
        parts.join(" · ")
    }
}

/// Checks the letterhead as typed; the address and the signature city are required.
pub fn validate(input: LetterheadSet) -> Result<LetterheadSet> {
    let trim = |field: &'static str, value: &str, required: bool| -> Result<String> {
        let value = value.trim();
        if required && value.is_empty() {
            return Err(CoreError::invalid(field, InputProblem::Required));
        }
        if value.chars().count() > MAX_LINE_CHARS || value.contains(['\n', '\r']) {
            return Err(CoreError::invalid(field, InputProblem::TooLong));
        }
        Ok(value.to_owned())
    };
    let email = trim("email", &input.email, false)?;
    if !email.is_empty() && !email.contains('@') {
        return Err(CoreError::invalid("email", InputProblem::NotAllowed));
    }
    Ok(LetterheadSet {
        address: trim("address", &input.address, true)?,
        telephone: trim("telephone", &input.telephone, false)?,
        website: trim("website", &input.website, false)?,
        email,
        signature_city: trim("signatureCity", &input.signature_city, true)?,
        sign_on_behalf: input.sign_on_behalf,
        minutes_title: input.minutes_title,
    })
}

pub(crate) fn apply(conn: &Connection, event: &SignedEvent, payload: &LetterheadSet) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value, version_key) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version_key = excluded.version_key
         WHERE excluded.version_key > settings.version_key",
        params![KEY, serde_json::to_string(payload).expect("letterheads always serialize"), event.version_key()],
    )?;
    Ok(())
}

/// The letterhead set, if any.
pub fn get(conn: &Connection) -> Result<Option<LetterheadSet>> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |row| row.get(0)).optional()?;
    Ok(value.and_then(|json| serde_json::from_str(&json).ok()))
}

impl EventKind for LetterheadSet {
    const NAME: &'static str = "regency.letterhead_set";
    const VERSION: u32 = 2;
    const OLDEST_READ: u32 = 1;
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &Connection, event: &SignedEvent) -> Result<()> {
        apply(conn, event, self)
    }
}
