//! `ikp budget ...`: budget ceilings, plans, realizations, CSV import and absorption.

use std::path::PathBuf;

use chrono::Datelike;
use clap::{Subcommand, ValueEnum};
use ikp_core::budget::curve::AbsorptionCurve;
use ikp_core::budget::import::{BudgetColumnChoice, ImportColumn, ImportPreview, ImportRequest};
use ikp_core::budget::ops::{CeilingInput, PhysicalInput, PlanInput, RealizationInput};
use ikp_core::budget::payload::BudgetStage;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum StageArg {
    Murni,
    Perubahan,
    Pergeseran,
}

#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Set a version of an agency's pagu ("Rp577.000.000.000" or "577 miliar").
    Set {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value = "murni")]
        stage: StageArg,
        #[arg(long)]
        amount: String,
        /// YYYY-MM-DD; defaults to today.
        #[arg(long)]
        effective: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Set the twelve-month disbursement plan: twelve amounts, January first.
    Plan {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(num_args = 12, required = true)]
        months: Vec<String>,
    },
    /// Record one realization (an SP2D).
    Realize {
        #[arg(long)]
        agency: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record physical progress (% fisik) for a month.
    Physical {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        month: u32,
        #[arg(long)]
        percent: String,
    },
    /// Check a CSV of realizations and list every problem by row; writes nothing.
    Preview {
        file: PathBuf,
        #[command(flatten)]
        mapping: Mapping,
    },
    /// Import a CSV of realizations: all rows, or none while any row is bad.
    Import {
        file: PathBuf,
        #[command(flatten)]
        mapping: Mapping,
        /// Import the good rows and leave out the bad ones the preview lists.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Absorption: the regency with every agency ranked, or one agency's S-curve.
    Summary {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// Read at the end of this period (2026-06, 2026-Q3, 2026-01..2026-04) instead of today.
        #[arg(long)]
        period: Option<String>,
    },
    /// The regency's ranking as an Excel workbook (the Anggaran page's "Simpan sebagai Excel").
    Workbook {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(desk: &mut Desk, json: bool, command: &BudgetCommand) -> Result<(), CoreError> {
    let this_year = desk.today().year();
    match command {
        BudgetCommand::Set { agency, year, stage, amount, effective, reason } => {
            let budget = desk.budget().set_ceiling(CeilingInput {
                agency_code: agency.clone(),
                fiscal_year: year.unwrap_or(this_year),
                stage: match stage {
                    StageArg::Murni => BudgetStage::Murni,
                    StageArg::Perubahan => BudgetStage::Perubahan,
                    StageArg::Pergeseran => BudgetStage::Pergeseran,
                },
                amount: amount.clone(),
                effective_on: effective.clone(),
                reason: reason.clone(),
                lines: vec![],
            })?;
            print(json, &budget, || describe_curve(&budget.short_name, &budget.curve));
        }
        BudgetCommand::Plan { agency, year, months } => {
            let budget = desk.budget().set_plan(PlanInput {
                agency_code: agency.clone(),
                fiscal_year: year.unwrap_or(this_year),
                months: months.clone(),
            })?;
            print(json, &budget, || describe_curve(&budget.short_name, &budget.curve));
        }
        BudgetCommand::Realize { agency, date, amount, reference, note } => {
            let budget = desk.budget().record_realization(RealizationInput {
                agency_code: agency.clone(),
                realized_on: date.clone(),
                amount: amount.clone(),
                reference: reference.clone(),
                note: note.clone(),
            })?;
            print(json, &budget, || describe_curve(&budget.short_name, &budget.curve));
        }
        BudgetCommand::Physical { agency, year, month, percent } => {
            let budget = desk.budget().report_physical_progress(PhysicalInput {
                agency_code: agency.clone(),
                fiscal_year: year.unwrap_or(this_year),
                month: *month,
                percent: percent.clone(),
            })?;
            print(json, &budget, || describe_curve(&budget.short_name, &budget.curve));
        }
        BudgetCommand::Preview { file, mapping } => {
            let (bytes, choices) = (std::fs::read(file)?, mapping.choices()?);
            let name = file_name(file);
            let request = ImportRequest { source: &mapping.source, file_name: &name, bytes: &bytes, choices: &choices };
            let preview = desk.budget().preview_realizations(&request)?;
            print(json, &preview, || describe_import(&preview));
        }
        BudgetCommand::Import { file, mapping, skip_bad_rows } => {
            let (bytes, choices) = (std::fs::read(file)?, mapping.choices()?);
            let name = file_name(file);
            let request = ImportRequest { source: &mapping.source, file_name: &name, bytes: &bytes, choices: &choices };
            let imported = desk.budget().import_realizations_as(&request, *skip_bad_rows)?;
            print(json, &imported, || format!("imported\n{}", describe_import(&imported)));
        }
        BudgetCommand::Summary { agency: Some(agency), year, period } => {
            let year = year.unwrap_or(this_year);
            let budget = match period {
                Some(period) => desk.budget().agency_in(agency, year, &ikp_core::period::Period::parse(period)?)?,
                None => desk.budget().agency(agency, year)?,
            };
            print(json, &budget, || describe_curve(&budget.short_name, &budget.curve));
        }
        BudgetCommand::Workbook { year, period, out } => {
            let period = period.as_deref().map(ikp_core::period::Period::parse).transpose()?;
            let bytes = desk.budget().regency_workbook(year.unwrap_or(this_year), period.as_ref())?;
            std::fs::write(out, &bytes)
                .map_err(|err| CoreError::Storage { message: format!("{}: {err}", out.display()) })?;
            print(json, &out.display().to_string(), || format!("wrote {}", out.display()));
        }
        BudgetCommand::Summary { agency: None, year, period } => {
            let year = year.unwrap_or(this_year);
            let regency = match period {
                Some(period) => desk.budget().regency_in(year, &ikp_core::period::Period::parse(period)?)?,
                None => desk.budget().regency(year)?,
            };
            print(json, &regency, || {
                let mut lines = vec![describe_curve("Kabupaten", &regency.curve)];
                for agency in &regency.agencies {
                    lines.push(format!(
                        "  {:<22} {:>22} {:>22} {:>6.1}%  plan {:>5.1}%{}",
                        agency.short_name,
                        agency.pagu.to_indonesian(),
                        agency.realized.to_indonesian(),
                        f64::from(agency.absorption_permille) / 10.0,
                        f64::from(agency.plan_permille) / 10.0,
                        if agency.warning { "  ⚠ behind plan" } else { "" }
                    ));
                }
                lines.join("\n")
            });
        }
    }
    Ok(())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

fn describe_curve(name: &str, curve: &AbsorptionCurve) -> String {
    let mut lines = vec![format!(
        "{name} {}: pagu {} ({}), realized {} = {:.1}% (plan to date {:.1}%), year-end projection {:.1}% ({:?})",
        curve.fiscal_year,
        curve.pagu.to_indonesian(),
        curve.pagu.to_short_indonesian(),
        curve.realized.to_indonesian(),
        f64::from(curve.absorption_permille) / 10.0,
        f64::from(curve.plan_permille) / 10.0,
        f64::from(curve.projection.permille) / 10.0,
        curve.projection.method
    )];
    for month in curve.months.iter().filter(|month| !month.future) {
        lines.push(format!(
            "  {:>2}  plan {:>5.1}%  actual {:>5.1}%{}",
            month.month,
            f64::from(month.plan_permille) / 10.0,
            f64::from(month.actual_permille) / 10.0,
            month.physical_percent.map(|p| format!("  fisik {p}%")).unwrap_or_default()
        ));
    }
    lines.join("\n")
}

/// How a file's headers are read: the source whose mapping is remembered, and headers
/// mapped by hand.
#[derive(clap::Args)]
pub struct Mapping {
    /// The file's source (e.g. SIPD): its last mapping reads this file too.
    #[arg(long, default_value = "SIPD")]
    source: String,
    /// A header read as a column: `--map "Tgl. Cair=date"` (agency, agency_name, date,
    /// amount, reference, note, sp2d_type, account, jenis; `none` leaves it out).
    #[arg(long = "map", value_name = "HEADER=COLUMN")]
    map: Vec<String>,
}

impl Mapping {
    fn choices(&self) -> Result<Vec<BudgetColumnChoice>, CoreError> {
        self.map
            .iter()
            .map(|pair| {
                let (header, column) =
                    pair.rsplit_once('=').ok_or_else(|| CoreError::invalid("map", InputProblem::NotAllowed))?;
                let column = match column.trim() {
                    "none" => None,
                    name => Some(
                        serde_json::from_value::<ImportColumn>(serde_json::Value::String(name.to_owned()))
                            .map_err(|_| CoreError::invalid("map", InputProblem::NotAllowed))?,
                    ),
                };
                Ok(BudgetColumnChoice { header: header.trim().to_owned(), column })
            })
            .collect()
    }
}

fn describe_import(preview: &ImportPreview) -> String {
    let mut lines = vec![format!(
        "{} ({:?}, source {}): {} rows, {} good, counted {}, advances (UP/GU/TU) {}, {} left out, {} already imported, {} correct a line imported before",
        preview.file_name,
        preview.encoding,
        preview.source,
        preview.rows,
        preview.valid_rows,
        preview.total.to_indonesian(),
        preview.advances.to_indonesian(),
        preview.left_out,
        preview.already_imported,
        preview.corrected
    )];
    if !preview.missing_columns.is_empty() {
        lines.push(format!("  missing columns: {:?} (map a header with --map)", preview.missing_columns));
    }
    for column in &preview.columns {
        lines.push(format!("  {:?} read as {:?} ({:?})", column.header, column.column, column.origin));
    }
    for fix in &preview.corrections {
        lines.push(format!(
            "  row {} corrects {} {} {}: {} on {} becomes {} on {}",
            fix.row,
            fix.agency_code,
            fix.reference,
            fix.account,
            fix.before.to_indonesian(),
            fix.before_on,
            fix.after.to_indonesian(),
            fix.after_on
        ));
    }
    for part in &preview.by_jenis {
        lines.push(format!("  jenis {:?}: {}", part.jenis, part.amount.to_indonesian()));
    }
    for problem in &preview.problems {
        let earlier = if problem.problem == InputProblem::Conflicting { "another value in row" } else { "same as row" };
        let repeats = problem.duplicate_of.map(|row| format!(", {earlier} {row}")).unwrap_or_default();
        lines.push(format!(
            "  row {} {:?}: {:?} ({:?}{repeats})",
            problem.row, problem.column, problem.problem, problem.value
        ));
    }
    lines.join("\n")
}
