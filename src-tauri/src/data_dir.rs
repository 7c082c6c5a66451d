//! Where this laptop's database and device key live: the OS's local app-data directory
//! (never the roaming one; an earlier build's roaming folder is moved there), unless
//! `--data-dir DIR` or `IKP_DATA_DIR` says otherwise (tests, several identities on one
//! machine).

use std::path::PathBuf;

use ikp_core::data_folder::{self, Settled};
use ikp_core::CoreError;
use tauri::{AppHandle, Manager, Runtime};

/// The data directory, and whether it may be opened: not when an earlier build's data
/// could not be moved into it.
pub fn resolve<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<(PathBuf, Result<(), CoreError>)> {
    if let Some(dir) = from_args(std::env::args()) {
        return Ok((dir, Ok(())));
    }
    if let Some(dir) = std::env::var_os("IKP_DATA_DIR").filter(|dir| !dir.is_empty()) {
        return Ok((PathBuf::from(dir), Ok(())));
    }
    let local = app.path().app_local_data_dir()?;
    let roaming = app.path().app_data_dir()?;
    match data_folder::settle(&roaming, &local) {
        Ok((dir, Settled::Moved)) => {
            log::info!("moved the data folder from {} to {}", roaming.display(), dir.display());
            Ok((dir, Ok(())))
        }
        Ok((dir, Settled::BothHold)) => {
            log::warn!("both {} and {} hold a database: {} is used", roaming.display(), dir.display(), dir.display());
            Ok((dir, Ok(())))
        }
        Ok((dir, Settled::InPlace)) => Ok((dir, Ok(()))),
        Err(refused) => Ok((local, Err(refused))),
    }
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
