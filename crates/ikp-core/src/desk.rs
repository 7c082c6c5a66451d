//! `Desk`: the one API the Tauri shell, the CLI and the tests call. It owns the store,
//! this laptop's device key and the clock; every method is a use case.

mod maintenance;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::agency::{self, Agency};
use crate::budget::import::{self as budget_import, ImportPreview};
use crate::budget::ops::{self as budget_ops, CeilingInput, PhysicalInput, PlanInput, RealizationInput};
use crate::budget::queries::{self as budget_queries, AgencyBudget, RegencyBudget};
use crate::check::{self, CheckReport};
use crate::clock::{Clock, Hlc, SystemClock};
use crate::complaint::import::{self as complaint_import, ColumnChoice, ComplaintImportPreview};
use crate::complaint::ops::{
    self as complaint_ops, ComplaintFollowUpInput, ComplaintInput, CompleteInput, DisposeInput, StatusInput,
};
use crate::complaint::payload::TimeLimit;
use crate::complaint::queries::{
    self as complaint_queries, ComplaintDetail, ComplaintFilter, ComplaintSummary, ComplaintView, HistoryView,
    RapimComplaints, Scope,
};
use crate::demo::{self, DemoSummary};
use crate::device::{self, DeviceEnrolled, DeviceInfo};
use crate::error::{CoreError, InputProblem, Result};
use crate::event::SignedEvent;
use crate::evidence::EvidenceStore;
use crate::identity::{DeviceId, DeviceKey};
use crate::instruction::ops::{self, AmendInput, Author, EditDraftInput, IssueInput, ProgressInput};
use crate::instruction::payload::EvidenceRef;
use crate::instruction::queries::{
    self, AgencyDashboard, AgencyScore, Dashboard, InstructionDetail, InstructionFilter, InstructionSummary,
    SilentAgency,
};
use crate::kinds::DomainEvent;
use crate::log::{self, EventSummary};
use crate::meeting::{self, Meeting};
use crate::minutes::document::MinutesExport;
use crate::minutes::ops::{
    self as minutes_ops, AgendaItemInput, AttendeeInput, FollowUpInput, FollowUpInstructionInput, MeetingDetailsInput,
    MinutesDecisionInput, NoteInput,
};
use crate::minutes::queries::{self as minutes_queries, MeetingSummary, MinutesView};
use crate::negotiation::ops::{self as negotiation_ops, DecisionInput, MeetingInput, NegotiationInput};
use crate::negotiation::queries::{
    self as negotiation_queries, NegotiationFilter, NegotiationView, QueueGroup, Sitting, TargetHistory,
};
use crate::principal::Role;
use crate::projection::{self, RebuildReport};
use crate::record::record;
use crate::regency::{self, RegencyLogoSet, RegencyProfile};
use crate::settings::{
    self, BudgetThresholds, CategoriesSet, CategoryInput, CategorySettings, NumberFormatSet, NumberFormatSettings,
    NumberTemplate,
};
use crate::store::Store;
use crate::sync::{
    self,
    export::{ExportReport, ExportScope},
    import::{ImportContext, ImportReport, PendingEvent},
    Enrolment, Exchange, SyncAlert,
};
use crate::workdays::{self, Holiday, HolidaysSet};

pub const DB_FILE: &str = "ikp.db";
pub const KEY_FILE: &str = "device.key";
const MAX_NAME_CHARS: usize = 120;
/// A letterhead emblem, not a photograph: every notulen embeds it.
const MAX_LOGO_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub device: Option<DeviceInfo>,
    pub regency: Option<RegencyProfile>,
    pub agency_count: u32,
    pub event_count: u32,
    pub demo_loaded: bool,
    pub data_dir: String,
    pub schema_version: u32,
    /// Today in WIB, YYYY-MM-DD: the day new instructions and reports are dated.
    pub today: String,
}

/// Profile names become file names: keep them to lower-case letters, digits and dashes.
fn is_profile_name(name: &str) -> bool {
    (1..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The first-start answer to "who uses this laptop?".
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub role: Role,
    pub agency_code: Option<String>,
    pub user_name: String,
}

pub struct Desk {
    store: Store,
    key: DeviceKey,
    clock: Arc<dyn Clock>,
    data_dir: PathBuf,
}

impl Desk {
    /// Opens the data directory, creating it, the database and this laptop's key on
    /// first start.
    pub fn open(data_dir: &Path) -> Result<Desk> {
        Desk::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    pub fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_profile(data_dir, None, clock)
    }

    /// Opens the data directory for one of several people who share this laptop: each
    /// profile has a signing key of its own (`device-<profile>.key`) over the same
    /// database, so their events stay attributable to them.
    pub fn open_profile(data_dir: &Path, profile: Option<&str>, clock: Arc<dyn Clock>) -> Result<Desk> {
        let key_file = match profile {
            None => KEY_FILE.to_owned(),
            Some(name) if is_profile_name(name) => format!("device-{name}.key"),
            Some(_) => return Err(CoreError::invalid("profile", InputProblem::NotAllowed)),
        };
        Desk::open_keyed(data_dir, |dir| DeviceKey::load_or_create(&dir.join(key_file)), clock)
    }

    /// Creates the directory and opens the database first: if it is refused (too new),
    /// no key is created either.
    fn open_keyed(
        data_dir: &Path,
        key: impl FnOnce(&Path) -> Result<DeviceKey>,
        clock: Arc<dyn Clock>,
    ) -> Result<Desk> {
        fs::create_dir_all(data_dir)?;
        let mut store = Store::open(&data_dir.join(DB_FILE))?;
        projection::ensure_current(&mut store)?;
        let key = key(data_dir)?;
        Ok(Desk { store, key, clock, data_dir: data_dir.to_owned() })
    }

    /// Opens the data directory as another device key than the one on disk: several
    /// users of one database in tests, simulations and benchmarks.
    pub fn open_as(data_dir: &Path, key: DeviceKey, clock: Arc<dyn Clock>) -> Result<Desk> {
        Desk::open_keyed(data_dir, |_| Ok(key), clock)
    }

    pub fn device_id(&self) -> DeviceId {
        self.key.id()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn status(&self) -> Result<AppStatus> {
        let conn = self.store.conn();
        Ok(AppStatus {
            device: device::info(conn, self.key.id())?,
            regency: regency::get(conn)?,
            agency_count: agency::count(conn)?,
            event_count: log::count(conn)?,
            demo_loaded: demo::is_loaded(conn)?,
            data_dir: self.data_dir.display().to_string(),
            schema_version: self.store.schema_version()?,
            today: self.today().to_string(),
        })
    }

    /// Records who uses this laptop. This is the device's first event.
    pub fn setup_device(&mut self, input: SetupInput) -> Result<DeviceInfo> {
        if device::info(self.store.conn(), self.key.id())?.is_some() {
            return Err(CoreError::DeviceAlreadySetUp);
        }
        let user_name = input.user_name.trim();
        if user_name.is_empty() {
            return Err(CoreError::invalid("userName", InputProblem::Required));
        }
        if user_name.chars().count() > MAX_NAME_CHARS {
            return Err(CoreError::invalid("userName", InputProblem::TooLong));
        }
        let agency_code = input.agency_code.map(|code| code.trim().to_owned()).filter(|code| !code.is_empty());
        match (input.role, &agency_code) {
            (Role::AgencyStaff, None) => return Err(CoreError::invalid("agencyCode", InputProblem::Required)),
            (Role::Regent | Role::Secretary, Some(_)) => {
                return Err(CoreError::invalid("agencyCode", InputProblem::NotAllowed))
            }
            _ => {}
        }
        let claim = DomainEvent::DeviceEnrolled(DeviceEnrolled {
            device: self.key.id().to_hex(),
            role: input.role,
            agency_code,
            user_name: user_name.to_owned(),
        });
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| {
            record(tx, key, clock.as_ref(), &claim)?;
            // The Regent's office device becomes the regency's trust root, unless this
            // database already trusts one.
            if input.role == Role::Regent && device::trust_root(tx)?.is_none() {
                device::pin_trust_root(tx, key.id())?;
            }
            Ok(())
        })?;
        device::info(self.store.conn(), self.key.id())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Records one event authored by this laptop, in its own transaction.
    pub fn record(&mut self, event: DomainEvent) -> Result<SignedEvent> {
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| record(tx, key, clock.as_ref(), &event))
    }

    /// Sets the regency this installation serves (leadership only): letterheads and the
    /// app frame read it, so no regency is hard-coded.
    pub fn set_regency(&mut self, profile: RegencyProfile) -> Result<RegencyProfile> {
        for (field, value) in [
            ("name", &profile.name),
            ("address", &profile.address),
            ("regentName", &profile.regent_name),
            ("regentTitle", &profile.regent_title),
            ("secretaryName", &profile.secretary_name),
        ] {
            if value.trim().is_empty() {
                return Err(CoreError::invalid(field, InputProblem::Required));
            }
        }
        self.record(DomainEvent::RegencyProfileSet(profile))?;
        regency::get(self.store.conn())?.ok_or(CoreError::DeviceNotSetUp)
    }

    /// Sets the letterhead logo (PNG), stored by hash like evidence.
    pub fn set_regency_logo(&mut self, file_name: &str, bytes: &[u8]) -> Result<RegencyLogoSet> {
        // PNG only: both the DOCX and the PDF take it as it is.
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(CoreError::invalid("logo", InputProblem::NotAllowed));
        }
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(CoreError::invalid("logo", InputProblem::TooLong));
        }
        let media_type = "image/png";
        let stored = EvidenceStore::new(&self.data_dir).put_bytes(file_name, bytes)?;
        let logo = RegencyLogoSet { sha256: stored.sha256, file_name: stored.file_name, media_type: media_type.into() };
        self.record(DomainEvent::RegencyLogoSet(logo.clone()))?;
        Ok(logo)
    }

    /// The letterhead logo's bytes, if one is set and stored here.
    pub fn regency_logo(&self) -> Result<Option<(RegencyLogoSet, Vec<u8>)>> {
        match regency::logo(self.store.conn())? {
            Some(logo) if EvidenceStore::new(&self.data_dir).contains(&logo.sha256) => {
                let bytes = fs::read(EvidenceStore::new(&self.data_dir).path_of(&logo.sha256))?;
                Ok(Some((logo, bytes)))
            }
            _ => Ok(None),
        }
    }

    pub fn load_demo(&mut self) -> Result<DemoSummary> {
        // The demo's letterhead logo is stored first (by hash, so again is harmless);
        // its `regency.logo_set` event is in the demo's transaction.
        EvidenceStore::new(&self.data_dir).put_bytes(demo::minutes::DEMO_LOGO_NAME, demo::minutes::DEMO_LOGO)?;
        demo::load(&mut self.store, self.clock.as_ref())
    }

    /// Adds `count` synthetic events on top of the demo data (loading it if needed).
    pub fn generate_scale(&mut self, count: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::generate(&mut self.store, self.clock.as_ref(), count, 1_000)
    }

    /// Adds `count` events signed by this laptop's own key (it must be leadership):
    /// exportable data for the sync benchmark and crash test.
    pub fn generate_own_events(&mut self, count: u64) -> Result<()> {
        let Desk { store, key, clock, .. } = self;
        demo::generate_as(store, key, clock.as_ref(), count, 1_000)
    }

    /// Adds `count` pending negotiation requests on top of the demo data (loading it if
    /// needed): the meeting-mode benchmark's queue.
    pub fn generate_meeting_queue(&mut self, count: u32) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::dialogue::generate_queue(&mut self.store, self.clock.as_ref(), count)
    }

    /// Adds `years` past fiscal years with `entries` realization entries in all (the
    /// budget benchmark), on top of the demo data (loading it if needed).
    pub fn generate_budget_history(&mut self, years: i32, entries: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::budget::generate_history(&mut self.store, self.clock.as_ref(), years, entries)
    }

    /// Generates a benchmark regency (see `demo::regency`) on top of the demo data.
    pub fn generate_regency(&mut self, spec: &demo::regency::RegencySpec) -> Result<()> {
        demo::regency::generate(&mut self.store, self.clock.as_ref(), spec, 500)
    }

    pub fn agencies(&self) -> Result<Vec<Agency>> {
        agency::list(self.store.conn())
    }

    pub fn events(&self, limit: u32) -> Result<Vec<EventSummary>> {
        let conn = self.store.conn();
        log::recent(conn, limit)?
            .into_iter()
            .map(|entry| {
                Ok(EventSummary {
                    id: entry.id.to_hex(),
                    kind: entry.kind,
                    author_id: entry.author.to_hex(),
                    author_label: device::label(conn, entry.author)?,
                    seq: u32::try_from(entry.seq).unwrap_or(u32::MAX),
                    recorded_at: entry.hlc.to_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                })
            })
            .collect()
    }

    /// Drops every projection and replays the log, in one transaction.
    pub fn rebuild(&mut self) -> Result<RebuildReport> {
        self.store.write(projection::rebuild)
    }

    pub fn digest(&self) -> Result<String> {
        projection::digest(self.store.conn())
    }

    pub fn check(&self) -> Result<CheckReport> {
        check::run(self.store.conn(), self.key.id())
    }

    /// The fingerprint of the trust root this database pinned, if any.
    pub fn trust_root(&self) -> Result<Option<String>> {
        Ok(device::trust_root(self.store.conn())?.map(sync::trust::fingerprint))
    }

    /// Pins `root` as the trust root by hand (a person compared its fingerprint).
    pub fn pin_trust_root(&mut self, root: DeviceId) -> Result<()> {
        match device::trust_root(self.store.conn())? {
            Some(pinned) if pinned != root => Err(CoreError::TrustRootMismatch {
                pinned: sync::trust::fingerprint(pinned),
                offered: sync::trust::fingerprint(root),
            }),
            Some(_) => Ok(()),
            None => self.store.write(|tx| device::pin_trust_root(tx, root)),
        }
    }

    /// This laptop's enrolment request file (its self-signed first-start claim).
    pub fn enrolment_request(&self) -> Result<Vec<u8>> {
        sync::enrolment_request(self.store.conn(), &self.key)
    }

    /// What an enrolment request file claims, checked but not stored.
    pub fn read_enrolment_request(&self, request: &[u8]) -> Result<sync::EnrolmentClaim> {
        sync::read_request(request)
    }

    /// The trust root enrols the device that made `request`: with the role it claimed,
    /// or the one given here. The answer bundle is `export_bundle(Everything)`.
    pub fn approve_enrolment(&mut self, request: &[u8], role: Option<(Role, Option<String>)>) -> Result<Enrolment> {
        let Desk { store, key, clock, .. } = self;
        sync::approve(store, key, clock.as_ref(), request, role)
    }

    /// The trust root revokes a device after the last of its events this laptop holds;
    /// returns that number.
    pub fn revoke_device(&mut self, device_id: &str, reason: &str) -> Result<u64> {
        let device = DeviceId::from_hex(device_id).ok_or(CoreError::invalid("device", InputProblem::NotAllowed))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid("reason", InputProblem::Required));
        }
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| sync::revoke(tx, key, clock.as_ref(), device, reason))
    }

    /// A bundle of the events in `scope`, in memory.
    pub fn export_bundle(&self, scope: &ExportScope) -> Result<(Vec<u8>, ExportReport)> {
        sync::export::export(self.store.conn(), self.key.id(), &EvidenceStore::new(&self.data_dir), scope)
    }

    /// Writes a bundle to `path`: to a temporary file beside it first, then renamed, so
    /// a failed export (a full disk) never leaves a half file under the real name.
    pub fn export_to_file(&mut self, path: &Path, scope: &ExportScope) -> Result<ExportReport> {
        let (bytes, report) = self.export_bundle(scope)?;
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{file_name}.tmp"));
        let written = (|| -> std::io::Result<()> {
            let mut file = fs::File::create(&tmp)?;
            std::io::Write::write_all(&mut file, &bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, path)
        })();
        if let Err(err) = written {
            let _ = fs::remove_file(&tmp);
            return Err(err.into());
        }
        let peer = match scope {
            ExportScope::ForPeer(peer) => Some(*peer),
            _ => None,
        };
        self.store.write(|tx| sync::note_export(tx, peer, &file_name, report.events))?;
        Ok(report)
    }

    /// Imports a bundle: all of it in one transaction, or nothing (a typed error that
    /// names every refused event).
    pub fn import_bundle(&mut self, file_name: &str, bytes: &[u8]) -> Result<ImportReport> {
        let evidence = EvidenceStore::new(&self.data_dir);
        let context =
            ImportContext { importer: self.key.id(), evidence: &evidence, now_ms: self.clock.now_ms(), file_name };
        sync::import::import(&mut self.store, bytes, &context)
    }

    pub fn import_file(&mut self, path: &Path) -> Result<ImportReport> {
        let bytes = sync::bundle::read_file(path)?;
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        self.import_bundle(&file_name, &bytes)
    }

    /// Stored events still waiting for a prerequisite.
    pub fn pending_events(&self) -> Result<Vec<PendingEvent>> {
        sync::import::pending(self.store.conn())
    }

    /// Equivocating authors and far-future clocks seen on import, newest first.
    pub fn sync_alerts(&self, limit: u32) -> Result<Vec<SyncAlert>> {
        sync::alerts(self.store.conn(), limit)
    }

    /// The Sinkronisasi page's overview: trust root, pending events, exchanges, alerts.
    pub fn sync_overview(&self) -> Result<sync::SyncOverview> {
        let conn = self.store.conn();
        let is_root = device::trust_root(conn)? == Some(self.key.id());
        let devices = sync::enrolled_devices(conn)?;
        let device_id = self.key.id().to_hex();
        Ok(sync::SyncOverview {
            trust_root: self.trust_root()?,
            fingerprint: sync::trust::fingerprint(self.key.id()),
            is_root,
            granted: is_root
                || devices.iter().any(|granted| granted.device_id == device_id && granted.revoked_after.is_none()),
            devices,
            device_id,
            pending: self.pending_events()?,
            exchanges: self.exchanges(50)?,
            alerts: self.sync_alerts(20)?,
        })
    }

    /// The history of exports and imports, newest first.
    pub fn exchanges(&self, limit: u32) -> Result<Vec<Exchange>> {
        sync::exchanges(self.store.conn(), limit)
    }

    /// Today's date in WIB, by this desk's clock.
    pub fn today(&self) -> NaiveDate {
        Hlc::today_wib(self.clock.now_ms())
    }

    /// Runs a use case as this laptop's user, in one transaction.
    fn act<T>(&mut self, work: impl FnOnce(&Connection, &Author<'_>) -> Result<T>) -> Result<T> {
        let today = self.today();
        let Desk { store, key, clock, .. } = self;
        store.write(|tx| work(tx, &Author { key, clock: clock.as_ref(), today }))
    }

    pub fn issue_instruction(&mut self, input: IssueInput) -> Result<InstructionDetail> {
        let id = self.act(|tx, author| ops::issue(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn issue_draft(&mut self, instruction_id: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::issue_draft(tx, author, instruction_id))?;
        self.instruction(instruction_id)
    }

    pub fn report_progress(&mut self, input: ProgressInput) -> Result<InstructionDetail> {
        self.require_evidence(&input.evidence)?;
        let instruction_id = self.act(|tx, author| ops::report_progress(tx, author, input))?;
        self.instruction(&instruction_id)
    }

    pub fn report_completion(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::report_complete(tx, author, instruction_id, note))?;
        self.instruction(instruction_id)
    }

    pub fn return_completion(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::return_completion(tx, author, instruction_id, reason))?;
        self.instruction(instruction_id)
    }

    pub fn verify_instruction(&mut self, instruction_id: &str, note: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::verify(tx, author, instruction_id, note))?;
        self.instruction(instruction_id)
    }

    pub fn amend_instruction(&mut self, input: AmendInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.act(|tx, author| {
            ops::amend(tx, author, &input.instruction_id, &input.reason, input.title, input.text, input.deadline)
        })?;
        self.instruction(&id)
    }

    /// Rewrites a draft (and issues it, unless `content.draftOnly`).
    pub fn edit_draft(&mut self, input: EditDraftInput) -> Result<InstructionDetail> {
        let id = input.instruction_id.clone();
        self.act(|tx, author| ops::edit_draft(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn cancel_instruction(&mut self, instruction_id: &str, reason: &str) -> Result<InstructionDetail> {
        self.act(|tx, author| ops::cancel(tx, author, instruction_id, reason))?;
        self.instruction(instruction_id)
    }

    /// Copies a file into the evidence store; the returned reference goes into a
    /// progress report.
    pub fn attach_evidence(&self, path: &Path) -> Result<EvidenceRef> {
        EvidenceStore::new(&self.data_dir).put_file(path)
    }

    pub fn attach_evidence_bytes(&self, file_name: &str, bytes: &[u8]) -> Result<EvidenceRef> {
        EvidenceStore::new(&self.data_dir).put_bytes(file_name, bytes)
    }

    /// A stored evidence file, ready for the system viewer: a copy under its original
    /// name (the store names files by hash, which no viewer understands) in
    /// `<data dir>/opened/<sha256>/`. Only a well-formed hash that a progress report or a
    /// complaint follow-up refers to and that is stored here is accepted: the screen never
    /// names a path.
    pub fn evidence_for_viewing(&self, sha256: &str) -> Result<PathBuf> {
        let unknown = || CoreError::UnknownEvidence { sha256: sha256.to_owned() };
        if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) {
            return Err(unknown());
        }
        let conn = self.store.conn();
        let from_progress: Option<String> = conn
            .query_row(
                "SELECT file_name FROM progress_evidence WHERE sha256 = ?1 ORDER BY file_name LIMIT 1",
                [sha256],
                |row| row.get(0),
            )
            .optional()?;
        // Complaint follow-up keeps its evidence (and closing proof) as signed JSON.
        let file_name = match from_progress {
            Some(name) => name,
            None => conn
                .query_row(
                    "SELECT coalesce(json_extract(item.value, '$.fileName'), json_extract(item.value, '$.evidence.fileName'))
                     FROM complaint_followups f, json_each(f.evidence) item
                     WHERE coalesce(json_extract(item.value, '$.sha256'), json_extract(item.value, '$.evidence.sha256')) = ?1
                     LIMIT 1",
                    [sha256],
                    |row| row.get::<_, Option<String>>(0),
                )
                .optional()?
                .flatten()
                .ok_or_else(unknown)?,
        };
        let store = EvidenceStore::new(&self.data_dir);
        if !store.contains(sha256) {
            return Err(unknown());
        }
        let dir = self.data_dir.join("opened").join(sha256);
        let copy = dir.join(safe_file_name(&file_name, sha256));
        if !copy.exists() {
            fs::create_dir_all(&dir)?;
            fs::copy(store.path_of(sha256), &copy)?;
        }
        Ok(copy)
    }

    pub fn category_settings(&self) -> Result<CategorySettings> {
        settings::category_settings(self.store.conn())
    }

    /// Replaces the category list (leadership only). Instructions keep their codes.
    pub fn set_categories(&mut self, input: Vec<CategoryInput>) -> Result<CategorySettings> {
        let categories = settings::validate_categories(self.store.conn(), &input)?;
        self.record(DomainEvent::CategoriesSet(CategoriesSet { categories }))?;
        self.category_settings()
    }

    pub fn number_format(&self) -> Result<NumberFormatSettings> {
        let conn = self.store.conn();
        let template = settings::number_template(conn)?;
        Ok(NumberFormatSettings {
            next_number: ops::next_number(conn, self.today())?.0,
            customized: template != settings::DEFAULT_NUMBER_TEMPLATE,
            default_template: settings::DEFAULT_NUMBER_TEMPLATE.to_owned(),
            template,
        })
    }

    /// What the next number would be in `template`, or why the template is refused.
    pub fn preview_number_format(&self, template: &str) -> Result<String> {
        let parsed = NumberTemplate::parse(template)?;
        let (_, year, seq) = ops::next_number(self.store.conn(), self.today())?;
        debug_assert_eq!(year, chrono::Datelike::year(&self.today()));
        Ok(parsed.format(seq, self.today()))
    }

    /// Sets the template of new instruction numbers (leadership only); issued numbers stay.
    pub fn set_number_format(&mut self, template: &str) -> Result<NumberFormatSettings> {
        NumberTemplate::parse(template)?;
        self.record(DomainEvent::NumberFormatSet(NumberFormatSet { template: template.trim().to_owned() }))?;
        self.number_format()
    }

    pub fn budget_thresholds(&self) -> Result<BudgetThresholds> {
        settings::budget_thresholds(self.store.conn())
    }

    /// Sets the early-warning gap and the year-end target (leadership only).
    pub fn set_budget_thresholds(&mut self, input: BudgetThresholds) -> Result<BudgetThresholds> {
        let payload = settings::validate_budget_thresholds(input)?;
        self.record(DomainEvent::BudgetThresholdsSet(payload))?;
        self.budget_thresholds()
    }

    pub fn agency_dashboard(&self, agency_code: &str) -> Result<AgencyDashboard> {
        queries::agency_dashboard(self.store.conn(), agency_code, self.today())
    }

    pub fn instructions(&self, filter: &InstructionFilter) -> Result<Vec<InstructionSummary>> {
        queries::list(self.store.conn(), filter, self.today())
    }

    pub fn instruction(&self, instruction_id: &str) -> Result<InstructionDetail> {
        queries::detail(self.store.conn(), instruction_id, self.today())
    }

    pub fn scorecard(&self) -> Result<Vec<AgencyScore>> {
        queries::scorecard(self.store.conn(), self.today())
    }

    pub fn dashboard(&self) -> Result<Dashboard> {
        queries::dashboard(self.store.conn(), self.today())
    }

    pub fn silent_indicators(&self, days: u32) -> Result<Vec<SilentAgency>> {
        queries::silent_indicators(self.store.conn(), days, self.today())
    }

    /// An agency asks to change one of its indicators' target or deadline.
    pub fn request_negotiation(&mut self, input: NegotiationInput) -> Result<NegotiationView> {
        self.require_evidence(&input.evidence)?;
        let id = self.act(|tx, author| negotiation_ops::request(tx, author, input))?;
        self.negotiation(&id)
    }

    pub fn withdraw_negotiation(&mut self, negotiation_id: &str, reason: &str) -> Result<NegotiationView> {
        self.act(|tx, author| negotiation_ops::withdraw(tx, author, negotiation_id, reason))?;
        self.negotiation(negotiation_id)
    }

    /// Decides a request; in meeting mode the sitting's running summary comes back too.
    pub fn decide_negotiation(&mut self, input: DecisionInput) -> Result<DecisionResult> {
        let negotiation_id = input.negotiation_id.clone();
        let meeting_id = input.meeting_id.clone().filter(|id| !id.trim().is_empty());
        let decision_event = self.act(|tx, author| negotiation_ops::decide(tx, author, input))?;
        self.decision_result(decision_event, &negotiation_id, meeting_id.as_deref())
    }

    /// Takes a decision back (a new event): the request is pending again.
    pub fn undo_decision(
        &mut self,
        decision_event: &str,
        reason: &str,
        meeting_id: Option<&str>,
    ) -> Result<DecisionResult> {
        let negotiation_id =
            self.act(|tx, author| negotiation_ops::undo(tx, author, decision_event, reason, meeting_id))?;
        self.decision_result(decision_event.to_owned(), &negotiation_id, meeting_id)
    }

    fn decision_result(
        &self,
        decision_event: String,
        negotiation_id: &str,
        meeting_id: Option<&str>,
    ) -> Result<DecisionResult> {
        let conn = self.store.conn();
        Ok(DecisionResult {
            decision_event,
            negotiation: negotiation_queries::get(conn, negotiation_id)?,
            sitting: meeting_id.map(|id| negotiation_queries::sitting(conn, id)).transpose()?,
        })
    }

    pub fn negotiation(&self, negotiation_id: &str) -> Result<NegotiationView> {
        negotiation_queries::get(self.store.conn(), negotiation_id)
    }

    pub fn negotiations(&self, filter: &NegotiationFilter) -> Result<Vec<NegotiationView>> {
        negotiation_queries::list(self.store.conn(), filter)
    }

    /// Meeting mode's queue: pending requests grouped by agency, with each agency's record.
    pub fn negotiation_queue(&self) -> Result<Vec<QueueGroup>> {
        negotiation_queries::queue(self.store.conn())
    }

    pub fn target_history(&self, indicator_id: &str) -> Result<TargetHistory> {
        negotiation_queries::target_history(self.store.conn(), indicator_id)
    }

    pub fn open_meeting(&mut self, input: MeetingInput) -> Result<Meeting> {
        let id = self.act(|tx, author| negotiation_ops::open_meeting(tx, author, input))?;
        meeting::get(self.store.conn(), &id)
    }

    pub fn close_meeting(&mut self, meeting_id: &str) -> Result<Meeting> {
        self.act(|tx, author| negotiation_ops::close_meeting(tx, author, meeting_id))?;
        meeting::get(self.store.conn(), meeting_id)
    }

    pub fn meetings(&self, limit: u32) -> Result<Vec<Meeting>> {
        meeting::list(self.store.conn(), limit)
    }

    /// Creates a meeting with its minutes' identity block (the same meeting meeting mode
    /// links decisions to).
    pub fn create_meeting(&mut self, input: MeetingDetailsInput) -> Result<MinutesView> {
        let id = self.act(|tx, author| minutes_ops::create(tx, author, input))?;
        self.minutes(&id)
    }

    pub fn set_meeting_details(&mut self, meeting_id: &str, input: MeetingDetailsInput) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::set_details(tx, author, meeting_id, input))?;
        self.minutes(meeting_id)
    }

    pub fn set_attendee(&mut self, input: AttendeeInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_attendee(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    pub fn set_agenda_item(&mut self, input: AgendaItemInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_agenda_item(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    /// Autosave of one agenda item's notes: an unchanged text records nothing.
    pub fn set_minutes_note(&mut self, input: NoteInput) -> Result<()> {
        self.act(|tx, author| minutes_ops::set_note(tx, author, input))
    }

    pub fn set_minutes_decision(&mut self, input: MinutesDecisionInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_decision(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    pub fn set_follow_up(&mut self, input: FollowUpInput) -> Result<MinutesView> {
        let meeting_id = input.meeting_id.clone();
        self.act(|tx, author| minutes_ops::set_follow_up(tx, author, input))?;
        self.minutes(&meeting_id)
    }

    /// Turns a follow-up into an IKP instruction draft in one step.
    pub fn follow_up_to_instruction(&mut self, input: FollowUpInstructionInput) -> Result<InstructionDetail> {
        let id = self.act(|tx, author| minutes_ops::follow_up_to_instruction(tx, author, input))?;
        self.instruction(&id)
    }

    pub fn finalize_minutes(&mut self, meeting_id: &str) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::finalize(tx, author, meeting_id))?;
        self.minutes(meeting_id)
    }

    pub fn add_minutes_addendum(&mut self, meeting_id: &str, text: &str) -> Result<MinutesView> {
        self.act(|tx, author| minutes_ops::add_addendum(tx, author, meeting_id, text))?;
        self.minutes(meeting_id)
    }

    pub fn minutes(&self, meeting_id: &str) -> Result<MinutesView> {
        minutes_queries::view(self.store.conn(), meeting_id, self.today())
    }

    pub fn meeting_summaries(&self, limit: u32) -> Result<Vec<MeetingSummary>> {
        minutes_queries::list(self.store.conn(), limit)
    }

    /// The notulen to render: frozen once finalized, else as the records stand now.
    pub fn minutes_export(&self, meeting_id: &str) -> Result<MinutesExport> {
        minutes_queries::export(self.store.conn(), meeting_id, self.today())
    }

    /// One meeting's decisions so far: the running summary of meeting mode.
    pub fn sitting(&self, meeting_id: &str) -> Result<Sitting> {
        negotiation_queries::sitting(self.store.conn(), meeting_id)
    }

    /// Sets a version of an agency's pagu (APBD murni, perubahan, pergeseran).
    pub fn set_budget_ceiling(&mut self, input: CeilingInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.act(|tx, author| budget_ops::set_ceiling(tx, author, input))?;
        self.agency_budget(&agency, year)
    }

    /// Sets an agency's twelve-month disbursement plan (anggaran kas).
    pub fn set_budget_plan(&mut self, input: PlanInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.act(|tx, author| budget_ops::set_plan(tx, author, input))?;
        self.agency_budget(&agency, year)
    }

    pub fn record_realization(&mut self, input: RealizationInput) -> Result<AgencyBudget> {
        let agency = input.agency_code.clone();
        let day = NaiveDate::parse_from_str(input.realized_on.trim(), "%Y-%m-%d").unwrap_or(self.today());
        self.act(|tx, author| budget_ops::record_realization(tx, author, input))?;
        self.agency_budget(&agency, budget_ops::fiscal_year_of(day))
    }

    pub fn report_physical_progress(&mut self, input: PhysicalInput) -> Result<AgencyBudget> {
        let (agency, year) = (input.agency_code.clone(), input.fiscal_year);
        self.act(|tx, author| budget_ops::report_physical(tx, author, input))?;
        self.agency_budget(&agency, year)
    }

    pub fn agency_budget(&self, agency_code: &str, fiscal_year: i32) -> Result<AgencyBudget> {
        let thresholds = self.budget_thresholds()?;
        budget_queries::agency_budget(self.store.conn(), agency_code, fiscal_year, self.today(), thresholds)
    }

    pub fn regency_budget(&self, fiscal_year: i32) -> Result<RegencyBudget> {
        let thresholds = self.budget_thresholds()?;
        budget_queries::regency_budget(self.store.conn(), fiscal_year, self.today(), thresholds)
    }

    /// Reads and checks a realization file without writing anything.
    pub fn preview_realization_import(&self, file_name: &str, bytes: &[u8]) -> Result<ImportPreview> {
        Ok(budget_import::check(self.store.conn(), file_name, bytes, self.today())?.preview)
    }

    /// Imports a realization file: all of it, or (with `skip_bad_rows`) all but the rows
    /// the preview listed; nothing while a row is bad otherwise.
    pub fn import_realizations(&mut self, file_name: &str, bytes: &[u8], skip_bad_rows: bool) -> Result<ImportPreview> {
        self.act(|tx, author| {
            let checked = budget_import::check(tx, file_name, bytes, author.today)?;
            budget_import::commit(tx, author, checked, skip_bad_rows)
        })
    }

    /// Whose complaints this laptop's user sees: all (leadership) or their agency's.
    fn complaint_scope(&self) -> Result<Scope> {
        Scope::of(self.store.conn(), self.key.id())
    }

    /// Records one complaint typed in (the Secretary's office), or updates it by tracking id.
    pub fn record_complaint(&mut self, input: ComplaintInput) -> Result<ComplaintDetail> {
        let id = self.act(|tx, author| complaint_ops::record_complaint(tx, author, input))?;
        self.complaint(&id)
    }

    /// Disposes a complaint to an agency or a camat, or re-disposes it (with a reason).
    pub fn dispose_complaint(&mut self, input: DisposeInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::dispose(tx, author, input))?;
        self.complaint(&id)
    }

    pub fn follow_up_complaint(&mut self, input: ComplaintFollowUpInput) -> Result<ComplaintDetail> {
        self.require_evidence(&input.evidence)?;
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::follow_up(tx, author, input))?;
        self.complaint(&id)
    }

    /// Closes a complaint with proof of completion (photo, video or official letter).
    pub fn complete_complaint(&mut self, input: CompleteInput) -> Result<ComplaintDetail> {
        let evidence: Vec<EvidenceRef> = input.proof.iter().map(|proof| proof.evidence.clone()).collect();
        self.require_evidence(&evidence)?;
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::complete(tx, author, input))?;
        self.complaint(&id)
    }

    /// Hold, resume, not the regency's to handle, archive.
    pub fn change_complaint_status(&mut self, input: StatusInput) -> Result<ComplaintDetail> {
        let id = input.tracking_id.clone();
        self.act(|tx, author| complaint_ops::change_status(tx, author, input))?;
        self.complaint(&id)
    }

    pub fn complaint(&self, tracking_id: &str) -> Result<ComplaintDetail> {
        complaint_queries::detail(self.store.conn(), &self.complaint_scope()?, tracking_id, self.today())
    }

    pub fn complaints(&self, filter: &ComplaintFilter) -> Result<Vec<ComplaintView>> {
        complaint_queries::list(self.store.conn(), &self.complaint_scope()?, filter, self.today())
    }

    /// Per agency and per kecamatan figures for complaints received in the months given (YYYY-MM).
    pub fn complaint_summary(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<ComplaintSummary> {
        complaint_queries::summary(self.store.conn(), &self.complaint_scope()?, from_month, to_month, self.today())
    }

    /// The complaint item of a rapim agenda.
    pub fn complaint_rapim(&self, from_month: Option<&str>, to_month: Option<&str>) -> Result<RapimComplaints> {
        complaint_queries::rapim(self.store.conn(), &self.complaint_scope()?, from_month, to_month, self.today())
    }

    /// Dispositions and re-dispositions, newest first: who sent what where, and why.
    pub fn complaint_dispositions(&self, limit: u32) -> Result<Vec<HistoryView>> {
        complaint_queries::dispositions(self.store.conn(), &self.complaint_scope()?, limit)
    }

    /// Every complaint this user sees, as CSV with every timestamp.
    pub fn export_complaints_csv(&self) -> Result<String> {
        complaint_queries::export_csv(self.store.conn(), &self.complaint_scope()?, self.today())
    }

    /// Reads and checks a LAPOR! export (CSV or XLSX) without writing anything.
    pub fn preview_complaint_import(
        &self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
    ) -> Result<ComplaintImportPreview> {
        Ok(complaint_import::check(self.store.conn(), source, file_name, bytes, choices, self.today())?.preview)
    }

    /// Imports a LAPOR! export: all of it, or (with `skip_bad_rows`) all but the rows the
    /// preview listed; nothing while a row is bad otherwise. Known tracking ids are updated.
    pub fn import_complaints(
        &mut self,
        source: &str,
        file_name: &str,
        bytes: &[u8],
        choices: &[ColumnChoice],
        skip_bad_rows: bool,
    ) -> Result<ComplaintImportPreview> {
        self.act(|tx, author| {
            let checked = complaint_import::check(tx, source, file_name, bytes, choices, author.today)?;
            complaint_import::commit(tx, author, checked, skip_bad_rows)
        })
    }

    pub fn complaint_time_limits(&self) -> Result<Vec<TimeLimit>> {
        crate::complaint::limits::time_limits(self.store.conn())
    }

    /// Sets the time limits per classification (leadership); running deadlines follow.
    pub fn set_complaint_time_limits(&mut self, limits: Vec<TimeLimit>) -> Result<Vec<TimeLimit>> {
        self.act(|tx, author| complaint_ops::set_time_limits(tx, author, limits))?;
        self.complaint_time_limits()
    }

    /// National holidays and cuti bersama: the days off besides weekends.
    pub fn holidays(&self) -> Result<Vec<Holiday>> {
        workdays::holidays(self.store.conn())
    }

    /// Replaces the list of days off (leadership); running deadlines follow.
    pub fn set_holidays(&mut self, holidays: Vec<Holiday>) -> Result<Vec<Holiday>> {
        let holidays = workdays::validate(holidays)?;
        self.record(DomainEvent::HolidaysSet(HolidaysSet { holidays }))?;
        self.holidays()
    }

    /// Adds `count` complaints received over the last `years` years (the complaint
    /// benchmark), on top of the demo data (loading it if needed).
    pub fn generate_complaint_history(&mut self, years: i32, count: u64) -> Result<()> {
        if !demo::is_loaded(self.store.conn())? {
            self.load_demo()?;
        }
        demo::complaints::generate_history(&mut self.store, self.clock.as_ref(), years, count)
    }

    /// Evidence named in a report or request must already be in the evidence store.
    fn require_evidence(&self, evidence: &[EvidenceRef]) -> Result<()> {
        let store = EvidenceStore::new(&self.data_dir);
        match evidence.iter().find(|item| !store.contains(&item.sha256)) {
            Some(missing) => {
                Err(CoreError::invalid(&format!("evidence.{}", missing.file_name), InputProblem::Required))
            }
            None => Ok(()),
        }
    }
}

/// What a decision (or an undo) leaves behind, for the screen that made it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionResult {
    /// The decision's event id (what an undo names).
    pub decision_event: String,
    pub negotiation: NegotiationView,
    /// The meeting's running summary, when decided in meeting mode.
    pub sitting: Option<Sitting>,
}

/// A file name from a signed event (possibly another laptop's), made safe to create:
/// its last path part, without control characters or leading dots.
fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        fallback.to_owned()
    } else {
        cleaned.chars().take(120).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn evidence_names_from_events_cannot_leave_their_folder() {
        assert_eq!(safe_file_name("../../etc/passwd", "h"), "passwd");
        assert_eq!(safe_file_name("C:\\x\\foto.jpg", "h"), "foto.jpg");
        assert_eq!(safe_file_name("..", "h"), "h");
        assert_eq!(safe_file_name(".bashrc", "h"), "bashrc");
        assert_eq!(safe_file_name("laporan\u{7}.pdf", "h"), "laporan.pdf");
    }
}
