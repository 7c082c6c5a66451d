//! Writing a signed bundle straight to a file, in bounded memory: the evidence files are
//! read from disk as they are packed, never held, so a file carrying hundreds of
//! megabytes of photos costs a laptop the events and a few buffers.
//!
//! The header comes before the payload and signs the payload's digest, so the payload is
//! packed first into a spool file beside the target (hashed as it goes), then the header
//! is signed and the bundle is laid out around the spool: a temporary name, renamed into
//! place only when whole. Nothing is left behind when any step fails.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::bundle::{self, Header, RawEvent, FORMAT_MAJOR, TAG_END};
use crate::identity::DeviceKey;

/// An evidence file to carry, read from `path` when it is written.
pub struct EvidenceOnDisk {
    pub sha256: [u8; 32],
    pub path: PathBuf,
}

/// What was written.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub bytes: u64,
    /// Evidence files carried (one that could not be read is left out).
    pub evidence: u32,
}

/// Writes `events` and `evidence` as a bundle signed by `key` to `path`.
pub fn write_signed(
    path: &Path,
    mut header: Header,
    events: &[RawEvent],
    evidence: &[EvidenceOnDisk],
    key: &DeviceKey,
) -> io::Result<Written> {
    let spool_path = beside(path, "spool");
    let file_path = beside(path, "tmp");
    let written = (|| {
        let mut spool = File::options().read(true).write(true).create(true).truncate(true).open(&spool_path)?;
        let packed = pack(&mut spool, events, evidence)?;
        bundle::describe_counts(&mut header, events.len(), packed.evidence as usize, packed.payload_bytes);
        bundle::sign(&mut header, packed.payload_sha256, key);
        let head = bundle::frame_head(FORMAT_MAJOR, &serde_json::to_vec(&header)?, packed.packed_bytes);
        spool.rewind()?;
        let bytes = lay_out(&file_path, &head, &mut spool)?;
        fs::rename(&file_path, path)?;
        Ok(Written { bytes, evidence: packed.evidence })
    })();
    let _ = fs::remove_file(&spool_path);
    if written.is_err() {
        let _ = fs::remove_file(&file_path);
    }
    written
}

/// `.name.suffix` beside `path`: hidden, and never taken for a bundle.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}"))
}

struct Packed {
    payload_bytes: u64,
    payload_sha256: [u8; 32],
    packed_bytes: u64,
    evidence: u32,
}

/// Packs the payload into `spool`, hashing and counting the unpacked bytes.
fn pack(spool: &mut File, events: &[RawEvent], evidence: &[EvidenceOnDisk]) -> io::Result<Packed> {
    let mut payload = Hashing::new(zstd::stream::Encoder::new(BufWriter::new(&mut *spool), 1)?);
    for event in events {
        bundle::write_event_record(event, &mut payload)?;
    }
    let mut carried = 0;
    for file in evidence {
        // A file gone from the store is left out, as the in-memory export does.
        let Ok(mut source) = File::open(&file.path) else { continue };
        let len = source.metadata()?.len();
        let len32 = u32::try_from(len).map_err(|_| io::Error::other("an evidence file over 4 GiB"))?;
        payload.write_all(&bundle::evidence_record_head(&file.sha256, len32))?;
        let copied = io::copy(&mut (&mut source).take(len), &mut payload)?;
        if copied != len {
            return Err(io::Error::other(format!("{} shrank while it was read", file.path.display())));
        }
        carried += 1;
    }
    payload.write_all(&[TAG_END])?;
    let (payload_bytes, payload_sha256, encoder) = payload.finish();
    encoder.finish()?.flush()?;
    let packed_bytes = spool.stream_position()?;
    Ok(Packed { payload_bytes, payload_sha256, packed_bytes, evidence: carried })
}

/// Writes `head`, the packed payload and the trailer to `path`, synced.
fn lay_out(path: &Path, head: &[u8], packed: &mut File) -> io::Result<u64> {
    let mut out = Hashing::new(BufWriter::new(File::create(path)?));
    out.write_all(head)?;
    io::copy(packed, &mut out)?;
    let (bytes, checksum, mut file) = out.finish();
    file.write_all(&bundle::trailer(&checksum))?;
    let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()?;
    Ok(bytes + bundle::TRAILER as u64)
}

/// A writer that counts and hashes what passes through it.
struct Hashing<W> {
    inner: W,
    digest: Sha256,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing { inner, digest: Sha256::new(), bytes: 0 }
    }

    fn finish(self) -> (u64, [u8; 32], W) {
        (self.bytes, self.digest.finalize().into(), self.inner)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.digest.update(&bytes[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::EvidenceFile;

    fn events() -> Vec<RawEvent> {
        (1..=3u8)
            .map(|n| RawEvent {
                id: [n; 32],
                author: [9; 32],
                seq: n as u64,
                signature: [n; 64],
                body: vec![b'x'; 100 * n as usize],
            })
            .collect()
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_written_from_disk_reads_back_as_the_same_signed_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let key = DeviceKey::from_secret([7; 32]);
        let photo: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 251) as u8).collect();
        fs::write(dir.path().join("photo"), &photo).unwrap();
        let carried = [
            EvidenceOnDisk { sha256: [1; 32], path: dir.path().join("photo") },
            EvidenceOnDisk { sha256: [2; 32], path: dir.path().join("gone") },
        ];
        let out = dir.path().join("out").join("kirim.ikp");
        fs::create_dir(out.parent().unwrap()).unwrap();

        let written = write_signed(&out, Header::default(), &events(), &carried, &key).unwrap();
        assert_eq!(written, Written { bytes: fs::metadata(&out).unwrap().len(), evidence: 1 });
        let unpacked = bundle::unpack(&fs::read(&out).unwrap()).unwrap();
        assert_eq!(unpacked.authentic_sender(), Some(key.id()), "the header is signed over this payload");
        let read = bundle::read(&fs::read(&out).unwrap()).unwrap();
        assert_eq!(read.events, events());
        assert_eq!(read.evidence, vec![EvidenceFile { sha256: [1; 32], bytes: photo }]);
        assert_eq!((read.header.events, read.header.evidence), (3, 1));
        assert_eq!(names_in(out.parent().unwrap()), ["kirim.ikp"], "no spool or temporary file is left");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let key = DeviceKey::from_secret([7; 32]);
        // The target's name is taken by a folder: the last step (the rename) fails.
        let out = dir.path().join("kirim.ikp");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("inside"), b"keep").unwrap();
        assert!(write_signed(&out, Header::default(), &events(), &[], &key).is_err());
        assert_eq!(names_in(dir.path()), ["kirim.ikp"]);
        assert_eq!(names_in(&out), ["inside"]);
    }
}
