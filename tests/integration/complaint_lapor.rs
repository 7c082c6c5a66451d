//! SP4N-LAPOR! as the authority on a complaint's status: a re-import records LAPOR!'s
//! status beside the work done here (follow-ups and evidence kept, nothing local lost),
//! the preview names every complaint where the two disagree, and the newest file wins
//! on every laptop whatever order the imports arrive in.

use ikp_core::complaint::lifecycle::ComplaintStatus;
use ikp_core::principal::Role;

use crate::complaints::{dispose, follow_up, import, office_with_camat, CAMAT, EXPORT};
use crate::harness::{fingerprint, leader};
use crate::sync::*;

#[test]
fn a_re_import_records_lapor_s_status_keeps_local_work_and_names_each_disagreement() {
    let (mut office, mut camat) = office_with_camat();
    import(&mut office.secretary, EXPORT).unwrap();
    dispose(&mut office.secretary, "LAPOR-2026-000101", CAMAT, "").unwrap();
    let local = follow_up(&mut camat, "LAPOR-2026-000101").unwrap();
    assert_eq!(local, ComplaintStatus::InProgress);

    // A month later LAPOR! shows 101 completed (the camat closed it there) and 103 in
    // progress; 102 has no status in the file.
    let later = EXPORT
        .replace("Sukamahi;Belum Terverifikasi", "Sukamahi;Selesai")
        .replace("Lubangbuaya;", "Lubangbuaya;Diproses");
    let preview = office
        .secretary
        .complaints()
        .preview_import("LAPOR! Kab. Bekasi", "laporan.csv", later.as_bytes(), &[])
        .unwrap();
    let named: Vec<_> =
        preview.disagreements.iter().map(|d| (d.row, d.tracking_id.as_str(), d.local, d.lapor)).collect();
    // 103 was never worked on here: it takes LAPOR!'s stage, which is no disagreement.
    assert_eq!(named, [(2, "LAPOR-2026-000101", ComplaintStatus::InProgress, ComplaintStatus::Completed)]);
    assert_eq!((preview.new_complaints, preview.updates, preview.unchanged), (0, 2, 1));

    let imported = import(&mut office.secretary, &later).unwrap();
    assert_eq!(imported.disagreements.len(), 1, "the report after the import says it too");
    let detail = office.secretary.complaints().detail("LAPOR-2026-000101").unwrap();
    assert_eq!(detail.complaint.status, ComplaintStatus::InProgress, "the local work stands");
    assert_eq!(detail.complaint.lapor_status, Some(ComplaintStatus::Completed));
    assert!(detail.complaint.lapor_disagrees);
    assert_eq!(detail.followups.len(), 1, "the camat's follow-up is kept");
    assert_eq!(detail.complaint.agency_code.as_deref(), Some(CAMAT));
    let untouched = office.secretary.complaints().detail("LAPOR-2026-000103").unwrap().complaint;
    assert_eq!(
        (untouched.status, untouched.lapor_status),
        (ComplaintStatus::InProgress, Some(ComplaintStatus::InProgress))
    );
    assert!(!untouched.lapor_disagrees);
    let no_status = office.secretary.complaints().detail("LAPOR-2026-000102").unwrap().complaint;
    assert_eq!(no_status.lapor_status, None, "a file without a status says nothing of LAPOR!'s");

    // The same file again writes nothing; a rebuild from the log shows the same.
    let before = fingerprint(&office.secretary);
    let again = import(&mut office.secretary, &later).unwrap();
    assert_eq!((again.new_complaints, again.updates, again.unchanged), (0, 0, 3));
    assert_eq!(fingerprint(&office.secretary), before);
    office.secretary.rebuild().unwrap();
    assert_eq!(fingerprint(&office.secretary), before, "the projection is what the log says");
}

/// Two LAPOR! exports of one complaint imported on two laptops, the older one on the
/// Secretary's laptop, the newer on the root (its clock is ahead); each laptop receives
/// the other's import after its own, a third laptop the newer first: all show the newer
/// file's status.
#[test]
fn the_newest_lapor_file_wins_in_any_order() {
    const HEADER: &str = "ID Laporan;Tanggal Laporan;Judul;Status\n";
    let row = |status: &str| format!("{HEADER}LAPOR-2026-000900;2026-11-20;Lampu jalan padam;{status}\n");
    let mut root = root();
    let mut secretary = enrol(&mut root, 2, leader(Role::Secretary));
    let mut third = enrol(&mut root, 3, leader(Role::Secretary));
    let import_on = |laptop: &mut Laptop, csv: &str| {
        laptop.desk.complaints().import("LAPOR!", "laporan.csv", csv.as_bytes(), &[], false).unwrap();
    };
    import_on(&mut secretary, &row("Diproses"));
    let older = secretary.bundle();
    import_on(&mut root, &row("Selesai"));
    let newer = root.bundle();
    secretary.import(&newer).unwrap();
    root.import(&older).unwrap();
    third.import(&newer).unwrap();
    third.import(&older).unwrap();
    for laptop in [&mut root, &mut secretary, &mut third] {
        let shown = laptop.desk.complaints().detail("LAPOR-2026-000900").unwrap().complaint;
        assert_eq!(shown.lapor_status, Some(ComplaintStatus::Completed), "laptop {}", laptop.seed);
    }
    assert_eq!(root.state(), secretary.state());
    assert_eq!(root.state(), third.state());
}
