//! How current each agency's data is at the Regent's office: dated by the agency's last
//! event or the signed time of its last file, whichever is newer; stale after two weeks.

use ikp_core::sync::bundle::{self, Header};
use ikp_core::sync::freshness::{agency_freshness, AgencyFreshness, Freshness, STALE_AFTER_DAYS};

use crate::harness::staff_of;
use crate::sync::{enrol, root, Laptop};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

fn of(root: &Laptop, code: &str, now_ms: u64) -> AgencyFreshness {
    let all = agency_freshness(root.desk.store().conn(), now_ms).unwrap();
    all.into_iter().find(|agency| agency.agency_code == code).unwrap()
}

fn ms(text: &str) -> u64 {
    chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp_millis() as u64
}

/// Sends `from`'s whole log to `root`; the file's signed time.
fn send_file(from: &mut Laptop, root: &mut Laptop) -> (String, u32) {
    let file = from.bundle();
    let report = root.import(&file).unwrap();
    (bundle::read(&file).unwrap().header.created_at, report.new_events)
}

#[test]
fn each_agency_s_data_is_dated_by_its_last_event_or_signed_file() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));

    // No laptop: the Secretariat keeps the agency's data, and nothing is said to be late.
    let bpbd = of(&root, "BPBD", ms("2026-12-30T00:00:00Z"));
    assert_eq!((bpbd.freshness, bpbd.as_of, bpbd.laptops.len()), (Freshness::NoLaptop, None, 0));

    // DP3A's file: its data is as of the moment its laptop wrote the file.
    let (sent, _) = send_file(&mut dp3a, &mut root);
    let fresh = of(&root, "DP3A", ms(&sent) + DAY_MS);
    assert_eq!((fresh.freshness, fresh.as_of.as_deref()), (Freshness::Current, Some(sent.as_str())));
    assert_eq!(fresh.laptops.len(), 1);
    assert!(fresh.laptops[0].last_file_received.is_some());
    assert!(!fresh.laptops[0].revoked);

    // Two weeks on, nothing newer: not updated since then (a fact, kept with its date).
    let late = of(&root, "DP3A", ms(&sent) + (STALE_AFTER_DAYS + 1) * DAY_MS);
    assert_eq!((late.freshness, late.as_of.as_deref()), (Freshness::Stale, Some(sent.as_str())));
    let edge = of(&root, "DP3A", ms(&sent) + STALE_AFTER_DAYS * DAY_MS);
    assert_eq!(edge.freshness, Freshness::Current, "exactly two weeks is not yet stale");

    // A later file with nothing new still says DP3A's data is current as of its time.
    let (again, new_events) = send_file(&mut dp3a, &mut root);
    assert_eq!(new_events, 0);
    assert!(ms(&again) > ms(&sent));
    assert_eq!(of(&root, "DP3A", ms(&again)).as_of.as_deref(), Some(again.as_str()));

    // A file nobody signed, claiming to be DP3A's and dated a year later, moves nothing.
    let forged = Header {
        sender: dp3a.key().id().to_hex(),
        created_at: "2027-12-01T00:00:00Z".into(),
        root: Some(root.key().id().to_hex()),
        ..Header::default()
    };
    root.import(&bundle::write(forged, &[], &[])).unwrap();
    assert_eq!(of(&root, "DP3A", ms(&again)).as_of.as_deref(), Some(again.as_str()));
}

#[test]
fn a_laptop_whose_clock_runs_ahead_dates_its_data_no_later_than_now() {
    let mut root = root();
    // Seed 200: this laptop's clock runs 1,370 s ahead of the root's.
    let mut ahead = enrol(&mut root, 200, staff_of("DP3A"));
    let (sent, _) = send_file(&mut ahead, &mut root);
    let received = of(&root, "DP3A", 0).laptops[0].last_file_received.clone().unwrap();
    let now = ms(&received);
    assert!(ms(&sent) > now, "the file says it was written after it was received");
    let seen = of(&root, "DP3A", now);
    assert_eq!((seen.freshness, seen.as_of.as_deref()), (Freshness::Current, Some(received.as_str())));
}
