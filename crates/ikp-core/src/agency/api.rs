//! The desk's agency master-data use cases.

use std::ops::{Deref, DerefMut};

use super::import::{self as agency_import, AgencyColumnChoice, AgencyImportPreview};
use super::ops::{self as agency_ops, AgencyInput};
use super::Agency;
use crate::desk::Desk;
use crate::error::{CoreError, Result};

/// `desk.agencies()`: the use cases of the regency's agencies as master data.
pub struct AgencyDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> AgencyDesk<D> {
    pub fn list(&self) -> Result<Vec<Agency>> {
        super::list(self.desk.store.conn())
    }

    pub fn get(&self, code: &str) -> Result<Agency> {
        self.list()?
            .into_iter()
            .find(|agency| agency.code == code)
            .ok_or_else(|| CoreError::UnknownAgency { code: code.to_owned() })
    }

    /// Reads and checks an agency list without writing anything.
    pub fn preview_import(
        &self,
        file_name: &str,
        bytes: &[u8],
        columns: &[AgencyColumnChoice],
    ) -> Result<AgencyImportPreview> {
        Ok(agency_import::check(self.desk.store.conn(), file_name, bytes, columns)?.preview)
    }
}

impl<D: DerefMut<Target = Desk>> AgencyDesk<D> {
    /// Adds an agency (master data: leadership). Returns it as stored.
    pub fn add(&mut self, input: AgencyInput) -> Result<Agency> {
        let code = self.desk.act(|tx, author| agency_ops::add(tx, author, &input))?;
        self.get(&code)
    }

    /// Corrects an agency's name, kind, SIPD code or head; its code stays.
    pub fn edit(&mut self, input: AgencyInput) -> Result<Agency> {
        let code = self.desk.act(|tx, author| agency_ops::edit(tx, author, &input))?;
        self.get(&code)
    }

    /// Deactivates an agency, or takes it back (`active`).
    pub fn set_active(&mut self, code: &str, active: bool, reason: &str) -> Result<Agency> {
        self.desk.act(|tx, author| agency_ops::set_active(tx, author, code, active, reason))?;
        self.get(code)
    }

    /// Imports an agency list: all of it, or nothing while any row is bad.
    pub fn import(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        columns: &[AgencyColumnChoice],
    ) -> Result<AgencyImportPreview> {
        self.desk.act(|tx, author| {
            let checked = agency_import::check(tx, file_name, bytes, columns)?;
            agency_import::commit(tx, author, checked)
        })
    }
}
