//! PDF: draws the paged document's lines where the paginator placed them, with krilla.
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

use super::{Diagnostics, ExportError, Exporter, PdfStandard, Rendition};
use crate::layout::fonts::{FaceId, FontBook, FontData};
use crate::layout::paged::{Line, PagedDocument, Role, Source};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::error::KrillaError;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Mutex, OnceLock};

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
        let standard = r.options.pdf_standard;
        let mut settings = SerializeSettings::default();
        if let Some(standard) = standard {
            let archival = match standard {
                PdfStandard::A2b => Archival::A2_B,
                PdfStandard::A3b => Archival::A3_B,
            };
            settings.configuration =
                ConfigurationBuilder::new().with_archival_validator(archival).finish().map_err(|e| fail(format!("{e:?}")))?;
            if r.build.created.is_none() {
                return Err(fail("PDF/A needs a creation date: set SOURCE_DATE_EPOCH or the transcript's metadata.date".to_string()));
            }
        }
        let mut document = Document::new_with(settings);
        let fonts = FontCache::new(&r.paged.fonts);
        for page in &r.paged.pages {
            let label = PageLabel::new(Some(NumberingStyle::Arabic), None, NonZeroU32::new(page.number as u32));
            let page_settings = PageSettings::from_wh(r.paged.width, r.paged.height)
                .ok_or_else(|| fail(format!("impossible page size {} x {}", r.paged.width, r.paged.height)))?
                .with_page_label(label);
            let mut pdf_page = document.start_page_with(page_settings);
            let mut surface = pdf_page.surface();
            // Reading order: header, text, footer, so that extracted text reads like the page.
            for part in &page.header {
                draw_line(&mut surface, &fonts, &part.line, part.x, part.baseline);
            }
            for placed in &page.lines {
                draw_line(&mut surface, &fonts, r.paged.line(placed), placed.x, placed.baseline);
            }
            for part in &page.footer {
                draw_line(&mut surface, &fonts, &part.line, part.x, part.baseline);
            }
            surface.finish();
            pdf_page.finish();
        }
        document.set_outline(outline(r.paged, r.layout.settings.pdf.outline_turns));
        document.set_metadata(metadata(r));
        if standard == Some(PdfStandard::A3b) {
            attach_source(&mut document, r)?;
        }
        document.finish().map_err(|e| fail(describe_krilla_error(e)))
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
        if block.paragraphs.iter().any(|p| p.text.chars().chain(p.label.iter().flat_map(|l| l.chars())).any(is_right_to_left)) {
            places.push(match block.source {
                Source::TitleBlock => "the title block".to_string(),
                Source::Body(n) => format!("body[{n}]"),
            });
        }
    }
    let running = paged.pages.iter().flat_map(|p| p.header.iter().chain(&p.footer));
    if running.into_iter().any(|part| part.line.text.chars().any(is_right_to_left)) {
        places.push("the running header or footer".to_string());
    }
    if places.is_empty() {
        return;
    }
    let more = if places.len() > 10 { format!("; and {} more places", places.len() - 10) } else { String::new() };
    places.truncate(10);
    diagnostics.warnings.push(format!("pdf: right-to-left text is drawn left to right, its letters unjoined: {}{more}", places.join(", ")));
}

/// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms, and the right-to-left blocks beyond the BMP).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

/// krilla fonts by font data address and face index. Each entry keeps its font data alive,
/// so the address is never reused for other data.
type KrillaFonts = HashMap<(usize, u32), (FontData, Font)>;

/// krilla fonts for the book's faces, made once per process (parsing and hashing a font
/// costs more than drawing a page).
struct FontCache<'a> {
    book: &'a FontBook,
}

impl<'a> FontCache<'a> {
    fn new(book: &'a FontBook) -> Self {
        FontCache { book }
    }

    fn font(&self, id: FaceId) -> Font {
        static CACHE: OnceLock<Mutex<KrillaFonts>> = OnceLock::new();
        let face = self.book.face(id);
        let data = face.data.clone();
        let key = (face.bytes().as_ptr() as usize, face.index);
        let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(key)
            .or_insert_with(|| (data.clone(), Font::new(data.into(), key.1).expect("faces in a font book were parsed when loaded")))
            .1
            .clone()
    }
}

/// Draws each drawn span of `line` with its left edge at `x` and on `baseline`.
fn draw_line(surface: &mut Surface<'_>, fonts: &FontCache<'_>, line: &Line, x: f32, baseline: f32) {
    for span in line.spans.iter().filter(|s| s.drawn) {
        let face = fonts.book.face(span.face);
        let glyphs: Vec<KrillaGlyph> = span
            .text
            .char_indices()
            .filter_map(|(at, ch)| {
                let glyph = face.glyph(ch)?;
                let advance = face.advance_em(ch)?;
                Some(KrillaGlyph::new(GlyphId::new(glyph.into()), advance, 0.0, 0.0, 0.0, at..at + ch.len_utf8(), None))
            })
            .collect();
        if !glyphs.is_empty() {
            surface.draw_glyphs(Point::from_xy(x + span.x, baseline), &glyphs, fonts.font(span.face), &span.text, span.size, false);
        }
    }
}

/// One outline entry: nesting level, title, page index and the top of its first line.
struct Entry {
    level: u8,
    title: String,
    page: usize,
    top: f32,
}

/// Bookmarks for headings, nested by level; with `turns`, one per speaker turn below them.
fn outline(doc: &PagedDocument, turns: bool) -> Outline {
    let mut entries = Vec::new();
    for (page_index, page) in doc.pages.iter().enumerate() {
        for placed in page.lines.iter().filter(|p| p.paragraph == 0 && p.line == 0) {
            let block = &doc.blocks[placed.block];
            let paragraph = &block.paragraphs[0];
            let top = placed.baseline - paragraph.ascent;
            match (block.source, paragraph.role) {
                (Source::Body(_), Role::Heading(level)) => {
                    entries.push(Entry { level, title: paragraph.text.clone(), page: page_index, top });
                }
                (Source::Body(_), Role::Label | Role::Turn(_)) if turns => {
                    let title = paragraph.label.clone().unwrap_or_default().trim_end_matches(':').trim().to_string();
                    if !title.is_empty() {
                        entries.push(Entry { level: 4, title, page: page_index, top });
                    }
                }
                _ => {}
            }
        }
    }
    let mut outline = Outline::new();
    let mut rest = entries.as_slice();
    while let Some((node, remaining)) = outline_node(rest) {
        outline.push_child(node);
        rest = remaining;
    }
    outline
}

/// The node of `entries[0]` with every following deeper entry as its descendants.
fn outline_node(entries: &[Entry]) -> Option<(OutlineNode, &[Entry])> {
    let (first, mut rest) = entries.split_first()?;
    let mut node = OutlineNode::new(first.title.clone(), XyzDestination::new(first.page, Point::from_xy(0.0, first.top)));
    while rest.first().is_some_and(|next| next.level > first.level) {
        let (child, remaining) = outline_node(rest)?;
        node.push_child(child);
        rest = remaining;
    }
    Some((node, rest))
}

fn metadata(r: &Rendition<'_>) -> Metadata {
    let m = &r.transcript.metadata;
    let mut metadata = Metadata::new()
        .title(m.title.clone())
        .language(m.language.clone())
        .creator(format!("verbatim {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("verbatim {} (krilla)", env!("CARGO_PKG_VERSION")));
    if let Some(subject) = m.description.clone().or_else(|| m.subtitle.clone()) {
        metadata = metadata.description(subject);
    }
    if let Some(organizer) = &m.organizer {
        metadata = metadata.authors(vec![organizer.clone()]);
    }
    if !m.tags.is_empty() {
        metadata = metadata.keywords(m.tags.clone());
    }
    if let Some(created) = r.build.created {
        metadata = metadata.creation_date(date_time(created));
    }
    metadata
}

/// A PDF date in UTC from seconds since the Unix epoch.
fn date_time(seconds: i64) -> DateTime {
    let (year, month, day) = crate::model::civil_from_days(seconds.div_euclid(86_400));
    let second_of_day = seconds.rem_euclid(86_400);
    DateTime::new(year.clamp(0, 9999) as u16)
        .month(month as u8)
        .day(day as u8)
        .hour((second_of_day / 3600) as u8)
        .minute((second_of_day / 60 % 60) as u8)
        .second((second_of_day % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// PDF/A-3b: the transcript, in the model's JSON, travels inside the PDF.
fn attach_source(document: &mut Document, r: &Rendition<'_>) -> Result<(), ExportError> {
    let json = serde_json::to_vec_pretty(r.transcript).map_err(|e| fail(format!("cannot serialize the transcript: {e}")))?;
    let file = EmbeddedFile {
        path: "transcript.json".to_string(),
        mime_type: MimeType::new("application/json"),
        description: Some("The source transcript in verbatim's model, schema version 1".to_string()),
        association_kind: AssociationKind::Source,
        data: json.into(),
        modification_date: r.build.created.map(date_time),
        compress: Some(true),
        location: None,
    };
    document.embed_file(file).ok_or_else(|| fail("the transcript is attached twice".to_string()))
}

fn describe_krilla_error(error: KrillaError) -> String {
    match error {
        KrillaError::Validation(problems) => {
            let list: Vec<String> = problems.iter().map(|(problem, _)| format!("{problem:?}")).collect();
            format!("the PDF breaks the requested standard: {}", list.join("; "))
        }
        other => format!("cannot write the PDF: {other}"),
    }
}
