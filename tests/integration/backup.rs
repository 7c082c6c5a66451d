//! Backups taken while the app writes: each copy is one consistent snapshot (the log and
//! the tables projected from it agree, every signature holds, no own number is missing),
//! and restoring one gives a database `ikp check` passes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::backup;
use ikp_core::check;
use ikp_core::clock::{Clock, SystemClock};
use ikp_core::kinds::DomainEvent;
use ikp_core::principal::Role;
use ikp_core::{Desk, SetupInput};
use rusqlite::Connection;

fn agency(n: u32) -> DomainEvent {
    DomainEvent::AgencyRegistered(AgencyRegistered {
        code: format!("DINAS{n}"),
        name: format!("Dinas Percobaan {n}"),
        short_name: format!("D{n}"),
        kind: AgencyKind::Dinas,
    })
}

#[test]
fn backups_taken_while_the_app_writes_are_consistent_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let mut writer = Desk::open(&data).unwrap();
    writer.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() }).unwrap();
    let device = writer.device_id();
    let done = Arc::new(AtomicBool::new(false));
    let writing = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut written = 0;
            while !done.load(Ordering::Relaxed) || written < 50 {
                written += 1;
                writer.record(agency(written)).unwrap();
            }
            written
        })
    };

    // The app's daily copy uses a connection of its own, as here.
    let reader = Connection::open(data.join("ikp.db")).unwrap();
    let mut copies = Vec::new();
    for _ in 0..6 {
        copies.push(backup::take(&reader, &data, SystemClock.now_ms()).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    done.store(true, Ordering::Relaxed);
    let written = writing.join().unwrap();

    let mut seen = Vec::new();
    for copy in &copies {
        let conn = Connection::open(backup::backup_dir(&data).join(&copy.name)).unwrap();
        let report = check::run(&conn, device).unwrap();
        assert!(report.is_clean(), "{}: {report:?}", copy.name);
        let logged: u32 = conn
            .query_row("SELECT count(*) FROM events WHERE kind = 'agency.registered'", [], |row| row.get(0))
            .unwrap();
        let projected: u32 = conn.query_row("SELECT count(*) FROM agencies", [], |row| row.get(0)).unwrap();
        assert_eq!(logged, projected, "{}: the log and its tables are from one moment", copy.name);
        seen.push(logged);
    }
    assert!(seen.windows(2).all(|pair| pair[0] <= pair[1]), "later copies hold more: {seen:?}");
    assert!(seen.first() < seen.last(), "the copies were taken while writing went on: {seen:?} of {written}");

    // Restoring the middle copy gives a database the app opens and `ikp check` passes.
    let middle = &copies[copies.len() / 2];
    let report = backup::restore(&data, &middle.name, SystemClock.now_ms()).unwrap();
    let restored = Desk::open(&data).unwrap();
    assert!(restored.check().unwrap().is_clean());
    assert_eq!(restored.status().unwrap().event_count, report.events);
}
