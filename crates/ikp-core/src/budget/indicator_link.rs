//! "Serapan anggaran" indicators: IKP indicators whose realized value is the agency's
//! budget absorption, kept current by the projection whenever the budget or the
//! indicator changes. The value is cumulative realization ÷ the latest pagu version of
//! that year (by effective date, then version key): a function of stored facts only, so
//! any arrival order of budget and instruction events gives the same tables.
//!
//! Achievement runs from a baseline to the year-end target. Once the instruction is
//! issued, the baseline is the absorption on the day of issue: the realizations dated
//! on or before that day over the pagu in force that day. It is derived here, on every
//! refresh, from signed facts (the issue event's date, the ceiling and realization
//! events) rather than written into the issue event by the issuing laptop: a laptop that
//! had not yet imported the BPKD's SP2D file would otherwise sign a wrong baseline for
//! good, and two laptops that know the same events could disagree. Derived, it is the
//! same on create, on import and on rebuild, whatever order the events arrive in; an
//! SP2D dated before the issue that arrives later moves the baseline, as it should.
//! Old issue events need nothing new: their date was always signed.
//!
//! Days count whole: the SP2Ds dated on the issue day belong to the baseline, so the
//! indicator stands at 0% on the day it is issued. When the target is at or below the
//! baseline the agency had already reached it on the day of issue: the indicator counts
//! as reached (100%) while absorption stays at or above the target, and as 0% if a
//! revised pagu later drops it below (there is no distance left to measure).

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::payload::Sp2dType;
use crate::error::Result;
use crate::instruction::achievement;
use crate::instruction::payload::{Direction, IndicatorSource};
use crate::instruction::project::refresh_instruction_achievement;
use crate::quantity::Quantity;

/// Sorts after every `reported_on|version` key a progress report writes, so a manual
/// report (say, relayed from a laptop that did not know better) never overrides it.
const LINKED_KEY: &str = "~budget";

/// Re-derives every absorption indicator of these (agency, fiscal year) pairs.
pub(crate) fn refresh_many(conn: &Connection, scopes: &BTreeSet<(String, i32)>) -> Result<()> {
    for (agency_code, year) in scopes {
        refresh(conn, agency_code, *year)?;
    }
    Ok(())
}

/// Re-derives the absorption indicators of one instruction (its issue fixes their baseline).
pub(crate) fn refresh_instruction(conn: &Connection, instruction_id: &str) -> Result<()> {
    let scopes: BTreeSet<(String, i32)> = conn
        .prepare_cached(
            "SELECT DISTINCT agency_code, source_year FROM indicators
             WHERE instruction_id = ?1 AND source_kind = ?2 AND source_year IS NOT NULL",
        )?
        .query_map(params![instruction_id, IndicatorSource::BUDGET_ABSORPTION], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    refresh_many(conn, &scopes)
}

pub(crate) fn refresh(conn: &Connection, agency_code: &str, year: i32) -> Result<()> {
    let linked = linked_indicators(conn, agency_code, year)?;
    if linked.is_empty() {
        return Ok(());
    }
    let absorption = absorption_percent(conn, agency_code, year)?;
    let last_realized: Option<String> = conn
        .prepare_cached("SELECT max(realized_on) FROM budget_realizations WHERE agency_code = ?1 AND fiscal_year = ?2")?
        .query_row(params![agency_code, year], |row| row.get(0))?;
    let mut instructions = BTreeSet::new();
    for indicator in linked {
        // A draft keeps the baseline it was drafted with until it is issued.
        let baseline = match &indicator.issued_on {
            Some(day) => absorption_on(conn, agency_code, year, day)?.unwrap_or(indicator.baseline),
            None => indicator.baseline,
        };
        let achieved = achievement::of_indicator(baseline, indicator.target, Direction::HigherIsBetter, absorption);
        conn.prepare_cached(
            "UPDATE indicators SET baseline = ?7, latest_value = ?2, latest_key = ?3, achievement_permille = ?4,
                 achievement_note = ?5, last_reported_on = ?6
             WHERE id = ?1",
        )?
        .execute(params![
            indicator.id,
            absorption.map(Quantity::ten_thousandths),
            absorption.map(|_| LINKED_KEY),
            achieved.permille,
            achieved.note.as_str(),
            last_realized,
            baseline.ten_thousandths()
        ])?;
        instructions.insert(indicator.instruction_id);
    }
    for instruction_id in instructions {
        refresh_instruction_achievement(conn, &instruction_id)?;
    }
    Ok(())
}

struct LinkedIndicator {
    id: String,
    instruction_id: String,
    baseline: Quantity,
    target: Quantity,
    /// YYYY-MM-DD once the instruction is issued.
    issued_on: Option<String>,
}

fn linked_indicators(conn: &Connection, agency_code: &str, year: i32) -> Result<Vec<LinkedIndicator>> {
    let mut statement = conn.prepare_cached(
        "SELECT n.id, n.instruction_id, n.baseline, n.target, i.issued_on
         FROM indicators n JOIN instructions i ON i.id = n.instruction_id
         WHERE n.source_kind = ?1 AND n.agency_code = ?2 AND n.source_year = ?3",
    )?;
    let rows = statement.query_map(params![IndicatorSource::BUDGET_ABSORPTION, agency_code, year], |row| {
        Ok(LinkedIndicator {
            id: row.get(0)?,
            instruction_id: row.get(1)?,
            baseline: Quantity::from_ten_thousandths(row.get(2)?),
            target: Quantity::from_ten_thousandths(row.get(3)?),
            issued_on: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Realized ÷ the latest pagu, in percent (exact to a ten-thousandth, rounded down);
/// `None` while the agency has no pagu that year.
fn absorption_percent(conn: &Connection, agency_code: &str, year: i32) -> Result<Option<Quantity>> {
    let pagu: Option<i64> = conn
        .prepare_cached(
            "SELECT amount_sen FROM budget_ceilings WHERE agency_code = ?1 AND fiscal_year = ?2
             ORDER BY effective_on DESC, version_key DESC LIMIT 1",
        )?
        .query_row(params![agency_code, year], |row| row.get(0))
        .optional()?;
    let Some(pagu) = pagu.filter(|sen| *sen > 0) else {
        return Ok(None);
    };
    let realized: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(realized_sen), 0) FROM budget_monthly WHERE agency_code = ?1 AND fiscal_year = ?2",
        )?
        .query_row(params![agency_code, year], |row| row.get(0))?;
    Ok(Some(percent(realized, pagu)))
}

/// The absorption at the end of `day`: the realizations dated on or before it over the
/// pagu in force that day (the latest effective on or before it; a pagu first set
/// after the day stands for the budget as it was then). `None` while there is no pagu.
fn absorption_on(conn: &Connection, agency_code: &str, year: i32, day: &str) -> Result<Option<Quantity>> {
    let pagu: Option<i64> = conn
        .prepare_cached(
            "SELECT amount_sen FROM budget_ceilings WHERE agency_code = ?1 AND fiscal_year = ?2
             ORDER BY effective_on <= ?3 DESC,
                      CASE WHEN effective_on <= ?3 THEN effective_on END DESC,
                      effective_on ASC, version_key DESC
             LIMIT 1",
        )?
        .query_row(params![agency_code, year, day], |row| row.get(0))
        .optional()?;
    let Some(pagu) = pagu.filter(|sen| *sen > 0) else {
        return Ok(None);
    };
    // What counts, as in `budget_monthly.realized_sen`: no advance, no replaced amount.
    let realized: i64 = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(amount_sen), 0) FROM budget_realizations
             WHERE agency_code = ?1 AND fiscal_year = ?2 AND realized_on <= ?3 AND counted = 1
                 AND (sp2d_type IS NULL OR sp2d_type IN {})",
            Sp2dType::SPENDING_SQL
        ))?
        .query_row(params![agency_code, year, day], |row| row.get(0))?;
    Ok(Some(percent(realized, pagu)))
}

/// `realized` ÷ `pagu` in percent, exact to a ten-thousandth of a point, rounded down.
fn percent(realized: i64, pagu: i64) -> Quantity {
    let ten_thousandths = i128::from(realized) * 100 * 10_000 / i128::from(pagu);
    Quantity::from_ten_thousandths(ten_thousandths.clamp(0, i128::from(i64::MAX)) as i64)
}
