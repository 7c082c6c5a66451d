//! The demo's instructions, from the story the product was built for: a child-violence
//! case handed to DP3A, a drought answered by BPBD and Dinas SDABMBK, a rubbish problem
//! closed by DLH, and a health instruction already past its deadline. Each agency's
//! progress is signed by a demo staff device of that agency, and business dates are set
//! back in time so that the dashboard has something overdue, at risk and done.

use chrono::{Datelike, Duration};
use rusqlite::Connection;

use crate::clock::{Clock, Hlc};
use crate::device::DeviceEnrolled;
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::instruction::ops::{self, IndicatorInput, IssueInput, ProgressInput};
use crate::instruction::payload::IndicatorSource;
use crate::instruction::Direction;
use crate::kinds::DomainEvent;
use crate::principal::Role;
use crate::record::record;
use crate::use_case::Author;

use super::staff_device;

fn indicator(
    agency: &str,
    name: &str,
    unit: &str,
    baseline: &str,
    target: &str,
    direction: Direction,
) -> IndicatorInput {
    IndicatorInput {
        agency_code: agency.into(),
        name: name.into(),
        unit: unit.into(),
        baseline: baseline.into(),
        target: target.into(),
        direction,
        deadline: None,
        source: None,
    }
}

/// A "serapan anggaran" indicator: its value comes from the agency's budget that year.
fn absorption(agency: &str, year: i32) -> IndicatorInput {
    IndicatorInput {
        source: Some(IndicatorSource::BudgetAbsorption { fiscal_year: year }),
        ..indicator(
            agency,
            &format!("Serapan anggaran {agency} tahun {year}"),
            "%",
            "0",
            "90",
            Direction::HigherIsBetter,
        )
    }
}

struct Plan {
    days_ago: i64,
    input: IssueInput,
    /// (indicator position, value, days after issue) reported by the indicator's agency.
    reports: Vec<(usize, &'static str, i64)>,
    completed: bool,
    verified: bool,
}

fn plans(year: i32) -> Vec<Plan> {
    use Direction::{HigherIsBetter as Up, LowerIsBetter as Down};
    let base = |title: &str, category: &str, background: &str, text: &str, lead: &str, support: &[&str]| IssueInput {
        title: title.into(),
        category: category.into(),
        background: background.into(),
        text: text.into(),
        lead_agency: lead.into(),
        supporting_agencies: support.iter().map(|code| code.to_string()).collect(),
        indicators: vec![],
        deadline: None,
        draft_only: false,
    };
    vec![
        Plan {
            days_ago: 12,
            input: IssueInput {
                indicators: vec![
                    indicator("DP3A", "Korban yang mendapat pendampingan psikologis dan hukum", "orang", "0", "12", Up),
                    indicator("DP3A", "Waktu tanggap laporan kekerasan", "hari", "14", "3", Down),
                    indicator("DINKES", "Korban yang mendapat visum dan layanan kesehatan", "orang", "0", "12", Up),
                ],
                ..base(
                    "Penanganan kasus kekerasan terhadap anak di Kecamatan Tambun Selatan",
                    "kekerasan_terhadap_anak",
                    "Laporan warga dan pemberitaan tentang kekerasan terhadap anak di lingkungan sekolah dan rumah \
                     di Kecamatan Tambun Selatan.",
                    "DP3A memimpin pendampingan korban bersama Dinas Kesehatan, memastikan setiap laporan ditanggapi \
                     paling lambat 3 hari, dan menuntaskan penanganan kasus dalam satu bulan.",
                    "DP3A",
                    &["DINKES"],
                )
            },
            reports: vec![(0, "5", 4), (1, "7", 4), (0, "7", 10)],
            completed: false,
            verified: false,
        },
        Plan {
            days_ago: 20,
            input: IssueInput {
                indicators: vec![
                    indicator("BPBD", "Desa terdampak yang terlayani distribusi air bersih", "desa", "0", "8", Up),
                    indicator("SDABMBK", "Sumur bor dan embung yang diperbaiki", "unit", "0", "5", Up),
                ],
                ..base(
                    "Tanggap darurat kekeringan di Kecamatan Bojongmangu dan Cibarusah",
                    "kekeringan",
                    "Musim kemarau panjang mengeringkan sumber air warga di wilayah selatan.",
                    "BPBD mendistribusikan air bersih ke seluruh desa terdampak; Dinas SDABMBK memperbaiki sumur bor \
                     dan embung desa.",
                    "BPBD",
                    &["SDABMBK"],
                )
            },
            reports: vec![(0, "2", 5), (0, "3", 15)],
            completed: false,
            verified: false,
        },
        Plan {
            days_ago: 40,
            input: IssueInput {
                indicators: vec![indicator(
                    "DLH",
                    "Titik timbunan sampah liar yang dibersihkan",
                    "titik",
                    "0",
                    "15",
                    Up,
                )],
                ..base(
                    "Pembersihan timbunan sampah liar di sepanjang Kalimalang",
                    "sampah",
                    "Timbunan sampah liar di bantaran Kalimalang dikeluhkan warga melalui SP4N-LAPOR!.",
                    "DLH membersihkan seluruh titik timbunan sampah liar dan memasang papan larangan.",
                    "DLH",
                    &[],
                )
            },
            reports: vec![(0, "9", 10), (0, "16", 25)],
            completed: true,
            verified: true,
        },
        Plan {
            days_ago: 45,
            input: IssueInput {
                indicators: vec![indicator(
                    "DINKES",
                    "Balita stunting yang mendapat intervensi gizi",
                    "anak",
                    "0",
                    "250",
                    Up,
                )],
                ..base(
                    "Intervensi gizi balita stunting di Kecamatan Muaragembong",
                    "kesehatan",
                    "Angka stunting di Muaragembong tertinggi di kabupaten.",
                    "Dinas Kesehatan memberikan intervensi gizi kepada seluruh balita stunting yang terdata.",
                    "DINKES",
                    &[],
                )
            },
            reports: vec![(0, "60", 12)],
            completed: false,
            verified: false,
        },
        Plan {
            days_ago: 60,
            input: IssueInput {
                indicators: vec![absorption("SDABMBK", year), absorption("DINKES", year), absorption("DISDIK", year)],
                deadline: Some(format!("{year}-12-31")),
                ..base(
                    "Percepatan serapan anggaran setelah APBD Perubahan",
                    "lainnya",
                    "Serapan anggaran kabupaten tertinggal dari rencana kas; APBD Perubahan menambah pagu beberapa \
                     perangkat daerah.",
                    "Perangkat daerah dengan pagu terbesar mempercepat pengadaan dan pembayaran sehingga serapan \
                     mencapai 90% pada 31 Desember.",
                    "SDABMBK",
                    &["DINKES", "DISDIK"],
                )
            },
            reports: vec![],
            completed: false,
            verified: false,
        },
    ]
}

pub(super) fn record_instructions(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock) -> Result<()> {
    let real_today = Hlc::today_wib(clock.now_ms());
    for agency in ["DP3A", "BPBD", "SDABMBK", "DLH", "DINKES"] {
        let staff = staff_device(agency);
        record(
            tx,
            &staff,
            clock,
            &DomainEvent::DeviceEnrolled(DeviceEnrolled {
                device: staff.id().to_hex(),
                role: Role::AgencyStaff,
                agency_code: Some(agency.into()),
                user_name: format!("Staf {agency} (contoh)"),
            }),
        )?;
    }
    let mut plans = plans(real_today.year());
    // Oldest first, so official numbers run in the order the instructions were issued.
    plans.sort_by_key(|plan| std::cmp::Reverse(plan.days_ago));
    for plan in plans {
        let issued_on = real_today - Duration::days(plan.days_ago);
        let as_regent = Author { key: regent, clock, today: issued_on };
        let agencies: Vec<String> = plan.input.indicators.iter().map(|i| i.agency_code.clone()).collect();
        let lead = plan.input.lead_agency.clone();
        let id = ops::issue(tx, &as_regent, plan.input)?;
        let indicator_ids: Vec<String> = crate::instruction::queries::indicator_ids(tx, &id)?;
        for (position, value, days_after) in &plan.reports {
            let staff = staff_device(&agencies[*position]);
            let day = issued_on + Duration::days(*days_after);
            let as_staff = Author { key: &staff, clock, today: day };
            let input = ProgressInput {
                indicator_id: indicator_ids[*position].clone(),
                value: (*value).into(),
                reported_on: None,
                note: "Laporan perkembangan (data contoh)".into(),
                evidence: vec![],
            };
            ops::report_progress(tx, &as_staff, input)?;
        }
        if plan.completed {
            let staff = staff_device(&lead);
            let day = issued_on + Duration::days(26);
            ops::report_complete(
                tx,
                &Author { key: &staff, clock, today: day },
                &id,
                "Seluruh titik telah dibersihkan.",
            )?;
        }
        if plan.verified {
            let day = issued_on + Duration::days(28);
            ops::verify(tx, &Author { key: regent, clock, today: day }, &id, "Hasil diperiksa di lapangan.")?;
        }
    }
    Ok(())
}
