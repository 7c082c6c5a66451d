//! Budget use cases: set a ceiling (pagu) version, the monthly plan, record a
//! realization or physical progress. Each validates, then records one event.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use super::payload::*;
use crate::agency;
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::DomainEvent;
use crate::money::{MoneyError, Rupiah};
use crate::quantity::Quantity;
use crate::record::record;
use crate::use_case::{new_id, parse_date, parse_quantity, require_length, Author};

const MAX_TEXT: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineInput {
    pub program: String,
    pub kegiatan: String,
    pub sub_kegiatan: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CeilingInput {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub stage: BudgetStage,
    /// Indonesian notation accepted: "Rp577.000.000.000", "577 miliar".
    pub amount: String,
    /// YYYY-MM-DD; defaults to today.
    pub effective_on: Option<String>,
    /// Required for a revision (perubahan, pergeseran).
    pub reason: String,
    pub lines: Vec<BudgetLineInput>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    pub agency_code: String,
    pub fiscal_year: i32,
    /// Twelve amounts, January first.
    pub months: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RealizationInput {
    pub agency_code: String,
    /// YYYY-MM-DD; the fiscal year is its calendar year.
    pub realized_on: String,
    pub amount: String,
    pub reference: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PhysicalInput {
    pub agency_code: String,
    pub fiscal_year: i32,
    pub month: u32,
    /// Percent, 0 to 100 ("62,5").
    pub percent: String,
}

pub fn set_ceiling(conn: &Connection, author: &Author<'_>, input: CeilingInput) -> Result<()> {
    agency::require(conn, &input.agency_code)?;
    require_year(input.fiscal_year)?;
    let amount = parse_money("amount", &input.amount)?;
    let effective_on = match input.effective_on.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => parse_date("effectiveOn", text)?,
        None => author.today,
    };
    require_length("reason", &input.reason, MAX_TEXT, input.stage != BudgetStage::Murni)?;
    let mut lines = Vec::with_capacity(input.lines.len());
    for (index, line) in input.lines.into_iter().enumerate() {
        let field = |name: &str| format!("lines.{index}.{name}");
        require_length(&field("program"), &line.program, 300, true)?;
        lines.push(BudgetLine {
            program: line.program.trim().to_owned(),
            kegiatan: line.kegiatan.trim().to_owned(),
            sub_kegiatan: line.sub_kegiatan.trim().to_owned(),
            amount: parse_money(&field("amount"), &line.amount)?,
        });
    }
    if !lines.is_empty() && lines.iter().map(|line| line.amount).sum::<Rupiah>() != amount {
        return Err(CoreError::invalid("lines", InputProblem::DoesNotAddUp));
    }
    let event = DomainEvent::BudgetCeilingSet(CeilingSet {
        agency_code: input.agency_code,
        fiscal_year: input.fiscal_year,
        stage: input.stage,
        amount,
        effective_on,
        reason: input.reason.trim().to_owned(),
        lines,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn set_plan(conn: &Connection, author: &Author<'_>, input: PlanInput) -> Result<()> {
    agency::require(conn, &input.agency_code)?;
    require_year(input.fiscal_year)?;
    if input.months.len() != 12 {
        return Err(CoreError::invalid("months", InputProblem::NotAllowed));
    }
    let months = input
        .months
        .iter()
        .enumerate()
        .map(|(index, text)| parse_money(&format!("months.{index}"), text))
        .collect::<Result<Vec<_>>>()?;
    let event = DomainEvent::BudgetPlanSet(PlanSet {
        agency_code: input.agency_code,
        fiscal_year: input.fiscal_year,
        months,
        source: None,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn record_realization(conn: &Connection, author: &Author<'_>, input: RealizationInput) -> Result<()> {
    agency::require(conn, &input.agency_code)?;
    let realized_on = parse_date("realizedOn", &input.realized_on)?;
    if realized_on > author.today {
        return Err(CoreError::invalid("realizedOn", InputProblem::InTheFuture));
    }
    require_year(chrono::Datelike::year(&realized_on))?;
    let amount = parse_money("amount", &input.amount)?;
    require_length("reference", &input.reference, 200, false)?;
    require_length("note", &input.note, MAX_TEXT, false)?;
    let entry = RealizationEntry {
        entry_id: new_id()?,
        agency_code: input.agency_code.clone(),
        realized_on,
        amount,
        reference: input.reference.trim().to_owned(),
        note: input.note.trim().to_owned(),
        sp2d_type: None,
        jenis: None,
        line: None,
    };
    let event = DomainEvent::BudgetRealized(RealizationsRecorded {
        agency_code: Some(input.agency_code),
        source: None,
        entries: vec![entry],
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn report_physical(conn: &Connection, author: &Author<'_>, input: PhysicalInput) -> Result<()> {
    agency::require(conn, &input.agency_code)?;
    require_year(input.fiscal_year)?;
    if !(1..=12).contains(&input.month) {
        return Err(CoreError::invalid("month", InputProblem::OutOfRange));
    }
    let percent = parse_quantity("percent", &input.percent)?;
    if percent < Quantity::ZERO || percent > Quantity::from_int(100) {
        return Err(CoreError::invalid("percent", InputProblem::OutOfRange));
    }
    let event = DomainEvent::BudgetPhysicalReported(PhysicalReported {
        agency_code: input.agency_code,
        fiscal_year: input.fiscal_year,
        month: input.month,
        percent,
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub(crate) fn parse_money(field: &str, text: &str) -> Result<Rupiah> {
    Rupiah::parse(text).map_err(|err| CoreError::invalid(field, money_problem(err)))
}

pub(crate) fn money_problem(err: MoneyError) -> InputProblem {
    match err {
        MoneyError::Empty => InputProblem::Required,
        MoneyError::Negative => InputProblem::Negative,
        MoneyError::NotANumber => InputProblem::NotANumber,
        MoneyError::TooLarge => InputProblem::OutOfRange,
    }
}

fn require_year(year: i32) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(CoreError::invalid("fiscalYear", InputProblem::OutOfRange))
    }
}

/// The fiscal year a day belongs to: Indonesia's runs January to December.
pub fn fiscal_year_of(day: NaiveDate) -> i32 {
    chrono::Datelike::year(&day)
}
