//! Money: an exact count of sen (1/100 rupiah) in an `i64` — never a float. A regency's
//! whole budget (Rp7,1 triliun = 7.1e14 sen) is far inside the range, and sums of a
//! million entries stay exact. It crosses to TypeScript as a canonical decimal string
//! ("1234567890.50"); people read and type it the Indonesian way ("Rp1.234.567.890,50",
//! "Rp7,1 triliun").

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const SEN_PER_RUPIAH: i64 = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rupiah(i64);

#[cfg(feature = "specta")]
impl specta::Type for Rupiah {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <String as specta::Type>::definition(types)
    }
}

/// Why a text is not an amount of money; the UI words each case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Negative,
    NotANumber,
    TooLarge,
}

/// Large-number words as officials write them: "Rp577 miliar".
const SCALE_WORDS: [(&str, i64); 4] =
    [("triliun", 1_000_000_000_000), ("miliar", 1_000_000_000), ("milyar", 1_000_000_000), ("juta", 1_000_000)];

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    pub fn from_sen(sen: i64) -> Rupiah {
        Rupiah(sen)
    }

    pub fn from_rupiah(rupiah: i64) -> Rupiah {
        Rupiah(rupiah * SEN_PER_RUPIAH)
    }

    pub fn sen(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_add(other.0).map(Rupiah)
    }

    /// Parses "Rp1.234.567.890", "Rp500.000,00", "1234567", "7,1 triliun", "577 miliar".
    /// Dots group thousands and must group by three; a comma starts at most two decimals.
    pub fn parse(text: &str) -> Result<Rupiah, MoneyError> {
        let lowered = text.trim().to_lowercase();
        let without_currency = lowered.strip_prefix("rp.").or_else(|| lowered.strip_prefix("rp")).unwrap_or(&lowered);
        let compact: String = without_currency.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(MoneyError::Empty);
        }
        if compact.starts_with('-') || compact.starts_with('(') {
            return Err(MoneyError::Negative);
        }
        let (number, multiplier) = SCALE_WORDS
            .iter()
            .find_map(|(word, factor)| compact.strip_suffix(word).map(|number| (number, *factor)))
            .unwrap_or((compact.as_str(), 1));
        let (whole, fraction) = match number.split_once(',') {
            Some((whole, fraction)) => (whole, fraction),
            None => (number, ""),
        };
        let whole = ungroup(whole)?;
        // With a scale word the decimals count in that unit ("7,1 triliun"), else in sen.
        let max_decimals = if multiplier == 1 { 2 } else { 12 };
        if whole.is_empty()
            || fraction.len() > max_decimals
            || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber);
        }
        let unit_sen = i128::from(multiplier) * i128::from(SEN_PER_RUPIAH);
        let whole_sen = whole.parse::<i128>().map_err(|_| MoneyError::TooLarge)? * unit_sen;
        let fraction_sen = if fraction.is_empty() {
            0
        } else {
            let digits = fraction.parse::<i128>().map_err(|_| MoneyError::NotANumber)?;
            let scaled = digits * unit_sen;
            let divisor = 10i128.pow(fraction.len() as u32);
            if scaled % divisor != 0 {
                return Err(MoneyError::NotANumber); // finer than a sen
            }
            scaled / divisor
        };
        i64::try_from(whole_sen + fraction_sen).map(Rupiah).map_err(|_| MoneyError::TooLarge)
    }

    /// "Rp1.234.567.890" for whole rupiah, "Rp500.000,50" with sen.
    pub fn to_indonesian(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = group_thousands(abs / SEN_PER_RUPIAH as u64);
        match abs % SEN_PER_RUPIAH as u64 {
            0 => format!("{sign}Rp{whole}"),
            sen => format!("{sign}Rp{whole},{sen:02}"),
        }
    }

    /// "Rp7,1 triliun", "Rp577 miliar", "Rp12,5 juta": one decimal, rounded half up.
    pub fn to_short_indonesian(self) -> String {
        let rupiah = self.0 / SEN_PER_RUPIAH;
        for (word, factor) in [("triliun", 1_000_000_000_000i64), ("miliar", 1_000_000_000), ("juta", 1_000_000)] {
            if rupiah.abs() >= factor {
                let tenths = (i128::from(rupiah) * 10 + i128::from(factor) / 2 * i128::from(rupiah.signum()))
                    / i128::from(factor);
                let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
                return if tenth == 0 { format!("Rp{whole} {word}") } else { format!("Rp{whole},{tenth} {word}") };
            }
        }
        self.to_indonesian()
    }

    /// `self` as a share of `whole`, in permille (1000 = 100%), rounded down; 0 of nothing.
    pub fn permille_of(self, whole: Rupiah) -> u32 {
        if whole.0 <= 0 || self.0 <= 0 {
            return 0;
        }
        (i128::from(self.0) * 1000 / i128::from(whole.0)).min(u32::MAX as i128) as u32
    }
}

fn ungroup(whole: &str) -> Result<String, MoneyError> {
    if !whole.contains('.') {
        return Ok(whole.to_owned());
    }
    let mut groups = whole.split('.');
    let head = groups.next().unwrap_or_default();
    if head.is_empty() || head.len() > 3 || groups.clone().any(|group| group.len() != 3) {
        return Err(MoneyError::NotANumber);
    }
    Ok(whole.replace('.', ""))
}

/// `1234567` as "1.234.567" (PUEBI: a dot between every three digits).
pub(crate) fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

impl std::iter::Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Rupiah {
        Rupiah(iter.map(|amount| amount.0).sum())
    }
}

impl fmt::Display for Rupiah {
    /// Canonical wire form: rupiah with two decimals, dot decimal, no grouping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / SEN_PER_RUPIAH as u64, abs % SEN_PER_RUPIAH as u64)
    }
}

impl Serialize for Rupiah {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rupiah {
    /// Reads the canonical form only ("1234.50"): signed payloads never hold anything else.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (whole, sen) =
            digits.split_once('.').ok_or_else(|| serde::de::Error::custom("money needs two decimals"))?;
        if sen.len() != 2 || !whole.chars().chain(sen.chars()).all(|c| c.is_ascii_digit()) || whole.is_empty() {
            return Err(serde::de::Error::custom(format!("`{text}` is not canonical money")));
        }
        let value = whole
            .parse::<i64>()
            .ok()
            .and_then(|w| w.checked_mul(SEN_PER_RUPIAH))
            .and_then(|w| w.checked_add(sen.parse::<i64>().ok()?))
            .ok_or_else(|| serde::de::Error::custom("money out of range"))?;
        Ok(Rupiah(if negative { -value } else { value }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(text: &str) -> Rupiah {
        Rupiah::parse(text).unwrap_or_else(|err| panic!("{text}: {err:?}"))
    }

    #[test]
    fn reads_indonesian_notation() {
        assert_eq!(rp("Rp1.234.567.890"), Rupiah::from_rupiah(1_234_567_890));
        assert_eq!(rp("Rp500.000,00"), Rupiah::from_rupiah(500_000));
        assert_eq!(rp("Rp 500.000,5"), Rupiah::from_sen(50_000_050));
        assert_eq!(rp("1234567"), Rupiah::from_rupiah(1_234_567));
        assert_eq!(rp("Rp7,1 triliun"), Rupiah::from_rupiah(7_100_000_000_000));
        assert_eq!(rp("577 miliar"), Rupiah::from_rupiah(577_000_000_000));
        assert_eq!(rp("rp. 12,5 juta"), Rupiah::from_rupiah(12_500_000));
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(Rupiah::parse(""), Err(MoneyError::Empty));
        assert_eq!(Rupiah::parse("Rp "), Err(MoneyError::Empty));
        assert_eq!(Rupiah::parse("-5.000"), Err(MoneyError::Negative));
        assert_eq!(Rupiah::parse("lima juta"), Err(MoneyError::NotANumber));
        assert_eq!(Rupiah::parse("1.23"), Err(MoneyError::NotANumber)); // a dot groups thousands
        assert_eq!(Rupiah::parse("1,234"), Err(MoneyError::NotANumber)); // finer than a sen
        assert_eq!(Rupiah::parse("99999999999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn writes_indonesian_notation_from_the_exact_value() {
        assert_eq!(Rupiah::from_rupiah(1_234_567_890).to_indonesian(), "Rp1.234.567.890");
        assert_eq!(Rupiah::from_sen(50_000_050).to_indonesian(), "Rp500.000,50");
        assert_eq!(Rupiah::from_rupiah(7_100_000_000_000).to_short_indonesian(), "Rp7,1 triliun");
        assert_eq!(Rupiah::from_rupiah(577_000_000_000).to_short_indonesian(), "Rp577 miliar");
        assert_eq!(Rupiah::from_rupiah(176_960_000_000).to_short_indonesian(), "Rp177 miliar");
        assert_eq!(Rupiah::from_rupiah(950_000).to_short_indonesian(), "Rp950.000");
    }

    #[test]
    fn seven_trillion_in_a_million_entries_sums_exactly() {
        let total = Rupiah::from_rupiah(7_100_000_000_000);
        let entries = 1_000_000;
        let share = Rupiah::from_sen(total.sen() / entries);
        let remainder = Rupiah::from_sen(total.sen() % entries);
        let sum: Rupiah = std::iter::repeat_n(share, entries as usize).chain([remainder]).sum();
        assert_eq!(sum, total);
    }

    #[test]
    fn crosses_the_wire_canonically_and_back() {
        let amount = Rupiah::from_sen(123_456_789_012);
        let json = serde_json::to_string(&amount).unwrap();
        assert_eq!(json, "\"1234567890.12\"");
        assert_eq!(serde_json::from_str::<Rupiah>(&json).unwrap(), amount);
        assert!(serde_json::from_str::<Rupiah>("\"1.234,00\"").is_err());
        assert_eq!(Rupiah::from_rupiah(60).permille_of(Rupiah::from_rupiah(100)), 600);
    }
}
