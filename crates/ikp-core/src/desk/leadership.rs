//! The desk's use cases for the regency's officials, its letterhead, and the first-day
//! setup a new regency walks through.

use serde::Serialize;

use crate::desk::Desk;
use crate::error::Result;
use crate::kinds::DomainEvent;
use crate::letterhead::{self, LetterheadSet};
use crate::officials::{self, AppointmentInput, Officials};
use crate::{agency, regency, workdays};

/// How far a regency's first-day setup has come: each step can be skipped and done
/// later from Pengaturan; the dashboard offers what is still missing.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupProgress {
    pub regency_profile: bool,
    pub letterhead: bool,
    pub logo: bool,
    /// Posts with a current holder.
    pub officials: u32,
    pub agencies: u32,
    pub holidays: u32,
}

impl Desk {
    /// Who holds each post today, and every appointment.
    pub fn officials(&self) -> Result<Officials> {
        officials::officials(self.store.conn(), self.today())
    }

    /// Records an appointment (master data: the leadership or the Setda operator).
    pub fn appoint_official(&mut self, input: AppointmentInput) -> Result<Officials> {
        let appointment = officials::validate(input, self.today())?;
        self.record(DomainEvent::OfficialAppointed(appointment))?;
        self.officials()
    }

    pub fn letterhead(&self) -> Result<Option<LetterheadSet>> {
        letterhead::get(self.store.conn())
    }

    /// Sets the kop surat's lines, the signature city and the "a.n. Bupati" convention.
    pub fn set_letterhead(&mut self, input: LetterheadSet) -> Result<LetterheadSet> {
        let letterhead = letterhead::validate(input)?;
        self.record(DomainEvent::LetterheadSet(letterhead.clone()))?;
        Ok(letterhead)
    }

    pub fn setup_progress(&self) -> Result<SetupProgress> {
        let conn = self.store.conn();
        Ok(SetupProgress {
            regency_profile: regency::get(conn)?.is_some(),
            letterhead: letterhead::get(conn)?.is_some(),
            logo: regency::logo(conn)?.is_some(),
            officials: self.officials()?.current.len() as u32,
            agencies: agency::count(conn)?,
            holidays: workdays::holidays(conn)?.len() as u32,
        })
    }
}
