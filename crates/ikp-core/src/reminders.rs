//! What is due, for the person at this laptop, when the app opens: instructions whose
//! deadline falls this week or has passed (the regency's for those who follow every
//! agency, their own agency's for its staff), requests waiting for the rapim (for whoever
//! decides or prepares it), complaints at or near their time limit (in the person's
//! scope). Each is dismissed for the rest of the day, on this laptop only.

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::complaint::queries::{self as complaint_queries, ComplaintFilter, Scope};
use crate::error::Result;
use crate::identity::DeviceId;
use crate::instruction::lifecycle::Status;
use crate::instruction::queries::{self as instruction_queries, InstructionFilter, InstructionSummary};
use crate::policy::{self, Duty};
use crate::principal::Principal;
use crate::{device, local_state};

/// "This week": deadlines up to this many days ahead.
const WEEK_DAYS: u64 = 7;
/// A complaint is near its limit this many days before it.
const COMPLAINT_WARNING_DAYS: u64 = 2;
/// The instructions a reminder names; the rest are counted.
const NAMED: usize = 3;
const DISMISSED: &str = "reminders_dismissed";
/// The reminders already shown as a notification of the operating system today.
const NOTIFIED: &str = "reminders_notified";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// What dismissing it names: one reminder of each kind a day.
    pub id: String,
    pub about: ReminderAbout,
}

/// Facts only: the screens word them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReminderAbout {
    /// Running instructions whose deadline is within the coming week.
    #[serde(rename_all = "camelCase")]
    DeadlinesThisWeek { count: u32, first: Vec<InstructionDue> },
    /// Running instructions past their deadline.
    #[serde(rename_all = "camelCase")]
    Overdue { count: u32, first: Vec<InstructionDue> },
    /// Dialog-kinerja requests waiting for a decision.
    #[serde(rename_all = "camelCase")]
    DecisionsWaiting { count: u32 },
    /// Complaints whose running stage's limit is within two days, or past.
    #[serde(rename_all = "camelCase")]
    ComplaintsAtLimit { near: u32, overdue: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InstructionDue {
    pub instruction_id: String,
    pub number: Option<String>,
    pub title: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    /// Negative once past.
    pub days_left: i32,
}

/// Reminder ids put away (or announced) on one day; another day's list counts for nothing.
#[derive(Default, Serialize, Deserialize)]
struct DayList {
    day: String,
    ids: Vec<String>,
}

/// Today's reminders for `device`'s user, less those dismissed today.
pub fn due(conn: &Connection, device: DeviceId, today: NaiveDate) -> Result<Vec<Reminder>> {
    let Some(who) = device::principal(conn, device)? else { return Ok(Vec::new()) };
    let mut reminders = instruction_reminders(conn, &who, today)?;
    if policy::holds_duty(&who, Duty::Decide) || policy::holds_duty(&who, Duty::KeepMinutes) {
        let count: u32 =
            conn.query_row("SELECT count(*) FROM negotiations WHERE status = 'pending'", [], |row| row.get(0))?;
        if count > 0 {
            reminders.push(reminder(ReminderAbout::DecisionsWaiting { count }));
        }
    }
    reminders.extend(complaint_reminder(conn, device, today)?);
    let dismissed = dismissed_today(conn, today)?;
    reminders.retain(|reminder| !dismissed.contains(&reminder.id));
    Ok(reminders)
}

/// Dismisses a reminder until tomorrow.
pub fn dismiss(conn: &Connection, id: &str, today: NaiveDate) -> Result<()> {
    add_to_day_list(conn, DISMISSED, today, &[id.to_owned()])
}

/// The reminders due that have not yet been announced by a notification of the operating
/// system today, noted as announced now: each kind is announced once a day, while the app
/// runs, and never one the person dismissed.
pub fn to_notify(conn: &Connection, device: DeviceId, today: NaiveDate) -> Result<Vec<Reminder>> {
    let announced = day_list(conn, NOTIFIED, today)?;
    let mut fresh = due(conn, device, today)?;
    fresh.retain(|reminder| !announced.contains(&reminder.id));
    let ids: Vec<String> = fresh.iter().map(|reminder| reminder.id.clone()).collect();
    add_to_day_list(conn, NOTIFIED, today, &ids)?;
    Ok(fresh)
}

fn dismissed_today(conn: &Connection, today: NaiveDate) -> Result<Vec<String>> {
    day_list(conn, DISMISSED, today)
}

fn day_list(conn: &Connection, key: &str, today: NaiveDate) -> Result<Vec<String>> {
    let stored: DayList =
        local_state::get(conn, key)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
    Ok(if stored.day == today.to_string() { stored.ids } else { Vec::new() })
}

fn add_to_day_list(conn: &Connection, key: &str, today: NaiveDate, new: &[String]) -> Result<()> {
    let mut ids = day_list(conn, key, today)?;
    let before = ids.len();
    ids.extend(new.iter().filter(|id| !ids.contains(id)).cloned().collect::<Vec<_>>());
    if ids.len() == before {
        // Nothing new: the list as stored stands (and an unchanged laptop writes nothing).
        return Ok(());
    }
    let list = DayList { day: today.to_string(), ids };
    local_state::set(conn, key, &serde_json::to_string(&list).expect("ids always serialize"))
}

fn reminder(about: ReminderAbout) -> Reminder {
    let id = match &about {
        ReminderAbout::DeadlinesThisWeek { .. } => "deadlines_this_week",
        ReminderAbout::Overdue { .. } => "overdue",
        ReminderAbout::DecisionsWaiting { .. } => "decisions_waiting",
        ReminderAbout::ComplaintsAtLimit { .. } => "complaints_at_limit",
    };
    Reminder { id: id.to_owned(), about }
}

/// The running instructions the person answers for: every one for those who follow
/// every agency, their agency's for its staff, none for others.
fn instruction_reminders(conn: &Connection, who: &Principal, today: NaiveDate) -> Result<Vec<Reminder>> {
    let agency_code = if policy::holds_duty(who, Duty::Oversee) {
        None
    } else if let Some(own) = &who.agency_code {
        Some(own.clone())
    } else {
        return Ok(Vec::new());
    };
    let filter = InstructionFilter { agency_code, limit: Some(1000), ..Default::default() };
    let week_end = today.checked_add_days(Days::new(WEEK_DAYS)).unwrap_or(today).to_string();
    let today_text = today.to_string();
    let running: Vec<InstructionSummary> = instruction_queries::list(conn, &filter, today)?
        .into_iter()
        .filter(|instruction| matches!(instruction.status, Status::Issued | Status::InProgress))
        .collect();
    let mut soon: Vec<&InstructionSummary> = running
        .iter()
        .filter(|i| i.deadline.as_str() >= today_text.as_str() && i.deadline.as_str() <= week_end.as_str())
        .collect();
    let mut late: Vec<&InstructionSummary> = running.iter().filter(|i| i.deadline < today_text).collect();
    soon.sort_by(|a, b| a.deadline.cmp(&b.deadline));
    late.sort_by(|a, b| a.deadline.cmp(&b.deadline));
    let mut reminders = Vec::new();
    if !late.is_empty() {
        reminders.push(reminder(ReminderAbout::Overdue { count: late.len() as u32, first: named(&late) }));
    }
    if !soon.is_empty() {
        reminders.push(reminder(ReminderAbout::DeadlinesThisWeek { count: soon.len() as u32, first: named(&soon) }));
    }
    Ok(reminders)
}

fn named(instructions: &[&InstructionSummary]) -> Vec<InstructionDue> {
    instructions
        .iter()
        .take(NAMED)
        .map(|i| InstructionDue {
            instruction_id: i.id.clone(),
            number: i.number.clone(),
            title: i.title.clone(),
            deadline: i.deadline.clone(),
            days_left: i.days_left,
        })
        .collect()
}

/// Complaints in the person's scope at or near their running stage's limit.
fn complaint_reminder(conn: &Connection, device: DeviceId, today: NaiveDate) -> Result<Option<Reminder>> {
    let scope = match Scope::of(conn, device) {
        Ok(scope) => scope,
        // Staff whose agency the root has not named yet follow no complaint.
        Err(crate::error::CoreError::DeviceNotSetUp) => return Ok(None),
        Err(other) => return Err(other),
    };
    let warn_until = today.checked_add_days(Days::new(COMPLAINT_WARNING_DAYS)).unwrap_or(today).to_string();
    let filter = ComplaintFilter { limit: Some(5000), ..Default::default() };
    let (mut near, mut overdue) = (0, 0);
    for complaint in complaint_queries::list(conn, &scope, &filter, today)? {
        match complaint.due_on {
            _ if complaint.overdue => overdue += 1,
            Some(due) if due <= warn_until => near += 1,
            _ => {}
        }
    }
    Ok((near + overdue > 0).then(|| reminder(ReminderAbout::ComplaintsAtLimit { near, overdue })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_dismissal_lasts_the_day_it_was_made() {
        let store = Store::open_in_memory().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        dismiss(store.conn(), "overdue", day).unwrap();
        dismiss(store.conn(), "overdue", day).unwrap();
        dismiss(store.conn(), "decisions_waiting", day).unwrap();
        assert_eq!(dismissed_today(store.conn(), day).unwrap(), vec!["overdue", "decisions_waiting"]);
        let next = day.succ_opt().unwrap();
        assert!(dismissed_today(store.conn(), next).unwrap().is_empty(), "tomorrow it reminds again");
    }
}
