//! `ikp root backup|restore`: the trust root's key under a passphrase. The passphrase
//! comes from `IKP_PASSPHRASE` or the first line of standard input, never from the
//! command line (which other users of the machine can read).

use std::io::BufRead;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Subcommand)]
pub enum RootCommand {
    /// Seal this laptop's root key into FILE (trust root only).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Put the root key from FILE into an empty data directory (a new Regent's laptop);
    /// then import the latest file from any enrolled laptop before signing anything.
    Restore { file: PathBuf },
    /// Hand the trust root over to a new Regent's laptop (its device key, hex): this
    /// laptop signs as the root up to the handover and not after.
    HandOver {
        #[arg(long, value_name = "DEVICE_KEY")]
        to: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

fn passphrase() -> Result<String, CoreError> {
    if let Ok(passphrase) = std::env::var("IKP_PASSPHRASE") {
        return Ok(passphrase);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub fn backup(desk: &mut Desk, json: bool, out: &Path) -> Result<(), CoreError> {
    let sealed = desk.settings().backup_root_key(&passphrase()?)?;
    std::fs::write(out, sealed)?;
    print(json, &out.display().to_string(), || format!("root key sealed into {}", out.display()));
    Ok(())
}

/// Runs before any desk is opened: opening one would make a new key in the folder.
pub fn restore(data_dir: &Path, json: bool, file: &Path) -> Result<(), CoreError> {
    let device = ikp_core::root_key::restore(data_dir, &std::fs::read(file)?, &passphrase()?)?;
    print(json, &device.to_hex(), || {
        format!("root key {device} restored into {}: import the latest .ikp file next", data_dir.display())
    });
    Ok(())
}

pub fn hand_over(desk: &mut Desk, json: bool, to: &str, reason: &str) -> Result<(), CoreError> {
    desk.sync().hand_over_root(to, reason)?;
    let overview = desk.sync().overview()?;
    print(json, &overview.current_root, || {
        format!("the trust root is now {}", overview.current_root.clone().unwrap_or_default())
    });
    Ok(())
}
