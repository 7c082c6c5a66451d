//! `ikp meeting create|attendee|agenda|note|decision|follow-up|finalize|addendum|minutes`
//! (the minutes of a rapim, one event per command) and `ikp minutes export`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use ikp_core::minutes::ops::{
    AgendaItemInput, AttendeeInput, FollowUpInput, MeetingDetailsInput, MinutesDecisionInput, NoteInput,
};
use ikp_core::minutes::payload::{AgendaKind, DecisionLink, Official, Presence};
use ikp_core::minutes::queries::MinutesView;
use ikp_core::{CoreError, Desk};
use ikp_minutes::{Format, Minutes};

use crate::print;

#[derive(Subcommand)]
pub enum MinutesEdit {
    /// Create a meeting with its minutes' identity block. Officials are written
    /// "Name|Title|Rank|NIP" (rank and NIP may be empty).
    Create {
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// "09.00" (WIB).
        #[arg(long)]
        start: String,
        #[arg(long, default_value = "")]
        end: String,
        #[arg(long)]
        place: String,
        #[arg(long, default_value = "")]
        number: String,
        #[arg(long)]
        chair: String,
        #[arg(long)]
        secretary: String,
        #[arg(long)]
        notulis: String,
    },
    /// Add an attendee: an agency's representative (--agency) or a guest.
    Attendee {
        meeting: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, value_enum, default_value = "present")]
        presence: PresenceArg,
    },
    /// Add an agenda item; live kinds draw on the records.
    Agenda {
        meeting: String,
        #[arg(long, value_enum, default_value = "free")]
        kind: KindArg,
        #[arg(long)]
        title: String,
        /// The fiscal year of a budget item (default: this year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Set the notes of one agenda item (the whole text).
    Note { meeting: String, item: String, text: String },
    /// Record a decision: free text, or about a request or an instruction.
    Decision {
        meeting: String,
        text: String,
        #[arg(long)]
        item: Option<String>,
        #[arg(long, conflicts_with = "instruction")]
        negotiation: Option<String>,
        #[arg(long)]
        instruction: Option<String>,
    },
    /// Add a follow-up action with its agency and deadline.
    FollowUp {
        meeting: String,
        #[arg(long)]
        action: String,
        #[arg(long)]
        agency: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        deadline: String,
        #[arg(long)]
        item: Option<String>,
    },
    /// Finalize the minutes: frozen from now on.
    Finalize { meeting: String },
    /// A correction after finalize, recorded as a signed addendum.
    Addendum { meeting: String, text: String },
    /// The minutes as they stand.
    Minutes { meeting: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PresenceArg {
    Present,
    Represented,
    Absent,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Free,
    Negotiations,
    Budget,
    Overdue,
    Complaints,
}

#[derive(Subcommand)]
pub enum MinutesCommand {
    /// Export the notulen as DOCX or PDF.
    Export {
        /// The meeting (default: the latest finalized, else the latest).
        #[arg(long)]
        meeting: Option<String>,
        #[arg(long, value_parser = ["docx", "pdf"])]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn official(spec: &str) -> Official {
    let mut parts = spec.split('|').map(str::trim);
    Official {
        name: parts.next().unwrap_or_default().into(),
        title: parts.next().unwrap_or_default().into(),
        rank: parts.next().unwrap_or_default().into(),
        nip: parts.next().unwrap_or_default().into(),
    }
}

fn describe(view: &MinutesView) -> String {
    let mut lines = vec![format!(
        "{} — {} ({}), {} {}–{}{}",
        view.meeting.id,
        view.meeting.title,
        view.meeting.held_on,
        view.meeting.place,
        view.start_time,
        view.end_time,
        view.finalized_on.as_ref().map(|day| format!(" — FINAL {day}")).unwrap_or_default()
    )];
    for item in &view.agenda {
        lines.push(format!("  agenda {} [{}] {}", item.position, item.id, item.title));
        for fact in &item.facts {
            lines.push(format!("      · {fact}"));
        }
        if !item.note.is_empty() {
            lines.push(format!("      {}", item.note.replace('\n', " ")));
        }
    }
    for attendee in &view.attendees {
        lines.push(format!("  attendee {} ({}) {:?}", attendee.name, attendee.position, attendee.presence));
    }
    for row in &view.decision_rows {
        lines.push(format!(
            "  decision {} {}: {} → {} [{} → {}]",
            row.agency, row.indicator, row.requested, row.decision, row.original_target, row.effective_target
        ));
    }
    for follow_up in &view.follow_ups {
        lines.push(format!(
            "  follow-up [{}] {} — {} by {}",
            follow_up.id, follow_up.action, follow_up.agency_short_name, follow_up.deadline
        ));
    }
    for addendum in &view.addenda {
        lines.push(format!("  addendum {}: {}", addendum.added_on, addendum.text));
    }
    lines.join("\n")
}

pub fn edit(desk: &mut Desk, json: bool, command: &MinutesEdit) -> Result<(), CoreError> {
    let view = match command {
        MinutesEdit::Create { title, date, start, end, place, number, chair, secretary, notulis } => {
            desk.minutes().create(MeetingDetailsInput {
                title: title.clone(),
                number: number.clone(),
                held_on: date.clone(),
                start_time: start.clone(),
                end_time: end.clone(),
                place: place.clone(),
                chair: official(chair),
                secretary: official(secretary),
                notulis: official(notulis),
            })?
        }
        MinutesEdit::Attendee { meeting, name, position, agency, presence } => {
            desk.minutes().set_attendee(AttendeeInput {
                meeting_id: meeting.clone(),
                attendee_id: None,
                agency_code: agency.clone(),
                name: name.clone(),
                position: position.clone(),
                presence: match presence {
                    PresenceArg::Present => Presence::Present,
                    PresenceArg::Represented => Presence::Represented,
                    PresenceArg::Absent => Presence::Absent,
                },
                removed: false,
            })?
        }
        MinutesEdit::Agenda { meeting, kind, title, year } => desk.minutes().set_agenda_item(AgendaItemInput {
            meeting_id: meeting.clone(),
            item_id: None,
            position: None,
            kind: match kind {
                KindArg::Free => AgendaKind::Free,
                KindArg::Negotiations => AgendaKind::Negotiations,
                KindArg::Budget => AgendaKind::BudgetAbsorption,
                KindArg::Overdue => AgendaKind::OverdueInstructions,
                KindArg::Complaints => AgendaKind::ComplaintFollowUps,
            },
            title: title.clone(),
            fiscal_year: *year,
            removed: false,
            requests: None,
        })?,
        MinutesEdit::Note { meeting, item, text } => {
            desk.minutes().set_note(NoteInput {
                meeting_id: meeting.clone(),
                item_id: item.clone(),
                text: text.clone(),
            })?;
            desk.minutes().detail(meeting)?
        }
        MinutesEdit::Decision { meeting, text, item, negotiation, instruction } => {
            let link = match (negotiation, instruction) {
                (Some(negotiation_id), _) => Some(DecisionLink::Negotiation { negotiation_id: negotiation_id.clone() }),
                (None, Some(instruction_id)) => {
                    Some(DecisionLink::Instruction { instruction_id: instruction_id.clone() })
                }
                (None, None) => None,
            };
            desk.minutes().set_decision(MinutesDecisionInput {
                meeting_id: meeting.clone(),
                decision_id: None,
                item_id: item.clone(),
                text: text.clone(),
                link,
                removed: false,
            })?
        }
        MinutesEdit::FollowUp { meeting, action, agency, deadline, item } => {
            desk.minutes().set_follow_up(FollowUpInput {
                meeting_id: meeting.clone(),
                follow_up_id: None,
                item_id: item.clone(),
                action: action.clone(),
                agency_code: agency.clone(),
                deadline: deadline.clone(),
                removed: false,
            })?
        }
        MinutesEdit::Finalize { meeting } => desk.minutes().finalize(meeting)?,
        MinutesEdit::Addendum { meeting, text } => desk.minutes().add_addendum(meeting, text)?,
        MinutesEdit::Minutes { meeting } => desk.minutes().detail(meeting)?,
    };
    print(json, &view, || describe(&view));
    Ok(())
}

/// Renders the notulen of `meeting_id` with the letterhead logo, if any.
pub fn render(desk: &mut Desk, meeting_id: &str, format: Format) -> Result<Vec<u8>, CoreError> {
    let export = desk.minutes().export(meeting_id)?;
    let logo = desk.settings().logo()?.map(|(_, bytes)| bytes);
    ikp_minutes::render(&Minutes { export: &export, logo_png: logo.as_deref() }, format)
        .map_err(|err| CoreError::Storage { message: err.to_string() })
}

pub fn minutes(desk: &mut Desk, json: bool, command: &MinutesCommand) -> Result<(), CoreError> {
    match command {
        MinutesCommand::Export { meeting, format, out } => {
            let meeting_id = match meeting {
                Some(id) => id.clone(),
                None => {
                    let all = desk.minutes().summaries(200)?;
                    all.iter()
                        .find(|m| m.finalized_on.is_some())
                        .or(all.first())
                        .map(|m| m.meeting.id.clone())
                        .ok_or_else(|| CoreError::UnknownMeeting { id: String::new() })?
                }
            };
            let format = Format::parse(format).expect("clap allows only docx and pdf");
            let bytes = render(desk, &meeting_id, format)?;
            std::fs::write(out, &bytes)?;
            let report = serde_json::json!({ "meeting": meeting_id, "out": out, "bytes": bytes.len() });
            print(json, &report, || {
                format!("{} ({} bytes) written for meeting {meeting_id}", out.display(), bytes.len())
            });
        }
    }
    Ok(())
}
