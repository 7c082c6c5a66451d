//! One meeting's decisions as a file for the agencies: the notulen, the decisions taken
//! in the meeting and what they stand on (the requests and their instructions), and
//! nothing else the Secretariat holds.

use ikp_core::minutes::ops::MeetingDetailsInput;
use ikp_core::minutes::payload::Official;
use ikp_core::negotiation::ops::DecisionInput;
use ikp_core::negotiation::{NegotiationStatus, Outcome};
use ikp_core::sync::export::ExportScope;
use ikp_core::CoreError;

use crate::harness::staff_of;
use crate::instructions::child_violence_case;
use crate::minutes::requests_item;
use crate::sync::{ask, laptop, meeting, send};

fn official(name: &str, title: &str) -> Official {
    Official { name: name.into(), title: title.into(), rank: String::new(), nip: String::new() }
}

#[test]
fn a_meeting_s_decisions_travel_to_the_agencies_in_a_file_of_their_own() {
    let mut m = meeting();
    let request = ask(&mut m.dp3a.desk, &m.indicator_id);
    send(&mut m.dp3a, &mut m.secretary);
    // Something the meeting did not touch: a second instruction, and a request left waiting.
    let mut unrelated = child_violence_case();
    unrelated.title = "Penanganan sampah pasca banjir".into();
    let other = m.root.desk.instructions().issue(unrelated).unwrap();
    send(&mut m.root, &mut m.secretary);

    let details = MeetingDetailsInput {
        title: "Rapat Pimpinan".into(),
        number: "005/1/Setda".into(),
        held_on: "2026-11-29".into(),
        start_time: "09.00".into(),
        end_time: "11.00".into(),
        place: "Ruang Rapat Bupati".into(),
        chair: official("H. Ahmad Suryana", "Bupati Bekasi"),
        secretary: official("Rina Marlina", "Sekretaris Daerah"),
        notulis: official("Dedi Kurniawan", "Notulis"),
    };
    let secretary = &mut m.secretary.desk;
    let meeting_id = secretary.minutes().create(details).unwrap().meeting.id;
    secretary.minutes().set_agenda_item(requests_item(&meeting_id)).unwrap();
    secretary
        .negotiations()
        .decide(DecisionInput {
            negotiation_id: request.clone(),
            outcome: Outcome::Approve,
            counter_target: None,
            counter_deadline: None,
            note: "Disetujui dalam rapim.".into(),
            meeting_id: Some(meeting_id.clone()),
        })
        .unwrap();
    secretary.minutes().finalize(&meeting_id).unwrap();
    let (file, report) = secretary.sync().export_bundle(&ExportScope::Meeting(meeting_id.clone())).unwrap();
    let (everything, _) = secretary.sync().export_bundle(&ExportScope::Everything).unwrap();
    assert!(file.len() < everything.len(), "a meeting's file carries less than everything");

    // DP3A, which asked, learns the outcome from this file alone.
    let imported = m.dp3a.import(&file).unwrap();
    assert!(imported.pending.is_empty(), "nothing waits: {:?}", imported.pending);
    assert_eq!(m.dp3a.desk.negotiations().detail(&request).unwrap().status, NegotiationStatus::Approved);
    assert_eq!(m.dp3a.desk.minutes().detail(&meeting_id).unwrap().finalized_on.as_deref(), Some("2026-11-29"));

    // A laptop that holds nothing yet but its enrolment gets what the decisions stand on —
    // the instruction and the request — and nothing else.
    let mut bpbd = laptop(5, 0);
    bpbd.desk.setup_device(staff_of("BPBD")).unwrap();
    let request_file = bpbd.desk.sync().enrolment_request().unwrap();
    m.root.desk.sync().approve_enrolment(&request_file, None).unwrap();
    let far_ahead = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
    let (answer, _) = m.root.desk.sync().export_bundle(&ExportScope::Since(far_ahead)).unwrap();
    bpbd.join(&mut m.root, &answer).unwrap();
    assert!(bpbd.desk.instructions().detail(&m.instruction_id).is_err(), "the answer carried the enrolments only");
    let imported = bpbd.import(&file).unwrap();
    assert!(imported.pending.is_empty(), "every decision comes with its request: {:?}", imported.pending);
    assert_eq!(bpbd.desk.negotiations().detail(&request).unwrap().status, NegotiationStatus::Approved);
    assert!(bpbd.desk.instructions().detail(&m.instruction_id).is_ok());
    assert_eq!(
        bpbd.desk.instructions().detail(&other.summary.id).unwrap_err(),
        CoreError::UnknownInstruction { id: other.summary.id.clone() },
        "an instruction the meeting did not touch stays home"
    );
    assert!(report.events as usize >= imported.new_events as usize);
}
