//! `ikp report`: the IKP report of a period, for one agency or the regency, as PDF or XLSX.

use std::path::PathBuf;

use clap::Args;
use ikp_core::period::Period;
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Args)]
pub struct ReportArgs {
    /// `2026-11`, `2026-Q4`, `2026` or `2026-01..2026-03`.
    #[arg(long)]
    period: String,
    /// The agency's code; the whole regency when absent.
    #[arg(long)]
    agency: Option<String>,
    #[arg(long, value_parser = ["pdf", "xlsx"])]
    format: String,
    #[arg(long)]
    out: PathBuf,
}

pub fn report(desk: &mut Desk, json: bool, args: &ReportArgs) -> Result<(), CoreError> {
    let agency = args.agency.as_deref();
    let period = Period::parse(&args.period)?;
    let report = desk.reports().period(&period, agency)?;
    let bytes = match args.format.as_str() {
        "xlsx" => ikp_core::report::workbook(&report)?,
        _ => ikp_minutes::report_pdf(&report).map_err(|err| CoreError::Storage { message: err.to_string() })?,
    };
    std::fs::write(&args.out, &bytes)?;
    let summary = serde_json::json!({ "period": args.period, "agency": agency, "out": args.out, "bytes": bytes.len() });
    print(json, &summary, || {
        format!("{} ({} bytes) written: the report for {}", args.out.display(), bytes.len(), args.period)
    });
    Ok(())
}
