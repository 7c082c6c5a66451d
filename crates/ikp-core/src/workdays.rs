//! Working days (hari kerja): Monday to Friday, less the national holidays and the
//! collective leave days (cuti bersama) the government sets each year by joint decree
//! (SKB 3 Menteri). Time limits on complaints are counted in these days.
//!
//! The holiday list is a regency setting (`settings.holidays_set`, leadership): the
//! defaults below hold until the leadership edits it, and must be checked against the
//! decree each year. The 2027 list was made before its decree was known (dates of the
//! lunar holidays are estimated): replace it when the decree is published.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// One day off: a national holiday (libur nasional) or collective leave (cuti bersama).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Holiday {
    /// YYYY-MM-DD.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub date: NaiveDate,
    pub name: String,
    /// Cuti bersama rather than a national holiday.
    pub collective_leave: bool,
}

/// `settings.holidays_set` v1: the whole list of days off, as the leadership left it.
/// Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HolidaysSet {
    pub holidays: Vec<Holiday>,
}

pub(crate) const HOLIDAYS_KEY: &str = "holidays";
const MAX_HOLIDAYS: usize = 400;

/// (date, name, cuti bersama)
const DEFAULT_HOLIDAYS: &[(&str, &str, bool)] = &[
    // 2026: SKB 3 Menteri on national holidays and cuti bersama 2026.
    ("2026-01-01", "Tahun Baru 2026 Masehi", false),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", false),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek", true),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", false),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi", true),
    ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", false),
    ("2026-03-20", "Cuti bersama Idulfitri 1447 H", true),
    ("2026-03-21", "Idulfitri 1447 H", false),
    ("2026-03-22", "Idulfitri 1447 H", false),
    ("2026-03-23", "Cuti bersama Idulfitri 1447 H", true),
    ("2026-03-24", "Cuti bersama Idulfitri 1447 H", true),
    ("2026-04-03", "Wafat Yesus Kristus", false),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", false),
    ("2026-05-01", "Hari Buruh Internasional", false),
    ("2026-05-14", "Kenaikan Yesus Kristus", false),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus", true),
    ("2026-05-27", "Iduladha 1447 H", false),
    ("2026-05-28", "Cuti bersama Iduladha 1447 H", true),
    ("2026-05-31", "Hari Raya Waisak 2570 BE", false),
    ("2026-06-01", "Hari Lahir Pancasila", false),
    ("2026-06-16", "Tahun Baru Islam 1448 H", false),
    ("2026-08-17", "Hari Kemerdekaan Republik Indonesia", false),
    ("2026-08-25", "Maulid Nabi Muhammad SAW", false),
    ("2026-12-24", "Cuti bersama Hari Raya Natal", true),
    ("2026-12-25", "Hari Raya Natal", false),
    // 2027: provisional (lunar holidays estimated; cuti bersama as the usual pattern).
    ("2027-01-01", "Tahun Baru 2027 Masehi", false),
    ("2027-01-05", "Isra Mikraj Nabi Muhammad SAW", false),
    ("2027-02-06", "Tahun Baru Imlek 2578 Kongzili", false),
    ("2027-03-08", "Cuti bersama Idulfitri 1448 H", true),
    ("2027-03-09", "Hari Suci Nyepi (Tahun Baru Saka 1949)", false),
    ("2027-03-10", "Idulfitri 1448 H", false),
    ("2027-03-11", "Idulfitri 1448 H", false),
    ("2027-03-12", "Cuti bersama Idulfitri 1448 H", true),
    ("2027-03-15", "Cuti bersama Idulfitri 1448 H", true),
    ("2027-03-26", "Wafat Yesus Kristus", false),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)", false),
    ("2027-05-01", "Hari Buruh Internasional", false),
    ("2027-05-06", "Kenaikan Yesus Kristus", false),
    ("2027-05-07", "Cuti bersama Kenaikan Yesus Kristus", true),
    ("2027-05-17", "Iduladha 1448 H", false),
    ("2027-05-20", "Hari Raya Waisak 2571 BE", false),
    ("2027-06-01", "Hari Lahir Pancasila", false),
    ("2027-06-06", "Tahun Baru Islam 1449 H", false),
    ("2027-08-15", "Maulid Nabi Muhammad SAW", false),
    ("2027-08-17", "Hari Kemerdekaan Republik Indonesia", false),
    ("2027-12-24", "Cuti bersama Hari Raya Natal", true),
    ("2027-12-25", "Hari Raya Natal", false),
];

pub fn default_holidays() -> Vec<Holiday> {
    DEFAULT_HOLIDAYS
        .iter()
        .map(|(date, name, collective_leave)| Holiday {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("default holidays are valid dates"),
            name: (*name).to_owned(),
            collective_leave: *collective_leave,
        })
        .collect()
}

/// The working-day calendar: weekends and a set of days off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    days_off: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar { days_off: holidays.into_iter().collect() }
    }

    pub fn with_default_holidays() -> Calendar {
        Calendar::new(default_holidays().into_iter().map(|holiday| holiday.date))
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&day)
    }

    /// The deadline `days` working days after `start`: the day something received on
    /// `start` must be done by. `start` itself does not count (work received on Friday
    /// with one day to go is due Monday); zero days means the same day.
    pub fn add_working_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut day = start;
        let mut left = days;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }
}

/// The days off in force: the leadership's list, or the defaults.
/// The first year whose default days off are estimates: its joint decree (SKB 3 Menteri)
/// was not out when the list was made, and lunar holidays move with the sighting.
const PROVISIONAL_FROM: &str = "2027-01-01";

/// The days of `holidays` that are still the shipped estimates: a default entry of a
/// provisional year, unchanged. One the leadership typed or corrected is not.
pub fn provisional(holidays: &[Holiday]) -> Vec<NaiveDate> {
    let from = NaiveDate::parse_from_str(PROVISIONAL_FROM, "%Y-%m-%d").expect("a valid date");
    let defaults = default_holidays();
    holidays
        .iter()
        .filter(|holiday| holiday.date >= from && defaults.contains(holiday))
        .map(|holiday| holiday.date)
        .collect()
}

pub fn holidays(conn: &Connection) -> Result<Vec<Holiday>> {
    Ok(crate::settings::get(conn, HOLIDAYS_KEY)?.unwrap_or_else(default_holidays))
}

pub fn calendar(conn: &Connection) -> Result<Calendar> {
    Ok(Calendar::new(holidays(conn)?.into_iter().map(|holiday| holiday.date)))
}

/// Checks a list before it is signed: names required, no day twice, sorted by date.
pub fn validate(mut holidays: Vec<Holiday>) -> Result<Vec<Holiday>> {
    if holidays.len() > MAX_HOLIDAYS {
        return Err(CoreError::invalid("holidays", InputProblem::TooLong));
    }
    holidays.sort_by_key(|holiday| holiday.date);
    for (index, holiday) in holidays.iter_mut().enumerate() {
        holiday.name = holiday.name.trim().to_owned();
        if holiday.name.is_empty() {
            return Err(CoreError::invalid(&format!("holidays.{index}.name"), InputProblem::Required));
        }
        if holiday.name.chars().count() > 120 {
            return Err(CoreError::invalid(&format!("holidays.{index}.name"), InputProblem::TooLong));
        }
    }
    if let Some(index) = holidays.windows(2).position(|pair| pair[0].date == pair[1].date) {
        return Err(CoreError::invalid(&format!("holidays.{}.date", index + 1), InputProblem::Duplicate));
    }
    Ok(holidays)
}

pub(crate) fn apply_holidays_set(conn: &Connection, event: &SignedEvent, payload: &HolidaysSet) -> Result<()> {
    let value = serde_json::to_string(&payload.holidays).expect("holidays serialize");
    // The complaints' deadlines follow (`reactions`).
    crate::settings::put(conn, HOLIDAYS_KEY, &value, &event.version_key())?;
    Ok(())
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for HolidaysSet {
    const NAME: &'static str = "settings.holidays_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_holidays_set(conn, event, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_do_not_count() {
        let calendar = Calendar::default();
        // Thursday 5 November 2026 + 3 working days: Fri, Mon, Tue.
        assert_eq!(calendar.add_working_days(day("2026-11-05"), 3), day("2026-11-10"));
        // Received on a Saturday: Monday is the first working day.
        assert_eq!(calendar.add_working_days(day("2026-11-07"), 1), day("2026-11-09"));
        assert_eq!(calendar.add_working_days(day("2026-11-07"), 0), day("2026-11-07"));
        assert_eq!(calendar.working_days_between(day("2026-11-05"), day("2026-11-10")), 3);
    }

    #[test]
    fn holidays_and_collective_leave_do_not_count() {
        let calendar = Calendar::with_default_holidays();
        // Idulfitri 2026: Thursday 19 March (Nyepi) through Tuesday 24 March are off.
        assert_eq!(calendar.add_working_days(day("2026-03-18"), 1), day("2026-03-25"));
        assert_eq!(calendar.add_working_days(day("2026-03-17"), 3), day("2026-03-27"));
        // 14 and 15 May 2026 (Ascension and its cuti bersama) make a four-day weekend.
        assert_eq!(calendar.add_working_days(day("2026-05-13"), 5), day("2026-05-22"));
    }

    #[test]
    fn a_deadline_runs_across_the_year_boundary() {
        let calendar = Calendar::with_default_holidays();
        // Wednesday 23 December 2026: 24 and 25 December and 1 January are off.
        // Days: Mon 28, Tue 29, Wed 30, Thu 31 Dec, Mon 4 Jan 2027.
        assert_eq!(calendar.add_working_days(day("2026-12-23"), 5), day("2027-01-04"));
        assert_eq!(calendar.working_days_between(day("2026-12-23"), day("2027-01-04")), 5);
        // Without the holidays it would be Wednesday 30 December.
        assert_eq!(Calendar::default().add_working_days(day("2026-12-23"), 5), day("2026-12-30"));
    }

    #[test]
    fn sixty_working_days_is_about_three_months() {
        let calendar = Calendar::with_default_holidays();
        let due = calendar.add_working_days(day("2026-11-02"), 60);
        assert_eq!(calendar.working_days_between(day("2026-11-02"), due), 60);
        assert!(calendar.is_working_day(due));
        assert!(due > day("2027-01-20") && due < day("2027-02-05"), "{due}");
    }

    #[test]
    fn the_default_list_has_no_day_twice() {
        let list = default_holidays();
        assert_eq!(validate(list.clone()).unwrap().len(), list.len());
    }

    #[test]
    fn a_list_with_a_day_twice_is_refused() {
        let twice = vec![
            Holiday { date: day("2026-08-17"), name: "Kemerdekaan".into(), collective_leave: false },
            Holiday { date: day("2026-08-17"), name: "Lagi".into(), collective_leave: false },
        ];
        assert_eq!(validate(twice).unwrap_err(), CoreError::invalid("holidays.1.date", InputProblem::Duplicate));
    }
}
