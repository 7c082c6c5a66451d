//! The rapim brief carries the figures the pages show — the scorecard, the waiting
//! requests, the budget ranking, the complaint summary — judged on the day it is for;
//! an agency that stops reporting is named as stale until it reports again; a day that
//! is not one is refused by name.

use ikp_core::brief::SECTION_ROWS;
use ikp_core::instruction::ops::ProgressInput;
use ikp_core::negotiation::queries::{NegotiationFilter, NegotiationStatus};
use ikp_core::{CoreError, InputProblem};

use crate::harness::{fingerprint, office, Office};

#[test]
fn the_brief_carries_the_figures_the_pages_show() {
    let Office { mut secretary, .. } = office();
    let brief = secretary.reports().brief(None).unwrap();
    assert_eq!(brief.date, "2026-11-29", "today when no day is named");

    let scores = secretary.instructions().scorecard().unwrap();
    assert!(!scores.is_empty(), "the demo has active instructions");
    assert_eq!(brief.standing.rows, scores[..scores.len().min(SECTION_ROWS)].to_vec(), "the scorecard, worst first");
    assert_eq!(brief.standing.more as usize, scores.len().saturating_sub(SECTION_ROWS));
    assert_eq!(brief.standing_total.active, scores.iter().map(|score| score.active).sum::<u32>());
    assert_eq!(brief.standing_total.overdue, scores.iter().map(|score| score.overdue).sum::<u32>());

    let pending = secretary
        .negotiations()
        .list(&NegotiationFilter { status: Some(NegotiationStatus::Pending), ..Default::default() })
        .unwrap();
    assert!(!pending.is_empty(), "the demo has waiting requests");
    assert_eq!(brief.requests_total as usize, pending.len());
    for row in &brief.requests.rows {
        let of_agency = pending.iter().filter(|request| request.agency_code == row.agency_code).count();
        assert_eq!(row.pending as usize, of_agency, "{}'s waiting requests", row.agency_code);
    }

    let budget = secretary.budget().regency(2026).unwrap();
    assert_eq!(brief.budget.absorption_permille, budget.curve.absorption_permille);
    assert_eq!(brief.budget.pagu, budget.curve.pagu);
    let behind = budget.agencies.iter().filter(|agency| agency.warning).count();
    assert!(behind > 0, "the demo has units behind their plan");
    assert_eq!(brief.budget.laggards.rows.len() + brief.budget.laggards.more as usize, behind);
    let gaps: Vec<i32> = brief.budget.laggards.rows.iter().map(|row| row.deviation_permille).collect();
    assert!(gaps.windows(2).all(|pair| pair[0] >= pair[1]), "the furthest behind first: {gaps:?}");
    let worst = budget.agencies.iter().map(|agency| agency.deviation_permille).max().unwrap();
    assert_eq!(gaps[0], worst);

    let complaints = secretary.complaints().summary(None, None).unwrap();
    assert_eq!(brief.complaints.overdue, complaints.total.overdue);
    assert!(brief.complaints.overdue > 0, "the demo has complaints past their limit");
    let overdue_agencies = complaints.by_agency.iter().filter(|group| group.overdue > 0 && !group.code.is_empty());
    assert_eq!(
        brief.complaints.by_agency.rows.len() + brief.complaints.by_agency.more as usize,
        overdue_agencies.count()
    );
    for row in &brief.complaints.by_agency.rows {
        let on_page = complaints.by_agency.iter().find(|group| group.code == row.code).unwrap();
        assert_eq!((row.overdue, row.open), (on_page.overdue, on_page.open), "{}", row.code);
    }
}

#[test]
fn an_agency_that_stops_reporting_is_named_until_it_reports_again() {
    let Office { mut secretary, mut bpbd, .. } = office();
    // Eleven days on, for a rapim on 10 December: quiet since before 26 November.
    let later = secretary.reports().brief(Some("2026-12-10")).unwrap();
    let stale: Vec<&str> = later.stale.rows.iter().map(|row| row.agency_code.as_str()).collect();
    assert!(stale.contains(&"BPBD"), "BPBD has not reported lately: {stale:?}");
    assert!(later.stale.rows.iter().all(|row| row.last_report_on.as_deref() < Some("2026-11-26")));

    let indicator = bpbd
        .instructions()
        .list(&Default::default())
        .unwrap()
        .iter()
        .flat_map(|summary| bpbd.instructions().detail(&summary.id).unwrap().indicators)
        .find(|indicator| indicator.agency_code == "BPBD")
        .expect("BPBD answers for an indicator")
        .id;
    bpbd.instructions()
        .report_progress(ProgressInput {
            indicator_id: indicator,
            value: "1".into(),
            reported_on: None,
            note: String::new(),
            evidence: vec![],
        })
        .unwrap();
    let reported = bpbd.reports().brief(Some("2026-12-10")).unwrap();
    assert!(reported.stale.rows.iter().all(|row| row.agency_code != "BPBD"), "BPBD reported on 29 November");
    assert!(!reported.stale.rows.is_empty(), "the others are still quiet");
}

#[test]
fn a_day_that_is_not_one_is_refused_by_name() {
    let Office { mut secretary, .. } = office();
    let before = fingerprint(&secretary);
    for typed in ["29-11-2026", "2026-02-30", ""] {
        let refused = secretary.reports().brief(Some(typed)).unwrap_err();
        assert!(
            matches!(&refused, CoreError::InvalidInput { field, problem: InputProblem::NotADate } if field == "date"),
            "{typed:?}: {refused:?}"
        );
    }
    assert_eq!(fingerprint(&secretary), before);
}
