//! The main window fits a 1366×768 laptop screen, remembers its size between starts, and
//! a size remembered on a larger screen is fitted to the screen it opens on.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ikp_tests::app_session::{scenario, AppSession};

/// Where tauri-plugin-window-state keeps the window's size and place, under the config
/// directory (`%APPDATA%` on Windows, `$XDG_CONFIG_HOME` here).
fn state_file(config_home: &Path) -> PathBuf {
    config_home.join("id.ikpdesk.app").join(".window-state.json")
}

/// The remembered (width, height) of the main window, once written.
fn remembered(config_home: &Path) -> Option<(u64, u64)> {
    let state: serde_json::Value = serde_json::from_slice(&std::fs::read(state_file(config_home)).ok()?).ok()?;
    Some((state["main"]["width"].as_u64()?, state["main"]["height"].as_u64()?))
}

/// The window's outer size in screen pixels, as the page sees it.
async fn window_size(app: &AppSession) -> (u64, u64) {
    let size = app.client.execute("return [window.outerWidth, window.outerHeight];", vec![]).await.unwrap();
    (size[0].as_u64().unwrap(), size[1].as_u64().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_fits_a_laptop_screen_and_opens_as_it_was_left() {
    scenario(window_on_a_laptop()).await;
}

async fn window_on_a_laptop() {
    // First start: nothing remembered. 1366×768 less a 40-pixel taskbar holds it whole.
    let config = tempfile::tempdir().unwrap();
    let app = AppSession::start_with_config_home(config.path()).await;
    let (width, height) = window_size(&app).await;
    assert!(width <= 1366 && height <= 728, "the first window is {width}×{height}");
    assert_eq!((width, height), (1280, 720));

    // Made smaller, it is remembered once still (no clean exit needed), and the next
    // start opens so.
    app.client.set_window_size(1000, 640).await.unwrap();
    let mut saved = None;
    for _ in 0..50 {
        saved = remembered(config.path());
        if saved == Some((1000, 640)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(saved, Some((1000, 640)), "the new size was written to {}", state_file(config.path()).display());
    app.close().await;
    let app = AppSession::start_with_config_home(config.path()).await;
    assert_eq!(window_size(&app).await, (1000, 640));
    app.close().await;

    // Left at 2400×1500 on an office monitor: on this 1440×900 screen it is fitted.
    let docked = tempfile::tempdir().unwrap();
    let state = serde_json::json!({ "main": {
        "width": 2400, "height": 1500, "x": 0, "y": 0, "prev_x": 0, "prev_y": 0,
        "maximized": false, "visible": true, "decorated": true, "fullscreen": false,
    }});
    std::fs::create_dir_all(state_file(docked.path()).parent().unwrap()).unwrap();
    std::fs::write(state_file(docked.path()), state.to_string()).unwrap();
    let app = AppSession::start_with_config_home(docked.path()).await;
    let mut size = window_size(&app).await;
    for _ in 0..20 {
        if size.0 <= 1440 && size.1 <= 900 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        size = window_size(&app).await;
    }
    assert!(size.0 <= 1440 && size.1 <= 900, "a remembered size larger than the screen opens as {size:?}");
    app.wait_for_css("[data-testid='setup-page']").await;
    app.screenshot("window-01-fitted-to-the-screen").await;
    app.close().await;
}
