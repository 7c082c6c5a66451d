//! The import as a whole, driven as the attacker the product assumes: an enrolled agency
//! laptop (DP3A) signing whatever it likes. Each input becomes one event — its first
//! byte picks a kind (every declared kind, the leadership's and the trust root's
//! included), the rest is the payload (or, when it is not JSON, the whole body) — signed
//! with DP3A's key at its next number, put in a correctly sealed bundle and imported into
//! the Regent's laptop: a real trust chain, three agencies, an instruction DP3A leads and
//! BPBD supports, and both agencies' own reports and requests. Every import must end in a
//! report or a typed refusal; a refusal must leave the database as it was. Run with
//! `-rss_limit_mb=256` (the issue's bound for importing any file).
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;

use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::clock::{Hlc, SystemClock};
use ikp_core::event::{Envelope, SignedEvent};
use ikp_core::identity::DeviceKey;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::Direction;
use ikp_core::kinds::{DomainEvent, KINDS};
use ikp_core::negotiation::ops::NegotiationInput;
use ikp_core::negotiation::Movement;
use ikp_core::principal::Role;
use ikp_core::sync::bundle::{self, Header, RawEvent};
use ikp_core::sync::export::ExportScope;
use ikp_core::{CoreError, Desk, SetupInput};

struct World {
    _dir: tempfile::TempDir,
    root: Desk,
    dp3a: DeviceKey,
    next_seq: u64,
    root_hex: String,
}

static WORLD: OnceLock<Mutex<World>> = OnceLock::new();

fn key(seed: u8) -> DeviceKey {
    DeviceKey::from_secret([seed; 32])
}

fn laptop(dir: &std::path::Path, seed: u8) -> Desk {
    Desk::open_as(dir, key(seed), Arc::new(SystemClock)).expect("a fresh laptop opens")
}

fn send(from: &mut Desk, to: &mut Desk, confirmed_root: Option<&str>) {
    let (bytes, _) = from.sync().export_bundle(&ExportScope::Everything).expect("export");
    to.sync().import_bundle("seed.ikp", &bytes, confirmed_root).expect("an honest bundle imports");
}

fn indicator(agency: &str, name: &str) -> IndicatorInput {
    IndicatorInput {
        agency_code: agency.into(),
        name: name.into(),
        unit: "orang".into(),
        baseline: "0".into(),
        target: "12".into(),
        direction: Direction::HigherIsBetter,
        deadline: None,
        source: None,
    }
}

fn world() -> World {
    // In memory where there is a /dev/shm: a million imports, each committed durably.
    let dir = tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).expect("a scratch folder");
    let mut root = laptop(&dir.path().join("root"), 1);
    root.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() }).unwrap();
    for code in ["DP3A", "BPBD", "DINKES"] {
        let agency = AgencyRegistered {
            code: code.into(),
            name: format!("Dinas {code}"),
            short_name: code.into(),
            kind: AgencyKind::Dinas,
        };
        root.record(DomainEvent::AgencyRegistered(agency)).unwrap();
    }
    let fingerprint = root.sync().trust_root().unwrap().expect("the Regent's laptop is the root");
    let mut agencies = Vec::new();
    for (seed, code) in [(2u8, "DP3A"), (3, "BPBD")] {
        let mut desk = laptop(&dir.path().join(code), seed);
        let who = SetupInput { role: Role::AgencyStaff, agency_code: Some(code.into()), user_name: format!("Staf {code}") };
        desk.setup_device(who).unwrap();
        root.sync().approve_enrolment(&desk.sync().enrolment_request().unwrap(), None).unwrap();
        send(&mut root, &mut desk, Some(&fingerprint));
        agencies.push(desk);
    }
    let issued = root
        .instructions().issue(IssueInput {
            title: "Penanganan kasus kekerasan terhadap anak".into(),
            category: "kekerasan_terhadap_anak".into(),
            background: "Laporan warga.".into(),
            text: "DP3A mendampingi korban; BPBD mendukung.".into(),
            lead_agency: "DP3A".into(),
            supporting_agencies: vec!["BPBD".into()],
            indicators: vec![indicator("DP3A", "Korban didampingi"), indicator("BPBD", "Posko dibuka")],
            deadline: None,
            draft_only: false,
        })
        .unwrap();
    for (desk, indicator) in agencies.iter_mut().zip(&issued.indicators) {
        send(&mut root, desk, None);
        let report = ProgressInput {
            indicator_id: indicator.id.clone(),
            value: "3".into(),
            reported_on: None,
            note: "Laporan mingguan".into(),
            evidence: vec![],
        };
        desk.instructions().report_progress(report).unwrap();
        let ask = NegotiationInput {
            indicator_id: indicator.id.clone(),
            movement: Movement::Lower,
            proposed_target: Some("8".into()),
            proposed_deadline: None,
            justification: "Petugas kurang.".into(),
            evidence: vec![],
        };
        desk.negotiations().request(ask).unwrap();
        send(desk, &mut root, None);
    }
    let (held, _) = root.sync().export_bundle(&ExportScope::Everything).unwrap();
    let dp3a = key(2);
    let last = bundle::read(&held).unwrap().events.iter().filter(|e| e.author == dp3a.id().0).map(|e| e.seq).max();
    seed_corpus(&mut root);
    World { _dir: dir, root, dp3a, next_seq: last.unwrap_or(0) + 1, root_hex: key(1).id().to_hex() }
}

/// With `IKP_FUZZ_SEEDS=<folder>`, writes every event of the seeded regency as an input
/// (its kind's index, then its payload), so the corpus starts from real events.
fn seed_corpus(root: &mut Desk) {
    let Some(folder) = std::env::var_os("IKP_FUZZ_SEEDS") else { return };
    let (bytes, _) = root.sync().export_bundle(&ExportScope::Everything).unwrap();
    for (n, event) in bundle::read(&bytes).unwrap().events.iter().enumerate() {
        let Ok(envelope) = serde_json::from_slice::<Envelope>(&event.body) else { continue };
        let Some(index) = KINDS.iter().position(|kind| kind.name == envelope.kind) else { continue };
        let mut input = vec![index as u8];
        input.extend(serde_json::to_vec(&envelope.payload).unwrap());
        std::fs::write(std::path::Path::new(&folder).join(format!("event-{n:03}")), input).unwrap();
    }
}

/// The event an input describes, sealed by DP3A.
fn event_of(world: &World, data: &[u8]) -> RawEvent {
    let (selector, rest) = data.split_first().unwrap_or((&0, &[]));
    let declared = &KINDS[*selector as usize % KINDS.len()];
    let hlc = Hlc { wall_ms: chrono::Utc::now().timestamp_millis() as u64, counter: 0 };
    let event = match serde_json::from_slice::<serde_json::Value>(rest) {
        Ok(payload) => SignedEvent::seal(&world.dp3a, world.next_seq, hlc, declared.name, declared.version, payload),
        // Not JSON: the input is the whole signed body.
        Err(_) => {
            let body = rest.to_vec();
            let id = ikp_core::event::EventId::of_body(&body);
            let signature = world.dp3a.sign(&ikp_core::event::signing_message(id));
            let author = world.dp3a.id();
            return RawEvent { id: id.0, author: author.0, seq: world.next_seq, signature, body };
        }
    };
    RawEvent { id: event.id.0, author: event.author.0, seq: world.next_seq, signature: event.signature, body: event.body }
}

fuzz_target!(|data: &[u8]| {
    let mut world = WORLD.get_or_init(|| Mutex::new(world())).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let event = event_of(&world, data);
    let header = Header { root: Some(world.root_hex.clone()), ..Header::default() };
    let file = bundle::write(header, &[event], &[]);
    // What a refusal must leave alone, cheaply: the log and what waits in it. (The
    // integration tests compare whole projections; a million digests would be hours.)
    let before = world.root.status().unwrap().event_count;
    match world.root.sync().import_bundle("fuzz.ikp", &file, None) {
        Ok(report) => {
            if report.new_events == 1 {
                world.next_seq += 1;
            }
        }
        Err(CoreError::BundleRefused { .. } | CoreError::BundleUnreadable { .. }) => {
            assert_eq!(world.root.status().unwrap().event_count, before, "a refused file changed the log");
        }
        Err(other) => panic!("an import ended in an untyped failure: {other:?}"),
    }
});
