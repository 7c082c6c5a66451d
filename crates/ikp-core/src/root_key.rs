//! The trust root's key, kept beyond its laptop: sealed into a file under a passphrase,
//! and restored on a new laptop when the Regent's laptop is lost or replaced. Every
//! other laptop follows the root by its key, so losing it without a backup means
//! enrolling every laptop again.
//!
//! The file: `IKPROOT1`, the Argon2id cost (memory KiB, passes, lanes, each u32 LE), a
//! 16-byte salt, a 24-byte nonce, the key sealed with XChaCha20-Poly1305 (the header is
//! its associated data, so a changed cost or salt fails like a wrong passphrase), then
//! the SHA-256 of everything before it — which tells a damaged file from a wrong
//! passphrase, a distinction the person at the keyboard needs.

use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
use crate::identity::{write_private_file, DeviceId, DeviceKey};

const MAGIC: &[u8; 8] = b"IKPROOT1";
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
const HEADER_BYTES: usize = MAGIC.len() + 12 + SALT_BYTES + NONCE_BYTES;
const SEALED_BYTES: usize = 32 + 16;
const FILE_BYTES: usize = HEADER_BYTES + SEALED_BYTES + 32;
/// 64 MiB and three passes: a second or so on an old office laptop, per guess.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;
/// What a file may ask of the laptop that opens it (a crafted file must not exhaust it).
const MAX_MEMORY_KIB: u32 = 256 * 1024;
const MAX_PASSES: u32 = 16;
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Why a root key backup cannot be made or used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RootKeyProblem {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    PassphraseTooShort,
    /// Not a root key backup at all.
    NotABackup,
    /// A backup whose bytes changed since it was written.
    Damaged,
    /// The file is intact; the passphrase does not open it.
    WrongPassphrase,
    /// Only the trust root's laptop backs up the root key.
    NotTheRoot,
    /// This data folder already has a device key: a restore never replaces one.
    KeyAlreadyHere,
    /// A restored root key signs nothing until this laptop holds the root's own
    /// history (import the latest file from any enrolled laptop): its next number would
    /// otherwise repeat one the lost laptop used.
    AwaitingHistory,
}

const RESTORED: &str = "root_key_restored";

/// Whether `device` is a restored root key that has not seen its own history yet.
pub(crate) fn awaiting_history(conn: &rusqlite::Connection, device: DeviceId) -> Result<bool> {
    let restored = crate::local_state::get(conn, RESTORED)?;
    Ok(restored.is_some_and(|hex| hex == device.to_hex()))
}

fn problem(problem: RootKeyProblem) -> CoreError {
    CoreError::RootKey { problem }
}

/// Seals the root's key under `passphrase`.
pub fn seal(key: &DeviceKey, passphrase: &str) -> Result<Vec<u8>> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(problem(RootKeyProblem::PassphraseTooShort));
    }
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    for buffer in [&mut salt[..], &mut nonce[..]] {
        getrandom::getrandom(buffer)
            .map_err(|err| CoreError::Storage { message: format!("no randomness for the backup: {err}") })?;
    }
    let mut file = Vec::with_capacity(FILE_BYTES);
    file.extend_from_slice(MAGIC);
    for number in [MEMORY_KIB, PASSES, LANES] {
        file.extend_from_slice(&number.to_le_bytes());
    }
    file.extend_from_slice(&salt);
    file.extend_from_slice(&nonce);
    let cipher = cipher(passphrase, &salt, (MEMORY_KIB, PASSES, LANES))?;
    let secret = key.secret();
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &secret, aad: &file })
        .map_err(|_| CoreError::Storage { message: "the key could not be sealed".into() })?;
    file.extend_from_slice(&sealed);
    let digest = Sha256::digest(&file);
    file.extend_from_slice(&digest);
    Ok(file)
}

/// Opens a backup: the root's key, or why not.
pub fn open(file: &[u8], passphrase: &str) -> Result<DeviceKey> {
    if file.len() < MAGIC.len() || &file[..MAGIC.len()] != MAGIC {
        return Err(problem(RootKeyProblem::NotABackup));
    }
    if file.len() != FILE_BYTES {
        return Err(problem(RootKeyProblem::Damaged));
    }
    let (body, digest) = file.split_at(FILE_BYTES - 32);
    if Sha256::digest(body)[..] != *digest {
        return Err(problem(RootKeyProblem::Damaged));
    }
    let number = |at: usize| u32::from_le_bytes(body[at..at + 4].try_into().expect("four bytes"));
    let cost = (number(8), number(12), number(16));
    if cost.0 > MAX_MEMORY_KIB || cost.1 > MAX_PASSES || cost.2 == 0 || cost.2 > 16 {
        return Err(problem(RootKeyProblem::Damaged));
    }
    let salt = &body[20..20 + SALT_BYTES];
    let nonce = &body[20 + SALT_BYTES..HEADER_BYTES];
    let (header, sealed) = body.split_at(HEADER_BYTES);
    let secret = cipher(passphrase, salt, cost)?
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: header })
        .map_err(|_| problem(RootKeyProblem::WrongPassphrase))?;
    let secret: [u8; 32] = secret.as_slice().try_into().map_err(|_| problem(RootKeyProblem::Damaged))?;
    Ok(DeviceKey::from_secret(secret))
}

fn cipher(passphrase: &str, salt: &[u8], (memory, passes, lanes): (u32, u32, u32)) -> Result<XChaCha20Poly1305> {
    let params = Params::new(memory, passes, lanes, Some(32)).map_err(|_| problem(RootKeyProblem::Damaged))?;
    let mut derived = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut derived)
        .map_err(|_| problem(RootKeyProblem::Damaged))?;
    Ok(XChaCha20Poly1305::new((&derived).into()))
}

/// Puts the root's key from a backup into an empty data folder, so the laptop opened on
/// it signs as the root. Nothing is written unless the file opens and no key is there.
pub fn restore(data_dir: &Path, file: &[u8], passphrase: &str) -> Result<DeviceId> {
    let key_path = data_dir.join(crate::desk::KEY_FILE);
    if crate::key_store::has_key(&key_path) {
        return Err(problem(RootKeyProblem::KeyAlreadyHere));
    }
    let key = open(file, passphrase)?;
    std::fs::create_dir_all(data_dir)?;
    let store = crate::store::Store::open(&data_dir.join(crate::desk::DB_FILE))?;
    crate::local_state::set(store.conn(), RESTORED, &key.id().to_hex())?;
    drop(store);
    write_private_file(&key_path, &key.secret()).map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => problem(RootKeyProblem::KeyAlreadyHere),
        _ => err.into(),
    })?;
    Ok(key.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSPHRASE: &str = "kunci kantor bupati 2026";

    #[test]
    fn a_sealed_key_opens_only_with_its_passphrase_and_every_damage_is_named() {
        let key = DeviceKey::from_secret([7; 32]);
        let file = seal(&key, PASSPHRASE).unwrap();
        assert_eq!(file.len(), FILE_BYTES);
        assert_eq!(open(&file, PASSPHRASE).unwrap().id(), key.id());
        let refused = |file: &[u8], passphrase: &str| match open(file, passphrase) {
            Err(CoreError::RootKey { problem }) => problem,
            other => panic!("expected a refusal, got {:?}", other.map(|key| key.id())),
        };
        assert_eq!(refused(&file, "kunci kantor bupati 2025"), RootKeyProblem::WrongPassphrase);
        assert_eq!(refused(&file[..FILE_BYTES - 1], PASSPHRASE), RootKeyProblem::Damaged);
        assert_eq!(refused(b"PK\x03\x04 a zip", PASSPHRASE), RootKeyProblem::NotABackup);
        for at in [9, 25, HEADER_BYTES + 3, FILE_BYTES - 1] {
            let mut flipped = file.clone();
            flipped[at] ^= 0x01;
            assert_eq!(refused(&flipped, PASSPHRASE), RootKeyProblem::Damaged, "byte {at}");
        }
        assert!(matches!(
            seal(&key, "pendek"),
            Err(CoreError::RootKey { problem: RootKeyProblem::PassphraseTooShort })
        ));
    }
}
