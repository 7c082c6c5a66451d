//! "Serapan anggaran" IKP indicators: their value comes from the budget data, follows
//! every realization and revision, and cannot be reported by hand.

use ikp_core::budget::payload::BudgetStage;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::payload::IndicatorSource;
use ikp_core::instruction::queries::IndicatorView;
use ikp_core::instruction::Direction;
use ikp_core::quantity::Quantity;
use ikp_core::{CoreError, Desk};

use crate::budget::{ceiling, realize, YEAR};
use crate::harness::{fingerprint, office};

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
    desk.set_budget_ceiling(ceiling(agency, stage, amount, effective_on)).unwrap();
}

fn indicator(desk: &Desk, instruction_id: &str) -> IndicatorView {
    desk.instruction(instruction_id).unwrap().indicators.remove(0)
}

/// The expected value, computed independently from the budget screen's own figures.
fn expected_percent(desk: &Desk, agency: &str) -> Quantity {
    let curve = desk.agency_budget(agency, YEAR).unwrap().curve;
    let ten_thousandths = i128::from(curve.realized.sen()) * 1_000_000 / i128::from(curve.pagu.sen());
    Quantity::from_ten_thousandths(ten_thousandths as i64)
}

#[test]
fn the_value_follows_realizations_and_the_revised_pagu_without_manual_reports() {
    let mut office = office();
    let issued = office.regent.issue_instruction(absorption_instruction("DP3A")).unwrap();
    let id = issued.summary.id.clone();
    // Issued after the demo's DP3A budget: the value is there from the start.
    let first = indicator(&office.regent, &id);
    assert_eq!(first.source, Some(IndicatorSource::BudgetAbsorption { fiscal_year: YEAR }));
    assert_eq!(first.latest_value, Some(expected_percent(&office.regent, "DP3A")));

    // A fresh murni pagu of 100 miliar with 45 miliar realized: 45% of a 90% target.
    set_pagu(&mut office.secretary, "DP3A", BudgetStage::Murni, "Rp100.000.000.000", "2026-01-02");
    let realized_before = office.regent.agency_budget("DP3A", YEAR).unwrap().curve.realized;
    let top_up = 45_000_000_000_i64 * 100 - realized_before.sen();
    assert!(top_up > 0, "the demo realized more than 45 miliar for DP3A");
    let top_up = format!("{},{:02}", top_up / 100, top_up % 100);
    realize(&mut office.secretary, "DP3A", "2026-11-20", &top_up);
    let at_45 = indicator(&office.regent, &id);
    assert_eq!(at_45.latest_value, Some(Quantity::parse("45").unwrap()));
    assert_eq!(at_45.achievement.permille, 500);

    // APBD-P raises the pagu to 120 miliar: 45 ÷ 120 = 37,5%, achievement 37,5 ÷ 90.
    set_pagu(&mut office.secretary, "DP3A", BudgetStage::Perubahan, "Rp120.000.000.000", "2026-09-15");
    let revised = indicator(&office.regent, &id);
    assert_eq!(revised.latest_value, Some(Quantity::parse("37,5").unwrap()));
    assert_eq!(revised.achievement.permille, 416);
    // "Last reported" is the agency's latest realization (the demo's run past the 20th).
    assert!(revised.last_reported_on.as_deref() >= Some("2026-11-20"), "{:?}", revised.last_reported_on);
    let instruction = office.regent.instruction(&id).unwrap();
    assert_eq!(instruction.summary.achievement_permille, 416);

    // The agency cannot type a value over it; nothing is written.
    let before = fingerprint(&office.dp3a);
    let refused = office.dp3a.report_progress(ProgressInput {
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
    let refused = office.regent.issue_instruction(too_high);
    assert!(
        matches!(&refused, Err(CoreError::InvalidInput { field, .. }) if field == "indicators.0.target"),
        "{refused:?}"
    );
    let mut falling = absorption_instruction("BPBD");
    falling.indicators[0].direction = Direction::LowerIsBetter;
    falling.indicators[0].target = "0".into();
    let refused = office.regent.issue_instruction(falling);
    assert!(
        matches!(&refused, Err(CoreError::InvalidInput { field, .. }) if field == "indicators.0.direction"),
        "{refused:?}"
    );
    assert_eq!(fingerprint(&office.regent), before);
}

#[test]
fn the_demo_links_budget_absorption_to_an_ikp_instruction() {
    let office = office();
    let linked: Vec<IndicatorView> = office
        .regent
        .instructions(&Default::default())
        .unwrap()
        .iter()
        .flat_map(|summary| office.regent.instruction(&summary.id).unwrap().indicators)
        .filter(|indicator| indicator.source.is_some())
        .collect();
    assert_eq!(linked.len(), 3);
    for indicator in linked {
        assert_eq!(indicator.latest_value, Some(expected_percent(&office.regent, &indicator.agency_code)));
        assert!(indicator.achievement.permille > 0, "{}", indicator.agency_code);
    }
}
