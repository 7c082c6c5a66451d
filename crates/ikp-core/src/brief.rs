//! The rapim brief (bahan rapat pimpinan): what the leadership holds in its hand on a
//! chosen day — IKP standing by agency, requests waiting for a decision, budget
//! absorption against its plan and target with the units furthest behind, LAPOR!
//! complaints past their limit by agency and kecamatan, and the agencies whose data has
//! gone quiet. Facts only, read from the same queries the pages show; the app's page,
//! the PDF and the CLI all lay out this one value.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::budget::queries::{self as budget_queries, AgencyAbsorption};
use crate::complaint::queries::Scope;
use crate::complaint::summary::{self as complaint_summary, GroupFigures};
use crate::error::Result;
use crate::identity::DeviceId;
use crate::instruction::dashboard::{self, AgencyScore};
use crate::money::Rupiah;
use crate::settings;
use crate::sync::freshness::{self, Freshness, STALE_AFTER_DAYS};

/// Each section lists at most this many rows and counts the rest, so that the brief
/// stays on one A4 page (two at most) for a regency of sixty agencies.
pub const SECTION_ROWS: usize = 12;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Brief {
    /// YYYY-MM-DD: the day the brief is for (deadlines and limits are judged on it).
    pub date: String,
    /// "Pemerintah Kabupaten Bekasi".
    pub regency: String,
    pub standing: Section<AgencyScore>,
    /// The regency's active instructions by standing (each counted once per agency).
    pub standing_total: AgencyScore,
    pub requests: Section<PendingRequests>,
    pub requests_total: u32,
    pub budget: BudgetBrief,
    pub complaints: ComplaintBrief,
    pub stale: Section<StaleAgency>,
    pub stale_after_days: u32,
}

/// A section's rows, worst first, and how many more the brief leaves out.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Section<T> {
    pub rows: Vec<T>,
    pub more: u32,
}

impl<T> Section<T> {
    fn of(mut rows: Vec<T>) -> Section<T> {
        let more = rows.len().saturating_sub(SECTION_ROWS) as u32;
        rows.truncate(SECTION_ROWS);
        Section { rows, more }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PendingRequests {
    pub agency_code: String,
    pub short_name: String,
    pub pending: u32,
    /// YYYY-MM-DD: the longest-waiting request's day.
    pub oldest_requested_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetBrief {
    pub fiscal_year: i32,
    pub pagu: Rupiah,
    pub realized: Rupiah,
    pub absorption_permille: u32,
    /// Where the anggaran kas says the regency should be by the day.
    pub plan_permille: u32,
    /// The year-end absorption the regency aims for.
    pub target_permille: u32,
    /// Units trailing their plan by more than the warning threshold, furthest behind first.
    pub laggards: Section<AgencyAbsorption>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintBrief {
    /// Open complaints past their limit, in the viewer's scope.
    pub overdue: u32,
    pub open: u32,
    /// Agencies (and camat) with complaints past their limit, most first.
    pub by_agency: Section<GroupFigures>,
    /// Kecamatan where complaints past their limit happened, most first.
    pub by_kecamatan: Section<GroupFigures>,
}

/// An agency with active instructions whose reports or files have not come lately.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StaleAgency {
    pub agency_code: String,
    pub short_name: String,
    /// YYYY-MM-DD of its latest progress report on an active instruction, if any.
    pub last_report_on: Option<String>,
    /// YYYY-MM-DD (WIB) of the newest data from its laptops, if it has any.
    pub last_file_on: Option<String>,
    /// Whether the agency has an enrolled laptop at all (else the Setda keeps its data).
    pub has_laptop: bool,
}

/// The brief for `day`, as seen from `viewer`'s laptop (complaints in its scope).
pub fn brief(conn: &Connection, viewer: DeviceId, day: NaiveDate) -> Result<Brief> {
    let scores = dashboard::scorecard(conn, day)?;
    let standing_total = total_of(&scores);
    let requests = pending_requests(conn)?;
    let requests_total = requests.iter().map(|row| row.pending).sum();
    Ok(Brief {
        date: day.to_string(),
        regency: crate::regency::get(conn)?.map(|profile| profile.name).unwrap_or_default(),
        stale: Section::of(stale_agencies(conn, &scores, day)?),
        standing: Section::of(scores),
        standing_total,
        requests: Section::of(requests),
        requests_total,
        budget: budget(conn, day)?,
        complaints: complaints(conn, viewer, day)?,
        stale_after_days: STALE_AFTER_DAYS as u32,
    })
}

fn total_of(scores: &[AgencyScore]) -> AgencyScore {
    scores.iter().fold(AgencyScore { short_name: "Kabupaten".into(), ..AgencyScore::default() }, |mut total, score| {
        total.active += score.active;
        total.on_track += score.on_track;
        total.at_risk += score.at_risk;
        total.overdue += score.overdue;
        total
    })
}

/// Waiting requests by agency, the most first.
fn pending_requests(conn: &Connection) -> Result<Vec<PendingRequests>> {
    let mut statement = conn.prepare_cached(
        "SELECT n.agency_code, coalesce(a.short_name, n.agency_code), count(*), min(n.requested_on)
         FROM negotiations n LEFT JOIN agencies a ON a.code = n.agency_code
         WHERE n.status = 'pending'
         GROUP BY n.agency_code
         ORDER BY count(*) DESC, min(n.requested_on), n.agency_code",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(PendingRequests {
            agency_code: row.get(0)?,
            short_name: row.get(1)?,
            pending: row.get(2)?,
            oldest_requested_on: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn budget(conn: &Connection, day: NaiveDate) -> Result<BudgetBrief> {
    let thresholds = settings::budget_thresholds(conn)?;
    let regency = budget_queries::regency_budget(conn, day.year(), day, thresholds)?;
    let mut laggards: Vec<AgencyAbsorption> = regency.agencies.into_iter().filter(|agency| agency.warning).collect();
    // Deviation is plan minus absorption: the largest is the furthest behind.
    laggards.sort_by(|a, b| b.deviation_permille.cmp(&a.deviation_permille).then(a.agency_code.cmp(&b.agency_code)));
    Ok(BudgetBrief {
        fiscal_year: day.year(),
        pagu: regency.curve.pagu,
        realized: regency.curve.realized,
        absorption_permille: regency.curve.absorption_permille,
        plan_permille: regency.curve.plan_permille,
        target_permille: regency.target_permille,
        laggards: Section::of(laggards),
    })
}

fn complaints(conn: &Connection, viewer: DeviceId, day: NaiveDate) -> Result<ComplaintBrief> {
    let scope = Scope::of(conn, viewer)?;
    let summary = complaint_summary::summary(conn, &scope, None, None, day)?;
    let overdue_only = |groups: Vec<GroupFigures>| -> Vec<GroupFigures> {
        let mut groups: Vec<GroupFigures> =
            groups.into_iter().filter(|group| group.overdue > 0 && !group.code.is_empty()).collect();
        groups.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.code.cmp(&b.code)));
        groups
    };
    Ok(ComplaintBrief {
        overdue: summary.total.overdue,
        open: summary.total.open,
        by_agency: Section::of(overdue_only(summary.by_agency)),
        by_kecamatan: Section::of(overdue_only(summary.by_kecamatan)),
    })
}

/// Agencies with active instructions whose last progress report, or the newest data from
/// their laptops, is older than the freshness threshold: the figures above may not be
/// theirs of today. The longest quiet first.
fn stale_agencies(conn: &Connection, scores: &[AgencyScore], day: NaiveDate) -> Result<Vec<StaleAgency>> {
    let reports = last_reports(conn)?;
    let day_end_ms = wib_day_end_ms(day);
    let files: HashMap<String, (Option<String>, bool, Freshness)> = freshness::agency_freshness(conn, day_end_ms)?
        .into_iter()
        .map(|agency| {
            let day = agency.as_of.as_deref().and_then(wib_day_of).map(|day| day.to_string());
            (agency.agency_code, (day, !agency.laptops.is_empty(), agency.freshness))
        })
        .collect();
    let quiet_since = day - chrono::Days::new(STALE_AFTER_DAYS);
    let mut stale = Vec::new();
    for score in scores {
        let last_report_on = reports.get(&score.agency_code).cloned();
        let (last_file_on, has_laptop, freshness) =
            files.get(&score.agency_code).cloned().unwrap_or((None, false, Freshness::NoLaptop));
        let report_quiet = last_report_on
            .as_deref()
            .and_then(|on| NaiveDate::parse_from_str(on, "%Y-%m-%d").ok())
            .is_none_or(|on| on < quiet_since);
        let files_quiet = matches!(freshness, Freshness::Stale | Freshness::NothingYet);
        if report_quiet || files_quiet {
            stale.push(StaleAgency {
                agency_code: score.agency_code.clone(),
                short_name: score.short_name.clone(),
                last_report_on,
                last_file_on,
                has_laptop,
            });
        }
    }
    // Never reported sorts first (None < Some), then the oldest report.
    stale.sort_by(|a, b| a.last_report_on.cmp(&b.last_report_on).then(a.agency_code.cmp(&b.agency_code)));
    Ok(stale)
}

/// Each agency's latest progress report on an active instruction.
fn last_reports(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut statement = conn.prepare_cached(
        "SELECT n.agency_code, max(n.last_reported_on) FROM instructions i
         CROSS JOIN indicators n ON n.instruction_id = i.id
         WHERE i.status IN ('issued', 'in_progress', 'reported_complete') AND n.last_reported_on IS NOT NULL
         GROUP BY n.agency_code",
    )?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last millisecond of `day` in WIB (UTC+7).
fn wib_day_end_ms(day: NaiveDate) -> u64 {
    let next = day.succ_opt().unwrap_or(day).and_hms_opt(0, 0, 0).unwrap_or_default();
    u64::try_from(next.and_utc().timestamp_millis() - WIB_OFFSET_MS - 1).unwrap_or(0)
}

/// The WIB day of an RFC 3339 instant.
fn wib_day_of(instant: &str) -> Option<NaiveDate> {
    let ms = chrono::DateTime::parse_from_rfc3339(instant).ok()?.timestamp_millis();
    Some(crate::clock::Hlc::today_wib(u64::try_from(ms).ok()?))
}

const WIB_OFFSET_MS: i64 = 7 * 3600 * 1000;
