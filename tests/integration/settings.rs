//! Regency settings (categories, number format), editing drafts, the structured
//! timeline with its projection-format upgrade, the agency dashboard and evidence
//! files for viewing: against real SQLite files, as separate signing devices.

use std::fs;

use chrono::NaiveDate;
use ikp_core::instruction::lifecycle::{Action, Status};
use ikp_core::instruction::ops::{EditDraftInput, IssueInput};
use ikp_core::instruction::payload::InstructionIssued;
use ikp_core::instruction::queries::InstructionFilter;
use ikp_core::instruction::timeline::TimelineDetail;
use ikp_core::kinds::DomainEvent;
use ikp_core::projection::{self, PROJECTION_VERSION};
use ikp_core::settings::{CategoryInput, DEFAULT_NUMBER_TEMPLATE};
use ikp_core::{CoreError, Desk, InputProblem, NumberFormatProblem};

use crate::harness::fingerprint;
use crate::harness::office;
use crate::instructions::{child_violence_case, progress};

fn keep(code: &str, label: &str) -> CategoryInput {
    CategoryInput { code: Some(code.into()), label: label.into() }
}

fn new_category(label: &str) -> CategoryInput {
    CategoryInput { code: None, label: label.into() }
}

fn with_category(category: &str) -> IssueInput {
    IssueInput { category: category.into(), ..child_violence_case() }
}

fn issued_count(desk: &mut Desk) -> usize {
    desk.instructions().list(&InstructionFilter::default()).unwrap().iter().filter(|s| s.number.is_some()).count()
}

#[test]
fn the_regent_edits_the_category_list_and_old_instructions_keep_their_codes() {
    let mut office = office();
    let drought = office.regent.instructions().issue(with_category("kekeringan")).unwrap();

    let mut list: Vec<CategoryInput> = office
        .regent
        .settings()
        .categories()
        .unwrap()
        .categories
        .into_iter()
        .filter(|category| category.code != "kekeringan")
        .map(|category| CategoryInput { code: Some(category.code), label: category.label })
        .collect();
    list[1] = keep("banjir", "Banjir dan genangan");
    list.push(new_category("Stunting & gizi buruk"));
    let settings = office.regent.settings().set_categories(list).unwrap();

    assert!(settings.customized);
    let codes: Vec<&str> = settings.categories.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.contains(&"stunting_gizi_buruk"), "{codes:?}");
    assert!(!codes.contains(&"kekeringan"));
    assert_eq!(settings.categories[1].label, "Banjir dan genangan");
    assert!(settings.retired.iter().any(|c| c.code == "kekeringan" && c.label == "Kekeringan"));

    let stunting = office.regent.instructions().issue(with_category("stunting_gizi_buruk")).unwrap();
    assert_eq!(stunting.summary.category, "stunting_gizi_buruk");
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.regent.instructions().issue(with_category("kekeringan")).unwrap_err(),
        CoreError::invalid("category", InputProblem::NotAllowed)
    );
    assert_eq!(fingerprint(&office.regent), before, "a refused issue writes nothing");
    assert_eq!(office.regent.instructions().detail(&drought.summary.id).unwrap().summary.category, "kekeringan");

    // Re-adding a label whose code is retired makes a new code: the old instructions
    // must not start answering to a different category.
    let mut again: Vec<CategoryInput> = settings.categories.iter().map(|c| keep(&c.code, &c.label)).collect();
    again.push(new_category("Kekeringan"));
    let settings = office.regent.settings().set_categories(again).unwrap();
    assert!(settings.categories.iter().any(|c| c.code == "kekeringan_2"));
}

#[test]
fn only_the_leadership_sets_categories_and_bad_lists_are_refused_by_field() {
    let mut office = office();
    let before = fingerprint(&office.regent);
    let refused = office.dp3a.settings().set_categories(vec![new_category("Banjir rob")]).unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { ref kind, .. } if kind == "settings.categories_set"));
    let cases = [
        (vec![], "categories", InputProblem::Required),
        (vec![new_category("Banjir"), new_category("  ")], "categories.1.label", InputProblem::Required),
        (vec![new_category("Banjir"), new_category("banjir ")], "categories.1.label", InputProblem::Duplicate),
        (vec![keep("Bad Code", "Sampah")], "categories.0.code", InputProblem::NotAllowed),
        (vec![keep("sampah", "Sampah"), keep("sampah", "Limbah")], "categories.1.code", InputProblem::Duplicate),
        (vec![new_category(&"x".repeat(61))], "categories.0.label", InputProblem::TooLong),
    ];
    for (input, field, problem) in cases {
        assert_eq!(
            office.regent.settings().set_categories(input).unwrap_err(),
            CoreError::invalid(field, problem),
            "{field}"
        );
    }
    assert_eq!(fingerprint(&office.regent), before, "nothing was written");
}

#[test]
fn numbers_follow_the_configured_format_and_count_on_within_the_year() {
    let mut office = office();
    assert_eq!(office.regent.settings().number_format().unwrap().template, DEFAULT_NUMBER_TEMPLATE);
    let before = fingerprint(&office.regent);
    assert_eq!(
        office.regent.settings().set_number_format("IKP/{seq}/{month}").unwrap_err(),
        CoreError::InvalidNumberFormat {
            problem: NumberFormatProblem::MissingYear,
            placeholder: Some("{tahun}".into())
        }
    );
    assert!(matches!(
        office.dp3a.settings().set_number_format("{seq}/{year}").unwrap_err(),
        CoreError::NotAuthorized { .. }
    ));
    assert_eq!(fingerprint(&office.regent), before);

    let seq = issued_count(&mut office.regent) + 1;
    let preview = office.regent.settings().preview_number_format("{seq:3}/IKP-BKS/{month:2}/{year}").unwrap();
    assert_eq!(preview, format!("{seq:03}/IKP-BKS/11/2026"));
    let settings = office.regent.settings().set_number_format("{seq:3}/IKP-BKS/{month:2}/{year}").unwrap();
    assert!(settings.customized);
    assert_eq!(settings.next_number, preview);

    let first = office.regent.instructions().issue(child_violence_case()).unwrap();
    assert_eq!(first.summary.number, Some(format!("{seq:03}/IKP-BKS/11/2026")));
    // The sequence is read from the projection's year and seq, not parsed from the text.
    let second = office.regent.instructions().issue(child_violence_case()).unwrap();
    assert_eq!(second.summary.number, Some(format!("{:03}/IKP-BKS/11/2026", seq + 1)));
    let before = fingerprint(&office.regent);
    office.regent.rebuild().unwrap();
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn an_issued_event_without_year_and_seq_is_stored_as_before_and_parsed() {
    let mut office = office();
    let draft = office.regent.instructions().issue(IssueInput { draft_only: true, ..child_violence_case() }).unwrap();
    let signed = office
        .regent
        .record(DomainEvent::InstructionIssued(InstructionIssued {
            instruction_id: draft.summary.id.clone(),
            number: "IKP/41/XI/2026".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            year: None,
            seq: None,
        }))
        .unwrap();
    let payload: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(signed.envelope.payload.get()).unwrap();
    assert!(!payload.contains_key("year") && !payload.contains_key("seq"), "old events keep their old shape");
    assert!(office.regent.check().unwrap().is_clean());
    assert_eq!(office.regent.settings().number_format().unwrap().next_number, "IKP/42/XI/2026");
}

#[test]
fn a_draft_is_edited_and_issued_but_an_issued_instruction_only_amended() {
    let mut office = office();
    let draft = office.regent.instructions().issue(IssueInput { draft_only: true, ..child_violence_case() }).unwrap();
    let id = draft.summary.id.clone();
    let mut content = IssueInput { title: "Judul yang diperbaiki".into(), draft_only: true, ..child_violence_case() };
    content.indicators.truncate(1);
    let edited =
        office.regent.instructions().edit_draft(EditDraftInput { instruction_id: id.clone(), content }).unwrap();
    assert_eq!(edited.summary.title, "Judul yang diperbaiki");
    assert_eq!(edited.summary.status, Status::Draft);
    assert_eq!(edited.indicators.len(), 1);
    assert_eq!(
        edited.timeline.iter().map(|entry| entry.action.stored(entry.applied)).collect::<Vec<_>>(),
        ["drafted", "drafted"]
    );
    assert_eq!(edited.timeline[1].detail, TimelineDetail::Drafted { title: "Judul yang diperbaiki".into() });

    let refused = office
        .regent
        .instructions()
        .edit_draft(EditDraftInput {
            instruction_id: id.clone(),
            content: IssueInput { title: " ".into(), ..child_violence_case() },
        })
        .unwrap_err();
    assert_eq!(refused, CoreError::invalid("title", InputProblem::Required));
    let staff = office
        .dp3a
        .instructions()
        .edit_draft(EditDraftInput { instruction_id: id.clone(), content: child_violence_case() })
        .unwrap_err();
    assert!(matches!(staff, CoreError::NotAuthorized { .. }));

    let issued = office
        .regent
        .instructions()
        .edit_draft(EditDraftInput {
            instruction_id: id.clone(),
            content: IssueInput { draft_only: false, ..child_violence_case() },
        })
        .unwrap();
    assert_eq!(issued.summary.status, Status::Issued);
    assert!(issued.summary.number.is_some());
    let before = fingerprint(&office.regent);
    assert_eq!(
        office
            .regent
            .instructions()
            .edit_draft(EditDraftInput { instruction_id: id, content: child_violence_case() })
            .unwrap_err(),
        CoreError::InvalidTransition { status: Status::Issued, action: Action::Redraft }
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn timeline_details_are_structured_with_the_indicator_unit() {
    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let indicator = &issued.indicators[0];
    let detail = office.dp3a.instructions().report_progress(progress(&indicator.id, "7,5")).unwrap();
    let entry = detail
        .timeline
        .iter()
        .find(|entry| entry.action == ikp_core::instruction::timeline::TimelineStep::ProgressReported)
        .unwrap();
    assert_eq!(
        entry.detail,
        TimelineDetail::Progress {
            indicator_name: indicator.name.clone(),
            value: ikp_core::quantity::Quantity::parse("7,5").unwrap(),
            unit: "orang".into(),
            note: "Laporan mingguan".into(),
        }
    );
    assert_eq!(detail.timeline[1].detail, TimelineDetail::Issued { number: issued.summary.number.clone().unwrap() });
}

/// A database from before settings and structured timelines: no settings migration, free-text
/// details, no projection version. Opening it migrates and replays the log once.
#[test]
fn an_old_database_is_rebuilt_once_at_open_into_the_new_projection_format() {
    let office = office();
    let mut regent = office.regent;
    let issued = regent.instructions().issue(child_violence_case()).unwrap();
    let mut dp3a = office.dp3a;
    dp3a.instructions().report_progress(progress(&issued.indicators[0].id, "3")).unwrap();
    drop(dp3a);
    drop(office.bpbd);
    let dir = office.dir;
    {
        let conn = regent.store().conn();
        conn.execute_batch(
            "UPDATE instruction_timeline SET detail = '3 Laporan mingguan' WHERE action = 'progress_reported';
             DROP TABLE settings; DROP TABLE category_labels; DROP TABLE projection_meta;
             DROP INDEX indicators_by_source;
             ALTER TABLE indicators DROP COLUMN source_kind; ALTER TABLE indicators DROP COLUMN source_year;
             DROP TABLE complaints; DROP TABLE complaint_history; DROP TABLE complaint_followups;
             DROP TABLE complaint_stats; DROP TABLE complaint_import_sources;
             DROP TABLE device_revocations; DROP TABLE sync_trust; DROP TABLE sync_pending;
             DROP TABLE sync_peers; DROP TABLE sync_exchanges; DROP TABLE sync_alerts; DROP TABLE sync_quarantine;
             DROP INDEX events_enrolment;
             ALTER TABLE devices DROP COLUMN granted_by; ALTER TABLE devices DROP COLUMN version_key;
             DROP TABLE meeting_attendees; DROP TABLE meeting_agenda; DROP TABLE meeting_notes;
             DROP TABLE meeting_decisions; DROP TABLE meeting_follow_ups; DROP TABLE meeting_addenda;
             ALTER TABLE meetings DROP COLUMN number;
             ALTER TABLE meetings DROP COLUMN start_time;
             ALTER TABLE meetings DROP COLUMN end_time;
             ALTER TABLE meetings DROP COLUMN chair_json;
             ALTER TABLE meetings DROP COLUMN secretary_json;
             ALTER TABLE meetings DROP COLUMN notulis_json;
             ALTER TABLE meetings DROP COLUMN details_version;
             ALTER TABLE meetings DROP COLUMN finalized_on;
             ALTER TABLE meetings DROP COLUMN finalized_key;
             ALTER TABLE meetings DROP COLUMN document_json;
             DROP TABLE agency_names; DROP TABLE officials; DROP TABLE local_state; DROP TABLE root_handovers;
             DROP TABLE sync_absorbed_files;
             ALTER TABLE agencies DROP COLUMN sipd_code; ALTER TABLE agencies DROP COLUMN head_rank;
             ALTER TABLE agencies DROP COLUMN active; ALTER TABLE agencies DROP COLUMN active_version;
             ALTER TABLE instructions DROP COLUMN issued_version;
             DROP INDEX realizations_counted_line;
             ALTER TABLE budget_realizations DROP COLUMN line_key;
             ALTER TABLE budget_realizations DROP COLUMN counted;
             ALTER TABLE budget_realizations DROP COLUMN sp2d_type;
             ALTER TABLE budget_realizations DROP COLUMN jenis;
             ALTER TABLE budget_monthly DROP COLUMN advance_sen;
             DROP TABLE budget_realized_jenis; DROP TABLE budget_import_sources;
             DROP TABLE budget_plan_import_sources;
             DELETE FROM schema_migrations WHERE version >= 5;",
        )
        .unwrap();
    }
    drop(regent);

    let mut reopened = Desk::open(dir.path()).unwrap();
    assert_eq!(projection::stored_version(reopened.store().conn()).unwrap(), Some(PROJECTION_VERSION));
    let detail = reopened.instructions().detail(&issued.summary.id).unwrap();
    assert!(detail.timeline.iter().all(|entry| !matches!(entry.detail, TimelineDetail::Text { .. })));
    let opened = reopened.digest().unwrap();
    reopened.rebuild().unwrap();
    assert_eq!(reopened.digest().unwrap(), opened, "open gave what a fresh rebuild gives");

    // Current databases are not rebuilt again: a damaged row stays damaged on reopen.
    reopened.store().conn().execute("UPDATE instruction_timeline SET detail = 'x'", []).unwrap();
    drop(reopened);
    let again = Desk::open(dir.path()).unwrap();
    assert_ne!(again.digest().unwrap(), opened);
}

#[test]
fn the_agency_dashboard_counts_the_agency_s_own_work() {
    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    office.dp3a.instructions().report_progress(progress(&issued.indicators[0].id, "6")).unwrap();
    let board = office.dp3a.instructions().agency_dashboard("DP3A").unwrap();
    let score =
        office.regent.instructions().scorecard().unwrap().into_iter().find(|s| s.agency_code == "DP3A").unwrap();
    assert_eq!(
        (board.active, board.on_track, board.at_risk, board.overdue, board.achievement_permille),
        (score.active, score.on_track, score.at_risk, score.overdue, score.achievement_permille)
    );
    assert!(board.active >= 1);
    assert!(board.instructions.iter().any(|summary| summary.id == issued.summary.id));
    assert_eq!(board.indicators_needing_report, board.silent.len() as u32);
    assert!(board.silent.iter().all(|indicator| indicator.indicator_id != issued.indicators[0].id));
    assert_eq!(
        office.dp3a.instructions().agency_dashboard("TIDAK_ADA").unwrap_err(),
        CoreError::UnknownAgency { code: "TIDAK_ADA".into() }
    );
}

#[test]
fn evidence_is_opened_by_hash_only_as_a_copy_under_its_name() {
    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let evidence = office.dp3a.evidence().attach_bytes("../foto kegiatan.jpg", b"\xFF\xD8\xFF isi foto").unwrap();
    let mut report = progress(&issued.indicators[0].id, "2");
    report.evidence = vec![evidence.clone()];
    office.dp3a.instructions().report_progress(report).unwrap();

    let path = office.regent.evidence().for_viewing(&evidence.sha256).unwrap();
    assert_eq!(path.file_name().unwrap(), "foto-kegiatan.jpg");
    assert!(path.starts_with(office.dir.path().join("opened").join(&evidence.sha256)));
    assert_eq!(fs::read(&path).unwrap(), b"\xFF\xD8\xFF isi foto");

    let unreferenced = office.dp3a.evidence().attach_bytes("lain.jpg", b"tidak dilaporkan").unwrap();
    for bad in ["../../etc/passwd", "ABC", &unreferenced.sha256, &evidence.sha256.to_uppercase()] {
        assert_eq!(
            office.regent.evidence().for_viewing(bad).unwrap_err(),
            CoreError::UnknownEvidence { sha256: bad.to_owned() },
            "{bad}"
        );
    }
}

/// Evidence comes from another laptop: what opens with one click is decided by the
/// content, under a name made here, and anything that could run is only saved.
#[test]
fn evidence_that_could_run_is_never_opened_only_saved() {
    let mut office = office();
    let issued = office.regent.instructions().issue(child_violence_case()).unwrap();
    let attach = |desk: &mut Desk, name: &str, bytes: &[u8]| desk.evidence().attach_bytes(name, bytes).unwrap();
    let program = attach(&mut office.dp3a, "bukti\u{202E}fdp.exe", b"MZ\x90\x00\x03\x00\x00\x00 program");
    let shortcut = attach(&mut office.dp3a, "laporan.pdf", b"L\x00\x00\x00\x01\x14\x02\x00 shortcut");
    let script = attach(&mut office.dp3a, "C:x.bat", b"@echo off\r\ndel /q C:\\*\r\n");
    let pdf = attach(&mut office.dp3a, "..\\..\\CON.pdf", b"%PDF-1.7\n surat");
    let mut report = progress(&issued.indicators[0].id, "2");
    report.evidence = vec![program.clone(), shortcut.clone(), script.clone(), pdf.clone()];
    office.dp3a.instructions().report_progress(report).unwrap();
    let opened = office.dir.path().join("opened");

    for (refused, name) in [(&program, "bukti\u{202E}fdp.exe"), (&shortcut, "laporan.pdf")] {
        assert_eq!(
            office.regent.evidence().for_viewing(&refused.sha256).unwrap_err(),
            CoreError::EvidenceNotViewable { file_name: name.to_owned() }
        );
        assert!(!opened.join(&refused.sha256).exists(), "nothing is written for {name}");
        // Saving a copy stays possible.
        let (saved_name, bytes) = office.regent.evidence().copy(&refused.sha256).unwrap();
        assert_eq!((saved_name.as_str(), bytes.len() as u32), (name, refused.size_bytes));
    }
    let text = office.regent.evidence().for_viewing(&script.sha256).unwrap();
    assert_eq!(text, opened.join(&script.sha256).join("x.txt"), "a script opens as text, in a text editor");
    let letter = office.regent.evidence().for_viewing(&pdf.sha256).unwrap();
    assert_eq!(letter, opened.join(&pdf.sha256).join("bukti.pdf"), "no device name, no folder escape");
}
