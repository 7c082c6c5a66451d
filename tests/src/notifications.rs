//! A real notification service for the end-to-end tests: dunst on a display of its own,
//! owning org.freedesktop.Notifications on the tests' session bus, so what the app asks
//! the operating system to show can be read back (`dunstctl`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::launch::start_xvfb;

const SERVICE: &str = "org.freedesktop.Notifications";

pub struct NotificationService {
    processes: Vec<Child>,
}

impl NotificationService {
    /// Starts dunst and waits until the notification service has an owner.
    ///
    /// The dunst package makes the service bus-activatable. Any message to the name before
    /// our dunst owns it (an app of an earlier test, or `dunstctl` itself) makes the bus
    /// start a second dunst, which takes the name and then dies for want of a display, and
    /// ours gives up on the taken name. So the bus is first told our display, which makes
    /// any dunst it starts a working one, and the wait asks the bus who owns the name
    /// (which never activates) and starts dunst again if ours lost the race.
    pub fn start() -> NotificationService {
        let mut processes = Vec::new();
        let display = format!(":{}", start_xvfb(&mut processes, None));
        set_activation_display(&display);
        let mut service = NotificationService { processes };
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut dunst = service.spawn_dunst(&display);
        while !service_has_owner() {
            assert!(Instant::now() < deadline, "dunst did not take the notification service");
            if service.processes[dunst].try_wait().is_ok_and(|exit| exit.is_some()) {
                dunst = service.spawn_dunst(&display);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        service
    }

    fn spawn_dunst(&mut self, display: &str) -> usize {
        let dunst = Command::new("dunst")
            .env("DISPLAY", display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst (scripts/lib/deps.sh installs it)");
        self.processes.push(dunst);
        self.processes.len() - 1
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

/// A call to the session bus itself (never to the notification service, so nothing is
/// activated by it); its reply as text.
fn ask_bus(method: &str, argument: &str) -> String {
    let output = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
        .arg(format!("org.freedesktop.DBus.{method}"))
        .arg(argument)
        .output()
        .expect("dbus-send (the dbus package) runs");
    assert!(output.status.success(), "the session bus refused {method}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn set_activation_display(display: &str) {
    ask_bus("UpdateActivationEnvironment", &format!("dict:string:string:DISPLAY,{display}"));
}

fn service_has_owner() -> bool {
    ask_bus("NameHasOwner", &format!("string:{SERVICE}")).contains("boolean true")
}

impl Drop for NotificationService {
    fn drop(&mut self) {
        for process in self.processes.iter_mut().rev() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}
