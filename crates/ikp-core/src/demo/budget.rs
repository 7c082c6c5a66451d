//! The demo's fiscal year: a regional budget of about Rp7,1 triliun across the agencies
//! and kecamatan, an APBD-P revision in September that adds funds to three dinas, a
//! monthly plan shaped like an S-curve, realizations that trail it (about 60% absorbed
//! in late November, Dinas SDABMBK far behind), and physical progress beside them.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;

use super::{kecamatan_code, KECAMATAN};
use crate::budget::ops::{self, CeilingInput, PhysicalInput, PlanInput};
use crate::budget::payload::{BudgetStage, RealizationEntry, RealizationsRecorded};
use crate::clock::{Clock, Hlc};
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::kinds::DomainEvent;
use crate::money::Rupiah;
use crate::record::record;
use crate::use_case::Author;

const MILIAR: i64 = 1_000_000_000;

/// Pagu murni in miliar rupiah; agencies not listed get `OTHER_AGENCY`.
const PAGU_MURNI: [(&str, i64); 11] = [
    ("DISDIK", 2_150),
    ("DINKES", 1_250),
    ("SDABMBK", 520),
    ("DCKTR", 380),
    ("SETDA", 310),
    ("DISPERKIMTAN", 240),
    ("BPKAD", 220),
    ("SETWAN", 160),
    ("DLH", 150),
    ("DISHUB", 120),
    ("BAPENDA", 110),
];
const OTHER_AGENCY: i64 = 40;
const KECAMATAN_PAGU: i64 = 18;
/// What the APBD-P added, in miliar rupiah.
const PERUBAHAN: [(&str, i64); 3] = [("SDABMBK", 57), ("DINKES", 60), ("DISDIK", 40)];
/// The plan's share of each month, in percent (an S-curve: slow start, year-end rush).
const PLAN_SHAPE: [i64; 12] = [3, 5, 6, 7, 8, 8, 9, 9, 10, 11, 12, 12];

pub(super) fn record_budget(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock, agencies: &[String]) -> Result<()> {
    let today = Hlc::today_wib(clock.now_ms());
    let year = today.year();
    let start = NaiveDate::from_ymd_opt(year, 1, 2).unwrap_or(today);
    let revision_day = NaiveDate::from_ymd_opt(year, 9, 15).unwrap_or(today);
    let codes = agencies.iter().cloned().chain(KECAMATAN.iter().map(|name| kecamatan_code(name)));
    for code in codes {
        let murni = murni_of(&code);
        let as_regent = |day| Author { key: regent, clock, today: day };
        ops::set_ceiling(
            tx,
            &as_regent(start.min(today)),
            CeilingInput {
                agency_code: code.clone(),
                fiscal_year: year,
                stage: BudgetStage::Murni,
                amount: (murni * MILIAR).to_string(),
                effective_on: Some(start.min(today).to_string()),
                reason: "Perda APBD".into(),
                lines: vec![],
            },
        )?;
        let added = PERUBAHAN.iter().find(|(agency, _)| *agency == code).map_or(0, |(_, miliar)| *miliar);
        let pagu = if added > 0 && today >= revision_day {
            ops::set_ceiling(
                tx,
                &as_regent(revision_day),
                CeilingInput {
                    agency_code: code.clone(),
                    fiscal_year: year,
                    stage: BudgetStage::Perubahan,
                    amount: ((murni + added) * MILIAR).to_string(),
                    effective_on: Some(revision_day.to_string()),
                    reason: "Perda APBD Perubahan: tambahan belanja".into(),
                    lines: vec![],
                },
            )?;
            murni + added
        } else {
            murni
        };
        let plan = plan_of(pagu * MILIAR);
        ops::set_plan(
            tx,
            &as_regent(start.min(today)),
            PlanInput {
                agency_code: code.clone(),
                fiscal_year: year,
                months: plan.iter().map(|rupiah| rupiah.to_string()).collect(),
            },
        )?;
        record_realizations(tx, regent, clock, &code, &plan, today)?;
    }
    Ok(())
}

fn murni_of(code: &str) -> i64 {
    if code.starts_with("KEC-") {
        return KECAMATAN_PAGU;
    }
    PAGU_MURNI.iter().find(|(agency, _)| *agency == code).map_or(OTHER_AGENCY, |(_, miliar)| *miliar)
}

/// Whole rupiah per month; December takes what rounding left, so the plan sums exactly.
fn plan_of(pagu_rupiah: i64) -> [i64; 12] {
    let mut plan = [0; 12];
    for (month, share) in PLAN_SHAPE.iter().enumerate().take(11) {
        plan[month] = pagu_rupiah * share / 100;
    }
    plan[11] = pagu_rupiah - plan.iter().sum::<i64>();
    plan
}

/// How fast each agency spends against its plan, in percent: a fixed spread, with
/// SDABMBK lagging as the story has it.
fn pace_of(code: &str) -> i64 {
    if code == "SDABMBK" {
        return 38;
    }
    let spread = code.bytes().fold(7u64, |hash, byte| hash.wrapping_mul(31).wrapping_add(u64::from(byte)));
    55 + (spread % 31) as i64
}

fn record_realizations(
    tx: &Connection,
    regent: &DeviceKey,
    clock: &dyn Clock,
    code: &str,
    plan: &[i64; 12],
    today: NaiveDate,
) -> Result<()> {
    let pace = pace_of(code);
    let mut sequence = 0;
    let mut cumulative_real = 0;
    for month in 1..=today.month() {
        let paid_on = NaiveDate::from_ymd_opt(today.year(), month, 25).unwrap_or(today).min(today);
        let month_start = NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today);
        let planned = if month == today.month() {
            plan[month as usize - 1] * i64::from(today.day()) / 30
        } else {
            plan[month as usize - 1]
        };
        let amount = planned * pace / 100;
        let entries: Vec<RealizationEntry> = split_in_three(amount)
            .into_iter()
            .enumerate()
            .map(|(part, rupiah)| {
                sequence += 1;
                RealizationEntry {
                    entry_id: format!("demo-{code}-{}-{month:02}-{part}", today.year()),
                    agency_code: code.to_owned(),
                    realized_on: (paid_on - Duration::days(2 * part as i64)).max(month_start),
                    amount: Rupiah::from_rupiah(rupiah),
                    reference: format!("SP2D/{code}/{}/{sequence:05}", today.year()),
                    note: "Data contoh".into(),
                    sp2d_type: None,
                    jenis: None,
                    line: None,
                }
            })
            .collect();
        let event = DomainEvent::BudgetRealized(RealizationsRecorded {
            agency_code: Some(code.to_owned()),
            source: None,
            entries,
        });
        record(tx, regent, clock, &event)?;
        cumulative_real += amount;
        // Physical work runs a little ahead of payment, as SP2D follow the work done.
        let physical = (cumulative_real * 100 / plan.iter().sum::<i64>().max(1) + 4).clamp(0, 100);
        ops::report_physical(
            tx,
            &Author { key: regent, clock, today: paid_on },
            PhysicalInput {
                agency_code: code.to_owned(),
                fiscal_year: today.year(),
                month,
                percent: physical.to_string(),
            },
        )?;
    }
    Ok(())
}

fn split_in_three(amount: i64) -> [i64; 3] {
    let part = amount / 3;
    [part, part, amount - 2 * part]
}

/// The budget benchmark's history: `years` fiscal years before the demo's for every
/// agency, with `entries` realization entries spread evenly over agencies and months,
/// signed in batches (one event per agency and month). Needs the demo loaded first.
#[cfg(feature = "generators")]
pub fn generate_history(store: &mut crate::store::Store, clock: &dyn Clock, years: i32, entries: u64) -> Result<()> {
    let regent = super::demo_device();
    let today = Hlc::today_wib(clock.now_ms());
    let codes: Vec<String> =
        store.write(|tx| Ok(crate::agency::list(tx)?.into_iter().map(|agency| agency.code).collect::<Vec<_>>()))?;
    let per_month = (entries / (codes.len() as u64 * years as u64 * 12)).max(1);
    for year in (today.year() - years)..today.year() {
        store.write(|tx| {
            let new_year = NaiveDate::from_ymd_opt(year, 1, 2).unwrap_or(today);
            let as_regent = Author { key: &regent, clock, today: new_year };
            for code in &codes {
                let pagu = murni_of(code) * MILIAR;
                ops::set_ceiling(
                    tx,
                    &as_regent,
                    CeilingInput {
                        agency_code: code.clone(),
                        fiscal_year: year,
                        stage: BudgetStage::Murni,
                        amount: pagu.to_string(),
                        effective_on: Some(new_year.to_string()),
                        reason: String::new(),
                        lines: vec![],
                    },
                )?;
                let plan = plan_of(pagu);
                ops::set_plan(
                    tx,
                    &as_regent,
                    PlanInput {
                        agency_code: code.clone(),
                        fiscal_year: year,
                        months: plan.iter().map(|rupiah| rupiah.to_string()).collect(),
                    },
                )?;
                for month in 1..=12u32 {
                    let amount = plan[month as usize - 1] * pace_of(code) / 100 / per_month as i64;
                    let entries = (0..per_month)
                        .map(|n| RealizationEntry {
                            entry_id: format!("bench-{code}-{year}-{month:02}-{n}"),
                            agency_code: code.clone(),
                            realized_on: NaiveDate::from_ymd_opt(year, month, 1 + (n % 28) as u32).unwrap_or(new_year),
                            amount: Rupiah::from_rupiah(amount),
                            reference: format!("SP2D/{code}/{year}/{month:02}{n:06}"),
                            note: String::new(),
                            sp2d_type: None,
                            jenis: None,
                            line: None,
                        })
                        .collect();
                    let event = DomainEvent::BudgetRealized(RealizationsRecorded {
                        agency_code: Some(code.clone()),
                        source: None,
                        entries,
                    });
                    record(tx, &regent, clock, &event)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}
