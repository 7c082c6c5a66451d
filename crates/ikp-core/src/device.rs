//! Enrolled devices and their roles: the `devices` table. Authorization reads only
//! this table, which is projected only from enrolment events.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::kinds::EventKind;
use crate::policy::{self, Duty, KindAuthority, Scope};
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

/// `device.granted` v1: the trust root binds a device key to a role (and agency). On
/// import only these (and being the root) give an author authority; a self-claim never
/// does. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceGranted {
    /// Hex public key of the device being enrolled.
    pub device: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
}

/// `device.revoked` v1: the trust root withdraws a device's authority after its event
/// number `last_valid_seq` (a number, not a time: the device controls its own clock).
/// Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceRevoked {
    pub device: String,
    pub last_valid_seq: u64,
    pub reason: String,
    /// The device's events 1..=`last_valid_seq` as the root held them: per event, its
    /// number (16 hex digits) and the first 16 hex digits of its id, in number order
    /// (`sync::trust::held_list`); a number not listed, the root never saw.
    /// A stolen key cannot then slip a fresh event under the cut onto a laptop that never
    /// held the genuine one. Absent in revocations made before it (left out, so they keep
    /// their bytes): those cut by number only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
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
    /// What this user is responsible for, as the policy decides: the screens show the
    /// regency-wide views and the actions that go with these, and derive nothing from roles.
    pub duties: Vec<Duty>,
}

pub(crate) fn apply_enrolled(conn: &Connection, event: &SignedEvent, payload: &DeviceEnrolled) -> Result<()> {
    // A self-claim: the earliest claim of a key stands (by version key, so in any order),
    // and a grant by the trust root always beats a claim.
    conn.execute(
        "INSERT INTO devices (device_id, role, agency_code, user_name, enrolled_by, granted_by, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)
         ON CONFLICT (device_id) DO UPDATE SET role = excluded.role, agency_code = excluded.agency_code,
             user_name = excluded.user_name, enrolled_by = excluded.enrolled_by, version_key = excluded.version_key
         WHERE devices.granted_by IS NULL AND excluded.version_key < devices.version_key",
        params![
            payload.device,
            payload.role.as_str(),
            payload.agency_code,
            payload.user_name,
            event.id.to_hex(),
            event.version_key()
        ],
    )?;
    Ok(())
}

pub(crate) fn apply_granted(conn: &Connection, event: &SignedEvent, payload: &DeviceGranted) -> Result<()> {
    // The latest grant of a key is what the screens show and what this device authors
    // under; on import any grant of the key counts (see `sync::trust`).
    conn.execute(
        "INSERT INTO devices (device_id, role, agency_code, user_name, enrolled_by, granted_by, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
         ON CONFLICT (device_id) DO UPDATE SET role = excluded.role, agency_code = excluded.agency_code,
             user_name = excluded.user_name, enrolled_by = excluded.enrolled_by,
             granted_by = excluded.granted_by, version_key = excluded.version_key
         WHERE devices.granted_by IS NULL OR excluded.version_key > devices.version_key",
        params![
            payload.device,
            payload.role.as_str(),
            payload.agency_code,
            payload.user_name,
            event.id.to_hex(),
            event.version_key()
        ],
    )?;
    Ok(())
}

pub(crate) fn apply_revoked(conn: &Connection, event: &SignedEvent, payload: &DeviceRevoked) -> Result<()> {
    conn.execute(
        "INSERT INTO device_revocations (device_id, revoked_by, last_valid_seq, reason) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![payload.device, event.id.to_hex(), payload.last_valid_seq, payload.reason],
    )?;
    Ok(())
}

// The pinned root is the first of the roots `succession` follows.
pub use crate::succession::{pin_trust_root, trust_root};

/// Who `device` acts as when it authors an event on this laptop: its latest grant, or
/// its own first-start claim (people sharing one laptop trust each other's choice). A
/// revoked device acts as no one: whatever it made now would be past its last valid
/// number.
pub fn principal(conn: &Connection, device: DeviceId) -> Result<Option<Principal>> {
    let revoked: Option<i64> = conn
        .query_row("SELECT 1 FROM device_revocations WHERE device_id = ?1 LIMIT 1", [device.to_hex()], |row| row.get(0))
        .optional()?;
    if revoked.is_some() {
        return Ok(None);
    }
    let row = conn
        .query_row("SELECT role, agency_code FROM devices WHERE device_id = ?1", [device.to_hex()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .optional()?;
    // The root now, through any handovers: the old Regent's laptop signs as the root no more.
    let root = crate::succession::current_root(conn)?.is_some_and(|(root, _)| root == device);
    Ok(row.and_then(|(role, agency_code)| Some(Principal { role: Role::parse(&role)?, agency_code, root })))
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
    // The root now, through any handovers: the old Regent's laptop signs as the root no more.
    let root = crate::succession::current_root(conn)?.is_some_and(|(root, _)| root == device);
    Ok(row.and_then(|(role, agency_code, agency_name, agency_short_name, user_name)| {
        let role = Role::parse(&role)?;
        let duties = policy::duties_of(&Principal { role, agency_code: agency_code.clone(), root });
        Some(DeviceInfo {
            device_id: device.to_hex(),
            role,
            agency_code,
            agency_name,
            agency_short_name,
            user_name,
            duties,
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

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for DeviceEnrolled {
    const NAME: &'static str = "device.enrolled";
    const AUTHORITY: KindAuthority = KindAuthority::SelfEnrolment;

    fn scope(&self) -> Scope<'_> {
        Scope::Device(&self.device)
    }

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_enrolled(conn, event, self)
    }
}

impl EventKind for DeviceGranted {
    const NAME: &'static str = "device.granted";
    const AUTHORITY: KindAuthority = KindAuthority::TrustRoot;

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_granted(conn, event, self)
    }
}

impl EventKind for DeviceRevoked {
    const NAME: &'static str = "device.revoked";
    const AUTHORITY: KindAuthority = KindAuthority::TrustRoot;

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_revoked(conn, event, self)
    }
}
