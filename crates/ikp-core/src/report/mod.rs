//! The period report (laporan periodik): a month, a quarter or a year of IKP work, for
//! one agency or the whole regency — the instructions that ran in the period with each
//! indicator's target and achievement, the dialog-kinerja requests made or decided in
//! it, budget absorption at its end and the LAPOR! complaints received in it. Facts
//! only, as the brief: the PDF and the workbook lay out this one value.

use std::ops::Deref;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::complaint::queries::Scope;
use crate::complaint::summary::{self as complaint_summary, GroupFigures};
use crate::desk::Desk;
use crate::error::{CoreError, InputProblem, Result};
use crate::instruction::lifecycle::Status;
use crate::money::Rupiah;
use crate::negotiation::queries::{self as negotiation_queries, NegotiationFilter, NegotiationView};
use crate::period::Period;
use crate::quantity::Quantity;

mod workbook;

pub use workbook::workbook;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PeriodReport {
    /// As asked: `2026-11`, `2026-Q4`, `2026`.
    pub period: String,
    /// "November 2026", "Triwulan IV 2026", "Tahun 2026".
    pub period_label: String,
    /// YYYY-MM-DD, the period's first and last day.
    pub from: String,
    pub to: String,
    /// "Pemerintah Kabupaten Bekasi".
    pub regency: String,
    /// The agency reported on; None for the whole regency.
    pub agency: Option<ReportAgency>,
    pub instructions: Vec<ReportInstruction>,
    /// Requests made in the period, or decided in it.
    pub requests: Vec<NegotiationView>,
    pub budget: ReportBudget,
    /// Complaints received in the period: the agency's, or the regency's total.
    pub complaints: GroupFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportAgency {
    pub code: String,
    pub name: String,
    pub short_name: String,
}

/// An instruction that ran in the period (issued by its end, and still open at its start).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportInstruction {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub status: Status,
    pub lead_agency_short_name: String,
    pub issued_on: String,
    pub deadline: String,
    pub achievement_permille: u32,
    /// The indicators (an agency's own only, in an agency's report).
    pub indicators: Vec<ReportIndicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportIndicator {
    pub agency_short_name: String,
    pub name: String,
    pub unit: String,
    pub target: Quantity,
    pub latest_value: Option<Quantity>,
    pub last_reported_on: Option<String>,
    pub achievement_permille: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportBudget {
    pub fiscal_year: i32,
    /// YYYY-MM-DD: the day absorption was read (the period's end, never after today).
    pub as_of: String,
    pub pagu: Rupiah,
    pub realized: Rupiah,
    pub absorption_permille: u32,
    pub plan_permille: u32,
}

/// `desk.reports()`: the use cases of period reports, the rapim brief and table workbooks.
pub struct ReportDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> ReportDesk<D> {
    /// The rapim brief for `day` (YYYY-MM-DD; today when absent).
    pub fn brief(&self, day: Option<&str>) -> Result<crate::brief::Brief> {
        let day = match day {
            Some(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| crate::CoreError::invalid("date", crate::InputProblem::NotADate))?,
            None => self.desk.today(),
        };
        crate::brief::brief(self.desk.store.conn(), self.desk.key.id(), day)
    }

    /// The report for `period` (a month, a quarter, a year, a run of months), of one
    /// agency (its code) or of the regency.
    pub fn period(&self, parsed: &Period, agency_code: Option<&str>) -> Result<PeriodReport> {
        let (from, to) = bounds(parsed)?;
        let agency = agency_code.map(|code| self.desk.agencies_view().get(code)).transpose()?;
        let conn = self.desk.store.conn();
        let code = agency.as_ref().map(|agency| agency.code.as_str());
        let as_of = to.min(self.desk.today());
        let fiscal_year = to.year();
        let budget = match code {
            Some(code) => self.desk.budget_view().agency_in(code, fiscal_year, parsed)?.curve,
            None => self.desk.budget_view().regency_in(fiscal_year, parsed)?.curve,
        };
        let scope = Scope::of(conn, self.desk.key.id())?;
        let (from_month, to_month) = parsed.months()?;
        let summary =
            complaint_summary::summary(conn, &scope, from_month.as_deref(), to_month.as_deref(), self.desk.today())?;
        let complaints = match code {
            Some(code) => summary
                .by_agency
                .into_iter()
                .find(|group| group.code == code)
                .unwrap_or_else(|| GroupFigures { code: code.to_owned(), ..GroupFigures::default() }),
            None => summary.total,
        };
        Ok(PeriodReport {
            period: parsed.code(),
            period_label: label(parsed, from, to),
            from: from.to_string(),
            to: to.to_string(),
            regency: crate::regency::get(conn)?.map(|profile| profile.name).unwrap_or_default(),
            instructions: instructions(conn, from, to, code)?,
            requests: requests(conn, from, to, code)?,
            budget: ReportBudget {
                fiscal_year,
                as_of: as_of.to_string(),
                pagu: budget.pagu,
                realized: budget.realized,
                absorption_permille: budget.absorption_permille,
                plan_permille: budget.plan_permille,
            },
            complaints,
            agency: agency.map(|agency| ReportAgency {
                code: agency.code,
                name: agency.name,
                short_name: agency.short_name,
            }),
        })
    }
}

/// The first and last day of a bounded period; "everything" is no period to report on.
fn bounds(period: &Period) -> Result<(NaiveDate, NaiveDate)> {
    let refused = || CoreError::invalid("period", InputProblem::OutOfRange);
    let (Some(first), Some(last)) = period.months()? else { return Err(refused()) };
    let day_one = |month: &str| NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").map_err(|_| refused());
    let from = day_one(&first)?;
    let to = day_one(&last)?
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .ok_or_else(refused)?;
    Ok((from, to))
}

fn label(period: &Period, from: NaiveDate, to: NaiveDate) -> String {
    let month = crate::minutes::document::indonesian_month;
    match period {
        Period::Year { year } => format!("Tahun {year}"),
        Period::Quarter { year, quarter } => {
            format!("Triwulan {} {year}", ["I", "II", "III", "IV"][usize::from(quarter.saturating_sub(1)).min(3)])
        }
        Period::Month { year, .. } => format!("{} {year}", month(from)),
        _ if from.year() == to.year() && from.month() == to.month() => format!("{} {}", month(from), from.year()),
        _ if from.year() == to.year() => format!("{}–{} {}", month(from), month(to), to.year()),
        _ => format!("{} {} – {} {}", month(from), from.year(), month(to), to.year()),
    }
}

/// Instructions issued by the period's end and not closed before its start (an open one
/// runs on; a closed one is counted while its deadline fell in or after the period).
fn instructions(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    agency: Option<&str>,
) -> Result<Vec<ReportInstruction>> {
    let mut statement = conn.prepare_cached(
        "SELECT i.id, i.number, i.title, i.status, coalesce(a.short_name, i.lead_agency), i.issued_on, i.deadline,
                i.achievement_permille
         FROM instructions i LEFT JOIN agencies a ON a.code = i.lead_agency
         WHERE i.issued_on IS NOT NULL AND i.issued_on <= ?2
           AND (i.status IN ('issued', 'in_progress', 'reported_complete') OR i.deadline >= ?1)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM instruction_agencies ia
                                       WHERE ia.instruction_id = i.id AND ia.agency_code = ?3))
         ORDER BY i.issued_on, i.id",
    )?;
    let rows = statement.query_map(params![from.to_string(), to.to_string(), agency], |row| {
        let status: String = row.get(3)?;
        Ok(ReportInstruction {
            id: row.get(0)?,
            number: row.get(1)?,
            title: row.get(2)?,
            status: Status::parse(&status).unwrap_or(Status::Issued),
            lead_agency_short_name: row.get(4)?,
            issued_on: row.get(5)?,
            deadline: row.get(6)?,
            achievement_permille: row.get(7)?,
            indicators: Vec::new(),
        })
    })?;
    let mut list: Vec<ReportInstruction> = rows.collect::<rusqlite::Result<_>>()?;
    for instruction in &mut list {
        instruction.indicators = indicators(conn, &instruction.id, agency)?;
    }
    Ok(list)
}

fn indicators(conn: &Connection, instruction_id: &str, agency: Option<&str>) -> Result<Vec<ReportIndicator>> {
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(a.short_name, n.agency_code), n.name, n.unit, n.target, n.latest_value, n.last_reported_on,
                n.achievement_permille
         FROM indicators n LEFT JOIN agencies a ON a.code = n.agency_code
         WHERE n.instruction_id = ?1 AND (?2 IS NULL OR n.agency_code = ?2)
         ORDER BY n.position, n.id",
    )?;
    let rows = statement.query_map(params![instruction_id, agency], |row| {
        Ok(ReportIndicator {
            agency_short_name: row.get(0)?,
            name: row.get(1)?,
            unit: row.get(2)?,
            target: Quantity::from_ten_thousandths(row.get(3)?),
            latest_value: row.get::<_, Option<i64>>(4)?.map(Quantity::from_ten_thousandths),
            last_reported_on: row.get(5)?,
            achievement_permille: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Requests made in the period, or with a decision taken in it (in WIB days).
fn requests(conn: &Connection, from: NaiveDate, to: NaiveDate, agency: Option<&str>) -> Result<Vec<NegotiationView>> {
    let filter =
        NegotiationFilter { agency_code: agency.map(str::to_owned), limit: Some(100_000), ..Default::default() };
    let (from, to) = (from.to_string(), to.to_string());
    let in_period = |day: &str| day >= from.as_str() && day <= to.as_str();
    let decided_in_period = |request: &NegotiationView| {
        request.decisions.iter().any(|decision| {
            chrono::DateTime::parse_from_rfc3339(&decision.decided_at)
                .ok()
                .and_then(|at| u64::try_from(at.timestamp_millis()).ok())
                .is_some_and(|ms| in_period(&crate::clock::Hlc::today_wib(ms).to_string()))
        })
    };
    let mut list = negotiation_queries::list(conn, &filter)?;
    list.retain(|request| in_period(&request.requested_on) || decided_in_period(request));
    list.sort_by(|a, b| a.requested_on.cmp(&b.requested_on).then(a.id.cmp(&b.id)));
    Ok(list)
}
