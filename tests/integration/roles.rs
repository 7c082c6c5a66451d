use ikp_core::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk};

use crate::harness::{desk_with_demo, fingerprint, leader, staff_of};

fn register(code: &str) -> DomainEvent {
    DomainEvent::AgencyRegistered(AgencyRegistered {
        code: code.into(),
        name: "Badan Riset dan Inovasi Daerah".into(),
        short_name: "BRIDA".into(),
        kind: AgencyKind::Badan,
    })
}

fn new_head(code: &str) -> DomainEvent {
    DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
        code: code.into(),
        head_name: Some("Kepala Baru".into()),
        head_title: None,
        head_nip: None,
    })
}

#[test]
fn agency_staff_cannot_register_an_agency_and_nothing_is_written() {
    let mut test = desk_with_demo();
    test.desk.setup_device(staff_of("DP3A")).unwrap();
    let before = fingerprint(&test.desk);

    let refused = test.desk.record(register("BRIDA")).unwrap_err();

    assert_eq!(refused, CoreError::NotAuthorized { kind: "agency.registered".into(), role: Some(Role::AgencyStaff) });
    assert_eq!(fingerprint(&test.desk), before);
}

#[test]
fn agency_staff_may_update_their_own_agency_but_not_another() {
    let mut test = desk_with_demo();
    test.desk.setup_device(staff_of("BPBD")).unwrap();

    test.desk.record(new_head("BPBD")).unwrap();
    let before = fingerprint(&test.desk);
    let refused = test.desk.record(new_head("DP3A")).unwrap_err();

    assert!(matches!(refused, CoreError::NotAuthorized { .. }), "{refused:?}");
    assert_eq!(fingerprint(&test.desk), before);
    let bpbd = test.desk.agencies().list().unwrap().into_iter().find(|agency| agency.code == "BPBD").unwrap();
    assert_eq!(bpbd.head_name.as_deref(), Some("Kepala Baru"));
}

#[test]
fn the_leadership_may_register_agencies() {
    for role in [Role::Regent, Role::Secretary] {
        let mut test = desk_with_demo();
        test.desk.setup_device(leader(role)).unwrap();
        test.desk.record(register("BRIDA")).unwrap();
        assert!(test.desk.agencies().list().unwrap().iter().any(|agency| agency.code == "BRIDA"), "{role:?}");
    }
}

#[test]
fn a_device_that_was_never_set_up_may_record_nothing() {
    let mut test = desk_with_demo();
    let before = fingerprint(&test.desk);
    let refused = test.desk.record(new_head("BPBD")).unwrap_err();
    assert_eq!(refused, CoreError::NotAuthorized { kind: "agency.profile_updated".into(), role: None });
    assert_eq!(fingerprint(&test.desk), before);
}

/// The core decides what each person may do with an instruction — policy, status, row —
/// and every screen offers exactly that.
#[test]
fn each_person_is_offered_what_the_policy_the_status_and_the_row_allow() {
    use ikp_core::instruction::lifecycle::Action;

    let mut office = crate::harness::office();
    let draft = office
        .secretary
        .instructions()
        .issue(ikp_core::instruction::ops::IssueInput {
            draft_only: true,
            ..crate::instructions::child_violence_case()
        })
        .unwrap();
    let id = draft.summary.id.clone();
    assert_eq!(draft.allowed_actions.actions, vec![Action::Issue, Action::Redraft, Action::Cancel]);
    assert_eq!(office.dp3a.instructions().detail(&id).unwrap().allowed_actions, Default::default());

    let issued = office.regent.instructions().issue_draft(&id).unwrap();
    assert_eq!(issued.allowed_actions.actions, vec![Action::Amend, Action::Cancel]);
    assert!(issued.allowed_actions.reportable_indicators.is_empty(), "the leadership reports nothing itself");
    let for_dp3a = office.dp3a.instructions().detail(&id).unwrap().allowed_actions;
    let dp3a_indicators: Vec<String> = issued.indicators.iter().map(|indicator| indicator.id.clone()).collect();
    assert!(for_dp3a.actions.is_empty(), "{for_dp3a:?}");
    assert!(for_dp3a.completion_after_progress, "DP3A leads: completion once work is under way");
    assert_eq!(for_dp3a.reportable_indicators, dp3a_indicators);
    assert_eq!(for_dp3a.negotiable_indicators, dp3a_indicators);
    let for_bpbd = office.bpbd.instructions().detail(&id).unwrap().allowed_actions;
    assert_eq!(for_bpbd, Default::default(), "BPBD has no indicator here");

    office.dp3a.instructions().report_progress(crate::instructions::progress(&dp3a_indicators[0], "6")).unwrap();
    assert_eq!(office.dp3a.instructions().detail(&id).unwrap().allowed_actions.actions, vec![Action::ReportComplete]);
    office.dp3a.instructions().report_completion(&id, "Selesai").unwrap();
    let for_regent = office.regent.instructions().detail(&id).unwrap().allowed_actions;
    assert_eq!(for_regent.actions, vec![Action::Amend, Action::Cancel, Action::Verify, Action::ReturnCompletion]);
    let for_dp3a = office.dp3a.instructions().detail(&id).unwrap().allowed_actions;
    assert!(for_dp3a.negotiable_indicators.is_empty(), "no target changes once completion is reported");
    assert_eq!(for_dp3a.reportable_indicators, dp3a_indicators, "late progress is still taken");
}

/// The Setda's operator keeps the minutes and prepares the agenda, but decides nothing on
/// its own (outside a sitting), issues nothing and finalizes nothing; an assistant reads
/// everything and writes nothing.
#[test]
fn the_operator_drafts_minutes_but_cannot_decide_or_finalize() {
    use ikp_core::minutes::ops::MeetingDetailsInput;

    let office = crate::harness::office();
    let official = |name: &str, title: &str| ikp_core::minutes::payload::Official {
        name: name.into(),
        title: title.into(),
        ..Default::default()
    };
    let person = |seed: u8, role: Role| {
        let clock = std::sync::Arc::new(ikp_core::clock::SystemClock);
        let mut desk =
            Desk::open_as(office.dir.path(), ikp_core::identity::DeviceKey::from_secret([seed; 32]), clock).unwrap();
        desk.setup_device(ikp_core::SetupInput { role, agency_code: None, user_name: format!("{role:?}") }).unwrap();
        desk
    };
    let mut operator = person(6, Role::Operator);
    let details = MeetingDetailsInput {
        title: "Rapat Pimpinan".into(),
        number: String::new(),
        held_on: "2026-11-30".into(),
        start_time: "09:00".into(),
        end_time: String::new(),
        place: "Ruang Rapat Bupati".into(),
        chair: official("Dr. H. Dani Ramdan", "Bupati Bekasi"),
        secretary: official("Drs. Dedy Supriyadi", "Sekretaris Daerah"),
        notulis: official("Rina Marlina", "Operator Bagian Umum"),
    };
    let minutes = operator.minutes().create(details.clone()).unwrap();
    let meeting_id = minutes.meeting.id.clone();

    let before = crate::harness::fingerprint(&operator);
    assert!(matches!(operator.minutes().finalize(&meeting_id).unwrap_err(), CoreError::NotAuthorized { .. }));
    let pending = operator.negotiations().list(&Default::default()).unwrap();
    if let Some(request) =
        pending.iter().find(|request| request.status == ikp_core::negotiation::NegotiationStatus::Pending)
    {
        let decision = operator.negotiations().decide(ikp_core::negotiation::ops::DecisionInput {
            negotiation_id: request.id.clone(),
            outcome: ikp_core::negotiation::Outcome::Approve,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: None,
        });
        assert!(matches!(decision.unwrap_err(), CoreError::NotAuthorized { .. }));
    }
    assert!(matches!(
        operator.instructions().issue(crate::instructions::child_violence_case()).unwrap_err(),
        CoreError::NotAuthorized { .. }
    ));
    assert_eq!(crate::harness::fingerprint(&operator), before, "refusals wrote nothing");

    let mut assistant = person(7, Role::Assistant);
    assert!(assistant.instructions().dashboard().is_ok(), "an assistant follows every agency");
    assert!(matches!(assistant.minutes().create(details).unwrap_err(), CoreError::NotAuthorized { .. }));
    assert_eq!(assistant.status().unwrap().device.unwrap().duties, vec![ikp_core::policy::Duty::Oversee]);
}

/// A BPKD laptop, enrolled through request and answer files, keeps DP3A's budget and
/// its entries reach the root; DP3A's own laptop may not set its pagu, and the same
/// event signed with DP3A's key is refused on import at the root.
#[test]
fn an_enrolled_bpkd_keeps_dp3a_s_budget_and_dp3a_s_own_key_cannot() {
    use ikp_core::budget::ops::RealizationInput;
    use ikp_core::budget::payload::BudgetStage;
    use ikp_core::error::EventRefusal;
    use ikp_core::event::{Envelope, SignedEvent};
    use ikp_core::sync::bundle;

    use crate::budget::{ceiling, YEAR};
    use crate::sync::{crafted, enrol, late, next_seq, refused, root, send};

    let mut root = root();
    root.desk
        .agencies()
        .add(ikp_core::agency::ops::AgencyInput {
            code: "BPKAD".into(),
            name: "Badan Pengelolaan Keuangan dan Aset Daerah".into(),
            short_name: "BPKAD".into(),
            kind: AgencyKind::Badan,
            sipd_code: String::new(),
            head: None,
        })
        .unwrap();
    let finance =
        ikp_core::SetupInput { role: Role::Finance, agency_code: Some("BPKAD".into()), user_name: "Bendahara".into() };
    let mut bpkd = enrol(&mut root, 5, finance);
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));

    bpkd.desk.budget().set_ceiling(ceiling("DP3A", BudgetStage::Murni, "12 miliar", "2026-01-02")).unwrap();
    bpkd.desk
        .budget()
        .record_realization(RealizationInput {
            agency_code: "DP3A".into(),
            realized_on: "2026-11-02".into(),
            amount: "Rp25.000.000".into(),
            reference: "SP2D 001".into(),
            note: String::new(),
        })
        .unwrap();
    send(&mut bpkd, &mut root);
    let budget = root.desk.budget().agency("DP3A", YEAR).unwrap();
    assert_eq!(budget.ceilings.len(), 1, "BPKD's pagu reached the root");
    assert_eq!(budget.curve.realized.to_short_indonesian(), "Rp25 juta", "BPKD's realization reached the root");

    // DP3A's own laptop: refused by the core, nothing written.
    let before = dp3a.state();
    let own = dp3a.desk.budget().set_ceiling(ceiling("DP3A", BudgetStage::Perubahan, "99 miliar", "2026-09-15"));
    assert!(matches!(own.unwrap_err(), CoreError::NotAuthorized { .. }));
    assert_eq!(dp3a.state(), before);

    // The same kind of event, crafted and signed with DP3A's key: refused on import.
    let unpacked = bundle::read(&bpkd.bundle()).unwrap();
    let pagu = unpacked
        .events
        .iter()
        .map(|raw| serde_json::from_slice::<Envelope>(&raw.body).unwrap())
        .find(|envelope| envelope.kind == "budget.ceiling_set")
        .expect("BPKD's pagu is in its bundle");
    let forged = SignedEvent::seal(&dp3a.key(), next_seq(&dp3a), late(), &pagu.kind, pagu.pv, pagu.payload);
    let bytes = crafted(&root, &[forged]);
    match refused(&mut root, &bytes) {
        CoreError::BundleRefused { refused, .. } => assert_eq!(refused[0].reason, EventRefusal::NotAuthorized),
        other => panic!("expected the forged pagu refused, got {other}"),
    }
}

/// The operator at the notulis' laptop records what the chair decides in the room. In a
/// sitting its decision stands as the chair's, names the operator as the one who recorded
/// it, and reaches the Regent's laptop; outside a sitting the operator decides nothing. On
/// import the same rule holds: the operator's key signing a decision that names no sitting
/// is refused, and so is an agency's key signing one that names a sitting. (Failed before:
/// the operator could record no decision at all.)
#[test]
fn the_operator_records_the_chair_s_decisions_in_a_sitting_and_nowhere_else() {
    use ikp_core::error::EventRefusal;
    use ikp_core::event::{Envelope, SignedEvent};
    use ikp_core::minutes::ops::MeetingDetailsInput;
    use ikp_core::negotiation::ops::DecisionInput;
    use ikp_core::negotiation::{NegotiationStatus, Outcome};
    use ikp_core::sync::bundle;

    use crate::sync::{ask, crafted, enrol, late, meeting, next_seq, refusal, refused, send, Meeting};

    let Meeting { mut root, mut dp3a, indicator_id, .. } = meeting();
    let operator_setup =
        ikp_core::SetupInput { role: Role::Operator, agency_code: None, user_name: "Rina Marlina".into() };
    let mut operator = enrol(&mut root, 6, operator_setup);
    let request = ask(&mut dp3a.desk, &indicator_id);
    send(&mut dp3a, &mut root);
    send(&mut root, &mut operator);
    let approve = |meeting_id: Option<String>| DecisionInput {
        negotiation_id: request.clone(),
        outcome: Outcome::Approve,
        counter_target: None,
        counter_deadline: None,
        note: String::new(),
        meeting_id,
    };

    let before = operator.state();
    let outside = operator.desk.negotiations().decide(approve(None));
    assert!(matches!(outside.unwrap_err(), CoreError::NotAuthorized { .. }), "no sitting, no decision");
    assert_eq!(operator.state(), before, "the refusal wrote nothing");

    let official = |name: &str, title: &str| ikp_core::minutes::payload::Official {
        name: name.into(),
        title: title.into(),
        ..Default::default()
    };
    let sitting = operator
        .desk
        .minutes()
        .create(MeetingDetailsInput {
            title: "Rapat Pimpinan".into(),
            number: String::new(),
            held_on: "2026-11-29".into(),
            start_time: "09.00".into(),
            end_time: String::new(),
            place: "Ruang Rapat Bupati".into(),
            chair: official("Dr. H. Dani Ramdan", "Bupati Bekasi"),
            secretary: official("Drs. Dedy Supriyadi", "Sekretaris Daerah"),
            notulis: official("Rina Marlina", "Operator Bagian Umum"),
        })
        .unwrap();
    let meeting_id = sitting.meeting.id.clone();
    operator.desk.negotiations().decide(approve(Some(meeting_id.clone()))).unwrap();

    send(&mut operator, &mut root);
    for (laptop, who) in [(&mut operator, "the operator's"), (&mut root, "the Regent's")] {
        let detail = laptop.desk.negotiations().detail(&request).unwrap();
        assert_eq!(detail.status, NegotiationStatus::Approved, "on {who} laptop");
        let decision = detail.decisions.iter().find(|decision| decision.standing).unwrap();
        assert_eq!(decision.chaired_by.as_deref(), Some("Dr. H. Dani Ramdan"), "the chair decided, on {who} laptop");
        assert!(decision.decided_by.contains("Rina Marlina"), "the operator recorded it: {}", decision.decided_by);
        assert_eq!(decision.meeting_id.as_deref(), Some(meeting_id.as_str()));
    }

    // The operator's decision, re-signed without its sitting; and signed by DP3A's key.
    let decided = bundle::read(&operator.bundle())
        .unwrap()
        .events
        .iter()
        .map(|raw| serde_json::from_slice::<Envelope>(&raw.body).unwrap())
        .find(|envelope| envelope.kind == "negotiation.decided")
        .expect("the operator's decision is in its bundle");
    let mut no_sitting: serde_json::Value = serde_json::from_str(decided.payload.get()).unwrap();
    no_sitting["meeting_id"] = serde_json::Value::Null;
    let unseated =
        SignedEvent::seal(&operator.key(), next_seq(&operator), late(), &decided.kind, decided.pv, no_sitting);
    let bytes = crafted(&root, &[unseated]);
    assert_eq!(refusal(&refused(&mut root, &bytes)), EventRefusal::NotAuthorized);
    let by_agency = SignedEvent::seal(&dp3a.key(), next_seq(&dp3a), late(), &decided.kind, decided.pv, decided.payload);
    let bytes = crafted(&root, &[by_agency]);
    assert_eq!(refusal(&refused(&mut root, &bytes)), EventRefusal::NotAuthorized);
}
