//! "Serapan anggaran" IKP indicators: their value comes from the budget data, follows
//! every realization and revision, and cannot be reported by hand.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use ikp_core::budget::payload::BudgetStage;
use ikp_core::clock::Clock;
use ikp_core::instruction::achievement::AchievementNote;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::payload::IndicatorSource;
use ikp_core::instruction::queries::IndicatorView;
use ikp_core::instruction::Direction;
use ikp_core::quantity::Quantity;
use ikp_core::{CoreError, Desk};

use crate::budget::{ceiling, realize, YEAR};
use crate::harness::{fingerprint, office, office_on};

fn absorption_instruction(agency: &str) -> IssueInput {
    IssueInput {
        title: "Percepatan serapan anggaran".into(),
        category: "lainnya".into(),
        background: "Serapan tertinggal dari rencana kas.".into(),
        text: "Serapan anggaran mencapai 90% pada 31 Desember.".into(),
        lead_agency: agency.into(),
        supporting_agencies: vec![],
        indicators: vec![IndicatorInput {
            agency_code: agency.into(),
            name: "Serapan anggaran".into(),
            unit: "%".into(),
            baseline: "0".into(),
            target: "90".into(),
            direction: Direction::HigherIsBetter,
            deadline: None,
            source: Some(IndicatorSource::BudgetAbsorption { fiscal_year: YEAR }),
        }],
        deadline: Some("2026-12-31".into()),
        draft_only: false,
    }
}

fn set_pagu(desk: &mut Desk, agency: &str, stage: BudgetStage, amount: &str, effective_on: &str) {
    desk.budget().set_ceiling(ceiling(agency, stage, amount, effective_on)).unwrap();
}

fn indicator(desk: &mut Desk, instruction_id: &str) -> IndicatorView {
    desk.instructions().detail(instruction_id).unwrap().indicators.remove(0)
}

/// The expected value, computed independently from the budget screen's own figures.
fn expected_percent(desk: &mut Desk, agency: &str) -> Quantity {
    let curve = desk.budget().agency(agency, YEAR).unwrap().curve;
    let ten_thousandths = i128::from(curve.realized.sen()) * 1_000_000 / i128::from(curve.pagu.sen());
    Quantity::from_ten_thousandths(ten_thousandths as i64)
}

/// A clock the test moves forward, a second per reading as the office's own.
struct Calendar(AtomicU64);

impl Clock for Calendar {
    fn now_ms(&self) -> u64 {
        self.0.fetch_add(1_000, Ordering::Relaxed)
    }
}

impl Calendar {
    fn starting(day: &str) -> Arc<Calendar> {
        Arc::new(Calendar(AtomicU64::new(0)).at(day))
    }

    fn at(self, day: &str) -> Calendar {
        self.move_to(day);
        self
    }

    /// 09:00 WIB of `day`.
    fn move_to(&self, day: &str) {
        let day: NaiveDate = day.parse().unwrap();
        let at = Utc.from_utc_datetime(&day.and_hms_opt(2, 0, 0).unwrap());
        self.0.fetch_max(at.timestamp_millis() as u64, Ordering::Relaxed);
    }
}

/// Brings the agency's realized total to `percent` of `pagu_rupiah` with one entry dated `day`.
fn realize_up_to(desk: &mut Desk, agency: &str, pagu_rupiah: i64, percent: i64, day: &str) {
    let realized = desk.budget().agency(agency, YEAR).unwrap().curve.realized.sen();
    let top_up = pagu_rupiah * 100 * percent / 100 - realized;
    assert!(top_up > 0, "{agency} already realized {realized} sen");
    realize(desk, agency, day, &format!("{},{:02}", top_up / 100, top_up % 100));
}

const TRILIUN: i64 = 1_000_000_000_000;

#[test]
fn an_absorption_instruction_is_measured_from_the_absorption_on_its_day_of_issue() {
    let calendar = Calendar::starting("2026-11-29");
    let mut office = office_on(calendar.clone());
    // BPBD's pagu is 1 triliun from January; SP2Ds up to 20 November bring it to 60%.
    set_pagu(&mut office.secretary, "BPBD", BudgetStage::Murni, "Rp1.000.000.000.000", "2026-01-02");
    realize_up_to(&mut office.secretary, "BPBD", TRILIUN, 60, "2026-11-20");

    // Issued on 29 November with a year-end target of 90%: nothing achieved on the day.
    let id = office.regent.instructions().issue(absorption_instruction("BPBD")).unwrap().summary.id;
    let on_the_day = indicator(&mut office.regent, &id);
    assert_eq!(on_the_day.baseline, Quantity::parse("60").unwrap());
    assert_eq!(on_the_day.baseline_on.as_deref(), Some("2026-11-29"));
    assert_eq!(on_the_day.latest_value, Some(Quantity::parse("60").unwrap()));
    assert_eq!(on_the_day.achievement.permille, 0);
    assert_eq!(office.regent.instructions().detail(&id).unwrap().summary.achievement_permille, 0);

    // Two days later SP2Ds of 150 miliar bring it to 75%: half the way from 60 to 90.
    calendar.move_to("2026-12-01");
    realize(&mut office.secretary, "BPBD", "2026-12-01", "Rp150.000.000.000");
    let halfway = indicator(&mut office.regent, &id);
    assert_eq!(halfway.baseline, Quantity::parse("60").unwrap());
    assert_eq!(halfway.latest_value, Some(Quantity::parse("75").unwrap()));
    assert_eq!(halfway.achievement.permille, 500);
    assert_eq!(office.regent.instructions().detail(&id).unwrap().summary.achievement_permille, 500);

    // The baseline is derived from signed facts, so replaying the log gives it again.
    let digest = office.regent.digest().unwrap();
    office.regent.rebuild().unwrap();
    assert_eq!(office.regent.digest().unwrap(), digest);
    assert_eq!(indicator(&mut office.regent, &id), halfway);

    // A target already met on the day of issue counts as reached, not as a negative distance.
    let mut modest = absorption_instruction("BPBD");
    modest.indicators[0].target = "50".into();
    let reached = office.regent.instructions().issue(modest).unwrap().summary.id;
    let reached = indicator(&mut office.regent, &reached);
    assert_eq!(reached.baseline, Quantity::parse("75").unwrap());
    assert_eq!(reached.baseline_on.as_deref(), Some("2026-12-01"));
    assert_eq!((reached.achievement.permille, reached.achievement.note), (1000, AchievementNote::Exceeded));
}

#[test]
fn the_baseline_leaves_advances_out_and_takes_a_corrected_line_at_its_corrected_amount() {
    use ikp_core::budget::import::ImportRequest;
    fn sp2d_list(ls_amount: &str) -> String {
        format!(
            "Kode SKPD;Nomor SP2D;Tanggal;Jenis SP2D;Kode Rekening;Nilai SP2D\n\
             BPBD;0001/SP2D/LS/2026;2026-11-10;LS;5.1.02.01.01.0024;{ls_amount}\n\
             BPBD;0002/SP2D/UP/2026;2026-11-12;UP;5.1.02.01.01.0024;100.000.000.000\n"
        )
    }
    let calendar = Calendar::starting("2026-11-29");
    let mut office = office_on(calendar.clone());
    set_pagu(&mut office.secretary, "BPBD", BudgetStage::Murni, "Rp1.000.000.000.000", "2026-01-02");
    // The demo's own BPBD entries stand; the file adds to them.
    let demo = expected_percent(&mut office.secretary, "BPBD");
    let points = |n: i64| Quantity::from_ten_thousandths(demo.ten_thousandths() + n * 10_000);
    fn request(bytes: &str) -> ImportRequest<'_> {
        ImportRequest { source: "SIPD", file_name: "sp2d.csv", bytes: bytes.as_bytes(), choices: &[] }
    }
    office.secretary.budget().import_realizations_as(&request(&sp2d_list("600.000.000.000")), false).unwrap();

    // The UP advance is cash with the treasurer, not spending: 60 points, not 70.
    let id = office.regent.instructions().issue(absorption_instruction("BPBD")).unwrap().summary.id;
    let issued = indicator(&mut office.regent, &id);
    assert_eq!((issued.baseline, issued.latest_value), (points(60), Some(points(60))));

    // SIPD corrects the LS line to 650 miliar: the absorption on the day of issue was 5
    // points higher, so the baseline follows, and nothing is counted twice.
    office.secretary.budget().import_realizations_as(&request(&sp2d_list("650.000.000.000")), false).unwrap();
    let corrected = indicator(&mut office.regent, &id);
    assert_eq!(
        (corrected.baseline, corrected.latest_value, corrected.achievement.permille),
        (points(65), Some(points(65)), 0)
    );
}

#[test]
fn the_value_follows_realizations_and_the_revised_pagu_without_manual_reports() {
    let calendar = Calendar::starting("2026-11-29");
    let mut office = office_on(calendar.clone());
    // A pagu of 1 triliun with 30% realized by the day of issue.
    set_pagu(&mut office.secretary, "DP3A", BudgetStage::Murni, "Rp1.000.000.000.000", "2026-01-02");
    realize_up_to(&mut office.secretary, "DP3A", TRILIUN, 30, "2026-11-20");
    let issued = office.regent.instructions().issue(absorption_instruction("DP3A")).unwrap();
    let id = issued.summary.id.clone();
    let first = indicator(&mut office.regent, &id);
    assert_eq!(first.source, Some(IndicatorSource::BudgetAbsorption { fiscal_year: YEAR }));
    assert_eq!(first.latest_value, Some(expected_percent(&mut office.regent, "DP3A")));
    assert_eq!(first.baseline, Quantity::parse("30").unwrap());

    // 300 miliar more on 1 December: 60%, half the way from 30 to 90.
    calendar.move_to("2026-12-01");
    realize(&mut office.secretary, "DP3A", "2026-12-01", "Rp300.000.000.000");
    let at_60 = indicator(&mut office.regent, &id);
    assert_eq!(at_60.latest_value, Some(Quantity::parse("60").unwrap()));
    assert_eq!(at_60.achievement.permille, 500);

    // APBD-P in force from 1 December raises the pagu to 1,2 triliun: 600 ÷ 1200 = 50%.
    // The baseline keeps the pagu in force on the day of issue: (50 - 30) ÷ (90 - 30).
    set_pagu(&mut office.secretary, "DP3A", BudgetStage::Perubahan, "Rp1.200.000.000.000", "2026-12-01");
    let revised = indicator(&mut office.regent, &id);
    assert_eq!(revised.latest_value, Some(Quantity::parse("50").unwrap()));
    assert_eq!(revised.baseline, Quantity::parse("30").unwrap());
    assert_eq!(revised.achievement.permille, 333);
    assert_eq!(revised.last_reported_on.as_deref(), Some("2026-12-01"));
    let instruction = office.regent.instructions().detail(&id).unwrap();
    assert_eq!(instruction.summary.achievement_permille, 333);

    // An SP2D dated before the issue that arrives late belongs to the baseline:
    // 60 miliar on 25 November is 6% of the pagu of that day (and 5% of the revised one).
    realize(&mut office.secretary, "DP3A", "2026-11-25", "Rp60.000.000.000");
    let late = indicator(&mut office.regent, &id);
    assert_eq!(late.baseline, Quantity::parse("36").unwrap());
    assert_eq!(late.latest_value, Some(Quantity::parse("55").unwrap()));
    assert_eq!(late.achievement.permille, (55 - 36) * 1000 / (90 - 36));

    // The agency cannot type a value over it; nothing is written.
    let before = fingerprint(&office.dp3a);
    let refused = office.dp3a.instructions().report_progress(ProgressInput {
        indicator_id: revised.id.clone(),
        value: "90".into(),
        reported_on: None,
        note: String::new(),
        evidence: vec![],
    });
    assert!(matches!(refused, Err(CoreError::IndicatorIsAutomatic { .. })), "{refused:?}");
    assert_eq!(fingerprint(&office.dp3a), before);

    // Replaying the log from scratch gives the same tables.
    let digest = office.regent.digest().unwrap();
    office.regent.rebuild().unwrap();
    assert_eq!(office.regent.digest().unwrap(), digest);
}

#[test]
fn an_absorption_indicator_must_rise_and_stay_within_one_hundred_percent() {
    let mut office = office();
    let before = fingerprint(&office.regent);
    let mut too_high = absorption_instruction("BPBD");
    too_high.indicators[0].target = "120".into();
    let refused = office.regent.instructions().issue(too_high);
    assert!(
        matches!(&refused, Err(CoreError::InvalidInput { field, .. }) if field == "indicators.0.target"),
        "{refused:?}"
    );
    let mut falling = absorption_instruction("BPBD");
    falling.indicators[0].direction = Direction::LowerIsBetter;
    falling.indicators[0].target = "0".into();
    let refused = office.regent.instructions().issue(falling);
    assert!(
        matches!(&refused, Err(CoreError::InvalidInput { field, .. }) if field == "indicators.0.direction"),
        "{refused:?}"
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn the_demo_links_budget_absorption_to_an_ikp_instruction() {
    let mut office = office();
    let linked: Vec<IndicatorView> = office
        .regent
        .instructions()
        .list(&Default::default())
        .unwrap()
        .iter()
        .flat_map(|summary| office.regent.instructions().detail(&summary.id).unwrap().indicators)
        .filter(|indicator| indicator.source.is_some())
        .collect();
    assert_eq!(linked.len(), 3);
    for indicator in linked {
        assert_eq!(indicator.latest_value, Some(expected_percent(&mut office.regent, &indicator.agency_code)));
        assert!(indicator.achievement.permille > 0, "{}", indicator.agency_code);
    }
}
