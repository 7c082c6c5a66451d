//! The `.ikp` bundle file: reading it with every limit checked before anything is
//! trusted, and writing it.
//!
//! ```text
//! magic "IKPDESK\x1a" | major u16 | minor u16 | header_len u32 | header (JSON)
//! | payload_len u64 | payload (zstd) | "IKPEND\0\0" | SHA-256 of every byte before the trailer
//! ```
//! All integers are little-endian. The first 16 bytes and the 40-byte trailer keep this
//! layout in every format version, so any version can say "too new" or "damaged". The
//! payload unpacks to records: `1` an event (id, author, seq, signature, body length,
//! body: the exact bytes the author signed), `2` an evidence file (SHA-256, length,
//! bytes), `0` the end.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::event::SignedEvent;
use crate::identity::{DeviceId, DeviceKey};

pub const MAGIC: &[u8; 8] = b"IKPDESK\x1a";
pub(super) const TRAILER_MAGIC: &[u8; 8] = b"IKPEND\0\0";
pub const FORMAT_MAJOR: u16 = 1;
pub const FORMAT_MINOR: u16 = 0;
pub(super) const PREAMBLE: usize = 16;
pub(super) const TRAILER: usize = 8 + 32;

pub use crate::unpack::{
    read, read_file, unpack, unpack_file, Records, Unpacked, MAX_EVENT_BYTES, MAX_FILE_BYTES, MAX_PAYLOAD_BYTES,
};

pub(super) const TAG_END: u8 = 0;
pub(super) const TAG_EVENT: u8 = 1;
pub(super) const TAG_EVIDENCE: u8 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Events (and evidence) for another laptop.
    #[default]
    Bundle,
    /// A new laptop's self-signed claim, for the trust root to approve.
    EnrolmentRequest,
}

/// The readable header. Fields may be added in minor versions: unknown ones are ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Header {
    pub purpose: Purpose,
    /// The app that wrote the file, e.g. "IKP Desk 0.1.0".
    pub producer: String,
    pub created_at: String,
    /// Hex key of the device that wrote the file.
    pub sender: String,
    /// Hex key of the trust root the sender pinned, if any.
    pub root: Option<String>,
    pub events: u32,
    pub evidence: u32,
    /// The payload's size once unpacked.
    pub payload_bytes: u64,
    /// The sender's version vector: per author (hex), the highest number it holds with
    /// no gap before it. The receiver keeps it as its watermark for the sender.
    pub have: BTreeMap<String, u64>,
    /// SHA-256 (hex) of the unpacked payload: binds the signature to this file's content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_sha256: Option<String>,
    /// The sender's signature (hex) over the rest of the header (`header_message`).
    /// Without a valid one, nothing the header claims is believed: not the sender
    /// (the exchange history), not its version vector (what `export --peer` skips).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// One event as carried: the exact signed bytes and what the framing claims about them.
/// The body is owned when writing a bundle, and borrowed from the unpacked content when
/// reading one (`Unpacked::records`), so an import never copies the bodies it skips.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawEvent<Body = Vec<u8>> {
    pub id: [u8; 32],
    pub author: [u8; 32],
    pub seq: u64,
    pub signature: [u8; 64],
    pub body: Body,
}

/// An event read in place from an unpacked bundle.
pub type EventRecord<'a> = RawEvent<&'a [u8]>;

impl From<&SignedEvent> for RawEvent {
    fn from(event: &SignedEvent) -> Self {
        RawEvent {
            id: event.id.0,
            author: event.author.0,
            seq: event.envelope.seq,
            signature: event.signature,
            body: event.body.to_vec(),
        }
    }
}

impl EventRecord<'_> {
    pub fn to_owned(&self) -> RawEvent {
        RawEvent {
            id: self.id,
            author: self.author,
            seq: self.seq,
            signature: self.signature,
            body: self.body.to_vec(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceFile<Bytes = Vec<u8>> {
    pub sha256: [u8; 32],
    pub bytes: Bytes,
}

/// An evidence file read in place from an unpacked bundle.
pub type EvidenceRecord<'a> = EvidenceFile<&'a [u8]>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bundle {
    pub header: Header,
    pub events: Vec<RawEvent>,
    pub evidence: Vec<EvidenceFile>,
}

fn producer() -> String {
    format!("IKP Desk {}", env!("CARGO_PKG_VERSION"))
}

/// Writes a bundle. `header`'s counts, size and producer are filled in here.
pub fn write(mut header: Header, events: &[RawEvent], evidence: &[EvidenceFile]) -> Vec<u8> {
    let payload = encode_payload(events, evidence);
    describe(&mut header, events, evidence, &payload);
    frame(FORMAT_MAJOR, &serde_json::to_vec(&header).expect("headers serialize"), &pack(&payload))
}

/// A bundle whose header `key` signs as its sender, over the header and the payload.
pub fn write_signed(mut header: Header, events: &[RawEvent], evidence: &[EvidenceFile], key: &DeviceKey) -> Vec<u8> {
    let payload = encode_payload(events, evidence);
    describe(&mut header, events, evidence, &payload);
    sign(&mut header, Sha256::digest(&payload).into(), key);
    frame(FORMAT_MAJOR, &serde_json::to_vec(&header).expect("headers serialize"), &pack(&payload))
}

fn describe(header: &mut Header, events: &[RawEvent], evidence: &[EvidenceFile], payload: &[u8]) {
    describe_counts(header, events.len(), evidence.len(), payload.len() as u64);
}

/// Fills in what the header says of the payload (and the producer, if unset).
pub(super) fn describe_counts(header: &mut Header, events: usize, evidence: usize, payload_bytes: u64) {
    header.events = events as u32;
    header.evidence = evidence as u32;
    header.payload_bytes = payload_bytes;
    if header.producer.is_empty() {
        header.producer = producer();
    }
}

/// Signs `header` as `key`'s, bound to the payload whose SHA-256 is `payload_sha256`.
pub(super) fn sign(header: &mut Header, payload_sha256: [u8; 32], key: &DeviceKey) {
    header.sender = key.id().to_hex();
    header.payload_sha256 = Some(hex::encode(payload_sha256));
    header.signature = None;
    header.signature = Some(hex::encode(key.sign(&header_message(header))));
}

/// What a header's signature covers: the header without its signature, as this build
/// writes it. (A newer build's extra fields are dropped when read here, so its signature
/// does not verify: its header is then believed in nothing, which is safe.)
fn header_message(header: &Header) -> Vec<u8> {
    let unsigned = Header { signature: None, ..header.clone() };
    let mut message = b"IKPDESK bundle header v1\0".to_vec();
    message.extend(serde_json::to_vec(&unsigned).expect("headers serialize"));
    message
}

impl Unpacked {
    /// The sender, if the header is signed by the key it names, over this payload.
    pub fn authentic_sender(&self) -> Option<DeviceId> {
        let signature = self.header.signature.as_deref().and_then(|text| hex::decode(text).ok())?;
        let signature = <[u8; 64]>::try_from(signature).ok()?;
        let sender = DeviceId::from_hex(&self.header.sender)?;
        let digest = hex::encode(self.payload_sha256());
        let covers = self.header.payload_sha256.as_deref() == Some(digest.as_str());
        (covers && sender.verifies(&header_message(&self.header), &signature)).then_some(sender)
    }
}

/// The unpacked record stream of a bundle.
pub fn encode_payload(events: &[RawEvent], evidence: &[EvidenceFile]) -> Vec<u8> {
    let body_bytes: usize = events.iter().map(|event| event_record_len(event) as usize).sum();
    let mut payload = Vec::with_capacity(body_bytes + 1);
    for event in events {
        write_event_record(event, &mut payload).expect("writing into memory does not fail");
    }
    for file in evidence {
        payload.extend_from_slice(&evidence_record_head(&file.sha256, file.bytes.len() as u32));
        payload.extend_from_slice(&file.bytes);
    }
    payload.push(TAG_END);
    payload
}

/// The bytes an event takes in the payload.
pub fn event_record_len(event: &RawEvent) -> u64 {
    1 + 32 + 32 + 8 + 64 + 4 + event.body.len() as u64
}

/// Writes an event's record to `out` in pieces (no copy of the body).
pub(super) fn write_event_record(event: &RawEvent, out: &mut impl std::io::Write) -> std::io::Result<()> {
    out.write_all(&[TAG_EVENT])?;
    out.write_all(&event.id)?;
    out.write_all(&event.author)?;
    out.write_all(&event.seq.to_le_bytes())?;
    out.write_all(&event.signature)?;
    out.write_all(&(event.body.len() as u32).to_le_bytes())?;
    out.write_all(&event.body)
}

/// What precedes an evidence file's bytes in the payload.
pub(super) fn evidence_record_head(sha256: &[u8; 32], len: u32) -> Vec<u8> {
    let mut head = Vec::with_capacity(1 + 32 + 4);
    head.push(TAG_EVIDENCE);
    head.extend_from_slice(sha256);
    head.extend_from_slice(&len.to_le_bytes());
    head
}

/// Packs a payload. Level 1: the fastest, and JSON bodies still pack several times smaller.
pub fn pack(payload: &[u8]) -> Vec<u8> {
    zstd::bulk::compress(payload, 1).expect("compressing into memory does not fail")
}

/// Lays out a file around a header and packed payload (tests use it for odd versions).
pub fn frame(major: u16, header: &[u8], packed: &[u8]) -> Vec<u8> {
    let mut file = frame_head(major, header, packed.len() as u64);
    file.reserve(packed.len() + TRAILER);
    file.extend_from_slice(packed);
    let checksum: [u8; 32] = Sha256::digest(&file).into();
    file.extend_from_slice(&trailer(&checksum));
    file
}

/// Everything before the packed payload: magic, versions, the header, the packed length.
pub(super) fn frame_head(major: u16, header: &[u8], packed_len: u64) -> Vec<u8> {
    let mut head = Vec::with_capacity(PREAMBLE + header.len() + 8);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&major.to_le_bytes());
    head.extend_from_slice(&FORMAT_MINOR.to_le_bytes());
    head.extend_from_slice(&(header.len() as u32).to_le_bytes());
    head.extend_from_slice(header);
    head.extend_from_slice(&packed_len.to_le_bytes());
    head
}

/// The file's last bytes, given the SHA-256 of every byte before them.
pub(super) fn trailer(checksum: &[u8; 32]) -> [u8; TRAILER] {
    let mut trailer = [0u8; TRAILER];
    trailer[..8].copy_from_slice(TRAILER_MAGIC);
    trailer[8..].copy_from_slice(checksum);
    trailer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{BundleProblem, LogError};

    fn sample() -> Vec<u8> {
        let events = vec![RawEvent { id: [1; 32], author: [2; 32], seq: 1, signature: [3; 64], body: b"{}".to_vec() }];
        let evidence = vec![EvidenceFile { sha256: [4; 32], bytes: b"foto".to_vec() }];
        write(Header::default(), &events, &evidence)
    }

    fn problem(bytes: &[u8]) -> BundleProblem {
        match read(bytes) {
            Err(LogError::BundleUnreadable { problem, .. }) => problem,
            other => panic!("expected an unreadable bundle, got {other:?}"),
        }
    }

    #[test]
    fn a_written_bundle_reads_back() {
        let bundle = read(&sample()).unwrap();
        assert_eq!(bundle.events.len(), 1);
        assert_eq!(bundle.events[0].body, b"{}");
        assert_eq!(bundle.evidence[0].bytes, b"foto");
        assert!(bundle.header.producer.starts_with("IKP Desk"));
    }

    #[test]
    fn damage_is_named() {
        let file = sample();
        assert_eq!(problem(&[]), BundleProblem::Empty);
        assert_eq!(problem(b"%PDF-1.7\n..."), BundleProblem::NotABundle);
        assert_eq!(problem(&file[..file.len() - 1]), BundleProblem::Truncated);
        assert_eq!(problem(&file[..file.len() / 2]), BundleProblem::Truncated);
        let mut flipped = file.clone();
        flipped[30] ^= 0x10;
        assert_eq!(problem(&flipped), BundleProblem::ChecksumMismatch);
    }

    #[test]
    fn every_single_bit_flip_is_caught() {
        let file = sample();
        for bit in 0..file.len() * 8 {
            let mut copy = file.clone();
            copy[bit / 8] ^= 1 << (bit % 8);
            assert!(read(&copy).is_err(), "bit {bit}");
        }
    }

    #[test]
    fn a_bomb_stops_at_the_declared_size() {
        let payload = vec![0u8; 50 << 20];
        let packed = zstd::bulk::compress(&payload, 1).unwrap();
        let header = Header { payload_bytes: 1000, ..Header::default() };
        let file = frame(FORMAT_MAJOR, &serde_json::to_vec(&header).unwrap(), &packed);
        assert_eq!(problem(&file), BundleProblem::TooLarge);
        let header = Header { payload_bytes: u64::MAX, ..Header::default() };
        let file = frame(FORMAT_MAJOR, &serde_json::to_vec(&header).unwrap(), &packed);
        assert_eq!(problem(&file), BundleProblem::TooLarge);
    }

    #[test]
    fn a_newer_major_version_names_its_producer() {
        let file = frame(2, br#"{"producer":"IKP Desk 3.0.0"}"#, b"");
        assert_eq!(read(&file).unwrap_err(), LogError::BundleTooNew { producer: "IKP Desk 3.0.0".into(), format: 2 });
    }
}
