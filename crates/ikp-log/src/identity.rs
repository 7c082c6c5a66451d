//! A device's signing identity. Each laptop has one Ed25519 key pair, made on first
//! start; its public key is the device id every event it authors carries.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;

use ed25519_dalek::{Signer, SigningKey};

use crate::error::{LogError, Result};

/// The public key of a device, which is also its identity.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceId(pub [u8; 32]);

impl DeviceId {
    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Option<DeviceId> {
        let bytes = hex::decode(text).ok()?;
        Some(DeviceId(bytes.try_into().ok()?))
    }

    pub fn from_slice(bytes: &[u8]) -> Option<DeviceId> {
        Some(DeviceId(bytes.try_into().ok()?))
    }

    /// Checks `signature` over `message` against this device's public key, by the same
    /// (cofactored) equation a sync import checks in batches: see `signature`.
    pub fn verifies(self, message: &[u8], signature: &[u8; 64]) -> bool {
        crate::signature::verify(&self.0, message, signature)
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceId({})", &self.to_hex()[..12])
    }
}

pub struct DeviceKey {
    signing: SigningKey,
}

impl DeviceKey {
    pub fn generate() -> Result<DeviceKey> {
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret)
            .map_err(|err| LogError::Storage { message: format!("no randomness for a device key: {err}") })?;
        Ok(DeviceKey::from_secret(secret))
    }

    /// A key derived from a fixed secret. Only for demo and synthetic data, whose
    /// authoring devices must be the same on every laptop.
    pub fn from_secret(secret: [u8; 32]) -> DeviceKey {
        DeviceKey { signing: SigningKey::from_bytes(&secret) }
    }

    pub fn id(&self) -> DeviceId {
        DeviceId(self.signing.verifying_key().to_bytes())
    }

    /// The secret itself: only for keeping it (a key store, a passphrase-protected backup).
    pub fn secret(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    /// Loads the key from `path`, or creates one there readable by the owner only. A
    /// key file that exists but cannot be read as a key stops the desk with
    /// `DeviceKeyUnreadable` naming the file: a new identity made silently would sign
    /// as a device the regency never enrolled and orphan everything the old one wrote.
    pub fn load_or_create(path: &Path) -> Result<DeviceKey> {
        let unreadable = |reason: String| LogError::DeviceKeyUnreadable { path: path.display().to_string(), reason };
        match fs::read(path) {
            Ok(bytes) => {
                let secret: [u8; 32] = bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| unreadable(format!("{} bytes where a key has 32", bytes.len())))?;
                Ok(DeviceKey::from_secret(secret))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = DeviceKey::generate()?;
                match write_private_file(path, &key.signing.to_bytes()) {
                    Ok(()) => Ok(key),
                    // Another start of the desk made the key first: use that one.
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => DeviceKey::load_or_create(path),
                    Err(err) => Err(err.into()),
                }
            }
            Err(err) => Err(unreadable(err.to_string())),
        }
    }
}

/// Writes a secret so that no other user of the laptop can read it, so that a crash
/// never leaves a half-written key behind, and so that an existing key is never
/// replaced: a fresh temporary file (exclusive create, owner-only), flushed to disk,
/// then linked under its name (which fails if the name exists), and the folder flushed
/// so the name itself survives a power cut. Where links are not supported, a rename.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut nonce = [0u8; 8];
    getrandom::getrandom(&mut nonce).map_err(|err| std::io::Error::other(err.to_string()))?;
    let tmp = path.with_extension(format!("{}.tmp", hex::encode(nonce)));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        match fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Err(err),
            Err(_) if !path.exists() => fs::rename(&tmp, path),
            Err(err) => Err(err),
        }
    })();
    let _ = fs::remove_file(&tmp);
    written?;
    sync_folder(path)
}

#[cfg(unix)]
fn sync_folder(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::File::open(dir)?.sync_all(),
        _ => Ok(()),
    }
}

/// Windows cannot open a folder as a file to flush it; NTFS journals the rename.
#[cfg(not(unix))]
fn sync_folder(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_private_and_reloads_to_the_same_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("device.key");
        let first = DeviceKey::load_or_create(&path).unwrap();
        let again = DeviceKey::load_or_create(&path).unwrap();
        assert_eq!(first.id(), again.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_or_unreadable_key_stops_and_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("device.key");
        for damaged in [&b""[..], &[7u8; 31][..], &[7u8; 33][..]] {
            fs::write(&path, damaged).unwrap();
            let refused = DeviceKey::load_or_create(&path).err().expect("a damaged key is refused");
            assert!(
                matches!(&refused, LogError::DeviceKeyUnreadable { path: named, .. } if named == &path.display().to_string()),
                "{refused:?}"
            );
            assert_eq!(fs::read(&path).unwrap(), damaged, "the damaged key is left for a person to look at");
        }
        // A key that is a folder (or otherwise unreadable) is refused, not replaced.
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        assert!(matches!(DeviceKey::load_or_create(&path), Err(LogError::DeviceKeyUnreadable { .. })));
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(names, ["device.key"], "no temporary file is left behind");
    }

    #[test]
    fn an_existing_key_is_never_overwritten_by_a_second_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("device.key");
        let first = DeviceKey::generate().unwrap();
        write_private_file(&path, &first.signing.to_bytes()).unwrap();
        let second = DeviceKey::generate().unwrap();
        let clash = write_private_file(&path, &second.signing.to_bytes()).unwrap_err();
        assert_eq!(clash.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(DeviceKey::load_or_create(&path).unwrap().id(), first.id());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
    }

    #[test]
    fn signatures_verify_only_for_the_signed_bytes_and_key() {
        let key = DeviceKey::from_secret([7; 32]);
        let other = DeviceKey::from_secret([8; 32]);
        let signature = key.sign(b"approve");
        assert!(key.id().verifies(b"approve", &signature));
        assert!(!key.id().verifies(b"reject", &signature));
        assert!(!other.id().verifies(b"approve", &signature));
    }
}
