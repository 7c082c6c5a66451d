//! The desk's evidence files: attaching them, checking they are stored, opening one.

use std::fs;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use crate::desk::{safe_file_name, Desk};
use crate::error::{CoreError, InputProblem, Result};
use crate::evidence::EvidenceStore;
use crate::use_case::EvidenceRef;
use crate::viewable;

/// `desk.evidence()`: the use cases of evidence files: attaching, viewing and copying them.
pub struct EvidenceDesk<D> {
    pub(crate) desk: D,
}

impl Desk {
    /// Evidence named in a report or request must already be in the evidence store.
    pub(crate) fn require_evidence(&self, evidence: &[EvidenceRef]) -> Result<()> {
        let store = EvidenceStore::new(&self.data_dir);
        match evidence.iter().find(|item| !store.contains(&item.sha256)) {
            Some(missing) => {
                Err(CoreError::invalid(&format!("evidence.{}", missing.file_name), InputProblem::Required))
            }
            None => Ok(()),
        }
    }
}

impl<D: Deref<Target = Desk>> EvidenceDesk<D> {
    /// Copies a file into the evidence store; the returned reference goes into a
    /// progress report.
    pub fn attach(&self, path: &Path) -> Result<EvidenceRef> {
        EvidenceStore::new(&self.desk.data_dir).put_file(path)
    }

    pub fn attach_bytes(&self, file_name: &str, bytes: &[u8]) -> Result<EvidenceRef> {
        EvidenceStore::new(&self.desk.data_dir).put_bytes(file_name, bytes)
    }

    /// A stored evidence file, ready for the system viewer: a copy in
    /// `<data dir>/opened/<sha256>/` named from a safe alphabet with the extension its
    /// content implies (see `viewable`). Only a well-formed hash that a progress report or a
    /// complaint follow-up refers to and that is stored here is accepted: the screen never
    /// names a path. Content that is not an image, a PDF, an office document without
    /// macros or plain text is refused with `EvidenceNotViewable`: it may only be saved.
    pub fn for_viewing(&self, sha256: &str) -> Result<PathBuf> {
        let file_name = self.evidence_file_name(sha256)?;
        let store = EvidenceStore::new(&self.desk.data_dir);
        let stored = store.path_of(sha256)?;
        let bytes = fs::read(&stored).map_err(|_| CoreError::UnknownEvidence { sha256: sha256.to_owned() })?;
        let kind = viewable::classify(&bytes)
            .ok_or_else(|| CoreError::EvidenceNotViewable { file_name: safe_file_name(&file_name, sha256) })?;
        let dir = self.desk.data_dir.join("opened").join(sha256);
        let copy = dir.join(viewable::copy_name(&file_name, kind));
        if !copy.exists() {
            fs::create_dir_all(&dir)?;
            fs::write(&copy, &bytes)?;
            mark_from_elsewhere(&copy)?;
        }
        Ok(copy)
    }

    /// The bytes of a stored evidence file and the name it was attached under, for
    /// "save a copy", which is offered for every file, viewable or not.
    pub fn copy(&self, sha256: &str) -> Result<(String, Vec<u8>)> {
        let file_name = self.evidence_file_name(sha256)?;
        let bytes = fs::read(EvidenceStore::new(&self.desk.data_dir).path_of(sha256)?)
            .map_err(|_| CoreError::UnknownEvidence { sha256: sha256.to_owned() })?;
        Ok((safe_file_name(&file_name, sha256), bytes))
    }

    /// The name a referenced evidence file was attached under.
    fn evidence_file_name(&self, sha256: &str) -> Result<String> {
        let unknown = || CoreError::UnknownEvidence { sha256: sha256.chars().take(80).collect() };
        if !crate::evidence::is_sha256_hex(sha256) {
            return Err(unknown());
        }
        let conn = self.desk.store.conn();
        let from_progress: Option<String> = conn
            .query_row(
                "SELECT file_name FROM progress_evidence WHERE sha256 = ?1 ORDER BY file_name LIMIT 1",
                [sha256],
                |row| row.get(0),
            )
            .optional()?;
        // Complaint follow-up keeps its evidence (and closing proof) as signed JSON.
        match from_progress {
            Some(name) => Ok(name),
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
                .ok_or_else(unknown),
        }
    }
}

/// On Windows, the Mark of the Web: the `Zone.Identifier` stream that Explorer, Office
/// and SmartScreen read as "this came from the Internet zone" (3), so Office opens the
/// copy in Protected View. Other systems have no such mark the viewer honours.
#[cfg(windows)]
fn mark_from_elsewhere(copy: &Path) -> Result<()> {
    let mut stream = copy.as_os_str().to_owned();
    stream.push(":Zone.Identifier");
    fs::write(PathBuf::from(stream), b"[ZoneTransfer]\r\nZoneId=3\r\n")?;
    Ok(())
}

#[cfg(not(windows))]
fn mark_from_elsewhere(_copy: &Path) -> Result<()> {
    Ok(())
}
