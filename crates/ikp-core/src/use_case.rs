//! What every domain's use cases share: who signs and when ([`Author`]), fresh ids, the
//! checks of typed input, and the reference to an attached file. It imports no domain, so
//! the domains import it rather than each other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::error::{CoreError, InputProblem, Result};
use crate::identity::DeviceKey;
use crate::quantity::Quantity;

/// Context every use case needs: who signs, what time it is, what day it is in WIB.
pub struct Author<'a> {
    pub key: &'a DeviceKey,
    pub clock: &'a dyn Clock,
    pub today: NaiveDate,
}

/// A file attached as evidence, stored content-addressed under its SHA-256.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRef {
    pub sha256: String,
    pub file_name: String,
    pub size_bytes: u32,
}

/// A text field of at most `max_chars` characters, trimmed; `required` refuses it empty.
pub fn require_length(field: &str, text: &str, max_chars: usize, required: bool) -> Result<()> {
    let trimmed = text.trim();
    if required && trimmed.is_empty() {
        return Err(CoreError::invalid(field, InputProblem::Required));
    }
    if trimmed.chars().count() > max_chars {
        return Err(CoreError::invalid(field, InputProblem::TooLong));
    }
    Ok(())
}

/// An exact decimal as typed (`1.234,5` or `1234.5`).
pub fn parse_quantity(field: &str, text: &str) -> Result<Quantity> {
    if text.trim().is_empty() {
        return Err(CoreError::invalid(field, InputProblem::Required));
    }
    Quantity::parse(text).map_err(|_| CoreError::invalid(field, InputProblem::NotANumber))
}

/// A calendar day as the date inputs send it (`YYYY-MM-DD`).
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| CoreError::invalid(field, InputProblem::NotADate))
}

/// A random 128-bit id, hex: ids are made offline on many laptops, so they must not collide.
pub fn new_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|err| CoreError::Storage { message: format!("no randomness for an id: {err}") })?;
    Ok(hex::encode(bytes))
}
