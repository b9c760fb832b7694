//! Plain text: the paged document's pages, separated by form feeds.
//!
//! Guarantees: page N of the text holds exactly the lines of page N of the paged document, in
//! order, with the running header first and the footer last; speaker labels appear exactly
//! as the layout's label template rendered them. Paragraphs are re-wrapped to the layout's
//! `txt.columns` (display width, so CJK counts double), never across a page boundary. Output
//! ends with a newline; no trailing spaces.

use super::{Diagnostics, ExportError, Exporter, Rendition};
use crate::layout::linebreak::break_lines;
use crate::layout::paged::{Page, PagedDocument, Role, Running};
use crate::layout::settings::{Align, Settings};
use rayon::prelude::*;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub struct TxtExporter;

impl Exporter for TxtExporter {
    fn id(&self) -> &'static str {
        "txt"
    }

    fn extension(&self) -> &'static str {
        "txt"
    }

    fn media_type(&self) -> &'static str {
        "text/plain; charset=utf-8"
    }

    fn description(&self) -> &'static str {
        "plain text, UTF-8, a form feed between pages"
    }

    fn export(&self, r: &Rendition<'_>, _: &mut Diagnostics) -> Result<Vec<u8>, ExportError> {
        // Pages are independent (each re-wraps only its own lines), so they are set in parallel.
        let pages: Vec<String> = r.paged.pages.par_iter().map(|page| page_text(r.paged, page, &r.layout.settings)).collect();
        let mut out = pages.join("\n\u{000C}");
        out.push('\n');
        Ok(out.into_bytes())
    }
}

/// One page: header, paragraphs (a blank line between them), footer.
fn page_text(doc: &PagedDocument, page: &Page, settings: &Settings) -> String {
    let columns = settings.txt.columns;
    let mut lines: Vec<String> = Vec::new();
    if !page.header.is_empty() {
        lines.push(running_line(&page.header, columns));
        lines.push(String::new());
    }
    let mut k = 0;
    let mut previous_role = None;
    while k < page.lines.len() {
        let first = page.lines[k];
        let mut end = k + 1;
        while end < page.lines.len() && page.lines[end].block == first.block && page.lines[end].paragraph == first.paragraph {
            end += 1;
        }
        let paragraph = doc.paragraph(&first);
        if previous_role.is_some() && previous_role != Some(Role::Label) {
            lines.push(String::new());
        }
        // The paragraph's lines on this page, with the spaces their breaks dropped.
        let mut text = String::new();
        for (n, placed) in page.lines[k..end].iter().enumerate() {
            let line = doc.line(placed);
            text.push_str(&line.text);
            if n + 1 < end - k {
                text.push_str(&line.after);
            }
        }
        let align = settings.style(paragraph.role.style_name()).map_or(Align::Left, |s| s.align);
        let indent = if paragraph.role == Role::Note { 4 } else { 0 };
        lines.extend(wrap(&text, columns - indent).into_iter().map(|l| place(&l, columns, align, indent)));
        previous_role = Some(paragraph.role);
        k = end;
    }
    if !page.footer.is_empty() {
        lines.push(String::new());
        lines.push(running_line(&page.footer, columns));
    }
    lines.iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n")
}

/// Re-wraps text to `columns` display cells at the same break opportunities as print.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let cells = |_: usize, c: char| if c == '\t' { 1.0 } else { c.width().unwrap_or(0) as f32 };
    break_lines(text, cells, columns as f32, columns as f32).into_iter().map(|l| text[l.start..l.end].to_string()).collect()
}

fn place(line: &str, columns: usize, align: Align, indent: usize) -> String {
    let pad = match align {
        Align::Left => indent,
        Align::Center => columns.saturating_sub(line.width()) / 2,
        Align::Right => columns.saturating_sub(line.width()),
    };
    format!("{}{line}", " ".repeat(pad))
}

/// Left, centre and right parts of a running head on one line of `columns` cells; the first
/// part is shortened with an ellipsis when the parts would not fit.
fn running_line(parts: &[Running], columns: usize) -> String {
    let mut texts: Vec<String> = parts.iter().map(|p| p.line.text.clone()).collect();
    let others: usize = texts.iter().skip(1).map(|t| t.width() + 2).sum();
    if let Some(first) = texts.first_mut()
        && first.width() + others > columns
    {
        let room = columns.saturating_sub(others + 1);
        let mut shortened: String = String::new();
        for ch in first.chars() {
            if shortened.width() + ch.width().unwrap_or(0) > room {
                break;
            }
            shortened.push(ch);
        }
        *first = format!("{}…", shortened.trim_end());
    }
    let mut out = String::new();
    for (part, text) in parts.iter().zip(&texts) {
        let start = match part.align {
            Align::Left => 0,
            Align::Center => columns.saturating_sub(text.width()) / 2,
            Align::Right => columns.saturating_sub(text.width()),
        };
        let current = out.width();
        if start > current {
            out.push_str(&" ".repeat(start - current));
        } else if current > 0 {
            out.push_str("  ");
        }
        out.push_str(text);
    }
    out
}
