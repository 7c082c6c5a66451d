//! Importing a bundle. Everything is checked before anything is written: the file
//! (`bundle::read`), then each event's hash, signature, number (equivocation), the
//! author's enrolment and the per-kind rule. One refused event refuses the bundle; an
//! accepted bundle is written in one transaction.

use std::collections::HashMap;

use ed25519_dalek::{Signature, VerifyingKey};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::bundle::{self, Bundle, Purpose, RawEvent};
use super::trust::{self, Chain};
use crate::device;
use crate::error::{BundleProblem, CoreError, EventRefusal, RefusedEvent, Result};
use crate::event::{Envelope, EventId, SignedEvent};
use crate::evidence::EvidenceStore;
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;
use crate::store::Store;
use crate::{log, projection};

/// An event whose clock is further ahead of this laptop's than this is flagged.
pub const FAR_FUTURE_MS: u64 = 24 * 60 * 60 * 1000;
const SIGNATURE_BATCH: usize = 128;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PendingEvent {
    pub event_id: String,
    pub kind: String,
    /// What it waits for, e.g. "negotiation 1f3a…".
    pub waits_for: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Hex key of the laptop that wrote the file.
    pub sender: String,
    pub producer: String,
    pub events_in_file: u32,
    pub new_events: u32,
    pub already_known: u32,
    /// Stored events (of this file or earlier ones) still waiting for a prerequisite.
    pub pending: Vec<PendingEvent>,
    /// Events held earlier whose prerequisite arrived with this file.
    pub resolved: u32,
    /// New events of kinds this version does not know: stored and relayed, not shown.
    pub unknown_kinds: u32,
    /// New events stamped more than a day ahead of this laptop's clock.
    pub far_future: Vec<String>,
    pub evidence_files: u32,
    /// The trust root's fingerprint, when this import pinned it.
    pub pinned_root: Option<String>,
    /// Whether the projections were replayed (new events older than stored ones).
    pub rebuilt: bool,
}

pub struct ImportContext<'a> {
    /// The importing device (pins the root only if the bundle grants it).
    pub importer: DeviceId,
    pub evidence: &'a EvidenceStore,
    pub now_ms: u64,
    pub file_name: &'a str,
}

/// One event of the file after checking.
enum Verdict {
    Known,
    Refused(EventRefusal, String),
    Valid(Box<SignedEvent>),
}

pub(crate) fn unreadable(problem: BundleProblem, detail: &str) -> CoreError {
    CoreError::BundleUnreadable { problem, detail: detail.to_owned() }
}

pub fn import(store: &mut Store, bytes: &[u8], ctx: &ImportContext<'_>) -> Result<ImportReport> {
    let bundle = bundle::read(bytes)?;
    if bundle.header.purpose != Purpose::Bundle {
        return Err(unreadable(
            BundleProblem::WrongPurpose,
            "this is an enrolment request: the trust root approves it (ikp enrol approve)",
        ));
    }
    for file in &bundle.evidence {
        if Sha256::digest(&file.bytes)[..] != file.sha256 {
            return Err(unreadable(BundleProblem::Malformed, "an evidence file does not match its hash"));
        }
    }
    let conn = store.conn();
    let pinned = device::trust_root(conn)?;
    let offered = match &bundle.header.root {
        Some(hex) => {
            Some(DeviceId::from_hex(hex).ok_or_else(|| unreadable(BundleProblem::Malformed, "the root is not a key"))?)
        }
        None => None,
    };
    // A Regent's laptop pinned itself at setup; while it has enrolled nobody it may
    // still join another root's regency (a second laptop of the Regent's office).
    let mut pinned = pinned;
    if let (Some(own), Some(offered)) = (pinned, offered) {
        if own != offered && own == ctx.importer && !has_granted_anyone(conn, own)? {
            pinned = None;
        }
    }
    let root = match (pinned, offered) {
        (Some(pinned), Some(offered)) if pinned != offered => {
            return Err(CoreError::TrustRootMismatch {
                pinned: trust::fingerprint(pinned),
                offered: trust::fingerprint(offered),
            })
        }
        (Some(pinned), _) => pinned,
        (None, Some(offered)) => offered,
        (None, None) => return Err(CoreError::NoTrustRoot),
    };

    let known = known_ids(conn, &bundle.events)?;
    let mut verdicts = verify_all(&bundle.events, &known);
    let mut chain = Chain::load(conn, root)?;
    let mut equivocations = Vec::new();
    let mut seen: HashMap<(DeviceId, u64), EventId> = HashMap::new();
    for (index, verdict) in verdicts.iter_mut().enumerate() {
        let Verdict::Valid(event) = verdict else { continue };
        let number = (event.author, event.envelope.seq);
        let stored_other = known[index].is_some_and(|id| id != event.id.0);
        match seen.get(&number) {
            Some(id) if *id == event.id => *verdict = Verdict::Known,
            Some(_) => {
                equivocations.push(number);
                *verdict = Verdict::Refused(EventRefusal::Equivocation, "two different events in the file".into());
            }
            None if stored_other => {
                equivocations.push(number);
                *verdict = Verdict::Refused(
                    EventRefusal::Equivocation,
                    "this laptop holds another event signed under the same number".into(),
                );
            }
            None => {
                seen.insert(number, event.id);
                chain.learn(event.author, &event.envelope);
            }
        }
    }
    // An equivocating number refuses every event of the file that uses it.
    for verdict in verdicts.iter_mut() {
        if let Verdict::Valid(event) = verdict {
            if equivocations.contains(&(event.author, event.envelope.seq)) {
                *verdict = Verdict::Refused(EventRefusal::Equivocation, "two different events under one number".into());
            }
        }
    }

    let mut domains: Vec<Option<DomainEvent>> = Vec::with_capacity(verdicts.len());
    for verdict in verdicts.iter_mut() {
        let mut domain = None;
        if let Verdict::Valid(event) = verdict {
            match DomainEvent::decode(&event.envelope.kind, event.envelope.pv, &event.envelope.payload) {
                Err(why) => *verdict = Verdict::Refused(EventRefusal::Unreadable, why),
                Ok(decoded) => match chain.check(event.author, event.envelope.seq, decoded.as_ref()) {
                    Ok(()) => domain = decoded,
                    Err((reason, detail)) => *verdict = Verdict::Refused(reason, detail),
                },
            }
        }
        domains.push(domain);
    }

    let refused: Vec<RefusedEvent> = verdicts
        .iter()
        .zip(&bundle.events)
        .filter_map(|(verdict, raw)| match verdict {
            Verdict::Refused(reason, detail) => Some(RefusedEvent {
                event_id: hex::encode(raw.id),
                kind: kind_of(&raw.body),
                author: hex::encode(raw.author),
                seq: u32::try_from(raw.seq).unwrap_or(u32::MAX),
                reason: *reason,
                detail: detail.clone(),
            }),
            _ => None,
        })
        .collect();
    if !refused.is_empty() {
        if !equivocations.is_empty() {
            // The alert outlives the refusal: a person must look at this author.
            store.write(|tx| {
                for (author, seq) in &equivocations {
                    alert(tx, "equivocation", *author, *seq, "signed two different events under one number")?;
                }
                Ok(())
            })?;
        }
        return Err(CoreError::BundleRefused { refused });
    }

    let pin = match pinned {
        Some(_) => None,
        None if ctx.importer == root || chain.is_granted(ctx.importer) => Some(root),
        None => return Err(CoreError::NoTrustRoot),
    };
    for file in &bundle.evidence {
        // Content-addressed and written before the events: a committed event never
        // lacks its file, and an orphan file from a failed import is harmless.
        ctx.evidence.put_bytes("bundle", &file.bytes)?;
    }
    let mut report = ImportReport {
        sender: bundle.header.sender.clone(),
        producer: bundle.header.producer.clone(),
        events_in_file: bundle.events.len() as u32,
        evidence_files: bundle.evidence.len() as u32,
        pinned_root: pin.map(trust::fingerprint),
        ..ImportReport::default()
    };
    let mut new: Vec<(SignedEvent, Option<DomainEvent>)> = Vec::new();
    for (verdict, domain) in verdicts.into_iter().zip(domains) {
        match verdict {
            Verdict::Known => report.already_known += 1,
            Verdict::Valid(event) => new.push((*event, domain)),
            Verdict::Refused(..) => unreachable!("refused bundles returned above"),
        }
    }
    new.sort_by_key(|(event, _)| clock_key(event));
    report.new_events = new.len() as u32;
    report.unknown_kinds = new.iter().filter(|(_, domain)| domain.is_none()).count() as u32;

    store.write(|tx| {
        if let Some(root) = pin {
            tx.execute("DELETE FROM sync_trust", [])?;
            device::pin_trust_root(tx, root)?;
        }
        let incremental = match (new.first(), log_tail(tx)?) {
            (Some(first), Some(tail)) => clock_key(&first.0) > tail && !cuts_stored_events(tx, &new)?,
            _ => true,
        };
        for (event, _) in &new {
            log::append(tx, event)?;
        }
        if incremental {
            for (event, domain) in &new {
                if let Some(domain) = domain {
                    projection::apply(tx, event, domain)?;
                }
            }
        } else if !new.is_empty() {
            projection::rebuild(tx)?;
            report.rebuilt = true;
        }
        for (event, _) in &new {
            if event.hlc().wall_ms > ctx.now_ms.saturating_add(FAR_FUTURE_MS) {
                report.far_future.push(event.id.to_hex());
                alert(tx, "far_future", event.author, event.envelope.seq, &event.hlc().to_utc().to_rfc3339())?;
            }
        }
        report.resolved = update_pending(tx, &new)?;
        report.pending = pending(tx)?;
        if let Some(sender) = DeviceId::from_hex(&bundle.header.sender) {
            remember_peer(tx, sender, &bundle)?;
        }
        tx.execute(
            "INSERT INTO sync_exchanges (at, direction, peer, file_name, events, new_events, known, pending)
             VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                chrono::Utc::now().to_rfc3339(),
                bundle.header.sender,
                ctx.file_name,
                report.events_in_file,
                report.new_events,
                report.already_known,
                report.pending.len() as u32
            ],
        )?;
        Ok(())
    })?;
    Ok(report)
}

fn has_granted_anyone(conn: &Connection, root: DeviceId) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM events WHERE kind = 'device.granted' AND author = ?1 LIMIT 1")?
        .query_row([root.0], |row| row.get(0))
        .optional()?;
    Ok(found.is_some())
}

pub(crate) type ClockKey = (u64, u32, [u8; 32], u64);

pub(crate) fn clock_key(event: &SignedEvent) -> ClockKey {
    let hlc = event.hlc();
    (hlc.wall_ms, hlc.counter, event.author.0, event.envelope.seq)
}

/// The last event in replay order: new events all after it can be projected as they
/// come; otherwise the log is replayed, so the outcome never depends on arrival order.
pub(crate) fn log_tail(conn: &Connection) -> Result<Option<ClockKey>> {
    Ok(conn
        .prepare_cached(
            "SELECT hlc_wall, hlc_counter, author, seq FROM events
             ORDER BY hlc_wall DESC, hlc_counter DESC, author DESC, seq DESC LIMIT 1",
        )?
        .query_row([], |row| {
            let author: Vec<u8> = row.get(2)?;
            Ok((row.get(0)?, row.get(1)?, author.try_into().unwrap_or([0; 32]), row.get(3)?))
        })
        .optional()?)
}

/// Does a new revocation cut events already stored (and projected)?
fn cuts_stored_events(conn: &Connection, new: &[(SignedEvent, Option<DomainEvent>)]) -> Result<bool> {
    for (_, domain) in new {
        if let Some(DomainEvent::DeviceRevoked(revocation)) = domain {
            let Some(device) = DeviceId::from_hex(&revocation.device) else { continue };
            let later: Option<i64> = conn
                .prepare_cached("SELECT 1 FROM events WHERE author = ?1 AND seq > ?2 LIMIT 1")?
                .query_row(params![device.0, revocation.last_valid_seq], |row| row.get(0))
                .optional()?;
            if later.is_some() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// For every event of the file, the id this laptop holds under the same author and
/// number, if any: known events are skipped, different ones are equivocation.
fn known_ids(conn: &Connection, events: &[RawEvent]) -> Result<Vec<Option<[u8; 32]>>> {
    let mut per_author: HashMap<[u8; 32], usize> = HashMap::new();
    for event in events {
        *per_author.entry(event.author).or_default() += 1;
    }
    // Many events of one author: one range read beats a lookup each.
    let mut bulk: HashMap<[u8; 32], HashMap<u64, [u8; 32]>> = HashMap::new();
    for (author, count) in &per_author {
        if *count > 256 {
            let mut statement = conn.prepare_cached("SELECT seq, id FROM events WHERE author = ?1")?;
            let rows = statement.query_map([author], |row| Ok((row.get::<_, u64>(0)?, row.get::<_, Vec<u8>>(1)?)))?;
            let mut map = HashMap::new();
            for row in rows {
                let (seq, id) = row?;
                map.insert(seq, id.try_into().unwrap_or([0; 32]));
            }
            bulk.insert(*author, map);
        }
    }
    let mut lookup = conn.prepare_cached("SELECT id FROM events WHERE author = ?1 AND seq = ?2")?;
    events
        .iter()
        .map(|event| match bulk.get(&event.author) {
            Some(map) => Ok(map.get(&event.seq).copied()),
            None => {
                let id: Option<Vec<u8>> =
                    lookup.query_row(params![event.author, event.seq], |row| row.get(0)).optional()?;
                Ok(id.map(|id| id.try_into().unwrap_or([0; 32])))
            }
        })
        .collect()
}

/// Hash, parse and signature checks, spread over the cores. Signatures are checked in
/// batches (one multi-scalar multiplication per batch); a failed batch is checked one
/// by one, so every refusal names its event.
fn verify_all(events: &[RawEvent], known: &[Option<[u8; 32]>]) -> Vec<Verdict> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = events.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = events
            .chunks(chunk)
            .zip(known.chunks(chunk))
            .map(|(events, known)| scope.spawn(move || verify_chunk(events, known)))
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().expect("verification does not panic")).collect()
    })
}

fn verify_chunk(events: &[RawEvent], known: &[Option<[u8; 32]>]) -> Vec<Verdict> {
    let mut keys: HashMap<[u8; 32], Option<VerifyingKey>> = HashMap::new();
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(events.len());
    let mut to_check: Vec<usize> = Vec::new();
    for (index, raw) in events.iter().enumerate() {
        verdicts.push(first_checks(raw, known[index]));
        if matches!(verdicts[index], Verdict::Valid(_)) {
            to_check.push(index);
        }
    }
    for batch in to_check.chunks(SIGNATURE_BATCH) {
        let mut messages = Vec::with_capacity(batch.len());
        let mut signatures = Vec::with_capacity(batch.len());
        let mut verifying = Vec::with_capacity(batch.len());
        let mut individually = Vec::new();
        for &index in batch {
            let raw = &events[index];
            let key = *keys.entry(raw.author).or_insert_with(|| VerifyingKey::from_bytes(&raw.author).ok());
            match key {
                Some(key) => {
                    messages.push(crate::event::signing_message(EventId(raw.id)));
                    signatures.push(Signature::from_bytes(&raw.signature));
                    verifying.push(key);
                }
                None => individually.push(index),
            }
        }
        let refs: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
        let batch_ok = !refs.is_empty() && ed25519_dalek::verify_batch(&refs, &signatures, &verifying).is_ok();
        let recheck: Vec<usize> = if batch_ok { individually } else { batch.to_vec() };
        for index in recheck {
            let raw = &events[index];
            if !DeviceId(raw.author).verifies(&crate::event::signing_message(EventId(raw.id)), &raw.signature) {
                verdicts[index] = Verdict::Refused(
                    EventRefusal::BadSignature,
                    "the signature does not verify under the author's key".into(),
                );
            }
        }
    }
    verdicts
}

fn first_checks(raw: &RawEvent, known: Option<[u8; 32]>) -> Verdict {
    if Sha256::digest(&raw.body)[..] != raw.id {
        return Verdict::Refused(EventRefusal::HashMismatch, "the content does not match the event's id".into());
    }
    if known == Some(raw.id) {
        return Verdict::Known;
    }
    let envelope: Envelope = match serde_json::from_slice(&raw.body) {
        Ok(envelope) => envelope,
        Err(err) => return Verdict::Refused(EventRefusal::Unreadable, err.to_string()),
    };
    if envelope.author != hex::encode(raw.author) || envelope.seq != raw.seq || envelope.seq == 0 {
        return Verdict::Refused(
            EventRefusal::Unreadable,
            "the file's author or number disagrees with the body".into(),
        );
    }
    Verdict::Valid(Box::new(SignedEvent {
        id: EventId(raw.id),
        author: DeviceId(raw.author),
        envelope,
        body: raw.body.clone(),
        signature: raw.signature,
    }))
}

fn kind_of(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|value| value.get("kind").and_then(|kind| kind.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

fn alert(conn: &Connection, kind: &str, author: DeviceId, seq: u64, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_alerts (at, kind, author, seq, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![chrono::Utc::now().to_rfc3339(), kind, author.to_hex(), seq, detail],
    )?;
    Ok(())
}

fn remember_peer(conn: &Connection, peer: DeviceId, bundle: &Bundle) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "INSERT INTO sync_peers (peer, author, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (peer, author) DO UPDATE SET seq = max(seq, excluded.seq)",
    )?;
    for (author, seq) in &bundle.header.have {
        if let Some(author) = DeviceId::from_hex(author) {
            statement.execute(params![peer.to_hex(), author.0, seq])?;
        }
    }
    Ok(())
}

/// What a stored event needs before it means anything: the record it names.
pub fn waits_for(conn: &Connection, domain: &DomainEvent) -> Result<Option<String>> {
    let (table, key, label) = match domain {
        DomainEvent::NegotiationDecided(p) => ("negotiations", p.negotiation_id.as_str(), "negotiation"),
        DomainEvent::NegotiationWithdrawn(p) => ("negotiations", p.negotiation_id.as_str(), "negotiation"),
        DomainEvent::DecisionUndone(p) => ("negotiation_decisions", p.decision_event.as_str(), "decision"),
        DomainEvent::NegotiationRequested(p) => ("indicators", p.indicator_id.as_str(), "indicator"),
        DomainEvent::InstructionIssued(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionAmended(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::CompletionReported(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::CompletionReturned(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionVerified(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::InstructionCancelled(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        DomainEvent::ProgressReported(p) => ("instructions", p.instruction_id.as_str(), "instruction"),
        _ => return Ok(None),
    };
    let column = if table == "negotiation_decisions" { "event_id" } else { "id" };
    let found: Option<i64> = conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {column} = ?1"))?
        .query_row([key], |row| row.get(0))
        .optional()?;
    Ok(if found.is_some() { None } else { Some(format!("{label} {key}")) })
}

/// Records the new events that wait for something, and drops earlier ones whose
/// prerequisite has arrived. Returns how many were resolved.
fn update_pending(conn: &Connection, new: &[(SignedEvent, Option<DomainEvent>)]) -> Result<u32> {
    let mut resolved = 0;
    let held: Vec<(Vec<u8>, Vec<u8>)> = conn
        .prepare("SELECT p.event_id, e.body FROM sync_pending p JOIN events e ON e.id = p.event_id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, body) in held {
        let still = serde_json::from_slice::<Envelope>(&body)
            .ok()
            .and_then(|envelope| DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload).ok().flatten())
            .map(|domain| waits_for(conn, &domain))
            .transpose()?
            .flatten();
        if still.is_none() {
            conn.execute("DELETE FROM sync_pending WHERE event_id = ?1", [&id])?;
            resolved += 1;
        }
    }
    for (event, domain) in new {
        if let Some(what) = domain.as_ref().map(|domain| waits_for(conn, domain)).transpose()?.flatten() {
            conn.execute(
                "INSERT OR REPLACE INTO sync_pending (event_id, kind, waits_for) VALUES (?1, ?2, ?3)",
                params![event.id.0, event.kind(), what],
            )?;
        }
    }
    Ok(resolved)
}

pub fn pending(conn: &Connection) -> Result<Vec<PendingEvent>> {
    let mut statement = conn.prepare("SELECT event_id, kind, waits_for FROM sync_pending ORDER BY kind, waits_for")?;
    let rows = statement.query_map([], |row| {
        Ok(PendingEvent { event_id: hex::encode(row.get::<_, Vec<u8>>(0)?), kind: row.get(1)?, waits_for: row.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
