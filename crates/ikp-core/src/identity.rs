//! A device's signing identity. Each laptop has one Ed25519 key pair, made on first
//! start; its public key is the device id every event it authors carries.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;

use ed25519_dalek::{Signer, SigningKey};

use crate::error::{CoreError, Result};

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
            .map_err(|err| CoreError::Storage { message: format!("no randomness for a device key: {err}") })?;
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

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    /// Loads the key from `path`, or creates one there readable by the owner only.
    pub fn load_or_create(path: &Path) -> Result<DeviceKey> {
        match fs::read(path) {
            Ok(bytes) => {
                let secret: [u8; 32] = bytes.as_slice().try_into().map_err(|_| CoreError::Storage {
                    message: format!("device key {} is damaged (expected 32 bytes)", path.display()),
                })?;
                Ok(DeviceKey::from_secret(secret))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = DeviceKey::generate()?;
                write_private_file(path, &key.signing.to_bytes())?;
                Ok(key)
            }
            Err(err) => Err(err.into()),
        }
    }
}

/// Writes a secret so that no other user of the laptop can read it, and so that a crash
/// never leaves a half-written key behind (temporary file, then rename).
fn write_private_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, path)?;
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
    fn signatures_verify_only_for_the_signed_bytes_and_key() {
        let key = DeviceKey::from_secret([7; 32]);
        let other = DeviceKey::from_secret([8; 32]);
        let signature = key.sign(b"approve");
        assert!(key.id().verifies(b"approve", &signature));
        assert!(!key.id().verifies(b"reject", &signature));
        assert!(!other.id().verifies(b"approve", &signature));
    }
}
