//! Tests of the import: reading the ids a laptop holds, whatever its clocks did.

use super::*;
use rusqlite::params;

use crate::sync::bundle::RawEvent;
use crate::sync::known::known_ids;

const KEEPS_TIME: [u8; 32] = [1; 32];
const CLOCK_BACKWARDS: [u8; 32] = [2; 32];

fn id(author: &[u8; 32], seq: u64) -> [u8; 32] {
    let mut id = [0; 32];
    id[0] = author[0];
    id[24..].copy_from_slice(&seq.to_be_bytes());
    id
}

fn store(conn: &Connection, author: &[u8; 32], seq: u64, wall: u64) {
    conn.execute(
        "INSERT INTO events (id, author, seq, hlc_wall, hlc_counter, kind, body, signature)
         VALUES (?1, ?2, ?3, ?4, 0, 'test', x'', ?5)",
        params![id(author, seq), author, seq, wall, [0u8; 64]],
    )
    .unwrap();
}

fn carried(author: &[u8; 32], seq: u64, id: [u8; 32]) -> EventRecord<'static> {
    RawEvent { id, author: *author, seq, signature: [0; 64], body: &[] }
}

#[test]
fn known_ids_are_found_whatever_the_authors_clocks_did() {
    let store_ = Store::open_in_memory().unwrap();
    let conn = store_.conn();
    for seq in 1..=300 {
        store(conn, &KEEPS_TIME, seq, 1_000 + seq);
        // An author whose clock ran backwards: its later events sort before its
        // first, so reading the clock index from there misses them.
        store(conn, &CLOCK_BACKWARDS, seq, 1_000 - seq);
    }
    let other = [9; 32];
    let events = vec![
        carried(&KEEPS_TIME, 7, id(&KEEPS_TIME, 7)),
        carried(&KEEPS_TIME, 7, id(&KEEPS_TIME, 7)),
        carried(&KEEPS_TIME, 8, other),
        carried(&KEEPS_TIME, 301, id(&KEEPS_TIME, 301)),
        carried(&CLOCK_BACKWARDS, 1, id(&CLOCK_BACKWARDS, 1)),
        carried(&CLOCK_BACKWARDS, 250, id(&CLOCK_BACKWARDS, 250)),
        carried(&KEEPS_TIME, 300, id(&KEEPS_TIME, 300)),
        carried(&[3; 32], 1, other),
    ];
    let mut expected: Vec<Option<[u8; 32]>> = events
        .iter()
        .map(|event| (event.author != [3; 32] && event.seq <= 300).then(|| id(&event.author, event.seq)))
        .collect();
    assert_eq!(known_ids(conn, &events).unwrap(), expected);

    // Numbers far apart are looked up one by one, with the same answer.
    let sparse =
        vec![carried(&KEEPS_TIME, 1, other), carried(&KEEPS_TIME, 290, other), carried(&KEEPS_TIME, 999, other)];
    expected = vec![Some(id(&KEEPS_TIME, 1)), Some(id(&KEEPS_TIME, 290)), None];
    assert_eq!(known_ids(conn, &sparse).unwrap(), expected);

    // A log with a gap in the file's range: what is held is found, the gap is not.
    let gappy = [4; 32];
    for seq in (1..=10).filter(|seq| *seq != 5) {
        store(conn, &gappy, seq, 2_000 + seq);
    }
    let dense: Vec<_> = (1..=10).map(|seq| carried(&gappy, seq, id(&gappy, seq))).collect();
    expected = (1..=10).map(|seq| (seq != 5).then(|| id(&gappy, seq))).collect();
    assert_eq!(known_ids(conn, &dense).unwrap(), expected);
}

/// The log's own indexes, as SQLite keeps their definitions.
fn event_indexes(conn: &Connection) -> Vec<(String, String)> {
    conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL
         ORDER BY name",
    )
    .unwrap()
    .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn schema_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA schema_version", [], |row| row.get(0)).unwrap()
}

/// `count` events of one laptop, every hundredth of an enrolment kind (the partial index's).
fn sealed(secret: u8, count: u64) -> Vec<SignedEvent> {
    let key = ikp_log::identity::DeviceKey::from_secret([secret; 32]);
    (1..=count)
        .map(|seq| {
            let kind = if seq % 100 == 0 { "device.granted" } else { "test.bulk" };
            let hlc = crate::clock::Hlc { wall_ms: 1_000 + seq, counter: 0 };
            SignedEvent::seal(&key, seq, hlc, kind, 1, serde_json::json!({ "n": seq }))
        })
        .collect()
}

#[test]
fn a_load_larger_than_the_log_is_appended_with_the_logs_indexes_built_again() {
    let mut store_ = Store::open_in_memory().unwrap();
    let indexes = event_indexes(store_.conn());
    assert!(indexes.len() >= 2, "the clock and enrolment indexes: {indexes:?}");

    // A small append leaves the schema alone.
    let first = sealed(1, 50);
    let version = schema_version(store_.conn());
    store_.write(|tx| Ok(log::append_all(tx, &first.iter().collect::<Vec<_>>())?)).unwrap();
    assert_eq!(schema_version(store_.conn()), version);

    // A bulk load that fails half-way (an event twice) leaves the log and its indexes as they were.
    let load = sealed(2, 12_000);
    let mut twice: Vec<&SignedEvent> = load.iter().collect();
    twice.push(&load[6_000]);
    let failed = store_.write(|tx| Ok(log::append_all(tx, &twice)?));
    assert!(failed.is_err());
    let conn = store_.conn();
    assert_eq!((log::count(conn).unwrap(), schema_version(conn)), (50, version));
    assert_eq!(event_indexes(conn), indexes);

    // The same load, whole: the indexes are the declared ones again and hold every row.
    let mut by_id: Vec<&SignedEvent> = load.iter().collect();
    by_id.sort_unstable_by_key(|event| event.id);
    store_.write(|tx| Ok(log::append_all(tx, &by_id)?)).unwrap();
    let conn = store_.conn();
    assert_ne!(schema_version(conn), version, "set aside and built again");
    assert_eq!(event_indexes(conn), indexes);
    let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM events INDEXED BY events_by_clock WHERE hlc_wall > 0"), 12_050);
    assert_eq!(
        count(
            "SELECT count(*) FROM events INDEXED BY events_enrolment
             WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked')"
        ),
        120
    );
}
