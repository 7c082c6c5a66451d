//! `ikp bench instructions`: the latency of what the Regent's screens ask, on a generated
//! regency of ten years.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::{Hlc, SystemClock};
use ikp_core::demo::regency::RegencySpec;
use ikp_core::instruction::lifecycle::Status;
use ikp_core::instruction::queries::InstructionFilter;
use ikp_core::{CoreError, Desk};
use serde::Serialize;

use super::{count, QueryTiming};

#[derive(Serialize)]
pub struct InstructionBench {
    pub spec: RegencySpec,
    pub generated_now: bool,
    pub generation_secs: f64,
    pub events: u32,
    pub instructions: u32,
    pub indicators: u32,
    pub progress_reports: u32,
    pub database_mib: f64,
    pub queries: Vec<QueryTiming>,
}

impl fmt::Display for InstructionBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "regency: {} instructions, {} indicators, {} progress reports, {} events, {:.0} MiB",
            self.instructions, self.indicators, self.progress_reports, self.events, self.database_mib
        )?;
        if self.generated_now {
            writeln!(
                f,
                "generated in {:.1} s ({:.0} events/s)",
                self.generation_secs,
                f64::from(self.events) / self.generation_secs
            )?;
        }
        writeln!(f, "{}", super::TIMING_HEADER)?;
        for query in &self.queries {
            writeln!(f, "{query}")?;
        }
        Ok(())
    }
}

pub fn run(data_dir: Option<&Path>, instructions: u32, repeat: u32) -> Result<InstructionBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let dir = data_dir.unwrap_or(scratch.path());
    let clock = Arc::new(SystemClock);
    let mut desk = Desk::open_profile(dir, Some("bench"), clock.clone())?;
    let spec = RegencySpec {
        instructions,
        ..RegencySpec::ten_years(Hlc::today_wib(ikp_core::clock::Clock::now_ms(clock.as_ref())))
    };
    let existing = count(&desk, "instructions")? as u32;
    let generated_now = existing < instructions;
    let started = Instant::now();
    if generated_now {
        if !desk.status()?.demo_loaded {
            desk.demo().load()?;
        }
        desk.demo().generate_regency(&spec)?;
    }
    let generation_secs = started.elapsed().as_secs_f64();

    let some_agency = "DINKES".to_string();
    let mut queries = Vec::new();
    let mut time = |name: &str, run: &mut dyn FnMut() -> Result<usize, CoreError>| -> Result<(), CoreError> {
        queries.push(QueryTiming::measure(name, repeat, run)?);
        Ok(())
    };
    time("dashboard", &mut || Ok(desk.instructions().dashboard()?.active as usize))?;
    time("agency scorecard", &mut || Ok(desk.instructions().scorecard()?.len()))?;
    time("silent indicators (14 days)", &mut || Ok(desk.instructions().silent_indicators(14)?.len()))?;
    let filters: Vec<(&str, InstructionFilter)> = vec![
        ("list: no filter", InstructionFilter::default()),
        ("list: category", InstructionFilter { category: Some("kekeringan".into()), ..Default::default() }),
        ("list: agency", InstructionFilter { agency_code: Some(some_agency.clone()), ..Default::default() }),
        ("list: status in progress", InstructionFilter { status: Some(Status::InProgress), ..Default::default() }),
        ("list: status verified", InstructionFilter { status: Some(Status::Verified), ..Default::default() }),
        ("list: overdue only", InstructionFilter { overdue_only: true, ..Default::default() }),
        ("list: text search", InstructionFilter { text: Some("banjir".into()), ..Default::default() }),
        (
            "list: agency + category + text",
            InstructionFilter {
                agency_code: Some(some_agency.clone()),
                category: Some("banjir".into()),
                text: Some("2021".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in &filters {
        time(name, &mut || Ok(desk.instructions().list(filter)?.len()))?;
    }
    let database_mib = std::fs::metadata(dir.join(ikp_core::desk::DB_FILE))?.len() as f64 / 1_048_576.0;
    Ok(InstructionBench {
        spec,
        generated_now,
        generation_secs,
        events: desk.status()?.event_count,
        instructions: count(&desk, "instructions")? as u32,
        indicators: count(&desk, "indicators")? as u32,
        progress_reports: count(&desk, "progress_reports")? as u32,
        database_mib,
        queries,
    })
}
