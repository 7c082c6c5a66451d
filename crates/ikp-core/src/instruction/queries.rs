//! What the instruction screens read: lists with filters, one instruction in full, the
//! agency scorecard, the Regent's dashboard, and indicators nobody has reported on.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::achievement::{self, Achievement, AchievementNote, Standing};
use super::allowed::{allowed_actions, AllowedActions};
pub(crate) use super::dashboard::own_indicator_achievement;
pub use super::dashboard::{
    agency_dashboard, dashboard, scorecard, silent_indicators, AgencyDashboard, AgencyScore, Dashboard, SilentAgency,
    SilentIndicator, AGENCY_SILENT_DAYS,
};
use super::lifecycle::Status;
use super::payload::{Direction, EvidenceRef, IndicatorSource};
use super::timeline::{TimelineDetail, TimelineStep};
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
    /// The day a derived baseline was measured: the issue day of an absorption indicator.
    pub baseline_on: Option<String>,
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
    pub action: TimelineStep,
    /// False when the event arrived but changed nothing (kept, shown as ignored).
    pub applied: bool,
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

/// The lead agency is named as it was when the instruction was issued: a renamed agency
/// keeps its history (`agency_names`), drafts show the current name.
pub(crate) const SUMMARY_COLUMNS: &str = "i.id, i.number, i.title, i.category, i.status, i.lead_agency,
     coalesce((SELECT n.short_name FROM agency_names n WHERE n.code = i.lead_agency
               AND n.since_version <= i.issued_version ORDER BY n.since_version DESC LIMIT 1),
              a.short_name, i.lead_agency),
     i.issued_on, i.deadline, i.achievement_permille";

pub(crate) fn summary_from(row: &Row<'_>, today: NaiveDate) -> rusqlite::Result<InstructionSummary> {
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

pub(crate) const ACTIVE: &str = "('issued', 'in_progress', 'reported_complete')";

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
    let assigned: Vec<&str> = agencies.iter().map(|agency| agency.code.as_str()).collect();
    let allowed_actions = allowed_actions(viewer, summary.status, &summary.lead_agency, &assigned, &indicators);
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
        "SELECT n.id, n.agency_code, n.name, n.unit, n.baseline, n.target, n.direction, n.deadline, n.latest_value,
                n.last_reported_on, n.achievement_permille, n.achievement_note, n.source_kind, n.source_year,
                CASE WHEN n.source_kind IS NOT NULL THEN i.issued_on END
         FROM indicators n JOIN instructions i ON i.id = n.instruction_id
         WHERE n.instruction_id = ?1 ORDER BY n.position",
    )?;
    let rows = statement.query_map([id], |row| {
        let note: String = row.get(11)?;
        Ok(IndicatorView {
            id: row.get(0)?,
            agency_code: row.get(1)?,
            name: row.get(2)?,
            unit: row.get(3)?,
            baseline: Quantity::from_ten_thousandths(row.get(4)?),
            baseline_on: row.get(14)?,
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
        "SELECT ia.agency_code,
                coalesce((SELECT n.short_name FROM agency_names n WHERE n.code = ia.agency_code
                          AND n.since_version <= i.issued_version ORDER BY n.since_version DESC LIMIT 1),
                         a.short_name, ia.agency_code),
                ia.role = 'lead'
         FROM instruction_agencies ia JOIN instructions i ON i.id = ia.instruction_id
              LEFT JOIN agencies a ON a.code = ia.agency_code
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
        let (action, applied) = TimelineStep::from_stored(&row.get::<_, String>(1)?);
        Ok(TimelineEntry {
            event_id: row.get(0)?,
            action,
            applied,
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

/// An instruction's indicator ids, in the order they were issued.
pub fn indicator_ids(conn: &Connection, instruction_id: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached("SELECT id FROM indicators WHERE instruction_id = ?1 ORDER BY position")?;
    let rows = statement.query_map([instruction_id], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
