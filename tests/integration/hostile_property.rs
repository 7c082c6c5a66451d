//! The must-show property of issue 15: ten laptops of several agencies, one of them a
//! hostile agency laptop that signs by hand — copies other agencies' request ids onto
//! its own indicator with an earlier clock, withdraws other agencies' requests and its
//! own decided ones with backdated clocks, reports completion of an instruction it does
//! not lead — and files passed around in random orders with duplicates and relays. No
//! honest record is ever changed by the hostile author, and every laptop converges.

use std::collections::HashMap;

use ikp_core::event::SignedEvent;
use ikp_core::instruction::lifecycle::Status;
use ikp_core::instruction::payload::CompletionReported;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::ops::DecisionInput;
use ikp_core::negotiation::payload::NegotiationWithdrawn;
use ikp_core::negotiation::queries::NegotiationFilter;
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::principal::Role;
use ikp_core::quantity::Quantity;
use ikp_core::sync::export::ExportScope;
use ikp_core::SetupInput;

use crate::harness::{leader, staff_of};
use crate::hostile::{clock_of, just_before, latest_clock, request_by_hand};
use crate::sync::{crafted, enrol, root, Laptop, Rng};
use crate::sync_ordering::multi_agency_case;

const HOSTILE_AGENCY: &str = "DISDIK";

/// An honest request as its author made it.
struct Honest {
    agency: String,
    justification: String,
}

struct World {
    laptops: Vec<Laptop>,
    hostile: usize,
    instruction_id: String,
    indicators: Vec<(String, String)>,
    honest: HashMap<String, Honest>,
    forged: u64,
    pool: Vec<Vec<u8>>,
}

#[test]
fn no_hostile_author_changes_an_honest_record_and_every_laptop_converges() {
    let schedules: u64 = std::env::var("IKP_HOSTILE_SCHEDULES").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    for seed in 0..schedules {
        run(seed);
    }
}

fn run(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(104_729) + 17);
    let mut first = root();
    let detail = first.desk.instructions().issue(multi_agency_case()).unwrap();
    let indicators = detail.indicators.iter().map(|i| (i.agency_code.clone(), i.id.clone())).collect();
    let mut laptops = vec![first];
    let people: Vec<SetupInput> = vec![
        leader(Role::Secretary),
        staff_of("DP3A"),
        staff_of("DP3A"),
        staff_of("BPBD"),
        staff_of("BPBD"),
        staff_of("DINKES"),
        staff_of("DINKES"),
        staff_of("DP3A"),
        staff_of(HOSTILE_AGENCY),
    ];
    for (index, who) in people.into_iter().enumerate() {
        let new = enrol(&mut laptops[0], 40 + index as u8, who);
        laptops.push(new);
    }
    let mut world = World {
        hostile: laptops.len() - 1,
        laptops,
        instruction_id: detail.summary.id,
        indicators,
        honest: HashMap::new(),
        forged: 0,
        pool: Vec::new(),
    };
    for step in 0..60 {
        if rng.below(3) == 0 {
            attack(&mut world, &mut rng);
            continue;
        }
        let who = rng.below(world.laptops.len());
        match rng.below(5) {
            0 | 1 if who == world.hostile => attack(&mut world, &mut rng),
            0 | 1 => honest_act(&mut world, who, &mut rng, step),
            2 | 3 => {
                let to = rng.below(world.laptops.len());
                let scope = if rng.below(2) == 0 {
                    ExportScope::Everything
                } else {
                    ExportScope::ForPeer(world.laptops[to].key().id())
                };
                let (bytes, _) = world.laptops[who].desk.sync().export_bundle(&scope).unwrap();
                if to != who {
                    world.laptops[to].import(&bytes).unwrap();
                }
                world.pool.push(bytes);
            }
            _ if !world.pool.is_empty() => {
                let bytes = world.pool[rng.below(world.pool.len())].clone();
                world.laptops[who].import(&bytes).unwrap();
            }
            _ => {}
        }
    }
    for _ in 0..2 {
        for from in 0..world.laptops.len() {
            let bytes = world.laptops[from].bundle();
            for (to, laptop) in world.laptops.iter_mut().enumerate() {
                if to != from {
                    laptop.import(&bytes).unwrap();
                }
            }
        }
    }
    let digests: Vec<(String, u32)> = world.laptops.iter().map(Laptop::state).collect();
    for (index, digest) in digests.iter().enumerate() {
        assert_eq!(digest, &digests[0], "schedule {seed}: laptop {index} differs");
    }
    world.laptops[2].desk.rebuild().unwrap();
    assert_eq!(world.laptops[2].state(), digests[0], "schedule {seed}: a rebuild differs");
    check_honest_records(&mut world, seed);
}

/// What every laptop shows of the honest agencies' records is what honest authors did.
fn check_honest_records(world: &mut World, seed: u64) {
    let desk = &mut world.laptops[0].desk;
    let all = desk.negotiations().list(&NegotiationFilter::default()).unwrap();
    for (id, honest) in &world.honest {
        let view =
            desk.negotiations().detail(id).unwrap_or_else(|err| panic!("schedule {seed}: request {id} lost: {err}"));
        assert_eq!(view.agency_code, honest.agency, "schedule {seed}: request {id} taken over");
        assert_eq!(view.justification, honest.justification, "schedule {seed}: request {id} rewritten");
        assert_ne!(view.status, NegotiationStatus::Withdrawn, "schedule {seed}: honest request {id} withdrawn");
    }
    let detail = desk.instructions().detail(&world.instruction_id).unwrap();
    assert_ne!(detail.summary.status, Status::ReportedComplete, "schedule {seed}: completion by a non-lead");
    for indicator in detail.indicators.iter().filter(|i| i.agency_code != HOSTILE_AGENCY) {
        let moved = all.iter().any(|n| {
            n.indicator_id == indicator.id
                && matches!(n.status, NegotiationStatus::Approved | NegotiationStatus::Countered)
        });
        let expected = if moved { "5" } else { "12" };
        assert_eq!(indicator.target, Quantity::parse(expected).unwrap(), "schedule {seed}: {}", indicator.agency_code);
    }
    for request in &all {
        let owner = &world.indicators.iter().find(|(_, id)| *id == request.indicator_id).unwrap().0;
        assert_eq!(&request.agency_code, owner, "schedule {seed}: a request on another agency's indicator");
    }
    eprintln!(
        "hostile schedule {seed}: {} events, {} requests ({} honest), {} forged events, {} files",
        world.laptops[0].state().1,
        all.len(),
        world.honest.len(),
        world.forged,
        world.pool.len()
    );
}

/// The latest clock in `laptop`'s log.
fn honest_act(world: &mut World, who: usize, rng: &mut Rng, step: usize) {
    let laptop = &mut world.laptops[who];
    let me = laptop.desk.status().unwrap().device.unwrap();
    match me.role {
        Role::AgencyStaff => {
            let code = me.agency_code.unwrap();
            let indicator = world.indicators.iter().find(|(agency, _)| *agency == code).unwrap().1.clone();
            if rng.below(2) == 0 {
                let justification = format!("Alasan {step}");
                let asked = laptop.desk.negotiations().request(ikp_core::negotiation::ops::NegotiationInput {
                    indicator_id: indicator,
                    movement: Movement::Lower,
                    proposed_target: Some("5".into()),
                    proposed_deadline: None,
                    justification: justification.clone(),
                    evidence: vec![],
                });
                if let Ok(view) = asked {
                    world.honest.insert(view.id, Honest { agency: code, justification });
                }
            } else {
                let _ = laptop.desk.instructions().report_progress(ikp_core::instruction::ops::ProgressInput {
                    indicator_id: indicator,
                    value: format!("{}", rng.below(12)),
                    reported_on: None,
                    note: format!("Laporan {step}"),
                    evidence: vec![],
                });
            }
        }
        _ => {
            let pending = laptop
                .desk
                .negotiations()
                .list(&NegotiationFilter { status: Some(NegotiationStatus::Pending), ..Default::default() })
                .unwrap();
            if let Some(request) = pending.get(rng.below(pending.len().max(1))) {
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

/// One hand-signed hostile event, imported into the hostile laptop's own log so that
/// its ordinary exports carry it onward.
fn attack(world: &mut World, rng: &mut Rng) {
    // It listens to the traffic: the more it has seen, the more it can copy.
    if !world.pool.is_empty() {
        let bytes = world.pool[rng.below(world.pool.len())].clone();
        world.laptops[world.hostile].import(&bytes).unwrap();
    }
    let hostile = &mut world.laptops[world.hostile];
    let seen = hostile.desk.negotiations().list(&NegotiationFilter::default()).unwrap();
    let others: Vec<_> = seen.iter().filter(|n| n.agency_code != HOSTILE_AGENCY).collect();
    let own_indicator = world.indicators.iter().find(|(agency, _)| agency == HOSTILE_AGENCY).unwrap().1.clone();
    // A clock a little behind the hostile laptop's latest: recent enough to follow the
    // instruction, early enough to sort under what it answers.
    let mut hlc = just_before(latest_clock(hostile));
    let event = match rng.below(4) {
        0 if !others.is_empty() => {
            let victim = others[rng.below(others.len())];
            hlc = just_before(clock_of(hostile, "negotiation.requested", &victim.id));
            let at = (world.instruction_id.as_str(), own_indicator.as_str());
            request_by_hand(&victim.id, at, HOSTILE_AGENCY, "1", "Salinan")
        }
        1 if !seen.is_empty() => {
            // Withdraws anyone's request (its own decided ones included), backdated.
            let target = &seen[rng.below(seen.len())];
            DomainEvent::NegotiationWithdrawn(NegotiationWithdrawn {
                negotiation_id: target.id.clone(),
                agency_code: HOSTILE_AGENCY.into(),
                reason: "Ditarik".into(),
            })
        }
        2 => DomainEvent::CompletionReported(CompletionReported {
            instruction_id: world.instruction_id.clone(),
            agency_code: HOSTILE_AGENCY.into(),
            note: "Selesai".into(),
        }),
        _ => {
            // An ordinary request of its own, under a fresh id naming it.
            let id = ikp_core::claim::owned_id(hostile.key().id()).unwrap();
            let at = (world.instruction_id.as_str(), own_indicator.as_str());
            request_by_hand(&id, at, HOSTILE_AGENCY, "2", "Permintaan sendiri")
        }
    };
    world.forged += 1;
    let seq = 10_000 + world.forged;
    let signed = SignedEvent::seal(&hostile.key(), seq, hlc, event.kind(), 1, event.to_payload());
    let bytes = crafted(&world.laptops[0], &[signed]);
    world.laptops[world.hostile].import(&bytes).unwrap();
}
