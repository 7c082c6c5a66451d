//! `ikp bench sync-regency` at a small size, so the scale simulation cannot rot: a root
//! and four laptops (three agencies, one kecamatan) live their month and converge through
//! one watched folder.

use std::process::Command;

#[test]
fn a_small_regency_converges_through_one_watched_folder() {
    let scratch = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ikp"))
        .arg("--data-dir")
        .arg(scratch.path())
        .args(["--json", "bench", "sync-regency", "--laptops", "4"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["converged"], true, "{report:#}");
    assert_eq!((report["agencies"].as_u64(), report["kecamatan"].as_u64()), (Some(3), Some(1)));
    // Every laptop's file reached the root in one look, and everything made arrived
    // everywhere (the bench compares each laptop's digest and log with the root's).
    assert_eq!(report["root_import_files"], 4, "{report:#}");
    assert!(report["root_import_new_events"].as_u64().unwrap() > 4 * 20, "{report:#}");
    assert_eq!(report["converged_events"], report["events_total"], "{report:#}");
    assert!(report["duplicate_deliveries"].as_u64().unwrap() > 0, "{report:#}");
}
