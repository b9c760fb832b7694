//! PDF: draws the paged document's lines where the paginator placed them.
//!
//! Guarantees: one PDF page per page, of the layout's size; every drawn glyph is advanced by
//! the same hmtx advance the paginator measured with, so no line re-wraps or overflows; fonts
//! are embedded as subsets with a ToUnicode map (one glyph per character), so text extracts in
//! order; the outline follows the headings (and turns, if the layout asks); pages are labelled
//! 1, 2, 3…; metadata comes from the transcript and the creation date from [`BuildInfo`], never
//! the clock; equal inputs give equal bytes. A character no font covers fails the export
//! with the characters and where they are, unless the user allowed missing glyphs.
//! Right-to-left text is drawn in logical order, left to right and without shaping, with a
//! warning naming where it is.
//!
//! Two writers serialize the same pages. The default one, [`writer`], is ours, on pdf-writer
//! and subsetter: it writes compact page streams (one text object per page, relative moves,
//! one-byte glyph codes where a face allows) and takes about a third of krilla's instructions
//! for the same pages.
//! PDF/A output goes through krilla ([`archival`]) because krilla checks conformance while it
//! writes, which nothing here could do for our own writer. Tests hold the two to the same
//! text at the same places on every page.
//!
//! [`BuildInfo`]: super::BuildInfo

mod archival;
mod fonts;
mod writer;

use super::{Diagnostics, ExportError, Exporter, Rendition, UtcTime};
use crate::layout::paged::{PagedDocument, Role, Source};

pub struct PdfExporter;

impl Exporter for PdfExporter {
    fn id(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn media_type(&self) -> &'static str {
        "application/pdf"
    }

    fn description(&self) -> &'static str {
        "PDF with subset fonts, outline, page labels; PDF/A-2b or A-3b on request"
    }

    fn export(&self, r: &Rendition<'_>, diagnostics: &mut Diagnostics) -> Result<Vec<u8>, ExportError> {
        check_missing_glyphs(r, diagnostics)?;
        warn_right_to_left(r.paged, diagnostics);
        let entries = outline_entries(r.paged, r.layout.settings.pdf.outline_turns);
        match r.options.pdf_standard {
            None => writer::write(r, &entries),
            Some(standard) => archival::write(r, &entries, standard),
        }
    }
}

fn fail(message: String) -> ExportError {
    ExportError { format: "pdf", message }
}

/// Fails on characters no font covers (or warns, when allowed), naming them and where.
fn check_missing_glyphs(r: &Rendition<'_>, diagnostics: &mut Diagnostics) -> Result<(), ExportError> {
    let missing = &r.paged.missing_glyphs;
    if missing.is_empty() {
        return Ok(());
    }
    let mut by_place: Vec<(String, Vec<char>)> = Vec::new();
    for m in missing {
        match by_place.iter_mut().find(|(place, _)| *place == m.place) {
            Some((_, chars)) => chars.push(m.ch),
            None => by_place.push((m.place.clone(), vec![m.ch])),
        }
    }
    let listed: Vec<String> = by_place
        .iter()
        .take(10)
        .map(|(place, chars)| {
            format!("{place}: {}", chars.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", "))
        })
        .collect();
    let more = if by_place.len() > 10 { format!("; and {} more places", by_place.len() - 10) } else { String::new() };
    let message = format!("no font covers these characters: {}{more}", listed.join("; "));
    if r.options.allow_missing_glyphs {
        diagnostics.warnings.push(format!("pdf: {message}; they are left out of the PDF"));
        Ok(())
    } else {
        Err(fail(format!("{message}. Give a font that has them with --font-path, or pass --allow-missing-glyphs to leave them out")))
    }
}

/// Warns where right-to-left text is: lines are drawn left to right, character by character,
/// without bidirectional reordering or Arabic joining, so such text prints reversed (and
/// unjoined) though every character is there.
fn warn_right_to_left(paged: &PagedDocument, diagnostics: &mut Diagnostics) {
    let mut places: Vec<String> = Vec::new();
    for block in &paged.blocks {
        if block.paragraphs.iter().any(|p| has_right_to_left(&p.text) || p.label.as_deref().is_some_and(has_right_to_left)) {
            places.push(match block.source {
                Source::TitleBlock => "the title block".to_string(),
                Source::Body(n) => format!("body[{n}]"),
            });
        }
    }
    let running = paged.pages.iter().flat_map(|p| p.header.iter().chain(&p.footer));
    if running.into_iter().any(|part| has_right_to_left(&part.line.text)) {
        places.push("the running header or footer".to_string());
    }
    if places.is_empty() {
        return;
    }
    let more = if places.len() > 10 { format!("; and {} more places", places.len() - 10) } else { String::new() };
    places.truncate(10);
    diagnostics.warnings.push(format!("pdf: right-to-left text is drawn left to right, its letters unjoined: {}{more}", places.join(", ")));
}

/// Whether `text` holds a right-to-left letter (ASCII text, the common case, is checked at
/// once).
fn has_right_to_left(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(is_right_to_left)
}

/// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms, and the right-to-left blocks beyond the BMP).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

/// One outline entry: nesting level, title, page index and the top of its first line.
struct OutlineEntry {
    /// 1-3 for headings, 4 for turns.
    level: u8,
    title: String,
    page: usize,
    top: f32,
}

/// Bookmarks for headings in reading order, with their levels; with `turns`, one per speaker
/// turn below them. Each writer nests them by level.
fn outline_entries(doc: &PagedDocument, turns: bool) -> Vec<OutlineEntry> {
    let mut entries = Vec::new();
    for (page_index, page) in doc.pages.iter().enumerate() {
        for placed in page.lines.iter().filter(|p| p.paragraph == 0 && p.line == 0) {
            let block = &doc.blocks[placed.block];
            let paragraph = &block.paragraphs[0];
            let top = placed.baseline - paragraph.ascent;
            match (block.source, paragraph.role) {
                (Source::Body(_), Role::Heading(level)) => {
                    entries.push(OutlineEntry { level, title: paragraph.text.clone(), page: page_index, top });
                }
                (Source::Body(_), Role::Label | Role::Turn(_)) if turns => {
                    let title = paragraph.label.clone().unwrap_or_default().trim_end_matches(':').trim().to_string();
                    if !title.is_empty() {
                        entries.push(OutlineEntry { level: 4, title, page: page_index, top });
                    }
                }
                _ => {}
            }
        }
    }
    entries
}

/// An outline entry with the entries nested below it.
struct OutlineNode<'e> {
    entry: &'e OutlineEntry,
    children: Vec<OutlineNode<'e>>,
}

impl OutlineNode<'_> {
    /// How many nodes are below this one, at any depth.
    fn descendants(&self) -> usize {
        self.children.iter().map(|c| 1 + c.descendants()).sum()
    }
}

/// The entries nested by level: each entry holds every following deeper entry, up to the
/// next entry at its level or above.
fn outline_tree(entries: &[OutlineEntry]) -> Vec<OutlineNode<'_>> {
    fn nodes<'e>(rest: &mut &'e [OutlineEntry], above: Option<u8>) -> Vec<OutlineNode<'e>> {
        let mut found = Vec::new();
        while let Some((entry, after)) = rest.split_first().filter(|(e, _)| above.is_none_or(|level| e.level > level)) {
            *rest = after;
            let children = nodes(rest, Some(entry.level));
            found.push(OutlineNode { entry, children });
        }
        found
    }
    nodes(&mut &entries[..], None)
}

/// The facts both writers record about the document, from the transcript: title, language,
/// author (the organizer), subject (the description, else the subtitle), keywords (the tags),
/// creation time ([`BuildInfo`](super::BuildInfo), never the clock) and the producer.
struct DocumentFacts<'a> {
    title: &'a str,
    language: &'a str,
    author: Option<&'a str>,
    subject: Option<&'a str>,
    keywords: &'a [String],
    created: Option<UtcTime>,
    producer: String,
}

impl<'a> DocumentFacts<'a> {
    fn of(r: &'a Rendition<'_>) -> Self {
        let m = &r.transcript.metadata;
        DocumentFacts {
            title: &m.title,
            language: &m.language,
            author: m.organizer.as_deref(),
            subject: m.description.as_deref().or(m.subtitle.as_deref()),
            keywords: &m.tags,
            created: r.build.created.map(UtcTime::from_unix),
            producer: format!("verbatim {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// The calendar parts of a PDF date (years beyond 0-9999 clamped): year, month, day, hour,
/// minute, second.
fn pdf_date_parts(t: &UtcTime) -> (u16, u8, u8, u8, u8, u8) {
    (t.year.clamp(0, 9999) as u16, t.month as u8, t.day as u8, t.hour as u8, t.minute as u8, t.second as u8)
}
