//! Instruction use cases: validate the input against the local state, then record the
//! event(s) through `record`, which authorizes and projects them.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::lifecycle::{Action, Status};
use super::payload::*;
use super::project::status_of;
use crate::agency;
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::{DomainEvent, EventKind};
use crate::quantity::Quantity;
use crate::record::record;
use crate::settings::{self, NumberTemplate};
pub use crate::use_case::{new_id, Author};
pub(crate) use crate::use_case::{parse_date, parse_quantity, require_length};

const MAX_TITLE: usize = 200;
const MAX_TEXT: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorInput {
    pub agency_code: String,
    pub name: String,
    pub unit: String,
    /// Decimal text, "12" or "12,5".
    pub baseline: String,
    pub target: String,
    pub direction: Direction,
    /// YYYY-MM-DD; defaults to the instruction's deadline.
    pub deadline: Option<String>,
    /// Set for an indicator whose value comes from other records ("serapan anggaran").
    #[serde(default)]
    pub source: Option<IndicatorSource>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IssueInput {
    pub title: String,
    pub category: String,
    pub background: String,
    pub text: String,
    pub lead_agency: String,
    pub supporting_agencies: Vec<String>,
    pub indicators: Vec<IndicatorInput>,
    /// YYYY-MM-DD; defaults to one month after the day of issue.
    pub deadline: Option<String>,
    /// Save as a draft instead of issuing now.
    pub draft_only: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProgressInput {
    pub indicator_id: String,
    pub value: String,
    /// YYYY-MM-DD; defaults to today.
    pub reported_on: Option<String>,
    pub note: String,
    pub evidence: Vec<EvidenceRef>,
}

/// An edit after issue: each changed field, and why.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AmendInput {
    pub instruction_id: String,
    pub reason: String,
    pub title: Option<String>,
    pub text: Option<String>,
    pub deadline: Option<String>,
}

/// A draft rewritten before issue: the whole content again, as on the issue form.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EditDraftInput {
    pub instruction_id: String,
    /// The content; with `draftOnly` false the draft is issued right after it is saved.
    pub content: IssueInput,
}

/// Issues (or drafts) an instruction. Returns its id.
pub fn issue(conn: &Connection, author: &Author<'_>, input: IssueInput) -> Result<String> {
    let drafted = validate_issue(conn, author.today, input.clone(), None)?;
    let instruction_id = drafted.instruction_id.clone();
    record(conn, author.key, author.clock, &DomainEvent::InstructionDrafted(drafted))?;
    if !input.draft_only {
        issue_draft(conn, author, &instruction_id)?;
    }
    Ok(instruction_id)
}

/// Issues an existing draft under the next official number.
pub fn issue_draft(conn: &Connection, author: &Author<'_>, instruction_id: &str) -> Result<()> {
    require_action(conn, instruction_id, Action::Issue)?;
    let (number, year, seq) = next_number(conn, author.today)?;
    record(
        conn,
        author.key,
        author.clock,
        &DomainEvent::InstructionIssued(InstructionIssued {
            instruction_id: instruction_id.to_owned(),
            number,
            issued_on: author.today,
            year: Some(year),
            seq: Some(seq),
        }),
    )?;
    Ok(())
}

/// Rewrites a draft: the same checks as issuing, under the draft's own id. The draft's
/// category stays allowed even if it has since left the category list.
pub fn edit_draft(conn: &Connection, author: &Author<'_>, input: EditDraftInput) -> Result<()> {
    let instruction_id = input.instruction_id;
    let current_category: Option<String> = conn
        .query_row("SELECT category FROM instructions WHERE id = ?1", [&instruction_id], |row| row.get(0))
        .optional()?;
    let Some(current_category) = current_category else {
        return Err(CoreError::UnknownInstruction { id: instruction_id });
    };
    let issue_after = !input.content.draft_only;
    let mut drafted = validate_issue(conn, author.today, input.content, Some(&current_category))?;
    drafted.instruction_id = instruction_id.clone();
    act_on(conn, author, &instruction_id, Action::Redraft, DomainEvent::InstructionDrafted(drafted))?;
    if issue_after {
        issue_draft(conn, author, &instruction_id)?;
    }
    Ok(())
}

/// Reports a value for one indicator. Returns the instruction's id.
pub fn report_progress(conn: &Connection, author: &Author<'_>, input: ProgressInput) -> Result<String> {
    let (instruction_id, agency_code, source_kind): (String, String, Option<String>) = conn
        .query_row(
            "SELECT instruction_id, agency_code, source_kind FROM indicators WHERE id = ?1",
            [&input.indicator_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::UnknownIndicator { id: input.indicator_id.clone() })?;
    if source_kind.is_some() {
        return Err(CoreError::IndicatorIsAutomatic { id: input.indicator_id });
    }
    let value = parse_quantity("value", &input.value)?;
    let reported_on = match &input.reported_on {
        Some(text) => parse_date("reportedOn", text)?,
        None => author.today,
    };
    if reported_on > author.today {
        return Err(CoreError::invalid("reportedOn", InputProblem::InTheFuture));
    }
    require_length("note", &input.note, MAX_TEXT, false)?;
    let event = DomainEvent::ProgressReported(ProgressReported {
        progress_id: new_id()?,
        instruction_id: instruction_id.clone(),
        indicator_id: input.indicator_id,
        agency_code,
        value,
        reported_on,
        note: input.note.trim().to_owned(),
        evidence: input.evidence,
    });
    act_on(conn, author, &instruction_id, Action::ReportProgress, event)?;
    Ok(instruction_id)
}

pub fn report_complete(conn: &Connection, author: &Author<'_>, instruction_id: &str, note: &str) -> Result<()> {
    let lead = lead_agency(conn, instruction_id)?;
    let event = DomainEvent::CompletionReported(CompletionReported {
        instruction_id: instruction_id.to_owned(),
        agency_code: lead,
        note: note.trim().to_owned(),
    });
    act_on(conn, author, instruction_id, Action::ReportComplete, event)
}

/// An agency the instruction names writes a note on it. Refused before anything about
/// the instruction is read when the author is not agency staff, so a refusal tells
/// nothing about instructions of other agencies.
pub fn add_note(conn: &Connection, author: &Author<'_>, instruction_id: &str, note: &str) -> Result<()> {
    let principal = crate::device::principal(conn, author.key.id())?;
    let Some(agency_code) = principal.as_ref().and_then(|who| who.agency_code.clone()) else {
        return Err(CoreError::NotAuthorized {
            kind: InstructionNoteAdded::NAME.to_owned(),
            role: principal.map(|who| who.role),
        });
    };
    require_length("note", note, MAX_TEXT, true)?;
    let status = status_of(conn, instruction_id)?
        .ok_or_else(|| CoreError::UnknownInstruction { id: instruction_id.to_owned() })?;
    if !status.is_active() {
        return Err(CoreError::invalid("note", InputProblem::NotAllowed));
    }
    let assigned: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM instruction_agencies WHERE instruction_id = ?1 AND agency_code = ?2",
            params![instruction_id, agency_code],
            |row| row.get(0),
        )
        .optional()?;
    if assigned.is_none() {
        return Err(CoreError::NotAuthorized {
            kind: InstructionNoteAdded::NAME.to_owned(),
            role: principal.map(|who| who.role),
        });
    }
    let event = DomainEvent::InstructionNoteAdded(InstructionNoteAdded {
        instruction_id: instruction_id.to_owned(),
        agency_code,
        note: note.trim().to_owned(),
    });
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub fn return_completion(conn: &Connection, author: &Author<'_>, instruction_id: &str, reason: &str) -> Result<()> {
    require_length("reason", reason, MAX_TEXT, true)?;
    let event = DomainEvent::CompletionReturned(CompletionReturned {
        instruction_id: instruction_id.to_owned(),
        reason: reason.trim().to_owned(),
    });
    act_on(conn, author, instruction_id, Action::ReturnCompletion, event)
}

pub fn verify(conn: &Connection, author: &Author<'_>, instruction_id: &str, note: &str) -> Result<()> {
    let event = DomainEvent::InstructionVerified(InstructionVerified {
        instruction_id: instruction_id.to_owned(),
        note: note.trim().to_owned(),
    });
    act_on(conn, author, instruction_id, Action::Verify, event)
}

pub fn cancel(conn: &Connection, author: &Author<'_>, instruction_id: &str, reason: &str) -> Result<()> {
    require_length("reason", reason, MAX_TEXT, true)?;
    let event = DomainEvent::InstructionCancelled(InstructionCancelled {
        instruction_id: instruction_id.to_owned(),
        reason: reason.trim().to_owned(),
    });
    act_on(conn, author, instruction_id, Action::Cancel, event)
}

pub fn amend(
    conn: &Connection,
    author: &Author<'_>,
    instruction_id: &str,
    reason: &str,
    title: Option<String>,
    text: Option<String>,
    deadline: Option<String>,
) -> Result<()> {
    require_length("reason", reason, MAX_TEXT, true)?;
    if let Some(title) = &title {
        require_length("title", title, MAX_TITLE, true)?;
    }
    let deadline = deadline.map(|text| parse_date("deadline", &text)).transpose()?;
    let event = DomainEvent::InstructionAmended(InstructionAmended {
        instruction_id: instruction_id.to_owned(),
        reason: reason.trim().to_owned(),
        title: title.map(|t| t.trim().to_owned()),
        text,
        deadline,
    });
    act_on(conn, author, instruction_id, Action::Amend, event)
}

/// An action on an existing instruction: authorize first (so another agency's staff
/// hear "not authorized", not "wrong state"), then check the state, then record.
fn act_on(
    conn: &Connection,
    author: &Author<'_>,
    instruction_id: &str,
    action: Action,
    event: DomainEvent,
) -> Result<()> {
    crate::policy::authorize(&event, author.key.id(), crate::device::principal(conn, author.key.id())?.as_ref())?;
    require_action(conn, instruction_id, action)?;
    record(conn, author.key, author.clock, &event)?;
    Ok(())
}

pub(crate) fn require_action(conn: &Connection, instruction_id: &str, action: Action) -> Result<Status> {
    let status = status_of(conn, instruction_id)?
        .ok_or_else(|| CoreError::UnknownInstruction { id: instruction_id.to_owned() })?;
    status.after(action).ok_or(CoreError::InvalidTransition { status, action })
}

fn lead_agency(conn: &Connection, instruction_id: &str) -> Result<String> {
    conn.query_row("SELECT lead_agency FROM instructions WHERE id = ?1", [instruction_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| CoreError::UnknownInstruction { id: instruction_id.to_owned() })
}

/// `kept_category`: a category the instruction already has, allowed even if retired.
fn validate_issue(
    conn: &Connection,
    today: NaiveDate,
    input: IssueInput,
    kept_category: Option<&str>,
) -> Result<InstructionDrafted> {
    require_length("title", &input.title, MAX_TITLE, true)?;
    require_length("text", &input.text, MAX_TEXT, true)?;
    require_length("background", &input.background, MAX_TEXT, false)?;
    if input.category.trim().is_empty() {
        return Err(CoreError::invalid("category", InputProblem::Required));
    }
    let offered = settings::categories(conn)?.iter().any(|category| category.code == input.category);
    if !offered && kept_category != Some(input.category.as_str()) {
        return Err(CoreError::invalid("category", InputProblem::NotAllowed));
    }
    if input.lead_agency.trim().is_empty() {
        return Err(CoreError::invalid("leadAgency", InputProblem::Required));
    }
    // A deactivated agency keeps its records but receives nothing new.
    agency::require_active(conn, &input.lead_agency)?;
    for code in &input.supporting_agencies {
        agency::require_active(conn, code)?;
    }
    let deadline = match &input.deadline {
        Some(text) => parse_date("deadline", text)?,
        None => today.checked_add_months(Months::new(1)).unwrap_or(today),
    };
    if deadline < today {
        return Err(CoreError::invalid("deadline", InputProblem::InThePast));
    }
    if input.indicators.is_empty() {
        return Err(CoreError::invalid("indicators", InputProblem::Required));
    }
    let assigned: Vec<&str> = std::iter::once(input.lead_agency.as_str())
        .chain(input.supporting_agencies.iter().map(String::as_str))
        .collect();
    let mut indicators = Vec::with_capacity(input.indicators.len());
    for (index, indicator) in input.indicators.into_iter().enumerate() {
        let field = |name: &str| format!("indicators.{index}.{name}");
        if !assigned.contains(&indicator.agency_code.as_str()) {
            return Err(CoreError::invalid(&field("agencyCode"), InputProblem::NotAllowed));
        }
        require_length(&field("name"), &indicator.name, MAX_TITLE, true)?;
        require_length(&field("unit"), &indicator.unit, 50, true)?;
        let baseline = match indicator.source {
            // Measured on the day of issue (budget::indicator_link), never typed: a typed
            // 0 is what made a 60% → 90% instruction open at 67%.
            Some(IndicatorSource::BudgetAbsorption { .. }) => Quantity::from_ten_thousandths(0),
            None => parse_quantity(&field("baseline"), &indicator.baseline)?,
        };
        let target = parse_quantity(&field("target"), &indicator.target)?;
        let wrong_way = match indicator.direction {
            Direction::HigherIsBetter => target < baseline,
            Direction::LowerIsBetter => target > baseline,
        };
        if wrong_way {
            return Err(CoreError::invalid(&field("target"), InputProblem::WrongDirection));
        }
        if let Some(IndicatorSource::BudgetAbsorption { fiscal_year }) = indicator.source {
            // Absorption is a percentage that rises; anything else would be a mistake.
            if indicator.direction != Direction::HigherIsBetter {
                return Err(CoreError::invalid(&field("direction"), InputProblem::NotAllowed));
            }
            if target > Quantity::from_ten_thousandths(100 * 10_000) {
                return Err(CoreError::invalid(&field("target"), InputProblem::OutOfRange));
            }
            if !(2000..=2100).contains(&fiscal_year) {
                return Err(CoreError::invalid(&field("source"), InputProblem::OutOfRange));
            }
        }
        let indicator_deadline = match &indicator.deadline {
            Some(text) => parse_date(&field("deadline"), text)?,
            None => deadline,
        };
        indicators.push(IndicatorSpec {
            indicator_id: new_id()?,
            agency_code: indicator.agency_code,
            name: indicator.name.trim().to_owned(),
            unit: indicator.unit.trim().to_owned(),
            baseline,
            target,
            direction: indicator.direction,
            deadline: indicator_deadline,
            source: indicator.source,
        });
    }
    Ok(InstructionDrafted {
        instruction_id: new_id()?,
        title: input.title.trim().to_owned(),
        category: input.category,
        background: input.background.trim().to_owned(),
        text: input.text.trim().to_owned(),
        lead_agency: input.lead_agency,
        supporting_agencies: input.supporting_agencies,
        indicators,
        deadline,
    })
}

/// The next official number in the regency's format (default
/// `IKP/<seq>/<roman month>/<year>`), numbered per year: (number, year, sequence).
pub fn next_number(conn: &Connection, today: NaiveDate) -> Result<(String, i32, u32)> {
    let last: Option<i64> = conn.query_row(
        "SELECT max(number_seq) FROM instructions WHERE number_year = ?1",
        params![today.year()],
        |row| row.get(0),
    )?;
    let seq = u32::try_from(last.unwrap_or(0) + 1).unwrap_or(u32::MAX);
    // A stored template is checked when set; should one be unreadable, the default holds.
    let template = NumberTemplate::parse(&settings::number_template(conn)?)
        .or_else(|_| NumberTemplate::parse(settings::DEFAULT_NUMBER_TEMPLATE))?;
    Ok((template.format(seq, today), today.year(), seq))
}

/// (year, sequence) of a number in the default format, for `instruction.issued` events
/// from before they carried both; zeros for a foreign format.
pub fn number_parts(number: &str) -> (i64, i64) {
    let parts: Vec<&str> = number.split('/').collect();
    let seq = parts.get(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    let year = parts.last().and_then(|p| p.parse().ok()).unwrap_or(0);
    (year, seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_official_format() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let default = NumberTemplate::parse(settings::DEFAULT_NUMBER_TEMPLATE).unwrap();
        assert_eq!(default.format(7, day), "IKP/7/XI/2026");
        assert_eq!(number_parts("IKP/7/XI/2026"), (2026, 7));
    }
}
