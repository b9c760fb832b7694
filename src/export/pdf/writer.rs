//! The default PDF writer: the pages, their text, fonts, outline, page labels and metadata,
//! written with pdf-writer (objects) and subsetter (fonts); the page streams are ours.
//!
//! Guarantees: one page object per page, of the layout's size, all sharing one resource
//! dictionary; each page's stream is one text object drawing the header, the text lines and
//! the footer in that order (so text extracts in reading order), each span placed by a
//! relative move whose figures are kept in thousandths of a point, so no rounding builds up
//! down a page; glyph codes (one or two bytes, see [`super::fonts`]) are in literal strings;
//! every stream but the XMP is deflated; the trailer's file identifier is a hash of every
//! stream, the XMP and the outline. Nothing here reads the clock: the creation date is [`BuildInfo`]'s.
//!
//! [`BuildInfo`]: crate::export::BuildInfo

use super::fonts::UsedFonts;
use super::{DocumentFacts, OutlineEntry, OutlineNode, fail, outline_tree, pdf_date_parts};
use crate::export::{ExportError, Rendition};
use crate::layout::paged::{Line, Page, PagedDocument};
use pdf_writer::types::NumberingStyle;
use pdf_writer::writers::PageLabel;
use pdf_writer::{Date, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};
use std::io::Write as _;

/// Streams are deflated by libdeflate, which compresses a whole buffer at once, at its level 1.
/// Measured on the typical 15,000-word transcript, PDF alone (callgrind): zlib-rs (flate2) at
/// level 2, one compressor reset per stream, took 80.0 million instructions for a 142,598-byte
/// PDF; libdeflate level 1 62.0 million for 141,413 bytes, level 4 68.6 million for 139,411,
/// level 6 71.2 million for 138,152. Level 1 is faster and still smaller than what it replaced.
const COMPRESSION_LEVEL: i32 = 1;

/// The PDF of the rendition's pages, with `entries` as its outline.
pub(super) fn write(r: &Rendition<'_>, entries: &[OutlineEntry]) -> Result<Vec<u8>, ExportError> {
    let doc = r.paged;
    if !(doc.width > 0.0 && doc.height > 0.0 && doc.width.is_finite() && doc.height.is_finite()) {
        return Err(fail(format!("impossible page size {} x {}", doc.width, doc.height)));
    }
    if doc.pages.is_empty() {
        return Err(fail("the paged document has no pages".to_string()));
    }
    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let mut refs = Refs::default();
    let [catalog_ref, tree_ref, resources_ref] = [(); 3].map(|_| refs.next());
    let page_refs: Vec<Ref> = doc.pages.iter().map(|_| refs.next()).collect();
    let mut fonts = UsedFonts::new(&doc.fonts);
    let mut deflater = Deflater::new();

    // Every character gets its CID first, so that each face's code width is known.
    for page in &doc.pages {
        for (line, _, _) in page_lines(doc, page) {
            for span in line.spans.iter().filter(|s| s.drawn) {
                let (_, face) = fonts.face(span.face);
                span.text.chars().for_each(|ch| _ = face.cid(ch));
            }
        }
    }
    fonts.settle();

    let mut content = Vec::new();
    for (page, &page_ref) in doc.pages.iter().zip(&page_refs) {
        content.clear();
        page_stream(doc, page, &mut fonts, &mut content);
        let compressed = deflater.deflate(&content);
        let content_ref = refs.next();
        pdf.stream(content_ref, &compressed).filter(Filter::FlateDecode);
        let mut page_object = pdf.page(page_ref);
        page_object.parent(tree_ref).media_box(Rect::new(0.0, 0.0, doc.width, doc.height)).contents(content_ref);
        page_object.pair(Name(b"Resources"), resources_ref);
    }
    pdf.pages(tree_ref).kids(page_refs.iter().copied()).count(page_refs.len() as i32);

    let font_refs = fonts.embed(&mut pdf, &mut refs, &mut deflater)?;
    let mut resources = pdf.indirect(resources_ref).dict();
    let mut font_dict = resources.insert(Name(b"Font")).dict();
    for (index, font_ref) in font_refs.iter().enumerate() {
        font_dict.pair(Name(format!("F{index}").as_bytes()), *font_ref);
    }
    font_dict.finish();
    resources.finish();

    let outline_ref = write_outline(&mut pdf, &mut refs, entries, &page_refs, doc.height);
    let label_refs = write_page_labels(&mut pdf, &mut refs, &doc.pages);
    let facts = DocumentFacts::of(r);
    let xmp = xmp_metadata(r, &facts);
    let metadata_ref = refs.next();
    pdf.metadata(metadata_ref, xmp.as_bytes());
    write_document_info(&mut pdf, refs.next(), &facts);

    let mut catalog = pdf.catalog(catalog_ref);
    catalog.pages(tree_ref).lang(TextStr(facts.language)).metadata(metadata_ref);
    catalog.viewer_preferences().display_doc_title(true);
    if let Some(outline_ref) = outline_ref {
        catalog.outlines(outline_ref);
    }
    let mut labels = catalog.page_labels();
    let mut nums = labels.nums();
    for (index, label_ref) in &label_refs {
        nums.insert(*index as i32, *label_ref);
    }
    nums.finish();
    labels.finish();
    catalog.finish();

    // The file identifier: every deflated stream (pages, fonts, maps), the XMP and the outline.
    let mut file_id = deflater.digest;
    file_id.add(xmp.as_bytes());
    entries.iter().for_each(|e| file_id.add(e.title.as_bytes()));
    let id = file_id.bytes();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// Hands out object numbers from 1 up.
#[derive(Default)]
pub(super) struct Refs {
    last: i32,
}

impl Refs {
    pub(super) fn next(&mut self) -> Ref {
        self.last += 1;
        Ref::new(self.last)
    }
}

/// Sixteen bytes summing up what a document holds: the start of a SHA-1 of the bytes given
/// (the `sha1` crate uses the CPU's SHA instructions where it has them; the two byte-at-a-time
/// FNV hashes this replaced took 2% of a batch's time).
struct Digest(sha1::Sha1);

impl Digest {
    fn new() -> Self {
        Digest(sha1::Digest::new())
    }

    fn add(&mut self, bytes: &[u8]) {
        sha1::Digest::update(&mut self.0, bytes);
    }

    fn bytes(&self) -> Vec<u8> {
        sha1::Digest::finalize(self.0.clone())[..16].to_vec()
    }
}

/// One compressor for all of a document's streams; it also digests everything it compresses.
pub(super) struct Deflater {
    compress: libdeflater::Compressor,
    /// Room for the largest stream's output so far, reused (not cleared again) for the next.
    scratch: Vec<u8>,
    digest: Digest,
}

impl Deflater {
    pub(super) fn new() -> Self {
        let level = libdeflater::CompressionLvl::new(COMPRESSION_LEVEL).expect("a level libdeflate has");
        Deflater { compress: libdeflater::Compressor::new(level), scratch: Vec::new(), digest: Digest::new() }
    }

    /// `data` as a zlib stream (what `/FlateDecode` reads).
    pub(super) fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        let bound = self.compress.zlib_compress_bound(data.len());
        if self.scratch.len() < bound {
            self.scratch.resize(bound, 0);
        }
        let written = self.compress.zlib_compress(data, &mut self.scratch).expect("the output has libdeflate's bound for the input");
        let out = self.scratch[..written].to_vec();
        self.digest.add(&out);
        out
    }
}

/// The text state of a page's one text object: the current font and size, and where the
/// current line starts, in thousandths of a point (what was last written, not what was asked).
struct TextState {
    font: Option<(usize, i64)>,
    at: (i64, i64),
    glyphs: Vec<u8>,
}

/// The page's lines in reading order (header, text, footer), each with its left edge and
/// its baseline from the page's top.
fn page_lines<'d>(doc: &'d PagedDocument, page: &'d Page) -> impl Iterator<Item = (&'d Line, f32, f32)> {
    let header = page.header.iter().map(|part| (&part.line, part.x, part.baseline));
    let footer = page.footer.iter().map(|part| (&part.line, part.x, part.baseline));
    header.chain(page.lines.iter().map(|placed| (doc.line(placed), placed.x, placed.baseline))).chain(footer)
}

/// The page's content stream: one text object drawing the page's lines in reading order.
fn page_stream(doc: &PagedDocument, page: &Page, fonts: &mut UsedFonts<'_>, out: &mut Vec<u8>) {
    let mut state = TextState { font: None, at: (0, 0), glyphs: Vec::new() };
    out.extend_from_slice(b"BT\n");
    for (line, x, baseline) in page_lines(doc, page) {
        draw_line(&mut state, fonts, line, x, doc.height - baseline, out);
    }
    out.extend_from_slice(b"ET\n");
}

/// Draws each drawn span of `line`, the line's left edge at `x`, its baseline at `y` (PDF
/// coordinates, from the page's bottom).
fn draw_line(state: &mut TextState, fonts: &mut UsedFonts<'_>, line: &Line, x: f32, y: f32, out: &mut Vec<u8>) {
    for span in line.spans.iter().filter(|s| s.drawn) {
        let (font, face) = fonts.face(span.face);
        state.glyphs.clear();
        for ch in span.text.chars() {
            if let Some(cid) = face.cid(ch) {
                face.push_code(&mut state.glyphs, cid);
            }
        }
        if state.glyphs.is_empty() {
            continue;
        }
        let size = thousandths(span.size);
        if state.font != Some((font, size)) {
            let _ = write!(out, "/F{font} ");
            push_thousandths(out, size);
            out.extend_from_slice(b" Tf\n");
            state.font = Some((font, size));
        }
        let at = (thousandths(x + span.x), thousandths(y));
        push_thousandths(out, at.0 - state.at.0);
        out.push(b' ');
        push_thousandths(out, at.1 - state.at.1);
        out.extend_from_slice(b" Td\n(");
        state.at = at;
        out.extend_from_slice(&state.glyphs);
        out.extend_from_slice(b")Tj\n");
    }
}

fn thousandths(points: f32) -> i64 {
    (points as f64 * 1000.0).round() as i64
}

/// Writes `value` thousandths as a PDF number: `-12.5`, `70.866`, `0`.
fn push_thousandths(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    // Writing into a Vec cannot fail.
    let magnitude = value.unsigned_abs();
    let _ = write!(out, "{}", magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        let mut digits = 3;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        let _ = write!(out, ".{fraction:0digits$}");
    }
}

/// The outline: entries nested by level, all open; `None` when there are none.
fn write_outline(pdf: &mut Pdf, refs: &mut Refs, entries: &[OutlineEntry], pages: &[Ref], height: f32) -> Option<Ref> {
    if entries.is_empty() {
        return None;
    }
    let root = refs.next();
    let (first, last) = write_outline_items(pdf, refs, &outline_tree(entries), root, pages, height);
    pdf.outline(root).first(first).last(last).count(entries.len() as i32);
    Some(root)
}

/// Writes `nodes` (siblings, not empty) and everything below them under `parent`; returns the
/// first and the last sibling.
fn write_outline_items(pdf: &mut Pdf, refs: &mut Refs, nodes: &[OutlineNode<'_>], parent: Ref, pages: &[Ref], height: f32) -> (Ref, Ref) {
    let ids: Vec<Ref> = nodes.iter().map(|_| refs.next()).collect();
    for (k, node) in nodes.iter().enumerate() {
        let children = (!node.children.is_empty()).then(|| write_outline_items(pdf, refs, &node.children, ids[k], pages, height));
        let mut item = pdf.outline_item(ids[k]);
        item.title(TextStr(&node.entry.title)).parent(parent);
        if k > 0 {
            item.prev(ids[k - 1]);
        }
        if let Some(&next) = ids.get(k + 1) {
            item.next(next);
        }
        if let Some((first, last)) = children {
            item.first(first).last(last).count(node.descendants() as i32);
        }
        item.dest().page(pages[node.entry.page]).xyz(0.0, height - node.entry.top, None);
    }
    (ids[0], ids[ids.len() - 1])
}

/// Arabic page labels: one label where numbering starts and wherever it jumps. Returns each
/// label's page index and reference.
fn write_page_labels(pdf: &mut Pdf, refs: &mut Refs, pages: &[Page]) -> Vec<(usize, Ref)> {
    let mut labels = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if index == 0 || page.number != pages[index - 1].number + 1 {
            let label_ref = refs.next();
            pdf.indirect(label_ref).start::<PageLabel>().style(NumberingStyle::Arabic).offset(page.number as i32);
            labels.push((index, label_ref));
        }
    }
    labels
}

fn write_document_info(pdf: &mut Pdf, info_ref: Ref, facts: &DocumentFacts<'_>) {
    let keywords = facts.keywords.join(", ");
    let mut info = pdf.document_info(info_ref);
    info.title(TextStr(facts.title)).creator(TextStr(&facts.producer)).producer(TextStr(&facts.producer));
    if let Some(author) = facts.author {
        info.author(TextStr(author));
    }
    if let Some(subject) = facts.subject {
        info.subject(TextStr(subject));
    }
    if !facts.keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    if let Some(created) = &facts.created {
        let (year, month, day, hour, minute, second) = pdf_date_parts(created);
        let date = Date::new(year).month(month).day(day).hour(hour).minute(minute).second(second).utc_offset_hour(0).utc_offset_minute(0);
        info.creation_date(date).modified_date(date);
    }
}

/// XMP with the same facts as the document information, plus the identifier and rights.
fn xmp_metadata(r: &Rendition<'_>, facts: &DocumentFacts<'_>) -> String {
    use xmp_writer::{DateTime, LangId, Timezone, XmpWriter};
    let m = &r.transcript.metadata;
    let keywords = facts.keywords.join(", ");
    let mut xmp = XmpWriter::new();
    xmp.format("application/pdf").title([(None, facts.title)]).language([LangId(facts.language)]);
    xmp.producer(&facts.producer).creator_tool(&facts.producer);
    if let Some(author) = facts.author {
        xmp.creator([author]);
    }
    if let Some(subject) = facts.subject {
        xmp.description([(None, subject)]);
    }
    if !facts.keywords.is_empty() {
        xmp.subject(facts.keywords.iter().map(String::as_str));
        xmp.pdf_keywords(&keywords);
    }
    if let Some(identifier) = &m.identifier {
        xmp.identifier(identifier);
    }
    if let Some(rights) = &m.rights {
        xmp.rights([(None, rights.as_str())]);
    }
    if let Some(created) = &facts.created {
        let (year, month, day, hour, minute, second) = pdf_date_parts(created);
        let date = DateTime::new(year, month, day, hour, minute, second, Timezone::Utc);
        xmp.create_date(date).modify_date(date);
    }
    xmp.finish(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(thousandths: i64) -> String {
        let mut out = Vec::new();
        push_thousandths(&mut out, thousandths);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_without_trailing_zeros() {
        assert_eq!(number(0), "0");
        assert_eq!(number(70_866), "70.866");
        assert_eq!(number(-21_600), "-21.6");
        assert_eq!(number(-12_500), "-12.5");
        assert_eq!(number(5), "0.005");
        assert_eq!(number(-50), "-0.05");
        assert_eq!(number(841_000), "841");
        assert_eq!(thousandths(16.25), 16_250);
        assert_eq!(thousandths(-0.0004), 0);
    }

    #[test]
    fn deflated_streams_inflate_to_their_data_with_one_compressor_reused() {
        let mut deflater = Deflater::new();
        for data in [b"BT\n/F0 11 Tf\nET\n".repeat(500), Vec::new(), (0..=255u8).cycle().take(70_000).collect()] {
            let compressed = deflater.deflate(&data);
            let mut inflated = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&compressed[..]), &mut inflated).unwrap();
            assert_eq!(inflated, data);
        }
    }
}
