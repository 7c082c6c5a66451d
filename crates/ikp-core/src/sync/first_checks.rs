//! The first look at each event of a file, before any signature is checked: does its
//! content hash to its id, is it already here, may its author be read at all, does its
//! body parse as the kind it names. Spread over the cores; what survives is verified by
//! signature and authority next (`import`).

use std::collections::HashSet;

use super::bundle::{EventRecord, Records};
use super::parallel::threads;
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
        for (record, _) in
            events.iter().zip(hashed).filter(|(record, hashed)| **hashed && roots.contains(&record.author))
        {
            if !(contains(record.body, trust::GRANTED.as_bytes())
                || contains(record.body, trust::HANDED_OVER.as_bytes()))
            {
                continue;
            }
            let Ok(envelope) = serde_json::from_slice::<Envelope>(record.body) else { continue };
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

/// Runs over the bodies of every root event of a file on each import: a vectorised
/// search, not a window compared at every byte.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Known-or-not and parse checks, spread over the cores.
pub(super) fn first_checks_all(
    records: &Records<'_>,
    hashed: &[bool],
    known: &[Option<[u8; 32]>],
    readable: &HashSet<[u8; 32]>,
) -> Vec<Verdict> {
    let events = &records.events;
    let chunk = events.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..events.len())
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(events.len());
                scope.spawn(move || {
                    (start..end)
                        .map(|index| first_checks(records, &events[index], hashed[index], known[index], readable))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().expect("checks do not panic")).collect()
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
    if envelope.author != hex::encode(raw.author) || envelope.seq != raw.seq || envelope.seq == 0 {
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
