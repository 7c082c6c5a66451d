//! A determined attacker holds one enrolled agency laptop (its key) and signs events by
//! hand: copied ids, backdated clocks, claims on other agencies' records, twins of its
//! own events. Nothing it signs may change another agency's record or the leadership's
//! decisions, and honest laptops keep exchanging everything else.

use chrono::{TimeZone, Utc};
use ikp_core::clock::Hlc;
use ikp_core::error::EventRefusal;
use ikp_core::event::SignedEvent;
use ikp_core::instruction::payload::CompletionReported;
use ikp_core::instruction::timeline::TimelineDetail;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::payload::{NegotiationRequested, NegotiationWithdrawn};
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::principal::Role;
use ikp_core::quantity::Quantity;
use ikp_core::sync::bundle::{self, RawEvent};
use ikp_core::sync::export::ExportScope;
use ikp_core::CoreError;

use crate::harness::{leader, staff_of};
use crate::sync::{ask, crafted, decide, enrol, head_of, next_seq, refused, repack, root, send, Laptop};
use crate::sync_ordering::multi_agency_case;

/// The root with a four-agency instruction, and the laptops of DP3A (the lead) and BPBD,
/// each holding it.
pub(crate) struct Field {
    pub root: Laptop,
    pub dp3a: Laptop,
    pub bpbd: Laptop,
    pub instruction_id: String,
    /// Each agency's indicator, by agency code.
    pub indicators: Vec<(String, String)>,
}

pub(crate) fn field() -> Field {
    let mut root = root();
    let detail = root.desk.instructions().issue(multi_agency_case()).unwrap();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let mut bpbd = enrol(&mut root, 3, staff_of("BPBD"));
    send(&mut root, &mut dp3a);
    send(&mut root, &mut bpbd);
    let indicators = detail.indicators.iter().map(|i| (i.agency_code.clone(), i.id.clone())).collect();
    Field { root, dp3a, bpbd, instruction_id: detail.summary.id, indicators }
}

impl Field {
    pub fn indicator_of(&self, agency: &str) -> String {
        self.indicators.iter().find(|(code, _)| code == agency).unwrap().1.clone()
    }
}

/// A clock reading before anything in these tests happened.
fn backdated() -> Hlc {
    Hlc { wall_ms: Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap().timestamp_millis() as u64, counter: 0 }
}

/// The clock of the event of `kind` in `laptop`'s log whose payload mentions `needle`.
pub(crate) fn clock_of(laptop: &mut Laptop, kind: &str, needle: &str) -> Hlc {
    let file = bundle::read(&laptop.bundle()).unwrap();
    file.events
        .iter()
        .filter_map(|event| serde_json::from_slice::<ikp_core::event::Envelope>(&event.body).ok())
        .find(|envelope| envelope.kind == kind && envelope.payload.to_string().contains(needle))
        .unwrap()
        .hlc
}

/// A request to lower `agency`'s `indicator` (target 12) to `proposed`, under `id`, as
/// a laptop that signs by hand writes it.
pub(crate) fn request_by_hand(
    id: &str,
    (instruction_id, indicator): (&str, &str),
    agency: &str,
    proposed: &str,
    why: &str,
) -> DomainEvent {
    DomainEvent::NegotiationRequested(NegotiationRequested {
        negotiation_id: id.into(),
        indicator_id: indicator.into(),
        instruction_id: instruction_id.into(),
        agency_code: agency.into(),
        movement: Movement::Lower,
        proposed_target: Some(Quantity::parse(proposed).unwrap()),
        proposed_deadline: None,
        target_when_asked: Quantity::parse("12").unwrap(),
        deadline_when_asked: chrono::NaiveDate::from_ymd_opt(2026, 12, 29).unwrap(),
        justification: why.into(),
        requested_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        evidence: vec![],
    })
}

/// The latest clock among the events `laptop` holds.
pub(crate) fn latest_clock(laptop: &mut Laptop) -> Hlc {
    let file = bundle::read(&laptop.bundle()).unwrap();
    file.events
        .iter()
        .filter_map(|event| serde_json::from_slice::<ikp_core::event::Envelope>(&event.body).ok())
        .map(|envelope| envelope.hlc)
        .max()
        .unwrap()
}

/// Just before `hlc`: what a backdating author stamps to sort first.
pub(crate) fn just_before(hlc: Hlc) -> Hlc {
    Hlc { wall_ms: hlc.wall_ms - 1, counter: 0 }
}

fn sealed(laptop: &Laptop, seq: u64, hlc: Hlc, event: &DomainEvent) -> SignedEvent {
    SignedEvent::seal(&laptop.key(), seq, hlc, event.kind(), 1, event.to_payload())
}

fn timeline_actions(laptop: &mut Laptop, instruction_id: &str) -> Vec<String> {
    laptop
        .desk
        .instructions()
        .detail(instruction_id)
        .unwrap()
        .timeline
        .into_iter()
        .map(|entry| entry.action.stored(entry.applied).to_owned())
        .collect()
}

/// Item 2: DP3A copies BPBD's request id onto its own indicator, with an earlier clock.
/// BPBD's request stays BPBD's, the Regent's decision moves BPBD's target, and the copy
/// is noted as ignored — on import and after a rebuild alike.
#[test]
fn a_copied_request_id_with_an_earlier_clock_takes_nothing_from_its_owner() {
    let mut f = field();
    let bpbd_indicator = f.indicator_of("BPBD");
    let dp3a_indicator = f.indicator_of("DP3A");
    let id = ask(&mut f.bpbd.desk, &bpbd_indicator);
    send(&mut f.bpbd, &mut f.root);
    send(&mut f.bpbd, &mut f.dp3a);
    let copy = request_by_hand(&id, (&f.instruction_id, &dp3a_indicator), "DP3A", "1", "Salinan");
    // Stamped just before BPBD's request, so it comes first in replay order (and after
    // the instruction, so it is not simply ignored for naming an unknown indicator).
    let hlc = just_before(clock_of(&mut f.bpbd, "negotiation.requested", &id));
    let forged = sealed(&f.dp3a, next_seq(&f.dp3a), hlc, &copy);
    f.root.import(&crafted(&f.root, &[forged])).unwrap();
    decide(&mut f.root.desk, &id, Outcome::Approve);
    for rebuilt in [false, true] {
        if rebuilt {
            f.root.desk.rebuild().unwrap();
        }
        let view = f.root.desk.negotiations().detail(&id).unwrap();
        assert_eq!(
            (view.agency_code.as_str(), view.status),
            ("BPBD", NegotiationStatus::Approved),
            "rebuilt: {rebuilt}"
        );
        let detail = f.root.desk.instructions().detail(&f.instruction_id).unwrap();
        let target = |indicator: &str| detail.indicators.iter().find(|i| i.id == indicator).unwrap().target;
        assert_eq!(target(&bpbd_indicator), Quantity::parse("10").unwrap());
        assert_eq!(target(&dp3a_indicator), Quantity::parse("12").unwrap(), "DP3A's target never moves");
        assert!(timeline_actions(&mut f.root, &f.instruction_id).contains(&"ignored_request".to_owned()));
        // Said as a fact the screens word, not as words of the core's own.
        assert!(
            detail
                .timeline
                .iter()
                .any(|entry| !entry.applied
                    && entry.detail == TimelineDetail::ClaimedByAnother { record_id: id.clone() }),
            "the timeline names the request that belongs to another author"
        );
    }
}

/// Item 2, ids of the older form (32 hex digits, naming no author): such an id cannot be
/// given to its first claimant safely (a backdated copy would come first on a rebuild),
/// so it claims nothing — not even for its own author — on import and after a rebuild.
#[test]
fn a_request_under_an_id_of_the_older_form_claims_nothing() {
    let mut f = field();
    let dp3a_indicator = f.indicator_of("DP3A");
    let old_form = "0123456789abcdef0123456789abcdef".to_owned();
    let why = "Permintaan dengan nomor bentuk lama";
    let request = request_by_hand(&old_form, (&f.instruction_id, &dp3a_indicator), "DP3A", "1", why);
    let hlc = latest_clock(&mut f.dp3a);
    let signed = sealed(&f.dp3a, next_seq(&f.dp3a), Hlc { wall_ms: hlc.wall_ms + 1, counter: 0 }, &request);
    let report = f.root.import(&crafted(&f.root, &[signed])).unwrap();
    assert_eq!(report.new_events, 1, "the event is kept in the log");
    for rebuilt in [false, true] {
        if rebuilt {
            f.root.desk.rebuild().unwrap();
        }
        assert!(
            matches!(f.root.desk.negotiations().detail(&old_form), Err(CoreError::UnknownNegotiation { .. })),
            "rebuilt: {rebuilt}"
        );
        assert!(timeline_actions(&mut f.root, &f.instruction_id).contains(&"ignored_request".to_owned()));
    }
}

/// Item 3: BPBD supports the instruction but does not lead it; its completion report
/// (authorized: it names BPBD) is ignored and noted, made locally or imported.
#[test]
fn a_completion_by_an_agency_that_does_not_lead_the_instruction_is_ignored() {
    let mut f = field();
    // DP3A reports progress: the instruction is in progress, so a completion could move it.
    let indicator_id = f.indicator_of("DP3A");
    f.dp3a
        .desk
        .instructions()
        .report_progress(ikp_core::instruction::ops::ProgressInput {
            indicator_id,
            value: "4".into(),
            reported_on: None,
            note: String::new(),
            evidence: vec![],
        })
        .unwrap();
    send(&mut f.dp3a, &mut f.bpbd);
    send(&mut f.dp3a, &mut f.root);
    let before = f.root.desk.instructions().detail(&f.instruction_id).unwrap().summary.status;
    assert_eq!(before, ikp_core::instruction::lifecycle::Status::InProgress);
    let completion = DomainEvent::CompletionReported(CompletionReported {
        instruction_id: f.instruction_id.clone(),
        agency_code: "BPBD".into(),
        note: "Selesai (palsu)".into(),
    });
    f.bpbd.desk.record(completion).unwrap();
    send(&mut f.bpbd, &mut f.root);
    for laptop in [&mut f.bpbd, &mut f.root] {
        assert_eq!(laptop.desk.instructions().detail(&f.instruction_id).unwrap().summary.status, before);
        assert!(timeline_actions(laptop, &f.instruction_id).contains(&"ignored_completion".to_owned()));
    }
    f.root.desk.rebuild().unwrap();
    assert_eq!(f.root.desk.instructions().detail(&f.instruction_id).unwrap().summary.status, before);
}

/// Item 4 (backdating): DP3A saw the rejection of its request, then signs a withdrawal
/// stamped before it. The rejection stands.
#[test]
fn a_withdrawal_backdated_under_a_decision_it_saw_does_not_undo_it() {
    let mut f = field();
    let indicator = f.indicator_of("DP3A");
    let id = ask(&mut f.dp3a.desk, &indicator);
    send(&mut f.dp3a, &mut f.root);
    decide(&mut f.root.desk, &id, Outcome::Reject);
    send(&mut f.root, &mut f.dp3a);
    let withdrawal = DomainEvent::NegotiationWithdrawn(NegotiationWithdrawn {
        negotiation_id: id.clone(),
        agency_code: "DP3A".into(),
        reason: "Mundur".into(),
    });
    // Stamped just after the request, so before the decision.
    let asked = clock_of(&mut f.dp3a, "negotiation.requested", &id);
    let hlc = Hlc { wall_ms: asked.wall_ms, counter: asked.counter + 1 };
    let forged = sealed(&f.dp3a, next_seq(&f.dp3a), hlc, &withdrawal);
    f.root.import(&crafted(&f.root, &[forged])).unwrap();
    assert_eq!(f.root.desk.negotiations().detail(&id).unwrap().status, NegotiationStatus::Rejected);
    f.root.desk.rebuild().unwrap();
    assert_eq!(f.root.desk.negotiations().detail(&id).unwrap().status, NegotiationStatus::Rejected);
}

/// Item 4 (clock poisoning): an event stamped years ahead is kept, but the laptop's next
/// event is stamped by its own clock, not after the poisoned one.
#[test]
fn an_event_from_the_far_future_does_not_drag_the_local_clock() {
    let mut f = field();
    let far = Hlc { wall_ms: Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap().timestamp_millis() as u64, counter: 0 };
    let poisoned = sealed(&f.dp3a, next_seq(&f.dp3a), far, &head_of("DP3A", "Masa depan"));
    let report = f.root.import(&crafted(&f.root, &[poisoned])).unwrap();
    assert_eq!(report.far_future.len(), 1);
    f.root.desk.record(head_of("BPBD", "Sekarang")).unwrap();
    let newest = f.root.desk.events(1_000).unwrap();
    let mine = newest
        .iter()
        .filter(|event| event.author_id == f.root.key().id().to_hex())
        .max_by_key(|event| event.seq)
        .unwrap();
    assert!(mine.recorded_at.starts_with("2026-11-29"), "stamped {}", mine.recorded_at);
}

/// Item 13: a file holding an author's real event and a forged twin of it (a signature
/// that does not verify) is refused as forged, and names no one as equivocating.
#[test]
fn a_forged_twin_is_refused_without_an_alert_against_its_supposed_author() {
    let mut f = field();
    f.dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    let mut file = bundle::read(&f.dp3a.bundle()).unwrap();
    let genuine = file.events.iter().find(|event| String::from_utf8_lossy(&event.body).contains("Rina")).unwrap();
    let seq = genuine.seq;
    let mut twin = RawEvent::from(&sealed(&f.dp3a, seq, backdated(), &head_of("DP3A", "Palsu")));
    twin.signature[0] ^= 1;
    file.events.push(twin);
    let bytes = bundle::write(file.header, &file.events, &file.evidence);
    let CoreError::BundleRefused { refused: events, .. } = refused(&mut f.root, &bytes) else { panic!("not refused") };
    assert!(events.iter().any(|event| event.reason == EventRefusal::BadSignature), "{events:?}");
    assert!(f.root.desk.sync().alerts(10).unwrap().is_empty(), "no alert on a forgery");
}

/// Items 13 and 17: a real equivocation (two verified twins) is alerted once, both
/// twins are left out, and every other event of the file — and of later files on the
/// same route — still arrives.
#[test]
fn an_equivocation_leaves_the_twins_out_alerts_once_and_lets_the_rest_flow() {
    let mut f = field();
    let mut secretary = enrol(&mut f.root, 4, leader(Role::Secretary));
    f.dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    let seq = next_seq(&f.dp3a);
    let one = sealed(&f.dp3a, seq, backdated(), &head_of("DP3A", "Satu"));
    let other = sealed(&f.dp3a, seq, backdated(), &head_of("DP3A", "Dua"));
    // The root holds one twin; the Secretary the other (each came by another route).
    f.root.import(&crafted(&f.root, &[one])).unwrap();
    secretary.import(&crafted(&f.root, &[other])).unwrap();
    secretary.desk.record(head_of("BPBD", "Yusuf")).unwrap();
    for _ in 0..2 {
        let report = f.root.import(&secretary.bundle()).unwrap();
        assert!(report.new_events > 0 || report.already_known > 0);
        let report = secretary.import(&f.root.bundle()).unwrap();
        assert!(report.events_in_file > 0);
    }
    let head = |laptop: &mut Laptop| {
        laptop
            .desk
            .agencies()
            .list()
            .unwrap()
            .into_iter()
            .find(|a| a.code == "BPBD")
            .unwrap()
            .head_name
            .unwrap_or_default()
    };
    assert_eq!(head(&mut f.root), "Yusuf", "the Secretary's other events reached the root");
    let alerts = f.root.desk.sync().alerts(10).unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0].author, f.dp3a.key().id().to_hex());
    assert_eq!(secretary.desk.sync().alerts(10).unwrap().len(), 1);
}

/// Item 12: a file with no events whose unsigned header says it comes from the Regent,
/// who holds everything. Neither is believed: `export --peer` for the Regent still sends
/// DP3A's events, and the history shows no exchange with the Regent. A signed header is.
#[test]
fn an_unsigned_header_claiming_to_be_the_regent_is_believed_in_nothing() {
    let mut f = field();
    let regent = f.root.key().id().to_hex();
    assert_eq!(send(&mut f.root, &mut f.dp3a).sender, regent, "a signed header names its sender");
    f.dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    let from_regent = |laptop: &mut Laptop| {
        let exchanges = laptop.desk.sync().exchanges(100).unwrap();
        exchanges.iter().filter(|x| x.direction == "import" && x.peer.as_deref() == Some(regent.as_str())).count()
    };
    let before = from_regent(&mut f.dp3a);
    let mut have = std::collections::BTreeMap::new();
    have.insert(f.dp3a.key().id().to_hex(), 1_000_000);
    have.insert(regent.clone(), 1_000_000);
    let header = bundle::Header { root: Some(regent.clone()), sender: regent.clone(), have, ..Default::default() };
    let report = f.dp3a.import(&bundle::write(header, &[], &[])).unwrap();
    assert_eq!(report.sender, "");
    assert_eq!(from_regent(&mut f.dp3a), before, "no exchange with the Regent is made up");
    let (bytes, _) = f.dp3a.desk.sync().export_bundle(&ExportScope::ForPeer(f.root.key().id())).unwrap();
    let file = bundle::read(&bytes).unwrap();
    assert!(file.events.iter().any(|event| String::from_utf8_lossy(&event.body).contains("Rina")));
}

/// Item 6: DP3A's key is stolen. The root revokes DP3A after the events it holds; the
/// thief signs a fresh event under a number below the cut and offers it to BPBD, which
/// never held the genuine one, in the root's own file. It is refused.
#[test]
fn a_stolen_key_cannot_fill_in_under_the_revocation_cut() {
    let mut f = field();
    f.dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    send(&mut f.dp3a, &mut f.root);
    f.root.desk.sync().revoke_device(&f.dp3a.key().id().to_hex(), "Laptop hilang").unwrap();
    let everything = f.root.bundle();
    let genuine = bundle::read(&everything)
        .unwrap()
        .events
        .into_iter()
        .find(|event| String::from_utf8_lossy(&event.body).contains("Rina"))
        .unwrap();
    let hlc = clock_of(&mut f.dp3a, "agency.profile_updated", "Rina");
    let fake = RawEvent::from(&sealed(&f.dp3a, genuine.seq, hlc, &head_of("DP3A", "Pencuri")));
    let bytes = repack(&everything, |events| {
        events.retain(|event| event.id != genuine.id);
        events.push(fake);
    });
    let CoreError::BundleRefused { refused: events, .. } = refused(&mut f.bpbd, &bytes) else { panic!("not refused") };
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].reason, EventRefusal::Revoked);
    // The root's own file is taken in whole.
    f.bpbd.import(&everything).unwrap();
}

/// Item 11: the root is shown one request and approves; by then the file at that path
/// is another laptop's request. Approval names what was shown, so nothing is approved.
#[test]
fn an_enrolment_request_swapped_after_it_was_shown_is_not_approved() {
    let mut root = root();
    let mut shown = crate::sync::laptop(7, 0);
    shown.desk.setup_device(staff_of("DP3A")).unwrap();
    let mut swapped = crate::sync::laptop(8, 0);
    swapped.desk.setup_device(leader(Role::Secretary)).unwrap();
    let request = shown.desk.sync().enrolment_request().unwrap();
    let claim = root.desk.sync().read_enrolment_request(&request).unwrap();
    let before = root.state();
    let other = swapped.desk.sync().enrolment_request().unwrap();
    let error = root.desk.sync().approve_shown_enrolment(&other, &claim.request_sha256, None).unwrap_err();
    assert!(matches!(
        error,
        CoreError::BundleUnreadable { problem: ikp_core::error::BundleProblem::ChangedSinceShown, .. }
    ));
    assert_eq!(root.state(), before, "nothing written");
    let enrolment = root.desk.sync().approve_shown_enrolment(&request, &claim.request_sha256, None).unwrap();
    assert_eq!(enrolment.device_id, shown.key().id().to_hex());
}

/// A clock the test turns: each reading a second after the last, from where it was set.
struct Dial(std::sync::atomic::AtomicU64);

impl ikp_core::clock::Clock for Dial {
    fn now_ms(&self) -> u64 {
        self.0.fetch_add(1_000, std::sync::atomic::Ordering::Relaxed)
    }
}

/// Item 4 (quarantine): an event stamped three days ahead waits outside the log, listed
/// with the laptop that sent it; once this laptop's clock is within the skew of it, the
/// next import takes it in.
#[test]
fn an_event_from_the_far_future_waits_in_quarantine_until_its_time() {
    let mut root = root();
    let start = Utc.with_ymd_and_hms(2026, 11, 29, 3, 0, 0).unwrap().timestamp_millis() as u64;
    let dial = std::sync::Arc::new(Dial(start.into()));
    let dir = crate::sync::scratch();
    let key = ikp_core::identity::DeviceKey::from_secret([9; 32]);
    let mut desk = ikp_core::Desk::open_as(dir.path(), key, dial.clone()).unwrap();
    desk.setup_device(staff_of("DP3A")).unwrap();
    root.desk.sync().approve_enrolment(&desk.sync().enrolment_request().unwrap(), None).unwrap();
    let fingerprint = root.desk.sync().trust_root().unwrap().unwrap();
    desk.sync().import_bundle("jawaban.ikp", &root.bundle(), Some(&fingerprint)).unwrap();

    let ahead = start + 3 * 24 * 60 * 60 * 1000;
    let event = SignedEvent::seal(
        &root.key(),
        next_seq(&root),
        Hlc { wall_ms: ahead, counter: 0 },
        "agency.profile_updated",
        1,
        head_of("BPBD", "Esok").to_payload(),
    );
    let regent = root.key().id().to_hex();
    let header = bundle::Header { root: Some(regent.clone()), ..Default::default() };
    let bytes = bundle::write_signed(header, &[RawEvent::from(&event)], &[], &root.key());
    let before = crate::harness::fingerprint(&desk);
    let report = desk.sync().import_bundle("masa-depan.ikp", &bytes, None).unwrap();
    assert_eq!(report.quarantined.len(), 1);
    assert_eq!(report.quarantined[0].sender.as_deref(), Some(regent.as_str()));
    assert_eq!(crate::harness::fingerprint(&desk), before, "not in the log, not projected");
    assert_eq!(desk.sync().overview().unwrap().quarantined.len(), 1);

    dial.0.store(ahead - 60 * 60 * 1000, std::sync::atomic::Ordering::Relaxed);
    desk.sync().import_bundle("lagi.ikp", &root.bundle(), None).unwrap();
    assert!(desk.sync().overview().unwrap().quarantined.is_empty());
    let head = desk.agencies().list().unwrap().into_iter().find(|a| a.code == "BPBD").unwrap().head_name;
    assert_eq!(head.as_deref(), Some("Esok"));
}

/// Item 2 (budget): DP3A signs a realization of its own under the entry id of BPBD's,
/// stamped just before it. BPBD's realization still counts, after a rebuild too.
/// Realizations are BPKD's (or the leadership's) to record: an agency laptop that signs
/// one — even under an entry id copied from another agency's and stamped just before it —
/// is refused on import, and nothing changes. (Before issue 19 an agency recorded its own
/// realizations; the copied id then took nothing from BPBD, keyed by agency and entry id.)
#[test]
fn a_copied_realization_entry_id_takes_nothing_from_its_agency() {
    use ikp_core::budget::payload::{CeilingSet, RealizationEntry, RealizationsRecorded};
    let mut f = field();
    let entry = |agency: &str, sen: i64| RealizationEntry {
        entry_id: "sp2d-0042".into(),
        agency_code: agency.into(),
        realized_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        amount: ikp_core::money::Rupiah::from_sen(sen),
        reference: "SP2D/0042".into(),
        note: String::new(),
        sp2d_type: None,
        jenis: None,
        line: None,
    };
    let realized = |agency: &str, sen: i64| {
        DomainEvent::BudgetRealized(RealizationsRecorded {
            agency_code: Some(agency.into()),
            source: None,
            entries: vec![entry(agency, sen)],
        })
    };
    f.root.desk.record(realized("BPBD", 150_000_000)).unwrap();
    let hlc = just_before(clock_of(&mut f.root, "budget.realized", "sp2d-0042"));
    let copy = sealed(&f.dp3a, next_seq(&f.dp3a), hlc, &realized("DP3A", 100));
    let own_pagu = sealed(
        &f.dp3a,
        next_seq(&f.dp3a),
        hlc,
        &DomainEvent::BudgetCeilingSet(CeilingSet {
            agency_code: "DP3A".into(),
            fiscal_year: 2026,
            stage: ikp_core::budget::payload::BudgetStage::Perubahan,
            amount: ikp_core::money::Rupiah::from_sen(1),
            effective_on: chrono::NaiveDate::from_ymd_opt(2026, 9, 15).unwrap(),
            reason: "Pagu sendiri".into(),
            lines: vec![],
        }),
    );
    let before = f.root.state();
    for forged in [copy, own_pagu] {
        let error = f.root.import(&crafted(&f.root, &[forged])).unwrap_err();
        assert!(
            matches!(&error, CoreError::BundleRefused { refused, .. } if refused[0].reason == EventRefusal::NotAuthorized),
            "{error}"
        );
    }
    assert_eq!(f.root.state(), before, "the refused files changed nothing");
    let sum = |laptop: &Laptop, agency: &str| -> i64 {
        laptop
            .desk
            .store()
            .conn()
            .query_row(
                "SELECT coalesce(sum(amount_sen), 0) FROM budget_realizations WHERE agency_code = ?1",
                [agency],
                |row| row.get(0),
            )
            .unwrap()
    };
    f.root.desk.rebuild().unwrap();
    assert_eq!(sum(&f.root, "BPBD"), 150_000_000);
    assert_eq!(sum(&f.root, "DP3A"), 0);
}
