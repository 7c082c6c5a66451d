//! Regency settings the leadership edits: the list of issue categories instructions
//! answer to, the template of official instruction numbers, and the budget thresholds
//! (the early-warning gap and the year-end absorption target). Each is a signed event
//! projected last-writer-wins into `settings`; with nothing set, the defaults hold.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, NumberFormatProblem, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

/// The categories an installation starts with, labelled in Indonesian.
pub const DEFAULT_CATEGORIES: [(&str, &str); 8] = [
    ("kekerasan_terhadap_anak", "Kekerasan terhadap anak"),
    ("kekeringan", "Kekeringan"),
    ("banjir", "Banjir"),
    ("sampah", "Sampah"),
    ("kesehatan", "Kesehatan"),
    ("infrastruktur", "Infrastruktur"),
    ("pelayanan_publik", "Pelayanan publik"),
    ("lainnya", "Lainnya"),
];

/// The official format: `IKP/<urut>/<roman month>/<tahun>`.
pub const DEFAULT_NUMBER_TEMPLATE: &str = "IKP/{urut}/{bulan_romawi}/{tahun}";

const MAX_CATEGORIES: usize = 50;
const MAX_LABEL_CHARS: usize = 60;
const MAX_CODE_CHARS: usize = 40;
const MAX_TEMPLATE_CHARS: usize = 60;
const CATEGORIES_KEY: &str = "categories";
const NUMBER_TEMPLATE_KEY: &str = "number_template";
const BUDGET_THRESHOLDS_KEY: &str = "budget_thresholds";

/// Warn when actual absorption trails the plan by more than 10 points...
pub const DEFAULT_WARNING_PERMILLE: u32 = 100;
/// ...and aim for 90% absorbed by 31 December.
pub const DEFAULT_TARGET_PERMILLE: u32 = 900;

/// One issue category: a stable code instructions carry, and the label people read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Category {
    pub code: String,
    pub label: String,
}

/// `settings.categories_set` v1: the whole list, as the leadership left it. Do not
/// modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoriesSet {
    pub categories: Vec<Category>,
}

/// `settings.number_format_set` v1: the template of new instruction numbers. Do not
/// modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberFormatSet {
    pub template: String,
}

/// `settings.budget_thresholds_set` v1, in permille. Do not modify: it is serialized and signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetThresholdsSet {
    pub warning_permille: u32,
    pub target_permille: u32,
}

/// The budget screens' thresholds, as set or by default. Whole percents cross to the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetThresholds {
    /// Warn when actual absorption trails the plan by more than this many points.
    pub warning_percent: u32,
    /// The year-end absorption the regency aims for.
    pub target_percent: u32,
}

impl BudgetThresholds {
    pub fn warning_permille(self) -> u32 {
        self.warning_percent * 10
    }

    pub fn target_permille(self) -> u32 {
        self.target_percent * 10
    }
}

/// One row of the Settings screen's list: an existing code with its (new) label, or a
/// new category (no code: the core makes one from the label).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    pub code: Option<String>,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CategorySettings {
    /// What new instructions may choose from, in the leadership's order.
    pub categories: Vec<Category>,
    /// Codes no longer offered, with their last label: older instructions still carry them.
    pub retired: Vec<Category>,
    /// False while the defaults hold.
    pub customized: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NumberFormatSettings {
    pub template: String,
    pub default_template: String,
    /// The next number this laptop would give today, in this format.
    pub next_number: String,
    pub customized: bool,
}

pub(crate) fn apply_categories_set(conn: &Connection, event: &SignedEvent, payload: &CategoriesSet) -> Result<()> {
    let key = event.version_key();
    let value = serde_json::to_string(&payload.categories).expect("categories serialize");
    put(conn, CATEGORIES_KEY, &value, &key)?;
    for category in &payload.categories {
        conn.execute(
            "INSERT INTO category_labels (code, label, version_key) VALUES (?1, ?2, ?3)
             ON CONFLICT (code) DO UPDATE SET label = excluded.label, version_key = excluded.version_key
             WHERE excluded.version_key > category_labels.version_key",
            params![category.code, category.label, key],
        )?;
    }
    Ok(())
}

pub(crate) fn apply_number_format_set(conn: &Connection, event: &SignedEvent, payload: &NumberFormatSet) -> Result<()> {
    put(
        conn,
        NUMBER_TEMPLATE_KEY,
        &serde_json::Value::from(payload.template.clone()).to_string(),
        &event.version_key(),
    )?;
    Ok(())
}

pub(crate) fn apply_budget_thresholds_set(
    conn: &Connection,
    event: &SignedEvent,
    payload: &BudgetThresholdsSet,
) -> Result<()> {
    let value = serde_json::json!([payload.warning_permille, payload.target_permille]).to_string();
    put(conn, BUDGET_THRESHOLDS_KEY, &value, &event.version_key())?;
    Ok(())
}

pub fn budget_thresholds(conn: &Connection) -> Result<BudgetThresholds> {
    let (warning, target) =
        get(conn, BUDGET_THRESHOLDS_KEY)?.unwrap_or((DEFAULT_WARNING_PERMILLE, DEFAULT_TARGET_PERMILLE));
    Ok(BudgetThresholds { warning_percent: warning / 10, target_percent: target / 10 })
}

/// Checks thresholds typed on the Settings screen: a warning gap of 1–50 points and a
/// target of 1–100%.
pub fn validate_budget_thresholds(input: BudgetThresholds) -> Result<BudgetThresholdsSet> {
    if !(1..=50).contains(&input.warning_percent) {
        return Err(CoreError::invalid("warningPercent", InputProblem::OutOfRange));
    }
    if !(1..=100).contains(&input.target_percent) {
        return Err(CoreError::invalid("targetPercent", InputProblem::OutOfRange));
    }
    Ok(BudgetThresholdsSet { warning_permille: input.warning_permille(), target_permille: input.target_permille() })
}

/// Writes a setting if `version_key` is later than the stored one; true when it did.
pub(crate) fn put(conn: &Connection, key: &str, value: &str, version_key: &str) -> Result<bool> {
    let changed = conn.execute(
        "INSERT INTO settings (key, value, version_key) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version_key = excluded.version_key
         WHERE excluded.version_key > settings.version_key",
        params![key, value, version_key],
    )?;
    Ok(changed > 0)
}

pub(crate) fn get<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?;
    // A value this build cannot read (written by a newer one) counts as unset.
    Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
}

fn defaults() -> Vec<Category> {
    DEFAULT_CATEGORIES.iter().map(|(code, label)| Category { code: (*code).into(), label: (*label).into() }).collect()
}

/// The categories new instructions may choose from.
pub fn categories(conn: &Connection) -> Result<Vec<Category>> {
    Ok(get(conn, CATEGORIES_KEY)?.unwrap_or_else(defaults))
}

pub fn category_settings(conn: &Connection) -> Result<CategorySettings> {
    let stored: Option<Vec<Category>> = get(conn, CATEGORIES_KEY)?;
    let customized = stored.is_some();
    let categories = stored.unwrap_or_else(defaults);
    let mut known = defaults();
    let mut statement = conn.prepare_cached("SELECT code, label FROM category_labels ORDER BY code")?;
    for row in statement.query_map([], |row| Ok(Category { code: row.get(0)?, label: row.get(1)? }))? {
        let row = row?;
        match known.iter_mut().find(|known| known.code == row.code) {
            Some(existing) => existing.label = row.label,
            None => known.push(row),
        }
    }
    let retired = known.into_iter().filter(|old| !categories.iter().any(|now| now.code == old.code)).collect();
    Ok(CategorySettings { categories, retired, customized })
}

pub fn number_template(conn: &Connection) -> Result<String> {
    Ok(get(conn, NUMBER_TEMPLATE_KEY)?.unwrap_or_else(|| DEFAULT_NUMBER_TEMPLATE.to_owned()))
}

/// Checks the Settings screen's list and turns it into the list to sign: labels trimmed,
/// required, short and unique; codes kept for existing rows and made for new ones (never
/// reusing a code an older instruction may carry).
pub fn validate_categories(conn: &Connection, input: &[CategoryInput]) -> Result<Vec<Category>> {
    if input.is_empty() {
        return Err(CoreError::invalid("categories", InputProblem::Required));
    }
    if input.len() > MAX_CATEGORIES {
        return Err(CoreError::invalid("categories", InputProblem::TooLong));
    }
    let history = category_settings(conn)?;
    let mut taken: Vec<String> =
        history.categories.iter().chain(history.retired.iter()).map(|known| known.code.clone()).collect();
    let mut list: Vec<Category> = Vec::with_capacity(input.len());
    for (index, row) in input.iter().enumerate() {
        let label = row.label.trim();
        let field = |name: &str| format!("categories.{index}.{name}");
        if label.is_empty() {
            return Err(CoreError::invalid(&field("label"), InputProblem::Required));
        }
        if label.chars().count() > MAX_LABEL_CHARS {
            return Err(CoreError::invalid(&field("label"), InputProblem::TooLong));
        }
        if list.iter().any(|earlier| earlier.label.to_lowercase() == label.to_lowercase()) {
            return Err(CoreError::invalid(&field("label"), InputProblem::Duplicate));
        }
        let code = match row.code.as_deref().map(str::trim).filter(|code| !code.is_empty()) {
            Some(code) => {
                if !is_code(code) {
                    return Err(CoreError::invalid(&field("code"), InputProblem::NotAllowed));
                }
                code.to_owned()
            }
            None => {
                let base = slug(label);
                let mut code = base.clone();
                let mut counter = 2;
                while taken.contains(&code) || list.iter().any(|earlier| earlier.code == code) {
                    code = format!("{base}_{counter}");
                    counter += 1;
                }
                taken.push(code.clone());
                code
            }
        };
        if list.iter().any(|earlier| earlier.code == code) {
            return Err(CoreError::invalid(&field("code"), InputProblem::Duplicate));
        }
        list.push(Category { code, label: label.to_owned() });
    }
    Ok(list)
}

fn is_code(code: &str) -> bool {
    (1..=MAX_CODE_CHARS).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// "Stunting & gizi buruk" → "stunting_gizi_buruk".
fn slug(label: &str) -> String {
    let mut code = String::new();
    for c in label.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('_') && !code.is_empty() {
            code.push('_');
        }
    }
    let code: String = code.trim_end_matches('_').chars().take(MAX_CODE_CHARS).collect();
    let code = code.trim_end_matches('_').to_owned();
    if code.is_empty() {
        "kategori".to_owned()
    } else {
        code
    }
}

/// A parsed number template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberTemplate {
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// The sequence number of the year, zero-padded to `width` digits.
    Seq {
        width: usize,
    },
    MonthRoman,
    Month {
        width: usize,
    },
    Year,
}

fn format_problem(problem: NumberFormatProblem, placeholder: Option<&str>) -> CoreError {
    CoreError::InvalidNumberFormat { problem, placeholder: placeholder.map(str::to_owned) }
}

impl NumberTemplate {
    /// Placeholders, in Indonesian as a Bagian Umum writes them: `{urut}`, `{urut:3}`
    /// (zero-padded), `{bulan_romawi}`, `{bulan}`, `{bulan:2}` and `{tahun}`; the English
    /// names of earlier versions (`{seq}`, `{month_roman}`, `{month}`, `{year}`) are still
    /// read. `{urut}` and `{tahun}` are required: numbers restart every year, so a number
    /// without both would repeat.
    pub fn parse(template: &str) -> Result<NumberTemplate> {
        let template = template.trim();
        if template.is_empty() {
            return Err(format_problem(NumberFormatProblem::Empty, None));
        }
        if template.chars().count() > MAX_TEMPLATE_CHARS {
            return Err(format_problem(NumberFormatProblem::TooLong, None));
        }
        if template.chars().any(char::is_control) {
            return Err(format_problem(NumberFormatProblem::NotAllowedCharacter, None));
        }
        let mut pieces = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                Some(at) if rest[at..].starts_with('}') => {
                    return Err(format_problem(NumberFormatProblem::UnbalancedBrace, None))
                }
                Some(at) => {
                    if at > 0 {
                        pieces.push(Piece::Text(rest[..at].to_owned()));
                    }
                    let after = &rest[at + 1..];
                    let end =
                        after.find('}').ok_or_else(|| format_problem(NumberFormatProblem::UnbalancedBrace, None))?;
                    let name = &after[..end];
                    if name.contains('{') {
                        return Err(format_problem(NumberFormatProblem::UnbalancedBrace, None));
                    }
                    pieces.push(placeholder(name)?);
                    rest = &after[end + 1..];
                }
                None => {
                    pieces.push(Piece::Text(rest.to_owned()));
                    rest = "";
                }
            }
        }
        if !pieces.iter().any(|piece| matches!(piece, Piece::Seq { .. })) {
            return Err(format_problem(NumberFormatProblem::MissingSeq, Some("{urut}")));
        }
        if !pieces.contains(&Piece::Year) {
            return Err(format_problem(NumberFormatProblem::MissingYear, Some("{tahun}")));
        }
        Ok(NumberTemplate { pieces })
    }

    pub fn format(&self, seq: u32, day: NaiveDate) -> String {
        const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
        let mut number = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => number.push_str(text),
                Piece::Seq { width } => number.push_str(&format!("{seq:0width$}")),
                Piece::MonthRoman => number.push_str(ROMAN[day.month0() as usize]),
                Piece::Month { width } => number.push_str(&format!("{:0width$}", day.month())),
                Piece::Year => number.push_str(&day.year().to_string()),
            }
        }
        number
    }
}

fn placeholder(name: &str) -> Result<Piece> {
    let unknown = || format_problem(NumberFormatProblem::UnknownPlaceholder, Some(&format!("{{{name}}}")));
    let (base, width) = match name.split_once(':') {
        Some((base, width)) => {
            let width: usize = width.parse().map_err(|_| unknown())?;
            if !(1..=9).contains(&width) {
                return Err(unknown());
            }
            (base, Some(width))
        }
        None => (name, None),
    };
    match (base, width) {
        ("urut" | "seq", width) => Ok(Piece::Seq { width: width.unwrap_or(1) }),
        ("bulan" | "month", width) => Ok(Piece::Month { width: width.unwrap_or(1) }),
        ("bulan_romawi" | "month_roman", None) => Ok(Piece::MonthRoman),
        ("tahun" | "year", None) => Ok(Piece::Year),
        _ => Err(unknown()),
    }
}

// Each kind's declaration: name, authority, referenced files and projection (see `kinds`).

impl EventKind for CategoriesSet {
    const NAME: &'static str = "settings.categories_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_categories_set(conn, event, self)
    }
}

impl EventKind for NumberFormatSet {
    const NAME: &'static str = "settings.number_format_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_number_format_set(conn, event, self)
    }
}

impl EventKind for BudgetThresholdsSet {
    const NAME: &'static str = "settings.budget_thresholds_set";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::Configure);

    fn project(&self, conn: &rusqlite::Connection, event: &crate::event::SignedEvent) -> crate::error::Result<()> {
        apply_budget_thresholds_set(conn, event, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
    }

    #[test]
    fn templates_format_every_placeholder() {
        let cases = [
            (DEFAULT_NUMBER_TEMPLATE, 7, "IKP/7/III/2026"),
            ("{seq:3}/IKP-BKS/{month:2}/{year}", 7, "007/IKP-BKS/03/2026"),
            ("{year}.{month}.{seq:2}", 123, "2026.3.123"),
            ("{urut:3}/IKP-BKS/{bulan:2}/{tahun}", 7, "007/IKP-BKS/03/2026"),
            ("IKP/{urut}/{bulan_romawi}/{tahun}", 12, "IKP/12/III/2026"),
        ];
        for (template, seq, expected) in cases {
            assert_eq!(NumberTemplate::parse(template).unwrap().format(seq, day()), expected, "{template}");
        }
    }

    #[test]
    fn templates_without_seq_or_year_or_with_unknown_placeholders_are_refused_by_name() {
        let cases = [
            ("", NumberFormatProblem::Empty, None),
            ("IKP/{month}/{year}", NumberFormatProblem::MissingSeq, Some("{urut}")),
            ("IKP/{seq}/{month}", NumberFormatProblem::MissingYear, Some("{tahun}")),
            ("IKP/{urut}/{thn}", NumberFormatProblem::UnknownPlaceholder, Some("{thn}")),
            ("IKP/{seq:0}/{year}", NumberFormatProblem::UnknownPlaceholder, Some("{seq:0}")),
            ("IKP/{seq/{year}", NumberFormatProblem::UnbalancedBrace, None),
            ("IKP/seq}/{year}", NumberFormatProblem::UnbalancedBrace, None),
        ];
        for (template, problem, placeholder) in cases {
            assert_eq!(
                NumberTemplate::parse(template).unwrap_err(),
                CoreError::InvalidNumberFormat { problem, placeholder: placeholder.map(str::to_owned) },
                "{template}"
            );
        }
    }

    #[test]
    fn slugs_are_lower_case_ascii_with_underscores() {
        assert_eq!(slug("Stunting & gizi buruk"), "stunting_gizi_buruk");
        assert_eq!(slug("  Jalan rusak! "), "jalan_rusak");
        assert_eq!(slug("•••"), "kategori");
    }
}
