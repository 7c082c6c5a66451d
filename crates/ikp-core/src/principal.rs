//! Who uses a device: a role, and for agency staff the agency they work for.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Bupati (or Pj./Plt. Bupati): the trust root of the regency.
    Regent,
    /// Sekretaris Daerah: decides on the Regent's behalf in meetings.
    Secretary,
    /// Wakil Bupati: leadership, like the Secretary.
    ViceRegent,
    /// Asisten Sekda: follows every agency's work, decides nothing.
    Assistant,
    /// Operator or notulis of the Setda: keeps the minutes, prepares agendas, imports
    /// complaint files; cannot decide, issue, verify, approve or finalize.
    Operator,
    /// BPKD, the finance office: keeps every agency's pagu, anggaran kas and realizations.
    Finance,
    /// The SP4N-LAPOR! admin (Diskominfo): records, imports and disposes complaints.
    ComplaintDesk,
    /// Staff of one perangkat daerah (dinas, badan, kecamatan...).
    AgencyStaff,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Regent,
        Role::Secretary,
        Role::ViceRegent,
        Role::Assistant,
        Role::Operator,
        Role::Finance,
        Role::ComplaintDesk,
        Role::AgencyStaff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Regent => "regent",
            Role::Secretary => "secretary",
            Role::ViceRegent => "vice_regent",
            Role::Assistant => "assistant",
            Role::Operator => "operator",
            Role::Finance => "finance",
            Role::ComplaintDesk => "complaint_desk",
            Role::AgencyStaff => "agency_staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Regent => "the Regent",
            Role::Secretary => "the Regional Secretary",
            Role::ViceRegent => "the Vice Regent",
            Role::Assistant => "an assistant to the Secretary",
            Role::Operator => "the Secretariat's operator",
            Role::Finance => "the finance office (BPKD)",
            Role::ComplaintDesk => "the SP4N-LAPOR! admin",
            Role::AgencyStaff => "agency staff",
        }
    }

    /// Whether a user in this role works for one agency, which setup must name (BPKD and
    /// the LAPOR! admin's Diskominfo are agencies too); the leadership works for none.
    pub fn agency(self) -> AgencyNeed {
        match self {
            Role::AgencyStaff | Role::Finance | Role::ComplaintDesk => AgencyNeed::Required,
            Role::Operator => AgencyNeed::Optional,
            Role::Regent | Role::Secretary | Role::ViceRegent | Role::Assistant => AgencyNeed::None,
        }
    }
}

/// Whether a role names an agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyNeed {
    Required,
    Optional,
    None,
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
    /// Whether the user reports for this agency (its staff, or BPKD's and Diskominfo's
    /// own staff in their finance and LAPOR! roles).
    pub fn works_for(&self, agency_code: &str) -> bool {
        self.agency_code.as_deref() == Some(agency_code)
    }
}
