//! Agencies as master data a real regency keeps: added by form, imported from SIPD's
//! list with a bad row refused by row, renamed without rewriting history, deactivated
//! without losing records — and all of it travelling to every enrolled laptop.

use ikp_core::agency::import::{AgencyColumn, AgencyColumnChoice, RowChange};
use ikp_core::agency::ops::AgencyInput;
use ikp_core::agency::payload::AgencyHead;
use ikp_core::agency::AgencyKind;
use ikp_core::instruction::queries::InstructionFilter;
use ikp_core::{CoreError, InputProblem};

use crate::harness::staff_of;
use crate::instructions::child_violence_case;
use crate::sync::{enrol, root, send};

fn diskominfo() -> AgencyInput {
    AgencyInput {
        code: "DISKOMINFO".into(),
        name: "Dinas Komunikasi, Informatika, Persandian dan Statistik".into(),
        short_name: "Diskominfosantik".into(),
        kind: AgencyKind::Dinas,
        sipd_code: "2.16.2.20.2.21.01.0000".into(),
        head: Some(AgencyHead {
            name: "Dr. Ir. Hudaya, M.Si.".into(),
            title: "Kepala Dinas".into(),
            nip: "19700101 199003 1 001".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
        }),
    }
}

/// SIPD's list as a spreadsheet exports it: kode and nama SKPD, the head's name and NIP.
fn sipd_list(bad_nip_on_row: Option<usize>) -> String {
    let mut csv = String::from("Kode SKPD;Nama SKPD;Kepala;NIP\n");
    for n in 1..=20 {
        let nip = if bad_nip_on_row == Some(n) { "1970-01".to_owned() } else { format!("1970010119900310{n:02}") };
        let name = if n <= 5 { format!("Kecamatan Uji {n}") } else { format!("Dinas Uji {n}") };
        csv.push_str(&format!("7.01.0.00.0.00.{n:02}.0000;{name};Pejabat {n};{nip}\n"));
    }
    csv
}

/// (Failed before agencies had screens: `agency.registered` was written only by the demo.)
#[test]
fn agencies_kept_on_the_root_arrive_on_an_enrolled_laptop() {
    let mut root = root();
    let added = root.desk.agencies().add(diskominfo()).unwrap();
    assert_eq!(added.head_nip.as_deref(), Some("197001011990031001"), "spaces in a NIP are dropped");
    assert_eq!(added.sipd_code.as_deref(), Some("2.16.2.20.2.21.01.0000"));

    let again = root.desk.agencies().add(diskominfo()).unwrap_err();
    assert_eq!(again, CoreError::invalid("code", InputProblem::Duplicate));

    // One bad row: the preview names it by row and column; the import writes nothing.
    let bad = sipd_list(Some(7));
    let preview = root.desk.agencies().preview_import("skpd.csv", bad.as_bytes(), &[]).unwrap();
    assert_eq!(preview.rows, 20);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!((preview.problems[0].row, preview.problems[0].column), (8, AgencyColumn::HeadNip));
    assert_eq!(preview.problems[0].problem, InputProblem::NotAllowed);
    let before = root.state();
    assert_eq!(
        root.desk.agencies().import("skpd.csv", bad.as_bytes(), &[]).unwrap_err(),
        CoreError::ImportHasProblems { rows: 1 }
    );
    assert_eq!(root.state(), before, "a refused list wrote nothing");

    // Fixed, it lands whole; the same file again changes nothing.
    let good = sipd_list(None);
    let imported = root.desk.agencies().import("skpd.csv", good.as_bytes(), &[]).unwrap();
    assert_eq!((imported.new_agencies, imported.updates, imported.unchanged), (20, 0, 0));
    let after_first = root.state();
    let twice = root.desk.agencies().import("skpd.csv", good.as_bytes(), &[]).unwrap();
    assert_eq!(twice.unchanged, 20);
    assert_eq!(root.state(), after_first, "importing the same list twice adds nothing");
    let agencies = root.desk.agencies().list().unwrap();
    let camat = agencies.iter().find(|agency| agency.name == "Kecamatan Uji 3").unwrap();
    assert_eq!(camat.kind, AgencyKind::Kecamatan, "the kind is read from the name");
    assert_eq!(camat.code, "7.01.0.00.0.00.03.0000", "without a short code, the SIPD code is the code");

    // A laptop enrolled afterwards gets the same master data through the bundle.
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    send(&mut root, &mut dp3a);
    assert_eq!(dp3a.desk.agencies().list().unwrap(), root.desk.agencies().list().unwrap());
    assert_eq!(dp3a.desk.agencies().list().unwrap().len(), 4 + 1 + 20);
}

/// A hand mapping reads a list whose headers are not recognised.
#[test]
fn an_unrecognised_list_is_read_through_a_column_mapping() {
    let mut root = root();
    let csv = "Satuan Kerja,Unit\nBadan Pendapatan Daerah,BAPENDA\n";
    assert!(matches!(
        root.desk.agencies().preview_import("x.csv", csv.as_bytes(), &[]).unwrap_err(),
        CoreError::ImportUnreadable { .. }
    ));
    let mapping = [
        AgencyColumnChoice { header: "Satuan Kerja".into(), column: Some(AgencyColumn::Name) },
        AgencyColumnChoice { header: "Unit".into(), column: Some(AgencyColumn::Code) },
    ];
    let preview = root.desk.agencies().import("x.csv", csv.as_bytes(), &mapping).unwrap();
    assert_eq!(preview.agencies[0].change, RowChange::New);
    let bapenda = root.desk.agencies().get("BAPENDA").unwrap();
    assert_eq!((bapenda.kind, bapenda.short_name.as_str()), (AgencyKind::Badan, "BAPENDA"));
}

/// A renamed agency keeps its old name on what was issued before, on every laptop and
/// after a rebuild; new instructions carry the new name.
#[test]
fn a_renamed_agency_keeps_its_old_name_on_old_instructions() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let old = root.desk.instructions().issue(child_violence_case()).unwrap();
    let mut renamed = AgencyInput {
        code: "DP3A".into(),
        name: "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan KB".into(),
        short_name: "DP3AKB".into(),
        kind: AgencyKind::Dinas,
        sipd_code: String::new(),
        head: None,
    };
    root.desk.agencies().edit(renamed.clone()).unwrap();
    let new = root.desk.instructions().issue(child_violence_case()).unwrap();

    send(&mut root, &mut dp3a);
    for desk in [&mut root.desk, &mut dp3a.desk] {
        for _ in 0..2 {
            let mut names = |id: &str| desk.instructions().detail(id).unwrap().summary.lead_agency_short_name;
            assert_eq!(names(&old.summary.id), "DP3A", "issued under its old name");
            assert_eq!(names(&new.summary.id), "DP3AKB");
            let listed = desk.instructions().list(&InstructionFilter::default()).unwrap();
            assert!(listed.iter().any(|s| s.id == old.summary.id && s.lead_agency_short_name == "DP3A"));
            let agency = desk.agencies().get("DP3A").unwrap();
            assert_eq!(agency.former_names, vec!["Dinas DP3A".to_owned()]);
            desk.rebuild().unwrap();
        }
    }

    // An edit that changes nothing writes nothing.
    renamed.name = format!("  {}  ", renamed.name);
    let before = root.state();
    root.desk.agencies().edit(renamed).unwrap();
    assert_eq!(root.state(), before);
}

/// A deactivated agency receives no new instruction; its records stay, and it can be
/// taken back.
#[test]
fn a_deactivated_agency_keeps_its_records_but_receives_nothing_new() {
    let mut root = root();
    let old = root.desk.instructions().issue(child_violence_case()).unwrap();
    let agency = root.desk.agencies().set_active("DINKES", false, "Digabung ke Dinas Kesehatan dan KB").unwrap();
    assert!(!agency.active);

    let before = root.state();
    let refused = root.desk.instructions().issue(child_violence_case()).unwrap_err();
    assert_eq!(refused, CoreError::AgencyInactive { code: "DINKES".into() });
    assert_eq!(root.state(), before, "nothing written");

    let kept = root.desk.instructions().detail(&old.summary.id).unwrap();
    assert!(kept.agencies.iter().any(|agency| agency.code == "DINKES"), "old records stay");
    assert!(root.desk.agencies().list().unwrap().iter().any(|agency| agency.code == "DINKES" && !agency.active));

    root.desk.agencies().set_active("DINKES", true, "").unwrap();
    root.desk.instructions().issue(child_violence_case()).unwrap();
}

/// Master data is the leadership's: agency staff may name their own head, nothing more.
#[test]
fn agency_staff_keep_only_their_own_head() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let before = dp3a.state();
    assert!(matches!(dp3a.desk.agencies().add(diskominfo()).unwrap_err(), CoreError::NotAuthorized { .. }));
    assert!(matches!(dp3a.desk.agencies().set_active("BPBD", false, "").unwrap_err(), CoreError::NotAuthorized { .. }));
    let csv = sipd_list(None);
    assert!(matches!(
        dp3a.desk.agencies().import("skpd.csv", csv.as_bytes(), &[]).unwrap_err(),
        CoreError::NotAuthorized { .. }
    ));
    let mut own = AgencyInput {
        code: "DP3A".into(),
        name: "Dinas DP3A".into(),
        short_name: "DP3A".into(),
        kind: AgencyKind::Dinas,
        sipd_code: String::new(),
        head: None,
    };
    let rename = AgencyInput { name: "Dinas Lain".into(), ..own.clone() };
    assert!(matches!(dp3a.desk.agencies().edit(rename).unwrap_err(), CoreError::NotAuthorized { .. }));
    let other =
        AgencyInput { code: "BPBD".into(), name: "Dinas BPBD".into(), short_name: "BPBD".into(), ..own.clone() };
    let other = AgencyInput { head: diskominfo().head, ..other };
    assert!(matches!(dp3a.desk.agencies().edit(other).unwrap_err(), CoreError::NotAuthorized { .. }));
    assert_eq!(dp3a.state(), before, "refusals wrote nothing");

    own.head = Some(AgencyHead { name: "Dra. Rina".into(), title: "Kepala Dinas".into(), ..Default::default() });
    let mine = dp3a.desk.agencies().edit(own).unwrap();
    assert_eq!(mine.head_name.as_deref(), Some("Dra. Rina"));
    send(&mut dp3a, &mut root);
    assert_eq!(root.desk.agencies().get("DP3A").unwrap().head_name.as_deref(), Some("Dra. Rina"));
}

/// Bad field values are named, and the NIP must be 18 digits.
#[test]
fn agency_form_errors_name_the_field() {
    let mut root = root();
    let before = root.state();
    type Spoil = fn(&mut AgencyInput);
    let cases: [(Spoil, &str, InputProblem); 5] = [
        (|input| input.code = "DIS KOMINFO".into(), "code", InputProblem::NotAllowed),
        (|input| input.name = " ".into(), "name", InputProblem::Required),
        (|input| input.sipd_code = "2.16-x".into(), "sipdCode", InputProblem::NotAllowed),
        (|input| input.head.as_mut().unwrap().nip = "1970".into(), "headNip", InputProblem::NotAllowed),
        (|input| input.head.as_mut().unwrap().name = String::new(), "headName", InputProblem::Required),
    ];
    for (spoil, field, problem) in cases {
        let mut input = diskominfo();
        spoil(&mut input);
        assert_eq!(root.desk.agencies().add(input).unwrap_err(), CoreError::invalid(field, problem), "{field}");
    }
    assert_eq!(root.state(), before);
}

/// SIPD's list saved as a workbook reads like the CSV: the same columns, the same row
/// report for a bad row, and the same agencies once fixed.
#[test]
fn an_xlsx_agency_list_imports_like_a_csv() {
    let workbook = |nip_of_second: &str| {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (column, header) in ["Kode SKPD", "Nama SKPD", "Kepala", "NIP"].into_iter().enumerate() {
            sheet.write_string(0, column as u16, header).unwrap();
        }
        let rows = [
            ["1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "Drs. Ahmad", "196901011994031001"],
            ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "dr. Siti", nip_of_second],
        ];
        for (index, row) in rows.iter().enumerate() {
            for (column, cell) in row.iter().enumerate() {
                sheet.write_string(index as u32 + 1, column as u16, *cell).unwrap();
            }
        }
        workbook.save_to_buffer().unwrap()
    };
    let mut root = root();
    let before = root.state();
    let bad = root.desk.agencies().import("skpd.xlsx", &workbook("1970"), &[]).unwrap_err();
    assert_eq!(bad, CoreError::ImportHasProblems { rows: 1 });
    let preview = root.desk.agencies().preview_import("skpd.xlsx", &workbook("1970"), &[]).unwrap();
    assert_eq!((preview.problems[0].row, preview.problems[0].column), (3, AgencyColumn::HeadNip));
    assert_eq!(root.state(), before);
    // A NIP typed into a number cell has lost its last digits: named, not taken.
    let mut numeric = rust_xlsxwriter::Workbook::new();
    let sheet = numeric.add_worksheet();
    for (column, header) in ["Kode SKPD", "Nama SKPD", "Kepala", "NIP"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, header).unwrap();
    }
    sheet.write_string(1, 0, "1.03.0.00.0.00.01.0000").unwrap();
    sheet.write_string(1, 1, "Dinas Sosial").unwrap();
    sheet.write_string(1, 2, "Drs. Budi").unwrap();
    sheet.write_number(1, 3, 197_001_011_990_031_001.0).unwrap();
    let preview =
        root.desk.agencies().preview_import("nip-angka.xlsx", &numeric.save_to_buffer().unwrap(), &[]).unwrap();
    assert_eq!(
        (preview.problems[0].column, preview.problems[0].problem),
        (AgencyColumn::HeadNip, InputProblem::NotAllowed)
    );

    let imported = root.desk.agencies().import("skpd.xlsx", &workbook("197202022000032002"), &[]).unwrap();
    assert_eq!(imported.new_agencies, 2);
    let dinkes = root.desk.agencies().get("1.02.0.00.0.00.01.0000").unwrap();
    assert_eq!((dinkes.name.as_str(), dinkes.head_nip.as_deref()), ("Dinas Kesehatan", Some("197202022000032002")));
}
