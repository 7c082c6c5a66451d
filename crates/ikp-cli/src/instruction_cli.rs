//! `ikp instruction ...` and `ikp progress add`: the IKP use cases from the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ikp_core::instruction::lifecycle::Status;
use ikp_core::instruction::ops::{IndicatorInput, IssueInput, ProgressInput};
use ikp_core::instruction::payload::IndicatorSource;
use ikp_core::instruction::queries::{InstructionDetail, InstructionFilter, InstructionSummary};
use ikp_core::instruction::Direction;
use ikp_core::{CoreError, Desk, InputProblem};

use crate::print;

#[derive(Subcommand)]
pub enum InstructionCommand {
    /// Issue (or, with --draft, save) an instruction.
    Issue(IssueArgs),
    /// List instructions, active first.
    List {
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: u32,
    },
    /// One instruction in full, by id or official number.
    Show { instruction: String },
    /// The lead agency reports the instruction complete.
    Complete {
        instruction: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The leadership accepts a completion report and closes the instruction.
    Verify {
        instruction: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The leadership sends a completion report back.
    Return {
        instruction: String,
        #[arg(long)]
        reason: String,
    },
    Cancel {
        instruction: String,
        #[arg(long)]
        reason: String,
    },
    /// Per agency: active instructions on track, at risk, overdue; mean achievement.
    Scorecard,
    /// The Regent's summary: what is overdue, what awaits verification, who lags.
    Dashboard,
    /// Indicators with no progress report in the last N days, per agency.
    Silent {
        #[arg(long, default_value_t = 14)]
        days: u32,
    },
}

#[derive(Args)]
pub struct IssueArgs {
    #[arg(long)]
    title: Option<String>,
    #[arg(long, default_value = "lainnya")]
    category: String,
    #[arg(long, default_value = "")]
    background: String,
    #[arg(long)]
    text: Option<String>,
    /// The lead agency's code.
    #[arg(long)]
    lead: Option<String>,
    /// A supporting agency's code (repeatable).
    #[arg(long)]
    support: Vec<String>,
    /// `AGENCY|name|unit|baseline|target|up|down|serapan:YEAR` (repeatable; `serapan:2026` takes
    /// the value from the agency's 2026 budget absorption).
    #[arg(long)]
    indicator: Vec<String>,
    /// YYYY-MM-DD; default one month after today.
    #[arg(long)]
    deadline: Option<String>,
    #[arg(long)]
    draft: bool,
    /// Read the whole form as JSON (the app's IssueInput) instead of the flags above.
    #[arg(long, conflicts_with_all = ["title", "text", "lead", "indicator"])]
    from_json: Option<PathBuf>,
}

#[derive(Args)]
pub struct ProgressArgs {
    #[arg(long)]
    indicator: String,
    #[arg(long)]
    value: String,
    /// YYYY-MM-DD; default today.
    #[arg(long)]
    date: Option<String>,
    #[arg(long, default_value = "")]
    note: String,
    /// An evidence file (repeatable); stored content-addressed in the data directory.
    #[arg(long)]
    evidence: Vec<PathBuf>,
}

pub fn run(desk: &mut Desk, json: bool, command: &InstructionCommand) -> Result<(), CoreError> {
    match command {
        InstructionCommand::Issue(args) => {
            let detail = desk.instructions().issue(issue_input(args)?)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::List { category, agency, status, overdue, search, limit } => {
            let status = match status {
                Some(text) => {
                    Some(Status::parse(text).ok_or_else(|| CoreError::invalid("status", InputProblem::NotAllowed))?)
                }
                None => None,
            };
            let filter = InstructionFilter {
                category: category.clone(),
                agency_code: agency.clone(),
                status,
                overdue_only: *overdue,
                text: search.clone(),
                limit: Some(*limit),
            };
            let list = desk.instructions().list(&filter)?;
            print(json, &list, || list.iter().map(line).collect::<Vec<_>>().join("\n"));
        }
        InstructionCommand::Show { instruction } => {
            let instruction = resolve(desk, instruction)?;
            let detail = desk.instructions().detail(&instruction)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::Complete { instruction, note } => {
            let instruction = resolve(desk, instruction)?;
            let detail = desk.instructions().report_completion(&instruction, note)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::Verify { instruction, note } => {
            let instruction = resolve(desk, instruction)?;
            let detail = desk.instructions().verify(&instruction, note)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::Return { instruction, reason } => {
            let instruction = resolve(desk, instruction)?;
            let detail = desk.instructions().return_completion(&instruction, reason)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::Cancel { instruction, reason } => {
            let instruction = resolve(desk, instruction)?;
            let detail = desk.instructions().cancel(&instruction, reason)?;
            print(json, &detail, || describe(&detail));
        }
        InstructionCommand::Scorecard => {
            let scores = desk.instructions().scorecard()?;
            print(json, &scores, || {
                scores
                    .iter()
                    .map(|s| {
                        format!(
                            "{:<18} active {:>3}  on track {:>3}  at risk {:>3}  overdue {:>3}  achievement {:>5.1}%",
                            s.short_name,
                            s.active,
                            s.on_track,
                            s.at_risk,
                            s.overdue,
                            f64::from(s.achievement_permille) / 10.0
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        InstructionCommand::Dashboard => {
            let dashboard = desk.instructions().dashboard()?;
            print(json, &dashboard, || {
                let mut lines = vec![format!(
                    "active {}, on track {}, at risk {}, overdue {}, awaiting verification {}",
                    dashboard.active,
                    dashboard.on_track,
                    dashboard.at_risk,
                    dashboard.overdue,
                    dashboard.awaiting_verification
                )];
                lines.extend(dashboard.overdue_instructions.iter().map(|s| format!("OVERDUE  {}", line(s))));
                lines.extend(dashboard.awaiting.iter().map(|s| format!("AWAITING {}", line(s))));
                lines.join("\n")
            });
        }
        InstructionCommand::Silent { days } => {
            let groups = desk.instructions().silent_indicators(*days)?;
            print(json, &groups, || {
                groups
                    .iter()
                    .flat_map(|group| {
                        group.indicators.iter().map(move |i| {
                            format!(
                                "{:<18} {:>4} days  {}  {}",
                                group.short_name,
                                i.days_silent,
                                i.number.as_deref().unwrap_or("-"),
                                i.name
                            )
                        })
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

pub fn add_progress(desk: &mut Desk, json: bool, args: &ProgressArgs) -> Result<(), CoreError> {
    let evidence = args.evidence.iter().map(|path| desk.evidence().attach(path)).collect::<Result<Vec<_>, _>>()?;
    let detail = desk.instructions().report_progress(ProgressInput {
        indicator_id: args.indicator.clone(),
        value: args.value.clone(),
        reported_on: args.date.clone(),
        note: args.note.clone(),
        evidence,
    })?;
    print(json, &detail, || describe(&detail));
    Ok(())
}

fn issue_input(args: &IssueArgs) -> Result<IssueInput, CoreError> {
    if let Some(path) = &args.from_json {
        let text = std::fs::read_to_string(path)?;
        return serde_json::from_str(&text)
            .map_err(|err| CoreError::Storage { message: format!("{}: {err}", path.display()) });
    }
    let indicators =
        args.indicator.iter().enumerate().map(|(i, spec)| parse_indicator(i, spec)).collect::<Result<_, _>>()?;
    Ok(IssueInput {
        title: args.title.clone().unwrap_or_default(),
        category: args.category.clone(),
        background: args.background.clone(),
        text: args.text.clone().unwrap_or_default(),
        lead_agency: args.lead.clone().unwrap_or_default(),
        supporting_agencies: args.support.clone(),
        indicators,
        deadline: args.deadline.clone(),
        draft_only: args.draft,
    })
}

/// `AGENCY|name|unit|baseline|target|up|down|serapan:YEAR`
fn parse_indicator(index: usize, spec: &str) -> Result<IndicatorInput, CoreError> {
    let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
    let [agency, name, unit, baseline, target, direction] = parts.as_slice() else {
        return Err(CoreError::invalid(&format!("indicators.{index}"), InputProblem::NotAllowed));
    };
    // "serapan:2026" makes a budget-absorption indicator fed by that year's budget data.
    let absorption_year = direction.strip_prefix("serapan:").map(str::parse::<i32>);
    let (direction, source) = match (*direction, absorption_year) {
        ("up", _) => (Direction::HigherIsBetter, None),
        ("down", _) => (Direction::LowerIsBetter, None),
        (_, Some(Ok(fiscal_year))) => {
            (Direction::HigherIsBetter, Some(IndicatorSource::BudgetAbsorption { fiscal_year }))
        }
        _ => return Err(CoreError::invalid(&format!("indicators.{index}.direction"), InputProblem::NotAllowed)),
    };
    Ok(IndicatorInput {
        agency_code: agency.to_string(),
        name: name.to_string(),
        unit: unit.to_string(),
        baseline: baseline.to_string(),
        target: target.to_string(),
        direction,
        deadline: None,
        source,
    })
}

/// Accepts an instruction id or its official number ("IKP/3/XI/2026").
fn resolve(desk: &mut Desk, reference: &str) -> Result<String, CoreError> {
    if !reference.contains('/') {
        return Ok(reference.to_owned());
    }
    let filter = InstructionFilter { text: Some(reference.to_owned()), limit: Some(1000), ..Default::default() };
    desk.instructions()
        .list(&filter)?
        .into_iter()
        .find(|summary| summary.number.as_deref() == Some(reference))
        .map(|summary| summary.id)
        .ok_or_else(|| CoreError::UnknownInstruction { id: reference.to_owned() })
}

fn line(summary: &InstructionSummary) -> String {
    format!(
        "{:<18} {:<18} {:<10} {:>5.1}%  {} ({:+} days)  {}  [{}]",
        summary.number.as_deref().unwrap_or("(draf)"),
        summary.status.as_str(),
        summary.lead_agency_short_name,
        f64::from(summary.achievement_permille) / 10.0,
        summary.deadline,
        summary.days_left,
        summary.title,
        summary.id
    )
}

fn describe(detail: &InstructionDetail) -> String {
    let mut lines = vec![line(&detail.summary)];
    for indicator in &detail.indicators {
        lines.push(format!(
            "  indicator {} [{}] {}: {} -> {} {} ({}), latest {}, {:.1}% [{}]",
            indicator.id,
            indicator.agency_code,
            indicator.name,
            indicator.baseline,
            indicator.target,
            indicator.unit,
            indicator.direction.as_str(),
            indicator.latest_value.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            f64::from(indicator.achievement.permille) / 10.0,
            indicator.achievement.note.as_str()
        ));
    }
    for entry in &detail.timeline {
        lines.push(format!(
            "  {}  {:<22} {}  {}",
            entry.at,
            entry.action.stored(entry.applied),
            entry.author_label,
            entry.detail
        ));
    }
    lines.join("\n")
}
