//! Where a laptop's device key is kept. The desktop app keeps it in the operating
//! system's key store where there is one — Windows Credential Manager, the macOS
//! Keychain, the Secret Service of a Linux desktop — so it is not a file another profile
//! of the same OS user, a roaming profile or a copied folder carries along. Beside the
//! database then lies only a marker (`device.key.store`: which entry, and the key's
//! public half), no secret. Where no store answers (a server, a bare Linux session), the
//! key is a file only this OS user can read, as the CLI and the tests always keep it.
//!
//! Whatever the store, a key that exists but cannot be read stops the desk by name: a new
//! identity made silently would sign as a device the regency never enrolled.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{LogError, Result};
use crate::identity::{write_private_file, DeviceKey};

/// Where a new key goes (an existing one is read wherever it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStore {
    /// A private file beside the database.
    File,
    /// The operating system's key store, the file where none answers. A key found in a
    /// file is moved into the store.
    System,
}

impl KeyStore {
    /// The app's choice: the system's store. Test builds may ask for the file instead
    /// (`IKP_KEY_STORE=file`): end-to-end tests open the app's folder from the test too.
    pub fn for_the_app() -> KeyStore {
        #[cfg(any(debug_assertions, feature = "test-seams"))]
        if std::env::var("IKP_KEY_STORE").is_ok_and(|value| value == "file") {
            return KeyStore::File;
        }
        KeyStore::System
    }
}

/// The name entries are kept under in the system's store.
const SERVICE: &str = "IKP Desk";

/// The marker beside `key_path` that says the key is in the system's store.
pub fn marker_of(key_path: &Path) -> PathBuf {
    let mut name = key_path.file_name().unwrap_or_default().to_os_string();
    name.push(".store");
    key_path.with_file_name(name)
}

/// Whether a key is kept for `key_path`, in a file or in the system's store.
pub fn has_key(key_path: &Path) -> bool {
    key_path.exists() || marker_of(key_path).exists()
}

/// Loads this laptop's key, or makes one and keeps it as `store` says.
pub fn load_or_create(key_path: &Path, store: KeyStore) -> Result<DeviceKey> {
    let marker = marker_of(key_path);
    match fs::read_to_string(&marker) {
        Ok(text) => {
            let key = system::read(&marker, &text)?;
            forget_copy(key_path, &key);
            return Ok(key);
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(unreadable(&marker, err.to_string())),
    }
    if store == KeyStore::File {
        return DeviceKey::load_or_create(key_path);
    }
    let in_file = key_path.exists();
    let key = if in_file { DeviceKey::load_or_create(key_path)? } else { DeviceKey::generate()? };
    match system::keep(&marker, &key) {
        Ok(()) => {
            if in_file {
                // The store holds it now (read back and compared): the file must not linger.
                fs::remove_file(key_path)?;
            }
            Ok(key)
        }
        // No store answers: the file, as without one.
        Err(_) if in_file => Ok(key),
        Err(_) => {
            write_private_file(key_path, &key.secret())?;
            Ok(key)
        }
    }
}

/// A start cut short after the store took the key but before its file was removed
/// leaves the secret on disk: removed once the store has given the same key back. A file
/// holding anything else is left alone (it is not ours to judge).
fn forget_copy(key_path: &Path, key: &DeviceKey) {
    if fs::read(key_path).is_ok_and(|bytes| bytes == key.secret()) {
        let _ = fs::remove_file(key_path);
    }
}

fn unreadable(path: &Path, reason: String) -> LogError {
    LogError::DeviceKeyUnreadable { path: path.display().to_string(), reason }
}

/// The marker's content: the entry's name in the store and the key's public half, so a
/// store that hands back another secret is caught.
#[cfg_attr(not(feature = "os-keystore"), allow(dead_code))]
fn marker_text(entry: &str, key: &DeviceKey) -> String {
    format!("{SERVICE}\n{entry}\n{}\n", key.id().to_hex())
}

#[cfg(feature = "os-keystore")]
pub mod system_entry;

#[cfg(feature = "os-keystore")]
mod system {
    use super::system_entry::Entry;
    use super::*;

    pub(super) fn read(marker: &Path, text: &str) -> Result<DeviceKey> {
        let (Some(entry), Some(public)) = (Entry::of_marker(text), text.lines().nth(2)) else {
            return Err(unreadable(marker, "the marker is damaged".into()));
        };
        let secret = entry.secret().map_err(|err| {
            unreadable(marker, format!("the key store's entry \"{}/{}\": {err}", entry.service(), entry.name()))
        })?;
        let secret: [u8; 32] = secret
            .try_into()
            .map_err(|bytes: Vec<u8>| unreadable(marker, format!("{} bytes where a key has 32", bytes.len())))?;
        let key = DeviceKey::from_secret(secret);
        if key.id().to_hex() != public {
            return Err(unreadable(marker, "the key store holds another key than this laptop's".into()));
        }
        Ok(key)
    }

    /// Keeps `key` in the store under a fresh entry, reads it back, then writes the marker.
    pub(super) fn keep(marker: &Path, key: &DeviceKey) -> std::result::Result<(), String> {
        let mut name = [0u8; 12];
        getrandom::getrandom(&mut name).map_err(|err| err.to_string())?;
        let name = format!("device-{}", hex::encode(name));
        let entry = Entry::new(SERVICE, &name);
        entry.keep(&key.secret())?;
        if entry.secret().as_deref() != Ok(&key.secret()[..]) {
            let _ = entry.forget();
            return Err("the key store did not give the key back".into());
        }
        write_private_file(marker, marker_text(&name, key).as_bytes()).map_err(|err| {
            let _ = entry.forget();
            err.to_string()
        })
    }
}

#[cfg(not(feature = "os-keystore"))]
mod system {
    use super::*;

    pub(super) fn read(marker: &Path, _text: &str) -> Result<DeviceKey> {
        Err(unreadable(marker, "the key is in the system's key store, which this build cannot reach".into()))
    }

    pub(super) fn keep(_marker: &Path, _key: &DeviceKey) -> std::result::Result<(), String> {
        Err("this build has no key store".into())
    }
}
