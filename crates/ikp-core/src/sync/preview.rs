//! What a `.ikp` file holds, read without writing anything: the preview the app shows
//! when a file is double-clicked or passed on the command line, before the user says
//! "Impor". A bundle (an exchange or the root's answer to an enrolment) shows its sender
//! and counts; an enrolment request shows what the new laptop claims.

use rusqlite::Connection;
use serde::Serialize;

use super::bundle::{self, Purpose};
use super::enrolment::{enrolled_devices, read_request, EnrolmentClaim};
use super::known::known_ids;
use super::trust;
use super::unpack::EvidenceSink;
use crate::error::Result;
use crate::identity::DeviceId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum OpenedFileKind {
    /// Events for this laptop: an exchange, or the root's answer to an enrolment.
    Bundle,
    /// A new laptop asking the trust root to enrol it.
    EnrolmentRequest,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FilePreview {
    pub file_name: String,
    pub kind: OpenedFileKind,
    /// Hex key of the laptop that wrote the file.
    pub sender: String,
    pub sender_fingerprint: String,
    /// The sender's user name, when this laptop knows it as an enrolled laptop.
    pub sender_name: Option<String>,
    pub producer: String,
    pub created_at: String,
    pub events_in_file: u32,
    /// Events this laptop does not hold yet.
    pub new_events: u32,
    pub evidence_files: u32,
    /// For an enrolment request: what the new laptop claims.
    pub claim: Option<EnrolmentClaim>,
}

/// Checks the file as an import would check it first (size, mark, checksum, limits) and
/// counts what is new here. Signatures and authority are checked by the import itself.
pub fn preview(conn: &Connection, path: &std::path::Path) -> Result<FilePreview> {
    let unpacked = bundle::unpack_file(path, EvidenceSink::Discard)?;
    let header = &unpacked.header;
    let records = unpacked.records()?;
    let kind = match header.purpose {
        Purpose::Bundle => OpenedFileKind::Bundle,
        Purpose::EnrolmentRequest => OpenedFileKind::EnrolmentRequest,
    };
    let claim = match kind {
        OpenedFileKind::EnrolmentRequest => Some(read_request(&bundle::read_file(path)?)?),
        OpenedFileKind::Bundle => None,
    };
    let known = known_ids(conn, &records.events)?;
    let new_events = known.iter().filter(|id| id.is_none()).count() as u32;
    let sender_fingerprint = DeviceId::from_hex(&header.sender).map(trust::fingerprint).unwrap_or_default();
    let sender_name = enrolled_devices(conn)?
        .into_iter()
        .find(|device| device.device_id == header.sender)
        .map(|device| device.user_name)
        .or_else(|| claim.as_ref().map(|claim| claim.user_name.clone()))
        .or_else(|| own_claim_in_file(&unpacked, &records.events));
    Ok(FilePreview {
        file_name: path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default(),
        kind,
        sender: header.sender.clone(),
        sender_fingerprint,
        sender_name,
        producer: header.producer.clone(),
        created_at: header.created_at.clone(),
        events_in_file: records.events.len() as u32,
        new_events,
        evidence_files: records.evidence.len() as u32,
        claim,
    })
}

/// The name a sender this laptop does not know gives itself in the file: its own
/// first-start claim, believed only when the header is signed by the sender and the
/// claim's own signature verifies (a file cannot name its sender after someone else).
fn own_claim_in_file(unpacked: &bundle::Unpacked, events: &[bundle::EventRecord<'_>]) -> Option<String> {
    let sender = unpacked.authentic_sender()?;
    events.iter().filter(|raw| raw.author == sender.0).find_map(|raw| {
        let envelope: crate::event::Envelope = serde_json::from_slice(raw.body).ok()?;
        if envelope.kind != trust::CLAIMED {
            return None;
        }
        let stored = crate::event::StoredEvent {
            id: raw.id.to_vec(),
            author: raw.author.to_vec(),
            seq: raw.seq,
            hlc: envelope.hlc,
            kind: envelope.kind.clone(),
            body: raw.body.to_vec(),
            signature: raw.signature.to_vec(),
        };
        let event = crate::event::SignedEvent::verify(stored).ok()?;
        match crate::kinds::DomainEvent::decode(&event.envelope.kind, event.envelope.pv, &event.envelope.payload) {
            Ok(Some(crate::kinds::DomainEvent::DeviceEnrolled(claim))) if claim.device == sender.to_hex() => {
                Some(claim.user_name)
            }
            _ => None,
        }
    })
}
