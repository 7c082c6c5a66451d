//! SP4N-LAPOR! complaints on real SQLite files: import (all or nothing, idempotent,
//! remembered mappings), disposition to a camat, follow-up and closure with proof,
//! typed refusals that write nothing, deadlines in working days, and who sees what.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use ikp_core::clock::SteppingClock;
use ikp_core::complaint::import::{ColumnChoice, ComplaintColumn, MappingOrigin};
use ikp_core::complaint::lifecycle::{ComplaintAction, ComplaintStatus};
use ikp_core::complaint::ops::{ComplaintFollowUpInput, CompleteInput, DisposeInput, StatusInput};
use ikp_core::complaint::payload::{Classification, Proof, ProofKind, TimeLimit};
use ikp_core::complaint::queries::ComplaintFilter;
use ikp_core::identity::DeviceKey;
use ikp_core::principal::Role;
use ikp_core::tabular::FileEncoding;
use ikp_core::workdays::Holiday;
use ikp_core::{CoreError, Desk, InputProblem, SetupInput};

use crate::harness::{fingerprint, office, Office};

pub(crate) const CAMAT: &str = "KEC-CIKARANG-PUSAT";

/// A LAPOR! export as the Secretary's office downloads it (semicolons, Indonesian headers).
pub(crate) const EXPORT: &str = "\
ID Laporan;Tanggal Laporan;Sumber;Klasifikasi;Kategori;Judul;Kecamatan;Desa;Status
LAPOR-2026-000101;2026-11-20 08:12;Website LAPOR!;Pengaduan;Jalan rusak;Jalan Sukamahi berlubang;Cikarang Pusat;Sukamahi;Belum Terverifikasi
LAPOR-2026-000102;24/11/2026;SMS 1708;Aspirasi;Taman;Usul taman bermain anak;Cikarang Pusat;Pasirranji;
LAPOR-2026-000103;2026-11-25;Aplikasi LAPOR!;Permintaan Informasi;Perizinan;Syarat izin usaha mikro;Setu;Lubangbuaya;
";

/// The office of the harness, and a camat (staff of Kecamatan Cikarang Pusat) on the same database.
pub(crate) fn office_with_camat() -> (Office, Desk) {
    let office = office();
    let clock = Arc::new(SteppingClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 3, 0, 0).unwrap(), 1_000));
    let mut camat = Desk::open_as(office.dir.path(), DeviceKey::from_secret([9; 32]), clock).unwrap();
    camat
        .setup_device(SetupInput {
            role: Role::AgencyStaff,
            agency_code: Some(CAMAT.into()),
            user_name: "Camat".into(),
        })
        .unwrap();
    (office, camat)
}

pub(crate) fn import(
    desk: &mut Desk,
    csv: &str,
) -> Result<ikp_core::complaint::import::ComplaintImportPreview, CoreError> {
    desk.complaints().import("LAPOR! Kab. Bekasi", "laporan.csv", csv.as_bytes(), &[], false)
}

pub(crate) fn dispose(desk: &mut Desk, id: &str, agency: &str, reason: &str) -> Result<ComplaintStatus, CoreError> {
    let input =
        DisposeInput { tracking_id: id.into(), agency_code: agency.into(), reason: reason.into(), field_check: None };
    desk.complaints().dispose(input).map(|detail| detail.complaint.status)
}

pub(crate) fn follow_up(desk: &mut Desk, id: &str) -> Result<ComplaintStatus, CoreError> {
    let input = ComplaintFollowUpInput {
        tracking_id: id.into(),
        followed_on: None,
        action_taken: "Petugas kecamatan meninjau lokasi bersama kepala desa".into(),
        evidence: vec![],
    };
    desk.complaints().follow_up(input).map(|detail| detail.complaint.status)
}

fn complete(desk: &mut Desk, id: &str, proof: Vec<Proof>) -> Result<ComplaintStatus, CoreError> {
    let input =
        CompleteInput { tracking_id: id.into(), completed_on: None, outcome: "Jalan sudah ditambal".into(), proof };
    desk.complaints().complete(input).map(|detail| detail.complaint.status)
}

fn status(desk: &mut Desk, id: &str, action: ComplaintAction, reason: &str) -> Result<ComplaintStatus, CoreError> {
    let input = StatusInput { tracking_id: id.into(), action, reason: reason.into() };
    desk.complaints().change_status(input).map(|detail| detail.complaint.status)
}

#[test]
fn a_complaint_runs_from_import_to_closure_with_proof() {
    let (mut office, mut camat) = office_with_camat();
    // The demo has complaints of its own in November, some with this camat.
    let month = |desk: &mut Desk| desk.complaints().summary(Some("2026-11"), Some("2026-11")).unwrap();
    let demo = month(&mut office.secretary);
    let group = |groups: &[ikp_core::complaint::queries::GroupFigures], code: &str| {
        groups.iter().find(|group| group.code == code).cloned().unwrap_or_default()
    };
    let preview = import(&mut office.secretary, EXPORT).unwrap();
    assert_eq!((preview.rows, preview.new_complaints, preview.updates), (3, 3, 0));

    assert_eq!(dispose(&mut office.secretary, "LAPOR-2026-000101", CAMAT, ""), Ok(ComplaintStatus::Disposed));
    assert_eq!(follow_up(&mut camat, "LAPOR-2026-000101"), Ok(ComplaintStatus::InProgress));

    // No proof, no closure: a typed refusal, and nothing written.
    let before = fingerprint(&camat);
    let refused = complete(&mut camat, "LAPOR-2026-000101", vec![]).unwrap_err();
    assert_eq!(refused, CoreError::ComplaintProofRequired { tracking_id: "LAPOR-2026-000101".into() });
    // A spreadsheet is not a photo.
    let sheet = camat.evidence().attach_bytes("rekap.xlsx", b"not a photo").unwrap();
    let refused = complete(&mut camat, "LAPOR-2026-000101", vec![Proof { kind: ProofKind::Photo, evidence: sheet }]);
    assert_eq!(refused.unwrap_err(), CoreError::invalid("proof.0", InputProblem::NotAllowed));
    assert_eq!(fingerprint(&camat), before);

    let photo = camat.evidence().attach_bytes("jalan-ditambal.jpg", b"\xFF\xD8\xFF jpeg").unwrap();
    let sha256 = photo.sha256.clone();
    let proof = vec![Proof { kind: ProofKind::Photo, evidence: photo }];
    assert_eq!(complete(&mut camat, "LAPOR-2026-000101", proof), Ok(ComplaintStatus::Completed));
    // The proof opens by its hash, under its own name, like a progress report's evidence.
    let opened = office.secretary.evidence().for_viewing(&sha256).unwrap();
    assert!(opened.ends_with("jalan-ditambal.jpg"), "{opened:?}");

    let detail = camat.complaints().detail("LAPOR-2026-000101").unwrap();
    assert_eq!(detail.complaint.completed_on.as_deref(), Some("2026-11-29"));
    assert_eq!(detail.complaint.due_on, None, "no clock runs on a closed complaint");
    assert_eq!(detail.followups.len(), 2);
    assert!(detail.followups[1].completion && detail.followups[1].evidence_json.contains("jalan-ditambal.jpg"));
    let actions: Vec<&str> = detail.history.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["dispose", "follow_up", "complete"]);

    let summary = month(&mut office.secretary);
    assert_eq!(summary.total.received, demo.total.received + 3);
    let (before, after) = (group(&demo.by_agency, CAMAT), group(&summary.by_agency, CAMAT));
    assert_eq!(after.disposed - before.disposed, 1);
    assert_eq!(after.followed_up - before.followed_up, 1);
    assert_eq!(after.completed - before.completed, 1);
    assert_eq!(group(&summary.by_kecamatan, CAMAT).received - group(&demo.by_kecamatan, CAMAT).received, 2);
    assert_eq!(summary.by_kecamatan.len(), 23, "every kecamatan is listed");
    // A camat's summary is their own row: the demo's and this one.
    let own = camat.complaints().summary(Some("2026-11"), Some("2026-11")).unwrap();
    assert_eq!(own.total, after);
    assert!(own.total.follow_up_permille > 0 && own.total.average_response_tenths.is_some());

    // The projection replays to the same tables.
    let digest = office.secretary.digest().unwrap();
    office.secretary.rebuild().unwrap();
    assert_eq!(office.secretary.digest().unwrap(), digest);
}

#[test]
fn refused_transitions_are_typed_and_write_nothing() {
    let (mut office, _camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    let before = fingerprint(&office.secretary);

    let refused = follow_up(&mut office.secretary, "LAPOR-2026-000102").unwrap_err();
    assert_eq!(
        refused,
        CoreError::InvalidComplaintTransition {
            tracking_id: "LAPOR-2026-000102".into(),
            status: ComplaintStatus::Unverified,
            action: ComplaintAction::FollowUp,
        }
    );
    let refused = status(&mut office.secretary, "LAPOR-2026-000102", ComplaintAction::Resume, "lanjut").unwrap_err();
    assert!(matches!(refused, CoreError::InvalidComplaintTransition { action: ComplaintAction::Resume, .. }));
    let refused = dispose(&mut office.secretary, "LAPOR-2099-1", CAMAT, "").unwrap_err();
    assert_eq!(refused, CoreError::UnknownComplaint { tracking_id: "LAPOR-2099-1".into() });
    let refused = dispose(&mut office.secretary, "LAPOR-2026-000102", "NOPE", "").unwrap_err();
    assert_eq!(refused, CoreError::UnknownAgency { code: "NOPE".into() });
    assert_eq!(fingerprint(&office.secretary), before);

    dispose(&mut office.secretary, "LAPOR-2026-000102", CAMAT, "").unwrap();
    let before = fingerprint(&office.secretary);
    let refused = status(&mut office.secretary, "LAPOR-2026-000102", ComplaintAction::Archive, "").unwrap_err();
    assert!(matches!(refused, CoreError::InvalidComplaintTransition { status: ComplaintStatus::Disposed, .. }));
    // Re-disposing needs a reason, and another agency.
    let refused = dispose(&mut office.secretary, "LAPOR-2026-000102", "DLH", " ").unwrap_err();
    assert_eq!(refused, CoreError::invalid("reason", InputProblem::Required));
    let refused = dispose(&mut office.secretary, "LAPOR-2026-000102", CAMAT, "lagi").unwrap_err();
    assert_eq!(refused, CoreError::invalid("agencyCode", InputProblem::NotAllowed));
    assert_eq!(fingerprint(&office.secretary), before);

    // Hold and resume, out of scope only before the work starts, archive once closed.
    assert_eq!(
        status(&mut office.secretary, "LAPOR-2026-000102", ComplaintAction::Hold, "Menunggu APBD-P"),
        Ok(ComplaintStatus::OnHold)
    );
    assert_eq!(office.secretary.complaints().detail("LAPOR-2026-000102").unwrap().complaint.due_on, None);
    assert_eq!(
        status(&mut office.secretary, "LAPOR-2026-000102", ComplaintAction::Resume, "Anggaran ada"),
        Ok(ComplaintStatus::InProgress)
    );
    assert_eq!(
        status(&mut office.secretary, "LAPOR-2026-000103", ComplaintAction::DeclareOutOfScope, "Kewenangan provinsi"),
        Ok(ComplaintStatus::OutOfScope)
    );
    assert_eq!(
        status(&mut office.secretary, "LAPOR-2026-000103", ComplaintAction::Archive, ""),
        Ok(ComplaintStatus::Archived)
    );
    let before = fingerprint(&office.secretary);
    let refused = status(&mut office.secretary, "LAPOR-2026-000103", ComplaintAction::Archive, "").unwrap_err();
    assert!(matches!(refused, CoreError::InvalidComplaintTransition { status: ComplaintStatus::Archived, .. }));
    assert_eq!(fingerprint(&office.secretary), before);
}

#[test]
fn staff_see_and_update_only_complaints_disposed_to_them() {
    let (mut office, mut camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000101", "DP3A", "").unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000102", CAMAT, "").unwrap();

    let seen = |desk: &mut Desk| -> Vec<String> {
        let filter = ComplaintFilter { received_from: Some("2026-11-01".into()), ..ComplaintFilter::default() };
        let mut ids: Vec<String> =
            desk.complaints().list(&filter).unwrap().into_iter().map(|c| c.tracking_id).collect();
        ids.retain(|id| id.starts_with("LAPOR-2026-0001"));
        ids
    };
    assert_eq!(seen(&mut office.dp3a), ["LAPOR-2026-000101"]);
    // The camat: its own, and DP3A's in its wilayah (Cikarang Pusat); not Setu's.
    assert_eq!(seen(&mut camat), ["LAPOR-2026-000102", "LAPOR-2026-000101"]);
    assert_eq!(seen(&mut office.secretary).len(), 3);
    assert_eq!(
        office.dp3a.complaints().detail("LAPOR-2026-000102").unwrap_err(),
        CoreError::UnknownComplaint { tracking_id: "LAPOR-2026-000102".into() }
    );

    // Staff may not follow up another agency's complaint, import, dispose or set limits.
    let before = fingerprint(&office.dp3a);
    let refused = follow_up(&mut office.dp3a, "LAPOR-2026-000102").unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { role: Some(Role::AgencyStaff), .. }), "{refused:?}");
    let refused = follow_up(&mut office.dp3a, "LAPOR-2026-000103").unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { .. }), "unverified complaints are not theirs: {refused:?}");
    assert!(matches!(import(&mut office.dp3a, EXPORT).unwrap_err(), CoreError::NotAuthorized { .. }));
    assert!(matches!(dispose(&mut office.dp3a, "LAPOR-2026-000103", "DP3A", ""), Err(CoreError::NotAuthorized { .. })));
    assert!(matches!(
        status(&mut office.dp3a, "LAPOR-2026-000101", ComplaintAction::Archive, ""),
        Err(CoreError::NotAuthorized { .. })
    ));
    let limits = office.dp3a.complaints().time_limits().unwrap();
    assert!(matches!(office.dp3a.complaints().set_time_limits(limits), Err(CoreError::NotAuthorized { .. })));
    assert_eq!(fingerprint(&office.dp3a), before);

    // Their own: follow up, and put on hold.
    assert_eq!(follow_up(&mut office.dp3a, "LAPOR-2026-000101"), Ok(ComplaintStatus::InProgress));
    assert_eq!(
        status(&mut office.dp3a, "LAPOR-2026-000101", ComplaintAction::Hold, "Menunggu data"),
        Ok(ComplaintStatus::OnHold)
    );

    // The summary of a staff member is their agency's row only.
    let summary = office.dp3a.complaints().summary(None, None).unwrap();
    assert_eq!(summary.by_agency.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), ["DP3A"]);
    assert!(summary.by_kecamatan.is_empty());

    // Re-disposition moves the complaint, and the history says who sent it where, and why.
    dispose(&mut office.secretary, "LAPOR-2026-000101", "BPBD", "Lokasi rawan banjir: tugas BPBD").unwrap();
    assert!(seen(&mut office.dp3a).is_empty());
    let moved = office.bpbd.complaints().detail("LAPOR-2026-000101").unwrap();
    assert_eq!(moved.complaint.status, ComplaintStatus::Disposed);
    assert_eq!(moved.complaint.first_followup_on, None, "the new agency's response is what counts");
    let history = office.bpbd.complaints().dispositions(10).unwrap();
    let last = &history[0];
    assert_eq!(
        (last.action.as_str(), last.from_agency.as_deref(), last.to_agency.as_deref()),
        ("redispose", Some("DP3A"), Some("BPBD"))
    );
    assert_eq!(last.note, "Lokasi rawan banjir: tugas BPBD");
    assert_eq!(last.author_label, "Sekda");
    // DP3A still sees that it was sent away from them.
    assert!(office.dp3a.complaints().dispositions(10).unwrap().iter().any(|h| h.action == "redispose"));
}

#[test]
fn reimporting_the_same_file_adds_nothing_and_a_changed_row_updates() {
    let (mut office, _camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000101", CAMAT, "").unwrap();
    let before = fingerprint(&office.secretary);

    let again = import(&mut office.secretary, EXPORT).unwrap();
    assert_eq!((again.new_complaints, again.updates, again.unchanged), (0, 0, 3));
    assert_eq!(fingerprint(&office.secretary), before, "an unchanged file writes nothing");

    // LAPOR! corrected a title, and still shows the complaint as unverified: the title
    // is updated, the disposition made here stays.
    let corrected = EXPORT.replace("Jalan Sukamahi berlubang", "Jalan Sukamahi berlubang dalam");
    let received = |desk: &mut Desk| desk.complaints().summary(None, None).unwrap().total.received;
    let count = received(&mut office.secretary);
    let preview = import(&mut office.secretary, &corrected).unwrap();
    assert_eq!((preview.new_complaints, preview.updates, preview.unchanged), (0, 1, 2));
    let complaint = office.secretary.complaints().detail("LAPOR-2026-000101").unwrap().complaint;
    assert_eq!(complaint.summary, "Jalan Sukamahi berlubang dalam");
    assert_eq!((complaint.status, complaint.agency_code.as_deref()), (ComplaintStatus::Disposed, Some(CAMAT)));
    assert_eq!(received(&mut office.secretary), count, "updated, not duplicated");
}

#[test]
fn a_file_with_a_bad_row_is_refused_whole() {
    let (mut office, _camat) = office_with_camat();
    let bad = format!(
        "{EXPORT}LAPOR-2026-000104;31/02/2026;Website;Pengaduan;Sampah;Sampah menumpuk;Atlantis;Desa;Selesai\n\
         LAPOR-2026-000101;2026-12-25;Website;Keluhan;Sampah;;Setu;;Entah\n"
    );
    let before = fingerprint(&office.secretary);
    let preview = office.secretary.complaints().preview_import("LAPOR!", "bad.csv", bad.as_bytes(), &[]).unwrap();
    let problems: Vec<(u32, ComplaintColumn, InputProblem)> =
        preview.problems.iter().map(|p| (p.row, p.column, p.problem)).collect();
    assert_eq!(
        problems,
        [
            (5, ComplaintColumn::ReceivedOn, InputProblem::NotADate),
            (5, ComplaintColumn::Kecamatan, InputProblem::NotAllowed),
            (6, ComplaintColumn::TrackingId, InputProblem::Duplicate),
            (6, ComplaintColumn::ReceivedOn, InputProblem::InTheFuture),
            (6, ComplaintColumn::Summary, InputProblem::Required),
            (6, ComplaintColumn::Status, InputProblem::NotAllowed),
        ]
    );
    assert_eq!(preview.valid_rows, 3);
    let refused = import(&mut office.secretary, &bad).unwrap_err();
    assert_eq!(refused, CoreError::ImportHasProblems { rows: 2 });
    assert_eq!(fingerprint(&office.secretary), before);

    let refused = import(&mut office.secretary, "Nomor;Isi\nA-1;Jalan rusak\n").unwrap_err();
    assert_eq!(
        refused,
        CoreError::ComplaintImportMissingColumns {
            columns: vec![ComplaintColumn::TrackingId, ComplaintColumn::ReceivedOn, ComplaintColumn::Summary]
        }
    );
    assert_eq!(fingerprint(&office.secretary), before);

    // Leaving the bad rows out is a choice the user makes after seeing them.
    let imported = office.secretary.complaints().import("LAPOR!", "bad.csv", bad.as_bytes(), &[], true).unwrap();
    assert_eq!(imported.new_complaints, 3);
}

#[test]
fn a_lapor_export_saved_by_excel_on_windows_keeps_its_accents() {
    let (mut office, _camat) = office_with_camat();
    let summary = "Kecamatan Cikarang Selatan — Pemeliharaan Jalan Désa";
    let bytes = crate::budget::windows_1252(&format!(
        "ID Laporan;Tanggal Laporan;Klasifikasi;Judul\r\nLAPOR-2026-001252;2026-11-24;Pengaduan;{summary}\r\n"
    ));
    let imported = office.secretary.complaints().import("LAPOR!", "laporan.csv", &bytes, &[], false).unwrap();
    assert_eq!((imported.encoding, imported.new_complaints), (FileEncoding::Windows1252, 1));
    assert_eq!(office.secretary.complaints().detail("LAPOR-2026-001252").unwrap().complaint.summary, summary);
}

#[test]
fn a_column_mapping_is_remembered_for_its_source() {
    let (mut office, _camat) = office_with_camat();
    let odd = "Nomor;Masuk;Isi;Jenis\nA-1;2026-11-23;Drainase mampet;Aspirasi\n";
    let choices = [
        ColumnChoice { header: "Nomor".into(), column: Some(ComplaintColumn::TrackingId) },
        ColumnChoice { header: "Masuk".into(), column: Some(ComplaintColumn::ReceivedOn) },
        ColumnChoice { header: "Isi".into(), column: Some(ComplaintColumn::Summary) },
    ];
    office.secretary.complaints().import("Rekap kecamatan", "rekap.csv", odd.as_bytes(), &choices, false).unwrap();

    let next = "Nomor;Masuk;Isi;Jenis\nA-2;2026-11-24;Lampu jalan mati;Pengaduan\n";
    let preview =
        office.secretary.complaints().preview_import("Rekap kecamatan", "rekap2.csv", next.as_bytes(), &[]).unwrap();
    let origins: Vec<MappingOrigin> = preview.columns.iter().map(|c| c.origin).collect();
    assert_eq!(
        origins,
        [MappingOrigin::Remembered, MappingOrigin::Remembered, MappingOrigin::Remembered, MappingOrigin::Remembered]
    );
    assert_eq!(preview.new_complaints, 1);
    // Another source does not know that mapping.
    let other = office.secretary.complaints().preview_import("Lain", "x.csv", next.as_bytes(), &[]).unwrap_err();
    assert!(matches!(other, CoreError::ComplaintImportMissingColumns { .. }));
    let detail = office.secretary.complaints().detail("A-1").unwrap().complaint;
    assert_eq!(detail.classification, Classification::Aspirasi);
}

#[test]
fn deadlines_count_working_days_and_follow_the_settings() {
    let (mut office, _camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    // Received Friday 20 November: 3 working days to verify → Wednesday 25 November.
    // Today is Sunday 29 November: overdue by Thursday and Friday.
    let complaint = office.secretary.complaints().detail("LAPOR-2026-000101").unwrap().complaint;
    assert_eq!(complaint.due_on.as_deref(), Some("2026-11-25"));
    assert!(complaint.overdue);
    assert_eq!(complaint.working_days_late, 2);
    let overdue = office
        .secretary
        .complaints()
        .list(&ComplaintFilter { overdue_only: true, ..ComplaintFilter::default() })
        .unwrap();
    assert!(overdue.iter().any(|c| c.tracking_id == "LAPOR-2026-000101"));
    assert!(!overdue.iter().any(|c| c.tracking_id == "LAPOR-2026-000103"), "due 30 November");

    // The leadership gives information requests and complaints more time.
    let mut limits = office.secretary.complaints().time_limits().unwrap();
    for limit in &mut limits {
        limit.verification_days = 7;
    }
    office.secretary.complaints().set_time_limits(limits).unwrap();
    let complaint = office.secretary.complaints().detail("LAPOR-2026-000101").unwrap().complaint;
    assert_eq!(complaint.due_on.as_deref(), Some("2026-12-01"));
    assert!(!complaint.overdue);

    // A regional holiday added to the list moves the deadline again.
    let mut holidays = office.secretary.settings().holidays().unwrap();
    holidays.push(Holiday {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        name: "Hari Jadi Kabupaten (contoh)".into(),
        collective_leave: false,
    });
    office.secretary.settings().set_holidays(holidays).unwrap();
    let complaint = office.secretary.complaints().detail("LAPOR-2026-000101").unwrap().complaint;
    assert_eq!(complaint.due_on.as_deref(), Some("2026-12-02"));

    // Disposition starts the agency's clock: 5 working days, or 60 with a field check.
    let input = DisposeInput {
        tracking_id: "LAPOR-2026-000101".into(),
        agency_code: "SDABMBK".into(),
        reason: String::new(),
        field_check: Some(true),
    };
    let complaint = office.secretary.complaints().dispose(input).unwrap().complaint;
    assert!(complaint.field_check);
    assert!(complaint.due_on.as_deref().unwrap() > "2027-02-01", "{:?}", complaint.due_on);

    let refused = office.secretary.complaints().set_time_limits(vec![TimeLimit {
        classification: Classification::Pengaduan,
        verification_days: 0,
        follow_up_days: 5,
        field_check_days: 60,
    }]);
    assert_eq!(refused.unwrap_err(), CoreError::invalid("limits.0.verificationDays", InputProblem::OutOfRange));
}

#[test]
fn two_clocks_first_response_and_completion_count_working_days() {
    let (mut office, _camat) = office_with_camat();
    assert_eq!(office.secretary.complaints().first_response_days().unwrap(), 4);
    assert_eq!(office.secretary.complaints().set_first_response_days(2).unwrap(), 2);
    // Received in December 2025, so the period holds only these (the demo's are from the
    // last 180 days); disposed this month. Today is Sunday 29 November 2026.
    let csv = "ID Laporan;Tanggal Laporan;Klasifikasi;Judul;Disposisi;Tanggal Disposisi;Tanggal Tindak Lanjut\n\
               LAPOR-2025-000901;2025-12-01;Pengaduan;Lampu jalan mati;SDABMBK;2026-11-25;\n\
               LAPOR-2025-000902;2025-12-01;Pengaduan;Saluran tersumbat;SDABMBK;2026-11-26;\n\
               LAPOR-2025-000903;2025-12-01;Pengaduan;Pohon tumbang;SDABMBK;2026-11-16;2026-11-17\n";
    import(&mut office.secretary, csv).unwrap();
    let clocks = |desk: &mut Desk, id: &str| {
        let c = desk.complaints().detail(id).unwrap().complaint;
        (c.response_due_on, c.response_overdue, c.due_on, c.overdue)
    };
    let some = |day: &str| Some(day.to_owned());
    // Disposed Wednesday: two working days → Friday the 27th, passed.
    assert_eq!(
        clocks(&mut office.secretary, "LAPOR-2025-000901"),
        (some("2026-11-27"), true, some("2026-12-02"), false)
    );
    // Disposed Thursday: Friday, then the weekend → Monday the 30th.
    assert_eq!(
        clocks(&mut office.secretary, "LAPOR-2025-000902"),
        (some("2026-11-30"), false, some("2026-12-03"), false)
    );
    // Followed up the day after its disposition: the first clock stopped; the second
    // (5 working days to completion) ran out on Monday the 23rd.
    assert_eq!(
        clocks(&mut office.secretary, "LAPOR-2025-000903"),
        (some("2026-11-18"), false, some("2026-11-23"), true)
    );
    let rapim = office.regent.complaints().rapim(Some("2025-12"), Some("2025-12")).unwrap();
    assert_eq!((rapim.summary.total.response_overdue, rapim.summary.total.overdue), (1, 1));
    let sdabmbk = rapim.summary.by_agency.iter().find(|g| g.code == "SDABMBK").unwrap();
    assert_eq!((sdabmbk.response_overdue, sdabmbk.overdue), (1, 1));

    // A regional holiday on Friday the 27th moves the first deadline past the weekend.
    let mut holidays = office.secretary.settings().holidays().unwrap();
    holidays.push(Holiday {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        name: "Hari Jadi Kabupaten (contoh)".into(),
        collective_leave: false,
    });
    office.secretary.settings().set_holidays(holidays).unwrap();
    assert_eq!(
        clocks(&mut office.secretary, "LAPOR-2025-000901"),
        (some("2026-11-30"), false, some("2026-12-03"), false)
    );
    assert_eq!(
        clocks(&mut office.secretary, "LAPOR-2025-000902"),
        (some("2026-12-01"), false, some("2026-12-04"), false)
    );
    let rapim = office.regent.complaints().rapim(Some("2025-12"), Some("2025-12")).unwrap();
    assert_eq!((rapim.summary.total.response_overdue, rapim.summary.total.overdue), (0, 1));

    // Only the leadership sets the clock, and only to a sensible number; nothing written.
    let before = fingerprint(&office.secretary);
    let refused = office.secretary.complaints().set_first_response_days(0).unwrap_err();
    assert_eq!(refused, CoreError::invalid("workingDays", InputProblem::OutOfRange));
    assert_eq!(fingerprint(&office.secretary), before);
    let before = fingerprint(&office.dp3a);
    assert!(office.dp3a.complaints().set_first_response_days(10).is_err());
    assert_eq!(fingerprint(&office.dp3a), before);
}

#[test]
fn the_demo_has_complaints_in_every_status_over_the_kecamatan() {
    let mut office = office();
    let all =
        office.regent.complaints().list(&ComplaintFilter { limit: Some(5_000), ..ComplaintFilter::default() }).unwrap();
    assert!(all.len() >= 250, "{}", all.len());
    for status in ComplaintStatus::ALL {
        assert!(all.iter().any(|c| c.status == status), "no demo complaint is {status:?}");
    }
    let places: std::collections::HashSet<_> = all.iter().filter_map(|c| c.kecamatan_code.clone()).collect();
    assert_eq!(places.len(), 23);
    assert!(all.iter().any(|c| c.overdue));
    assert!(all.iter().any(|c| c.dispositions > 1), "some were re-disposed");
    let rapim = office.regent.complaints().rapim(None, None).unwrap();
    assert!(!rapim.agencies_behind.is_empty() && !rapim.longest_overdue.is_empty());
    assert!(rapim.redispositions > 0);
    let csv = office.regent.complaints().export_csv().unwrap();
    assert_eq!(csv.lines().count(), all.len() + 1);
    // For Excel in an Indonesian locale: a byte-order mark, semicolons, Indonesian words.
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("\u{feff}Nomor pelacakan;Tanggal diterima;Kanal;Klasifikasi;"), "{header}");
    let statuses: std::collections::BTreeSet<&str> =
        csv.lines().skip(1).filter_map(|line| line.split(';').nth(9)).collect();
    assert!(statuses.contains("Didisposisikan") && !statuses.contains("disposed"), "{statuses:?}");
}

#[test]
fn the_secretariat_types_in_a_complaint_and_staff_may_not() {
    let (mut office, _camat) = office_with_camat();
    let input = ikp_core::complaint::ops::ComplaintInput {
        tracking_id: "LAPOR-2026-009001".into(),
        received_on: Some("2026-11-27".into()),
        channel: "Datang langsung".into(),
        classification: Classification::Pengaduan,
        category: "Banjir dan drainase".into(),
        summary: "Gorong-gorong tersumbat di depan SDN Sukamahi 02".into(),
        kecamatan_code: Some(CAMAT.into()),
        desa: "Sukamahi".into(),
        field_check: true,
    };
    let before = fingerprint(&office.dp3a);
    let refused = office.dp3a.complaints().record(input.clone()).unwrap_err();
    assert!(matches!(refused, CoreError::NotAuthorized { .. }), "{refused:?}");
    assert_eq!(fingerprint(&office.dp3a), before);

    let recorded = office.secretary.complaints().record(input.clone()).unwrap().complaint;
    assert_eq!((recorded.status, recorded.field_check), (ComplaintStatus::Unverified, true));
    // Friday 27 November + 3 working days: Wednesday 2 December.
    assert_eq!(recorded.due_on.as_deref(), Some("2026-12-02"));
    let future = ikp_core::complaint::ops::ComplaintInput { received_on: Some("2026-12-01".into()), ..input };
    assert_eq!(
        office.secretary.complaints().record(future).unwrap_err(),
        CoreError::invalid("receivedOn", InputProblem::InTheFuture)
    );
}

#[test]
fn a_summary_written_as_a_formula_is_exported_as_text() {
    let (mut office, _camat) = office_with_camat();
    let input = ikp_core::complaint::ops::ComplaintInput {
        tracking_id: "LAPOR-2026-009002".into(),
        received_on: Some("2026-11-27".into()),
        channel: "Datang langsung".into(),
        classification: Classification::Pengaduan,
        category: "@SUM(A1:A9)".into(),
        summary: "=HYPERLINK(\"http://contoh.invalid/x\",\"Lihat foto\")".into(),
        kecamatan_code: Some(CAMAT.into()),
        desa: "-1+2".into(),
        field_check: false,
    };
    office.secretary.complaints().record(input).unwrap();
    let csv = office.secretary.complaints().export_csv().unwrap();
    let row =
        csv.lines().find(|line| line.starts_with("LAPOR-2026-009002;")).expect("the typed-in complaint is exported");
    assert!(row.contains(";'@SUM(A1:A9);"), "{row}");
    assert!(row.contains(";\"'=HYPERLINK(\"\"http://contoh.invalid/x\"\",\"\"Lihat foto\"\")\";"), "{row}");
    assert!(row.contains(";'-1+2;"), "{row}");
}
