//! The SIPD realisasi import (issue 18, item 1): an SP2D list in SIPD's own column names
//! and order, agencies by kode SKPD, SP2D types mixed; absorption is LS plus the nihil
//! SP2D only, split by jenis belanja; an LRA per SKPD with its heading rows; the mapping
//! remembered per source.

use ikp_core::budget::import::{BudgetColumnChoice, ImportColumn, ImportRequest};
use ikp_core::budget::payload::JenisBelanja;
use ikp_core::column_map::MappingOrigin;
use ikp_core::money::Rupiah;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::budget::YEAR;
use crate::harness::{fingerprint, office, Office};

const DP3A_SKPD: &str = "2.08.2.14.0.00.01.0000";
const DLH_SKPD: &str = "2.11.0.00.0.00.01.0000";

/// SIPD's SP2D list as BPKD downloads it: its column names and order, a date header
/// SIPD spells "Tgl. Cair" that nobody recognises, kode SKPD instead of short codes.
const SP2D_LIST: &str = "No;Kode SKPD;Nama SKPD;Nomor SP2D;Tgl. Cair;Jenis SP2D;Kode Rekening;Uraian;Nilai SP2D\n\
1;2.08.2.14.0.00.01.0000;Dinas P3A;0001/SP2D/LS/2026;2026-10-02;LS Gaji;5.1.01.01.01.0001;Gaji pokok PNS;100.000.000\n\
2;2.08.2.14.0.00.01.0000;Dinas P3A;0002/SP2D/UP/2026;2026-10-03;UP;5.1.02.01.01.0024;Uang persediaan;200.000.000\n\
3;2.08.2.14.0.00.01.0000;Dinas P3A;0003/SP2D/GU/2026;2026-10-10;GU;5.1.02.01.01.0024;Ganti uang;80.000.000\n\
4;2.08.2.14.0.00.01.0000;Dinas P3A;0004/SP2D/GU/2026;2026-10-20;GU Nihil;5.1.02.01.01.0026;Pengesahan SPJ;30.000.000\n\
5;2.08.2.14.0.00.01.0000;Dinas P3A;0005/SP2D/TU/2026;2026-10-21;TU;5.2.02.05.01.0001;Tambahan uang;40.000.000\n\
6;2.08.2.14.0.00.01.0000;Dinas P3A;0006/SP2D/TU/2026;2026-10-28;TU Nihil;5.2.02.05.01.0001;SPJ laptop;25.000.000\n\
7;2.08.2.14.0.00.01.0000;Dinas P3A;0007/SP2D/LS/2026;2026-10-29;LS;5.1.06.01.01.0001;Bantuan sosial;15.000.000\n\
8;2.11.0.00.0.00.01.0000;Dinas Lingkungan Hidup;0008/SP2D/LS/2026;2026-10-30;LS;5.2.02.01.01.0003;Truk sampah;700.000.000\n";

fn rupiah(text: &str) -> Rupiah {
    Rupiah::parse(text).unwrap()
}

/// The agency master data knows DP3A's and DLH's kode SKPD (from SIPD's list).
fn with_skpd_codes() -> Office {
    let mut office = office();
    let list = format!(
        "Kode;Kode SKPD;Nama SKPD\nDP3A;{DP3A_SKPD};{}\nDLH;{DLH_SKPD};{}\n",
        name(&mut office, "DP3A"),
        name(&mut office, "DLH")
    );
    office.regent.agencies().import("skpd.csv", list.as_bytes(), &[]).unwrap();
    office
}

fn name(office: &mut Office, code: &str) -> String {
    office.regent.agencies().get(code).unwrap().name
}

fn sipd<'a>(bytes: &'a [u8], choices: &'a [BudgetColumnChoice]) -> ImportRequest<'a> {
    ImportRequest { source: "SIPD", file_name: "sp2d-oktober.csv", bytes, choices }
}

fn date_choice() -> Vec<BudgetColumnChoice> {
    vec![BudgetColumnChoice { header: "Tgl. Cair".into(), column: Some(ImportColumn::Date) }]
}

fn jenis(desk: &mut Desk, agency: &str, jenis: Option<JenisBelanja>) -> Rupiah {
    let budget = desk.budget().agency(agency, YEAR).unwrap();
    budget.jenis.iter().find(|part| part.jenis == jenis).map_or(Rupiah::ZERO, |part| part.realized)
}

#[test]
fn an_sipd_sp2d_list_counts_ls_and_nihil_only_split_by_jenis_belanja() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    // Without the mapping the file has no date column: its headers are shown to map,
    // and importing it is refused by name.
    let unmapped = desk.budget().preview_realizations(&sipd(SP2D_LIST.as_bytes(), &[])).unwrap();
    assert_eq!((unmapped.missing_columns.as_slice(), unmapped.valid_rows), (&[ImportColumn::Date][..], 0));
    assert_eq!(unmapped.columns[4].origin, MappingOrigin::Unknown);
    let refused = desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &[]), false).unwrap_err();
    assert_eq!(refused, CoreError::ImportMissingColumns { columns: vec![ImportColumn::Date] });

    let before = desk.budget().agency("DP3A", YEAR).unwrap();
    let choices = date_choice();
    let preview = desk.budget().preview_realizations(&sipd(SP2D_LIST.as_bytes(), &choices)).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let read: Vec<(&str, Option<ImportColumn>, MappingOrigin)> =
        preview.columns.iter().map(|c| (c.header.as_str(), c.column, c.origin)).collect();
    assert_eq!(read[0], ("No", None, MappingOrigin::Unknown));
    assert_eq!(read[1], ("Kode SKPD", Some(ImportColumn::Agency), MappingOrigin::Recognised));
    assert_eq!(read[4], ("Tgl. Cair", Some(ImportColumn::Date), MappingOrigin::Chosen));
    assert_eq!(read[5], ("Jenis SP2D", Some(ImportColumn::Sp2dType), MappingOrigin::Recognised));
    assert_eq!(read[8], ("Nilai SP2D", Some(ImportColumn::Amount), MappingOrigin::Recognised));
    // LS 100 + GU nihil 30 + TU nihil 25 + LS 15 (DP3A) + LS 700 (DLH); UP, GU, TU apart.
    assert_eq!((preview.valid_rows, preview.total), (8, rupiah("870.000.000")));
    assert_eq!(preview.advances, rupiah("320.000.000"));

    desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &choices), false).unwrap();
    let after = desk.budget().agency("DP3A", YEAR).unwrap();
    assert_eq!(after.curve.realized.sen() - before.curve.realized.sen(), rupiah("170.000.000").sen());
    assert_eq!(after.advances.sen() - before.advances.sen(), rupiah("320.000.000").sen());
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::Pegawai)), rupiah("100.000.000"));
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::BarangJasa)), rupiah("30.000.000"));
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::Modal)), rupiah("25.000.000"));
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::HibahBansos)), rupiah("15.000.000"));
    // What was realized before jenis were kept stays counted, under no jenis.
    assert_eq!(jenis(desk, "DP3A", None), before.curve.realized);
    let parts: Rupiah = after.jenis.iter().map(|part| part.realized).sum();
    assert_eq!(parts, after.curve.realized, "the split adds up to what was realized");

    // The regency's view and the ranking carry the split too.
    let regency = desk.budget().regency(YEAR).unwrap();
    let modal = regency.jenis.iter().find(|part| part.jenis == Some(JenisBelanja::Modal)).unwrap();
    assert_eq!(modal.realized, rupiah("725.000.000"));
    let dlh = regency.agencies.iter().find(|agency| agency.agency_code == "DLH").unwrap();
    let dlh_modal = dlh.jenis.iter().find(|part| part.jenis == Some(JenisBelanja::Modal)).unwrap();
    assert_eq!(dlh_modal.absorption_permille, dlh_modal.realized.permille_of(dlh.pagu));

    // The same file again adds nothing.
    let digest = desk.digest().unwrap();
    let again = desk.budget().preview_realizations(&sipd(SP2D_LIST.as_bytes(), &choices)).unwrap();
    assert_eq!(again.already_imported, 8);
    desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &choices), false).unwrap();
    assert_eq!(desk.budget().agency("DP3A", YEAR).unwrap(), after);
    assert_eq!(desk.digest().unwrap(), digest);

    // Replaying the log gives the same tables.
    desk.rebuild().unwrap();
    assert_eq!(desk.digest().unwrap(), digest);
}

#[test]
fn one_sp2d_paying_two_accounts_the_same_sum_counts_twice_and_once_only_on_reimport() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let list = "Kode SKPD;Nomor SP2D;Tgl. Cair;Jenis SP2D;Kode Rekening;Nilai SP2D\n\
        2.08.2.14.0.00.01.0000;0011/SP2D/LS/2026;2026-10-05;LS Gaji;5.1.01.01.01.0001;50.000.000\n\
        2.08.2.14.0.00.01.0000;0011/SP2D/LS/2026;2026-10-05;LS Gaji;5.1.01.01.01.0002;50.000.000\n\
        2.08.2.14.0.00.01.0000;0011/SP2D/LS/2026;2026-10-05;LS Gaji;5.1.01.01.01.0002;50.000.000\n";
    let choices = date_choice();
    let preview = desk.budget().preview_realizations(&sipd(list.as_bytes(), &choices)).unwrap();
    // The third row repeats the second (same SP2D, same account): that one is a duplicate.
    assert_eq!(preview.valid_rows, 2, "{:?}", preview.problems);
    assert_eq!(preview.problems.len(), 1);
    assert_eq!((preview.problems[0].row, preview.problems[0].duplicate_of), (4, Some(3)));
    let before = desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    desk.budget().import_realizations_as(&sipd(list.as_bytes(), &choices), true).unwrap();
    let after = desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    assert_eq!(after.sen() - before.sen(), rupiah("100.000.000").sen());

    let again = desk.budget().preview_realizations(&sipd(list.as_bytes(), &choices)).unwrap();
    assert_eq!(again.already_imported, 2);
    desk.budget().import_realizations_as(&sipd(list.as_bytes(), &choices), true).unwrap();
    assert_eq!(desk.budget().agency("DP3A", YEAR).unwrap().curve.realized, after);
}

#[test]
fn the_mapping_is_remembered_for_the_source() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &date_choice()), false).unwrap();
    let november = SP2D_LIST.replace("2026-10-", "2026-11-").replace("/2026;", "/2026-11;");
    let preview = desk.budget().preview_realizations(&sipd(november.as_bytes(), &[])).unwrap();
    assert_eq!(preview.columns[4].origin, MappingOrigin::Remembered);
    assert_eq!(preview.columns[4].column, Some(ImportColumn::Date));
    assert_eq!(preview.already_imported, 0);
    // Another source remembers nothing.
    let other = ImportRequest { source: "Excel BPKD", ..sipd(november.as_bytes(), &[]) };
    assert_eq!(desk.budget().preview_realizations(&other).unwrap().missing_columns, vec![ImportColumn::Date]);
}

#[test]
fn a_row_with_an_unknown_kode_skpd_is_refused_by_row_and_nothing_is_written() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let file = format!("{SP2D_LIST}9;9.99.0.00.0.00.01.0000;Dinas Tak Dikenal;0009/SP2D/LS/2026;2026-10-30;LS;5.1.02.01.01.0001;Lain;1.000.000\n");
    assert_eq!(refused_by_row(desk, &file), vec![(10, ImportColumn::Agency, InputProblem::NotAllowed, None)]);
}

/// The problems the preview lists by row (row, column, problem, the row it repeats), once
/// the import of the whole file was refused and wrote nothing.
fn refused_by_row(desk: &mut Desk, file: &str) -> Vec<(u32, ImportColumn, InputProblem, Option<u32>)> {
    let choices = date_choice();
    let preview = desk.budget().preview_realizations(&sipd(file.as_bytes(), &choices)).unwrap();
    let before = fingerprint(desk);
    let refused = desk.budget().import_realizations_as(&sipd(file.as_bytes(), &choices), false).unwrap_err();
    let rows = preview.problems.iter().map(|p| p.row).collect::<std::collections::HashSet<_>>().len() as u32;
    assert_eq!(refused, CoreError::ImportHasProblems { rows });
    assert_eq!(fingerprint(desk), before, "nothing was written");
    preview.problems.iter().map(|p| (p.row, p.column, p.problem, p.duplicate_of)).collect()
}

#[test]
fn an_lra_per_skpd_counts_its_detail_rows_only() {
    let mut office = with_skpd_codes();
    let dp3a = name(&mut office, "DP3A");
    let desk = &mut office.secretary;
    // The LRA names agencies by name, lists sums above their detail rows, and pendapatan.
    let lra = format!(
        "Nama SKPD;Kode Rekening;Uraian;Periode;Realisasi\n\
         {dp3a};4.1.02.01.01.0001;Retribusi;2026-10;9.000.000\n\
         {dp3a};5;BELANJA DAERAH;2026-10;60.000.000\n\
         {dp3a};5.1;BELANJA OPERASI;2026-10;60.000.000\n\
         {dp3a};5.1.01;Belanja Pegawai;2026-10;45.000.000\n\
         {dp3a};5.1.01.01.01.0001;Belanja Gaji Pokok PNS;2026-10;45.000.000\n\
         {dp3a};5.1.02;Belanja Barang dan Jasa;2026-10;15.000.000\n\
         {dp3a};5.1.02.01.01.0024;Belanja Alat Tulis Kantor;2026-10;15.000.000\n"
    );
    let request = ImportRequest { source: "SIPD LRA", file_name: "lra-dp3a.csv", bytes: lra.as_bytes(), choices: &[] };
    let preview = desk.budget().preview_realizations(&request).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.valid_rows, preview.left_out, preview.total), (2, 5, rupiah("60.000.000")));
    desk.budget().import_realizations_as(&request, false).unwrap();
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::Pegawai)), rupiah("45.000.000"));
    assert_eq!(desk.budget().preview_realizations(&request).unwrap().already_imported, 2);
}

/// SIPD's anggaran kas: a row per account, a column per month, the sums above the
/// accounts; the months' headers as SIPD writes them, one spelled in its own way.
#[test]
fn an_anggaran_kas_file_sets_each_agency_s_monthly_plan_through_the_mapping() {
    use ikp_core::budget::plan_import::{PlanColumn, PlanColumnChoice, PlanImportRequest};
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let months = "Januari;Februari;Maret;April;Mei;Juni;Juli;Agts;September;Oktober;November;Desember";
    let twelve = |amount: &str| [amount; 12].join(";");
    let file = format!(
        "Kode SKPD;Kode Rekening;Uraian;{months}\n\
         {DP3A_SKPD};5.1;Belanja Operasi;{}\n\
         {DP3A_SKPD};5.1.01.01.01.0001;Gaji;{}\n\
         {DP3A_SKPD};5.1.02.01.01.0024;ATK;{}\n\
         {DLH_SKPD};5.2.02.01.01.0003;Truk;{}\n",
        twelve("30.000.000"),
        twelve("20.000.000"),
        twelve("10.000.000"),
        twelve("50.000.000"),
    );
    let choices = [PlanColumnChoice { header: "Agts".into(), column: Some(PlanColumn::August) }];
    let request = PlanImportRequest {
        source: "SIPD",
        file_name: "anggaran-kas.csv",
        bytes: file.as_bytes(),
        choices: &[],
        fiscal_year: YEAR,
    };
    // "Agts" is nobody's name for August: the preview asks for it, the import refuses.
    assert_eq!(desk.budget().preview_plan_import(&request).unwrap().missing_columns, vec![PlanColumn::August]);
    let before = fingerprint(desk);
    assert_eq!(
        desk.budget().import_plans(&request).unwrap_err(),
        CoreError::PlanImportMissingColumns { columns: vec![PlanColumn::August] }
    );
    assert_eq!(fingerprint(desk), before);

    let mapped = PlanImportRequest { choices: &choices, ..request };
    let preview = desk.budget().import_plans(&mapped).unwrap();
    assert_eq!((preview.left_out, preview.agencies.len()), (1, 2));
    let dp3a = desk.budget().agency("DP3A", YEAR).unwrap();
    assert!(dp3a.curve.months.iter().all(|month| month.plan == rupiah("30.000.000")), "heading left out");
    let dlh = desk.budget().agency("DLH", YEAR).unwrap();
    assert_eq!(dlh.curve.months[7].plan, rupiah("50.000.000"));

    // The same file again changes nothing, and the mapping is remembered for SIPD.
    let digest = desk.digest().unwrap();
    let again = desk.budget().preview_plan_import(&request).unwrap();
    assert!(again.missing_columns.is_empty() && again.agencies.iter().all(|agency| agency.unchanged));
    desk.budget().import_plans(&request).unwrap();
    assert_eq!(desk.digest().unwrap(), digest);
    desk.rebuild().unwrap();
    assert_eq!(desk.digest().unwrap(), digest);
}

/// SP2D_LIST as SIPD lists it a month later: SP2D 0001 corrected from Rp 100 million to
/// Rp 120 million, SP2D 0008 re-dated, the rest as before.
fn corrected_list() -> String {
    SP2D_LIST
        .replace(
            "2026-10-02;LS Gaji;5.1.01.01.01.0001;Gaji pokok PNS;100.000.000",
            "2026-10-02;LS Gaji;5.1.01.01.01.0001;Gaji pokok PNS;120.000.000",
        )
        .replace("0008/SP2D/LS/2026;2026-10-30", "0008/SP2D/LS/2026;2026-10-31")
}

#[test]
fn a_corrected_sp2d_line_replaces_its_amount_instead_of_adding_to_it() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let choices = date_choice();
    desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &choices), false).unwrap();
    let (dp3a, dlh) = (
        desk.budget().agency("DP3A", YEAR).unwrap().curve.realized,
        desk.budget().agency("DLH", YEAR).unwrap().curve.realized,
    );
    let pegawai = jenis(desk, "DP3A", Some(JenisBelanja::Pegawai));

    let corrected = corrected_list();
    let preview = desk.budget().preview_realizations(&sipd(corrected.as_bytes(), &choices)).unwrap();
    assert_eq!((preview.already_imported, preview.corrected), (6, 2), "{preview:?}");
    let first = &preview.corrections[0];
    assert_eq!(
        (first.row, first.reference.as_str(), first.account.as_str(), first.before, first.after),
        (2, "0001/SP2D/LS/2026", "5.1.01.01.01.0001", rupiah("100.000.000"), rupiah("120.000.000"))
    );
    assert_eq!(
        (preview.corrections[1].before_on.as_str(), preview.corrections[1].after_on.as_str()),
        ("2026-10-30", "2026-10-31")
    );

    desk.budget().import_realizations_as(&sipd(corrected.as_bytes(), &choices), false).unwrap();
    let dp3a_after = desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    assert_eq!(dp3a_after.sen() - dp3a.sen(), rupiah("20.000.000").sen(), "the correction replaces, it does not add");
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::Pegawai)).sen() - pegawai.sen(), rupiah("20.000.000").sen());
    assert_eq!(desk.budget().agency("DLH", YEAR).unwrap().curve.realized, dlh, "a re-dated line counts once");

    // The first file again brings nothing back: its lines were corrected since.
    let again = desk.budget().preview_realizations(&sipd(SP2D_LIST.as_bytes(), &choices)).unwrap();
    assert_eq!((again.already_imported, again.corrected), (8, 0));
    desk.budget().import_realizations_as(&sipd(SP2D_LIST.as_bytes(), &choices), false).unwrap();
    assert_eq!(desk.budget().agency("DP3A", YEAR).unwrap().curve.realized, dp3a_after);

    let projected = desk.digest().unwrap();
    desk.rebuild().unwrap();
    assert_eq!(desk.digest().unwrap(), projected, "a rebuild counts what the imports counted");
}

#[test]
fn one_line_given_two_amounts_in_one_file_is_refused_by_row() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let file = format!(
        "{SP2D_LIST}9;{DP3A_SKPD};Dinas P3A;0001/SP2D/LS/2026;2026-10-02;LS Gaji;5.1.01.01.01.0001;Gaji pokok PNS;90.000.000\n"
    );
    assert_eq!(refused_by_row(desk, &file), vec![(10, ImportColumn::Amount, InputProblem::Conflicting, Some(2))]);
}

#[test]
fn a_corrected_lra_account_replaces_the_period_s_amount() {
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let lra = |amount: &str| {
        format!("Kode SKPD;Kode Rekening;Bulan;Realisasi\n{DP3A_SKPD};5.2.02.05.01.0001;2026-10;{amount}\n")
    };
    let before = jenis(desk, "DP3A", Some(JenisBelanja::Modal));
    desk.budget().import_realizations_as(&sipd(lra("40.000.000").as_bytes(), &[]), false).unwrap();
    desk.budget().import_realizations_as(&sipd(lra("45.000.000").as_bytes(), &[]), false).unwrap();
    assert_eq!(jenis(desk, "DP3A", Some(JenisBelanja::Modal)).sen() - before.sen(), rupiah("45.000.000").sen());
}

#[test]
fn a_correction_that_arrives_before_the_line_it_corrects_still_wins() {
    use crate::harness::leader;
    use crate::sync::{enrol, repack, root, send};
    use ikp_core::principal::Role;

    let mut bpkd = root();
    let mut secretary = enrol(&mut bpkd, 5, leader(Role::Secretary));
    let file = |amount: &str| {
        format!("Kode SKPD;Nomor SP2D;Tanggal;Jenis SP2D;Kode Rekening;Nilai SP2D\nDP3A;0001/SP2D/LS/2026;2026-10-02;LS;5.1.02.01.01.0024;{amount}\n")
    };
    let (first, second) = (file("10.000.000"), file("12.500.000"));
    fn request<'a>(bytes: &'a str, file_name: &'a str) -> ImportRequest<'a> {
        ImportRequest { source: "SIPD", file_name, bytes: bytes.as_bytes(), choices: &[] }
    }
    bpkd.desk.budget().import_realizations_as(&request(&first, "sp2d-oktober.csv"), false).unwrap();
    bpkd.desk.budget().import_realizations_as(&request(&second, "sp2d-koreksi.csv"), false).unwrap();
    let realized = |desk: &mut Desk| desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    assert_eq!(realized(&mut bpkd.desk), rupiah("12.500.000"));

    // The correction reaches the Secretary's laptop first (another stick), then the rest.
    let only_correction = repack(&bpkd.bundle(), |events| {
        events.retain(|event| String::from_utf8_lossy(&event.body).contains("sp2d-koreksi.csv"));
    });
    secretary.import(&only_correction).unwrap();
    assert_eq!(realized(&mut secretary.desk), rupiah("12.500.000"));
    send(&mut bpkd, &mut secretary);
    assert_eq!(realized(&mut secretary.desk), rupiah("12.500.000"), "the older amount does not come back");
    assert_eq!(secretary.desk.digest().unwrap(), bpkd.desk.digest().unwrap(), "both laptops project the same");
}

#[test]
fn two_entries_of_one_line_in_one_event_count_the_first_listed_also_after_a_rebuild() {
    use ikp_core::budget::payload::{RealizationEntry, RealizationsRecorded};
    use ikp_core::kinds::DomainEvent;
    // The import refuses such a file; an event made another way (a crafted one, or a
    // future importer) must still count the line once, the same way on every laptop.
    let mut office = with_skpd_codes();
    let desk = &mut office.secretary;
    let before = desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    let entry = |id: &str, amount: &str| RealizationEntry {
        entry_id: id.into(),
        agency_code: "DP3A".into(),
        realized_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(),
        amount: rupiah(amount),
        reference: "0001/SP2D/LS/2026".into(),
        note: String::new(),
        sp2d_type: None,
        jenis: None,
        line: Some("sp2d|2026|0001/SP2D/LS/2026|5.1.01.01.01.0001".into()),
    };
    desk.record(DomainEvent::BudgetRealized(RealizationsRecorded {
        agency_code: None,
        source: None,
        entries: vec![entry("first", "10.000.000"), entry("second", "99.000.000")],
    }))
    .unwrap();
    let after = desk.budget().agency("DP3A", YEAR).unwrap().curve.realized;
    assert_eq!(after.sen() - before.sen(), rupiah("10.000.000").sen());
    let projected = desk.digest().unwrap();
    desk.rebuild().unwrap();
    assert_eq!(desk.digest().unwrap(), projected);
}
