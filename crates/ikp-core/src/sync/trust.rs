//! The enrolment chain: who may author what, on import, as a pure function of the event
//! and the trust root's grants and revocations. Nothing else on the laptop counts: not
//! a device's own claim of a role, not what other events happen to be stored.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::{CoreError, EventRefusal, Result};
use crate::event::Envelope;
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;
use crate::policy::{self, Authority};
use crate::principal::{Principal, Role};

pub const GRANTED: &str = "device.granted";
pub const REVOKED: &str = "device.revoked";
pub const CLAIMED: &str = "device.enrolled";

/// The trust root and what it signed: grants (the latest by the root's own sequence
/// supersedes the earlier ones, as on the laptop's screens: a device re-granted as agency
/// staff no longer decides as the Secretary) and revocations (the lowest number wins).
#[derive(Clone, Debug)]
pub struct Chain {
    pub root: DeviceId,
    /// Each device's latest grant, with the root's number of the granting event.
    grants: HashMap<DeviceId, (u64, Principal)>,
    cuts: HashMap<DeviceId, u64>,
}

impl Chain {
    pub fn new(root: DeviceId) -> Chain {
        Chain { root, grants: HashMap::new(), cuts: HashMap::new() }
    }

    /// The chain as stored in this log: every grant and revocation the root signed.
    pub fn load(conn: &Connection, root: DeviceId) -> Result<Chain> {
        let mut chain = Chain::new(root);
        // The same kind list as the partial index `events_enrolment`, so SQLite uses it.
        let mut statement = conn.prepare_cached(
            "SELECT body FROM events
             WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked') AND author = ?1",
        )?;
        let mut rows = statement.query([root.0])?;
        while let Some(row) = rows.next()? {
            let body: Vec<u8> = row.get(0)?;
            if let Ok(envelope) = serde_json::from_slice::<Envelope>(&body) {
                chain.learn(root, &envelope);
            }
        }
        Ok(chain)
    }

    /// Takes in an enrolment event, if the root signed it (the caller verified the
    /// signature).
    pub fn learn(&mut self, author: DeviceId, envelope: &Envelope) {
        // Checked before decoding: an import asks this of every event of the file, and
        // the root signs far more of other kinds than grants and revocations.
        if author != self.root || envelope.pv != 1 || (envelope.kind != GRANTED && envelope.kind != REVOKED) {
            return;
        }
        match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload) {
            Ok(Some(DomainEvent::DeviceGranted(grant))) => {
                if let Some(device) = DeviceId::from_hex(&grant.device) {
                    let principal = Principal { role: grant.role, agency_code: grant.agency_code, root: false };
                    let seq = envelope.seq;
                    let latest = self.grants.entry(device).or_insert((seq, principal.clone()));
                    if seq > latest.0 {
                        *latest = (seq, principal);
                    }
                }
            }
            Ok(Some(DomainEvent::DeviceRevoked(revocation))) => {
                if let Some(device) = DeviceId::from_hex(&revocation.device) {
                    let cut = self.cuts.entry(device).or_insert(revocation.last_valid_seq);
                    *cut = (*cut).min(revocation.last_valid_seq);
                }
            }
            _ => {}
        }
    }

    pub fn is_granted(&self, device: DeviceId) -> bool {
        device == self.root || self.grants.contains_key(&device)
    }

    pub fn cut(&self, device: DeviceId) -> Option<u64> {
        self.cuts.get(&device).copied()
    }

    /// May `author` have made event number `seq`, of this kind (None: a kind this build
    /// does not know)? The answer depends on nothing but the arguments and the chain.
    pub fn check(
        &self,
        author: DeviceId,
        seq: u64,
        domain: Option<&DomainEvent>,
    ) -> Result<(), (EventRefusal, String)> {
        if let Some(cut) = self.cut(author).filter(|cut| seq > *cut) {
            return Err((EventRefusal::Revoked, format!("the author was revoked after its event #{cut}")));
        }
        let Some(domain) = domain else {
            // A kind this build does not know: kept and relayed if its author is enrolled.
            return if self.is_granted(author) {
                Ok(())
            } else {
                Err((EventRefusal::Unenrolled, "the author was never enrolled by the trust root".into()))
            };
        };
        if let Authority::SelfEnrolment { device } = policy::required_authority(domain) {
            // A claim is stored and relayed so the root can see it; it grants nothing.
            return if device == author.to_hex() {
                Ok(())
            } else {
                Err((EventRefusal::NotAuthorized, "a device may only claim a role for itself".into()))
            };
        }
        if author == self.root {
            let root = Principal { role: Role::Regent, agency_code: None, root: true };
            return policy::authorize(domain, author, Some(&root)).map_err(refusal);
        }
        let Some((_, grant)) = self.grants.get(&author) else {
            return Err((EventRefusal::Unenrolled, "the author was never enrolled by the trust root".into()));
        };
        policy::authorize(domain, author, Some(grant)).map_err(refusal)
    }
}

fn refusal(err: CoreError) -> (EventRefusal, String) {
    (EventRefusal::NotAuthorized, err.to_string())
}

/// Every revocation in the log, as author → last valid number: the rebuild leaves out
/// what a revoked device made after it. (Every stored revocation was authorized.)
pub fn revocation_cuts(conn: &Connection) -> Result<HashMap<[u8; 32], u64>> {
    let mut cuts: HashMap<[u8; 32], u64> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT body FROM events
         WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked') AND kind = 'device.revoked'",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let body: Vec<u8> = row.get(0)?;
        let Ok(envelope) = serde_json::from_slice::<Envelope>(&body) else { continue };
        if let Ok(Some(DomainEvent::DeviceRevoked(revocation))) =
            DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload)
        {
            if let Some(device) = DeviceId::from_hex(&revocation.device) {
                let cut = cuts.entry(device.0).or_insert(revocation.last_valid_seq);
                *cut = (*cut).min(revocation.last_valid_seq);
            }
        }
    }
    Ok(cuts)
}

pub fn is_cut(cuts: &HashMap<[u8; 32], u64>, author: &[u8], seq: u64) -> bool {
    !cuts.is_empty()
        && <[u8; 32]>::try_from(author).ok().and_then(|author| cuts.get(&author)).is_some_and(|cut| seq > *cut)
}

/// A root key shown to people: groups of four hex digits, enough to compare by eye.
pub fn fingerprint(device: DeviceId) -> String {
    let hex = device.to_hex();
    hex.as_bytes()[..24]
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::AgencyProfileUpdated;
    use crate::clock::Hlc;
    use crate::device::{DeviceGranted, DeviceRevoked};
    use crate::negotiation::payload::{NegotiationDecided, Outcome};

    const ROOT: DeviceId = DeviceId([1; 32]);
    const STAFF: DeviceId = DeviceId([2; 32]);

    fn envelope(event: &DomainEvent) -> Envelope {
        envelope_at(event, 1)
    }

    fn envelope_at(event: &DomainEvent, seq: u64) -> Envelope {
        Envelope {
            v: 1,
            author: ROOT.to_hex(),
            seq,
            hlc: Hlc::default(),
            kind: event.kind().into(),
            pv: 1,
            payload: event.to_payload(),
        }
    }

    fn grant(role: Role, agency: Option<&str>) -> DomainEvent {
        DomainEvent::DeviceGranted(DeviceGranted {
            device: STAFF.to_hex(),
            role,
            agency_code: agency.map(Into::into),
            user_name: "Staf".into(),
        })
    }

    fn head_of(code: &str) -> DomainEvent {
        DomainEvent::AgencyProfileUpdated(AgencyProfileUpdated {
            code: code.into(),
            head_name: None,
            head_title: None,
            head_nip: None,
        })
    }

    fn approval() -> DomainEvent {
        DomainEvent::NegotiationDecided(NegotiationDecided {
            negotiation_id: "n".into(),
            outcome: Outcome::Approve,
            counter_target: None,
            counter_deadline: None,
            note: String::new(),
            meeting_id: None,
            decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        })
    }

    #[test]
    fn only_grants_by_the_root_give_authority() {
        let mut chain = Chain::new(ROOT);
        assert_eq!(chain.check(STAFF, 1, Some(&head_of("DP3A"))).unwrap_err().0, EventRefusal::Unenrolled);
        chain.learn(STAFF, &envelope(&grant(Role::Regent, None)));
        assert_eq!(chain.check(STAFF, 1, Some(&head_of("DP3A"))).unwrap_err().0, EventRefusal::Unenrolled);
        chain.learn(ROOT, &envelope(&grant(Role::AgencyStaff, Some("DP3A"))));
        assert!(chain.check(STAFF, 1, Some(&head_of("DP3A"))).is_ok());
        assert_eq!(chain.check(STAFF, 1, Some(&approval())).unwrap_err().0, EventRefusal::NotAuthorized);
        assert!(chain.check(ROOT, 1, Some(&approval())).is_ok());
    }

    #[test]
    fn the_latest_grant_supersedes_the_earlier_ones_whatever_order_they_arrive_in() {
        let secretary = envelope_at(&grant(Role::Secretary, None), 5);
        let staff = envelope_at(&grant(Role::AgencyStaff, Some("DP3A")), 9);
        for order in [[&secretary, &staff], [&staff, &secretary]] {
            let mut chain = Chain::new(ROOT);
            for grant in order {
                chain.learn(ROOT, grant);
            }
            assert_eq!(chain.check(STAFF, 1, Some(&approval())).unwrap_err().0, EventRefusal::NotAuthorized);
            assert!(chain.check(STAFF, 1, Some(&head_of("DP3A"))).is_ok());
        }
    }

    #[test]
    fn a_revocation_cuts_by_number_and_the_lowest_wins() {
        let mut chain = Chain::new(ROOT);
        chain.learn(ROOT, &envelope(&grant(Role::AgencyStaff, Some("DP3A"))));
        for cut in [9, 5, 7] {
            let revoke = DomainEvent::DeviceRevoked(DeviceRevoked {
                device: STAFF.to_hex(),
                last_valid_seq: cut,
                reason: "".into(),
            });
            chain.learn(ROOT, &envelope(&revoke));
        }
        assert!(chain.check(STAFF, 5, Some(&head_of("DP3A"))).is_ok());
        assert_eq!(chain.check(STAFF, 6, Some(&head_of("DP3A"))).unwrap_err().0, EventRefusal::Revoked);
    }
}
