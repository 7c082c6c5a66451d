//! The budget absorption chart as an image for the DOCX: one bar per agency, drawn as
//! SVG and rasterized with resvg (already in the build through Typst's PDF writer) with
//! the embedded Liberation Serif, so every laptop makes the same picture offline.
//! The PDF draws the same bars with Typst itself (vector, selectable text).

use std::fmt::Write;

use ikp_core::minutes::document::BudgetSummary;
use resvg::{tiny_skia, usvg};

use crate::fonts::FONTS;

/// Pixels; the DOCX shows the image 16 cm wide, so this is about 250 dpi.
const WIDTH: u32 = 1600;
const ROW: u32 = 32;
const TOP: u32 = 16;
const AXIS: u32 = 56;
const LABEL_RIGHT: u32 = 420;
const BAR_LEFT: u32 = 440;
const BAR_RIGHT: u32 = 1400;
const BAR_COLOUR: &str = "#2f5d8a";

/// The chart as SVG text.
pub fn budget_chart_svg(budget: &BudgetSummary) -> String {
    let height = TOP + ROW * budget.rows.len() as u32 + AXIS;
    let span = f64::from(BAR_RIGHT - BAR_LEFT);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Liberation Serif" font-size="22">"#
    );
    let _ = write!(svg, r#"<rect width="{WIDTH}" height="{height}" fill="white"/>"#);
    let axis_y = TOP + ROW * budget.rows.len() as u32;
    for quarter in 0..=4 {
        let x = f64::from(BAR_LEFT) + span * f64::from(quarter) / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{axis_y}" stroke="#c8c8c8" stroke-width="1.5"/><text x="{x:.1}" y="{}" text-anchor="middle" fill="#444">{}%</text>"##,
            axis_y + 32,
            quarter * 25
        );
    }
    for (index, row) in budget.rows.iter().enumerate() {
        let y = TOP + ROW * index as u32;
        let width = span * f64::from(row.absorption_permille.min(1000)) / 1000.0;
        let _ = write!(
            svg,
            r##"<text x="{LABEL_RIGHT}" y="{}" text-anchor="end">{}</text><rect x="{BAR_LEFT}" y="{}" width="{width:.1}" height="20" fill="{BAR_COLOUR}"/><text x="{}" y="{}">{}</text>"##,
            y + 24,
            escape(&row.agency),
            y + 6,
            BAR_RIGHT + 14,
            y + 24,
            escape(&row.percent)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The chart as PNG bytes with its pixel size; `None` if it cannot be drawn (nothing
/// in it, or the rasterizer refused the SVG — the table still carries the figures).
pub fn budget_chart_png(budget: &BudgetSummary) -> Option<(Vec<u8>, u32, u32)> {
    if budget.rows.is_empty() {
        return None;
    }
    let mut options = usvg::Options::default();
    for font in FONTS {
        options.fontdb_mut().load_font_data(font.to_vec());
    }
    let tree = usvg::Tree::from_str(&budget_chart_svg(budget), &options).ok()?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Some((pixmap.encode_png().ok()?, size.width(), size.height()))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ikp_core::minutes::document::BudgetRow;

    fn row(agency: &str, permille: u32) -> BudgetRow {
        BudgetRow {
            agency: agency.into(),
            pagu: "Rp 1".into(),
            realized: "Rp 1".into(),
            absorption_permille: permille,
            percent: format!("{},{}%", permille / 10, permille % 10),
            plan_percent: "80%".into(),
        }
    }

    #[test]
    fn each_agency_gets_a_bar_as_long_as_its_absorption_and_its_name_in_text() {
        let budget = BudgetSummary {
            fiscal_year: 2026,
            as_of: "per 29 November 2026".into(),
            rows: vec![row("DLH", 800), row("P&K <Kec>", 375), row("Over", 1200)],
            total: row("Jumlah", 600),
        };
        let svg = budget_chart_svg(&budget);
        assert!(svg.contains(">DLH<") && svg.contains(">P&amp;K &lt;Kec&gt;<"), "{svg}");
        // 80% of the 960-pixel bar area; over 100% is drawn full, its text says how much.
        assert!(svg.contains(r#"width="768.0""#) && svg.contains(r#"width="360.0""#), "{svg}");
        assert!(svg.contains(r#"width="960.0""#) && svg.contains(">120,0%<"), "{svg}");

        let (png, width, height) = budget_chart_png(&budget).expect("drawn");
        assert!(png.starts_with(b"\x89PNG"));
        assert_eq!((width, height), (WIDTH, TOP + 3 * ROW + AXIS));
    }
}
