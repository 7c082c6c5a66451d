//! The regency's officials and letterhead as master data: a change of Regent (Pj., then
//! definitif) never rewrites what was before, NIPs are checked, and the notulen print the
//! real kop, the signature city and — where the regency says so — "a.n. Bupati".

use ikp_core::letterhead::{LetterheadSet, MinutesTitle};
use ikp_core::minutes::ops::MeetingDetailsInput;
use ikp_core::minutes::payload::Official as MinutesOfficial;
use ikp_core::negotiation::ops::{DecisionInput, NegotiationInput};
use ikp_core::negotiation::{Movement, Outcome};
use ikp_core::officials::{AppointmentInput, Designation, OfficialPost};
use ikp_core::{CoreError, InputProblem};

use crate::harness::{fingerprint, office};
use crate::instructions::child_violence_case;
use crate::minutes::requests_item;

fn appointment(post: OfficialPost, designation: Designation, name: &str, nip: &str, since: &str) -> AppointmentInput {
    AppointmentInput {
        post,
        designation,
        name: name.into(),
        nip: nip.into(),
        rank: if nip.is_empty() { String::new() } else { "Pembina Utama Madya (IV/d)".into() },
        since: since.into(),
    }
}

fn kop() -> LetterheadSet {
    LetterheadSet {
        address: "Kompleks Perkantoran Pemkab Bekasi, Desa Sukamahi, Cikarang Pusat 17530".into(),
        telephone: "(021) 89970011".into(),
        website: "bekasikab.go.id".into(),
        email: "setda@bekasikab.go.id".into(),
        signature_city: "Cikarang".into(),
        sign_on_behalf: true,
        ..LetterheadSet::default()
    }
}

/// A Pj. Bupati, then the elected Bupati: the holder today is the latest appointment made
/// by today, and every appointment stays on record. (Failed before: no officials existed.)
#[test]
fn a_change_of_regent_keeps_every_appointment_and_names_today_s_holder() {
    let mut office = office();
    let regent = &mut office.regent;
    regent
        .settings()
        .appoint_official(appointment(OfficialPost::Regent, Designation::Acting, "Dedy Supriyadi", "", "2025-01-02"))
        .unwrap();
    regent
        .settings()
        .appoint_official(appointment(
            OfficialPost::Regent,
            Designation::Definitive,
            "Ade Kuswara Kunang",
            "",
            "2025-02-20",
        ))
        .unwrap();
    regent
        .settings()
        .appoint_official(appointment(
            OfficialPost::Secretary,
            Designation::Definitive,
            "Dr. Endin Samsudin",
            "196805151993031006",
            "2024-06-01",
        ))
        .unwrap();
    // Recorded ahead: a new Sekda sworn in after today is not yet the holder.
    let future = (office.regent.today() + chrono::Days::new(30)).to_string();
    let officials = office
        .regent
        .settings()
        .appoint_official(appointment(
            OfficialPost::Secretary,
            Designation::Definitive,
            "Calon Sekda",
            "197001011995031001",
            &future,
        ))
        .unwrap();
    let holder = |post| officials.current.iter().find(|official| official.post == post).unwrap();
    assert_eq!(holder(OfficialPost::Regent).name, "Ade Kuswara Kunang");
    assert_eq!(holder(OfficialPost::Regent).title, "Bupati Bekasi");
    assert_eq!(holder(OfficialPost::Secretary).name, "Dr. Endin Samsudin");
    assert_eq!(holder(OfficialPost::Secretary).title, "Sekretaris Daerah Kabupaten Bekasi");
    assert_eq!(officials.history.len(), 4);
    let acting = officials.history.iter().find(|official| official.name == "Dedy Supriyadi").unwrap();
    assert_eq!(acting.title, "Pj. Bupati Bekasi");
    let status = office.regent.status().unwrap();
    assert_eq!(status.officials.len(), 2, "the status names today's holders");
}

#[test]
fn appointments_are_checked_and_refused_ones_write_nothing() {
    let mut office = office();
    let before = fingerprint(&office.regent);
    let cases = [
        (
            appointment(OfficialPost::Secretary, Designation::Definitive, "Sekda", "", "2025-01-01"),
            "nip",
            InputProblem::Required,
        ),
        (
            appointment(OfficialPost::Secretary, Designation::Definitive, "Sekda", "1968-05", "2025-01-01"),
            "nip",
            InputProblem::NotAllowed,
        ),
        (
            appointment(OfficialPost::ViceRegent, Designation::Acting, "Wakil", "", "2025-01-01"),
            "designation",
            InputProblem::NotAllowed,
        ),
        (
            appointment(OfficialPost::Regent, Designation::Definitive, " ", "", "2025-01-01"),
            "name",
            InputProblem::Required,
        ),
        (
            appointment(OfficialPost::Regent, Designation::Definitive, "Bupati", "", "20-01-2025"),
            "since",
            InputProblem::NotADate,
        ),
    ];
    for (input, field, problem) in cases {
        assert_eq!(
            office.regent.settings().appoint_official(input).unwrap_err(),
            CoreError::invalid(field, problem),
            "{field}"
        );
    }
    let staff = office.dp3a.settings().appoint_official(appointment(
        OfficialPost::Regent,
        Designation::Definitive,
        "Palsu",
        "",
        "2025-01-01",
    ));
    assert!(matches!(staff.unwrap_err(), CoreError::NotAuthorized { .. }));
    assert!(matches!(office.dp3a.settings().set_letterhead(kop()).unwrap_err(), CoreError::NotAuthorized { .. }));
    assert_eq!(fingerprint(&office.regent), before, "nothing written");
    let no_city = LetterheadSet { signature_city: String::new(), ..kop() };
    assert_eq!(
        office.regent.settings().set_letterhead(no_city).unwrap_err(),
        CoreError::invalid("signatureCity", InputProblem::Required)
    );
}

/// The notulen print the kop's lines and the signature city, and a decision the Sekda
/// took is marked "a.n. Bupati" when the regency says so (and not otherwise).
#[test]
fn the_notulen_print_the_real_kop_the_signature_city_and_a_n_bupati() {
    let mut office = office();
    office.regent.settings().set_letterhead(kop()).unwrap();
    let detail = office.regent.instructions().issue(child_violence_case()).unwrap();
    let request = office
        .dp3a
        .negotiations()
        .request(NegotiationInput {
            indicator_id: detail.indicators[0].id.clone(),
            movement: Movement::Lower,
            proposed_target: Some("10".into()),
            proposed_deadline: None,
            justification: "Korban pindah domisili.".into(),
            evidence: vec![],
        })
        .unwrap();
    let person =
        |name: &str, title: &str| MinutesOfficial { name: name.into(), title: title.into(), ..Default::default() };
    let held_on = office.secretary.today().to_string();
    let minutes = office
        .secretary
        .minutes()
        .create(MeetingDetailsInput {
            title: "Rapat Pimpinan".into(),
            number: "005/1/Setda".into(),
            held_on,
            start_time: "09.00".into(),
            end_time: String::new(),
            place: "Ruang Rapat Bupati, Jakarta".into(),
            chair: person("Ade Kuswara Kunang", "Bupati Bekasi"),
            secretary: person("Dr. Endin Samsudin", "Sekretaris Daerah"),
            notulis: person("Rina", "Operator"),
        })
        .unwrap();
    let meeting_id = minutes.meeting.id.clone();
    office.secretary.minutes().set_agenda_item(requests_item(&meeting_id)).unwrap();
    office
        .secretary
        .negotiations()
        .decide(DecisionInput {
            negotiation_id: request.id.clone(),
            outcome: Outcome::Approve,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: Some(meeting_id.clone()),
        })
        .unwrap();

    let document = office.secretary.minutes().export(&meeting_id).unwrap().document;
    assert_eq!(
        document.letterhead.address,
        "Kompleks Perkantoran Pemkab Bekasi, Desa Sukamahi, Cikarang Pusat 17530 · Telp. (021) 89970011 · \
         Laman: bekasikab.go.id · Pos-el: setda@bekasikab.go.id"
    );
    assert!(document.signed_at.starts_with("Cikarang, "), "{}", document.signed_at);
    assert_eq!(document.decisions[0].decision, "Disetujui (a.n. Bupati)");

    assert_eq!(document.heading, "NOTULEN RAPAT");

    office
        .regent
        .settings()
        .set_letterhead(LetterheadSet { sign_on_behalf: false, minutes_title: MinutesTitle::Notula, ..kop() })
        .unwrap();
    let document = office.secretary.minutes().export(&meeting_id).unwrap().document;
    assert_eq!(document.decisions[0].decision, "Disetujui");
    assert_eq!(document.heading, "NOTULA RAPAT", "the regency's tata naskah dinas says Notula");
}
