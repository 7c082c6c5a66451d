//! What the instruction screens read: lists with filters, one instruction in full, the
//! agency scorecard, the Regent's dashboard, and indicators nobody has reported on.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::achievement::{self, Achievement, AchievementNote, Standing};
use super::allowed::{allowed_actions, AllowedActions};
use super::lifecycle::Status;
use super::payload::{Direction, EvidenceRef, IndicatorSource};
use super::timeline::TimelineDetail;
use crate::error::{CoreError, Result};
use crate::principal::Principal;
use crate::quantity::Quantity;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InstructionFilter {
    pub category: Option<String>,
    pub agency_code: Option<String>,
    pub status: Option<Status>,
    pub overdue_only: bool,
    pub text: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InstructionSummary {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub category: String,
    pub status: Status,
    pub lead_agency: String,
    pub lead_agency_short_name: String,
    pub issued_on: Option<String>,
    pub deadline: String,
    pub days_left: i32,
    pub standing: Standing,
    pub achievement_permille: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssignedAgency {
    pub code: String,
    pub short_name: String,
    pub lead: bool,
    pub achievement_permille: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorView {
    pub id: String,
    pub agency_code: String,
    pub name: String,
    pub unit: String,
    pub baseline: Quantity,
    pub target: Quantity,
    pub direction: Direction,
    pub deadline: String,
    pub latest_value: Option<Quantity>,
    pub last_reported_on: Option<String>,
    pub achievement: Achievement,
    /// Set when the value is derived (budget absorption), never reported by hand.
    pub source: Option<IndicatorSource>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProgressView {
    pub id: String,
    pub indicator_id: String,
    pub agency_code: String,
    pub value: Quantity,
    pub reported_on: String,
    pub note: String,
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub event_id: String,
    pub action: String,
    pub detail: TimelineDetail,
    pub author_label: String,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InstructionDetail {
    pub summary: InstructionSummary,
    pub background: String,
    pub text: String,
    pub agencies: Vec<AssignedAgency>,
    pub indicators: Vec<IndicatorView>,
    pub progress: Vec<ProgressView>,
    pub timeline: Vec<TimelineEntry>,
    /// What the person at this laptop may do with it now.
    pub allowed_actions: AllowedActions,
}

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

const SUMMARY_COLUMNS: &str =
    "i.id, i.number, i.title, i.category, i.status, i.lead_agency, coalesce(a.short_name, i.lead_agency),
     i.issued_on, i.deadline, i.achievement_permille";

fn summary_from(row: &Row<'_>, today: NaiveDate) -> rusqlite::Result<InstructionSummary> {
    let status = Status::parse(&row.get::<_, String>(4)?).unwrap_or(Status::Draft);
    let issued_on: Option<String> = row.get(7)?;
    let deadline: String = row.get(8)?;
    let achievement_permille: u32 = row.get(9)?;
    let deadline_day = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d").unwrap_or(today);
    let issued_day = issued_on.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    Ok(InstructionSummary {
        id: row.get(0)?,
        number: row.get(1)?,
        title: row.get(2)?,
        category: row.get(3)?,
        status,
        lead_agency: row.get(5)?,
        lead_agency_short_name: row.get(6)?,
        issued_on,
        days_left: achievement::days_left(deadline_day, today),
        standing: achievement::standing(status, achievement_permille, issued_day, deadline_day, today),
        deadline,
        achievement_permille,
    })
}

const ACTIVE: &str = "('issued', 'in_progress', 'reported_complete')";

/// Active work first, nearest deadline first; then the rest, latest deadline first. Two
/// queries, each in an index's order, so a page of 200 never sorts ten years of rows.
pub fn list(conn: &Connection, filter: &InstructionFilter, today: NaiveDate) -> Result<Vec<InstructionSummary>> {
    let limit = filter.limit.unwrap_or(200).min(1000) as usize;
    let mut rows = list_part(conn, filter, today, true, limit)?;
    if rows.len() < limit {
        rows.extend(list_part(conn, filter, today, false, limit - rows.len())?);
    }
    Ok(rows)
}

fn list_part(
    conn: &Connection,
    filter: &InstructionFilter,
    today: NaiveDate,
    active: bool,
    limit: usize,
) -> Result<Vec<InstructionSummary>> {
    if filter.status.is_some_and(|status| status.is_active() != active) || (filter.overdue_only && !active) {
        return Ok(Vec::new());
    }
    let mut sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM instructions i LEFT JOIN agencies a ON a.code = i.lead_agency WHERE i.status {} {ACTIVE}",
        if active { "IN" } else { "NOT IN" }
    );
    let mut args: Vec<Value> = Vec::new();
    if let Some(category) = &filter.category {
        sql.push_str(" AND i.category = ?");
        args.push(category.clone().into());
    }
    if let Some(status) = filter.status {
        sql.push_str(" AND i.status = ?");
        args.push(status.as_str().to_owned().into());
    }
    if filter.overdue_only {
        sql.push_str(" AND i.deadline < ?");
        args.push(today.to_string().into());
    }
    if let Some(agency) = &filter.agency_code {
        sql.push_str(" AND i.id IN (SELECT instruction_id FROM instruction_agencies WHERE agency_code = ?)");
        args.push(agency.clone().into());
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        sql.push_str(" AND i.search_text LIKE ? ESCAPE '\\'");
        let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        args.push(format!("%{escaped}%").into());
    }
    sql.push_str(if active {
        " ORDER BY i.deadline ASC, i.id LIMIT ?"
    } else {
        " ORDER BY i.deadline DESC, i.id LIMIT ?"
    });
    args.push((limit as i64).into());
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement.query_map(params_from_iter(args), |row| summary_from(row, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn summary(conn: &Connection, id: &str, today: NaiveDate) -> Result<InstructionSummary> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM instructions i LEFT JOIN agencies a ON a.code = i.lead_agency WHERE i.id = ?1"
    ))?
    .query_row([id], |row| summary_from(row, today))
    .optional()?
    .ok_or_else(|| CoreError::UnknownInstruction { id: id.to_owned() })
}

/// One instruction as `viewer` sees it, with what they may do with it now.
pub fn detail(conn: &Connection, id: &str, today: NaiveDate, viewer: Option<&Principal>) -> Result<InstructionDetail> {
    let summary = summary(conn, id, today)?;
    let (background, text): (String, String) =
        conn.query_row("SELECT background, body FROM instructions WHERE id = ?1", [id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    let indicators = indicators_of(conn, id)?;
    let agencies = agencies_of(conn, id, &indicators)?;
    let allowed_actions = allowed_actions(viewer, summary.status, &summary.lead_agency, &indicators);
    Ok(InstructionDetail {
        summary,
        background,
        text,
        agencies,
        progress: progress_of(conn, id)?,
        timeline: timeline_of(conn, id)?,
        indicators,
        allowed_actions,
    })
}

fn indicators_of(conn: &Connection, id: &str) -> Result<Vec<IndicatorView>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, agency_code, name, unit, baseline, target, direction, deadline, latest_value, last_reported_on,
                achievement_permille, achievement_note, source_kind, source_year
         FROM indicators WHERE instruction_id = ?1 ORDER BY position",
    )?;
    let rows = statement.query_map([id], |row| {
        let note: String = row.get(11)?;
        Ok(IndicatorView {
            id: row.get(0)?,
            agency_code: row.get(1)?,
            name: row.get(2)?,
            unit: row.get(3)?,
            baseline: Quantity::from_ten_thousandths(row.get(4)?),
            target: Quantity::from_ten_thousandths(row.get(5)?),
            direction: Direction::parse(&row.get::<_, String>(6)?).unwrap_or(Direction::HigherIsBetter),
            deadline: row.get(7)?,
            latest_value: row.get::<_, Option<i64>>(8)?.map(Quantity::from_ten_thousandths),
            last_reported_on: row.get(9)?,
            achievement: Achievement {
                permille: row.get(10)?,
                note: AchievementNote::parse(&note).unwrap_or(AchievementNote::NoReport),
            },
            source: IndicatorSource::parse(row.get::<_, Option<String>>(12)?.as_deref(), row.get(13)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn agencies_of(conn: &Connection, id: &str, indicators: &[IndicatorView]) -> Result<Vec<AssignedAgency>> {
    let mut statement = conn.prepare_cached(
        "SELECT ia.agency_code, coalesce(a.short_name, ia.agency_code), ia.role = 'lead'
         FROM instruction_agencies ia LEFT JOIN agencies a ON a.code = ia.agency_code
         WHERE ia.instruction_id = ?1 ORDER BY ia.role = 'lead' DESC, ia.agency_code",
    )?;
    let rows = statement
        .query_map([id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?)))?;
    rows.map(|row| {
        let (code, short_name, lead) = row?;
        let achievement_permille = achievement::average(
            indicators.iter().filter(|indicator| indicator.agency_code == code).map(|i| i.achievement.permille),
        );
        Ok(AssignedAgency { code, short_name, lead, achievement_permille })
    })
    .collect()
}

fn progress_of(conn: &Connection, id: &str) -> Result<Vec<ProgressView>> {
    let mut evidence: HashMap<String, Vec<EvidenceRef>> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT e.progress_id, e.sha256, e.file_name, e.size_bytes FROM progress_evidence e
         JOIN progress_reports p ON p.id = e.progress_id WHERE p.instruction_id = ?1 ORDER BY e.file_name",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            EvidenceRef { sha256: row.get(1)?, file_name: row.get(2)?, size_bytes: row.get(3)? },
        ))
    })?;
    for row in rows {
        let (progress_id, item) = row?;
        evidence.entry(progress_id).or_default().push(item);
    }
    let mut statement = conn.prepare_cached(
        "SELECT id, indicator_id, agency_code, value, reported_on, note FROM progress_reports
         WHERE instruction_id = ?1 ORDER BY reported_on DESC, id",
    )?;
    let rows = statement.query_map([id], |row| {
        let id: String = row.get(0)?;
        Ok(ProgressView {
            evidence: evidence.remove(&id).unwrap_or_default(),
            id,
            indicator_id: row.get(1)?,
            agency_code: row.get(2)?,
            value: Quantity::from_ten_thousandths(row.get(3)?),
            reported_on: row.get(4)?,
            note: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn timeline_of(conn: &Connection, id: &str) -> Result<Vec<TimelineEntry>> {
    let mut statement = conn.prepare_cached(
        "SELECT t.event_id, t.action, t.detail, t.author, t.hlc_wall, d.user_name, ag.short_name
         FROM instruction_timeline t
         LEFT JOIN devices d ON d.device_id = t.author
         LEFT JOIN agencies ag ON ag.code = d.agency_code
         WHERE t.instruction_id = ?1 ORDER BY t.hlc_wall, t.hlc_counter, t.author",
    )?;
    let rows = statement.query_map([id], |row| {
        let author: String = row.get(3)?;
        let user: Option<String> = row.get(5)?;
        let agency: Option<String> = row.get(6)?;
        let wall: i64 = row.get(4)?;
        Ok(TimelineEntry {
            event_id: row.get(0)?,
            action: row.get(1)?,
            detail: TimelineDetail::from_stored(&row.get::<_, String>(2)?),
            author_label: match (user, agency) {
                (Some(user), Some(agency)) => format!("{user} ({agency})"),
                (Some(user), None) => user,
                _ => format!("perangkat {}", &author[..8.min(author.len())]),
            },
            at: chrono::DateTime::from_timestamp_millis(wall)
                .unwrap_or_default()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Active instructions with everything standing needs, one row per assigned agency.
fn active_assignments(conn: &Connection, today: NaiveDate) -> Result<Vec<(InstructionSummary, String, String)>> {
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

fn scorecard_of(conn: &Connection, assignments: &[(InstructionSummary, String, String)]) -> Result<Vec<AgencyScore>> {
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

/// An instruction's indicator ids, in the order they were issued.
pub fn indicator_ids(conn: &Connection, instruction_id: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached("SELECT id FROM indicators WHERE instruction_id = ?1 ORDER BY position")?;
    let rows = statement.query_map([instruction_id], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
