//! Reading a `.ikp` file (see `bundle` for its layout) in bounded memory, with every
//! limit checked before anything in it is believed.
//!
//! A file is read twice, front to back, never whole: first for its mark and checksum
//! (`frame`, `frame_file`: enough to know a file seen before), then to unpack it (a file
//! on disk hashed again on the way; bytes in memory cannot change). Unpacking keeps the
//! event records in memory (they are few bytes each, and an import compares them with
//! one another) and streams each evidence file, up to 25 MB, past a hash into a staging
//! folder beside the evidence store, so that a file full of photos costs disk, not
//! memory. Staged files nobody adopts are removed.
//! What a crafted file can make this cost is bounded by the limits below: the event
//! records of one file, the size of one event, the number of events.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use bytes::Bytes;
use sha2::{Digest, Sha256};

use crate::bundle::{
    Bundle, EventRecord, EvidenceFile, Header, RawEvent, FORMAT_MAJOR, MAGIC, PREAMBLE, TAG_END, TAG_EVENT,
    TAG_EVIDENCE, TRAILER, TRAILER_MAGIC,
};
use crate::error::{BundleProblem, LogError, Result};

/// The largest evidence file a bundle may carry (the core refuses larger ones before they
/// are attached, so no honest file holds one).
pub const MAX_EVIDENCE_BYTES: u64 = 25 * 1024 * 1024;
/// The largest file read at all.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// The largest content a file may unpack to (event records and evidence files).
pub const MAX_PAYLOAD_BYTES: u64 = 1 << 30;
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// The unpacked content is read through a buffer of this size.
const RECORD_BUFFER: usize = 64 * 1024;
/// One event's signed body (a budget import of 100k rows is one event of a few MB).
pub const MAX_EVENT_BYTES: u32 = 64 * 1024 * 1024;
/// The event records of one file, held in memory while it is imported.
pub const MAX_EVENT_SECTION_BYTES: usize = 96 * 1024 * 1024;
/// The events of one file: each costs a few hundred bytes of bookkeeping while it is
/// imported. An export of more is refused (`ExportTooLarge`): a narrower scope splits it.
pub const MAX_EVENTS_PER_FILE: u32 = 250_000;

/// Where the evidence files of a bundle go while it is read.
#[derive(Clone, Copy)]
pub enum EvidenceSink<'a> {
    /// Kept in memory (a file already in memory: the bytes API, tests).
    Memory,
    /// Staged as files in this folder, to be adopted by the evidence store.
    Folder(&'a Path),
    /// Hashed and counted only (a preview).
    Discard,
}

/// An evidence file carried by a bundle, hashed on the way in.
pub struct CarriedFile {
    pub sha256: [u8; 32],
    pub len: u64,
    /// Whether its content hashes to `sha256`.
    pub intact: bool,
    pub content: Carried,
}

pub enum Carried {
    Memory(Vec<u8>),
    Staged(StagedFile),
    Discarded,
}

/// A staged evidence file; removed when dropped unless the store adopted it.
pub struct StagedFile {
    path: PathBuf,
}

impl StagedFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        // Adopted files were renamed away; the rest are removed (a crash leaves the
        // folder's leftovers to the next import's sweep, see `staging_folder`).
        let _ = fs::remove_file(&self.path);
    }
}

/// A bundle whose file passed every check, with its event records in memory and its
/// evidence carried as `EvidenceSink` said; the records are read (in place) by `records`.
pub struct Unpacked {
    pub header: Header,
    /// The event records as read, shared with the events made from them (`body_of`).
    events: Bytes,
    evidence: Vec<CarriedFile>,
    payload_sha256: [u8; 32],
    checksum: [u8; 32],
}

/// The records of an unpacked bundle, borrowed from it.
pub struct Records<'a> {
    pub events: Vec<EventRecord<'a>>,
    pub evidence: &'a [CarriedFile],
    section: &'a Bytes,
}

impl Records<'_> {
    /// The body of one of `events`, as a share of the unpacked content: no copy. (A body
    /// from elsewhere is copied: `slice_ref` would panic, and a panic closes the app.)
    pub fn body_of(&self, record: &EventRecord<'_>) -> Bytes {
        let within = self.section.as_ptr_range();
        let body = record.body.as_ptr_range();
        if within.start <= body.start && body.end <= within.end {
            self.section.slice_ref(record.body)
        } else {
            Bytes::copy_from_slice(record.body)
        }
    }
}

impl Unpacked {
    /// Reads the event records in place, checking the header's counts.
    pub fn records(&self) -> Result<Records<'_>> {
        let events = parse_event_records(&self.events, self.header.events)?;
        if events.len() as u64 != u64::from(self.header.events)
            || self.evidence.len() as u64 != u64::from(self.header.evidence)
        {
            return Err(unreadable(BundleProblem::Malformed, "the header's counts disagree with the content"));
        }
        Ok(Records { events, evidence: &self.evidence, section: &self.events })
    }

    /// The file's checksum (`checksum`), over the very bytes these records came from.
    pub fn checksum(&self) -> [u8; 32] {
        self.checksum
    }

    /// The SHA-256 of the unpacked content, which a signed header names.
    pub fn payload_sha256(&self) -> [u8; 32] {
        self.payload_sha256
    }

    pub fn into_evidence(self) -> Vec<CarriedFile> {
        self.evidence
    }
}

pub fn unreadable(problem: BundleProblem, detail: impl Into<String>) -> LogError {
    LogError::BundleUnreadable { problem, detail: detail.into() }
}

/// Reads a bundle file from disk, refusing one over the size limit before reading it.
/// Only for small files (enrolment requests) and tests: an import reads with `unpack_file`.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let size = fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(unreadable(BundleProblem::TooLarge, format!("{size} bytes; the limit is {MAX_FILE_BYTES}")));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    fs::File::open(path)?.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a bundle held in memory into records of its own.
pub fn read(bytes: &[u8]) -> Result<Bundle> {
    let unpacked = unpack(bytes)?;
    let events = unpacked.records()?.events.iter().map(EventRecord::to_owned).collect();
    let header = unpacked.header.clone();
    let evidence = unpacked
        .into_evidence()
        .into_iter()
        .map(|file| EvidenceFile {
            sha256: file.sha256,
            bytes: match file.content {
                Carried::Memory(bytes) => bytes,
                Carried::Staged(_) | Carried::Discarded => Vec::new(),
            },
        })
        .collect();
    Ok(Bundle { header, events, evidence })
}

/// Checks and unpacks a bundle held in memory; its evidence stays in memory.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked> {
    frame(bytes)?.unpack()
}

/// Checks and unpacks a bundle file without holding it in memory.
pub fn unpack_file(path: &Path, sink: EvidenceSink<'_>) -> Result<Unpacked> {
    frame_file(path)?.unpack(sink)
}

/// A bundle held in memory whose frame checked (mark, size, trailer, checksum): known by
/// its checksum before anything is unpacked, so an import asks whether it holds the file
/// already, and unpacks it, after one pass over its bytes.
pub struct Framed<'a> {
    bytes: &'a [u8],
    checksum: [u8; 32],
}

/// Checks the frame of a bundle held in memory.
pub fn frame(bytes: &[u8]) -> Result<Framed<'_>> {
    let checksum = check_frame(bytes.len() as u64, bytes)?;
    Ok(Framed { bytes, checksum })
}

impl Framed<'_> {
    /// The SHA-256 of every byte before the trailer: the same checksum, the same file.
    pub fn checksum(&self) -> [u8; 32] {
        self.checksum
    }

    /// Unpacks it; its evidence stays in memory. Bytes in memory cannot change between
    /// the passes, so the second one is not hashed again.
    pub fn unpack(&self) -> Result<Unpacked> {
        unpack_framed(self.bytes.len() as u64, self.checksum, self.bytes, Recheck::No, EvidenceSink::Memory)
    }
}

/// A bundle file whose frame checked, as `Framed`.
pub struct FramedFile<'a> {
    path: &'a Path,
    len: u64,
    checksum: [u8; 32],
}

/// Checks the frame of a bundle file, reading it once in bounded memory.
pub fn frame_file(path: &Path) -> Result<FramedFile<'_>> {
    let len = fs::metadata(path)?.len();
    let checksum = check_frame(len, io::BufReader::with_capacity(1 << 16, fs::File::open(path)?))?;
    Ok(FramedFile { path, len, checksum })
}

impl FramedFile<'_> {
    pub fn checksum(&self) -> [u8; 32] {
        self.checksum
    }

    /// Unpacks it in a second pass, hashed again on the way: a file replaced or grown
    /// since its frame was checked is refused, so the checksum names what was unpacked.
    pub fn unpack(&self, sink: EvidenceSink<'_>) -> Result<Unpacked> {
        let file = io::BufReader::with_capacity(1 << 16, fs::File::open(self.path)?);
        unpack_framed(self.len, self.checksum, file, Recheck::Yes, sink)
    }
}

/// Whether the second pass hashes the file again (a file on disk can change under it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recheck {
    Yes,
    No,
}

/// The folder evidence is staged in while a file is imported, emptied of what an earlier
/// run left (a crash between staging and adopting).
pub fn staging_folder(evidence_dir: &Path) -> Result<PathBuf> {
    let folder = evidence_dir.join(".incoming");
    if folder.is_dir() {
        for entry in fs::read_dir(&folder)?.flatten() {
            let _ = fs::remove_file(entry.path());
        }
    }
    fs::create_dir_all(&folder)?;
    Ok(folder)
}

/// The version and every limit, before a single record is believed (the frame checked
/// already: magic, size, trailer, checksum, which also catches truncation); then the
/// records, streamed.
fn unpack_framed(
    len: u64,
    checksum: [u8; 32],
    source: impl Read,
    recheck: Recheck,
    sink: EvidenceSink<'_>,
) -> Result<Unpacked> {
    let mut reader = Hashing::new(source, recheck == Recheck::Yes);
    let mut preamble = [0u8; PREAMBLE];
    reader.read_exact(&mut preamble).map_err(truncated)?;
    let major = u16::from_le_bytes([preamble[8], preamble[9]]);
    let header_len = u32::from_le_bytes(preamble[12..16].try_into().expect("4 bytes")) as usize;
    let content_len = len - TRAILER as u64;
    if header_len > MAX_HEADER_BYTES || (PREAMBLE + header_len + 8) as u64 > content_len {
        return Err(unreadable(BundleProblem::Malformed, "the header length is out of range"));
    }
    let mut header_bytes = vec![0u8; header_len];
    reader.read_exact(&mut header_bytes).map_err(truncated)?;
    if major > FORMAT_MAJOR {
        // Read leniently: a newer format may have changed the header, but usually still
        // says who made it.
        let producer = serde_json::from_slice::<serde_json::Value>(&header_bytes)
            .ok()
            .and_then(|value| value.get("producer").and_then(|p| p.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "a newer IKP Desk".to_owned());
        return Err(LogError::BundleTooNew { producer, format: u32::from(major) });
    }
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|err| unreadable(BundleProblem::Malformed, format!("the header is not readable: {err}")))?;
    if header.payload_bytes > MAX_PAYLOAD_BYTES {
        return Err(unreadable(
            BundleProblem::TooLarge,
            format!("the content claims {} bytes unpacked; the limit is {MAX_PAYLOAD_BYTES}", header.payload_bytes),
        ));
    }
    if header.events > MAX_EVENTS_PER_FILE {
        return Err(too_many_events());
    }
    let mut length = [0u8; 8];
    reader.read_exact(&mut length).map_err(truncated)?;
    let packed_len = u64::from_le_bytes(length);
    if packed_len != content_len - (PREAMBLE + header_len + 8) as u64 {
        return Err(unreadable(BundleProblem::Malformed, "the packed content's length disagrees with the file"));
    }
    let decoder = zstd::stream::read::Decoder::new((&mut reader).take(packed_len))
        .map_err(|err| unreadable(BundleProblem::Malformed, format!("cannot unpack: {err}")))?;
    // One byte past the declared size is enough to know the header lied (a bomb).
    // Buffered above the hash: the records are read a few bytes at a time, and each
    // small read through the decoder and the hash cost more than the bytes it carried.
    let mut stream =
        io::BufReader::with_capacity(RECORD_BUFFER, Hashing::beside(decoder.take(header.payload_bytes + 1)));
    let (events, evidence) = read_records(&mut stream, &header, sink)?;
    // Whatever follows the end record still counts towards the size, and must not be there.
    let trailing = io::copy(&mut stream, &mut io::sink()).map_err(cannot_unpack)?;
    let stream = stream.into_inner();
    if stream.count > header.payload_bytes {
        return Err(unreadable(BundleProblem::TooLarge, "the content unpacks to more than the header says"));
    }
    if stream.count != header.payload_bytes {
        return Err(unreadable(BundleProblem::Malformed, "the content unpacks to another size than the header says"));
    }
    if trailing > 0 {
        return Err(unreadable(BundleProblem::Malformed, "bytes after the end record"));
    }
    let payload_sha256 = stream.hasher.finalize().expect("the content is hashed");
    // Packed bytes the decoder left unread count towards the checksum too.
    io::copy(&mut stream.inner.into_inner().finish(), &mut io::sink()).map_err(truncated)?;
    let changed = reader.hasher.finalize().is_some_and(|hash| hash != checksum);
    if reader.count != content_len || changed {
        return Err(unreadable(BundleProblem::ChecksumMismatch, "the file changed while it was being read"));
    }
    Ok(Unpacked { header, events: events.into(), evidence, payload_sha256, checksum })
}

/// The first pass: the mark, the size, the trailer and the checksum over the content.
fn check_frame(len: u64, mut reader: impl Read) -> Result<[u8; 32]> {
    if len == 0 {
        return Err(unreadable(BundleProblem::Empty, "the file is empty"));
    }
    let mut mark = [0u8; 8];
    let mut got = 0;
    while got < mark.len() {
        match reader.read(&mut mark[got..])? {
            0 => break,
            n => got += n,
        }
    }
    if got < MAGIC.len() || &mark != MAGIC {
        return Err(unreadable(BundleProblem::NotABundle, "the file does not start with the IKP Desk bundle mark"));
    }
    if len > MAX_FILE_BYTES {
        return Err(unreadable(BundleProblem::TooLarge, format!("the file is over {MAX_FILE_BYTES} bytes")));
    }
    if len < (PREAMBLE + TRAILER) as u64 {
        return Err(unreadable(BundleProblem::Truncated, "the end-of-file mark is missing"));
    }
    let mut hasher = Sha256::new();
    hasher.update(mark);
    let content = len - TRAILER as u64 - mark.len() as u64;
    let copied = io::copy(&mut (&mut reader).take(content), &mut HashWriter(&mut hasher))?;
    let mut trailer = [0u8; TRAILER];
    if copied != content || reader.read_exact(&mut trailer).is_err() || &trailer[..8] != TRAILER_MAGIC {
        return Err(unreadable(BundleProblem::Truncated, "the end-of-file mark is missing"));
    }
    let checksum: [u8; 32] = hasher.finalize().into();
    if checksum[..] != trailer[8..] {
        return Err(unreadable(BundleProblem::ChecksumMismatch, "the checksum does not match the content"));
    }
    Ok(checksum)
}

/// The records, as they stream: event records into memory (within their limits), then
/// each evidence file into `sink`, hashed on the way.
fn read_records(
    stream: &mut impl Read,
    header: &Header,
    sink: EvidenceSink<'_>,
) -> Result<(Vec<u8>, Vec<CarriedFile>)> {
    // Room for what the header says the content unpacks to (evidence included), within
    // the section's limit: growing by doubling copied the records read so far each time.
    // Only what is read is ever touched, so a header that overstates costs no resident
    // memory (the section's limit bounds the reservation).
    let mut events = Vec::with_capacity(header.payload_bytes.min(MAX_EVENT_SECTION_BYTES as u64) as usize);
    let mut event_count: u32 = 0;
    let mut evidence = Vec::new();
    loop {
        let mut tag = [0u8; 1];
        stream.read_exact(&mut tag).map_err(past_the_end)?;
        match tag[0] {
            TAG_END => break,
            TAG_EVENT => {
                if !evidence.is_empty() {
                    return Err(unreadable(BundleProblem::Malformed, "an event after the evidence files"));
                }
                event_count += 1;
                if event_count > MAX_EVENTS_PER_FILE || event_count > header.events {
                    return Err(if event_count > MAX_EVENTS_PER_FILE {
                        too_many_events()
                    } else {
                        unreadable(BundleProblem::Malformed, "the header's counts disagree with the content")
                    });
                }
                let mut fixed = [0u8; EVENT_FIXED];
                stream.read_exact(&mut fixed).map_err(past_the_end)?;
                let len = u32::from_le_bytes(fixed[EVENT_FIXED - 4..].try_into().expect("4 bytes"));
                if len > MAX_EVENT_BYTES {
                    return Err(unreadable(BundleProblem::TooLarge, format!("an event of {len} bytes")));
                }
                if events.len() + 1 + EVENT_FIXED + len as usize > MAX_EVENT_SECTION_BYTES {
                    return Err(unreadable(
                        BundleProblem::TooLarge,
                        format!("the events of one file take more than {MAX_EVENT_SECTION_BYTES} bytes"),
                    ));
                }
                events.push(TAG_EVENT);
                events.extend_from_slice(&fixed);
                // Read straight into place (`read_to_end` probed and grew in small steps).
                let body_start = events.len();
                events.resize(body_start + len as usize, 0);
                stream.read_exact(&mut events[body_start..]).map_err(past_the_end)?;
            }
            TAG_EVIDENCE => {
                let mut fixed = [0u8; 32 + 4];
                stream.read_exact(&mut fixed).map_err(past_the_end)?;
                let sha256: [u8; 32] = fixed[..32].try_into().expect("32 bytes");
                let len = u64::from(u32::from_le_bytes(fixed[32..].try_into().expect("4 bytes")));
                if len > MAX_EVIDENCE_BYTES {
                    return Err(unreadable(BundleProblem::TooLarge, format!("an evidence file of {len} bytes")));
                }
                evidence.push(carry(stream, sha256, len, sink)?);
            }
            tag => return Err(unreadable(BundleProblem::Malformed, format!("unknown record type {tag}"))),
        }
    }
    Ok((events, evidence))
}

/// Id, author, number, signature and body length: an event record after its tag.
const EVENT_FIXED: usize = 32 + 32 + 8 + 64 + 4;

/// One evidence file of `len` bytes from the stream into `sink`, hashed on the way.
fn carry(stream: &mut impl Read, sha256: [u8; 32], len: u64, sink: EvidenceSink<'_>) -> Result<CarriedFile> {
    let mut hasher = Sha256::new();
    let mut part = (&mut *stream).take(len);
    let (copied, content) = match sink {
        EvidenceSink::Memory => {
            let mut bytes = Vec::new();
            let copied = part.read_to_end(&mut bytes).map_err(cannot_unpack)? as u64;
            hasher.update(&bytes);
            (copied, Carried::Memory(bytes))
        }
        EvidenceSink::Discard => {
            (io::copy(&mut part, &mut HashWriter(&mut hasher)).map_err(cannot_unpack)?, Carried::Discarded)
        }
        EvidenceSink::Folder(folder) => {
            let staged = StagedFile { path: folder.join(format!("{}.part", random_name()?)) };
            let mut file = io::BufWriter::new(fs::File::create_new(staged.path())?);
            let copied = io::copy(&mut part, &mut Tee(&mut hasher, &mut file)).map_err(cannot_unpack)?;
            file.into_inner().map_err(|err| LogError::from(err.into_error()))?;
            (copied, Carried::Staged(staged))
        }
    };
    if copied != len {
        return Err(past_the_end(io::ErrorKind::UnexpectedEof.into()));
    }
    let intact = <[u8; 32]>::from(hasher.finalize()) == sha256;
    Ok(CarriedFile { sha256, len, intact, content })
}

fn random_name() -> Result<String> {
    let mut nonce = [0u8; 12];
    getrandom::getrandom(&mut nonce)
        .map_err(|err| LogError::Storage { message: format!("no randomness for a staged file's name: {err}") })?;
    Ok(hex::encode(nonce))
}

/// The event records, read in place from the in-memory section `read_records` kept.
fn parse_event_records(section: &[u8], declared: u32) -> Result<Vec<EventRecord<'_>>> {
    let mut events = Vec::with_capacity((declared as usize).min(section.len() / (1 + EVENT_FIXED)));
    let mut at = 0;
    while at < section.len() {
        let fixed = &section[at + 1..at + 1 + EVENT_FIXED];
        let len = u32::from_le_bytes(fixed[EVENT_FIXED - 4..].try_into().expect("4 bytes")) as usize;
        let body_start = at + 1 + EVENT_FIXED;
        events.push(RawEvent {
            id: fixed[..32].try_into().expect("32 bytes"),
            author: fixed[32..64].try_into().expect("32 bytes"),
            seq: u64::from_le_bytes(fixed[64..72].try_into().expect("8 bytes")),
            signature: fixed[72..136].try_into().expect("64 bytes"),
            body: &section[body_start..body_start + len],
        });
        at = body_start + len;
    }
    Ok(events)
}

fn too_many_events() -> LogError {
    unreadable(BundleProblem::TooLarge, format!("more than {MAX_EVENTS_PER_FILE} events in one file"))
}

fn truncated(_: io::Error) -> LogError {
    unreadable(BundleProblem::Truncated, "the file ends early")
}

fn past_the_end(err: io::Error) -> LogError {
    if err.kind() == io::ErrorKind::UnexpectedEof {
        unreadable(BundleProblem::Malformed, "a record runs past the end")
    } else {
        cannot_unpack(err)
    }
}

fn cannot_unpack(err: io::Error) -> LogError {
    unreadable(BundleProblem::Malformed, format!("cannot unpack: {err}"))
}

/// A reader that counts what passes through it, and hashes it unless told not to.
struct Hashing<R> {
    inner: R,
    hasher: Hasher,
    count: u64,
}

impl<R> Hashing<R> {
    fn new(inner: R, hashed: bool) -> Self {
        Hashing { inner, hasher: if hashed { Hasher::Here(Sha256::new()) } else { Hasher::None }, count: 0 }
    }

    /// Hashed on a thread of its own (see `HashingThread`), or here if none can start.
    fn beside(inner: R) -> Self {
        let hasher = HashingThread::start().map_or_else(|| Hasher::Here(Sha256::new()), Hasher::Elsewhere);
        Hashing { inner, hasher, count: 0 }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// Where the bytes a `Hashing` reader passes on are hashed, if at all.
enum Hasher {
    None,
    Here(Sha256),
    Elsewhere(HashingThread),
}

impl Hasher {
    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::None => {}
            Hasher::Here(hasher) => hasher.update(bytes),
            Hasher::Elsewhere(thread) => thread.update(bytes),
        }
    }

    fn finalize(self) -> Option<[u8; 32]> {
        match self {
            Hasher::None => None,
            Hasher::Here(hasher) => Some(hasher.finalize().into()),
            Hasher::Elsewhere(thread) => Some(thread.finalize()),
        }
    }
}

/// SHA-256 on a thread of its own, fed copies of the bytes as they are read: the content
/// of a large file is hashed beside its decompression (on another core) instead of
/// after each read, on the thread every later check waits for (0.025 s of 0.1 for a
/// 100,000-event file).
struct HashingThread {
    chunks: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    thread: std::thread::JoinHandle<[u8; 32]>,
}

/// Chunks in flight to the hashing thread at most, and the largest chunk: a read straight
/// into a large event body (up to `MAX_EVENT_BYTES`) is sent in pieces, so a hashing
/// thread that lags holds at most 1 MiB of copies, whatever the file.
const CHUNKS_IN_FLIGHT: usize = 16;
const CHUNK_BYTES: usize = 64 * 1024;

impl HashingThread {
    fn start() -> Option<Self> {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(CHUNKS_IN_FLIGHT);
        let thread = std::thread::Builder::new()
            .name("bundle-hash".into())
            .spawn(move || {
                let mut hasher = Sha256::new();
                for chunk in received {
                    hasher.update(&chunk);
                }
                hasher.finalize().into()
            })
            .ok()?;
        Some(HashingThread { chunks: Some(chunks), thread })
    }

    fn update(&mut self, bytes: &[u8]) {
        let chunks = self.chunks.as_ref().expect("fed only before it is finalized");
        for piece in bytes.chunks(CHUNK_BYTES) {
            chunks.send(piece.to_vec()).expect("the hashing thread lives until finalized");
        }
    }

    fn finalize(mut self) -> [u8; 32] {
        drop(self.chunks.take());
        self.thread.join().expect("hashing does not panic")
    }
}

struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes to a file and a hash at once.
struct Tee<'a, W>(&'a mut Sha256, &'a mut W);

impl<W: Write> Write for Tee<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.1.write(buf)?;
        self.0.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.1.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{frame, pack, write, TAG_END, TAG_EVIDENCE};

    fn problem(result: Result<Unpacked>) -> BundleProblem {
        match result {
            Err(LogError::BundleUnreadable { problem, .. }) => problem,
            Err(other) => panic!("expected an unreadable bundle, got {other:?}"),
            Ok(_) => panic!("expected an unreadable bundle, got one read"),
        }
    }

    #[test]
    fn the_hashing_thread_hashes_what_it_is_fed_whatever_the_pieces() {
        let bytes: Vec<u8> = (0..(3 * CHUNK_BYTES + 17)).map(|i| (i % 251) as u8).collect();
        let mut thread = HashingThread::start().expect("a thread starts");
        thread.update(&bytes[..5]);
        thread.update(&[]);
        thread.update(&bytes[5..]);
        assert_eq!(thread.finalize(), <[u8; 32]>::from(Sha256::digest(&bytes)));
    }

    #[test]
    fn a_file_claiming_more_events_than_one_file_carries_is_refused_before_reading_them() {
        let header = Header { events: MAX_EVENTS_PER_FILE + 1, payload_bytes: 1, ..Header::default() };
        let file = frame(FORMAT_MAJOR, &serde_json::to_vec(&header).unwrap(), &pack(&[TAG_END]));
        assert_eq!(problem(unpack(&file)), BundleProblem::TooLarge);
    }

    #[test]
    fn a_file_replaced_between_the_check_and_the_reading_is_refused() {
        let first = write(Header { producer: "laptop-1".into(), ..Header::default() }, &[], &[]);
        let second = write(Header { producer: "laptop-2".into(), ..Header::default() }, &[], &[]);
        assert_eq!(first.len(), second.len(), "the same size, as a sync engine's replacement may be");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("masuk.ikp");
        fs::write(&path, &first).unwrap();
        let framed = frame_file(&path).unwrap();
        assert_eq!(framed.checksum(), super::frame(&first).unwrap().checksum());
        fs::write(&path, &second).unwrap();
        assert_eq!(problem(framed.unpack(EvidenceSink::Memory)), BundleProblem::ChecksumMismatch);
        let unchanged = unpack(&first).unwrap();
        assert_eq!(unchanged.checksum(), super::frame(&first).unwrap().checksum());
    }

    #[test]
    fn an_event_after_the_evidence_is_malformed() {
        let good = write(Header::default(), &[], &[EvidenceFile { sha256: [1; 32], bytes: b"x".to_vec() }]);
        let mut payload = vec![TAG_EVIDENCE];
        payload.extend([1; 32]);
        payload.extend(1u32.to_le_bytes());
        payload.push(b'x');
        payload.push(TAG_EVENT);
        payload.extend([0u8; EVENT_FIXED]);
        payload.push(TAG_END);
        let mut header = unpack(&good).unwrap().header;
        header.events = 1;
        header.payload_bytes = payload.len() as u64;
        let file = frame(FORMAT_MAJOR, &serde_json::to_vec(&header).unwrap(), &pack(&payload));
        assert_eq!(problem(unpack(&file)), BundleProblem::Malformed);
    }

    #[test]
    fn staged_evidence_is_hashed_and_removed_unless_adopted() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let bytes = b"foto kegiatan".to_vec();
        let sha256: [u8; 32] = Sha256::digest(&bytes).into();
        let file = write(Header::default(), &[], &[EvidenceFile { sha256, bytes }]);
        let path = dir.join("b.ikp");
        fs::write(&path, &file).unwrap();
        let unpacked = unpack_file(&path, EvidenceSink::Folder(dir)).unwrap();
        let staged: Vec<PathBuf> = unpacked
            .records()
            .unwrap()
            .evidence
            .iter()
            .map(|carried| {
                assert!(carried.intact);
                match &carried.content {
                    Carried::Staged(staged) => staged.path().to_owned(),
                    _ => panic!("staged on disk"),
                }
            })
            .collect();
        assert!(staged[0].exists());
        drop(unpacked);
        assert!(!staged[0].exists(), "a staged file nobody adopted is removed");
    }

    #[test]
    fn an_events_body_is_shared_with_the_unpacked_file_not_copied() {
        let events: Vec<RawEvent> = (1..=3u8)
            .map(|n| RawEvent {
                id: [n; 32],
                author: [9; 32],
                seq: u64::from(n),
                signature: [n; 64],
                body: vec![n; 40],
            })
            .collect();
        let unpacked = unpack(&write(Header::default(), &events, &[])).unwrap();
        let records = unpacked.records().unwrap();
        for (record, written) in records.events.iter().zip(&events) {
            let body = records.body_of(record);
            assert_eq!(body, written.body);
            assert_eq!(body.as_ptr(), record.body.as_ptr(), "the same bytes, not a copy");
        }
        let elsewhere = b"not from this file".to_vec();
        let foreign = RawEvent { body: &elsewhere[..], ..records.events[0] };
        assert_eq!(records.body_of(&foreign), elsewhere, "copied, never a panic");
    }
}
