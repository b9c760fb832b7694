//! What must hold for *any* input, shared by the property tests (`tests/import_fuzz.rs`,
//! through `tests/common`) and the libFuzzer targets in `fuzz/`, which include this file by
//! path; so it uses only `verbatim` and crates verbatim itself depends on.
//!
//! - [`model_load`]: what the model readers return for some bytes.
//! - [`import`]: what a raw importer returns for some bytes.
//! - [`paged`]: layout alone, and [`conversion`]: layout and every exporter, for a
//!   normalized transcript.
//!
//! Each returns the first broken rule as an error message.

#[path = "invariants.rs"]
pub mod invariants;

use std::io::Read;
use verbatim::export::{BuildInfo, Diagnostics, ExportOptions, Rendition, registry};
use verbatim::import::{Imported, InputFormat, LoadError, load_str};
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::{Block, Transcript, validate};

/// A model file read from `data`: what loads is valid and comes back unchanged through JSON
/// and YAML (what `verbatim import` writes); an error is one the bytes explain (see [`load_error`]).
pub fn model_load(data: &[u8], result: &Result<Transcript, LoadError>) -> Result<(), String> {
    let t = match result {
        Ok(t) => t,
        Err(error) => return load_error(data, error),
    };
    let problems = validate(t);
    if !problems.is_empty() {
        return Err(format!("a loaded transcript is invalid: {problems:?}"));
    }
    let json = serde_json::to_string(t).map_err(|e| format!("the model does not serialize to JSON: {e}"))?;
    let from_json = load_str(&json, InputFormat::Json).map_err(|e| format!("its JSON does not load: {e}\n{json}"))?;
    if &from_json != t {
        return Err(format!("the JSON round trip changed the transcript:\n{json}"));
    }
    let yaml = serde_norway::to_string(t).map_err(|e| format!("the model does not serialize to YAML: {e}"))?;
    let from_yaml = load_str(&yaml, InputFormat::Yaml).map_err(|e| format!("its YAML does not load: {e}\n{yaml}"))?;
    if &from_yaml != t {
        return Err(format!("the YAML round trip changed the transcript:\n{yaml}"));
    }
    Ok(())
}

/// A raw import of `data`: the transcript passes validation; an error is one the bytes explain.
pub fn import(data: &[u8], result: &Result<Imported, LoadError>) -> Result<(), String> {
    match result {
        Ok(imported) => {
            let problems = validate(&imported.transcript);
            match problems.is_empty() {
                true => Ok(()),
                false => Err(format!("{}: the imported transcript is invalid: {problems:?}", imported.format)),
            }
        }
        Err(error) => load_error(data, error),
    }
}

/// Invalid UTF-8 is reported at the first bad byte; a syntax error has a message and a line in
/// the text (or just past its end); an invalid transcript lists its problems; reading bytes
/// never fails with an I/O error.
pub fn load_error(data: &[u8], error: &LoadError) -> Result<(), String> {
    match error {
        LoadError::NotUtf8 { offset, .. } => {
            let utf16 = data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]);
            let expected = std::str::from_utf8(data).err().map(|e| e.valid_up_to());
            if utf16 && *offset > data.len() + 1 {
                return Err(format!("UTF-16 error at offset {offset}, past the end of {} bytes", data.len()));
            }
            if !utf16 && Some(*offset) != expected {
                return Err(format!("invalid UTF-8 reported at byte {offset}, first invalid byte at {expected:?}"));
            }
        }
        LoadError::Syntax { line, message, .. } => {
            if message.trim().is_empty() {
                return Err("a syntax error without a message".into());
            }
            // YAML also breaks lines at a lone CR, NEL, LS and PS; count as it does.
            let text = decoded(data).replace("\r\n", "\n");
            let lines = 1 + text.chars().filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')).count();
            if *line > lines + 1 {
                return Err(format!("syntax error at line {line} of a {lines}-line text: {message}"));
            }
        }
        LoadError::Invalid(problems) => {
            if problems.is_empty() || problems.iter().any(|p| p.message.trim().is_empty()) {
                return Err(format!("an invalid transcript without its problems: {problems:?}"));
            }
        }
        LoadError::Empty => {
            if !decoded(data).trim_start_matches('\u{feff}').trim().is_empty() {
                return Err("a text with content reported as empty".into());
            }
        }
        LoadError::Limit(message) => {
            if message.trim().is_empty() {
                return Err("a limit reached without saying which".into());
            }
        }
        LoadError::Io(_) | LoadError::UnknownFormat => return Err(format!("reading bytes cannot fail with `{error}`")),
    }
    Ok(())
}

/// The text of `data` as the readers decode it: UTF-16 after its byte-order mark, else UTF-8
/// (here lossily, for counting lines).
fn decoded(data: &[u8]) -> String {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        char::decode_utf16(rest.chunks_exact(2).map(|c| unit([c[0], c[1]]))).map(|c| c.unwrap_or('\u{FFFD}')).collect()
    };
    match data {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

/// Lays `t` out with `layout`: no error, and the paged document keeps its invariants.
pub fn paged(t: &Transcript, layout: &Layout) -> Result<PagedDocument, String> {
    let paged = layout::render(t, layout).map_err(|e| format!("does not render: {e}"))?;
    invariants::check_paged_document(&paged, layout)?;
    Ok(paged)
}

/// Lays `t` (normalized, as `convert` does before layout) out with `layout` and exports every
/// format with missing glyphs allowed: no error; the paged document keeps its invariants; the
/// TXT has a form feed between pages and every non-space character of the body, in order; the
/// PDF is a whole PDF; every XML part of the DOCX and EPUB is well-formed.
pub fn conversion(t: &Transcript, layout: &Layout) -> Result<(), String> {
    let paged = paged(t, layout)?;
    let build = BuildInfo::new(t, None);
    let options = ExportOptions { pdf_standard: None, allow_missing_glyphs: true };
    let rendition = Rendition { transcript: t, paged: &paged, layout, build: &build, options: &options };
    for exporter in registry() {
        let bytes = exporter.export(&rendition, &mut Diagnostics::default()).map_err(|e| format!("export fails: {e}"))?;
        match exporter.id() {
            "txt" => txt(t, &bytes, paged.pages.len())?,
            "pdf" => {
                if !bytes.starts_with(b"%PDF-") || !bytes.trim_ascii_end().ends_with(b"%%EOF") {
                    return Err("the PDF does not start with %PDF- and end with %%EOF".into());
                }
            }
            "docx" | "epub" => zip_xml(exporter.id(), &bytes)?,
            other => return Err(format!("no check for format {other}")),
        }
    }
    Ok(())
}

fn txt(t: &Transcript, bytes: &[u8], pages: usize) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("the TXT is not UTF-8: {e}"))?;
    let txt_pages = text.matches('\u{c}').count() + 1;
    if txt_pages != pages {
        return Err(format!("the TXT has {txt_pages} pages, the paged document {pages}"));
    }
    let mut printed = text.chars().filter(|c| !c.is_whitespace());
    for block in &t.body {
        let texts: Vec<&str> = match block {
            Block::Heading(h) => vec![&h.text],
            Block::Turn(turn) => turn.paragraphs.iter().map(String::as_str).collect(),
            Block::Note(n) => vec![&n.text],
            Block::PageBreak(_) => Vec::new(),
        };
        for ch in texts.iter().flat_map(|s| s.chars()).filter(|c| !c.is_whitespace()) {
            if !printed.any(|p| p == ch) {
                return Err(format!("the TXT lacks {ch:?} (U+{:04X}) of the body, or has it out of order", ch as u32));
            }
        }
    }
    Ok(())
}

fn zip_xml(format: &str, bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("the {format} is not a zip: {e}"))?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| format!("{format}: entry {i}: {e}"))?;
        let name = entry.name().map_err(|e| format!("{format}: entry {i}: {e}"))?.to_string();
        if ![".xml", ".xhtml", ".opf", ".rels"].iter().any(|ext| name.ends_with(ext)) {
            continue;
        }
        let mut xml = String::new();
        entry.read_to_string(&mut xml).map_err(|e| format!("{format}: {name} is not UTF-8: {e}"))?;
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
        roxmltree::Document::parse_with_options(&xml, options).map_err(|e| format!("{format}: {name} is not well-formed XML: {e}"))?;
    }
    Ok(())
}
