//! The device key where no key store answers (a bare session: `scripts/test` runs this
//! with no D-Bus session bus): it is a private file, made at once, never a stall.
#![cfg(feature = "keyring-test")]

use std::sync::Arc;
use std::time::Instant;

use ikp_core::clock::SystemClock;
use ikp_core::key_store::KeyStore;
use ikp_core::Desk;

#[test]
fn without_a_key_store_the_key_is_a_private_file_made_at_once() {
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
    assert!(bus.contains("/nonexistent"), "run with no session bus (see scripts/test), not {bus:?}");
    let scratch = tempfile::tempdir().unwrap();
    let bare = scratch.path().join("bare");
    let open = || Desk::open_profile_keeping(&bare, None, Arc::new(SystemClock), KeyStore::System).unwrap();
    let started = Instant::now();
    let id = open().device_id();
    let took = started.elapsed();
    assert!(bare.join("device.key").exists() && !bare.join("device.key.store").exists());
    assert_eq!(open().device_id(), id, "the same identity again");
    eprintln!("opening without a key store took {took:?}");
    assert!(took.as_secs() < 5, "a missing store must not stall the start: {took:?}");
}
