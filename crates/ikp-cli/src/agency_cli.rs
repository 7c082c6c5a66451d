//! `ikp agency ...`: the regency's perangkat daerah and kecamatan as master data.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ikp_core::agency::import::{AgencyColumn, AgencyColumnChoice, AgencyImportPreview};
use ikp_core::agency::ops::AgencyInput;
use ikp_core::agency::payload::AgencyHead;
use ikp_core::agency::{Agency, AgencyKind};
use ikp_core::{CoreError, Desk, InputProblem};

use crate::print;

#[derive(Subcommand)]
pub enum AgencyCommand {
    /// List the agencies, deactivated ones marked.
    List,
    /// Add an agency (Regent, Sekda or Wakil Bupati).
    Add(AgencyArgs),
    /// Correct an agency's name, kind, SIPD code or head; the code stays. Options left
    /// out keep their value.
    Edit(EditArgs),
    /// Deactivate an agency: it receives no new instruction; its records stay.
    Deactivate {
        code: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Take a deactivated agency back.
    Activate { code: String },
    /// Import a list (CSV or XLSX), e.g. SIPD's kode and nama SKPD: all rows or none.
    Import {
        file: PathBuf,
        /// Map a header by hand: HEADER=COLUMN (code, sipd_code, name, short_name, kind,
        /// head_name, head_title, head_nip, head_rank) or HEADER= to leave it out.
        #[arg(long = "map", value_name = "HEADER=COLUMN")]
        mapping: Vec<String>,
        /// Only check the file and show what it would do.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Args)]
pub struct AgencyArgs {
    /// The short code the regency uses, e.g. DP3A (letters, digits, . - _).
    code: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    short_name: String,
    /// dinas, badan, sekretariat, kecamatan or lainnya.
    #[arg(long, value_parser = parse_kind)]
    kind: AgencyKind,
    #[arg(long, default_value = "")]
    sipd_code: String,
    #[command(flatten)]
    head: HeadArgs,
}

#[derive(Args)]
pub struct EditArgs {
    code: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    short_name: Option<String>,
    #[arg(long, value_parser = parse_kind)]
    kind: Option<AgencyKind>,
    #[arg(long)]
    sipd_code: Option<String>,
    #[command(flatten)]
    head: HeadArgs,
}

#[derive(Args)]
pub struct HeadArgs {
    /// The head's name with titles, e.g. "Dra. Rina Marlina, M.Si.".
    #[arg(long)]
    head_name: Option<String>,
    /// e.g. "Kepala Dinas", "Camat".
    #[arg(long)]
    head_title: Option<String>,
    /// 18 digits.
    #[arg(long)]
    head_nip: Option<String>,
    /// Pangkat/golongan, e.g. "Pembina (IV/a)".
    #[arg(long)]
    head_rank: Option<String>,
}

impl HeadArgs {
    fn given(&self) -> bool {
        self.head_name.is_some() || self.head_title.is_some() || self.head_nip.is_some() || self.head_rank.is_some()
    }

    /// The head after these options: each given part replaces the one in `was`.
    fn over(&self, was: AgencyHead) -> AgencyHead {
        AgencyHead {
            name: self.head_name.clone().unwrap_or(was.name),
            title: self.head_title.clone().unwrap_or(was.title),
            nip: self.head_nip.clone().unwrap_or(was.nip),
            rank: self.head_rank.clone().unwrap_or(was.rank),
        }
    }
}

fn parse_kind(text: &str) -> Result<AgencyKind, String> {
    AgencyKind::parse(text).ok_or_else(|| "one of: dinas, badan, sekretariat, kecamatan, lainnya".into())
}

pub fn run(desk: &mut Desk, json: bool, command: &AgencyCommand) -> Result<(), CoreError> {
    match command {
        AgencyCommand::List => list(desk, json)?,
        AgencyCommand::Add(args) => {
            let head = args.head.given().then(|| args.head.over(AgencyHead::default()));
            let input = AgencyInput {
                code: args.code.clone(),
                name: args.name.clone(),
                short_name: args.short_name.clone(),
                kind: args.kind,
                sipd_code: args.sipd_code.clone(),
                head,
            };
            show(json, &desk.agencies().add(input)?);
        }
        AgencyCommand::Edit(args) => {
            let was = desk.agencies().get(&args.code)?;
            let was_head = was.head();
            let head = if args.head.given() { Some(args.head.over(was_head.unwrap_or_default())) } else { was_head };
            let input = AgencyInput {
                code: was.code.clone(),
                name: args.name.clone().unwrap_or(was.name),
                short_name: args.short_name.clone().unwrap_or(was.short_name),
                kind: args.kind.unwrap_or(was.kind),
                sipd_code: args.sipd_code.clone().or(was.sipd_code).unwrap_or_default(),
                head,
            };
            show(json, &desk.agencies().edit(input)?);
        }
        AgencyCommand::Deactivate { code, reason } => show(json, &desk.agencies().set_active(code, false, reason)?),
        AgencyCommand::Activate { code } => show(json, &desk.agencies().set_active(code, true, "")?),
        AgencyCommand::Import { file, mapping, dry_run } => {
            let choices = mapping.iter().map(|pair| choice(pair)).collect::<Result<Vec<_>, _>>()?;
            let bytes = std::fs::read(file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let preview = desk.agencies().preview_import(&name, &bytes, &choices)?;
            if *dry_run || !preview.problems.is_empty() {
                report(json, &preview);
                if !preview.problems.is_empty() {
                    return Err(CoreError::ImportHasProblems { rows: preview.problems.len() as u32 });
                }
            } else {
                report(json, &desk.agencies().import(&name, &bytes, &choices)?);
            }
        }
    }
    Ok(())
}

fn choice(pair: &str) -> Result<AgencyColumnChoice, CoreError> {
    let (header, column) = pair.split_once('=').ok_or_else(|| CoreError::invalid("map", InputProblem::NotAllowed))?;
    let column = match column.trim() {
        "" => None,
        name => Some(
            AgencyColumn::ALL
                .into_iter()
                .find(|column| {
                    serde_json::to_value(column).ok().and_then(|v| v.as_str().map(|s| s == name)) == Some(true)
                })
                .ok_or_else(|| CoreError::invalid("map", InputProblem::NotAllowed))?,
        ),
    };
    Ok(AgencyColumnChoice { header: header.trim().to_owned(), column })
}

pub fn list(desk: &mut Desk, json: bool) -> Result<(), CoreError> {
    let agencies = desk.agencies().list()?;
    print(json, &agencies, || {
        agencies
            .iter()
            .map(|agency| {
                let inactive = if agency.active { "" } else { "  (nonaktif)" };
                format!("{:<20} {:<12} {}{inactive}", agency.code, agency.kind.as_str(), agency.name)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

fn show(json: bool, agency: &Agency) {
    print(json, agency, || {
        let head = agency.head_name.as_deref().unwrap_or("-");
        let state = if agency.active { "aktif" } else { "nonaktif" };
        format!("{} — {} ({}), kepala: {head}, {state}", agency.code, agency.name, agency.short_name)
    });
}

fn report(json: bool, preview: &AgencyImportPreview) {
    print(json, preview, || {
        let mut lines = vec![format!(
            "{} ({:?}): {} rows; {} new, {} updated, {} unchanged",
            preview.file_name, preview.encoding, preview.rows, preview.new_agencies, preview.updates, preview.unchanged
        )];
        for problem in &preview.problems {
            lines.push(format!(
                "  row {}: {:?} {:?} ({:?})",
                problem.row, problem.column, problem.problem, problem.value
            ));
        }
        lines.join("\n")
    });
}
