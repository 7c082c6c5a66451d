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
    assert_eq!(problem(dp3a.desk.settings().backup_root_key(PASSPHRASE)), RootKeyProblem::NotTheRoot);
    assert_eq!(problem(root.desk.settings().backup_root_key("pendek")), RootKeyProblem::PassphraseTooShort);
    let backup = root.desk.settings().backup_root_key(PASSPHRASE).unwrap();

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
    assert_eq!(problem(restored.agencies().add(agency("BAPENDA"))), RootKeyProblem::AwaitingHistory);
    restored.sync().import_bundle("dp3a.ikp", &dp3a.bundle(), None).unwrap();
    restored.agencies().add(agency("BAPENDA")).unwrap();

    // An enrolled laptop takes the restored root's new records as the root's.
    dp3a.import(&restored.sync().export_bundle(&ikp_core::sync::export::ExportScope::Everything).unwrap().0).unwrap();
    assert!(dp3a.desk.agencies().list().unwrap().iter().any(|agency| agency.code == "BAPENDA"));
}

/// Root A hands over to B (a new Regent's laptop): laptops that pinned A follow B for
/// what comes after, what A granted before stands, and a grant A signs afterwards is
/// refused on import — by a laptop and by a rebuild alike.
#[test]
fn a_handed_over_root_is_followed_and_the_old_one_grants_nothing_after() {
    use ikp_core::device::DeviceGranted;
    use ikp_core::error::EventRefusal;
    use ikp_core::event::SignedEvent;
    use ikp_core::kinds::DomainEvent;
    use ikp_core::principal::Role;

    use crate::harness::leader;
    use crate::sync::{crafted, head_of, late, next_seq, refused, send};

    let mut a = root();
    let mut dp3a = enrol(&mut a, 2, staff_of("DP3A"));
    let mut b = enrol(&mut a, 7, leader(Role::Regent));
    let not_root = b.desk.sync().hand_over_root(&dp3a.desk.device_id().to_hex(), "");
    assert!(matches!(not_root.unwrap_err(), CoreError::NotAuthorized { .. }), "only the root hands over");
    a.desk.sync().hand_over_root(&b.desk.device_id().to_hex(), "Bupati hasil Pilkada 2024 dilantik").unwrap();
    send(&mut a, &mut b);
    assert!(b.desk.sync().overview().unwrap().is_root, "B signs as the root now");
    assert!(!a.desk.sync().overview().unwrap().is_root, "A no longer does");

    // B enrols a new laptop; DP3A, which pinned A, follows B's grant.
    let mut bpbd = enrol(&mut b, 3, staff_of("BPBD"));
    bpbd.desk.record(head_of("BPBD", "Yusuf")).unwrap();
    send(&mut b, &mut dp3a);
    send(&mut bpbd, &mut dp3a);
    let overview = dp3a.desk.sync().overview().unwrap();
    assert_eq!(overview.current_root.as_deref(), Some(ikp_core::sync::trust::fingerprint(b.desk.device_id()).as_str()));
    assert!(overview.root_since.is_some());
    assert_eq!(
        dp3a.desk.agencies().get("BPBD").unwrap().head_name.as_deref(),
        Some("Yusuf"),
        "B's grantee is believed"
    );
    assert_eq!(dp3a.desk.agencies().get("DP3A").unwrap().code, "DP3A");

    // A grant signed with A's key after the handover is refused on import.
    let grant = DomainEvent::DeviceGranted(DeviceGranted {
        device: "22".repeat(32),
        role: Role::Secretary,
        agency_code: None,
        user_name: "Palsu".into(),
    });
    let forged = SignedEvent::seal(&a.key(), next_seq(&a), late(), grant.kind(), 1, grant.to_payload());
    let bytes = crafted(&a, &[forged]);
    match refused(&mut dp3a, &bytes) {
        CoreError::BundleRefused { refused, .. } => {
            assert!(matches!(refused[0].reason, EventRefusal::NotAuthorized | EventRefusal::Unenrolled), "{refused:?}")
        }
        other => panic!("expected the old root's grant refused, got {other}"),
    }
    // And A's own laptop refuses to make one.
    let request = {
        let mut new = crate::sync::laptop(9, 0);
        new.desk.setup_device(staff_of("DP3A")).unwrap();
        new.desk.sync().enrolment_request().unwrap()
    };
    assert!(matches!(a.desk.sync().approve_enrolment(&request, None).unwrap_err(), CoreError::NotAuthorized { .. }));

    // A rebuild reaches the same state.
    let before = dp3a.state();
    dp3a.desk.rebuild().unwrap();
    assert_eq!(dp3a.state(), before);
}
