//! Who may author each kind of event: the one place this is decided. The core checks it
//! when an event is made; importing a sync bundle checks the same rule, against the
//! author's enrolment only, so the answer never depends on other local state.

use crate::complaint::lifecycle::ComplaintAction;
use crate::error::{CoreError, Result};
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;
use crate::principal::Principal;

/// The authority an event kind requires of its author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authority<'a> {
    /// A device enrolling itself, once. (Until sync brings enrolment by the Regent's
    /// device, the first-start choice of role is self-declared.)
    SelfEnrolment { device: &'a str },
    /// The regency's trust root only: enrolling (granting) and revoking devices.
    TrustRoot,
    /// The Regent or the Regional Secretary.
    Leadership,
    /// The leadership, or staff of the agency the event is about.
    LeadershipOrAgency { agency_code: &'a str },
    /// Staff of the named agency only: an agency reports its own work.
    AgencyStaff { agency_code: &'a str },
}

pub fn required_authority(event: &DomainEvent) -> Authority<'_> {
    match event {
        DomainEvent::DeviceEnrolled(payload) => Authority::SelfEnrolment { device: &payload.device },
        DomainEvent::DeviceGranted(_) | DomainEvent::DeviceRevoked(_) => Authority::TrustRoot,
        DomainEvent::RegencyProfileSet(_)
        | DomainEvent::AgencyRegistered(_)
        | DomainEvent::InstructionDrafted(_)
        | DomainEvent::InstructionIssued(_)
        | DomainEvent::InstructionAmended(_)
        | DomainEvent::CompletionReturned(_)
        | DomainEvent::InstructionVerified(_)
        | DomainEvent::InstructionCancelled(_)
        | DomainEvent::NegotiationDecided(_)
        | DomainEvent::DecisionUndone(_)
        | DomainEvent::MeetingOpened(_)
        | DomainEvent::MeetingClosed(_) => Authority::Leadership,
        DomainEvent::CategoriesSet(_)
        | DomainEvent::NumberFormatSet(_)
        | DomainEvent::BudgetThresholdsSet(_)
        | DomainEvent::ComplaintTimeLimitsSet(_)
        | DomainEvent::HolidaysSet(_) => Authority::Leadership,
        // Complaints: the Secretary's office records, imports, disposes and re-disposes;
        // the agency or camat a complaint is disposed to records its follow-up and
        // closure, and may put it on hold or resume it. (That the complaint is with that
        // agency *now* is checked by the use case, against the row.)
        DomainEvent::ComplaintsRecorded(_) | DomainEvent::ComplaintDisposed(_) => Authority::Leadership,
        DomainEvent::ComplaintFollowedUp(payload) => {
            Authority::LeadershipOrAgency { agency_code: &payload.agency_code }
        }
        DomainEvent::ComplaintCompleted(payload) => Authority::LeadershipOrAgency { agency_code: &payload.agency_code },
        DomainEvent::ComplaintStatusChanged(payload) => match (&payload.agency_code, payload.action) {
            (Some(agency_code), ComplaintAction::Hold | ComplaintAction::Resume) => {
                Authority::LeadershipOrAgency { agency_code }
            }
            _ => Authority::Leadership,
        },
        DomainEvent::RegencyLogoSet(_) => Authority::Leadership,
        // Minutes of the leadership meeting are written by the leadership (the Regent or
        // the Secretary, whose office keeps them); agencies read the exported notulen.
        DomainEvent::MeetingDetailsSet(_)
        | DomainEvent::MeetingAttendeeSet(_)
        | DomainEvent::MeetingAgendaItemSet(_)
        | DomainEvent::MeetingNoteSet(_)
        | DomainEvent::MeetingDecisionSet(_)
        | DomainEvent::MeetingFollowUpSet(_)
        | DomainEvent::MeetingMinutesFinalized(_)
        | DomainEvent::MeetingAddendumAdded(_) => Authority::Leadership,
        DomainEvent::AgencyProfileUpdated(payload) => Authority::LeadershipOrAgency { agency_code: &payload.code },
        DomainEvent::CompletionReported(payload) => Authority::AgencyStaff { agency_code: &payload.agency_code },
        DomainEvent::ProgressReported(payload) => Authority::AgencyStaff { agency_code: &payload.agency_code },
        DomainEvent::NegotiationRequested(payload) => Authority::AgencyStaff { agency_code: &payload.agency_code },
        DomainEvent::NegotiationWithdrawn(payload) => Authority::AgencyStaff { agency_code: &payload.agency_code },
        // An agency keeps its own budget figures; the Secretary's office keeps everyone's.
        DomainEvent::BudgetCeilingSet(payload) => Authority::LeadershipOrAgency { agency_code: &payload.agency_code },
        DomainEvent::BudgetPlanSet(payload) => Authority::LeadershipOrAgency { agency_code: &payload.agency_code },
        DomainEvent::BudgetPhysicalReported(payload) => {
            Authority::LeadershipOrAgency { agency_code: &payload.agency_code }
        }
        DomainEvent::BudgetRealized(payload) => match &payload.agency_code {
            Some(agency_code) => Authority::LeadershipOrAgency { agency_code },
            None => Authority::Leadership,
        },
    }
}

/// Decides whether `author`, enrolled as `principal` (if at all), may author `event`.
pub fn authorize(event: &DomainEvent, author: DeviceId, principal: Option<&Principal>) -> Result<()> {
    let allowed = match (required_authority(event), principal) {
        (Authority::SelfEnrolment { device }, None) => device == author.to_hex(),
        (Authority::SelfEnrolment { .. }, Some(_)) => false,
        (Authority::TrustRoot, Some(who)) => who.root,
        (Authority::Leadership, Some(who)) => who.role.is_leadership(),
        (Authority::LeadershipOrAgency { agency_code }, Some(who)) => {
            who.role.is_leadership() || who.works_for(agency_code)
        }
        (Authority::AgencyStaff { agency_code }, Some(who)) => who.works_for(agency_code),
        (_, None) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(CoreError::NotAuthorized { kind: event.kind().to_owned(), role: principal.map(|who| who.role) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
    use crate::complaint::payload::{ComplaintDisposed, ComplaintFollowedUp, ComplaintStatusChanged};
    use crate::device::DeviceEnrolled;
    use crate::principal::Role;
    use crate::settings::{CategoriesSet, Category, NumberFormatSet};

    fn staff_of(code: &str) -> Principal {
        Principal { role: Role::AgencyStaff, agency_code: Some(code.into()), root: false }
    }

    fn leader(role: Role) -> Principal {
        Principal { role, agency_code: None, root: false }
    }

    fn register() -> DomainEvent {
        DomainEvent::AgencyRegistered(AgencyRegistered {
            code: "BPBD".into(),
            name: "Badan Penanggulangan Bencana Daerah".into(),
            short_name: "BPBD".into(),
            kind: AgencyKind::Badan,
        })
    }

    fn head_of(code: &str) -> DomainEvent {
        DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
            code: code.into(),
            head_name: Some("Kepala".into()),
            head_title: None,
            head_nip: None,
        })
    }

    fn categories() -> DomainEvent {
        DomainEvent::CategoriesSet(CategoriesSet {
            categories: vec![Category { code: "banjir".into(), label: "Banjir".into() }],
        })
    }

    fn number_format() -> DomainEvent {
        DomainEvent::NumberFormatSet(NumberFormatSet { template: "{seq}/{year}".into() })
    }

    fn disposed() -> DomainEvent {
        DomainEvent::ComplaintDisposed(ComplaintDisposed {
            tracking_id: "LAPOR-1".into(),
            agency_code: "KEC-SETU".into(),
            previous_agency: None,
            disposed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            reason: String::new(),
            field_check: None,
        })
    }

    fn followed_up(agency_code: &str) -> DomainEvent {
        DomainEvent::ComplaintFollowedUp(ComplaintFollowedUp {
            followup_id: "f1".into(),
            tracking_id: "LAPOR-1".into(),
            agency_code: agency_code.into(),
            followed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            action_taken: "Ditinjau".into(),
            evidence: vec![],
        })
    }

    fn status_changed(agency_code: Option<&str>, action: ComplaintAction) -> DomainEvent {
        DomainEvent::ComplaintStatusChanged(ComplaintStatusChanged {
            tracking_id: "LAPOR-1".into(),
            agency_code: agency_code.map(Into::into),
            action,
            changed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 4).unwrap(),
            reason: "Alasan".into(),
        })
    }

    const DEVICE: DeviceId = DeviceId([3; 32]);

    #[test]
    fn complaints_the_secretariat_disposes_and_the_agency_follows_up() {
        let cases: Vec<(DomainEvent, Option<Principal>, bool)> = vec![
            (disposed(), Some(leader(Role::Secretary)), true),
            (disposed(), Some(staff_of("KEC-SETU")), false),
            (followed_up("KEC-SETU"), Some(staff_of("KEC-SETU")), true),
            (followed_up("KEC-SETU"), Some(staff_of("DLH")), false),
            (followed_up("KEC-SETU"), Some(leader(Role::Secretary)), true),
            (status_changed(Some("KEC-SETU"), ComplaintAction::Hold), Some(staff_of("KEC-SETU")), true),
            (status_changed(Some("KEC-SETU"), ComplaintAction::Hold), Some(staff_of("DLH")), false),
            (status_changed(Some("KEC-SETU"), ComplaintAction::Archive), Some(staff_of("KEC-SETU")), false),
            (status_changed(None, ComplaintAction::Archive), Some(leader(Role::Regent)), true),
            (status_changed(None, ComplaintAction::Resume), Some(staff_of("KEC-SETU")), false),
        ];
        for (event, principal, expected) in cases {
            let outcome = authorize(&event, DEVICE, principal.as_ref());
            assert_eq!(outcome.is_ok(), expected, "{} by {principal:?}: {event:?}", event.kind());
        }
    }

    #[test]
    fn table_of_who_may_author_what() {
        let cases: Vec<(DomainEvent, Option<Principal>, bool)> = vec![
            (register(), Some(leader(Role::Regent)), true),
            (register(), Some(leader(Role::Secretary)), true),
            (register(), Some(staff_of("BPBD")), false),
            (register(), None, false),
            (head_of("BPBD"), Some(staff_of("BPBD")), true),
            (head_of("BPBD"), Some(staff_of("DP3A")), false),
            (head_of("BPBD"), Some(leader(Role::Secretary)), true),
            (categories(), Some(leader(Role::Regent)), true),
            (categories(), Some(leader(Role::Secretary)), true),
            (categories(), Some(staff_of("BPBD")), false),
            (categories(), None, false),
            (number_format(), Some(leader(Role::Secretary)), true),
            (number_format(), Some(staff_of("DP3A")), false),
        ];
        for (event, principal, expected) in cases {
            let outcome = authorize(&event, DEVICE, principal.as_ref());
            assert_eq!(outcome.is_ok(), expected, "{} by {principal:?}", event.kind());
        }
    }

    #[test]
    fn a_device_enrols_only_itself_and_only_once() {
        let enrol = |device: DeviceId| {
            DomainEvent::DeviceEnrolled(DeviceEnrolled {
                device: device.to_hex(),
                role: Role::Regent,
                agency_code: None,
                user_name: "Bupati".into(),
            })
        };
        assert!(authorize(&enrol(DEVICE), DEVICE, None).is_ok());
        assert!(authorize(&enrol(DeviceId([4; 32])), DEVICE, None).is_err());
        assert!(authorize(&enrol(DEVICE), DEVICE, Some(&leader(Role::Regent))).is_err());
    }

    #[test]
    fn refusal_names_the_kind_and_the_role() {
        let error = authorize(&register(), DEVICE, Some(&staff_of("BPBD"))).unwrap_err();
        assert_eq!(error, CoreError::NotAuthorized { kind: "agency.registered".into(), role: Some(Role::AgencyStaff) });
    }
}
