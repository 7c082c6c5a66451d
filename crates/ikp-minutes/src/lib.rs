//! Renders the notulen (`ikp_core::minutes::document::MinutesExport`) to DOCX, for the
//! secretariat to edit, and to an A4 PDF, the final copy. Both are made here, offline:
//! the PDF embeds its fonts (Liberation Serif, SIL OFL, in `fonts/`); the DOCX names
//! Times New Roman, whose metrics Liberation Serif shares, as Word offices expect.
//!
//! The rapim brief (`ikp_core::brief::Brief`) and the period report
//! (`ikp_core::report::PeriodReport`) are made here too, by the same Typst renderer
//! (`typst_world`) over one template of short tables (`tables`).
//!
//! A crate of its own because Typst is heavy (hundreds of crates, minutes of cold build):
//! only the CLI and the app depend on it, so the core's tests stay fast.

mod brief;
mod chart;
mod docx;
mod fonts;
mod pdf;
mod report;
mod tables;
mod typst_world;

use ikp_core::minutes::document::MinutesExport;

pub use brief::{brief_file_name, brief_pdf};
pub use docx::to_docx;
pub use pdf::to_pdf;
pub use report::{report_file_name, report_pdf};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the PDF layout failed: {0}")]
    Layout(String),
    #[error("the DOCX could not be written: {0}")]
    Docx(String),
}

/// What the renderers are given: the document and, if set, the letterhead logo (PNG).
pub struct Minutes<'a> {
    pub export: &'a MinutesExport,
    pub logo_png: Option<&'a [u8]>,
}

/// Which file to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

pub fn render(minutes: &Minutes<'_>, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Docx => to_docx(minutes),
        Format::Pdf => to_pdf(minutes),
    }
}

/// The suggested file name: "Notulen 2026-11-16 Rapat Pimpinan.pdf".
pub fn file_name(export: &MinutesExport, format: Format) -> String {
    let title: String = export
        .document
        .title
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' })
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("Notulen {}.{}", title.chars().take(80).collect::<String>(), format.extension())
}

/// Width and height of a PNG, from its header.
pub(crate) fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((width, height))
}
