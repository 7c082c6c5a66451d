//! Sync through a watched folder: each laptop writes its own file there and imports the
//! others' once they are complete; an engine's half-written file is never read, a file
//! from a laptop nobody enrolled is quarantined and named, and two laptops converge.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use ikp_core::sync::folder::{file_name, FolderPass, FolderWatch};

use ikp_tests::files::names_in;

use crate::harness::staff_of;
use crate::instructions::child_violence_case;
use crate::sync::*;

/// Longer than the pauses of the slow writer below, as `WATCH_SETTLE` is longer than an
/// engine's.
const SETTLE: Duration = Duration::from_millis(150);

/// Passes of both laptops over their folders (one shared folder, or two an engine keeps
/// in step) until they hold the same data and a round changed nothing, or `limit` passes.
pub(crate) fn exchange(
    a: (&mut Laptop, &mut FolderWatch),
    b: (&mut Laptop, &mut FolderWatch),
    settle: Duration,
    limit: Duration,
) -> Vec<FolderPass> {
    let started = Instant::now();
    let mut passes = Vec::new();
    loop {
        let first = a.1.look(&mut a.0.desk).unwrap();
        let second = b.1.look(&mut b.0.desk).unwrap();
        let quiet = !first.changed_anything() && !second.changed_anything() && second.waiting.is_empty();
        passes.push(first);
        passes.push(second);
        if quiet && a.0.state() == b.0.state() {
            return passes;
        }
        assert!(started.elapsed() < limit, "no convergence in {limit:?}: {passes:#?}");
        std::thread::sleep(settle);
    }
}

fn imported_or_refused(pass: &FolderPass) -> bool {
    !pass.imported.is_empty() || !pass.refused.is_empty()
}

#[test]
fn a_file_being_written_is_read_only_once_complete() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    let bytes = dp3a.bundle();
    let folder = scratch();
    let path = folder.path().join(file_name(dp3a.desk.device_id()));
    let log_before = root.state().1;
    // An engine writing in place, in chunks, pausing less than the settle interval.
    let writer = std::thread::spawn(move || {
        let mut file = std::fs::File::create(&path).unwrap();
        for chunk in bytes.chunks(bytes.len().div_ceil(10)) {
            file.write_all(chunk).unwrap();
            file.flush().unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
    });
    let mut watch = FolderWatch::new(folder.path());
    let mut looks_while_writing = 0;
    while !writer.is_finished() {
        let pass = watch.look(&mut root.desk).unwrap();
        assert!(!imported_or_refused(&pass), "a half-written file was read: {pass:?}");
        looks_while_writing += 1;
        std::thread::sleep(SETTLE);
    }
    writer.join().unwrap();
    assert!(looks_while_writing >= 2, "the writer was too quick to test anything");
    assert_eq!(root.state().1, log_before);
    let pass = watch.once(&mut root.desk, SETTLE).unwrap();
    assert!(pass.refused.is_empty(), "{pass:?}");
    assert_eq!(pass.imported.len(), 1, "{pass:?}");
    assert_eq!(pass.imported[0].new_events, 1);
    assert_eq!(root.state().1, log_before + 1);
}

#[test]
fn a_file_from_a_laptop_nobody_enrolled_is_quarantined_and_named() {
    let mut root = root();
    // A laptop of another regency: its own root, never enrolled by ours.
    let stranger = crate::sync::laptop(9, 0);
    let mut stranger = stranger;
    stranger.desk.setup_device(crate::harness::leader(ikp_core::principal::Role::Regent)).unwrap();
    stranger
        .desk
        .record(ikp_core::kinds::DomainEvent::AgencyRegistered(ikp_core::agency::AgencyRegistered {
            code: "DP3A".into(),
            name: "Dinas Penyusup".into(),
            short_name: "DP3A".into(),
            kind: ikp_core::agency::AgencyKind::Dinas,
        }))
        .unwrap();
    let folder = scratch();
    let name = file_name(stranger.desk.device_id());
    std::fs::write(folder.path().join(&name), stranger.bundle()).unwrap();
    let before = root.state();
    let pass = FolderWatch::new(folder.path()).once(&mut root.desk, SETTLE).unwrap();
    assert_eq!(pass.quarantined, std::slice::from_ref(&name));
    assert!(pass.imported.is_empty() && pass.refused.is_empty(), "{pass:?}");
    assert_eq!(root.state(), before, "nothing of the stranger's file was imported");
    assert!(folder.path().join(&name).exists(), "the file is left for its owner's folder");
}

#[test]
fn two_laptops_converge_through_one_folder_and_a_quiet_pass_does_nothing() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let detail = root.desk.instructions().issue(child_violence_case()).unwrap();
    let folder = scratch();
    let (mut root_watch, mut dp3a_watch) = (FolderWatch::new(folder.path()), FolderWatch::new(folder.path()));
    exchange((&mut root, &mut root_watch), (&mut dp3a, &mut dp3a_watch), SETTLE, Duration::from_secs(20));
    assert!(dp3a.desk.instructions().detail(&detail.summary.id).is_ok(), "the instruction reached DP3A");
    report_progress(&mut dp3a, &detail.indicators[0].id);
    exchange((&mut root, &mut root_watch), (&mut dp3a, &mut dp3a_watch), SETTLE, Duration::from_secs(20));
    assert_eq!(root.state(), dp3a.state());
    let names = names_in(folder.path());
    assert_eq!(names.len(), 2, "one file per laptop, nothing else left: {names:?}");

    // Nothing new: no file is written, none is opened again.
    for (laptop, watch) in [(&mut root, &mut root_watch), (&mut dp3a, &mut dp3a_watch)] {
        let before = (laptop.state(), modified(folder.path()));
        let pass = watch.once(&mut laptop.desk, SETTLE).unwrap();
        assert_eq!(pass.written, None, "{pass:?}");
        assert!(pass.imported.is_empty() && pass.waiting.is_empty(), "{pass:?}");
        assert_eq!(pass.already_imported, 1, "{pass:?}");
        assert_eq!((laptop.state(), modified(folder.path())), before);
    }
}

#[test]
fn a_laptop_s_file_replaced_under_its_name_is_written_again() {
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let folder = scratch();
    let mut watch = FolderWatch::new(folder.path());
    assert!(watch.look(&mut root.desk).unwrap().written.is_some());
    let own = folder.path().join(file_name(root.desk.device_id()));
    let sender_of = |path: &Path| ikp_core::sync::bundle::read(&std::fs::read(path).unwrap()).unwrap().header.sender;
    assert_eq!(sender_of(&own), root.desk.device_id().to_hex());

    // An enrolled laptop writes its own file under the root's name, which would keep the
    // root's data out of the folder for as long as the root's log stays the same.
    dp3a.desk.record(head_of("DP3A", "Rina")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&own, dp3a.bundle()).unwrap();
    let pass = watch.look(&mut root.desk).unwrap();
    assert!(pass.written.is_some(), "the replaced file is written again: {pass:?}");
    assert_eq!(sender_of(&own), root.desk.device_id().to_hex());
    assert_eq!(watch.look(&mut root.desk).unwrap().written, None, "and then left alone");
}

#[test]
fn a_missing_folder_is_a_state_not_an_error() {
    let mut root = root();
    let folder = scratch();
    let stick = folder.path().join("usb");
    let mut watch = FolderWatch::new(&stick);
    let pass = watch.look(&mut root.desk).unwrap();
    assert!(!pass.folder_present && pass.written.is_none(), "{pass:?}");
    std::fs::create_dir(&stick).unwrap();
    let pass = watch.look(&mut root.desk).unwrap();
    assert!(pass.folder_present && pass.written.is_some(), "{pass:?}");
    assert_eq!(names_in(&stick), [file_name(root.desk.device_id())]);
}

fn modified(folder: &Path) -> Vec<(String, std::time::SystemTime)> {
    names_in(folder)
        .into_iter()
        .map(|name| {
            let time = std::fs::metadata(folder.join(&name)).unwrap().modified().unwrap();
            (name, time)
        })
        .collect()
}

/// DP3A reports 4 on an indicator of its instruction: the change that travels back.
pub(crate) fn report_progress(dp3a: &mut Laptop, indicator_id: &str) {
    dp3a.desk
        .instructions()
        .report_progress(ikp_core::instruction::ops::ProgressInput {
            indicator_id: indicator_id.into(),
            value: "4".into(),
            reported_on: None,
            note: "Pendampingan minggu ini".into(),
            evidence: vec![],
        })
        .unwrap();
}

/// Set for the child process of the test below: the data folder and the sync folder of
/// the laptop whose look is killed mid-import.
const KILLED_LOOK: &str = "IKP_TEST_KILLED_LOOK";

/// The shipped app aborts on a panic. Were a file the cause, every start would read it
/// again and close again: a file the app stopped while reading is read alone once more
/// (the user may only have closed the app mid-import), and if the app stops again it is
/// set aside until it changes, which the pass says. Stopped here for real: a process
/// killed while it imports, twice.
#[test]
fn a_file_the_app_stopped_while_reading_twice_is_set_aside_until_it_changes() {
    if let Some(dirs) = std::env::var_os(KILLED_LOOK) {
        return look_until_killed(Path::new(&dirs));
    }
    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    // Enough events that the import takes seconds in a debug build.
    root.desk.demo().generate_own_events(40_000).unwrap();
    let folder = scratch();
    assert!(FolderWatch::new(folder.path()).look(&mut root.desk).unwrap().written.is_some());
    let dirs = scratch();
    std::fs::write(dirs.path().join("data"), dp3a.desk.data_dir().to_str().unwrap()).unwrap();
    std::fs::write(dirs.path().join("folder"), folder.path().to_str().unwrap()).unwrap();
    let before = dp3a.state();

    // Read first with whatever else settled, then alone.
    kill_while_importing(dirs.path(), dp3a.desk.data_dir(), false);
    assert_eq!(dp3a.state(), before, "nothing of the interrupted import was kept");
    kill_while_importing(dirs.path(), dp3a.desk.data_dir(), true);
    assert_eq!(dp3a.state(), before);

    let mut watch = FolderWatch::new(folder.path());
    let pass = watch.once(&mut dp3a.desk, SETTLE).unwrap();
    assert_eq!(pass.interrupted, [file_name(root.desk.device_id())], "{pass:?}");
    assert!(pass.imported.is_empty() && pass.refused.is_empty(), "{pass:?}");
    let pass = watch.once(&mut dp3a.desk, SETTLE).unwrap();
    assert!(pass.interrupted.is_empty() && pass.imported.is_empty(), "set aside once, then left: {pass:?}");
    assert_eq!(dp3a.state(), before);

    // The root's next change rewrites its file: read again, and whole.
    root.desk.record(head_of("DP3A", "Rina")).unwrap();
    assert!(FolderWatch::new(folder.path()).look(&mut root.desk).unwrap().written.is_some());
    let pass = watch.once(&mut dp3a.desk, SETTLE).unwrap();
    assert_eq!(pass.imported.len(), 1, "{pass:?}");
    assert_eq!(dp3a.state(), root.state());
}

/// Runs the test above as a child process (DP3A's laptop looking at the folder) and kills
/// it once it has begun to import, reading files `alone` or not by the note its look
/// keeps (the note of an earlier stop is there until the look replaces it).
fn kill_while_importing(dirs: &Path, data_dir: &Path, alone: bool) {
    let test = "a_file_the_app_stopped_while_reading_twice_is_set_aside_until_it_changes";
    let name = format!("{}::{test}", module_path!().split_once("::").unwrap().1);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &name, "--test-threads=1"])
        .env(KILLED_LOOK, dirs)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let database = rusqlite::Connection::open(data_dir.join(ikp_core::desk::DB_FILE)).unwrap();
    let reading = || -> Option<bool> {
        let note: String = database
            .query_row("SELECT value FROM local_state WHERE key = 'watched_folder_reading'", [], |row| row.get(0))
            .ok()?;
        serde_json::from_str::<serde_json::Value>(&note).unwrap()["alone"].as_bool()
    };
    let started = Instant::now();
    while reading() != Some(alone) {
        assert!(child.try_wait().unwrap().is_none(), "the look finished before it was stopped");
        assert!(started.elapsed() < Duration::from_secs(120), "the look never began to import");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(reading(), Some(alone), "killed while importing: the note stays");
}

/// The child's part: DP3A's laptop looks at the folder until the parent kills it.
fn look_until_killed(dirs: &Path) {
    let read = |name: &str| std::path::PathBuf::from(std::fs::read_to_string(dirs.join(name)).unwrap());
    let clock = std::sync::Arc::new(ikp_core::clock::SystemClock);
    let mut desk =
        ikp_core::Desk::open_as(&read("data"), ikp_core::identity::DeviceKey::from_secret([2; 32]), clock).unwrap();
    FolderWatch::new(&read("folder")).once(&mut desk, SETTLE).unwrap();
    panic!("the import ended before the parent stopped it: make the file larger");
}
