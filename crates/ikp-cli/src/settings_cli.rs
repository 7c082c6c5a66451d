//! `ikp settings ...`: the regency settings the leadership edits, from the command line.

use clap::Subcommand;
use ikp_core::settings::CategoryInput;
use ikp_core::{CoreError, Desk};

use crate::print;

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Show the issue categories; with an option, change the list (Regent or Secretary).
    Categories {
        /// Add a category with this label (a code is made from it).
        #[arg(long, value_name = "LABEL")]
        add: Vec<String>,
        /// Give the category with this code a new label: CODE=LABEL.
        #[arg(long, value_name = "CODE=LABEL")]
        rename: Vec<String>,
        /// Remove the category with this code (instructions keep it).
        #[arg(long, value_name = "CODE")]
        remove: Vec<String>,
    },
    /// Show the instruction number template; with --set, change it (Regent or Secretary).
    NumberFormat {
        /// e.g. "{urut:3}/IKP/{bulan_romawi}/{tahun}"; must contain {urut} and {tahun} (the
        /// English {seq}, {month_roman}, {month}, {year} are still read).
        #[arg(long)]
        set: Option<String>,
        /// Only show what the next number would be in this template.
        #[arg(long, conflicts_with = "set")]
        preview: Option<String>,
    },
    /// Show the letterhead logo; with --set FILE (PNG), change it (Regent or Secretary).
    Logo {
        #[arg(long, value_name = "FILE")]
        set: Option<std::path::PathBuf>,
    },
    /// Show the budget thresholds; with an option, change them (Regent or Secretary).
    Budget {
        /// Warn when absorption trails the plan by more than this many percentage points.
        #[arg(long, value_name = "POINTS")]
        warning: Option<u32>,
        /// The year-end absorption target, in percent.
        #[arg(long, value_name = "PERCENT")]
        target: Option<u32>,
    },
}

pub fn run(desk: &mut Desk, json: bool, command: &SettingsCommand) -> Result<(), CoreError> {
    match command {
        SettingsCommand::Logo { set } => {
            let logo = match set {
                Some(path) => {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    Some(desk.settings().set_logo(&name, &std::fs::read(path)?)?)
                }
                None => desk.settings().logo()?.map(|(logo, _)| logo),
            };
            crate::print(json, &logo, || match &logo {
                Some(logo) => format!("letterhead logo: {} ({})", logo.file_name, logo.sha256),
                None => "no letterhead logo".into(),
            });
        }
        SettingsCommand::Categories { add, rename, remove } => {
            let settings = if add.is_empty() && rename.is_empty() && remove.is_empty() {
                desk.settings().categories()?
            } else {
                let mut list: Vec<CategoryInput> = desk
                    .settings()
                    .categories()?
                    .categories
                    .into_iter()
                    .filter(|category| !remove.contains(&category.code))
                    .map(|category| CategoryInput { code: Some(category.code), label: category.label })
                    .collect();
                for pair in rename {
                    let (code, label) = pair
                        .split_once('=')
                        .ok_or_else(|| CoreError::invalid("rename", ikp_core::InputProblem::NotAllowed))?;
                    let row = list
                        .iter_mut()
                        .find(|row| row.code.as_deref() == Some(code))
                        .ok_or_else(|| CoreError::invalid("rename", ikp_core::InputProblem::NotAllowed))?;
                    row.label = label.to_owned();
                }
                list.extend(add.iter().map(|label| CategoryInput { code: None, label: label.clone() }));
                desk.settings().set_categories(list)?
            };
            print(json, &settings, || {
                let mut lines: Vec<String> =
                    settings.categories.iter().map(|c| format!("{:<32} {}", c.code, c.label)).collect();
                lines.extend(settings.retired.iter().map(|c| format!("{:<32} {} (retired)", c.code, c.label)));
                lines.join("\n")
            });
        }
        SettingsCommand::NumberFormat { set, preview } => {
            if let Some(template) = preview {
                let number = desk.settings().preview_number_format(template)?;
                print(json, &number, || number.clone());
                return Ok(());
            }
            let settings = match set {
                Some(template) => desk.settings().set_number_format(template)?,
                None => desk.settings().number_format()?,
            };
            print(json, &settings, || format!("{}\nnext number: {}", settings.template, settings.next_number));
        }
        SettingsCommand::Budget { warning, target } => {
            let mut thresholds = desk.settings().budget_thresholds()?;
            if warning.is_some() || target.is_some() {
                thresholds.warning_percent = warning.unwrap_or(thresholds.warning_percent);
                thresholds.target_percent = target.unwrap_or(thresholds.target_percent);
                thresholds = desk.settings().set_budget_thresholds(thresholds)?;
            }
            print(json, &thresholds, || {
                format!(
                    "warning when {} points behind plan; target {}% by 31 December",
                    thresholds.warning_percent, thresholds.target_percent
                )
            });
        }
    }
    Ok(())
}
