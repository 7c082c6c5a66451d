//! The regency of `ikp bench sync-regency`: the Regent's root laptop, the agencies' and
//! camats' laptops it enrols, and a month of each one's work, all made through the same
//! `Desk` use cases the app calls (so every event is signed, authorized and projected as
//! in real use).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ikp_core::agency::{AgencyKind, AgencyRegistered};
use ikp_core::clock::Clock;
use ikp_core::complaint::ops::{ComplaintFollowUpInput, ComplaintInput, DisposeInput};
use ikp_core::complaint::payload::Classification;
use ikp_core::demo::{kecamatan_code, KECAMATAN};
use ikp_core::identity::DeviceKey;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::Direction;
use ikp_core::kinds::DomainEvent;
use ikp_core::negotiation::ops::NegotiationInput;
use ikp_core::negotiation::Movement;
use ikp_core::principal::Role;
use ikp_core::settings::DEFAULT_CATEGORIES;
use ikp_core::{CoreError, Desk, SetupInput};

/// The month simulated: November 2026, every laptop's clock inside it.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).expect("a date")
}

pub const DAYS: i64 = 28;

/// A laptop's clock that the simulation moves from day to day; each read advances a
/// millisecond so two events never share a stamp by accident.
pub struct MonthClock(AtomicU64);

impl MonthClock {
    pub fn new() -> Arc<MonthClock> {
        let clock = Arc::new(MonthClock(AtomicU64::new(0)));
        clock.set_day(first_day(), 0);
        clock
    }

    /// 08:00 WIB on `day`, plus `minutes`.
    pub fn set_day(&self, day: NaiveDate, minutes: u64) {
        let start = Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("a time"));
        let ms = start.timestamp_millis() as u64 + minutes * 60_000;
        self.0.fetch_max(ms, Ordering::Relaxed);
    }
}

impl Clock for MonthClock {
    fn now_ms(&self) -> u64 {
        self.0.fetch_add(1, Ordering::Relaxed)
    }
}

/// xorshift: the same regency and the same schedule on every run.
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for index in (1..items.len()).rev() {
            items.swap(index, self.below(index as u64 + 1) as usize);
        }
    }
}

/// What a laptop works on during the month: its indicators and the complaints
/// disposed to it.
#[derive(Default)]
pub struct Work {
    pub instructions: Vec<String>,
    /// Indicator id, baseline, target, deadline.
    pub indicators: Vec<(String, i64, i64, String)>,
    pub complaints: Vec<String>,
}

pub struct Laptop {
    pub desk: Desk,
    pub clock: Arc<MonthClock>,
    pub agency: String,
    pub kecamatan: bool,
    pub work: Work,
}

/// Setda bagian, hospitals and UPTD: the agencies beyond the demo's dinas and badan that
/// a regency's 60 perangkat daerah include.
const MORE_AGENCIES: &[(&str, &str)] = &[
    ("BRIDA", "Badan Riset dan Inovasi Daerah"),
    ("RSUD", "Rumah Sakit Umum Daerah"),
    ("RSUD-CBB", "RSUD Cabangbungin"),
    ("BAG-PEM", "Bagian Pemerintahan"),
    ("BAG-HUKUM", "Bagian Hukum"),
    ("BAG-ORG", "Bagian Organisasi"),
    ("BAG-KESRA", "Bagian Kesejahteraan Rakyat"),
    ("BAG-EKON", "Bagian Perekonomian dan Sumber Daya Alam"),
    ("BAG-ADPEM", "Bagian Administrasi Pembangunan"),
    ("BAG-PBJ", "Bagian Pengadaan Barang dan Jasa"),
    ("BAG-UMUM", "Bagian Umum"),
    ("BAG-PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan"),
    ("BAG-RENKEU", "Bagian Perencanaan dan Keuangan"),
];

/// The regency's agencies (`agencies` of them) and kecamatan (`kecamatan`), as the
/// root registers them: the demo's master data first, then Setda bagian and UPTD.
pub fn master_data(agencies: usize, kecamatan: usize) -> Vec<AgencyRegistered> {
    let mut list: Vec<AgencyRegistered> = ikp_core::demo::agency_master().into_iter().take(agencies).collect();
    for (code, name) in MORE_AGENCIES.iter().copied().chain(std::iter::repeat(("", ""))) {
        if list.len() >= agencies {
            break;
        }
        let (code, name) = if code.is_empty() {
            let number = list.len();
            (format!("UPTD-{number:02}"), format!("UPTD Puskesmas {number:02}"))
        } else {
            (code.to_owned(), name.to_owned())
        };
        list.push(AgencyRegistered { short_name: code.clone(), code, name, kind: AgencyKind::Lainnya });
    }
    for name in KECAMATAN.iter().take(kecamatan) {
        list.push(AgencyRegistered {
            code: kecamatan_code(name),
            name: format!("Kecamatan {name}"),
            short_name: format!("Kec. {name}"),
            kind: AgencyKind::Kecamatan,
        });
    }
    list
}

/// The Regent's laptop: the trust root, the regency's agencies registered.
pub fn root(dir: &Path, agencies: &[AgencyRegistered]) -> Result<(Desk, Arc<MonthClock>), CoreError> {
    let clock = MonthClock::new();
    let mut desk = Desk::open_as(dir, DeviceKey::from_secret([1; 32]), clock.clone())?;
    desk.setup_device(SetupInput { role: Role::Regent, agency_code: None, user_name: "Bupati".into() })?;
    for agency in agencies {
        desk.record(DomainEvent::AgencyRegistered(agency.clone()))?;
    }
    Ok((desk, clock))
}

/// A laptop of `agency`'s staff (or its camat's office), set up and enrolled by the root.
pub fn enrol(root: &mut Desk, dir: &Path, number: usize, agency: &AgencyRegistered) -> Result<Laptop, CoreError> {
    let clock = MonthClock::new();
    let mut secret = [7u8; 32];
    secret[..8].copy_from_slice(&(number as u64 + 1).to_le_bytes());
    let mut desk = Desk::open_as(dir, DeviceKey::from_secret(secret), clock.clone())?;
    let kecamatan = agency.kind == AgencyKind::Kecamatan;
    let user_name = if kecamatan { format!("Operator {}", agency.short_name) } else { format!("Staf {}", agency.code) };
    desk.setup_device(SetupInput { role: Role::AgencyStaff, agency_code: Some(agency.code.clone()), user_name })?;
    root.sync().approve_enrolment(&desk.sync().enrolment_request()?, None)?;
    Ok(Laptop { desk, clock, agency: agency.code.clone(), kecamatan, work: Work::default() })
}

/// The root's first days of the month: instructions to every agency (one to each
/// kecamatan) and the month's LAPOR! complaints disposed to agencies and camats.
pub fn assign_work(
    root: &mut Desk,
    clock: &MonthClock,
    laptops: &mut [Laptop],
    dice: &mut Dice,
) -> Result<(), CoreError> {
    let kecamatan: Vec<String> = laptops.iter().filter(|l| l.kecamatan).map(|l| l.agency.clone()).collect();
    let mut complaint_number = 0;
    for (index, laptop) in laptops.iter_mut().enumerate() {
        let issued_on = first_day() + Duration::days(index as i64 % 3);
        clock.set_day(issued_on, index as u64 * 3);
        let instructions = if laptop.kecamatan { 1 } else { 3 };
        for number in 0..instructions {
            let (category, label) = DEFAULT_CATEGORIES[dice.below(DEFAULT_CATEGORIES.len() as u64) as usize];
            let indicators = (0..if laptop.kecamatan { 2 } else { 3 })
                .map(|n| IndicatorInput {
                    agency_code: laptop.agency.clone(),
                    name: format!("Capaian {} ke-{} ({label})", laptop.agency, n + 1),
                    unit: "kegiatan".into(),
                    baseline: "0".into(),
                    target: (20 + dice.below(40)).to_string(),
                    direction: Direction::HigherIsBetter,
                    deadline: None,
                    source: None,
                })
                .collect();
            let detail = root.instructions().issue(IssueInput {
                title: format!("{label}: tindak lanjut rapim untuk {} ({})", laptop.agency, number + 1),
                category: category.into(),
                background: format!("Hasil rapat pimpinan awal bulan tentang {label} di wilayah kerja {}.", laptop.agency),
                text: format!(
                    "Laksanakan langkah penanganan {label} dan laporkan capaian mingguan kepada Bupati melalui IKP Desk."
                ),
                lead_agency: laptop.agency.clone(),
                supporting_agencies: vec![],
                indicators,
                deadline: None,
                draft_only: false,
            })?;
            laptop.work.instructions.push(detail.summary.id.clone());
            for indicator in &detail.indicators {
                laptop.work.indicators.push((
                    indicator.id.clone(),
                    indicator.baseline.ten_thousandths() / 10_000,
                    indicator.target.ten_thousandths() / 10_000,
                    indicator.deadline.clone(),
                ));
            }
        }
        let complaints = if laptop.kecamatan { 6 } else { 1 + dice.below(2) };
        for _ in 0..complaints {
            complaint_number += 1;
            let tracking_id = format!("LAPOR-2026-{complaint_number:06}");
            let place = if laptop.kecamatan {
                laptop.agency.clone()
            } else {
                kecamatan[dice.below(kecamatan.len() as u64) as usize].clone()
            };
            root.complaints().record(ComplaintInput {
                tracking_id: tracking_id.clone(),
                received_on: Some(issued_on.to_string()),
                channel: "SP4N-LAPOR!".into(),
                classification: Classification::Pengaduan,
                category: "Infrastruktur".into(),
                summary: format!("Jalan desa rusak dan drainase tersumbat dekat balai desa ({complaint_number})"),
                kecamatan_code: Some(place),
                desa: format!("Desa {}", 1 + dice.below(12)),
                field_check: false,
            })?;
            root.complaints().dispose(DisposeInput {
                tracking_id: tracking_id.clone(),
                agency_code: laptop.agency.clone(),
                reason: String::new(),
                field_check: None,
            })?;
            laptop.work.complaints.push(tracking_id);
        }
    }
    Ok(())
}

/// One laptop's month: weekly progress on each indicator, weekly notes on each
/// instruction, a deadline request when a target looks out of reach, and follow-ups
/// on each complaint disposed to it. Returns the number of events made.
pub fn live_the_month(laptop: &mut Laptop, dice: &mut Dice) -> Result<u32, CoreError> {
    let before = laptop.desk.status()?.event_count;
    let start = first_day() + Duration::days(3);
    for week in 0..4i64 {
        for (number, (indicator, baseline, target, _)) in laptop.work.indicators.clone().into_iter().enumerate() {
            let day = start + Duration::days(week * 7 + (number as i64 % 5));
            laptop.clock.set_day(day, 60 + dice.below(400));
            let value = baseline + (target - baseline) * (week + 1) / 5 + dice.below(3) as i64;
            laptop.desk.instructions().report_progress(ProgressInput {
                indicator_id: indicator,
                value: value.to_string(),
                reported_on: None,
                note: format!("Capaian minggu ke-{} sesuai laporan lapangan", week + 1),
                evidence: vec![],
            })?;
        }
        for (number, instruction) in laptop.work.instructions.clone().into_iter().enumerate() {
            let day = start + Duration::days(week * 7 + 4 - (number as i64 % 2));
            laptop.clock.set_day(day, 420 + dice.below(60));
            laptop.desk.instructions().add_note(
                &instruction,
                &format!(
                    "Rapat koordinasi minggu ke-{} dengan bidang terkait; kendala anggaran dan personel dicatat.",
                    week + 1
                ),
            )?;
        }
        for (number, complaint) in laptop.work.complaints.clone().into_iter().enumerate() {
            if (week + number as i64) % 2 == 1 {
                continue;
            }
            let day = start + Duration::days(week * 7 + 1 + (number as i64 % 3));
            laptop.clock.set_day(day, 120 + dice.below(300));
            laptop.desk.complaints().follow_up(ComplaintFollowUpInput {
                tracking_id: complaint,
                followed_on: None,
                action_taken: format!(
                    "Petugas meninjau lokasi bersama kepala desa (minggu ke-{}); perbaikan dijadwalkan.",
                    week + 1
                ),
                evidence: vec![],
            })?;
        }
        if week == 2 {
            if let Some((indicator, _, _, deadline)) = laptop.work.indicators.first().cloned() {
                let deadline = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d").expect("deadlines are dates");
                laptop.desk.negotiations().request(NegotiationInput {
                    indicator_id: indicator,
                    movement: Movement::Lower,
                    proposed_target: None,
                    proposed_deadline: Some((deadline + Duration::days(14)).to_string()),
                    justification: "Pengadaan bahan terlambat dua minggu; mohon perpanjangan batas waktu.".into(),
                    evidence: vec![],
                })?;
            }
        }
    }
    Ok(laptop.desk.status()?.event_count - before)
}
