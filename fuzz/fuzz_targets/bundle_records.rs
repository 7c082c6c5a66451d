//! The bundle reader behind its checksum: the input becomes the unpacked record stream
//! (and, by its first byte, a header) of a correctly sealed file, so libFuzzer explores
//! the record parser and the limits rather than SHA-256.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ikp_core::sync::bundle;

fuzz_target!(|data: &[u8]| {
    let (selector, records) = data.split_first().unwrap_or((&0, &[]));
    let declared = match selector % 4 {
        0 => records.len() as u64,
        1 => records.len() as u64 + 1,
        2 => (records.len() as u64).saturating_sub(1),
        _ => u64::from(*selector) << 20,
    };
    let events = u32::from(selector / 4 % 8);
    let header = format!(r#"{{"payload_bytes":{declared},"events":{events},"evidence":0}}"#);
    let file = bundle::frame(1, header.as_bytes(), &bundle::pack(records));
    let _ = bundle::read(&file);
});
