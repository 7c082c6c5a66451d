//! A generated regency for benchmarks: ten years of instructions across every agency,
//! made through the same use cases the app uses, so every event is signed, authorized
//! and projected exactly as in real use.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::agency::{self, AgencyKind, AgencyRegistered};
use crate::clock::Clock;
use crate::device::DeviceEnrolled;
use crate::error::Result;
use crate::identity::DeviceKey;
use crate::instruction::ops::{self, IndicatorInput, IssueInput, ProgressInput};
use crate::instruction::Direction;
use crate::kinds::DomainEvent;
use crate::principal::Role;
use crate::record::record;
use crate::settings::DEFAULT_CATEGORIES;
use crate::use_case::Author;

use super::staff_device;
use crate::store::Store;

#[derive(Clone, Debug, Serialize)]
pub struct RegencySpec {
    pub instructions: u32,
    pub indicators_per_instruction: u32,
    pub reports_per_instruction: u32,
    pub years: u32,
    /// The last day of the generated period.
    pub until: NaiveDate,
}

impl RegencySpec {
    /// The benchmark regency of the instructions issue: about 50k instructions, 150k
    /// indicators and 500k progress reports over ten years.
    pub fn ten_years(until: NaiveDate) -> RegencySpec {
        RegencySpec {
            instructions: 50_000,
            indicators_per_instruction: 3,
            reports_per_instruction: 10,
            years: 10,
            until,
        }
    }
}

/// xorshift: a deterministic stream, so two runs generate the same regency.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Generates the regency on top of the demo data, `batch` instructions per transaction.
pub fn generate(store: &mut Store, clock: &dyn Clock, spec: &RegencySpec, batch: u32) -> Result<()> {
    let regent = super::demo_device();
    let codes = store.write(|tx| prepare_agencies(tx, &regent, clock))?;
    let mut dice = Dice(0x1bd1_1bda_a9fc_1a22);
    let first_day = spec.until - Duration::days(i64::from(spec.years) * 365);
    let span_days = (spec.until - first_day).num_days().max(1) as u64;
    let mut made = 0;
    while made < spec.instructions {
        let this_batch = batch.min(spec.instructions - made);
        store.write(|tx| {
            for _ in 0..this_batch {
                let issued_on = first_day + Duration::days(dice.below(span_days) as i64);
                one_instruction(tx, &regent, clock, spec, &codes, issued_on, &mut dice)?;
            }
            Ok(())
        })?;
        made += this_batch;
    }
    Ok(())
}

/// Two more agencies make the demo's 58 the 60 of the benchmark; each gets a staff device.
fn prepare_agencies(tx: &Connection, regent: &DeviceKey, clock: &dyn Clock) -> Result<Vec<String>> {
    for (code, name) in [("BRIDA", "Badan Riset dan Inovasi Daerah"), ("RSUD", "Rumah Sakit Umum Daerah")] {
        if !agency::exists(tx, code)? {
            let event = DomainEvent::AgencyRegistered(AgencyRegistered {
                code: code.into(),
                name: name.into(),
                short_name: code.into(),
                kind: AgencyKind::Badan,
            });
            record(tx, regent, clock, &event)?;
        }
    }
    let codes: Vec<String> = agency::list(tx)?.into_iter().map(|agency| agency.code).collect();
    for code in &codes {
        let staff = staff_device(code);
        if crate::device::principal(tx, staff.id())?.is_none() {
            let event = DomainEvent::DeviceEnrolled(DeviceEnrolled {
                device: staff.id().to_hex(),
                role: Role::AgencyStaff,
                agency_code: Some(code.clone()),
                user_name: format!("Staf {code}"),
            });
            record(tx, &staff, clock, &event)?;
        }
    }
    Ok(codes)
}

fn one_instruction(
    tx: &Connection,
    regent: &DeviceKey,
    clock: &dyn Clock,
    spec: &RegencySpec,
    codes: &[String],
    issued_on: NaiveDate,
    dice: &mut Dice,
) -> Result<()> {
    let lead = codes[dice.below(codes.len() as u64) as usize].clone();
    let support = codes[dice.below(codes.len() as u64) as usize].clone();
    let agencies = [lead.clone(), support.clone()];
    let indicators = (0..spec.indicators_per_instruction)
        .map(|n| {
            let lower = dice.below(4) == 0;
            IndicatorInput {
                agency_code: agencies[(n as usize) % 2].clone(),
                name: format!("Indikator {n} untuk {lead}"),
                unit: if lower { "hari".into() } else { "kegiatan".into() },
                baseline: if lower { "30".into() } else { "0".into() },
                target: if lower { "5".into() } else { (10 + dice.below(90)).to_string() },
                direction: if lower { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
                deadline: None,
                source: None,
            }
        })
        .collect();
    let (category, _) = DEFAULT_CATEGORIES[dice.below(DEFAULT_CATEGORIES.len() as u64) as usize];
    let input = IssueInput {
        title: format!("Instruksi {category} untuk {lead} tanggal {issued_on}"),
        category: category.into(),
        background: "Data sintetis untuk uji kinerja.".into(),
        text: format!("Tindak lanjuti permasalahan {category} di wilayah kerja {lead}."),
        lead_agency: lead.clone(),
        supporting_agencies: if support == lead { vec![] } else { vec![support.clone()] },
        indicators,
        deadline: None,
        draft_only: false,
    };
    let id = ops::issue(tx, &Author { key: regent, clock, today: issued_on }, input)?;
    let indicators: Vec<(String, String, i64, i64)> = tx
        .prepare_cached(
            "SELECT id, agency_code, baseline, target FROM indicators WHERE instruction_id = ?1 ORDER BY position",
        )?
        .query_map([&id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let today = spec.until;
    let age = (today - issued_on).num_days();
    for report in 0..spec.reports_per_instruction {
        let day = issued_on + Duration::days(i64::from(report) * 3);
        if day > today {
            break;
        }
        let (indicator_id, agency, baseline, target) = &indicators[report as usize % indicators.len()];
        let share = i64::from(report + 1) * 10_000 / i64::from(spec.reports_per_instruction);
        let value = baseline + (target - baseline) * share / 10_000 + dice.below(3) as i64 * 10_000;
        let staff = staff_device(agency);
        let input = ProgressInput {
            indicator_id: indicator_id.clone(),
            value: crate::quantity::Quantity::from_ten_thousandths(value).to_string(),
            reported_on: None,
            note: String::new(),
            evidence: vec![],
        };
        ops::report_progress(tx, &Author { key: &staff, clock, today: day }, input)?;
    }
    // Older work is done and verified; recent work is still moving, and a little of
    // what is past its deadline was never reported complete.
    if age > 45 && dice.below(50) != 0 {
        let staff = staff_device(&lead);
        let done_on = issued_on + Duration::days(30);
        ops::report_complete(tx, &Author { key: &staff, clock, today: done_on }, &id, "")?;
        ops::verify(tx, &Author { key: regent, clock, today: done_on + Duration::days(2) }, &id, "")?;
    }
    Ok(())
}
