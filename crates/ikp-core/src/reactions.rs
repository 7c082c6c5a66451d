//! Facts of one domain that another domain answers, declared here, above both, so that
//! neither imports the other: the projection calls [`follow`] after every event's own
//! projection, on create, import and rebuild alike.
//!
//! Each reaction recomputes from signed facts and is idempotent, so it may run for an
//! event whose own projection changed nothing (a stale version, a refused transition).

use rusqlite::Connection;

use crate::budget::indicator_link;
use crate::complaint;
use crate::error::Result;
use crate::kinds::DomainEvent;

/// What other domains do once `domain` has been projected.
pub(crate) fn follow(conn: &Connection, domain: &DomainEvent) -> Result<()> {
    match domain {
        // An absorption indicator takes its value, and once issued its baseline, from
        // the budget: the budget measures the indicators an instruction names.
        DomainEvent::InstructionDrafted(drafted) => {
            for indicator in &drafted.indicators {
                if let Some(source) = indicator.source {
                    indicator_link::refresh(conn, &indicator.agency_code, source.fiscal_year())?;
                }
            }
            Ok(())
        }
        DomainEvent::InstructionIssued(issued) => indicator_link::refresh_instruction(conn, &issued.instruction_id),
        // Complaint deadlines still running are counted in working days.
        DomainEvent::HolidaysSet(_) => complaint::project::recompute_deadlines(conn),
        _ => Ok(()),
    }
}
