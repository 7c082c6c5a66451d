//! A real sync engine carries the watched folders' files: two Syncthing instances on
//! loopback, each with its own home, keys and API key, share one folder between the
//! Regent's laptop and DP3A's; an instruction issued at the root reaches DP3A and the
//! progress DP3A reports comes back, with no import by hand. Nothing leaves 127.0.0.1:
//! discovery, relays, NAT traversal, usage reports and upgrades are off.
//!
//! Without the `syncthing` binary the test fails saying so, unless
//! `IKP_ALLOW_NO_SYNCTHING=1` (a machine where it cannot be installed; `scripts/test`
//! installs it through `scripts/lib/deps.sh`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ikp_core::sync::folder::FolderWatch;

use crate::harness::staff_of;
use crate::instructions::child_violence_case;
use crate::sync::*;
use crate::sync_folder::{exchange, report_progress};

const LIMIT: Duration = Duration::from_secs(90);
/// Syncthing writes under `.syncthing.*.tmp` and renames: a short settle is enough.
const SETTLE: Duration = Duration::from_millis(300);

/// One Syncthing process, killed by its process id when dropped.
struct Engine {
    child: Child,
    home: PathBuf,
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn syncthing_missing() -> bool {
    Command::new("syncthing").arg("--version").output().map_or(true, |out| !out.status.success())
}

struct Node {
    home: PathBuf,
    folder: PathBuf,
    device_id: String,
    listen: u16,
    gui: u16,
}

fn generate(base: &Path, name: &str) -> Node {
    let home = base.join(format!("{name}-home"));
    let folder = base.join(format!("{name}-folder"));
    std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
    let status = Command::new("syncthing")
        .args(["generate", "--no-default-folder", "--skip-port-probing"])
        .arg(format!("--home={}", home.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "syncthing generate failed");
    let out = Command::new("syncthing").arg(format!("--home={}", home.display())).arg("--device-id").output().unwrap();
    let device_id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(device_id.len() > 50, "no device id: {device_id:?}");
    Node { home, folder, device_id, listen: free_port(), gui: free_port() }
}

/// Writes `node`'s whole configuration: the shared folder, the other device at its
/// loopback address, the GUI/REST API on loopback with its own key, and every way out
/// of loopback turned off.
fn configure(node: &Node, other: &Node) {
    let device = |n: &Node| {
        format!(
            r#"<device id="{}" name="{}" compression="metadata" introducer="false" autoAcceptFolders="false"><address>tcp://127.0.0.1:{}</address></device>"#,
            n.device_id, n.device_id, n.listen
        )
    };
    let config = format!(
        r#"<configuration version="36">
    <folder id="ikp-desk" label="ikp-desk" path="{folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me}"></device>
        <device id="{them}"></device>
        <minDiskFree unit="">0</minDiskFree>
    </folder>
    {my_device}
    {their_device}
    <gui enabled="true" tls="false"><address>127.0.0.1:{gui}</address><apikey>ikp-test-{gui}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <crashReportingEnabled>false</crashReportingEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <minHomeDiskFree unit="">0</minHomeDiskFree>
    </options>
</configuration>
"#,
        folder = node.folder.display(),
        me = node.device_id,
        them = other.device_id,
        my_device = device(node),
        their_device = device(other),
        gui = node.gui,
        listen = node.listen,
    );
    std::fs::write(node.home.join("config.xml"), config).unwrap();
}

fn start(node: &Node) -> Engine {
    let log = std::fs::File::create(node.home.join("test.log")).unwrap();
    let child = Command::new("syncthing")
        .args(["serve", "--no-browser", "--no-restart"])
        .arg(format!("--home={}", node.home.display()))
        .env("STNORESTART", "1")
        .env("STNOUPGRADE", "1")
        .env("STNODEFAULTFOLDER", "1")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    Engine { child, home: node.home.clone() }
}

#[test]
fn syncthing_carries_an_instruction_out_and_its_progress_back() {
    if syncthing_missing() {
        let reason = "the syncthing binary is not installed (scripts/lib/deps.sh installs it)";
        if std::env::var("IKP_ALLOW_NO_SYNCTHING").as_deref() == Ok("1") {
            eprintln!("skipped: {reason}");
            return;
        }
        panic!("{reason}; set IKP_ALLOW_NO_SYNCTHING=1 to skip where it cannot be installed");
    }
    let base = tempfile::tempdir().unwrap();
    let (a, b) = (generate(base.path(), "root"), generate(base.path(), "dp3a"));
    configure(&a, &b);
    configure(&b, &a);
    let engines = [start(&a), start(&b)];

    let mut root = root();
    let mut dp3a = enrol(&mut root, 2, staff_of("DP3A"));
    let detail = root.desk.instructions().issue(child_violence_case()).unwrap();
    let (mut root_watch, mut dp3a_watch) = (FolderWatch::new(&a.folder), FolderWatch::new(&b.folder));
    let started = Instant::now();
    let logs = || {
        engines.iter().map(|e| std::fs::read_to_string(e.home.join("test.log")).unwrap_or_default()).collect::<Vec<_>>()
    };
    let outward = Instant::now();
    while dp3a.desk.instructions().detail(&detail.summary.id).is_err() {
        assert!(
            started.elapsed() < LIMIT,
            "the instruction did not reach DP3A in {LIMIT:?}; engines said: {:#?}",
            logs()
        );
        root_watch.look(&mut root.desk).unwrap();
        dp3a_watch.look(&mut dp3a.desk).unwrap();
        std::thread::sleep(SETTLE);
    }
    let outward = outward.elapsed();
    report_progress(&mut dp3a, &detail.indicators[0].id);
    let back = Instant::now();
    exchange(
        (&mut root, &mut root_watch),
        (&mut dp3a, &mut dp3a_watch),
        SETTLE,
        LIMIT.saturating_sub(started.elapsed()),
    );
    let back = back.elapsed();
    let progress = root.desk.instructions().detail(&detail.summary.id).unwrap();
    assert_eq!(root.state(), dp3a.state());
    assert!(format!("{progress:?}").contains("Pendampingan minggu ini"), "the progress came back to the root");
    eprintln!("syncthing: instruction out in {outward:?}, progress back (and settled) in {back:?}");
}
