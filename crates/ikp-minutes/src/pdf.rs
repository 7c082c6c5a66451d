//! The notulen's PDF: Typst lays out `templates/notulen.typ` over the document as JSON.

use serde::Serialize;

use crate::typst_world::compile_pdf;
use crate::{Minutes, RenderError};
use ikp_core::minutes::document::{AddendumLine, DecisionRow, MinutesDocument};

const TEMPLATE: &str = include_str!("../templates/notulen.typ");

/// What the template reads as `data.json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateData<'a> {
    document: &'a MinutesDocument,
    finalized: bool,
    finalized_on: &'a str,
    addenda: &'a [AddendumLine],
    has_logo: bool,
    /// The body's numbered decisions, worded by the core.
    decision_sentences: Vec<String>,
    /// The dialog kinerja's rows, detailed in Lampiran I.
    dialogue_rows: Vec<&'a DecisionRow>,
    /// The body's short form of the budget (the table is a Lampiran's).
    budget_lines: Vec<String>,
}

pub fn to_pdf(minutes: &Minutes<'_>) -> Result<Vec<u8>, RenderError> {
    let export = minutes.export;
    let data = TemplateData {
        document: &export.document,
        finalized: export.finalized,
        finalized_on: export.finalized_on.as_deref().unwrap_or_default(),
        addenda: &export.addenda,
        has_logo: minutes.logo_png.is_some(),
        decision_sentences: export.document.decisions.iter().map(DecisionRow::sentence).collect(),
        dialogue_rows: export.document.decisions.iter().filter(|row| row.is_dialogue()).collect(),
        budget_lines: export.document.budget.as_ref().map(|budget| budget.short_form()).unwrap_or_default(),
    };
    let json = serde_json::to_vec(&data).map_err(|err| RenderError::Layout(err.to_string()))?;
    compile_pdf(TEMPLATE, json, minutes.logo_png)
}
