//! The watched folder as the app runs it: a folder is chosen only when it can serve, and
//! the watch loop — borrowing the laptop's data only for each look, as the app's window
//! does between commands — imports a file dropped in by another laptop and rewrites its
//! own file soon after a nudge, without waiting for its quiet look.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ikp_core::sync::folder::{self, file_name, Changes, FolderWatch, SyncFolderProblem};
use ikp_core::CoreError;

use crate::harness::staff_of;
use crate::sync::*;

fn refusal(outcome: ikp_core::Result<Option<std::path::PathBuf>>) -> SyncFolderProblem {
    match outcome {
        Err(CoreError::SyncFolderUnusable { problem, .. }) => problem,
        other => panic!("expected the folder to be refused, got {other:?}"),
    }
}

#[test]
fn a_sync_folder_is_kept_only_when_it_can_serve() {
    let mut root = root();
    let shared = scratch();
    let chosen = root.desk.choose_sync_folder(Some(shared.path())).unwrap();
    assert_eq!(chosen.as_deref(), Some(shared.path()));
    let file = shared.path().join("catatan.txt");
    std::fs::write(&file, "bukan folder").unwrap();
    let inside_data = root.desk.data_dir().join("berbagi");
    std::fs::create_dir_all(&inside_data).unwrap();
    let data_dir = root.desk.data_dir().to_owned();
    let missing = shared.path().join("belum-ada");
    let mut cases: Vec<(&Path, SyncFolderProblem)> = vec![
        (Path::new("berbagi/ikp"), SyncFolderProblem::NotAbsolute),
        (&missing, SyncFolderProblem::NotFound),
        (&file, SyncFolderProblem::NotAFolder),
        (&inside_data, SyncFolderProblem::OverlapsDataFolder),
        (&data_dir, SyncFolderProblem::OverlapsDataFolder),
    ];
    // A folder nobody can write into, even root (the tests may run as root).
    #[cfg(target_os = "linux")]
    cases.push((Path::new("/proc/self"), SyncFolderProblem::NotWritable));
    for (folder, problem) in cases {
        assert_eq!(refusal(root.desk.choose_sync_folder(Some(folder))), problem, "{}", folder.display());
        assert_eq!(root.desk.sync_folder().unwrap().as_deref(), Some(shared.path()), "the earlier choice stands");
    }
    let probes: Vec<_> = std::fs::read_dir(shared.path()).unwrap().flatten().map(|entry| entry.file_name()).collect();
    assert_eq!(probes, ["catatan.txt"], "the writability probe leaves nothing behind");
    assert_eq!(root.desk.choose_sync_folder(None).unwrap(), None);
    assert_eq!(root.desk.sync_folder().unwrap(), None);
}

#[test]
fn the_watch_loop_imports_a_dropped_file_and_answers_a_nudge() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let shared = scratch();
    let folder = shared.path().to_owned();
    let before = root.state().1;
    let root = Arc::new(Mutex::new(root));
    let stop = Arc::new(AtomicBool::new(false));
    let changes = Changes::new();
    let nudge = changes.nudger();
    let runner = {
        let (root, stop, folder) = (Arc::clone(&root), Arc::clone(&stop), folder.clone());
        std::thread::spawn(move || {
            let settle = Duration::from_millis(150);
            folder::watch(&folder, settle, &stop, changes, |state| state.look(&mut root.lock().unwrap().desk), |_| {})
        })
    };
    let own_file = folder.join(file_name(root.lock().unwrap().desk.device_id()));
    wait_for("the root's first file", || own_file.exists());

    // Another laptop's file, dropped in as an engine would: the loop reads it unasked.
    dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    FolderWatch::new(&folder).look(&mut dp3a.desk).unwrap();
    wait_for("DP3A's file imported", || root.lock().unwrap().state().1 > before);

    // A change made on the root between looks: a nudge has the file rewritten well
    // before the 30 s quiet look.
    let written = std::fs::metadata(&own_file).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    root.lock().unwrap().desk.record(head_of("BPBD", "Bambang")).unwrap();
    nudge.send(()).unwrap();
    wait_for("the root's file rewritten", || std::fs::metadata(&own_file).unwrap().modified().unwrap() > written);

    stop.store(true, Ordering::Relaxed);
    runner.join().unwrap();
}

/// Polls `done` for up to 5 s: the app promises a dropped file within that.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(5), "{what}: not within 5 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}
