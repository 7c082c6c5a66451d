//! Contract tests over every declared kind: names are unique, every kind round-trips
//! through its canonical bytes, and every file a kind references is keyed `sha256` (what
//! the exporter looks for before decoding). Samples come from the demo regency's log,
//! and, for kinds the demo never makes, from `extra_samples`: a new kind without a sample
//! fails `every_kind_has_a_sample`.

use std::collections::{BTreeMap, HashSet};

use serde_json::value::RawValue;
use serde_json::{json, Value};

use super::{declaration, DomainEvent, KINDS};
use crate::clock::SystemClock;
use crate::store::Store;

const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// One payload of each kind the demo does not make.
fn extra_samples() -> Vec<(&'static str, Value)> {
    vec![
        (
            "device.granted",
            json!({"device": "00".repeat(32), "role": "agency_staff", "agency_code": "DP3A", "user_name": "Rina"}),
        ),
        ("device.revoked", json!({"device": "00".repeat(32), "last_valid_seq": 3, "reason": "Laptop hilang"})),
        (
            "instruction.amended",
            json!({"instruction_id": "i", "reason": "r", "title": "t", "text": null, "deadline": "2026-12-31"}),
        ),
        ("instruction.completion_returned", json!({"instruction_id": "i", "reason": "Belum lengkap"})),
        ("instruction.cancelled", json!({"instruction_id": "i", "reason": "Tidak relevan"})),
        ("negotiation.withdrawn", json!({"negotiation_id": "n", "agency_code": "DP3A", "reason": "Salah isi"})),
        (
            "negotiation.decision_undone",
            json!({"decision_event": "e", "negotiation_id": "n", "reason": "Keliru", "meeting_id": null}),
        ),
        ("meeting.closed", json!({"meeting_id": "m"})),
        (
            "instruction.note_added",
            json!({"instruction_id": "i", "agency_code": "DP3A", "note": "Menunggu data Dinkes"}),
        ),
        (
            "meeting.addendum_added",
            json!({"meeting_id": "m", "addendum_id": "a", "text": "Ralat", "added_on": "2026-11-20"}),
        ),
        ("settings.categories_set", json!({"categories": [{"code": "banjir", "label": "Banjir"}]})),
        ("settings.number_format_set", json!({"template": "{seq:3}/IKP/{year}"})),
        ("settings.budget_thresholds_set", json!({"warning_permille": 100, "target_permille": 900})),
        ("settings.complaint_first_response_set", json!({"working_days": 4})),
        (
            "agency.details_set",
            json!({"code": "DP3A", "name": "Dinas P3A", "shortName": "DP3A", "kind": "dinas", "sipdCode": "2.08.0.00"}),
        ),
        (
            "agency.head_set",
            json!({"code": "DP3A", "head": {"name": "Dra. Lia", "title": "Kepala Dinas", "nip": "197001011990032001", "rank": "IV/b"}}),
        ),
        ("agency.active_set", json!({"code": "DP3A", "active": false, "reason": "Digabung"})),
        (
            "agency.list_imported",
            json!({"source": {"fileName": "skpd.csv", "sha256": HASH, "rows": 1}, "agencies": [{"details":
                {"code": "DP3A", "name": "Dinas P3A", "shortName": "DP3A", "kind": "dinas", "sipdCode": null}, "head": null}]}),
        ),
        (
            "budget.realized",
            json!({"agency_code": null, "source": {"file_name": "sp2d.csv", "sha256": HASH, "rows": 1,
                "source": "SIPD", "mapping": [["Jenis SP2D", "sp2d_type"]]}, "entries": [{"entry_id": "e",
                "agency_code": "DP3A", "realized_on": "2026-11-20", "amount": "1000.00", "reference": "SP2D/1",
                "note": "", "sp2d_type": "gu_nihil", "jenis": "modal",
                "line": "sp2d|2026|SP2D/1|5.2.02.05.01.0001"}]}),
        ),
        ("root.handed_over", json!({"successor": "11".repeat(32), "reason": "Bupati baru dilantik"})),
        (
            "official.appointed",
            json!({"post": "regent", "designation": "acting", "name": "Dani Ramdan", "nip": "", "rank": "", "since": "2026-01-01"}),
        ),
        (
            "regency.letterhead_set",
            json!({"address": "Jl. A. Yani No. 1", "telephone": "(021) 1", "website": "bekasikab.go.id", "email": "",
                   "signatureCity": "Cikarang", "signOnBehalf": true, "minutesTitle": "notula"}),
        ),
        (
            "settings.holidays_set",
            json!({"holidays": [{"date": "2026-12-25", "name": "Natal", "collectiveLeave": false}]}),
        ),
        (
            "settings.complaint_time_limits_set",
            json!({"limits": [
                {"classification": "pengaduan", "verificationDays": 3, "followUpDays": 10, "fieldCheckDays": 20}
            ]}),
        ),
        (
            "progress.reported",
            json!({
                "progress_id": "p", "instruction_id": "i", "indicator_id": "k", "agency_code": "DP3A", "value": "7",
                "reported_on": "2026-11-02", "note": "", "evidence": [{"sha256": HASH, "fileName": "foto.jpg", "sizeBytes": 10}]
            }),
        ),
        (
            "negotiation.requested",
            json!({
                "negotiation_id": "n", "indicator_id": "k", "instruction_id": "i", "agency_code": "DP3A", "movement": "lower",
                "proposed_target": "10", "proposed_deadline": null, "target_when_asked": "12", "deadline_when_asked": "2026-12-31",
                "justification": "Alasan", "requested_on": "2026-11-02",
                "evidence": [{"sha256": HASH, "fileName": "surat.pdf", "sizeBytes": 10}]
            }),
        ),
        (
            "complaint.followed_up",
            json!({
                "followup_id": "f", "tracking_id": "LAPOR-1", "agency_code": "KEC-SETU", "followed_on": "2026-11-03",
                "action_taken": "Ditinjau", "evidence": [{"sha256": HASH, "fileName": "foto.jpg", "sizeBytes": 10}]
            }),
        ),
        (
            "complaint.completed",
            json!({
                "tracking_id": "LAPOR-1", "agency_code": "KEC-SETU", "completed_on": "2026-11-04", "outcome": "Selesai",
                "proof": [{"kind": "letter", "evidence": {"sha256": HASH, "fileName": "surat.pdf", "sizeBytes": 10}}]
            }),
        ),
    ]
}

/// Sample payloads: the demo's first of each kind, then every extra.
fn samples() -> Vec<(String, Value)> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(&dir.path().join("ikp.sqlite")).expect("store");
    crate::demo::load(&mut store, &SystemClock).expect("demo data");
    let mut samples = BTreeMap::new();
    crate::log::for_each_in_clock_order::<crate::CoreError>(store.conn(), |stored| {
        let envelope: crate::event::Envelope = serde_json::from_slice(&stored.body).expect("envelope");
        samples.entry(envelope.kind).or_insert_with(|| serde_json::from_str(envelope.payload.get()).expect("JSON"));
        Ok(())
    })
    .expect("log");
    let mut samples: Vec<(String, Value)> = samples.into_iter().collect();
    samples.extend(extra_samples().into_iter().map(|(kind, payload)| (kind.to_owned(), payload)));
    samples
}

/// Decodes a payload given as a JSON value, as it would arrive written as text.
fn decode(kind: &str, pv: u32, payload: &Value) -> Result<Option<DomainEvent>, String> {
    DomainEvent::decode(kind, pv, &serde_json::value::to_raw_value(payload).expect("JSON"))
}

#[test]
fn kind_names_are_unique_and_found_by_name() {
    let mut names = HashSet::new();
    for kind in KINDS {
        assert!(names.insert(kind.name), "{} is declared twice", kind.name);
        assert_eq!(declaration(kind.name), Some(kind));
    }
    assert_eq!(declaration("no.such_kind"), None);
}

#[test]
fn every_kind_has_a_sample() {
    let samples = samples();
    let sampled: HashSet<&str> = samples.iter().map(|(kind, _)| kind.as_str()).collect();
    let missing: Vec<&str> = KINDS.iter().map(|kind| kind.name).filter(|name| !sampled.contains(name)).collect();
    assert!(missing.is_empty(), "no sample payload for {missing:?}: add one to extra_samples");
}

#[test]
fn every_kind_round_trips_through_its_canonical_bytes() {
    for (kind, payload) in samples() {
        let declared = declaration(&kind).unwrap_or_else(|| panic!("the demo made an undeclared kind {kind}"));
        let event = decode(&kind, declared.version, &payload)
            .unwrap_or_else(|err| panic!("{kind} does not decode: {err}"))
            .unwrap_or_else(|| panic!("{kind} v{} decoded as unknown", declared.version));
        assert_eq!(event.kind(), kind);
        assert_eq!(event.payload_version(), declared.version);
        let again = decode(&kind, declared.version, &event.to_payload()).unwrap().unwrap();
        assert_eq!(again, event, "{kind} changes when written and read back");
        // Events are sealed from the text written straight from the type: it says what
        // the JSON value says, and reads back as the same event.
        let text = event.to_payload_text();
        let as_value: Value = serde_json::from_str(text.get()).expect("the payload text is JSON");
        assert_eq!(as_value, event.to_payload(), "{kind}'s text and value differ");
        assert_eq!(
            DomainEvent::decode(&kind, declared.version, &text),
            Ok(Some(event.clone())),
            "{kind} from its text"
        );
        assert_eq!(
            canonical(&event.to_payload()),
            canonical(&payload),
            "{kind}'s canonical bytes change when read and written back"
        );
    }
}

#[test]
fn a_known_kind_that_does_not_decode_is_an_error_not_unknown() {
    for kind in KINDS {
        let outcome = decode(kind.name, kind.version, &json!({"unexpected": true}));
        assert!(outcome.is_err(), "{} read a payload of the wrong shape as {outcome:?}", kind.name);
        let newer = decode(kind.name, kind.version + 1, &json!({}));
        assert_eq!(newer, Ok(None), "{} v{} is a version this build does not know", kind.name, kind.version + 1);
    }
}

/// A key given twice could be read as either value by two readers; no kind reads it.
#[test]
fn a_payload_that_names_a_field_twice_is_an_error() {
    for (kind, payload) in samples() {
        let Some((field, value)) = payload.as_object().and_then(|fields| fields.iter().next()) else { continue };
        let text = serde_json::to_string(&payload).expect("JSON");
        let twice = format!("{{{}:{value},{}", serde_json::to_string(field).expect("JSON"), &text[1..]);
        let twice = RawValue::from_string(twice).expect("still JSON");
        let declared = declaration(&kind).expect("declared");
        assert!(DomainEvent::decode(&kind, declared.version, &twice).is_err(), "{kind} read {field} given twice");
    }
}

/// For each older payload version a kind still reads: the fields the next version added
/// (JSON pointers into the current version's sample). Taking them out of the sample gives
/// a payload of the older version.
const OLDER_VERSIONS: &[(&str, u32, &[&str])] = &[
    ("regency.letterhead_set", 1, &["/minutesTitle"]),
    ("meeting.minutes_finalized", 1, &["/document/heading"]),
    ("meeting.agenda_item_set", 1, &["/requests"]),
    ("budget.plan_set", 1, &["/source"]),
    ("budget.realized", 1, &["/source/source", "/source/mapping", "/entries/0/sp2d_type", "/entries/0/jenis"]),
    ("budget.realized", 2, &["/entries/0/line"]),
];

#[test]
fn every_older_version_a_kind_still_reads_decodes_with_the_added_fields_defaulted() {
    let samples: BTreeMap<String, Value> = samples().into_iter().collect();
    for kind in KINDS {
        assert!(kind.oldest_read >= 1 && kind.oldest_read <= kind.version, "{}: versions out of order", kind.name);
        for version in kind.oldest_read..kind.version {
            let (_, _, added) = OLDER_VERSIONS
                .iter()
                .find(|(name, older, _)| *name == kind.name && *older == version)
                .unwrap_or_else(|| {
                    panic!("{} reads v{version}: name the fields v{} added in OLDER_VERSIONS", kind.name, version + 1)
                });
            let mut older = samples[kind.name].clone();
            for pointer in *added {
                let (parent, field) = pointer.rsplit_once('/').expect("a JSON pointer");
                let removed =
                    older.pointer_mut(parent).and_then(Value::as_object_mut).and_then(|map| map.remove(field));
                assert!(removed.is_some(), "{} v{}'s sample has no {pointer}", kind.name, kind.version);
            }
            let event = decode(kind.name, version, &older)
                .unwrap_or_else(|err| panic!("{} v{version} no longer decodes: {err}", kind.name))
                .unwrap_or_else(|| panic!("{} v{version} decoded as unknown", kind.name));
            let read = event.to_payload();
            for pointer in *added {
                assert!(
                    read.pointer(pointer).is_some(),
                    "{} v{version} read without a default for {pointer}",
                    kind.name
                );
            }
        }
        if kind.oldest_read > 1 {
            let before = decode(kind.name, kind.oldest_read - 1, &samples[kind.name]);
            assert_eq!(before, Ok(None), "{} v{} is older than this build reads", kind.name, kind.oldest_read - 1);
        }
    }
}

#[test]
fn every_referenced_file_is_named_sha256() {
    for (kind, payload) in samples() {
        let declared = declaration(&kind).expect("declared");
        let event = decode(&kind, declared.version, &payload).unwrap().unwrap();
        let mut named = HashSet::new();
        collect_sha256_values(&event.to_payload(), &mut named);
        for file in event.files() {
            assert!(named.contains(file), "{kind} references {file} under a key other than `sha256`");
        }
    }
}

#[test]
fn samples_with_evidence_declare_their_files() {
    // Every kind whose payload carries an `EvidenceRef` (a file name and size beside the
    // hash) must list it in `files()`, or the file never reaches other laptops.
    for (kind, payload) in samples() {
        let declared = declaration(&kind).expect("declared");
        let event = decode(&kind, declared.version, &payload).unwrap().unwrap();
        let mut evidence = HashSet::new();
        collect_evidence_refs(&event.to_payload(), &mut evidence);
        let files: HashSet<String> = event.files().into_iter().map(str::to_owned).collect();
        for sha256 in evidence {
            assert!(files.contains(&sha256), "{kind} carries evidence {sha256} that its declaration does not list");
        }
    }
}

/// The bytes an event body holds of a payload (keys sorted, no spaces).
fn canonical(payload: &Value) -> Vec<u8> {
    serde_json::to_vec(payload).expect("JSON values serialize")
}

fn collect_sha256_values(value: &Value, into: &mut HashSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(text) if key == "sha256" => {
                        into.insert(text.clone());
                    }
                    other => collect_sha256_values(other, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_sha256_values(item, into)),
        _ => {}
    }
}

/// The hash of every object that looks like an evidence reference or a stored logo.
fn collect_evidence_refs(value: &Value, into: &mut HashSet<String>) {
    match value {
        Value::Object(map) => {
            let is_file = map.contains_key("sha256")
                && (map.contains_key("size_bytes") || map.contains_key("sizeBytes") || map.contains_key("media_type"));
            if let (true, Some(Value::String(sha256))) = (is_file, map.get("sha256")) {
                into.insert(sha256.clone());
            }
            map.values().for_each(|value| collect_evidence_refs(value, into));
        }
        Value::Array(items) => items.iter().for_each(|item| collect_evidence_refs(item, into)),
        _ => {}
    }
}
