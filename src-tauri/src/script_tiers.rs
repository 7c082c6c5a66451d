//! How far JavaScriptCore compiles the pages' code (Linux only: WebKitGTK runs
//! JavaScriptCore in the window's web process; WebView2 on Windows runs V8).
//!
//! JavaScriptCore compiles a function through up to four tiers as it runs hot. The two
//! optimizing ones, DFG and FTL above it, pay for themselves in long computations; the
//! pages here are short handlers that build DOM, and what those tiers keep is memory:
//! their compiled code and their compilers' own. Over a long session (every page opened
//! 50 times, `scripts/measure-startup`, pages mode) the web process ended at 285–325 MB
//! (median 290) with both off, 309–346 MB (median 319) with only FTL off and 345–379 MB
//! (median 369) with both on; the rounds took the same time, and a meeting-mode decision
//! 4 ms longer (p95 58 against 54 ms;
//! issue 20, decision 0040, docs/benchmarks.md, "long session, JavaScriptCore's top
//! tier"). So the app turns DFG off, and FTL with it, wherever it runs on WebKitGTK; the
//! interpreter and the baseline JIT still run the pages. A person who set the variable
//! themselves (to any value) is obeyed.

/// JavaScriptCore reads its options from `JSC_<name>` variables when it starts, and the
/// web process inherits the window process's environment. FTL compiles only from DFG.
pub const OPTIMIZING_TIERS_SWITCH: &str = "JSC_useDFGJIT";

/// Turns the optimizing tiers off unless the person chose. Must run first in `main`,
/// before any thread starts and before WebKit launches its web process.
pub fn limit_at_start() {
    if cfg!(target_os = "linux") && std::env::var_os(OPTIMIZING_TIERS_SWITCH).is_none() {
        // Single-threaded here (see above), so changing the environment races nothing.
        std::env::set_var(OPTIMIZING_TIERS_SWITCH, "false");
    }
}

/// Writes what the web process will run with to the log.
pub fn log_choice() {
    if cfg!(target_os = "linux") {
        let value = std::env::var(OPTIMIZING_TIERS_SWITCH).unwrap_or_default();
        log::info!("JavaScriptCore: {OPTIMIZING_TIERS_SWITCH}={value}");
    }
}
