//! "Serapan anggaran" indicators: IKP indicators whose realized value is the agency's
//! budget absorption, kept current by the projection whenever the budget or the
//! indicator changes. The value is cumulative realization ÷ the latest pagu version of
//! that year (by effective date, then version key): a function of stored facts only, so
//! any arrival order of budget and instruction events gives the same tables.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};

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
        let achieved =
            achievement::of_indicator(indicator.baseline, indicator.target, Direction::HigherIsBetter, absorption);
        conn.prepare_cached(
            "UPDATE indicators SET latest_value = ?2, latest_key = ?3, achievement_permille = ?4,
                 achievement_note = ?5, last_reported_on = ?6
             WHERE id = ?1",
        )?
        .execute(params![
            indicator.id,
            absorption.map(Quantity::ten_thousandths),
            absorption.map(|_| LINKED_KEY),
            achieved.permille,
            achieved.note.as_str(),
            last_realized
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
}

fn linked_indicators(conn: &Connection, agency_code: &str, year: i32) -> Result<Vec<LinkedIndicator>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, instruction_id, baseline, target FROM indicators
         WHERE source_kind = ?1 AND agency_code = ?2 AND source_year = ?3",
    )?;
    let rows = statement.query_map(params![IndicatorSource::BUDGET_ABSORPTION, agency_code, year], |row| {
        Ok(LinkedIndicator {
            id: row.get(0)?,
            instruction_id: row.get(1)?,
            baseline: Quantity::from_ten_thousandths(row.get(2)?),
            target: Quantity::from_ten_thousandths(row.get(3)?),
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
    let ten_thousandths = i128::from(realized) * 100 * 10_000 / i128::from(pagu);
    Ok(Some(Quantity::from_ten_thousandths(ten_thousandths.clamp(0, i128::from(i64::MAX)) as i64)))
}
