//! Tentang IKP Desk: the facts an IT officer asks for, a backup made from the page and
//! restored after a change, and the diagnostics zip (logs and facts, never the key).

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use ikp_core::clock::SystemClock;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use ikp_tests::app_session::{scenario, AppSession};

#[tokio::test(flavor = "multi_thread")]
async fn the_about_page_backs_up_restores_and_saves_diagnostics() {
    scenario(about_page()).await;
}

fn expected_renderer() -> &'static str {
    let render_node_opens = std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry.file_name().to_string_lossy().starts_with("renderD")
                && std::fs::OpenOptions::new().read(true).write(true).open(entry.path()).is_ok()
        })
    });
    // The app turns the renderer off only on the WebKitGTK versions it was measured on.
    let webkit = std::process::Command::new("pkg-config")
        .args(["--modversion", "webkit2gtk-4.1"])
        .output()
        .expect("pkg-config (the app was built with it)");
    let version: Vec<u32> =
        String::from_utf8_lossy(&webkit.stdout).trim().split('.').map(|part| part.parse().unwrap()).collect();
    let measured_webkit = (version[0], version[1]) <= (2, 50);
    match (std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_some(), render_node_opens || !measured_webkit) {
        (true, _) => "setByUser",
        (false, true) => "webkitDefault",
        (false, false) => "softwareWithoutGpu",
    }
}

/// The environment of the WebKit web process that runs the pages of the app started on
/// `data_dir` (the process whose parent's command line names it).
fn web_process_environment(data_dir: &Path) -> Vec<String> {
    let read = |pid: &str, file: &str| std::fs::read(format!("/proc/{pid}/{file}")).unwrap_or_default();
    let parent_of = |pid: &str| {
        let status = String::from_utf8_lossy(&read(pid, "status")).into_owned();
        status.lines().find_map(|line| line.strip_prefix("PPid:").map(|ppid| ppid.trim().to_owned()))
    };
    let data_dir = data_dir.display().to_string();
    let web_process = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|pid| pid.bytes().all(|byte| byte.is_ascii_digit()))
        .filter(|pid| read(pid, "comm").starts_with(b"WebKitWebProces"))
        .find(|pid| {
            parent_of(pid).is_some_and(|parent| String::from_utf8_lossy(&read(&parent, "cmdline")).contains(&data_dir))
        })
        .expect("the app's WebKit web process");
    read(&web_process, "environ")
        .split(|&byte| byte == 0)
        .map(|variable| String::from_utf8_lossy(variable).into_owned())
        .collect()
}

async fn about_page() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("sekda");
    let mut desk = Desk::open_profile(&data, Some("sekda"), Arc::new(SystemClock)).unwrap();
    desk.setup_device(SetupInput { role: Role::Secretary, agency_code: None, user_name: "Drs. Dedy Supriyadi".into() })
        .unwrap();
    let fingerprint = desk.sync().overview().unwrap().fingerprint;
    drop(desk);

    let app = AppSession::start_in(&data, "sekda").await;
    app.click("[data-testid='nav-about']").await;
    assert_eq!(app.text_of("[data-testid='about-version']").await, env!("CARGO_PKG_VERSION"));
    assert_eq!(app.text_of("[data-testid='about-fingerprint']").await, fingerprint);
    // The window is drawn without WebKit's DMA-BUF renderer exactly where no GPU render
    // node opens (issue 20), unless the person set WebKit's switch themselves.
    let renderer = app.wait_for_css("[data-testid='about-renderer']").await;
    assert_eq!(renderer.attr("data-renderer").await.unwrap().as_deref(), Some(expected_renderer()));
    // JavaScriptCore's optimizing tiers are off in the process that runs the pages
    // (issue 20), unless the person set the switch themselves.
    let expected = std::env::var("JSC_useDFGJIT").unwrap_or_else(|_| "false".to_owned());
    let environment = web_process_environment(&data);
    assert!(environment.contains(&format!("JSC_useDFGJIT={expected}")), "{environment:?}");
    assert_eq!(app.text_of("[data-testid='about-data-dir']").await, data.display().to_string());
    let database = app.text_of("[data-testid='about-database']").await;
    assert!(database.contains("1 catatan peristiwa"), "{database:?}");

    // The daily copy was made at start; one more by hand.
    app.wait_for_css("[data-testid='about-backup']").await;
    let daily = app.count("[data-testid='about-backup']").await;
    app.click("[data-testid='about-backup-now']").await;
    app.wait_for_text("[data-testid='about-notice']", |text| text.starts_with("Cadangan ikp-")).await;
    assert_eq!(app.count("[data-testid='about-backup']").await, daily + 1);
    app.screenshot("about-page").await;

    // Load the demo after the backup, then restore the backup: the demo is gone again.
    app.close().await;
    let mut desk = Desk::open_profile(&data, Some("sekda"), Arc::new(SystemClock)).unwrap();
    desk.demo().load().unwrap();
    let with_demo = desk.status().unwrap().event_count;
    drop(desk);
    let app = AppSession::start_in(&data, "sekda").await;
    app.click("[data-testid='nav-about']").await;
    app.click("[data-testid='about-backup'] [data-testid='about-restore']").await;
    app.click("[data-testid='about-restore-confirm']").await;
    let restored = app.text_of("[data-testid='about-notice']").await;
    assert!(restored.contains(": 1 catatan"), "{restored:?} (the demo's {with_demo} events were after the backup)");
    let database = app.text_of("[data-testid='about-database']").await;
    assert!(database.contains("1 catatan peristiwa"), "{database:?}");
    // The laptop may have sent events after the backup: until its later events are
    // back (or the person says none left it), every page says so and nothing is recorded.
    let notice = app.text_of("[data-testid='restored-notice']").await;
    assert!(notice.contains("dipulihkan dari cadangan"), "{notice:?}");
    app.screenshot("about-restored-notice").await;
    app.click("[data-testid='restored-resume']").await;
    app.wait_until_gone("[data-testid='restored-notice']").await;

    // Diagnostics: a zip with the facts, the check and the logs; no key, no database.
    app.click("[data-testid='about-diagnostics']").await;
    app.wait_for_text("[data-testid='about-notice']", |text| text.starts_with("Diagnostik tersimpan")).await;
    let zip_path = std::fs::read_dir(app.export_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "zip"))
        .expect("the diagnostics zip");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|name| name.unwrap().into_owned()).collect();
    assert!(names.contains(&"about.json".to_owned()) && names.contains(&"check.txt".to_owned()), "{names:?}");
    assert!(names.iter().any(|name| name.starts_with("logs/")), "the app's log is in: {names:?}");
    assert!(!names.iter().any(|name| name.contains(".key") || name.ends_with(".db")), "{names:?}");
    let mut check = String::new();
    zip.by_name("check.txt").unwrap().read_to_string(&mut check).unwrap();
    assert!(check.starts_with("ikp check: OK"), "{check:?}");
    app.close().await;
}
