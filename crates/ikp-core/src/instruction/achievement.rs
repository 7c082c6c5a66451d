//! How far an indicator, an agency or an instruction got: exact integer arithmetic in
//! permille (1000 = target reached), capped at the target and always with its reason,
//! so a screen can say *why* a number is what it is.

use chrono::NaiveDate;
use serde::Serialize;

use super::lifecycle::Status;
use super::payload::Direction;
use crate::quantity::Quantity;

pub const FULL: u32 = 1000;
/// How far behind the calendar an instruction may run before it is "at risk".
pub const AT_RISK_MARGIN: u32 = 150;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AchievementNote {
    /// Nothing reported yet: counts as zero.
    NoReport,
    /// Worse than the baseline: counts as zero.
    BelowBaseline,
    Partial,
    Reached,
    /// Better than the target: capped at 100%.
    Exceeded,
}

impl AchievementNote {
    const ALL: [AchievementNote; 5] = [
        AchievementNote::NoReport,
        AchievementNote::BelowBaseline,
        AchievementNote::Partial,
        AchievementNote::Reached,
        AchievementNote::Exceeded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AchievementNote::NoReport => "no_report",
            AchievementNote::BelowBaseline => "below_baseline",
            AchievementNote::Partial => "partial",
            AchievementNote::Reached => "reached",
            AchievementNote::Exceeded => "exceeded",
        }
    }

    pub fn parse(text: &str) -> Option<AchievementNote> {
        AchievementNote::ALL.into_iter().find(|note| note.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Achievement {
    pub permille: u32,
    pub note: AchievementNote,
}

/// Achievement of one indicator: the share of the way from baseline to target covered
/// by the latest reported value, in the indicator's own direction.
pub fn of_indicator(
    baseline: Quantity,
    target: Quantity,
    direction: Direction,
    latest: Option<Quantity>,
) -> Achievement {
    let Some(value) = latest else {
        return Achievement { permille: 0, note: AchievementNote::NoReport };
    };
    // Flip "lower is better" into "higher is better" so one formula serves both.
    let (baseline, target, value) = match direction {
        Direction::HigherIsBetter => (baseline.ten_thousandths(), target.ten_thousandths(), value.ten_thousandths()),
        Direction::LowerIsBetter => (-baseline.ten_thousandths(), -target.ten_thousandths(), -value.ten_thousandths()),
    };
    if value >= target {
        let note = if value > target { AchievementNote::Exceeded } else { AchievementNote::Reached };
        return Achievement { permille: FULL, note };
    }
    let room = i128::from(target) - i128::from(baseline);
    let covered = i128::from(value) - i128::from(baseline);
    if room <= 0 || covered <= 0 {
        return Achievement { permille: 0, note: AchievementNote::BelowBaseline };
    }
    let permille = (covered * i128::from(FULL) / room) as u32;
    Achievement { permille: permille.min(FULL - 1), note: AchievementNote::Partial }
}

/// The plain mean of several achievements (each indicator weighs the same).
pub fn average(permilles: impl IntoIterator<Item = u32>) -> u32 {
    let (sum, count) = permilles.into_iter().fold((0u64, 0u64), |(sum, count), p| (sum + u64::from(p), count + 1));
    sum.checked_div(count).unwrap_or(0) as u32
}

/// Where an instruction stands against the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Not yet issued, or cancelled.
    Inactive,
    OnTrack,
    /// Achievement trails the share of time used by more than the margin.
    AtRisk,
    /// Past its deadline and not verified.
    Overdue,
    Done,
}

pub fn standing(
    status: Status,
    achievement: u32,
    issued_on: Option<NaiveDate>,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Standing {
    match status {
        Status::Verified => return Standing::Done,
        Status::Draft | Status::Cancelled => return Standing::Inactive,
        _ => {}
    }
    if today > deadline {
        return Standing::Overdue;
    }
    let start = issued_on.unwrap_or(today);
    let total = (deadline - start).num_days().max(1);
    let used = (today - start).num_days().clamp(0, total);
    let expected = (used * i64::from(FULL) / total) as u32;
    if achievement + AT_RISK_MARGIN < expected {
        Standing::AtRisk
    } else {
        Standing::OnTrack
    }
}

/// Days until the deadline (negative once it has passed).
pub fn days_left(deadline: NaiveDate, today: NaiveDate) -> i32 {
    (deadline - today).num_days() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap()
    }

    fn check(baseline: &str, target: &str, direction: Direction, value: Option<&str>) -> (u32, AchievementNote) {
        let achievement = of_indicator(q(baseline), q(target), direction, value.map(q));
        (achievement.permille, achievement.note)
    }

    #[test]
    fn higher_is_better_counts_the_way_from_baseline_to_target() {
        use AchievementNote::*;
        let up = Direction::HigherIsBetter;
        assert_eq!(check("10", "50", up, None), (0, NoReport));
        assert_eq!(check("10", "50", up, Some("30")), (500, Partial));
        assert_eq!(check("10", "50", up, Some("50")), (1000, Reached));
        assert_eq!(check("10", "50", up, Some("80")), (1000, Exceeded));
        assert_eq!(check("10", "50", up, Some("5")), (0, BelowBaseline));
        assert_eq!(check("0", "3", up, Some("1")), (333, Partial));
        assert_eq!(check("0", "100", up, Some("99,99")), (999, Partial));
    }

    #[test]
    fn lower_is_better_counts_the_way_down() {
        use AchievementNote::*;
        let down = Direction::LowerIsBetter;
        assert_eq!(check("14", "3", down, Some("14")), (0, BelowBaseline));
        assert_eq!(check("14", "3", down, Some("8,5")), (500, Partial));
        assert_eq!(check("14", "3", down, Some("3")), (1000, Reached));
        assert_eq!(check("14", "3", down, Some("1")), (1000, Exceeded));
        assert_eq!(check("14", "3", down, Some("20")), (0, BelowBaseline));
    }

    #[test]
    fn a_target_equal_to_the_baseline_is_met_or_not() {
        assert_eq!(check("5", "5", Direction::HigherIsBetter, Some("5")), (1000, AchievementNote::Reached));
        assert_eq!(check("5", "5", Direction::HigherIsBetter, Some("4")), (0, AchievementNote::BelowBaseline));
    }

    #[test]
    fn standing_compares_achievement_with_the_share_of_time_used() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let issued = Some(day(1));
        let deadline = day(30);
        assert_eq!(standing(Status::InProgress, 500, issued, deadline, day(15)), Standing::OnTrack);
        assert_eq!(standing(Status::InProgress, 200, issued, deadline, day(20)), Standing::AtRisk);
        assert_eq!(
            standing(Status::InProgress, 999, issued, deadline, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            Standing::Overdue
        );
        assert_eq!(standing(Status::Verified, 0, issued, deadline, day(30)), Standing::Done);
        assert_eq!(standing(Status::Draft, 0, None, deadline, day(30)), Standing::Inactive);
        assert_eq!(days_left(deadline, day(28)), 2);
        assert_eq!(days_left(deadline, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()), -2);
    }

    #[test]
    fn average_of_nothing_is_zero() {
        assert_eq!(average([]), 0);
        assert_eq!(average([1000, 500, 0]), 500);
    }
}
