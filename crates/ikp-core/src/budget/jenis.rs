//! Realized spending by jenis belanja, and the advances kept apart: read from the
//! per-month sums (`budget_realized_jenis`, `budget_monthly.advance_sen`), as of a day,
//! like the curve.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::payload::JenisBelanja;
use crate::error::Result;
use crate::money::Rupiah;

/// One jenis belanja's part of what was realized.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JenisAbsorption {
    /// `None`: entries that named no jenis (typed in, or imported before jenis were kept).
    pub jenis: Option<JenisBelanja>,
    pub realized: Rupiah,
    /// This jenis' realization in permille of the whole pagu: the parts add up to the
    /// absorption.
    pub absorption_permille: u32,
    /// Its share of what was realized, in permille.
    pub share_permille: u32,
}

/// One agency's (or the regency's) realized sums by jenis, and its advances.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct JenisSums {
    pub realized: BTreeMap<Option<JenisBelanja>, Rupiah>,
    pub advances: Rupiah,
}

impl JenisSums {
    pub(super) fn add(&mut self, other: &JenisSums) {
        for (jenis, amount) in &other.realized {
            let sum = self.realized.entry(*jenis).or_insert(Rupiah::ZERO);
            *sum = sum.checked_add(*amount).unwrap_or(*sum);
        }
        self.advances = self.advances.checked_add(other.advances).unwrap_or(self.advances);
    }

    /// The split against `pagu`, in the order of `JenisBelanja::ALL`, the unnamed last.
    pub(super) fn split(&self, pagu: Rupiah) -> Vec<JenisAbsorption> {
        let total: Rupiah = self.realized.values().copied().sum();
        let order = |jenis: &Option<JenisBelanja>| jenis.map_or(usize::MAX, |jenis| jenis as usize);
        let mut parts: Vec<JenisAbsorption> = self
            .realized
            .iter()
            .filter(|(_, amount)| **amount != Rupiah::ZERO)
            .map(|(jenis, amount)| JenisAbsorption {
                jenis: *jenis,
                realized: *amount,
                absorption_permille: amount.permille_of(pagu),
                share_permille: amount.permille_of(total),
            })
            .collect();
        parts.sort_by_key(|part| order(&part.jenis));
        parts
    }
}

/// Every agency's sums this year as of `today` (or just `only`'s).
pub(super) fn year_sums(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, JenisSums>> {
    // Read at a day in the past, what was realized after its month is not yet there.
    let last_month = if year == today.year() { today.month() } else { 12 };
    let mut sums: HashMap<String, JenisSums> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT agency_code, jenis, SUM(realized_sen) FROM budget_realized_jenis
         WHERE fiscal_year = ?1 AND month <= ?2 AND (?3 IS NULL OR agency_code = ?3) GROUP BY agency_code, jenis",
    )?;
    let rows = statement.query_map(params![year, last_month, only], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (agency, jenis, sen) = row?;
        sums.entry(agency).or_default().realized.insert(JenisBelanja::parse(&jenis), Rupiah::from_sen(sen));
    }
    let mut statement = conn.prepare_cached(
        "SELECT agency_code, SUM(advance_sen) FROM budget_monthly
         WHERE fiscal_year = ?1 AND month <= ?2 AND (?3 IS NULL OR agency_code = ?3) GROUP BY agency_code
         HAVING SUM(advance_sen) <> 0",
    )?;
    let rows = statement
        .query_map(params![year, last_month, only], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
    for row in rows {
        let (agency, sen) = row?;
        sums.entry(agency).or_default().advances = Rupiah::from_sen(sen);
    }
    Ok(sums)
}
