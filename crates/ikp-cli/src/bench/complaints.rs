//! `ikp bench complaints`: what the complaint screens and the rapim ask of the core over
//! ten years of complaints, and how long a large LAPOR! import takes.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Duration};
use ikp_core::complaint::queries::ComplaintFilter;
use ikp_core::period::Period;
use ikp_core::{CoreError, Desk};
use serde::Serialize;

use super::{count, QueryTiming};

#[derive(Serialize)]
pub struct ComplaintBench {
    pub complaints: u64,
    pub events: u32,
    pub generation_secs: f64,
    pub database_mib: f64,
    pub timings: Vec<QueryTiming>,
    pub import_rows: u32,
    pub import_secs: f64,
    /// CPU time of the import (user and kernel, this thread): what the wall time would be
    /// on an idle machine, less waiting for the disk. The machine may be shared.
    pub import_cpu_secs: Option<f64>,
    /// The load average when the import started (1 minute).
    pub load_average: Option<f64>,
    /// The same file again: every row unchanged, nothing written.
    pub reimport_secs: f64,
    /// A re-export where every row changed (a title edited): all updates.
    pub update_import_secs: f64,
}

impl fmt::Display for ComplaintBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} complaints, {} events, {:.0} MiB (generated in {:.1} s)",
            self.complaints, self.events, self.database_mib, self.generation_secs
        )?;
        writeln!(f, "{}", super::TIMING_HEADER)?;
        for timing in &self.timings {
            writeln!(f, "{timing}")?;
        }
        writeln!(
            f,
            "CSV import of {} new rows: {:.2} s ({} CPU, load average {}); the same file again (nothing new): {:.2} s; \
             every row changed: {:.2} s",
            self.import_rows,
            self.import_secs,
            self.import_cpu_secs.map_or("?".to_owned(), |secs| format!("{secs:.2} s")),
            self.load_average.map_or("?".to_owned(), |load| format!("{load:.1}")),
            self.reimport_secs,
            self.update_import_secs
        )
    }
}

pub fn run(
    data_dir: Option<&Path>,
    years: i32,
    complaints: u64,
    import_rows: u32,
    repeat: u32,
) -> Result<ComplaintBench, CoreError> {
    let scratch = tempfile::tempdir()?;
    let dir = data_dir.unwrap_or(scratch.path());
    let mut desk = super::secretary_desk(dir)?;
    let started = Instant::now();
    if count(&desk, "complaints")? < complaints {
        desk.demo().generate_complaint_history(years, complaints)?;
    }
    let generation_secs = started.elapsed().as_secs_f64();
    let today = desk.today();
    let this_year_from = format!("{}-01", today.year());
    let this_month = format!("{}-{:02}", today.year(), today.month());
    let timings = vec![
        QueryTiming::measure("per-agency summary (10 years)", repeat, &mut || {
            Ok(desk.complaints().summary(None, None)?.by_agency.len())
        })?,
        QueryTiming::measure("per-agency summary (this year)", repeat, &mut || {
            Ok(desk.complaints().summary(Some(&this_year_from), Some(&this_month))?.by_agency.len())
        })?,
        QueryTiming::measure("rapim item (this year)", repeat, &mut || {
            Ok(desk.complaints().rapim(Some(&this_year_from), Some(&this_month))?.agencies_behind.len())
        })?,
        // The period filters (issue 18): a quarter, a month, a run of months.
        QueryTiming::measure("rapim item (a quarter)", repeat, &mut || {
            let quarter = Period::Quarter { year: today.year() - 2, quarter: 3 };
            Ok(desk.complaints().rapim_in(&quarter)?.agencies_behind.len())
        })?,
        QueryTiming::measure("rapim item (a month)", repeat, &mut || {
            let month = Period::Month { year: today.year() - 5, month: 7 };
            Ok(desk.complaints().rapim_in(&month)?.agencies_behind.len())
        })?,
        QueryTiming::measure("per-agency summary (12 months)", repeat, &mut || {
            Ok(desk
                .complaints()
                .summary(Some(&format!("{}-07", today.year() - 4)), Some(&format!("{}-06", today.year() - 3)))?
                .by_agency
                .len())
        })?,
        QueryTiming::measure("overdue list (first 100)", repeat, &mut || {
            let filter = ComplaintFilter { overdue_only: true, limit: Some(100), ..ComplaintFilter::default() };
            Ok(desk.complaints().list(&filter)?.len())
        })?,
        QueryTiming::measure("one agency's complaints (100)", repeat, &mut || {
            let filter =
                ComplaintFilter { agency_code: Some("DINKES".into()), limit: Some(100), ..ComplaintFilter::default() };
            Ok(desk.complaints().list(&filter)?.len())
        })?,
    ];
    let csv = lapor_csv(&mut desk, import_rows, "")?;
    let load_average = load_average();
    let (started, cpu_before) = (Instant::now(), cpu_secs());
    desk.complaints().import("LAPOR! bench", "bench.csv", csv.as_bytes(), &[], false)?;
    let import_secs = started.elapsed().as_secs_f64();
    let import_cpu_secs = cpu_secs().zip(cpu_before).map(|(after, before)| after - before);
    let started = Instant::now();
    desk.complaints().import("LAPOR! bench", "bench.csv", csv.as_bytes(), &[], false)?;
    let reimport_secs = started.elapsed().as_secs_f64();
    let changed = lapor_csv(&mut desk, import_rows, " (diperbarui)")?;
    let started = Instant::now();
    desk.complaints().import("LAPOR! bench", "bench-2.csv", changed.as_bytes(), &[], false)?;
    let update_import_secs = started.elapsed().as_secs_f64();
    Ok(ComplaintBench {
        complaints: count(&desk, "complaints")?,
        events: desk.status()?.event_count,
        generation_secs,
        database_mib: std::fs::metadata(dir.join(ikp_core::desk::DB_FILE))?.len() as f64 / 1_048_576.0,
        timings,
        import_rows,
        import_secs,
        import_cpu_secs,
        load_average,
        reimport_secs,
        update_import_secs,
    })
}

/// A semicolon CSV as LAPOR! exports it: Indonesian headers, dates with times,
/// kecamatan by name, the agency by code, LAPOR!'s own status words.
fn lapor_csv(desk: &mut Desk, rows: u32, suffix: &str) -> Result<String, CoreError> {
    let agencies: Vec<String> = desk.agencies().list()?.into_iter().map(|agency| agency.code).collect();
    let kecamatan = ikp_core::demo::KECAMATAN;
    let today = desk.today();
    let statuses = ["Belum Terverifikasi", "Belum Ditindaklanjuti", "Proses", "Selesai"];
    let mut csv = String::from(
        "ID Laporan;Tanggal Laporan;Sumber;Klasifikasi;Kategori;Judul;Kecamatan;Desa;Disposisi;Status;Tanggal Disposisi;Tanggal Selesai\n",
    );
    for row in 0..rows as usize {
        // A year of reports: those older than a month mostly closed, as in a real export.
        let age = (row % 365) as i64 + 5;
        let received = today - Duration::days(age);
        let agency = if row % 4 == 0 && age <= 30 { "" } else { agencies[row % agencies.len()].as_str() };
        let status = match (agency.is_empty(), age > 30 && row % 12 != 0) {
            (true, _) => statuses[0],
            (false, true) => "Selesai",
            (false, false) => statuses[1 + row % 2],
        };
        let disposed = if agency.is_empty() { String::new() } else { (received + Duration::days(1)).to_string() };
        let completed = if status == "Selesai" { (received + Duration::days(6)).to_string() } else { String::new() };
        csv.push_str(&format!(
            "LAPOR-IMPORT-{row:08};{} 08:{:02};Website LAPOR!;Pengaduan;Jalan rusak;Jalan berlubang di RT {}{suffix};{};Sukamaju;{agency};{status};{disposed};{completed}\n",
            received.format("%d/%m/%Y"),
            row % 60,
            row % 20,
            kecamatan[row % kecamatan.len()],
        ));
    }
    Ok(csv)
}

/// This thread's time on a CPU so far (Linux: the first field of its schedstat, in ns).
fn cpu_secs() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(text.split_whitespace().next()?.parse::<u64>().ok()? as f64 / 1e9)
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}
