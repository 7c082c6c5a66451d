use ikp_core::principal::Role;

use crate::harness::{desk_with_demo, fingerprint, leader};

#[test]
fn rebuild_of_the_demo_data_gives_identical_projections() {
    let mut test = desk_with_demo();
    test.desk.setup_device(leader(Role::Secretary)).unwrap();
    let agencies = test.desk.agencies().list().unwrap();
    let status = test.desk.status().unwrap();
    let before = fingerprint(&test.desk);

    let report = test.desk.rebuild().unwrap();

    assert_eq!(report.events as u32, status.event_count);
    assert_eq!(report.unknown, 0);
    assert_eq!(fingerprint(&test.desk), before);
    assert_eq!(test.desk.agencies().list().unwrap(), agencies);
    assert_eq!(test.desk.status().unwrap(), status);
}

#[test]
fn rebuild_restores_projections_that_were_damaged() {
    let mut test = desk_with_demo();
    let before = fingerprint(&test.desk);
    test.desk.store().conn().execute("DELETE FROM agencies WHERE kind = 'kecamatan'", []).unwrap();
    test.desk.store().conn().execute("UPDATE regency_profile SET name = 'salah'", []).unwrap();
    assert_ne!(fingerprint(&test.desk), before, "the damage is visible");

    test.desk.rebuild().unwrap();

    assert_eq!(fingerprint(&test.desk), before);
}

#[test]
fn rebuild_of_synthetic_scale_data_matches_incremental_projection() {
    let mut test = desk_with_demo();
    test.desk.demo().generate_scale(3_000).unwrap();
    let before = fingerprint(&test.desk);
    test.desk.rebuild().unwrap();
    assert_eq!(fingerprint(&test.desk), before);
}
