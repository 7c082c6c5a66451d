//! `Desk`: the one API the Tauri shell, the CLI and the tests call. It owns the store,
//! this laptop's device key and the clock; every method is a use case.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agency::{self, Agency};
use crate::check::{self, CheckReport};
use crate::clock::{Clock, SystemClock};
use crate::demo::{self, DemoSummary};
use crate::device::{self, DeviceEnrolled, DeviceInfo};
use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::identity::{DeviceId, DeviceKey};
use crate::kinds::DomainEvent;
use crate::log::{self, EventSummary};
use crate::principal::Role;
use crate::projection::{self, RebuildReport};
use crate::record::record;
use crate::regency::{self, RegencyProfile};
use crate::store::Store;

pub const DB_FILE: &str = "ikp.db";
pub const KEY_FILE: &str = "device.key";
const MAX_NAME_CHARS: usize = 120;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub device: Option<DeviceInfo>,
    pub regency: Option<RegencyProfile>,
    pub agency_count: u32,
    pub event_count: u32,
    pub demo_loaded: bool,
    pub data_dir: String,
    pub schema_version: u32,
}

/// The first-start answer to "who uses this laptop?".
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
}

pub struct Desk {
    store: Store,
    key: DeviceKey,
    clock: Arc<dyn Clock>,
    data_dir: PathBuf,
}

impl Desk {
    /// Opens the data directory, creating it, the database and this laptop's key on
    /// first start.
    pub fn open(data_dir: &Path) -> Result<Desk> {
        Desk::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    pub fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        fs::create_dir_all(data_dir)?;
        // The database first: if it is refused (too new), nothing else is created.
        let store = Store::open(&data_dir.join(DB_FILE))?;
        let key = DeviceKey::load_or_create(&data_dir.join(KEY_FILE))?;
        Ok(Desk { store, key, clock, data_dir: data_dir.to_owned() })
    }

    pub fn device_id(&self) -> DeviceId {
        self.key.id()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn status(&self) -> Result<AppStatus> {
        let conn = self.store.conn();
        Ok(AppStatus {
            device: device::info(conn, self.key.id())?,
            regency: regency::get(conn)?,
            agency_count: agency::count(conn)?,
            event_count: log::count(conn)?,
            demo_loaded: demo::is_loaded(conn)?,
            data_dir: self.data_dir.display().to_string(),
            schema_version: self.store.schema_version()?,
        })
    }

    /// Records who uses this laptop. This is the device's first event.
    pub fn setup_device(&mut self, input: SetupInput) -> Result<DeviceInfo> {
        if device::info(self.store.conn(), self.key.id())?.is_some() {
            return Err(CoreError::DeviceAlreadySetUp);
        }
        let user_name = input.user_name.trim();
        if user_name.is_empty() {
            return Err(CoreError::invalid("userName", InputProblem::Required));
        }
        if user_name.chars().count() > MAX_NAME_CHARS {
            return Err(CoreError::invalid("userName", InputProblem::TooLong));
        }
        let agency_code = input.agency_code.map(|code| code.trim().to_owned()).filter(|code| !code.is_empty());
        match (input.role, &agency_code) {
            (Role::AgencyStaff, None) => return Err(CoreError::invalid("agencyCode", InputProblem::Required)),
            (Role::Regent | Role::Secretary, Some(_)) => {
                return Err(CoreError::invalid("agencyCode", InputProblem::NotAllowed))
            }
            _ => {}
        }
        self.record(DomainEvent::DeviceEnrolled(DeviceEnrolled {
            device: self.key.id().to_hex(),
            role: input.role,
            agency_code,
            user_name: user_name.to_owned(),
        }))?;
        device::info(self.store.conn(), self.key.id())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Records one event authored by this laptop, in its own transaction.
    pub fn record(&mut self, event: DomainEvent) -> Result<SignedEvent> {
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| record(tx, key, clock.as_ref(), &event))
    }

    pub fn load_demo(&mut self) -> Result<DemoSummary> {
        demo::load(&mut self.store, self.clock.as_ref())
    }

    /// Adds `count` synthetic events on top of the demo data (loading it if needed).
    pub fn generate_scale(&mut self, count: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::generate(&mut self.store, self.clock.as_ref(), count, 1_000)
    }

    pub fn agencies(&self) -> Result<Vec<Agency>> {
        agency::list(self.store.conn())
    }

    pub fn events(&self, limit: u32) -> Result<Vec<EventSummary>> {
        let conn = self.store.conn();
        log::recent(conn, limit)?
            .into_iter()
            .map(|entry| {
                Ok(EventSummary {
                    id: entry.id.to_hex(),
                    kind: entry.kind,
                    author_id: entry.author.to_hex(),
                    author_label: device::label(conn, entry.author)?,
                    seq: u32::try_from(entry.seq).unwrap_or(u32::MAX),
                    recorded_at: entry.hlc.to_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                })
            })
            .collect()
    }

    /// Drops every projection and replays the log, in one transaction.
    pub fn rebuild(&mut self) -> Result<RebuildReport> {
        self.store.write(projection::rebuild)
    }

    pub fn digest(&self) -> Result<String> {
        projection::digest(self.store.conn())
    }

    pub fn check(&self) -> Result<CheckReport> {
        check::run(self.store.conn(), self.key.id())
    }
}
