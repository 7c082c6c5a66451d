//! `ikp bench import-memory`: the peak memory of importing crafted files, each into a
//! fresh laptop that trusts the sender's root. The bound is 256 MB for any file;
//! the cases are the largest honest files and the cheapest hostile ones. Linux only: the
//! peak is the process's high-water mark (`VmHWM`), reset before each import. With
//! `IKP_BENCH_RSS=1` each case also prints its resident memory by kind when it ends
//! (anonymous, file-backed: the binary itself is ~25 MB of the latter in a debug build).

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::{Hlc, SystemClock};
use ikp_core::event::SignedEvent;
use ikp_core::identity::DeviceKey;
use ikp_core::principal::Role;
use ikp_core::sync::bundle::{self, EvidenceFile, Header, RawEvent};
use ikp_core::sync::export::ExportScope;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

#[derive(Serialize, serde::Deserialize)]
pub struct MemoryCase {
    pub case: String,
    pub file_bytes: u64,
    pub outcome: String,
    pub peak_mb: f64,
    pub secs: f64,
}

#[derive(Serialize)]
pub struct ImportMemory {
    pub cases: Vec<MemoryCase>,
}

impl fmt::Display for ImportMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "peak resident memory of one import or export (imports: target ≤ 256 MB):")?;
        for case in &self.cases {
            writeln!(
                f,
                "  {:<52} {:>9.1} MiB file  {:>7.1} MB peak  {:>6.2} s  {}",
                case.case,
                case.file_bytes as f64 / (1024.0 * 1024.0),
                case.peak_mb,
                case.secs,
                case.outcome
            )?;
        }
        Ok(())
    }
}

/// Resets the high-water mark of resident memory to what is resident now.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb * 1024.0 / 1_000_000.0
}

fn outcome_of(result: &Result<ikp_core::sync::import::ImportReport, CoreError>) -> String {
    match result {
        Ok(report) => format!("imported {} new events", report.new_events),
        Err(err) => serde_json::to_value(err)
            .ok()
            .and_then(|value| {
                let code = value.get("code")?.as_str()?.to_owned();
                let problem = value.pointer("/detail/problem").and_then(|p| p.as_str()).map(str::to_owned);
                Some(problem.map_or(code.clone(), |problem| format!("{code} ({problem})")))
            })
            .unwrap_or_default(),
    }
}

/// Imports `file` in a process of its own (this binary again), so that nothing the
/// benchmark built counts towards the import's peak.
fn measure(case: &str, file: &Path, root: &DeviceKey) -> Result<MemoryCase, CoreError> {
    let mut command = std::process::Command::new(std::env::current_exe()?);
    command.args(["bench", "import-memory", "--file"]).arg(file).args(["--root", &root.id().to_hex()]);
    measure_in_child(case, command)
}

fn measure_export(case: &str, data_dir: &Path, in_memory: bool) -> Result<MemoryCase, CoreError> {
    let mut command = std::process::Command::new(std::env::current_exe()?);
    command.args(["bench", "import-memory", "--export-from"]).arg(data_dir);
    if in_memory {
        command.arg("--in-memory");
    }
    measure_in_child(case, command)
}

fn measure_in_child(case: &str, mut command: std::process::Command) -> Result<MemoryCase, CoreError> {
    let output = command.output()?;
    let mut measured: MemoryCase = serde_json::from_slice(&output.stdout).map_err(|err| CoreError::Storage {
        message: format!("the measuring process failed ({err}): {}", String::from_utf8_lossy(&output.stderr)),
    })?;
    measured.case = case.to_owned();
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    Ok(measured)
}

/// Imports `file` into a fresh laptop that pinned `root` and reports the peak.
pub fn measure_here(file: &Path, root: &str) -> Result<MemoryCase, CoreError> {
    let root = ikp_core::identity::DeviceId::from_hex(root)
        .ok_or_else(|| CoreError::invalid("root", ikp_core::InputProblem::NotAllowed))?;
    let dir = tempfile::tempdir()?;
    let mut target = Desk::open_profile(dir.path(), None, Arc::new(SystemClock))?;
    target.sync().pin_trust_root(root)?;
    let file_bytes = std::fs::metadata(file)?.len();
    reset_peak();
    let started = Instant::now();
    let result = target.sync().import_file(file, None);
    let secs = started.elapsed().as_secs_f64();
    if std::env::var_os("IKP_BENCH_RSS").is_some() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        eprintln!(
            "{}",
            status
                .lines()
                .filter(|line| line.starts_with("Rss") || line.starts_with("VmHWM"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    Ok(MemoryCase { case: String::new(), file_bytes, outcome: outcome_of(&result), peak_mb: peak_mb(), secs })
}

/// Exports the laptop in `data_dir` to a file and reports the peak.
pub fn measure_export_here(data_dir: &Path, in_memory: bool) -> Result<MemoryCase, CoreError> {
    let mut desk = Desk::open_profile(data_dir, None, Arc::new(SystemClock))?;
    let out = tempfile::tempdir()?;
    let file = out.path().join("semua.ikp");
    reset_peak();
    let started = Instant::now();
    let report = if in_memory {
        let (bytes, report) = desk.sync().export_bundle(&ExportScope::Everything)?;
        std::fs::write(&file, bytes)?;
        report
    } else {
        desk.sync().export_to_file(&file, &ExportScope::Everything)?
    };
    let secs = started.elapsed().as_secs_f64();
    let outcome = format!("exported {} events, {} evidence files", report.events, report.evidence_files);
    Ok(MemoryCase {
        case: String::new(),
        file_bytes: std::fs::metadata(&file)?.len(),
        outcome,
        peak_mb: peak_mb(),
        secs,
    })
}

/// A Regent's laptop whose letterhead logo was set ten times, each a 24 MiB file: every
/// file is named by an event, so an export carries all ten.
fn laptop_with_evidence(dir: &Path) -> Result<(), CoreError> {
    let mut desk = Desk::open(dir)?;
    desk.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bench".into() })?;
    for n in 0..10u8 {
        let bytes: Vec<u8> = (0..24u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 ^ n).collect();
        let kept = desk.evidence().attach_bytes(&format!("logo-{n}.png"), &bytes)?;
        desk.record(ikp_core::kinds::DomainEvent::RegencyLogoSet(ikp_core::regency::RegencyLogoSet {
            sha256: kept.sha256,
            file_name: kept.file_name,
            media_type: "image/png".into(),
        }))?;
    }
    Ok(())
}

/// Events whose bodies are `body_bytes` long, signed by `key` (a head name of that size).
fn fat_events(key: &DeviceKey, count: u64, body_bytes: usize) -> Vec<RawEvent> {
    (1..=count)
        .map(|seq| {
            let name = "a".repeat(body_bytes);
            let payload = serde_json::json!({"code": "DP3A", "head_name": name, "head_title": null, "head_nip": null});
            RawEvent::from(&SignedEvent::seal(
                key,
                seq,
                Hlc { wall_ms: 1_764_000_000_000 + seq, counter: 0 },
                "agency.profile_updated",
                1,
                payload,
            ))
        })
        .collect()
}

fn write(path: &Path, header: Header, events: &[RawEvent], evidence: &[EvidenceFile]) -> Result<(), CoreError> {
    std::fs::write(path, bundle::write(header, events, evidence))?;
    Ok(())
}

pub fn run(events: u64) -> Result<ImportMemory, CoreError> {
    let work = tempfile::tempdir()?;
    let work = work.path();
    let mut cases = Vec::new();

    // 1. The largest honest file: many signed events of the root.
    let source_dir = work.join("root");
    let mut source = Desk::open(&source_dir)?;
    source.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bench".into() })?;
    source.demo().generate_own_events(events)?;
    let honest = work.join("honest.ikp");
    source.sync().export_to_file(&honest, &ExportScope::Everything)?;
    let root_key = DeviceKey::from_secret(std::fs::read(source_dir.join("device.key"))?.try_into().expect("32 bytes"));
    drop(source);
    cases.push(measure(&format!("{events} signed events of the root"), &honest, &root_key)?);

    let root = Some(root_key.id().to_hex());
    let stranger = DeviceKey::from_secret([0x5a; 32]);

    // 2. A bomb: a small file that unpacks to ~1 GB of events by a key nobody enrolled.
    let bomb = work.join("bomb.ikp");
    write(&bomb, Header { root: root.clone(), ..Header::default() }, &fat_events(&stranger, 16, 60 << 20), &[])?;
    cases.push(measure("16 events of 60 MiB each by a stranger", &bomb, &root_key)?);

    // 2b. Within the limits: events of 15 MiB each, read by nobody (their author is unknown).
    let heavy = work.join("heavy.ikp");
    write(&heavy, Header { root: root.clone(), ..Header::default() }, &fat_events(&stranger, 6, 15 << 20), &[])?;
    cases.push(measure("6 events of 15 MiB each by a stranger", &heavy, &root_key)?);

    // 2c. Within the limits: the most events one file may carry, each refused.
    let many = work.join("many.ikp");
    write(&many, Header { root: root.clone(), ..Header::default() }, &fat_events(&stranger, 240_000, 8), &[])?;
    cases.push(measure("240,000 small events by a stranger", &many, &root_key)?);

    // 3. A million tiny events by a stranger: each refused.
    let swarm = work.join("swarm.ikp");
    write(&swarm, Header { root: root.clone(), ..Header::default() }, &fat_events(&stranger, 1_000_000, 8), &[])?;
    cases.push(measure("1,000,000 small events by a stranger", &swarm, &root_key)?);

    // 4. Evidence: ten 24 MiB files (of photos, say) that nothing names.
    let photos: Vec<EvidenceFile> = (0..10u8)
        .map(|n| {
            let bytes: Vec<u8> = (0..24u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 ^ n).collect();
            EvidenceFile { sha256: sha256(&bytes), bytes }
        })
        .collect();
    let evidence = work.join("evidence.ikp");
    write(&evidence, Header { root, ..Header::default() }, &[], &photos)?;
    drop(photos);
    cases.push(measure("ten 24 MiB evidence files", &evidence, &root_key)?);

    // 5. The other way: exporting a laptop whose events name ten 24 MiB files.
    let with_evidence = work.join("with-evidence");
    laptop_with_evidence(&with_evidence)?;
    cases.push(measure_export("export (in memory, as before): ten 24 MiB files", &with_evidence, true)?);
    cases.push(measure_export("export to a file: ten 24 MiB files streamed", &with_evidence, false)?);
    Ok(ImportMemory { cases })
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}
