//! Helpers shared by the integration tests: the samples, and word lists that compare text
//! across formats.
#![allow(dead_code)]

pub mod checks;
pub mod extract;
pub mod transcripts;
pub mod work;

use std::path::{Path, PathBuf};
use verbatim::layout::PagedDocument;
use verbatim::model::{Block, Transcript};

/// Compares `actual` with the golden file `tests/golden/{name}`, or rewrites it when
/// `UPDATE_GOLDEN` is set; records a difference in `failures`.
pub fn check_golden(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let line =
            expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
        failures.push(format!(
            "{} differs at line {}:\n  golden: {:?}\n  actual: {:?}",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        ));
    }
}

/// Fails with every golden that differs.
pub fn assert_goldens(failures: &[String]) {
    assert!(failures.is_empty(), "outputs differ from their goldens (UPDATE_GOLDEN=1 rewrites them; review the diff): {failures:#?}");
}

/// Every bundled sample in every built-in layout: (`<sample stem>.<layout>`, layout, transcript).
pub fn cases() -> Vec<(String, verbatim::layout::Layout, Transcript)> {
    let mut out = Vec::new();
    for name in verbatim::layout::builtin_names() {
        for sample in samples() {
            let stem = format!("{}.{name}", sample.file_stem().unwrap().to_str().unwrap());
            out.push((stem, verbatim::layout::Layout::builtin(name).unwrap(), verbatim::import::load_path(&sample).unwrap()));
        }
    }
    out
}

/// Undoes the five XML entity escapes.
pub fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The bundled samples, sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 3, "the samples folder holds at least three transcripts");
    samples
}

/// Whitespace-separated words, with words broken after a hyphen at a line end rejoined.
pub fn words(text: &str) -> Vec<String> {
    text.replace("-\n", "-").split_whitespace().map(str::to_string).collect()
}

/// Every word of the model's body text, in order.
pub fn model_words(t: &Transcript) -> Vec<String> {
    let mut out = Vec::new();
    for block in &t.body {
        match block {
            Block::Heading(h) => out.extend(words(&h.text)),
            Block::Turn(turn) => turn.paragraphs.iter().for_each(|p| out.extend(words(p))),
            Block::Note(n) => out.extend(words(&n.text)),
            Block::PageBreak(_) => {}
        }
    }
    out
}

/// Asserts that `model` appears in `output` in order (other words may come between).
pub fn assert_in_order(model: &[String], output: &[String], what: &str) {
    let mut at = 0;
    for word in model {
        match output[at..].iter().position(|w| w == word) {
            Some(offset) => at += offset + 1,
            None => panic!("{what}: `{word}` is missing (or out of order) after word {at}"),
        }
    }
}

/// The words of the running header of page `page` (0-based).
pub fn header_words(paged: &PagedDocument, page: usize) -> Vec<String> {
    words(&paged.pages[page].header.iter().map(|p| p.line.text.clone()).collect::<Vec<_>>().join(" "))
}

/// The words of page `page` (0-based) of the paged document, header to footer.
pub fn page_words(paged: &PagedDocument, page: usize) -> Vec<String> {
    let page_ref = &paged.pages[page];
    let mut text = String::new();
    for part in &page_ref.header {
        text.push_str(&part.line.text);
        text.push(' ');
    }
    for (n, placed) in page_ref.lines.iter().enumerate() {
        let line = paged.line(placed);
        text.push_str(&line.text);
        // Within a paragraph, rejoin the line with what its break dropped (a word broken
        // after a hyphen stays one word); between paragraphs, a space.
        let same_paragraph = page_ref.lines.get(n + 1).is_some_and(|next| (next.block, next.paragraph) == (placed.block, placed.paragraph));
        text.push_str(if same_paragraph { &line.after } else { " " });
    }
    for part in &page_ref.footer {
        text.push_str(&part.line.text);
        text.push(' ');
    }
    words(&text)
}
