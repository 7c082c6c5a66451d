//! Which path WebKitGTK draws the window through (Linux only; Windows and macOS have one).
//!
//! WebKitGTK 2.42+ composites through its DMA-BUF renderer. With a GPU that is the fast
//! path; without one (no DRM render node: virtual machines, old laptops whose driver is
//! missing, remote sessions) it composites with software GL, and measured on such a
//! machine its web process burned 4.5–5.5 s of CPU at start, visually complete in 1.87 s
//! against 0.70 s with the renderer off (issue 20; docs/decisions/0039). So the app turns
//! it off exactly where no render node can be opened, and leaves WebKit's own choice
//! everywhere else. A person who set `WEBKIT_DISABLE_DMABUF_RENDERER` themselves (to any
//! value, "0" keeps it on) is obeyed.
//!
//! Only on WebKitGTK up to 2.50, the versions measured here: from 2.52 the switch leaves
//! WebKit with no way to hand frames over, yet a page that needs a compositing layer
//! still asks for one, and the window's process dereferences a null backing store and
//! crashes (reported against 2.52.4 and 2.52.5 by other Tauri apps). There the app
//! keeps WebKit's own choice until a newer version is measured.

use serde::Serialize;

/// WebKitGTK's switch; any value but "0" turns the DMA-BUF renderer off.
pub const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// What this start chose, shown on the About page and written to the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum RendererChoice {
    /// WebKit's own choice (a GPU is there, a WebKitGTK newer than measured, or not Linux).
    WebkitDefault,
    /// No GPU render node: the DMA-BUF renderer is turned off for a cheaper start.
    SoftwareWithoutGpu,
    /// The person set the switch themselves.
    SetByUser,
}

/// The newest WebKitGTK (major, minor) on which turning the renderer off was measured
/// and is known not to crash.
pub const NEWEST_WEBKIT_WITHOUT_DMABUF: (u32, u32) = (2, 50);

/// The decision alone, from what the machine offers: kept pure so it is tested.
pub fn decide(switch_already_set: bool, render_node_opens: bool, webkit_version: (u32, u32)) -> RendererChoice {
    if switch_already_set {
        RendererChoice::SetByUser
    } else if render_node_opens || webkit_version > NEWEST_WEBKIT_WITHOUT_DMABUF {
        RendererChoice::WebkitDefault
    } else {
        RendererChoice::SoftwareWithoutGpu
    }
}

/// Decides and applies the choice. Must run first in `main`, before any thread starts and
/// before GTK reads its environment.
pub fn choose_at_start() -> RendererChoice {
    if !cfg!(target_os = "linux") {
        return RendererChoice::WebkitDefault;
    }
    let choice = decide(std::env::var_os(DMABUF_SWITCH).is_some(), any_render_node_opens(), webkit_version());
    if choice == RendererChoice::SoftwareWithoutGpu {
        // Single-threaded here (see above), so changing the environment races nothing.
        std::env::set_var(DMABUF_SWITCH, "1");
    }
    CHOICE.get_or_init(|| choice);
    choice
}

/// The choice made at start (WebKit's default when `choose_at_start` never ran).
pub fn chosen() -> RendererChoice {
    CHOICE.get().copied().unwrap_or(RendererChoice::WebkitDefault)
}

/// Writes the choice, and on Linux the WebKitGTK it was made for, to the log.
pub fn log_choice() {
    if cfg!(target_os = "linux") {
        let (major, minor) = webkit_version();
        log::info!("renderer: {:?} (WebKitGTK {major}.{minor})", chosen());
    } else {
        log::info!("renderer: {:?}", chosen());
    }
}

static CHOICE: std::sync::OnceLock<RendererChoice> = std::sync::OnceLock::new();

/// The WebKitGTK library this process runs on (not the one it was built against).
#[cfg(target_os = "linux")]
fn webkit_version() -> (u32, u32) {
    extern "C" {
        fn webkit_get_major_version() -> u32;
        fn webkit_get_minor_version() -> u32;
    }
    // SAFETY: both return a constant of the loaded library (already linked through wry)
    // and need no initialised GTK.
    unsafe { (webkit_get_major_version(), webkit_get_minor_version()) }
}

#[cfg(not(target_os = "linux"))]
fn webkit_version() -> (u32, u32) {
    (0, 0)
}

/// A DRM render node (`/dev/dri/renderD*`) this user can open: what WebKit's DMA-BUF
/// renderer allocates its GPU buffers on.
fn any_render_node_opens() -> bool {
    let Ok(entries) = std::fs::read_dir("/dev/dri") else { return false };
    entries.flatten().any(|entry| {
        entry.file_name().to_string_lossy().starts_with("renderD")
            && std::fs::OpenOptions::new().read(true).write(true).open(entry.path()).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEASURED: (u32, u32) = (2, 50);

    #[test]
    fn the_renderer_is_turned_off_only_where_no_gpu_render_node_opens() {
        assert_eq!(decide(false, false, MEASURED), RendererChoice::SoftwareWithoutGpu);
        assert_eq!(decide(false, true, MEASURED), RendererChoice::WebkitDefault);
        assert_eq!(decide(false, false, (2, 44)), RendererChoice::SoftwareWithoutGpu);
    }

    #[test]
    fn webkit_newer_than_the_measured_one_keeps_its_own_renderer() {
        assert_eq!(decide(false, false, (2, 52)), RendererChoice::WebkitDefault);
        assert_eq!(decide(false, false, (3, 0)), RendererChoice::WebkitDefault);
    }

    #[test]
    fn a_switch_the_person_set_is_obeyed_either_way() {
        assert_eq!(decide(true, false, MEASURED), RendererChoice::SetByUser);
        assert_eq!(decide(true, true, MEASURED), RendererChoice::SetByUser);
        assert_eq!(decide(true, false, (2, 52)), RendererChoice::SetByUser);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn reads_the_version_of_the_webkit_it_runs_on() {
        let (major, minor) = webkit_version();
        assert!(major == 2 && minor >= 40, "WebKitGTK {major}.{minor}");
    }
}
