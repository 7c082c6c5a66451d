//! Sync by export files: what travels with the events (evidence, the logo), files written
//! whole, and authority checked by kind for newer payload versions and again on rebuild.

use ikp_core::error::{BundleProblem, EventRefusal};
use ikp_core::event::SignedEvent;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::payload::NegotiationDecided;
use ikp_core::negotiation::Outcome;
use ikp_core::sync::bundle;
use ikp_core::sync::export::ExportScope;

use crate::harness::staff_of;
use crate::sync::*;

#[test]
fn evidence_files_travel_with_the_events_that_name_them() {
    let mut m = meeting();
    let evidence = m.dp3a.desk.evidence().attach_bytes("foto-pendampingan.jpg", b"\xff\xd8\xff foto").unwrap();
    m.dp3a
        .desk
        .instructions()
        .report_progress(ikp_core::instruction::ops::ProgressInput {
            indicator_id: m.indicator_id.clone(),
            value: "4".into(),
            reported_on: None,
            note: "Pendampingan minggu ini".into(),
            evidence: vec![evidence.clone()],
        })
        .unwrap();
    let bytes = m.dp3a.bundle();
    // An evidence file that does not match its hash spoils the whole file.
    let mut spoiled = bundle::read(&bytes).unwrap();
    spoiled.evidence[0].bytes.push(0);
    let spoiled = bundle::write(spoiled.header, &spoiled.events, &spoiled.evidence);
    assert_eq!(problem(&refused(&mut m.root, &spoiled)), BundleProblem::Malformed);

    let report = m.root.import(&bytes).unwrap();
    assert_eq!(report.evidence_files, 1);
    let opened = m.root.desk.evidence().for_viewing(&evidence.sha256).unwrap();
    assert_eq!(std::fs::read(opened).unwrap(), b"\xff\xd8\xff foto");
}

#[test]
fn an_export_is_written_whole_under_its_name_or_not_at_all() {
    let mut regency = regency();
    let out = scratch();
    let path = out.path().join("dp3a.ikp");
    let report = regency.dp3a.desk.sync().export_to_file(&path, &ExportScope::Everything).unwrap();
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("dp3a.ikp")], "no temporary file is left behind");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), u64::from(report.bytes));
    assert!(regency
        .dp3a
        .desk
        .sync()
        .export_to_file(&out.path().join("missing/dp3a.ikp"), &ExportScope::Everything)
        .is_err());
    assert!(!out.path().join("missing").exists());
    let exchanges = regency.dp3a.desk.sync().exchanges(10).unwrap();
    assert_eq!(exchanges.iter().filter(|exchange| exchange.direction == "export").count(), 1);
}

/// Every file an event names goes with it: complaint photos and completion letters from an
/// agency to the Regent's office, the letterhead logo from the root to every laptop.
/// (Failed on d724c38: export sent evidence for progress reports and requests only.)
#[test]
fn every_file_an_event_names_travels_with_it() {
    use ikp_core::complaint::ops::{ComplaintFollowUpInput, ComplaintInput, CompleteInput, DisposeInput};
    use ikp_core::complaint::payload::{Classification, Proof, ProofKind};

    let mut root = root();
    let logo = include_bytes!("../../crates/ikp-core/src/demo/logo-demo.png");
    let logo_set = root.desk.settings().set_logo("logo-kabupaten.png", logo).unwrap();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    assert!(dp3a.evidence(&logo_set.sha256).is_some_and(|bytes| bytes == logo), "the logo reached the agency laptop");

    root.desk
        .complaints()
        .record(ComplaintInput {
            tracking_id: "LAPOR-2026-000777".into(),
            received_on: Some("2026-11-27".into()),
            channel: "SP4N-LAPOR!".into(),
            classification: Classification::Pengaduan,
            category: "Perlindungan anak".into(),
            summary: "Anak terlantar di pasar".into(),
            kecamatan_code: None,
            desa: String::new(),
            field_check: false,
        })
        .unwrap();
    root.desk
        .complaints()
        .dispose(DisposeInput {
            tracking_id: "LAPOR-2026-000777".into(),
            agency_code: "DP3A".into(),
            reason: String::new(),
            field_check: None,
        })
        .unwrap();
    send(&mut root, &mut dp3a);

    let photo = dp3a.desk.evidence().attach_bytes("kunjungan.jpg", b"\xff\xd8\xff kunjungan").unwrap();
    let letter = dp3a.desk.evidence().attach_bytes("surat-selesai.pdf", b"%PDF-1.4 surat").unwrap();
    dp3a.desk
        .complaints()
        .follow_up(ComplaintFollowUpInput {
            tracking_id: "LAPOR-2026-000777".into(),
            followed_on: None,
            action_taken: "Pendampingan oleh UPTD PPA".into(),
            evidence: vec![photo.clone()],
        })
        .unwrap();
    dp3a.desk
        .complaints()
        .complete(CompleteInput {
            tracking_id: "LAPOR-2026-000777".into(),
            completed_on: None,
            outcome: "Anak dirujuk ke rumah aman".into(),
            proof: vec![Proof { kind: ProofKind::Letter, evidence: letter.clone() }],
        })
        .unwrap();
    let report = send(&mut dp3a, &mut root);
    // The photo, the letter, and the logo the agency laptop holds too.
    assert_eq!(report.evidence_files, 3, "{report:?}");
    assert!(root.evidence(&photo.sha256).is_some_and(|bytes| bytes == b"\xff\xd8\xff kunjungan"), "the photo");
    assert!(root.evidence(&letter.sha256).is_some_and(|bytes| bytes == b"%PDF-1.4 surat"), "the letter");
}

/// A payload version this build cannot read is still authorized by its kind: an agency
/// laptop cannot slip a revocation or a decision past the check by numbering it v2, for a
/// later build to apply unchecked. (Failed on d724c38: any enrolled author passed.)
#[test]
fn a_newer_payload_version_is_authorized_by_its_kind() {
    let mut regency = regency();
    let dp3a = regency.dp3a.key();
    let newer =
        |kind: &str, seq: u64, payload: serde_json::Value| SignedEvent::seal(&dp3a, seq, late(), kind, 2, payload);
    let seq = next_seq(&regency.dp3a);
    let bpbd = regency.bpbd.key().id().to_hex();
    for forged in [
        newer("device.revoked", seq, serde_json::json!({"device": bpbd, "last_valid_seq": 0, "reason": "x"})),
        newer("device.granted", seq, serde_json::json!({"device": bpbd, "role": "regent"})),
        newer("negotiation.decided", seq, serde_json::json!({"negotiation_id": "n", "outcome": "approve"})),
        newer("instruction.issued", seq, serde_json::json!({"instruction_id": "i"})),
    ] {
        let kind = forged.envelope.kind.clone();
        let bytes = crafted(&regency.root, &[forged]);
        let error = refused(&mut regency.root, &bytes);
        assert_eq!(refusal(&error), EventRefusal::NotAuthorized, "{kind} v2 by agency staff: {error}");
    }
    // What an agency may author in any version still travels, kept for a build that reads it.
    let bytes = crafted(&regency.root, &[newer("progress.reported", seq, serde_json::json!({"agency_code": "DP3A"}))]);
    let report = regency.root.import(&bytes).unwrap();
    assert_eq!((report.new_events, report.unknown_kinds), (1, 1));
    // And the root's own newer versions pass on other laptops.
    let root_seq = next_seq(&regency.root);
    let revocation = SignedEvent::seal(
        &regency.root.key(),
        root_seq,
        late(),
        "device.revoked",
        2,
        serde_json::json!({"device": bpbd}),
    );
    let bytes = crafted(&regency.root, &[revocation]);
    let report = regency.dp3a.import(&bytes).unwrap();
    assert_eq!(report.new_events, 1);
}

/// A rebuild projects only what each author may have made, by the rule that admitted it:
/// an agency's signed "decision" slipped into the log behind the app's back changes
/// nothing. (Failed on d724c38: rebuild projected every readable event.)
#[test]
fn a_rebuild_checks_each_event_s_authority_again() {
    let mut m = meeting();
    let negotiation_id = ask(&mut m.dp3a.desk, &m.indicator_id);
    send(&mut m.dp3a, &mut m.root);
    let before = m.root.state();
    let forged = SignedEvent::seal(
        &m.dp3a.key(),
        next_seq(&m.dp3a),
        late(),
        "negotiation.decided",
        1,
        DomainEvent::NegotiationDecided(NegotiationDecided {
            negotiation_id,
            outcome: Outcome::Approve,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: None,
            decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        })
        .to_payload(),
    );
    m.root
        .desk
        .store()
        .conn()
        .execute(
            "INSERT INTO events (id, author, seq, hlc_wall, hlc_counter, kind, body, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                forged.id.0.to_vec(),
                forged.author.0.to_vec(),
                forged.envelope.seq,
                forged.envelope.hlc.wall_ms,
                forged.envelope.hlc.counter,
                forged.envelope.kind,
                &forged.body[..],
                forged.signature.to_vec()
            ],
        )
        .unwrap();
    let report = m.root.desk.rebuild().unwrap();
    assert_eq!(report.unauthorized, 1, "{report:?}");
    assert_eq!(m.root.desk.digest().unwrap(), before.0, "the forged decision changed no projection");
}

/// A file from a laptop this one does not know yet (the root's answer to a new laptop)
/// names its sender by the sender's own signed claim in the file; a file whose header is
/// not signed by its sender names nobody. (Before, every unknown sender was "unknown".)
#[test]
fn a_file_names_its_unknown_sender_by_the_sender_s_own_signed_claim() {
    use crate::harness::staff_of;
    use crate::sync::{crafted, laptop, root};

    let mut root = root();
    let mut fresh = laptop(8, 0);
    fresh.desk.setup_device(staff_of("DP3A")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("jawaban.ikp");
    std::fs::write(&answer, root.bundle()).unwrap();
    let preview = fresh.desk.preview_file(&answer).unwrap();
    assert_eq!(preview.sender_name.as_deref(), Some("Pimpinan"), "{preview:?}");

    let unsigned = dir.path().join("tanpa-tanda-tangan.ikp");
    std::fs::write(&unsigned, crafted(&root, &[])).unwrap();
    assert_eq!(fresh.desk.preview_file(&unsigned).unwrap().sender_name, None);
}
