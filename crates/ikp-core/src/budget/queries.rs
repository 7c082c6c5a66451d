//! What the budget screens read: one agency's year (S-curve, ceiling versions) and the
//! regency's (the sum, and every agency ranked by absorption). Both read the monthly
//! sums and the ceilings only, never the realization entries.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::curve::{absorption_curve, AbsorptionCurve, YearFigures};
use super::jenis::{self, JenisAbsorption, JenisSums};
use super::payload::BudgetStage;
use crate::agency;
use crate::error::{CoreError, Result};
use crate::money::Rupiah;
use crate::quantity::Quantity;
use crate::settings::BudgetThresholds;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CeilingVersion {
    pub event_id: String,
    pub stage: BudgetStage,
    pub amount: Rupiah,
    pub effective_on: String,
    pub reason: String,
    /// The breakdown by program / kegiatan / sub-kegiatan, when one was given.
    pub lines: Vec<CeilingLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CeilingLine {
    pub program: String,
    pub kegiatan: String,
    pub sub_kegiatan: String,
    pub amount: Rupiah,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyBudget {
    pub agency_code: String,
    pub agency_name: String,
    pub short_name: String,
    pub curve: AbsorptionCurve,
    /// Every version of the pagu this year, oldest first.
    pub ceilings: Vec<CeilingVersion>,
    pub target_permille: u32,
    pub warning_permille: u32,
    /// What was realized by jenis belanja (the parts add up to `curve.realized`).
    pub jenis: Vec<JenisAbsorption>,
    /// UP, GU and TU SP2D to date: advanced to the treasurer, not counted as realized.
    pub advances: Rupiah,
    /// What the person at this laptop may enter for this agency (filled in by the desk).
    pub allowed_actions: BudgetActions,
}

/// The budget entries a viewer may make for one agency: the figures (pagu, anggaran kas,
/// realizations) are BPKD's and the leadership's; physical progress is the agency's too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetActions {
    pub keep_figures: bool,
    pub report_physical: bool,
}

impl BudgetActions {
    pub fn for_viewer(viewer: Option<&crate::principal::Principal>, agency_code: &str) -> BudgetActions {
        use super::payload::{CeilingSet, PhysicalReported};
        use crate::kinds::EventKind;
        use crate::policy::{permits, Scope};
        BudgetActions {
            keep_figures: permits(viewer, CeilingSet::AUTHORITY, Scope::Agency(agency_code)),
            report_physical: permits(viewer, PhysicalReported::AUTHORITY, Scope::Agency(agency_code)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyAbsorption {
    pub agency_code: String,
    pub short_name: String,
    pub pagu: Rupiah,
    pub realized: Rupiah,
    pub absorption_permille: u32,
    pub plan_permille: u32,
    pub deviation_permille: i32,
    pub projected_permille: u32,
    pub warning: bool,
    pub jenis: Vec<JenisAbsorption>,
    pub advances: Rupiah,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegencyBudget {
    pub curve: AbsorptionCurve,
    /// Highest absorption first.
    pub agencies: Vec<AgencyAbsorption>,
    pub target_permille: u32,
    pub warning_permille: u32,
    /// The regency's realization by jenis belanja.
    pub jenis: Vec<JenisAbsorption>,
    pub advances: Rupiah,
}

pub fn agency_budget(
    conn: &Connection,
    agency_code: &str,
    year: i32,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<AgencyBudget> {
    let warning_permille = thresholds.warning_permille();
    let found = agency::list(conn)?.into_iter().find(|a| a.code == agency_code);
    let agency = found.ok_or_else(|| CoreError::UnknownAgency { code: agency_code.to_owned() })?;
    let figures = year_figures(conn, year, today, Some(agency_code))?.remove(agency_code).unwrap_or_default();
    let sums = jenis::year_sums(conn, year, today, Some(agency_code))?.remove(agency_code).unwrap_or_default();
    let curve = absorption_curve(year, &figures, today, warning_permille);
    Ok(AgencyBudget {
        agency_code: agency.code,
        agency_name: agency.name,
        short_name: agency.short_name,
        jenis: sums.split(curve.pagu),
        advances: sums.advances,
        curve,
        ceilings: ceilings(conn, agency_code, year)?,
        target_permille: thresholds.target_permille(),
        warning_permille,
        allowed_actions: BudgetActions::default(),
    })
}

pub fn regency_budget(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<RegencyBudget> {
    let warning_permille = thresholds.warning_permille();
    let by_agency = year_figures(conn, year, today, None)?;
    let mut sums = jenis::year_sums(conn, year, today, None)?;
    let mut regency_sums = JenisSums::default();
    let names: HashMap<String, String> =
        agency::list(conn)?.into_iter().map(|agency| (agency.code, agency.short_name)).collect();
    let mut total = YearFigures::default();
    let mut agencies = Vec::with_capacity(by_agency.len());
    for (code, figures) in &by_agency {
        add_into(&mut total, figures);
        let curve = absorption_curve(year, figures, today, warning_permille);
        let agency_sums = sums.remove(code).unwrap_or_default();
        regency_sums.add(&agency_sums);
        agencies.push(AgencyAbsorption {
            jenis: agency_sums.split(curve.pagu),
            advances: agency_sums.advances,
            short_name: names.get(code).cloned().unwrap_or_else(|| code.clone()),
            agency_code: code.clone(),
            pagu: curve.pagu,
            realized: curve.realized,
            absorption_permille: curve.absorption_permille,
            plan_permille: curve.plan_permille,
            deviation_permille: curve.deviation_permille,
            projected_permille: curve.projection.permille,
            warning: curve.warning,
        });
    }
    agencies.sort_by(|a, b| b.absorption_permille.cmp(&a.absorption_permille).then(a.agency_code.cmp(&b.agency_code)));
    let curve = absorption_curve(year, &total, today, warning_permille);
    Ok(RegencyBudget {
        jenis: regency_sums.split(curve.pagu),
        advances: regency_sums.advances,
        curve,
        agencies,
        target_permille: thresholds.target_permille(),
        warning_permille,
    })
}

fn add_into(total: &mut YearFigures, figures: &YearFigures) {
    let add = |a: Rupiah, b: Rupiah| Rupiah::from_sen(a.sen() + b.sen());
    for month in 0..12 {
        total.pagu_at_month_end[month] = add(total.pagu_at_month_end[month], figures.pagu_at_month_end[month]);
        total.plan[month] = add(total.plan[month], figures.plan[month]);
        total.realized[month] = add(total.realized[month], figures.realized[month]);
    }
    total.pagu_now = add(total.pagu_now, figures.pagu_now);
}

/// Every agency with budget data this year (or just `only`): its monthly sums and the
/// ceiling in force at each month end and today.
fn year_figures(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, YearFigures>> {
    let mut figures: HashMap<String, YearFigures> = HashMap::new();
    let mut monthly = conn.prepare_cached(
        "SELECT agency_code, month, plan_sen, realized_sen, physical FROM budget_monthly
         WHERE fiscal_year = ?1 AND (?2 IS NULL OR agency_code = ?2)",
    )?;
    let rows = monthly.query_map(params![year, only], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, u32>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, Option<i64>>(4)?,
        ))
    })?;
    for row in rows {
        let (agency, month, plan, realized, physical) = row?;
        let entry = figures.entry(agency).or_default();
        let index = (month.clamp(1, 12) - 1) as usize;
        entry.plan[index] = Rupiah::from_sen(plan);
        // Read at a day in the past (a period's end), what was realized after its month
        // is not yet there; on today's reading no month is later (realizations are never
        // dated ahead).
        if year == today.year() && month > today.month() {
            continue;
        }
        entry.realized[index] = Rupiah::from_sen(realized);
        entry.physical[index] = physical.map(Quantity::from_ten_thousandths);
    }
    // Ceilings in effective order: each month end takes the last one effective by then.
    let mut ceilings = conn.prepare_cached(
        "SELECT agency_code, effective_on, amount_sen FROM budget_ceilings WHERE fiscal_year = ?1
         ORDER BY agency_code, effective_on, version_key",
    )?;
    let rows = ceilings
        .query_map([year], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?)))?;
    let now = if year < today.year() { NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today) } else { today };
    for row in rows {
        let (agency, effective_on, amount) = row?;
        let effective = NaiveDate::parse_from_str(&effective_on, "%Y-%m-%d").unwrap_or(now);
        let entry = figures.entry(agency).or_default();
        for month in 1..=12u32 {
            if effective <= month_end(year, month) {
                entry.pagu_at_month_end[month as usize - 1] = Rupiah::from_sen(amount);
            }
        }
        // A ceiling not yet in force (dated ahead) still counts once its day comes; before
        // the first one takes effect, the earliest is the best we know.
        if effective <= now || entry.pagu_now == Rupiah::ZERO {
            entry.pagu_now = Rupiah::from_sen(amount);
        }
    }
    Ok(figures)
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|day| day.pred_opt()).unwrap_or_default()
}

fn ceilings(conn: &Connection, agency_code: &str, year: i32) -> Result<Vec<CeilingVersion>> {
    let mut statement = conn.prepare_cached(
        "SELECT event_id, stage, amount_sen, effective_on, reason FROM budget_ceilings
         WHERE agency_code = ?1 AND fiscal_year = ?2 ORDER BY effective_on, version_key",
    )?;
    let rows = statement.query_map(params![agency_code, year], |row| {
        Ok(CeilingVersion {
            event_id: row.get(0)?,
            stage: BudgetStage::parse(&row.get::<_, String>(1)?).unwrap_or(BudgetStage::Murni),
            amount: Rupiah::from_sen(row.get(2)?),
            effective_on: row.get(3)?,
            reason: row.get(4)?,
            lines: Vec::new(),
        })
    })?;
    let mut versions: Vec<CeilingVersion> = rows.collect::<rusqlite::Result<_>>()?;
    for version in &mut versions {
        version.lines = ceiling_lines(conn, &version.event_id)?;
    }
    Ok(versions)
}

fn ceiling_lines(conn: &Connection, event_id: &str) -> Result<Vec<CeilingLine>> {
    let mut statement = conn.prepare_cached(
        "SELECT program, kegiatan, sub_kegiatan, amount_sen FROM budget_ceiling_lines
         WHERE event_id = ?1 ORDER BY position",
    )?;
    let rows = statement.query_map([event_id], |row| {
        Ok(CeilingLine {
            program: row.get(0)?,
            kegiatan: row.get(1)?,
            sub_kegiatan: row.get(2)?,
            amount: Rupiah::from_sen(row.get(3)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
