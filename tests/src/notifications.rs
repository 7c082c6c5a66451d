//! A real notification service for the end-to-end tests: dunst on a display of its own,
//! owning org.freedesktop.Notifications on the tests' session bus, so what the app asks
//! the operating system to show can be read back (`dunstctl`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::launch::start_xvfb;

pub struct NotificationService {
    processes: Vec<Child>,
}

impl NotificationService {
    /// Starts dunst and waits until it answers on the bus.
    pub fn start() -> NotificationService {
        let mut processes = Vec::new();
        let display = start_xvfb(&mut processes, None);
        let dunst = Command::new("dunst")
            .env("DISPLAY", format!(":{display}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst (scripts/lib/deps.sh installs it)");
        processes.push(dunst);
        let service = NotificationService { processes };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !service.answers() {
            assert!(Instant::now() < deadline, "dunst did not take the notification service");
            std::thread::sleep(Duration::from_millis(100));
        }
        service
    }

    fn answers(&self) -> bool {
        Command::new("dunstctl").arg("is-paused").output().is_ok_and(|output| output.status.success())
    }

    /// Every notification shown so far, as "summary: body" (shown ones are closed first,
    /// which moves them into dunst's history).
    pub fn shown(&self) -> Vec<String> {
        let closed = Command::new("dunstctl").arg("close-all").status().expect("dunstctl runs");
        assert!(closed.success(), "dunstctl close-all");
        let output = Command::new("dunstctl").arg("history").output().expect("dunstctl runs");
        let history: serde_json::Value = serde_json::from_slice(&output.stdout).expect("dunst's history is JSON");
        let field = |entry: &serde_json::Value, name: &str| entry[name]["data"].as_str().unwrap_or_default().to_owned();
        history["data"][0]
            .as_array()
            .map(|entries| {
                entries.iter().map(|entry| format!("{}: {}", field(entry, "summary"), field(entry, "body"))).collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for NotificationService {
    fn drop(&mut self) {
        for process in self.processes.iter_mut().rev() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}
