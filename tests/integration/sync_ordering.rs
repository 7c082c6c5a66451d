//! Sync by export files, arrival in any order: stale and replayed files, decisions before
//! their requests, concurrent edits, unknown kinds, the far future, and convergence over
//! any schedule of exchanges.

use chrono::{TimeZone, Utc};
use ikp_core::clock::Hlc;
use ikp_core::event::SignedEvent;
use ikp_core::instruction::ops::AmendInput;
use ikp_core::kinds::RecordKind;
use ikp_core::negotiation::ops::DecisionInput;
use ikp_core::negotiation::queries::NegotiationFilter;
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::sync::import::WaitsFor;
use ikp_core::SetupInput;

use crate::harness::{leader, staff_of};
use crate::instructions::child_violence_case;
use crate::sync::*;

#[test]
fn replaying_an_old_bundle_changes_nothing() {
    let mut regency = regency();
    let old = regency.dp3a.bundle();
    let first = regency.root.import(&old).unwrap();
    assert!(first.new_events > 0);
    let after_first = regency.root.state();
    regency.root.desk.record(head_of("BPBD", "Baru")).unwrap();
    let after_more = regency.root.state();
    let again = regency.root.import(&old).unwrap();
    assert_eq!(again.new_events, 0);
    assert_eq!(again.already_known, first.events_in_file);
    assert_ne!(after_first, after_more);
    assert_eq!(regency.root.state(), after_more);
}

#[test]
fn a_decision_that_arrives_before_its_request_waits_and_then_applies() {
    let mut m = meeting();
    let request = ask(&mut m.dp3a.desk, &m.indicator_id);
    send(&mut m.dp3a, &mut m.secretary);
    decide(&mut m.secretary.desk, &request, Outcome::Approve);
    // The Secretary's bundle reaches the root without the request (relayed another way).
    let only_decision = repack(&m.secretary.bundle(), |events| {
        events.retain(|event| !String::from_utf8_lossy(&event.body).contains("\"negotiation.requested\""));
    });
    let report = m.root.import(&only_decision).unwrap();
    assert_eq!(report.pending.len(), 1, "{report:?}");
    assert_eq!(report.pending[0].kind, "negotiation.decided");
    assert_eq!(
        report.pending[0].waits_for,
        WaitsFor { record: RecordKind::Negotiation, id: request.clone() },
        "the decision waits for the request it decides"
    );

    let report = send(&mut m.dp3a, &mut m.root);
    assert_eq!(report.resolved, 1, "{report:?}");
    assert!(report.pending.is_empty());
    let view = m.root.desk.negotiations().detail(&request).unwrap();
    assert_eq!(view.status, NegotiationStatus::Approved);
    assert_eq!(m.root.desk.digest().unwrap(), m.secretary.desk.digest().unwrap());
}

#[test]
fn two_decisions_on_one_request_the_earliest_stands_and_the_other_is_kept() {
    let mut m = meeting();
    let request = ask(&mut m.dp3a.desk, &m.indicator_id);
    send(&mut m.dp3a, &mut m.secretary);
    send(&mut m.dp3a, &mut m.root);
    // Offline, both decide: the Secretary first, then the Regent.
    decide(&mut m.secretary.desk, &request, Outcome::Reject);
    decide(&mut m.root.desk, &request, Outcome::Approve);
    send(&mut m.secretary, &mut m.root);
    send(&mut m.root, &mut m.secretary);
    for laptop in [&mut m.root, &mut m.secretary] {
        let view = laptop.desk.negotiations().detail(&request).unwrap();
        assert_eq!(view.decisions.len(), 2, "both decisions are kept");
        assert_eq!(view.decisions.iter().filter(|decision| decision.standing).count(), 1);
        assert_eq!(view.status, view.decisions.iter().find(|d| d.standing).map(|d| status_of(d.outcome)).unwrap());
    }
    assert_eq!(m.root.desk.digest().unwrap(), m.secretary.desk.digest().unwrap());
}

pub(crate) fn status_of(outcome: Outcome) -> NegotiationStatus {
    match outcome {
        Outcome::Approve => NegotiationStatus::Approved,
        Outcome::Reject => NegotiationStatus::Rejected,
        Outcome::Counter => NegotiationStatus::Countered,
    }
}

#[test]
fn concurrent_edits_of_an_instruction_text_the_last_writer_wins_and_both_stay_in_history() {
    let mut m = meeting();
    let amend = |text: &str| AmendInput {
        instruction_id: m.instruction_id.clone(),
        reason: "Perbaikan".into(),
        title: None,
        text: Some(text.into()),
        deadline: None,
    };
    let (first, second) = (amend("Teks dari Sekda."), amend("Teks dari Bupati."));
    m.secretary.desk.instructions().amend(first).unwrap();
    m.root.desk.instructions().amend(second).unwrap();
    send(&mut m.secretary, &mut m.root);
    send(&mut m.root, &mut m.secretary);
    let on_root = m.root.desk.instructions().detail(&m.instruction_id).unwrap();
    let on_secretary = m.secretary.desk.instructions().detail(&m.instruction_id).unwrap();
    assert_eq!(on_root.text, on_secretary.text);
    let amendments = on_root.timeline.iter().filter(|entry| format!("{entry:?}").contains("mend")).count();
    assert!(amendments >= 2, "{:?}", on_root.timeline);
    assert_eq!(m.root.desk.digest().unwrap(), m.secretary.desk.digest().unwrap());
}

#[test]
fn unknown_kinds_are_stored_and_relayed_but_not_projected() {
    let mut regency = regency();
    let seq = next_seq(&regency.root);
    let future_kind = SignedEvent::seal(
        &regency.root.key(),
        seq,
        late(),
        "complaint.filed",
        1,
        serde_json::json!({"text": "jalan rusak"}),
    );
    let before = regency.dp3a.desk.digest().unwrap();
    let report = regency.dp3a.import(&crafted(&regency.root, &[future_kind])).unwrap();
    assert_eq!((report.new_events, report.unknown_kinds), (1, 1));
    assert_eq!(regency.dp3a.desk.digest().unwrap(), before);
    // DP3A relays it to BPBD.
    let report = send(&mut regency.dp3a, &mut regency.bpbd);
    assert!(report.unknown_kinds >= 1);
}

#[test]
fn an_event_from_the_far_future_is_flagged_not_refused() {
    let mut regency = regency();
    let seq = next_seq(&regency.root);
    let far = Hlc { wall_ms: Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap().timestamp_millis() as u64, counter: 0 };
    let event = SignedEvent::seal(
        &regency.root.key(),
        seq,
        far,
        "agency.profile_updated",
        1,
        head_of("BPBD", "Masa depan").to_payload(),
    );
    let report = regency.dp3a.import(&crafted(&regency.root, &[event])).unwrap();
    assert_eq!(report.far_future.len(), 1);
}

/// Ten laptops of different roles make events and pass bundles around in a random
/// order — with duplicates, stale files and relays — under many schedules; once every
/// laptop has heard from every other, all projections are identical.
#[test]
fn any_schedule_of_exchanges_converges_on_every_laptop() {
    let schedules: u64 = std::env::var("IKP_SYNC_SCHEDULES").ok().and_then(|n| n.parse().ok()).unwrap_or(10);
    for seed in 0..schedules {
        converge(seed);
    }
}

pub(crate) fn converge(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(7919) + 1);
    let mut laptops = vec![root()];
    let detail = laptops[0].desk.instructions().issue(multi_agency_case()).unwrap();
    let indicators: Vec<(String, String)> =
        detail.indicators.iter().map(|indicator| (indicator.agency_code.clone(), indicator.id.clone())).collect();
    let people: Vec<SetupInput> = vec![
        leader(Role::Secretary),
        staff_of("DP3A"),
        staff_of("DP3A"),
        staff_of("BPBD"),
        staff_of("BPBD"),
        staff_of("DINKES"),
        staff_of("DINKES"),
        staff_of("DISDIK"),
        staff_of("DISDIK"),
    ];
    for (index, who) in people.into_iter().enumerate() {
        let new = enrol(&mut laptops[0], 10 + index as u8, who);
        laptops.push(new);
    }
    let mut pool: Vec<Vec<u8>> = Vec::new();
    for step in 0..100 {
        let who = rng.below(laptops.len());
        match rng.below(4) {
            0 | 1 => act(&mut laptops[who], &indicators, &mut rng, step),
            2 => {
                let to = rng.below(laptops.len());
                let scope = if rng.below(2) == 0 {
                    ExportScope::Everything
                } else {
                    ExportScope::ForPeer(laptops[to].key().id())
                };
                let (bytes, _) = laptops[who].desk.sync().export_bundle(&scope).unwrap();
                if to != who {
                    laptops[to].import(&bytes).unwrap();
                }
                pool.push(bytes);
            }
            _ if !pool.is_empty() => {
                // A stale or duplicate file, or one relayed by another laptop.
                let bytes = pool[rng.below(pool.len())].clone();
                laptops[who].import(&bytes).unwrap();
            }
            _ => {}
        }
    }
    // Gossip until everyone has everything: each sends to all, twice over.
    for _ in 0..2 {
        for from in 0..laptops.len() {
            let bytes = laptops[from].bundle();
            for (to, laptop) in laptops.iter_mut().enumerate() {
                if to != from {
                    laptop.import(&bytes).unwrap();
                }
            }
        }
    }
    let digests: Vec<(String, u32)> = laptops.iter().map(Laptop::state).collect();
    let negotiations = laptops[0].desk.negotiations().list(&NegotiationFilter::default()).unwrap();
    let decided = negotiations.iter().filter(|n| n.status != NegotiationStatus::Pending).count();
    let conflicts: usize = negotiations.iter().map(|n| n.decisions.iter().filter(|d| !d.standing).count()).sum();
    eprintln!(
        "schedule {seed}: {} events, {} requests ({decided} decided, {conflicts} later decisions kept), {} files",
        digests[0].1,
        negotiations.len(),
        pool.len()
    );
    for (index, digest) in digests.iter().enumerate() {
        assert_eq!(digest, &digests[0], "schedule {seed}: laptop {index} differs");
        assert!(laptops[index].desk.sync().pending_events().unwrap().is_empty());
    }
    let rebuilt = laptops[3].desk.rebuild().unwrap();
    assert_eq!(rebuilt.revoked, 0);
    assert_eq!(laptops[3].desk.digest().unwrap(), digests[0].0, "schedule {seed}: rebuild differs");
}

/// One random thing the laptop's user may do; refusals by the core are part of life.
pub(crate) fn act(laptop: &mut Laptop, indicators: &[(String, String)], rng: &mut Rng, step: usize) {
    let me = laptop.desk.status().unwrap().device.unwrap();
    match (me.role, rng.below(3)) {
        (Role::AgencyStaff, 0) => {
            let code = me.agency_code.unwrap();
            laptop.desk.record(head_of(&code, &format!("Kepala {step}"))).unwrap();
        }
        (Role::AgencyStaff, _) => {
            let code = me.agency_code.unwrap();
            if let Some((_, indicator)) = indicators.iter().find(|(agency, _)| *agency == code) {
                let _ = laptop.desk.negotiations().request(ikp_core::negotiation::ops::NegotiationInput {
                    indicator_id: indicator.clone(),
                    movement: Movement::Lower,
                    proposed_target: Some("5".into()),
                    proposed_deadline: None,
                    justification: format!("Alasan {step}"),
                    evidence: vec![],
                });
            }
        }
        (_, 0) => {
            let instruction = laptop.desk.instructions().list(&Default::default()).unwrap();
            if let Some(first) = instruction.first() {
                let _ = laptop.desk.instructions().amend(AmendInput {
                    instruction_id: first.id.clone(),
                    reason: "Perbaikan".into(),
                    title: None,
                    text: Some(format!("Teks {step}")),
                    deadline: None,
                });
            }
        }
        (_, _) => {
            let pending = laptop
                .desk
                .negotiations()
                .list(&NegotiationFilter { status: Some(NegotiationStatus::Pending), ..Default::default() });
            if let Some(request) = pending.unwrap().first() {
                let outcome = [Outcome::Approve, Outcome::Reject][rng.below(2)];
                let _ = laptop.desk.negotiations().decide(DecisionInput {
                    negotiation_id: request.id.clone(),
                    outcome,
                    counter_target: None,
                    counter_deadline: None,
                    note: String::new(),
                    meeting_id: None,
                });
            }
        }
    }
}

pub(crate) fn multi_agency_case() -> ikp_core::instruction::ops::IssueInput {
    let mut input = child_violence_case();
    input.supporting_agencies = vec!["BPBD".into(), "DINKES".into(), "DISDIK".into()];
    let template = input.indicators[0].clone();
    input.indicators = AGENCIES
        .iter()
        .map(|code| ikp_core::instruction::ops::IndicatorInput { agency_code: (*code).into(), ..template.clone() })
        .collect();
    input
}

/// An agency's head and status signed before its registration (by the clock, as a
/// skewed laptop may) are kept on a placeholder until the registration names it: on a
/// live import and on a rebuild alike.
#[test]
fn a_head_and_a_status_signed_before_their_agency_are_kept() {
    use ikp_core::agency::payload::AgencyActiveSet;
    use ikp_core::agency::{AgencyKind, AgencyRegistered};
    use ikp_core::kinds::DomainEvent;

    let mut regency = regency();
    let root = regency.root.key();
    let first = next_seq(&regency.root);
    let inactive = DomainEvent::AgencyActiveSet(AgencyActiveSet {
        code: "BRIDA".into(),
        active: false,
        reason: "Digabung".into(),
    });
    let registered = DomainEvent::AgencyRegistered(AgencyRegistered {
        code: "BRIDA".into(),
        name: "Badan Riset dan Inovasi Daerah".into(),
        short_name: "BRIDA".into(),
        kind: AgencyKind::Badan,
    });
    let events: Vec<SignedEvent> = [head_of("BRIDA", "Kepala Baru"), inactive, registered]
        .iter()
        .zip(0u64..)
        .map(|(event, n)| {
            let hlc = Hlc { wall_ms: late().wall_ms + n * 60_000, counter: 0 };
            SignedEvent::seal(&root, first + n, hlc, event.kind(), 1, event.to_payload())
        })
        .collect();
    let report = regency.dp3a.import(&crafted(&regency.root, &events)).unwrap();
    assert_eq!(report.new_events, 3, "{report:?}");

    let agency = regency.dp3a.desk.agencies().get("BRIDA").unwrap();
    assert_eq!(agency.name, "Badan Riset dan Inovasi Daerah");
    assert_eq!((agency.head_name.as_deref(), agency.active), (Some("Kepala Baru"), false));
    let live = regency.dp3a.state();
    regency.dp3a.desk.rebuild().unwrap();
    assert_eq!(regency.dp3a.state(), live);
}
