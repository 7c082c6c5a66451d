//! `Desk`: the one API the Tauri shell, the CLI and the tests call. It owns the store,
//! this laptop's device key and the clock. This file holds opening, setup, the log and
//! the one write path (`act`); each domain's use cases are a handle it hands out
//! (`desk.instructions()`, `.budget()`, `.sync()` …) defined in the domain's `api.rs`,
//! with evidence and settings beside this file.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::agency;
use crate::check::{self, CheckReport};
use crate::clock::{Clock, Hlc, SystemClock};
use crate::demo;
use crate::device::{self, DeviceEnrolled, DeviceInfo};
use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::identity::{DeviceId, DeviceKey};
use crate::key_store::{self, KeyStore};
use crate::kinds::DomainEvent;
use crate::log::{self, EventSummary};
use crate::principal::{AgencyNeed, Role};
use crate::projection::{self, RebuildReport};
use crate::record::record;
use crate::regency::{self, RegencyProfile};
use crate::store::Store;
use crate::use_case::Author;

use crate::agency::api::AgencyDesk;
use crate::budget::api::BudgetDesk;
use crate::complaint::api::ComplaintDesk;
use crate::demo::api::DemoDesk;
use crate::desk::evidence::EvidenceDesk;
use crate::desk::regency_settings::SettingsDesk;
use crate::instruction::api::InstructionDesk;
use crate::minutes::api::MinutesDesk;
use crate::negotiation::api::NegotiationDesk;
use crate::report::ReportDesk;
use crate::sync::api::SyncDesk;

pub mod evidence;
mod leadership;
mod maintenance;
pub mod regency_settings;

pub use crate::negotiation::api::DecisionResult;
pub use leadership::{HolidayCalendar, SetupProgress};

pub const DB_FILE: &str = "ikp.db";
pub const KEY_FILE: &str = "device.key";
pub(crate) const MAX_NAME_CHARS: usize = 120;
/// A letterhead emblem, not a photograph: every notulen embeds it.
pub(crate) const MAX_LOGO_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub device: Option<DeviceInfo>,
    pub regency: Option<RegencyProfile>,
    /// Who holds each leadership post today (for the minutes' identity block and titles).
    pub officials: Vec<crate::officials::Appointment>,
    pub agency_count: u32,
    pub event_count: u32,
    pub demo_loaded: bool,
    pub data_dir: String,
    pub schema_version: u32,
    /// Today in WIB, YYYY-MM-DD: the day new instructions and reports are dated.
    pub today: String,
    /// Restored from a copy and not recording yet: its later events may be elsewhere.
    pub restored: Option<crate::backup::RestoredNotice>,
}

/// Profile names become file names: keep them to lower-case letters, digits and dashes.
fn is_profile_name(name: &str) -> bool {
    (1..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
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
    pub(crate) store: Store,
    pub(crate) key: DeviceKey,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) data_dir: PathBuf,
}

impl Desk {
    /// Opens the data directory, creating it, the database and this laptop's key on
    /// first start.
    pub fn open(data_dir: &Path) -> Result<Desk> {
        Desk::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    pub fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_profile(data_dir, None, clock)
    }

    /// Opens the data directory for one of several people who share this laptop: each
    /// profile has a signing key of its own (`device-<profile>.key`) over the same
    /// database, so their events stay attributable to them.
    pub fn open_profile(data_dir: &Path, profile: Option<&str>, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_profile_keeping(data_dir, profile, clock, KeyStore::File)
    }

    /// `open_profile`, with a new key kept as `store` says (the app: the system's store).
    pub fn open_profile_keeping(
        data_dir: &Path,
        profile: Option<&str>,
        clock: Arc<dyn Clock>,
        store: KeyStore,
    ) -> Result<Desk> {
        let key_file = match profile {
            None => KEY_FILE.to_owned(),
            Some(name) if is_profile_name(name) => format!("device-{name}.key"),
            Some(_) => return Err(CoreError::invalid("profile", InputProblem::NotAllowed)),
        };
        Desk::open_keyed(data_dir, |dir| Ok(key_store::load_or_create(&dir.join(key_file), store)?), clock)
    }

    /// Creates the directory and opens the database first: if it is refused (too new),
    /// no key is created either.
    fn open_keyed(
        data_dir: &Path,
        key: impl FnOnce(&Path) -> Result<DeviceKey>,
        clock: Arc<dyn Clock>,
    ) -> Result<Desk> {
        fs::create_dir_all(data_dir)?;
        let mut store = Store::open(&data_dir.join(DB_FILE))?;
        projection::ensure_current(&mut store)?;
        let key = key(data_dir)?;
        Ok(Desk { store, key, clock, data_dir: data_dir.to_owned() })
    }

    /// Opens the data directory as another device key than the one on disk: several
    /// users of one database in tests, simulations and benchmarks.
    pub fn open_as(data_dir: &Path, key: DeviceKey, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_keyed(data_dir, |_| Ok(key), clock)
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
            officials: crate::officials::officials(conn, self.today())?.current,
            agency_count: agency::count(conn)?,
            event_count: log::count(conn)?,
            demo_loaded: demo::is_loaded(conn)?,
            data_dir: self.data_dir.display().to_string(),
            schema_version: self.store.schema_version()?,
            today: self.today().to_string(),
            restored: crate::backup::awaiting_own_history(conn, self.key.id(), log::next_seq(conn, self.key.id())?)?,
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
        // A laptop that knows no agency yet (a regency's master data arrives with the
        // root's answer) may name its agency in its own words, or leave it for the root.
        let knows_agencies = agency::count(self.store.conn())? > 0;
        if agency_code.as_ref().is_some_and(|code| code.chars().count() > MAX_NAME_CHARS) {
            return Err(CoreError::invalid("agencyCode", InputProblem::TooLong));
        }
        match (input.role.agency(), &agency_code) {
            (AgencyNeed::Required, None) if knows_agencies => {
                return Err(CoreError::invalid("agencyCode", InputProblem::Required))
            }
            (AgencyNeed::None, Some(_)) => return Err(CoreError::invalid("agencyCode", InputProblem::NotAllowed)),
            _ => {}
        }
        let claim = DomainEvent::DeviceEnrolled(DeviceEnrolled {
            device: self.key.id().to_hex(),
            role: input.role,
            agency_code,
            user_name: user_name.to_owned(),
        });
        self.act(|tx, author| {
            record(tx, author.key, author.clock, &claim)?;
            // The Regent's office device becomes the regency's trust root, unless this
            // database already trusts one.
            if input.role == Role::Regent && device::trust_root(tx)?.is_none() {
                device::pin_trust_root(tx, author.key.id())?;
            }
            Ok(())
        })?;
        device::info(self.store.conn(), self.key.id())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Records one event authored by this laptop, in its own transaction.
    pub fn record(&mut self, event: DomainEvent) -> Result<SignedEvent> {
        self.act(|tx, author| record(tx, author.key, author.clock, &event))
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

    /// Today's date in WIB, by this desk's clock.
    pub fn today(&self) -> NaiveDate {
        Hlc::today_wib(self.clock.now_ms())
    }

    /// Runs a use case as this laptop's user, in one transaction: the one path by which
    /// this laptop writes events (settings and enrolment included).
    pub(crate) fn act<T>(&mut self, work: impl FnOnce(&Connection, &Author<'_>) -> Result<T>) -> Result<T> {
        let today = self.today();
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| work(tx, &Author { key, clock: clock.as_ref(), today }))
    }
}

/// Each domain's use cases, handed out as a handle that borrows the desk: one store,
/// key and clock, one write path (`act`), and a map of the API by domain. The `_view`
/// handles read only: a use case that reads another domain takes one from `&Desk`.
impl Desk {
    pub fn instructions(&mut self) -> InstructionDesk<&mut Desk> {
        InstructionDesk { desk: self }
    }

    pub(crate) fn instructions_view(&self) -> InstructionDesk<&Desk> {
        InstructionDesk { desk: self }
    }

    pub fn negotiations(&mut self) -> NegotiationDesk<&mut Desk> {
        NegotiationDesk { desk: self }
    }

    pub(crate) fn negotiations_view(&self) -> NegotiationDesk<&Desk> {
        NegotiationDesk { desk: self }
    }

    pub fn minutes(&mut self) -> MinutesDesk<&mut Desk> {
        MinutesDesk { desk: self }
    }

    pub fn budget(&mut self) -> BudgetDesk<&mut Desk> {
        BudgetDesk { desk: self }
    }

    pub(crate) fn budget_view(&self) -> BudgetDesk<&Desk> {
        BudgetDesk { desk: self }
    }

    pub fn complaints(&mut self) -> ComplaintDesk<&mut Desk> {
        ComplaintDesk { desk: self }
    }

    pub(crate) fn complaints_view(&self) -> ComplaintDesk<&Desk> {
        ComplaintDesk { desk: self }
    }

    pub fn sync(&mut self) -> SyncDesk<&mut Desk> {
        SyncDesk { desk: self }
    }

    pub fn agencies(&mut self) -> AgencyDesk<&mut Desk> {
        AgencyDesk { desk: self }
    }

    pub(crate) fn agencies_view(&self) -> AgencyDesk<&Desk> {
        AgencyDesk { desk: self }
    }

    pub fn settings(&mut self) -> SettingsDesk<&mut Desk> {
        SettingsDesk { desk: self }
    }

    pub(crate) fn settings_view(&self) -> SettingsDesk<&Desk> {
        SettingsDesk { desk: self }
    }

    pub fn evidence(&mut self) -> EvidenceDesk<&mut Desk> {
        EvidenceDesk { desk: self }
    }

    pub fn demo(&mut self) -> DemoDesk<&mut Desk> {
        DemoDesk { desk: self }
    }

    pub fn reports(&mut self) -> ReportDesk<&mut Desk> {
        ReportDesk { desk: self }
    }
}

/// A file name from a signed event (possibly another laptop's), made safe to create:
/// its last path part, without control characters or leading dots.
pub(crate) fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        fallback.to_owned()
    } else {
        cleaned.chars().take(120).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn evidence_names_from_events_cannot_leave_their_folder() {
        assert_eq!(safe_file_name("../../etc/passwd", "h"), "passwd");
        assert_eq!(safe_file_name("C:\\x\\foto.jpg", "h"), "foto.jpg");
        assert_eq!(safe_file_name("..", "h"), "h");
        assert_eq!(safe_file_name(".bashrc", "h"), "bashrc");
        assert_eq!(safe_file_name("laporan\u{7}.pdf", "h"), "laporan.pdf");
    }
}
