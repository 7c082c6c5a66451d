//! The enrolment chain: who may author what, on import, as a pure function of the event
//! and the trust root's grants and revocations. Nothing else on the laptop counts: not
//! a device's own claim of a role, not what other events happen to be stored.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::{CoreError, EventRefusal, Result};
use crate::event::Envelope;
use crate::identity::DeviceId;
use crate::kinds;
use crate::kinds::DomainEvent;
use crate::policy;
use crate::principal::{Principal, Role};

pub const GRANTED: &str = "device.granted";
pub const HANDED_OVER: &str = "root.handed_over";
pub const REVOKED: &str = "device.revoked";
pub const CLAIMED: &str = "device.enrolled";

/// Whether the chain reads this kind's payload from the envelope (grants, revocations,
/// handovers): the import keeps only these payloads undecoded.
pub fn reads_payload(kind: &str) -> bool {
    kind == GRANTED || kind == REVOKED || kind == HANDED_OVER
}

/// The trust root and what it signed: grants (the latest by the root's own sequence
/// supersedes the earlier ones, as on the laptop's screens: a device re-granted as agency
/// staff no longer decides as the Secretary) and revocations (the lowest number wins).
#[derive(Clone, Debug)]
pub struct Chain {
    /// The pinned root: the first of the succession.
    pub root: DeviceId,
    /// The roots in order, each with the number of its handover to the next (the last
    /// one, the root now, has none). A root signs as the root up to its handover.
    succession: Vec<(DeviceId, Option<u64>)>,
    /// Each device's latest grant, keyed by (the granting root's place in the
    /// succession, its number of the grant): a later root's grant supersedes.
    grants: HashMap<DeviceId, ((usize, u64), Principal)>,
    cuts: HashMap<DeviceId, u64>,
    /// The ids held under the lowest cut, when its revocation lists them.
    held: HashMap<DeviceId, String>,
}

impl Chain {
    pub fn new(root: DeviceId) -> Chain {
        Chain {
            root,
            succession: vec![(root, None)],
            grants: HashMap::new(),
            cuts: HashMap::new(),
            held: HashMap::new(),
        }
    }

    /// The root's place in the succession and the number its authority ends at, if
    /// `author` is or was a root.
    fn root_place(&self, author: DeviceId) -> Option<(usize, Option<u64>)> {
        self.succession.iter().position(|(root, _)| *root == author).map(|place| (place, self.succession[place].1))
    }

    /// Whether `author` signs event `seq` as the root.
    fn signs_as_root(&self, author: DeviceId, seq: u64) -> Option<usize> {
        match self.root_place(author) {
            Some((place, None)) => Some(place),
            Some((place, Some(until))) if seq <= until => Some(place),
            _ => None,
        }
    }

    /// Takes in a handover, if the root now signed it within its authority.
    pub fn learn_succession(&mut self, author: DeviceId, envelope: &Envelope) {
        if envelope.kind != HANDED_OVER || envelope.pv != 1 {
            return;
        }
        let last = self.succession.len() - 1;
        if self.succession[last].0 != author {
            return;
        }
        if let Ok(Some(DomainEvent::RootHandedOver(handover))) =
            DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload)
        {
            let Some(successor) = DeviceId::from_hex(&handover.successor) else { return };
            if self.root_place(successor).is_some() {
                return;
            }
            self.succession[last].1 = Some(envelope.seq);
            self.succession.push((successor, None));
        }
    }

    /// The root now.
    pub fn current_root(&self) -> DeviceId {
        self.succession.last().expect("a succession has its pinned root").0
    }

    /// The chain as stored in this log: the succession of roots, then every grant and
    /// revocation each of them signed.
    pub fn load(conn: &Connection, root: DeviceId) -> Result<Chain> {
        Chain::load_reading(conn, root, true)
    }

    /// The chain for an import, whose projections are current: when the handovers'
    /// projection is empty (no root ever handed over, nearly always), the log is not
    /// searched for handovers. That search has no index to use and reads every event the
    /// root signed (a fifth of a re-import of 100,000 of them). A rebuild, which empties
    /// the projections first, uses `load`.
    pub fn load_current(conn: &Connection, root: DeviceId) -> Result<Chain> {
        let handed_over: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM root_handovers)", [], |row| row.get(0))?;
        Chain::load_reading(conn, root, handed_over)
    }

    fn load_reading(conn: &Connection, root: DeviceId, handovers_in_log: bool) -> Result<Chain> {
        let mut chain = Chain::new(root);
        let mut handovers = conn
            .prepare_cached("SELECT body FROM events WHERE author = ?1 AND kind = 'root.handed_over' ORDER BY seq")?;
        let mut index = 0;
        while handovers_in_log && index < chain.succession.len() {
            let author = chain.succession[index].0;
            let mut rows = handovers.query([author.0])?;
            while let Some(row) = rows.next()? {
                let body: Vec<u8> = row.get(0)?;
                if let Ok(envelope) = serde_json::from_slice::<Envelope>(&body) {
                    chain.learn_succession(author, &envelope);
                }
            }
            index += 1;
        }
        // The same kind list as the partial index `events_enrolment`, so SQLite uses it.
        let mut statement = conn.prepare_cached(
            "SELECT body FROM events
             WHERE kind IN ('device.enrolled', 'device.granted', 'device.revoked') AND author = ?1",
        )?;
        for author in chain.succession.iter().map(|(root, _)| *root).collect::<Vec<_>>() {
            let mut rows = statement.query([author.0])?;
            while let Some(row) = rows.next()? {
                let body: Vec<u8> = row.get(0)?;
                if let Ok(envelope) = serde_json::from_slice::<Envelope>(&body) {
                    chain.learn(author, &envelope);
                }
            }
        }
        Ok(chain)
    }

    /// Takes in an enrolment event, if the root signed it (the caller verified the
    /// signature).
    pub fn learn(&mut self, author: DeviceId, envelope: &Envelope) {
        // Checked before decoding: an import asks this of every event of the file, and
        // the root signs far more of other kinds than grants and revocations.
        if envelope.pv != 1 || (envelope.kind != GRANTED && envelope.kind != REVOKED) {
            return;
        }
        // Only a root signs grants and revocations, and an old root only up to its handover.
        let Some(place) = self.signs_as_root(author, envelope.seq) else { return };
        match DomainEvent::decode(&envelope.kind, envelope.pv, &envelope.payload) {
            Ok(Some(DomainEvent::DeviceGranted(grant))) => {
                if let Some(device) = DeviceId::from_hex(&grant.device) {
                    let principal = Principal { role: grant.role, agency_code: grant.agency_code, root: false };
                    let order = (place, envelope.seq);
                    let latest = self.grants.entry(device).or_insert((order, principal.clone()));
                    if order > latest.0 {
                        *latest = (order, principal);
                    }
                }
            }
            Ok(Some(DomainEvent::DeviceRevoked(revocation))) => {
                if let Some(device) = DeviceId::from_hex(&revocation.device) {
                    let cut = self.cuts.entry(device).or_insert(revocation.last_valid_seq);
                    if revocation.last_valid_seq <= *cut {
                        *cut = revocation.last_valid_seq;
                        match revocation.held {
                            Some(held) => self.held.insert(device, held),
                            None => self.held.remove(&device),
                        };
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether `device` is a root of the succession or holds a grant: the authors whose
    /// events are worth reading at all.
    pub fn knows(&self, device: DeviceId) -> bool {
        self.root_place(device).is_some() || self.grants.contains_key(&device)
    }

    /// Whether `device` is (or was) a root of the succession.
    pub fn is_root(&self, device: DeviceId) -> bool {
        self.root_place(device).is_some()
    }

    pub fn is_granted(&self, device: DeviceId) -> bool {
        self.root_place(device).is_some() || self.grants.contains_key(&device)
    }

    pub fn cut(&self, device: DeviceId) -> Option<u64> {
        self.cuts.get(&device).copied()
    }

    /// Whether the root's revocation of `author`, if it lists what it held, lists this
    /// event under its number. (Events past the cut are refused by `check`.)
    pub fn vouches(&self, author: DeviceId, seq: u64, id: &[u8; 32]) -> bool {
        let Some(held) = self.held.get(&author) else { return true };
        if self.cut(author).is_some_and(|cut| seq > cut) {
            return true;
        }
        if !held.is_ascii() {
            return false;
        }
        let wanted = format!("{seq:016x}");
        let records = held.len() / (2 * HELD_DIGITS);
        let record = |index: usize| &held[index * 2 * HELD_DIGITS..(index + 1) * 2 * HELD_DIGITS];
        let (mut low, mut high) = (0, records);
        while low < high {
            let middle = (low + high) / 2;
            match record(middle)[..HELD_DIGITS].cmp(wanted.as_str()) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    return record(middle)[HELD_DIGITS..] == hex::encode(&id[..HELD_DIGITS / 2]);
                }
            }
        }
        false
    }

    /// May `author` have made event number `seq`, of `kind` (`domain` is None when this
    /// build cannot read the payload)? The answer depends on nothing but the arguments
    /// and the chain.
    pub fn check(
        &self,
        author: DeviceId,
        seq: u64,
        kind: &str,
        domain: Option<&DomainEvent>,
    ) -> Result<(), (EventRefusal, String)> {
        if let Some(cut) = self.cut(author).filter(|cut| seq > *cut) {
            return Err((EventRefusal::Revoked, format!("the author was revoked after its event #{cut}")));
        }
        if let Some(claim @ DomainEvent::DeviceEnrolled(_)) = domain {
            // A claim is stored and relayed so the root can see it; it grants nothing.
            return policy::authorize(claim, author, None)
                .map_err(|_| (EventRefusal::NotAuthorized, "a device may only claim a role for itself".to_owned()));
        }
        let principals = self.principals(author, seq);
        if principals.is_empty() {
            return Err((EventRefusal::Unenrolled, "the author was never enrolled by the trust root".into()));
        }
        let authorize = |who: &Principal| match domain {
            Some(domain) => policy::authorize(domain, author, Some(who)),
            // A known kind in a version this build cannot read: what holds for every
            // payload of the kind must hold. A kind unknown altogether needs enrolment only.
            None => match kinds::declaration(kind) {
                Some(declared) => policy::authorize_unread(kind, declared.authority, Some(who)),
                None => Ok(()),
            },
        };
        let mut last = None;
        for who in &principals {
            match authorize(who) {
                Ok(()) => return Ok(()),
                Err(err) => last = Some(err),
            }
        }
        Err(refusal(last.expect("at least one principal")))
    }

    /// Whom `author` is enrolled as for its event `seq`: a root (up to its handover), or
    /// the latest grant a root signed.
    fn principals(&self, author: DeviceId, seq: u64) -> Vec<Principal> {
        if self.signs_as_root(author, seq).is_some() {
            return vec![Principal { role: Role::Regent, agency_code: None, root: true }];
        }
        self.grants.get(&author).map(|(_, latest)| vec![latest.clone()]).unwrap_or_default()
    }
}

/// Hex digits of each id a revocation lists (64 bits: no one can make an event whose
/// id begins like another's by trying).
const HELD_DIGITS: usize = 16;

/// What a revocation lists: the device's events 1..=`last` as this laptop holds them,
/// one record of 32 hex digits each (the number, then the id's first digits), in number
/// order. Only what is held is listed, so the list grows with the events, never with
/// the numbers a device claims.
pub fn held_list(conn: &Connection, device: DeviceId, last: u64) -> Result<String> {
    let mut held = String::new();
    let mut statement = conn.prepare("SELECT seq, id FROM events WHERE author = ?1 AND seq <= ?2 ORDER BY seq")?;
    let mut rows = statement.query(rusqlite::params![device.0, last])?;
    while let Some(row) = rows.next()? {
        let seq: u64 = row.get(0)?;
        let id: Vec<u8> = row.get(1)?;
        held.push_str(&format!("{seq:016x}{}", hex::encode(id.get(..HELD_DIGITS / 2).unwrap_or_default())));
    }
    Ok(held)
}

fn refusal(err: CoreError) -> (EventRefusal, String) {
    (EventRefusal::NotAuthorized, err.to_string())
}

/// Every revocation the trust root signed, as device → last valid number: the rebuild
/// leaves out what a revoked device made after it. Only the root's count: a revocation
/// stored under a payload version this build could not read was authorized by kind, and
/// is read now by the same rule.
pub fn revocation_cuts(conn: &Connection) -> Result<HashMap<[u8; 32], u64>> {
    let Some(root) = crate::device::trust_root(conn)? else { return Ok(HashMap::new()) };
    // Every root of the succession revokes, the old ones up to their handover.
    let chain = Chain::load(conn, root)?;
    Ok(chain.cuts.iter().map(|(device, cut)| (device.0, *cut)).collect())
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

/// Whether a fingerprint typed or copied by a person names the same key as `fingerprint`:
/// spacing and letter case do not matter, every hex digit shown does.
pub fn same_fingerprint(given: &str, fingerprint: &str) -> bool {
    let digits =
        |text: &str| text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect::<String>();
    digits(given) == digits(fingerprint)
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
            payload: event.to_payload_text(),
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
        assert_eq!(
            chain.check(STAFF, 1, "agency.profile_updated", Some(&head_of("DP3A"))).unwrap_err().0,
            EventRefusal::Unenrolled
        );
        chain.learn(STAFF, &envelope(&grant(Role::Regent, None)));
        assert_eq!(
            chain.check(STAFF, 1, "agency.profile_updated", Some(&head_of("DP3A"))).unwrap_err().0,
            EventRefusal::Unenrolled
        );
        chain.learn(ROOT, &envelope(&grant(Role::AgencyStaff, Some("DP3A"))));
        assert!(chain.check(STAFF, 1, "agency.profile_updated", Some(&head_of("DP3A"))).is_ok());
        assert_eq!(
            chain.check(STAFF, 1, "negotiation.decided", Some(&approval())).unwrap_err().0,
            EventRefusal::NotAuthorized
        );
        assert!(chain.check(ROOT, 1, "negotiation.decided", Some(&approval())).is_ok());
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
            let decided = chain.check(STAFF, 1, "negotiation.decided", Some(&approval()));
            assert_eq!(decided.unwrap_err().0, EventRefusal::NotAuthorized);
            assert!(chain.check(STAFF, 1, "agency.profile_updated", Some(&head_of("DP3A"))).is_ok());
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
                held: None,
            });
            chain.learn(ROOT, &envelope(&revoke));
        }
        assert!(chain.check(STAFF, 5, "agency.profile_updated", Some(&head_of("DP3A"))).is_ok());
        assert_eq!(
            chain.check(STAFF, 6, "agency.profile_updated", Some(&head_of("DP3A"))).unwrap_err().0,
            EventRefusal::Revoked
        );
    }
}
