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

#[derive(Serialize)]
pub struct QueryTiming {
    pub name: String,
    pub rows: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

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
        writeln!(f, "{:<34} {:>6} {:>9} {:>9} {:>9}", "query", "rows", "p50 ms", "p95 ms", "max ms")?;
        for q in &self.queries {
            writeln!(f, "{:<34} {:>6} {:>9.2} {:>9.2} {:>9.2}", q.name, q.rows, q.p50_ms, q.p95_ms, q.max_ms)?;
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
    let existing = count(&desk, "instructions")?;
    let generated_now = existing < instructions;
    let started = Instant::now();
    if generated_now {
        if !desk.status()?.demo_loaded {
            desk.load_demo()?;
        }
        desk.generate_regency(&spec)?;
    }
    let generation_secs = started.elapsed().as_secs_f64();

    let some_agency = "DINKES".to_string();
    let mut queries = Vec::new();
    let mut time = |name: &str, run: &mut dyn FnMut() -> Result<usize, CoreError>| -> Result<(), CoreError> {
        run()?; // warm the page cache and statement cache
        let mut samples = Vec::with_capacity(repeat as usize);
        let mut rows = 0;
        for _ in 0..repeat {
            let started = Instant::now();
            rows = run()?;
            samples.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        samples.sort_by(f64::total_cmp);
        let pick = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
        queries.push(QueryTiming { name: name.into(), rows, p50_ms: pick(0.5), p95_ms: pick(0.95), max_ms: pick(1.0) });
        Ok(())
    };
    time("dashboard", &mut || Ok(desk.dashboard()?.active as usize))?;
    time("agency scorecard", &mut || Ok(desk.scorecard()?.len()))?;
    time("silent indicators (14 days)", &mut || Ok(desk.silent_indicators(14)?.len()))?;
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
        time(name, &mut || Ok(desk.instructions(filter)?.len()))?;
    }
    let database_mib = std::fs::metadata(dir.join(ikp_core::desk::DB_FILE))?.len() as f64 / 1_048_576.0;
    Ok(InstructionBench {
        spec,
        generated_now,
        generation_secs,
        events: desk.status()?.event_count,
        instructions: count(&desk, "instructions")?,
        indicators: count(&desk, "indicators")?,
        progress_reports: count(&desk, "progress_reports")?,
        database_mib,
        queries,
    })
}

fn count(desk: &Desk, table: &str) -> Result<u32, CoreError> {
    Ok(desk.store().conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
}
