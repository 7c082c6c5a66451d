//! The PDF: Typst lays out `templates/notulen.typ` over the document as JSON, with the
//! embedded fonts only (no system fonts, so every laptop makes the same file).

use std::sync::OnceLock;

use chrono::Datelike;
use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::fonts::FONTS;
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

/// The parts every export shares, made once per process: the standard library and the
/// fonts (parsing them is most of a cold export).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS.iter().filter_map(|data| Font::new(Bytes::new(*data), 0)).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("static paths are valid")).intern()
}

struct NotulenWorld {
    shared: &'static Shared,
    main: Source,
    data: Bytes,
    logo: Option<Bytes>,
    today: chrono::NaiveDate,
}

impl World for NotulenWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("/data.json") {
            return Ok(self.data.clone());
        }
        match &self.logo {
            Some(logo) if id == file_id("/logo.png") => Ok(logo.clone()),
            _ => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
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
    let world = NotulenWorld {
        shared: shared(),
        main: Source::new(file_id("/main.typ"), TEMPLATE.to_owned()),
        data: Bytes::new(json),
        logo: minutes.logo_png.map(|bytes| Bytes::new(bytes.to_vec())),
        today: chrono::Utc::now().date_naive(),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|errors| {
        RenderError::Layout(errors.iter().map(|error| error.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        RenderError::Layout(errors.iter().map(|error| error.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}
