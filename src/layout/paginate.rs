//! Paginate: the only place where page breaks are decided.
//!
//! Rules, strongest first: a `page_break` block or a heading at or above the layout's
//! `page_before_heading_level` starts a page; a heading stays with the lines that follow it;
//! a speaker label stays with the first `keep_label_lines` lines of its turn; no paragraph
//! leaves fewer than `orphans` lines at the foot of a page or `widows` at the top. When no
//! break satisfies the rules (a block taller than a page), the page is filled and the block
//! split, so pagination always terminates and every line is placed exactly once.
//! Running headers and footers are rendered afterwards, when the page count is known.

use super::Layout;
use super::fonts::{FaceId, FontBook, Resolved, Variant};
use super::paged::{Block, Line, MissingGlyph, Page, Placed, Role, Running, Span};
use super::settings::{Align, ParagraphStyle};
use super::templates::{TemplateError, document_data};
use crate::model::Transcript;

/// Tolerance for rounding when a line exactly fills the page.
const EPSILON: f32 = 0.01;

/// One line in the flat stream the paginator walks.
struct Item {
    block: usize,
    paragraph: usize,
    line: usize,
    leading: f32,
    /// Space above this line when it does not open a page.
    gap: f32,
    /// Whether a page may end just before this line.
    break_allowed: bool,
    /// Whether a page must end just before this line.
    break_forced: bool,
}

/// Places the lines of `blocks` on pages of the layout's size.
pub fn paginate(blocks: &[Block], layout: &Layout) -> Vec<Page> {
    let items = items(blocks, layout);
    let margins = &layout.settings.page.margins;
    let height = layout.settings.content_height();
    let mut pages: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut used = 0.0;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        if item.break_forced && !current.is_empty() {
            pages.push(std::mem::take(&mut current));
            used = 0.0;
            continue;
        }
        let gap = if current.is_empty() { 0.0 } else { item.gap };
        if current.is_empty() || used + gap + item.leading <= height + EPSILON {
            current.push(i);
            used += gap + item.leading;
            i += 1;
            continue;
        }
        // The line does not fit: end the page at the latest allowed break on it, or here.
        let first = current[0];
        if let Some(at) = (first + 1..=i).rev().find(|&j| items[j].break_allowed) {
            current.truncate(at - first);
            i = at;
        }
        pages.push(std::mem::take(&mut current));
        used = 0.0;
    }
    if !current.is_empty() || pages.is_empty() {
        pages.push(current);
    }

    pages
        .into_iter()
        .enumerate()
        .map(|(n, indices)| {
            let mut y = margins.top.pt();
            let lines = indices
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let item = &items[i];
                    if k > 0 {
                        y += item.gap;
                    }
                    let paragraph = &blocks[item.block].paragraphs[item.paragraph];
                    let placed = Placed {
                        block: item.block,
                        paragraph: item.paragraph,
                        line: item.line,
                        x: margins.left.pt() + paragraph.lines[item.line].x,
                        baseline: y + paragraph.ascent,
                    };
                    y += item.leading;
                    placed
                })
                .collect();
            Page { number: n + 1, lines, header: Vec::new(), footer: Vec::new() }
        })
        .collect()
}

/// Flattens the blocks into lines, deciding where a page may and must end.
fn items(blocks: &[Block], layout: &Layout) -> Vec<Item> {
    let rules = &layout.settings.breaks;
    let widows = rules.widows.max(1) as usize;
    let orphans = rules.orphans.max(1) as usize;
    let keep_label = rules.keep_label_lines as usize;
    let mut items = Vec::new();
    let mut previous_space_after = 0.0;
    let mut keep_with_previous = false;
    for (b, block) in blocks.iter().enumerate() {
        for (p, paragraph) in block.paragraphs.iter().enumerate() {
            let n = paragraph.lines.len();
            let first_of_block = p == 0;
            let after_label = p > 0 && block.paragraphs[p - 1].role == Role::Label;
            let carries_label = paragraph.label.is_some() || after_label;
            let unbreakable = matches!(paragraph.role, Role::Heading(_) | Role::Title | Role::Subtitle | Role::Meta | Role::Label);
            // Lines that must stay at the head of this paragraph on one page.
            let head = if carries_label { orphans.max(keep_label) } else { orphans };
            for k in 0..n {
                let break_allowed = if k == 0 {
                    !(after_label || items.is_empty() || first_of_block && keep_with_previous)
                } else {
                    !unbreakable && k >= head && n - k >= widows
                };
                items.push(Item {
                    block: b,
                    paragraph: p,
                    line: k,
                    leading: paragraph.leading,
                    gap: if k == 0 { previous_space_after + paragraph.space_before } else { 0.0 },
                    break_allowed,
                    break_forced: k == 0 && first_of_block && block.break_before,
                });
            }
            previous_space_after = paragraph.space_after;
        }
        keep_with_previous = block.keep_with_next;
    }
    items
}

/// Renders the running header and footer of every page, now that the page count is known.
/// Stand-ins for `page` and `pages` while the running heads are rendered (private-use
/// characters no template writes).
const PAGE: &str = "\u{F8F0}";
const PAGES: &str = "\u{F8F1}";

/// Returns the characters of the running heads that no font covers. The header and footer
/// templates are rendered once; `page` and `pages` are filled in per page, so a template can
/// print them but not compute with them.
pub fn add_running_heads(
    pages: &mut [Page],
    t: &Transcript,
    layout: &Layout,
    fonts: &FontBook,
) -> Result<Vec<MissingGlyph>, TemplateError> {
    let mut missing = Vec::new();
    let settings = &layout.settings;
    let (width, height) = settings.page_dimensions();
    let count = pages.len();
    // Rendered once, with stand-ins for the page numbers filled in page by page.
    let mut data = document_data(t);
    data["page"] = PAGE.into();
    data["pages"] = PAGES.into();
    let header = layout.templates.render("header", &data, "the running header")?;
    let footer = layout.templates.render("footer", &data, "the running footer")?;
    let fill = |text: &str, page: usize| text.replace(PAGE, &page.to_string()).replace(PAGES, &count.to_string());
    for page in pages.iter_mut() {
        let first = page.number == 1;
        if !first || settings.header.first_page {
            let text = fill(&header, page.number);
            let place = format!("the running header of page {}", page.number);
            page.header =
                running(&text, &settings.styles.header, layout, settings.page.margins.header.pt(), width, (&mut missing, &place), fonts);
        }
        if !first || settings.footer.first_page {
            let text = fill(&footer, page.number);
            let place = format!("the running footer of page {}", page.number);
            let baseline = height - settings.page.margins.footer.pt();
            page.footer = running(&text, &settings.styles.footer, layout, baseline, width, (&mut missing, &place), fonts);
        }
    }
    Ok(missing)
}

/// Lays out a running head: tab-separated parts go left, centre and right of the text column.
/// A part that would run into the next one is shortened with an ellipsis.
fn running(
    text: &str,
    style: &ParagraphStyle,
    layout: &Layout,
    baseline: f32,
    page_width: f32,
    (missing, place): (&mut Vec<MissingGlyph>, &str),
    fonts: &FontBook,
) -> Vec<Running> {
    let margins = &layout.settings.page.margins;
    let left = margins.left.pt();
    let right = page_width - margins.right.pt();
    let face = fonts.select(&style.family, Variant { bold: style.bold, italic: style.italic }).expect("checked layout");
    let parts: Vec<&str> = text.trim_end_matches(['\n', '\r']).splitn(3, '\t').collect();
    let aligns: &[Align] = match parts.len() {
        1 => &[Align::Center],
        2 => &[Align::Left, Align::Right],
        _ => &[Align::Left, Align::Center, Align::Right],
    };
    let mut placed: Vec<(Align, Line)> = parts
        .iter()
        .zip(aligns)
        .filter(|(part, _)| !part.trim().is_empty())
        .map(|(part, &align)| (align, set_line(&part.trim().replace(['\n', '\r'], " "), face, style.size, fonts, missing, place)))
        .collect();
    let x_of = |align: Align, width: f32| match align {
        Align::Left => left,
        Align::Center => (left + right - width) / 2.0,
        Align::Right => right - width,
    };
    for k in 0..placed.len() {
        let limit = match placed.get(k + 1) {
            Some((align, line)) => x_of(*align, line.width) - style.size,
            None => right,
        };
        let align = placed[k].0;
        let fits = |line: &Line| x_of(align, line.width) + line.width <= limit;
        if fits(&placed[k].1) {
            continue;
        }
        // The longest prefix that fits with an ellipsis. Its width grows with its length (trailing
        // spaces are trimmed, advances are never negative), so a binary search finds it while
        // setting the line only O(log n) times: a title of thousands of words in the running head
        // no longer costs a line set per character on every page.
        let text = placed[k].1.text.clone();
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let shortened = |chars: usize, missing: &mut Vec<MissingGlyph>| {
            let end = ends.get(chars).copied().unwrap_or(text.len());
            set_line(&format!("{}…", text[..end].trim_end()), face, style.size, fonts, missing, place)
        };
        let (mut fitting, mut too_long) = (0, ends.len());
        while too_long - fitting > 1 {
            let middle = fitting + (too_long - fitting) / 2;
            if fits(&shortened(middle, missing)) { fitting = middle } else { too_long = middle }
        }
        placed[k].1 = shortened(fitting, missing);
    }
    placed.into_iter().map(|(align, line)| Running { align, x: x_of(align, line.width), line, baseline }).collect()
}

/// One unbroken line of `text` in `face`, falling back per character like composed text.
fn set_line(text: &str, face: FaceId, size: f32, fonts: &FontBook, missing: &mut Vec<MissingGlyph>, place: &str) -> Line {
    let mut spans: Vec<Span> = Vec::new();
    let mut x = 0.0;
    for ch in text.chars() {
        let Resolved { face, advance, drawn, missing: uncovered } = fonts.resolve(face, ch, size);
        if uncovered && !missing.iter().any(|m| m.ch == ch && m.place == place) {
            missing.push(MissingGlyph { ch, place: place.to_string() });
        }
        match spans.last_mut() {
            Some(span) if span.face == face && span.drawn == drawn => {
                span.text.push(ch);
                span.width += advance;
            }
            _ => spans.push(Span { x, width: advance, text: ch.to_string(), face, size, label: false, drawn }),
        }
        x += advance;
    }
    Line { x: 0.0, width: x, text: text.to_string(), after: String::new(), spans }
}
