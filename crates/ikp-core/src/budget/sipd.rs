//! Reading SIPD's words: the agency a row names (its code here, its kode SKPD or its
//! name, from the agency master data), the type of an SP2D, and the jenis belanja of an
//! account code (Permendagri 90/2019: 5.1.01 pegawai, 5.1.02 barang dan jasa, 5.1.05
//! hibah, 5.1.06 bantuan sosial, 5.2 modal).

use std::collections::HashMap;

use rusqlite::Connection;

use super::payload::{JenisBelanja, Sp2dType};
use crate::agency;
use crate::column_map::header_key;
use crate::error::Result;

/// Agencies as a file may name them.
pub(super) struct Agencies {
    by_code: HashMap<String, String>,
    by_name: HashMap<String, String>,
}

impl Agencies {
    pub(super) fn load(conn: &Connection) -> Result<Agencies> {
        let (mut by_code, mut by_name) = (HashMap::new(), HashMap::new());
        for agency in agency::list(conn)? {
            by_code.insert(code_key(&agency.code), agency.code.clone());
            if let Some(sipd) = &agency.sipd_code {
                by_code.insert(code_key(sipd), agency.code.clone());
            }
            for name in [&agency.name, &agency.short_name] {
                by_name.insert(name_key(name), agency.code.clone());
            }
            for former in &agency.former_names {
                by_name.entry(name_key(former)).or_insert_with(|| agency.code.clone());
            }
        }
        Ok(Agencies { by_code, by_name })
    }

    /// By a code (the short code or the SIPD kode SKPD, "1.02.0.00.0.00.01.0000").
    pub(super) fn by_code(&self, text: &str) -> Option<&str> {
        self.by_code.get(&code_key(text)).map(String::as_str)
    }

    /// By a name, the SKPD's full one or its short one.
    pub(super) fn by_name(&self, text: &str) -> Option<&str> {
        self.by_name.get(&name_key(text)).map(String::as_str)
    }
}

/// Codes compare without case, spaces and separators: "dp3a" is DP3A.
fn code_key(text: &str) -> String {
    text.to_uppercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

fn name_key(text: &str) -> String {
    text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// "LS", "LS Gaji", "SP2D-LS", "GU Nihil", "TU-NIHIL", "UP" …
pub(super) fn sp2d_type(text: &str) -> Option<Sp2dType> {
    let key = header_key(text);
    let key = key.strip_prefix("sp2d").unwrap_or(&key);
    if key.starts_with("ls") {
        return Some(Sp2dType::Ls);
    }
    if key.contains("nihil") {
        return Some(if key.starts_with("tu") { Sp2dType::TuNihil } else { Sp2dType::GuNihil });
    }
    match key {
        "up" => Some(Sp2dType::Up),
        "gu" => Some(Sp2dType::Gu),
        "tu" => Some(Sp2dType::Tu),
        _ => None,
    }
}

/// What an account code says about a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Account {
    Belanja(JenisBelanja),
    /// Pendapatan (4) or pembiayaan (6): an LRA lists them, absorption does not count them.
    NotSpending,
}

/// "5.2.02.05.01.0001" is belanja modal; a code that is not dotted digits is `None`.
pub(super) fn account(text: &str) -> Option<Account> {
    let parts = || text.trim().split('.');
    if parts().any(|part| part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let number = |index: usize| parts().nth(index).and_then(|part| part.parse::<u32>().ok());
    if number(0) != Some(5) {
        return Some(Account::NotSpending);
    }
    let jenis = match (number(1), number(2)) {
        (Some(1), Some(1)) => JenisBelanja::Pegawai,
        (Some(1), Some(2)) => JenisBelanja::BarangJasa,
        (Some(1), Some(5 | 6)) => JenisBelanja::HibahBansos,
        (Some(2), _) => JenisBelanja::Modal,
        _ => JenisBelanja::Lainnya,
    };
    Some(Account::Belanja(jenis))
}

/// "Belanja Pegawai", "Barang dan Jasa", "Belanja Modal", "Hibah", "Bantuan Sosial" …
pub(super) fn jenis(text: &str) -> Option<JenisBelanja> {
    let key = header_key(text);
    let has = |word: &str| key.contains(word);
    if has("pegawai") {
        Some(JenisBelanja::Pegawai)
    } else if has("barang") {
        Some(JenisBelanja::BarangJasa)
    } else if has("modal") {
        Some(JenisBelanja::Modal)
    } else if has("hibah") || has("bansos") || has("bantuansosial") {
        Some(JenisBelanja::HibahBansos)
    } else if ["lain", "bunga", "subsidi", "tidakterduga", "transfer", "bagihasil", "bantuankeuangan"]
        .iter()
        .any(|word| has(word))
    {
        Some(JenisBelanja::Lainnya)
    } else {
        JenisBelanja::parse(text.trim())
    }
}

/// Rows of an LRA that only sum the rows below them: a code another row's code extends
/// ("5.1" above "5.1.02", "5.1.02" above "5.1.02.01.01.0024"), per agency.
pub(super) fn heading_codes<'a>(rows: impl Iterator<Item = (&'a str, &'a str)>) -> std::collections::HashSet<String> {
    let mut headings = std::collections::HashSet::new();
    for (agency, code) in rows {
        let code = code.trim();
        let mut end = 0;
        while let Some(dot) = code[end..].find('.') {
            end += dot;
            headings.insert(format!("{}|{}", code_key(agency), &code[..end]));
            end += 1;
        }
    }
    headings
}

pub(super) fn is_heading(headings: &std::collections::HashSet<String>, agency: &str, code: &str) -> bool {
    !headings.is_empty() && headings.contains(&format!("{}|{}", code_key(agency), code.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sp2d_types_as_sipd_writes_them() {
        for (text, expected) in [
            ("LS", Sp2dType::Ls),
            ("LS Gaji", Sp2dType::Ls),
            ("SP2D-LS", Sp2dType::Ls),
            ("up", Sp2dType::Up),
            ("GU", Sp2dType::Gu),
            ("TU", Sp2dType::Tu),
            ("GU Nihil", Sp2dType::GuNihil),
            ("TU-NIHIL", Sp2dType::TuNihil),
        ] {
            assert_eq!(sp2d_type(text), Some(expected), "{text}");
        }
        assert_eq!(sp2d_type("Kontan"), None);
    }

    #[test]
    fn the_jenis_belanja_comes_from_the_account_code() {
        use JenisBelanja::*;
        for (code, jenis) in [
            ("5.1.01.01.01.0001", Pegawai),
            ("5.1.02.02.01.0026", BarangJasa),
            ("5.1.05.05.01.0001", HibahBansos),
            ("5.1.06.01.01.0001", HibahBansos),
            ("5.2.02.05.01.0001", Modal),
            ("5.3.01.01.01.0001", Lainnya),
            ("5", Lainnya),
        ] {
            assert_eq!(account(code), Some(Account::Belanja(jenis)), "{code}");
        }
        assert_eq!(account("4.1.01.06"), Some(Account::NotSpending));
        assert_eq!(account("belanja"), None);
        assert_eq!(jenis("Belanja Barang dan Jasa"), Some(BarangJasa));
        assert_eq!(jenis("Belanja Bantuan Sosial"), Some(HibahBansos));
    }

    #[test]
    fn an_lra_heading_is_a_code_another_row_extends() {
        let rows = [("1.02.0.00", "5.1"), ("1.02.0.00", "5.1.02"), ("1.02.0.00", "5.1.02.01.01.0024")];
        let headings = heading_codes(rows.iter().copied());
        assert!(is_heading(&headings, "1.02.0.00", "5.1"));
        assert!(is_heading(&headings, "1.02.0.00", "5.1.02"));
        assert!(!is_heading(&headings, "1.02.0.00", "5.1.02.01.01.0024"));
        assert!(!is_heading(&headings, "2.08.0.00", "5.1"), "another agency's codes are its own");
    }
}
