//! Sync by export files between laptops, each with its own database: enrolment by the
//! trust root, bundles that are refused whole when anything in them is wrong (and leave
//! the database exactly as it was), arrival in any order, and convergence.

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use ikp_core::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
use ikp_core::clock::{Hlc, SteppingClock};
use ikp_core::error::{BundleProblem, EventRefusal};
use ikp_core::event::SignedEvent;
use ikp_core::identity::DeviceKey;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::ops::DecisionInput;
use ikp_core::negotiation::payload::NegotiationDecided;
use ikp_core::negotiation::{Movement, Outcome};
use ikp_core::principal::Role;
use ikp_core::sync::bundle::{self, Header, RawEvent};
use ikp_core::sync::export::ExportScope;
use ikp_core::sync::import::ImportReport;
use ikp_core::{CoreError, Desk, SetupInput};
use tempfile::TempDir;

use crate::harness::{fingerprint, leader, staff_of};
use crate::instructions::child_violence_case;

pub struct Laptop {
    pub desk: Desk,
    pub seed: u8,
    _dir: TempDir,
}

impl Laptop {
    pub fn key(&self) -> DeviceKey {
        DeviceKey::from_secret([self.seed; 32])
    }

    pub fn bundle(&mut self) -> Vec<u8> {
        self.desk.sync().export_bundle(&ExportScope::Everything).unwrap().0
    }

    pub fn import(&mut self, bytes: &[u8]) -> ikp_core::Result<ImportReport> {
        self.desk.sync().import_bundle("test.ikp", bytes, None)
    }

    /// Imports the root's answer to this laptop's enrolment request, confirming the
    /// root's fingerprint as the person at this laptop would after comparing it.
    pub fn join(&mut self, root: &mut Laptop, answer: &[u8]) -> ikp_core::Result<ImportReport> {
        let fingerprint = root.desk.sync().trust_root().unwrap().expect("the root pinned itself");
        self.desk.sync().import_bundle("jawaban.ikp", answer, Some(&fingerprint))
    }

    /// The bytes of a stored evidence file, if this laptop holds it.
    pub fn evidence(&self, sha256: &str) -> Option<Vec<u8>> {
        std::fs::read(self._dir.path().join("evidence").join(&sha256[..2]).join(sha256)).ok()
    }

    /// Everything observable: the projections' digest and the size of the log.
    pub fn state(&self) -> (String, u32) {
        fingerprint(&self.desk)
    }
}

/// A scratch directory in memory where there is one: sync tests open many databases.
pub(crate) fn scratch() -> TempDir {
    if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

/// A laptop whose clock runs `skew_s` seconds off the others'.
pub fn laptop(seed: u8, skew_s: i64) -> Laptop {
    let dir = scratch();
    let start = Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap() + chrono::Duration::seconds(skew_s);
    let clock = Arc::new(SteppingClock::new(start, 1_000));
    let desk = Desk::open_as(dir.path(), DeviceKey::from_secret([seed; 32]), clock).unwrap();
    Laptop { desk, seed, _dir: dir }
}

pub const AGENCIES: [&str; 4] = ["DP3A", "BPBD", "DINKES", "DISDIK"];

/// The Regent's office laptop: the trust root, with the regency's agencies.
pub fn root() -> Laptop {
    let mut root = laptop(1, 0);
    root.desk.setup_device(leader(Role::Regent)).unwrap();
    for code in AGENCIES {
        root.desk
            .record(DomainEvent::AgencyRegistered(AgencyRegistered {
                code: code.into(),
                name: format!("Dinas {code}"),
                short_name: code.into(),
                kind: AgencyKind::Dinas,
            }))
            .unwrap();
    }
    root
}

/// A new laptop set up as `who`, enrolled by the root through a request file and the
/// root's answer bundle.
pub fn enrol(root: &mut Laptop, seed: u8, who: SetupInput) -> Laptop {
    let mut new = laptop(seed, i64::from(seed) * 7 - 30);
    new.desk.setup_device(who).unwrap();
    let request = new.desk.sync().enrolment_request().unwrap();
    root.desk.sync().approve_enrolment(&request, None).unwrap();
    let bundle = root.bundle();
    let report = new.join(root, &bundle).unwrap();
    assert!(report.pinned_root.is_some(), "{report:?}");
    new
}

pub(crate) fn send(from: &mut Laptop, to: &mut Laptop) -> ImportReport {
    to.import(&from.bundle()).unwrap()
}

pub(crate) fn head_of(code: &str, name: &str) -> DomainEvent {
    DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
        code: code.into(),
        head_name: Some(name.into()),
        head_title: None,
        head_nip: None,
    })
}

/// The root and two agency laptops, each having made an event.
pub(crate) struct Regency {
    pub(crate) root: Laptop,
    pub(crate) dp3a: Laptop,
    pub(crate) bpbd: Laptop,
}

pub(crate) fn regency() -> Regency {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let mut bpbd = enrol(&mut root, 3, staff_of("BPBD"));
    dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    bpbd.desk.record(head_of("BPBD", "Yusuf")).unwrap();
    Regency { root, dp3a, bpbd }
}

/// Imports `bytes` into `laptop`, expects a refusal, and checks nothing changed.
pub(crate) fn refused(laptop: &mut Laptop, bytes: &[u8]) -> CoreError {
    let before = laptop.state();
    let error = laptop.import(bytes).unwrap_err();
    assert_eq!(laptop.state(), before, "a refused bundle changed the database: {error}");
    assert!(laptop.desk.check().unwrap().is_clean());
    error
}

pub(crate) fn problem(error: &CoreError) -> BundleProblem {
    match error {
        CoreError::BundleUnreadable { problem, .. } => *problem,
        other => panic!("expected an unreadable bundle, got {other}"),
    }
}

pub(crate) fn refusal(error: &CoreError) -> EventRefusal {
    match error {
        CoreError::BundleRefused { refused, .. } => refused[0].reason,
        other => panic!("expected a refused event, got {other}"),
    }
}

/// Re-packs a bundle after `change` edits its events (the file's checksum is valid
/// again: only the events' own checks can catch the edit).
pub(crate) fn repack(bytes: &[u8], change: impl FnOnce(&mut Vec<RawEvent>)) -> Vec<u8> {
    let mut bundle = bundle::read(bytes).unwrap();
    change(&mut bundle.events);
    bundle::write(bundle.header, &bundle.events, &bundle.evidence)
}

/// A bundle of hand-made events under the root of `root`.
pub(crate) fn crafted(root: &Laptop, events: &[SignedEvent]) -> Vec<u8> {
    let header = Header { root: Some(root.key().id().to_hex()), sender: "00".repeat(32), ..Header::default() };
    bundle::write(header, &events.iter().map(RawEvent::from).collect::<Vec<_>>(), &[])
}

pub(crate) fn next_seq(laptop: &Laptop) -> u64 {
    laptop.desk.status().unwrap().event_count as u64 + 100
}

pub(crate) fn late() -> Hlc {
    Hlc { wall_ms: Utc.with_ymd_and_hms(2026, 11, 29, 5, 0, 0).unwrap().timestamp_millis() as u64, counter: 0 }
}

#[test]
fn enrolment_pins_the_root_and_grants_the_claimed_role() {
    let mut regency = regency();
    assert_eq!(regency.dp3a.desk.sync().trust_root().unwrap(), regency.root.desk.sync().trust_root().unwrap());
    let report = send(&mut regency.dp3a, &mut regency.root);
    assert_eq!(report.new_events, 1, "{report:?}");
    send(&mut regency.bpbd, &mut regency.root);
    send(&mut regency.root, &mut regency.dp3a);
    send(&mut regency.root, &mut regency.bpbd);
    assert_eq!(regency.root.state(), regency.dp3a.state());
    assert_eq!(regency.root.state(), regency.bpbd.state());
    let status = regency.dp3a.desk.status().unwrap();
    assert_eq!(status.device.unwrap().agency_code.as_deref(), Some("DP3A"));
}

#[test]
fn a_laptop_trusts_a_root_only_once_a_person_confirmed_its_fingerprint() {
    let mut root = root();
    // Whoever holds the request file (it travels on a USB stick, by e-mail) can set up a
    // laptop of their own as "Regent" and answer it: a well-formed, signed answer.
    let mut impostor = laptop(66, 0);
    impostor.desk.setup_device(leader(Role::Regent)).unwrap();
    let mut new = laptop(41, 0);
    new.desk.setup_device(staff_of("DP3A")).unwrap();
    let request = new.desk.sync().enrolment_request().unwrap();
    impostor.desk.sync().approve_enrolment(&request, Some((Role::Secretary, None))).unwrap();
    root.desk.sync().approve_enrolment(&request, None).unwrap();
    let (impostor_print, root_print) =
        (impostor.desk.sync().trust_root().unwrap().unwrap(), root.desk.sync().trust_root().unwrap().unwrap());

    let before = new.state();
    for (answer, confirmed) in [
        (impostor.bundle(), None),
        (root.bundle(), None),
        // The impostor's answer with the real root's fingerprint: a confirmation is of one key.
        (impostor.bundle(), Some(root_print.as_str())),
        (root.bundle(), Some("0000 0000 0000 0000 0000 0000")),
    ] {
        let refused = new.desk.sync().import_bundle("jawaban.ikp", &answer, confirmed).unwrap_err();
        assert!(matches!(refused, CoreError::RootNotConfirmed { .. }), "{refused:?}");
        assert_eq!(new.state(), before, "nothing written, nothing pinned");
        assert_eq!(new.desk.sync().trust_root().unwrap(), None);
    }
    match new.desk.sync().import_bundle("jawaban.ikp", &impostor.bundle(), None).unwrap_err() {
        CoreError::RootNotConfirmed { fingerprint } => assert_eq!(fingerprint, impostor_print, "the key is named"),
        other => panic!("{other:?}"),
    }

    // Typed as read off the root's screen: case and spacing aside, every digit counts.
    let typed = root_print.replace(' ', "").to_uppercase();
    let report = new.desk.sync().import_bundle("jawaban.ikp", &root.bundle(), Some(&typed)).unwrap();
    assert_eq!(report.pinned_root.as_deref(), Some(root_print.as_str()));
    // Pinned once; later files of that root need no confirmation, another root's are refused.
    send(&mut root, &mut new);
    let other = new.desk.sync().import_bundle("lagi.ikp", &impostor.bundle(), Some(&impostor_print)).unwrap_err();
    assert!(matches!(other, CoreError::TrustRootMismatch { .. }), "{other:?}");
}

#[test]
fn the_root_reads_a_request_before_approving_and_sees_whom_it_enrolled() {
    let mut root = root();
    let mut new = laptop(40, 0);
    new.desk.setup_device(staff_of("DISDIK")).unwrap();
    let before = new.desk.sync().overview().unwrap();
    assert!(!before.is_root && !before.granted, "{before:?}");
    let request = new.desk.sync().enrolment_request().unwrap();

    // Reading checks the file and writes nothing; the fingerprint matches the new laptop's screen.
    let digest = root.desk.digest().unwrap();
    let claim = root.desk.sync().read_enrolment_request(&request).unwrap();
    assert_eq!(claim.fingerprint, before.fingerprint);
    assert_eq!((claim.role, claim.agency_code.as_deref()), (Role::AgencyStaff, Some("DISDIK")));
    assert_eq!(root.desk.digest().unwrap(), digest);
    let mut forged = request.clone();
    let middle = forged.len() / 2;
    forged[middle] ^= 1;
    assert!(root.desk.sync().read_enrolment_request(&forged).is_err(), "a damaged request is refused");
    // Only the root approves.
    let refused = new.desk.sync().approve_enrolment(&request, None).unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { .. }), "{refused:?}");

    root.desk.sync().approve_enrolment(&request, None).unwrap();
    let overview = root.desk.sync().overview().unwrap();
    assert!(overview.is_root && overview.granted);
    let enrolled: Vec<_> = overview.devices.iter().map(|d| (d.fingerprint.as_str(), d.revoked_after)).collect();
    assert_eq!(enrolled, [(claim.fingerprint.as_str(), None)]);
    let bundle = root.bundle();
    new.join(&mut root, &bundle).unwrap();
    assert!(new.desk.sync().overview().unwrap().granted, "the answer grants the new laptop its role");

    root.desk.sync().revoke_device(&claim.device_id, "Laptop hilang").unwrap();
    let revoked = root.desk.sync().overview().unwrap().devices[0].revoked_after;
    assert_eq!(revoked, Some(1), "its first-start claim is its last valid event");
}

#[test]
fn damaged_files_are_refused_by_cause_and_change_nothing() {
    let mut regency = regency();
    let good = regency.dp3a.bundle();
    let root = &mut regency.root;

    assert_eq!(problem(&refused(root, &good[..good.len() - 7])), BundleProblem::Truncated);
    assert_eq!(problem(&refused(root, &good[..good.len() / 2])), BundleProblem::Truncated);
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x04;
    assert_eq!(problem(&refused(root, &flipped)), BundleProblem::ChecksumMismatch);
    let mut wrong_sum = good.clone();
    *wrong_sum.last_mut().unwrap() ^= 0xff;
    assert_eq!(problem(&refused(root, &wrong_sum)), BundleProblem::ChecksumMismatch);
    assert_eq!(problem(&refused(root, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")), BundleProblem::NotABundle);
    assert_eq!(problem(&refused(root, b"")), BundleProblem::Empty);

    let future = bundle::frame(2, br#"{"producer":"IKP Desk 2.4.0"}"#, b"zstd...");
    let error = refused(root, &future);
    assert_eq!(error, CoreError::BundleTooNew { producer: "IKP Desk 2.4.0".into(), format: 2 });
    assert!(error.to_string().contains("update the app"), "{error}");

    let huge = Header { payload_bytes: 1 << 40, ..Header::default() };
    let huge = bundle::frame(1, &serde_json::to_vec(&huge).unwrap(), b"");
    assert_eq!(problem(&refused(root, &huge)), BundleProblem::TooLarge);
    // 200 MB of zeros packs into a few kB; the header says 1 kB; reading stops there.
    let zeros = vec![0u8; 200 << 20];
    let packed = zstd::bulk::compress(&zeros, 1).unwrap();
    drop(zeros);
    let bomb = Header { payload_bytes: 1024, ..Header::default() };
    let bomb = bundle::frame(1, &serde_json::to_vec(&bomb).unwrap(), &packed);
    assert_eq!(problem(&refused(root, &bomb)), BundleProblem::TooLarge);
}

#[test]
fn a_forged_signature_is_refused() {
    let mut regency = regency();
    // DP3A's own event, which the root does not hold yet (known events are skipped).
    let forged = repack(&regency.dp3a.bundle(), |events| {
        let own = events.iter_mut().find(|event| String::from_utf8_lossy(&event.body).contains("Rina")).unwrap();
        own.signature[10] ^= 0x01;
    });
    let before = (regency.root.state(), regency.root.desk.sync().exchanges(100).unwrap());
    assert_eq!(refusal(&refused(&mut regency.root, &forged)), EventRefusal::BadSignature);
    // Signatures are checked while the transaction writes: a forged one rolls it back.
    assert_eq!((regency.root.state(), regency.root.desk.sync().exchanges(100).unwrap()), before);
}

#[test]
fn an_event_by_a_key_the_root_never_enrolled_is_refused() {
    let mut regency = regency();
    let stranger = DeviceKey::from_secret([66; 32]);
    let event = SignedEvent::seal(&stranger, 1, late(), "agency.profile_updated", 1, head_of("DP3A", "X").to_payload());
    let bytes = crafted(&regency.root, &[event]);
    assert_eq!(refusal(&refused(&mut regency.root, &bytes)), EventRefusal::Unenrolled);
}

#[test]
fn events_after_a_revocation_are_refused_and_earlier_ones_stay() {
    let mut regency = regency();
    send(&mut regency.dp3a, &mut regency.root);
    let dp3a = regency.dp3a.key().id().to_hex();
    let last_valid = regency.root.desk.sync().revoke_device(&dp3a, "Laptop hilang").unwrap();
    assert!(last_valid >= 2);
    // The lost laptop goes on working, unaware.
    regency.dp3a.desk.record(head_of("DP3A", "Pencuri")).unwrap();
    let error = refused(&mut regency.root, &regency.dp3a.bundle());
    assert_eq!(refusal(&error), EventRefusal::Revoked);
    let head = regency.root.desk.agencies().list().unwrap().into_iter().find(|a| a.code == "DP3A").unwrap().head_name;
    assert_eq!(head.as_deref(), Some("Rina"));
}

#[test]
fn a_revocation_that_arrives_late_takes_the_cut_events_out_on_every_laptop() {
    let mut regency = regency();
    send(&mut regency.root, &mut regency.bpbd);
    send(&mut regency.dp3a, &mut regency.bpbd);
    // The root revokes DP3A before its first own event; BPBD had already accepted it.
    let dp3a = regency.dp3a.key().id().to_hex();
    regency.root.desk.sync().revoke_device(&dp3a, "Kunci bocor").unwrap();
    send(&mut regency.root, &mut regency.bpbd);
    let head = regency.bpbd.desk.agencies().list().unwrap().into_iter().find(|a| a.code == "DP3A").unwrap().head_name;
    assert_eq!(head, None, "the cut event is kept in the log but not projected");
    send(&mut regency.bpbd, &mut regency.root);
    assert_eq!(regency.root.desk.digest().unwrap(), regency.bpbd.desk.digest().unwrap());
    // The revoked laptop learns of it too: its own cut event leaves its tables, and it
    // may make nothing more.
    send(&mut regency.root, &mut regency.dp3a);
    assert_eq!(regency.dp3a.desk.digest().unwrap(), regency.root.desk.digest().unwrap());
    let refused = regency.dp3a.desk.record(head_of("DP3A", "Lagi")).unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { role: None, .. }), "{refused:?}");
}

#[test]
fn an_agency_cannot_forge_the_leadership_s_decision() {
    let mut regency = regency();
    let seq = next_seq(&regency.dp3a);
    let approval = DomainEvent::NegotiationDecided(NegotiationDecided {
        negotiation_id: "any".into(),
        outcome: Outcome::Approve,
        counter_target: None,
        counter_deadline: None,
        note: "Disetujui".into(),
        meeting_id: None,
        decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    });
    let forged = SignedEvent::seal(&regency.dp3a.key(), seq, late(), "negotiation.decided", 1, approval.to_payload());
    let bytes = crafted(&regency.root, &[forged]);
    assert_eq!(refusal(&refused(&mut regency.root, &bytes)), EventRefusal::NotAuthorized);
}

#[test]
fn a_laptop_that_claims_to_be_the_regent_gains_nothing_by_it() {
    let mut root = root();
    // It claims "Regent" at setup; the root grants it DP3A staff.
    let mut claimer = laptop(9, 0);
    claimer.desk.setup_device(leader(Role::Regent)).unwrap();
    // Made while it believed itself the Regent: leadership-only.
    claimer
        .desk
        .settings()
        .set_regency(ikp_core::regency::RegencyProfile {
            name: "Kabupaten Sendiri".into(),
            address: "-".into(),
            regent_name: "-".into(),
            regent_title: "-".into(),
            secretary_name: "-".into(),
        })
        .unwrap();
    let request = claimer.desk.sync().enrolment_request().unwrap();
    root.desk.sync().approve_enrolment(&request, Some((Role::AgencyStaff, Some("DP3A".into())))).unwrap();
    let bundle = root.bundle();
    let report = claimer.join(&mut root, &bundle).unwrap();
    assert!(report.pinned_root.is_some());
    assert_eq!(claimer.desk.status().unwrap().device.unwrap().role, Role::AgencyStaff);
    // Locally it may no longer act as the Regent...
    let refusal_here = claimer.desk.record(DomainEvent::AgencyRegistered(AgencyRegistered {
        code: "X".into(),
        name: "X".into(),
        short_name: "X".into(),
        kind: AgencyKind::Badan,
    }));
    assert!(matches!(refusal_here, Err(CoreError::NotAuthorized { .. })));
    // ...and what it exports is only what its grant allows; a hand-made decision is refused.
    let (bytes, export) = claimer.desk.sync().export_bundle(&ExportScope::Everything).unwrap();
    root.import(&bytes).unwrap();
    assert_eq!(export.held_back, 1, "the self-claimed Regent's regency profile stays home");
    assert!(root.desk.status().unwrap().regency.is_none());
    let seq = next_seq(&claimer);
    let approval = DomainEvent::RegencyProfileSet(ikp_core::regency::RegencyProfile {
        name: "Palsu".into(),
        address: "-".into(),
        regent_name: "-".into(),
        regent_title: "-".into(),
        secretary_name: "-".into(),
    });
    let forged = SignedEvent::seal(&claimer.key(), seq, late(), "regency.profile_set", 1, approval.to_payload());
    let bytes = crafted(&root, &[forged]);
    assert_eq!(refusal(&refused(&mut root, &bytes)), EventRefusal::NotAuthorized);
}

#[test]
fn a_known_event_with_an_altered_payload_is_refused() {
    let mut regency = regency();
    send(&mut regency.dp3a, &mut regency.root);
    let altered = repack(&regency.dp3a.bundle(), |events| {
        let known = events.iter_mut().find(|event| String::from_utf8_lossy(&event.body).contains("Rina")).unwrap();
        let text = String::from_utf8(known.body.clone()).unwrap().replace("Rina", "Rini");
        known.body = text.into_bytes();
    });
    assert_eq!(refusal(&refused(&mut regency.root, &altered)), EventRefusal::HashMismatch);
}

#[test]
fn an_equivocating_author_s_twin_is_left_out_and_flagged() {
    let mut regency = regency();
    send(&mut regency.dp3a, &mut regency.root);
    // DP3A's laptop signs a second, different event under a number it already used.
    let used = regency.dp3a.desk.status().unwrap().event_count as u64;
    let seq = regency
        .dp3a
        .desk
        .events(100)
        .unwrap()
        .into_iter()
        .find(|event| event.author_id == regency.dp3a.key().id().to_hex() && event.kind == "agency.profile_updated")
        .map(|event| u64::from(event.seq))
        .unwrap();
    assert!(used > 0);
    let twin = SignedEvent::seal(
        &regency.dp3a.key(),
        seq,
        late(),
        "agency.profile_updated",
        1,
        head_of("DP3A", "Lain").to_payload(),
    );
    let bytes = crafted(&regency.root, &[twin]);
    // The twin is left out (the file is otherwise taken in: refusing it whole would
    // stall the route), and the author is alerted.
    let before = regency.root.state();
    let report = regency.root.import(&bytes).unwrap();
    assert_eq!(report.new_events, 0);
    assert_eq!(regency.root.state(), before);
    let alerts = regency.root.desk.sync().alerts(10).unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!((alerts[0].kind.as_str(), alerts[0].author.clone()), ("equivocation", regency.dp3a.key().id().to_hex()));
}

/// The root (Regent), the Secretary and DP3A, with an issued instruction everyone holds.
pub(crate) struct Meeting {
    pub(crate) root: Laptop,
    pub(crate) secretary: Laptop,
    pub(crate) dp3a: Laptop,
    pub(crate) instruction_id: String,
    pub(crate) indicator_id: String,
}

pub(crate) fn meeting() -> Meeting {
    let mut root = root();
    let detail = root.desk.instructions().issue(child_violence_case()).unwrap();
    let mut secretary = enrol(&mut root, 4, leader(Role::Secretary));
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    send(&mut root, &mut secretary);
    send(&mut root, &mut dp3a);
    Meeting {
        root,
        secretary,
        dp3a,
        instruction_id: detail.summary.id.clone(),
        indicator_id: detail.indicators[0].id.clone(),
    }
}

pub(crate) fn ask(desk: &mut Desk, indicator_id: &str) -> String {
    desk.negotiations()
        .request(ikp_core::negotiation::ops::NegotiationInput {
            indicator_id: indicator_id.into(),
            movement: Movement::Lower,
            proposed_target: Some("10".into()),
            proposed_deadline: None,
            justification: "Dua korban pindah domisili.".into(),
            evidence: vec![],
        })
        .unwrap()
        .id
}

pub(crate) fn decide(desk: &mut Desk, negotiation_id: &str, outcome: Outcome) {
    desk.negotiations()
        .decide(DecisionInput {
            negotiation_id: negotiation_id.into(),
            outcome,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: None,
        })
        .unwrap();
}

/// A small deterministic generator (SplitMix64): schedules are reproducible by seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
