//! `ikp bench budget`: what the budget screens ask of the core over years of
//! realization entries, and how long a large CSV import takes.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use chrono::Datelike;
use ikp_core::money::Rupiah;
use ikp_core::period::Period;
use ikp_core::{CoreError, Desk};
use serde::Serialize;

use super::{count, QueryTiming};

#[derive(Serialize)]
pub struct BudgetBench {
    pub realization_entries: u64,
    pub events: u32,
    pub generation_secs: f64,
    pub database_mib: f64,
    pub timings: Vec<QueryTiming>,
    pub import_rows: u32,
    pub import_secs: f64,
    pub reimport_secs: f64,
}

impl fmt::Display for BudgetBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} realization entries, {} events, {:.0} MiB (generated in {:.1} s)",
            self.realization_entries, self.events, self.database_mib, self.generation_secs
        )?;
        writeln!(f, "{}", super::TIMING_HEADER)?;
        for timing in &self.timings {
            writeln!(f, "{timing}")?;
        }
        writeln!(
            f,
            "CSV import of {} rows: {:.2} s; the same file again (nothing new): {:.2} s",
            self.import_rows, self.import_secs, self.reimport_secs
        )
    }
}

pub fn run(
    data_dir: Option<&Path>,
    years: i32,
    entries: u64,
    import_rows: u32,
    repeat: u32,
) -> Result<BudgetBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let dir = data_dir.unwrap_or(scratch.path());
    let mut desk = super::secretary_desk(dir)?;
    let started = Instant::now();
    if count(&desk, "budget_realizations")? < entries {
        desk.demo().generate_budget_history(years, entries)?;
    }
    let generation_secs = started.elapsed().as_secs_f64();
    let this_year = desk.today().year();
    let timings = vec![
        QueryTiming::measure("regency summary (this year)", repeat, &mut || {
            Ok(desk.budget().regency(this_year)?.agencies.len())
        })?,
        QueryTiming::measure("regency summary (a past year)", repeat, &mut || {
            Ok(desk.budget().regency(this_year - 3)?.agencies.len())
        })?,
        QueryTiming::measure("agency S-curve (DINKES, this year)", repeat, &mut || {
            Ok(desk.budget().agency("DINKES", this_year)?.curve.months.len())
        })?,
        QueryTiming::measure("agency S-curve (DINKES, past year)", repeat, &mut || {
            Ok(desk.budget().agency("DINKES", this_year - 3)?.curve.months.len())
        })?,
        // The period filters (issue 18): a quarter, a month, a run of months.
        QueryTiming::measure("regency summary (a quarter)", repeat, &mut || {
            Ok(desk.budget().regency_in(this_year, &Period::Quarter { year: this_year, quarter: 2 })?.agencies.len())
        })?,
        QueryTiming::measure("regency summary (a month)", repeat, &mut || {
            Ok(desk
                .budget()
                .regency_in(this_year - 3, &Period::Month { year: this_year - 3, month: 9 })?
                .agencies
                .len())
        })?,
        QueryTiming::measure("agency S-curve (DINKES, months)", repeat, &mut || {
            let months = Period::Months { from: format!("{this_year}-03"), to: format!("{this_year}-08") };
            Ok(desk.budget().agency_in("DINKES", this_year, &months)?.curve.months.len())
        })?,
    ];
    let csv = realization_csv(&mut desk, import_rows)?;
    let started = Instant::now();
    desk.budget().import_realizations("bench.csv", csv.as_bytes(), false)?;
    let import_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    desk.budget().import_realizations("bench.csv", csv.as_bytes(), false)?;
    let reimport_secs = started.elapsed().as_secs_f64();
    Ok(BudgetBench {
        realization_entries: count(&desk, "budget_realizations")?,
        events: desk.status()?.event_count,
        generation_secs,
        database_mib: std::fs::metadata(dir.join(ikp_core::desk::DB_FILE))?.len() as f64 / 1_048_576.0,
        timings,
        import_rows,
        import_secs,
        reimport_secs,
    })
}

/// A semicolon CSV as a spreadsheet exports it, with Indonesian amounts and dates.
fn realization_csv(desk: &mut Desk, rows: u32) -> Result<String, CoreError> {
    let agencies: Vec<String> = desk.agencies().list()?.into_iter().map(|agency| agency.code).collect();
    let today = desk.today();
    let mut csv = String::from("Kode OPD;Tanggal;Jumlah;No SP2D;Keterangan\n");
    for row in 0..rows {
        let agency = &agencies[row as usize % agencies.len()];
        let day = 1 + row % 28;
        let month = 1 + row % today.month().saturating_sub(1).max(1);
        let amount = Rupiah::from_sen(100_000_000 + i64::from(row) * 17);
        csv.push_str(&format!(
            "{agency};{day:02}/{month:02}/{};{};SP2D/BENCH/{row:07};Belanja modal\n",
            today.year(),
            amount.to_indonesian()
        ));
    }
    Ok(csv)
}
