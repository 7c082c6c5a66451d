//! The terms the screens and the notulen both say — a decision's outcome, an attendee's
//! presence, a draft — read from the one file the UI's catalogue reads too
//! (`ui/src/lib/i18n/terms.json`), compiled in. The notulen are an Indonesian document,
//! so the core takes the Indonesian of each.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

static TERMS_JSON: &str = include_str!("../../../ui/src/lib/i18n/terms.json");

fn terms() -> &'static Value {
    static TERMS: OnceLock<Value> = OnceLock::new();
    TERMS.get_or_init(|| serde_json::from_str(TERMS_JSON).expect("terms.json is JSON (a unit test reads it)"))
}

/// The Indonesian term for `code` (an enum as it crosses to the UI, e.g. `Outcome::Counter`
/// → "counter") in `group`; the code itself if the file lacks it (a unit test holds
/// every code of each group to having its term).
pub fn indonesian(group: &str, code: impl Serialize) -> String {
    let key = serde_json::to_value(code).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default();
    terms()[group][&key]["id"].as_str().map_or(key, str::to_owned)
}

/// A term that names no code (e.g. "draft").
pub fn indonesian_word(name: &str) -> String {
    terms()[name]["id"].as_str().unwrap_or(name).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::payload::Presence;
    use crate::negotiation::Outcome;

    #[test]
    fn every_outcome_and_presence_has_its_term_in_both_languages() {
        for outcome in [Outcome::Approve, Outcome::Reject, Outcome::Counter] {
            let key = serde_json::to_value(outcome).unwrap();
            let entry = &terms()["outcome"][key.as_str().unwrap()];
            assert!(entry["id"].is_string() && entry["en"].is_string(), "{outcome:?}");
        }
        for presence in [Presence::Present, Presence::Represented, Presence::Absent] {
            let key = serde_json::to_value(presence).unwrap();
            let entry = &terms()["presence"][key.as_str().unwrap()];
            assert!(entry["id"].is_string() && entry["en"].is_string(), "{presence:?}");
        }
        for status in crate::complaint::lifecycle::ComplaintStatus::ALL {
            let key = serde_json::to_value(status).unwrap();
            let entry = &terms()["complaintStatus"][key.as_str().unwrap()];
            assert!(entry["id"].is_string() && entry["en"].is_string(), "{status:?}");
        }
        for classification in crate::complaint::payload::Classification::ALL {
            let key = serde_json::to_value(classification).unwrap();
            let entry = &terms()["classification"][key.as_str().unwrap()];
            assert!(entry["id"].is_string() && entry["en"].is_string(), "{classification:?}");
        }
        assert_eq!(indonesian("outcome", Outcome::Counter), "Disetujui dengan perubahan");
        assert_eq!(indonesian("presence", Presence::Absent), "Tidak hadir");
        assert_eq!(indonesian_word("draft"), "Draf");
    }
}
