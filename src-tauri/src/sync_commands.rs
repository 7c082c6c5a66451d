//! Commands of the Sinkronisasi page: export a bundle through the native save dialog,
//! import one through the open dialog or a file dropped on the window. Rust picks and
//! reads the files; the core checks every byte before anything is written.

use chrono::NaiveDate;
use ikp_core::identity::DeviceId;
use ikp_core::principal::Role;
use ikp_core::sync::export::{ExportReport, ExportScope};
use ikp_core::sync::freshness::FreshnessReport;
use ikp_core::sync::import::ImportReport;
use ikp_core::sync::{Enrolment, EnrolmentClaim, SyncOverview};
use ikp_core::{CoreError, InputProblem};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::export_commands::{choose_source, choose_target, safe_file_name, save_bytes, Exporter};
use crate::handed_files::{HandedFile, HandedFiles};
use crate::state::AppState;

/// What to put in a bundle, as the page asks for it.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(tag = "scope", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ExportRequest {
    Everything,
    /// Events stamped on or after this day (`YYYY-MM-DD`, WIB).
    Since {
        since: String,
    },
    /// What this peer (a device key, hex) has not said it holds.
    Peer {
        peer: String,
    },
    /// One meeting's notulen and decisions, and what they stand on, for the agencies.
    Meeting {
        meeting_id: String,
    },
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedBundle {
    pub path: String,
    pub report: ExportReport,
}

#[tauri::command]
#[specta::specta]
pub async fn sync_overview(state: State<'_, AppState>) -> Result<SyncOverview, CoreError> {
    state.with(|desk| desk.sync().overview())
}

/// How current each agency's data is on this laptop (the dashboard and Sinkronisasi).
#[tauri::command]
#[specta::specta]
pub async fn agency_freshness(state: State<'_, AppState>) -> Result<FreshnessReport, CoreError> {
    state.with(|desk| desk.sync().freshness())
}

/// Writes a bundle where the user chooses; `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_sync_bundle(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    request: ExportRequest,
) -> Result<Option<SavedBundle>, CoreError> {
    let scope = scope_of(&request)?;
    // Named for what it holds: a meeting's decisions by the meeting's day.
    let name = match &request {
        ExportRequest::Meeting { meeting_id } => {
            let held_on = state.with(|desk| Ok(desk.minutes().detail(meeting_id)?.meeting.held_on))?;
            format!("keputusan-rapim-{held_on}.ikp")
        }
        _ => format!("ikp-{}.ikp", state.with(|desk| Ok(desk.today()))?.format("%Y%m%d")),
    };
    let name = safe_file_name(&name)?;
    let Some(path) = choose_target(&exporter.0, &name)? else {
        return Ok(None);
    };
    let report = state.with(|desk| desk.sync().export_to_file(&path, &scope))?;
    Ok(Some(SavedBundle { path: path.display().to_string(), report }))
}

/// The bundle the user picks in the open dialog, handed to the page to import; `None`
/// when cancelled. Picking and importing are two steps so that a file which would pin
/// this laptop's trust root can be imported again once the person confirmed the root.
#[tauri::command]
#[specta::specta]
pub async fn pick_sync_bundle(
    exporter: State<'_, Exporter>,
    handed: State<'_, HandedFiles>,
) -> Result<Option<HandedFile>, CoreError> {
    Ok(choose_source(&exporter.0, "ikp")?.map(|path| handed.hand_out(path)))
}

/// Imports a bundle the shell handed to the page: picked, dropped onto the window or
/// opened from outside the app (`handle`, never a path the page makes up).
/// `confirmed_root` is the fingerprint the person confirmed, when the file would pin this
/// laptop's first trust root (the import refuses with `RootNotConfirmed` until then).
#[tauri::command]
#[specta::specta]
pub async fn import_handed_bundle(
    state: State<'_, AppState>,
    handed: State<'_, HandedFiles>,
    handle: String,
    confirmed_root: Option<String>,
) -> Result<ImportReport, CoreError> {
    let path = handed.path_of(&handle)?;
    state.with(|desk| desk.sync().import_file(&path, confirmed_root.as_deref()))
}

/// An enrolment request file the root picked, and what it claims.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RequestFile {
    pub file: HandedFile,
    pub claim: EnrolmentClaim,
}

/// What the root grants: the role and agency the request claimed, or the root's
/// correction (a new laptop may not know its agency's code, or may claim too much).
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GrantChoice {
    pub role: Role,
    pub agency_code: Option<String>,
}

/// The root's answer: the grant, and where its answer bundle went (`None` if the save
/// dialog was cancelled; a bundle for that laptop can be exported later).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApprovedEnrolment {
    pub enrolment: Enrolment,
    pub answer: Option<SavedBundle>,
}

/// A new laptop writes its enrolment request where the user chooses.
#[tauri::command]
#[specta::specta]
pub async fn save_enrolment_request(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
) -> Result<Option<String>, CoreError> {
    let (bytes, name) = state.with(|desk| {
        let user = desk.status()?.device.map(|device| device.user_name).unwrap_or_default();
        Ok((desk.sync().enrolment_request()?, format!("permintaan-pendaftaran-{user}.ikp")))
    })?;
    save_bytes(&exporter, &name, &bytes)
}

/// The trust root picks a request file and reads what it claims; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn read_enrolment_request(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    handed: State<'_, HandedFiles>,
) -> Result<Option<RequestFile>, CoreError> {
    let Some(path) = choose_source(&exporter.0, "ikp")? else {
        return Ok(None);
    };
    let bytes = ikp_core::sync::bundle::read_file(&path)?;
    let claim = state.with(|desk| desk.sync().read_enrolment_request(&bytes))?;
    Ok(Some(RequestFile { file: handed.hand_out(path), claim }))
}

/// The trust root approves the request it read (the file must still be the one shown:
/// `request_sha256`), then saves the answer bundle.
#[tauri::command]
#[specta::specta]
pub async fn approve_enrolment_request(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    handed: State<'_, HandedFiles>,
    handle: String,
    request_sha256: String,
    grant: GrantChoice,
) -> Result<ApprovedEnrolment, CoreError> {
    let bytes = ikp_core::sync::bundle::read_file(&handed.path_of(&handle)?)?;
    let choice = Some((grant.role, grant.agency_code));
    let enrolment = state.with(|desk| desk.sync().approve_shown_enrolment(&bytes, &request_sha256, choice))?;
    let name = safe_file_name(&format!("jawaban-pendaftaran-{}.ikp", enrolment.user_name))?;
    let answer = match choose_target(&exporter.0, &name)? {
        Some(target) => {
            let report = state.with(|desk| desk.sync().export_to_file(&target, &ExportScope::Everything))?;
            Some(SavedBundle { path: target.display().to_string(), report })
        }
        None => None,
    };
    Ok(ApprovedEnrolment { enrolment, answer })
}

/// The trust root revokes a laptop (lost, stolen, or its user moved on).
#[tauri::command]
#[specta::specta]
pub async fn revoke_device(
    state: State<'_, AppState>,
    device_id: String,
    reason: String,
) -> Result<SyncOverview, CoreError> {
    state.with(|desk| {
        desk.sync().revoke_device(&device_id, &reason)?;
        desk.sync().overview()
    })
}

fn scope_of(request: &ExportRequest) -> Result<ExportScope, CoreError> {
    match request {
        ExportRequest::Everything => Ok(ExportScope::Everything),
        ExportRequest::Since { since } => NaiveDate::parse_from_str(since, "%Y-%m-%d")
            .map(ExportScope::Since)
            .map_err(|_| CoreError::invalid("since", InputProblem::NotADate)),
        ExportRequest::Peer { peer } => DeviceId::from_hex(peer)
            .map(ExportScope::ForPeer)
            .ok_or_else(|| CoreError::invalid("peer", InputProblem::NotAllowed)),
        ExportRequest::Meeting { meeting_id } => Ok(ExportScope::Meeting(meeting_id.clone())),
    }
}

/// The trust root seals its key under a passphrase and saves it where the user chooses
/// (a USB stick kept in the office safe); `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn backup_root_key(
    state: State<'_, AppState>,
    exporter: State<'_, Exporter>,
    passphrase: String,
) -> Result<Option<String>, CoreError> {
    let sealed = state.with(|desk| desk.settings().backup_root_key(&passphrase))?;
    let today = state.with(|desk| Ok(desk.today()))?;
    save_bytes(&exporter, &format!("cadangan-kunci-akar-{}.ikproot", today.format("%Y%m%d")), &sealed)
}

/// The trust root hands over to a new Regent's laptop, named by its device key (shown on
/// that laptop's Sinkronisasi page). This laptop signs as the root no more after it.
#[tauri::command]
#[specta::specta]
pub async fn hand_over_root(
    state: State<'_, AppState>,
    successor: String,
    reason: String,
) -> Result<SyncOverview, CoreError> {
    state.with(|desk| {
        desk.sync().hand_over_root(&successor, &reason)?;
        desk.sync().overview()
    })
}
