//! Dialog kinerja: agencies ask to change a target, the leadership decides, and the
//! effective target (and so achievement) follows the decisions — on real SQLite files,
//! with each person signing on their own device.

use ikp_core::instruction::achievement::AchievementNote;
use ikp_core::instruction::lifecycle::{Action, Status};
use ikp_core::instruction::ops::ProgressInput;
use ikp_core::instruction::queries::InstructionDetail;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::ops::{DecisionInput, MeetingInput, NegotiationInput};
use ikp_core::negotiation::payload::NegotiationDecided;
use ikp_core::negotiation::queries::NegotiationFilter;
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::principal::Role;
use ikp_core::quantity::Quantity;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::harness::{fingerprint, office, Office};
use crate::instructions::child_violence_case;

/// An issued child-violence instruction; returns it and the id of DP3A's "victims
/// accompanied" indicator (baseline 0, target 12, higher is better).
fn issued(office: &mut Office) -> (InstructionDetail, String) {
    let detail = office.regent.instructions().issue(child_violence_case()).unwrap();
    let indicator = detail.indicators[0].id.clone();
    (detail, indicator)
}

fn ask(indicator_id: &str, movement: Movement, target: &str, why: &str) -> NegotiationInput {
    NegotiationInput {
        indicator_id: indicator_id.into(),
        movement,
        proposed_target: Some(target.into()),
        proposed_deadline: None,
        justification: why.into(),
        evidence: vec![],
    }
}

fn decision(negotiation_id: &str, outcome: Outcome) -> DecisionInput {
    DecisionInput {
        negotiation_id: negotiation_id.into(),
        outcome,
        counter_target: None,
        counter_deadline: None,
        note: String::new(),
        meeting_id: None,
    }
}

fn report(desk: &mut Desk, indicator_id: &str, value: &str) {
    desk.instructions()
        .report_progress(ProgressInput {
            indicator_id: indicator_id.into(),
            value: value.into(),
            reported_on: None,
            note: String::new(),
            evidence: vec![],
        })
        .unwrap();
}

fn effective_target(desk: &mut Desk, instruction_id: &str, indicator_id: &str) -> (Quantity, u32) {
    let detail = desk.instructions().detail(instruction_id).unwrap();
    let indicator = detail.indicators.iter().find(|i| i.id == indicator_id).unwrap();
    (indicator.target, indicator.achievement.permille)
}

fn q(text: &str) -> Quantity {
    Quantity::parse(text).unwrap()
}

#[test]
fn an_approved_request_changes_the_effective_target_and_achievement() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    report(&mut office.dp3a, &indicator, "6");
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator), (q("12"), 500));

    let asked = office
        .dp3a
        .negotiations()
        .request(ask(&indicator, Movement::Lower, "10", "Dua korban pindah domisili."))
        .unwrap();
    assert_eq!(asked.status, NegotiationStatus::Pending);
    assert_eq!((asked.target_when_asked, asked.proposed_target), (q("12"), Some(q("10"))));

    let decided = office.regent.negotiations().decide(decision(&asked.id, Outcome::Approve)).unwrap();
    assert_eq!(decided.negotiation.status, NegotiationStatus::Approved);
    assert_eq!(decided.negotiation.decisions[0].decided_by_role, Some(Role::Regent));
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator), (q("10"), 600));

    let history = office.regent.negotiations().target_history(&indicator).unwrap();
    assert_eq!((history.original_target, history.effective_target), (q("12"), q("10")));
    assert!(history.steps[0].changed);
    assert_eq!((history.steps[0].target_before, history.steps[0].target_after), (q("12"), q("10")));
}

#[test]
fn a_rejected_request_leaves_the_target_as_it_was() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let asked = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "8", "Petugas kurang.")).unwrap();
    let mut reject = decision(&asked.id, Outcome::Reject);
    reject.note = "Seperti awal, target harus dicapai.".into();
    let decided = office.secretary.negotiations().decide(reject).unwrap();
    assert_eq!(decided.negotiation.status, NegotiationStatus::Rejected);
    assert_eq!(decided.negotiation.decisions[0].note, "Seperti awal, target harus dicapai.");
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator).0, q("12"));
    assert!(!office.regent.negotiations().target_history(&indicator).unwrap().steps[0].changed);
}

#[test]
fn a_counter_offer_sets_the_counter_value_and_keeps_the_proposed_deadline() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let mut input = ask(&indicator, Movement::Lower, "8", "Petugas kurang.");
    input.proposed_deadline = Some("2027-01-15".into());
    let asked = office.dp3a.negotiations().request(input).unwrap();
    let mut counter = decision(&asked.id, Outcome::Counter);
    counter.counter_target = Some("10".into());
    let decided = office.regent.negotiations().decide(counter).unwrap();
    assert_eq!(decided.negotiation.status, NegotiationStatus::Countered);
    let detail = office.regent.instructions().detail(&detail.summary.id).unwrap();
    let view = detail.indicators.iter().find(|i| i.id == indicator).unwrap();
    assert_eq!((view.target, view.deadline.as_str()), (q("10"), "2027-01-15"));
}

#[test]
fn requests_in_sequence_each_start_from_the_effective_target() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let first = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "10", "Satu")).unwrap();
    office.regent.negotiations().decide(decision(&first.id, Outcome::Approve)).unwrap();
    // "Lower" is now measured from 10, not from the original 12.
    let refused = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "11", "Dua")).unwrap_err();
    assert_eq!(refused, CoreError::invalid("proposedTarget", InputProblem::WrongDirection));
    let second = office.dp3a.negotiations().request(ask(&indicator, Movement::Raise, "11", "Dua")).unwrap();
    assert_eq!(second.target_when_asked, q("10"));
    office.regent.negotiations().decide(decision(&second.id, Outcome::Approve)).unwrap();
    let third = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "9", "Tiga")).unwrap();
    office.regent.negotiations().decide(decision(&third.id, Outcome::Reject)).unwrap();

    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator).0, q("11"));
    let history = office.regent.negotiations().target_history(&indicator).unwrap();
    let steps: Vec<(Quantity, Quantity, bool)> =
        history.steps.iter().map(|step| (step.target_before, step.target_after, step.changed)).collect();
    assert_eq!(steps, vec![(q("12"), q("10"), true), (q("10"), q("11"), true), (q("11"), q("11"), false)]);
}

#[test]
fn a_withdrawn_request_cannot_be_decided_and_frees_the_indicator() {
    let mut office = office();
    let (_, indicator) = issued(&mut office);
    let asked = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "10", "Alasan")).unwrap();
    let withdrawn = office.dp3a.negotiations().withdraw(&asked.id, "Target masih dapat dicapai.").unwrap();
    assert_eq!(withdrawn.status, NegotiationStatus::Withdrawn);
    assert_eq!(withdrawn.withdraw_reason.as_deref(), Some("Target masih dapat dicapai."));

    let before = fingerprint(&office.regent);
    let refused = office.regent.negotiations().decide(decision(&asked.id, Outcome::Approve)).unwrap_err();
    assert_eq!(
        refused,
        CoreError::NegotiationNotPending { id: asked.id.clone(), status: NegotiationStatus::Withdrawn }
    );
    assert_eq!(fingerprint(&office.regent), before);
    let again = office.dp3a.negotiations().withdraw(&asked.id, "").unwrap_err();
    assert!(matches!(again, CoreError::NegotiationNotPending { .. }));

    office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "11", "Permintaan baru")).unwrap();
}

#[test]
fn every_refused_case_is_a_typed_error_and_writes_nothing() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let asked = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "10", "Alasan")).unwrap();
    let meeting = office
        .regent
        .negotiations()
        .open_meeting(MeetingInput {
            title: "Rapim".into(),
            held_on: None,
            place: "Ruang rapat".into(),
            chair: "Bupati".into(),
        })
        .unwrap();
    let closed = office
        .regent
        .negotiations()
        .open_meeting(MeetingInput { title: "Rapim lalu".into(), held_on: None, place: "R".into(), chair: "B".into() })
        .unwrap();
    office.regent.negotiations().close_meeting(&closed.id).unwrap();
    let second_indicator = detail.indicators[1].id.clone(); // lower is better: 14 → 3 days
    let not_authorized = |kind: &str, role: Role| CoreError::NotAuthorized { kind: kind.into(), role: Some(role) };

    type Attempt = Box<dyn Fn(&mut Office) -> CoreError>;
    let attempts: Vec<(&str, Attempt, CoreError)> = vec![
        (
            "staff decide",
            Box::new({
                let id = asked.id.clone();
                move |o: &mut Office| o.dp3a.negotiations().decide(decision(&id, Outcome::Approve)).unwrap_err()
            }),
            not_authorized("negotiation.decided", Role::AgencyStaff),
        ),
        (
            "the Regent asks",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| o.regent.negotiations().request(ask(&ind, Movement::Raise, "5", "x")).unwrap_err()
            }),
            not_authorized("negotiation.requested", Role::Regent),
        ),
        (
            "another agency asks",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| o.bpbd.negotiations().request(ask(&ind, Movement::Raise, "5", "x")).unwrap_err()
            }),
            not_authorized("negotiation.requested", Role::AgencyStaff),
        ),
        (
            "another agency withdraws",
            Box::new({
                let id = asked.id.clone();
                move |o: &mut Office| o.bpbd.negotiations().withdraw(&id, "").unwrap_err()
            }),
            not_authorized("negotiation.withdrawn", Role::AgencyStaff),
        ),
        (
            "a second open request",
            Box::new({
                let ind = indicator.clone();
                move |o: &mut Office| o.dp3a.negotiations().request(ask(&ind, Movement::Lower, "9", "x")).unwrap_err()
            }),
            CoreError::NegotiationAlreadyOpen { indicator_id: indicator.clone(), negotiation_id: asked.id.clone() },
        ),
        (
            "lower that raises",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| o.dp3a.negotiations().request(ask(&ind, Movement::Lower, "5", "x")).unwrap_err()
            }),
            CoreError::invalid("proposedTarget", InputProblem::WrongDirection),
        ),
        (
            "past the baseline",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| o.dp3a.negotiations().request(ask(&ind, Movement::Raise, "15", "x")).unwrap_err()
            }),
            CoreError::invalid("proposedTarget", InputProblem::WrongDirection),
        ),
        (
            "no reason",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| o.dp3a.negotiations().request(ask(&ind, Movement::Raise, "5", "  ")).unwrap_err()
            }),
            CoreError::invalid("justification", InputProblem::Required),
        ),
        (
            "nothing proposed",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| {
                    let mut input = ask(&ind, Movement::Raise, "", "x");
                    input.proposed_target = None;
                    o.dp3a.negotiations().request(input).unwrap_err()
                }
            }),
            CoreError::invalid("proposedTarget", InputProblem::Required),
        ),
        (
            "not a number",
            Box::new({
                let ind = second_indicator.clone();
                move |o: &mut Office| {
                    o.dp3a.negotiations().request(ask(&ind, Movement::Raise, "lima", "x")).unwrap_err()
                }
            }),
            CoreError::invalid("proposedTarget", InputProblem::NotANumber),
        ),
        (
            "a counter with nothing in it",
            Box::new({
                let id = asked.id.clone();
                move |o: &mut Office| o.regent.negotiations().decide(decision(&id, Outcome::Counter)).unwrap_err()
            }),
            CoreError::invalid("counterTarget", InputProblem::Required),
        ),
        (
            "an unknown request",
            Box::new(|o: &mut Office| o.regent.negotiations().decide(decision("feed", Outcome::Approve)).unwrap_err()),
            CoreError::UnknownNegotiation { id: "feed".into() },
        ),
        (
            "an unknown meeting",
            Box::new({
                let id = asked.id.clone();
                move |o: &mut Office| {
                    let mut input = decision(&id, Outcome::Approve);
                    input.meeting_id = Some("nowhere".into());
                    o.regent.negotiations().decide(input).unwrap_err()
                }
            }),
            CoreError::UnknownMeeting { id: "nowhere".into() },
        ),
        (
            "a closed meeting",
            Box::new({
                let (id, meeting) = (asked.id.clone(), closed.id.clone());
                move |o: &mut Office| {
                    let mut input = decision(&id, Outcome::Approve);
                    input.meeting_id = Some(meeting.clone());
                    o.regent.negotiations().decide(input).unwrap_err()
                }
            }),
            CoreError::MeetingClosed { id: closed.id.clone() },
        ),
        (
            "an unknown decision undone",
            Box::new(|o: &mut Office| o.regent.negotiations().undo_decision("beef", "", None).unwrap_err()),
            CoreError::UnknownDecision { id: "beef".into() },
        ),
    ];
    for (name, attempt, expected) in attempts {
        let before = fingerprint(&office.regent);
        assert_eq!(attempt(&mut office), expected, "{name}");
        assert_eq!(fingerprint(&office.regent), before, "{name} wrote something");
    }

    // Decided twice; undone twice; asking on a closed instruction.
    let mut in_meeting = decision(&asked.id, Outcome::Approve);
    in_meeting.meeting_id = Some(meeting.id.clone());
    let first = office.regent.negotiations().decide(in_meeting).unwrap();
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.secretary.negotiations().decide(decision(&asked.id, Outcome::Reject)).unwrap_err(),
        CoreError::NegotiationNotPending { id: asked.id.clone(), status: NegotiationStatus::Approved }
    );
    assert_eq!(fingerprint(&office.regent), before);
    office.regent.negotiations().undo_decision(&first.decision_event, "Salah tekan", Some(&meeting.id)).unwrap();
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.regent.negotiations().undo_decision(&first.decision_event, "", None).unwrap_err(),
        CoreError::DecisionAlreadyUndone { id: first.decision_event.clone() }
    );
    assert_eq!(fingerprint(&office.regent), before);
    office.regent.instructions().cancel(&detail.summary.id, "Ditangani provinsi").unwrap();
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.dp3a.negotiations().request(ask(&second_indicator, Movement::Raise, "5", "x")).unwrap_err(),
        CoreError::InvalidTransition { status: Status::Cancelled, action: Action::NegotiateTarget }
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn undo_in_meeting_mode_restores_the_target_and_the_sitting_lists_everything() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let meeting = office
        .regent
        .negotiations()
        .open_meeting(MeetingInput {
            title: "Rapat Pimpinan".into(),
            held_on: None,
            place: "Ruang Rapat KH. R. Ma'mun Nawawi".into(),
            chair: "Pj. Bupati Bekasi".into(),
        })
        .unwrap();
    let asked = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "10", "Alasan")).unwrap();
    let mut approve = decision(&asked.id, Outcome::Approve);
    approve.meeting_id = Some(meeting.id.clone());
    let approved = office.regent.negotiations().decide(approve).unwrap();
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator).0, q("10"));
    assert_eq!(approved.sitting.as_ref().unwrap().approved, 1);

    let undone =
        office.regent.negotiations().undo_decision(&approved.decision_event, "Salah tekan", Some(&meeting.id)).unwrap();
    assert_eq!(undone.negotiation.status, NegotiationStatus::Pending);
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator).0, q("12"));

    let mut reject = decision(&asked.id, Outcome::Reject);
    reject.meeting_id = Some(meeting.id.clone());
    let rejected = office.regent.negotiations().decide(reject).unwrap();
    let sitting = rejected.sitting.unwrap();
    assert_eq!((sitting.approved, sitting.rejected, sitting.undone), (0, 1, 1));
    let outcomes: Vec<(Outcome, bool)> =
        sitting.decisions.iter().map(|d| (d.decision.outcome, d.decision.undone)).collect();
    assert_eq!(outcomes, vec![(Outcome::Approve, true), (Outcome::Reject, false)]);
    assert_eq!(sitting.decisions[0].decision.undo_reason.as_deref(), Some("Salah tekan"));
}

#[test]
fn an_approved_deadline_request_moves_the_indicator_deadline() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let mut input = ask(&indicator, Movement::Lower, "", "Rumah sakit rujukan sedang akreditasi.");
    input.proposed_target = None;
    input.proposed_deadline = Some("2027-02-01".into());
    let asked = office.dp3a.negotiations().request(input).unwrap();
    office.regent.negotiations().decide(decision(&asked.id, Outcome::Approve)).unwrap();
    let detail = office.regent.instructions().detail(&detail.summary.id).unwrap();
    let view = detail.indicators.iter().find(|i| i.id == indicator).unwrap();
    assert_eq!((view.target, view.deadline.as_str()), (q("12"), "2027-02-01"));
}

#[test]
fn two_decisions_from_two_laptops_keep_the_earliest_and_show_the_other() {
    let mut office = office();
    let (detail, indicator) = issued(&mut office);
    let asked = office.dp3a.negotiations().request(ask(&indicator, Movement::Lower, "10", "Alasan")).unwrap();
    // As sync will deliver them: both signed while the request was pending on each laptop.
    let decided = |outcome| {
        DomainEvent::NegotiationDecided(NegotiationDecided {
            negotiation_id: asked.id.clone(),
            outcome,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: None,
            decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        })
    };
    office.regent.record(decided(Outcome::Approve)).unwrap();
    office.secretary.record(decided(Outcome::Reject)).unwrap();
    let view = office.regent.negotiations().detail(&asked.id).unwrap();
    assert_eq!(view.status, NegotiationStatus::Approved);
    let standing: Vec<(Outcome, bool)> = view.decisions.iter().map(|d| (d.outcome, d.standing)).collect();
    assert_eq!(standing, vec![(Outcome::Approve, true), (Outcome::Reject, false)]);
    assert_eq!(effective_target(&mut office.regent, &detail.summary.id, &indicator).0, q("10"));

    let digest = office.regent.digest().unwrap();
    office.regent.rebuild().unwrap();
    assert_eq!(office.regent.digest().unwrap(), digest);
}

#[test]
fn the_demo_fills_the_meeting_queue_and_each_agency_record() {
    let mut office = office();
    let queue = office.regent.negotiations().queue().unwrap();
    let agencies: Vec<&str> = queue.iter().map(|group| group.agency_code.as_str()).collect();
    assert_eq!(agencies, vec!["BPBD", "DINKES", "DP3A"]);
    let dinkes = &queue[1];
    assert_eq!((dinkes.past.rejected, dinkes.requests.len()), (1, 1));
    assert!(dinkes.requests[0].proposed_target.is_none() && dinkes.requests[0].proposed_deadline.is_some());
    assert_eq!(queue[2].past.countered, 1);
    let decided = office
        .regent
        .negotiations()
        .list(&NegotiationFilter { agency_code: Some("SDABMBK".into()), ..Default::default() })
        .unwrap();
    assert_eq!(decided[0].status, NegotiationStatus::Approved);
    assert_eq!(decided[0].effective_target, q("4"));
    assert_eq!(decided[0].achievement.note, AchievementNote::NoReport);
    // The demo's past rapim (closed); the other one is next week's.
    let meetings = office.regent.negotiations().meetings(10).unwrap();
    let past = meetings.iter().find(|meeting| meeting.closed_at.is_some()).unwrap();
    assert_eq!(office.regent.minutes().sitting(&past.id).unwrap().decisions.len(), 3);
}

/// "Salin ringkasan" of a request: while it waits it says so; once decided, the outcome
/// in bold with the target it set, who decided and when, and the note.
#[test]
fn a_decision_is_copied_as_a_whatsapp_message() {
    let mut office = office();
    let mut case = child_violence_case();
    case.indicators[0].target = "1200".into();
    let detail = office.regent.instructions().issue(case).unwrap();
    let number = detail.summary.number.clone().unwrap();
    let request = office
        .dp3a
        .negotiations()
        .request(NegotiationInput {
            indicator_id: detail.indicators[0].id.clone(),
            movement: Movement::Lower,
            proposed_target: Some("1000".into()),
            proposed_deadline: None,
            justification: "Tenaga pendamping terbatas.".into(),
            evidence: vec![],
        })
        .unwrap();
    let subject = ikp_core::share::ShareSubject::Decision(request.id.clone());
    let waiting = office.dp3a.minutes().share_message(&subject).unwrap();
    assert_eq!(
        waiting,
        format!(
            "*Keputusan dialog kinerja*\nDP3A · {number} · Korban yang mendapat pendampingan\n\
             Permohonan: target 1.200 → 1.000 orang\n_Menunggu keputusan._"
        )
    );
    office
        .secretary
        .negotiations()
        .decide(DecisionInput {
            negotiation_id: request.id.clone(),
            outcome: Outcome::Counter,
            counter_target: Some("1100".into()),
            counter_deadline: None,
            note: "Sesuai kapasitas pendamping.".into(),
            meeting_id: None,
        })
        .unwrap();
    let decided = office.dp3a.minutes().share_message(&subject).unwrap();
    let lines: Vec<&str> = decided.lines().collect();
    assert!(lines[3].starts_with("*Disetujui dengan perubahan*: target berlaku 1.100 orang, tenggat "), "{decided}");
    assert!(!lines[3].contains('-'), "the deadline in words: {decided}");
    assert!(lines[4].starts_with("Diputuskan oleh Sekda") && lines[4].ends_with(" 2026"), "{decided}");
    assert_eq!(lines[5], "Catatan: Sesuai kapasitas pendamping.");
}
