//! The regency's leadership as master data: who holds each post (Bupati — or Pj./Plt.
//! Bupati —, Wakil Bupati, Sekretaris Daerah, Asisten I–III) and since when. Each
//! appointment is kept: the holder on a day is the latest appointment made by then, so
//! a change of Regent never rewrites what was signed before it.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::kinds::EventKind;
use crate::policy::{Duty, KindAuthority};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OfficialPost {
    Regent,
    ViceRegent,
    Secretary,
    AssistantOne,
    AssistantTwo,
    AssistantThree,
}

impl OfficialPost {
    pub const ALL: [OfficialPost; 6] = [
        OfficialPost::Regent,
        OfficialPost::ViceRegent,
        OfficialPost::Secretary,
        OfficialPost::AssistantOne,
        OfficialPost::AssistantTwo,
        OfficialPost::AssistantThree,
    ];

    fn as_str(self) -> &'static str {
        match self {
            OfficialPost::Regent => "regent",
            OfficialPost::ViceRegent => "vice_regent",
            OfficialPost::Secretary => "secretary",
            OfficialPost::AssistantOne => "assistant_one",
            OfficialPost::AssistantTwo => "assistant_two",
            OfficialPost::AssistantThree => "assistant_three",
        }
    }

    fn parse(text: &str) -> Option<OfficialPost> {
        OfficialPost::ALL.into_iter().find(|post| post.as_str() == text)
    }

    /// Elected posts have no NIP; the Sekda and the assistants are civil servants.
    fn civil_servant(self) -> bool {
        !matches!(self, OfficialPost::Regent | OfficialPost::ViceRegent)
    }
}

/// How the Bupati post is held: by the elected Regent, an acting one appointed by the
/// Minister (Penjabat), or a deputy standing in (Pelaksana Tugas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Designation {
    Definitive,
    Acting,
    Caretaker,
}

impl Designation {
    fn as_str(self) -> &'static str {
        match self {
            Designation::Definitive => "definitive",
            Designation::Acting => "acting",
            Designation::Caretaker => "caretaker",
        }
    }

    fn parse(text: &str) -> Designation {
        match text {
            "acting" => Designation::Acting,
            "caretaker" => Designation::Caretaker,
            _ => Designation::Definitive,
        }
    }

    /// The prefix of an official title: "Pj. Bupati Bekasi", "Plt. Bupati Bekasi".
    fn prefix(self) -> &'static str {
        match self {
            Designation::Definitive => "",
            Designation::Acting => "Pj. ",
            Designation::Caretaker => "Plt. ",
        }
    }
}

/// An appointment as the form sends it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppointmentInput {
    pub post: OfficialPost,
    pub designation: Designation,
    pub name: String,
    pub nip: String,
    pub rank: String,
    /// YYYY-MM-DD.
    pub since: String,
}

/// `official.appointed` v1. Do not modify: it is serialized and signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficialAppointed {
    pub post: OfficialPost,
    pub designation: Designation,
    pub name: String,
    /// 18 digits; empty for an elected official.
    pub nip: String,
    /// Pangkat/golongan, e.g. "Pembina Utama Madya (IV/d)"; empty for an elected official.
    pub rank: String,
    /// From when the post is held.
    pub since: NaiveDate,
}

/// An appointment as screens and documents read it, with its official title worded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub post: OfficialPost,
    pub designation: Designation,
    pub name: String,
    pub nip: String,
    pub rank: String,
    pub since: String,
    /// "Pj. Bupati Bekasi", "Sekretaris Daerah Kabupaten Bekasi".
    pub title: String,
}

/// The regency's officials: who holds each post today, and every appointment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Officials {
    pub current: Vec<Appointment>,
    /// Newest first.
    pub history: Vec<Appointment>,
}

const MAX_NAME_CHARS: usize = 120;
const MAX_RANK_CHARS: usize = 80;
const NIP_DIGITS: usize = 18;

/// Checks an appointment as typed. Only the Bupati post is held as Pj. or Plt.
pub fn validate(input: AppointmentInput, today: NaiveDate) -> Result<OfficialAppointed> {
    let since = NaiveDate::parse_from_str(input.since.trim(), "%Y-%m-%d")
        .map_err(|_| CoreError::invalid("since", InputProblem::NotADate))?;
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        return Err(CoreError::invalid("name", InputProblem::Required));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(CoreError::invalid("name", InputProblem::TooLong));
    }
    let nip: String = input.nip.chars().filter(|c| !c.is_whitespace()).collect();
    if nip.is_empty() && input.post.civil_servant() {
        return Err(CoreError::invalid("nip", InputProblem::Required));
    }
    if !nip.is_empty() && (nip.len() != NIP_DIGITS || !nip.chars().all(|c| c.is_ascii_digit())) {
        return Err(CoreError::invalid("nip", InputProblem::NotAllowed));
    }
    let rank = input.rank.trim().to_owned();
    if rank.chars().count() > MAX_RANK_CHARS {
        return Err(CoreError::invalid("rank", InputProblem::TooLong));
    }
    if input.designation != Designation::Definitive && input.post != OfficialPost::Regent {
        return Err(CoreError::invalid("designation", InputProblem::NotAllowed));
    }
    // An appointment may be recorded ahead (a new Regent sworn in next week), not years ahead.
    if since > today + chrono::Days::new(366) {
        return Err(CoreError::invalid("since", InputProblem::OutOfRange));
    }
    Ok(OfficialAppointed { post: input.post, designation: input.designation, name, nip, rank, since })
}

pub(crate) fn apply_appointed(conn: &Connection, event: &SignedEvent, payload: &OfficialAppointed) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO officials (post, since, designation, name, nip, rank, version_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (post, since) DO UPDATE SET designation = excluded.designation, name = excluded.name,
             nip = excluded.nip, rank = excluded.rank, version_key = excluded.version_key
         WHERE excluded.version_key > officials.version_key",
    )?
    .execute(params![
        payload.post.as_str(),
        payload.since.to_string(),
        payload.designation.as_str(),
        payload.name,
        payload.nip,
        payload.rank,
        event.version_key()
    ])?;
    Ok(())
}

/// Every appointment, newest first, and the holder of each post on `today`.
pub fn officials(conn: &Connection, today: NaiveDate) -> Result<Officials> {
    let regency = regency_name(conn)?;
    let mut statement = conn.prepare(
        "SELECT post, since, designation, name, nip, rank FROM officials ORDER BY since DESC, version_key DESC",
    )?;
    let history: Vec<Appointment> = statement
        .query_map([], |row| {
            let post: String = row.get(0)?;
            let designation: String = row.get(2)?;
            Ok((post, row.get::<_, String>(1)?, designation, row.get(3)?, row.get(4)?, row.get(5)?))
        })?
        .filter_map(|row| {
            let (post, since, designation, name, nip, rank) = match row {
                Ok(row) => row,
                Err(err) => return Some(Err(err)),
            };
            let post = OfficialPost::parse(&post)?;
            let designation = Designation::parse(&designation);
            let title = title_of(post, designation, &regency);
            Some(Ok(Appointment { post, designation, name, nip, rank, since, title }))
        })
        .collect::<rusqlite::Result<_>>()?;
    let today = today.to_string();
    let current = OfficialPost::ALL
        .into_iter()
        .filter_map(|post| history.iter().find(|official| official.post == post && official.since <= today).cloned())
        .collect();
    Ok(Officials { current, history })
}

/// The holder of `post` on `day`, if one is recorded.
pub fn holder(conn: &Connection, post: OfficialPost, day: NaiveDate) -> Result<Option<Appointment>> {
    Ok(officials(conn, day)?.current.into_iter().find(|official| official.post == post))
}

/// "Bekasi" from "Pemerintah Kabupaten Bekasi" (or the whole name when it has no such prefix).
fn regency_name(conn: &Connection) -> Result<String> {
    let name = crate::regency::get(conn)?.map(|profile| profile.name).unwrap_or_default();
    let trimmed = name.trim();
    let bare = ["Pemerintah Kabupaten ", "Pemkab ", "Kabupaten "]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(trimmed);
    Ok(bare.to_owned())
}

/// The official title as a letter writes it.
fn title_of(post: OfficialPost, designation: Designation, regency: &str) -> String {
    let title = match post {
        OfficialPost::Regent => format!("{}Bupati {regency}", designation.prefix()),
        OfficialPost::ViceRegent => format!("Wakil Bupati {regency}"),
        OfficialPost::Secretary => format!("Sekretaris Daerah Kabupaten {regency}"),
        OfficialPost::AssistantOne => "Asisten Pemerintahan dan Kesejahteraan Rakyat".to_owned(),
        OfficialPost::AssistantTwo => "Asisten Perekonomian dan Pembangunan".to_owned(),
        OfficialPost::AssistantThree => "Asisten Administrasi Umum".to_owned(),
    };
    title.trim().to_owned()
}

impl EventKind for OfficialAppointed {
    const NAME: &'static str = "official.appointed";
    const AUTHORITY: KindAuthority = KindAuthority::Duty(Duty::KeepMasterData);

    fn project(&self, conn: &Connection, event: &SignedEvent) -> Result<()> {
        apply_appointed(conn, event, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_as_a_letter_writes_them() {
        assert_eq!(title_of(OfficialPost::Regent, Designation::Acting, "Bekasi"), "Pj. Bupati Bekasi");
        assert_eq!(title_of(OfficialPost::Regent, Designation::Caretaker, "Bekasi"), "Plt. Bupati Bekasi");
        assert_eq!(
            title_of(OfficialPost::Secretary, Designation::Definitive, "Bekasi"),
            "Sekretaris Daerah Kabupaten Bekasi"
        );
    }
}
