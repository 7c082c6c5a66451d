//! What the screens read of the dialogue: the meeting queue grouped by agency, an
//! agency's requests with their outcomes, an indicator's target history, and the
//! decisions of one sitting.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::payload::{Movement, Outcome};
use crate::clock::utc_text;
use crate::error::{CoreError, Result};
use crate::instruction::achievement::{Achievement, AchievementNote};
use crate::instruction::payload::Direction;
use crate::instruction::queries::own_indicator_achievement;
use crate::meeting::{self, Meeting};
use crate::principal::Role;
use crate::quantity::Quantity;
use crate::use_case::EvidenceRef;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NegotiationStatus {
    Pending,
    Withdrawn,
    Approved,
    Rejected,
    Countered,
}

impl NegotiationStatus {
    pub const ALL: [NegotiationStatus; 5] = [
        NegotiationStatus::Pending,
        NegotiationStatus::Withdrawn,
        NegotiationStatus::Approved,
        NegotiationStatus::Rejected,
        NegotiationStatus::Countered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NegotiationStatus::Pending => "pending",
            NegotiationStatus::Withdrawn => "withdrawn",
            NegotiationStatus::Approved => "approved",
            NegotiationStatus::Rejected => "rejected",
            NegotiationStatus::Countered => "countered",
        }
    }

    pub fn parse(text: &str) -> Option<NegotiationStatus> {
        NegotiationStatus::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// One signed decision on a request. `standing` is false for a decision later undone,
/// or one that lost a race with an earlier decision from another laptop (a conflict).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionView {
    pub event_id: String,
    pub negotiation_id: String,
    pub outcome: Outcome,
    pub counter_target: Option<Quantity>,
    pub counter_deadline: Option<String>,
    pub note: String,
    /// Who recorded the decision (the author of its event), as "name (agency)".
    pub decided_by: String,
    pub decided_by_role: Option<Role>,
    /// When someone other than the Regent recorded it in a meeting (the Sekda, the Wakil at
    /// the laptop): the meeting's chair, whose decision it is. None when the Regent
    /// recorded it, or outside a meeting.
    pub chaired_by: Option<String>,
    /// RFC 3339, UTC.
    pub decided_at: String,
    pub meeting_id: Option<String>,
    pub standing: bool,
    pub undone: bool,
    pub undo_reason: Option<String>,
    /// The projection's order of decisions (clock, then author).
    #[serde(skip)]
    pub(crate) version_key: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NegotiationView {
    pub id: String,
    pub status: NegotiationStatus,
    pub movement: Movement,
    pub agency_code: String,
    pub agency_short_name: String,
    pub instruction_id: String,
    pub instruction_number: Option<String>,
    pub instruction_title: String,
    pub indicator_id: String,
    pub indicator_name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Quantity,
    /// As issued.
    pub original_target: Quantity,
    /// What the agency saw when it asked.
    pub target_when_asked: Quantity,
    /// What achievement is measured against now.
    pub effective_target: Quantity,
    pub proposed_target: Option<Quantity>,
    pub deadline_when_asked: String,
    pub effective_deadline: String,
    pub proposed_deadline: Option<String>,
    pub justification: String,
    pub withdraw_reason: Option<String>,
    pub requested_on: String,
    pub requested_by: String,
    pub latest_value: Option<Quantity>,
    pub achievement: Achievement,
    pub evidence: Vec<EvidenceRef>,
    /// Every decision, oldest first; at most one is `standing`.
    pub decisions: Vec<DecisionView>,
    /// The standing decision's event id, as the projection derived it.
    #[serde(skip)]
    pub(crate) standing_decision: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCounts {
    pub approved: u32,
    pub rejected: u32,
    pub countered: u32,
    pub withdrawn: u32,
}

/// One agency's pending requests in the meeting queue, with its record.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QueueGroup {
    pub agency_code: String,
    pub agency_name: String,
    pub agency_short_name: String,
    /// Mean achievement of the agency's own indicators on active instructions.
    pub achievement_permille: u32,
    /// Outcomes of the agency's past (decided or withdrawn) requests.
    pub past: OutcomeCounts,
    pub requests: Vec<NegotiationView>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NegotiationFilter {
    pub status: Option<NegotiationStatus>,
    pub agency_code: Option<String>,
    pub indicator_id: Option<String>,
    /// Requests decided (or undone) in this meeting.
    pub meeting_id: Option<String>,
    pub limit: Option<u32>,
}

/// One step in an indicator's target history.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TargetStep {
    pub negotiation: NegotiationView,
    /// True when this request's decision changed the effective target or deadline.
    pub changed: bool,
    pub target_before: Quantity,
    pub target_after: Quantity,
    pub deadline_before: String,
    pub deadline_after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TargetHistory {
    pub indicator_id: String,
    pub original_target: Quantity,
    pub original_deadline: String,
    pub effective_target: Quantity,
    pub effective_deadline: String,
    /// Every request on the indicator, in the order it was asked.
    pub steps: Vec<TargetStep>,
}

/// A decision taken in a sitting, with what it was about.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SittingDecision {
    pub decision: DecisionView,
    pub negotiation: NegotiationView,
}

/// The running summary of one meeting: its decisions in the order taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Sitting {
    pub meeting: Meeting,
    pub decisions: Vec<SittingDecision>,
    pub approved: u32,
    pub rejected: u32,
    pub countered: u32,
    pub undone: u32,
}

const VIEW_COLUMNS: &str = "n.id, n.status, n.direction, n.agency_code, coalesce(a.short_name, n.agency_code),
     n.instruction_id, s.number, s.title, n.indicator_id, i.name, i.unit, i.direction, i.baseline, i.original_target,
     n.target_when_asked, i.target, n.proposed_target, n.deadline_when_asked, i.deadline, n.proposed_deadline,
     n.justification, n.requested_on, n.requested_by, i.latest_value, i.achievement_permille, i.achievement_note, n.withdraw_reason,
     n.decision_event";

const VIEW_FROM: &str = "negotiations n
     JOIN indicators i ON i.id = n.indicator_id
     JOIN instructions s ON s.id = n.instruction_id
     LEFT JOIN agencies a ON a.code = n.agency_code";

/// Requests, newest first (the queue and history screens), filtered.
pub fn list(conn: &Connection, filter: &NegotiationFilter) -> Result<Vec<NegotiationView>> {
    let limit = filter.limit.unwrap_or(500).min(5000);
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {VIEW_COLUMNS} FROM {VIEW_FROM}
         WHERE (?1 IS NULL OR n.status = ?1) AND (?2 IS NULL OR n.agency_code = ?2)
           AND (?3 IS NULL OR n.indicator_id = ?3)
           AND (?4 IS NULL OR n.id IN (SELECT negotiation_id FROM negotiation_decisions WHERE meeting_id = ?4))
         ORDER BY n.request_version DESC LIMIT ?5"
    ))?;
    let rows = statement.query_map(
        params![
            filter.status.map(NegotiationStatus::as_str),
            filter.agency_code,
            filter.indicator_id,
            filter.meeting_id,
            limit
        ],
        view_from,
    )?;
    let views: Vec<NegotiationView> = rows.collect::<rusqlite::Result<_>>()?;
    complete(conn, views)
}

pub fn get(conn: &Connection, id: &str) -> Result<NegotiationView> {
    let view = conn
        .prepare_cached(&format!("SELECT {VIEW_COLUMNS} FROM {VIEW_FROM} WHERE n.id = ?1"))?
        .query_row([id], view_from)
        .optional()?
        .ok_or_else(|| CoreError::UnknownNegotiation { id: id.to_owned() })?;
    Ok(complete(conn, vec![view])?.remove(0))
}

/// The meeting room's queue: pending requests grouped by agency (agencies in code
/// order, oldest request first within each), with each agency's record. `only`: the
/// requests a meeting's agenda put before the chair; None for every pending one.
pub fn queue(conn: &Connection, only: Option<&[String]>) -> Result<Vec<QueueGroup>> {
    let filter =
        NegotiationFilter { status: Some(NegotiationStatus::Pending), limit: Some(5000), ..Default::default() };
    let mut pending = list(conn, &filter)?;
    if let Some(only) = only {
        let chosen: std::collections::HashSet<&str> = only.iter().map(String::as_str).collect();
        pending.retain(|request| chosen.contains(request.id.as_str()));
    }
    pending.reverse();
    let achievement = own_indicator_achievement(conn)?;
    let past = past_outcomes(conn)?;
    let names = agency_names(conn)?;
    let mut groups: Vec<QueueGroup> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for request in pending {
        let slot = *index.entry(request.agency_code.clone()).or_insert_with(|| {
            groups.push(QueueGroup {
                agency_code: request.agency_code.clone(),
                agency_name: names.get(&request.agency_code).cloned().unwrap_or_else(|| request.agency_code.clone()),
                agency_short_name: request.agency_short_name.clone(),
                achievement_permille: achievement.get(&request.agency_code).copied().unwrap_or(0),
                past: past.get(&request.agency_code).cloned().unwrap_or_default(),
                requests: Vec::new(),
            });
            groups.len() - 1
        });
        groups[slot].requests.push(request);
    }
    groups.sort_by(|a, b| a.agency_code.cmp(&b.agency_code));
    Ok(groups)
}

/// The original target, then every request on the indicator and what it did.
pub fn target_history(conn: &Connection, indicator_id: &str) -> Result<TargetHistory> {
    let (original_target, original_deadline, effective_target, effective_deadline): (i64, String, i64, String) = conn
        .query_row(
            "SELECT original_target, original_deadline, target, deadline FROM indicators WHERE id = ?1",
            [indicator_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::UnknownIndicator { id: indicator_id.to_owned() })?;
    let filter =
        NegotiationFilter { indicator_id: Some(indicator_id.to_owned()), limit: Some(5000), ..Default::default() };
    let mut requests = list(conn, &filter)?;
    requests.reverse();
    // Replays the effective target in decision order, as the projection does, to say
    // what each step changed.
    let mut by_decision: Vec<(String, usize)> = requests
        .iter()
        .enumerate()
        .filter_map(|(position, request)| standing(request).map(|decision| (decision.version_key.clone(), position)))
        .collect();
    by_decision.sort();
    let mut target = Quantity::from_ten_thousandths(original_target);
    let mut deadline = original_deadline.clone();
    let mut changes: HashMap<usize, (Quantity, Quantity, String, String)> = HashMap::new();
    for (_, position) in by_decision {
        let request = &requests[position];
        let (before_target, before_deadline) = (target, deadline.clone());
        if let Some(decision) = standing(request).filter(|decision| decision.outcome != Outcome::Reject) {
            target = decision.counter_target.or(request.proposed_target).unwrap_or(target);
            deadline = decision.counter_deadline.clone().or(request.proposed_deadline.clone()).unwrap_or(deadline);
        }
        changes.insert(position, (before_target, target, before_deadline, deadline.clone()));
    }
    let steps = requests
        .into_iter()
        .enumerate()
        .map(|(position, negotiation)| {
            let (target_before, target_after, deadline_before, deadline_after) =
                changes.remove(&position).unwrap_or_else(|| {
                    let asked = negotiation.target_when_asked;
                    (asked, asked, negotiation.deadline_when_asked.clone(), negotiation.deadline_when_asked.clone())
                });
            TargetStep {
                changed: target_before != target_after || deadline_before != deadline_after,
                negotiation,
                target_before,
                target_after,
                deadline_before,
                deadline_after,
            }
        })
        .collect();
    Ok(TargetHistory {
        indicator_id: indicator_id.to_owned(),
        original_target: Quantity::from_ten_thousandths(original_target),
        original_deadline,
        effective_target: Quantity::from_ten_thousandths(effective_target),
        effective_deadline,
        steps,
    })
}

/// The decisions (and undos) taken in one meeting, in the order taken.
pub fn sitting(conn: &Connection, meeting_id: &str) -> Result<Sitting> {
    let meeting = meeting::get(conn, meeting_id)?;
    let filter = NegotiationFilter { meeting_id: Some(meeting_id.to_owned()), limit: Some(5000), ..Default::default() };
    let mut decisions: Vec<(DecisionView, NegotiationView)> = Vec::new();
    for negotiation in list(conn, &filter)? {
        for decision in negotiation.decisions.iter().filter(|d| d.meeting_id.as_deref() == Some(meeting_id)) {
            decisions.push((decision.clone(), negotiation.clone()));
        }
    }
    decisions.sort_by(|a, b| a.0.version_key.cmp(&b.0.version_key));
    let mut sitting = Sitting { meeting, decisions: Vec::new(), approved: 0, rejected: 0, countered: 0, undone: 0 };
    for (decision, negotiation) in decisions {
        match (decision.undone, decision.outcome) {
            (true, _) => sitting.undone += 1,
            (false, Outcome::Approve) => sitting.approved += 1,
            (false, Outcome::Reject) => sitting.rejected += 1,
            (false, Outcome::Counter) => sitting.countered += 1,
        }
        sitting.decisions.push(SittingDecision { decision, negotiation });
    }
    Ok(sitting)
}

fn standing(request: &NegotiationView) -> Option<&DecisionView> {
    request.decisions.iter().find(|decision| decision.standing)
}

fn view_from(row: &Row<'_>) -> rusqlite::Result<NegotiationView> {
    let quantity = |index: usize| row.get::<_, i64>(index).map(Quantity::from_ten_thousandths);
    let optional_quantity =
        |index: usize| row.get::<_, Option<i64>>(index).map(|value| value.map(Quantity::from_ten_thousandths));
    let note: String = row.get(25)?;
    Ok(NegotiationView {
        id: row.get(0)?,
        status: NegotiationStatus::parse(&row.get::<_, String>(1)?).unwrap_or(NegotiationStatus::Pending),
        movement: Movement::parse(&row.get::<_, String>(2)?).unwrap_or(Movement::Lower),
        agency_code: row.get(3)?,
        agency_short_name: row.get(4)?,
        instruction_id: row.get(5)?,
        instruction_number: row.get(6)?,
        instruction_title: row.get(7)?,
        indicator_id: row.get(8)?,
        indicator_name: row.get(9)?,
        unit: row.get(10)?,
        direction: Direction::parse(&row.get::<_, String>(11)?).unwrap_or(Direction::HigherIsBetter),
        baseline: quantity(12)?,
        original_target: quantity(13)?,
        target_when_asked: quantity(14)?,
        effective_target: quantity(15)?,
        proposed_target: optional_quantity(16)?,
        deadline_when_asked: row.get(17)?,
        effective_deadline: row.get(18)?,
        proposed_deadline: row.get(19)?,
        justification: row.get(20)?,
        withdraw_reason: row.get(26)?,
        requested_on: row.get(21)?,
        requested_by: row.get(22)?,
        latest_value: optional_quantity(23)?,
        achievement: Achievement {
            permille: row.get(24)?,
            note: AchievementNote::parse(&note).unwrap_or(AchievementNote::NoReport),
        },
        evidence: Vec::new(),
        decisions: Vec::new(),
        standing_decision: row.get(27)?,
    })
}

/// Fills in what lives in other tables: author labels, evidence and decisions.
fn complete(conn: &Connection, mut views: Vec<NegotiationView>) -> Result<Vec<NegotiationView>> {
    let mut labels = Labels::default();
    for view in &mut views {
        view.requested_by = labels.of(conn, &view.requested_by)?.0;
        view.evidence = evidence_of(conn, &view.id)?;
        view.decisions = decisions_of(conn, &view.id, &mut labels)?;
        for decision in &mut view.decisions {
            decision.standing = view.standing_decision.as_deref() == Some(decision.event_id.as_str());
        }
    }
    Ok(views)
}

fn evidence_of(conn: &Connection, negotiation_id: &str) -> Result<Vec<EvidenceRef>> {
    let mut statement = conn.prepare_cached(
        "SELECT sha256, file_name, size_bytes FROM negotiation_evidence WHERE negotiation_id = ?1 ORDER BY file_name",
    )?;
    let rows = statement.query_map([negotiation_id], |row| {
        Ok(EvidenceRef { sha256: row.get(0)?, file_name: row.get(1)?, size_bytes: row.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn decisions_of(conn: &Connection, negotiation_id: &str, labels: &mut Labels) -> Result<Vec<DecisionView>> {
    let mut statement = conn.prepare_cached(
        "SELECT d.event_id, d.outcome, d.counter_target, d.counter_deadline, d.note, d.author, d.hlc_wall,
                d.meeting_id, u.reason, d.version_key, coalesce(json_extract(m.chair_json, '$.name'), m.chair)
         FROM negotiation_decisions d LEFT JOIN decision_undos u ON u.decision_event = d.event_id
         LEFT JOIN meetings m ON m.id = d.meeting_id
         WHERE d.negotiation_id = ?1 ORDER BY d.version_key",
    )?;
    let rows = statement.query_map([negotiation_id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<i64>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, i64>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, Option<String>>(8)?,
            row.get::<_, String>(9)?,
            row.get::<_, Option<String>>(10)?,
        ))
    })?;
    let mut decisions = Vec::new();
    for row in rows {
        let (
            event_id,
            outcome,
            counter_target,
            counter_deadline,
            note,
            author,
            wall,
            meeting_id,
            undo_reason,
            version_key,
            chaired_by,
        ) = row?;
        let (decided_by, decided_by_role) = labels.of(conn, &author)?;
        decisions.push(DecisionView {
            event_id,
            negotiation_id: negotiation_id.to_owned(),
            outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Reject),
            counter_target: counter_target.map(Quantity::from_ten_thousandths),
            counter_deadline,
            note,
            decided_by,
            decided_by_role,
            chaired_by: chaired_by.filter(|chair| !chair.trim().is_empty() && decided_by_role != Some(Role::Regent)),
            decided_at: utc_text(wall),
            meeting_id,
            standing: false,
            undone: undo_reason.is_some(),
            undo_reason,
            version_key,
        });
    }
    Ok(decisions)
}

fn past_outcomes(conn: &Connection) -> Result<HashMap<String, OutcomeCounts>> {
    let mut statement = conn.prepare_cached(
        "SELECT agency_code, status, count(*) FROM negotiations WHERE status != 'pending' GROUP BY agency_code, status",
    )?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get(2)?)))?;
    let mut counts: HashMap<String, OutcomeCounts> = HashMap::new();
    for row in rows {
        let (agency, status, count): (String, String, u32) = row?;
        let entry = counts.entry(agency).or_default();
        match NegotiationStatus::parse(&status) {
            Some(NegotiationStatus::Approved) => entry.approved = count,
            Some(NegotiationStatus::Rejected) => entry.rejected = count,
            Some(NegotiationStatus::Countered) => entry.countered = count,
            Some(NegotiationStatus::Withdrawn) => entry.withdrawn = count,
            Some(NegotiationStatus::Pending) | None => {}
        }
    }
    Ok(counts)
}

fn agency_names(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut statement = conn.prepare_cached("SELECT code, name FROM agencies")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Author labels ("Nama (DP3A)") and roles, looked up once per device.
#[derive(Default)]
struct Labels(HashMap<String, (String, Option<Role>)>);

impl Labels {
    fn of(&mut self, conn: &Connection, device: &str) -> Result<(String, Option<Role>)> {
        if let Some(known) = self.0.get(device) {
            return Ok(known.clone());
        }
        let found: Option<(String, String, Option<String>)> = conn
            .prepare_cached(
                "SELECT d.user_name, d.role, a.short_name FROM devices d LEFT JOIN agencies a ON a.code = d.agency_code
                 WHERE d.device_id = ?1",
            )?
            .query_row([device], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let label = match found {
            Some((user, role, Some(agency))) => (format!("{user} ({agency})"), Role::parse(&role)),
            Some((user, role, None)) => (user, Role::parse(&role)),
            None => (format!("perangkat {}", &device[..8.min(device.len())]), None),
        };
        self.0.insert(device.to_owned(), label.clone());
        Ok(label)
    }
}
