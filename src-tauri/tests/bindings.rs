//! The TypeScript bindings in `ui/` are generated from the Rust commands. This test
//! fails when the committed file differs from a fresh generation; with
//! `IKP_UPDATE_BINDINGS=1` it rewrites the file instead.

use std::fs;
use std::path::Path;

#[test]
fn typescript_bindings_are_current() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(ikp_desk_lib::BINDINGS_PATH);
    let fresh_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bindings.ts");
    ikp_desk_lib::specta_builder::<tauri::Wry>()
        .export(ikp_desk_lib::typescript(), &fresh_path)
        .expect("bindings export");
    let fresh = fs::read_to_string(&fresh_path).unwrap();
    let committed = fs::read_to_string(&committed_path).unwrap_or_default();
    if fresh == committed {
        return;
    }
    if std::env::var_os("IKP_UPDATE_BINDINGS").is_some() {
        fs::write(&committed_path, fresh).unwrap();
        return;
    }
    panic!(
        "{} is stale: the Rust commands changed. Run scripts/update-bindings and commit the result.",
        committed_path.display()
    );
}
