//! Who may do what: the one place this is decided. Each event kind declares the
//! authority it needs ([`KindAuthority`], in its [`EventKind`](crate::kinds::EventKind)
//! declaration); each role holds duties ([`holds`]). The core checks the same rule when
//! an event is made, when a bundle is imported (against the author's enrolment by the
//! trust root, so the answer never depends on other local state) and when the log is
//! replayed.

use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;
use crate::principal::{Principal, Role};

/// A regency-wide responsibility that a role may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// Follow every agency's work: the regency-wide dashboard, lists and complaints.
    Oversee,
    /// Draft, issue, amend, cancel and verify instructions; send a completion back.
    Instruct,
    /// Decide a dialog-kinerja request, or undo a decision.
    Decide,
    /// Open and close a sitting; write the minutes (identity, attendees, agenda, notes,
    /// decisions, follow-ups).
    KeepMinutes,
    /// Finalize the minutes and add addenda: what makes them the record.
    SignMinutes,
    /// Pagu versions, anggaran kas and realizations of every agency.
    KeepBudget,
    /// Record, import and dispose SP4N-LAPOR! complaints; archive or declare them out of
    /// scope; follow up on behalf of any agency.
    KeepComplaints,
    /// The regency profile, its letterhead and its agencies.
    KeepMasterData,
    /// Regency settings: categories, numbering, thresholds, holidays, time limits.
    Configure,
}

impl Duty {
    pub const ALL: [Duty; 9] = [
        Duty::Oversee,
        Duty::Instruct,
        Duty::Decide,
        Duty::KeepMinutes,
        Duty::SignMinutes,
        Duty::KeepBudget,
        Duty::KeepComplaints,
        Duty::KeepMasterData,
        Duty::Configure,
    ];
}

/// The duties of each role: the table every check reads.
pub fn holds(role: Role, duty: Duty) -> bool {
    use Duty::*;
    let duties: &[Duty] = match role {
        Role::Regent | Role::Secretary | Role::ViceRegent => &[
            Oversee,
            Instruct,
            Decide,
            KeepMinutes,
            SignMinutes,
            KeepBudget,
            KeepComplaints,
            KeepMasterData,
            Configure,
        ],
        Role::Assistant => &[Oversee],
        // The Setda's operator types on the leadership's behalf: minutes, complaint files and
        // the master data (agencies, officials, letterhead); it decides and issues nothing.
        Role::Operator => &[Oversee, KeepMinutes, KeepComplaints, KeepMasterData],
        Role::Finance => &[Oversee, KeepBudget],
        Role::ComplaintDesk => &[KeepComplaints],
        Role::AgencyStaff => &[],
    };
    duties.contains(&duty)
}

/// The authority an event kind requires of its author, before its payload is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindAuthority {
    /// A device claiming a role for itself (the claim grants nothing on import).
    SelfEnrolment,
    /// The regency's trust root only: enrolling (granting) and revoking devices.
    TrustRoot,
    /// A holder of the duty.
    Duty(Duty),
    /// A holder of the duty, or staff of the agency the event concerns.
    DutyOrAgency(Duty),
    /// A holder of the duty; or, for an event taken in a sitting (its payload names the
    /// meeting), a keeper of the minutes recording it on the chair's behalf: the operator
    /// at the notulis' laptop types what the Regent decides in the room.
    DutyOrSittingRecorder(Duty),
    /// Staff of the agency the event concerns, only: an agency reports its own work.
    Agency,
}

/// What an event is about, as far as authority goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The regency as a whole: no agency may act on it as an agency.
    Regency,
    /// One agency (or kecamatan), by code.
    Agency(&'a str),
    /// One device, by hex key (a self-claim).
    Device(&'a str),
    /// Taken in a sitting (a leadership meeting), by the meeting's id.
    Sitting(&'a str),
}

/// Decides whether `author`, enrolled as `principal` (if at all), may author `event`.
pub fn authorize(event: &DomainEvent, author: DeviceId, principal: Option<&Principal>) -> Result<()> {
    let (authority, scope) = event.authority();
    if allows(authority, scope, Some(author), principal) {
        Ok(())
    } else {
        Err(refused(event.kind(), principal))
    }
}

/// Decides for an event whose payload this build cannot read (a newer version of a known
/// kind): only what holds for every payload of the kind counts. Agency-scoped authority
/// is granted to staff of any agency, since the agency named cannot be read; what such
/// an event may then change is decided by the build that can read it.
pub fn authorize_unread(kind: &str, authority: KindAuthority, principal: Option<&Principal>) -> Result<()> {
    let allowed = match (authority, principal) {
        (KindAuthority::SelfEnrolment, _) => true,
        (KindAuthority::TrustRoot, Some(who)) => who.root,
        (KindAuthority::Duty(duty), Some(who)) => holds_duty(who, duty),
        (KindAuthority::DutyOrAgency(duty), Some(who)) => holds_duty(who, duty) || who.agency_code.is_some(),
        (KindAuthority::DutyOrSittingRecorder(duty), Some(who)) => {
            holds_duty(who, duty) || holds_duty(who, Duty::KeepMinutes)
        }
        (KindAuthority::Agency, Some(who)) => who.agency_code.is_some(),
        (_, None) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(refused(kind, principal))
    }
}

/// For a use case that refuses before reading anything, so that a refusal tells nothing
/// about records the user may not see.
pub fn require_duty(principal: Option<&Principal>, duty: Duty, kind: &str) -> Result<()> {
    if principal.is_some_and(|who| holds_duty(who, duty)) {
        Ok(())
    } else {
        Err(refused(kind, principal))
    }
}

/// Whether the user may author events of this authority about `scope`: what the core
/// asks before offering an action on a screen.
pub fn permits(principal: Option<&Principal>, authority: KindAuthority, scope: Scope<'_>) -> bool {
    principal.is_some()
        && !matches!(authority, KindAuthority::SelfEnrolment)
        && allows(authority, scope, None, principal)
}

/// Every duty the user holds, in declaration order: what the screens are given.
pub fn duties_of(who: &Principal) -> Vec<Duty> {
    Duty::ALL.into_iter().filter(|duty| holds_duty(who, *duty)).collect()
}

/// Whether the user holds a duty.
pub fn holds_duty(who: &Principal, duty: Duty) -> bool {
    who.root || holds(who.role, duty)
}

fn allows(authority: KindAuthority, scope: Scope<'_>, author: Option<DeviceId>, principal: Option<&Principal>) -> bool {
    match (authority, principal) {
        (KindAuthority::SelfEnrolment, None) => {
            matches!((scope, author), (Scope::Device(device), Some(author)) if device == author.to_hex())
        }
        (KindAuthority::SelfEnrolment, Some(_)) => false,
        (KindAuthority::TrustRoot, Some(who)) => who.root,
        (KindAuthority::Duty(duty), Some(who)) => holds_duty(who, duty),
        (KindAuthority::DutyOrAgency(duty), Some(who)) => holds_duty(who, duty) || works_for(who, scope),
        (KindAuthority::DutyOrSittingRecorder(duty), Some(who)) => {
            holds_duty(who, duty) || (matches!(scope, Scope::Sitting(_)) && holds_duty(who, Duty::KeepMinutes))
        }
        (KindAuthority::Agency, Some(who)) => works_for(who, scope),
        (_, None) => false,
    }
}

fn works_for(who: &Principal, scope: Scope<'_>) -> bool {
    matches!(scope, Scope::Agency(code) if who.works_for(code))
}

fn refused(kind: &str, principal: Option<&Principal>) -> CoreError {
    CoreError::NotAuthorized { kind: kind.to_owned(), role: principal.map(|who| who.role) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::{AgencyKind, AgencyProfileUpdated, AgencyRegistered};
    use crate::complaint::lifecycle::ComplaintAction;
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
    fn a_decision_is_the_leadership_s_and_the_minutes_keeper_records_it_only_in_a_sitting() {
        use crate::negotiation::payload::{NegotiationDecided, Outcome};
        let decided = |meeting_id: Option<&str>| {
            DomainEvent::NegotiationDecided(NegotiationDecided {
                negotiation_id: "n".into(),
                outcome: Outcome::Approve,
                counter_target: None,
                counter_deadline: None,
                note: String::new(),
                meeting_id: meeting_id.map(Into::into),
                decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            })
        };
        let cases: Vec<(DomainEvent, Principal, bool)> = vec![
            (decided(None), leader(Role::Secretary), true),
            (decided(Some("m")), leader(Role::Regent), true),
            (decided(None), leader(Role::Operator), false),
            (decided(Some("")), leader(Role::Operator), false),
            (decided(Some("m")), leader(Role::Operator), true),
            (decided(Some("m")), leader(Role::Assistant), false),
            (decided(Some("m")), leader(Role::Finance), false),
            (decided(Some("m")), staff_of("DP3A"), false),
        ];
        for (event, principal, expected) in cases {
            let outcome = authorize(&event, DEVICE, Some(&principal));
            assert_eq!(outcome.is_ok(), expected, "{event:?} by {principal:?}");
        }
        let authority = KindAuthority::DutyOrSittingRecorder(Duty::Decide);
        assert!(authorize_unread("negotiation.decided", authority, Some(&leader(Role::Operator))).is_ok());
        assert!(authorize_unread("negotiation.decided", authority, Some(&staff_of("DP3A"))).is_err());
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
