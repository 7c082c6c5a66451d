use ikp_core::principal::Role;
use ikp_core::{CoreError, InputProblem, SetupInput};

use crate::harness::{desk_with_demo, fingerprint, leader, staff_of};

#[test]
fn setting_up_records_one_signed_enrolment_of_this_device() {
    let mut test = desk_with_demo();
    let info = test.desk.setup_device(staff_of("DP3A")).unwrap();
    assert_eq!(info.device_id, test.desk.device_id().to_hex());
    assert_eq!(info.role, Role::AgencyStaff);
    assert_eq!(info.agency_short_name.as_deref(), Some("DP3A"));
    assert_eq!(info.agency_name.as_deref(), Some("Dinas Pemberdayaan Perempuan dan Perlindungan Anak"));
    assert!(test.desk.check().unwrap().is_clean());
}

#[test]
fn invalid_setup_answers_name_the_field_and_write_nothing() {
    let cases = [
        (
            SetupInput { user_name: "  ".into(), ..leader(Role::Regent) },
            CoreError::invalid("userName", InputProblem::Required),
        ),
        (
            SetupInput { user_name: "x".repeat(121), ..leader(Role::Regent) },
            CoreError::invalid("userName", InputProblem::TooLong),
        ),
        (
            SetupInput { agency_code: None, ..staff_of("DP3A") },
            CoreError::invalid("agencyCode", InputProblem::Required),
        ),
        (
            SetupInput { agency_code: Some("DP3A".into()), ..leader(Role::Secretary) },
            CoreError::invalid("agencyCode", InputProblem::NotAllowed),
        ),
        (staff_of("TIDAK-ADA"), CoreError::UnknownAgency { code: "TIDAK-ADA".into() }),
    ];
    for (input, expected) in cases {
        let mut test = desk_with_demo();
        let before = fingerprint(&test.desk);
        assert_eq!(test.desk.setup_device(input.clone()).unwrap_err(), expected, "{input:?}");
        assert_eq!(fingerprint(&test.desk), before, "{input:?}");
    }
}

#[test]
fn a_device_is_set_up_once() {
    let mut test = desk_with_demo();
    test.desk.setup_device(leader(Role::Regent)).unwrap();
    let before = fingerprint(&test.desk);
    assert_eq!(test.desk.setup_device(leader(Role::Secretary)).unwrap_err(), CoreError::DeviceAlreadySetUp);
    assert_eq!(fingerprint(&test.desk), before);
}

#[test]
fn demo_data_loads_once() {
    let mut test = desk_with_demo();
    let before = fingerprint(&test.desk);
    assert_eq!(test.desk.demo().load().unwrap_err(), CoreError::DemoAlreadyLoaded);
    assert_eq!(fingerprint(&test.desk), before);
    let agencies = test.desk.agencies().list().unwrap();
    assert_eq!(agencies.iter().filter(|agency| agency.kind.as_str() == "kecamatan").count(), 23);
}
