//! Tests of the realization import's ids and dates.

use super::*;

/// Ids are what makes a re-import add nothing: a file imported by an older build
/// must get the very same ids (these were computed from the text before hashing).
#[test]
fn entry_ids_and_line_keys_stay_what_they_were() {
    let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let sp2d = entry_id("abc", 2, "DP3A", day, Rupiah::from_sen(10_000_000_000), "0001/LS", "5.1.01.01.01.0001");
    assert_eq!(hex::encode(sp2d), "3d40b40729fb666ec79efc7bada0dd1b");
    let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let lra = entry_id("abc", 2, "DP3A", first, Rupiah::from_sen(250), "", "5.1.02.01.01.0024");
    assert_eq!(hex::encode(lra), "1ec63880c4841feb27cec585910cca43");
    assert_eq!(
        hex::encode(entry_id("abc", 7, "DP3A", day, Rupiah::from_sen(1), "", "")),
        "992e95503cab0c5176f5c9abe8ed4d92"
    );
    let line = line_of(day, "0001/LS", "5.1.01.01.01.0001").unwrap();
    assert_eq!(hex::encode(super::super::project::line_key("DP3A", &line)), "e490c919355015d71b34e43e2b2f33a6");
}

#[test]
fn a_day_first_date_reads_as_the_format_strings_read_it() {
    for text in ["20/11/2026", "1/2/2026", "01-02-2026", "31/12/2026", "29/02/2028"] {
        let by_format = ["%d/%m/%Y", "%d-%m-%Y"].iter().find_map(|f| NaiveDate::parse_from_str(text, f).ok());
        assert_eq!(day_first(text), by_format, "{text}");
        assert_eq!(parse_day(text).ok(), by_format, "{text}");
    }
    for text in ["31/02/2026", "29/02/2027", "2026/11/20", "20/11/26", "20/11-2026", "2x/11/2026", "20/11/2026/1"] {
        assert_eq!(day_first(text), None, "{text}");
    }
    assert_eq!(parse_day("31/02/2026"), Err(InputProblem::NotADate));
    assert_eq!(parse_day("11/2026"), Ok(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()));
}
