//! The desk's evidence files: attaching them, checking they are stored, opening one.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use crate::desk::{safe_file_name, Desk};
use crate::error::{CoreError, InputProblem, Result};
use crate::evidence::EvidenceStore;
use crate::instruction::payload::EvidenceRef;

impl Desk {
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
