//! The desk's regency profile, letterhead and settings use cases.

use std::fs;
use std::ops::{Deref, DerefMut};

use crate::desk::{Desk, MAX_LOGO_BYTES};
use crate::error::{CoreError, InputProblem, Result};
use crate::evidence::EvidenceStore;
use crate::instruction::ops;
use crate::kinds::DomainEvent;
use crate::record::record;
use crate::regency::{self, RegencyLogoSet, RegencyProfile};
use crate::settings::{
    self, BudgetThresholds, CategoriesSet, CategoryInput, CategorySettings, NumberFormatSet, NumberFormatSettings,
    NumberTemplate,
};
use crate::workdays::{self, Holiday, HolidaysSet};

/// `desk.settings()`: the use cases of the regency's settings and its leadership's setup.
pub struct SettingsDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> SettingsDesk<D> {
    /// The letterhead logo's bytes, if one is set and stored here.
    pub fn logo(&self) -> Result<Option<(RegencyLogoSet, Vec<u8>)>> {
        match regency::logo(self.desk.store.conn())? {
            Some(logo) if EvidenceStore::new(&self.desk.data_dir).contains(&logo.sha256) => {
                let bytes = fs::read(EvidenceStore::new(&self.desk.data_dir).path_of(&logo.sha256)?)?;
                Ok(Some((logo, bytes)))
            }
            _ => Ok(None),
        }
    }

    pub fn categories(&self) -> Result<CategorySettings> {
        settings::category_settings(self.desk.store.conn())
    }

    pub fn number_format(&self) -> Result<NumberFormatSettings> {
        let conn = self.desk.store.conn();
        let template = settings::number_template(conn)?;
        Ok(NumberFormatSettings {
            next_number: ops::next_number(conn, self.desk.today())?.0,
            customized: template != settings::DEFAULT_NUMBER_TEMPLATE,
            default_template: settings::DEFAULT_NUMBER_TEMPLATE.to_owned(),
            template,
        })
    }

    /// What the next number would be in `template`, or why the template is refused.
    pub fn preview_number_format(&self, template: &str) -> Result<String> {
        let parsed = NumberTemplate::parse(template)?;
        let (_, year, seq) = ops::next_number(self.desk.store.conn(), self.desk.today())?;
        debug_assert_eq!(year, chrono::Datelike::year(&self.desk.today()));
        Ok(parsed.format(seq, self.desk.today()))
    }

    pub fn budget_thresholds(&self) -> Result<BudgetThresholds> {
        settings::budget_thresholds(self.desk.store.conn())
    }

    /// National holidays and cuti bersama: the days off besides weekends.
    pub fn holidays(&self) -> Result<Vec<Holiday>> {
        workdays::holidays(self.desk.store.conn())
    }
}

impl<D: DerefMut<Target = Desk>> SettingsDesk<D> {
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
        self.desk.record(DomainEvent::RegencyProfileSet(profile))?;
        regency::get(self.desk.store.conn())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Sets the letterhead logo (PNG), stored by hash like evidence.
    pub fn set_logo(&mut self, file_name: &str, bytes: &[u8]) -> Result<RegencyLogoSet> {
        // PNG only: both the DOCX and the PDF take it as it is.
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(CoreError::invalid("logo", InputProblem::NotAllowed));
        }
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(CoreError::invalid("logo", InputProblem::TooLong));
        }
        let media_type = "image/png";
        let stored = EvidenceStore::new(&self.desk.data_dir).put_bytes(file_name, bytes)?;
        let logo = RegencyLogoSet { sha256: stored.sha256, file_name: stored.file_name, media_type: media_type.into() };
        self.desk.record(DomainEvent::RegencyLogoSet(logo.clone()))?;
        Ok(logo)
    }

    /// Replaces the category list (leadership only). Instructions keep their codes.
    pub fn set_categories(&mut self, input: Vec<CategoryInput>) -> Result<CategorySettings> {
        self.desk.act(|tx, author| {
            let categories = settings::validate_categories(tx, &input)?;
            record(tx, author.key, author.clock, &DomainEvent::CategoriesSet(CategoriesSet { categories }))
        })?;
        self.categories()
    }

    /// Sets the template of new instruction numbers (leadership only); issued numbers stay.
    pub fn set_number_format(&mut self, template: &str) -> Result<NumberFormatSettings> {
        NumberTemplate::parse(template)?;
        self.desk.record(DomainEvent::NumberFormatSet(NumberFormatSet { template: template.trim().to_owned() }))?;
        self.number_format()
    }

    /// Sets the early-warning gap and the year-end target (leadership only).
    pub fn set_budget_thresholds(&mut self, input: BudgetThresholds) -> Result<BudgetThresholds> {
        let payload = settings::validate_budget_thresholds(input)?;
        self.desk.record(DomainEvent::BudgetThresholdsSet(payload))?;
        self.budget_thresholds()
    }

    /// Replaces the list of days off (leadership); running deadlines follow.
    pub fn set_holidays(&mut self, holidays: Vec<Holiday>) -> Result<Vec<Holiday>> {
        let holidays = workdays::validate(holidays)?;
        self.desk.record(DomainEvent::HolidaysSet(HolidaysSet { holidays }))?;
        self.holidays()
    }
}
