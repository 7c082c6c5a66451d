//! `ikp brief`: the rapim brief for a day, as a PDF (`--out`) or as text.

use std::path::PathBuf;

use clap::Args;
use ikp_core::brief::Brief;
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Args)]
pub struct BriefArgs {
    /// The day (YYYY-MM-DD) the brief is for; today when absent.
    #[arg(long)]
    date: Option<String>,
    /// Write the PDF here; without it the brief is printed as text (or JSON).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn brief(desk: &mut Desk, json: bool, args: &BriefArgs) -> Result<(), CoreError> {
    let brief = desk.reports().brief(args.date.as_deref())?;
    match &args.out {
        Some(out) => {
            let bytes = render(&brief)?;
            std::fs::write(out, &bytes)?;
            let report = serde_json::json!({ "date": brief.date, "out": out, "bytes": bytes.len() });
            print(json, &report, || {
                format!("{} ({} bytes) written: the brief for {}", out.display(), bytes.len(), brief.date)
            });
        }
        None => print(json, &brief, || describe(&brief)),
    }
    Ok(())
}

pub fn render(brief: &Brief) -> Result<Vec<u8>, CoreError> {
    ikp_minutes::brief_pdf(brief).map_err(|err| CoreError::Storage { message: err.to_string() })
}

fn describe(brief: &Brief) -> String {
    let total = &brief.standing_total;
    let mut lines = vec![
        format!("rapim brief for {} — {}", brief.date, brief.regency),
        format!(
            "IKP: {} active, {} on track, {} at risk, {} overdue",
            total.active, total.on_track, total.at_risk, total.overdue
        ),
    ];
    lines.extend(brief.standing.rows.iter().map(|row| {
        format!(
            "  {:<24} {:>3} on track {:>3} at risk {:>3} overdue",
            row.short_name, row.on_track, row.at_risk, row.overdue
        )
    }));
    lines.push(format!("requests waiting: {}", brief.requests_total));
    lines.extend(brief.requests.rows.iter().map(|row| format!("  {:<24} {:>3}", row.short_name, row.pending)));
    let budget = &brief.budget;
    lines.push(format!(
        "budget {}: {}‰ absorbed, plan {}‰, {} units behind plan",
        budget.fiscal_year,
        budget.absorption_permille,
        budget.plan_permille,
        budget.laggards.rows.len() as u32 + budget.laggards.more
    ));
    lines.push(format!("complaints: {} open, {} past their limit", brief.complaints.open, brief.complaints.overdue));
    lines.push(format!("agencies with stale data: {}", brief.stale.rows.len() as u32 + brief.stale.more));
    lines.join("\n")
}
