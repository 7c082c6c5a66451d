//! Every kind of event the core knows, with its name and payload version. Adding a kind
//! means: a payload struct in its module, a variant here, a rule in `policy`, and a
//! projection arm in `projection`. The compiler points at each place.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::agency::{AgencyProfileUpdated, AgencyRegistered};
use crate::budget::payload::{CeilingSet, PhysicalReported, PlanSet, RealizationsRecorded};
use crate::complaint::payload::{
    ComplaintCompleted, ComplaintDisposed, ComplaintFollowedUp, ComplaintStatusChanged, ComplaintsRecorded,
    TimeLimitsSet,
};
use crate::device::{DeviceEnrolled, DeviceGranted, DeviceRevoked};
use crate::instruction::payload::{
    CompletionReported, CompletionReturned, InstructionAmended, InstructionCancelled, InstructionDrafted,
    InstructionIssued, InstructionVerified, ProgressReported,
};
use crate::meeting::{MeetingClosed, MeetingOpened};
use crate::minutes::payload::{
    AddendumAdded, AgendaItemSet, AttendeeSet, DecisionSet, FollowUpSet, MeetingDetailsSet, MinutesFinalized, NoteSet,
};
use crate::negotiation::payload::{DecisionUndone, NegotiationDecided, NegotiationRequested, NegotiationWithdrawn};
use crate::regency::{RegencyLogoSet, RegencyProfile};
use crate::settings::{BudgetThresholdsSet, CategoriesSet, NumberFormatSet};
use crate::workdays::HolidaysSet;

// Events are made and projected one at a time, never held in bulk: a large variant (the
// minutes' identity block names three officials) costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum DomainEvent {
    DeviceEnrolled(DeviceEnrolled),
    DeviceGranted(DeviceGranted),
    DeviceRevoked(DeviceRevoked),
    RegencyProfileSet(RegencyProfile),
    AgencyRegistered(AgencyRegistered),
    AgencyProfileUpdated(AgencyProfileUpdated),
    InstructionDrafted(InstructionDrafted),
    InstructionIssued(InstructionIssued),
    InstructionAmended(InstructionAmended),
    CompletionReported(CompletionReported),
    CompletionReturned(CompletionReturned),
    InstructionVerified(InstructionVerified),
    InstructionCancelled(InstructionCancelled),
    ProgressReported(ProgressReported),
    NegotiationRequested(NegotiationRequested),
    NegotiationWithdrawn(NegotiationWithdrawn),
    NegotiationDecided(NegotiationDecided),
    DecisionUndone(DecisionUndone),
    MeetingOpened(MeetingOpened),
    MeetingClosed(MeetingClosed),
    BudgetCeilingSet(CeilingSet),
    BudgetPlanSet(PlanSet),
    BudgetRealized(RealizationsRecorded),
    BudgetPhysicalReported(PhysicalReported),
    CategoriesSet(CategoriesSet),
    NumberFormatSet(NumberFormatSet),
    BudgetThresholdsSet(BudgetThresholdsSet),
    ComplaintsRecorded(ComplaintsRecorded),
    ComplaintDisposed(ComplaintDisposed),
    ComplaintFollowedUp(ComplaintFollowedUp),
    ComplaintCompleted(ComplaintCompleted),
    ComplaintStatusChanged(ComplaintStatusChanged),
    ComplaintTimeLimitsSet(TimeLimitsSet),
    HolidaysSet(HolidaysSet),
    RegencyLogoSet(RegencyLogoSet),
    MeetingDetailsSet(MeetingDetailsSet),
    MeetingAttendeeSet(AttendeeSet),
    MeetingAgendaItemSet(AgendaItemSet),
    MeetingNoteSet(NoteSet),
    MeetingDecisionSet(DecisionSet),
    MeetingFollowUpSet(FollowUpSet),
    MeetingMinutesFinalized(MinutesFinalized),
    MeetingAddendumAdded(AddendumAdded),
}

impl DomainEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::DeviceEnrolled(_) => "device.enrolled",
            DomainEvent::DeviceGranted(_) => "device.granted",
            DomainEvent::DeviceRevoked(_) => "device.revoked",
            DomainEvent::RegencyProfileSet(_) => "regency.profile_set",
            DomainEvent::AgencyRegistered(_) => "agency.registered",
            DomainEvent::AgencyProfileUpdated(_) => "agency.profile_updated",
            DomainEvent::InstructionDrafted(_) => "instruction.drafted",
            DomainEvent::InstructionIssued(_) => "instruction.issued",
            DomainEvent::InstructionAmended(_) => "instruction.amended",
            DomainEvent::CompletionReported(_) => "instruction.completion_reported",
            DomainEvent::CompletionReturned(_) => "instruction.completion_returned",
            DomainEvent::InstructionVerified(_) => "instruction.verified",
            DomainEvent::InstructionCancelled(_) => "instruction.cancelled",
            DomainEvent::ProgressReported(_) => "progress.reported",
            DomainEvent::NegotiationRequested(_) => "negotiation.requested",
            DomainEvent::NegotiationWithdrawn(_) => "negotiation.withdrawn",
            DomainEvent::NegotiationDecided(_) => "negotiation.decided",
            DomainEvent::DecisionUndone(_) => "negotiation.decision_undone",
            DomainEvent::MeetingOpened(_) => "meeting.opened",
            DomainEvent::MeetingClosed(_) => "meeting.closed",
            DomainEvent::BudgetCeilingSet(_) => "budget.ceiling_set",
            DomainEvent::BudgetPlanSet(_) => "budget.plan_set",
            DomainEvent::BudgetRealized(_) => "budget.realized",
            DomainEvent::BudgetPhysicalReported(_) => "budget.physical_reported",
            DomainEvent::CategoriesSet(_) => "settings.categories_set",
            DomainEvent::NumberFormatSet(_) => "settings.number_format_set",
            DomainEvent::BudgetThresholdsSet(_) => "settings.budget_thresholds_set",
            DomainEvent::ComplaintsRecorded(_) => "complaint.recorded",
            DomainEvent::ComplaintDisposed(_) => "complaint.disposed",
            DomainEvent::ComplaintFollowedUp(_) => "complaint.followed_up",
            DomainEvent::ComplaintCompleted(_) => "complaint.completed",
            DomainEvent::ComplaintStatusChanged(_) => "complaint.status_changed",
            DomainEvent::ComplaintTimeLimitsSet(_) => "settings.complaint_time_limits_set",
            DomainEvent::HolidaysSet(_) => "settings.holidays_set",
            DomainEvent::RegencyLogoSet(_) => "regency.logo_set",
            DomainEvent::MeetingDetailsSet(_) => "meeting.details_set",
            DomainEvent::MeetingAttendeeSet(_) => "meeting.attendee_set",
            DomainEvent::MeetingAgendaItemSet(_) => "meeting.agenda_item_set",
            DomainEvent::MeetingNoteSet(_) => "meeting.note_set",
            DomainEvent::MeetingDecisionSet(_) => "meeting.decision_set",
            DomainEvent::MeetingFollowUpSet(_) => "meeting.follow_up_set",
            DomainEvent::MeetingMinutesFinalized(_) => "meeting.minutes_finalized",
            DomainEvent::MeetingAddendumAdded(_) => "meeting.addendum_added",
        }
    }

    /// The payload schema version written by this build for this kind.
    pub fn payload_version(&self) -> u32 {
        1
    }

    pub fn to_payload(&self) -> serde_json::Value {
        match self {
            DomainEvent::DeviceEnrolled(payload) => to_value(payload),
            DomainEvent::DeviceGranted(payload) => to_value(payload),
            DomainEvent::DeviceRevoked(payload) => to_value(payload),
            DomainEvent::RegencyProfileSet(payload) => to_value(payload),
            DomainEvent::AgencyRegistered(payload) => to_value(payload),
            DomainEvent::AgencyProfileUpdated(payload) => to_value(payload),
            DomainEvent::InstructionDrafted(payload) => to_value(payload),
            DomainEvent::InstructionIssued(payload) => to_value(payload),
            DomainEvent::InstructionAmended(payload) => to_value(payload),
            DomainEvent::CompletionReported(payload) => to_value(payload),
            DomainEvent::CompletionReturned(payload) => to_value(payload),
            DomainEvent::InstructionVerified(payload) => to_value(payload),
            DomainEvent::InstructionCancelled(payload) => to_value(payload),
            DomainEvent::ProgressReported(payload) => to_value(payload),
            DomainEvent::NegotiationRequested(payload) => to_value(payload),
            DomainEvent::NegotiationWithdrawn(payload) => to_value(payload),
            DomainEvent::NegotiationDecided(payload) => to_value(payload),
            DomainEvent::DecisionUndone(payload) => to_value(payload),
            DomainEvent::MeetingOpened(payload) => to_value(payload),
            DomainEvent::MeetingClosed(payload) => to_value(payload),
            DomainEvent::BudgetCeilingSet(payload) => to_value(payload),
            DomainEvent::BudgetPlanSet(payload) => to_value(payload),
            DomainEvent::BudgetRealized(payload) => to_value(payload),
            DomainEvent::BudgetPhysicalReported(payload) => to_value(payload),
            DomainEvent::CategoriesSet(payload) => to_value(payload),
            DomainEvent::NumberFormatSet(payload) => to_value(payload),
            DomainEvent::BudgetThresholdsSet(payload) => to_value(payload),
            DomainEvent::ComplaintsRecorded(payload) => to_value(payload),
            DomainEvent::ComplaintDisposed(payload) => to_value(payload),
            DomainEvent::ComplaintFollowedUp(payload) => to_value(payload),
            DomainEvent::ComplaintCompleted(payload) => to_value(payload),
            DomainEvent::ComplaintStatusChanged(payload) => to_value(payload),
            DomainEvent::ComplaintTimeLimitsSet(payload) => to_value(payload),
            DomainEvent::HolidaysSet(payload) => to_value(payload),
            DomainEvent::RegencyLogoSet(payload) => to_value(payload),
            DomainEvent::MeetingDetailsSet(payload) => to_value(payload),
            DomainEvent::MeetingAttendeeSet(payload) => to_value(payload),
            DomainEvent::MeetingAgendaItemSet(payload) => to_value(payload),
            DomainEvent::MeetingNoteSet(payload) => to_value(payload),
            DomainEvent::MeetingDecisionSet(payload) => to_value(payload),
            DomainEvent::MeetingFollowUpSet(payload) => to_value(payload),
            DomainEvent::MeetingMinutesFinalized(payload) => to_value(payload),
            DomainEvent::MeetingAddendumAdded(payload) => to_value(payload),
        }
    }

    /// Reads a payload back. `Ok(None)` means a kind or version this build does not
    /// know: such events are kept and relayed, but not projected.
    pub fn decode(kind: &str, pv: u32, payload: &serde_json::Value) -> Result<Option<DomainEvent>, String> {
        if pv != 1 {
            return Ok(None);
        }
        Ok(Some(match kind {
            "device.enrolled" => DomainEvent::DeviceEnrolled(from_value(payload)?),
            "device.granted" => DomainEvent::DeviceGranted(from_value(payload)?),
            "device.revoked" => DomainEvent::DeviceRevoked(from_value(payload)?),
            "regency.profile_set" => DomainEvent::RegencyProfileSet(from_value(payload)?),
            "agency.registered" => DomainEvent::AgencyRegistered(from_value(payload)?),
            "agency.profile_updated" => DomainEvent::AgencyProfileUpdated(from_value(payload)?),
            "instruction.drafted" => DomainEvent::InstructionDrafted(from_value(payload)?),
            "instruction.issued" => DomainEvent::InstructionIssued(from_value(payload)?),
            "instruction.amended" => DomainEvent::InstructionAmended(from_value(payload)?),
            "instruction.completion_reported" => DomainEvent::CompletionReported(from_value(payload)?),
            "instruction.completion_returned" => DomainEvent::CompletionReturned(from_value(payload)?),
            "instruction.verified" => DomainEvent::InstructionVerified(from_value(payload)?),
            "instruction.cancelled" => DomainEvent::InstructionCancelled(from_value(payload)?),
            "progress.reported" => DomainEvent::ProgressReported(from_value(payload)?),
            "negotiation.requested" => DomainEvent::NegotiationRequested(from_value(payload)?),
            "negotiation.withdrawn" => DomainEvent::NegotiationWithdrawn(from_value(payload)?),
            "negotiation.decided" => DomainEvent::NegotiationDecided(from_value(payload)?),
            "negotiation.decision_undone" => DomainEvent::DecisionUndone(from_value(payload)?),
            "meeting.opened" => DomainEvent::MeetingOpened(from_value(payload)?),
            "meeting.closed" => DomainEvent::MeetingClosed(from_value(payload)?),
            "budget.ceiling_set" => DomainEvent::BudgetCeilingSet(from_value(payload)?),
            "budget.plan_set" => DomainEvent::BudgetPlanSet(from_value(payload)?),
            "budget.realized" => DomainEvent::BudgetRealized(from_value(payload)?),
            "budget.physical_reported" => DomainEvent::BudgetPhysicalReported(from_value(payload)?),
            "settings.categories_set" => DomainEvent::CategoriesSet(from_value(payload)?),
            "settings.number_format_set" => DomainEvent::NumberFormatSet(from_value(payload)?),
            "settings.budget_thresholds_set" => DomainEvent::BudgetThresholdsSet(from_value(payload)?),
            "complaint.recorded" => DomainEvent::ComplaintsRecorded(from_value(payload)?),
            "complaint.disposed" => DomainEvent::ComplaintDisposed(from_value(payload)?),
            "complaint.followed_up" => DomainEvent::ComplaintFollowedUp(from_value(payload)?),
            "complaint.completed" => DomainEvent::ComplaintCompleted(from_value(payload)?),
            "complaint.status_changed" => DomainEvent::ComplaintStatusChanged(from_value(payload)?),
            "settings.complaint_time_limits_set" => DomainEvent::ComplaintTimeLimitsSet(from_value(payload)?),
            "settings.holidays_set" => DomainEvent::HolidaysSet(from_value(payload)?),
            "regency.logo_set" => DomainEvent::RegencyLogoSet(from_value(payload)?),
            "meeting.details_set" => DomainEvent::MeetingDetailsSet(from_value(payload)?),
            "meeting.attendee_set" => DomainEvent::MeetingAttendeeSet(from_value(payload)?),
            "meeting.agenda_item_set" => DomainEvent::MeetingAgendaItemSet(from_value(payload)?),
            "meeting.note_set" => DomainEvent::MeetingNoteSet(from_value(payload)?),
            "meeting.decision_set" => DomainEvent::MeetingDecisionSet(from_value(payload)?),
            "meeting.follow_up_set" => DomainEvent::MeetingFollowUpSet(from_value(payload)?),
            "meeting.minutes_finalized" => DomainEvent::MeetingMinutesFinalized(from_value(payload)?),
            "meeting.addendum_added" => DomainEvent::MeetingAddendumAdded(from_value(payload)?),
            _ => return Ok(None),
        }))
    }
}

fn to_value<T: Serialize>(payload: &T) -> serde_json::Value {
    serde_json::to_value(payload).expect("payload structs always serialize")
}

fn from_value<T: DeserializeOwned>(payload: &serde_json::Value) -> Result<T, String> {
    T::deserialize(payload).map_err(|err| err.to_string())
}
