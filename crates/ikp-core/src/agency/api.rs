//! The desk's agency master-data use cases.

use super::import::{self as agency_import, AgencyColumnChoice, AgencyImportPreview};
use super::ops::{self as agency_ops, AgencyInput};
use super::Agency;
use crate::desk::Desk;
use crate::error::{CoreError, Result};

impl Desk {
    /// Adds an agency (master data: leadership). Returns it as stored.
    pub fn add_agency(&mut self, input: AgencyInput) -> Result<Agency> {
        let code = self.act(|tx, author| agency_ops::add(tx, author, &input))?;
        self.agency(&code)
    }

    /// Corrects an agency's name, kind, SIPD code or head; its code stays.
    pub fn edit_agency(&mut self, input: AgencyInput) -> Result<Agency> {
        let code = self.act(|tx, author| agency_ops::edit(tx, author, &input))?;
        self.agency(&code)
    }

    /// Deactivates an agency, or takes it back (`active`).
    pub fn set_agency_active(&mut self, code: &str, active: bool, reason: &str) -> Result<Agency> {
        self.act(|tx, author| agency_ops::set_active(tx, author, code, active, reason))?;
        self.agency(code)
    }

    pub fn agency(&self, code: &str) -> Result<Agency> {
        self.agencies()?
            .into_iter()
            .find(|agency| agency.code == code)
            .ok_or_else(|| CoreError::UnknownAgency { code: code.to_owned() })
    }

    /// Reads and checks an agency list without writing anything.
    pub fn preview_agency_import(
        &self,
        file_name: &str,
        bytes: &[u8],
        columns: &[AgencyColumnChoice],
    ) -> Result<AgencyImportPreview> {
        Ok(agency_import::check(self.store.conn(), file_name, bytes, columns)?.preview)
    }

    /// Imports an agency list: all of it, or nothing while any row is bad.
    pub fn import_agencies(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        columns: &[AgencyColumnChoice],
    ) -> Result<AgencyImportPreview> {
        self.act(|tx, author| {
            let checked = agency_import::check(tx, file_name, bytes, columns)?;
            agency_import::commit(tx, author, checked)
        })
    }
}
