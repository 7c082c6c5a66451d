//! `ikp`: the IKP Desk command line. Every command is a thin call into `ikp_core::Desk`,
//! the same API the desktop app uses.

mod agency_cli;
mod bench;
mod brief_cli;
mod budget_cli;
mod complaint_cli;
mod instruction_cli;
mod minutes_cli;
mod negotiation_cli;
mod official_cli;
mod report_cli;
mod root_cli;
mod settings_cli;
mod sync_cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ikp_core::principal::Role;
use ikp_core::{CoreError, Desk, SetupInput};
use serde::Serialize;

/// The Tauri app's identifier: the CLI defaults to the same data directory as the app.
const APP_IDENTIFIER: &str = "id.ikpdesk.app";

#[derive(Parser)]
#[command(name = "ikp", version, about = "IKP Desk command line")]
struct Cli {
    /// Data directory (database and device key). Defaults to the app's own.
    #[arg(long, global = true, env = "IKP_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Act as one of several people sharing the data directory (their own signing key).
    #[arg(long, global = true, env = "IKP_PROFILE")]
    profile: Option<String>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the data directory, database and device key.
    Init,
    /// Record who uses this laptop (the first-start choice). A Regent set up on a laptop
    /// without a trust root makes it the regency's trust root.
    Setup {
        #[arg(long, value_parser = ["regent", "secretary", "agency_staff"])]
        role: String,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        name: String,
    },
    /// Set the regency this installation serves (Regent or Secretary).
    Regency {
        #[arg(long)]
        name: String,
        #[arg(long)]
        address: String,
        #[arg(long)]
        regent_name: String,
        /// "Bupati Bekasi", or "Pj. Bupati Bekasi" while an acting regent serves.
        #[arg(long)]
        regent_title: String,
        #[arg(long)]
        secretary_name: String,
    },
    /// Load the demo dataset (Kabupaten Bekasi); with --scale, add N synthetic events.
    Demo {
        #[arg(long)]
        scale: Option<u64>,
        /// Add N pending negotiation requests (the meeting-mode benchmark's queue).
        #[arg(long)]
        pending_requests: Option<u32>,
    },
    /// Summary of this installation.
    Status,
    /// List the agencies (perangkat daerah); the same as `ikp agency list`.
    Agencies,
    /// The regency's officials: who holds each post, and appointments.
    #[command(subcommand)]
    Official(official_cli::OfficialCommand),
    /// The trust root's key: a passphrase-protected backup, and its restore.
    #[command(subcommand)]
    Root(root_cli::RootCommand),
    /// The kop surat: address, telephone, website, e-mail, signature city.
    Letterhead(official_cli::LetterheadArgs),
    /// The agencies as master data: list, add, edit, deactivate, activate, import.
    #[command(subcommand)]
    Agency(agency_cli::AgencyCommand),
    /// List the most recent events.
    Events {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Drop every projection and replay the event log.
    Rebuild,
    /// Verify every event's hash and signature and the file's integrity.
    Check,
    /// IKP instructions: issue, list, show, complete, verify, return, cancel, scorecard...
    #[command(subcommand)]
    Instruction(instruction_cli::InstructionCommand),
    /// Regency settings: issue categories and the instruction number format.
    #[command(subcommand)]
    Settings(settings_cli::SettingsCommand),
    /// Progress reports on indicators.
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Ask to lower or raise one of your agency's targets, or move its deadline.
    Negotiate(negotiation_cli::NegotiateArgs),
    /// Approve, reject or counter a pending request (Regent or Secretary).
    Decide(negotiation_cli::DecideArgs),
    /// Negotiation requests: all, --pending, or --queue as meeting mode groups them.
    Negotiations(negotiation_cli::ListArgs),
    /// Withdraw a request, undo a decision, or show an indicator's target history.
    #[command(subcommand)]
    Negotiation(negotiation_cli::NegotiationCommand),
    /// Leadership meetings (rapim) in which decisions are taken.
    #[command(subcommand)]
    Meeting(negotiation_cli::MeetingCommand),
    /// Minutes of a meeting as an official notulen: `ikp minutes export`.
    #[command(subcommand)]
    Minutes(minutes_cli::MinutesCommand),
    /// The rapim brief for a day (`--date`): IKP standing, waiting requests, budget,
    /// overdue complaints, stale agencies; `--out F.pdf` writes the PDF.
    Brief(brief_cli::BriefArgs),
    /// The IKP report of a period (`--period 2026-11|2026-Q4|2026`), of one agency
    /// (`--agency`) or the regency, as PDF or XLSX.
    Report(report_cli::ReportArgs),
    /// Budget absorption: pagu, plan, realizations, CSV import, summary.
    #[command(subcommand)]
    Budget(budget_cli::BudgetCommand),
    /// SP4N-LAPOR! complaints: import, list, dispose, follow up, summary, rapim, export.
    #[command(subcommand)]
    Complaints(complaint_cli::ComplaintCommand),
    /// Device enrolment by the trust root: request, approve, revoke, status.
    #[command(subcommand)]
    Enrol(sync_cli::EnrolCommand),
    /// Write a sync bundle (.ikp) for another laptop.
    Export(sync_cli::ExportArgs),
    /// Import a sync bundle: all of it, or nothing (exit 1 with the reasons).
    Import(sync_cli::ImportArgs),
    /// Sync through a folder another program keeps in step (Syncthing, a share, a stick).
    #[command(subcommand)]
    Sync(sync_cli::SyncCommand),
    /// Copy the database into the data directory's backups/ folder (the last 7 are
    /// kept); with --list, show the copies instead.
    Backup {
        #[arg(long)]
        list: bool,
    },
    /// Put a backup (a name from `ikp backup --list`) in place of the database, after
    /// checking it. Works on a database too damaged to open; close the app first.
    Restore { name: String },
    /// After a restore: record again. Import the newest files from the other laptops
    /// first, so this laptop's events made after the backup come back.
    Resume,
    /// Benchmarks of the core (build with --release).
    Bench(bench::BenchArgs),
}

#[derive(Subcommand)]
enum ProgressCommand {
    /// Report a realized value for one of your agency's indicators.
    Add(instruction_cli::ProgressArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ikp: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, CoreError> {
    if let Command::Bench(args) = &cli.command {
        bench::run(args, cli.data_dir.as_deref(), cli.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => default_data_dir()?,
    };
    if let Command::Root(root_cli::RootCommand::Restore { file }) = &cli.command {
        root_cli::restore(&data_dir, cli.json, file)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Restore { name } = &cli.command {
        // Without opening the database: it may be the damaged one.
        let report =
            ikp_core::backup::restore(&data_dir, name, ikp_core::clock::Clock::now_ms(&ikp_core::clock::SystemClock))?;
        print(cli.json, &report, || {
            format!(
                "restored {} ({} events, checked)\nthe replaced files are in {}\n\
                 import the newest .ikp files from the other laptops, then `ikp resume` to record again",
                report.restored.name, report.events, report.set_aside
            )
        });
        return Ok(ExitCode::SUCCESS);
    }
    let clock = std::sync::Arc::new(ikp_core::clock::SystemClock);
    let mut desk = Desk::open_profile(&data_dir, cli.profile.as_deref(), clock)?;
    match &cli.command {
        Command::Init => {
            let status = desk.status()?;
            print(cli.json, &status, || format!("data directory: {}\ndevice: {}", status.data_dir, desk.device_id()));
        }
        Command::Setup { role, agency, name } => {
            let role = Role::parse(role).expect("clap allows only known roles");
            let info = desk.setup_device(SetupInput { role, agency_code: agency.clone(), user_name: name.clone() })?;
            print(cli.json, &info, || format!("{} set up as {}", info.user_name, role.label_en()));
        }
        Command::Regency { name, address, regent_name, regent_title, secretary_name } => {
            let profile = desk.settings().set_regency(ikp_core::regency::RegencyProfile {
                name: name.clone(),
                address: address.clone(),
                regent_name: regent_name.clone(),
                regent_title: regent_title.clone(),
                secretary_name: secretary_name.clone(),
            })?;
            print(cli.json, &profile, || format!("regency set: {}", profile.name));
        }
        Command::Demo { scale, pending_requests } => {
            let before = desk.status()?.event_count;
            match (scale, pending_requests) {
                (Some(count), _) => desk.demo().generate_scale(*count)?,
                (None, Some(count)) => desk.demo().generate_meeting_queue(*count)?,
                (None, None) => {
                    desk.demo().load()?;
                }
            }
            let status = desk.status()?;
            print(cli.json, &status, || {
                format!(
                    "loaded {} events; {} agencies, {} events in the log",
                    status.event_count - before,
                    status.agency_count,
                    status.event_count
                )
            });
        }
        Command::Status => {
            let status = desk.status()?;
            print(cli.json, &status, || serde_json::to_string_pretty(&status).unwrap_or_default());
        }
        Command::Agencies => agency_cli::list(&mut desk, cli.json)?,
        Command::Agency(command) => agency_cli::run(&mut desk, cli.json, command)?,
        Command::Official(command) => official_cli::run(&mut desk, cli.json, command)?,
        Command::Root(root_cli::RootCommand::Backup { out }) => root_cli::backup(&mut desk, cli.json, out)?,
        Command::Root(root_cli::RootCommand::Restore { .. }) => unreachable!("restored before a desk opens"),
        Command::Root(root_cli::RootCommand::HandOver { to, reason }) => {
            root_cli::hand_over(&mut desk, cli.json, to, reason)?
        }
        Command::Letterhead(args) => official_cli::letterhead(&mut desk, cli.json, args)?,
        Command::Events { limit } => {
            let events = desk.events(*limit)?;
            print(cli.json, &events, || {
                events
                    .iter()
                    .map(|event| {
                        format!(
                            "{}  {}  #{:<6} {:<24} {}",
                            event.recorded_at,
                            &event.id[..12],
                            event.seq,
                            event.kind,
                            event.author_label
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Rebuild => {
            let before = desk.digest()?;
            let report = desk.rebuild()?;
            let after = desk.digest()?;
            let outcome = RebuildOutcome { report, digest_before: before, digest_after: after };
            print(cli.json, &outcome, || {
                format!(
                    "replayed {} events ({} projected, {} of unknown kinds)\ndigest before {}\ndigest after  {}",
                    outcome.report.events,
                    outcome.report.projected,
                    outcome.report.unknown,
                    outcome.digest_before,
                    outcome.digest_after
                )
            });
        }
        Command::Check => {
            let report = desk.check()?;
            print(cli.json, &report, || {
                let mut lines = vec![format!("checked {} events", report.events_checked)];
                lines
                    .extend(report.bad_events.iter().map(|bad| format!("BAD EVENT {}: {}", bad.event_id, bad.problem)));
                lines.extend(report.file_problems.iter().map(|problem| format!("FILE: {problem}")));
                lines.extend(report.sequence_gaps.iter().map(|seq| format!("MISSING own event #{seq}")));
                lines.push(if report.is_clean() { "ok".into() } else { "FAILED".into() });
                lines.join("\n")
            });
            if !report.is_clean() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Instruction(command) => instruction_cli::run(&mut desk, cli.json, command)?,
        Command::Settings(command) => settings_cli::run(&mut desk, cli.json, command)?,
        Command::Progress(ProgressCommand::Add(args)) => instruction_cli::add_progress(&mut desk, cli.json, args)?,
        Command::Negotiate(args) => negotiation_cli::negotiate(&mut desk, cli.json, args)?,
        Command::Decide(args) => negotiation_cli::decide(&mut desk, cli.json, args)?,
        Command::Negotiations(args) => negotiation_cli::list(&mut desk, cli.json, args)?,
        Command::Negotiation(command) => negotiation_cli::run(&mut desk, cli.json, command)?,
        Command::Meeting(command) => negotiation_cli::meeting(&mut desk, cli.json, command)?,
        Command::Minutes(command) => minutes_cli::minutes(&mut desk, cli.json, command)?,
        Command::Brief(args) => brief_cli::brief(&mut desk, cli.json, args)?,
        Command::Report(args) => report_cli::report(&mut desk, cli.json, args)?,
        Command::Budget(command) => budget_cli::run(&mut desk, cli.json, command)?,
        Command::Complaints(command) => complaint_cli::run(&mut desk, cli.json, command)?,
        Command::Enrol(command) => sync_cli::enrol(&mut desk, cli.json, command)?,
        Command::Export(args) => sync_cli::export(&mut desk, cli.json, args)?,
        Command::Sync(command) => sync_cli::sync(&mut desk, cli.json, command)?,
        Command::Import(args) => {
            if !sync_cli::import(&mut desk, cli.json, args)? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Backup { list: false } => {
            let backup = desk.backup_now()?;
            print(cli.json, &backup, || format!("{}  {} KiB  {}", backup.taken_at, backup.kib, backup.name));
        }
        Command::Backup { list: true } => {
            let backups = desk.backups()?;
            print(cli.json, &backups, || {
                backups
                    .iter()
                    .map(|backup| format!("{}  {:>10} KiB  {}", backup.taken_at, backup.kib, backup.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Resume => {
            desk.resume_after_restore()?;
            print(cli.json, &(), || "this laptop records again".into());
        }
        Command::Bench(_) | Command::Restore { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct RebuildOutcome {
    report: ikp_core::projection::RebuildReport,
    digest_before: String,
    digest_after: String,
}

pub(crate) fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string_pretty(value).expect("reports serialize"));
    } else {
        println!("{}", text());
    }
}

/// The app's own folder: this computer's local app data (an earlier build's folder in
/// the roaming profile is moved there first, as the app does).
fn default_data_dir() -> Result<PathBuf, CoreError> {
    let local = dirs::data_local_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER);
    let roaming = dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER);
    ikp_core::data_folder::settle(&roaming, &local).map(|(dir, _)| dir)
}
