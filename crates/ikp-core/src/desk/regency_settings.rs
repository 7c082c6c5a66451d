//! The desk's regency profile, letterhead and settings use cases.

use std::fs;

use crate::desk::{Desk, MAX_LOGO_BYTES};
use crate::error::{CoreError, InputProblem, Result};
use crate::evidence::EvidenceStore;
use crate::instruction::ops;
use crate::kinds::DomainEvent;
use crate::regency::{self, RegencyLogoSet, RegencyProfile};
use crate::settings::{
    self, BudgetThresholds, CategoriesSet, CategoryInput, CategorySettings, NumberFormatSet, NumberFormatSettings,
    NumberTemplate,
};
use crate::workdays::{self, Holiday, HolidaysSet};

impl Desk {
    /// Sets the regency this installation serves (leadership only): letterheads and the
    /// app frame read it, so no regency is hard-coded.
    pub fn set_regency(&mut self, profile: RegencyProfile) -> Result<RegencyProfile> {
        for (field, value) in [
            ("name", &profile.name),
            ("address", &profile.address),
            ("regentName", &profile.regent_name),
            ("regentTitle", &profile.regent_title),
            ("secretaryName", &profile.secretary_name),
        ] {
            if value.trim().is_empty() {
                return Err(CoreError::invalid(field, InputProblem::Required));
            }
        }
        self.record(DomainEvent::RegencyProfileSet(profile))?;
        regency::get(self.store.conn())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Sets the letterhead logo (PNG), stored by hash like evidence.
    pub fn set_regency_logo(&mut self, file_name: &str, bytes: &[u8]) -> Result<RegencyLogoSet> {
        // PNG only: both the DOCX and the PDF take it as it is.
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(CoreError::invalid("logo", InputProblem::NotAllowed));
        }
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(CoreError::invalid("logo", InputProblem::TooLong));
        }
        let media_type = "image/png";
        let stored = EvidenceStore::new(&self.data_dir).put_bytes(file_name, bytes)?;
        let logo = RegencyLogoSet { sha256: stored.sha256, file_name: stored.file_name, media_type: media_type.into() };
        self.record(DomainEvent::RegencyLogoSet(logo.clone()))?;
        Ok(logo)
    }

    /// The letterhead logo's bytes, if one is set and stored here.
    pub fn regency_logo(&self) -> Result<Option<(RegencyLogoSet, Vec<u8>)>> {
        match regency::logo(self.store.conn())? {
            Some(logo) if EvidenceStore::new(&self.data_dir).contains(&logo.sha256) => {
                let bytes = fs::read(EvidenceStore::new(&self.data_dir).path_of(&logo.sha256)?)?;
                Ok(Some((logo, bytes)))
            }
            _ => Ok(None),
        }
    }

    pub fn category_settings(&self) -> Result<CategorySettings> {
        settings::category_settings(self.store.conn())
    }

    /// Replaces the category list (leadership only). Instructions keep their codes.
    pub fn set_categories(&mut self, input: Vec<CategoryInput>) -> Result<CategorySettings> {
        let categories = settings::validate_categories(self.store.conn(), &input)?;
        self.record(DomainEvent::CategoriesSet(CategoriesSet { categories }))?;
        self.category_settings()
    }

    pub fn number_format(&self) -> Result<NumberFormatSettings> {
        let conn = self.store.conn();
        let template = settings::number_template(conn)?;
        Ok(NumberFormatSettings {
            next_number: ops::next_number(conn, self.today())?.0,
            customized: template != settings::DEFAULT_NUMBER_TEMPLATE,
            default_template: settings::DEFAULT_NUMBER_TEMPLATE.to_owned(),
            template,
        })
    }

    /// What the next number would be in `template`, or why the template is refused.
    pub fn preview_number_format(&self, template: &str) -> Result<String> {
        let parsed = NumberTemplate::parse(template)?;
        let (_, year, seq) = ops::next_number(self.store.conn(), self.today())?;
        debug_assert_eq!(year, chrono::Datelike::year(&self.today()));
        Ok(parsed.format(seq, self.today()))
    }

    /// Sets the template of new instruction numbers (leadership only); issued numbers stay.
    pub fn set_number_format(&mut self, template: &str) -> Result<NumberFormatSettings> {
        NumberTemplate::parse(template)?;
        self.record(DomainEvent::NumberFormatSet(NumberFormatSet { template: template.trim().to_owned() }))?;
        self.number_format()
    }

    pub fn budget_thresholds(&self) -> Result<BudgetThresholds> {
        settings::budget_thresholds(self.store.conn())
    }

    /// Sets the early-warning gap and the year-end target (leadership only).
    pub fn set_budget_thresholds(&mut self, input: BudgetThresholds) -> Result<BudgetThresholds> {
        let payload = settings::validate_budget_thresholds(input)?;
        self.record(DomainEvent::BudgetThresholdsSet(payload))?;
        self.budget_thresholds()
    }

    /// National holidays and cuti bersama: the days off besides weekends.
    pub fn holidays(&self) -> Result<Vec<Holiday>> {
        workdays::holidays(self.store.conn())
    }

    /// Replaces the list of days off (leadership); running deadlines follow.
    pub fn set_holidays(&mut self, holidays: Vec<Holiday>) -> Result<Vec<Holiday>> {
        let holidays = workdays::validate(holidays)?;
        self.record(DomainEvent::HolidaysSet(HolidaysSet { holidays }))?;
        self.holidays()
    }
}
