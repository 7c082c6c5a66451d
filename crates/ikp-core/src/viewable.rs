//! Which evidence files the desk hands to the system viewer, decided by what the bytes
//! are and never by the name an agency laptop chose. An evidence file arrives from
//! another laptop; opening it with one click must not run a program, a script, a
//! shortcut or a macro. So only content recognised as an image, a PDF, an office
//! document without macros or plain text is opened, under a name made here from a safe
//! alphabet with the extension the content implies. Everything else can only be saved.

use std::io::Cursor;

/// What a file's content was recognised as, with the extension its copy gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewable {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Text,
}

impl Viewable {
    pub fn extension(self) -> &'static str {
        match self {
            Viewable::Png => "png",
            Viewable::Jpeg => "jpg",
            Viewable::Gif => "gif",
            Viewable::Webp => "webp",
            Viewable::Pdf => "pdf",
            Viewable::Docx => "docx",
            Viewable::Xlsx => "xlsx",
            Viewable::Pptx => "pptx",
            Viewable::Odt => "odt",
            Viewable::Ods => "ods",
            Viewable::Odp => "odp",
            Viewable::Text => "txt",
        }
    }
}

/// The viewable kind of `bytes`, or `None` when the file may only be saved.
pub fn classify(bytes: &[u8]) -> Option<Viewable> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Viewable::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Viewable::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Viewable::Gif)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(Viewable::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Viewable::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        office_document(bytes)
    } else if is_plain_text(bytes) {
        Some(Viewable::Text)
    } else {
        None
    }
}

/// An OOXML or OpenDocument archive without macros. A macro-enabled Office file keeps
/// its code in `vbaProject.bin` (or, for Excel 4 macros, in `macrosheets/`); an
/// OpenDocument file keeps Basic and scripts in `Basic/` and `Scripts/`. Any of those,
/// an embedded ActiveX control or an archive that cannot be listed: save only.
fn office_document(bytes: &[u8]) -> Option<Viewable> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> =
        archive.file_names().map(|name| name.map(|name| name.to_ascii_lowercase())).collect::<Result<_, _>>().ok()?;
    let has = |name: &str| names.iter().any(|entry| entry == name);
    let code = names.iter().any(|entry| {
        entry.ends_with("vbaproject.bin")
            || entry.contains("macrosheets/")
            || entry.contains("activex")
            || entry.starts_with("basic/")
            || entry.starts_with("scripts/")
            || (entry.ends_with(".bin") && !entry.contains("printersettings"))
    });
    if code {
        return None;
    }
    if has("[content_types].xml") {
        return if has("word/document.xml") {
            Some(Viewable::Docx)
        } else if has("xl/workbook.xml") {
            Some(Viewable::Xlsx)
        } else if has("ppt/presentation.xml") {
            Some(Viewable::Pptx)
        } else {
            None
        };
    }
    // OpenDocument: the first entry is `mimetype`, stored uncompressed, so its text sits
    // right after the first local header (30 bytes, the name, the extra field).
    let field = |at: usize| bytes.get(at..at + 2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
    let (name_len, extra_len) = (field(26), field(28));
    if bytes.get(30..30 + name_len) == Some(b"mimetype".as_slice()) {
        let rest = bytes.get(30 + name_len + extra_len..).unwrap_or_default();
        let is = |mime: &[u8]| rest.starts_with(mime);
        if is(b"application/vnd.oasis.opendocument.text") && !is(b"application/vnd.oasis.opendocument.text-") {
            return Some(Viewable::Odt);
        }
        if is(b"application/vnd.oasis.opendocument.spreadsheet")
            && !is(b"application/vnd.oasis.opendocument.spreadsheet-")
        {
            return Some(Viewable::Ods);
        }
        if is(b"application/vnd.oasis.opendocument.presentation")
            && !is(b"application/vnd.oasis.opendocument.presentation-")
        {
            return Some(Viewable::Odp);
        }
    }
    None
}

/// UTF-8 with no control characters but tab, line breaks and form feed. Named `.txt`,
/// a script in plain text opens in a text editor, not in its interpreter.
fn is_plain_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    !text.is_empty() && text.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}

/// The name the viewer's copy gets: the original name's stem in letters, digits, `-`
/// and `_` only (no dots, separators, drive letters or direction controls such as
/// U+202E), never a Windows device name, with the extension of the content.
pub fn copy_name(original: &str, kind: Viewable) -> String {
    let base = original.rsplit(['/', '\\', ':']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let safe: String = stem
        .chars()
        .map(|c| if c == ' ' { '-' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(60)
        .collect();
    let safe = safe.trim_matches('-');
    let stem = if safe.is_empty() || is_windows_device(safe) { "bukti".to_owned() } else { safe.to_owned() };
    format!("{stem}.{}", kind.extension())
}

fn is_windows_device(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, body) in entries {
            writer.start_file(*name, stored).unwrap();
            writer.write_all(body).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn content_decides_what_opens() {
        assert_eq!(classify(b"\x89PNG\r\n\x1a\n...."), Some(Viewable::Png));
        assert_eq!(classify(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(Viewable::Jpeg));
        assert_eq!(classify(b"GIF89a...."), Some(Viewable::Gif));
        assert_eq!(classify(b"RIFF\0\0\0\0WEBPVP8 "), Some(Viewable::Webp));
        assert_eq!(classify(b"%PDF-1.7\n"), Some(Viewable::Pdf));
        assert_eq!(classify("Laporan kegiatan\r\nsudah selesai.\n".as_bytes()), Some(Viewable::Text));
        assert_eq!(classify(b"MZ\x90\0\x03\0\0\0"), None, "a Windows program");
        assert_eq!(classify(b"\0\0\0\0"), None);
        assert_eq!(classify(b"L\0\0\0\x01\x14\x02\0"), None, "a shortcut (.lnk)");
        assert_eq!(classify(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), None, "an old Office file, which may hold macros");
        assert_eq!(classify(b"PK\x03\x04 not really a zip"), None);
    }

    #[test]
    fn office_documents_open_only_without_macros() {
        let docx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
        assert_eq!(classify(&docx), Some(Viewable::Docx));
        let xlsx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(classify(&xlsx), Some(Viewable::Xlsx));
        let docm = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        ]);
        assert_eq!(classify(&docm), None);
        let xlm = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/macrosheets/sheet1.xml", b"<xm:macrosheet/>"),
        ]);
        assert_eq!(classify(&xlm), None);
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<doc/>")]);
        assert_eq!(classify(&odt), Some(Viewable::Odt));
        let odt_basic = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("Basic/Standard/Module1.xml", b"Sub Main"),
        ]);
        assert_eq!(classify(&odt_basic), None);
        let jar = zip_of(&[("META-INF/MANIFEST.MF", b"Main-Class: x")]);
        assert_eq!(classify(&jar), None, "an archive that is no document");
    }

    #[test]
    fn hostile_names_become_safe_names_with_the_content_s_extension() {
        assert_eq!(copy_name("bukti\u{202E}fdp.exe", Viewable::Pdf), "buktifdp.pdf");
        assert_eq!(copy_name("C:x.bat", Viewable::Text), "x.txt");
        assert_eq!(copy_name("..\\..\\x", Viewable::Png), "x.png");
        assert_eq!(copy_name("..", Viewable::Png), "bukti.png");
        assert_eq!(copy_name("../../x", Viewable::Png), "x.png");
        assert_eq!(copy_name("CON.pdf", Viewable::Pdf), "bukti.pdf");
        assert_eq!(copy_name("lpt1.txt", Viewable::Text), "bukti.txt");
        assert_eq!(copy_name("foto kegiatan.jpg.exe", Viewable::Jpeg), "foto-kegiatanjpg.jpg");
        assert_eq!(copy_name("Laporan Q3.pdf", Viewable::Pdf), "Laporan-Q3.pdf");
        assert_eq!(copy_name("", Viewable::Gif), "bukti.gif");
        for name in ["bukti\u{202E}fdp.exe", "C:x.bat", "..\\..\\x", "CON.pdf", "a\u{0}b.lnk", "x:Zone.Identifier"] {
            let made = copy_name(name, Viewable::Pdf);
            assert!(made.ends_with(".pdf") && made.matches('.').count() == 1, "{made}");
            assert!(made.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')), "{made}");
        }
    }
}
