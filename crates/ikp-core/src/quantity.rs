//! Exact decimal quantities for indicator values (cases handled, days, percent): an
//! integer count of ten-thousandths, never a float. They cross to TypeScript as a
//! canonical decimal string ("90.5"); people type and read them the Indonesian way
//! ("1.234,5").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const SCALE: i64 = 10_000;
const DECIMALS: usize = 4;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

#[cfg(feature = "specta")]
impl specta::Type for Quantity {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <String as specta::Type>::definition(types)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantityError(pub String);

impl Quantity {
    pub const ZERO: Quantity = Quantity(0);

    pub fn from_int(value: i64) -> Quantity {
        Quantity(value * SCALE)
    }

    pub fn ten_thousandths(self) -> i64 {
        self.0
    }

    pub fn from_ten_thousandths(raw: i64) -> Quantity {
        Quantity(raw)
    }

    /// Parses a decimal written either way: "1.234,5" (Indonesian), "1234.5" or "1234,5".
    /// A lone dot followed by exactly three digits groups thousands ("1.500" = 1500), as
    /// an Indonesian reader means it.
    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        let cleaned: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
        if cleaned.is_empty() {
            return Err(QuantityError("empty".into()));
        }
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (whole, fraction) = split_decimal(digits)?;
        if whole.is_empty() && fraction.is_empty() {
            return Err(QuantityError(format!("`{text}` is not a number")));
        }
        if !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
            return Err(QuantityError(format!("`{text}` is not a number")));
        }
        if fraction.len() > DECIMALS {
            return Err(QuantityError(format!("`{text}` has more than {DECIMALS} decimals")));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| QuantityError(format!("`{text}` is too large")))?
        };
        let fraction_value: i64 = format!("{fraction:0<DECIMALS$}").parse().unwrap_or(0);
        let raw = whole
            .checked_mul(SCALE)
            .and_then(|scaled| scaled.checked_add(fraction_value))
            .ok_or_else(|| QuantityError(format!("`{text}` is too large")))?;
        Ok(Quantity(if negative { -raw } else { raw }))
    }

    pub fn to_f64_for_display_only(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
}

/// Splits "1.234,5" / "1234.5" / "1.500" into whole digits and fraction digits.
fn split_decimal(text: &str) -> Result<(String, String), QuantityError> {
    if let Some((whole, fraction)) = text.split_once(',') {
        if fraction.contains([',', '.']) {
            return Err(QuantityError(format!("`{text}` is not a number")));
        }
        return Ok((strip_grouping(whole)?, fraction.to_owned()));
    }
    match text.matches('.').count() {
        0 => Ok((text.to_owned(), String::new())),
        1 => {
            let (whole, fraction) = text.split_once('.').unwrap_or_default();
            let groups_thousands = fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0');
            if groups_thousands {
                Ok((format!("{whole}{fraction}"), String::new()))
            } else {
                Ok((whole.to_owned(), fraction.to_owned()))
            }
        }
        _ => Ok((strip_grouping(text)?, String::new())),
    }
}

fn strip_grouping(whole: &str) -> Result<String, QuantityError> {
    if !whole.contains('.') {
        return Ok(whole.to_owned());
    }
    let mut groups = whole.split('.');
    let head = groups.next().unwrap_or_default();
    if head.is_empty() || head.len() > 3 || groups.clone().any(|group| group.len() != 3) {
        return Err(QuantityError(format!("`{whole}` has misplaced thousands dots")));
    }
    Ok(whole.replace('.', ""))
}

impl Quantity {
    /// As Indonesian is written (PUEBI): dots group thousands, a comma starts the decimals
    /// ("150.000", "12,5", "-1.234,25") — the form documents print and people type back.
    pub fn indonesian(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = crate::money::group_thousands(magnitude / SCALE as u64);
        let fraction = magnitude % SCALE as u64;
        if fraction == 0 {
            return format!("{sign}{whole}");
        }
        let digits = format!("{fraction:0DECIMALS$}");
        format!("{sign}{whole},{}", digits.trim_end_matches('0'))
    }
}

impl fmt::Display for Quantity {
    /// Canonical form: dot decimal, no grouping, no trailing zeros ("1234.5", "-3", "0.25").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u64;
        let fraction = magnitude % SCALE as u64;
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{fraction:0DECIMALS$}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Quantity::parse(text)
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Quantity::parse(&text).map_err(|err| serde::de::Error::custom(err.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> String {
        Quantity::parse(text).map(|value| value.to_string()).unwrap_or_else(|err| format!("error: {}", err.0))
    }

    #[test]
    fn reads_both_indonesian_and_dot_decimals() {
        let cases = [
            ("12", "12"),
            ("12,5", "12.5"),
            ("12.5", "12.5"),
            ("1.234,5", "1234.5"),
            ("1.500", "1500"),
            ("1.234.567", "1234567"),
            ("0,25", "0.25"),
            ("0.250", "0.25"),
            ("-3", "-3"),
            (" 90 ", "90"),
            ("100.0001", "100.0001"),
        ];
        for (input, expected) in cases {
            assert_eq!(q(input), expected, "{input}");
        }
    }

    #[test]
    fn writes_indonesian_as_puebi_has_it_and_reads_it_back() {
        let cases = [
            ("150000", "150.000"),
            ("12.5", "12,5"),
            ("1234567.25", "1.234.567,25"),
            ("999", "999"),
            ("1000", "1.000"),
            ("0.0001", "0,0001"),
            ("-1234.5", "-1.234,5"),
            ("0", "0"),
        ];
        for (canonical, written) in cases {
            let value = Quantity::parse(canonical).unwrap();
            assert_eq!(value.indonesian(), written, "{canonical}");
            assert_eq!(Quantity::parse(written).unwrap(), value, "{written} reads back");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for input in ["", "abc", "1,2,3", "12.34.5", "1,234.5", "0.00001", "--1", "1.23,4.5"] {
            assert!(q(input).starts_with("error"), "{input} gave {}", q(input));
        }
    }

    #[test]
    fn survives_a_serde_round_trip_exactly() {
        let value = Quantity::parse("1234,5678").unwrap();
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, "\"1234.5678\"");
        assert_eq!(serde_json::from_str::<Quantity>(&json).unwrap(), value);
    }
}
