//! Writing a bundle: the events a peer lacks, the enrolment chain of their authors, and
//! the evidence files they name. Only events the receiver will accept are written (the
//! same rule the importer runs); the rest are held back and counted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone};
use rusqlite::Connection;
use serde::Serialize;

use super::bundle::{self, EvidenceFile, Header, Purpose, RawEvent};
use super::bundle_file::{self, EvidenceOnDisk};
use super::trust::{self, Chain};
use super::unpack;
use crate::device;
use crate::error::{CoreError, Result};
use crate::event::Envelope;
use crate::evidence::EvidenceStore;
use crate::identity::{DeviceId, DeviceKey};
use crate::kinds::DomainEvent;

/// Which events a bundle carries (the enrolment chain always goes along).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportScope {
    Everything,
    /// Events stamped on or after this day (WIB).
    Since(NaiveDate),
    /// What the peer has not said it holds (its last bundle's version vector).
    ForPeer(DeviceId),
    /// One meeting for the agencies: its notulen, the decisions taken in it, and what
    /// they stand on — the requests decided and the instructions those are about.
    Meeting(String),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub events: u32,
    /// Events left out because the receiver would refuse them: made by a device the
    /// trust root has not enrolled (yet), demo data, or beyond a revocation.
    pub held_back: u32,
    pub evidence_files: u32,
    pub bytes: u32,
    /// Fingerprint of the trust root the bundle is signed under.
    pub root: String,
}

/// A bundle of the events in `scope`, in memory (evidence files included).
pub fn export(
    conn: &Connection,
    sender: &DeviceKey,
    evidence: &EvidenceStore,
    scope: &ExportScope,
    now_ms: u64,
) -> Result<(Vec<u8>, ExportReport)> {
    let chosen = select(conn, scope)?;
    let mut files = Vec::new();
    for (sha256, path) in chosen.evidence_paths(evidence) {
        let Ok(bytes) = std::fs::read(path) else { continue };
        files.push(EvidenceFile { sha256, bytes });
    }
    // Signed, so a receiver believes the sender and its version vector only from us.
    let bytes = bundle::write_signed(header(conn, chosen.root, now_ms)?, &chosen.events, &files, sender);
    let report = chosen.report(files.len(), bytes.len() as u64);
    Ok((bytes, report))
}

/// Writes a bundle of the events in `scope` to `path`, reading each evidence file from
/// the store as it is packed (never all in memory); whole or not at all.
pub fn export_to_file(
    conn: &Connection,
    sender: &DeviceKey,
    evidence: &EvidenceStore,
    scope: &ExportScope,
    path: &Path,
    now_ms: u64,
) -> Result<ExportReport> {
    let chosen = select(conn, scope)?;
    let files: Vec<EvidenceOnDisk> =
        chosen.evidence_paths(evidence).map(|(sha256, path)| EvidenceOnDisk { sha256, path }).collect();
    let header = header(conn, chosen.root, now_ms)?;
    let written = bundle_file::write_signed(path, header, &chosen.events, &files, sender)?;
    Ok(chosen.report(written.evidence as usize, written.bytes))
}

/// What a bundle for `scope` carries.
struct Selection {
    root: DeviceId,
    events: Vec<RawEvent>,
    held_back: u32,
    evidence: BTreeSet<String>,
}

impl Selection {
    /// The named evidence files the store holds, by hash and path.
    fn evidence_paths<'a>(&'a self, store: &'a EvidenceStore) -> impl Iterator<Item = ([u8; 32], PathBuf)> + 'a {
        self.evidence.iter().filter_map(move |sha256| {
            let path = store.path_of(sha256).ok()?;
            let hash = <[u8; 32]>::try_from(hex::decode(sha256).ok()?).ok()?;
            Some((hash, path))
        })
    }

    fn report(&self, evidence_files: usize, bytes: u64) -> ExportReport {
        ExportReport {
            events: self.events.len() as u32,
            held_back: self.held_back,
            evidence_files: evidence_files as u32,
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
            root: trust::fingerprint(self.root),
        }
    }
}

/// The header of a bundle written at `now_ms`: the receiver takes its (signed) time as
/// the moment the sender's data was current.
fn header(conn: &Connection, root: DeviceId, now_ms: u64) -> Result<Header> {
    Ok(Header {
        purpose: Purpose::Bundle,
        created_at: crate::clock::utc_text(now_ms as i64),
        root: Some(root.to_hex()),
        have: version_vector(conn)?,
        ..Header::default()
    })
}

/// The events in `scope` the receiver will accept, and the evidence they name.
fn select(conn: &Connection, scope: &ExportScope) -> Result<Selection> {
    let root = device::trust_root(conn)?.ok_or(CoreError::NoTrustRoot)?;
    let chain = Chain::load(conn, root)?;
    let watermark: HashMap<[u8; 32], u64> = match scope {
        ExportScope::ForPeer(peer) => conn
            .prepare("SELECT author, seq FROM sync_peers WHERE peer = ?1")?
            .query_map([peer.to_hex()], |row| Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, u64>(1)?)))?
            .filter_map(|row| row.ok().and_then(|(author, seq)| Some((author.try_into().ok()?, seq))))
            .collect(),
        _ => HashMap::new(),
    };
    let since_ms = match scope {
        ExportScope::Since(day) => {
            let wib = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is valid");
            let start = day.and_hms_opt(0, 0, 0).expect("midnight exists");
            wib.from_local_datetime(&start).single().map_or(0, |at| at.timestamp_millis().max(0) as u64)
        }
        _ => 0,
    };
    let in_meeting = match scope {
        ExportScope::Meeting(meeting_id) => meeting_closure(conn, meeting_id)?,
        _ => HashSet::new(),
    };
    let mut events = Vec::new();
    let mut held_back = 0;
    let mut evidence_hashes = BTreeSet::new();
    // In storage order (by id): a sequential read. The importer sorts by clock itself.
    let mut statement = conn.prepare("SELECT id, author, seq, hlc_wall, kind, body, signature FROM events")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let author: [u8; 32] = row.get::<_, Vec<u8>>(1)?.try_into().unwrap_or([0; 32]);
        let seq: u64 = row.get(2)?;
        let wall: u64 = row.get(3)?;
        let kind: String = row.get(4)?;
        let enrolment = kind == trust::CLAIMED || kind == trust::GRANTED || kind == trust::REVOKED;
        let wanted = enrolment
            || match scope {
                ExportScope::Everything => true,
                ExportScope::Since(_) => wall >= since_ms,
                ExportScope::ForPeer(_) => watermark.get(&author).is_none_or(|have| seq > *have),
                ExportScope::Meeting(_) => {
                    in_meeting.contains(&row.get::<_, Vec<u8>>(0)?.try_into().unwrap_or([0; 32]))
                }
            };
        if !wanted {
            continue;
        }
        let body: Vec<u8> = row.get(5)?;
        let author_id = DeviceId(author);
        // The root's events pass the import rule by construction (it authored them
        // under the same rule); anyone else's are checked as the receiver will.
        if author_id != root {
            let id: [u8; 32] = row.get::<_, Vec<u8>>(0)?.try_into().unwrap_or([0; 32]);
            let acceptable = chain.is_granted(author_id)
                && chain.vouches(author_id, seq, &id)
                && serde_json::from_slice::<Envelope>(&body).ok().is_some_and(|envelope| {
                    DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload)
                        .is_ok_and(|domain| chain.check(author_id, seq, &envelope.kind, domain.as_ref()).is_ok())
                });
            if !acceptable {
                held_back += 1;
                continue;
            }
        }
        referenced_files(&body, &mut evidence_hashes);
        events.push(RawEvent {
            id: row.get::<_, Vec<u8>>(0)?.try_into().unwrap_or([0; 32]),
            author,
            seq,
            signature: row.get::<_, Vec<u8>>(6)?.try_into().unwrap_or([0; 64]),
            body,
        });
    }
    // Never a file the receiver would refuse as too large to read.
    let section: u64 = events.iter().map(bundle::event_record_len).sum();
    if events.len() > unpack::MAX_EVENTS_PER_FILE as usize || section > unpack::MAX_EVENT_SECTION_BYTES as u64 {
        return Err(CoreError::ExportTooLarge {
            events: u32::try_from(events.len()).unwrap_or(u32::MAX),
            megabytes: u32::try_from(section >> 20).unwrap_or(u32::MAX),
            max_events: unpack::MAX_EVENTS_PER_FILE,
            max_megabytes: (unpack::MAX_EVENT_SECTION_BYTES >> 20) as u32,
        });
    }
    Ok(Selection { root, events, held_back, evidence: evidence_hashes })
}

/// The events of one meeting and what its decisions stand on, by id: every event naming
/// the meeting; every event of a request decided in it (the request, its decisions and
/// withdrawal); every event of an instruction those requests are about. Read from the
/// payloads' own `meeting_id`, `negotiation_id` and `instruction_id`, the names every kind
/// gives those references.
fn meeting_closure(conn: &Connection, meeting_id: &str) -> Result<HashSet<[u8; 32]>> {
    let references = |body: &[u8]| -> Option<serde_json::Value> {
        serde_json::from_slice::<Envelope>(body)
            .ok()
            .and_then(|envelope| serde_json::from_str(envelope.payload.get()).ok())
    };
    let text = |payload: &serde_json::Value, key: &str| payload.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let mut all: Vec<([u8; 32], serde_json::Value)> = Vec::new();
    let mut statement = conn.prepare("SELECT id, body FROM events")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let id: [u8; 32] = row.get::<_, Vec<u8>>(0)?.try_into().unwrap_or([0; 32]);
        if let Some(payload) = references(&row.get::<_, Vec<u8>>(1)?) {
            all.push((id, payload));
        }
    }
    let of_meeting = |payload: &serde_json::Value| text(payload, "meeting_id").as_deref() == Some(meeting_id);
    // A decision written into the notulen names what it is about as its `link`.
    let linked = |payload: &serde_json::Value, key: &str| payload.get("link").and_then(|link| text(link, key));
    let requests: HashSet<String> = all
        .iter()
        .filter(|(_, payload)| of_meeting(payload))
        .flat_map(|(_, payload)| [text(payload, "negotiation_id"), linked(payload, "negotiationId")])
        .flatten()
        .collect();
    let mut instructions: HashSet<String> = all
        .iter()
        .filter(|(_, payload)| {
            of_meeting(payload) || text(payload, "negotiation_id").is_some_and(|id| requests.contains(&id))
        })
        .filter_map(|(_, payload)| text(payload, "instruction_id"))
        .collect();
    instructions.extend(
        all.iter()
            .filter(|(_, payload)| of_meeting(payload))
            .filter_map(|(_, payload)| linked(payload, "instructionId")),
    );
    Ok(all
        .into_iter()
        .filter(|(_, payload)| {
            of_meeting(payload)
                || text(payload, "negotiation_id").is_some_and(|id| requests.contains(&id))
                || text(payload, "instruction_id").is_some_and(|id| instructions.contains(&id))
        })
        .map(|(id, _)| id)
        .collect())
}

/// The evidence files an event references, as its kind declares them. Only a body that
/// names a `sha256` is decoded: every file reference is keyed so (the contract test
/// `every_referenced_file_is_named_sha256` holds each kind to it), and decoding every
/// event would double the cost of an export.
fn referenced_files(body: &[u8], into: &mut BTreeSet<String>) {
    if !body.windows(SHA256_KEY.len()).any(|window| window == SHA256_KEY) {
        return;
    }
    let Ok(envelope) = serde_json::from_slice::<Envelope>(body) else { return };
    if let Ok(Some(domain)) = DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload) {
        let files = domain.files().into_iter().filter(|sha256| is_sha256_hex(sha256)).map(str::to_owned);
        into.extend(files);
    }
}

const SHA256_KEY: &[u8] = b"\"sha256\"";

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

/// Per author, the highest number held with none missing before it.
pub fn version_vector(conn: &Connection) -> Result<BTreeMap<String, u64>> {
    let mut vector = BTreeMap::new();
    let totals: Vec<(Vec<u8>, u64, u64)> = conn
        .prepare("SELECT author, max(seq), count(*) FROM events GROUP BY author")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (author, max, count) in totals {
        let contiguous = if max == count {
            max
        } else {
            let mut statement = conn.prepare_cached("SELECT seq FROM events WHERE author = ?1 ORDER BY seq")?;
            let mut rows = statement.query([&author])?;
            let mut expected = 1;
            while let Some(row) = rows.next()? {
                if row.get::<_, u64>(0)? != expected {
                    break;
                }
                expected += 1;
            }
            expected - 1
        };
        vector.insert(hex::encode(author), contiguous);
    }
    Ok(vector)
}
