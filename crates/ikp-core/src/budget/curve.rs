//! The arithmetic of absorption, kept pure: plan vs actual by month (the S-curve),
//! deviation, and the year-end projection. Integer sen and permille throughout.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::money::Rupiah;
use crate::quantity::Quantity;

/// One agency's (or the regency's) figures for one fiscal year, month by month.
#[derive(Clone, Debug, Default)]
pub struct YearFigures {
    /// The ceiling in force at the end of each month (January first).
    pub pagu_at_month_end: [Rupiah; 12],
    /// The ceiling in force today (or at year end for a past year).
    pub pagu_now: Rupiah,
    pub plan: [Rupiah; 12],
    pub realized: [Rupiah; 12],
    pub physical: [Option<Quantity>; 12],
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonthPoint {
    pub month: u32,
    pub plan: Rupiah,
    pub realized: Rupiah,
    pub plan_cumulative: Rupiah,
    pub realized_cumulative: Rupiah,
    /// Cumulative plan and actual as shares of the ceiling in force at month end.
    pub plan_permille: u32,
    pub actual_permille: u32,
    /// Physical progress reported for the month, in percent.
    pub physical_percent: Option<Quantity>,
    /// A month that has not begun: the actual curve stops before it.
    pub future: bool,
}

/// How the year-end figure was reached, so the screen can explain it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProjectionMethod {
    /// Realized so far, plus the rest of the plan at the pace of the last three months
    /// (actual ÷ plan over those months).
    RecentPace,
    /// No plan for the recent months: the rest of the plan as planned.
    PlanAsIs,
    /// No plan at all: the average daily realization so far, continued to 31 December.
    DailyAverage,
    /// The year is over: what was realized.
    Final,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct YearEndProjection {
    pub amount: Rupiah,
    pub permille: u32,
    pub method: ProjectionMethod,
    /// Actual ÷ plan over the basis months (1000 = on plan), for `RecentPace`.
    pub pace_permille: u32,
    pub basis_first_month: u32,
    pub basis_last_month: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AbsorptionCurve {
    pub fiscal_year: i32,
    pub pagu: Rupiah,
    pub realized: Rupiah,
    pub absorption_permille: u32,
    /// Where the plan says absorption should be today (the current month prorated by day).
    pub plan_to_date: Rupiah,
    pub plan_permille: u32,
    /// Plan minus actual, in permille of the pagu: positive means lagging.
    pub deviation_permille: i32,
    pub warning: bool,
    pub months: Vec<MonthPoint>,
    pub projection: YearEndProjection,
}

pub fn absorption_curve(year: i32, figures: &YearFigures, today: NaiveDate, warning_permille: u32) -> AbsorptionCurve {
    let elapsed_months = match year.cmp(&today.year()) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => today.month(),
        std::cmp::Ordering::Greater => 0,
    };
    let mut months = Vec::with_capacity(12);
    let (mut plan_cumulative, mut realized_cumulative) = (Rupiah::ZERO, Rupiah::ZERO);
    for index in 0..12 {
        plan_cumulative = plan_cumulative.checked_add(figures.plan[index]).unwrap_or(plan_cumulative);
        realized_cumulative = realized_cumulative.checked_add(figures.realized[index]).unwrap_or(realized_cumulative);
        let pagu = figures.pagu_at_month_end[index];
        months.push(MonthPoint {
            month: index as u32 + 1,
            plan: figures.plan[index],
            realized: figures.realized[index],
            plan_cumulative,
            realized_cumulative,
            plan_permille: plan_cumulative.permille_of(pagu),
            actual_permille: realized_cumulative.permille_of(pagu),
            physical_percent: figures.physical[index],
            future: index as u32 >= elapsed_months,
        });
    }
    let realized: Rupiah = figures.realized.iter().copied().sum();
    let plan_to_date = plan_to_date(&figures.plan, year, today, elapsed_months);
    let absorption_permille = realized.permille_of(figures.pagu_now);
    let plan_permille = plan_to_date.permille_of(figures.pagu_now);
    let deviation_permille = plan_permille as i32 - absorption_permille as i32;
    AbsorptionCurve {
        fiscal_year: year,
        pagu: figures.pagu_now,
        realized,
        absorption_permille,
        plan_to_date,
        plan_permille,
        deviation_permille,
        warning: elapsed_months > 0 && deviation_permille > warning_permille as i32,
        projection: project(figures, realized, plan_to_date, year, today, elapsed_months),
        months,
    }
}

/// The cumulative plan through last month, plus this month's plan prorated by day.
fn plan_to_date(plan: &[Rupiah; 12], year: i32, today: NaiveDate, elapsed_months: u32) -> Rupiah {
    if elapsed_months == 0 {
        return Rupiah::ZERO;
    }
    let full_months = if year == today.year() { elapsed_months - 1 } else { 12 };
    let mut total: i128 = plan.iter().take(full_months as usize).map(|amount| i128::from(amount.sen())).sum();
    if year == today.year() {
        let days = days_in_month(year, today.month());
        total += i128::from(plan[today.month0() as usize].sen()) * i128::from(today.day()) / i128::from(days);
    }
    Rupiah::from_sen(total as i64)
}

fn project(
    figures: &YearFigures,
    realized: Rupiah,
    plan_to_date: Rupiah,
    year: i32,
    today: NaiveDate,
    elapsed_months: u32,
) -> YearEndProjection {
    let pagu = figures.pagu_now;
    let finish = |amount: i128, method, pace: u32, first: u32, last: u32| {
        let capped = Rupiah::from_sen(amount.clamp(0, i128::from(pagu.sen().max(realized.sen()))) as i64);
        YearEndProjection {
            amount: capped,
            permille: capped.permille_of(pagu),
            method,
            pace_permille: pace,
            basis_first_month: first,
            basis_last_month: last,
        }
    };
    if elapsed_months >= 12 && year < today.year() {
        return finish(i128::from(realized.sen()), ProjectionMethod::Final, 1000, 1, 12);
    }
    let plan_total: i128 = figures.plan.iter().map(|amount| i128::from(amount.sen())).sum();
    let remaining_plan = (plan_total - i128::from(plan_to_date.sen())).max(0);
    if plan_total == 0 {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        let elapsed_days = i128::from((today - start).num_days().max(1));
        let year_days = i128::from((end - start).num_days() + 1);
        let amount = i128::from(realized.sen()) * year_days / elapsed_days;
        return finish(amount, ProjectionMethod::DailyAverage, 0, 1, elapsed_months.max(1));
    }
    // The basis: the (up to) three whole months before the current one.
    let last = elapsed_months.saturating_sub(1);
    let first = last.saturating_sub(2).max(1);
    let window = |series: &[Rupiah; 12]| -> i128 {
        if last == 0 {
            return 0;
        }
        (first..=last).map(|month| i128::from(series[month as usize - 1].sen())).sum()
    };
    let (planned, actual) = (window(&figures.plan), window(&figures.realized));
    if planned == 0 {
        let amount = i128::from(realized.sen()) + remaining_plan;
        return finish(amount, ProjectionMethod::PlanAsIs, 1000, first, last);
    }
    let pace = actual * 1000 / planned;
    let amount = i128::from(realized.sen()) + remaining_plan * pace / 1000;
    finish(amount, ProjectionMethod::RecentPace, pace.clamp(0, u32::MAX as i128) as u32, first, last)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|first| first.pred_opt()).map(|last| last.day()).unwrap_or(30)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(rupiah: i64) -> Rupiah {
        Rupiah::from_rupiah(rupiah)
    }

    /// Pagu 1.200 rupiah, 100 planned each month; the agency realized 50 a month.
    fn half_pace() -> YearFigures {
        YearFigures {
            pagu_at_month_end: [rp(1_200); 12],
            pagu_now: rp(1_200),
            plan: [rp(100); 12],
            realized: {
                let mut realized = [Rupiah::ZERO; 12];
                realized[..6].fill(rp(50));
                realized
            },
            physical: [None; 12],
        }
    }

    #[test]
    fn the_projection_continues_the_recent_pace_over_the_rest_of_the_plan() {
        // 1 July: six months at half the plan. Remaining plan 600 at 50% → 300 more.
        let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let curve = absorption_curve(2026, &half_pace(), today, crate::settings::DEFAULT_WARNING_PERMILLE);
        assert_eq!(curve.realized, rp(300));
        assert_eq!(curve.absorption_permille, 250);
        assert_eq!(curve.projection.method, ProjectionMethod::RecentPace);
        assert_eq!(curve.projection.pace_permille, 500);
        assert_eq!((curve.projection.basis_first_month, curve.projection.basis_last_month), (4, 6));
        // Plan to date = 600 + 100 × 1/31; remaining = 596.77…; half of it added.
        assert_eq!(curve.plan_to_date, Rupiah::from_sen(60_322));
        assert_eq!(curve.projection.amount, Rupiah::from_sen(30_000 + (120_000 - 60_322) / 2));
        assert!(curve.warning, "25% against a plan of 50% lags by more than 10 points");
    }

    #[test]
    fn a_revision_changes_the_share_from_the_month_it_takes_effect() {
        let mut figures = half_pace();
        figures.pagu_at_month_end[8..].fill(rp(1_500)); // APBD-P in September
        figures.pagu_now = rp(1_500);
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let curve = absorption_curve(2026, &figures, today, crate::settings::DEFAULT_WARNING_PERMILLE);
        assert_eq!(curve.months[7].actual_permille, 250); // August: 300 of 1.200
        assert_eq!(curve.months[8].actual_permille, 200); // September: 300 of 1.500
        assert_eq!(curve.absorption_permille, 200);
    }

    #[test]
    fn a_past_year_is_final() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let curve = absorption_curve(2026, &half_pace(), today, crate::settings::DEFAULT_WARNING_PERMILLE);
        assert_eq!(curve.projection.method, ProjectionMethod::Final);
        assert_eq!(curve.projection.amount, rp(300));
        assert!(curve.months.iter().all(|month| !month.future));
    }
}
