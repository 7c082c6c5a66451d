//! The demo's rapim minutes: last week's meeting (where the dialogue's decisions were
//! taken) written up and finalized, and next week's meeting with its agenda built.

use chrono::{Datelike, Duration};
use rusqlite::Connection;

use crate::clock::{Clock, Hlc};
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::kinds::DomainEvent;
use crate::minutes::ops::{
    self, AgendaItemInput, AttendeeInput, FollowUpInput, MeetingDetailsInput, MinutesDecisionInput, NoteInput,
};
use crate::minutes::payload::{AgendaKind, Official, Presence};
use crate::record::record;
use crate::regency::RegencyLogoSet;
use crate::use_case::Author;

/// A made-up emblem for the demo regency (not any real regency's arms).
pub const DEMO_LOGO: &[u8] = include_bytes!("logo-demo.png");
pub const DEMO_LOGO_NAME: &str = "lambang-demo.png";

pub(crate) fn logo_event(sha256: String) -> DomainEvent {
    DomainEvent::RegencyLogoSet(RegencyLogoSet {
        sha256,
        file_name: DEMO_LOGO_NAME.into(),
        media_type: "image/png".into(),
    })
}

fn officials() -> (Official, Official, Official) {
    (
        Official {
            name: "H. Ahmad Suryana, S.H., M.Si.".into(),
            title: "Pj. Bupati Bekasi".into(),
            rank: "Pembina Utama Madya (IV/d)".into(),
            nip: "196805121990031004".into(),
        },
        Official {
            name: "Dr. Hj. Rina Marlina, M.Si.".into(),
            title: "Sekretaris Daerah".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
            nip: "197203151996032002".into(),
        },
        Official {
            name: "Dedi Kurniawan, S.IP.".into(),
            title: "Analis Kebijakan Ahli Muda".into(),
            rank: "Penata Tingkat I (III/d)".into(),
            nip: "198607232010011003".into(),
        },
    )
}

const PLACE: &str = "Ruang Rapat KH. R. Ma'mun Nawawi, Kompleks Pemkab, Cikarang Pusat";

const ATTENDEES: &[(Option<&str>, &str, &str, Presence)] = &[
    (None, "Dr. Hj. Rina Marlina, M.Si.", "Sekretaris Daerah", Presence::Present),
    (Some("DP3A"), "Hj. Nurhayati, S.Sos., M.Si.", "Kepala DP3A", Presence::Present),
    (Some("BPBD"), "Drs. Yusuf Hidayat", "Kepala Pelaksana BPBD", Presence::Present),
    (Some("DINKES"), "dr. Sri Wahyuni, M.Kes.", "Kepala Dinas Kesehatan", Presence::Present),
    (Some("DLH"), "Ir. Bambang Setiawan", "Sekretaris DLH (mewakili Kepala Dinas)", Presence::Represented),
    (Some("SDABMBK"), "Ir. Hendra Gunawan, M.T.", "Kepala Dinas SDABMBK", Presence::Present),
    (Some("DISDIK"), "Drs. Asep Saepudin, M.Pd.", "Kepala Dinas Pendidikan", Presence::Absent),
    (None, "Kompol Andi Pratama", "Kapolsek Cikarang Pusat (undangan)", Presence::Present),
];

fn details(title: &str, number: &str, day: chrono::NaiveDate, end: &str) -> MeetingDetailsInput {
    let (chair, secretary, notulis) = officials();
    MeetingDetailsInput {
        title: title.into(),
        number: number.into(),
        held_on: day.to_string(),
        start_time: "09.00".into(),
        end_time: end.into(),
        place: PLACE.into(),
        chair,
        secretary,
        notulis,
    }
}

fn agenda(tx: &Connection, author: &Author<'_>, meeting_id: &str, items: &[(AgendaKind, &str)]) -> Result<Vec<String>> {
    items
        .iter()
        .map(|(kind, title)| {
            ops::set_agenda_item(
                tx,
                author,
                AgendaItemInput {
                    meeting_id: meeting_id.into(),
                    item_id: None,
                    position: None,
                    kind: *kind,
                    title: (*title).into(),
                    fiscal_year: (*kind == AgendaKind::BudgetAbsorption).then(|| author.today.year()),
                    removed: false,
                    requests: None,
                },
            )
        })
        .collect()
}

fn attendees(tx: &Connection, author: &Author<'_>, meeting_id: &str) -> Result<()> {
    for (agency, name, position, presence) in ATTENDEES {
        ops::set_attendee(
            tx,
            author,
            AttendeeInput {
                meeting_id: meeting_id.into(),
                attendee_id: None,
                agency_code: agency.map(str::to_owned),
                name: (*name).into(),
                position: (*position).into(),
                presence: *presence,
                removed: false,
            },
        )?;
    }
    Ok(())
}

pub(super) fn record_minutes(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock) -> Result<()> {
    let today = Hlc::today_wib(clock.now_ms());
    let past_day = workday(today - Duration::days(7));
    let as_regent = Author { key: regent, clock, today: past_day };
    // Last week's meeting was opened by the dialogue's meeting mode.
    let past: String = tx.query_row(
        "SELECT id FROM meetings WHERE title = 'Rapat Pimpinan Evaluasi IKP' ORDER BY opened_at_ms LIMIT 1",
        [],
        |row| row.get(0),
    )?;
    ops::set_details(
        tx,
        &as_regent,
        &past,
        details("Rapat Pimpinan Evaluasi IKP", "005/128/Setda", past_day, "11.30"),
    )?;
    attendees(tx, &as_regent, &past)?;
    let items = agenda(
        tx,
        &as_regent,
        &past,
        &[
            (AgendaKind::Negotiations, "Permohonan perubahan target IKP perangkat daerah"),
            (AgendaKind::BudgetAbsorption, "Evaluasi serapan anggaran"),
            (AgendaKind::OverdueInstructions, "Instruksi yang melewati tenggat"),
            (AgendaKind::Free, "Kesiapsiagaan menghadapi musim hujan"),
        ],
    )?;
    let notes = [
        "Sekretaris Daerah memaparkan permohonan perubahan target dari perangkat daerah. Pimpinan menegaskan bahwa perubahan target hanya diberikan bila ada bukti kendala di lapangan.",
        "Serapan anggaran beberapa perangkat daerah masih di bawah rencana. Pimpinan meminta percepatan pengadaan yang sudah berkontrak.",
        "Kepala perangkat daerah yang instruksinya melewati tenggat diminta melapor langsung kepada Sekretaris Daerah.",
        "BPBD melaporkan kesiapan posko banjir di 23 kecamatan.\n\nDinas SDABMBK menyiapkan pompa mobile untuk Kecamatan Tambun Selatan dan Babelan.",
    ];
    for (item, text) in items.iter().zip(notes) {
        ops::set_note(
            tx,
            &as_regent,
            NoteInput { meeting_id: past.clone(), item_id: item.clone(), text: text.into() },
        )?;
    }
    ops::set_decision(
        tx,
        &as_regent,
        MinutesDecisionInput {
            meeting_id: past.clone(),
            decision_id: None,
            item_id: Some(items[3].clone()),
            text: "Posko siaga banjir dibuka 24 jam mulai 1 Desember; BPBD melapor tiap pekan.".into(),
            link: None,
            removed: false,
        },
    )?;
    for (action, agency, days) in [
        ("Menyusun jadwal percepatan pengadaan yang sudah berkontrak", "SDABMBK", 14),
        ("Membuka posko siaga banjir 24 jam di kecamatan rawan", "BPBD", 10),
    ] {
        ops::set_follow_up(
            tx,
            &as_regent,
            FollowUpInput {
                meeting_id: past.clone(),
                follow_up_id: None,
                item_id: None,
                action: action.into(),
                agency_code: agency.into(),
                deadline: (past_day + Duration::days(days)).to_string(),
                removed: false,
            },
        )?;
    }
    ops::finalize(tx, &as_regent, &past)?;

    // Next week's meeting: the agenda is built, the rest is written on the day.
    let next_day = workday(today + Duration::days(7));
    let as_regent = Author { key: regent, clock, today };
    let next = ops::create(tx, &as_regent, details("Rapat Pimpinan Evaluasi IKP dan Anggaran", "", next_day, ""))?;
    attendees(tx, &as_regent, &next)?;
    agenda(
        tx,
        &as_regent,
        &next,
        &[
            (AgendaKind::Negotiations, "Permohonan perubahan target yang menunggu keputusan"),
            (AgendaKind::BudgetAbsorption, "Serapan anggaran menjelang akhir tahun"),
            (AgendaKind::OverdueInstructions, "Instruksi yang melewati tenggat"),
            (AgendaKind::ComplaintFollowUps, "Tindak lanjut pengaduan SP4N-LAPOR!"),
            (AgendaKind::Free, "Lain-lain"),
        ],
    )?;
    Ok(())
}

pub(super) fn record_logo(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock, sha256: String) -> Result<()> {
    record(tx, regent, clock, &logo_event(sha256))?;
    Ok(())
}

/// The Monday after a weekend day, so the demo's rapim never falls on a Saturday or Sunday.
fn workday(day: chrono::NaiveDate) -> chrono::NaiveDate {
    match day.weekday() {
        chrono::Weekday::Sat => day + Duration::days(2),
        chrono::Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}
