//! The first look at each event of a file, before any signature is checked: does its
//! content hash to its id, is it already here, may its author be read at all, does its
//! body parse as the kind it names. Spread over the cores; what survives is verified by
//! signature and authority next (`import`).

use std::collections::HashSet;

use memchr::memmem;

use super::bundle::{EventRecord, Records};
use super::parallel::over_the_cores;
use super::trust::{self, Chain};
use crate::error::EventRefusal;
use crate::event::{Envelope, EventId, SignedEvent};
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;

/// One event of the file after checking.
// One per event of a bundle, short-lived: boxing the payload would cost an allocation per
// event to save memory nobody keeps.
#[allow(clippy::large_enum_variant)]
pub(super) enum Verdict {
    Known,
    Refused(EventRefusal, String),
    /// One of two different events signed under one number (equivocation): left out
    /// with its twin, and alerted, while the rest of the file is taken in. Refusing the
    /// whole file would stall every route between two laptops that hold different twins.
    Twin,
    /// Readable, signature not yet checked. Boxed, so that verdicts stay small: a
    /// bundle holds 100k of them, and the new ones are sorted by reference.
    Valid(Box<NewEvent>),
}

/// An event this laptop does not hold yet, with its decoded payload (None: a kind this
/// version does not know).
pub(crate) struct NewEvent {
    pub(crate) event: SignedEvent,
    pub(crate) domain: Option<DomainEvent>,
}

/// The largest self-signed enrolment claim read from an author nobody enrolled.
const MAX_CLAIM_BYTES: usize = 16 * 1024;

/// The authors whose events are parsed at all: the roots and devices the chain knows, and
/// those this file's roots grant or hand over to. Everyone else can only claim a role for
/// itself (a small `device.enrolled`); the rest of what they sign is refused unread, so a
/// stranger's file costs no parsing however large its events.
pub(super) fn authors_worth_reading(chain: &Chain, events: &[EventRecord<'_>], hashed: &[bool]) -> HashSet<[u8; 32]> {
    let authors = distinct_authors(events);
    let mut readable: HashSet<[u8; 32]> =
        authors.iter().copied().filter(|author| chain.knows(DeviceId(*author))).collect();
    let mut roots: HashSet<[u8; 32]> =
        authors.iter().copied().filter(|author| chain.is_root(DeviceId(*author))).collect();
    // Grants and handovers are signed by a root: read those records (few, and small),
    // until no new root appears (a successor's own grants).
    loop {
        let mut successors = Vec::new();
        for index in root_kind_records(events, hashed, &roots) {
            let Ok(envelope) = serde_json::from_slice::<Envelope>(events[index].body) else { continue };
            match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload) {
                Ok(Some(DomainEvent::DeviceGranted(grant))) => {
                    readable.extend(DeviceId::from_hex(&grant.device).map(|d| d.0))
                }
                Ok(Some(DomainEvent::RootHandedOver(handover))) => successors
                    .extend(DeviceId::from_hex(&handover.successor).map(|d| d.0).filter(|d| !roots.contains(d))),
                _ => {}
            }
        }
        if successors.is_empty() {
            return readable;
        }
        readable.extend(&successors);
        roots.extend(successors);
    }
}

/// The records by one of `roots` whose body names a grant or a handover, in file order.
/// A Regent's file is mostly the root's own events, so every body is searched: spread
/// over the cores, with the searchers built once (per body, their set-up cost more than
/// the search).
fn root_kind_records(events: &[EventRecord<'_>], hashed: &[bool], roots: &HashSet<[u8; 32]>) -> Vec<usize> {
    let granted = memmem::Finder::new(trust::GRANTED.as_bytes());
    let handed_over = memmem::Finder::new(trust::HANDED_OVER.as_bytes());
    let names_root_kind = |index: &usize| {
        let record = &events[*index];
        hashed[*index]
            && roots.contains(&record.author)
            && (granted.find(record.body).is_some() || handed_over.find(record.body).is_some())
    };
    over_the_cores(events.len(), |range| range.filter(names_root_kind).collect())
}

/// The authors of a file's events, each once. A file lists each author's events in a run
/// (an export is in clock order per author, mostly), so a run is looked up once.
fn distinct_authors(events: &[EventRecord<'_>]) -> HashSet<[u8; 32]> {
    let mut authors = HashSet::new();
    let mut previous = None;
    for record in events {
        if previous != Some(&record.author) {
            authors.insert(record.author);
            previous = Some(&record.author);
        }
    }
    authors
}

/// Whether a body holds `needle` (a stranger's claim): a vectorised search, not a window
/// compared at every byte.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memmem::find(haystack, needle).is_some()
}

/// Known-or-not and parse checks, spread over the cores.
pub(super) fn first_checks_all(
    records: &Records<'_>,
    hashed: &[bool],
    known: &[Option<[u8; 32]>],
    readable: &HashSet<[u8; 32]>,
) -> Vec<Verdict> {
    let events = &records.events;
    over_the_cores(events.len(), |range| {
        range.map(|index| first_checks(records, &events[index], hashed[index], known[index], readable)).collect()
    })
}

fn first_checks(
    records: &Records<'_>,
    raw: &EventRecord<'_>,
    hash_matches: bool,
    known: Option<[u8; 32]>,
    readable: &HashSet<[u8; 32]>,
) -> Verdict {
    if !hash_matches {
        return Verdict::Refused(EventRefusal::HashMismatch, "the content does not match the event's id".into());
    }
    if known == Some(raw.id) {
        return Verdict::Known;
    }
    if !readable.contains(&raw.author)
        && (raw.body.len() > MAX_CLAIM_BYTES || !contains(raw.body, trust::CLAIMED.as_bytes()))
    {
        return Verdict::Refused(EventRefusal::Unenrolled, "the author was never enrolled by the trust root".into());
    }
    let envelope: Envelope = match serde_json::from_slice(raw.body) {
        Ok(envelope) => envelope,
        Err(err) => return Verdict::Refused(EventRefusal::Unreadable, err.to_string()),
    };
    if !names_author(&envelope.author, &raw.author) || envelope.seq != raw.seq || envelope.seq == 0 {
        return Verdict::Refused(
            EventRefusal::Unreadable,
            "the file's author or number disagrees with the body".into(),
        );
    }
    // SQLite holds signed 64-bit integers: a number or clock past that is no event this
    // desk can store, so it is refused here, by the event, before any query binds it.
    const STORABLE: u64 = i64::MAX as u64;
    if envelope.seq > STORABLE || envelope.hlc.wall_ms > STORABLE {
        return Verdict::Refused(EventRefusal::Unreadable, "its number or clock is beyond range".into());
    }
    let domain = match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload) {
        Ok(domain) => domain,
        Err(why) => return Verdict::Refused(EventRefusal::Unreadable, why),
    };
    // The payload is kept once, decoded: its JSON tree would cost several times the
    // body for every new event of a large file. The chain reads the trust kinds' own.
    let mut envelope = envelope;
    if !trust::reads_payload(&envelope.kind) {
        envelope.payload = crate::event::null_payload();
    }
    let event = SignedEvent {
        id: EventId(raw.id),
        author: DeviceId(raw.author),
        envelope,
        body: records.body_of(raw),
        signature: raw.signature,
    };
    Verdict::Valid(Box::new(NewEvent { event, domain }))
}

/// Whether a body's author is the record's key, in the lowercase hex the log writes.
/// Encoded on the stack: a `String` per event cost a large file's check 0.04 core-s.
fn names_author(author_hex: &str, key: &[u8; 32]) -> bool {
    let mut expected = [0u8; 64];
    hex::encode_to_slice(key, &mut expected).expect("64 hex digits for 32 bytes");
    author_hex.as_bytes() == expected
}

#[cfg(test)]
mod tests {
    use super::names_author;

    #[test]
    fn an_author_is_named_only_in_the_exact_lowercase_hex_of_its_key() {
        let key = [0xabu8; 32];
        assert!(names_author(&"ab".repeat(32), &key));
        assert!(!names_author(&"AB".repeat(32), &key), "uppercase is another text: the body would not match");
        assert!(!names_author(&"ab".repeat(31), &key));
        assert!(!names_author(&format!("{}00", "ab".repeat(32)), &key));
        assert!(!names_author(&format!("{}ac", "ab".repeat(31)), &key));
    }
}
