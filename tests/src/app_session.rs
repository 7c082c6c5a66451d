//! Drives the real IKP Desk app in a real WebKit webview: a private Xvfb display,
//! tauri-driver (with WebKitWebDriver behind it) in its own process group, and a
//! fantoccini WebDriver client. Each session gets its own display, ports, home
//! directories and data directory, and kills everything it started when dropped, so no
//! run depends on what an earlier one left behind.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use tempfile::TempDir;

use crate::framebuffer::{self, Rect, Screen};
use crate::launch::{free_port, start_xvfb, tauri_driver, wait_for_port};
use crate::paths;

pub const WAIT_TIMEOUT: Duration = Duration::from_secs(15);
/// No scenario may hang CI: past this, the scenario fails and its processes are killed.
pub const SCENARIO_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs one end-to-end scenario under [`SCENARIO_TIMEOUT`]. Dropping a timed-out
/// scenario drops its `AppSession`, which kills everything it started.
pub async fn scenario<F: std::future::Future<Output = ()>>(body: F) {
    if tokio::time::timeout(SCENARIO_TIMEOUT, body).await.is_err() {
        panic!("the scenario did not finish within {SCENARIO_TIMEOUT:?}");
    }
}

pub struct AppSession {
    pub client: Client,
    pub data_dir: PathBuf,
    processes: Vec<Child>,
    scratch: TempDir,
    display: u32,
    profile: Option<String>,
    /// XDG_CONFIG_HOME: where the app remembers its window's size and place.
    config_home: PathBuf,
    /// What a person did so far: each click, field typed into, choice made or key (or run
    /// of keys typed at once) counts one.
    actions: AtomicUsize,
}

impl AppSession {
    /// Starts the app on a fresh data directory.
    pub async fn start() -> AppSession {
        let scratch = tempfile::tempdir().expect("scratch directory");
        let data_dir = scratch.path().join("data");
        AppSession::start_with(scratch, data_dir, None, None, None, None).await
    }

    /// Starts the app on a fresh data directory with a config directory the caller owns,
    /// so what the app remembers there (its window's size and place) outlives the session.
    pub async fn start_with_config_home(config_home: &Path) -> AppSession {
        let scratch = tempfile::tempdir().expect("scratch directory");
        let data_dir = scratch.path().join("data");
        AppSession::start_with(scratch, data_dir, None, None, None, Some(config_home)).await
    }

    /// Starts the app on a data directory the caller owns, as one of the people who share
    /// the laptop (`--profile`): each profile signs with its own key over the same
    /// database. Close one session before starting the next on the same directory.
    pub async fn start_in(data_dir: &Path, profile: &str) -> AppSession {
        AppSession::start_in_with_file(data_dir, profile, None).await
    }

    /// As `start_in`, with the file the open dialog will return (`IKP_OPEN_FILE`, the
    /// test seam of `export_commands::choose_source`).
    pub async fn start_in_with_file(data_dir: &Path, profile: &str, open_file: Option<&Path>) -> AppSession {
        let scratch = tempfile::tempdir().expect("scratch directory");
        AppSession::start_with(scratch, data_dir.to_owned(), Some(profile), open_file, None, None).await
    }

    /// As `start_in`, with a file on the command line, as a double click starts the app.
    pub async fn start_in_opening(data_dir: &Path, profile: &str, file: &Path) -> AppSession {
        let scratch = tempfile::tempdir().expect("scratch directory");
        AppSession::start_with(scratch, data_dir.to_owned(), Some(profile), None, Some(file), None).await
    }

    /// Starts the app a second time, directly (as a second double click does), with the
    /// same environment, data directory and profile and `file` on the command line. The
    /// second start must hand the file to this session's app and exit: its exit status
    /// is returned; a second start still running after 20 s fails the test.
    pub fn second_start(&self, file: &Path) -> std::process::ExitStatus {
        let home = self.scratch.path();
        let mut command = Command::new(paths::app_binary());
        command.arg("--data-dir").arg(&self.data_dir);
        if let Some(profile) = &self.profile {
            command.args(["--profile", profile]);
        }
        let log = std::fs::File::create(paths::log_dir().join(format!("second-start-{}.log", self.display)))
            .expect("second start log");
        let mut child = command
            .arg(file)
            .env("DISPLAY", format!(":{}", self.display))
            .env("XDG_DATA_HOME", home.join("xdg-data"))
            .env("XDG_CACHE_HOME", home.join("xdg-cache"))
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env("NO_AT_BRIDGE", "1")
            .env("IKP_DATA_DIR", &self.data_dir)
            .env("IKP_KEY_STORE", "file")
            .stdout(log.try_clone().expect("second start log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("start the app a second time");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait().expect("second start") {
                return status;
            }
            if Instant::now() >= deadline {
                // SAFETY: signalling the process group created above; no memory is touched.
                unsafe {
                    libc::killpg(child.id() as libc::pid_t, libc::SIGKILL);
                }
                let _ = child.wait();
                panic!("the second start did not hand its file over and exit: it opened a window of its own");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    async fn start_with(
        scratch: TempDir,
        data_dir: PathBuf,
        profile: Option<&str>,
        open_file: Option<&Path>,
        file_arg: Option<&Path>,
        config_home: Option<&Path>,
    ) -> AppSession {
        let app = paths::app_binary();
        assert!(app.exists(), "{} is missing: build the app first (cargo build -p ikp-desk)", app.display());
        let mut processes = Vec::new();
        let display = start_xvfb(&mut processes, Some(&framebuffer_dir(scratch.path())));
        let port = free_port();
        let native_port = free_port();
        let home = scratch.path();
        let config_home = config_home.map_or_else(|| home.join("xdg-config"), Path::to_owned);
        let log = std::fs::File::create(paths::log_dir().join(format!("tauri-driver-{port}.log"))).expect("driver log");
        let mut driver = Command::new(tauri_driver());
        if let Some(file) = open_file {
            driver.env("IKP_OPEN_FILE", file);
        }
        let driver = driver
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", format!(":{display}"))
            .env("XDG_DATA_HOME", home.join("xdg-data"))
            .env("XDG_CACHE_HOME", home.join("xdg-cache"))
            .env("XDG_CONFIG_HOME", &config_home)
            .env("NO_AT_BRIDGE", "1")
            .env("IKP_DATA_DIR", &data_dir)
            // The tests open the app's folder themselves (the core, file keys); the
            // system's key store has its own test (crates/ikp-core/tests/key_store.rs).
            .env("IKP_KEY_STORE", "file")
            // Exports skip the native save dialog and land here (see export_commands.rs).
            .env("IKP_EXPORT_DIR", export_dir(scratch.path()))
            // The folder picker of Pengaturan → Sinkronisasi returns this (folder_sync.rs).
            .env("IKP_PICK_FOLDER", shared_folder(scratch.path()))
            .stdout(log.try_clone().expect("driver log"))
            .stderr(log)
            // Its own process group: tauri-driver's children (WebKitWebDriver, the app)
            // are killed with it, never left holding a port.
            .process_group(0)
            .spawn()
            .expect("tauri-driver is not installed (cargo install tauri-driver --locked)");
        processes.push(driver);
        // tauri-driver listens at once but forwards to WebKitWebDriver, which starts a
        // moment later: a session requested before both listen fails half-way.
        wait_for_port(port);
        wait_for_port(native_port);

        let mut args = vec![serde_json::json!("--data-dir"), serde_json::json!(data_dir)];
        if let Some(profile) = profile {
            args.extend([serde_json::json!("--profile"), serde_json::json!(profile)]);
        }
        if let Some(file) = file_arg {
            args.push(serde_json::json!(file));
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("tauri:options".into(), serde_json::json!({ "application": app, "args": args }));
        let client = connect(capabilities, port).await;
        let profile = profile.map(str::to_owned);
        let session = AppSession {
            client,
            data_dir,
            processes,
            scratch,
            display,
            profile,
            config_home,
            actions: AtomicUsize::new(0),
        };
        session.wait_for_css("body[data-ready='true']").await;
        session
    }

    pub async fn wait_for_css(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.wait().at_most(WAIT_TIMEOUT).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(err) => {
                let shot = self.screenshot("failure-wait-for-css").await;
                panic!("`{css}` did not appear: {err} (screenshot: {})", shot.display())
            }
        }
    }

    /// How many actions a person would have taken in this session so far.
    pub fn actions(&self) -> usize {
        self.actions.load(Ordering::Relaxed)
    }

    fn act(&self) {
        self.actions.fetch_add(1, Ordering::Relaxed);
    }

    pub async fn click(&self, css: &str) {
        self.act();
        self.wait_for_css(css).await.click().await.unwrap_or_else(|err| panic!("click `{css}`: {err}"));
    }

    /// The element's rendered text (`innerText`). WebDriver's own "visible text" drops
    /// text inside `overflow: hidden` boxes in WebKitWebDriver, though a person sees it.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self.wait_for_css(css).await;
        let text = element.prop("innerText").await.unwrap_or_else(|err| panic!("text of `{css}`: {err}"));
        text.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text inside an element that has no rendered `innerText`, such as a chart's
    /// `<svg>`: every `<text>` label, in document order, separated by spaces.
    pub async fn svg_text(&self, css: &str) -> String {
        let element = self.wait_for_css(css).await;
        let script = "return Array.from(arguments[0].querySelectorAll('text'), (t) => t.textContent).join(' ');";
        let text = self
            .client
            .execute(script, vec![serde_json::to_value(&element).unwrap()])
            .await
            .unwrap_or_else(|err| panic!("text of `{css}`: {err}"));
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the element's text satisfies `accept`, returning the text.
    pub async fn wait_for_text(&self, css: &str, accept: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let text = self.text_of(css).await;
            if accept(&text) {
                return text;
            }
            if Instant::now() >= deadline {
                let shot = self.screenshot("failure-wait-for-text").await;
                panic!("`{css}` still reads {text:?} (screenshot: {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The first element matching an XPath, e.g. a row that contains a given title.
    pub async fn wait_for_xpath(&self, xpath: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT_TIMEOUT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|err| panic!("`{xpath}` did not appear: {err}"))
    }

    /// Types into whatever has the keyboard focus, key by key, as a person would.
    pub async fn type_keys(&self, text: &str) {
        self.act();
        let mut keys = KeyActions::new("keyboard".into());
        for key in text.chars() {
            keys = keys.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(keys).await.unwrap_or_else(|err| panic!("typing {text:?}: {err}"));
    }

    pub async fn press(&self, key: Key) {
        self.type_keys(&char::from(key).to_string()).await;
    }

    /// A key with a modifier held down, e.g. Ctrl+Enter.
    pub async fn chord(&self, modifier: Key, key: impl Into<char>) {
        self.act();
        let (modifier, key) = (char::from(modifier), key.into());
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: modifier })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: modifier });
        self.client.perform_actions(keys).await.unwrap_or_else(|err| panic!("chord: {err}"));
    }

    /// The `data-testid` of the element that has the keyboard focus ("" if it has none).
    pub async fn focused_testid(&self) -> String {
        let value = self
            .client
            .execute("return document.activeElement?.getAttribute('data-testid') ?? '';", vec![])
            .await
            .expect("read the focused element");
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Presses Tab (Shift+Tab when `backwards`) until the element with this `data-testid`
    /// has the focus, as a person without a mouse reaches it, and checks that the focus
    /// shows (an outline or a ring). Fails after 150 presses.
    pub async fn tab_to(&self, testid: &str) {
        for _ in 0..150 {
            if self.focused_testid().await == testid {
                assert!(self.focus_is_visible().await, "`{testid}` has the focus but shows no focus indicator");
                return;
            }
            self.press(Key::Tab).await;
        }
        let shot = self.screenshot("failure-tab-to").await;
        panic!("`{testid}` was not reached by Tab (screenshot: {})", shot.display());
    }

    /// Whether the focused element looks different for having the focus (its outline,
    /// ring or border), compared with itself unfocused a moment. Transitions are held
    /// still meanwhile: mid-fade, a ring still has its unfocused look.
    pub async fn focus_is_visible(&self) -> bool {
        let script = "const element = document.activeElement;
             const transition = element.style.transition;
             element.style.transition = 'none';
             const look = () => { const s = getComputedStyle(element);
               return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join('|'); };
             const focused = look();
             element.blur();
             const unfocused = look();
             element.focus();
             element.style.transition = transition;
             return focused !== unfocused;";
        self.client.execute(script, vec![]).await.expect("read the focus style") == serde_json::Value::Bool(true)
    }

    /// Waits until the element with this `data-testid` has the keyboard focus.
    pub async fn expect_focus(&self, testid: &str) {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let focused = self.focused_testid().await;
            if focused == testid {
                return;
            }
            if Instant::now() >= deadline {
                let shot = self.screenshot("failure-focus").await;
                panic!("expected focus on `{testid}`, found `{focused}` (screenshot: {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Scrolls the element into view, e.g. before a screenshot of a long page.
    pub async fn scroll_to(&self, css: &str) {
        let element = self.wait_for_css(css).await;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'start'});", vec![serde_json::to_value(&element).unwrap()])
            .await
            .unwrap_or_else(|err| panic!("scroll to `{css}`: {err}"));
    }

    /// Where the app writes exports in tests (instead of asking with a save dialog).
    /// What the app put on the clipboard of its display, as a person's paste would get it.
    pub fn clipboard(&self) -> String {
        let output = Command::new("xclip")
            .args(["-selection", "clipboard", "-o"])
            .env("DISPLAY", format!(":{}", self.display))
            .output()
            .expect("xclip (scripts/lib/deps.sh installs it)");
        assert!(output.status.success(), "xclip: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("the clipboard holds UTF-8 text")
    }

    pub fn export_dir(&self) -> PathBuf {
        export_dir(self.scratch.path())
    }

    /// The folder the app's folder picker returns in tests: a sync folder other laptops'
    /// files can be dropped into.
    pub fn shared_folder(&self) -> PathBuf {
        shared_folder(self.scratch.path())
    }

    /// Sets a form control's value as a person's choice would, for controls WebDriver
    /// cannot type into portably (date pickers follow the system locale; selects).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.act();
        let element = self.wait_for_css(css).await;
        let script = "const [element, value] = arguments; element.value = value;
             element.dispatchEvent(new Event('input', { bubbles: true }));
             element.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client
            .execute(script, vec![serde_json::to_value(&element).unwrap(), serde_json::json!(value)])
            .await
            .unwrap_or_else(|err| panic!("set `{css}` to {value:?}: {err}"));
    }

    /// Activates a control from the page itself (`element.click()`). For a zoomed page:
    /// WebKitWebDriver places a pointer click in unzoomed coordinates, so there it lands
    /// on whatever lies at the unzoomed spot.
    pub async fn activate(&self, css: &str) {
        self.act();
        let element = self.wait_for_css(css).await;
        self.client
            .execute("arguments[0].click();", vec![serde_json::to_value(&element).unwrap()])
            .await
            .unwrap_or_else(|err| panic!("activate `{css}`: {err}"));
    }

    /// Whether the element is wholly inside the window's visible area (its rectangle, as
    /// the page lays it out, within the viewport) — what a person sees without scrolling.
    pub async fn in_viewport(&self, css: &str) -> bool {
        let element = self.wait_for_css(css).await;
        let script = "const r = arguments[0].getBoundingClientRect();
             return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;";
        self.client
            .execute(script, vec![serde_json::to_value(&element).unwrap()])
            .await
            .unwrap_or_else(|err| panic!("rectangle of `{css}`: {err}"))
            .as_bool()
            .unwrap_or(false)
    }

    /// The current value of a form control (what a person sees in it).
    pub async fn value_of(&self, css: &str) -> String {
        let element = self.wait_for_css(css).await;
        element.prop("value").await.unwrap_or_else(|err| panic!("value of `{css}`: {err}")).unwrap_or_default()
    }

    /// Clears a text field and types into it.
    pub async fn fill(&self, css: &str, text: &str) {
        self.act();
        let element = self.wait_for_css(css).await;
        element.clear().await.unwrap_or_else(|err| panic!("clear `{css}`: {err}"));
        element.send_keys(text).await.unwrap_or_else(|err| panic!("type into `{css}`: {err}"));
    }

    /// Waits until nothing matches `css` (a row leaving a list that reloads).
    pub async fn wait_until_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        while self.count(css).await > 0 {
            if Instant::now() >= deadline {
                let shot = self.screenshot("failure-wait-until-gone").await;
                panic!("`{css}` is still there (screenshot: {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|found| found.len()).unwrap_or(0)
    }

    /// Saves what the screen shows of the app's window as a PNG under
    /// target/e2e-screenshots/, after two animation frames (so it shows the result of the
    /// last action) and once the screen has settled. (The frames may take seconds when
    /// the machine's two cores are busy with builds: the wait is generous, not a measure.)
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let frames = self.client.execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            vec![],
        );
        tokio::time::timeout(Duration::from_secs(20), frames)
            .await
            .expect("two animation frames within 20 s")
            .expect("animation frames");
        let screen = self.settled_screen().await;
        let window = match self.client.get_window_rect().await {
            Ok((x, y, width, height)) => Rect { x: x as u32, y: y as u32, width: width as u32, height: height as u32 },
            Err(_) => Rect { x: 0, y: 0, width: screen.width, height: screen.height },
        };
        let path = paths::screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, screen.crop(window).to_png()).expect("write screenshot");
        path
    }

    /// The screen once two readings 100 ms apart agree (the last frame has reached the X
    /// server), or the last reading after two seconds of an ever-changing screen.
    async fn settled_screen(&self) -> Screen {
        let file = framebuffer::screen_file(&framebuffer_dir(self.scratch.path()));
        let read = || std::fs::read(&file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut last = read();
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = read();
            if now == last || Instant::now() > deadline {
                return Screen::from_xwd(&now).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
            }
            last = now;
        }
    }

    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.kill_all();
    }

    fn kill_all(&mut self) {
        for child in self.processes.iter_mut().rev() {
            // SAFETY: signalling a process group we created; no memory is touched.
            unsafe {
                libc::killpg(child.id() as libc::pid_t, libc::SIGKILL);
            }
            let _ = child.wait();
        }
        self.processes.clear();
    }
}

impl Drop for AppSession {
    fn drop(&mut self) {
        self.kill_all();
    }
}

/// Opens the WebDriver session, retrying briefly: the first request can still race the
/// native driver's start on a loaded machine.
async fn connect(capabilities: serde_json::Map<String, serde_json::Value>, port: u16) -> Client {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(err) if attempt < 5 => {
                eprintln!("WebDriver session attempt {attempt} failed ({err}); retrying");
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            Err(err) => panic!("no WebDriver session with the app after {attempt} attempts: {err}"),
        }
    }
}

fn framebuffer_dir(scratch: &Path) -> PathBuf {
    scratch.join("framebuffer")
}

fn export_dir(scratch: &Path) -> PathBuf {
    let dir = scratch.join("exports");
    std::fs::create_dir_all(&dir).expect("export directory");
    dir
}

fn shared_folder(scratch: &Path) -> PathBuf {
    let dir = scratch.join("shared-folder");
    std::fs::create_dir_all(&dir).expect("shared folder");
    dir
}
