//! A working document of short tables (`templates/tables.typ`): the rapim brief and the
//! period report are both worded into one of these, then laid out the same way.

use serde::Serialize;

use crate::typst_world::compile_pdf;
use crate::RenderError;

const TEMPLATE: &str = include_str!("../templates/tables.typ");

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TablesDocument {
    /// The PDF's own title (its metadata).
    pub document_title: String,
    /// The heading, in capitals: "BAHAN RAPAT PIMPINAN".
    pub title: String,
    /// The lines under it: the regency or the agency, the day or the period.
    pub lines: Vec<String>,
    /// The page footer's left part.
    pub footer: String,
    pub tables: Vec<Table>,
}

/// One section: a heading, a sentence of totals, and its rows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Table {
    pub title: String,
    pub summary: String,
    pub columns: Vec<&'static str>,
    /// Relative widths, the first (what the row is about) the widest.
    pub widths: Vec<u32>,
    /// Which columns hold figures (set right, to line up their digits).
    pub figures: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// What was left out, or the sentence for an empty section.
    pub footer: String,
}

impl TablesDocument {
    pub(crate) fn to_pdf(&self) -> Result<Vec<u8>, RenderError> {
        let json = serde_json::to_vec(self).map_err(|err| RenderError::Layout(err.to_string()))?;
        compile_pdf(TEMPLATE, json, None)
    }
}
