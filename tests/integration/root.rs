//! Continuity of the trust root: its key backed up under a passphrase and restored on a
//! new laptop, which signs as the root once it holds the root's own history.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use ikp_core::agency::ops::AgencyInput;
use ikp_core::agency::AgencyKind;
use ikp_core::clock::SteppingClock;
use ikp_core::root_key::{self, RootKeyProblem};
use ikp_core::{CoreError, Desk};

use crate::harness::staff_of;
use crate::sync::{enrol, root, scratch};

const PASSPHRASE: &str = "lambang kabupaten bekasi 2026";

fn agency(code: &str) -> AgencyInput {
    AgencyInput {
        code: code.into(),
        name: format!("Badan {code}"),
        short_name: code.into(),
        kind: AgencyKind::Badan,
        sipd_code: String::new(),
        head: None,
    }
}

fn problem(result: ikp_core::Result<impl std::fmt::Debug>) -> RootKeyProblem {
    match result {
        Err(CoreError::RootKey { problem }) => problem,
        other => panic!("expected a root key refusal, got {other:?}"),
    }
}

/// (Failed before: a lost Regent's laptop meant enrolling every laptop again.)
#[test]
fn a_root_key_restored_on_a_new_laptop_signs_as_the_root_once_it_holds_its_history() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    assert_eq!(problem(dp3a.desk.backup_root_key(PASSPHRASE)), RootKeyProblem::NotTheRoot);
    assert_eq!(problem(root.desk.backup_root_key("pendek")), RootKeyProblem::PassphraseTooShort);
    let backup = root.desk.backup_root_key(PASSPHRASE).unwrap();

    // A wrong passphrase or a damaged file: refused by name, nothing written.
    let new_laptop = scratch();
    let empty = |dir: &std::path::Path| std::fs::read_dir(dir).unwrap().count() == 0;
    assert_eq!(
        problem(root_key::restore(new_laptop.path(), &backup, "lambang kabupaten bekasi 2025")),
        RootKeyProblem::WrongPassphrase
    );
    let mut damaged = backup.clone();
    damaged[40] ^= 0x80;
    assert_eq!(problem(root_key::restore(new_laptop.path(), &damaged, PASSPHRASE)), RootKeyProblem::Damaged);
    assert!(empty(new_laptop.path()), "a refused restore wrote nothing");

    let restored_id = root_key::restore(new_laptop.path(), &backup, PASSPHRASE).unwrap();
    assert_eq!(restored_id, root.desk.device_id());
    assert_eq!(
        problem(root_key::restore(new_laptop.path(), &backup, PASSPHRASE)),
        RootKeyProblem::KeyAlreadyHere,
        "a key in place is never replaced"
    );
    let clock = Arc::new(SteppingClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 2, 30, 0).unwrap(), 1_000));
    let mut restored = Desk::open_profile(new_laptop.path(), None, clock).unwrap();
    assert_eq!(restored.device_id(), root.desk.device_id(), "the new laptop signs with the root's key");

    // Before it holds the root's history it signs nothing (its numbers would repeat).
    assert_eq!(problem(restored.add_agency(agency("BAPENDA"))), RootKeyProblem::AwaitingHistory);
    restored.import_bundle("dp3a.ikp", &dp3a.bundle()).unwrap();
    restored.add_agency(agency("BAPENDA")).unwrap();

    // An enrolled laptop takes the restored root's new records as the root's.
    dp3a.import(&restored.export_bundle(&ikp_core::sync::export::ExportScope::Everything).unwrap().0).unwrap();
    assert!(dp3a.desk.agencies().unwrap().iter().any(|agency| agency.code == "BAPENDA"));
}
