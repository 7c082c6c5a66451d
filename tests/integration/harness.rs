//! Small helpers so each test reads as its scenario.

use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use tempfile::TempDir;

pub struct TestDesk {
    pub desk: Desk,
    /// Held so the data directory lives as long as the test's `Desk`.
    _dir: TempDir,
}

/// A fresh data directory with the demo data loaded.
pub fn desk_with_demo() -> TestDesk {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path()).unwrap();
    desk.load_demo().unwrap();
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
