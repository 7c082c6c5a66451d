//! How far JavaScriptCore compiles the pages' code (Linux only: WebKitGTK runs
//! JavaScriptCore in the window's web process; WebView2 on Windows runs V8).
//!
//! JavaScriptCore compiles a function through up to four tiers as it runs hot. The top one,
//! FTL, pays for itself in long computations; the pages here are short handlers that
//! build DOM, and what FTL keeps is memory: its compiled code and the compiler's own.
//! Over a long session (every page opened 50 times, `scripts/measure-startup`, pages
//! mode) the web process ended at 312–327 MB with FTL off against 367–379 MB with it on,
//! with the same CPU time and the same time for the rounds (issue 20, docs/benchmarks.md,
//! "long session, JavaScriptCore's top tier"). So the app turns it off wherever it runs
//! on WebKitGTK; the tiers below it (the baseline JIT and DFG) still compile hot code.
//! A person who set the variable themselves (to any value) is obeyed.

/// JavaScriptCore reads its options from `JSC_<name>` variables when it starts, and the
/// web process inherits the window process's environment.
pub const FTL_SWITCH: &str = "JSC_useFTLJIT";

/// Turns FTL off unless the person chose. Must run first in `main`, before any thread
/// starts and before WebKit launches its web process.
pub fn limit_at_start() {
    if cfg!(target_os = "linux") && std::env::var_os(FTL_SWITCH).is_none() {
        // Single-threaded here (see above), so changing the environment races nothing.
        std::env::set_var(FTL_SWITCH, "false");
    }
}

/// Writes what the web process will run with to the log.
pub fn log_choice() {
    if cfg!(target_os = "linux") {
        let value = std::env::var(FTL_SWITCH).unwrap_or_default();
        log::info!("JavaScriptCore: {FTL_SWITCH}={value}");
    }
}
