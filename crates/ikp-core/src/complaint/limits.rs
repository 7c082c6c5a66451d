//! Time limits on complaints, per classification, in working days (see `workdays`).
//! The defaults follow the SP4N-LAPOR! rules (Permenpan-RB 62/2018): 3 working days to
//! verify and dispose; 5 for the agency's follow-up of an ordinary complaint, 60 where a
//! field check is needed. Requests for information follow the public-information law
//! (UU 14/2008: 10 working days, 7 more when extended). The leadership may change them
//! (`settings.complaint_time_limits_set`); deadlines of running complaints follow.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::lifecycle::ComplaintStatus;
use super::payload::{Classification, TimeLimit, TimeLimitsSet};
use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::workdays::Calendar;

pub(crate) const TIME_LIMITS_KEY: &str = "complaint_time_limits";
const MAX_DAYS: u32 = 365;

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
