//! The channels a complaint comes in by, as one vocabulary over what the files say. A
//! LAPOR! export names its own sub-channels ("Website LAPOR!", "SMS 1708", "Aplikasi
//! LAPOR!"), a regency's WhatsApp desk writes "WA Bupati"; the leadership asks how many
//! came by LAPOR!, by WhatsApp, by letter. The recorded text is kept as it came; the
//! group is read from it — in Rust for a view and in SQL for a filter, from the one
//! keyword table below, so the two cannot disagree.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChannelGroup {
    /// SP4N-LAPOR! in any of its forms (website, app, SMS 1708, its social accounts).
    Lapor,
    WhatsApp,
    Letter,
    /// Came to the office (loket, walk-in).
    WalkIn,
    SocialMedia,
    Phone,
    Other,
}

/// Lower-case fragments of the recorded text, first match wins (LAPOR!'s own Twitter
/// account is LAPOR!, not social media).
const KEYWORDS: [(ChannelGroup, &[&str]); 6] = [
    (ChannelGroup::Lapor, &["lapor", "1708", "sp4n"]),
    (ChannelGroup::WhatsApp, &["whatsapp", "wa ", "wa-", "wa.", "w.a"]),
    (ChannelGroup::Letter, &["surat", "letter", "dinas pos"]),
    (ChannelGroup::WalkIn, &["datang", "langsung", "loket", "tatap muka", "walk"]),
    (ChannelGroup::SocialMedia, &["instagram", "facebook", "twitter", "tiktok", "youtube", "media sosial", "medsos"]),
    (ChannelGroup::Phone, &["telepon", "telpon", "phone", "hotline", "call"]),
];

impl ChannelGroup {
    pub const ALL: [ChannelGroup; 7] = [
        ChannelGroup::Lapor,
        ChannelGroup::WhatsApp,
        ChannelGroup::Letter,
        ChannelGroup::WalkIn,
        ChannelGroup::SocialMedia,
        ChannelGroup::Phone,
        ChannelGroup::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelGroup::Lapor => "lapor",
            ChannelGroup::WhatsApp => "whats_app",
            ChannelGroup::Letter => "letter",
            ChannelGroup::WalkIn => "walk_in",
            ChannelGroup::SocialMedia => "social_media",
            ChannelGroup::Phone => "phone",
            ChannelGroup::Other => "other",
        }
    }

    /// The group of a channel as recorded. "WA" alone is WhatsApp too.
    pub fn of(recorded: &str) -> ChannelGroup {
        let text = format!("{} ", recorded.trim().to_lowercase());
        KEYWORDS
            .iter()
            .find(|(_, words)| words.iter().any(|word| text.contains(word)))
            .map_or(ChannelGroup::Other, |(group, _)| *group)
    }

    /// The same reading as an SQL expression over `column` (a complaint's channel).
    pub fn sql(column: &str) -> String {
        let text = format!("(lower(trim({column})) || ' ')");
        let cases: Vec<String> = KEYWORDS
            .iter()
            .map(|(group, words)| {
                let any: Vec<String> =
                    words.iter().map(|word| format!("instr({text}, '{}') > 0", word.replace('\'', "''"))).collect();
                format!("WHEN {} THEN '{}'", any.join(" OR "), group.as_str())
            })
            .collect();
        format!("(CASE {} ELSE '{}' END)", cases.join(" "), ChannelGroup::Other.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: [(&str, ChannelGroup); 12] = [
        ("Website LAPOR!", ChannelGroup::Lapor),
        ("SMS 1708", ChannelGroup::Lapor),
        ("Twitter @lapor1708", ChannelGroup::Lapor),
        ("WhatsApp Bupati", ChannelGroup::WhatsApp),
        ("WA", ChannelGroup::WhatsApp),
        ("Surat masuk", ChannelGroup::Letter),
        ("Datang langsung", ChannelGroup::WalkIn),
        ("Instagram Pemkab", ChannelGroup::SocialMedia),
        ("Telepon 112", ChannelGroup::Phone),
        ("", ChannelGroup::Other),
        ("Rapat RT", ChannelGroup::Other),
        ("Wawancara", ChannelGroup::Other),
    ];

    #[test]
    fn recorded_channels_fall_into_their_group() {
        for (recorded, group) in RECORDED {
            assert_eq!(ChannelGroup::of(recorded), group, "{recorded:?}");
        }
    }

    #[test]
    fn sql_reads_the_groups_as_rust_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for (recorded, group) in RECORDED {
            let sql = format!("SELECT {}", ChannelGroup::sql("?1"));
            let read: String = conn.query_row(&sql, [recorded], |row| row.get(0)).unwrap();
            assert_eq!(read, group.as_str(), "{recorded:?}");
        }
    }
}
