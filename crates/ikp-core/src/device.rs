//! Enrolled devices and their roles: the `devices` table. Authorization reads only
//! this table, which is projected only from enrolment events.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::principal::{Principal, Role};

/// `device.enrolled` v1: binds a device key to a role (and agency). Do not modify: it is
/// serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceEnrolled {
    /// Hex public key of the device being enrolled.
    pub device: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
}

/// The user of a device as the UI shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfo {
    pub device_id: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub agency_name: Option<String>,
    /// E.g. "DP3A", "Kec. Setu": what the top bar shows.
    pub agency_short_name: Option<String>,
    pub user_name: String,
}

pub(crate) fn apply_enrolled(conn: &Connection, event: &SignedEvent, payload: &DeviceEnrolled) -> Result<()> {
    // The first enrolment of a key stands; a later one is kept in the log, not projected.
    conn.execute(
        "INSERT INTO devices (device_id, role, agency_code, user_name, enrolled_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (device_id) DO NOTHING",
        params![payload.device, payload.role.as_str(), payload.agency_code, payload.user_name, event.id.to_hex()],
    )?;
    Ok(())
}

pub fn principal(conn: &Connection, device: DeviceId) -> Result<Option<Principal>> {
    let row = conn
        .query_row("SELECT role, agency_code FROM devices WHERE device_id = ?1", [device.to_hex()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(role, agency_code)| Some(Principal { role: Role::parse(&role)?, agency_code })))
}

pub fn info(conn: &Connection, device: DeviceId) -> Result<Option<DeviceInfo>> {
    let row = conn
        .query_row(
            "SELECT d.role, d.agency_code, a.name, a.short_name, d.user_name
             FROM devices d LEFT JOIN agencies a ON a.code = d.agency_code WHERE d.device_id = ?1",
            [device.to_hex()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    Ok(row.and_then(|(role, agency_code, agency_name, agency_short_name, user_name)| {
        Some(DeviceInfo {
            device_id: device.to_hex(),
            role: Role::parse(&role)?,
            agency_code,
            agency_name,
            agency_short_name,
            user_name,
        })
    }))
}

/// A short human label for an event's author, for logs and the event list.
pub fn label(conn: &Connection, device: DeviceId) -> Result<String> {
    Ok(info(conn, device)?
        .map(|info| match info.agency_short_name {
            Some(agency) => format!("{} ({agency})", info.user_name),
            None => info.user_name,
        })
        .unwrap_or_else(|| format!("perangkat {}", &device.to_hex()[..8])))
}
