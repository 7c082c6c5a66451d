//! IKP instructions through their whole life, with the Regent, the Secretary and agency
//! staff as separate signing devices on one database.

use chrono::NaiveDate;
use ikp_core::instruction::achievement::{AchievementNote, Standing};
use ikp_core::instruction::lifecycle::{Action, Status};
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::queries::InstructionFilter;
use ikp_core::instruction::Direction;
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::harness::{fingerprint, office};

pub(crate) fn child_violence_case() -> IssueInput {
    IssueInput {
        title: "Penanganan kasus kekerasan terhadap anak di Kecamatan Tambun Selatan".into(),
        category: "kekerasan_terhadap_anak".into(),
        background: "Laporan warga tentang kekerasan terhadap anak di lingkungan sekolah.".into(),
        text: "DP3A mendampingi korban dan menuntaskan penanganan kasus dalam satu bulan.".into(),
        lead_agency: "DP3A".into(),
        supporting_agencies: vec!["DINKES".into()],
        indicators: vec![
            IndicatorInput {
                agency_code: "DP3A".into(),
                name: "Korban yang mendapat pendampingan".into(),
                unit: "orang".into(),
                baseline: "0".into(),
                target: "12".into(),
                direction: Direction::HigherIsBetter,
                deadline: None,
                source: None,
            },
            IndicatorInput {
                agency_code: "DP3A".into(),
                name: "Waktu tanggap laporan".into(),
                unit: "hari".into(),
                baseline: "14".into(),
                target: "3".into(),
                direction: Direction::LowerIsBetter,
                deadline: None,
                source: None,
            },
        ],
        deadline: None,
        draft_only: false,
    }
}

/// The official number the next instruction will get (the demo data issued some already).
fn next_number(desk: &mut Desk) -> String {
    let issued =
        desk.instructions().list(&InstructionFilter::default()).unwrap().iter().filter(|s| s.number.is_some()).count();
    format!("IKP/{}/XI/2026", issued + 1)
}

pub(crate) fn progress(indicator_id: &str, value: &str) -> ProgressInput {
    ProgressInput {
        indicator_id: indicator_id.into(),
        value: value.into(),
        reported_on: None,
        note: "Laporan mingguan".into(),
        evidence: vec![],
    }
}

#[test]
fn an_instruction_runs_from_issue_to_verification() {
    let mut office = office();
    let expected_number = next_number(&mut office.regent);
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let id = issued.summary.id.clone();
    assert_eq!(issued.summary.status, Status::Issued);
    assert_eq!(issued.summary.number, Some(expected_number));
    assert_eq!(issued.summary.deadline, "2026-12-29", "one month after issue by default");
    assert_eq!(issued.agencies.len(), 2);

    let victims = issued.indicators[0].id.clone();
    let response_days = issued.indicators[1].id.clone();
    let after_report = office.dp3a.instructions().report_progress(progress(&victims, "6")).unwrap();
    assert_eq!(after_report.summary.status, Status::InProgress);
    assert_eq!(after_report.indicators[0].achievement.permille, 500);

    let after_second = office.dp3a.instructions().report_progress(progress(&response_days, "8,5")).unwrap();
    assert_eq!(after_second.indicators[1].achievement.permille, 500);
    assert_eq!(after_second.summary.achievement_permille, 500);

    let reported = office.dp3a.instructions().report_completion(&id, "Seluruh korban telah didampingi").unwrap();
    assert_eq!(reported.summary.status, Status::ReportedComplete);
    let returned = office.regent.instructions().return_completion(&id, "Waktu tanggap belum tercapai").unwrap();
    assert_eq!(returned.summary.status, Status::InProgress);
    office.dp3a.instructions().report_progress(progress(&victims, "13")).unwrap();
    office.dp3a.instructions().report_progress(progress(&response_days, "3")).unwrap();
    office.dp3a.instructions().report_completion(&id, "Target tercapai").unwrap();
    let verified = office.regent.instructions().verify(&id, "Diterima").unwrap();

    assert_eq!(verified.summary.status, Status::Verified);
    assert_eq!(verified.summary.standing, Standing::Done);
    assert_eq!(verified.indicators[0].achievement.note, AchievementNote::Exceeded);
    assert_eq!(verified.summary.achievement_permille, 1000);
    let actions: Vec<&str> = verified.timeline.iter().map(|entry| entry.action.stored(entry.applied)).collect();
    assert_eq!(
        actions,
        [
            "drafted",
            "issued",
            "progress_reported",
            "progress_reported",
            "completion_reported",
            "completion_returned",
            "progress_reported",
            "progress_reported",
            "completion_reported",
            "verified"
        ]
    );
    assert!(office.regent.check().unwrap().is_clean());
}

#[test]
fn refused_transitions_are_typed_errors_and_write_nothing() {
    let mut office = office();
    let draft = office.regent.instructions().issue(IssueInput { draft_only: true, ..child_violence_case() }).unwrap();
    let id = draft.summary.id.clone();
    let indicator = draft.indicators[0].id.clone();
    assert_eq!(draft.summary.status, Status::Draft);
    assert_eq!(draft.summary.number, None);

    let before = fingerprint(&office.regent);
    assert_eq!(
        office.dp3a.instructions().report_progress(progress(&indicator, "1")).unwrap_err(),
        CoreError::InvalidTransition { status: Status::Draft, action: Action::ReportProgress }
    );
    assert_eq!(
        office.regent.instructions().verify(&id, "").unwrap_err(),
        CoreError::InvalidTransition { status: Status::Draft, action: Action::Verify }
    );
    assert_eq!(
        office.dp3a.instructions().report_completion(&id, "").unwrap_err(),
        CoreError::InvalidTransition { status: Status::Draft, action: Action::ReportComplete }
    );
    assert_eq!(fingerprint(&office.regent), before);

    office.regent.instructions().issue_draft(&id).unwrap();
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.regent.instructions().issue_draft(&id).unwrap_err(),
        CoreError::InvalidTransition { status: Status::Issued, action: Action::Issue }
    );
    assert_eq!(
        office.dp3a.instructions().report_completion(&id, "").unwrap_err(),
        CoreError::InvalidTransition { status: Status::Issued, action: Action::ReportComplete }
    );
    assert_eq!(fingerprint(&office.regent), before);

    office.regent.instructions().cancel(&id, "Ditangani oleh provinsi").unwrap();
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.dp3a.instructions().report_progress(progress(&indicator, "1")).unwrap_err(),
        CoreError::InvalidTransition { status: Status::Cancelled, action: Action::ReportProgress }
    );
    assert_eq!(
        office.regent.instructions().cancel(&id, "lagi").unwrap_err(),
        CoreError::InvalidTransition { status: Status::Cancelled, action: Action::Cancel }
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn role_rules_hold_for_issuing_reporting_and_verifying() {
    let mut office = office();
    let before = fingerprint(&office.regent);
    let refused = office.dp3a.instructions().issue(child_violence_case()).unwrap_err();
    assert_eq!(refused, CoreError::NotAuthorized { kind: "instruction.drafted".into(), role: Some(Role::AgencyStaff) });
    assert_eq!(fingerprint(&office.regent), before);

    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let id = issued.summary.id.clone();
    let before = fingerprint(&office.regent);
    let other_agency = office.bpbd.instructions().report_progress(progress(&issued.indicators[0].id, "3")).unwrap_err();
    assert_eq!(
        other_agency,
        CoreError::NotAuthorized { kind: "progress.reported".into(), role: Some(Role::AgencyStaff) }
    );
    let regent_reports =
        office.regent.instructions().report_progress(progress(&issued.indicators[0].id, "3")).unwrap_err();
    assert!(matches!(regent_reports, CoreError::NotAuthorized { .. }), "{regent_reports:?}");
    assert_eq!(fingerprint(&office.regent), before);

    office.dp3a.instructions().report_progress(progress(&issued.indicators[0].id, "3")).unwrap();
    office.dp3a.instructions().report_completion(&id, "selesai").unwrap();
    let before = fingerprint(&office.regent);
    let staff_verifies = office.dp3a.instructions().verify(&id, "").unwrap_err();
    assert_eq!(
        staff_verifies,
        CoreError::NotAuthorized { kind: "instruction.verified".into(), role: Some(Role::AgencyStaff) }
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn invalid_issue_forms_name_the_field() {
    let mut office = office();
    let before = fingerprint(&office.regent);
    let mut wrong_way = child_violence_case();
    wrong_way.indicators[1].target = "20".into();
    let mut not_a_number = child_violence_case();
    not_a_number.indicators[0].target = "dua belas".into();
    let cases = [
        (
            IssueInput { title: " ".into(), ..child_violence_case() },
            CoreError::invalid("title", InputProblem::Required),
        ),
        (
            IssueInput { category: "gempa".into(), ..child_violence_case() },
            CoreError::invalid("category", InputProblem::NotAllowed),
        ),
        (
            IssueInput { deadline: Some("2026-11-01".into()), ..child_violence_case() },
            CoreError::invalid("deadline", InputProblem::InThePast),
        ),
        (
            IssueInput { deadline: Some("29/12/2026".into()), ..child_violence_case() },
            CoreError::invalid("deadline", InputProblem::NotADate),
        ),
        (
            IssueInput { indicators: vec![], ..child_violence_case() },
            CoreError::invalid("indicators", InputProblem::Required),
        ),
        (
            IssueInput { lead_agency: "DINAS-X".into(), ..child_violence_case() },
            CoreError::UnknownAgency { code: "DINAS-X".into() },
        ),
        (wrong_way, CoreError::invalid("indicators.1.target", InputProblem::WrongDirection)),
        (not_a_number, CoreError::invalid("indicators.0.target", InputProblem::NotANumber)),
    ];
    for (input, expected) in cases {
        assert_eq!(office.regent.instructions().issue(input).unwrap_err(), expected);
    }
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn numbers_count_up_within_the_year_and_lists_filter() {
    let mut office = office();
    let before_dashboard = office.regent.instructions().dashboard().unwrap();
    let before_bpbd = bpbd_score(&mut office.regent);
    let first_number = next_number(&mut office.regent);
    let first = office.regent.instructions().issue(child_violence_case()).unwrap();
    assert_eq!(first.summary.number, Some(first_number));
    let drought = IssueInput {
        title: "Tanggap darurat kekeringan di Desa Sirnajaya".into(),
        category: "kekeringan".into(),
        lead_agency: "BPBD".into(),
        supporting_agencies: vec!["SDABMBK".into()],
        indicators: vec![IndicatorInput {
            agency_code: "BPBD".into(),
            name: "Desa terlayani air bersih".into(),
            unit: "desa".into(),
            baseline: "0".into(),
            target: "8".into(),
            direction: Direction::HigherIsBetter,
            deadline: None,
            source: None,
        }],
        ..child_violence_case()
    };
    let second_number = next_number(&mut office.regent);
    let second = office.regent.instructions().issue(drought).unwrap();
    assert_eq!(second.summary.number, Some(second_number.clone()));
    assert_ne!(first.summary.number, second.summary.number);

    let mut numbers = |filter: InstructionFilter| -> Vec<String> {
        office.regent.instructions().list(&filter).unwrap().into_iter().filter_map(|s| s.number).collect()
    };
    let by_agency = numbers(InstructionFilter { agency_code: Some("SDABMBK".into()), ..Default::default() });
    assert!(by_agency.contains(&second_number), "{by_agency:?}");
    assert!(!by_agency.contains(first.summary.number.as_ref().unwrap()), "{by_agency:?}");
    let by_text = numbers(InstructionFilter { text: Some("SIRNAJAYA".into()), ..Default::default() });
    assert_eq!(by_text, std::slice::from_ref(&second_number));
    let by_text_with_wildcards = numbers(InstructionFilter { text: Some("%_%".into()), ..Default::default() });
    assert!(by_text_with_wildcards.is_empty(), "% is a character, not a wildcard: {by_text_with_wildcards:?}");
    let by_category = numbers(InstructionFilter { category: Some("kekeringan".into()), ..Default::default() });
    assert!(by_category.contains(&second_number) && !by_category.contains(first.summary.number.as_ref().unwrap()));
    let overdue =
        office.regent.instructions().list(&InstructionFilter { overdue_only: true, ..Default::default() }).unwrap();
    assert!(overdue.iter().all(|s| s.days_left < 0 && s.status.is_active()), "{overdue:?}");
    assert!(!overdue.iter().any(|s| s.id == second.summary.id));

    let bpbd = bpbd_score(&mut office.regent);
    assert_eq!((bpbd.active, bpbd.on_track), (before_bpbd.active + 1, before_bpbd.on_track + 1));
    let dashboard = office.regent.instructions().dashboard().unwrap();
    assert_eq!(dashboard.active, before_dashboard.active + 2);
    let silent = office.regent.instructions().silent_indicators(0).unwrap();
    let silent_ids: Vec<&str> =
        silent.iter().flat_map(|group| group.indicators.iter().map(|i| i.instruction_id.as_str())).collect();
    assert_eq!(silent_ids.iter().filter(|id| **id == first.summary.id).count(), 2);
    assert_eq!(office.bpbd.today(), NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
}

fn bpbd_score(desk: &mut Desk) -> ikp_core::instruction::queries::AgencyScore {
    desk.instructions().scorecard().unwrap().into_iter().find(|score| score.agency_code == "BPBD").unwrap_or_default()
}

#[test]
fn rebuild_after_a_whole_lifecycle_gives_identical_projections() {
    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    office.dp3a.instructions().report_progress(progress(&issued.indicators[0].id, "4")).unwrap();
    office.dp3a.instructions().report_progress(progress(&issued.indicators[1].id, "10")).unwrap();
    let before = fingerprint(&office.regent);
    office.regent.rebuild().unwrap();
    assert_eq!(fingerprint(&office.regent), before);
}

/// `instruction.note_added`, the kind added to show what a new kind costs: an agency the
/// instruction names writes a note; any other agency is refused, and a note signed for an
/// agency the instruction does not name changes nothing but an "ignored" timeline row.
#[test]
fn an_agency_on_the_instruction_writes_a_note_and_no_other_can() {
    use ikp_core::instruction::payload::InstructionNoteAdded;
    use ikp_core::instruction::timeline::TimelineStep;
    use ikp_core::kinds::DomainEvent;

    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let id = issued.summary.id.clone();
    assert!(!issued.allowed_actions.add_note, "the leadership has no agency to write for");
    assert!(office.dp3a.instructions().detail(&id).unwrap().allowed_actions.add_note);
    assert!(!office.bpbd.instructions().detail(&id).unwrap().allowed_actions.add_note);

    let noted = office.dp3a.instructions().add_note(&id, "Menunggu data korban dari Dinkes").unwrap();
    let entry = noted
        .timeline
        .iter()
        .find(|entry| entry.action == TimelineStep::NoteAdded && entry.applied)
        .expect("the note in the timeline");
    assert!(format!("{:?}", entry.detail).contains("Menunggu data korban dari Dinkes"));

    for (desk, who) in [(&mut office.bpbd, "BPBD"), (&mut office.regent, "the Regent")] {
        let before = fingerprint(desk);
        let refused = desk.instructions().add_note(&id, "Catatan").unwrap_err();
        assert!(matches!(refused, CoreError::NotAuthorized { .. }), "{who}: {refused:?}");
        assert_eq!(fingerprint(desk), before, "{who}'s refusal wrote nothing");
    }
    assert_eq!(
        office.dp3a.instructions().add_note(&id, "  ").unwrap_err(),
        CoreError::invalid("note", InputProblem::Required)
    );

    // Signed by BPBD for BPBD (its own agency, so the policy lets it through) on an
    // instruction that does not name BPBD: kept, shown as ignored, and counts for nothing.
    office
        .bpbd
        .record(DomainEvent::InstructionNoteAdded(InstructionNoteAdded {
            instruction_id: id.clone(),
            agency_code: "BPBD".into(),
            note: "Catatan dari luar".into(),
        }))
        .unwrap();
    let timeline = office.regent.instructions().detail(&id).unwrap().timeline;
    let notes = |applied: bool| {
        timeline.iter().filter(|entry| entry.action == TimelineStep::NoteAdded && entry.applied == applied).count()
    };
    assert_eq!((notes(true), notes(false)), (1, 1), "one note applied, the outsider's kept as ignored");
}

/// "Salin ringkasan" of an instruction: its number and title in bold, the lead agency
/// first, the deadline as Indonesians write it, the text and every indicator's target.
#[test]
fn an_instruction_is_copied_as_a_whatsapp_message() {
    use ikp_core::share::ShareSubject;

    let mut office = office();
    let mut case = child_violence_case();
    case.indicators[0].target = "1500".into();
    case.text = "DP3A mendampingi *korban*.\n\nDinkes memeriksa kesehatan korban.".into();
    let detail = office.regent.instructions().issue(case).unwrap();
    let number = detail.summary.number.clone().expect("issued");
    let message = office.dp3a.minutes().share_message(&ShareSubject::Instruction(detail.summary.id.clone())).unwrap();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines[0], format!("*Instruksi Khusus Pimpinan {number}*"));
    assert_eq!(lines[1], "*Penanganan kasus kekerasan terhadap anak di Kecamatan Tambun Selatan*");
    assert!(lines[2].starts_with("Kepada: DP3A (utama), "), "{message}");
    assert!(lines[3].starts_with("Tenggat: ") && !lines[3].contains('-'), "a date in words: {message}");
    assert!(message.contains("DP3A mendampingi ∗korban∗.\nDinkes memeriksa"), "paragraphs kept, no markup: {message}");
    assert!(
        message.contains("• Korban yang mendapat pendampingan (DP3A): target 1.500 orang, tenggat "),
        "the target with a thousands separator: {message}"
    );
    assert!(message.contains("• Waktu tanggap laporan (DP3A): target 3 hari"), "{message}");
}
