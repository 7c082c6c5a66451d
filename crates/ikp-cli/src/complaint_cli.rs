//! `ikp complaints ...`: SP4N-LAPOR! complaints — import, list, disposition, follow-up,
//! closure, summaries, export, and the time-limit and holiday settings.

use ikp_core::period::Period;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use ikp_core::complaint::import::{ColumnChoice, ComplaintColumn, ComplaintImportPreview};
use ikp_core::complaint::lifecycle::{ComplaintAction, ComplaintStatus};
use ikp_core::complaint::ops::{ComplaintFollowUpInput, CompleteInput, DisposeInput, StatusInput};
use ikp_core::complaint::payload::{Proof, ProofKind};
use ikp_core::complaint::queries::{ComplaintFilter, ComplaintSummary, ComplaintView, GroupFigures};
use ikp_core::{CoreError, Desk, InputProblem};

use crate::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Unverified,
    Disposed,
    InProgress,
    Completed,
    OnHold,
    OutOfScope,
    Archived,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ChangeArg {
    Hold,
    Resume,
    OutOfScope,
    Archive,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ProofArg {
    Photo,
    Video,
    Letter,
}

#[derive(Subcommand)]
pub enum ComplaintCommand {
    /// Check a LAPOR! export (CSV or XLSX) and list every problem by row; writes nothing.
    Preview(ImportArgs),
    /// Import a LAPOR! export: all rows, or none while any row is bad. Known tracking ids are updated.
    Import {
        #[command(flatten)]
        args: ImportArgs,
        /// Import the good rows and leave out the bad ones the preview lists.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Complaints you see (all for the leadership; your agency's for staff and camat).
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        kecamatan: Option<String>,
        /// Only complaints that came in by this channel, as recorded.
        #[arg(long)]
        channel: Option<String>,
        /// Only complaints of this group of channels: lapor, whats_app, letter, walk_in,
        /// social_media, phone, other.
        #[arg(long, value_parser = channel_group)]
        channel_group: Option<ikp_core::complaint::channel::ChannelGroup>,
        /// Only complaints past their deadline.
        #[arg(long)]
        overdue: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// One complaint with its follow-up and history.
    Show { tracking_id: String },
    /// Dispose a complaint to an agency or a camat (KEC-...), or re-dispose it with --reason.
    Dispose {
        tracking_id: String,
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// A field check is needed (the longer time limit applies).
        #[arg(long)]
        field_check: Option<bool>,
    },
    /// Record follow-up on a complaint disposed to your agency.
    Followup {
        tracking_id: String,
        #[arg(long)]
        action: String,
        /// YYYY-MM-DD; defaults to today.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        evidence: Vec<PathBuf>,
    },
    /// Close a complaint with proof of completion (a photo, video or official letter).
    Complete {
        tracking_id: String,
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        proof: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "photo")]
        proof_kind: ProofArg,
        #[arg(long)]
        date: Option<String>,
    },
    /// Put on hold, resume, declare not the regency's to handle, or archive.
    Status {
        tracking_id: String,
        #[arg(value_enum)]
        change: ChangeArg,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Follow-up rate, response time, open and overdue per agency and per kecamatan.
    Summary {
        /// First month received, YYYY-MM.
        #[arg(long)]
        from: Option<String>,
        /// Last month received, YYYY-MM.
        #[arg(long)]
        to: Option<String>,
    },
    /// The complaint item of a rapim agenda (table data for the minutes).
    Rapim {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// Dispositions and re-dispositions: who sent what where, and why.
    Dispositions {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Every complaint you see as CSV, with every timestamp.
    Export {
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Only complaints received in this period: 2026-11, 2026-Q4, 2026 or
        /// 2026-01..2026-03 (default: all).
        #[arg(long)]
        period: Option<String>,
    },
    /// Time limits per classification, in working days (leadership may set them as JSON).
    Limits {
        /// JSON list: [{"classification":"pengaduan","verificationDays":3,"followUpDays":5,"fieldCheckDays":60}]
        #[arg(long)]
        set: Option<String>,
    },
    /// Working days from disposition to the first follow-up (leadership may set them).
    FirstResponse {
        #[arg(long)]
        set: Option<u32>,
    },
    /// National holidays and cuti bersama (leadership may replace the list as JSON).
    Holidays {
        /// JSON list: [{"date":"2026-08-17","name":"...","collectiveLeave":false}]
        #[arg(long)]
        set: Option<String>,
    },
}

#[derive(clap::Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// Where the export comes from: its column mapping is remembered under this name.
    #[arg(long, default_value = "LAPOR!")]
    source: String,
    /// Read a header as a column: "Nomor=tracking_id" (or "Kolom=" to leave it out).
    #[arg(long = "map")]
    mappings: Vec<String>,
}

pub fn run(desk: &mut Desk, json: bool, command: &ComplaintCommand) -> Result<(), CoreError> {
    match command {
        ComplaintCommand::Preview(args) => {
            let (name, bytes, choices) = read(args)?;
            let preview = desk.complaints().preview_import(&args.source, &name, &bytes, &choices)?;
            print(json, &preview, || describe_import(&preview));
        }
        ComplaintCommand::Import { args, skip_bad_rows } => {
            let (name, bytes, choices) = read(args)?;
            let imported = desk.complaints().import(&args.source, &name, &bytes, &choices, *skip_bad_rows)?;
            print(json, &imported, || format!("imported\n{}", describe_import(&imported)));
        }
        ComplaintCommand::List { status, agency, kecamatan, channel, channel_group, overdue, limit } => {
            let filter = ComplaintFilter {
                status: status.map(status_of),
                agency_code: agency.clone(),
                kecamatan_code: kecamatan.clone(),
                channel: channel.clone(),
                channel_group: *channel_group,
                overdue_only: *overdue,
                limit: Some(*limit),
                ..ComplaintFilter::default()
            };
            let list = desk.complaints().list(&filter)?;
            print(json, &list, || list.iter().map(line).collect::<Vec<_>>().join("\n"));
        }
        ComplaintCommand::Show { tracking_id } => {
            let detail = desk.complaints().detail(tracking_id)?;
            print(json, &detail, || {
                let mut lines = vec![line(&detail.complaint), format!("  {}", detail.complaint.summary)];
                for entry in &detail.history {
                    lines.push(format!(
                        "  {} {:<20} {} → {}  {} ({}){}",
                        entry.on_day,
                        entry.action,
                        entry.from_agency.as_deref().unwrap_or("-"),
                        entry.to_agency.as_deref().unwrap_or("-"),
                        entry.note,
                        entry.author_label,
                        if entry.applied { "" } else { "  [not applied]" }
                    ));
                }
                lines.join("\n")
            });
        }
        ComplaintCommand::Dispose { tracking_id, to, reason, field_check } => {
            let detail = desk.complaints().dispose(DisposeInput {
                tracking_id: tracking_id.clone(),
                agency_code: to.clone(),
                reason: reason.clone(),
                field_check: *field_check,
            })?;
            print(json, &detail, || line(&detail.complaint));
        }
        ComplaintCommand::Followup { tracking_id, action, date, evidence } => {
            let evidence = evidence.iter().map(|path| desk.evidence().attach(path)).collect::<Result<Vec<_>, _>>()?;
            let detail = desk.complaints().follow_up(ComplaintFollowUpInput {
                tracking_id: tracking_id.clone(),
                followed_on: date.clone(),
                action_taken: action.clone(),
                evidence,
            })?;
            print(json, &detail, || line(&detail.complaint));
        }
        ComplaintCommand::Complete { tracking_id, outcome, proof, proof_kind, date } => {
            let kind = match proof_kind {
                ProofArg::Photo => ProofKind::Photo,
                ProofArg::Video => ProofKind::Video,
                ProofArg::Letter => ProofKind::Letter,
            };
            let proof = proof
                .iter()
                .map(|path| Ok(Proof { kind, evidence: desk.evidence().attach(path)? }))
                .collect::<Result<Vec<_>, CoreError>>()?;
            let detail = desk.complaints().complete(CompleteInput {
                tracking_id: tracking_id.clone(),
                completed_on: date.clone(),
                outcome: outcome.clone(),
                proof,
            })?;
            print(json, &detail, || line(&detail.complaint));
        }
        ComplaintCommand::Status { tracking_id, change, reason } => {
            let action = match change {
                ChangeArg::Hold => ComplaintAction::Hold,
                ChangeArg::Resume => ComplaintAction::Resume,
                ChangeArg::OutOfScope => ComplaintAction::DeclareOutOfScope,
                ChangeArg::Archive => ComplaintAction::Archive,
            };
            let detail = desk.complaints().change_status(StatusInput {
                tracking_id: tracking_id.clone(),
                action,
                reason: reason.clone(),
            })?;
            print(json, &detail, || line(&detail.complaint));
        }
        ComplaintCommand::Summary { from, to } => {
            let summary = desk.complaints().summary(from.as_deref(), to.as_deref())?;
            print(json, &summary, || describe_summary(&summary));
        }
        ComplaintCommand::Rapim { from, to } => {
            let rapim = desk.complaints().rapim(from.as_deref(), to.as_deref())?;
            print(json, &rapim, || {
                let mut lines = vec![rapim.agenda_title.clone(), figures(&rapim.summary.total)];
                lines.push("agencies behind:".into());
                lines.extend(rapim.agencies_behind.iter().map(figures));
                lines.push("longest overdue:".into());
                lines.extend(rapim.longest_overdue.iter().map(line));
                lines.push(format!("re-dispositions: {}", rapim.redispositions));
                lines.join("\n")
            });
        }
        ComplaintCommand::Dispositions { limit } => {
            let history = desk.complaints().dispositions(*limit)?;
            print(json, &history, || {
                history
                    .iter()
                    .map(|entry| {
                        format!(
                            "{} {:<20} {:<9} {} → {}  {} ({})",
                            entry.on_day,
                            entry.tracking_id,
                            entry.action,
                            entry.from_agency.as_deref().unwrap_or("-"),
                            entry.to_agency.as_deref().unwrap_or("-"),
                            entry.note,
                            entry.author_label
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ComplaintCommand::Export { output, period } => {
            let period = period.as_deref().map(Period::parse).transpose()?.unwrap_or(Period::All);
            let csv = desk.complaints().export_csv_in(&period)?;
            match output {
                Some(path) => std::fs::write(path, csv)?,
                None => print!("{csv}"),
            }
        }
        ComplaintCommand::FirstResponse { set } => {
            let days = match set {
                Some(days) => desk.complaints().set_first_response_days(*days)?,
                None => desk.complaints().first_response_days()?,
            };
            print(json, &days, || format!("first follow-up within {days} working days of disposition"));
        }
        ComplaintCommand::Limits { set } => {
            let limits = match set {
                Some(text) => desk.complaints().set_time_limits(parse_json("limits", text)?)?,
                None => desk.complaints().time_limits()?,
            };
            print(json, &limits, || {
                limits
                    .iter()
                    .map(|limit| {
                        format!(
                            "{:<22} verify {:>3}  follow-up {:>3}  with field check {:>3} working days",
                            limit.classification.as_str(),
                            limit.verification_days,
                            limit.follow_up_days,
                            limit.field_check_days
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ComplaintCommand::Holidays { set } => {
            let holidays = match set {
                Some(text) => desk.settings().set_holidays(parse_json("holidays", text)?)?,
                None => desk.settings().holidays()?,
            };
            print(json, &holidays, || {
                holidays
                    .iter()
                    .map(|day| {
                        format!(
                            "{} {}{}",
                            day.date,
                            day.name,
                            if day.collective_leave { " (cuti bersama)" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

fn parse_json<T: serde::de::DeserializeOwned>(field: &str, text: &str) -> Result<T, CoreError> {
    serde_json::from_str(text).map_err(|_| CoreError::invalid(field, InputProblem::NotAllowed))
}

fn status_of(arg: StatusArg) -> ComplaintStatus {
    match arg {
        StatusArg::Unverified => ComplaintStatus::Unverified,
        StatusArg::Disposed => ComplaintStatus::Disposed,
        StatusArg::InProgress => ComplaintStatus::InProgress,
        StatusArg::Completed => ComplaintStatus::Completed,
        StatusArg::OnHold => ComplaintStatus::OnHold,
        StatusArg::OutOfScope => ComplaintStatus::OutOfScope,
        StatusArg::Archived => ComplaintStatus::Archived,
    }
}

fn read(args: &ImportArgs) -> Result<(String, Vec<u8>, Vec<ColumnChoice>), CoreError> {
    let name = args.file.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = std::fs::read(&args.file)?;
    let choices = args
        .mappings
        .iter()
        .map(|text| {
            let (header, column) =
                text.split_once('=').ok_or_else(|| CoreError::invalid("map", InputProblem::NotAllowed))?;
            let column = match column.trim() {
                "" => None,
                name => Some(
                    serde_json::from_value::<ComplaintColumn>(serde_json::Value::from(name))
                        .map_err(|_| CoreError::invalid("map", InputProblem::NotAllowed))?,
                ),
            };
            Ok(ColumnChoice { header: header.trim().to_owned(), column })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    Ok((name, bytes, choices))
}

fn line(c: &ComplaintView) -> String {
    format!(
        "{:<20} {} {:<12} {:<20} {:<22} due {}{}{}",
        c.tracking_id,
        c.received_on,
        c.status.as_str(),
        c.agency_code.as_deref().unwrap_or("-"),
        c.kecamatan_code.as_deref().unwrap_or("-"),
        c.due_on.as_deref().unwrap_or("-"),
        if c.overdue { format!("  OVERDUE {} working days", c.working_days_late) } else { String::new() },
        if c.response_overdue { "  NO FIRST RESPONSE" } else { "" }
    )
}

fn figures(g: &GroupFigures) -> String {
    format!(
        "  {:<22} received {:>7} disposed {:>7} followed up {:>5.1}% completed {:>7} open {:>6} overdue {:>6} \
         awaiting first response {:>6} response {}",
        if g.name.is_empty() { g.code.as_str() } else { g.name.as_str() },
        g.received,
        g.disposed,
        f64::from(g.follow_up_permille) / 10.0,
        g.completed,
        g.open,
        g.overdue,
        g.response_overdue,
        g.average_response_tenths.map_or("-".to_owned(), |tenths| format!("{:.1} days", f64::from(tenths) / 10.0))
    )
}

fn describe_summary(summary: &ComplaintSummary) -> String {
    let mut lines = vec![format!(
        "complaints received {} to {}, as of {}",
        summary.from_month.as_deref().unwrap_or("the start"),
        summary.to_month.as_deref().unwrap_or("now"),
        summary.as_of
    )];
    lines.push(figures(&summary.total));
    lines.push("by agency:".into());
    lines.extend(summary.by_agency.iter().map(figures));
    if !summary.by_kecamatan.is_empty() {
        lines.push("by kecamatan:".into());
        lines.extend(summary.by_kecamatan.iter().map(figures));
    }
    lines.join("\n")
}

fn describe_import(preview: &ComplaintImportPreview) -> String {
    let mut lines = vec![format!(
        "{} ({}, {:?}): {} rows, {} good: {} new, {} updated, {} unchanged",
        preview.file_name,
        preview.source,
        preview.encoding,
        preview.rows,
        preview.valid_rows,
        preview.new_complaints,
        preview.updates,
        preview.unchanged
    )];
    for column in &preview.columns {
        lines.push(format!("  column {:?} → {:?} ({:?})", column.header, column.column, column.origin));
    }
    for problem in &preview.problems {
        lines.push(format!("  row {} {:?}: {:?} ({:?})", problem.row, problem.column, problem.problem, problem.value));
    }
    for differs in &preview.disagreements {
        lines.push(format!(
            "  row {} {}: {} here, {} in LAPOR! (recorded beside the local status)",
            differs.row,
            differs.tracking_id,
            differs.local.as_str(),
            differs.lapor.as_str()
        ));
    }
    lines.join("\n")
}

fn channel_group(text: &str) -> Result<ikp_core::complaint::channel::ChannelGroup, String> {
    use ikp_core::complaint::channel::ChannelGroup;
    ChannelGroup::ALL.into_iter().find(|group| group.as_str() == text).ok_or_else(|| {
        let names: Vec<&str> = ChannelGroup::ALL.iter().map(|group| group.as_str()).collect();
        format!("`{text}` is not a channel group: {}", names.join(", "))
    })
}
