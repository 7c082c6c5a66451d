// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// build.rs has the linker discard the unwind tables of a Linux release build: a panic
// that tried to unwind without them would fail mid-way, so such a build must abort.
#[cfg(all(ikp_no_unwind_tables, not(panic = "abort")))]
compile_error!("the unwind tables are discarded (build.rs): this build must set panic = \"abort\"");

fn main() {
    ikp_desk_lib::run();
}
