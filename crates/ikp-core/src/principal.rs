//! Who uses a device: a role, and for agency staff the agency they work for.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Bupati or Pj Bupati: the trust root of the regency.
    Regent,
    /// Sekretaris Daerah: decides on the Regent's behalf in meetings.
    Secretary,
    /// Staff of one perangkat daerah (dinas, badan, kecamatan...).
    AgencyStaff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Regent => "regent",
            Role::Secretary => "secretary",
            Role::AgencyStaff => "agency_staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "regent" => Some(Role::Regent),
            "secretary" => Some(Role::Secretary),
            "agency_staff" => Some(Role::AgencyStaff),
            _ => None,
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Regent => "the Regent",
            Role::Secretary => "the Regional Secretary",
            Role::AgencyStaff => "agency staff",
        }
    }

    pub fn is_leadership(self) -> bool {
        matches!(self, Role::Regent | Role::Secretary)
    }
}

/// The enrolled identity behind an event's author key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    pub agency_code: Option<String>,
    /// The regency's trust root (the Regent's office device): it alone enrols and
    /// revokes other devices.
    pub root: bool,
}

impl Principal {
    pub fn works_for(&self, agency_code: &str) -> bool {
        self.role == Role::AgencyStaff && self.agency_code.as_deref() == Some(agency_code)
    }
}
