//! Checking what a person typed about an agency, and turning it into events. The same
//! checks read an imported list, row by row.

use rusqlite::Connection;
use serde::Deserialize;

use super::payload::{AgencyActiveSet, AgencyDetails, AgencyHead, AgencyHeadSet};
use super::{list, Agency, AgencyKind};
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::DomainEvent;
use crate::record::record;
use crate::use_case::Author;

/// Room for a SIPD kode SKPD used as the code ("1.02.0.00.0.00.01.0000").
pub const MAX_CODE_CHARS: usize = 40;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_SHORT_NAME_CHARS: usize = 40;
const MAX_SIPD_CHARS: usize = 40;
const MAX_HEAD_PART_CHARS: usize = 120;
const MAX_REASON_CHARS: usize = 500;
/// A civil servant's NIP: birth date, appointment month, sex and number.
const NIP_DIGITS: usize = 18;

/// An agency as the form sends it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgencyInput {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    /// Empty when not known.
    pub sipd_code: String,
    /// None: nobody named (yet).
    pub head: Option<AgencyHead>,
}

/// A problem of one field: its name as the core reports it, and what is wrong.
pub type FieldProblem = (&'static str, InputProblem);

/// The code as stored: trimmed, letters, digits, dots, dashes and underscores only.
pub fn clean_code(text: &str) -> std::result::Result<String, InputProblem> {
    let code = text.trim();
    if code.is_empty() {
        return Err(InputProblem::Required);
    }
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(InputProblem::TooLong);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(InputProblem::NotAllowed);
    }
    Ok(code.to_owned())
}

/// The name, short name and SIPD code, checked.
pub fn check_details(
    code: String,
    name: &str,
    short_name: &str,
    kind: AgencyKind,
    sipd_code: &str,
) -> std::result::Result<AgencyDetails, FieldProblem> {
    let text = |field: &'static str, value: &str, max: usize| match value.trim() {
        "" => Err((field, InputProblem::Required)),
        trimmed if trimmed.chars().count() > max => Err((field, InputProblem::TooLong)),
        trimmed => Ok(trimmed.to_owned()),
    };
    let name = text("name", name, MAX_NAME_CHARS)?;
    let short_name = text("shortName", short_name, MAX_SHORT_NAME_CHARS)?;
    let sipd_code = match sipd_code.trim() {
        "" => None,
        sipd if sipd.chars().count() > MAX_SIPD_CHARS => return Err(("sipdCode", InputProblem::TooLong)),
        sipd if !sipd.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            return Err(("sipdCode", InputProblem::NotAllowed))
        }
        sipd => Some(sipd.to_owned()),
    };
    Ok(AgencyDetails { code, name, short_name, kind, sipd_code })
}

/// The head, checked; `None` when no part was given.
pub fn check_head(head: &AgencyHead) -> std::result::Result<Option<AgencyHead>, FieldProblem> {
    let nip: String = head.nip.chars().filter(|c| !c.is_whitespace()).collect();
    let parts = [head.name.trim(), head.title.trim(), head.rank.trim()];
    if parts.iter().all(|part| part.is_empty()) && nip.is_empty() {
        return Ok(None);
    }
    if parts[0].is_empty() {
        return Err(("headName", InputProblem::Required));
    }
    for (field, part) in [("headName", parts[0]), ("headTitle", parts[1]), ("headRank", parts[2])] {
        if part.chars().count() > MAX_HEAD_PART_CHARS {
            return Err((field, InputProblem::TooLong));
        }
    }
    if !nip.is_empty() && (nip.len() != NIP_DIGITS || !nip.chars().all(|c| c.is_ascii_digit())) {
        return Err(("headNip", InputProblem::NotAllowed));
    }
    Ok(Some(AgencyHead { name: parts[0].into(), title: parts[1].into(), nip, rank: parts[2].into() }))
}

fn invalid((field, problem): FieldProblem) -> CoreError {
    CoreError::invalid(field, problem)
}

fn checked(input: &AgencyInput) -> Result<(AgencyDetails, Option<AgencyHead>)> {
    let code = clean_code(&input.code).map_err(|problem| CoreError::invalid("code", problem))?;
    let details = check_details(code, &input.name, &input.short_name, input.kind, &input.sipd_code).map_err(invalid)?;
    let head = match &input.head {
        Some(head) => check_head(head).map_err(invalid)?,
        None => None,
    };
    Ok((details, head))
}

/// What an agency is now, as its details and head events would say it.
pub(crate) fn current(conn: &Connection, code: &str) -> Result<Option<(AgencyDetails, Option<AgencyHead>)>> {
    Ok(list(conn)?.into_iter().find(|agency| agency.code == code).map(|agency| split(&agency)))
}

pub(crate) fn split(agency: &Agency) -> (AgencyDetails, Option<AgencyHead>) {
    let details = AgencyDetails {
        code: agency.code.clone(),
        name: agency.name.clone(),
        short_name: agency.short_name.clone(),
        kind: agency.kind,
        sipd_code: agency.sipd_code.clone(),
    };
    (details, agency.head())
}

/// Adds an agency; its code must be new.
pub fn add(conn: &Connection, author: &Author<'_>, input: &AgencyInput) -> Result<String> {
    let (details, head) = checked(input)?;
    if current(conn, &details.code)?.is_some() {
        return Err(CoreError::invalid("code", InputProblem::Duplicate));
    }
    let code = details.code.clone();
    record(conn, author.key, author.clock, &DomainEvent::AgencyDetailsSet(details))?;
    if head.is_some() {
        record(
            conn,
            author.key,
            author.clock,
            &DomainEvent::AgencyHeadSet(AgencyHeadSet { code: code.clone(), head }),
        )?;
    }
    Ok(code)
}

/// Corrects an agency's name, kind, SIPD code or head. The code never changes (records
/// point at it); a new name keeps the old one in the history. Writes only what changed.
pub fn edit(conn: &Connection, author: &Author<'_>, input: &AgencyInput) -> Result<String> {
    let (details, head) = checked(input)?;
    let Some((was_details, was_head)) = current(conn, &details.code)? else {
        return Err(CoreError::UnknownAgency { code: details.code });
    };
    let code = details.code.clone();
    if details == was_details && head == was_head {
        // Nothing to write, but the answer must still be the one the author would get.
        let principal = crate::device::principal(conn, author.key.id())?;
        let probe = DomainEvent::AgencyHeadSet(AgencyHeadSet { code: code.clone(), head });
        crate::policy::authorize(&probe, author.key.id(), principal.as_ref())?;
        return Ok(code);
    }
    if details != was_details {
        record(conn, author.key, author.clock, &DomainEvent::AgencyDetailsSet(details))?;
    }
    if head != was_head {
        record(
            conn,
            author.key,
            author.clock,
            &DomainEvent::AgencyHeadSet(AgencyHeadSet { code: code.clone(), head }),
        )?;
    }
    Ok(code)
}

/// Deactivates an agency (it receives nothing new, its records stay) or takes it back.
pub fn set_active(conn: &Connection, author: &Author<'_>, code: &str, active: bool, reason: &str) -> Result<()> {
    let Some(agency) = list(conn)?.into_iter().find(|agency| agency.code == code) else {
        return Err(CoreError::UnknownAgency { code: code.to_owned() });
    };
    if reason.trim().chars().count() > MAX_REASON_CHARS {
        return Err(CoreError::invalid("reason", InputProblem::TooLong));
    }
    if agency.active == active {
        return Ok(());
    }
    let change = AgencyActiveSet { code: code.to_owned(), active, reason: reason.trim().to_owned() };
    record(conn, author.key, author.clock, &DomainEvent::AgencyActiveSet(change))?;
    Ok(())
}
