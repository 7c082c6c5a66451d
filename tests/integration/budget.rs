//! Budget absorption on real SQLite files: revisions, exact sums, the CSV import's
//! all-or-nothing rule, and who may write what.

use chrono::{Datelike, NaiveDate};
use ikp_core::budget::import::ImportColumn;
use ikp_core::budget::ops::{CeilingInput, PlanInput, RealizationInput};
use ikp_core::budget::payload::BudgetStage;
use ikp_core::money::Rupiah;
use ikp_core::principal::Role;
use ikp_core::settings::BudgetThresholds;
use ikp_core::tabular::FileEncoding;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::harness::{fingerprint, office};

pub(crate) const YEAR: i32 = 2026;

pub(crate) fn ceiling(agency: &str, stage: BudgetStage, amount: &str, effective_on: &str) -> CeilingInput {
    CeilingInput {
        agency_code: agency.into(),
        fiscal_year: YEAR,
        stage,
        amount: amount.into(),
        effective_on: Some(effective_on.into()),
        reason: "Perda APBD".into(),
        lines: vec![],
    }
}

pub(crate) fn realize(desk: &mut Desk, agency: &str, day: &str, amount: &str) {
    desk.budget()
        .record_realization(RealizationInput {
            agency_code: agency.into(),
            realized_on: day.into(),
            amount: amount.into(),
            reference: String::new(),
            note: String::new(),
        })
        .unwrap();
}

#[test]
fn absorption_uses_the_pagu_in_force_after_the_revision() {
    let mut office = office();
    let desk = &mut office.secretary;
    // The demo gave DP3A a pagu already; a later-signed murni of the same day replaces it.
    desk.budget().set_ceiling(ceiling("DP3A", BudgetStage::Murni, "Rp10.000.000.000", "2026-01-02")).unwrap();
    realize(desk, "DP3A", "2026-08-20", "Rp3.000.000.000");
    let before = desk.budget().agency("DP3A", YEAR).unwrap();
    assert_eq!(before.curve.pagu, Rupiah::parse("Rp10.000.000.000").unwrap());

    let mut revision = ceiling("DP3A", BudgetStage::Perubahan, "Rp12.000.000.000", "2026-09-15");
    revision.reason = "APBD Perubahan: tambahan untuk UPTD PPA".into();
    let after = desk.budget().set_ceiling(revision).unwrap();
    assert_eq!(after.curve.pagu, Rupiah::parse("12 miliar").unwrap());
    let realized = after.curve.realized;
    assert_eq!(after.curve.absorption_permille, realized.permille_of(after.curve.pagu));
    assert!(after.curve.absorption_permille < before.curve.absorption_permille);
    // August's point uses the pagu of August, September's the revised one.
    let (august, september) = (&after.curve.months[7], &after.curve.months[8]);
    assert_eq!(august.actual_permille, august.realized_cumulative.permille_of(Rupiah::parse("10 miliar").unwrap()));
    assert_eq!(
        september.actual_permille,
        september.realized_cumulative.permille_of(Rupiah::parse("12 miliar").unwrap())
    );
    let stages: Vec<BudgetStage> = after.ceilings.iter().map(|c| c.stage).collect();
    assert_eq!(stages.last(), Some(&BudgetStage::Perubahan));
}

#[test]
fn seven_trillion_imported_as_many_entries_sums_exactly() {
    let mut office = office();
    let rows = 7_001;
    let total = Rupiah::parse("Rp7.100.000.000.000,01").unwrap();
    let share = total.sen() / rows;
    let mut csv = String::from("kode_opd;tanggal;jumlah;no_sp2d\n");
    let mut sum = 0;
    for row in 0..rows {
        let sen = if row == rows - 1 { total.sen() - sum } else { share };
        sum += sen;
        let amount = Rupiah::from_sen(sen).to_indonesian();
        csv.push_str(&format!("BAPPEDA;2026-03-{:02};{amount};SP2D/T/{row}\n", row % 28 + 1));
    }
    let before = office.secretary.budget().agency("BAPPEDA", YEAR).unwrap().curve.realized;
    let imported = office.secretary.budget().import_realizations("besar.csv", csv.as_bytes(), false).unwrap();
    assert_eq!((imported.valid_rows, imported.total), (rows as u32, total));
    let after = office.secretary.budget().agency("BAPPEDA", YEAR).unwrap().curve.realized;
    assert_eq!(after.sen() - before.sen(), total.sen());
}

#[test]
fn a_file_with_a_bad_row_is_refused_whole_with_every_problem_named() {
    let mut office = office();
    let csv = "Kode OPD,Tanggal,Jumlah,No SP2D,Keterangan\n\
               DLH,2026-10-05,Rp1.500.000,SP2D/DLH/1,Truk sampah\n\
               DLH,2026-10-06,-250.000,SP2D/DLH/2,\n\
               XYZ,31/10/2026,Rp2.000.000,SP2D/XYZ/3,\n\
               DLH,2026-13-01,lima juta,SP2D/DLH/4,\n\
               DLH,2026-10-07,,SP2D/DLH/5,\n";
    let preview = office.secretary.budget().preview_realization_import("serapan.csv", csv.as_bytes()).unwrap();
    let problems: Vec<(u32, ImportColumn, InputProblem)> =
        preview.problems.iter().map(|p| (p.row, p.column, p.problem)).collect();
    assert_eq!(
        problems,
        vec![
            (3, ImportColumn::Amount, InputProblem::Negative),
            (4, ImportColumn::Agency, InputProblem::NotAllowed),
            (5, ImportColumn::Date, InputProblem::NotADate),
            (5, ImportColumn::Amount, InputProblem::NotANumber),
            (6, ImportColumn::Amount, InputProblem::Required),
        ]
    );
    assert_eq!((preview.rows, preview.valid_rows), (5, 1));

    let before = fingerprint(&office.secretary);
    let refused = office.secretary.budget().import_realizations("serapan.csv", csv.as_bytes(), false).unwrap_err();
    assert_eq!(refused, CoreError::ImportHasProblems { rows: 4 });
    assert_eq!(fingerprint(&office.secretary), before);

    // Told to skip the listed rows, the good one goes in — once, however often imported.
    let realized = |desk: &mut Desk| desk.budget().agency("DLH", YEAR).unwrap().curve.realized;
    let start = realized(&mut office.secretary);
    office.secretary.budget().import_realizations("serapan.csv", csv.as_bytes(), true).unwrap();
    assert_eq!(realized(&mut office.secretary).sen() - start.sen(), Rupiah::parse("1.500.000").unwrap().sen());
    let again = office.secretary.budget().preview_realization_import("serapan.csv", csv.as_bytes()).unwrap();
    assert_eq!(again.already_imported, 1);
    office.secretary.budget().import_realizations("serapan.csv", csv.as_bytes(), true).unwrap();
    assert_eq!(realized(&mut office.secretary).sen() - start.sen(), Rupiah::parse("1.500.000").unwrap().sen());
}

/// `text` as Excel on Windows saves a CSV: Windows-1252 (é is 0xE9, the em dash 0x97).
pub(crate) fn windows_1252(text: &str) -> Vec<u8> {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'é' => 0xE9,
            '—' => 0x97,
            c if c.is_ascii() => c as u8,
            other => panic!("{other} is not in this small table"),
        })
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file must not also be valid UTF-8");
    bytes
}

#[test]
fn a_csv_excel_saved_on_windows_imports_with_its_accents() {
    let mut office = office();
    let note = "Kecamatan Cikarang Selatan — Pemeliharaan Jalan Désa";
    let bytes = windows_1252(&format!(
        "Kode OPD;Tanggal;Jumlah;No SP2D;Keterangan\r\nDLH;2026-10-05;Rp1.500.000;SP2D/DLH/1252;{note}\r\n"
    ));
    let preview = office.secretary.budget().preview_realization_import("serapan.csv", &bytes).unwrap();
    assert_eq!((preview.encoding, preview.valid_rows), (FileEncoding::Windows1252, 1));
    assert_eq!(preview.problems, vec![]);
    let imported = office.secretary.budget().import_realizations("serapan.csv", &bytes, false).unwrap();
    assert_eq!(imported.encoding, FileEncoding::Windows1252);
    let stored: String = office
        .secretary
        .store()
        .conn()
        .query_row("SELECT note FROM budget_realizations WHERE reference = 'SP2D/DLH/1252'", [], |row| row.get(0))
        .unwrap();
    assert_eq!(stored, note);
}

#[test]
fn the_same_sp2d_twice_in_one_file_is_named_by_row_and_the_preview_sums_what_is_imported() {
    let mut office = office();
    let csv = "Kode OPD,Tanggal,Jumlah,No SP2D\n\
               DLH,2026-10-05,Rp1.500.000,SP2D/DLH/7\n\
               DLH,2026-10-06,Rp2.000.000,SP2D/DLH/8\n\
               DLH,2026-10-05,Rp1.500.000,SP2D/DLH/7\n";
    let preview = office.secretary.budget().preview_realization_import("sp2d.csv", csv.as_bytes()).unwrap();
    let problems: Vec<(u32, ImportColumn, InputProblem, Option<u32>)> =
        preview.problems.iter().map(|p| (p.row, p.column, p.problem, p.duplicate_of)).collect();
    assert_eq!(problems, vec![(4, ImportColumn::Reference, InputProblem::Duplicate, Some(2))]);
    assert_eq!((preview.rows, preview.valid_rows), (3, 2));
    assert_eq!(preview.total, Rupiah::parse("Rp3.500.000").unwrap());

    // Refused as it stands; nothing written.
    let before = fingerprint(&office.secretary);
    let refused = office.secretary.budget().import_realizations("sp2d.csv", csv.as_bytes(), false).unwrap_err();
    assert_eq!(refused, CoreError::ImportHasProblems { rows: 1 });
    assert_eq!(fingerprint(&office.secretary), before);

    // With the repeat left out, the import adds exactly the preview's total.
    let realized = |desk: &mut Desk| desk.budget().agency("DLH", YEAR).unwrap().curve.realized;
    let start = realized(&mut office.secretary);
    let imported = office.secretary.budget().import_realizations("sp2d.csv", csv.as_bytes(), true).unwrap();
    assert_eq!(imported.total, preview.total);
    assert_eq!(realized(&mut office.secretary).sen() - start.sen(), preview.total.sen());
}

#[test]
fn files_that_are_not_realization_tables_are_refused_by_name() {
    let mut office = office();
    let missing =
        office.secretary.budget().preview_realization_import("x.csv", b"kode_opd,keterangan\nDLH,x\n").unwrap_err();
    assert_eq!(missing, CoreError::ImportMissingColumns { columns: vec![ImportColumn::Date, ImportColumn::Amount] });
    let binary = office.secretary.budget().preview_realization_import("x.pdf", b"%PDF-1.7\n\xff\xfe\x00").unwrap_err();
    assert!(matches!(binary, CoreError::ImportUnreadable { .. }));
}

#[test]
fn money_input_errors_name_the_field_and_write_nothing() {
    let mut office = office();
    let before = fingerprint(&office.secretary);
    let cases = [
        ("", InputProblem::Required),
        ("-5.000.000", InputProblem::Negative),
        ("lima miliar", InputProblem::NotANumber),
        ("1.23", InputProblem::NotANumber),
    ];
    for (amount, problem) in cases {
        let error = office.secretary.budget().set_ceiling(ceiling("DLH", BudgetStage::Murni, amount, "2026-01-02"));
        assert_eq!(error.unwrap_err(), CoreError::invalid("amount", problem), "{amount:?}");
    }
    let short_plan = PlanInput { agency_code: "DLH".into(), fiscal_year: YEAR, months: vec!["1".into(); 11] };
    assert_eq!(
        office.secretary.budget().set_plan(short_plan).unwrap_err(),
        CoreError::invalid("months", InputProblem::NotAllowed)
    );
    let revision_without_reason =
        CeilingInput { reason: " ".into(), ..ceiling("DLH", BudgetStage::Perubahan, "1", "2026-09-15") };
    assert_eq!(
        office.secretary.budget().set_ceiling(revision_without_reason).unwrap_err(),
        CoreError::invalid("reason", InputProblem::Required)
    );
    assert_eq!(fingerprint(&office.secretary), before);
}

/// BPKD keeps every agency's budget; an agency can no longer set its own pagu or record
/// its own realizations (they lift its own absorption score, an IKP indicator). (Failed on
/// d724c38: BPBD recorded its own realizations.)
#[test]
fn bpkd_keeps_every_agency_s_budget_and_an_agency_keeps_none_of_it() {
    let mut office = office();
    let mut bpkd = person(&office, 5, Role::Finance, Some("BPKAD"), "Bendahara BPKAD");
    realize(&mut bpkd, "DP3A", "2026-11-02", "Rp25.000.000");
    bpkd.budget().set_ceiling(ceiling("DP3A", BudgetStage::Perubahan, "12 miliar", "2026-09-15")).unwrap();
    assert!(bpkd
        .budget()
        .agency("DP3A", YEAR)
        .unwrap()
        .ceilings
        .iter()
        .any(|version| version.amount.to_short_indonesian() == "Rp12 miliar"));

    let before = fingerprint(&office.bpbd);
    let own = office.bpbd.budget().record_realization(RealizationInput {
        agency_code: "BPBD".into(),
        realized_on: "2026-11-02".into(),
        amount: "1".into(),
        reference: String::new(),
        note: String::new(),
    });
    assert_eq!(
        own.unwrap_err(),
        CoreError::NotAuthorized { kind: "budget.realized".into(), role: Some(Role::AgencyStaff) }
    );
    let pagu = office.bpbd.budget().set_ceiling(ceiling("BPBD", BudgetStage::Perubahan, "99 miliar", "2026-09-15"));
    assert_eq!(
        pagu.unwrap_err(),
        CoreError::NotAuthorized { kind: "budget.ceiling_set".into(), role: Some(Role::AgencyStaff) }
    );
    let csv = "kode_opd,tanggal,jumlah\nBPBD,2026-11-03,1000\n";
    assert!(matches!(
        office.bpbd.budget().import_realizations("x.csv", csv.as_bytes(), false).unwrap_err(),
        CoreError::NotAuthorized { .. }
    ));
    assert_eq!(fingerprint(&office.bpbd), before);
    // Physical progress stays the agency's own to report.
    office
        .bpbd
        .budget()
        .report_physical_progress(ikp_core::budget::ops::PhysicalInput {
            agency_code: "BPBD".into(),
            fiscal_year: YEAR,
            month: 11,
            percent: "40".into(),
        })
        .unwrap();
}

/// A desk of the office's shared database in another role.
fn person(office: &crate::harness::Office, seed: u8, role: Role, agency: Option<&str>, name: &str) -> Desk {
    let clock = std::sync::Arc::new(ikp_core::clock::SystemClock);
    let mut desk =
        Desk::open_as(office.dir.path(), ikp_core::identity::DeviceKey::from_secret([seed; 32]), clock).unwrap();
    desk.setup_device(ikp_core::SetupInput { role, agency_code: agency.map(Into::into), user_name: name.into() })
        .unwrap();
    desk
}

#[test]
fn the_demo_year_absorbs_about_sixty_percent_with_sdabmbk_far_behind() {
    let mut office = office();
    let regency = office.regent.budget().regency(YEAR).unwrap();
    assert_eq!(regency.curve.pagu.to_short_indonesian(), "Rp7,1 triliun");
    let sdabmbk = regency.agencies.iter().find(|a| a.agency_code == "SDABMBK").unwrap();
    assert_eq!(sdabmbk.pagu.to_short_indonesian(), "Rp577 miliar");
    assert!(sdabmbk.warning);
    assert_eq!(regency.agencies.last().unwrap().agency_code, "SDABMBK");
    let absorption = regency.curve.absorption_permille;
    assert!((550..=650).contains(&absorption), "absorption {absorption}‰");
}

#[test]
fn the_warning_gap_and_target_are_regency_settings_the_leadership_sets() {
    let mut office = office();
    let defaults = office.regent.settings().budget_thresholds().unwrap();
    assert_eq!((defaults.warning_percent, defaults.target_percent), (10, 90));
    let warned = |desk: &mut Desk| {
        let regency = desk.budget().regency(YEAR).unwrap();
        regency.agencies.iter().filter(|agency| agency.warning).count()
    };
    let warned_at_ten = warned(&mut office.regent);
    assert!(warned_at_ten > 0);

    let before = fingerprint(&office.dp3a);
    let loose = BudgetThresholds { warning_percent: 50, target_percent: 95 };
    let refused = office.dp3a.settings().set_budget_thresholds(loose);
    assert!(matches!(refused, Err(CoreError::NotAuthorized { .. })), "{refused:?}");
    let refused =
        office.secretary.settings().set_budget_thresholds(BudgetThresholds { warning_percent: 0, target_percent: 95 });
    assert!(
        matches!(&refused, Err(CoreError::InvalidInput { field, problem: InputProblem::OutOfRange }) if field == "warningPercent"),
        "{refused:?}"
    );
    assert_eq!(fingerprint(&office.dp3a), before);

    office.secretary.settings().set_budget_thresholds(loose).unwrap();
    let regency = office.regent.budget().regency(YEAR).unwrap();
    assert_eq!((regency.warning_permille, regency.target_permille), (500, 950));
    assert!(warned(&mut office.regent) < warned_at_ten, "a 50-point gap warns about fewer agencies");
    assert_eq!(office.regent.budget().agency("SDABMBK", YEAR).unwrap().target_permille, 950);
}

/// A workbook as a finance office would save it: native dates and numbers, not text.
fn realization_workbook(rows: &[(&str, NaiveDate, f64, &str)]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Kode OPD", "Tanggal SP2D", "Nilai SP2D", "No SP2D"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, header).unwrap();
    }
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (index, (agency, day, amount, reference)) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string(row, 0, *agency).unwrap();
        sheet
            .write_date_with_format(
                row,
                1,
                rust_xlsxwriter::ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
                    .unwrap(),
                &date_format,
            )
            .unwrap();
        sheet.write_number(row, 2, *amount).unwrap();
        sheet.write_string(row, 3, *reference).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_workbook_imports_like_a_csv_with_the_same_row_report() {
    let mut office = office();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
    let good = [("DLH", day(5), 1_500_000.0, "SP2D/DLH/X1"), ("DLH", day(6), 250_000.5, "SP2D/DLH/X2")];
    let mut with_bad_row = good.to_vec();
    with_bad_row.push(("DLH", day(7), -75_000.0, "SP2D/DLH/X3"));
    let bad = realization_workbook(&with_bad_row);
    let preview = office.secretary.budget().preview_realization_import("serapan.xlsx", &bad).unwrap();
    let problems: Vec<(u32, ImportColumn, InputProblem)> =
        preview.problems.iter().map(|p| (p.row, p.column, p.problem)).collect();
    assert_eq!(problems, vec![(4, ImportColumn::Amount, InputProblem::Negative)]);
    assert_eq!(preview.sample[0].realized_on, "2026-10-05");
    let before = fingerprint(&office.secretary);
    let refused = office.secretary.budget().import_realizations("serapan.xlsx", &bad, false).unwrap_err();
    assert_eq!(refused, CoreError::ImportHasProblems { rows: 1 });
    assert_eq!(fingerprint(&office.secretary), before);

    let start = office.secretary.budget().agency("DLH", YEAR).unwrap().curve.realized;
    let imported =
        office.secretary.budget().import_realizations("serapan.xlsx", &realization_workbook(&good), false).unwrap();
    assert_eq!(imported.total, Rupiah::parse("1.750.000,50").unwrap());
    let now = office.secretary.budget().agency("DLH", YEAR).unwrap().curve.realized;
    assert_eq!(now.sen() - start.sen(), 175_000_050);
}

#[test]
fn a_pagu_broken_down_by_program_shows_its_lines_and_must_add_up() {
    use ikp_core::budget::ops::BudgetLineInput;
    let mut office = office();
    let line = |kegiatan: &str, amount: &str| BudgetLineInput {
        program: "Program Perlindungan Perempuan".into(),
        kegiatan: kegiatan.into(),
        sub_kegiatan: "Penyediaan layanan rujukan".into(),
        amount: amount.into(),
    };
    let mut broken_down = ceiling("DP3A", BudgetStage::Murni, "10 miliar", "2026-01-02");
    broken_down.lines = vec![line("Pendampingan korban", "6 miliar"), line("Rumah aman", "3 miliar")];
    let before = fingerprint(&office.secretary);
    let refused = office.secretary.budget().set_ceiling(broken_down.clone()).unwrap_err();
    assert_eq!(refused, CoreError::invalid("lines", InputProblem::DoesNotAddUp));
    assert_eq!(fingerprint(&office.secretary), before);

    broken_down.lines[1].amount = "4 miliar".into();
    let budget = office.secretary.budget().set_ceiling(broken_down).unwrap();
    let lines = &budget.ceilings.last().unwrap().lines;
    let amounts: Vec<String> = lines.iter().map(|line| line.amount.to_short_indonesian()).collect();
    assert_eq!(amounts, ["Rp6 miliar", "Rp4 miliar"]);
    assert_eq!(lines[1].kegiatan, "Rumah aman");
}

/// Absorption adds up through the year: read for a period, it is read at the period's
/// end — June's figures at 30 June, the third quarter's at 30 September — and a period
/// outside the fiscal year is refused by name.
#[test]
fn absorption_is_read_at_the_end_of_a_chosen_period() {
    use ikp_core::period::Period;
    let mut office = office();
    let now = office.regent.budget().regency(YEAR).unwrap();
    let june = office.regent.budget().regency_in(YEAR, &Period::parse(&format!("{YEAR}-06")).unwrap()).unwrap();
    let at_june_end = now.curve.months[5].realized_cumulative;
    assert_eq!(june.curve.realized, at_june_end, "June's absorption is the realizations through June");
    assert!(june.curve.realized < now.curve.realized, "the demo realizes after June too");
    let q2 = office.regent.budget().regency_in(YEAR, &Period::parse(&format!("{YEAR}-Q2")).unwrap()).unwrap();
    assert_eq!(q2.curve.realized, june.curve.realized, "a quarter is read at its last month's end");
    let all = office.regent.budget().regency_in(YEAR, &Period::All).unwrap();
    assert_eq!(all.curve.realized, now.curve.realized);
    let dp3a = office.regent.budget().agency_in("DP3A", YEAR, &Period::parse(&format!("{YEAR}-06")).unwrap()).unwrap();
    assert!(dp3a.curve.realized <= june.curve.realized);
    let elsewhere = office.regent.budget().regency_in(YEAR, &Period::parse(&format!("{}-03", YEAR - 1)).unwrap());
    assert!(
        matches!(&elsewhere, Err(CoreError::InvalidInput { field, problem: InputProblem::OutOfRange }) if field == "period"),
        "{elsewhere:?}"
    );
}
