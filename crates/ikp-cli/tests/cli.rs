//! The `ikp` binary on real data directories.

use std::path::Path;
use std::process::{Command, Output};

fn ikp(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ikp")).arg("--data-dir").arg(data_dir).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn demo_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let check = ikp(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("checked 65 events"), "{}", stdout(&check));
}

#[test]
fn one_flipped_byte_in_an_event_payload_fails_check_naming_that_event() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let db = dir.path().join("ikp.db");
    let target_id: String = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT lower(hex(id)) FROM events WHERE CAST(body AS TEXT) LIKE '%\"name\":\"Kecamatan Muaragembong\"%'",
            [],
            |row| row.get(0),
        )
        .unwrap()
    };
    // Closing the last connection checkpoints the WAL, so the event is in the main file.
    let mut bytes = std::fs::read(&db).unwrap();
    let needle = b"\"name\":\"Kecamatan Muaragembong\"";
    let at = bytes.windows(needle.len()).position(|window| window == needle).expect("payload is in the file");
    bytes[at + needle.len() - 3] ^= 0x01; // ...Muaragemb*o*ng → ...Muaragembnng
    std::fs::write(&db, &bytes).unwrap();

    let check = ikp(dir.path(), &["check"]);

    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let report = stdout(&check);
    assert!(report.contains(&format!("BAD EVENT {target_id}: content does not match its id")), "{report}");
    assert_eq!(report.matches("BAD EVENT").count(), 1, "only the damaged event is named: {report}");
}

#[test]
fn check_as_json_lists_the_bad_event() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo"]).status.success());
    let conn = rusqlite::Connection::open(dir.path().join("ikp.db")).unwrap();
    // A signature swapped for another event's: the body still hashes right, the signature does not fit.
    conn.execute_batch(
        "UPDATE events SET signature = (SELECT signature FROM events WHERE seq = 1)
         WHERE seq = 2",
    )
    .unwrap();
    drop(conn);
    let check = ikp(dir.path(), &["--json", "check"]);
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let bad = report["bad_events"].as_array().unwrap();
    assert_eq!(bad.len(), 1, "{report}");
    assert!(bad[0]["problem"].as_str().unwrap().contains("signature"), "{report}");
}

#[test]
fn rebuild_reports_equal_digests_and_events_lists_as_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ikp(dir.path(), &["demo", "--scale", "500"]).status.success());
    let rebuild = ikp(dir.path(), &["--json", "rebuild"]);
    assert!(rebuild.status.success());
    let report: serde_json::Value = serde_json::from_slice(&rebuild.stdout).unwrap();
    assert_eq!(report["digest_before"], report["digest_after"]);
    assert_eq!(report["report"]["events"], 565);
    let events = ikp(dir.path(), &["--json", "events", "--limit", "5"]);
    let list: serde_json::Value = serde_json::from_slice(&events.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5);
    assert_eq!(list[0]["kind"], "agency.profile_updated");
}

#[test]
fn setup_refusal_is_a_clear_error_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let refused = ikp(dir.path(), &["setup", "--role", "agency_staff", "--agency", "DP3A", "--name", "Rina"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no agency with code `DP3A`"));
}
