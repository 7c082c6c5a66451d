//! The signed event envelope. An event is made once by its author: the envelope is
//! serialized to JSON once (`body`), its id is the SHA-256 of those bytes, and the
//! author signs the id. From then on only the exact stored bytes are trusted: nothing
//! ever re-serializes an event to check it.

use std::fmt;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::clock::Hlc;
use crate::identity::{DeviceId, DeviceKey};

/// Version of the envelope layout below. Do not change the envelope: it is serialized
/// and signed. A new layout is a new version, read beside the old one.
pub const ENVELOPE_VERSION: u32 = 1;

/// Domain separation, so an event signature can never be replayed as another message.
const SIGNING_CONTEXT: &[u8] = b"ikp-desk/event/v1\0";

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub [u8; 32]);

impl EventId {
    pub fn of_body(body: &[u8]) -> EventId {
        EventId(Sha256::digest(body).into())
    }

    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    pub fn from_slice(bytes: &[u8]) -> Option<EventId> {
        Some(EventId(bytes.try_into().ok()?))
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventId({})", &self.to_hex()[..12])
    }
}

/// The signed part of an event.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub v: u32,
    /// Hex public key of the authoring device.
    pub author: String,
    /// The author's own gapless sequence number.
    pub seq: u64,
    pub hlc: Hlc,
    pub kind: String,
    /// Version of this kind's payload schema.
    pub pv: u32,
    /// The payload's JSON text as its author wrote it: read into its kind's type in one
    /// pass (a tree of JSON values first cost several times the text for a large file),
    /// and written back byte for byte.
    pub payload: Box<RawValue>,
}

impl PartialEq for Envelope {
    fn eq(&self, other: &Envelope) -> bool {
        let Envelope { v, author, seq, hlc, kind, pv, payload } = self;
        (v, author, seq, hlc, kind, pv, payload.get())
            == (&other.v, &other.author, &other.seq, &other.hlc, &other.kind, &other.pv, other.payload.get())
    }
}

/// The payload of an event whose payload is no longer needed once decoded.
pub fn null_payload() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).expect("null is JSON")
}

#[derive(Clone, Debug)]
pub struct SignedEvent {
    pub id: EventId,
    pub author: DeviceId,
    pub envelope: Envelope,
    /// The signed bytes. Shared: an imported event's body is a slice of the unpacked file,
    /// not a copy of it (a month's file holds 100,000 of them).
    pub body: Bytes,
    pub signature: [u8; 64],
}

/// Why a stored event cannot be trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tamper {
    /// The body no longer hashes to the event id.
    HashMismatch,
    /// The body is not a readable envelope.
    Unreadable(String),
    /// An indexed column disagrees with the signed body.
    ColumnMismatch(&'static str),
    /// The signature does not verify under the author's key.
    BadSignature,
}

impl fmt::Display for Tamper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tamper::HashMismatch => f.write_str("content does not match its id (hash mismatch)"),
            Tamper::Unreadable(why) => write!(f, "body is unreadable: {why}"),
            Tamper::ColumnMismatch(column) => {
                write!(f, "column `{column}` disagrees with the signed body")
            }
            Tamper::BadSignature => f.write_str("signature does not verify under the author's key"),
        }
    }
}

/// An event as read back from storage, before it is verified.
pub struct StoredEvent {
    pub id: Vec<u8>,
    pub author: Vec<u8>,
    pub seq: u64,
    pub hlc: Hlc,
    pub kind: String,
    pub body: Vec<u8>,
    pub signature: Vec<u8>,
}

impl SignedEvent {
    /// Makes and signs a new event of any serializable payload (a JSON value's object
    /// keys are written sorted).
    pub fn seal(key: &DeviceKey, seq: u64, hlc: Hlc, kind: &str, pv: u32, payload: impl Serialize) -> SignedEvent {
        let payload = serde_json::value::to_raw_value(&payload).expect("an event payload always serializes");
        SignedEvent::seal_raw(key, seq, hlc, kind, pv, payload)
    }

    /// Makes and signs a new event whose payload is already JSON text. Nothing ever
    /// re-serializes an event, so the text needs no canonical key order: its bytes,
    /// once signed, are the event.
    pub fn seal_raw(key: &DeviceKey, seq: u64, hlc: Hlc, kind: &str, pv: u32, payload: Box<RawValue>) -> SignedEvent {
        let author = key.id();
        let envelope =
            Envelope { v: ENVELOPE_VERSION, author: author.to_hex(), seq, hlc, kind: kind.to_owned(), pv, payload };
        let body = serde_json::to_vec(&envelope).expect("an envelope of JSON values always serializes");
        let id = EventId::of_body(&body);
        let signature = key.sign(&signing_message(id));
        SignedEvent { id, author, envelope, body: body.into(), signature }
    }

    /// Verifies a stored event from its exact bytes: id, readable body, columns, signature.
    pub fn verify(stored: StoredEvent) -> Result<SignedEvent, Tamper> {
        let id = EventId::from_slice(&stored.id).ok_or(Tamper::ColumnMismatch("id"))?;
        if EventId::of_body(&stored.body) != id {
            return Err(Tamper::HashMismatch);
        }
        let envelope: Envelope =
            serde_json::from_slice(&stored.body).map_err(|err| Tamper::Unreadable(err.to_string()))?;
        let author = DeviceId::from_hex(&envelope.author).ok_or(Tamper::Unreadable("author is not a key".into()))?;
        if stored.author != author.0 {
            return Err(Tamper::ColumnMismatch("author"));
        }
        if stored.seq != envelope.seq {
            return Err(Tamper::ColumnMismatch("seq"));
        }
        if stored.hlc != envelope.hlc {
            return Err(Tamper::ColumnMismatch("hlc"));
        }
        if stored.kind != envelope.kind {
            return Err(Tamper::ColumnMismatch("kind"));
        }
        let signature: [u8; 64] = stored.signature.as_slice().try_into().map_err(|_| Tamper::BadSignature)?;
        if !author.verifies(&signing_message(id), &signature) {
            return Err(Tamper::BadSignature);
        }
        Ok(SignedEvent { id, author, envelope, body: stored.body.into(), signature })
    }

    pub fn hlc(&self) -> Hlc {
        self.envelope.hlc
    }

    pub fn kind(&self) -> &str {
        &self.envelope.kind
    }

    /// The key projections compare for last-writer-wins.
    pub fn version_key(&self) -> String {
        self.envelope.hlc.version_key(&self.envelope.author)
    }
}

/// What a device signs for an event: its id under a fixed context.
pub fn signing_message(id: EventId) -> Vec<u8> {
    let mut message = Vec::with_capacity(SIGNING_CONTEXT.len() + 32);
    message.extend_from_slice(SIGNING_CONTEXT);
    message.extend_from_slice(&id.0);
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(event: &SignedEvent) -> StoredEvent {
        StoredEvent {
            id: event.id.0.to_vec(),
            author: event.author.0.to_vec(),
            seq: event.envelope.seq,
            hlc: event.envelope.hlc,
            kind: event.envelope.kind.clone(),
            body: event.body.to_vec(),
            signature: event.signature.to_vec(),
        }
    }

    fn sample() -> SignedEvent {
        let key = DeviceKey::from_secret([1; 32]);
        let payload = serde_json::json!({"code": "DP3A", "name": "Dinas P3A"});
        SignedEvent::seal(&key, 1, Hlc { wall_ms: 42, counter: 0 }, "agency.registered", 1, payload)
    }

    #[test]
    fn a_sealed_event_verifies_from_its_stored_bytes() {
        let event = sample();
        let verified = SignedEvent::verify(stored(&event)).unwrap();
        assert_eq!(verified.id, event.id);
        assert_eq!(verified.envelope, event.envelope);
    }

    #[test]
    fn body_bytes_hold_the_payload_text_as_given() {
        let text = String::from_utf8(sample().body.to_vec()).unwrap();
        assert!(text.contains(r#""payload":{"code":"DP3A","name":"Dinas P3A"}"#), "{text}");
        let key = DeviceKey::from_secret([1; 32]);
        let payload = RawValue::from_string(r#"{"name":"Dinas P3A","code":"DP3A"}"#.to_owned()).unwrap();
        let raw = SignedEvent::seal_raw(&key, 1, Hlc { wall_ms: 42, counter: 0 }, "agency.registered", 1, payload);
        let text = String::from_utf8(raw.body.to_vec()).unwrap();
        assert!(text.contains(r#""payload":{"name":"Dinas P3A","code":"DP3A"}"#), "{text}");
        assert_eq!(SignedEvent::verify(stored(&raw)).unwrap().envelope, raw.envelope);
    }

    #[test]
    fn any_changed_byte_of_the_body_is_detected() {
        let event = sample();
        for index in 0..event.body.len() {
            let mut copy = stored(&event);
            copy.body[index] ^= 0x01;
            assert_eq!(SignedEvent::verify(copy).unwrap_err(), Tamper::HashMismatch, "byte {index}");
        }
    }

    #[test]
    fn a_signature_by_another_key_is_refused() {
        let event = sample();
        let mut copy = stored(&event);
        copy.signature = DeviceKey::from_secret([2; 32]).sign(&signing_message(event.id)).to_vec();
        assert_eq!(SignedEvent::verify(copy).unwrap_err(), Tamper::BadSignature);
    }

    #[test]
    fn a_column_that_disagrees_with_the_body_is_refused() {
        let mut copy = stored(&sample());
        copy.seq = 9;
        assert_eq!(SignedEvent::verify(copy).unwrap_err(), Tamper::ColumnMismatch("seq"));
    }
}
