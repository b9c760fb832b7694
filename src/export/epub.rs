//! EPUB 3: reflowable XHTML that carries the print edition's pages.
//!
//! Guarantees: chapters start where the paged document forces a new page (explicit page
//! breaks, headings that start a page); at the word where each page of the paged document
//! begins stands an `epub:type="pagebreak"` marker, listed in the navigation's page-list, so
//! page N of the EPUB is page N of the PDF, DOCX and TXT; speaker labels are the label
//! template's text, exactly as elsewhere; every piece of text is XML-escaped; the package
//! carries Dublin Core and accessibility metadata; entries are zipped in-process with fixed
//! times, so equal inputs give equal bytes.
//!
//! The package is written here (zipped by [`super::package`]) rather than with epub-builder: that crate
//! always writes its own navigation document, which cannot carry a page-list, and writes
//! metadata unescaped; working around both meant unzipping and rezipping its output.

use super::{Diagnostics, ExportError, Exporter, Rendition, iso_timestamp, push_xml_escaped, xml_escape as escape};
use crate::layout::paged::{PageStarts, PagedDocument, Role, Source};
use rayon::prelude::*;
use serde_json::{Value, json};

pub struct EpubExporter;

impl Exporter for EpubExporter {
    fn id(&self) -> &'static str {
        "epub"
    }

    fn extension(&self) -> &'static str {
        "epub"
    }

    fn media_type(&self) -> &'static str {
        "application/epub+zip"
    }

    fn description(&self) -> &'static str {
        "EPUB 3 with a page-list matching the print pages, accessibility metadata"
    }

    fn export(&self, r: &Rendition<'_>, _: &mut Diagnostics) -> Result<Vec<u8>, ExportError> {
        let chapters = chapters(r.paged);
        let starts = r.paged.page_starts();
        let lang = r.transcript.metadata.language.clone();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let css = r
            .layout
            .templates
            .render("epub-css", &crate::layout::templates::document_data(r.transcript), "the EPUB style sheet")
            .map_err(fail)?;
        files.push(("EPUB/style.css".into(), css.into_bytes()));
        for (n, chapter) in chapters.iter().enumerate() {
            // Blocks are rendered in parallel, each on its own, then set into the chapter.
            let blocks = chapter
                .blocks
                .par_iter()
                .map(|&b| r.layout.templates.render_owned("epub-block", block_data(r, b, &starts), &format!("EPUB block {}", b + 1)))
                .collect::<Result<Vec<String>, _>>()
                .map_err(fail)?;
            let data = json!({
                "lang": lang,
                "title": r.transcript.metadata.title,
                "css": "style.css",
                "chapter": n + 1,
                "body": blocks.concat(),
            });
            let xhtml = r.layout.templates.render_owned("epub-chapter", data, &format!("EPUB chapter {}", n + 1)).map_err(fail)?;
            files.push((format!("EPUB/{}", chapter_file(n)), xhtml.into_bytes()));
        }
        files.push(("EPUB/nav.xhtml".into(), nav(r, &chapters).into_bytes()));
        files.push(("EPUB/package.opf".into(), package(r, &chapters).into_bytes()));
        zip_package(files).map_err(|e| fail(format!("cannot zip the package: {e}")))
    }
}

fn fail(e: impl std::fmt::Display) -> ExportError {
    ExportError { format: "epub", message: e.to_string() }
}

/// One chapter: consecutive composed blocks, the first of which starts a page by rule.
struct Chapter {
    blocks: Vec<usize>,
}

fn chapter_file(n: usize) -> String {
    format!("chapter-{:03}.xhtml", n + 1)
}

fn chapters(doc: &PagedDocument) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        match chapters.last_mut() {
            Some(chapter) if !block.break_before => chapter.blocks.push(b),
            _ => chapters.push(Chapter { blocks: vec![b] }),
        }
    }
    chapters
}

fn marker(page: usize) -> String {
    format!(r#"<span epub:type="pagebreak" role="doc-pagebreak" id="page-{page}" aria-label="{page}"></span>"#)
}

/// `text` escaped for XML, with page markers at the given byte offsets (clamped to the text).
fn with_markers(text: &str, markers: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(offset, page) in markers {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset >= at {
            push_xml_escaped(&mut out, &text[at..offset]);
            at = offset;
        }
        out.push_str(&marker(page));
    }
    push_xml_escaped(&mut out, &text[at..]);
    out
}

/// The template data of composed block `b`.
fn block_data(r: &Rendition<'_>, b: usize, starts: &PageStarts) -> Value {
    let doc = r.paged;
    let block = &doc.blocks[b];
    let markers = |p: usize| starts.get(&(b, p)).cloned().unwrap_or_default();
    let kinds = |title_block: bool, heading: bool, turn: bool, note: bool| json!({"title_block": title_block, "heading": heading, "turn": turn, "note": note});
    let mut data = match (block.source, block.paragraphs.first().map(|p| p.role)) {
        (Source::TitleBlock, _) => {
            let mut data = kinds(true, false, false, false);
            data["paragraphs"] = block
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, paragraph)| json!({"style": paragraph.role.style_name(), "html": with_markers(&paragraph.text, &markers(p))}))
                .collect();
            data
        }
        (_, Some(Role::Heading(level))) => {
            let mut data = kinds(false, true, false, false);
            data["level"] = json!(level + 1);
            data["id"] = json!(format!("b{b}"));
            data["html"] = json!(with_markers(&block.paragraphs[0].text, &markers(0)));
            data
        }
        (Source::Body(index), Some(Role::Note)) => {
            let mut data = kinds(false, false, false, true);
            let kind = match &r.transcript.body[index] {
                crate::model::Block::Note(note) => note.kind.map(|k| serde_json::to_value(k).unwrap_or(Value::Null)),
                _ => None,
            };
            data["kind"] = json!(kind);
            data["html"] = json!(with_markers(&block.paragraphs[0].text, &markers(0)));
            data
        }
        (Source::Body(index), _) => {
            let mut data = kinds(false, false, true, false);
            let turn = match &r.transcript.body[index] {
                crate::model::Block::Turn(turn) => Some(turn),
                _ => None,
            };
            data["speaker"] = json!(turn.map(|t| t.speaker.clone()));
            data["lang"] = json!(turn.and_then(|t| t.lang.clone()));
            data["time"] = json!(turn.and_then(|t| t.time.clone()));
            data["paragraphs"] = block
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, paragraph)| {
                    let markers = markers(p);
                    if paragraph.role == Role::Label {
                        let label = paragraph.label.clone().unwrap_or_default();
                        return json!({"own_line": true, "label": with_markers(&label, &markers), "html": ""});
                    }
                    let (in_label, in_text) = paragraph.split_at_label(&markers);
                    let label = paragraph.label.as_ref().map(|label| with_markers(label, &in_label));
                    json!({"own_line": false, "label": label, "html": with_markers(&paragraph.text, &in_text)})
                })
                .collect();
            data
        }
    };
    if data.get("level").is_none() {
        data["level"] = Value::Null;
    }
    data
}

/// Which chapter holds composed block `b`.
fn chapter_of(chapters: &[Chapter], b: usize) -> usize {
    chapters.iter().position(|c| c.blocks.contains(&b)).unwrap_or(0)
}

/// The navigation document: table of contents, landmarks and the page-list.
fn nav(r: &Rendition<'_>, chapters: &[Chapter]) -> String {
    let doc = r.paged;
    let lang = escape(&r.transcript.metadata.language);
    let title = escape(&r.transcript.metadata.title);
    let headings: Vec<(u8, String)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.source != Source::TitleBlock)
        .filter_map(|(b, block)| match block.paragraphs.first().map(|p| p.role) {
            Some(Role::Heading(level)) => {
                let link =
                    format!(r##"<a href="{}#b{b}">{}</a>"##, chapter_file(chapter_of(chapters, b)), escape(&block.paragraphs[0].text));
                Some((level, link))
            }
            _ => None,
        })
        .collect();
    let mut toc = if headings.is_empty() { String::new() } else { nested_list(&headings) };
    if toc.is_empty() {
        toc = format!("<ol>\n<li><a href=\"{}\">{title}</a></li>\n</ol>\n", chapter_file(0));
    }
    let pages: String = doc
        .pages
        .iter()
        .filter_map(|page| {
            let first = page.lines.first()?;
            Some(format!("<li><a href=\"{}#page-{n}\">{n}</a></li>\n", chapter_file(chapter_of(chapters, first.block)), n = page.number))
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}">
<head>
<meta charset="UTF-8"/>
<title>{title}</title>
</head>
<body>
<nav epub:type="toc" id="toc" role="doc-toc">
<h1>Contents</h1>
{toc}</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h1>Landmarks</h1>
<ol>
<li><a epub:type="bodymatter" href="{first}">{title}</a></li>
</ol>
</nav>
<nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden">
<h1>Pages</h1>
<ol>
{pages}</ol>
</nav>
</body>
</html>
"#,
        first = chapter_file(0),
    )
}

/// An ordered list of `(level, item)`, each item holding the deeper items that follow it.
fn nested_list(items: &[(u8, String)]) -> String {
    let mut out = String::from("<ol>\n");
    let mut i = 0;
    while i < items.len() {
        let (level, item) = &items[i];
        let end = items[i + 1..].iter().position(|(l, _)| l <= level).map_or(items.len(), |k| i + 1 + k);
        out.push_str("<li>");
        out.push_str(item);
        if end > i + 1 {
            out.push('\n');
            out.push_str(&nested_list(&items[i + 1..end]));
        }
        out.push_str("</li>\n");
        i = end;
    }
    out.push_str("</ol>\n");
    out
}

/// The package document: metadata, manifest and spine.
fn package(r: &Rendition<'_>, chapters: &[Chapter]) -> String {
    let m = &r.transcript.metadata;
    let identifier = m.identifier.clone().unwrap_or_else(|| content_uuid(r));
    let modified = r.build.created.map(iso_timestamp).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut meta = Vec::new();
    let mut dc = |name: &str, value: &str| meta.push(format!("<dc:{name}>{}</dc:{name}>", escape(value)));
    dc("title", &m.title);
    dc("language", &m.language);
    if let Some(organizer) = &m.organizer {
        dc("creator", organizer);
        dc("publisher", organizer);
    }
    if let Some(date) = m.publication_date.as_ref().or(m.date.as_ref()) {
        dc("date", date.as_str());
    }
    for (name, value) in [("description", &m.description), ("source", &m.source_url), ("rights", &m.rights), ("coverage", &m.location)] {
        if let Some(value) = value {
            dc(name, value);
        }
    }
    for tag in &m.tags {
        dc("subject", tag);
    }
    let pages = r.paged.pages.len();
    let edition = format!("{} ({} layout, {pages} pages)", identifier, r.layout.name);
    let properties = [
        ("dcterms:modified", modified),
        ("schema:accessMode", "textual".to_string()),
        ("schema:accessModeSufficient", "textual".to_string()),
        ("schema:accessibilityFeature", "structuralNavigation".to_string()),
        ("schema:accessibilityFeature", "tableOfContents".to_string()),
        ("schema:accessibilityFeature", "readingOrder".to_string()),
        ("schema:accessibilityFeature", "printPageNumbers".to_string()),
        ("schema:accessibilityFeature", "pageNavigation".to_string()),
        ("schema:accessibilityHazard", "none".to_string()),
        (
            "schema:accessibilitySummary",
            format!(
                "A transcript in reading order, text only, with headings, speaker labels marked up and the {pages} page numbers of the print edition."
            ),
        ),
        ("pageBreakSource", edition),
    ];
    for (property, value) in properties {
        meta.push(format!("<meta property=\"{property}\">{}</meta>", escape(&value)));
    }
    let manifest: String = chapters
        .iter()
        .enumerate()
        .map(|(n, _)| format!("<item id=\"c{}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n", n + 1, chapter_file(n)))
        .collect();
    let spine: String = (0..chapters.len()).map(|n| format!("<itemref idref=\"c{}\"/>\n", n + 1)).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="{lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="pub-id">{identifier}</dc:identifier>
{meta}
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="style.css" media-type="text/css"/>
{manifest}</manifest>
<spine>
{spine}</spine>
</package>
"#,
        lang = escape(&m.language),
        identifier = escape(&identifier),
        meta = meta.join("\n"),
    )
}

/// A UUID derived from the transcript's content, so that the same transcript always gets the
/// same identifier: the name-based (version 5) UUID of its compact JSON in the OID namespace.
fn content_uuid(r: &Rendition<'_>) -> String {
    format!("urn:uuid:{}", content_uuid_of(r.transcript))
}

/// [`uuid::Uuid::new_v5`] of `transcript`'s compact JSON, with SHA-1 from the `sha1` crate
/// (which uses the CPU's SHA instructions where it has them): uuid's own SHA-1 took 2% of a
/// conversion's instructions.
fn content_uuid_of(transcript: &crate::model::Transcript) -> uuid::Uuid {
    use sha1::Digest;
    // Serializing the model into memory cannot fail; were it to, the UUID would still be
    // the same for the same transcript.
    let json = serde_json::to_vec(transcript).unwrap_or_default();
    let hash = sha1::Sha1::new().chain_update(uuid::Uuid::NAMESPACE_OID.as_bytes()).chain_update(&json).finalize();
    uuid::Builder::from_sha1_bytes(hash[..16].try_into().expect("SHA-1 gives 20 bytes")).into_uuid()
}

/// `META-INF/container.xml`: where the package document is.
const CONTAINER: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"#;

/// Zips the package: `mimetype` first and stored, then the container and `files`, all with
/// fixed times (parts under 1 KB stored, the others deflated; see [`super::package`]).
fn zip_package(files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, String> {
    let mut package = super::package::Package::new();
    // The mimetype comes first and is stored, as EPUB requires; it is far below the size
    // from which parts are deflated.
    package.add("mimetype", &[b"application/epub+zip"])?;
    package.add("META-INF/container.xml", &[CONTAINER])?;
    for (name, bytes) in &files {
        package.add(name, &[bytes])?;
    }
    package.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_uuid_is_uuids_own_version_5_of_the_transcript_json() {
        for sample in [
            include_str!("../../samples/scio-briefing-2021-07-16.json"),
            include_str!("../../samples/senate-hearing-2024-03-12.json"),
            include_str!("../../samples/podcast-interview-2025-09-04.json"),
        ] {
            let transcript: crate::model::Transcript = serde_json::from_str(sample).unwrap();
            let json = serde_json::to_vec(&transcript).unwrap();
            assert_eq!(content_uuid_of(&transcript), uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &json));
        }
    }
}
