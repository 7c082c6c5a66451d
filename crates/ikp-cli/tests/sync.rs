//! Sync by files through the `ikp` binary: enrolment, export and import, and an import
//! killed with SIGKILL at random moments, which must leave each bundle fully in or out.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn ikp(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ikp")).arg("--data-dir").arg(data_dir).args(args).output().unwrap()
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: Output) -> serde_json::Value {
    serde_json::from_str(&ok(output)).unwrap()
}

/// The trust root's fingerprint as the root's own laptop shows it.
fn root_fingerprint(root: &Path) -> String {
    json(ikp(root, &["--json", "enrol", "status"]))["trust_root"].as_str().unwrap().to_owned()
}

fn state(dir: &Path) -> (u64, String) {
    let status = json(ikp(dir, &["--json", "status"]));
    let rebuild = json(ikp(dir, &["--json", "rebuild"]));
    assert_eq!(rebuild["digest_before"], rebuild["digest_after"], "projections match a replay of the log");
    (status["eventCount"].as_u64().unwrap(), rebuild["digest_after"].as_str().unwrap().to_owned())
}

#[test]
fn a_laptop_is_enrolled_and_exchanges_bundles_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let agency = tempfile::tempdir().unwrap();
    let (r, a) = (root.path(), agency.path());
    ok(ikp(r, &["setup", "--role", "regent", "--name", "Bupati"]));
    ok(ikp(r, &["demo"]));
    let request = a.join("request.ikp");
    let answer = a.join("answer.ikp");
    ok(ikp(a, &["setup", "--role", "agency_staff", "--agency", "DP3A", "--name", "Rina"]));
    ok(ikp(a, &["enrol", "request", "--out", request.to_str().unwrap()]));
    let approved = ok(ikp(r, &["enrol", "approve", request.to_str().unwrap(), "--out", answer.to_str().unwrap()]));
    assert!(approved.contains("enrolled Rina"), "{approved}");
    // The answer alone pins nothing: a person compares the root's fingerprint first.
    let before = state(a);
    let unconfirmed = ikp(a, &["import", answer.to_str().unwrap()]);
    let fingerprint = root_fingerprint(r);
    let said = String::from_utf8_lossy(&unconfirmed.stderr);
    assert!(!unconfirmed.status.success() && said.contains(&fingerprint), "{said}");
    assert_eq!(state(a), before, "nothing imported before the root is confirmed");
    let wrong = ikp(a, &["import", answer.to_str().unwrap(), "--trust-root", "0000 0000 0000 0000 0000 0000"]);
    assert!(!wrong.status.success());
    assert_eq!(state(a), before, "nor with another fingerprint");
    let report =
        json(ikp(a, &["--json", "import", answer.to_str().unwrap(), "--trust-root", &fingerprint.to_uppercase()]));
    assert!(report["pinnedRoot"].is_string(), "{report}");
    assert!(report["newEvents"].as_u64().unwrap() > 1);

    // Demo data is each laptop's own: it is held back, never sent.
    let export = json(ikp(r, &["--json", "export", "--out", a.join("all.ikp").to_str().unwrap()]));
    assert!(export["heldBack"].as_u64().unwrap() > 50, "{export}");

    let back = r.join("from-dp3a.ikp");
    ok(ikp(a, &["export", "--out", back.to_str().unwrap()]));
    let text = ok(ikp(r, &["import", back.to_str().unwrap()]));
    assert!(text.contains("already known"), "{text}");
    ok(ikp(r, &["check"]));
    ok(ikp(a, &["check"]));

    // A damaged file is refused with its cause and exit code 2.
    let damaged = r.join("damaged.ikp");
    let mut bytes = std::fs::read(&back).unwrap();
    bytes.truncate(bytes.len() - 3);
    std::fs::write(&damaged, &bytes).unwrap();
    let refused = ikp(r, &["import", damaged.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Truncated"));
}

/// SplitMix64: reproducible kill moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_bundle_fully_in_or_out() {
    let trials: u64 = std::env::var("IKP_CRASH_TRIALS").ok().and_then(|n| n.parse().ok()).unwrap_or(20);
    let work = tempfile::tempdir().unwrap();
    let (root, fresh) = (work.path().join("root"), work.path().join("fresh"));
    ok(ikp(&root, &["setup", "--role", "regent", "--name", "Bupati"]));
    ok(ikp(&fresh, &["setup", "--role", "secretary", "--name", "Sekda"]));
    let request = work.path().join("request.ikp");
    let answer = work.path().join("answer.ikp");
    let bundle = work.path().join("bundle.ikp");
    ok(ikp(&fresh, &["enrol", "request", "--out", request.to_str().unwrap()]));
    ok(ikp(&root, &["enrol", "approve", request.to_str().unwrap(), "--out", answer.to_str().unwrap()]));
    ok(ikp(&fresh, &["import", answer.to_str().unwrap(), "--trust-root", &root_fingerprint(&root)]));
    // The bundle under test: thousands of the root's events the fresh laptop lacks.
    {
        let mut desk = ikp_core::Desk::open(&root).unwrap();
        desk.demo().generate_own_events(6_000).unwrap();
    }
    ok(ikp(&root, &["export", "--out", bundle.to_str().unwrap()]));
    let before = state(&fresh);

    // One clean import: the reference outcome and how long an import takes.
    let reference_dir = work.path().join("reference");
    copy_dir(&fresh, &reference_dir);
    // Watched: when its write-ahead log first appears is when it starts writing.
    let started = Instant::now();
    let mut reference = Command::new(env!("CARGO_BIN_EXE_ikp"))
        .arg("--data-dir")
        .arg(&reference_dir)
        .args(["import", bundle.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut writing_from = None;
    while reference.try_wait().unwrap().is_none() {
        let wal = std::fs::metadata(reference_dir.join("ikp.db-wal")).map(|meta| meta.len()).unwrap_or(0);
        if writing_from.is_none() && wal > 0 {
            writing_from = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let duration = started.elapsed();
    let writing_from = writing_from.unwrap_or(duration / 2);
    let after = state(&reference_dir);
    assert!(after.0 > before.0 + 6_000);

    let mut rng = Rng(20261129);
    let (mut fully_in, mut fully_out, mut mid_write) = (0, 0, 0);
    for trial in 0..trials {
        let dir = work.path().join(format!("trial-{trial}"));
        copy_dir(&fresh, &dir);
        let span = duration.as_micros() as u64 * 11 / 10 + 1;
        let writing = duration.saturating_sub(writing_from).as_micros() as u64;
        let wait = Duration::from_micros(rng.next() % span);
        let mut child = Command::new(env!("CARGO_BIN_EXE_ikp"))
            .arg("--data-dir")
            .arg(&dir)
            .args(["import", bundle.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if trial % 2 == 0 {
            std::thread::sleep(wait);
        } else {
            // Every other kill waits for the import to start writing, then lands within
            // the time the reference import went on writing.
            let wal = dir.join("ikp.db-wal");
            while child.try_wait().unwrap().is_none() && std::fs::metadata(&wal).map_or(0, |meta| meta.len()) == 0 {
                std::thread::sleep(Duration::from_micros(100));
            }
            std::thread::sleep(Duration::from_micros(rng.next() % (writing / 2 + 1)));
        }
        let running = child.try_wait().unwrap().is_none();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        // A write-ahead log left behind by a killed process: the kill landed while the
        // import was writing (a finished process checkpoints and removes it).
        let wal = std::fs::metadata(dir.join("ikp.db-wal")).map(|meta| meta.len()).unwrap_or(0);
        if running && wal > 0 {
            mid_write += 1;
        }

        ok(ikp(&dir, &["check"]));
        let now = state(&dir);
        if now == before {
            fully_out += 1;
        } else {
            assert_eq!(now, after, "trial {trial} (killed after {wait:?}): the bundle is partly in");
            fully_in += 1;
        }
        ok(ikp(&dir, &["import", bundle.to_str().unwrap()]));
        assert_eq!(state(&dir), after, "trial {trial}: re-import converges");
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "{trials} kills over a {duration:?} import: {fully_out} left it out, {fully_in} had it in, \
         {mid_write} landed while it was writing"
    );
    assert!(mid_write > 0, "no kill landed while the import was writing: the test proved nothing");
}
