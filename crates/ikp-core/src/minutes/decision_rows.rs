//! The decisions table of a rapim: meeting-mode decisions on dialog-kinerja requests and
//! decisions written into the minutes, with the original, requested and effective target.

use super::document::*;
use super::payload::DecisionLink;
use super::queries::{parse_day, MinutesDecisionView};
use crate::error::Result;
use crate::instruction::queries::{self as instruction_queries};
use crate::negotiation::payload::Outcome;
use crate::negotiation::queries::{self as negotiation_queries, DecisionView, NegotiationView};
use crate::principal::Role;
use crate::quantity::Quantity;
use chrono::NaiveDate;
use rusqlite::Connection;

pub(crate) fn decisions(conn: &Connection, meeting_id: &str) -> Result<Vec<MinutesDecisionView>> {
    let mut statement = conn.prepare_cached(
        "SELECT decision_id, item_id, text, link_kind, link_id FROM meeting_decisions
         WHERE meeting_id = ?1 AND removed = 0 ORDER BY created_key, decision_id",
    )?;
    let rows = statement.query_map([meeting_id], |row| {
        let link = match (row.get::<_, Option<String>>(3)?.as_deref(), row.get::<_, Option<String>>(4)?) {
            (Some("negotiation"), Some(negotiation_id)) => Some(DecisionLink::Negotiation { negotiation_id }),
            (Some("instruction"), Some(instruction_id)) => Some(DecisionLink::Instruction { instruction_id }),
            _ => None,
        };
        Ok(MinutesDecisionView { id: row.get(0)?, item_id: row.get(1)?, text: row.get(2)?, link })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn outcome_word(outcome: Outcome) -> String {
    crate::terms::indonesian("outcome", outcome)
}

/// A meeting decision's note, naming who recorded it when that was not the Regent: the
/// decision is the chair's (named at the head of the notulen), and an agency reading the
/// notulen must not take the Sekda at the laptop for the one who decided.
fn with_recorder(decision: &DecisionView) -> String {
    let recorder = &decision.decided_by;
    if decision.chaired_by.is_none() {
        return decision.note.clone();
    }
    let recorded = format!("Dicatat oleh {recorder}.");
    if decision.note.trim().is_empty() {
        recorded
    } else {
        format!("{} {recorded}", decision.note.trim())
    }
}

fn with_unit(quantity: Quantity, unit: &str) -> String {
    let number = quantity.indonesian();
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// "85 %; tenggat 31 Desember 2026": what the agency asked for.
fn requested(view: &NegotiationView) -> String {
    let mut parts = Vec::new();
    if let Some(target) = view.proposed_target {
        parts.push(with_unit(target, &view.unit));
    }
    if let Some(deadline) = &view.proposed_deadline {
        parts.push(format!("tenggat {}", indonesian_date(parse_day(deadline))));
    }
    parts.join("; ")
}

fn negotiation_row(view: &NegotiationView, decision: String, note: String) -> DecisionRow {
    let deadline_changed = view.effective_deadline != view.deadline_when_asked;
    let mut effective = with_unit(view.effective_target, &view.unit);
    if deadline_changed {
        effective = format!("{effective}; tenggat {}", indonesian_date(parse_day(&view.effective_deadline)));
    }
    DecisionRow {
        agency: view.agency_short_name.clone(),
        indicator: view.indicator_name.clone(),
        original_target: with_unit(view.original_target, &view.unit),
        requested: requested(view),
        decision,
        effective_target: effective,
        note,
    }
}

/// The decisions table: requests decided in this meeting (in the order decided, undone
/// ones left out), then the decisions the secretary wrote.
pub fn decision_rows(conn: &Connection, meeting_id: &str, today: NaiveDate) -> Result<Vec<DecisionRow>> {
    let sitting = negotiation_queries::sitting(conn, meeting_id)?;
    let on_behalf = crate::letterhead::get(conn)?.is_some_and(|letterhead| letterhead.sign_on_behalf);
    let mut rows: Vec<DecisionRow> = sitting
        .decisions
        .iter()
        .filter(|entry| !entry.decision.undone)
        .map(|entry| {
            let mut decision = outcome_word(entry.decision.outcome);
            if entry.decision.outcome == Outcome::Counter {
                if let Some(target) = entry.decision.counter_target {
                    decision = format!("{decision}: {}", with_unit(target, &entry.negotiation.unit));
                }
            }
            // Where the regency's practice says so, the Sekda or the Wakil decides on the
            // Regent's behalf, and the minutes say it.
            let for_the_regent = matches!(entry.decision.decided_by_role, Some(Role::Secretary | Role::ViceRegent));
            if on_behalf && for_the_regent {
                decision = format!("{decision} (a.n. Bupati)");
            }
            negotiation_row(&entry.negotiation, decision, with_recorder(&entry.decision))
        })
        .collect();
    for written in decisions(conn, meeting_id)? {
        rows.push(match &written.link {
            Some(DecisionLink::Negotiation { negotiation_id }) => {
                let view = negotiation_queries::get(conn, negotiation_id)?;
                let standing = view.decisions.iter().find(|decision| decision.standing);
                let note = standing.map(|decision| outcome_word(decision.outcome)).unwrap_or_default();
                negotiation_row(&view, written.text.clone(), note)
            }
            Some(DecisionLink::Instruction { instruction_id }) => {
                let detail = instruction_queries::detail(conn, instruction_id, today, None)?;
                DecisionRow {
                    agency: detail.summary.lead_agency_short_name.clone(),
                    indicator: format!(
                        "{} {}",
                        detail.summary.number.clone().unwrap_or_else(|| crate::terms::indonesian_word("draft")),
                        detail.summary.title
                    ),
                    original_target: "–".into(),
                    requested: "–".into(),
                    decision: written.text.clone(),
                    effective_target: "–".into(),
                    note: String::new(),
                }
            }
            None => DecisionRow {
                agency: "–".into(),
                indicator: "–".into(),
                original_target: "–".into(),
                requested: "–".into(),
                decision: written.text.clone(),
                effective_target: "–".into(),
                note: String::new(),
            },
        });
    }
    Ok(rows)
}
