//! `ikp bench`: throughput of the event log on a throwaway database in a temporary
//! directory, with the same durable settings the app uses.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, Subcommand};
use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

mod brief;
mod budget;
mod complaints;
mod day_one;
mod fuzz;
mod import_memory;
mod instructions;
mod minutes;
mod negotiations;
mod regency_month;
mod sipd;
mod sync;
mod sync_regency;

#[derive(Args)]
pub struct BenchArgs {
    /// Appends the figures, with the date and the machine, to this Markdown file (the
    /// project keeps them in docs/benchmarks.md).
    #[arg(long, global = true)]
    pub record: Option<PathBuf>,
    #[command(subcommand)]
    pub command: BenchCommand,
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Event append (batched and one per transaction) and rebuild rates.
    Events {
        #[arg(long, default_value_t = 200_000)]
        events: u64,
        /// Events measured one transaction each (with a durable commit every time).
        #[arg(long, default_value_t = 2_000)]
        single: u64,
    },
    /// Dashboard, scorecard and filtered-list latency on a generated regency (ten years of
    /// instructions). With --data-dir, the generated regency is kept there and reused.
    Instructions {
        #[arg(long, default_value_t = 50_000)]
        instructions: u32,
        /// Timed repetitions of each query.
        #[arg(long, default_value_t = 200)]
        repeat: u32,
    },
    /// Meeting mode in the core: opening a queue of pending requests, and deciding them
    /// one by one with the sitting's running summary. With --data-dir (say, the
    /// instructions benchmark's regency) the queue is added there.
    Negotiations {
        #[arg(long, default_value_t = 500)]
        pending: u32,
        /// Requests decided, one timed transaction each.
        #[arg(long, default_value_t = 200)]
        decisions: u32,
        #[arg(long, default_value_t = 50)]
        repeat: u32,
    },
    /// Sync: export a bundle of signed events, import it into a fresh laptop (every
    /// hash and signature verified), re-import it, and insert the same rows raw.
    Sync {
        #[arg(long, default_value_t = 100_000)]
        events: u64,
    },
    /// Sync at a regency's scale: a root and N laptops (three quarters agencies, the
    /// rest kecamatan) each make a month of work, then exchange through ONE watched folder
    /// in shuffled order with files delivered twice, until every laptop's digest is equal.
    /// At 80 the exchange takes about six minutes on a 2-core machine (every laptop reads
    /// dozens of files a round): `--laptops 40` converges in under a minute.
    SyncRegency {
        #[arg(long, default_value_t = 80)]
        laptops: usize,
        /// Stop once the root imported every laptop's file (skip the exchange to
        /// convergence, which at 80 laptops takes minutes here).
        #[arg(long)]
        only_root_import: bool,
    },
    /// Peak memory of importing crafted files (the largest honest ones, bombs, swarms of
    /// small forged events, evidence): each into a fresh laptop (Linux).
    ImportMemory {
        #[arg(long, default_value_t = 100_000)]
        events: u64,
        /// Internal: import this one file (into a fresh laptop that trusts `--root`) and
        /// print its peak; the benchmark runs each case so, in a process of its own.
        #[arg(long, hide = true, requires = "root")]
        file: Option<PathBuf>,
        #[arg(long, hide = true)]
        root: Option<String>,
        /// Internal: export this laptop's data folder to a file and print the peak.
        #[arg(long, hide = true, conflicts_with = "file")]
        export_from: Option<PathBuf>,
        /// Internal: with --export-from, build the whole bundle in memory first (as
        /// exports did before they streamed evidence), for comparison.
        #[arg(long, hide = true, requires = "export_from")]
        in_memory: bool,
    },
    /// Randomized mutation of bundle files fed to the reader (stable-Rust fuzzing).
    FuzzBundle {
        #[arg(long, default_value_t = 1_000_000)]
        executions: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Exporting a notulen with N decisions to DOCX and PDF, beside LibreOffice
    /// converting the same DOCX to PDF.
    Minutes {
        #[arg(long, default_value_t = 100)]
        decisions: u32,
        #[arg(long, default_value_t = 10)]
        repeat: u32,
        /// LibreOffice conversions (the first, which also makes its profile, is not counted).
        #[arg(long, default_value_t = 4)]
        libreoffice_runs: u32,
    },
    /// A new regency's first day, step by step: setup, kop and officials, SIPD's agency
    /// list, the first instruction, a new laptop's enrolment.
    DayOne {
        #[arg(long, default_value_t = 100)]
        agencies: u32,
    },
    /// Budget absorption: regency summary and one agency's S-curve over years of
    /// realization entries, and a CSV import. With --data-dir the history is kept there.
    Budget {
        #[arg(long, default_value_t = 10)]
        years: i32,
        #[arg(long, default_value_t = 1_000_000)]
        entries: u64,
        #[arg(long, default_value_t = 100_000)]
        import_rows: u32,
        #[arg(long, default_value_t = 200)]
        repeat: u32,
    },
    /// SIPD's SP2D list imported with a column mapping (kode SKPD, SP2D types, jenis
    /// belanja from the account code), then the same file again.
    Sipd {
        #[arg(long, default_value_t = 100_000)]
        rows: u32,
    },
    /// The rapim brief (figures, then figures and PDF) over ten years of instructions,
    /// budget realizations and complaints in one database. With --data-dir the regency is
    /// kept there and reused.
    Brief {
        #[arg(long, default_value_t = 50_000)]
        instructions: u32,
        #[arg(long, default_value_t = 1_000_000)]
        realizations: u64,
        #[arg(long, default_value_t = 1_000_000)]
        complaints: u64,
        #[arg(long, default_value_t = 20)]
        repeat: u32,
    },
    /// SP4N-LAPOR! complaints: per-agency summary, rapim item and overdue list over ten
    /// years of complaints, and a large CSV import. With --data-dir the history is kept there.
    Complaints {
        #[arg(long, default_value_t = 10)]
        years: i32,
        #[arg(long, default_value_t = 1_000_000)]
        complaints: u64,
        #[arg(long, default_value_t = 100_000)]
        import_rows: u32,
        #[arg(long, default_value_t = 200)]
        repeat: u32,
    },
}

pub fn run(args: &BenchArgs, data_dir: Option<&Path>, json: bool) -> Result<(), CoreError> {
    let show = |name: &str, report: &dyn Report| -> Result<(), CoreError> {
        if json {
            println!("{}", report.json());
        } else {
            println!("{}", report.text());
        }
        match &args.record {
            Some(path) => record(path, name, &report.text()),
            None => Ok(()),
        }
    };
    match &args.command {
        BenchCommand::Events { events, single } => show("events", &run_events(*events, *single)?),
        BenchCommand::DayOne { agencies } => show("day-one", &day_one::run(*agencies)?),
        BenchCommand::Instructions { instructions, repeat } => {
            show("instructions", &instructions::run(data_dir, *instructions, *repeat)?)
        }
        BenchCommand::Budget { years, entries, import_rows, repeat } => {
            show("budget", &budget::run(data_dir, *years, *entries, *import_rows, *repeat)?)
        }
        BenchCommand::Sipd { rows } => show("sipd", &sipd::run(*rows)?),
        BenchCommand::Brief { instructions, realizations, complaints, repeat } => {
            let size =
                brief::BriefSize { instructions: *instructions, realizations: *realizations, complaints: *complaints };
            show("brief", &brief::run(data_dir, &size, *repeat)?)
        }
        BenchCommand::Complaints { years, complaints, import_rows, repeat } => {
            show("complaints", &complaints::run(data_dir, *years, *complaints, *import_rows, *repeat)?)
        }
        BenchCommand::FuzzBundle { executions, seed } => {
            let report = fuzz::run(*executions, *seed)?;
            show("fuzz-bundle", &report)?;
            if report.crashes > 0 {
                return Err(CoreError::Storage { message: format!("{} crashes", report.crashes) });
            }
            Ok(())
        }
        BenchCommand::Sync { events } => show("sync", &sync::run(*events)?),
        BenchCommand::SyncRegency { laptops, only_root_import } => {
            show("sync-regency", &sync_regency::run(*laptops, *only_root_import)?)
        }
        BenchCommand::ImportMemory { export_from: Some(dir), in_memory, .. } => {
            let measured = import_memory::measure_export_here(dir, *in_memory)?;
            println!("{}", serde_json::to_string(&measured).expect("serializes"));
            Ok(())
        }
        BenchCommand::ImportMemory { file: Some(file), root: Some(root), .. } => {
            println!("{}", serde_json::to_string(&import_memory::measure_here(file, root)?).expect("serializes"));
            Ok(())
        }
        BenchCommand::ImportMemory { events, .. } => show("import-memory", &import_memory::run(*events)?),
        BenchCommand::Minutes { decisions, repeat, libreoffice_runs } => {
            show("minutes", &minutes::run(*decisions, *repeat, *libreoffice_runs)?)
        }
        BenchCommand::Negotiations { pending, decisions, repeat } => {
            show("negotiations", &negotiations::run(data_dir, *pending, *decisions, *repeat)?)
        }
    }
}

/// A benchmark's figures, as text for people and JSON for scripts.
trait Report {
    fn text(&self) -> String;
    fn json(&self) -> String;
}

impl<T: Serialize + fmt::Display> Report for T {
    fn text(&self) -> String {
        self.to_string()
    }

    fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("reports serialize")
    }
}

/// Appends one run's figures to the benchmarks file: which benchmark, when, on what
/// machine and build, and the figures as printed.
fn record(path: &Path, name: &str, text: &str) -> Result<(), CoreError> {
    use std::io::Write;
    let cores = std::thread::available_parallelism().map_or(0, |cores| cores.get());
    let build = if cfg!(debug_assertions) { "debug" } else { "release" };
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|line| line.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());
    let entry = format!(
        "\n## {name} — {}\n\n{} build, {cores} cores, load {load}, {} {}\n\n```text\n{text}\n```\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        build,
        std::env::consts::OS,
        std::env::consts::ARCH,
    );
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(entry.as_bytes())?;
    Ok(())
}

#[derive(Serialize)]
pub struct BenchReport {
    /// Events appended and projected, 1,000 per transaction.
    pub batched_events: u64,
    pub batched_events_per_sec: f64,
    /// Events appended and projected one transaction each (a user's action).
    pub single_events: u64,
    pub single_events_per_sec: f64,
    /// Full replay of the log into fresh projections.
    pub rebuild_events: u64,
    pub rebuild_secs: f64,
    pub rebuild_events_per_sec: f64,
    pub database_bytes: u64,
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "append+project, batched:   {:>9.0} events/s ({} events)",
            self.batched_events_per_sec, self.batched_events
        )?;
        writeln!(
            f,
            "append+project, one each:  {:>9.0} events/s ({} events)",
            self.single_events_per_sec, self.single_events
        )?;
        writeln!(
            f,
            "rebuild:                   {:>9.0} events/s ({} events in {:.2} s)",
            self.rebuild_events_per_sec, self.rebuild_events, self.rebuild_secs
        )?;
        write!(f, "database size:             {:>9.1} MiB", self.database_bytes as f64 / 1_048_576.0)
    }
}

fn run_events(events: u64, single: u64) -> Result<BenchReport, CoreError> {
    let dir = tempfile::tempdir()?;
    let mut desk = Desk::open(dir.path())?;
    desk.demo().load()?;

    let started = Instant::now();
    desk.demo().generate_scale(events)?;
    let batched_secs = started.elapsed().as_secs_f64();

    desk.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bench".into() })?;
    let started = Instant::now();
    for number in 0..single {
        desk.record(ikp_core::kinds::DomainEvent::AgencyProfileUpdated(ikp_core::agency::AgencyProfileUpdated {
            code: "BPBD".into(),
            head_name: Some(format!("Kepala {number}")),
            head_title: None,
            head_nip: None,
        }))?;
    }
    let single_secs = started.elapsed().as_secs_f64();

    let total = u64::from(desk.status()?.event_count);
    let started = Instant::now();
    desk.rebuild()?;
    let rebuild_secs = started.elapsed().as_secs_f64();
    let database_bytes = std::fs::metadata(dir.path().join(ikp_core::desk::DB_FILE))?.len();

    Ok(BenchReport {
        batched_events: events,
        batched_events_per_sec: events as f64 / batched_secs,
        single_events: single,
        single_events_per_sec: single as f64 / single_secs,
        rebuild_events: total,
        rebuild_secs,
        rebuild_events_per_sec: total as f64 / rebuild_secs,
        database_bytes,
    })
}

/// Latency of one repeated operation, in milliseconds.
#[derive(Serialize)]
pub struct QueryTiming {
    pub name: String,
    pub rows: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

impl QueryTiming {
    /// Runs `run` once to warm the caches, then `repeat` timed times.
    pub fn measure(
        name: &str,
        repeat: u32,
        run: &mut dyn FnMut() -> Result<usize, CoreError>,
    ) -> Result<QueryTiming, CoreError> {
        run()?;
        let mut samples = Vec::with_capacity(repeat as usize);
        let mut rows = 0;
        for _ in 0..repeat {
            let started = Instant::now();
            rows = run()?;
            samples.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(QueryTiming::of(name, rows, samples))
    }

    /// Percentiles of samples already taken (milliseconds).
    pub fn of(name: &str, rows: usize, mut samples: Vec<f64>) -> QueryTiming {
        samples.sort_by(f64::total_cmp);
        let pick = |q: f64| samples.get(((samples.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
        QueryTiming { name: name.into(), rows, p50_ms: pick(0.5), p95_ms: pick(0.95), max_ms: pick(1.0) }
    }
}

impl fmt::Display for QueryTiming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<34} {:>6} {:>9.2} {:>9.2} {:>9.2}", self.name, self.rows, self.p50_ms, self.p95_ms, self.max_ms)
    }
}

pub const TIMING_HEADER: &str = "query                                rows    p50 ms    p95 ms    max ms";

/// Rows in a table of the benchmark's database.
/// The bench's Secretary desk on `dir`, set up on first use (a kept data dir is reused).
pub fn secretary_desk(dir: &Path) -> Result<Desk, CoreError> {
    let mut desk = Desk::open_profile(dir, Some("bench-secretary"), Arc::new(SystemClock))?;
    if desk.status()?.device.is_none() {
        desk.setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Sekda (bench)".into() })?;
    }
    Ok(desk)
}

/// The first `limit` pending requests in meeting-mode order.
pub fn queued_request_ids(desk: &mut Desk, limit: usize) -> Result<Vec<String>, CoreError> {
    Ok(desk
        .negotiations()
        .queue()?
        .into_iter()
        .flat_map(|group| group.requests.into_iter().map(|request| request.id))
        .take(limit)
        .collect())
}

pub fn count(desk: &Desk, table: &str) -> Result<u64, CoreError> {
    Ok(desk.store().conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
}
