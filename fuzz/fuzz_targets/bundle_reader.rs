//! Any bytes at all given to the bundle reader: it must return a bundle or a typed
//! error, never panic, and never allocate beyond its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bundle) = ikp_core::sync::bundle::read(data) {
        // What was read must write back to a file that reads the same.
        let again = ikp_core::sync::bundle::write(bundle.header.clone(), &bundle.events, &bundle.evidence);
        let reread = ikp_core::sync::bundle::read(&again).expect("a written bundle reads back");
        assert_eq!(reread.events, bundle.events);
    }
});
