//! The period report: a month, a quarter or a year of IKP work, of one agency or the
//! regency — the instructions that ran in it (and none that had closed before it), an
//! agency's own indicators only, the requests made or decided in it, absorption at its
//! end and the complaints received in it; refused by name for a period or agency that
//! does not exist.

use ikp_core::negotiation::queries::NegotiationFilter;
use ikp_core::period::Period;
use ikp_core::{CoreError, InputProblem};

use crate::harness::{fingerprint, office, Office};

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

#[test]
fn a_month_of_the_regency_and_of_one_agency() {
    let Office { mut secretary, mut dp3a, .. } = office();
    let regency = secretary.reports().period(&period("2026-11"), None).unwrap();
    assert_eq!((regency.from.as_str(), regency.to.as_str()), ("2026-11-01", "2026-11-30"));
    assert_eq!(regency.period_label, "November 2026");
    assert_eq!(regency.period, "2026-11");
    let active = secretary.instructions().dashboard().unwrap().active as usize;
    assert!(regency.instructions.len() >= active, "every active instruction ran in November");
    assert!(regency.instructions.iter().all(|instruction| instruction.issued_on.as_str() <= "2026-11-30"));

    let of_dp3a = secretary.reports().period(&period("2026-11"), Some("DP3A")).unwrap();
    assert_eq!(of_dp3a.agency.as_ref().unwrap().code, "DP3A");
    assert!(!of_dp3a.instructions.is_empty(), "DP3A has work in the demo");
    assert!(of_dp3a.instructions.len() < regency.instructions.len());
    for instruction in &of_dp3a.instructions {
        assert!(!instruction.indicators.is_empty(), "{} lists DP3A's own indicators", instruction.title);
        assert!(instruction.indicators.iter().all(|indicator| indicator.agency_short_name == "DP3A"));
    }
    let budget = secretary.budget().agency_in("DP3A", 2026, &period("2026-11")).unwrap().curve;
    assert_eq!((of_dp3a.budget.pagu, of_dp3a.budget.realized), (budget.pagu, budget.realized));
    assert_eq!(of_dp3a.budget.as_of, "2026-11-29", "never read after today");
    let complaints = secretary.complaints().summary(Some("2026-11"), Some("2026-11")).unwrap();
    assert_eq!(regency.complaints.received, complaints.total.received);
    let dp3a_complaints =
        complaints.by_agency.iter().find(|group| group.code == "DP3A").map_or(0, |group| group.received);
    assert_eq!(of_dp3a.complaints.received, dp3a_complaints);

    // The requests DP3A made this month are November's, and no report of October's.
    let made_now: Vec<String> = secretary
        .negotiations()
        .list(&NegotiationFilter { agency_code: Some("DP3A".into()), ..Default::default() })
        .unwrap()
        .into_iter()
        .filter(|request| request.requested_on.starts_with("2026-11"))
        .map(|request| request.id)
        .collect();
    assert!(!made_now.is_empty(), "the demo's DP3A asked in November");
    let listed = |report: &ikp_core::report::PeriodReport| -> Vec<String> {
        report.requests.iter().map(|request| request.id.clone()).collect()
    };
    assert!(made_now.iter().all(|id| listed(&of_dp3a).contains(id)));
    let october = dp3a.reports().period(&period("2026-10"), Some("DP3A")).unwrap();
    assert!(made_now.iter().all(|id| !listed(&october).contains(id)));
    assert!(of_dp3a.requests.iter().all(|request| request.agency_code == "DP3A"));
}

#[test]
fn a_quarter_and_a_year_are_named_as_officials_name_them() {
    let Office { mut secretary, .. } = office();
    let quarter = secretary.reports().period(&period("2026-Q4"), None).unwrap();
    assert_eq!(
        (quarter.period_label.as_str(), quarter.from.as_str(), quarter.to.as_str()),
        ("Triwulan IV 2026", "2026-10-01", "2026-12-31")
    );
    let year = secretary.reports().period(&period("2026"), None).unwrap();
    assert_eq!(year.period_label, "Tahun 2026");
    assert!(year.instructions.len() >= quarter.instructions.len());
    let months = secretary.reports().period(&period("2026-01..2026-03"), None).unwrap();
    assert_eq!(months.period_label, "Januari–Maret 2026");
    assert_eq!(months.period, "2026-01..2026-03");
    let workbook = ikp_core::report::workbook(&year).unwrap();
    assert!(workbook.starts_with(b"PK\x03\x04"), "an XLSX (zip) file");
}

#[test]
fn a_period_or_agency_that_does_not_exist_is_refused_by_name() {
    let Office { mut secretary, .. } = office();
    let before = fingerprint(&secretary);
    for text in ["2026-13", "2026-Q5", "26", "2026-12..2026-01"] {
        let refused = Period::parse(text).unwrap_err();
        assert!(matches!(&refused, CoreError::InvalidInput { field, .. } if field == "period"), "{text}: {refused:?}");
    }
    let everything = secretary.reports().period(&Period::All, None).unwrap_err();
    assert!(
        matches!(&everything, CoreError::InvalidInput { field, problem: InputProblem::OutOfRange } if field == "period"),
        "{everything:?}"
    );
    let unknown = secretary.reports().period(&period("2026-11"), Some("NOPE")).unwrap_err();
    assert!(matches!(&unknown, CoreError::UnknownAgency { code } if code == "NOPE"), "{unknown:?}");
    assert_eq!(fingerprint(&secretary), before);
}
