//! `ikp bench sync-regency`: a regency's month through ONE watched folder. The Regent's
//! root laptop enrols the laptops of 60 agencies and 20 kecamatan, issues their
//! instructions and disposes the month's complaints to them; each laptop lives its month
//! (weekly progress, notes, a deadline request, complaint follow-ups); then all of them
//! exchange through one folder (`FolderWatch`, one file per laptop) in a shuffled order
//! every round, while the "engine" delivers some files twice (the same bytes written
//! again, a new modification time) — until every laptop holds the same data (the
//! projections' digest and the log's size, checked here; the bench fails otherwise).
//!
//! Figures in the notes come from the `measure` profile (`cargo build --profile measure
//! -p ikp-cli`: release optimisation with thin LTO).

use std::fmt;
use std::path::Path;
use std::time::Instant;

use ikp_core::sync::folder::{file_name, FolderWatch};
use ikp_core::CoreError;
use serde::Serialize;

use super::regency_month::{self, Dice, Laptop, DAYS};

/// Rounds in which the engine delivers some files twice; after them it only carries.
const DUPLICATE_ROUNDS: u32 = 4;
/// A round count beyond which the laptops are said not to converge.
const MAX_ROUNDS: u32 = 60;

#[derive(Serialize)]
pub struct SyncRegencyBench {
    pub laptops: usize,
    pub agencies: usize,
    pub kecamatan: usize,
    pub days: i64,
    /// Events the root made (agencies, enrolments, instructions, complaints).
    pub root_events: u32,
    /// Events each laptop made in its month (its enrolment claim is counted in the
    /// root's: the root holds it from the request).
    pub laptop_events_min: u32,
    pub laptop_events_max: u32,
    pub events_total: u32,
    pub setup_secs: f64,
    /// Each laptop's first file in the folder: what it holds after its month (the
    /// root's answer it joined with and its own events), no evidence. Largest.
    pub month_bundle_max_bytes: u64,
    /// The root's one look that imported all the laptops' files.
    pub root_import_secs: f64,
    pub root_import_files: usize,
    pub root_import_new_events: u32,
    /// Rounds of looks (every laptop once, shuffled) until a quiet round.
    pub rounds: u32,
    pub passes: u64,
    pub imports: u64,
    pub duplicate_deliveries: u64,
    pub exchange_secs: f64,
    /// A laptop's file once everyone converged (everything the regency holds).
    pub converged_bundle_bytes: u64,
    pub converged_events: u32,
    pub converged: bool,
    pub total_secs: f64,
}

impl fmt::Display for SyncRegencyBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "regency: root + {} laptops ({} agencies, {} kecamatan), {} days",
            self.laptops, self.agencies, self.kecamatan, self.days
        )?;
        writeln!(
            f,
            "events: root {}, each laptop {}–{}, {} in all",
            self.root_events, self.laptop_events_min, self.laptop_events_max, self.events_total
        )?;
        writeln!(f, "setup (enrolment, the month's work):   {:>8.2} s", self.setup_secs)?;
        writeln!(
            f,
            "a laptop's month bundle, largest:      {:>8.1} KiB   (target ≤ 1024 KiB, no evidence)",
            self.month_bundle_max_bytes as f64 / 1024.0
        )?;
        writeln!(
            f,
            "root imports {} laptops' files:        {:>8.2} s   (target ≤ 10 s; {} new events)",
            self.root_import_files, self.root_import_secs, self.root_import_new_events
        )?;
        writeln!(
            f,
            "exchange to convergence:               {:>8.2} s   ({} rounds, {} passes, {} imports, {} duplicate deliveries)",
            self.exchange_secs, self.rounds, self.passes, self.imports, self.duplicate_deliveries
        )?;
        writeln!(
            f,
            "converged bundle (everything):         {:>8.1} KiB   ({} events)",
            self.converged_bundle_bytes as f64 / 1024.0,
            self.converged_events
        )?;
        let converged = match (self.converged, self.rounds) {
            (true, _) => "yes",
            (false, 0) => "not run",
            (false, _) => "NO",
        };
        writeln!(f, "every laptop's digest equal:           {converged:>8}")?;
        write!(f, "total:                                 {:>8.2} s", self.total_secs)
    }
}

/// `laptops` laptops: three quarters agencies, the rest kecamatan (80 → 60 and 20).
/// With `only_root_import` it stops once the root imported every laptop's file (no
/// exchange to convergence: at 80 laptops that takes minutes here).
pub fn run(laptops: usize, only_root_import: bool) -> Result<SyncRegencyBench, CoreError> {
    let total_started = Instant::now();
    let kecamatan = (laptops / 4).min(ikp_core::demo::KECAMATAN.len());
    let agencies = laptops - kecamatan;
    let work = tempfile::tempdir()?;
    let folder = work.path().join("folder");
    std::fs::create_dir_all(&folder)?;
    let mut dice = Dice(0x5eed_1bda_2026_1121);

    let setup_started = Instant::now();
    let master = regency_month::master_data(agencies, kecamatan);
    let root_dir = work.path().join("root");
    let (mut root, root_clock) = regency_month::root(&root_dir, &master)?;
    let mut fleet: Vec<Laptop> = Vec::with_capacity(laptops);
    for (number, agency) in master.iter().enumerate() {
        let dir = work.path().join(format!("laptop-{number:02}"));
        fleet.push(regency_month::enrol(&mut root, &dir, number, agency)?);
    }
    regency_month::assign_work(&mut root, &root_clock, &mut fleet, &mut dice)?;
    let root_events = root.status()?.event_count;
    // Each laptop joins with the root's answer, its user confirming the fingerprint.
    let (answer, _) = root.sync().export_bundle(&ikp_core::sync::export::ExportScope::Everything)?;
    let fingerprint = root.sync().trust_root()?.expect("the root pinned itself");
    let mut made = Vec::with_capacity(laptops);
    for laptop in &mut fleet {
        // Joined once the root's first days are done (a clock behind them would hold
        // their events back as from the future).
        laptop.clock.set_day(regency_month::first_day() + chrono::Duration::days(3), 0);
        laptop.desk.sync().import_bundle("jawaban.ikp", &answer, Some(&fingerprint))?;
        made.push(regency_month::live_the_month(laptop, &mut dice)?);
    }
    let setup_secs = setup_started.elapsed().as_secs_f64();
    // Progress on stderr: at 80 laptops the exchange takes minutes here.
    eprintln!("set up and lived the month in {setup_secs:.1} s");

    // The end of the month: every clock at the same evening, then one look each, in a
    // shuffled order, writes every laptop's file.
    let evening = regency_month::first_day() + chrono::Duration::days(DAYS);
    root_clock.set_day(evening, 600);
    for laptop in &fleet {
        laptop.clock.set_day(evening, 600);
    }
    let exchange_started = Instant::now();
    let mut root_watch = FolderWatch::new(&folder);
    let mut watches: Vec<FolderWatch> = fleet.iter().map(|_| FolderWatch::new(&folder)).collect();
    let mut order: Vec<usize> = (1..=laptops).collect();
    dice.shuffle(&mut order);
    let mut passes = 0u64;
    for &index in &order {
        passes += 1;
        watches[index - 1].look(&mut fleet[index - 1].desk)?;
    }
    // The root's first look writes its file and sees the laptops' as new; its next one
    // finds them unchanged and imports them all.
    root_watch.look(&mut root)?;
    passes += 1;
    order.push(0);
    let mut month_bundle_max_bytes = 0;
    for laptop in &fleet {
        month_bundle_max_bytes =
            month_bundle_max_bytes.max(std::fs::metadata(folder.join(file_name(laptop.desk.device_id())))?.len());
    }
    let started = Instant::now();
    let root_pass = root_watch.look(&mut root)?;
    let root_import_secs = started.elapsed().as_secs_f64();
    passes += 1;
    if !root_pass.refused.is_empty() || !root_pass.quarantined.is_empty() {
        return Err(CoreError::Storage { message: format!("the root refused files: {root_pass:?}") });
    }
    let root_import_files = root_pass.imported.len();
    let root_import_new_events = root_pass.imported.iter().map(|import| import.new_events).sum();
    let mut imports = root_import_files as u64;
    eprintln!("the root imported {root_import_files} files in {root_import_secs:.2} s");
    // What is known once the root imported; the exchange fills in the rest.
    let mut bench = SyncRegencyBench {
        laptops,
        agencies,
        kecamatan,
        days: DAYS,
        root_events,
        laptop_events_min: made.iter().copied().min().unwrap_or(0),
        laptop_events_max: made.iter().copied().max().unwrap_or(0),
        events_total: root_events + made.iter().sum::<u32>(),
        setup_secs,
        month_bundle_max_bytes,
        root_import_secs,
        root_import_files,
        root_import_new_events,
        rounds: 0,
        passes,
        imports,
        duplicate_deliveries: 0,
        exchange_secs: 0.0,
        converged_bundle_bytes: 0,
        converged_events: 0,
        converged: false,
        total_secs: 0.0,
    };
    if only_root_import {
        bench.total_secs = total_started.elapsed().as_secs_f64();
        return Ok(bench);
    }

    let mut rounds = 0;
    let mut duplicate_deliveries = 0;
    loop {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            return Err(CoreError::Storage { message: format!("no convergence in {MAX_ROUNDS} rounds") });
        }
        dice.shuffle(&mut order);
        let mut quiet = true;
        for &index in &order {
            let pass = match index {
                0 => root_watch.look(&mut root)?,
                n => watches[n - 1].look(&mut fleet[n - 1].desk)?,
            };
            passes += 1;
            imports += pass.imported.len() as u64;
            if !pass.refused.is_empty() || !pass.quarantined.is_empty() {
                return Err(CoreError::Storage { message: format!("a laptop refused files: {pass:?}") });
            }
            quiet &= !pass.changed_anything() && pass.waiting.is_empty();
        }
        eprintln!(
            "round {rounds}: {passes} passes, {imports} imports, {:.0} s",
            exchange_started.elapsed().as_secs_f64()
        );
        if rounds <= DUPLICATE_ROUNDS {
            duplicate_deliveries += deliver_again(&folder, &mut dice)?;
            quiet = false;
        }
        if quiet {
            break;
        }
    }
    let exchange_secs = exchange_started.elapsed().as_secs_f64();

    let expected = (root.digest()?, root.status()?.event_count);
    let mut converged = true;
    for laptop in &fleet {
        converged &= (laptop.desk.digest()?, laptop.desk.status()?.event_count) == expected;
    }
    let converged_bundle_bytes = std::fs::metadata(folder.join(file_name(root.device_id())))?.len();
    if !converged || expected.1 != bench.events_total {
        return Err(CoreError::Storage {
            message: format!(
                "the laptops did not converge: the root holds {} of {} events",
                expected.1, bench.events_total
            ),
        });
    }
    bench.rounds = rounds;
    bench.passes = passes;
    bench.imports = imports;
    bench.duplicate_deliveries = duplicate_deliveries;
    bench.exchange_secs = exchange_secs;
    bench.converged_bundle_bytes = converged_bundle_bytes;
    bench.converged_events = expected.1;
    bench.converged = converged;
    bench.total_secs = total_started.elapsed().as_secs_f64();
    Ok(bench)
}

/// The engine delivers about a quarter of the files a second time: the same bytes
/// written again through a temporary name, so the file's time changes and every laptop
/// sees it as a new arrival to wait for, check and find already held.
fn deliver_again(folder: &Path, dice: &mut Dice) -> Result<u64, CoreError> {
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| ikp_core::sync::folder::device_of(name).is_some())
        .collect();
    names.sort();
    let mut delivered = 0;
    for name in names {
        if dice.below(4) != 0 {
            continue;
        }
        let bytes = std::fs::read(folder.join(&name))?;
        let temporary = folder.join(format!(".syncthing.{name}.tmp"));
        std::fs::write(&temporary, &bytes)?;
        // Some file systems keep a time to the second or two: make the new time show.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2 + delivered);
        std::fs::File::options().write(true).open(&temporary)?.set_modified(later)?;
        std::fs::rename(&temporary, folder.join(&name))?;
        delivered += 1;
    }
    Ok(delivered)
}
