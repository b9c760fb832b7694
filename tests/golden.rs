//! Golden tests: the paged dump and the TXT of every sample in every built-in layout are
//! compared with the reviewed files in `tests/golden/`. Run with `UPDATE_GOLDEN=1` to rewrite
//! them, then review the diff. Also checks that TXT page N holds exactly the words of page N
//! of the paged document.

use std::path::{Path, PathBuf};
use verbatim::export::{BuildInfo, Diagnostics, Exporter, Rendition, TxtExporter};
use verbatim::import::load_path;
use verbatim::layout::{self, Layout, PagedDocument, builtin_names};

fn samples() -> Vec<PathBuf> {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 3, "the samples folder holds at least three transcripts");
    samples
}

fn render_all() -> Vec<(String, PagedDocument, String)> {
    let mut out = Vec::new();
    for name in builtin_names() {
        let layout = Layout::builtin(name).unwrap();
        for sample in samples() {
            let transcript = load_path(&sample).unwrap();
            let paged = layout::render(&transcript, &layout).unwrap();
            let build = BuildInfo::new(&transcript, None);
            let rendition = Rendition { transcript: &transcript, paged: &paged, layout: &layout, build: &build };
            let txt = String::from_utf8(TxtExporter.export(&rendition, &mut Diagnostics::default()).unwrap()).unwrap();
            let stem = sample.file_stem().unwrap().to_str().unwrap();
            out.push((format!("{stem}.{name}"), paged, txt));
        }
    }
    out
}

fn compare(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line =
        expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}

#[test]
fn paged_dumps_and_txt_match_the_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    for (name, paged, txt) in render_all() {
        failures.extend(compare(&dir.join(format!("{name}.paged.txt")), &paged.dump()));
        failures.extend(compare(&dir.join(format!("{name}.txt")), &txt));
    }
    assert!(
        failures.is_empty(),
        "{} golden files differ (UPDATE_GOLDEN=1 rewrites them; review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whitespace-separated words, with words broken after a hyphen at a line end rejoined.
fn words(text: &str) -> Vec<String> {
    text.replace("-\n", "-").split_whitespace().map(str::to_string).collect()
}

/// The words of a page of the paged document, header to footer, as TXT must hold them.
fn page_words(paged: &PagedDocument, page: usize) -> Vec<String> {
    let page = &paged.pages[page];
    let mut text = String::new();
    for part in &page.header {
        text.push_str(&part.line.text);
        text.push(' ');
    }
    for (n, placed) in page.lines.iter().enumerate() {
        let line = paged.line(placed);
        text.push_str(&line.text);
        // Within a paragraph, rejoin the line with what its break dropped (a word broken
        // after a hyphen stays one word); between paragraphs, a space.
        let same_paragraph = page.lines.get(n + 1).is_some_and(|next| (next.block, next.paragraph) == (placed.block, placed.paragraph));
        text.push_str(if same_paragraph { &line.after } else { " " });
    }
    for part in &page.footer {
        text.push_str(&part.line.text);
        text.push(' ');
    }
    words(&text)
}

#[test]
fn txt_pages_hold_exactly_the_words_of_the_paged_pages() {
    for (name, paged, txt) in render_all() {
        let pages: Vec<&str> = txt.split('\u{000C}').collect();
        assert_eq!(pages.len(), paged.pages.len(), "{name}: TXT pages vs paged pages");
        for (n, page) in pages.iter().enumerate() {
            let mut expected = page_words(&paged, n);
            let mut actual = words(page);
            // TXT may shorten a long running header to its column width; compare the body.
            if !paged.pages[n].header.is_empty() {
                let header_words = words(&paged.pages[n].header.iter().map(|p| p.line.text.clone()).collect::<Vec<_>>().join(" "));
                expected.drain(..header_words.len());
                let first_body_line = page.lines().skip_while(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n");
                actual = words(&first_body_line);
            }
            assert_eq!(actual, expected, "{name}: page {} of the TXT", n + 1);
        }
    }
}

#[test]
fn every_word_of_the_model_is_in_the_txt_in_order() {
    for (name, _, txt) in render_all() {
        let sample = samples().into_iter().find(|s| name.starts_with(s.file_stem().unwrap().to_str().unwrap())).unwrap();
        let transcript = load_path(&sample).unwrap();
        let mut model_words = Vec::new();
        for block in &transcript.body {
            match block {
                verbatim::model::Block::Heading(h) => model_words.extend(words(&h.text)),
                verbatim::model::Block::Turn(t) => t.paragraphs.iter().for_each(|p| model_words.extend(words(p))),
                verbatim::model::Block::Note(n) => model_words.extend(words(&n.text)),
                verbatim::model::Block::PageBreak(_) => {}
            }
        }
        let txt_words = words(&txt);
        let mut at = 0;
        for word in &model_words {
            match txt_words[at..].iter().position(|w| w == word) {
                Some(offset) => at += offset + 1,
                None => panic!("{name}: `{word}` is missing from the TXT (or out of order) after word {at}"),
            }
        }
    }
}
