//! `ikp bench sync`: a bundle of signed events exported, imported into a fresh laptop,
//! re-imported, and — side by side — the same rows inserted raw into the same table in
//! one SQLite transaction (no checks at all): the price of verification.
//!
//! Figures in the notes come from the `measure` profile (`cargo build --profile measure
//! -p ikp-cli`: release optimisation with thin LTO, which builds in minutes here).

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::{Hlc, SystemClock};
use ikp_core::principal::Role;
use ikp_core::store::Store;
use ikp_core::sync::bundle::{self, RawEvent};
use ikp_core::sync::export::ExportScope;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

/// Re-imports timed; the median is reported.
const REIMPORT_RUNS: usize = 5;
/// First imports (each into a fresh laptop) and raw inserts (each into a fresh file)
/// timed, in pairs: on this machine one run of either swings by a third. Even, so that
/// each side goes first as often.
const FIRST_RUNS: usize = 6;

#[derive(Serialize)]
pub struct SyncBench {
    pub events: u64,
    pub cores: usize,
    pub bundle_bytes: u64,
    pub export_secs: f64,
    /// The median first import, and the fastest and slowest of the runs.
    pub import_secs: f64,
    pub import_range: (f64, f64),
    pub import_events_per_sec: f64,
    /// The median raw insert, and the fastest and slowest of the runs.
    pub raw_insert_secs: f64,
    pub raw_range: (f64, f64),
    pub raw_events_per_sec: f64,
    /// Ours ÷ raw throughput: the median over the runs of an import and the raw insert
    /// timed right after it (target ≥ 0.7), and the lowest and highest.
    pub ratio: f64,
    pub ratio_range: (f64, f64),
    pub reimport_secs: f64,
    /// The signature checks alone, on all cores (part of the import).
    pub signatures_secs: f64,
    /// First import ÷ the median re-import time (target ≥ 25).
    pub reimport_speedup: f64,
    /// The same events in another file (other bytes, so not known by its checksum):
    /// every event hashed and looked up. Median of as many runs.
    pub reread_secs: f64,
}

impl fmt::Display for SyncBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "bundle: {} events, {:.1} MiB, {} cores",
            self.events,
            self.bundle_bytes as f64 / 1_048_576.0,
            self.cores
        )?;
        writeln!(f, "export (file written, renamed):  {:>7.3} s   (target ≤ 1 s)", self.export_secs)?;
        writeln!(
            f,
            "import, verified (median of {FIRST_RUNS}):  {:>7.3} s   {:>9.0} events/s   [{:.3}–{:.3}]",
            self.import_secs, self.import_events_per_sec, self.import_range.0, self.import_range.1
        )?;
        writeln!(
            f,
            "raw INSERT, one transaction:     {:>7.3} s   {:>9.0} events/s   [{:.3}–{:.3}]",
            self.raw_insert_secs, self.raw_events_per_sec, self.raw_range.0, self.raw_range.1
        )?;
        writeln!(f, "  of which signatures alone:     {:>7.3} s", self.signatures_secs)?;
        writeln!(
            f,
            "ratio ours/raw, paired runs:     {:>7.2}     (target ≥ 0.7)   [{:.2}–{:.2}]",
            self.ratio, self.ratio_range.0, self.ratio_range.1
        )?;
        writeln!(
            f,
            "re-import (all known, median of 5): {:>5.3} s   {:>6.1}× faster (target ≥ 25×)",
            self.reimport_secs, self.reimport_speedup
        )?;
        write!(
            f,
            "  same events, another file:        {:>5.3} s   {:>6.1}× faster",
            self.reread_secs,
            self.import_secs / self.reread_secs
        )
    }
}

pub fn run(events: u64) -> Result<SyncBench, CoreError> {
    let work = tempfile::tempdir()?;
    let (source_dir, target_dir, raw_dir) =
        (work.path().join("root"), work.path().join("new"), work.path().join("raw"));
    let mut source = Desk::open(&source_dir)?;
    source.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bench".into() })?;
    source.demo().generate_own_events(events)?;

    let file = work.path().join("bundle.ikp");
    let started = Instant::now();
    let exported = source.sync().export_to_file(&file, &ExportScope::Everything)?;
    let export_secs = started.elapsed().as_secs_f64();
    let bytes = bundle::read_file(&file)?;
    let total = u64::from(exported.events);

    // The baseline gets its rows ready-made; only the inserts and the commit are timed.
    let parsed = bundle::read(&bytes)?;
    let rows: Vec<_> = parsed
        .events
        .iter()
        .map(|event| {
            let envelope: ikp_core::event::Envelope =
                serde_json::from_slice(&event.body).expect("the bundle was just verified");
            (event, envelope.hlc, envelope.kind)
        })
        .collect();
    std::fs::create_dir_all(&raw_dir)?;
    // Each first import is timed beside a raw insert, and the ratio is taken per pair:
    // this machine's speed drifts by a third within a minute, and an import timed in a
    // fast moment against a baseline timed in a slow one said nothing. The pairs take
    // turns at going first, so neither side always inherits the other's leftovers (the
    // disk's write-back, memory being freed).
    let (mut imports, mut raw_inserts, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..FIRST_RUNS {
        let raw_path = raw_dir.join(format!("raw-{run}.db"));
        let raw_first = !run.is_multiple_of(2);
        let raw_before = if raw_first { Some(raw_insert(&raw_path, &rows)?) } else { None };
        let mut fresh = Desk::open_profile(&target_dir.join(run.to_string()), None, Arc::new(SystemClock))?;
        fresh.sync().pin_trust_root(source.device_id())?;
        let started = Instant::now();
        let report = fresh.sync().import_bundle("bundle.ikp", &bytes, None)?;
        let import = started.elapsed().as_secs_f64();
        assert_eq!(u64::from(report.new_events), total, "every event is new to the fresh laptop");
        let raw = match raw_before {
            Some(raw) => raw,
            None => raw_insert(&raw_path, &rows)?,
        };
        imports.push(import);
        raw_inserts.push(raw);
        ratios.push(raw / import);
    }
    let (import_secs, import_range) = median_and_range(&mut imports);
    let (raw_insert_secs, raw_range) = median_and_range(&mut raw_inserts);
    let (ratio, ratio_range) = median_and_range(&mut ratios);
    let mut target = Desk::open_profile(&target_dir.join("0"), None, Arc::new(SystemClock))?;
    // A re-import takes a tenth of a second, where one scheduler hiccup shows: the
    // median of several.
    let mut reimports = Vec::with_capacity(REIMPORT_RUNS);
    for _ in 0..REIMPORT_RUNS {
        let started = Instant::now();
        let again = target.sync().import_bundle("bundle.ikp", &bytes, None)?;
        reimports.push(started.elapsed().as_secs_f64());
        assert_eq!(again.new_events, 0);
    }
    let (reimport_secs, _) = median_and_range(&mut reimports);
    let retold = bundle::read(&bytes)?;
    let mut rereads = Vec::with_capacity(REIMPORT_RUNS);
    for run in 0..REIMPORT_RUNS {
        // Other bytes each run (another producer line, no signed header), so none is
        // known by its checksum: every event is hashed and looked up.
        let mut header = retold.header.clone();
        header.producer = format!("{} (bench {run})", header.producer);
        (header.signature, header.payload_sha256, header.sender) = (None, None, String::new());
        let other = bundle::write(header, &retold.events, &retold.evidence);
        let started = Instant::now();
        let again = target.sync().import_bundle("lain.ikp", &other, None)?;
        rereads.push(started.elapsed().as_secs_f64());
        assert_eq!((u64::from(again.new_events), u64::from(again.already_known)), (0, total));
    }
    let (reread_secs, _) = median_and_range(&mut rereads);

    let started = Instant::now();
    assert!(ikp_core::sync::import::verify_signatures(&parsed.events).is_empty());
    let signatures_secs = started.elapsed().as_secs_f64();

    Ok(SyncBench {
        events: total,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        bundle_bytes: bytes.len() as u64,
        export_secs,
        import_secs,
        import_range,
        import_events_per_sec: total as f64 / import_secs,
        raw_insert_secs,
        raw_range,
        raw_events_per_sec: total as f64 / raw_insert_secs,
        ratio,
        ratio_range,
        reimport_secs,
        reimport_speedup: import_secs / reimport_secs,
        reread_secs,
        signatures_secs,
    })
}

/// The same rows inserted into a fresh store's `events` in one transaction, no checks at
/// all: the baseline. Only the inserts and the commit are timed.
fn raw_insert(path: &std::path::Path, rows: &[(&RawEvent, Hlc, String)]) -> Result<f64, CoreError> {
    let mut raw = Store::open(path)?;
    let started = Instant::now();
    raw.write(|tx| {
        let mut insert = tx.prepare(
            "INSERT INTO events (id, author, seq, hlc_wall, hlc_counter, kind, body, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (event, hlc, kind) in rows {
            insert.execute(rusqlite::params![
                event.id,
                event.author,
                event.seq,
                hlc.wall_ms,
                hlc.counter,
                kind,
                event.body,
                event.signature
            ])?;
        }
        Ok(())
    })?;
    Ok(started.elapsed().as_secs_f64())
}

/// The median of `runs` (sorted in place; of an even number, the mean of the middle
/// two), and the fastest and slowest.
fn median_and_range(runs: &mut [f64]) -> (f64, (f64, f64)) {
    runs.sort_by(f64::total_cmp);
    let middle = runs.len() / 2;
    let median = if runs.len().is_multiple_of(2) { (runs[middle - 1] + runs[middle]) / 2.0 } else { runs[middle] };
    (median, (runs[0], runs[runs.len() - 1]))
}
