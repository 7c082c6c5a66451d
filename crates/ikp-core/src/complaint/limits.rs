//! Time limits on complaints, per classification, in working days (see `workdays`).
//! The defaults follow the SP4N-LAPOR! rules (Permenpan-RB 62/2018): 3 working days to
//! verify and dispose; 5 for the agency's follow-up of an ordinary complaint, 60 where a
//! field check is needed. Requests for information follow the public-information law
//! (UU 14/2008: 10 working days, 7 more when extended). The leadership may change them
//! (`settings.complaint_time_limits_set`); deadlines of running complaints follow.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::lifecycle::ComplaintStatus;
use super::payload::{Classification, FirstResponseSet, TimeLimit, TimeLimitsSet};
use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::workdays::Calendar;

pub(crate) const TIME_LIMITS_KEY: &str = "complaint_time_limits";
const MAX_DAYS: u32 = 365;
pub(crate) const FIRST_RESPONSE_KEY: &str = "complaint_first_response_days";
/// The leadership's ask in issue 18: a first response within days, whatever the SOP
/// allows for completion. A setting (`settings.complaint_first_response_set`).
pub const DEFAULT_FIRST_RESPONSE_DAYS: u32 = 4;

pub fn default_limits() -> Vec<TimeLimit> {
    vec![
        TimeLimit {
            classification: Classification::Pengaduan,
            verification_days: 3,
            follow_up_days: 5,
            field_check_days: 60,
        },
        TimeLimit {
            classification: Classification::Aspirasi,
            verification_days: 3,
            follow_up_days: 5,
            field_check_days: 60,
        },
        TimeLimit {
            classification: Classification::PermintaanInformasi,
            verification_days: 3,
            follow_up_days: 10,
            field_check_days: 17,
        },
    ]
}

/// The limits in force: the leadership's, with the default for any classification it
/// did not name.
pub fn time_limits(conn: &Connection) -> Result<Vec<TimeLimit>> {
    let stored: Vec<TimeLimit> = crate::settings::get(conn, TIME_LIMITS_KEY)?.unwrap_or_default();
    Ok(default_limits()
        .into_iter()
        .map(|default| {
            stored.iter().find(|limit| limit.classification == default.classification).copied().unwrap_or(default)
        })
        .collect())
}

pub fn validate(limits: &[TimeLimit]) -> Result<()> {
    for (index, limit) in limits.iter().enumerate() {
        if limits[..index].iter().any(|earlier| earlier.classification == limit.classification) {
            return Err(CoreError::invalid(&format!("limits.{index}.classification"), InputProblem::Duplicate));
        }
        for (name, days) in [
            ("verificationDays", limit.verification_days),
            ("followUpDays", limit.follow_up_days),
            ("fieldCheckDays", limit.field_check_days),
        ] {
            if days == 0 || days > MAX_DAYS {
                return Err(CoreError::invalid(&format!("limits.{index}.{name}"), InputProblem::OutOfRange));
            }
        }
    }
    Ok(())
}

/// What a deadline is computed from.
pub struct Stage<'a> {
    pub status: ComplaintStatus,
    pub classification: Classification,
    pub field_check: bool,
    /// The day the running stage's clock started (receipt, disposition, resumption).
    pub clock_from: &'a str,
}

/// The deadline of the stage running now, or None when no clock runs.
pub fn due_on(stage: &Stage<'_>, limits: &[TimeLimit], calendar: &Calendar) -> Option<NaiveDate> {
    let limit = limits.iter().find(|limit| limit.classification == stage.classification)?;
    let from = NaiveDate::parse_from_str(stage.clock_from, "%Y-%m-%d").ok()?;
    match stage.status {
        ComplaintStatus::Unverified => Some(calendar.add_working_days(from, limit.verification_days)),
        ComplaintStatus::Disposed | ComplaintStatus::InProgress => {
            let days = if stage.field_check { limit.field_check_days } else { limit.follow_up_days };
            Some(calendar.add_working_days(from, days))
        }
        _ => None,
    }
}

pub(crate) fn apply_time_limits_set(conn: &Connection, event: &SignedEvent, payload: &TimeLimitsSet) -> Result<()> {
    let value = serde_json::to_string(&payload.limits).expect("limits serialize");
    if crate::settings::put(conn, TIME_LIMITS_KEY, &value, &event.version_key())? {
        super::project::recompute_deadlines(conn)?;
    }
    Ok(())
}

/// Working days from disposition to the first follow-up, as set (or the default).
pub fn first_response_days(conn: &Connection) -> Result<u32> {
    Ok(crate::settings::get(conn, FIRST_RESPONSE_KEY)?.unwrap_or(DEFAULT_FIRST_RESPONSE_DAYS))
}

pub fn validate_first_response(days: u32) -> Result<()> {
    if days == 0 || days > MAX_DAYS {
        return Err(CoreError::invalid("workingDays", InputProblem::OutOfRange));
    }
    Ok(())
}

/// The first clock. It runs from the disposition and stops at the first follow-up (or a
/// completion, which answers too); it is not stored on the complaint, so a new setting or
/// holiday list applies at once, and the summary counts it with one bound (below).
pub struct FirstResponse<'a> {
    pub disposed_on: Option<&'a str>,
    pub responded_on: Option<&'a str>,
    pub open: bool,
}

impl FirstResponse<'_> {
    pub fn due_on(&self, days: u32, calendar: &Calendar) -> Option<NaiveDate> {
        let disposed = NaiveDate::parse_from_str(self.disposed_on?, "%Y-%m-%d").ok()?;
        Some(calendar.add_working_days(disposed, days))
    }

    /// Still waiting for its first follow-up past the deadline.
    pub fn overdue(&self, days: u32, calendar: &Calendar, today: NaiveDate) -> bool {
        self.open && self.responded_on.is_none() && self.due_on(days, calendar).is_some_and(|due| due < today)
    }
}

/// The latest disposition day whose first-response deadline is before `today`: a
/// complaint disposed on or before it and not yet answered is overdue. The deadline
/// never moves back when the disposition moves forward, so one bound serves a whole
/// period of complaints in SQL.
pub fn last_overdue_disposition(days: u32, calendar: &Calendar, today: NaiveDate) -> Option<NaiveDate> {
    let mut day = today.pred_opt()?;
    // Far more than any run of weekends and holidays within MAX_DAYS working days.
    for _ in 0..(MAX_DAYS * 3) {
        if calendar.add_working_days(day, days) < today {
            return Some(day);
        }
        day = day.pred_opt()?;
    }
    None
}

pub(crate) fn apply_first_response_set(
    conn: &Connection,
    event: &SignedEvent,
    payload: &FirstResponseSet,
) -> Result<()> {
    // A value out of range (signed by a build that checked less) leaves the setting as it was.
    if validate_first_response(payload.working_days).is_ok() {
        crate::settings::put(conn, FIRST_RESPONSE_KEY, &payload.working_days.to_string(), &event.version_key())?;
    }
    Ok(())
}
