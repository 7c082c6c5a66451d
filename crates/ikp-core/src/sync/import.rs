//! Importing a bundle. Everything is checked before anything is written: the file
//! (`bundle::read`), then each event's hash, signature, number (equivocation), the
//! author's enrolment and the per-kind rule. One refused event refuses the bundle; an
//! accepted bundle is written in one transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::absorbed;
use super::bundle::{self, EventRecord, Header, Purpose, Unpacked};
pub(crate) use super::first_checks::NewEvent;
use super::first_checks::{authors_worth_reading, first_checks_all, Verdict};
use super::import_books::{alert, alert_equivocation, record_import, remember_peer};
use super::known::known_ids;
pub use super::parallel::verify_signatures;
use super::parallel::{hash_checks, SignatureWork, SignaturesInFlight};
use super::pending::{hold_for_recheck, update_pending};
pub use super::pending::{pending, waits_for, PendingEvent, WaitsFor};
use super::quarantine::{self, QuarantinedEvent};
use super::replay_order::{clock_key, cuts_stored_events, log_tail};
use super::trust::{self, Chain};
use super::unpack::{self, EvidenceSink};
use crate::device;
use crate::error::{BundleProblem, CoreError, EventRefusal, RefusedEvent, Result, MAX_LISTED_REFUSALS};
use crate::event::{EventId, SignedEvent};
use crate::evidence::EvidenceStore;
use crate::identity::DeviceId;
use crate::store::Store;
use crate::{log, projection};

/// An event whose clock is further ahead of this laptop's than this is flagged.
pub const FAR_FUTURE_MS: u64 = 24 * 60 * 60 * 1000;

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
    /// Events stamped more than a day ahead of this laptop's clock: held in quarantine
    /// (not in the log) until the clock reaches them.
    pub far_future: Vec<String>,
    /// The same, with their authors and the laptop that sent them.
    pub quarantined: Vec<QuarantinedEvent>,
    pub evidence_files: u32,
    /// The trust root's fingerprint, when this import pinned it.
    pub pinned_root: Option<String>,
    /// Whether the projections were replayed (new events older than stored ones).
    pub rebuilt: bool,
}

/// When an import whose events are older than ones stored replays the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Within the import's own transaction: the projections are current after it.
    Now,
    /// Once, at the end of the batch the import belongs to (`import_batch`).
    AtEndOfBatch,
}

pub struct ImportContext<'a> {
    /// The importing device (pins the root only if the bundle grants it).
    pub importer: DeviceId,
    pub evidence: &'a EvidenceStore,
    pub now_ms: u64,
    pub file_name: &'a str,
    /// The root fingerprint a person confirmed for this file, if it pins the first root.
    pub confirmed_root: Option<&'a str>,
    pub replay: Replay,
}

pub(crate) fn unreadable(problem: BundleProblem, detail: &str) -> CoreError {
    CoreError::BundleUnreadable { problem, detail: detail.to_owned() }
}

/// A first root is pinned only with the fingerprint a person confirmed for it: anyone can
/// make a key and sign an "answer" granting this laptop, so the file alone proves nothing.
fn confirmed_pin(root: DeviceId, confirmed: Option<&str>) -> Result<Option<DeviceId>> {
    let fingerprint = trust::fingerprint(root);
    match confirmed {
        Some(given) if trust::same_fingerprint(given, &fingerprint) => Ok(Some(root)),
        _ => Err(CoreError::RootNotConfirmed { fingerprint }),
    }
}

/// Imports a bundle held in memory.
pub fn import(store: &mut Store, bytes: &[u8], ctx: &ImportContext<'_>) -> Result<ImportReport> {
    store.with_cache_limit(IMPORT_CACHE_KIB, |store| {
        release_due(store, ctx)?;
        let framed = unpack::frame(bytes)?;
        if let Some(report) = absorbed::known_again(store, &framed.checksum(), ctx)? {
            return Ok(report);
        }
        import_file(store, framed.unpack()?, Remember::ByChecksum, ctx)
    })
}

/// Imports a bundle file without holding it in memory: its evidence is staged beside the
/// evidence store and adopted only if the import commits and an event names it.
pub fn import_path(store: &mut Store, path: &std::path::Path, ctx: &ImportContext<'_>) -> Result<ImportReport> {
    store.with_cache_limit(IMPORT_CACHE_KIB, |store| {
        release_due(store, ctx)?;
        let framed = unpack::frame_file(path)?;
        if let Some(report) = absorbed::known_again(store, &framed.checksum(), ctx)? {
            return Ok(report);
        }
        let staging = unpack::staging_folder(ctx.evidence.dir())?;
        import_file(store, framed.unpack(EvidenceSink::Folder(&staging))?, Remember::ByChecksum, ctx)
    })
}

/// The page cache during an import (see `Store::with_cache_limit`): 16 MiB keeps a
/// 100,000-event file within the 256 MB an import may take (242 MB, `ikp bench
/// import-memory`); at 8 MiB SQLite spilled pages to the WAL mid-transaction and the
/// appends took 0.97 s instead of 0.61 s (32 MiB: 0.70 s, but 259 MB).
const IMPORT_CACHE_KIB: u32 = 16 * 1024;

/// Imports the quarantined events whose time has come, as one more file. One that is
/// refused now (its author revoked meanwhile, say) would be refused whenever it came:
/// it is dropped.
fn release_due(store: &mut Store, ctx: &ImportContext<'_>) -> Result<()> {
    let Some(root) = device::trust_root(store.conn())? else { return Ok(()) };
    let horizon = ctx.now_ms.saturating_add(FAR_FUTURE_MS);
    let Some(due) = quarantine::due(store.conn(), root, horizon)? else { return Ok(()) };
    let released = bundle::unpack(&due.bundle).map_err(CoreError::from).and_then(|unpacked| {
        import_file(store, unpacked, Remember::Not, &ImportContext { file_name: quarantine::RELEASED, ..*ctx })
    });
    match released {
        Ok(_) | Err(CoreError::BundleRefused { .. }) => store.write(|tx| quarantine::forget(tx, &due.ids)),
        Err(other) => Err(other),
    }
}

/// Whether a file taken in whole is remembered by its checksum (a file, yes; quarantined
/// events released as one, no: those bytes never arrive again).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Remember {
    ByChecksum,
    Not,
}

fn import_file(
    store: &mut Store,
    unpacked: Unpacked,
    remember: Remember,
    ctx: &ImportContext<'_>,
) -> Result<ImportReport> {
    // The checksum of the bytes the records came from (not of an earlier read of the file).
    let checksum = (remember == Remember::ByChecksum).then(|| unpacked.checksum());
    // The records are read in place: the bodies of events this laptop holds are never copied.
    let header = &unpacked.header;
    let records = unpacked.records()?;
    let (events, evidence) = (&records.events, records.evidence);
    if header.purpose != Purpose::Bundle {
        return Err(unreadable(
            BundleProblem::WrongPurpose,
            "this is an enrolment request: the trust root approves it (ikp enrol approve)",
        ));
    }
    for file in evidence {
        if !file.intact {
            return Err(unreadable(BundleProblem::Malformed, "an evidence file does not match its hash"));
        }
    }
    let conn = store.conn();
    let pinned = device::trust_root(conn)?;
    let offered = match &header.root {
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

    let (hashed, known) = hash_checks(events, || known_ids(conn, events));
    let known = known?;
    // While a batch's replay is still to come the handovers' projection may lag the log.
    let mut chain =
        if projection::is_current(conn)? { Chain::load_current(conn, root)? } else { Chain::load(conn, root)? };
    // Only events not held yet are read (`first_checks` answers the others before it
    // asks who is readable): a file whose every event is held needs no such scan.
    let unread =
        events.iter().zip(&hashed).zip(&known).any(|((event, hashed), known)| *hashed && *known != Some(event.id));
    let readable = if unread { authors_worth_reading(&chain, events, &hashed) } else { HashSet::new() };
    let mut verdicts = first_checks_all(&records, &hashed, &known, &readable);
    learn_succession(&mut chain, &verdicts);
    let mut equivocations = Vec::new();
    let mut seen: HashMap<(DeviceId, u64), EventId> = HashMap::with_capacity(verdicts.len());
    for (index, verdict) in verdicts.iter_mut().enumerate() {
        let Verdict::Valid(new) = verdict else { continue };
        let event = &new.event;
        let number = (event.author, event.envelope.seq);
        let stored_other = known[index].is_some_and(|id| id != event.id.0);
        match seen.get(&number) {
            Some(id) if *id == event.id => *verdict = Verdict::Known,
            Some(_) => {
                equivocations.push(number);
                *verdict = Verdict::Twin;
            }
            None if stored_other => {
                equivocations.push(number);
                *verdict = Verdict::Twin;
            }
            None => {
                seen.insert(number, event.id);
                // Learned before its signature is checked: a bad signature anywhere
                // refuses the whole file, so nothing learned here outlives it.
                chain.learn(event.author, &event.envelope);
            }
        }
    }
    // An equivocating number leaves out every event of the file that uses it.
    for verdict in verdicts.iter_mut() {
        if let Verdict::Valid(new) = verdict {
            if equivocations.contains(&(new.event.author, new.event.envelope.seq)) {
                *verdict = Verdict::Twin;
            }
        }
    }
    // Events whose signature must be checked: all but those known or damaged.
    let to_verify: Vec<usize> = verdicts
        .iter()
        .enumerate()
        .filter(|(_, verdict)| match verdict {
            Verdict::Valid(..) | Verdict::Twin => true,
            Verdict::Refused(reason, _) => *reason != EventRefusal::HashMismatch && *reason != EventRefusal::Unreadable,
            Verdict::Known => false,
        })
        .map(|(index, _)| index)
        .collect();
    // Signatures are the dearest check: from here they are checked on the other cores
    // while this one goes on (through the authority checks and the sort, then the write,
    // which is single-threaded), and this one joins in at the end. Nothing commits before
    // every signature verified, so a forged event leaves the database as it was.
    let work = SignatureWork::new(events, &to_verify);
    std::thread::scope(|scope| {
        let signatures = SignaturesInFlight::start(scope, &work);

        for verdict in verdicts.iter_mut() {
            if let Verdict::Valid(new) = verdict {
                if !chain.vouches(new.event.author, new.event.envelope.seq, &new.event.id.0) {
                    *verdict = Verdict::Refused(
                        EventRefusal::Revoked,
                        "the trust root's revocation lists another event under this number".into(),
                    );
                    continue;
                }
                if let Err((reason, detail)) =
                    chain.check(new.event.author, new.event.envelope.seq, &new.event.envelope.kind, new.domain.as_ref())
                {
                    *verdict = Verdict::Refused(reason, detail);
                }
            }
        }

        let refuse =
            |verdicts: &mut [Verdict], bad: Vec<usize>, equivocations: &[(DeviceId, u64)], store: &mut Store| {
                // A forged signature is the cause, whatever else was wrong with the event.
                for index in bad {
                    verdicts[index] = Verdict::Refused(
                        EventRefusal::BadSignature,
                        "the signature does not verify under the author's key".into(),
                    );
                }
                let (refused, total) = refusals(verdicts, events);
                let real = verified_equivocations(verdicts, events, equivocations);
                if !real.is_empty() {
                    // The alert outlives the refusal: a person must look at this author.
                    store.write(|tx| {
                        for (author, seq) in &real {
                            alert_equivocation(tx, *author, *seq)?;
                        }
                        Ok(())
                    })?;
                }
                Err(CoreError::BundleRefused { refused, total })
            };
        let pin = match pinned {
            Some(_) => Ok(None),
            // A laptop holding the root's own key (restored from its backup) needs no one's word.
            None if ctx.importer == root => Ok(Some(root)),
            None if chain.is_granted(ctx.importer) => confirmed_pin(root, ctx.confirmed_root),
            None => Err(CoreError::NoTrustRoot),
        };
        // A file refused already is refused whatever its signatures say, but they are
        // checked all the same, so that a forged event is named as such.
        let any_refused = verdicts.iter().any(|verdict| matches!(verdict, Verdict::Refused(..)));
        let pin = match pin {
            Ok(pin) if !any_refused => pin,
            pin => {
                let bad = signatures.finish();
                if !bad.is_empty() || any_refused {
                    return refuse(&mut verdicts, bad, &equivocations, store);
                }
                return Err(pin.expect_err("a file with nothing refused and a root to pin is taken in"));
            }
        };
        // Whom the file is from (the exchange history, the watermark `export --peer` skips
        // by) is believed only from a header signed by that device, enrolled by the root: an
        // unsigned header could claim to be the Regent holding everything.
        let sender = unpacked.authentic_sender().filter(|sender| *sender == root || chain.is_granted(*sender));
        let mut report = ImportReport {
            sender: sender.map(DeviceId::to_hex).unwrap_or_default(),
            producer: header.producer.clone(),
            events_in_file: events.len() as u32,
            evidence_files: evidence.len() as u32,
            pinned_root: pin.map(trust::fingerprint),
            ..ImportReport::default()
        };
        let mut new: Vec<&NewEvent> = Vec::new();
        for verdict in &verdicts {
            match verdict {
                Verdict::Known => report.already_known += 1,
                Verdict::Valid(event) => new.push(event),
                Verdict::Twin => {}
                Verdict::Refused(..) => unreachable!("refused bundles returned above"),
            }
        }
        let horizon = ctx.now_ms.saturating_add(FAR_FUTURE_MS);
        let (mut held, mut new): (Vec<&NewEvent>, Vec<&NewEvent>) =
            new.into_iter().partition(|new| new.event.hlc().wall_ms > horizon);
        let in_id_order = id_order(&new);
        new.sort_by_cached_key(|new| clock_key(&new.event));
        held.sort_by_cached_key(|new| clock_key(&new.event));
        report.new_events = new.len() as u32;
        report.unknown_kinds = new.iter().filter(|new| new.domain.is_none()).count() as u32;

        let mut bad = Vec::new();
        let written = store.write(|tx| {
            let file = (sender, header, checksum);
            let written = write_events(tx, (&new, &held, &in_id_order), pin, file, ctx, &mut report).and_then(|()| {
                // Only now are the twins' signatures being checked: if one fails, the
                // transaction rolls back with the alert.
                verified_equivocations(&verdicts, events, &equivocations)
                    .into_iter()
                    .try_for_each(|(author, seq)| alert_equivocation(tx, author, seq))
            });
            bad = signatures.finish();
            if !bad.is_empty() {
                // Rolled back; the refusal naming the forged events is made below.
                return Err(CoreError::BundleRefused { refused: Vec::new(), total: 0 });
            }
            written?;
            // Only files an event names are kept (one of this file's, or one in the log, as
            // when a file missing earlier arrives again): a bundle cannot fill the disk with
            // files nothing refers to.
            let named: HashSet<&str> = new
                .iter()
                .chain(&held)
                .filter_map(|new| new.domain.as_ref())
                .flat_map(|domain| domain.files())
                .collect();
            let mut in_log = tx.prepare_cached("SELECT 1 FROM events WHERE instr(body, ?1) > 0 LIMIT 1")?;
            for file in evidence {
                let sha256 = hex::encode(file.sha256);
                if !named.contains(sha256.as_str()) && !in_log.exists([sha256.as_bytes()])? {
                    continue;
                }
                // Content-addressed and written before the commit: a committed event never
                // lacks its file, and an orphan file from a failed import is harmless.
                ctx.evidence.keep_carried(file)?;
            }
            Ok(())
        });
        if !bad.is_empty() {
            return refuse(&mut verdicts, bad, &equivocations, store);
        }
        written?;
        free_elsewhere(verdicts);
        Ok(report)
    })
}

/// Drops `value` on a thread of its own: the checked events of a large file are 100,000
/// allocations, and freeing them took the importing thread 0.05 s after the commit, with
/// the other cores idle. If no thread can be started it is dropped here.
fn free_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("import-free".into()).spawn(move || drop(value));
}

/// The new events in the order of the log's primary key, the id: appended in that order
/// they cost far less than in random order. The exporter writes files in id order, so
/// the events usually arrive in it and only a check is paid here.
fn id_order<'a>(new: &[&'a NewEvent]) -> Vec<&'a SignedEvent> {
    let mut by_id: Vec<&SignedEvent> = new.iter().map(|new| &new.event).collect();
    if !by_id.is_sorted_by_key(|event| event.id) {
        by_id.sort_unstable_by_key(|event| event.id);
    }
    by_id
}

/// Appends and projects the new events (`new` in clock order, `by_id` the same ones in
/// id order) and keeps the books, inside the transaction.
fn write_events(
    tx: &Connection,
    (new, held, by_id): (&[&NewEvent], &[&NewEvent], &[&SignedEvent]),
    pin: Option<DeviceId>,
    (sender, header, checksum): (Option<DeviceId>, &Header, Option<[u8; 32]>),
    ctx: &ImportContext<'_>,
    report: &mut ImportReport,
) -> Result<()> {
    if let Some(root) = pin {
        tx.execute("DELETE FROM sync_trust", [])?;
        device::pin_trust_root(tx, root)?;
    }
    // Left stale by an earlier file of the batch: its replay projects these too.
    let awaiting_replay = !projection::is_current(tx)?;
    let incremental = match (new.first(), log_tail(tx)?) {
        (Some(first), Some(tail)) => clock_key(&first.event) > tail && !cuts_stored_events(tx, new)?,
        _ => true,
    };
    log::append_all(tx, by_id)?;
    if awaiting_replay {
        report.rebuilt = !new.is_empty();
    } else if incremental {
        for NewEvent { event, domain } in new.iter().copied() {
            if let Some(domain) = domain {
                projection::apply(tx, event, domain)?;
            }
        }
    } else if !new.is_empty() {
        match ctx.replay {
            Replay::Now => {
                projection::rebuild(tx)?;
            }
            Replay::AtEndOfBatch => projection::mark_stale(tx)?,
        }
        report.rebuilt = true;
    }
    for NewEvent { event, .. } in held.iter().copied() {
        quarantine::hold(tx, event, sender)?;
        report.far_future.push(event.id.to_hex());
        report.quarantined.push(QuarantinedEvent::of(event, sender));
        alert(tx, "far_future", event.author, event.envelope.seq, &event.hlc().to_utc().to_rfc3339())?;
    }
    if projection::is_current(tx)? {
        report.resolved = update_pending(tx, new)?;
    } else {
        hold_for_recheck(tx, new)?;
    }
    report.pending = pending(tx)?;
    if let Some(sender) = sender {
        remember_peer(tx, sender, header)?;
    }
    // The file's own time counts only from a signed header, and never beyond now.
    let sent_at = sender
        .and_then(|_| chrono::DateTime::parse_from_rfc3339(&header.created_at).ok())
        .map(|at| at.timestamp_millis().clamp(0, ctx.now_ms as i64))
        .map(crate::clock::utc_text);
    if let Some(checksum) = checksum {
        absorbed::remember(tx, &checksum, report, sent_at.as_deref())?;
    }
    record_import(tx, ctx, report, sent_at)
}

/// The first refused events of the file, described, and how many there are in all:
/// only the listed ones are described (each costs a parse of its body).
fn refusals(verdicts: &[Verdict], events: &[EventRecord<'_>]) -> (Vec<RefusedEvent>, u32) {
    let total = verdicts.iter().filter(|verdict| matches!(verdict, Verdict::Twin | Verdict::Refused(..))).count();
    let listed = verdicts
        .iter()
        .zip(events)
        .filter(|(verdict, _)| matches!(verdict, Verdict::Twin | Verdict::Refused(..)))
        .take(MAX_LISTED_REFUSALS)
        .filter_map(|(verdict, raw)| match verdict {
            Verdict::Twin => Some(RefusedEvent {
                event_id: hex::encode(raw.id),
                kind: kind_of(raw.body),
                author: hex::encode(raw.author),
                seq: u32::try_from(raw.seq).unwrap_or(u32::MAX),
                reason: EventRefusal::Equivocation,
                detail: "another event is signed under the same number".into(),
            }),
            Verdict::Refused(reason, detail) => Some(RefusedEvent {
                event_id: hex::encode(raw.id),
                kind: kind_of(raw.body),
                author: hex::encode(raw.author),
                seq: u32::try_from(raw.seq).unwrap_or(u32::MAX),
                reason: *reason,
                detail: detail.clone(),
            }),
            _ => None,
        })
        .collect();
    (listed, u32::try_from(total).unwrap_or(u32::MAX))
}

fn has_granted_anyone(conn: &Connection, root: DeviceId) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT 1 FROM events WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked')
             AND kind = 'device.granted' AND author = ?1 LIMIT 1",
        )?
        .query_row([root.0], |row| row.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// Takes in the file's handovers of the trust root before anything else, so grants by a
/// new root are read as a root's wherever they stand in the file. A handover counts only
/// from the root of its moment, so the passes repeat while they find more.
fn learn_succession(chain: &mut Chain, verdicts: &[Verdict]) {
    let handovers: Vec<&NewEvent> = verdicts
        .iter()
        .filter_map(|verdict| match verdict {
            Verdict::Valid(new) if new.event.envelope.kind == trust::HANDED_OVER => Some(&**new),
            _ => None,
        })
        .collect();
    for _ in 0..handovers.len() {
        let before = chain.current_root();
        for new in &handovers {
            chain.learn_succession(new.event.author, &new.event.envelope);
        }
        if chain.current_root() == before {
            break;
        }
    }
}

fn kind_of(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|value| value.get("kind").and_then(|kind| kind.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// The equivocating numbers whose events of the file all verify (a twin stored here was
/// verified when it came): an alert names a device only on proof, never on a forgery
/// someone else made of its events.
fn verified_equivocations(
    verdicts: &[Verdict],
    events: &[EventRecord<'_>],
    equivocations: &[(DeviceId, u64)],
) -> Vec<(DeviceId, u64)> {
    let mut real: Vec<(DeviceId, u64)> = Vec::new();
    for number in equivocations {
        let forged = verdicts.iter().zip(events).any(|(verdict, raw)| {
            matches!(verdict, Verdict::Refused(EventRefusal::BadSignature, _))
                && (DeviceId(raw.author), raw.seq) == *number
        });
        if !forged && !real.contains(number) {
            real.push(*number);
        }
    }
    real
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
