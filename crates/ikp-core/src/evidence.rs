//! Evidence files, stored content-addressed: the file name is the SHA-256 of the bytes,
//! so the same photo attached twice is stored once and a sync bundle can carry it by
//! hash. Files are written to a temporary name and renamed, so a crash never leaves a
//! half-written file under a real hash.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
use crate::use_case::EvidenceRef;
use ikp_log::unpack::{Carried, CarriedFile};

/// One limit for what is attached here and what a bundle may carry.
pub use ikp_log::unpack::MAX_EVIDENCE_BYTES;
const MB: u64 = 1024 * 1024;

pub struct EvidenceStore {
    dir: PathBuf,
}

impl EvidenceStore {
    pub fn new(data_dir: &Path) -> EvidenceStore {
        EvidenceStore { dir: data_dir.join("evidence") }
    }

    /// Copies the file at `source` into the store; refuses files over the size limit
    /// before reading them.
    pub fn put_file(&self, source: &Path) -> Result<EvidenceRef> {
        let file_name = source.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let size = fs::metadata(source)?.len();
        refuse_if_too_large(&file_name, size)?;
        let mut bytes = Vec::with_capacity(size as usize);
        fs::File::open(source)?.take(MAX_EVIDENCE_BYTES + 1).read_to_end(&mut bytes)?;
        self.put_bytes(&file_name, &bytes)
    }

    pub fn put_bytes(&self, file_name: &str, bytes: &[u8]) -> Result<EvidenceRef> {
        refuse_if_too_large(file_name, bytes.len() as u64)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&sha256)?;
        if !path.exists() {
            let parent = path.parent().expect("evidence paths have a parent");
            fs::create_dir_all(parent)?;
            let tmp = parent.join(format!(".{sha256}.tmp"));
            let mut file = fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, &path)?;
        }
        Ok(EvidenceRef { sha256, file_name: file_name.to_owned(), size_bytes: bytes.len() as u32 })
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps a file a bundle carried (its hash checked on the way in): written from
    /// memory, or a staged file moved into place.
    pub fn keep_carried(&self, file: &CarriedFile) -> Result<()> {
        let sha256 = hex::encode(file.sha256);
        let path = self.path_of(&sha256)?;
        if path.exists() {
            return Ok(());
        }
        match &file.content {
            Carried::Memory(bytes) => self.put_bytes("bundle", bytes).map(|_| ()),
            Carried::Staged(staged) => {
                fs::create_dir_all(path.parent().expect("evidence paths have a parent"))?;
                // Flushed before it is named, as `put_bytes` does: a power cut never
                // leaves a committed event with half its file. (Windows flushes only a
                // handle opened for writing.)
                fs::OpenOptions::new().write(true).open(staged.path())?.sync_all()?;
                fs::rename(staged.path(), &path)?;
                Ok(())
            }
            Carried::Discarded => Ok(()),
        }
    }

    /// Where the file with this hash lives. Hashes arrive in synced events, so only
    /// exactly 64 lowercase hex digits become a path: anything else (`../device.key`,
    /// a drive letter, non-ASCII) is refused by name.
    pub fn path_of(&self, sha256: &str) -> Result<PathBuf> {
        if !is_sha256_hex(sha256) {
            return Err(CoreError::UnknownEvidence { sha256: sha256.chars().take(80).collect() });
        }
        Ok(self.dir.join(&sha256[..2]).join(sha256))
    }

    /// Whether a file with this hash is stored; a malformed hash never is.
    pub fn contains(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_ok_and(|path| path.exists())
    }
}

/// Exactly 64 lowercase hexadecimal digits, the only form a stored file's name takes.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn refuse_if_too_large(file_name: &str, size: u64) -> Result<()> {
    if size > MAX_EVIDENCE_BYTES {
        return Err(CoreError::EvidenceTooLarge {
            file_name: file_name.to_owned(),
            size_mb: size.div_ceil(MB).min(u64::from(u32::MAX)) as u32,
            limit_mb: (MAX_EVIDENCE_BYTES / MB) as u32,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_stored_once_under_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::new(dir.path());
        let first = store.put_bytes("foto.jpg", b"bukti kegiatan").unwrap();
        let second = store.put_bytes("foto-lagi.jpg", b"bukti kegiatan").unwrap();
        assert_eq!(first.sha256, second.sha256);
        assert_eq!(fs::read(store.path_of(&first.sha256).unwrap()).unwrap(), b"bukti kegiatan");
        let stored: Vec<_> = fs::read_dir(store.path_of(&first.sha256).unwrap().parent().unwrap()).unwrap().collect();
        assert_eq!(stored.len(), 1);
    }

    #[test]
    fn only_a_lowercase_sha256_becomes_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::new(dir.path());
        fs::write(dir.path().join("device.key"), b"secret").unwrap();
        let good = "ab".repeat(32);
        assert_eq!(store.path_of(&good).unwrap(), dir.path().join("evidence").join("ab").join(&good));
        let hostile = [
            "./../device.key".to_owned(),
            "../../device.key".to_owned(),
            "AB".repeat(32),
            format!("{}g", "a".repeat(63)),
            "a".repeat(65),
            "é".repeat(32),
            format!("é{}", "a".repeat(62)),
            format!("C:{}", "a".repeat(62)),
            format!("aé{}", "a".repeat(61)),
            String::new(),
        ];
        for hash in hostile {
            assert!(matches!(store.path_of(&hash), Err(CoreError::UnknownEvidence { .. })), "{hash:?} became a path");
            assert!(!store.contains(&hash));
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_name_and_nothing_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("video.mp4");
        fs::File::create(&big).unwrap().set_len(MAX_EVIDENCE_BYTES + 1).unwrap();
        let store = EvidenceStore::new(dir.path());
        let refused = store.put_file(&big).unwrap_err();
        assert_eq!(refused, CoreError::EvidenceTooLarge { file_name: "video.mp4".into(), size_mb: 26, limit_mb: 25 });
        assert!(!dir.path().join("evidence").exists());
    }
}
