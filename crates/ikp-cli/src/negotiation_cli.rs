//! `ikp negotiate`, `ikp decide`, `ikp negotiations`, `ikp meeting ...`: the performance
//! dialogue from the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use ikp_core::negotiation::ops::{DecisionInput, MeetingInput, NegotiationInput};
use ikp_core::negotiation::queries::{NegotiationFilter, NegotiationView, Sitting};
use ikp_core::negotiation::{Movement, NegotiationStatus, Outcome};
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Args)]
pub struct NegotiateArgs {
    /// The indicator's id (see `ikp instruction show`).
    #[arg(long)]
    indicator: String,
    /// Which way the target value should move.
    #[arg(long, value_enum)]
    movement: MovementArg,
    /// The proposed target value ("10" or "12,5").
    #[arg(long)]
    target: Option<String>,
    /// The proposed deadline, YYYY-MM-DD.
    #[arg(long)]
    deadline: Option<String>,
    /// Why (required).
    #[arg(long)]
    reason: String,
    /// Evidence files to attach (repeatable).
    #[arg(long)]
    evidence: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MovementArg {
    Lower,
    Raise,
}

#[derive(Args)]
pub struct DecideArgs {
    /// The request's id.
    negotiation: String,
    #[arg(value_enum)]
    outcome: OutcomeArg,
    /// For a counter-offer: the value the leadership sets.
    #[arg(long)]
    target: Option<String>,
    /// For a counter-offer: the deadline the leadership sets, YYYY-MM-DD.
    #[arg(long)]
    deadline: Option<String>,
    #[arg(long, default_value = "")]
    note: String,
    /// The meeting in which the decision is taken.
    #[arg(long)]
    meeting: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutcomeArg {
    Approve,
    Reject,
    Counter,
}

#[derive(Args)]
pub struct ListArgs {
    /// Only requests awaiting a decision.
    #[arg(long)]
    pending: bool,
    #[arg(long)]
    agency: Option<String>,
    #[arg(long)]
    indicator: Option<String>,
    /// Only requests decided in this meeting.
    #[arg(long)]
    meeting: Option<String>,
    /// Group pending requests by agency, as meeting mode shows them.
    #[arg(long)]
    queue: bool,
}

#[derive(Subcommand)]
pub enum NegotiationCommand {
    /// The agency takes back its pending request.
    Withdraw {
        negotiation: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Take a decision back (a new event): the request is pending again.
    Undo {
        /// The decision's event id.
        decision: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        meeting: Option<String>,
    },
    /// An indicator's target history: the original, then every request and its outcome.
    History { indicator: String },
}

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Open a leadership meeting (rapim); decisions taken with --meeting link to it.
    Open {
        #[arg(long, default_value = "Rapat Pimpinan")]
        title: String,
        /// YYYY-MM-DD; defaults to today.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: String,
        #[arg(long)]
        chair: String,
    },
    Close {
        meeting: String,
    },
    /// Meetings, newest first.
    List,
    /// One meeting's decisions, in the order taken.
    Show {
        meeting: String,
    },
    /// The minutes (notulen): identity, attendees, agenda, notes, decisions, follow-ups.
    #[command(flatten)]
    Minutes(crate::minutes_cli::MinutesEdit),
}

pub fn negotiate(desk: &mut Desk, json: bool, args: &NegotiateArgs) -> Result<(), CoreError> {
    let evidence = args.evidence.iter().map(|path| desk.evidence().attach(path)).collect::<Result<Vec<_>, _>>()?;
    let view = desk.negotiations().request(NegotiationInput {
        indicator_id: args.indicator.clone(),
        movement: match args.movement {
            MovementArg::Lower => Movement::Lower,
            MovementArg::Raise => Movement::Raise,
        },
        proposed_target: args.target.clone(),
        proposed_deadline: args.deadline.clone(),
        justification: args.reason.clone(),
        evidence,
    })?;
    print(json, &view, || line(&view));
    Ok(())
}

pub fn decide(desk: &mut Desk, json: bool, args: &DecideArgs) -> Result<(), CoreError> {
    let result = desk.negotiations().decide(DecisionInput {
        negotiation_id: args.negotiation.clone(),
        outcome: match args.outcome {
            OutcomeArg::Approve => Outcome::Approve,
            OutcomeArg::Reject => Outcome::Reject,
            OutcomeArg::Counter => Outcome::Counter,
        },
        counter_target: args.target.clone(),
        counter_deadline: args.deadline.clone(),
        note: args.note.clone(),
        meeting_id: args.meeting.clone(),
    })?;
    print(json, &result, || format!("decision {}\n{}", result.decision_event, line(&result.negotiation)));
    Ok(())
}

pub fn list(desk: &mut Desk, json: bool, args: &ListArgs) -> Result<(), CoreError> {
    if args.queue {
        let queue = desk.negotiations().queue()?;
        print(json, &queue, || {
            queue
                .iter()
                .map(|group| {
                    let requests: Vec<String> = group.requests.iter().map(|r| format!("  {}", line(r))).collect();
                    format!(
                        "{} — achievement {:.1}%, past: {} approved, {} rejected, {} countered, {} withdrawn\n{}",
                        group.agency_name,
                        f64::from(group.achievement_permille) / 10.0,
                        group.past.approved,
                        group.past.rejected,
                        group.past.countered,
                        group.past.withdrawn,
                        requests.join("\n")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let filter = NegotiationFilter {
        status: args.pending.then_some(NegotiationStatus::Pending),
        agency_code: args.agency.clone(),
        indicator_id: args.indicator.clone(),
        meeting_id: args.meeting.clone(),
        limit: None,
    };
    let views = desk.negotiations().list(&filter)?;
    print(json, &views, || views.iter().map(line).collect::<Vec<_>>().join("\n"));
    Ok(())
}

pub fn run(desk: &mut Desk, json: bool, command: &NegotiationCommand) -> Result<(), CoreError> {
    match command {
        NegotiationCommand::Withdraw { negotiation, reason } => {
            let view = desk.negotiations().withdraw(negotiation, reason)?;
            print(json, &view, || line(&view));
        }
        NegotiationCommand::Undo { decision, reason, meeting } => {
            let result = desk.negotiations().undo_decision(decision, reason, meeting.as_deref())?;
            print(json, &result, || line(&result.negotiation));
        }
        NegotiationCommand::History { indicator } => {
            let history = desk.negotiations().target_history(indicator)?;
            print(json, &history, || {
                let mut lines = vec![format!(
                    "original target {} (deadline {})",
                    history.original_target, history.original_deadline
                )];
                for step in &history.steps {
                    lines.push(format!(
                        "  {} -> {}{}  {}",
                        step.target_before,
                        step.target_after,
                        if step.changed { "" } else { " (unchanged)" },
                        line(&step.negotiation)
                    ));
                }
                lines.push(format!(
                    "effective target {} (deadline {})",
                    history.effective_target, history.effective_deadline
                ));
                lines.join("\n")
            });
        }
    }
    Ok(())
}

pub fn meeting(desk: &mut Desk, json: bool, command: &MeetingCommand) -> Result<(), CoreError> {
    match command {
        MeetingCommand::Open { title, date, place, chair } => {
            let meeting = desk.negotiations().open_meeting(MeetingInput {
                title: title.clone(),
                held_on: date.clone(),
                place: place.clone(),
                chair: chair.clone(),
            })?;
            print(json, &meeting, || {
                format!("meeting {} opened: {} on {}", meeting.id, meeting.title, meeting.held_on)
            });
        }
        MeetingCommand::Close { meeting } => {
            let meeting = desk.negotiations().close_meeting(meeting)?;
            print(json, &meeting, || format!("meeting {} closed", meeting.id));
        }
        MeetingCommand::List => {
            let meetings = desk.negotiations().meetings(50)?;
            print(json, &meetings, || {
                meetings
                    .iter()
                    .map(|m| format!("{}  {}  {}  {}  [{}]", m.held_on, m.title, m.place, m.chair, m.id))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        MeetingCommand::Show { meeting } => {
            let sitting = desk.minutes().sitting(meeting)?;
            print(json, &sitting, || describe_sitting(&sitting));
        }
        MeetingCommand::Minutes(edit) => crate::minutes_cli::edit(desk, json, edit)?,
    }
    Ok(())
}

fn describe_sitting(sitting: &Sitting) -> String {
    let mut lines = vec![format!(
        "{} — {} at {}, chaired by {}: {} approved, {} rejected, {} countered, {} undone",
        sitting.meeting.held_on,
        sitting.meeting.title,
        sitting.meeting.place,
        sitting.meeting.chair,
        sitting.approved,
        sitting.rejected,
        sitting.countered,
        sitting.undone
    )];
    for item in &sitting.decisions {
        lines.push(format!(
            "  {:<8}{} {}",
            item.decision.outcome.as_str(),
            if item.decision.undone { " (undone)" } else { "" },
            line(&item.negotiation)
        ));
    }
    lines.join("\n")
}

fn line(view: &NegotiationView) -> String {
    let proposal = match (&view.proposed_target, &view.proposed_deadline) {
        (Some(target), Some(deadline)) => format!("{target} by {deadline}"),
        (Some(target), None) => target.to_string(),
        (None, Some(deadline)) => format!("deadline {deadline}"),
        (None, None) => "-".into(),
    };
    format!(
        "{:<10} {:<9} {} {} -> {} ({} now)  {}: {}  [{}]",
        view.status.as_str(),
        view.agency_short_name,
        view.movement.as_str(),
        view.target_when_asked,
        proposal,
        view.effective_target,
        view.indicator_name,
        view.justification,
        view.id
    )
}
