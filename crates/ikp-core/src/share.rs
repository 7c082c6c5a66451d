//! "Salin ringkasan": a meeting's decisions or an instruction as a plain-text message for
//! a WhatsApp group, which is how they actually travel to the agencies. WhatsApp reads
//! `*bold*` and `_italic_`; nothing else here is markup. A meeting is worded from the same
//! document as the notulen (frozen once finalized), so the message never says other than
//! they do; an instruction from the detail its page shows.

use crate::instruction::queries::InstructionDetail;
use crate::minutes::document::{indonesian_date, MinutesDocument};
use crate::negotiation::queries::NegotiationView;
use crate::negotiation::Outcome;
use crate::quantity::Quantity;

/// What "Salin ringkasan" copies.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum ShareSubject {
    /// A meeting's decisions, by meeting id.
    Meeting(String),
    /// An instruction, by id.
    Instruction(String),
    /// A dialog-kinerja request and the decision standing on it, by request id.
    Decision(String),
}

/// The meeting's title, day and chair, its numbered decisions (the outcome in bold) and
/// its follow-ups, ready to paste.
pub fn meeting_message(document: &MinutesDocument, finalized: bool) -> String {
    let mut lines = vec![format!("*Keputusan {}*", plain(&document.title))];
    lines.push(format!("{} · {}", plain(&document.day_and_date), plain(&document.place)));
    if !document.chair.name.trim().is_empty() {
        lines.push(format!("Pimpinan rapat: {}", official(&document.chair.name, &document.chair.title)));
    }
    if !finalized {
        lines.push(format!("_{}: notulen belum final._", crate::terms::indonesian_word("draft")));
    }
    lines.push(String::new());
    if document.decisions.is_empty() {
        lines.push("Belum ada keputusan.".into());
    } else {
        lines.push("*Keputusan*".into());
        for (number, row) in document.decisions.iter().enumerate() {
            let sentence = plain(&row.sentence());
            let decision = plain(&row.decision);
            // The outcome in bold where the sentence says it ("DP3A, …: *Disetujui*"), not
            // wherever the same word happens to appear in an indicator's name.
            let sentence = match decision.trim() {
                "" => sentence,
                said if sentence.starts_with(said) => format!("*{said}*{}", &sentence[said.len()..]),
                said => sentence.replacen(&format!(": {said}"), &format!(": *{said}*"), 1),
            };
            lines.push(format!("{}. {sentence}", number + 1));
        }
    }
    if !document.follow_ups.is_empty() {
        lines.push(String::new());
        lines.push("*Tindak lanjut*".into());
        for follow_up in &document.follow_ups {
            lines.push(format!(
                "• {}: {} (tenggat {})",
                plain(&follow_up.agency),
                plain(&follow_up.action),
                plain(&follow_up.deadline)
            ));
        }
    }
    lines.join("\n")
}

/// The instruction's number and title, whom it goes to (the lead first), its deadline,
/// its text and each indicator's target.
pub fn instruction_message(detail: &InstructionDetail) -> String {
    let summary = &detail.summary;
    let heading = match &summary.number {
        Some(number) => format!("*Instruksi Khusus Pimpinan {}*", plain(number)),
        None => format!("*{} Instruksi Khusus Pimpinan*", crate::terms::indonesian_word("draft")),
    };
    let mut lines = vec![heading, format!("*{}*", plain(&summary.title))];
    let mut agencies: Vec<String> = detail
        .agencies
        .iter()
        .map(
            |agency| {
                if agency.lead {
                    format!("{} (utama)", plain(&agency.short_name))
                } else {
                    plain(&agency.short_name)
                }
            },
        )
        .collect();
    agencies.sort_by_key(|name| !name.ends_with("(utama)"));
    lines.push(format!("Kepada: {}", agencies.join(", ")));
    lines.push(format!("Tenggat: {}", day(&summary.deadline)));
    if !detail.text.trim().is_empty() {
        lines.push(String::new());
        lines.push(paragraphs(&detail.text));
    }
    if !detail.indicators.is_empty() {
        lines.push(String::new());
        lines.push("*Indikator*".into());
        for indicator in &detail.indicators {
            let unit = plain(&indicator.unit);
            lines.push(format!(
                "• {} ({}): target {} {unit}, tenggat {}",
                plain(&indicator.name),
                plain(&indicator.agency_code),
                indicator.target.indonesian(),
                day(&indicator.deadline)
            ));
        }
    }
    lines.join("\n")
}

/// One request of the dialog kinerja and what stands on it: the agency, instruction and
/// indicator, what was asked, the standing decision (outcome in bold, the target it set),
/// who decided it and when, and its note; a request without one says it waits.
pub fn decision_message(view: &NegotiationView) -> String {
    let unit = plain(&view.unit);
    let amount = |quantity: Quantity| format!("{} {unit}", quantity.indonesian()).trim_end().to_owned();
    let number = view.instruction_number.clone().unwrap_or_else(|| crate::terms::indonesian_word("draft"));
    let mut lines = vec![
        "*Keputusan dialog kinerja*".to_owned(),
        format!("{} · {} · {}", plain(&view.agency_short_name), plain(&number), plain(&view.indicator_name)),
    ];
    let asked = match (view.proposed_target, &view.proposed_deadline) {
        (Some(target), _) => format!("target {} → {}", view.target_when_asked.indonesian(), amount(target)),
        (None, Some(deadline)) => format!("tenggat {} → {}", day(&view.deadline_when_asked), day(deadline)),
        (None, None) => String::new(),
    };
    if !asked.is_empty() {
        lines.push(format!("Permohonan: {asked}"));
    }
    let Some(decision) = view.decisions.iter().find(|decision| decision.standing) else {
        lines.push("_Menunggu keputusan._".into());
        return lines.join("\n");
    };
    let outcome = crate::terms::indonesian("outcome", decision.outcome);
    let effect = match decision.outcome {
        Outcome::Reject => format!("target tetap {}", amount(view.effective_target)),
        Outcome::Approve | Outcome::Counter => {
            format!("target berlaku {}, tenggat {}", amount(view.effective_target), day(&view.effective_deadline))
        }
    };
    lines.push(format!("*{outcome}*: {effect}"));
    let decided_on = chrono::DateTime::parse_from_rfc3339(&decision.decided_at)
        .map(|at| indonesian_date(at.with_timezone(&wib()).date_naive()))
        .unwrap_or_default();
    let who = match &decision.chaired_by {
        Some(chair) => format!("{} (dicatat oleh {})", plain(chair), plain(&decision.decided_by)),
        None => plain(&decision.decided_by),
    };
    lines.push(format!("Diputuskan oleh {who}, {decided_on}"));
    if !decision.note.trim().is_empty() {
        lines.push(format!("Catatan: {}", plain(&decision.note)));
    }
    lines.join("\n")
}

fn wib() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// "2026-12-31" as "31 Desember 2026" (as given when it is no date).
fn day(text: &str) -> String {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| plain(text), indonesian_date)
}

fn official(name: &str, title: &str) -> String {
    match title.trim() {
        "" => plain(name),
        title => format!("{} ({})", plain(name), plain(title)),
    }
}

/// Text as typed, its paragraphs kept, markup made harmless as in [`plain`].
fn paragraphs(text: &str) -> String {
    text.lines().map(plain).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Text as typed, on one line, with WhatsApp's markup characters made harmless: an
/// asterisk or underscore in a name would otherwise bold or slant the rest of a line.
fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('*', "∗").replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::document::{DecisionRow, FollowUpRow, Letterhead};
    use crate::minutes::payload::Official;

    fn document() -> MinutesDocument {
        let person =
            |name: &str, title: &str| Official { name: name.into(), title: title.into(), ..Default::default() };
        MinutesDocument {
            letterhead: Letterhead {
                government: String::new(),
                office: String::new(),
                address: String::new(),
                logo_sha256: None,
            },
            heading: "NOTULEN RAPAT".into(),
            meeting_id: "m".into(),
            title: "Rapat Pimpinan *Evaluasi*".into(),
            number: String::new(),
            day_and_date: "Senin, 7 Desember 2026".into(),
            time: String::new(),
            place: "Ruang Rapat Bupati".into(),
            chair: person("H. Ahmad Suryana", "Bupati Bekasi"),
            secretary: person("", ""),
            notulis: person("", ""),
            attendees: vec![],
            agenda: vec![],
            decisions: vec![DecisionRow {
                agency: "DP3A".into(),
                indicator: "Korban yang didampingi".into(),
                original_target: "150.000 anak".into(),
                requested: "120.000 anak".into(),
                decision: "Disetujui".into(),
                effective_target: "120.000 anak".into(),
                note: String::new(),
            }],
            budget: None,
            follow_ups: vec![FollowUpRow {
                action: "Laporan mingguan\npendampingan".into(),
                agency: "DP3A".into(),
                deadline: "14 Desember 2026".into(),
                instruction: String::new(),
            }],
            signed_at: String::new(),
        }
    }

    #[test]
    fn the_message_bolds_each_outcome_numbers_the_decisions_and_neutralises_markup() {
        let text = meeting_message(&document(), true);
        assert_eq!(
            text,
            "*Keputusan Rapat Pimpinan ∗Evaluasi∗*\n\
             Senin, 7 Desember 2026 · Ruang Rapat Bupati\n\
             Pimpinan rapat: H. Ahmad Suryana (Bupati Bekasi)\n\
             \n\
             *Keputusan*\n\
             1. DP3A, Korban yang didampingi: *Disetujui*; target berlaku 120.000 anak.\n\
             \n\
             *Tindak lanjut*\n\
             • DP3A: Laporan mingguan pendampingan (tenggat 14 Desember 2026)"
        );
        assert!(meeting_message(&document(), false).contains("_Draf: notulen belum final._"));
    }
}
