//! Fidelity: for random transcripts, every word of the model reaches every format, in order
//! and exactly once: the TXT, `pdftotext -raw` of the PDF, the DOCX body (`w:t` runs of
//! `word/document.xml`) and the EPUB (text of its chapters in spine order).
//!
//! **Transcripts** (`tests/common/transcripts.rs`): words of many scripts, combining marks,
//! emoji, right-to-left text, markup that must stay text, words longer than a line (broken at
//! grapheme clusters, so they come out split), empty and blank paragraphs, up to 30 speakers,
//! notes, headings and page breaks; laid out with the built-in `default` or `letter` layout.
//! Each goes through normalization, layout and the four exporters through the library, as
//! `convert` does.
//!
//! **Fonts and the PDF.** The shipped Liberation fonts, plus WenQuanYi Micro Hei
//! (fonts-wqy-microhei, which `tests/run` installs) when it is present; system fonts off, so
//! the result does not depend on the machine; `--allow-missing-glyphs` on. A character no font
//! covers (emoji, Arabic) is left out of the PDF by design, with a warning; invisible
//! characters (controls and default-ignorables: zero-width joiners, direction marks, soft
//! hyphens…) and tabs get a glyph or not depending on the face. The comparison with the PDF
//! leaves all of these out, on both sides; the TXT, DOCX and EPUB must carry every character.
//! pdftotext takes right-to-left text drawn left to right (verbatim's PDF does not reorder
//! bidirectional text yet) for visual order and reverses each right-to-left run; the test
//! turns those runs back ([`undo_visual_order`]).
//!
//! **Comparison.** Whitespace aside, the text of each format must *equal* the expected
//! character sequence: the title block, then each block of the body in order — a speaker label
//! where the layout put one, then the model's text. Equality, not a subsequence, so a dropped
//! or a duplicated word (or a single character) fails. What a format adds around that is taken
//! off first, from what the paged document says it is: the running header and footer of each
//! TXT page (its first and last line) and of each PDF page (its first and last text in content
//! order, which must be exactly the header's and the footer's); the DOCX keeps them in header
//! parts and the EPUB has none. Whitespace is ignored because a format may break a line between
//! any two words and splits a word too long for a line or a page; but where the model separates
//! two words, every format must separate them too, so words are never run together.
//!
//! Each case runs `pdftotext`; without it the test says so and passes (tests/run installs
//! poppler-utils, so CI has it).

mod common;

use common::extract::{docx_text, epub_text, export_all, have_pdftotext, pdftotext_raw};
use common::transcripts::transcript;
use proptest::prelude::*;
use std::path::Path;
use verbatim::export::ExportOptions;
use verbatim::layout::paged::{PagedDocument, Role, Source};
use verbatim::layout::{Layout, fonts};
use verbatim::model::{Block, Metadata, Speaker, Transcript, Turn};
use verbatim::transform::normalize::normalize;

/// WenQuanYi Micro Hei, Debian's path.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// A character of a text, and whether whitespace comes before it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Char {
    ch: char,
    space_before: bool,
}

/// The characters of `text` that `keep` keeps, whitespace folded into `space_before`.
fn chars(text: &str, keep: &dyn Fn(char) -> bool) -> Vec<Char> {
    let mut out = Vec::new();
    let mut space = true;
    for ch in text.chars() {
        if ch.is_whitespace() {
            space = true;
        } else if keep(ch) {
            out.push(Char { ch, space_before: space });
            space = false;
        }
    }
    out
}

fn show(chars: &[Char]) -> String {
    chars.iter().map(|c| if c.space_before { format!(" {}", c.ch) } else { c.ch.to_string() }).collect()
}

/// `actual` has exactly the characters of `expected`, and whitespace wherever it has.
fn assert_same(format: &str, expected: &[Char], actual: &[Char]) -> Result<(), TestCaseError> {
    let differs = expected.iter().zip(actual).position(|(e, a)| e.ch != a.ch || (e.space_before && !a.space_before));
    let at = differs.or((expected.len() != actual.len()).then(|| expected.len().min(actual.len())));
    if let Some(at) = at {
        let from = at.saturating_sub(30);
        return Err(TestCaseError::fail(format!(
            "{format}: differs from the model at character {at} of {}:\n  expected …{}\n  actual   …{}",
            expected.len(),
            show(&expected[from..(at + 30).min(expected.len())]),
            show(&actual[from.min(actual.len())..(at + 30).min(actual.len())]),
        )));
    }
    Ok(())
}

/// What every format must carry, in order: the title block, then per block of the body its
/// speaker label (where the layout put one) and the model's own text.
fn expected_text(t: &Transcript, paged: &PagedDocument) -> String {
    let mut out = String::new();
    let title_block = paged.blocks.iter().filter(|b| b.source == Source::TitleBlock);
    for paragraph in title_block.flat_map(|b| &b.paragraphs) {
        out.push_str(&paragraph.text);
        out.push('\n');
    }
    for (index, block) in t.body.iter().enumerate() {
        let composed = paged.blocks.iter().find(|b| b.source == Source::Body(index));
        let label_of = |role: Role| composed.and_then(|b| b.paragraphs.iter().find(|p| p.role == role)).and_then(|p| p.label.clone());
        match block {
            Block::Heading(h) => out.push_str(&h.text),
            Block::Note(n) => out.push_str(&n.text),
            Block::PageBreak(_) => {}
            Block::Turn(turn) => {
                if let Some(label) = label_of(Role::Label) {
                    out.push_str(&label);
                    out.push('\n');
                }
                for (k, text) in turn.paragraphs.iter().enumerate() {
                    if let Some(label) = label_of(Role::Turn(k)) {
                        out.push_str(&label);
                        out.push(' ');
                    }
                    out.push_str(text);
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The text of running head parts, left to right.
fn running_text(parts: &[verbatim::layout::paged::Running]) -> String {
    parts.iter().map(|p| p.line.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The TXT without its running heads: each page's first line when the page has a header, its
/// last when it has a footer.
fn txt_body(txt: &str, paged: &PagedDocument) -> Result<String, TestCaseError> {
    let pages: Vec<&str> = txt.trim_end_matches('\n').split("\n\u{c}").collect();
    prop_assert_eq!(pages.len(), paged.pages.len(), "TXT pages");
    let mut out = String::new();
    for (text, page) in pages.iter().zip(&paged.pages) {
        let mut lines: Vec<&str> = text.split('\n').collect();
        if !page.footer.is_empty() {
            lines.pop();
        }
        if !page.header.is_empty() {
            lines.remove(0);
        }
        out.push_str(&lines.join("\n"));
        out.push('\n');
    }
    Ok(out)
}

/// The PDF's body text: per page, the header's characters taken off the front and the footer's
/// off the end, each required to be exactly there.
fn pdf_body(pdf_text: &str, paged: &PagedDocument, drawn: &dyn Fn(char) -> bool) -> Result<Vec<Char>, TestCaseError> {
    let pages: Vec<&str> = pdf_text.trim_end_matches('\u{c}').split('\u{c}').collect();
    prop_assert_eq!(pages.len(), paged.pages.len(), "PDF pages");
    let mut out = Vec::new();
    for (text, page) in pages.iter().zip(&paged.pages) {
        let mut body = chars(&undo_visual_order(text), drawn);
        let header: Vec<char> = chars(&running_text(&page.header), drawn).iter().map(|c| c.ch).collect();
        let footer: Vec<char> = chars(&running_text(&page.footer), drawn).iter().map(|c| c.ch).collect();
        let starts: Vec<char> = body.iter().take(header.len()).map(|c| c.ch).collect();
        prop_assert_eq!(&starts, &header, "PDF page {} starts with its header", page.number);
        body.drain(..header.len());
        let ends: Vec<char> = body.iter().skip(body.len().saturating_sub(footer.len())).map(|c| c.ch).collect();
        prop_assert_eq!(&ends, &footer, "PDF page {} ends with its footer", page.number);
        body.truncate(body.len() - footer.len());
        if let Some(first) = body.first_mut() {
            first.space_before = true;
        }
        out.extend(body);
    }
    Ok(out)
}

/// pdftotext takes right-to-left text drawn left to right (verbatim's PDF does not reorder
/// bidirectional text) for visual order: it reverses each right-to-left run and wraps it in
/// U+202B … U+202C. This reverses those runs back.
fn undo_visual_order(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('\u{202B}') {
        out.push_str(&rest[..start]);
        let run = &rest[start + '\u{202B}'.len_utf8()..];
        let end = run.find('\u{202C}').unwrap_or(run.len());
        out.extend(run[..end].chars().rev());
        rest = run.get(end + '\u{202C}'.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

thread_local! {
    /// `default` and `letter`, with the CJK font when installed and without system fonts.
    static LAYOUTS: Vec<Layout> = ["default", "letter"]
        .into_iter()
        .map(|name| {
            let mut layout = Layout::builtin(name).unwrap();
            if Path::new(CJK_FONT).exists() {
                layout.add_fallback_fonts(&[CJK_FONT.into()]).unwrap();
            }
            layout.system_fonts = false;
            layout
        })
        .collect();
}

/// What a reader gets back from each format.
struct Extracted {
    txt: String,
    pdf: String,
    docx: String,
    epub: String,
}

/// Normalizes `t` as `convert` does, lays it out and exports every format.
fn convert(t: &mut Transcript, layout: &Layout) -> (PagedDocument, Extracted) {
    normalize(t);
    let options = ExportOptions { pdf_standard: None, allow_missing_glyphs: true };
    let (paged, outputs) = export_all(t, layout, &options);
    let output = |id: &str| outputs.iter().find(|(format, _)| *format == id).map(|(_, bytes)| bytes.as_slice()).unwrap();
    let extracted = Extracted {
        txt: String::from_utf8(output("txt").to_vec()).unwrap(),
        pdf: pdftotext_raw(output("pdf")),
        docx: docx_text(output("docx")),
        epub: epub_text(output("epub")),
    };
    (paged, extracted)
}

fn check_formats(t: &Transcript, paged: &PagedDocument, formats: &Extracted) -> Result<(), TestCaseError> {
    let expected = expected_text(t, paged);
    let everything = |_: char| true;
    // What the PDF is compared on: characters drawn wherever they stand. Not tabs and
    // invisible characters (a face may or may not have a blank glyph for them) and not
    // characters no font covers; on both sides.
    let drawn = |ch: char| ch != '\t' && !fonts::is_invisible(ch) && paged.fonts.covers(ch);
    assert_same("TXT", &chars(&expected, &everything), &chars(&txt_body(&formats.txt, paged)?, &everything))?;
    assert_same("PDF", &chars(&expected, &drawn), &pdf_body(&formats.pdf, paged, &drawn)?)?;
    assert_same("DOCX", &chars(&expected, &everything), &chars(&formats.docx, &everything))?;
    assert_same("EPUB", &chars(&expected, &everything), &chars(&formats.epub, &everything))?;
    Ok(())
}

fn check(mut t: Transcript, letter: bool) -> Result<(), TestCaseError> {
    LAYOUTS.with(|layouts| {
        let (paged, formats) = convert(&mut t, &layouts[usize::from(letter)]);
        check_formats(&t, &paged, &formats)
    })
}

/// The check itself is strict: one word dropped, one duplicated, or two run together in any
/// one format fails it.
#[test]
fn the_check_fails_on_a_dropped_a_duplicated_or_a_merged_word() {
    if !have_pdftotext() {
        eprintln!("skipped: pdftotext is not installed (poppler-utils; tests/run installs it)");
        return;
    }
    let speaker = Speaker { id: "s0".into(), name: "Chair Okafor".into(), role: None, affiliation: None, native_name: None };
    let paragraph = "The committee will come to order. Thank you, 黄利斌, for the infrastructure report.";
    let turn = Block::Turn(Turn { speaker: "s0".into(), paragraphs: vec![paragraph.into()], time: None, lang: None });
    let mut t = Transcript { schema_version: 1, metadata: Metadata::new("Hearing"), speakers: vec![speaker], body: vec![turn] };
    LAYOUTS.with(|layouts| {
        let (paged, formats) = convert(&mut t, &layouts[0]);
        check_formats(&t, &paged, &formats).unwrap();
        let changes: [(&str, &str); 3] =
            [("infrastructure ", ""), ("infrastructure", "infrastructure infrastructure"), ("come to", "cometo")];
        for (from, to) in changes {
            for format in ["TXT", "PDF", "DOCX", "EPUB"] {
                let mut altered = Extracted {
                    txt: formats.txt.clone(),
                    pdf: formats.pdf.clone(),
                    docx: formats.docx.clone(),
                    epub: formats.epub.clone(),
                };
                let text = match format {
                    "TXT" => &mut altered.txt,
                    "PDF" => &mut altered.pdf,
                    "DOCX" => &mut altered.docx,
                    _ => &mut altered.epub,
                };
                assert!(text.contains(from), "{format}: {text:?}");
                *text = text.replacen(from, to, 1);
                let result = check_formats(&t, &paged, &altered);
                assert!(result.is_err(), "{format} with `{from}` made `{to}` passes the check");
            }
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_word_reaches_every_format_in_order_exactly_once(t in transcript(), letter in any::<bool>()) {
        if !have_pdftotext() {
            eprintln!("skipped: pdftotext is not installed (poppler-utils; tests/run installs it)");
            return Ok(());
        }
        check(t, letter)?;
    }
}
