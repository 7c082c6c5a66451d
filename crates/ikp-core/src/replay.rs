//! Authority on replay: a rebuild projects only what its author may have made, by the
//! same rule that let the event in. For authors the trust root enrolled that is the
//! import's rule (the enrolment chain); for the others — this laptop's own first-start
//! claim, the demo's devices — it is the rule of the moment the event was made (the
//! claims replayed so far). So an event stored under a payload version this build could
//! not read is checked in full once a build can, and a log edited behind the app's back
//! projects nothing its authors could not have made.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::device;
use crate::error::Result;
use crate::event::SignedEvent;
use crate::identity::DeviceId;
use crate::kinds::DomainEvent;
use crate::policy;
use crate::principal::Principal;
use crate::sync::trust::Chain;

pub struct ReplayAuthority {
    chain: Option<Chain>,
    /// Principals read from the replayed `devices` table, per author; emptied whenever an
    /// enrolment event is projected.
    claims: HashMap<DeviceId, Option<Principal>>,
}

impl ReplayAuthority {
    pub fn load(conn: &Connection) -> Result<ReplayAuthority> {
        let chain = match device::trust_root(conn)? {
            Some(root) => Some(Chain::load(conn, root)?),
            None => None,
        };
        Ok(ReplayAuthority { chain, claims: HashMap::new() })
    }

    /// May `event`'s author have made it?
    pub fn allows(&mut self, conn: &Connection, event: &SignedEvent, domain: &DomainEvent) -> Result<bool> {
        let author = event.author;
        if let Some(chain) = self.chain.as_ref().filter(|chain| chain.is_granted(author)) {
            return Ok(chain.vouches(author, event.envelope.seq, &event.id.0)
                && chain.check(author, event.envelope.seq, &event.envelope.kind, Some(domain)).is_ok());
        }
        let principal = match self.claims.get(&author) {
            Some(principal) => principal.clone(),
            None => {
                let principal = device::principal(conn, author)?;
                self.claims.insert(author, principal.clone());
                principal
            }
        };
        Ok(policy::authorize(domain, author, principal.as_ref()).is_ok())
    }

    /// Called after an event is projected: enrolment changes who holds what.
    pub fn projected(&mut self, domain: &DomainEvent) {
        if matches!(
            domain,
            DomainEvent::DeviceEnrolled(_) | DomainEvent::DeviceGranted(_) | DomainEvent::DeviceRevoked(_)
        ) {
            self.claims.clear();
        }
    }
}
