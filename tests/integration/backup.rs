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

/// A laptop restored from a copy may have sent events made after it: they live on at the
/// other laptops under numbers its own sequence would reach again. It records nothing
/// until they are back (imported from a peer) or the person confirms nothing was sent;
/// then its next event follows them, and the peers take it. (Failed before: the restored
/// DP3A laptop recorded at once, under the number of the request it had lost.)
#[test]
fn a_restored_laptop_records_nothing_until_its_later_events_are_back() {
    use ikp_core::CoreError;

    use crate::instructions::progress;
    use crate::sync::{ask, meeting, send, Meeting};

    let Meeting { mut root, mut dp3a, indicator_id, .. } = meeting();
    let copy = dp3a.desk.backup_now().unwrap();
    ask(&mut dp3a.desk, &indicator_id); // made after the copy, and sent
    send(&mut dp3a, &mut root);

    dp3a.desk.restore_backup(&copy.name).unwrap();
    let notice = dp3a.desk.status().unwrap().restored.expect("the restored laptop says so");
    assert_eq!(notice.backup, copy.name);
    let before = dp3a.state();
    let refused = dp3a.desk.instructions().report_progress(progress(&indicator_id, "6")).unwrap_err();
    assert!(matches!(refused, CoreError::RestoredAwaitingHistory { ref backup } if *backup == copy.name), "{refused}");
    assert_eq!(dp3a.state(), before, "the refusal wrote nothing");

    // The Regent's laptop hands the lost request back; DP3A records again, after it.
    let report = send(&mut root, &mut dp3a);
    assert!(report.new_events >= 1, "{report:?}");
    assert_eq!(dp3a.desk.status().unwrap().restored, None);
    dp3a.desk.instructions().report_progress(progress(&indicator_id, "6")).unwrap();
    let taken = send(&mut dp3a, &mut root);
    assert_eq!(taken.new_events, 1, "the Regent's laptop takes the new report: {taken:?}");

    // Restored again, and nothing was sent since: the person says so and it records.
    let copy = dp3a.desk.backup_now().unwrap();
    dp3a.desk.restore_backup(&copy.name).unwrap();
    assert!(dp3a.desk.status().unwrap().restored.is_some());
    dp3a.desk.resume_after_restore().unwrap();
    assert_eq!(dp3a.desk.status().unwrap().restored, None);
    dp3a.desk.instructions().report_progress(progress(&indicator_id, "7")).unwrap();
    assert_eq!(send(&mut dp3a, &mut root).new_events, 1);
    assert!(dp3a.desk.check().unwrap().is_clean());
}
