//! The DOCX: the same sections as the PDF, as paragraphs and Word tables the
//! secretariat can edit; the budget chart is a picture (`chart`), its figures are in
//! the table above it.

use docx_rs::*;

use crate::{png_size, Minutes, RenderError};
use ikp_core::minutes::document::{BudgetSummary, DecisionRow, MinutesDocument};
use ikp_core::minutes::payload::Official;

const FONT: &str = "Times New Roman";
/// Half-points.
const BODY: usize = 22;
const SMALL: usize = 18;
/// A4 text width in twips (21 cm − 2.5 cm − 2 cm).
const TEXT_WIDTH: usize = 9355;

fn text(content: &str) -> Run {
    Run::new().add_text(content)
}

fn para(content: &str) -> Paragraph {
    Paragraph::new().add_run(text(content))
}

/// A heading: bold, and kept on the page of what follows it.
fn bold(content: &str) -> Paragraph {
    Paragraph::new().add_run(text(content).bold()).keep_next(true)
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

fn cell(content: &str, width: usize, size: usize) -> TableCell {
    let mut paragraph = Paragraph::new();
    for (index, line) in content.split('\n').enumerate() {
        let mut run = Run::new().add_text(line).size(size);
        if index > 0 {
            run = Run::new().add_break(BreakType::TextWrapping).add_text(line).size(size);
        }
        paragraph = paragraph.add_run(run);
    }
    TableCell::new().add_paragraph(paragraph).width(width, WidthType::Dxa)
}

fn header_cell(content: &str, width: usize, size: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().add_run(text(content).bold().size(size)))
        .width(width, WidthType::Dxa)
        .shading(Shading::new().fill("D9D9D9"))
}

/// A table of `widths` (twips) with a header row and text rows.
fn table(widths: &[usize], header: &[&str], rows: Vec<Vec<String>>, size: usize) -> Table {
    let mut all =
        vec![TableRow::new(header.iter().zip(widths).map(|(title, width)| header_cell(title, *width, size)).collect())];
    for row in rows {
        all.push(TableRow::new(row.iter().zip(widths).map(|(value, width)| cell(value, *width, size)).collect()));
    }
    Table::new(all).set_grid(widths.to_vec()).width(widths.iter().sum(), WidthType::Dxa)
}

fn official(official: &Official) -> String {
    if official.title.is_empty() {
        official.name.clone()
    } else {
        format!("{} ({})", official.name, official.title)
    }
}

pub fn to_docx(minutes: &Minutes<'_>) -> Result<Vec<u8>, RenderError> {
    let export = minutes.export;
    let d = &export.document;
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1247).left(1418).right(1134))
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(BODY);

    // Kop surat: logo beside the regency's name, a double rule below.
    let logo_cell = match minutes.logo_png.and_then(|png| png_size(png).map(|size| (png, size))) {
        Some((png, (width, height))) => {
            let height_emu = 828_000u32; // 2.3 cm
            let width_emu = (u64::from(height_emu) * u64::from(width) / u64::from(height.max(1))) as u32;
            let pic = Pic::new_with_dimensions(png.to_vec(), width, height).size(width_emu, height_emu);
            TableCell::new().add_paragraph(centered(Run::new().add_image(pic)))
        }
        None => TableCell::new().add_paragraph(Paragraph::new()),
    }
    .width(1300, WidthType::Dxa)
    .vertical_align(VAlignType::Center);
    let heading = TableCell::new()
        .add_paragraph(centered(text(&d.letterhead.government.to_uppercase()).bold().size(28)))
        .add_paragraph(centered(text(&d.letterhead.office.to_uppercase()).bold().size(32)))
        .add_paragraph(centered(text(&d.letterhead.address).size(19)))
        .width(TEXT_WIDTH - 1300, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    let kop =
        Table::new(vec![TableRow::new(vec![logo_cell, heading])]).set_grid(vec![1300, TEXT_WIDTH - 1300]).set_borders(
            TableBorders::new()
                .clear_all()
                .set(TableBorder::new(TableBorderPosition::Bottom).border_type(BorderType::ThickThinSmallGap).size(24)),
        );
    docx = docx.add_table(kop);

    if !export.finalized {
        docx = docx.add_paragraph(centered(text("KONSEP — belum ditetapkan").bold().color("C00000")));
    }
    docx = docx.add_paragraph(centered(text(&d.heading).bold().underline("single").size(26)));
    if !d.number.is_empty() {
        docx = docx.add_paragraph(centered(text(&format!("Nomor: {}", d.number))));
    }
    docx = docx.add_paragraph(Paragraph::new());

    let identity = [
        ("Nama rapat", d.title.clone()),
        ("Hari, tanggal", d.day_and_date.clone()),
        ("Waktu", d.time.clone()),
        ("Tempat", d.place.clone()),
        ("Pimpinan rapat", official(&d.chair)),
        ("Sekretaris", official(&d.secretary)),
        ("Notulis", official(&d.notulis)),
    ];
    let identity_rows = identity
        .iter()
        .map(|(label, value)| {
            TableRow::new(vec![cell(label, 2400, BODY), cell(":", 250, BODY), cell(value, TEXT_WIDTH - 2650, BODY)])
        })
        .collect();
    docx = docx.add_table(
        Table::new(identity_rows)
            .set_grid(vec![2400, 250, TEXT_WIDTH - 2650])
            .set_borders(TableBorders::new().clear_all()),
    );

    docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold("I. PESERTA RAPAT"));
    if d.attendees.is_empty() {
        docx = docx.add_paragraph(para("Daftar hadir terlampir."));
    } else {
        let rows = numbered(&d.attendees, |a| vec![a.name.clone(), a.position.clone(), a.presence.clone()]);
        docx = docx.add_table(table(&[600, 3700, 3700, 1355], &["No", "Nama", "Jabatan", "Kehadiran"], rows, BODY));
        docx = docx.add_paragraph(para("Daftar hadir yang ditandatangani peserta terlampir."));
    }

    docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold("II. ACARA"));
    for (i, item) in d.agenda.iter().enumerate() {
        docx = docx.add_paragraph(para(&format!("{}. {}", i + 1, item.title)));
    }

    docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold("III. PEMBAHASAN"));
    for (i, item) in d.agenda.iter().enumerate() {
        docx = docx.add_paragraph(bold(&format!("{}. {}", i + 1, item.title)));
        for paragraph in item.discussion.split("\n\n").filter(|p| !p.trim().is_empty()) {
            docx = docx.add_paragraph(para(paragraph));
        }
        for fact in &item.facts {
            docx = docx.add_paragraph(para(&format!("• {fact}")));
        }
    }

    // The Lampiran follow the signatures, numbered in that order.
    let dialogue: Vec<&DecisionRow> = d.decisions.iter().filter(|row| row.is_dialogue()).collect();
    let budget_appendix = if dialogue.is_empty() { "I" } else { "II" };

    docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold("IV. KEPUTUSAN / KESIMPULAN RAPAT"));
    if d.decisions.is_empty() {
        docx = docx.add_paragraph(para("Tidak ada keputusan."));
    }
    for (i, row) in d.decisions.iter().enumerate() {
        docx = docx.add_paragraph(para(&format!("{}. {}", i + 1, row.sentence())));
    }
    if !dialogue.is_empty() {
        docx = docx.add_paragraph(para("Rincian keputusan dialog kinerja: Lampiran I."));
    }

    let mut next_section = 5;
    let roman = ["", "I", "II", "III", "IV", "V", "VI", "VII"];
    if let Some(budget) = &d.budget {
        docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold(&format!(
            "{}. SERAPAN ANGGARAN TAHUN ANGGARAN {}",
            roman[next_section], budget.fiscal_year
        )));
        next_section += 1;
        for line in budget.short_form() {
            docx = docx.add_paragraph(para(&line));
        }
        docx = docx
            .add_paragraph(para(&format!("Rincian per perangkat daerah dan grafiknya: Lampiran {budget_appendix}.")));
    }

    docx = docx
        .add_paragraph(Paragraph::new())
        .add_paragraph(bold(&format!("{}. RENCANA TINDAK LANJUT", roman[next_section])));
    if d.follow_ups.is_empty() {
        docx = docx.add_paragraph(para("Tidak ada."));
    } else {
        let rows = numbered(&d.follow_ups, |f| {
            vec![f.action.clone(), f.agency.clone(), f.deadline.clone(), f.instruction.clone()]
        });
        docx = docx.add_table(table(
            &[500, 4055, 1500, 1800, 1500],
            &["No", "Tindak lanjut", "Penanggung jawab", "Tenggat", "Instruksi IKP"],
            rows,
            SMALL,
        ));
    }

    if !export.addenda.is_empty() {
        docx = docx.add_paragraph(Paragraph::new()).add_paragraph(bold(&format!(
            "ADENDUM (koreksi setelah notulen ditetapkan {})",
            export.finalized_on.as_deref().unwrap_or_default()
        )));
        for (i, addendum) in export.addenda.iter().enumerate() {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(text(&format!("Adendum {}, {}: ", i + 1, addendum.added_on)).bold())
                    .add_run(text(&addendum.text)),
            );
        }
    }

    docx = signatures(docx, d);
    docx = attendance_list(docx, d);
    if !dialogue.is_empty() {
        docx = appendix(docx, d, "I", "RINCIAN KEPUTUSAN DIALOG KINERJA");
        docx = docx.add_table(dialogue_table(&dialogue));
    }
    if let Some(budget) = &d.budget {
        let title = format!("SERAPAN ANGGARAN TAHUN ANGGARAN {} ({})", budget.fiscal_year, budget.as_of);
        docx = appendix(docx, d, budget_appendix, &title);
        docx = budget_appendix_body(docx, budget);
    }

    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|err| RenderError::Docx(err.to_string()))?;
    Ok(out.into_inner())
}

/// Notulis on the left, Pimpinan Rapat on the right, row by row so the names sit at the
/// same height; between role and name an empty, dashed field for a signature (never a
/// faked one).
fn signatures(docx: Docx, d: &MinutesDocument) -> Docx {
    let half = TEXT_WIDTH / 2;
    let line = |content: &str| TableCell::new().add_paragraph(centered(text(content))).width(half, WidthType::Dxa);
    let field = || {
        let dashed = |position| TableBorder::new(position).border_type(BorderType::Dashed).size(4).color("AAAAAA");
        let inner = Table::new(vec![TableRow::new(vec![TableCell::new()
            .add_paragraph(centered(text("tanda tangan").size(14).color("999999")))
            .width(2835, WidthType::Dxa)])
        .row_height(1134.0)
        .height_rule(HeightRule::Exact)])
        .set_grid(vec![2835])
        .align(TableAlignmentType::Center)
        .set_borders(
            TableBorders::new()
                .set(dashed(TableBorderPosition::Top))
                .set(dashed(TableBorderPosition::Bottom))
                .set(dashed(TableBorderPosition::Left))
                .set(dashed(TableBorderPosition::Right)),
        );
        TableCell::new().add_table(inner).add_paragraph(Paragraph::new()).width(half, WidthType::Dxa)
    };
    let name = |o: &Official| {
        let mut cell = TableCell::new().add_paragraph(centered(text(&o.name).bold().underline("single")));
        if !o.rank.is_empty() {
            cell = cell.add_paragraph(centered(text(&o.rank)));
        }
        if !o.nip.is_empty() {
            cell = cell.add_paragraph(centered(text(&format!("NIP. {}", o.nip))));
        }
        cell.width(half, WidthType::Dxa)
    };
    let rows = vec![
        TableRow::new(vec![line(""), line(&d.signed_at)]),
        TableRow::new(vec![line("Notulis,"), line("Pimpinan Rapat,")]),
        TableRow::new(vec![line(&d.notulis.title), line(&d.chair.title)]),
        TableRow::new(vec![field(), field()]),
        TableRow::new(vec![name(&d.notulis), name(&d.chair)]),
    ];
    docx.add_paragraph(Paragraph::new())
        .add_table(Table::new(rows).set_grid(vec![half, half]).set_borders(TableBorders::new().clear_all()))
}

/// The daftar hadir on a page of its own: the people listed and spare lines, signature
/// numbers staggered left and right as attendance lists are signed.
fn attendance_list(docx: Docx, d: &MinutesDocument) -> Docx {
    const SPARE: usize = 5;
    let widths = [600, 3000, 3000, 2755];
    let people =
        d.attendees.iter().map(|a| (a.name.as_str(), a.position.as_str())).chain(std::iter::repeat_n(("", ""), SPARE));
    let mut rows = vec![TableRow::new(
        ["No", "Nama", "Jabatan", "Tanda tangan"]
            .iter()
            .zip(widths)
            .map(|(title, width)| header_cell(title, width, BODY))
            .collect(),
    )];
    for (i, (name, position)) in people.enumerate() {
        let number = format!("{}.", i + 1);
        let signature = Paragraph::new().add_run(text(&number)).align(if i % 2 == 0 {
            AlignmentType::Left
        } else {
            AlignmentType::Center
        });
        rows.push(
            TableRow::new(vec![
                cell(&(i + 1).to_string(), widths[0], BODY),
                cell(name, widths[1], BODY),
                cell(position, widths[2], BODY),
                TableCell::new().add_paragraph(signature).width(widths[3], WidthType::Dxa),
            ])
            .row_height(595.0)
            .height_rule(HeightRule::AtLeast),
        );
    }
    docx.add_paragraph(centered(text("DAFTAR HADIR").bold().size(26)).page_break_before(true))
        .add_paragraph(centered(text(&d.title)))
        .add_paragraph(centered(text(&format!("{}, {}", d.day_and_date, d.place))))
        .add_paragraph(Paragraph::new())
        .add_table(Table::new(rows).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa))
}

/// A table's rows, each led by its number ("No" column) from 1.
fn numbered<T>(items: &[T], cells: impl Fn(&T) -> Vec<String>) -> Vec<Vec<String>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| std::iter::once((i + 1).to_string()).chain(cells(item)).collect())
        .collect()
}

/// A Lampiran's head on a new page.
fn appendix(docx: Docx, d: &MinutesDocument, number: &str, title: &str) -> Docx {
    docx.add_paragraph(bold(&format!("LAMPIRAN {number}")).page_break_before(true))
        .add_paragraph(para(&format!("Notulen {}, {}", d.title, d.day_and_date)).keep_next(true))
        .add_paragraph(bold(title))
}

fn dialogue_table(rows: &[&DecisionRow]) -> Table {
    let rows = numbered(rows, |r| {
        vec![
            r.agency.clone(),
            r.indicator.clone(),
            r.original_target.clone(),
            r.requested.clone(),
            r.decision.clone(),
            r.effective_target.clone(),
            r.note.clone(),
        ]
    });
    table(
        &[450, 1000, 1805, 1000, 1000, 1600, 1000, 1500],
        &["No", "Perangkat Daerah", "Indikator", "Target awal", "Diminta", "Keputusan", "Target berlaku", "Catatan"],
        rows,
        SMALL,
    )
}

fn budget_appendix_body(docx: Docx, budget: &BudgetSummary) -> Docx {
    let mut rows = numbered(&budget.rows, |r| {
        vec![r.agency.clone(), r.pagu.clone(), r.realized.clone(), r.percent.clone(), r.plan_percent.clone()]
    });
    let t = &budget.total;
    rows.push(vec![
        String::new(),
        "Jumlah".into(),
        t.pagu.clone(),
        t.realized.clone(),
        t.percent.clone(),
        t.plan_percent.clone(),
    ]);
    let mut docx = docx.add_table(table(
        &[500, 2455, 2200, 2200, 1000, 1000],
        &["No", "Perangkat Daerah", "Pagu", "Realisasi", "Serapan", "Rencana"],
        rows,
        SMALL,
    ));
    if let Some((png, width, height)) = crate::chart::budget_chart_png(budget) {
        let width_emu = 5_760_000u32; // 16 cm
        let height_emu = (u64::from(width_emu) * u64::from(height) / u64::from(width.max(1))) as u32;
        let pic = Pic::new_with_dimensions(png, width, height).size(width_emu, height_emu);
        docx = docx
            .add_paragraph(Paragraph::new())
            .add_paragraph(
                centered(text("Grafik serapan anggaran per perangkat daerah").bold().size(SMALL)).keep_next(true),
            )
            .add_paragraph(centered(Run::new().add_image(pic)));
    }
    docx
}
