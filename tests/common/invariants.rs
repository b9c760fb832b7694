//! Invariants every paged document keeps, whatever the transcript and the layout: at least one
//! page; pages numbered 1 to n; every composed line placed exactly once, in reading order; no
//! empty page unless it is the only one; every number finite; every body line inside the
//! margins and every running head inside the paper.
//!
//! Part of the checks shared with the fuzz targets (see `checks.rs`); uses only `verbatim`.

use verbatim::layout::{Layout, PagedDocument};

/// Rounding slack, in points.
const SLACK: f32 = 0.02;

/// Checks the invariants above; the error names the first one broken and where.
pub fn check_paged_document(doc: &PagedDocument, layout: &Layout) -> Result<(), String> {
    if doc.pages.is_empty() {
        return Err("no page at all".into());
    }
    let mut expected = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        for (p, paragraph) in block.paragraphs.iter().enumerate() {
            expected.extend((0..paragraph.lines.len()).map(|l| (b, p, l)));
        }
    }
    let placed: Vec<(usize, usize, usize)> =
        doc.pages.iter().flat_map(|page| page.lines.iter().map(|l| (l.block, l.paragraph, l.line))).collect();
    if placed != expected {
        let at = placed.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(placed.len().min(expected.len()));
        return Err(format!(
            "lines are not placed exactly once in order: at placed line {at}, {:?} where {:?} was due ({} placed, {} composed)",
            placed.get(at),
            expected.get(at),
            placed.len(),
            expected.len()
        ));
    }
    let margins = &layout.settings.page.margins;
    let (left, right) = (margins.left.pt() - SLACK, doc.width - margins.right.pt() + SLACK);
    let (top, bottom) = (margins.top.pt() - SLACK, doc.height - margins.bottom.pt() + SLACK);
    for (n, page) in doc.pages.iter().enumerate() {
        if page.number != n + 1 {
            return Err(format!("page {} is numbered {}", n + 1, page.number));
        }
        if page.lines.is_empty() && doc.pages.len() > 1 {
            return Err(format!("page {} is empty", page.number));
        }
        for placed in &page.lines {
            let paragraph = doc.paragraph(placed);
            let line = doc.line(placed);
            let box_top = placed.baseline - paragraph.ascent;
            let box_bottom = box_top + paragraph.leading;
            let numbers = [placed.x, placed.baseline, line.width, paragraph.ascent, paragraph.leading];
            if numbers.iter().any(|v| !v.is_finite()) {
                return Err(format!("page {}: a line has a number that is not finite: {numbers:?}", page.number));
            }
            let inside = box_top >= top && box_bottom <= bottom && placed.x >= left && placed.x + line.width <= right;
            if !inside {
                return Err(format!(
                    "page {}: line {:?} ({:.2}..{:.2} across, {:.2}..{:.2} down) leaves the text area ({left:.2}..{right:.2}, {top:.2}..{bottom:.2})",
                    page.number,
                    line.text,
                    placed.x,
                    placed.x + line.width,
                    box_top,
                    box_bottom
                ));
            }
        }
        for part in page.header.iter().chain(&page.footer) {
            let inside = part.x >= -SLACK
                && part.x + part.line.width <= doc.width + SLACK
                && part.baseline > 0.0
                && part.baseline < doc.height
                && part.x.is_finite()
                && part.line.width.is_finite();
            if !inside {
                return Err(format!(
                    "page {}: running head {:?} at ({:.2}, {:.2}), {:.2} wide, leaves the paper",
                    page.number, part.line.text, part.x, part.baseline, part.line.width
                ));
            }
        }
    }
    Ok(())
}
