//! Hybrid logical clock. Laptop clocks drift and may be set wrong; the HLC still gives
//! every event a timestamp that is later than everything this device has seen, so
//! "last writer wins" has a meaning across devices. Time comes from an injectable
//! [`Clock`] so tests are deterministic.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Physical milliseconds since the Unix epoch (UTC) plus a logical counter for events
/// made within the same millisecond, or while the wall clock runs behind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
}

impl Hlc {
    /// The next timestamp after `last`, given the wall clock reads `now_ms`.
    pub fn tick(last: Hlc, now_ms: u64) -> Hlc {
        if now_ms > last.wall_ms {
            Hlc { wall_ms: now_ms, counter: 0 }
        } else {
            // Checked: a counter at its limit moves on to the next millisecond instead
            // of wrapping (which would sort the new event before the last).
            match last.counter.checked_add(1) {
                Some(counter) => Hlc { wall_ms: last.wall_ms, counter },
                None => Hlc { wall_ms: last.wall_ms.saturating_add(1), counter: 0 },
            }
        }
    }

    /// The calendar day in WIB (UTC+7), the day Indonesian officials date their work by.
    pub fn today_wib(now_ms: u64) -> NaiveDate {
        let wib = FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
        DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default().with_timezone(&wib).date_naive()
    }

    pub fn to_utc(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.wall_ms as i64).unwrap_or_default()
    }

    /// A string that sorts like the timestamp, with the author as tie-breaker: the key
    /// projections compare for last-writer-wins, so the outcome never depends on the
    /// order in which events were applied.
    ///
    /// Written digit by digit: every last-writer-wins projection makes one per event, and
    /// through `format!` it took a third of projecting a 100,000-event file.
    pub fn version_key(self, author_hex: &str) -> String {
        let mut key = String::with_capacity(16 + 8 + author_hex.len());
        push_hex_digits(&mut key, self.wall_ms, 16);
        push_hex_digits(&mut key, u64::from(self.counter), 8);
        key.push_str(author_hex);
        key
    }
}

/// The lowest `digits` hex digits of `value`, zero-padded, lowercase (`{:0digits$x}`
/// for a value that fits).
fn push_hex_digits(out: &mut String, value: u64, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for place in (0..digits).rev() {
        out.push(char::from(HEX[((value >> (place * 4)) & 0xf) as usize]));
    }
}

/// UTC milliseconds as RFC 3339 text (second precision), the form screens receive.
pub fn utc_text(wall_ms: i64) -> String {
    DateTime::from_timestamp_millis(wall_ms).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub trait Clock: Send + Sync {
    fn now_ms(&self) -> u64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        Utc::now().timestamp_millis().max(0) as u64
    }
}

/// A clock for tests and generated data: starts at a fixed instant and advances by
/// `step_ms` every time it is read.
pub struct SteppingClock {
    next_ms: AtomicU64,
    step_ms: u64,
}

impl SteppingClock {
    pub fn new(start: DateTime<Utc>, step_ms: u64) -> Self {
        SteppingClock { next_ms: AtomicU64::new(start.timestamp_millis() as u64), step_ms }
    }
}

impl Clock for SteppingClock {
    fn now_ms(&self) -> u64 {
        self.next_ms.fetch_add(self.step_ms, Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_the_wall_clock_when_it_moves_forward() {
        let last = Hlc { wall_ms: 1_000, counter: 7 };
        assert_eq!(Hlc::tick(last, 2_000), Hlc { wall_ms: 2_000, counter: 0 });
    }

    #[test]
    fn tick_counts_up_when_the_wall_clock_stands_still_or_runs_back() {
        let last = Hlc { wall_ms: 5_000, counter: 2 };
        assert_eq!(Hlc::tick(last, 5_000), Hlc { wall_ms: 5_000, counter: 3 });
        assert_eq!(Hlc::tick(last, 10), Hlc { wall_ms: 5_000, counter: 3 });
    }

    #[test]
    fn a_counter_at_its_limit_moves_to_the_next_millisecond() {
        let last = Hlc { wall_ms: 5_000, counter: u32::MAX };
        let next = Hlc::tick(last, 10);
        assert!(next > last);
        assert_eq!(next, Hlc { wall_ms: 5_001, counter: 0 });
    }

    #[test]
    fn version_keys_sort_like_timestamps() {
        let a = Hlc { wall_ms: 9, counter: 0xffff }.version_key("aa");
        let b = Hlc { wall_ms: 10, counter: 0 }.version_key("00");
        assert!(a < b);
    }

    #[test]
    fn version_keys_are_the_zero_padded_hex_of_the_clock_then_the_author() {
        for (wall_ms, counter) in [(0, 0), (1, 1), (0x0123_4567_89ab_cdef, 0xfedc_ba98), (u64::MAX, u32::MAX)] {
            let key = Hlc { wall_ms, counter }.version_key("ab12");
            assert_eq!(key, format!("{wall_ms:016x}{counter:08x}ab12"));
        }
    }
}
