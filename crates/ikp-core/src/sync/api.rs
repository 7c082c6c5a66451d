//! The desk's sync use cases: enrolment, export, import, and what the Sinkronisasi page reads.

use std::ops::{Deref, DerefMut};
use std::path::Path;

use crate::desk::Desk;
use crate::device;
use crate::error::{CoreError, InputProblem, Result};
use crate::evidence::EvidenceStore;
use crate::identity::DeviceId;
use crate::principal::Role;
use crate::sync::{
    self,
    export::{ExportReport, ExportScope},
    import::{ImportContext, ImportReport, PendingEvent, Replay},
    Enrolment, Exchange, SyncAlert,
};

/// `desk.sync()`: the use cases of enrolment, trust, bundles in and out, and freshness.
pub struct SyncDesk<D> {
    pub(crate) desk: D,
}

impl<D: Deref<Target = Desk>> SyncDesk<D> {
    /// The fingerprint of the trust root this database pinned, if any.
    pub fn trust_root(&self) -> Result<Option<String>> {
        Ok(device::trust_root(self.desk.store.conn())?.map(sync::trust::fingerprint))
    }

    /// This laptop's enrolment request file (its self-signed first-start claim).
    pub fn enrolment_request(&self) -> Result<Vec<u8>> {
        sync::enrolment_request(self.desk.store.conn(), &self.desk.key)
    }

    /// What an enrolment request file claims, checked but not stored.
    pub fn read_enrolment_request(&self, request: &[u8]) -> Result<sync::EnrolmentClaim> {
        sync::read_request(request)
    }

    /// A bundle of the events in `scope`, in memory.
    pub fn export_bundle(&self, scope: &ExportScope) -> Result<(Vec<u8>, ExportReport)> {
        let evidence = EvidenceStore::new(&self.desk.data_dir);
        sync::export::export(self.desk.store.conn(), &self.desk.key, &evidence, scope, self.desk.clock.now_ms())
    }

    /// How current each active agency's data is on this laptop, now.
    pub fn freshness(&self) -> Result<sync::freshness::FreshnessReport> {
        sync::freshness::report(self.desk.store.conn(), self.desk.clock.now_ms())
    }

    /// Stored events still waiting for a prerequisite.
    pub fn pending_events(&self) -> Result<Vec<PendingEvent>> {
        sync::import::pending(self.desk.store.conn())
    }

    /// Equivocating authors and far-future clocks seen on import, newest first.
    pub fn alerts(&self, limit: u32) -> Result<Vec<SyncAlert>> {
        sync::alerts(self.desk.store.conn(), limit)
    }

    /// The Sinkronisasi page's overview: trust root, pending events, exchanges, alerts.
    pub fn overview(&self) -> Result<sync::SyncOverview> {
        let conn = self.desk.store.conn();
        let current = crate::succession::current_root(conn)?;
        let is_root = current.as_ref().is_some_and(|(root, _)| *root == self.desk.key.id());
        let devices = sync::enrolled_devices(conn)?;
        let device_id = self.desk.key.id().to_hex();
        // A former root (handed over) is no stranger asking to join: it was the root.
        let was_root = match device::trust_root(conn)? {
            Some(pinned) => {
                pinned == self.desk.key.id()
                    || crate::succession::chain_from(conn, pinned)?
                        .iter()
                        .any(|link| link.predecessor == self.desk.key.id())
            }
            None => false,
        };
        let (current_root, root_since) = match current {
            Some((root, Some(since))) => (Some(sync::trust::fingerprint(root)), Some(since)),
            _ => (None, None),
        };
        Ok(sync::SyncOverview {
            trust_root: self.trust_root()?,
            current_root,
            root_since,
            fingerprint: sync::trust::fingerprint(self.desk.key.id()),
            is_root,
            granted: is_root
                || was_root
                || devices.iter().any(|granted| granted.device_id == device_id && granted.revoked_after.is_none()),
            devices,
            device_id,
            pending: self.pending_events()?,
            exchanges: self.exchanges(50)?,
            alerts: self.alerts(20)?,
            quarantined: sync::quarantine::list(self.desk.store.conn())?,
        })
    }

    /// The history of exports and imports, newest first.
    pub fn exchanges(&self, limit: u32) -> Result<Vec<Exchange>> {
        sync::exchanges(self.desk.store.conn(), limit)
    }
}

impl<D: DerefMut<Target = Desk>> SyncDesk<D> {
    /// Pins `root` as the trust root by hand (a person compared its fingerprint).
    pub fn pin_trust_root(&mut self, root: DeviceId) -> Result<()> {
        match device::trust_root(self.desk.store.conn())? {
            Some(pinned) if pinned != root => Err(CoreError::TrustRootMismatch {
                pinned: sync::trust::fingerprint(pinned),
                offered: sync::trust::fingerprint(root),
            }),
            Some(_) => Ok(()),
            None => self.desk.store.write(|tx| device::pin_trust_root(tx, root)),
        }
    }

    /// The trust root enrols the device that made `request`: with the role it claimed,
    /// or the one given here. The answer bundle is `export_bundle(Everything)`.
    pub fn approve_enrolment(&mut self, request: &[u8], role: Option<(Role, Option<String>)>) -> Result<Enrolment> {
        let Desk { store, key, clock, .. } = &mut *self.desk;
        sync::approve(store, key, clock.as_ref(), request, None, role)
    }

    /// Approves the request a person was shown: refused (nothing written) unless
    /// `request` is that file, byte for byte (`EnrolmentClaim::request_sha256`).
    pub fn approve_shown_enrolment(
        &mut self,
        request: &[u8],
        shown_sha256: &str,
        role: Option<(Role, Option<String>)>,
    ) -> Result<Enrolment> {
        let Desk { store, key, clock, .. } = &mut *self.desk;
        sync::approve(store, key, clock.as_ref(), request, Some(shown_sha256), role)
    }

    /// The trust root revokes a device after the last of its events this laptop holds;
    /// returns that number.
    pub fn revoke_device(&mut self, device_id: &str, reason: &str) -> Result<u64> {
        let device = DeviceId::from_hex(device_id).ok_or(CoreError::invalid("device", InputProblem::NotAllowed))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid("reason", InputProblem::Required));
        }
        self.desk.act(|tx, author| sync::revoke(tx, author.key, author.clock, device, reason))
    }

    /// Writes a bundle to `path`: to a temporary file beside it first, then renamed, so
    /// a failed export (a full disk) never leaves a half file under the real name. The
    /// evidence files are read from the store as they are packed, never all in memory.
    pub fn export_to_file(&mut self, path: &Path, scope: &ExportScope) -> Result<ExportReport> {
        let evidence = EvidenceStore::new(&self.desk.data_dir);
        let now_ms = self.desk.clock.now_ms();
        let report =
            sync::export::export_to_file(self.desk.store.conn(), &self.desk.key, &evidence, scope, path, now_ms)?;
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let peer = match scope {
            ExportScope::ForPeer(peer) => Some(*peer),
            _ => None,
        };
        self.desk.store.write(|tx| sync::note_export(tx, peer, &file_name, report.events))?;
        Ok(report)
    }

    /// Imports a bundle: all of it in one transaction, or nothing (a typed error that
    /// names every refused event). One that would pin this laptop's first trust root is
    /// refused with `RootNotConfirmed` (naming the fingerprint) unless `confirmed_root`
    /// is that fingerprint, as a person compared it with the root's own screen.
    pub fn import_bundle(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        confirmed_root: Option<&str>,
    ) -> Result<ImportReport> {
        self.importing(file_name, confirmed_root, |store, context| sync::import::import(store, bytes, context))
    }

    /// Imports a bundle file, as `import_bundle`, reading it in bounded memory (its
    /// evidence is staged on disk).
    pub fn import_file(&mut self, path: &Path, confirmed_root: Option<&str>) -> Result<ImportReport> {
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        self.importing(&file_name, confirmed_root, |store, context| sync::import::import_path(store, path, context))
    }

    /// Imports several bundle files at once (a watched folder's settled files), each
    /// accepted or refused on its own, the log replayed at most once for all of them
    /// (`sync::batch::import_batch`). Pins no root: a laptop joins through one file.
    pub fn import_files(&mut self, paths: &[&Path]) -> Vec<Result<ImportReport>> {
        let evidence = EvidenceStore::new(&self.desk.data_dir);
        let context = ImportContext {
            importer: self.desk.key.id(),
            evidence: &evidence,
            now_ms: self.desk.clock.now_ms(),
            file_name: "",
            confirmed_root: None,
            replay: Replay::AtEndOfBatch,
        };
        sync::batch::import_batch(&mut self.desk.store, paths, &context)
    }

    fn importing(
        &mut self,
        file_name: &str,
        confirmed_root: Option<&str>,
        import: impl FnOnce(&mut crate::store::Store, &ImportContext) -> Result<ImportReport>,
    ) -> Result<ImportReport> {
        let evidence = EvidenceStore::new(&self.desk.data_dir);
        let context = ImportContext {
            importer: self.desk.key.id(),
            evidence: &evidence,
            now_ms: self.desk.clock.now_ms(),
            file_name,
            confirmed_root,
            replay: Replay::Now,
        };
        import(&mut self.desk.store, &context)
    }

    /// Hands the trust root over to `successor` (hex key of the new Regent's laptop). This
    /// laptop signs as the root up to this event and not after.
    pub fn hand_over_root(&mut self, successor: &str, reason: &str) -> Result<()> {
        let handover = crate::succession::validate(successor, reason, self.desk.key.id())?;
        self.desk.record(crate::kinds::DomainEvent::RootHandedOver(handover))?;
        Ok(())
    }
}
