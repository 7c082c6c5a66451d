//! Importing several files as one batch (a watched folder's look): each file is accepted
//! or refused on its own, and the laptop ends where importing them one by one ends,
//! though the log is replayed once for all of them.

use ikp_core::error::EventRefusal;
use ikp_core::negotiation::ops::NegotiationInput;
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
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
    let other_indicator = m.dp3a.desk.instruction(&m.instruction_id).unwrap().indicators[1].id.clone();
    let first = ask(&mut m.dp3a.desk, &m.indicator_id);
    let second = m
        .dp3a
        .desk
        .request_negotiation(NegotiationInput {
            indicator_id: other_indicator,
            movement: Movement::Lower,
            proposed_target: Some("2".into()),
            proposed_deadline: None,
            justification: "Petugas tambahan sudah ada.".into(),
            evidence: vec![],
        })
        .unwrap()
        .id;
    send(&m.dp3a, &mut m.secretary);
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

    let outcomes = m.root.desk.import_files(&paths);
    assert_eq!(outcomes.len(), 4);
    match &outcomes[1] {
        Err(CoreError::BundleRefused { refused, .. }) => assert_eq!(refused[0].reason, EventRefusal::BadSignature),
        other => panic!("the forged file is refused by name: {other:?}"),
    }
    let reports: Vec<_> = [0, 2, 3].map(|index| outcomes[index].as_ref().unwrap().clone()).into();
    assert!(reports.iter().all(|report| report.new_events > 0), "{reports:#?}");
    assert!(reports.iter().any(|report| report.rebuilt), "the files were older than the log: {reports:#?}");
    assert_eq!(m.root.desk.negotiation(&first).unwrap().status, NegotiationStatus::Approved);
    let pending = m.root.desk.pending_events().unwrap();
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
    assert_eq!(m.root.desk.pending_events().unwrap(), one_by_one.desk.pending_events().unwrap());
    // The projections left by the batch are the log's, replayed from scratch.
    let batched = m.root.state();
    m.root.desk.rebuild().unwrap();
    assert_eq!(m.root.state(), batched);

    // The files taken in, read again, change nothing.
    let taken: Vec<&std::path::Path> = [0, 2, 3].map(|index| paths[index]).into();
    let again = m.root.desk.import_files(&taken);
    assert!(again.iter().all(|outcome| outcome.as_ref().is_ok_and(|report| report.new_events == 0)), "{again:?}");
    assert_eq!(m.root.state(), batched);
}
