//! How current each agency's data is on this laptop. With sync by files, an agency whose
//! file is late looks exactly like one that stopped working; in a rapim judged against
//! one-month deadlines that difference decides who looks late. So every agency's data
//! carries its date: the newest of the events made on its laptops and of the signed
//! times of the files received from them (a file with nothing new still says "nothing
//! new as of then"). Data older than `STALE_AFTER_DAYS` is marked as not updated since
//! that day — a fact about the files, not a judgment of the agency.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::enrolment::enrolled_devices;
use crate::agency;
use crate::clock::utc_text;
use crate::error::Result;
use crate::identity::DeviceId;

/// Two weeks: half of the usual one-month deadline, so a late file is noticed while the
/// instruction can still be followed up.
pub const STALE_AFTER_DAYS: u64 = 14;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Freshness {
    /// Updated within `STALE_AFTER_DAYS`.
    Current,
    /// Nothing newer than `as_of`, which is older than `STALE_AFTER_DAYS`.
    Stale,
    /// Laptops are enrolled, but nothing from them has reached this laptop yet.
    NothingYet,
    /// No laptop of the agency is enrolled: its data is kept by the Secretariat.
    NoLaptop,
}

/// One laptop of an agency.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LaptopFreshness {
    pub fingerprint: String,
    pub user_name: String,
    /// Newest of its last event and its last signed file (UTC, RFC 3339).
    pub as_of: Option<String>,
    /// When this laptop last imported a file from it (UTC, RFC 3339).
    pub last_file_received: Option<String>,
    pub revoked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyFreshness {
    pub agency_code: String,
    pub agency_name: String,
    /// The newest `as_of` of its laptops.
    pub as_of: Option<String>,
    pub freshness: Freshness,
    pub laptops: Vec<LaptopFreshness>,
}

/// Every active agency's freshness, and the threshold it was judged by (for the screens).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FreshnessReport {
    pub stale_after_days: u32,
    pub agencies: Vec<AgencyFreshness>,
}

pub fn report(conn: &Connection, now_ms: u64) -> Result<FreshnessReport> {
    Ok(FreshnessReport { stale_after_days: STALE_AFTER_DAYS as u32, agencies: agency_freshness(conn, now_ms)? })
}

/// Every active agency, in the agency list's order, with how current its data is at `now_ms`.
pub fn agency_freshness(conn: &Connection, now_ms: u64) -> Result<Vec<AgencyFreshness>> {
    let mut laptops: BTreeMap<String, Vec<(LaptopFreshness, Option<u64>)>> = BTreeMap::new();
    for device in enrolled_devices(conn)? {
        let Some(agency_code) = device.agency_code.clone() else { continue };
        let Some(id) = DeviceId::from_hex(&device.device_id) else { continue };
        let last_event = last_event_ms(conn, id)?;
        let (received, sent) = last_file(conn, &device.device_id)?;
        // Clocks may run ahead within the allowed skew: data is never current "from later".
        let as_of = last_event.max(sent).map(|ms| ms.min(now_ms));
        let laptop = LaptopFreshness {
            fingerprint: device.fingerprint,
            user_name: device.user_name,
            as_of: as_of.map(|ms| utc_text(ms as i64)),
            last_file_received: received,
            revoked: device.revoked_after.is_some(),
        };
        laptops.entry(agency_code).or_default().push((laptop, as_of));
    }
    let mut out = Vec::new();
    for agency in agency::list(conn)?.into_iter().filter(|agency| agency.active) {
        let of_agency = laptops.remove(&agency.code).unwrap_or_default();
        let as_of = of_agency.iter().filter_map(|(_, as_of)| *as_of).max();
        let freshness = match as_of {
            _ if of_agency.is_empty() => Freshness::NoLaptop,
            None => Freshness::NothingYet,
            Some(ms) if now_ms.saturating_sub(ms) > STALE_AFTER_DAYS * DAY_MS => Freshness::Stale,
            Some(_) => Freshness::Current,
        };
        out.push(AgencyFreshness {
            agency_code: agency.code,
            agency_name: agency.name,
            as_of: as_of.map(|ms| utc_text(ms as i64)),
            freshness,
            laptops: of_agency.into_iter().map(|(laptop, _)| laptop).collect(),
        });
    }
    Ok(out)
}

/// The clock of the author's last event (by number: the `(author, seq)` index answers).
fn last_event_ms(conn: &Connection, author: DeviceId) -> Result<Option<u64>> {
    Ok(conn
        .prepare_cached("SELECT hlc_wall FROM events WHERE author = ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([author.0.as_slice()], |row| row.get::<_, i64>(0))
        .optional()?
        .map(|ms| ms.max(0) as u64))
}

/// When the last file from `device` was imported, and when its sender wrote it.
fn last_file(conn: &Connection, device: &str) -> Result<(Option<String>, Option<u64>)> {
    let (received, sent): (Option<String>, Option<String>) = conn
        .prepare_cached("SELECT max(at), max(sent_at) FROM sync_exchanges WHERE direction = 'import' AND peer = ?1")?
        .query_row([device], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let sent = sent
        .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok())
        .map(|at| at.timestamp_millis().max(0) as u64);
    Ok((received, sent))
}
