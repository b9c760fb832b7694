//! Every format of one transcript, made in memory, and the text a reader gets back from each:
//! the TXT as written, `pdftotext -raw` of the PDF, the `w:t` runs of the DOCX body, and the
//! text content of the EPUB's chapters in spine order. XML is read with an XML parser, so
//! entities and character references come back decoded.

use std::io::Read;
use std::process::Command;
use verbatim::export::{BuildInfo, Diagnostics, ExportOptions, Rendition, registry};
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::Transcript;

/// The paged document and every registered format's bytes, by format id.
pub fn export_all(t: &Transcript, layout: &Layout, options: &ExportOptions) -> (PagedDocument, Vec<(&'static str, Vec<u8>)>) {
    let paged = layout::render(t, layout).unwrap_or_else(|e| panic!("render: {e}"));
    let build = BuildInfo::new(t, None);
    let rendition = Rendition { transcript: t, paged: &paged, layout, build: &build, options };
    let outputs = registry()
        .iter()
        .map(|exporter| {
            let bytes = exporter.export(&rendition, &mut Diagnostics::default()).unwrap_or_else(|e| panic!("export: {e}"));
            (exporter.id(), bytes)
        })
        .collect();
    (paged, outputs)
}

/// Whether poppler's `pdftotext` can run here.
pub fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

/// `pdftotext -raw` of a PDF held in memory: text in content-stream order, a form feed after
/// each page.
pub fn pdftotext_raw(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-raw").arg(&path).arg("-").output().expect("pdftotext runs (install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The text of one entry of a zip.
pub fn zip_entry(zip: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let mut text = String::new();
    archive.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
    text
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(xml, options).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// The body text of a DOCX as Word reads it: the `w:t` runs of `word/document.xml` in order,
/// a tab for `w:tab`, a newline for `w:br` and before each paragraph.
pub fn docx_text(docx: &[u8]) -> String {
    let xml = zip_entry(docx, "word/document.xml");
    let doc = parse(&xml);
    let mut out = String::new();
    for node in doc.descendants() {
        match node.tag_name().name() {
            "t" => out.push_str(node.text().unwrap_or_default()),
            "tab" => out.push('\t'),
            "br" | "cr" | "p" => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// The text content of the EPUB's chapters (the `<body>` of each spine document), in spine
/// order, a newline between block elements.
pub fn epub_text(epub: &[u8]) -> String {
    let opf_path = {
        let container = zip_entry(epub, "META-INF/container.xml");
        let doc = parse(&container);
        doc.descendants().find(|n| n.has_tag_name("rootfile")).and_then(|n| n.attribute("full-path")).expect("a rootfile").to_string()
    };
    let base = opf_path.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let opf = zip_entry(epub, &opf_path);
    let package = parse(&opf);
    let href = |id: &str| {
        package
            .descendants()
            .find(|n| n.has_tag_name("item") && n.attribute("id") == Some(id))
            .and_then(|n| n.attribute("href"))
            .map(str::to_string)
    };
    let mut out = String::new();
    for itemref in package.descendants().filter(|n| n.has_tag_name("itemref")) {
        let file = href(itemref.attribute("idref").expect("idref")).expect("spine items are in the manifest");
        let xhtml = zip_entry(epub, &format!("{base}{file}"));
        let doc = parse(&xhtml);
        let body = doc.descendants().find(|n| n.has_tag_name("body")).expect("a body");
        for node in body.descendants() {
            if node.is_text() {
                out.push_str(node.text().unwrap_or_default());
            } else if matches!(node.tag_name().name(), "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "section" | "br")
            {
                out.push('\n');
            }
        }
    }
    out
}
