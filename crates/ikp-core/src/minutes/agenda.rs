//! The rapim's agenda as the notulen show it: each item with its live facts — pending
//! requests, the budget absorption summary, overdue instructions, the year's SP4N-LAPOR!
//! follow-up — computed as of the meeting day.

use super::document::*;
use super::payload::AgendaKind;
use super::queries::{parse_day, AgendaItemView};
use crate::budget::queries as budget_queries;
use crate::complaint::queries::{self as complaint_queries, Scope};
use crate::error::Result;
use crate::instruction::queries::{self as instruction_queries, InstructionFilter};
use crate::meeting::Meeting;
use crate::negotiation::queries::{self as negotiation_queries};
use crate::settings::BudgetThresholds;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

pub(crate) fn agenda(
    conn: &Connection,
    meeting: &Meeting,
    held_on: NaiveDate,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<Vec<AgendaItemView>> {
    let mut statement = conn.prepare_cached(
        "SELECT a.item_id, a.position, a.kind, a.title, a.fiscal_year, coalesce(n.text, ''), a.requests
         FROM meeting_agenda a
         LEFT JOIN meeting_notes n ON n.meeting_id = a.meeting_id AND n.item_id = a.item_id
         WHERE a.meeting_id = ?1 AND a.removed = 0 ORDER BY a.position, a.item_id",
    )?;
    let rows = statement.query_map([&meeting.id], |row| {
        Ok(AgendaItemView {
            id: row.get(0)?,
            position: row.get(1)?,
            kind: AgendaKind::parse(&row.get::<_, String>(2)?).unwrap_or(AgendaKind::Free),
            title: row.get(3)?,
            fiscal_year: row.get(4)?,
            note: row.get(5)?,
            facts: Vec::new(),
            requests: row.get::<_, Option<String>>(6)?.as_deref().map(request_ids),
        })
    })?;
    let mut items: Vec<AgendaItemView> = rows.collect::<rusqlite::Result<_>>()?;
    for item in &mut items {
        item.facts = live_section(conn, meeting, item, held_on, today, thresholds)?;
    }
    Ok(items)
}

/// The request ids stored for a dialog-kinerja item (written by the projection, so they
/// always parse; anything else reads as none chosen).
fn request_ids(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The requests ticked for a meeting's sitting, if its dialog-kinerja item names them;
/// None when every request waiting for a decision is on the agenda (or none is).
pub(crate) fn chosen_requests(conn: &Connection, meeting_id: &str) -> Result<Option<Vec<String>>> {
    let stored: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT requests FROM meeting_agenda WHERE meeting_id = ?1 AND kind = 'negotiations' AND removed = 0
             ORDER BY position LIMIT 1",
        )?
        .query_row([meeting_id], |row| row.get(0))
        .optional()?;
    Ok(stored.flatten().as_deref().map(request_ids))
}

/// The lines a live agenda item draws from the records.
fn live_section(
    conn: &Connection,
    meeting: &Meeting,
    item: &AgendaItemView,
    held_on: NaiveDate,
    today: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<Vec<String>> {
    Ok(match item.kind {
        AgendaKind::Free => Vec::new(),
        AgendaKind::Negotiations => {
            let sitting = negotiation_queries::sitting(conn, &meeting.id)?;
            let pending = pending_on_agenda(conn, item.requests.as_deref())?;
            let decided = sitting.approved + sitting.rejected + sitting.countered;
            let mut lines = vec![format!(
                "{decided} permohonan perubahan target diputuskan dalam rapat: {} disetujui, {} disetujui dengan perubahan, {} ditolak (rincian pada tabel keputusan).",
                sitting.approved, sitting.countered, sitting.rejected
            )];
            if meeting.closed_at.is_none() && pending > 0 {
                lines.push(format!("{pending} permohonan masih menunggu keputusan."));
            }
            lines
        }
        AgendaKind::BudgetAbsorption => {
            let year = item.fiscal_year.unwrap_or(chrono::Datelike::year(&held_on));
            let summary = budget_summary(conn, year, super::ops::as_of(held_on, today), thresholds)?;
            vec![format!(
                "Serapan anggaran Tahun Anggaran {year} {}: {} dari pagu {} (rencana {}); rincian pada tabel serapan.",
                summary.as_of, summary.total.percent, summary.total.pagu, summary.total.plan_percent
            )]
        }
        AgendaKind::ComplaintFollowUps => complaint_lines(conn, super::ops::as_of(held_on, today))?,
        AgendaKind::OverdueInstructions => {
            let filter = InstructionFilter { overdue_only: true, limit: Some(200), ..Default::default() };
            let overdue = instruction_queries::list(conn, &filter, today)?;
            if overdue.is_empty() {
                vec!["Tidak ada instruksi yang melewati tenggat.".into()]
            } else {
                overdue
                    .into_iter()
                    .map(|instruction| {
                        format!(
                            "{} {} ({}): tenggat {}, capaian {}.",
                            instruction.number.unwrap_or_else(|| crate::terms::indonesian_word("draft")),
                            instruction.title,
                            instruction.lead_agency_short_name,
                            indonesian_date(parse_day(&instruction.deadline)),
                            percent(instruction.achievement_permille)
                        )
                    })
                    .collect()
            }
        }
    })
}

/// How many of the requests on the agenda (the ticked ones, or every one) still wait.
fn pending_on_agenda(conn: &Connection, chosen: Option<&[String]>) -> Result<u32> {
    Ok(match chosen {
        None => conn.query_row("SELECT count(*) FROM negotiations WHERE status = 'pending'", [], |row| row.get(0))?,
        Some(ids) => {
            let mut statement =
                conn.prepare_cached("SELECT 1 FROM negotiations WHERE id = ?1 AND status = 'pending'")?;
            let mut count = 0;
            for id in ids {
                count += u32::from(statement.exists([id])?);
            }
            count
        }
    })
}

/// The SP4N-LAPOR! follow-up summary of the year so far, as the meeting saw it:
/// complaints received from January to the meeting's month, judged on its day.
fn complaint_lines(conn: &Connection, as_of: NaiveDate) -> Result<Vec<String>> {
    use chrono::Datelike;
    let from = format!("{}-01", as_of.year());
    let to = as_of.format("%Y-%m").to_string();
    let rapim = complaint_queries::rapim(conn, &Scope::All, Some(&from), Some(&to), as_of)?;
    let total = &rapim.summary.total;
    let response = match total.average_response_tenths {
        Some(tenths) => format!("rata-rata {},{} hari sejak disposisi", tenths / 10, tenths % 10),
        None => "belum ada tanggapan".into(),
    };
    let mut lines = vec![format!(
        "Pengaduan SP4N-LAPOR! {} s.d. {}: {} diterima, {} didisposisikan, {} ditindaklanjuti ({} dari yang didisposisikan; {response}), {} selesai, {} melewati batas waktu.",
        month_name(as_of.with_month(1).unwrap_or(as_of)),
        indonesian_date(as_of),
        total.received,
        total.disposed,
        total.followed_up,
        percent(total.follow_up_permille),
        total.completed,
        total.overdue,
    )];
    lines.extend(rapim.agencies_behind.iter().filter(|group| group.overdue > 0).map(|group| {
        format!(
            "{}: {} pengaduan melewati batas waktu, tindak lanjut {}.",
            group.name,
            group.overdue,
            percent(group.follow_up_permille)
        )
    }));
    if rapim.redispositions > 0 {
        lines.push(format!("{} pengaduan didisposisikan ulang ke perangkat daerah lain.", rapim.redispositions));
    }
    Ok(lines)
}

fn month_name(day: NaiveDate) -> String {
    crate::minutes::document::indonesian_month(day).to_owned()
}

pub(crate) fn budget_summary(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    thresholds: BudgetThresholds,
) -> Result<BudgetSummary> {
    let budget = budget_queries::regency_budget(conn, year, as_of, thresholds)?;
    let row =
        |agency: String, pagu: crate::money::Rupiah, realized: crate::money::Rupiah, absorption: u32, plan: u32| {
            BudgetRow {
                agency,
                pagu: pagu.to_indonesian(),
                realized: realized.to_indonesian(),
                absorption_permille: absorption,
                percent: percent(absorption),
                plan_percent: percent(plan),
            }
        };
    Ok(BudgetSummary {
        fiscal_year: year,
        as_of: format!("per {}", indonesian_date(as_of)),
        rows: budget
            .agencies
            .iter()
            .map(|a| row(a.short_name.clone(), a.pagu, a.realized, a.absorption_permille, a.plan_permille))
            .collect(),
        total: row(
            "Kabupaten".into(),
            budget.curve.pagu,
            budget.curve.realized,
            budget.curve.absorption_permille,
            budget.curve.plan_permille,
        ),
    })
}
