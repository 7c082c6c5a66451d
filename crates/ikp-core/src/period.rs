//! A reporting period as the leadership asks for it — a month, a quarter, a year, or a
//! run of months — turned into the first and last month (YYYY-MM) summaries filter on.
//! Parsed from the text a person or a script writes: `2026-11`, `2026-Q4`, `2026`,
//! `2026-01..2026-03`.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Period {
    /// No bounds: everything received.
    All,
    Year {
        year: i32,
    },
    Quarter {
        year: i32,
        quarter: u8,
    },
    Month {
        year: i32,
        month: u8,
    },
    /// From one month to another, both included (`YYYY-MM`).
    Months {
        from: String,
        to: String,
    },
}

impl Period {
    /// Reads `2026`, `2026-Q4`, `2026-11` or `2026-01..2026-03`; anything else is refused by
    /// the field's name.
    pub fn parse(text: &str) -> Result<Period> {
        let text = text.trim();
        let period = if let Some((from, to)) = text.split_once("..") {
            Period::Months { from: from.trim().to_owned(), to: to.trim().to_owned() }
        } else if let Some((year, quarter)) = text.split_once("-Q").or_else(|| text.split_once("-q")) {
            Period::Quarter { year: number(year)?, quarter: number(quarter)? }
        } else if let Some((year, month)) = text.split_once('-') {
            Period::Month { year: number(year)?, month: number(month)? }
        } else {
            Period::Year { year: number(text)? }
        };
        period.months()?;
        Ok(period)
    }

    /// The period as `parse` reads it back: `2026`, `2026-Q4`, `2026-11`, `2026-01..2026-03`
    /// (empty for all time) — what file names and reports call it.
    pub fn code(&self) -> String {
        match self {
            Period::All => String::new(),
            Period::Year { year } => format!("{year}"),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Months { from, to } => format!("{from}..{to}"),
        }
    }

    /// The first and last month of the period (`YYYY-MM`), None where it is unbounded.
    pub fn months(&self) -> Result<(Option<String>, Option<String>)> {
        let month = |year: i32, month: u8| format!("{year:04}-{month:02}");
        let year_ok = |year: i32| if (2000..=2999).contains(&year) { Ok(year) } else { Err(out_of_range()) };
        Ok(match self {
            Period::All => (None, None),
            Period::Year { year } => (Some(month(year_ok(*year)?, 1)), Some(month(*year, 12))),
            Period::Quarter { year, quarter } if (1..=4).contains(quarter) => {
                let last = quarter * 3;
                (Some(month(year_ok(*year)?, last - 2)), Some(month(*year, last)))
            }
            Period::Month { year, month: m } if (1..=12).contains(m) => {
                (Some(month(year_ok(*year)?, *m)), Some(month(*year, *m)))
            }
            Period::Months { from, to } => {
                let (from, to) = (month_text(from)?, month_text(to)?);
                if from > to {
                    return Err(out_of_range());
                }
                (Some(from), Some(to))
            }
            Period::Quarter { .. } | Period::Month { .. } => return Err(out_of_range()),
        })
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T> {
    text.trim().parse().map_err(|_| CoreError::invalid("period", InputProblem::NotADate))
}

fn month_text(text: &str) -> Result<String> {
    let (year, month) = text.split_once('-').ok_or_else(|| CoreError::invalid("period", InputProblem::NotADate))?;
    let (year, month): (i32, u8) = (number(year)?, number(month)?);
    if !(2000..=2999).contains(&year) || !(1..=12).contains(&month) {
        return Err(out_of_range());
    }
    Ok(format!("{year:04}-{month:02}"))
}

fn out_of_range() -> CoreError {
    CoreError::invalid("period", InputProblem::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(text: &str) -> (Option<String>, Option<String>) {
        Period::parse(text).unwrap().months().unwrap()
    }

    #[test]
    fn a_month_a_quarter_a_year_and_a_run_of_months_have_their_bounds() {
        let both = |from: &str, to: &str| (Some(from.to_owned()), Some(to.to_owned()));
        assert_eq!(months("2026-11"), both("2026-11", "2026-11"));
        assert_eq!(months("2026-Q4"), both("2026-10", "2026-12"));
        assert_eq!(months("2026-q1"), both("2026-01", "2026-03"));
        assert_eq!(months("2026"), both("2026-01", "2026-12"));
        assert_eq!(months("2026-1..2026-3"), both("2026-01", "2026-03"));
        assert_eq!(Period::All.months().unwrap(), (None, None));
    }

    #[test]
    fn a_period_that_does_not_exist_is_refused_by_name() {
        for (text, problem) in [
            ("2026-Q5", InputProblem::OutOfRange),
            ("2026-13", InputProblem::OutOfRange),
            ("2026-03..2026-01", InputProblem::OutOfRange),
            ("19", InputProblem::OutOfRange),
            ("November", InputProblem::NotADate),
            ("2026-Qx", InputProblem::NotADate),
        ] {
            assert_eq!(Period::parse(text).unwrap_err(), CoreError::invalid("period", problem), "{text}");
        }
    }
}
