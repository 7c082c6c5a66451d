//! The demo's SP4N-LAPOR! complaints: a few hundred over the last six months, spread
//! over the 23 kecamatan, in every status — some waiting for verification, most with a
//! dinas or a camat, some followed up, many closed with proof, a few on hold, out of
//! scope, archived or re-disposed, and some overdue. Deterministic: the same complaints
//! on every laptop, signed by the demo device (the Secretary's office's work) and by
//! demo staff devices of the agencies that follow up. Also the benchmark's ten years.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use super::{kecamatan_code, staff_device, KECAMATAN};
use crate::clock::{Clock, Hlc};
use crate::complaint::lifecycle::ComplaintAction;
use crate::complaint::ops::{self, ComplaintFollowUpInput, CompleteInput, DisposeInput, StatusInput};
use crate::complaint::payload::{Classification, ComplaintRow, ComplaintsRecorded, Proof, ProofKind};
use crate::device::DeviceEnrolled;
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::kinds::DomainEvent;
use crate::principal::Role;
use crate::record::record;
use crate::use_case::Author;
use crate::use_case::EvidenceRef;

/// Complaints per kecamatan in the demo.
const PER_KECAMATAN: usize = 13;

/// (category, the dinas that handles it, what a complaint of it says)
const TOPICS: [(&str, &str, &str); 10] = [
    ("Jalan rusak", "SDABMBK", "Jalan desa berlubang dan membahayakan pengendara motor"),
    ("Banjir dan drainase", "SDABMBK", "Saluran air tersumbat, permukiman tergenang setiap hujan"),
    ("Sampah", "DLH", "Tumpukan sampah liar di pinggir jalan belum diangkut"),
    ("Penerangan jalan umum", "DISHUB", "Lampu PJU mati sepanjang jalan utama desa"),
    ("Administrasi kependudukan", "DISDUKCAPIL", "KTP elektronik belum jadi setelah tiga bulan"),
    ("Bantuan sosial", "DINSOS", "Warga kurang mampu belum terdata sebagai penerima bansos"),
    ("Pelayanan kesehatan", "DINKES", "Antrean puskesmas terlalu lama, dokter sering tidak ada"),
    ("Pendidikan", "DISDIK", "Pungutan di sekolah negeri saat pendaftaran murid baru"),
    ("Perizinan", "DPMPTSP", "Izin usaha mikro tidak kunjung terbit di sistem OSS"),
    ("Ketertiban umum", "SATPOLPP", "Pedagang kaki lima menutup trotoar dan akses sekolah"),
];

const CHANNELS: [&str; 5] = ["Website LAPOR!", "Aplikasi LAPOR!", "SMS 1708", "Twitter @lapor1708", "Datang langsung"];
const DESA: [&str; 6] = ["Sukamaju", "Sukaresmi", "Mekarsari", "Karangsari", "Jayamukti", "Sindangsari"];

/// A small deterministic spread: the same "random" choices on every laptop.
fn pick(seed: usize, salt: usize, range: usize) -> usize {
    let mixed =
        (seed as u64).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(salt as u64 * 1_442_695_040_888_963_407);
    ((mixed >> 33) % range as u64) as usize
}

pub fn demo_tracking_id(year: i32, number: usize) -> String {
    format!("LAPOR-{year}-{:06}", 410_000 + number)
}

/// A staff device of `agency`, enrolled the first time it is needed.
fn staff(tx: &Connection, clock: &dyn Clock, agency: &str) -> Result<DeviceKey> {
    let key = staff_device(agency);
    let known: Option<i64> =
        tx.query_row("SELECT 1 FROM devices WHERE device_id = ?1", [key.id().to_hex()], |row| row.get(0)).optional()?;
    if known.is_none() {
        let event = DomainEvent::DeviceEnrolled(DeviceEnrolled {
            device: key.id().to_hex(),
            role: Role::AgencyStaff,
            agency_code: Some(agency.into()),
            user_name: format!("Staf {agency} (contoh)"),
        });
        record(tx, &key, clock, &event)?;
    }
    Ok(key)
}

fn proof(number: usize) -> Vec<Proof> {
    let kind = [ProofKind::Photo, ProofKind::Letter, ProofKind::Video][number % 3];
    let file_name = match kind {
        ProofKind::Photo => format!("foto-selesai-{number}.jpg"),
        ProofKind::Letter => format!("surat-jawaban-{number}.pdf"),
        ProofKind::Video => format!("video-penanganan-{number}.mp4"),
    };
    let sha256 = hex::encode(sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), &file_name)));
    vec![Proof { kind, evidence: EvidenceRef { sha256, file_name, size_bytes: 480_000 } }]
}

pub(super) fn record_complaints(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock) -> Result<u32> {
    let today = Hlc::today_wib(clock.now_ms());
    let total = KECAMATAN.len() * PER_KECAMATAN;
    // Received oldest first, over the last 180 days.
    let mut plans: Vec<(usize, NaiveDate)> =
        (0..total).map(|n| (n, today - Duration::days(((n * 37) % 180) as i64))).collect();
    plans.sort_by_key(|(n, day)| (*day, *n));
    let rows: Vec<ComplaintRow> = plans
        .iter()
        .map(|&(n, received_on)| {
            let (category, _, summary) = TOPICS[pick(n, 1, TOPICS.len())];
            let kecamatan = KECAMATAN[n % KECAMATAN.len()];
            ComplaintRow {
                tracking_id: demo_tracking_id(received_on.year(), n),
                received_on,
                channel: CHANNELS[pick(n, 2, CHANNELS.len())].into(),
                classification: match n % 10 {
                    7 | 8 => Classification::Aspirasi,
                    9 => Classification::PermintaanInformasi,
                    _ => Classification::Pengaduan,
                },
                category: category.into(),
                summary: format!("{summary} (Desa {}, Kecamatan {kecamatan})", DESA[pick(n, 3, DESA.len())]),
                kecamatan_code: Some(kecamatan_code(kecamatan)),
                desa: DESA[pick(n, 3, DESA.len())].into(),
                field_check: category == "Jalan rusak" || category == "Banjir dan drainase",
                status: None,
                agency_code: None,
                disposed_on: None,
                followed_up_on: None,
                completed_on: None,
            }
        })
        .collect();
    let as_secretariat = |day| Author { key: regent, clock, today: day };
    let event = DomainEvent::ComplaintsRecorded(ComplaintsRecorded { source: None, complaints: rows.clone() });
    record(tx, regent, clock, &event)?;
    for (row, &(n, received_on)) in rows.iter().zip(&plans) {
        let (_, dinas, _) = TOPICS[pick(n, 1, TOPICS.len())];
        // A third go to the camat, the rest to the dinas of the topic.
        let handler = if n % 3 == 0 { kecamatan_code(KECAMATAN[n % KECAMATAN.len()]) } else { dinas.to_owned() };
        // Most older complaints have been dealt with; a few linger and are overdue.
        let age = (today - received_on).num_days();
        let bucket = match n % 20 {
            0..=8 | 19 if age > 45 && n % 5 != 0 => 9 + n % 7,
            bucket => bucket,
        };
        let step = |days: usize| (received_on + Duration::days(days as i64)).min(today);
        if bucket < 2 {
            // Still unverified (the older ones overdue for verification).
            continue;
        }
        if bucket == 17 {
            let input = StatusInput {
                tracking_id: row.tracking_id.clone(),
                action: ComplaintAction::DeclareOutOfScope,
                reason: "Kewenangan pemerintah provinsi (jalan provinsi)".into(),
            };
            ops::change_status(tx, &as_secretariat(step(2)), input)?;
            continue;
        }
        let disposed_on = step(1 + pick(n, 4, 4));
        let dispose = DisposeInput {
            tracking_id: row.tracking_id.clone(),
            agency_code: handler.clone(),
            reason: String::new(),
            field_check: None,
        };
        ops::dispose(tx, &as_secretariat(disposed_on), dispose)?;
        let mut handler = handler;
        if bucket == 19 {
            let next = if handler.starts_with("KEC-") { dinas.to_owned() } else { kecamatan_code(KECAMATAN[n % 23]) };
            let redispose = DisposeInput {
                tracking_id: row.tracking_id.clone(),
                agency_code: next.clone(),
                reason: format!("Bukan tugas {handler}: dialihkan ke {next}"),
                field_check: None,
            };
            ops::dispose(tx, &as_secretariat((disposed_on + Duration::days(2)).min(today)), redispose)?;
            handler = next;
        }
        if bucket <= 4 {
            continue;
        }
        let key = staff(tx, clock, &handler)?;
        let followed_on = (disposed_on + Duration::days(1 + pick(n, 5, 7) as i64)).min(today);
        let as_staff = |day| Author { key: &key, clock, today: day };
        let follow_up = ComplaintFollowUpInput {
            tracking_id: row.tracking_id.clone(),
            followed_on: Some(followed_on.to_string()),
            action_taken: "Laporan diterima, petugas meninjau lokasi dan berkoordinasi dengan kepala desa".into(),
            evidence: vec![],
        };
        ops::follow_up(tx, &as_staff(followed_on), follow_up)?;
        match bucket {
            16 => {
                let hold = StatusInput {
                    tracking_id: row.tracking_id.clone(),
                    action: ComplaintAction::Hold,
                    reason: "Menunggu anggaran perubahan".into(),
                };
                ops::change_status(tx, &as_staff(followed_on), hold)?;
            }
            9..=15 | 18 => {
                let completed_on = (followed_on + Duration::days(1 + pick(n, 6, 10) as i64)).min(today);
                let complete = CompleteInput {
                    tracking_id: row.tracking_id.clone(),
                    completed_on: Some(completed_on.to_string()),
                    outcome: "Sudah ditangani; warga pelapor telah dihubungi".into(),
                    proof: proof(n),
                };
                ops::complete(tx, &as_staff(completed_on), complete)?;
                if bucket == 18 {
                    let archive = StatusInput {
                        tracking_id: row.tracking_id.clone(),
                        action: ComplaintAction::Archive,
                        reason: String::new(),
                    };
                    ops::change_status(tx, &as_secretariat(completed_on), archive)?;
                }
            }
            _ => {}
        }
    }
    Ok(total as u32)
}

/// The complaint benchmark's history: `count` complaints received over the `years`
/// years before today, spread over every agency and kecamatan, imported as LAPOR!
/// exports of 10,000 rows (one signed event each) with the stage LAPOR! shows: the old
/// ones mostly closed, the recent ones open, a few overdue. Needs the demo loaded.
#[cfg(feature = "generators")]
pub fn generate_history(store: &mut crate::store::Store, clock: &dyn Clock, years: i32, count: u64) -> Result<()> {
    use crate::complaint::lifecycle::ComplaintStatus;

    let regent = super::demo_device();
    let today = Hlc::today_wib(clock.now_ms());
    let codes: Vec<String> =
        store.write(|tx| Ok(crate::agency::list(tx)?.into_iter().map(|agency| agency.code).collect::<Vec<_>>()))?;
    let kecamatan: Vec<String> = KECAMATAN.iter().map(|name| kecamatan_code(name)).collect();
    let span_days = (i64::from(years) * 365).max(1);
    const BATCH: u64 = 10_000;
    let mut first = 0;
    while first < count {
        let last = (first + BATCH).min(count);
        store.write(|tx| {
            let rows = (first..last)
                .map(|number| {
                    let n = number as usize;
                    // Oldest first: number 0 is `years` ago, the last one today.
                    let days_ago = span_days - (number as i64 * span_days / count.max(1) as i64);
                    let received_on = today - Duration::days(days_ago);
                    let agency = codes[pick(n, 7, codes.len())].clone();
                    let age = (today - received_on).num_days();
                    let roll = pick(n, 8, 100);
                    let status = match (age, roll) {
                        (0..=3, _) => ComplaintStatus::Unverified,
                        (4..=30, 0..=39) => ComplaintStatus::Disposed,
                        (4..=30, 40..=69) => ComplaintStatus::InProgress,
                        (_, 0) => ComplaintStatus::InProgress,
                        (_, 1) => ComplaintStatus::OutOfScope,
                        (_, 2) => ComplaintStatus::Archived,
                        _ => ComplaintStatus::Completed,
                    };
                    let disposed = !matches!(status, ComplaintStatus::Unverified | ComplaintStatus::OutOfScope);
                    let disposed_on =
                        disposed.then(|| (received_on + Duration::days(1 + (roll % 3) as i64)).min(today));
                    let followed_up_on = match status {
                        ComplaintStatus::InProgress | ComplaintStatus::Completed | ComplaintStatus::Archived => {
                            disposed_on.map(|day| (day + Duration::days(1 + (roll % 6) as i64)).min(today))
                        }
                        _ => None,
                    };
                    let completed_on = (status == ComplaintStatus::Completed)
                        .then(|| followed_up_on.map(|day| (day + Duration::days((roll % 9) as i64)).min(today)))
                        .flatten();
                    let (category, _, summary) = TOPICS[pick(n, 1, TOPICS.len())];
                    ComplaintRow {
                        tracking_id: format!("BENCH-{number:09}"),
                        received_on,
                        channel: CHANNELS[pick(n, 2, CHANNELS.len())].into(),
                        classification: Classification::ALL[pick(n, 9, 3)],
                        category: category.into(),
                        summary: summary.into(),
                        kecamatan_code: Some(kecamatan[pick(n, 10, kecamatan.len())].clone()),
                        desa: DESA[pick(n, 3, DESA.len())].into(),
                        field_check: roll.is_multiple_of(7),
                        status: Some(status),
                        agency_code: disposed.then_some(agency),
                        disposed_on,
                        followed_up_on,
                        completed_on,
                    }
                })
                .collect();
            let event = DomainEvent::ComplaintsRecorded(ComplaintsRecorded { source: None, complaints: rows });
            record(tx, &regent, clock, &event)?;
            Ok(())
        })?;
        first = last;
    }
    Ok(())
}
