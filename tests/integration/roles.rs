use ikp_core::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::CoreError;

use crate::harness::{desk_with_demo, fingerprint, leader, staff_of};

fn register(code: &str) -> DomainEvent {
    DomainEvent::AgencyRegistered(AgencyRegistered {
        code: code.into(),
        name: "Badan Riset dan Inovasi Daerah".into(),
        short_name: "BRIDA".into(),
        kind: AgencyKind::Badan,
    })
}

fn new_head(code: &str) -> DomainEvent {
    DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
        code: code.into(),
        head_name: Some("Kepala Baru".into()),
        head_title: None,
        head_nip: None,
    })
}

#[test]
fn agency_staff_cannot_register_an_agency_and_nothing_is_written() {
    let mut test = desk_with_demo();
    test.desk.setup_device(staff_of("DP3A")).unwrap();
    let before = fingerprint(&test.desk);

    let refused = test.desk.record(register("BRIDA")).unwrap_err();

    assert_eq!(refused, CoreError::NotAuthorized { kind: "agency.registered".into(), role: Some(Role::AgencyStaff) });
    assert_eq!(fingerprint(&test.desk), before);
}

#[test]
fn agency_staff_may_update_their_own_agency_but_not_another() {
    let mut test = desk_with_demo();
    test.desk.setup_device(staff_of("BPBD")).unwrap();

    test.desk.record(new_head("BPBD")).unwrap();
    let before = fingerprint(&test.desk);
    let refused = test.desk.record(new_head("DP3A")).unwrap_err();

    assert!(matches!(refused, CoreError::NotAuthorized { .. }), "{refused:?}");
    assert_eq!(fingerprint(&test.desk), before);
    let bpbd = test.desk.agencies().unwrap().into_iter().find(|agency| agency.code == "BPBD").unwrap();
    assert_eq!(bpbd.head_name.as_deref(), Some("Kepala Baru"));
}

#[test]
fn the_leadership_may_register_agencies() {
    for role in [Role::Regent, Role::Secretary] {
        let mut test = desk_with_demo();
        test.desk.setup_device(leader(role)).unwrap();
        test.desk.record(register("BRIDA")).unwrap();
        assert!(test.desk.agencies().unwrap().iter().any(|agency| agency.code == "BRIDA"), "{role:?}");
    }
}

#[test]
fn a_device_that_was_never_set_up_may_record_nothing() {
    let mut test = desk_with_demo();
    let before = fingerprint(&test.desk);
    let refused = test.desk.record(new_head("BPBD")).unwrap_err();
    assert_eq!(refused, CoreError::NotAuthorized { kind: "agency.profile_updated".into(), role: None });
    assert_eq!(fingerprint(&test.desk), before);
}
