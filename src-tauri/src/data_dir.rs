//! Where this laptop's database and device key live: the OS app-data directory, unless
//! `--data-dir DIR` or `IKP_DATA_DIR` says otherwise (tests, several identities on one
//! machine).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};

pub fn resolve<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    if let Some(dir) = from_args(std::env::args()) {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os("IKP_DATA_DIR").filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    app.path().app_data_dir()
}

fn from_args(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter().map(|arg| arg.to_string()).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn reads_both_spellings_of_the_flag() {
        assert_eq!(from_args(args(&["app", "--data-dir", "/tmp/a"])), Some(PathBuf::from("/tmp/a")));
        assert_eq!(from_args(args(&["app", "--data-dir=/tmp/b"])), Some(PathBuf::from("/tmp/b")));
        assert_eq!(from_args(args(&["app"])), None);
    }
}
