//! Golden tests: the paged dump and the TXT of every sample in every built-in layout are
//! compared with the reviewed files in `tests/golden/`. Run with `UPDATE_GOLDEN=1` to rewrite
//! them, then review the diff. Also checks that TXT page N holds exactly the words of page N
//! of the paged document.

mod common;

use common::{assert_goldens, assert_in_order, check_golden, header_words, model_words, page_words, samples, words};
use verbatim::export::{BuildInfo, Diagnostics, ExportOptions, Exporter, Rendition, TxtExporter};
use verbatim::import::load_path;
use verbatim::layout::{self, Layout, PagedDocument, builtin_names};

fn render_all() -> Vec<(String, PagedDocument, String)> {
    let mut out = Vec::new();
    for name in builtin_names() {
        let layout = Layout::builtin(name).unwrap();
        for sample in samples() {
            let transcript = load_path(&sample).unwrap();
            let paged = layout::render(&transcript, &layout).unwrap();
            let build = BuildInfo::new(&transcript, None);
            let options = ExportOptions::default();
            let rendition = Rendition { transcript: &transcript, paged: &paged, layout: &layout, build: &build, options: &options };
            let txt = String::from_utf8(TxtExporter.export(&rendition, &mut Diagnostics::default()).unwrap()).unwrap();
            let stem = sample.file_stem().unwrap().to_str().unwrap();
            out.push((format!("{stem}.{name}"), paged, txt));
        }
    }
    out
}

#[test]
fn paged_dumps_and_txt_match_the_goldens() {
    let mut failures = Vec::new();
    for (name, paged, txt) in render_all() {
        check_golden(&format!("{name}.paged.txt"), &paged.dump(), &mut failures);
        check_golden(&format!("{name}.txt"), &txt, &mut failures);
    }
    assert_goldens(&failures);
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
                expected.drain(..header_words(&paged, n).len());
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
        assert_in_order(&model_words(&transcript), &words(&txt), &name);
    }
}
