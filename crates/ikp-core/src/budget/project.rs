//! Projection of budget events. Ceilings are kept as versions (the one in force is
//! chosen when read); plans and physical progress are last-writer-wins per month;
//! realization entries are inserted once by their stable id and added to the monthly
//! sums only when new, so replaying or re-importing never counts twice.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};

use super::indicator_link;
use super::payload::*;
use crate::error::Result;
use crate::event::SignedEvent;

pub(crate) fn ceiling_set(conn: &Connection, event: &SignedEvent, p: &CeilingSet) -> Result<()> {
    let event_id = event.id.to_hex();
    conn.execute(
        "INSERT OR IGNORE INTO budget_ceilings (event_id, agency_code, fiscal_year, stage, amount_sen, effective_on,
             reason, author, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            event_id,
            p.agency_code,
            p.fiscal_year,
            p.stage.as_str(),
            p.amount.sen(),
            p.effective_on.to_string(),
            p.reason,
            event.envelope.author,
            event.version_key()
        ],
    )?;
    for (position, line) in p.lines.iter().enumerate() {
        conn.execute(
            "INSERT OR IGNORE INTO budget_ceiling_lines (event_id, position, program, kegiatan, sub_kegiatan, amount_sen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![event_id, position as i64, line.program, line.kegiatan, line.sub_kegiatan, line.amount.sen()],
        )?;
    }
    indicator_link::refresh(conn, &p.agency_code, p.fiscal_year)
}

pub(crate) fn plan_set(conn: &Connection, event: &SignedEvent, p: &PlanSet) -> Result<()> {
    let version = event.version_key();
    let mut upsert = conn.prepare_cached(
        "INSERT INTO budget_monthly (agency_code, fiscal_year, month, plan_sen, plan_version) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (fiscal_year, agency_code, month) DO UPDATE SET plan_sen = excluded.plan_sen,
             plan_version = excluded.plan_version
         WHERE excluded.plan_version > budget_monthly.plan_version",
    )?;
    for (index, amount) in p.months.iter().take(12).enumerate() {
        upsert.execute(params![p.agency_code, p.fiscal_year, index as i64 + 1, amount.sen(), version])?;
    }
    if let Some(source) = &p.source {
        conn.prepare_cached(
            "INSERT INTO budget_plan_import_sources (source, mapping, version_key) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, version_key = excluded.version_key
             WHERE excluded.version_key > budget_plan_import_sources.version_key",
        )?
        .execute(params![
            source.source,
            serde_json::to_string(&source.mapping).expect("mapping serializes"),
            version
        ])?;
    }
    Ok(())
}

pub(crate) fn realized(conn: &Connection, event: &SignedEvent, p: &RealizationsRecorded) -> Result<()> {
    let event_id = event.id.to_hex();
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO budget_realizations (entry_id, agency_code, fiscal_year, realized_on, amount_sen,
             reference, note, event_id, sp2d_type, jenis, line_key, counted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    // Sums are gathered per agency, month (and jenis) and added once each: a file of
    // 100k SP2D touches a few thousand of them.
    let mut sums = Sums::default();
    // An agency-scoped event counts only that agency's entries: its staff signed it.
    let in_scope = |entry: &&RealizationEntry| p.agency_code.as_ref().is_none_or(|scope| *scope == entry.agency_code);
    let mut touched = BTreeSet::new();
    for entry in p.entries.iter().filter(in_scope) {
        let key = entry_key(&entry.agency_code, &entry.entry_id);
        let line = entry.line.as_deref().map(|line| line_key(&entry.agency_code, line));
        let mut insert_counted = |counted: bool| {
            insert.execute(params![
                key,
                entry.agency_code,
                entry.realized_on.year(),
                entry.realized_on.to_string(),
                entry.amount.sen(),
                entry.reference,
                entry.note,
                event_id,
                entry.sp2d_type.map(Sp2dType::as_str),
                entry.jenis.map(JenisBelanja::as_str),
                line,
                counted,
            ])
        };
        // Refused by the primary key (a known entry) or, for an entry of a line, by the
        // one counted entry the line already has (`realizations_counted_line`).
        let counts = match (insert_counted(true)? == 1, &line) {
            (true, _) => true,
            (false, None) => continue,
            (false, Some(line)) => {
                if is_known(conn, &key)? {
                    continue;
                }
                let counts = take_line(conn, line, event, &entry.agency_code, &mut sums)?;
                insert_counted(counts)?;
                counts
            }
        };
        let agency = entry.agency_code.as_str();
        touched.insert((agency, entry.realized_on.year()));
        if counts {
            sums.add(agency, Contribution::of(entry), 1);
        }
    }
    let mut add = conn.prepare_cached(
        "INSERT INTO budget_monthly (agency_code, fiscal_year, month, realized_sen, advance_sen, entries)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (fiscal_year, agency_code, month) DO UPDATE SET
             realized_sen = realized_sen + excluded.realized_sen, advance_sen = advance_sen + excluded.advance_sen,
             entries = entries + excluded.entries",
    )?;
    for ((agency, year, month), [spent, advanced, entries]) in sums.monthly {
        add.execute(params![agency, year, month, spent, advanced, entries])?;
    }
    let mut add_jenis = conn.prepare_cached(
        "INSERT INTO budget_realized_jenis (agency_code, fiscal_year, month, jenis, realized_sen)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (fiscal_year, agency_code, month, jenis) DO UPDATE SET
             realized_sen = realized_sen + excluded.realized_sen",
    )?;
    for ((agency, year, month, jenis), spent) in sums.by_jenis {
        add_jenis.execute(params![agency, year, month, jenis, spent])?;
    }
    if let Some(source) = p.source.as_ref().filter(|source| !source.mapping.is_empty()) {
        if let Some(name) = &source.source {
            conn.execute(
                "INSERT INTO budget_import_sources (source, mapping, version_key) VALUES (?1, ?2, ?3)
                 ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, version_key = excluded.version_key
                 WHERE excluded.version_key > budget_import_sources.version_key",
                params![name, serde_json::to_string(&source.mapping).expect("mapping serializes"), event.version_key()],
            )?;
        }
    }
    let scopes = touched.into_iter().map(|(code, year)| (code.to_owned(), year)).collect();
    indicator_link::refresh_many(conn, &scopes)
}

fn is_known(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM budget_realizations WHERE entry_id = ?1")?.exists([key])?)
}

/// Decides whether a new entry of `line`, signed in `event`, takes the place of the entry
/// that counts for the line now: the later signed counts. When the new one wins, the old
/// one is flagged and its amount taken out of the sums (the caller then inserts the new
/// one, counted or not). The same entries give the same outcome in any order of arrival.
fn take_line<'a>(
    conn: &Connection,
    line: &[u8; 16],
    event: &SignedEvent,
    agency: &'a str,
    sums: &mut Sums<'a>,
) -> Result<bool> {
    let (counting_key, counting_event, counting) = conn
        .prepare_cached(
            "SELECT entry_id, event_id, fiscal_year, CAST(substr(realized_on, 6, 2) AS INTEGER), amount_sen,
                 sp2d_type, jenis
             FROM budget_realizations WHERE line_key = ?1 AND counted = 1",
        )?
        .query_row([line], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                Contribution {
                    year: row.get(2)?,
                    month: row.get(3)?,
                    amount: row.get(4)?,
                    sp2d_type: row.get::<_, Option<String>>(5)?.as_deref().and_then(Sp2dType::parse),
                    jenis: row.get::<_, Option<String>>(6)?.as_deref().and_then(JenisBelanja::parse),
                },
            ))
        })?;
    // Two entries of a line in one event: the first listed stands.
    if version_of(conn, &counting_event)? >= line_version(event) {
        return Ok(false);
    }
    conn.prepare_cached("UPDATE budget_realizations SET counted = 0 WHERE entry_id = ?1")?.execute([&counting_key])?;
    sums.add(agency, counting, -1);
    Ok(true)
}

/// An event's signing order, as every last-writer-wins column compares it.
fn line_version(event: &SignedEvent) -> String {
    event.envelope.hlc.version_key(&event.author.to_hex())
}

/// The signing order of a stored event, read from the log (realization entries keep no
/// copy: it is needed only when a line is corrected).
fn version_of(conn: &Connection, event_id: &str) -> Result<String> {
    let id = hex::decode(event_id).unwrap_or_default();
    let (wall, counter, author) = conn
        .prepare_cached("SELECT hlc_wall, hlc_counter, author FROM events WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, row.get::<_, Vec<u8>>(2)?)))?;
    let hlc = crate::clock::Hlc { wall_ms: wall as u64, counter: counter as u32 };
    Ok(hlc.version_key(&hex::encode(author)))
}

/// What one entry adds to the monthly sums.
struct Contribution {
    year: i32,
    month: u32,
    amount: i64,
    sp2d_type: Option<Sp2dType>,
    jenis: Option<JenisBelanja>,
}

impl Contribution {
    fn of(entry: &RealizationEntry) -> Contribution {
        Contribution {
            year: entry.realized_on.year(),
            month: entry.realized_on.month(),
            amount: entry.amount.sen(),
            sp2d_type: entry.sp2d_type,
            jenis: entry.jenis,
        }
    }
}

/// The changes an event makes to `budget_monthly` and `budget_realized_jenis`.
#[derive(Default)]
struct Sums<'a> {
    /// [realized, advanced, entries] per agency, year and month.
    monthly: BTreeMap<(&'a str, i32, u32), [i64; 3]>,
    by_jenis: BTreeMap<(&'a str, i32, u32, &'static str), i64>,
}

impl<'a> Sums<'a> {
    /// Adds (`sign` 1) or takes out (-1) one entry. Only spending counts (an entry of no
    /// type is spending, as before types were kept); an advance is kept apart.
    fn add(&mut self, agency: &'a str, entry: Contribution, sign: i64) {
        let (year, month) = (entry.year, entry.month);
        let spending = entry.sp2d_type.is_none_or(Sp2dType::is_spending);
        let sums = self.monthly.entry((agency, year, month)).or_default();
        sums[if spending { 0 } else { 1 }] += sign * entry.amount;
        sums[2] += sign;
        if spending && entry.amount != 0 {
            let jenis = entry.jenis.map_or("", JenisBelanja::as_str);
            *self.by_jenis.entry((agency, year, month, jenis)).or_default() += sign * entry.amount;
        }
    }
}

/// A realization line's stored key: within its agency, as `entry_key`, and hashed to 16
/// bytes so the index that keeps one counted entry per line stays small.
pub(crate) fn line_key(agency_code: &str, line: &str) -> [u8; 16] {
    digest16(format_args!("{}", WithinAgency(agency_code, line)))
}

/// The first 16 bytes of the SHA-256 of some formatted text, hashed as it is formatted:
/// a 100k-row import makes a few hundred thousand of these keys, and allocating each
/// text first showed in its profile.
pub(crate) fn digest16(text: std::fmt::Arguments<'_>) -> [u8; 16] {
    struct Hashing(Sha256);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, piece: &str) -> std::fmt::Result {
            self.0.update(piece.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    std::fmt::Write::write_fmt(&mut hashing, text).expect("hashing never fails");
    hashing.0.finalize()[..16].try_into().expect("a SHA-256 digest has 32 bytes")
}

/// A realization's stored identity: its id within its agency. Entry ids are chosen by
/// the author (stable, so a re-import adds nothing); keyed by agency, one agency's
/// entries can never take the place of another's, whatever clock they carry.
pub(crate) fn entry_key(agency_code: &str, entry_id: &str) -> String {
    WithinAgency(agency_code, entry_id).to_string()
}

/// "agency/name": the one form both keys take, written (or hashed) without a copy.
struct WithinAgency<'a>(&'a str, &'a str);

impl std::fmt::Display for WithinAgency<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.0, self.1)
    }
}

pub(crate) fn physical_reported(conn: &Connection, event: &SignedEvent, p: &PhysicalReported) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO budget_monthly (agency_code, fiscal_year, month, physical, physical_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (fiscal_year, agency_code, month) DO UPDATE SET physical = excluded.physical,
             physical_version = excluded.physical_version
         WHERE excluded.physical_version > budget_monthly.physical_version",
    )?
    .execute(params![p.agency_code, p.fiscal_year, p.month, p.percent.ten_thousandths(), event.version_key()])?;
    Ok(())
}
