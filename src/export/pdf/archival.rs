//! PDF/A: the same pages written by krilla, whose validator checks PDF/A-2b or A-3b
//! conformance while it writes (an output intent, XMP with the PDF/A identification, every
//! font embedded); A-3b also carries the source transcript as an associated file.
//!
//! Guarantees, beyond the module's: a document that would break the requested level fails
//! with krilla's list of problems instead of being written; a PDF/A without a creation date
//! (no `SOURCE_DATE_EPOCH`, no `metadata.date`) is refused with that remedy. The glyphs are
//! placed exactly as [`super::writer`] places them (same font advances, same origins).

use super::{DocumentFacts, OutlineEntry, OutlineNode as Node, fail, outline_tree, pdf_date_parts};
use crate::export::UtcTime;
use crate::export::{ExportError, PdfStandard, Rendition};
use crate::layout::fonts::{FaceId, FontBook, FontData};
use crate::layout::paged::Line;
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

/// The PDF/A document of the rendition's pages, or why it cannot conform.
pub(super) fn write(r: &Rendition<'_>, entries: &[OutlineEntry], standard: PdfStandard) -> Result<Vec<u8>, ExportError> {
    let archival = match standard {
        PdfStandard::A2b => Archival::A2_B,
        PdfStandard::A3b => Archival::A3_B,
    };
    let configuration = ConfigurationBuilder::new().with_archival_validator(archival).finish().map_err(|e| fail(format!("{e:?}")))?;
    let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
    if r.build.created.is_none() {
        return Err(fail("PDF/A needs a creation date: set SOURCE_DATE_EPOCH or the transcript's metadata.date".to_string()));
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
    let mut outline = Outline::new();
    outline_tree(entries).iter().for_each(|node| outline.push_child(outline_node(node)));
    document.set_outline(outline);
    document.set_metadata(metadata(r));
    if standard == PdfStandard::A3b {
        attach_source(&mut document, r)?;
    }
    document.finish().map_err(|e| fail(describe_krilla_error(e)))
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

/// krilla's outline node for `node`, its children below it.
fn outline_node(node: &Node<'_>) -> OutlineNode {
    let entry = node.entry;
    let mut krilla_node = OutlineNode::new(entry.title.clone(), XyzDestination::new(entry.page, Point::from_xy(0.0, entry.top)));
    node.children.iter().for_each(|child| krilla_node.push_child(outline_node(child)));
    krilla_node
}

fn metadata(r: &Rendition<'_>) -> Metadata {
    let facts = DocumentFacts::of(r);
    let mut metadata = Metadata::new()
        .title(facts.title.to_string())
        .language(facts.language.to_string())
        .creator(facts.producer.clone())
        .producer(format!("{} (krilla)", facts.producer));
    if let Some(subject) = facts.subject {
        metadata = metadata.description(subject.to_string());
    }
    if let Some(author) = facts.author {
        metadata = metadata.authors(vec![author.to_string()]);
    }
    if !facts.keywords.is_empty() {
        metadata = metadata.keywords(facts.keywords.to_vec());
    }
    if let Some(created) = &facts.created {
        metadata = metadata.creation_date(date_time(created));
    }
    metadata
}

/// A PDF date in UTC.
fn date_time(t: &UtcTime) -> DateTime {
    let (year, month, day, hour, minute, second) = pdf_date_parts(t);
    DateTime::new(year).month(month).day(day).hour(hour).minute(minute).second(second).utc_offset_hour(0).utc_offset_minute(0)
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
        modification_date: r.build.created.map(|seconds| date_time(&UtcTime::from_unix(seconds))),
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
