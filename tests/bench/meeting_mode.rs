//! Meeting-mode benchmark of the real app (not part of `scripts/test`; run it with
//! `scripts/bench-meeting-mode`): a queue of 500+ pending requests made with
//! `ikp demo --pending-requests N`, opened from the sidebar several times, then decided
//! one request after another by keyboard (A and R in turn).
//!
//! The page measures itself with `performance.measure` (see `MeetingMode.svelte`):
//! `ikp:queue-open` runs from the sidebar click's mark to the queue in the DOM,
//! `ikp:decision` from the key press (the event's time stamp) to the DOM showing the
//! result; each also has a `-painted` variant (until the frame after the change has been
//! drawn) and a `-command` part (the Tauri command alone: core plus IPC). WebDriver only
//! presses the keys and reads the entries, so its own latency is not in the numbers.
//!
//! Environment: IKP_APP_BINARY (the app; default the debug build), IKP_CLI_BINARY (the
//! `ikp` CLI; default next to the app, else the debug build), BENCH_PENDING (500),
//! BENCH_OPENS (10), BENCH_DECISIONS (60).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ikp_tests::app_session::AppSession;
use ikp_tests::paths;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

fn cli_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("IKP_CLI_BINARY") {
        return PathBuf::from(path);
    }
    let beside_app = paths::app_binary().with_file_name("ikp");
    if beside_app.exists() {
        beside_app
    } else {
        paths::target_dir().join("debug/ikp")
    }
}

fn ikp(data_dir: &Path, args: &[&str]) {
    let cli = cli_binary();
    let status = Command::new(&cli)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|err| panic!("{}: {err} (build it: cargo build -p ikp-cli)", cli.display()));
    assert!(status.success(), "ikp {args:?} failed");
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn summary(name: &str, values: &[f64]) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    format!(
        "{name:<28} n={:<3} min {:>7.1}  p50 {:>7.1}  p95 {:>7.1}  max {:>7.1} ms",
        sorted.len(),
        sorted.first().copied().unwrap_or(f64::NAN),
        percentile(&sorted, 50.0),
        percentile(&sorted, 95.0),
        sorted.last().copied().unwrap_or(f64::NAN),
    )
}

/// Durations of every `performance.measure` entry with this name, oldest first.
async fn measures(app: &AppSession, name: &str) -> Vec<f64> {
    let value = app
        .client
        .execute(
            "return performance.getEntriesByName(arguments[0], 'measure').map((entry) => entry.duration);",
            vec![serde_json::json!(name)],
        )
        .await
        .expect("read the measures");
    value.as_array().map(|items| items.iter().filter_map(|item| item.as_f64()).collect()).unwrap_or_default()
}

async fn wait_for_measures(app: &AppSession, name: &str, count: usize) -> Vec<f64> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = measures(app, name).await;
        if found.len() >= count {
            return found;
        }
        assert!(Instant::now() < deadline, "{name}: {} of {count} measures after 30 s", found.len());
        // Not too often: each look runs a script on the page's main thread.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Twenty runs of `script` in the page, each timed from its start until it calls
/// `finish()`, in milliseconds.
async fn sample_ms(app: &AppSession, script: &str) -> Vec<f64> {
    let timed = format!(
        "const done = arguments[0]; const start = performance.now();
         const finish = () => done(performance.now() - start); {script}"
    );
    let mut samples = Vec::new();
    for _ in 0..20 {
        let value = app.client.execute_async(&timed, vec![]).await.expect("a timed script");
        samples.push(value.as_f64().unwrap_or(f64::NAN));
    }
    samples
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let pending = env_number("BENCH_PENDING", 500);
    let opens = env_number("BENCH_OPENS", 10);
    let decisions = env_number("BENCH_DECISIONS", 60);
    let scratch = tempfile::tempdir().unwrap();
    let data_dir = scratch.path().join("data");

    let started = Instant::now();
    ikp(&data_dir, &["--profile", "bupati", "setup", "--role", "regent", "--name", "Bupati Bench"]);
    ikp(&data_dir, &["demo"]);
    ikp(&data_dir, &["demo", "--pending-requests", &pending.to_string()]);
    ikp(&data_dir, &["--profile", "bupati", "meeting", "open", "--place", "Ruang Rapat", "--chair", "Bupati"]);
    println!("data: {pending} generated requests (plus the demo's 3) in {:.1} s", started.elapsed().as_secs_f64());
    println!("app:  {}", paths::app_binary().display());

    let app = AppSession::start_in(&data_dir, "bupati").await;
    app.wait_for_css("[data-testid='nav-negotiations']").await;

    // Opening the queue: sidebar click → queue in the DOM, several times.
    for round in 0..opens {
        app.click("[data-testid='nav-dashboard']").await;
        app.wait_for_css("[data-testid='stat-active-value']").await;
        app.client.execute("delete document.body.dataset.queueReady;", vec![]).await.unwrap();
        app.click("[data-testid='nav-negotiations']").await;
        app.wait_for_css("body[data-queue-ready]").await;
        wait_for_measures(&app, "ikp:queue-open-painted", round + 1).await;
    }
    let items = app.count("[data-testid='queue-item']").await;
    assert!(items >= pending, "the queue shows {items} requests");
    let open = measures(&app, "ikp:queue-open").await;
    let open_painted = measures(&app, "ikp:queue-open-painted").await;
    let open_command = measures(&app, "ikp:queue-command").await;

    // What "painted" costs with nothing to draw: the same wait (a frame, then a task) on the idle page.
    let idle_frame = sample_ms(&app, "requestAnimationFrame(() => setTimeout(finish));").await;
    // One round trip of the cheapest command (the text size setting): what the IPC
    // itself costs on this renderer, apart from any core work.
    let round_trip = sample_ms(&app, "window.__TAURI_INTERNALS__.invoke('text_size').then(finish);").await;

    // Deciding by keyboard: A and R in turn; each waits for the screen to show the result.
    for round in 0..decisions {
        app.type_keys(if round % 2 == 0 { "a" } else { "r" }).await;
        wait_for_measures(&app, "ikp:decision-painted", round + 1).await;
    }
    let decided = app.count("[data-testid='queue-item']:not([data-status='pending'])").await;
    assert_eq!(decided, decisions, "every key press decided one request");
    let decision = measures(&app, "ikp:decision").await;
    let decision_painted = measures(&app, "ikp:decision-painted").await;
    let decision_command = measures(&app, "ikp:decision-command").await;
    // What the screen adds to the command, decision by decision.
    let ui_part: Vec<f64> = decision.iter().zip(&decision_command).map(|(all, command)| all - command).collect();
    let shot = app.screenshot("90-bench-meeting-mode").await;
    app.close().await;

    let each = |values: &[f64]| values.iter().map(|value| format!("{value:.0}")).collect::<Vec<_>>().join(" ");
    println!("queue: {items} requests; each open, DOM: {} ms; painted: {} ms", each(&open), each(&open_painted));
    for (name, values) in [
        ("queue open (DOM)", &open),
        ("queue open (painted)", &open_painted),
        ("  of which commands", &open_command),
        ("idle frame (rAF + task)", &idle_frame),
        ("command round trip (IPC)", &round_trip),
        ("decision (DOM)", &decision),
        ("decision (painted)", &decision_painted),
        ("  of which command", &decision_command),
        ("  of which screen update", &ui_part),
    ] {
        println!("{}", summary(name, values));
    }
    let tenth = (decision_command.len() / 10).max(1);
    let early = sorted(&decision_command[..tenth]);
    let late = sorted(&decision_command[decision_command.len() - tenth..]);
    println!(
        "command p50, first {tenth} decisions {:.1} ms, last {tenth} {:.1} ms (the sitting summary grows)",
        percentile(&early, 50.0),
        percentile(&late, 50.0)
    );
    println!("screenshot: {}", shot.display());
    let open_p95 = percentile(&sorted(&open), 95.0);
    let decision_p95 = percentile(&sorted(&decision), 95.0);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!("target queue open ≤ 300 ms (p95): {}", verdict(open_p95 <= 300.0));
    println!("target decision ≤ 50 ms (p95):   {}", verdict(decision_p95 <= 50.0));
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    sorted
}
