//! The device key in the system's key store, against a real one: on Linux the Secret
//! Service of gnome-keyring, started unlocked for this test by `scripts/lib/with-keyring`
//! (the test fails, not skips, without it); on Windows Credential Manager (run here under
//! Wine by `scripts/lib/windows-key-store-test`). One test, in order: the cases share the
//! store.
#![cfg(feature = "keyring-test")]

use std::sync::Arc;

use ikp_core::clock::SystemClock;
use ikp_core::key_store::system_entry::Entry;
use ikp_core::key_store::{self, KeyStore};
use ikp_core::{CoreError, Desk};

fn open(dir: &std::path::Path, store: KeyStore) -> Result<Desk, CoreError> {
    Desk::open_profile_keeping(dir, None, Arc::new(SystemClock), store)
}

fn entry_of(dir: &std::path::Path) -> Entry {
    let marker = std::fs::read_to_string(key_store::marker_of(&dir.join("device.key"))).unwrap();
    Entry::of_marker(&marker).unwrap()
}

#[test]
fn the_device_key_lives_in_the_system_store_and_is_never_silently_replaced() {
    assert!(
        std::env::var_os("IKP_TEST_KEYRING").is_some(),
        "run through scripts/lib/with-keyring: this test needs a running Secret Service"
    );
    let scratch = tempfile::tempdir().unwrap();

    // A new laptop: the key goes into the store; beside the database only the marker.
    let fresh = scratch.path().join("fresh");
    let id = open(&fresh, KeyStore::System).unwrap().device_id();
    assert!(!fresh.join("device.key").exists(), "no secret on disk");
    let marker = std::fs::read_to_string(fresh.join("device.key.store")).unwrap();
    assert!(marker.contains(&id.to_hex()) && marker.len() < 200, "{marker}");
    assert_eq!(entry_of(&fresh).secret().unwrap().len(), 32);
    // On Windows the entry stays on this computer: a roaming profile does not carry it.
    #[cfg(windows)]
    assert_eq!(entry_of(&fresh).persistence().unwrap(), Some(local_credential::Persistence::LocalMachine));
    assert_eq!(open(&fresh, KeyStore::System).unwrap().device_id(), id, "the same identity again");
    assert_eq!(open(&fresh, KeyStore::File).unwrap().device_id(), id, "read wherever it is");

    // A laptop whose key was a file (an older version): moved into the store.
    let older = scratch.path().join("older");
    let id = open(&older, KeyStore::File).unwrap().device_id();
    assert!(older.join("device.key").exists());
    assert_eq!(open(&older, KeyStore::System).unwrap().device_id(), id);
    assert!(!older.join("device.key").exists(), "the file is gone once the store holds the key");
    assert!(older.join("device.key.store").exists());
    // A start cut short between the marker and the file's removal: the secret must not
    // stay on disk, so the next start removes a file that holds the stored key.
    std::fs::write(older.join("device.key"), entry_of(&older).secret().unwrap()).unwrap();
    assert_eq!(open(&older, KeyStore::System).unwrap().device_id(), id);
    assert!(!older.join("device.key").exists(), "a leftover copy of the stored key is removed");

    // The store's entry is gone or holds another key: the desk stops by name and makes
    // no new identity.
    entry_of(&older).keep(&[9u8; 32]).unwrap();
    match open(&older, KeyStore::System).map(|desk| desk.device_id()) {
        Err(CoreError::DeviceKeyUnreadable { path, reason }) => {
            assert!(path.ends_with("device.key.store"), "{path}");
            assert!(reason.contains("another key"), "{reason}");
        }
        other => panic!("expected the key refused, got {other:?}"),
    }
    entry_of(&fresh).forget().unwrap();
    assert!(matches!(open(&fresh, KeyStore::System), Err(CoreError::DeviceKeyUnreadable { .. })));
    let names: Vec<_> = std::fs::read_dir(&fresh).unwrap().flatten().map(|entry| entry.file_name()).collect();
    assert!(!names.iter().any(|name| name == "device.key"), "no new key was made: {names:?}");

    #[cfg(not(windows))]
    a_locked_store_stops_the_desk_at_once(scratch.path());
}

#[cfg(not(windows))]
fn a_locked_store_stops_the_desk_at_once(scratch: &std::path::Path) {
    // The store is locked and nobody can answer its unlock prompt (a session without a
    // desktop): the desk stops by name at once, and makes no new key.
    let locked = scratch.join("locked");
    open(&locked, KeyStore::System).unwrap();
    let lock = std::process::Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets"])
        .args(["org.freedesktop.Secret.Service.Lock", "array:objpath:/org/freedesktop/secrets/aliases/default"])
        .output()
        .unwrap();
    assert!(lock.status.success(), "{}", String::from_utf8_lossy(&lock.stderr));
    let started = std::time::Instant::now();
    assert!(matches!(open(&locked, KeyStore::System), Err(CoreError::DeviceKeyUnreadable { .. })));
    assert!(started.elapsed().as_secs() < 5, "a locked store must not stall the start: {:?}", started.elapsed());
    assert!(!locked.join("device.key").exists(), "no new key was made");
}
