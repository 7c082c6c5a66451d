//! Which of a file's events this laptop already holds: the ids stored under the file's
//! authors and numbers, read in one pass over the clock index where the numbers have no
//! gaps, by number otherwise.

use super::bundle::EventRecord;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// For every event of the file, the id this laptop holds under the same author and
/// number, if any: known events are skipped, different ones are equivocation.
pub(crate) fn known_ids(conn: &Connection, events: &[EventRecord<'_>]) -> Result<Vec<Option<[u8; 32]>>> {
    let mut known = vec![None; events.len()];
    let mut held = HashMap::new();
    for (author, numbers) in numbers_by_author(events) {
        let numbers = held_numbers(conn, &author, numbers)?;
        if !numbers.is_empty() {
            held.insert(author, numbers);
        }
    }
    read_ids_in_clock_order(conn, &held, &mut known)?;
    for (author, numbers) in &held {
        let missed: Vec<(u64, usize)> = numbers.iter().copied().filter(|(_, index)| known[*index].is_none()).collect();
        read_ids_by_number(conn, author, &missed, &mut known)?;
    }
    Ok(known)
}

/// (number, position in the file), sorted by number.
pub(crate) type Numbers = Vec<(u64, usize)>;

/// The file's events grouped by author.
pub(crate) fn numbers_by_author(events: &[EventRecord<'_>]) -> HashMap<[u8; 32], Numbers> {
    let mut groups: Vec<([u8; 32], Numbers)> = Vec::new();
    let mut group_of: HashMap<[u8; 32], usize> = HashMap::new();
    let mut current = usize::MAX;
    for (index, event) in events.iter().enumerate() {
        // Files hold runs of one author's events: the map is asked only when it changes.
        if groups.get(current).is_none_or(|(author, _)| *author != event.author) {
            current = *group_of.entry(event.author).or_insert_with(|| {
                groups.push((event.author, Vec::new()));
                groups.len() - 1
            });
        }
        groups[current].1.push((event.seq, index));
    }
    let mut by_author: HashMap<[u8; 32], Numbers> = groups.into_iter().collect();
    for numbers in by_author.values_mut() {
        numbers.sort_unstable();
    }
    by_author
}

/// The author's numbers (sorted) that this laptop holds an event under. Reads only the
/// (author, seq) index, which answers this without touching the table.
pub(crate) fn held_numbers(conn: &Connection, author: &[u8; 32], mut numbers: Numbers) -> Result<Numbers> {
    // Numbers past the author's last stored one (new events, a new author) are not held.
    let last: Option<u64> =
        conn.prepare_cached("SELECT max(seq) FROM events WHERE author = ?1")?.query_row([author], |row| row.get(0))?;
    numbers.retain(|(seq, _)| last.is_some_and(|last| *seq <= last));
    let (Some(&(low, _)), Some(&(high, _))) = (numbers.first(), numbers.last()) else { return Ok(numbers) };
    if high - low >= 4 * numbers.len() as u64 {
        // A few numbers far apart (say, the enrolment chain and this week's events).
        let mut probe = conn.prepare_cached("SELECT 1 FROM events WHERE author = ?1 AND seq = ?2")?;
        let mut held = Vec::new();
        for &(seq, index) in &numbers {
            if probe.exists(params![author, seq])? {
                held.push((seq, index));
            }
        }
        return Ok(held);
    }
    // A log holds an author's numbers without gaps (nearly always): if the range is
    // full, every number in it is held, and counting is cheaper than reading them.
    let count: u64 = conn
        .prepare_cached("SELECT count(*) FROM events WHERE author = ?1 AND seq BETWEEN ?2 AND ?3")?
        .query_row(params![author, low, high], |row| row.get(0))?;
    if count == high - low + 1 {
        return Ok(numbers);
    }
    let mut statement =
        conn.prepare_cached("SELECT seq FROM events WHERE author = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq")?;
    let stored: Vec<u64> =
        statement.query_map(params![author, low, high], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(numbers.into_iter().filter(|(seq, _)| stored.binary_search(seq).is_ok()).collect())
}

/// Reads the held events' ids from the clock index, which holds author, number and id
/// side by side: reading an id through the (author, seq) index costs a lookup in the
/// table per event, ten times the price (this is most of a re-import). Starts at the
/// earliest clock among the authors' first held events and reads at most a few times as
/// many entries as it looks for; what it does not find (an author whose clock went
/// backwards, a log busy with other authors' events) is left for a lookup by number.
pub(crate) fn read_ids_in_clock_order(
    conn: &Connection,
    held: &HashMap<[u8; 32], Numbers>,
    known: &mut [Option<[u8; 32]>],
) -> Result<()> {
    let wanted: usize = held.values().map(Vec::len).sum();
    let mut first_clock = conn.prepare_cached("SELECT hlc_wall FROM events WHERE author = ?1 AND seq = ?2")?;
    let first_clocks = held
        .iter()
        .map(|(author, numbers)| first_clock.query_row(params![author, numbers[0].0], |row| row.get(0)).optional())
        .collect::<rusqlite::Result<Vec<Option<u64>>>>()?;
    let Some(start) = first_clocks.into_iter().flatten().min() else { return Ok(()) };
    let mut statement = conn.prepare_cached("SELECT author, seq, id FROM events WHERE hlc_wall >= ?1")?;
    let mut rows = statement.query([start])?;
    let (mut found, mut budget) = (0, 4 * wanted + 1024);
    while found < wanted && budget > 0 {
        let Some(row) = rows.next()? else { break };
        budget -= 1;
        let Some(numbers) = held.get(row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?) else { continue };
        let seq: u64 = row.get(1)?;
        let first = numbers.partition_point(|(number, _)| *number < seq);
        for (_, index) in numbers[first..].iter().take_while(|(number, _)| *number == seq) {
            known[*index] = Some(stored_id(row, 2)?);
            found += 1;
        }
    }
    Ok(())
}

/// Reads the ids stored under the author's numbers (sorted): one ordered read of the
/// range when the numbers are dense, a lookup each when they are far apart.
pub(crate) fn read_ids_by_number(
    conn: &Connection,
    author: &[u8; 32],
    numbers: &[(u64, usize)],
    known: &mut [Option<[u8; 32]>],
) -> Result<()> {
    let (Some(&(low, _)), Some(&(high, _))) = (numbers.first(), numbers.last()) else { return Ok(()) };
    if high - low >= 4 * numbers.len() as u64 {
        let mut lookup = conn.prepare_cached("SELECT id FROM events WHERE author = ?1 AND seq = ?2")?;
        for &(seq, index) in numbers {
            known[index] = lookup.query_row(params![author, seq], |row| stored_id(row, 0)).optional()?;
        }
        return Ok(());
    }
    let mut statement =
        conn.prepare_cached("SELECT seq, id FROM events WHERE author = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq")?;
    let mut rows = statement.query(params![author, low, high])?;
    let mut wanted = numbers.iter().peekable();
    while let Some(row) = rows.next()? {
        let seq: u64 = row.get(0)?;
        while wanted.next_if(|(number, _)| *number < seq).is_some() {}
        while let Some((_, index)) = wanted.next_if(|(number, _)| *number == seq) {
            known[*index] = Some(stored_id(row, 1)?);
        }
    }
    Ok(())
}

/// An id column, read in place (this runs once per held event of a re-import).
pub(crate) fn stored_id(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<[u8; 32]> {
    Ok(row.get_ref(column)?.as_blob()?.try_into().unwrap_or([0; 32]))
}
