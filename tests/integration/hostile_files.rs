//! Crafted files against the import: numbers a database cannot hold are refused by the
//! event that carries them, and the receiving database is left exactly as it was.

use ikp_core::clock::Hlc;
use ikp_core::error::EventRefusal;
use ikp_core::event::SignedEvent;
use ikp_core::sync::bundle::{self, EvidenceFile};
use ikp_core::CoreError;

use crate::harness::staff_of;
use crate::sync::{crafted, enrol, head_of, next_seq, refused, root, send};

const BEYOND: u64 = 1 << 63;

#[test]
fn a_number_or_clock_beyond_range_is_refused_as_a_malformed_event_by_name() {
    let mut root = root();
    let dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let now = Hlc { wall_ms: 1_796_000_000_000, counter: 0 };
    let profile = head_of("DP3A", "Rina");
    let cases = [
        ("seq", BEYOND, now),
        ("seq", u64::MAX, now),
        ("clock", next_seq(&dp3a), Hlc { wall_ms: BEYOND, counter: 0 }),
        ("clock", next_seq(&dp3a), Hlc { wall_ms: u64::MAX, counter: u32::MAX }),
    ];
    for (what, seq, hlc) in cases {
        let event = SignedEvent::seal(&dp3a.key(), seq, hlc, profile.kind(), 1, profile.to_payload());
        let bytes = crafted(&root, std::slice::from_ref(&event));
        match refused(&mut root, &bytes) {
            CoreError::BundleRefused { refused, .. } => {
                assert_eq!(refused.len(), 1, "{what}");
                assert_eq!(refused[0].reason, EventRefusal::Unreadable, "{what}");
                assert_eq!(refused[0].event_id, event.id.to_hex(), "{what}: the refusal names the event");
            }
            other => panic!("{what} {seq} {hlc:?}: expected the event refused by name, got {other}"),
        }
    }
}

/// A bundle may carry files no event names: they are not stored (they would fill the
/// disk), while the file a progress report names is.
#[test]
fn evidence_no_event_names_is_not_stored() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    let bytes = dp3a.bundle();
    let mut unpacked = bundle::read(&bytes).unwrap();
    let stray = vec![0x5a; 4096];
    let named = dp3a.desk.evidence().attach_bytes("tidak-dirujuk.bin", &stray).unwrap().sha256;
    let sha256: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&named[2 * i..2 * i + 2], 16).unwrap()).collect();
    unpacked.evidence.push(EvidenceFile { sha256: sha256.try_into().unwrap(), bytes: stray });
    let bytes = bundle::write(unpacked.header, &unpacked.events, &unpacked.evidence);
    let report = root.import(&bytes).unwrap();
    assert!(report.new_events > 0);
    assert_eq!(root.evidence(&named), None, "a file no event names was stored");
}

/// A file of thousands of bad events is refused with a short list and a count: the
/// error that crosses to the screen stays small whatever the file holds.
#[test]
fn thousands_of_refused_events_are_counted_not_all_listed() {
    let mut root = root();
    let dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let now = Hlc { wall_ms: 1_796_000_000_000, counter: 0 };
    // A head for another agency: each event is refused as not authorized.
    let foreign = head_of("BPBD", "Palsu");
    let first = next_seq(&dp3a);
    let events: Vec<SignedEvent> = (0..3_000)
        .map(|n| SignedEvent::seal(&dp3a.key(), first + n, now, foreign.kind(), 1, foreign.to_payload()))
        .collect();
    let bytes = crafted(&root, &events);
    match refused(&mut root, &bytes) {
        CoreError::BundleRefused { refused, total } => {
            assert_eq!(total, 3_000);
            assert_eq!(refused.len(), ikp_core::error::MAX_LISTED_REFUSALS);
            assert_eq!(refused[0].event_id, events[0].id.to_hex(), "the first in the file are named");
        }
        other => panic!("expected a refusal, got {other}"),
    }
}

/// An event of an author nobody enrolled is refused before its body is read: a stranger's
/// file costs no parsing, however large or malformed its events. (Only a small
/// self-signed enrolment claim from a stranger is read.)
#[test]
fn a_stranger_s_events_are_refused_unread() {
    let mut root = root();
    let stranger = ikp_core::identity::DeviceKey::from_secret([0x5a; 32]);
    let body = vec![b'{'; 1 << 20];
    let id = ikp_core::event::EventId::of_body(&body);
    let unread = bundle::RawEvent {
        id: id.0,
        author: stranger.id().0,
        seq: 1,
        signature: stranger.sign(&ikp_core::event::signing_message(id)),
        body,
    };
    let header = bundle::Header { root: Some(root.key().id().to_hex()), ..bundle::Header::default() };
    match refused(&mut root, &bundle::write(header, &[unread], &[])) {
        CoreError::BundleRefused { refused, total } => {
            assert_eq!(total, 1);
            // Read, it would be refused as unreadable JSON; unread, for its author.
            assert_eq!(refused[0].reason, EventRefusal::Unenrolled, "{:?}", refused[0]);
        }
        other => panic!("expected a refusal, got {other}"),
    }
}

/// A file imported from disk is read in bounded memory: its evidence is staged on disk,
/// the file a progress report names is kept, a file nothing names is not, and nothing is
/// left in the staging folder.
#[test]
fn a_file_from_disk_keeps_only_named_evidence_and_leaves_no_staged_file() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let issued = root.desk.instructions().issue(crate::instructions::child_violence_case()).unwrap();
    send(&mut root, &mut dp3a);
    let photo = dp3a.desk.evidence().attach_bytes("foto.jpg", b"\xFF\xD8\xFF foto kegiatan").unwrap();
    let mut report = crate::instructions::progress(&issued.indicators[0].id, "2");
    report.evidence = vec![photo.clone()];
    dp3a.desk.instructions().report_progress(report).unwrap();
    let mut unpacked = bundle::read(&dp3a.bundle()).unwrap();
    assert_eq!(unpacked.evidence.len(), 1, "the photo travels with its report");
    let stray = b"tidak dirujuk".to_vec();
    let stray_sha = dp3a.desk.evidence().attach_bytes("lain.bin", &stray).unwrap().sha256;
    let sha256: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&stray_sha[2 * i..2 * i + 2], 16).unwrap()).collect();
    unpacked.evidence.push(EvidenceFile { sha256: sha256.try_into().unwrap(), bytes: stray });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dp3a.ikp");
    std::fs::write(&file, bundle::write(unpacked.header, &unpacked.events, &unpacked.evidence)).unwrap();

    let imported = root.desk.sync().import_file(&file, None).unwrap();
    assert_eq!(imported.evidence_files, 2);
    assert_eq!(root.evidence(&photo.sha256).as_deref(), Some(&b"\xFF\xD8\xFF foto kegiatan"[..]));
    assert_eq!(root.evidence(&stray_sha), None, "a file no event names was stored");
    let staging = root.desk.data_dir().join("evidence").join(".incoming");
    let left: Vec<_> = std::fs::read_dir(&staging).map(|dir| dir.flatten().collect()).unwrap_or_default();
    assert!(left.is_empty(), "staged files left behind: {left:?}");
}
