//! What the dashboards read of instructions: the agencies' scorecard, the regency's and
//! one agency's counts by standing, and the indicators nobody has reported on lately.

use super::achievement::Standing;
use super::lifecycle::Status;
use super::queries::{list, summary_from, InstructionFilter, InstructionSummary, ACTIVE, SUMMARY_COLUMNS};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyScore {
    pub agency_code: String,
    pub short_name: String,
    pub active: u32,
    pub on_track: u32,
    pub at_risk: u32,
    pub overdue: u32,
    pub achievement_permille: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub active: u32,
    pub on_track: u32,
    pub at_risk: u32,
    pub overdue: u32,
    pub awaiting_verification: u32,
    /// The most overdue first.
    pub overdue_instructions: Vec<InstructionSummary>,
    pub awaiting: Vec<InstructionSummary>,
    /// Agencies with active instructions, lowest achievement first.
    pub lagging_agencies: Vec<AgencyScore>,
}

/// One agency's own view: its active instructions by standing, its achievement, and
/// its indicators that need a report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyDashboard {
    pub agency_code: String,
    pub active: u32,
    pub on_track: u32,
    pub at_risk: u32,
    pub overdue: u32,
    /// Reported complete by the lead agency, waiting for the leadership.
    pub awaiting_verification: u32,
    /// Mean achievement of the agency's own indicators on active instructions.
    pub achievement_permille: u32,
    /// Indicators of active instructions with no report in `silent_days` days.
    pub indicators_needing_report: u32,
    pub silent_days: u32,
    /// The agency's instructions, active first, nearest deadline first.
    pub instructions: Vec<InstructionSummary>,
    pub silent: Vec<SilentIndicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SilentIndicator {
    pub indicator_id: String,
    pub instruction_id: String,
    pub number: Option<String>,
    pub name: String,
    pub last_reported_on: Option<String>,
    /// Days since the last report, or since issue when there never was one.
    pub days_silent: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SilentAgency {
    pub agency_code: String,
    pub short_name: String,
    pub indicators: Vec<SilentIndicator>,
}

/// Active instructions with everything standing needs, one row per assigned agency.
pub(crate) fn active_assignments(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<(InstructionSummary, String, String)>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, ia.agency_code, coalesce(ag.short_name, ia.agency_code)
         FROM instructions i
         CROSS JOIN instruction_agencies ia ON ia.instruction_id = i.id
         LEFT JOIN agencies a ON a.code = i.lead_agency
         LEFT JOIN agencies ag ON ag.code = ia.agency_code
         WHERE i.status IN {ACTIVE}"
    ))?;
    let rows = statement.query_map([], |row| Ok((summary_from(row, today)?, row.get(10)?, row.get(11)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per agency: its active instructions by standing, and the mean achievement of its own
/// indicators on them (a supporting agency is judged on its part, not the whole).
pub fn scorecard(conn: &Connection, today: NaiveDate) -> Result<Vec<AgencyScore>> {
    scorecard_of(conn, &active_assignments(conn, today)?)
}

pub(crate) fn scorecard_of(
    conn: &Connection,
    assignments: &[(InstructionSummary, String, String)],
) -> Result<Vec<AgencyScore>> {
    let own_achievement = own_indicator_achievement(conn)?;
    let mut scores: HashMap<String, AgencyScore> = HashMap::new();
    for (summary, code, short_name) in assignments {
        let score = scores.entry(code.clone()).or_insert_with(|| AgencyScore {
            achievement_permille: own_achievement.get(code).copied().unwrap_or(0),
            agency_code: code.clone(),
            short_name: short_name.clone(),
            ..AgencyScore::default()
        });
        score.active += 1;
        match summary.standing {
            Standing::OnTrack => score.on_track += 1,
            Standing::AtRisk => score.at_risk += 1,
            Standing::Overdue => score.overdue += 1,
            Standing::Done | Standing::Inactive => {}
        }
    }
    let mut list: Vec<AgencyScore> = scores.into_values().collect();
    list.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(a.achievement_permille.cmp(&b.achievement_permille))
            .then(a.agency_code.cmp(&b.agency_code))
    });
    Ok(list)
}

pub(crate) fn own_indicator_achievement(conn: &Connection) -> Result<HashMap<String, u32>> {
    let mut statement = conn.prepare_cached(
        "SELECT n.agency_code, sum(n.achievement_permille) / count(*) FROM instructions i
         CROSS JOIN indicators n ON n.instruction_id = i.id
         WHERE i.status IN ('issued', 'in_progress', 'reported_complete')
         GROUP BY n.agency_code",
    )?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn dashboard(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let mut dashboard = Dashboard::default();
    let mut seen = std::collections::HashSet::new();
    let assignments = active_assignments(conn, today)?;
    for (summary, _, _) in &assignments {
        if !seen.insert(summary.id.clone()) {
            continue;
        }
        dashboard.active += 1;
        match summary.standing {
            Standing::OnTrack => dashboard.on_track += 1,
            Standing::AtRisk => dashboard.at_risk += 1,
            Standing::Overdue => dashboard.overdue += 1,
            Standing::Done | Standing::Inactive => {}
        }
        if summary.status == Status::ReportedComplete {
            dashboard.awaiting_verification += 1;
            dashboard.awaiting.push(summary.clone());
        }
        if summary.standing == Standing::Overdue {
            dashboard.overdue_instructions.push(summary.clone());
        }
    }
    dashboard.overdue_instructions.sort_by_key(|summary| (summary.days_left, summary.id.clone()));
    dashboard.overdue_instructions.truncate(10);
    dashboard.awaiting.sort_by(|a, b| a.deadline.cmp(&b.deadline));
    dashboard.awaiting.truncate(10);
    let mut lagging = scorecard_of(conn, &assignments)?;
    lagging.sort_by(|a, b| {
        a.achievement_permille
            .cmp(&b.achievement_permille)
            .then(b.overdue.cmp(&a.overdue))
            .then(a.agency_code.cmp(&b.agency_code))
    });
    lagging.truncate(5);
    dashboard.lagging_agencies = lagging;
    Ok(dashboard)
}

/// How many days without a report make an agency's indicator "needing a report".
pub const AGENCY_SILENT_DAYS: u32 = 7;

pub fn agency_dashboard(conn: &Connection, agency_code: &str, today: NaiveDate) -> Result<AgencyDashboard> {
    crate::agency::require(conn, agency_code)?;
    let assignments: Vec<_> =
        active_assignments(conn, today)?.into_iter().filter(|(_, code, _)| code == agency_code).collect();
    let score = scorecard_of(conn, &assignments)?.into_iter().next().unwrap_or_default();
    let awaiting_verification =
        assignments.iter().filter(|(summary, _, _)| summary.status == Status::ReportedComplete).count() as u32;
    let filter = InstructionFilter {
        agency_code: Some(agency_code.to_owned()),
        limit: Some(50),
        ..InstructionFilter::default()
    };
    let silent: Vec<SilentIndicator> = silent_indicators(conn, AGENCY_SILENT_DAYS, today)?
        .into_iter()
        .filter(|group| group.agency_code == agency_code)
        .flat_map(|group| group.indicators)
        .collect();
    Ok(AgencyDashboard {
        agency_code: agency_code.to_owned(),
        active: score.active,
        on_track: score.on_track,
        at_risk: score.at_risk,
        overdue: score.overdue,
        awaiting_verification,
        achievement_permille: score.achievement_permille,
        indicators_needing_report: silent.len() as u32,
        silent_days: AGENCY_SILENT_DAYS,
        instructions: list(conn, &filter, today)?,
        silent,
    })
}

/// Indicators of active instructions with no progress in the last `days` days, per agency.
pub fn silent_indicators(conn: &Connection, days: u32, today: NaiveDate) -> Result<Vec<SilentAgency>> {
    let cutoff = today - chrono::Duration::days(i64::from(days));
    let mut statement = conn.prepare_cached(
        "SELECT n.agency_code, coalesce(a.short_name, n.agency_code), n.id, n.instruction_id, i.number, n.name,
                n.last_reported_on, i.issued_on
         FROM instructions i
         CROSS JOIN indicators n ON n.instruction_id = i.id
         LEFT JOIN agencies a ON a.code = n.agency_code
         WHERE i.status IN ('issued', 'in_progress', 'reported_complete')
           AND coalesce(n.last_reported_on, i.issued_on) <= ?1
         ORDER BY n.agency_code, coalesce(n.last_reported_on, i.issued_on), n.id",
    )?;
    let rows = statement.query_map([cutoff.to_string()], |row| {
        let last: Option<String> = row.get(6)?;
        let since = last.clone().or(row.get::<_, Option<String>>(7)?);
        let days_silent = since
            .and_then(|day| NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
            .map_or(0, |day| (today - day).num_days() as i32);
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            SilentIndicator {
                indicator_id: row.get(2)?,
                instruction_id: row.get(3)?,
                number: row.get(4)?,
                name: row.get(5)?,
                last_reported_on: last,
                days_silent,
            },
        ))
    })?;
    let mut groups: Vec<SilentAgency> = Vec::new();
    for row in rows {
        let (code, short_name, indicator) = row?;
        match groups.last_mut() {
            Some(group) if group.agency_code == code => group.indicators.push(indicator),
            _ => groups.push(SilentAgency { agency_code: code, short_name, indicators: vec![indicator] }),
        }
    }
    Ok(groups)
}
