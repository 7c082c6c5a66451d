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

use serde::Serialize;

/// WebKitGTK's switch; any value but "0" turns the DMA-BUF renderer off.
pub const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// What this start chose, shown on the About page and written to the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum RendererChoice {
    /// WebKit's own choice (a GPU is there, or not Linux).
    WebkitDefault,
    /// No GPU render node: the DMA-BUF renderer is turned off for a cheaper start.
    SoftwareWithoutGpu,
    /// The person set the switch themselves.
    SetByUser,
}

/// The decision alone, from what the machine offers: kept pure so it is tested.
pub fn decide(switch_already_set: bool, render_node_opens: bool) -> RendererChoice {
    match (switch_already_set, render_node_opens) {
        (true, _) => RendererChoice::SetByUser,
        (false, true) => RendererChoice::WebkitDefault,
        (false, false) => RendererChoice::SoftwareWithoutGpu,
    }
}

/// Decides and applies the choice. Must run first in `main`, before any thread starts and
/// before GTK reads its environment.
pub fn choose_at_start() -> RendererChoice {
    if !cfg!(target_os = "linux") {
        return RendererChoice::WebkitDefault;
    }
    let choice = decide(std::env::var_os(DMABUF_SWITCH).is_some(), any_render_node_opens());
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

static CHOICE: std::sync::OnceLock<RendererChoice> = std::sync::OnceLock::new();

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

    #[test]
    fn the_renderer_is_turned_off_only_where_no_gpu_render_node_opens() {
        assert_eq!(decide(false, false), RendererChoice::SoftwareWithoutGpu);
        assert_eq!(decide(false, true), RendererChoice::WebkitDefault);
    }

    #[test]
    fn a_switch_the_person_set_is_obeyed_either_way() {
        assert_eq!(decide(true, false), RendererChoice::SetByUser);
        assert_eq!(decide(true, true), RendererChoice::SetByUser);
    }
}
