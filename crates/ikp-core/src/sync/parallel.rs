//! The import's checks spread over the cores: bodies hashed and signatures verified in
//! chunks taken from a shared cursor, while the importing thread works the database.

use super::bundle::{EventRecord, RawEvent};
use crate::event::EventId;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Signatures checked in one multi-scalar multiplication: at least this many…
const SIGNATURE_BATCH_MIN: usize = 256;
/// …and at most this many. The multiplication's fixed cost (its buckets, per window) is
/// shared by the whole batch, and at this size it takes wider windows: 100,000
/// signatures took 0.35–0.42 s here, against 0.44–0.69 s in batches of 512 (`ikp bench
/// sync`). A failed batch is checked one by one, so a forged event costs a few thousand
/// single checks (about 0.2 s: `ikp check` takes 43 µs an event) more.
const SIGNATURE_BATCH_MAX: usize = 4096;

/// The batch size for `count` signatures: as large as allowed, while each thread still
/// gets a few batches (a thread that comes late, the writer, must find work left).
fn signature_batch(count: usize) -> usize {
    (count / (threads() * 4)).clamp(SIGNATURE_BATCH_MIN, SIGNATURE_BATCH_MAX)
}

/// Events hashed per chunk handed to a thread (a few MB of bodies).
pub(crate) const HASH_CHUNK: usize = 4096;

pub(crate) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// `0..len` cut into one range per core, each mapped by `each` on a thread of its own;
/// the results joined in order.
pub(crate) fn over_the_cores<T: Send>(len: usize, each: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let chunk = len.div_ceil(threads()).max(1);
    let each = &each;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..len).step_by(chunk).map(|start| scope.spawn(move || each(start..(start + chunk).min(len)))).collect();
        handles.into_iter().flat_map(|handle| handle.join().expect("the work does not panic")).collect()
    })
}

/// Whether each event's body hashes to its id (every event needs this check, known or
/// not), on the other cores while this one runs `meanwhile` (the lookup of known ids,
/// which needs the connection), then on this one too until all are done.
pub(crate) fn hash_checks<T>(events: &[EventRecord<'_>], meanwhile: impl FnOnce() -> T) -> (Vec<bool>, T) {
    let work = Shared::new(events, HASH_CHUNK);
    let hash_all = || {
        let mut done = Vec::new();
        while let Some((start, chunk)) = work.take() {
            done.push((start, chunk.iter().map(|raw| Sha256::digest(raw.body)[..] == raw.id).collect::<Vec<_>>()));
        }
        done
    };
    let (value, done) = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads()).map(|_| scope.spawn(hash_all)).collect();
        let value = meanwhile();
        let mut done = hash_all();
        for helper in helpers {
            done.extend(helper.join().expect("hashing does not panic"));
        }
        (value, done)
    });
    let mut hashed = vec![false; events.len()];
    for (start, part) in done {
        hashed[start..start + part.len()].copy_from_slice(&part);
    }
    (hashed, value)
}

/// Work handed out in chunks from a shared cursor: any number of threads take chunks
/// until none is left, so a thread that is free late (the one that looked up known
/// events, or the writer) still helps with what remains.
pub(crate) struct Shared<'a, T> {
    items: &'a [T],
    chunk: usize,
    /// Where the next unclaimed chunk starts.
    next: AtomicUsize,
}

impl<'a, T> Shared<'a, T> {
    fn new(items: &'a [T], chunk: usize) -> Self {
        Shared { items, chunk, next: AtomicUsize::new(0) }
    }

    /// The next unclaimed chunk, with its position in `items`.
    fn take(&self) -> Option<(usize, &'a [T])> {
        let start = self.next.fetch_add(self.chunk, Ordering::Relaxed);
        (start < self.items.len()).then(|| (start, &self.items[start..(start + self.chunk).min(self.items.len())]))
    }
}

/// Every event of `events` whose signature does not verify (benchmarks, diagnostics).
pub fn verify_signatures<Body: Sync>(events: &[RawEvent<Body>]) -> Vec<usize> {
    let all: Vec<usize> = (0..events.len()).collect();
    let work = SignatureWork::new(events, &all);
    std::thread::scope(|scope| SignaturesInFlight::start(scope, &work).finish())
}

/// Signatures being checked on the other cores while this thread goes on.
pub(crate) struct SignaturesInFlight<'scope, 'a, Body> {
    work: &'scope SignatureWork<'a, Body>,
    helpers: Vec<std::thread::ScopedJoinHandle<'scope, Vec<usize>>>,
}

impl<'scope, 'a: 'scope, Body: Sync> SignaturesInFlight<'scope, 'a, Body> {
    /// Starts a helper on each core but this one.
    pub(crate) fn start<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        work: &'scope SignatureWork<'a, Body>,
    ) -> Self {
        let helpers = (1..threads()).map(|_| scope.spawn(move || work.help())).collect();
        SignaturesInFlight { work, helpers }
    }

    /// Joins in until every signature is checked; the events whose signature failed.
    pub(crate) fn finish(self) -> Vec<usize> {
        let mut bad = self.work.help();
        for helper in self.helpers {
            bad.extend(helper.join().expect("verification does not panic"));
        }
        bad
    }
}

/// The signatures of `indices` to check, handed out batch by batch (see `Shared`).
pub(crate) struct SignatureWork<'a, Body> {
    events: &'a [RawEvent<Body>],
    batches: Shared<'a, usize>,
}

impl<'a, Body> SignatureWork<'a, Body> {
    pub(crate) fn new(events: &'a [RawEvent<Body>], indices: &'a [usize]) -> Self {
        SignatureWork { events, batches: Shared::new(indices, signature_batch(indices.len())) }
    }

    /// Checks batches until none is left; returns the events whose signature failed.
    pub(crate) fn help(&self) -> Vec<usize> {
        let seed = crate::signature::batch_seed();
        let mut bad = Vec::new();
        while let Some((_, batch)) = self.batches.take() {
            self.check(batch, &seed, &mut bad);
        }
        bad
    }

    /// One multi-scalar multiplication for the batch; if it fails, each signature alone,
    /// so that every refusal names its event.
    fn check(&self, batch: &[usize], seed: &[u8; 32], bad: &mut Vec<usize>) {
        let events = self.events;
        let messages: Vec<[u8; 50]> = batch.iter().map(|&index| signing_message(&events[index].id)).collect();
        let items: Vec<(&[u8; 32], &[u8], &[u8; 64])> = batch
            .iter()
            .zip(&messages)
            .map(|(&index, message)| (&events[index].author, message.as_slice(), &events[index].signature))
            .collect();
        if crate::signature::verify_batch(&items, seed) {
            return;
        }
        for (&index, (key, message, signature)) in batch.iter().zip(items) {
            if !crate::signature::verify(key, message, signature) {
                bad.push(index);
            }
        }
    }
}

/// The signed message of an event: the domain-separated id (see `event`).
fn signing_message(id: &[u8; 32]) -> [u8; 50] {
    let mut message = [0u8; 50];
    let context = crate::event::signing_message(EventId(*id));
    message.copy_from_slice(&context);
    message
}
