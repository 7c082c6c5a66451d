//! `ikp enrol ...`, `ikp export`, `ikp import`: sync by files from the command line.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use ikp_core::identity::DeviceId;
use ikp_core::principal::Role;
use ikp_core::sync::export::ExportScope;
use ikp_core::sync::import::ImportReport;
use ikp_core::{CoreError, Desk, InputProblem};
use serde::Serialize;

use crate::print;

#[derive(Subcommand)]
pub enum EnrolCommand {
    /// Write this laptop's enrolment request file, for the Regent's office to approve.
    Request {
        #[arg(long, default_value = "permintaan-pendaftaran.ikp")]
        out: PathBuf,
    },
    /// (Trust root) Approve a request file and write the answer bundle for that laptop.
    Approve {
        request: PathBuf,
        /// The answer bundle to hand back.
        #[arg(long, default_value = "jawaban-pendaftaran.ikp")]
        out: PathBuf,
        /// Grant another role than the one the laptop claimed.
        #[arg(long, value_parser = ["regent", "secretary", "agency_staff"])]
        role: Option<String>,
        #[arg(long)]
        agency: Option<String>,
    },
    /// (Trust root) Revoke a device after the last of its events this laptop holds.
    Revoke {
        device: String,
        #[arg(long)]
        reason: String,
    },
    /// Show the trust root this laptop pinned and the events waiting for a prerequisite.
    Status,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    pub out: PathBuf,
    /// Only what this peer (hex device key) has not said it holds.
    #[arg(long, conflicts_with = "since")]
    pub peer: Option<String>,
    /// Only events made on or after this day (YYYY-MM-DD, WIB).
    #[arg(long)]
    pub since: Option<String>,
}

#[derive(Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// The trust root's fingerprint, as shown on the root's own laptop: needed once, when
    /// the answer to this laptop's enrolment request makes that root its trust root.
    #[arg(long = "trust-root", value_name = "FINGERPRINT")]
    pub trust_root: Option<String>,
}

#[derive(Serialize)]
struct EnrolStatus {
    trust_root: Option<String>,
    device: String,
    pending: Vec<ikp_core::sync::import::PendingEvent>,
    alerts: Vec<ikp_core::sync::SyncAlert>,
    exchanges: Vec<ikp_core::sync::Exchange>,
}

pub fn enrol(desk: &mut Desk, json: bool, command: &EnrolCommand) -> Result<(), CoreError> {
    match command {
        EnrolCommand::Request { out } => {
            let bytes = desk.sync().enrolment_request()?;
            write(out, &bytes)?;
            let device = desk.device_id().to_hex();
            print(json, &serde_json::json!({ "file": out, "device": device }), || {
                format!("enrolment request written to {}\ndevice {device}", out.display())
            });
        }
        EnrolCommand::Approve { request, out, role, agency } => {
            let bytes = ikp_core::sync::bundle::read_file(request)?;
            let role =
                role.as_deref().map(|role| (Role::parse(role).expect("clap allows only known roles"), agency.clone()));
            let enrolment = desk.sync().approve_enrolment(&bytes, role)?;
            let report = desk.sync().export_to_file(out, &ExportScope::Everything)?;
            print(json, &serde_json::json!({ "enrolment": enrolment, "answer": report }), || {
                format!(
                    "enrolled {} ({}) as {}{}\nanswer bundle {} ({} events)\ntrust root fingerprint: {}",
                    enrolment.user_name,
                    &enrolment.device_id[..16],
                    enrolment.role.label_en(),
                    enrolment.agency_code.as_deref().map(|code| format!(" of {code}")).unwrap_or_default(),
                    out.display(),
                    report.events,
                    enrolment.root
                )
            });
        }
        EnrolCommand::Revoke { device, reason } => {
            let last = desk.sync().revoke_device(device, reason)?;
            print(json, &serde_json::json!({ "device": device, "lastValidSeq": last }), || {
                format!("revoked {device}: its events after #{last} are refused")
            });
        }
        EnrolCommand::Status => {
            let status = EnrolStatus {
                trust_root: desk.sync().trust_root()?,
                device: desk.device_id().to_hex(),
                pending: desk.sync().pending_events()?,
                alerts: desk.sync().alerts(20)?,
                exchanges: desk.sync().exchanges(20)?,
            };
            print(json, &status, || {
                let mut lines = vec![
                    format!("trust root: {}", status.trust_root.as_deref().unwrap_or("(none pinned)")),
                    format!("this device: {}", status.device),
                    format!("pending events: {}", status.pending.len()),
                ];
                lines.extend(status.alerts.iter().map(|alert| {
                    format!(
                        "ALERT {} {}: {} #{}: {}",
                        alert.at,
                        alert.kind,
                        &alert.author[..16],
                        alert.seq,
                        alert.detail
                    )
                }));
                lines.extend(status.exchanges.iter().map(|exchange| {
                    format!(
                        "{} {:<6} {} ({} events, {} new)",
                        exchange.at, exchange.direction, exchange.file_name, exchange.events, exchange.new_events
                    )
                }));
                lines.join("\n")
            });
        }
    }
    Ok(())
}

pub fn export(desk: &mut Desk, json: bool, args: &ExportArgs) -> Result<(), CoreError> {
    let scope = match (&args.peer, &args.since) {
        (Some(peer), _) => {
            ExportScope::ForPeer(DeviceId::from_hex(peer).ok_or(CoreError::invalid("peer", InputProblem::NotAllowed))?)
        }
        (None, Some(day)) => ExportScope::Since(
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|_| CoreError::invalid("since", InputProblem::NotADate))?,
        ),
        (None, None) => ExportScope::Everything,
    };
    let report = desk.sync().export_to_file(&args.out, &scope)?;
    print(json, &report, || {
        format!(
            "{} events and {} evidence files written to {} ({} bytes); {} held back\ntrust root fingerprint: {}",
            report.events,
            report.evidence_files,
            args.out.display(),
            report.bytes,
            report.held_back,
            report.root
        )
    });
    Ok(())
}

/// Imports a bundle. A refusal is printed (as JSON too, with `--json`) and exits 1.
pub fn import(desk: &mut Desk, json: bool, args: &ImportArgs) -> Result<bool, CoreError> {
    match desk.sync().import_file(&args.file, args.trust_root.as_deref()) {
        Ok(report) => {
            print(json, &report, || describe(&report));
            Ok(true)
        }
        Err(
            err @ (CoreError::BundleRefused { .. }
            | CoreError::BundleUnreadable { .. }
            | CoreError::BundleTooNew { .. }),
        ) if json => {
            println!("{}", serde_json::to_string_pretty(&err).expect("errors serialize"));
            Ok(false)
        }
        Err(CoreError::BundleRefused { refused, total }) => {
            eprintln!("ikp: the bundle was refused, nothing was imported ({total} events refused):");
            for event in &refused {
                eprintln!(
                    "  {} {} #{} by {}: {:?}: {}",
                    &event.event_id[..12],
                    event.kind,
                    event.seq,
                    &event.author[..12],
                    event.reason,
                    event.detail
                );
            }
            Ok(false)
        }
        Err(err) => Err(err),
    }
}

fn describe(report: &ImportReport) -> String {
    let mut lines = vec![format!(
        "{} events in the file: {} new, {} already known; {} evidence files",
        report.events_in_file, report.new_events, report.already_known, report.evidence_files
    )];
    if let Some(root) = &report.pinned_root {
        lines.push(format!("trust root pinned: {root} (compare it with the Regent's office)"));
    }
    if report.unknown_kinds > 0 {
        lines.push(format!("{} events of kinds this version does not know: kept and relayed", report.unknown_kinds));
    }
    if report.resolved > 0 {
        lines.push(format!("{} waiting events could now be applied", report.resolved));
    }
    for pending in &report.pending {
        let what = &pending.waits_for;
        lines.push(format!(
            "pending: {} {} waits for {} {}",
            &pending.event_id[..12],
            pending.kind,
            what.record.label(),
            what.id
        ));
    }
    for id in &report.far_future {
        lines.push(format!("CLOCK: event {} is stamped more than a day ahead of this laptop", &id[..12]));
    }
    lines.join("\n")
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), CoreError> {
    let tmp = path.with_extension("ikp.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Write this laptop's file into FOLDER (`ikp-<device>.ikp`) when its log changed and
    /// import the other laptops' files there once they are complete; keeps watching
    /// until Ctrl-C, or does one pass with --once.
    Watch {
        #[arg(long)]
        folder: PathBuf,
        /// One pass (two looks a settle interval apart), then exit.
        #[arg(long)]
        once: bool,
        /// How long a file must stay unchanged before it is read, in milliseconds.
        #[arg(long, default_value_t = ikp_core::sync::folder::WATCH_SETTLE.as_millis() as u64)]
        settle_ms: u64,
    },
}

pub fn sync(desk: &mut Desk, json: bool, command: &SyncCommand) -> Result<(), CoreError> {
    use ikp_core::sync::folder::{self, FolderPass, FolderWatch};
    let SyncCommand::Watch { folder, once, settle_ms } = command;
    let settle = std::time::Duration::from_millis(*settle_ms);
    let show = |pass: &FolderPass| print(json, pass, || describe_pass(pass));
    if *once {
        let pass = FolderWatch::new(folder).once(desk, settle)?;
        show(&pass);
        return Ok(());
    }
    // Ctrl-C ends the process between passes or inside one: every write is a rename or
    // one SQLite transaction, so nothing is left half done.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let changes = folder::Changes::new();
    folder::watch(
        folder,
        settle,
        &stop,
        changes,
        |state| state.look(desk),
        |outcome| match outcome {
            Ok(pass) => show(pass),
            Err(err) => eprintln!("{err}"),
        },
    );
    Ok(())
}

fn describe_pass(pass: &ikp_core::sync::folder::FolderPass) -> String {
    if !pass.folder_present {
        return "folder not found (nothing done)".into();
    }
    let mut lines = Vec::new();
    match &pass.written {
        Some(report) => lines.push(format!("wrote this laptop's file: {} events", report.events)),
        None => lines.push("this laptop's file is current".into()),
    }
    for import in &pass.imported {
        lines.push(format!("imported {}: {} new events", import.file, import.new_events));
    }
    lines.push(format!("already imported: {}", pass.already_imported));
    for name in &pass.waiting {
        lines.push(format!("still being written: {name}"));
    }
    for name in &pass.quarantined {
        lines.push(format!("quarantined (laptop not enrolled): {name}"));
    }
    for refusal in &pass.refused {
        lines.push(format!("refused {}: {}", refusal.file, refusal.reason));
    }
    lines.join("\n")
}
