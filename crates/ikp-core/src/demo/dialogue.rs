//! The demo's performance dialogue: a past leadership meeting that already decided some
//! requests (one approved, one rejected, one countered), and requests still pending, so
//! meeting mode has something to show on first start. Also the meeting queue generator
//! for the meeting-mode benchmark.

use chrono::Duration;
use rusqlite::Connection;

use super::staff_device;
use crate::clock::{Clock, Hlc};
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::negotiation::ops::{self as negotiation, DecisionInput, MeetingInput, NegotiationInput};
use crate::negotiation::{Movement, Outcome};
use crate::use_case::Author;

struct Ask {
    agency: &'static str,
    indicator: &'static str,
    movement: Movement,
    target: Option<&'static str>,
    /// Days added to the indicator's deadline, for a deadline request.
    extra_days: Option<i64>,
    why: &'static str,
}

/// Requests the past meeting decided, with how.
fn decided() -> Vec<(Ask, Outcome, Option<&'static str>, &'static str)> {
    vec![
        (
            Ask {
                agency: "SDABMBK",
                indicator: "Sumur bor dan embung yang diperbaiki",
                movement: Movement::Lower,
                target: Some("4"),
                extra_days: None,
                why:
                    "Satu embung di Desa Sukamukti berada di lahan sengketa sehingga belum dapat dikerjakan tahun ini.",
            },
            Outcome::Approve,
            None,
            "Disetujui; embung sengketa dianggarkan kembali setelah status lahan jelas.",
        ),
        (
            Ask {
                agency: "DINKES",
                indicator: "Balita stunting yang mendapat intervensi gizi",
                movement: Movement::Lower,
                target: Some("200"),
                extra_days: None,
                why: "Stok makanan tambahan dari provinsi terlambat datang.",
            },
            Outcome::Reject,
            None,
            "Ditolak: seperti awal, target harus dicapai. Gunakan anggaran BTT untuk makanan tambahan.",
        ),
        (
            Ask {
                agency: "DP3A",
                indicator: "Waktu tanggap laporan kekerasan",
                movement: Movement::Raise,
                target: Some("7"),
                extra_days: None,
                why: "Petugas pendamping hanya tiga orang untuk 23 kecamatan.",
            },
            Outcome::Counter,
            Some("5"),
            "Disetujui 5 hari, dengan tambahan petugas dari UPTD PPA.",
        ),
    ]
}

/// Requests waiting for the next meeting.
fn pending() -> Vec<Ask> {
    vec![
        Ask {
            agency: "DP3A",
            indicator: "Korban yang mendapat pendampingan psikologis dan hukum",
            movement: Movement::Lower,
            target: Some("10"),
            extra_days: None,
            why: "Dua korban pindah domisili ke luar kabupaten dan didampingi oleh daerah tujuan.",
        },
        Ask {
            agency: "BPBD",
            indicator: "Desa terdampak yang terlayani distribusi air bersih",
            movement: Movement::Raise,
            target: Some("10"),
            extra_days: None,
            why: "Dua desa tambahan di Kecamatan Cibarusah melaporkan kekeringan; armada tangki mencukupi.",
        },
        Ask {
            agency: "DINKES",
            indicator: "Korban yang mendapat visum dan layanan kesehatan",
            movement: Movement::Lower,
            target: None,
            extra_days: Some(14),
            why: "Rumah sakit rujukan sedang akreditasi; jadwal visum bergeser dua minggu.",
        },
    ]
}

pub(super) fn record_dialogue(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock) -> Result<()> {
    let today = Hlc::today_wib(clock.now_ms());
    let meeting_day = today - Duration::days(7);
    let as_regent = Author { key: regent, clock, today: meeting_day };
    let mut decisions = Vec::new();
    for (ask, outcome, counter, note) in decided() {
        let id = request(tx, clock, &ask, meeting_day - Duration::days(2))?;
        decisions.push((id, outcome, counter, note));
    }
    let meeting_id = negotiation::open_meeting(
        tx,
        &as_regent,
        MeetingInput {
            title: "Rapat Pimpinan Evaluasi IKP".into(),
            held_on: None,
            place: "Ruang Rapat KH. R. Ma'mun Nawawi, Kompleks Pemkab, Cikarang Pusat".into(),
            chair: "Pj. Bupati Bekasi".into(),
        },
    )?;
    for (negotiation_id, outcome, counter, note) in decisions {
        let input = DecisionInput {
            negotiation_id,
            outcome,
            counter_target: counter.map(str::to_owned),
            counter_deadline: None,
            note: note.into(),
            meeting_id: Some(meeting_id.clone()),
        };
        negotiation::decide(tx, &as_regent, input)?;
    }
    negotiation::close_meeting(tx, &as_regent, &meeting_id)?;
    for ask in pending() {
        request(tx, clock, &ask, today - Duration::days(1))?;
    }
    Ok(())
}

fn request(tx: &Connection, clock: &dyn Clock, ask: &Ask, day: chrono::NaiveDate) -> Result<String> {
    let (indicator_id, deadline): (String, String) = tx.query_row(
        "SELECT id, deadline FROM indicators WHERE agency_code = ?1 AND name = ?2",
        [ask.agency, ask.indicator],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let deadline = chrono::NaiveDate::parse_from_str(&deadline, "%Y-%m-%d").unwrap_or(day);
    let staff = staff_device(ask.agency);
    let input = NegotiationInput {
        indicator_id,
        movement: ask.movement,
        proposed_target: ask.target.map(str::to_owned),
        proposed_deadline: ask.extra_days.map(|days| (deadline + Duration::days(days)).to_string()),
        justification: ask.why.into(),
        evidence: vec![],
    };
    negotiation::request(tx, &Author { key: &staff, clock, today: day }, input)
}

/// The meeting-mode benchmark's queue: `count` pending requests, one per indicator, on
/// instructions issued today to the demo agencies (needs the demo loaded first).
#[cfg(feature = "generators")]
pub fn generate_queue(store: &mut crate::store::Store, clock: &dyn Clock, count: u32) -> Result<()> {
    use crate::instruction::ops::{self, IndicatorInput, IssueInput};
    use crate::instruction::Direction;

    let regent = super::demo_device();
    let agencies = ["DP3A", "BPBD", "SDABMBK", "DLH", "DINKES"];
    store.write(|tx| {
        let today = Hlc::today_wib(clock.now_ms());
        let as_regent = Author { key: &regent, clock, today };
        let per_instruction = 5;
        for first in (0..count).step_by(per_instruction) {
            let agency = agencies[(first as usize / per_instruction) % agencies.len()];
            let indicators = (first..count.min(first + per_instruction as u32))
                .map(|number| IndicatorInput {
                    agency_code: agency.into(),
                    name: format!("Indikator uji antrean {number}"),
                    unit: "kegiatan".into(),
                    baseline: "0".into(),
                    target: "100".into(),
                    direction: Direction::HigherIsBetter,
                    deadline: None,
                    source: None,
                })
                .collect();
            let instruction_id = ops::issue(
                tx,
                &as_regent,
                IssueInput {
                    title: format!("Instruksi uji antrean rapat {first}"),
                    category: "lainnya".into(),
                    background: String::new(),
                    text: "Data uji untuk mengukur mode rapat.".into(),
                    lead_agency: agency.into(),
                    supporting_agencies: vec![],
                    indicators,
                    deadline: None,
                    draft_only: false,
                },
            )?;
            let indicator_ids: Vec<String> = crate::instruction::queries::indicator_ids(tx, &instruction_id)?;
            let staff = staff_device(agency);
            for (offset, indicator_id) in indicator_ids.into_iter().enumerate() {
                let lower = (first as usize + offset).is_multiple_of(2);
                let input = NegotiationInput {
                    indicator_id,
                    movement: if lower { Movement::Lower } else { Movement::Raise },
                    proposed_target: Some(if lower { "80" } else { "120" }.into()),
                    proposed_deadline: None,
                    justification: format!("Alasan uji nomor {}", first as usize + offset),
                    evidence: vec![],
                };
                negotiation::request(tx, &Author { key: &staff, clock, today }, input)?;
            }
        }
        Ok(())
    })
}
