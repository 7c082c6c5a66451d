//! The notulen as a document: every text already worded in Indonesian and every number
//! already formatted, so the DOCX and PDF renderers (crate `ikp-minutes`) only lay it
//! out. Part of the signed `meeting.minutes_finalized` payload: do not modify these
//! structs (a change is a new payload version).

use serde::{Deserialize, Serialize};

use super::payload::Official;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesDocument {
    pub letterhead: Letterhead,
    /// "NOTULEN RAPAT" or "NOTULA RAPAT", per the regency's letterhead setting. Added in
    /// `meeting.minutes_finalized` v2: a v1 document reads as "NOTULEN RAPAT", as it was
    /// printed then.
    #[serde(default = "notulen_heading")]
    pub heading: String,
    pub meeting_id: String,
    pub title: String,
    pub number: String,
    /// "Senin, 16 November 2026".
    pub day_and_date: String,
    /// "09.00 – 12.00 WIB" or "09.00 WIB – selesai".
    pub time: String,
    pub place: String,
    pub chair: Official,
    pub secretary: Official,
    pub notulis: Official,
    pub attendees: Vec<AttendeeLine>,
    pub agenda: Vec<AgendaSection>,
    pub decisions: Vec<DecisionRow>,
    pub budget: Option<BudgetSummary>,
    pub follow_ups: Vec<FollowUpRow>,
    /// "Cikarang Pusat, 16 November 2026": where and when the minutes are signed.
    pub signed_at: String,
}

fn notulen_heading() -> String {
    crate::letterhead::MinutesTitle::Notulen.heading().to_owned()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Letterhead {
    /// "PEMERINTAH KABUPATEN BEKASI".
    pub government: String,
    /// "SEKRETARIAT DAERAH".
    pub office: String,
    pub address: String,
    /// The logo file's SHA-256 in the evidence store, if one is set.
    pub logo_sha256: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttendeeLine {
    pub name: String,
    pub position: String,
    /// "Hadir", "Diwakili", "Tidak hadir".
    pub presence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaSection {
    pub title: String,
    /// The discussion as noted, paragraphs separated by blank lines.
    pub discussion: String,
    /// Lines the records contributed (pending requests, overdue instructions...).
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionRow {
    pub agency: String,
    pub indicator: String,
    pub original_target: String,
    pub requested: String,
    pub decision: String,
    pub effective_target: String,
    pub note: String,
}

impl DecisionRow {
    /// The decision as one sentence of the notulen's numbered list ("DP3A, Korban yang
    /// didampingi: Disetujui dengan perubahan: 10 orang; target berlaku 10 orang."); the
    /// table with every column is the Lampiran's.
    pub fn sentence(&self) -> String {
        let said = |text: &str| !text.trim().is_empty() && text.trim() != "–";
        let about: Vec<&str> =
            [self.agency.as_str(), self.indicator.as_str()].into_iter().filter(|part| said(part)).collect();
        let mut sentence =
            if about.is_empty() { self.decision.clone() } else { format!("{}: {}", about.join(", "), self.decision) };
        if said(&self.effective_target) && !self.decision.contains(&self.effective_target) {
            sentence = format!("{sentence}; target berlaku {}", self.effective_target);
        }
        if !sentence.ends_with('.') {
            sentence.push('.');
        }
        sentence
    }

    /// Whether the row is a decision of the dialog kinerja (a target or deadline), which
    /// the Lampiran details; a decision the secretary wrote on its own is not.
    pub fn is_dialogue(&self) -> bool {
        let said = |text: &str| !text.trim().is_empty() && text.trim() != "–";
        said(&self.original_target) || said(&self.requested)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetSummary {
    pub fiscal_year: i32,
    /// "per 16 November 2026".
    pub as_of: String,
    pub rows: Vec<BudgetRow>,
    pub total: BudgetRow,
}

/// How many of the lowest absorptions the notulen's body names.
pub const BUDGET_LAGGARDS: usize = 5;

impl BudgetSummary {
    /// The body's short form: the regency's total, then the units furthest behind (the
    /// whole table is the Lampiran's).
    pub fn short_form(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Serapan anggaran kabupaten {}: {} dari pagu {} (realisasi {}; rencana {}).",
            self.as_of, self.total.percent, self.total.pagu, self.total.realized, self.total.plan_percent
        )];
        let mut lowest: Vec<&BudgetRow> = self.rows.iter().collect();
        lowest.sort_by_key(|row| row.absorption_permille);
        let named: Vec<String> =
            lowest.iter().take(BUDGET_LAGGARDS).map(|row| format!("{} {}", row.agency, row.percent)).collect();
        if !named.is_empty() {
            lines.push(format!("Serapan terendah: {}.", named.join("; ")));
        }
        lines
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BudgetRow {
    pub agency: String,
    /// "Rp 1.234.567.890".
    pub pagu: String,
    pub realized: String,
    /// Absorption in permille, for the chart's bar; `percent` is the text.
    pub absorption_permille: u32,
    pub percent: String,
    pub plan_percent: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUpRow {
    pub action: String,
    pub agency: String,
    /// "30 November 2026".
    pub deadline: String,
    /// The IKP instruction made from it ("draf" or its number), if any.
    pub instruction: String,
}

/// One correction after finalize.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AddendumLine {
    pub added_on: String,
    pub text: String,
}

/// What the renderers receive: the document, whether it is final, and its addenda.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesExport {
    pub document: MinutesDocument,
    /// False while still being written: the export is marked KONSEP (draft).
    pub finalized: bool,
    pub finalized_on: Option<String>,
    pub addenda: Vec<AddendumLine>,
}

/// The months as Indonesian writes them, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const DAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

/// "November".
pub fn indonesian_month(date: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    MONTH_NAMES[date.month0() as usize]
}

/// "16 November 2026".
pub fn indonesian_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", date.day(), MONTH_NAMES[date.month0() as usize], date.year())
}

/// "Senin, 16 November 2026".
pub fn indonesian_day_and_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}, {}", DAYS[date.weekday().num_days_from_monday() as usize], indonesian_date(date))
}

/// "12,5%" from permille, always with its one decimal ("100,0%"), as every screen shows
/// a percentage: the same figure reads the same on the page, the PDF and the DOCX.
pub fn percent(permille: u32) -> String {
    format!("{},{}%", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_percentages_read_as_in_an_official_letter() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert_eq!(indonesian_day_and_date(date), "Senin, 16 November 2026");
        assert_eq!(percent(125), "12,5%");
        assert_eq!(percent(1000), "100,0%");
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    fn row(agency: &str, indicator: &str, decision: &str, effective: &str) -> DecisionRow {
        DecisionRow {
            agency: agency.into(),
            indicator: indicator.into(),
            original_target: if effective == "–" { "–".into() } else { "12 orang".into() },
            requested: "–".into(),
            decision: decision.into(),
            effective_target: effective.into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_decision_reads_as_one_sentence_of_the_list() {
        let counter = row("DP3A", "Korban yang didampingi", "Disetujui dengan perubahan: 10 orang", "10 orang");
        assert_eq!(counter.sentence(), "DP3A, Korban yang didampingi: Disetujui dengan perubahan: 10 orang.");
        let approved = row("BPBD", "Desa terlayani", "Disetujui", "150.000 jiwa");
        assert_eq!(approved.sentence(), "BPBD, Desa terlayani: Disetujui; target berlaku 150.000 jiwa.");
        assert!(approved.is_dialogue());
        let written = row("–", "–", "Sekda mengoordinasikan posko banjir.", "–");
        assert_eq!(written.sentence(), "Sekda mengoordinasikan posko banjir.");
        assert!(!written.is_dialogue());
    }

    #[test]
    fn the_budget_s_short_form_names_the_lowest_absorptions() {
        let line = |agency: &str, permille: u32| BudgetRow {
            agency: agency.into(),
            pagu: "Rp1.000".into(),
            realized: "Rp500".into(),
            absorption_permille: permille,
            percent: format!("{},{}%", permille / 10, permille % 10),
            plan_percent: "60%".into(),
        };
        let rows: Vec<BudgetRow> = (0..8).map(|i| line(&format!("U{i}"), 900 - i * 100)).collect();
        let budget =
            BudgetSummary { fiscal_year: 2026, as_of: "per 30 November 2026".into(), rows, total: line("Jumlah", 500) };
        let lines = budget.short_form();
        assert!(lines[0].starts_with("Serapan anggaran kabupaten per 30 November 2026: 50,0% dari pagu Rp1.000"));
        assert_eq!(lines[1], "Serapan terendah: U7 20,0%; U6 30,0%; U5 40,0%; U4 50,0%; U3 60,0%.");
    }
}
