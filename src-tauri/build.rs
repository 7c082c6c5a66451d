fn main() {
    drop_unwind_tables_of_release_app();
    tauri_build::build()
}

/// The release app on Linux aborts on a panic (the workspace's release profile), so
/// nothing ever unwinds through its code, yet the linker keeps a DWARF unwind table for
/// nearly every function: 3.3 MB of `.eh_frame` and its index in a 42.7 MB binary
/// (issue 23's goal is 40 MB). `-C force-unwind-tables=no` cannot remove them: the
/// precompiled standard library has its own, and rustc gives a personality routine to
/// every function that had cleanups, which makes LLVM emit a table anyway. So the
/// linker discards the sections. What is lost is a backtrace of a panic (the message
/// and the line stay in the log; a stripped binary's backtrace named nothing anyway) and
/// a debugger's unwinding without debug info.
///
/// Release builds only (the profile, not `CARGO_CFG_PANIC`: cargo fills that from the
/// target, not from the profile's `panic`). Debug builds and tests unwind and keep their
/// tables; `main.rs` refuses to build a release that would unwind without them.
fn drop_unwind_tables_of_release_app() {
    println!("cargo:rustc-check-cfg=cfg(ikp_no_unwind_tables)");
    let var = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if !linux_gnu || var("PROFILE") != "release" {
        return;
    }
    let script = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("link").join("no-unwind-tables.ld");
    println!("cargo:rerun-if-changed={}", script.display());
    // Through `-Xlinker` one word at a time: `-Wl,` would split a path with a comma.
    for arg in ["-Xlinker".into(), "-T".into(), "-Xlinker".into(), script.display().to_string()] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
    println!("cargo:rustc-cfg=ikp_no_unwind_tables");
}
