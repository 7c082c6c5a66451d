//! What an end-to-end session starts before the app: a private X display, the
//! tauri-driver binary, and free local ports, each waited for within a bound.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const START_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    in_cargo_home.filter(|path| path.exists()).unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// Starts Xvfb on the first display number nobody holds, in its own process group. With
/// `fbdir`, Xvfb keeps its screen in a file there (see [`crate::framebuffer`]).
pub(crate) fn start_xvfb(processes: &mut Vec<Child>, fbdir: Option<&Path>) -> u32 {
    for display in 90..190 {
        if display_in_use(display) {
            continue;
        }
        let mut xvfb = Command::new("Xvfb");
        xvfb.args([&format!(":{display}"), "-screen", "0", "1440x900x24", "-nolisten", "tcp"]);
        if let Some(fbdir) = fbdir {
            std::fs::create_dir_all(fbdir).expect("framebuffer directory");
            xvfb.arg("-fbdir").arg(fbdir);
        }
        let child = xvfb
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("Xvfb is not installed (apt-get install xvfb)");
        processes.push(child);
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
        let deadline = Instant::now() + START_TIMEOUT;
        while !socket.exists() {
            assert!(Instant::now() < deadline, "Xvfb :{display} did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        return display;
    }
    panic!("no free X display between :90 and :189");
}

/// Whether an X server holds this display. A lock file whose process is gone is stale
/// (every session kills its Xvfb with SIGKILL, which leaves the lock behind): Xvfb
/// removes such a lock itself when it starts, so the display is free.
fn display_in_use(display: u32) -> bool {
    match std::fs::read_to_string(format!("/tmp/.X{display}-lock")) {
        Err(_) => false,
        Ok(text) => text.trim().parse::<u32>().map_or(true, |pid| Path::new(&format!("/proc/{pid}")).exists()),
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port()
}

pub(crate) fn wait_for_port(port: u16) {
    let deadline = Instant::now() + START_TIMEOUT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
