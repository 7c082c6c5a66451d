//! How much the webview keeps cached (Linux only; WebView2 and WKWebView size their own).
//!
//! WebKitGTK starts every web context with a web browser's cache model: decoded images,
//! style sheets and scripts kept for the next site, and whole pages kept for the Back
//! button. IKP Desk is one local page that never navigates away, so those caches only
//! raise the high-water mark of a long meeting (issue 20: the web process's memory rose
//! 14–20 % over fifty rounds of every page, as a sawtooth, not a leak). The document
//! viewer model turns them off; the page itself, its data and its script heap are untouched.

use tauri::{Runtime, WebviewWindow};

/// Sets the document viewer cache model on the window's web context. A window that is
/// gone keeps WebKit's default, which costs memory, not correctness: logged only.
pub fn keep_small<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    if let Err(err) = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
            // Read back from WebKit, so the log (and the About E2E) shows what holds.
            log::info!("webview cache model: {:?}", context.cache_model());
        }
    }) {
        log::warn!("webview cache model not set: {err}");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
