// Migrations are embedded with include_dir!, which stable Rust cannot track: tell cargo
// to rebuild the core when a migration is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
