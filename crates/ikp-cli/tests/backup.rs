//! `ikp backup` and `ikp restore` on real data directories: a backup survives damage to
//! the live database, and a restore refuses a damaged copy without touching anything.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::{Command, Output};

fn ikp(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ikp")).arg("--data-dir").arg(data_dir).args(args).output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn event_count(data_dir: &Path) -> u64 {
    json(&ikp(data_dir, &["--json", "status"]))["eventCount"].as_u64().unwrap()
}

/// Overwrites 64 KiB in the middle of a file with garbage, as a failing disk would.
fn damage(path: &Path) {
    let len = std::fs::metadata(path).unwrap().len();
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(len / 3)).unwrap();
    file.write_all(&[0xA5; 64 * 1024]).unwrap();
}

#[test]
fn backup_then_damage_then_restore_passes_check_and_keeps_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    json(&ikp(data, &["--json", "demo"]));
    json(&ikp(data, &["--json", "setup", "--role", "regent", "--name", "Bupati"]));
    let before = event_count(data);
    let backup = json(&ikp(data, &["--json", "backup"]));
    let name = backup["name"].as_str().unwrap().to_owned();
    assert!(data.join("backups").join(&name).exists());
    assert_eq!(json(&ikp(data, &["--json", "backup", "--list"]))[0]["name"], name.as_str());

    // The disk fails under the live database (the app is closed: no -wal left).
    damage(&data.join("ikp.db"));
    let damaged = ikp(data, &["check"]);
    assert!(!damaged.status.success(), "check must notice the damage");

    let restored = json(&ikp(data, &["--json", "restore", &name]));
    assert_eq!(restored["events"].as_u64().unwrap(), before);
    let check = ikp(data, &["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    assert_eq!(event_count(data), before, "nothing committed before the backup is lost");
    // The damaged file is set aside, not deleted.
    let aside = Path::new(restored["setAside"].as_str().unwrap());
    assert!(aside.join("ikp.db").exists());
}

#[test]
fn a_damaged_backup_is_refused_and_the_live_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    json(&ikp(data, &["--json", "demo"]));
    let name = json(&ikp(data, &["--json", "backup"]))["name"].as_str().unwrap().to_owned();
    damage(&data.join("backups").join(&name));
    let live_before = std::fs::read(data.join("ikp.db")).unwrap();

    let refused = ikp(data, &["restore", &name]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains(&format!("backup `{name}` is damaged")), "{stderr}");
    assert_eq!(std::fs::read(data.join("ikp.db")).unwrap(), live_before, "nothing written");
    assert!(!data
        .join("backups")
        .read_dir()
        .unwrap()
        .any(|entry| { entry.unwrap().file_name().to_string_lossy().starts_with("before-restore") }));

    let unknown = ikp(data, &["restore", "../ikp.db"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no backup named"), "a path is not a backup name");
}

#[test]
fn only_the_last_seven_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    json(&ikp(data, &["--json", "init"]));
    let mut names = Vec::new();
    for _ in 0..9 {
        names.push(json(&ikp(data, &["--json", "backup"]))["name"].as_str().unwrap().to_owned());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let listed: Vec<String> = json(&ikp(data, &["--json", "backup", "--list"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|backup| backup["name"].as_str().unwrap().to_owned())
        .collect();
    names.reverse();
    assert_eq!(listed, names[..7].to_vec(), "newest first, the two oldest pruned");
}
