//! Small helpers so each test reads as its scenario.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use ikp_core::clock::{Clock, SteppingClock};
use ikp_core::identity::DeviceKey;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use tempfile::TempDir;

pub struct TestDesk {
    pub desk: Desk,
    /// Held so the data directory lives as long as the test's `Desk`.
    pub _dir: TempDir,
}

/// A fresh data directory with the demo data loaded.
pub fn desk_with_demo() -> TestDesk {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path()).unwrap();
    desk.demo().load().unwrap();
    TestDesk { desk, _dir: dir }
}

pub fn staff_of(agency: &str) -> SetupInput {
    SetupInput { role: Role::AgencyStaff, agency_code: Some(agency.into()), user_name: "Staf".into() }
}

pub fn leader(role: Role) -> SetupInput {
    SetupInput { role, agency_code: None, user_name: "Pimpinan".into() }
}

/// Everything observable about the store: a digest of the projections, and the size of the log.
pub fn fingerprint(desk: &Desk) -> (String, u32) {
    (desk.digest().unwrap(), desk.status().unwrap().event_count)
}

/// One regency office: a database and a desk per person, all on 29 November 2026 (WIB).
pub struct Office {
    /// The shared data directory (kept alive as long as the office).
    pub dir: TempDir,
    pub regent: Desk,
    pub secretary: Desk,
    pub dp3a: Desk,
    pub bpbd: Desk,
}

pub fn office() -> Office {
    office_on(Arc::new(SteppingClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap(), 1_000)))
}

/// The same office on a clock the test holds (to let days pass).
pub fn office_on(clock: Arc<dyn Clock>) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let person = |seed: u8, role: Role, agency: Option<&str>, name: &str| {
        let mut desk = Desk::open_as(dir.path(), DeviceKey::from_secret([seed; 32]), clock.clone()).unwrap();
        if seed == 1 {
            desk.demo().load().unwrap();
        }
        desk.setup_device(SetupInput { role, agency_code: agency.map(Into::into), user_name: name.into() }).unwrap();
        desk
    };
    let regent = person(1, Role::Regent, None, "Bupati");
    let secretary = person(4, Role::Secretary, None, "Sekda");
    let dp3a = person(2, Role::AgencyStaff, Some("DP3A"), "Rahmawati");
    let bpbd = person(3, Role::AgencyStaff, Some("BPBD"), "Yusuf");
    Office { dir, regent, secretary, dp3a, bpbd }
}
