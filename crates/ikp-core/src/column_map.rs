//! How the headers of an imported table are read, shared by the imports that take a
//! column mapping (LAPOR! complaints, SIPD realizations): a header the user mapped by
//! hand wins, then the mapping remembered for the file's source, then the header's own
//! name among the column's aliases. A column read from two headers is read from the
//! first one only.

use serde::Serialize;

/// Where a header's reading came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MappingOrigin {
    Chosen,
    Remembered,
    Recognised,
    Unknown,
}

/// The columns one import understands.
pub trait Columns: Copy + PartialEq + Sized + 'static {
    const ALL: &'static [Self];
    /// The headers it recognises, lower case with only letters and digits kept.
    fn aliases(self) -> &'static [&'static str];
}

/// A header's key among the aliases: "Kode SKPD" and "kode_skpd" are both `kodeskpd`.
pub fn header_key(header: &str) -> String {
    header.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Each header of `header` (trimmed) with the column it is read as and why. `chosen`
/// says what the user picked for a header (`Some(None)`: leave it out).
pub fn read_headers<C: Columns>(
    header: &[String],
    chosen: impl Fn(&str) -> Option<Option<C>>,
    remembered: &[(String, C)],
) -> Vec<(String, Option<C>, MappingOrigin)> {
    let mut readings: Vec<(String, Option<C>, MappingOrigin)> = header
        .iter()
        .map(|text| {
            let header = text.trim().to_owned();
            if let Some(column) = chosen(&header) {
                return (header, column, MappingOrigin::Chosen);
            }
            if let Some((_, column)) = remembered.iter().find(|(known, _)| *known == header) {
                return (header, Some(*column), MappingOrigin::Remembered);
            }
            let key = header_key(&header);
            match C::ALL.iter().find(|column| column.aliases().contains(&key.as_str())) {
                Some(column) => (header, Some(*column), MappingOrigin::Recognised),
                None => (header, None, MappingOrigin::Unknown),
            }
        })
        .collect();
    for index in 0..readings.len() {
        if let Some(column) = readings[index].1 {
            if readings[..index].iter().any(|earlier| earlier.1 == Some(column)) {
                readings[index].1 = None;
                readings[index].2 = MappingOrigin::Unknown;
            }
        }
    }
    readings
}
