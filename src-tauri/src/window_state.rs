//! The main window's size and place: remembered between starts, and kept on its screen.
//!
//! tauri-plugin-window-state restores them and saves them when the app exits; they are
//! also saved once the window has been still for a moment after a move or resize, so a
//! laptop switched off with the app open (or a crash) keeps them too. A size remembered
//! on a larger screen — the office monitor a laptop was docked to — would leave part of
//! the window out of reach on the laptop's own 1366×768: a window that grows past its
//! screen's work area is shrunk to it. It is checked on every resize, because the
//! remembered size arrives as one (on Linux only after the window is shown).

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Manager, PhysicalPosition, PhysicalSize, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered: size, place and maximized. Not visibility, decorations or full
/// screen: the app never changes them, so a remembered value could only be a wrong one.
pub const REMEMBERED: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// How long the window stays still before its state is written: one write per drag.
const SETTLE: Duration = Duration::from_millis(400);

/// Tells the saver that the window moved or was resized.
pub struct WindowChanges(Mutex<Sender<()>>);

/// Starts the saver: it writes the window state once changes stop for [`SETTLE`].
pub fn remember<R: Runtime>(app: &AppHandle<R>) -> WindowChanges {
    let (changed, changes) = channel::<()>();
    let app = app.clone();
    std::thread::spawn(move || {
        while changes.recv().is_ok() {
            loop {
                match changes.recv_timeout(SETTLE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if let Err(err) = app.save_window_state(REMEMBERED) {
                log::warn!("could not remember the window's size: {err}");
            }
        }
    });
    WindowChanges(Mutex::new(changed))
}

pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let inner = match event {
        WindowEvent::Resized(inner) => Some(*inner),
        WindowEvent::Moved(_) => None,
        _ => return,
    };
    if let Some(inner) = inner {
        if let Err(err) = fit_to_screen(window, inner) {
            log::warn!("could not fit the window to the screen: {err}");
        }
    }
    if let Some(changes) = window.try_state::<WindowChanges>() {
        let _ = changes.0.lock().map(|changed| changed.send(()));
    }
}

fn fit_to_screen<R: Runtime>(window: &Window<R>, inner: PhysicalSize<u32>) -> tauri::Result<()> {
    if window.is_maximized()? || window.is_minimized()? || window.is_fullscreen()? {
        return Ok(());
    }
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else { return Ok(()) };
    let area = *monitor.work_area();
    // The frame (title bar, borders) stays; the page inside it shrinks.
    let outer = window.outer_size()?;
    let frame = PhysicalSize::new(outer.width.saturating_sub(inner.width), outer.height.saturating_sub(inner.height));
    let (width, height) = (inner.width + frame.width, inner.height + frame.height);
    if width <= area.size.width && height <= area.size.height {
        return Ok(());
    }
    log::info!(
        "the window ({width}×{height}) is larger than the screen ({}×{}): fitted",
        area.size.width,
        area.size.height
    );
    let fitted = PhysicalSize::new(
        width.min(area.size.width).saturating_sub(frame.width),
        height.min(area.size.height).saturating_sub(frame.height),
    );
    window.set_size(fitted)?;
    window.set_position(PhysicalPosition::new(area.position.x, area.position.y))
}
