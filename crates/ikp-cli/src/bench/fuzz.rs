//! `ikp bench fuzz-bundle`: a randomized mutation harness for the bundle reader on
//! stable Rust (the cargo-fuzz target in `fuzz/` needs nightly). Seeds are real
//! bundles; mutations flip, set, insert, delete and truncate bytes, and — so the
//! checksum does not stop every case at the door — half of them re-seal the file with a
//! valid checksum, or mutate the unpacked records or the header and re-pack them. Every
//! execution must return `Ok` or a typed error; a panic is a crash.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use ikp_core::clock::Hlc;
use ikp_core::event::SignedEvent;
use ikp_core::identity::DeviceKey;
use ikp_core::sync::bundle::{self, EvidenceFile, Header, RawEvent};
use ikp_core::CoreError;
use serde::Serialize;

#[derive(Serialize)]
pub struct FuzzReport {
    pub executions: u64,
    pub crashes: u64,
    pub accepted: u64,
    pub refused: u64,
    pub secs: f64,
    pub execs_per_sec: f64,
    /// Outcomes by error variant (or "ok"): proof the mutations reach past the checksum.
    pub outcomes: std::collections::BTreeMap<String, u64>,
}

impl fmt::Display for FuzzReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} executions in {:.1} s ({:.0}/s): {} crashes, {} read back, {} refused",
            self.executions, self.secs, self.execs_per_sec, self.crashes, self.accepted, self.refused
        )?;
        for (outcome, count) in &self.outcomes {
            writeln!(f, "  {outcome:<28} {count:>9}")?;
        }
        Ok(())
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn seeds() -> (Vec<RawEvent>, Vec<EvidenceFile>) {
    let key = DeviceKey::from_secret([5; 32]);
    let events = (1..=4u64)
        .map(|seq| {
            let payload = serde_json::json!({"code": "DP3A", "head_name": format!("Kepala {seq}"), "head_title": null, "head_nip": null});
            let event = SignedEvent::seal(&key, seq, Hlc { wall_ms: 1_700_000_000_000 + seq, counter: 0 }, "agency.profile_updated", 1, payload);
            RawEvent { id: event.id.0, author: event.author.0, seq, signature: event.signature, body: event.body.to_vec() }
        })
        .collect();
    (events, vec![EvidenceFile { sha256: [7; 32], bytes: b"foto kegiatan".to_vec() }])
}

fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    for _ in 0..1 + rng.below(4) {
        match rng.below(7) {
            0 | 1 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            2 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] = [0, 0xff, 0x7f, 0x80, 1][rng.below(5)];
            }
            3 => {
                let at = rng.below(bytes.len() + 1);
                let byte = rng.next() as u8;
                bytes.insert(at, byte);
            }
            4 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes.remove(at);
            }
            5 => {
                let at = rng.below(bytes.len() + 1);
                bytes.truncate(at);
            }
            _ if bytes.len() >= 4 => {
                // A little-endian length somewhere set to something large.
                let at = rng.below(bytes.len() - 3);
                let value = [u32::MAX, 1 << 31, 1 << 24, 65_537][rng.below(4)];
                bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
            }
            _ => {}
        }
    }
}

/// Recomputes the trailer so the mutation reaches the parser behind the checksum.
fn reseal(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() < 16 + 40 {
        return bytes.to_vec();
    }
    let content = &bytes[..bytes.len() - 40];
    let header_len = u32::from_le_bytes(content[12..16].try_into().unwrap()) as usize;
    let major = u16::from_le_bytes([content[8], content[9]]);
    if 16 + header_len + 8 > content.len() {
        return bytes.to_vec();
    }
    let header = &content[16..16 + header_len];
    bundle::frame(major, header, &content[16 + header_len + 8..])
}

pub fn run(executions: u64, seed: u64) -> Result<FuzzReport, CoreError> {
    if cfg!(panic = "abort") {
        // The first panic would end the run unseen (the hook below is silent).
        return Err(CoreError::Storage {
            message: "the fuzz bench counts panics, which needs unwinding: build with --profile fuzz".into(),
        });
    }
    let (events, evidence) = seeds();
    let good = bundle::write(Header::default(), &events, &evidence);
    let payload = bundle::encode_payload(&events, &evidence);
    let header = serde_json::to_vec(&bundle::read(&good)?.header).expect("headers serialize");
    let mut rng = Rng(seed);
    let mut report = FuzzReport {
        executions,
        crashes: 0,
        accepted: 0,
        refused: 0,
        secs: 0.0,
        execs_per_sec: 0.0,
        outcomes: Default::default(),
    };
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    for _ in 0..executions {
        let input = match rng.below(4) {
            0 => {
                let mut bytes = good.clone();
                mutate_bytes(&mut bytes, &mut rng);
                bytes
            }
            1 => {
                let mut bytes = good.clone();
                mutate_bytes(&mut bytes, &mut rng);
                reseal(&bytes)
            }
            2 => {
                let mut records = payload.clone();
                mutate_bytes(&mut records, &mut rng);
                let mut fields: serde_json::Value = serde_json::from_slice(&header).expect("seed header");
                if rng.below(2) == 0 {
                    fields["payload_bytes"] = records.len().into();
                }
                bundle::frame(1, &serde_json::to_vec(&fields).expect("json"), &bundle::pack(&records))
            }
            _ => {
                let mut head = header.clone();
                mutate_bytes(&mut head, &mut rng);
                bundle::frame(1, &head, &bundle::pack(&payload))
            }
        };
        match catch_unwind(AssertUnwindSafe(|| bundle::read(&input).map_err(CoreError::from))) {
            Err(_) => {
                report.crashes += 1;
                *report.outcomes.entry("PANIC".into()).or_default() += 1;
            }
            Ok(Ok(_)) => {
                report.accepted += 1;
                *report.outcomes.entry("ok".into()).or_default() += 1;
            }
            Ok(Err(err)) => {
                report.refused += 1;
                let name = match err {
                    CoreError::BundleUnreadable { problem, .. } => format!("{problem:?}"),
                    other => serde_json::to_value(&other)
                        .ok()
                        .and_then(|value| value.get("code").and_then(|code| code.as_str()).map(str::to_owned))
                        .unwrap_or_default(),
                };
                *report.outcomes.entry(name).or_default() += 1;
            }
        }
    }
    let _ = std::panic::take_hook();
    report.secs = started.elapsed().as_secs_f64();
    report.execs_per_sec = executions as f64 / report.secs;
    Ok(report)
}
