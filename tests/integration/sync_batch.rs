//! Importing several files as one batch (a watched folder's look): each file is accepted
//! or refused on its own, and the laptop ends where importing them one by one ends,
//! though the log is replayed once for all of them.

use chrono::{TimeZone, Utc};
use ikp_core::clock::Hlc;
use ikp_core::error::EventRefusal;
use ikp_core::event::SignedEvent;
use ikp_core::negotiation::ops::NegotiationInput;
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::sync::bundle::{self, RawEvent};
use ikp_core::CoreError;

use crate::harness::staff_of;
use crate::sync::*;

fn without(bytes: &[u8], ids: &[&str]) -> Vec<u8> {
    repack(bytes, |events| {
        events.retain(|event| {
            let body = String::from_utf8_lossy(&event.body);
            !(body.contains("\"negotiation.requested\"") && ids.iter().any(|id| body.contains(id)))
        })
    })
}

#[test]
fn a_batch_of_older_files_ends_where_file_by_file_imports_end() {
    let mut m = meeting();
    let mut bpbd = enrol(&mut m.root, 5, staff_of("BPBD"));
    bpbd.desk.record(head_of("BPBD", "Yusuf")).unwrap();
    let other_indicator = m.dp3a.desk.instructions().detail(&m.instruction_id).unwrap().indicators[1].id.clone();
    let first = ask(&mut m.dp3a.desk, &m.indicator_id);
    let second = m
        .dp3a
        .desk
        .negotiations()
        .request(NegotiationInput {
            indicator_id: other_indicator,
            movement: Movement::Lower,
            proposed_target: Some("2".into()),
            proposed_deadline: None,
            justification: "Petugas tambahan sudah ada.".into(),
            evidence: vec![],
        })
        .unwrap()
        .id;
    send(&mut m.dp3a, &mut m.secretary);
    decide(&mut m.secretary.desk, &first, Outcome::Approve);
    decide(&mut m.secretary.desk, &second, Outcome::Reject);
    // The root works on meanwhile: every file below is older than its log's newest event.
    m.root.desk.record(head_of("DP3A", "Rina")).unwrap();
    let root_before = m.root.bundle();

    // The Secretary's decisions come without the requests; DP3A's file brings the first
    // one only, after them; a forged copy of DP3A's file sits between.
    let decisions = without(&m.secretary.bundle(), &[&first, &second]);
    let requests = without(&m.dp3a.bundle(), &[&second]);
    let forged = repack(&m.dp3a.bundle(), |events| {
        let request = events.iter_mut().find(|event| String::from_utf8_lossy(&event.body).contains(&first)).unwrap();
        request.signature[7] ^= 1;
    });
    let folder = scratch();
    let files: Vec<_> = [("a", &decisions), ("b", &forged), ("c", &requests), ("d", &bpbd.bundle())]
        .into_iter()
        .map(|(name, bytes)| {
            let path = folder.path().join(format!("{name}.ikp"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|path| path.as_path()).collect();

    let outcomes = m.root.desk.sync().import_files(&paths);
    assert_eq!(outcomes.len(), 4);
    match &outcomes[1] {
        Err(CoreError::BundleRefused { refused, .. }) => assert_eq!(refused[0].reason, EventRefusal::BadSignature),
        other => panic!("the forged file is refused by name: {other:?}"),
    }
    let reports: Vec<_> = [0, 2, 3].map(|index| outcomes[index].as_ref().unwrap().clone()).into();
    assert!(reports.iter().all(|report| report.new_events > 0), "{reports:#?}");
    assert!(reports.iter().any(|report| report.rebuilt), "the files were older than the log: {reports:#?}");
    assert_eq!(m.root.desk.negotiations().detail(&first).unwrap().status, NegotiationStatus::Approved);
    let pending = m.root.desk.sync().pending_events().unwrap();
    assert_eq!(pending.len(), 1, "only the decision whose request never came waits: {pending:?}");
    assert!(pending[0].waits_for.id == second && reports.iter().all(|report| report.pending == pending));

    // The same files, one by one, on a copy of the root as it was before them.
    let mut one_by_one = laptop(1, 0);
    one_by_one.import(&root_before).unwrap();
    for (index, path) in files.iter().enumerate() {
        let outcome = one_by_one.import(&std::fs::read(path).unwrap());
        assert_eq!(outcome.is_ok(), index != 1, "{outcome:?}");
    }
    assert_eq!(m.root.state(), one_by_one.state());
    assert_eq!(m.root.desk.sync().pending_events().unwrap(), one_by_one.desk.sync().pending_events().unwrap());
    // The projections left by the batch are the log's, replayed from scratch.
    let batched = m.root.state();
    m.root.desk.rebuild().unwrap();
    assert_eq!(m.root.state(), batched);

    // The files taken in, read again, change nothing.
    let taken: Vec<&std::path::Path> = [0, 2, 3].map(|index| paths[index]).into();
    let again = m.root.desk.sync().import_files(&taken);
    assert!(again.iter().all(|outcome| outcome.as_ref().is_ok_and(|report| report.new_events == 0)), "{again:?}");
    assert_eq!(m.root.state(), batched);
}

/// A file taken in whole is known again by its checksum, and the exchange history reads
/// as it would after a full reading; a file with an event held back is read in full again.
#[test]
fn a_file_taken_in_whole_is_known_again_and_one_taken_in_part_is_read_again() {
    let mut m = meeting();
    ask(&mut m.dp3a.desk, &m.indicator_id);
    let bytes = m.dp3a.bundle();
    let first = m.root.import(&bytes).unwrap();
    assert!(first.new_events > 0 && !first.sender.is_empty(), "{first:?}");
    let after_first = m.root.state();
    let again = m.root.import(&bytes).unwrap();
    assert_eq!(
        (again.new_events, again.already_known, again.events_in_file),
        (0, first.events_in_file, first.events_in_file)
    );
    assert_eq!((&again.sender, &again.producer), (&first.sender, &first.producer));
    assert_eq!(m.root.state(), after_first);
    let history = m.root.desk.sync().overview().unwrap().exchanges;
    let imports: Vec<_> = history.iter().filter(|exchange| exchange.file_name == "test.ikp").collect();
    assert_eq!(imports.len(), 2, "{history:?}");
    assert!(imports[0].peer.is_some() && imports[0].peer == imports[1].peer, "{imports:?}");
    assert_eq!(
        (imports[0].events, imports[0].known, imports[0].new_events),
        (first.events_in_file, first.events_in_file, 0)
    );

    // An event stamped months ahead is held back: the file is not taken in whole, so the
    // same bytes are read in full again (and the event held again, not called known).
    let ahead = SignedEvent::seal(
        &m.dp3a.key(),
        next_seq(&m.dp3a),
        Hlc { wall_ms: Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap().timestamp_millis() as u64, counter: 0 },
        "agency.profile_updated",
        1,
        head_of("DP3A", "Esok").to_payload(),
    );
    let header = bundle::Header { root: Some(m.root.key().id().to_hex()), ..Default::default() };
    let future = bundle::write_signed(header, &[RawEvent::from(&ahead)], &[], &m.dp3a.key());
    for _ in 0..2 {
        let report = m.root.import(&future).unwrap();
        assert_eq!((report.quarantined.len(), report.already_known), (1, 0), "{report:?}");
    }
}
