//! The desk's budget absorption use cases.

use std::ops::{Deref, DerefMut};

use chrono::{Datelike, NaiveDate};

use crate::budget::import::{self as budget_import, ImportPreview, ImportRequest};
use crate::budget::ops::{self as budget_ops, CeilingInput, PhysicalInput, PlanInput, RealizationInput};
use crate::budget::plan_import::{self, PlanImportPreview, PlanImportRequest};
use crate::budget::queries::{self as budget_queries, AgencyBudget, RegencyBudget};
use crate::desk::Desk;
use crate::error::{CoreError, InputProblem, Result};

/// `desk.budget()`: the use cases of ceilings, plans, realizations and their imports, and
/// absorption.
pub struct BudgetDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> BudgetDesk<D> {
    pub fn agency(&self, agency_code: &str, fiscal_year: i32) -> Result<AgencyBudget> {
        self.agency_as_of(agency_code, fiscal_year, self.desk.today())
    }

    /// The ranking of `regency` (at the end of `period`, if given) as an Excel workbook.
    pub fn regency_workbook(&self, fiscal_year: i32, period: Option<&crate::period::Period>) -> Result<Vec<u8>> {
        let budget = match period {
            Some(period) => self.regency_in(fiscal_year, period)?,
            None => self.regency(fiscal_year)?,
        };
        super::workbook::ranking(&budget, fiscal_year)
    }

    pub fn regency(&self, fiscal_year: i32) -> Result<RegencyBudget> {
        self.regency_as_of(fiscal_year, self.desk.today())
    }

    /// The regency's absorption as it stood at the end of `period` (its last month: a
    /// quarter is read at its third month's end, a year at December's), never later than
    /// today. Absorption adds up through a fiscal year, so a period is a day to read it
    /// at; one that ends outside `fiscal_year` is refused by name.
    pub fn regency_in(&self, fiscal_year: i32, period: &crate::period::Period) -> Result<RegencyBudget> {
        self.regency_as_of(fiscal_year, self.budget_day(fiscal_year, period)?)
    }

    /// An agency's budget read at the end of `period`, as `regency_in`.
    pub fn agency_in(
        &self,
        agency_code: &str,
        fiscal_year: i32,
        period: &crate::period::Period,
    ) -> Result<AgencyBudget> {
        self.agency_as_of(agency_code, fiscal_year, self.budget_day(fiscal_year, period)?)
    }

    fn regency_as_of(&self, fiscal_year: i32, as_of: NaiveDate) -> Result<RegencyBudget> {
        let thresholds = self.desk.settings_view().budget_thresholds()?;
        budget_queries::regency_budget(self.desk.store.conn(), fiscal_year, as_of, thresholds)
    }

    /// With the actions this laptop's user may take on it.
    fn agency_as_of(&self, agency_code: &str, fiscal_year: i32, as_of: NaiveDate) -> Result<AgencyBudget> {
        let thresholds = self.desk.settings_view().budget_thresholds()?;
        let conn = self.desk.store.conn();
        let mut budget = budget_queries::agency_budget(conn, agency_code, fiscal_year, as_of, thresholds)?;
        let viewer = crate::device::principal(conn, self.desk.key.id())?;
        budget.allowed_actions = budget_queries::BudgetActions::for_viewer(viewer.as_ref(), agency_code);
        Ok(budget)
    }

    fn budget_day(&self, fiscal_year: i32, period: &crate::period::Period) -> Result<NaiveDate> {
        let today = self.desk.today();
        let Some(last) = period.months()?.1 else { return Ok(today) };
        let end = NaiveDate::parse_from_str(&format!("{last}-01"), "%Y-%m-%d")
            .ok()
            .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
            .and_then(|next| next.pred_opt())
            .filter(|end| end.year() == fiscal_year)
            .ok_or_else(|| CoreError::invalid("period", InputProblem::OutOfRange))?;
        Ok(end.min(today))
    }

    /// Reads and checks a realization file (its headers read by name) without writing
    /// anything.
    pub fn preview_realization_import(&self, file_name: &str, bytes: &[u8]) -> Result<ImportPreview> {
        let preview = self.preview_realizations(&ImportRequest { source: "", file_name, bytes, choices: &[] })?;
        match preview.missing_columns.is_empty() {
            true => Ok(preview),
            false => Err(CoreError::ImportMissingColumns { columns: preview.missing_columns }),
        }
    }

    /// Reads and checks a realization file from a source (SIPD), with the headers the
    /// user mapped, without writing anything. A file lacking a column is previewed with
    /// its headers and `missing_columns`, so the user can map one.
    pub fn preview_realizations(&self, request: &ImportRequest<'_>) -> Result<ImportPreview> {
        Ok(budget_import::check(self.desk.store.conn(), request, self.desk.today())?.preview)
    }

    /// Reads and checks an anggaran kas file (SIPD's, a column per month) without
    /// writing anything.
    pub fn preview_plan_import(&self, request: &PlanImportRequest<'_>) -> Result<PlanImportPreview> {
        Ok(plan_import::check(self.desk.store.conn(), request)?.preview)
    }
}

impl<D: DerefMut<Target = Desk>> BudgetDesk<D> {
    /// Sets a version of an agency's pagu (APBD murni, perubahan, pergeseran).
    pub fn set_ceiling(&mut self, input: CeilingInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.desk.act(|tx, author| budget_ops::set_ceiling(tx, author, input))?;
        self.agency(&agency, year)
    }

    /// Sets an agency's twelve-month disbursement plan (anggaran kas).
    pub fn set_plan(&mut self, input: PlanInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.desk.act(|tx, author| budget_ops::set_plan(tx, author, input))?;
        self.agency(&agency, year)
    }

    pub fn record_realization(&mut self, input: RealizationInput) -> Result<AgencyBudget> {
        let agency = input.agency_code.clone();
        let day = NaiveDate::parse_from_str(input.realized_on.trim(), "%Y-%m-%d").unwrap_or(self.desk.today());
        self.desk.act(|tx, author| budget_ops::record_realization(tx, author, input))?;
        self.agency(&agency, budget_ops::fiscal_year_of(day))
    }

    pub fn report_physical_progress(&mut self, input: PhysicalInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.desk.act(|tx, author| budget_ops::report_physical(tx, author, input))?;
        self.agency(&agency, year)
    }

    /// Imports a realization file read by its headers' names: all of it, or (with
    /// `skip_bad_rows`) all but the rows the preview listed; nothing while a row is bad
    /// otherwise.
    pub fn import_realizations(&mut self, file_name: &str, bytes: &[u8], skip_bad_rows: bool) -> Result<ImportPreview> {
        self.import_realizations_as(&ImportRequest { source: "", file_name, bytes, choices: &[] }, skip_bad_rows)
    }

    /// Imports a realization file as `preview_realizations` read it; the mapping used is
    /// remembered for the source's next file.
    pub fn import_realizations_as(
        &mut self,
        request: &ImportRequest<'_>,
        skip_bad_rows: bool,
    ) -> Result<ImportPreview> {
        self.desk.act(|tx, author| {
            let checked = budget_import::check(tx, request, author.today)?;
            budget_import::commit(tx, author, checked, skip_bad_rows)
        })
    }

    /// Sets every agency's monthly plan from an anggaran kas file: all of it, or nothing
    /// while a row is bad; an agency whose plan is already the file's is left as it is.
    pub fn import_plans(&mut self, request: &PlanImportRequest<'_>) -> Result<PlanImportPreview> {
        self.desk.act(|tx, author| {
            let checked = plan_import::check(tx, request)?;
            plan_import::commit(tx, author, checked)
        })
    }
}
