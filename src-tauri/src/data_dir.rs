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

/// Which of the people sharing this laptop is using the app: `--profile NAME` or
/// `IKP_PROFILE`; none means the laptop's own key.
pub fn profile() -> Option<String> {
    flag(std::env::args(), "--profile").or_else(|| std::env::var("IKP_PROFILE").ok()).filter(|name| !name.is_empty())
}

fn from_args(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    flag(args, "--data-dir").map(PathBuf::from)
}

pub(crate) fn flag(args: impl Iterator<Item = String>, name: &str) -> Option<String> {
    let mut args = args.skip(1);
    let prefix = format!("{name}=");
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next();
        }
        if let Some(value) = arg.strip_prefix(&prefix) {
            return Some(value.to_owned());
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
