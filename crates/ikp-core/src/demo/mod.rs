//! The demo dataset (Kabupaten Bekasi, with fictional officials) and the synthetic-scale
//! generator used by benchmarks. Demo events are signed by a demo device of their own,
//! so loading them never depends on the role of the laptop's user.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
use crate::clock::Clock;
use crate::device::DeviceEnrolled;
use crate::error::{CoreError, Result};
use crate::identity::DeviceKey;
use crate::kinds::DomainEvent;
use crate::principal::Role;
use crate::record::record;
use crate::regency::RegencyProfile;
use crate::store::Store;

pub mod api;
pub mod budget;
pub mod complaints;
pub mod dialogue;
pub mod minutes;
#[cfg(feature = "generators")]
pub mod regency;
mod story;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub agencies: u32,
    pub events: u32,
}

/// The device that signs demo data: the same key on every laptop, so demo data loaded
/// on two laptops is attributed to the same author.
pub fn demo_device() -> DeviceKey {
    DeviceKey::from_secret(Sha256::digest(b"ikp-desk demo data device, v1").into())
}

/// A demo staff device of `agency`: the same key on every laptop, shared by the story
/// and the generated regency.
pub(crate) fn staff_device(agency: &str) -> DeviceKey {
    DeviceKey::from_secret(Sha256::digest(format!("ikp-desk demo staff of {agency}, v1")).into())
}

pub fn is_loaded(conn: &Connection) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM devices WHERE device_id = ?1", [demo_device().id().to_hex()], |row| row.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// Loads the demo regency, its agencies and the story's instructions in one transaction.
pub fn load(store: &mut Store, clock: &dyn Clock) -> Result<DemoSummary> {
    let key = demo_device();
    store.write(|tx| {
        if is_loaded(tx)? {
            return Err(CoreError::DemoAlreadyLoaded);
        }
        let events = dataset(&key);
        for event in &events {
            record(tx, &key, clock, event)?;
        }
        story::record_instructions(tx, &key, clock)?;
        dialogue::record_dialogue(tx, &key, clock)?;
        let agencies: Vec<String> = AGENCIES.iter().map(|(code, ..)| code.to_string()).collect();
        budget::record_budget(tx, &key, clock, &agencies)?;
        complaints::record_complaints(tx, &key, clock)?;
        minutes::record_minutes(tx, &key, clock)?;
        let logo = hex::encode(Sha256::digest(minutes::DEMO_LOGO));
        minutes::record_logo(tx, &key, clock, logo)?;
        let agencies = events.iter().filter(|event| matches!(event, DomainEvent::AgencyRegistered(_))).count();
        Ok(DemoSummary { agencies: agencies as u32, events: crate::log::count(tx)? })
    })
}

/// Appends `count` synthetic events (agency head changes signed by the demo device) in
/// transactions of `batch` events. Needs the demo data loaded first.
#[cfg(feature = "generators")]
pub fn generate(store: &mut Store, clock: &dyn Clock, count: u64, batch: u64) -> Result<()> {
    let key = demo_device();
    let codes: Vec<String> = dataset(&key)
        .into_iter()
        .filter_map(|event| match event {
            DomainEvent::AgencyRegistered(agency) => Some(agency.code),
            _ => None,
        })
        .collect();
    let mut made = 0;
    while made < count {
        let this_batch = batch.min(count - made);
        store.write(|tx| {
            for offset in 0..this_batch {
                let number = made + offset;
                let code = &codes[(number as usize) % codes.len()];
                let event = DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
                    code: code.clone(),
                    head_name: Some(format!("Pejabat Sintetis {number}")),
                    head_title: Some("Kepala".into()),
                    head_nip: Some(format!("19800101 200501 1 {:03}", number % 1000)),
                });
                record(tx, &key, clock, &event)?;
            }
            Ok(())
        })?;
        made += this_batch;
    }
    Ok(())
}

/// Signs `count` events as `key` itself (a leadership device): the regency's agencies
/// if it lacks them, then agency head changes, in transactions of `batch`. The sync
/// benchmark and crash test use it: unlike demo data, these events are exportable.
#[cfg(feature = "generators")]
pub fn generate_as(store: &mut Store, key: &DeviceKey, clock: &dyn Clock, count: u64, batch: u64) -> Result<()> {
    store.write(|tx| {
        for (code, name, short_name, kind) in AGENCIES {
            if !crate::agency::exists(tx, code)? {
                let event = DomainEvent::AgencyRegistered(AgencyRegistered {
                    code: (*code).into(),
                    name: (*name).into(),
                    short_name: (*short_name).into(),
                    kind: *kind,
                });
                record(tx, key, clock, &event)?;
            }
        }
        Ok(())
    })?;
    let mut made = 0;
    while made < count {
        let this_batch = batch.min(count - made);
        store.write(|tx| {
            for offset in 0..this_batch {
                let number = made + offset;
                let (code, ..) = AGENCIES[(number as usize) % AGENCIES.len()];
                let event = DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
                    code: code.into(),
                    head_name: Some(format!("Pejabat {number}")),
                    head_title: Some("Kepala".into()),
                    head_nip: Some(format!("19800101 200501 1 {:03}", number % 1000)),
                });
                record(tx, key, clock, &event)?;
            }
            Ok(())
        })?;
        made += this_batch;
    }
    Ok(())
}

fn dataset(key: &DeviceKey) -> Vec<DomainEvent> {
    let mut events = vec![
        DomainEvent::DeviceEnrolled(DeviceEnrolled {
            device: key.id().to_hex(),
            role: Role::Regent,
            agency_code: None,
            user_name: "Data contoh".into(),
        }),
        DomainEvent::RegencyProfileSet(RegencyProfile {
            name: "Pemerintah Kabupaten Bekasi".into(),
            address: "Kompleks Perkantoran Pemerintah Kabupaten Bekasi, Desa Sukamahi, Kecamatan Cikarang Pusat, \
                      Kabupaten Bekasi, Jawa Barat 17530"
                .into(),
            // Officials in the demo are fictional.
            regent_name: "H. Ahmad Suryana, S.H., M.Si.".into(),
            regent_title: "Pj. Bupati Bekasi".into(),
            secretary_name: "Dr. Hj. Rina Marlina, M.Si.".into(),
        }),
    ];
    for (code, name, short_name, kind) in AGENCIES {
        events.push(DomainEvent::AgencyRegistered(AgencyRegistered {
            code: (*code).into(),
            name: (*name).into(),
            short_name: (*short_name).into(),
            kind: *kind,
        }));
    }
    for kecamatan in KECAMATAN {
        events.push(DomainEvent::AgencyRegistered(AgencyRegistered {
            code: kecamatan_code(kecamatan),
            name: format!("Kecamatan {kecamatan}"),
            short_name: format!("Kec. {kecamatan}"),
            kind: AgencyKind::Kecamatan,
        }));
    }
    for (code, head_name, head_title) in HEADS {
        events.push(DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
            code: (*code).into(),
            head_name: Some((*head_name).into()),
            head_title: Some((*head_title).into()),
            head_nip: None,
        }));
    }
    events
}

/// The demo regency's dinas, badan and sekretariat (without kecamatan), as the root
/// registers them: master data for generated regencies (the sync-at-scale benchmark).
pub fn agency_master() -> Vec<AgencyRegistered> {
    AGENCIES
        .iter()
        .map(|(code, name, short_name, kind)| AgencyRegistered {
            code: (*code).into(),
            name: (*name).into(),
            short_name: (*short_name).into(),
            kind: *kind,
        })
        .collect()
}

pub fn kecamatan_code(name: &str) -> String {
    format!("KEC-{}", name.to_uppercase().replace(' ', "-"))
}

const AGENCIES: &[(&str, &str, &str, AgencyKind)] = &[
    ("SETDA", "Sekretariat Daerah", "Setda", AgencyKind::Sekretariat),
    ("SETWAN", "Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan", AgencyKind::Sekretariat),
    ("DISDIK", "Dinas Pendidikan", "Disdik", AgencyKind::Dinas),
    ("DINKES", "Dinas Kesehatan", "Dinkes", AgencyKind::Dinas),
    ("SDABMBK", "Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi", "Dinas SDABMBK", AgencyKind::Dinas),
    ("DCKTR", "Dinas Cipta Karya dan Tata Ruang", "DCKTR", AgencyKind::Dinas),
    ("DISPERKIMTAN", "Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan", "Disperkimtan", AgencyKind::Dinas),
    ("DINSOS", "Dinas Sosial", "Dinsos", AgencyKind::Dinas),
    ("DISNAKER", "Dinas Tenaga Kerja", "Disnaker", AgencyKind::Dinas),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", AgencyKind::Dinas),
    ("DKP", "Dinas Ketahanan Pangan", "DKP", AgencyKind::Dinas),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", AgencyKind::Dinas),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", AgencyKind::Dinas),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", AgencyKind::Dinas),
    ("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", AgencyKind::Dinas),
    ("DISHUB", "Dinas Perhubungan", "Dishub", AgencyKind::Dinas),
    (
        "DISKOMINFOSANTIK",
        "Dinas Komunikasi, Informatika, Persandian dan Statistik",
        "Diskominfosantik",
        AgencyKind::Dinas,
    ),
    ("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "Diskop UKM", AgencyKind::Dinas),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", AgencyKind::Dinas),
    ("DISPORA", "Dinas Pemuda dan Olahraga", "Dispora", AgencyKind::Dinas),
    ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata", "Disbudpar", AgencyKind::Dinas),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "Dispusip", AgencyKind::Dinas),
    ("DISPERIKAN", "Dinas Perikanan dan Kelautan", "Diskanla", AgencyKind::Dinas),
    ("DISTAN", "Dinas Pertanian", "Distan", AgencyKind::Dinas),
    ("DISDAG", "Dinas Perdagangan", "Disdag", AgencyKind::Dinas),
    ("DISPERIN", "Dinas Perindustrian", "Disperin", AgencyKind::Dinas),
    ("DAMKAR", "Dinas Pemadam Kebakaran", "Damkar", AgencyKind::Dinas),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", AgencyKind::Badan),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", AgencyKind::Badan),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", AgencyKind::Badan),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", AgencyKind::Badan),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", AgencyKind::Badan),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", AgencyKind::Badan),
    ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat", AgencyKind::Lainnya),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", AgencyKind::Lainnya),
];

/// The 23 kecamatan of Kabupaten Bekasi.
pub const KECAMATAN: [&str; 23] = [
    "Setu",
    "Serang Baru",
    "Cikarang Pusat",
    "Cikarang Selatan",
    "Cibarusah",
    "Bojongmangu",
    "Cikarang Timur",
    "Kedungwaringin",
    "Cikarang Utara",
    "Karangbahagia",
    "Cibitung",
    "Cikarang Barat",
    "Tambun Selatan",
    "Tambun Utara",
    "Babelan",
    "Tarumajaya",
    "Muaragembong",
    "Tambelang",
    "Pebayuran",
    "Cabangbungin",
    "Sukakarya",
    "Sukawangi",
    "Sukatani",
];

/// Fictional heads for the agencies the demo story involves.
const HEADS: &[(&str, &str, &str)] = &[
    ("DP3A", "Dra. Siti Nurhayati, M.Si.", "Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("BPBD", "Ir. Bambang Hermawan, M.T.", "Kepala Pelaksana BPBD"),
    ("SDABMBK", "Ir. Dadang Supriatna, M.T.", "Kepala Dinas SDABMBK"),
    ("BPKAD", "Hendra Gunawan, S.E., M.Ak.", "Kepala BPKAD"),
    ("KEC-CIKARANG-PUSAT", "Asep Saepudin, S.IP., M.Si.", "Camat Cikarang Pusat"),
];
