//! The desk's use cases for the regency's officials, its letterhead, and the first-day
//! setup a new regency walks through.

use std::ops::{Deref, DerefMut};

use serde::Serialize;

use crate::desk::regency_settings::SettingsDesk;
use crate::desk::Desk;
use crate::error::{CoreError, InputProblem, Result};
use crate::kinds::DomainEvent;
use crate::letterhead::{self, LetterheadSet};
use crate::officials::{self, AppointmentInput, OfficialPost, Officials};
use crate::record::record;
use crate::regency::RegencyProfile;
use crate::workdays::Holiday;
use crate::{agency, regency, workdays};

/// The days off with the dates still estimated.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HolidayCalendar {
    pub holidays: Vec<Holiday>,
    /// YYYY-MM-DD of the holidays that are estimates.
    pub provisional: Vec<String>,
}

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

impl<D: Deref<Target = Desk>> SettingsDesk<D> {
    /// Who holds each post today, and every appointment.
    pub fn officials(&self) -> Result<Officials> {
        officials::officials(self.desk.store.conn(), self.desk.today())
    }

    pub fn letterhead(&self) -> Result<Option<LetterheadSet>> {
        letterhead::get(self.desk.store.conn())
    }

    /// The days off, and which of them are still estimates (lunar holidays of a year
    /// whose decree is not out yet), for the screen to mark.
    pub fn holiday_calendar(&self) -> Result<HolidayCalendar> {
        let holidays = workdays::holidays(self.desk.store.conn())?;
        let provisional = workdays::provisional(&holidays).into_iter().map(|day| day.to_string()).collect();
        Ok(HolidayCalendar { holidays, provisional })
    }

    /// The trust root's key sealed under a passphrase, for a safe place away from the
    /// laptop. Only the root's laptop makes one.
    pub fn backup_root_key(&self, passphrase: &str) -> Result<Vec<u8>> {
        let current = crate::succession::current_root(self.desk.store.conn())?.map(|(root, _)| root);
        if current != Some(self.desk.key.id()) {
            return Err(CoreError::RootKey { problem: crate::root_key::RootKeyProblem::NotTheRoot });
        }
        crate::root_key::seal(&self.desk.key, passphrase)
    }

    pub fn setup_progress(&self) -> Result<SetupProgress> {
        let conn = self.desk.store.conn();
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

impl<D: DerefMut<Target = Desk>> SettingsDesk<D> {
    /// Records an appointment (master data: the leadership or the Setda operator).
    pub fn appoint_official(&mut self, input: AppointmentInput) -> Result<Officials> {
        let appointment = officials::validate(input, self.desk.today())?;
        self.desk.record(DomainEvent::OfficialAppointed(appointment))?;
        self.officials()
    }

    /// Sets the kop surat's lines, the signature city and the "a.n. Bupati" convention.
    pub fn set_letterhead(&mut self, input: LetterheadSet) -> Result<LetterheadSet> {
        let letterhead = letterhead::validate(input)?;
        self.desk.record(DomainEvent::LetterheadSet(letterhead.clone()))?;
        Ok(letterhead)
    }

    /// Names the regency as its documents head it ("Pemerintah Kabupaten Bekasi") and
    /// sets its letterhead, both or neither. The profile's older fields (address, Regent,
    /// Sekda) are carried from the letterhead and the officials, so screens that still
    /// read the profile see the same people.
    pub fn set_regency_identity(&mut self, name: &str, letterhead: LetterheadSet) -> Result<RegencyProfile> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::invalid("regencyName", InputProblem::Required));
        }
        if name.chars().count() > 120 {
            return Err(CoreError::invalid("regencyName", InputProblem::TooLong));
        }
        let letterhead = letterhead::validate(letterhead)?;
        let conn = self.desk.store.conn();
        let was = regency::get(conn)?;
        let current = officials::officials(conn, self.desk.today())?.current;
        let holder = |post: OfficialPost| current.iter().find(|official| official.post == post);
        let (regent_name, regent_title) = match holder(OfficialPost::Regent) {
            Some(regent) => (regent.name.clone(), regent.title.clone()),
            None => was.as_ref().map(|p| (p.regent_name.clone(), p.regent_title.clone())).unwrap_or_default(),
        };
        let secretary_name = holder(OfficialPost::Secretary)
            .map(|secretary| secretary.name.clone())
            .or_else(|| was.as_ref().map(|profile| profile.secretary_name.clone()))
            .unwrap_or_default();
        let profile = RegencyProfile {
            name: name.to_owned(),
            address: letterhead.address.clone(),
            regent_name,
            regent_title,
            secretary_name,
        };
        let (kop, named) = (DomainEvent::LetterheadSet(letterhead), DomainEvent::RegencyProfileSet(profile.clone()));
        self.desk.act(|tx, author| {
            record(tx, author.key, author.clock, &kop)?;
            record(tx, author.key, author.clock, &named)
        })?;
        Ok(profile)
    }
}
