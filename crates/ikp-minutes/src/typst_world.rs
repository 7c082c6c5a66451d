//! Typst as a library, the one way every PDF here is made: a template over its data as
//! JSON (`data.json`, read as data, never as markup), an optional `logo.png`, and the
//! embedded fonts only (no system fonts, so every laptop makes the same file).

use std::sync::OnceLock;

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::fonts::FONTS;
use crate::RenderError;

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

struct DocumentWorld {
    shared: &'static Shared,
    main: Source,
    data: Bytes,
    logo: Option<Bytes>,
    today: chrono::NaiveDate,
}

impl World for DocumentWorld {
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

/// Lays out `template` over `data` (JSON) and writes the PDF.
pub(crate) fn compile_pdf(template: &str, data: Vec<u8>, logo_png: Option<&[u8]>) -> Result<Vec<u8>, RenderError> {
    let world = DocumentWorld {
        shared: shared(),
        main: Source::new(file_id("/main.typ"), template.to_owned()),
        data: Bytes::new(data),
        logo: logo_png.map(|bytes| Bytes::new(bytes.to_vec())),
        today: chrono::Utc::now().date_naive(),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|errors| {
        RenderError::Layout(errors.iter().map(|error| error.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        RenderError::Layout(errors.iter().map(|error| error.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}
