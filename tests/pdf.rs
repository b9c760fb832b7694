//! The PDF checked the way a user's tools see it: qpdf, pdffonts, pdftotext, pdfinfo (Debian's
//! qpdf and poppler-utils, installed by `.ci/run`). Canonical dumps per sample and layout are
//! goldens in `tests/golden/*.pdf.txt` (`UPDATE_GOLDEN=1` rewrites them; review the diff).

mod common;

use common::{assert_goldens, assert_in_order, cases, check_golden, model_words, page_words, samples, words};
use std::path::Path;
use std::process::Command;
use verbatim::export::{BuildInfo, Diagnostics, ExportOptions, Exporter, PdfExporter, PdfStandard, Rendition, TxtExporter};
use verbatim::import::{InputFormat, load_path, load_str};
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::Transcript;

/// Runs a tool, failing the test with a clear message when it is not installed.
fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| panic!("`{name}` could not run ({e}); install qpdf and poppler-utils"))
}

fn stdout(name: &str, args: &[&str]) -> String {
    let out = tool(name, args);
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn export(
    exporter: &dyn Exporter,
    t: &Transcript,
    layout: &Layout,
    options: &ExportOptions,
) -> (PagedDocument, Result<(Vec<u8>, Diagnostics), String>) {
    let paged = layout::render(t, layout).unwrap();
    let build = BuildInfo::new(t, None);
    let rendition = Rendition { transcript: t, paged: &paged, layout, build: &build, options };
    let mut diagnostics = Diagnostics::default();
    let result = exporter.export(&rendition, &mut diagnostics).map(|bytes| (bytes, diagnostics)).map_err(|e| e.to_string());
    (paged, result)
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// pdffonts' table without the content-hashed subset prefixes.
fn fonts_table(pdf: &str) -> Vec<String> {
    stdout("pdffonts", &[pdf])
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let name = cols[0].split_once('+').map_or(cols[0], |(_, n)| n);
            format!("{name} | {} {} | emb {} sub {} uni {}", cols[1], cols[2], cols[4], cols[5], cols[6])
        })
        .collect()
}

/// The PDF's text in content-stream order, which is reading order for verbatim's PDFs
/// (`-raw` also keeps a hyphen at a line end, which the default mode removes).
fn pdf_text(path: &str) -> String {
    stdout("pdftotext", &["-raw", path, "-"])
}

fn pdf_pages(text: &str) -> Vec<&str> {
    text.trim_end_matches('\u{000C}').split('\u{000C}').collect()
}

#[test]
fn every_sample_pdf_passes_the_tools_has_the_pages_of_the_txt_and_matches_its_golden() {
    let dir = tempfile::tempdir().unwrap();
    let mut golden_failures = Vec::new();
    for (stem, layout, t) in cases() {
        let options = ExportOptions::default();
        let (paged, pdf) = export(&PdfExporter, &t, &layout, &options);
        let pdf = pdf.unwrap().0;
        let again = export(&PdfExporter, &t, &layout, &options).1.unwrap().0;
        assert!(pdf == again, "{stem}: two exports of the same input differ");
        let txt = String::from_utf8(export(&TxtExporter, &t, &layout, &options).1.unwrap().0).unwrap();
        let path = write_temp(dir.path(), &format!("{stem}.pdf"), &pdf);

        let check = tool("qpdf", &["--check", &path]);
        assert!(check.status.success(), "{stem}: qpdf --check: {}", String::from_utf8_lossy(&check.stdout));

        let fonts = fonts_table(&path);
        assert!(!fonts.is_empty() && fonts.iter().all(|f| f.ends_with("emb yes sub yes uni yes")), "{stem}: {fonts:#?}");

        let text = pdf_text(&path);
        let pages = pdf_pages(&text);
        let txt_pages: Vec<&str> = txt.split('\u{000C}').collect();
        assert_eq!(pages.len(), txt_pages.len(), "{stem}: PDF and TXT page counts");
        assert_eq!(pages.len(), paged.pages.len(), "{stem}: PDF and paged page counts");
        for (n, page) in pages.iter().enumerate() {
            assert_eq!(words(page), page_words(&paged, n), "{stem}: page {} of the PDF holds other words than the paged page", n + 1);
            let first_body_word = |w: &[String]| w.get(common::header_words(&paged, n).len()).cloned();
            let txt_body: Vec<String> = if paged.pages[n].header.is_empty() {
                words(txt_pages[n])
            } else {
                words(&txt_pages[n].lines().skip(2).collect::<Vec<_>>().join("\n"))
            };
            assert_eq!(first_body_word(&words(page)), txt_body.first().cloned(), "{stem}: page {} starts with another word in TXT", n + 1);
        }
        assert_in_order(&model_words(&t), &words(&text), &stem);

        let info = stdout("pdfinfo", &[&path]);
        let field = |key: &str| info.lines().find(|l| l.starts_with(key)).unwrap_or_default().to_string();
        let dump = format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n\nfonts:\n{}\n{}",
            field("Title:"),
            field("Author:"),
            field("Keywords:"),
            field("CreationDate:"),
            field("Pages:"),
            field("Page size:"),
            fonts.join("\n"),
            pages.iter().enumerate().map(|(n, p)| format!("\n== page {} ==\n{}", n + 1, p.trim_end())).collect::<String>()
        );
        check_golden(&format!("{stem}.pdf.txt"), &dump, &mut golden_failures);
    }
    assert_goldens(&golden_failures);
}

/// A word and its box as pdftotext reports it: text, x min, y min, x max, y max (points, from
/// the page's top left).
type WordBox = (String, f64, f64, f64, f64);

/// Each word pdftotext finds, with its box, by page.
fn word_boxes(path: &str) -> Vec<Vec<WordBox>> {
    let html = stdout("pdftotext", &["-bbox", path, "-"]);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let number = |key: &str| {
                        let start = word.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                        word[start..start + word[start..].find('"').unwrap()].parse::<f64>().unwrap()
                    };
                    let text = &word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()];
                    (common::unescape_xml(text), number("xMin"), number("yMin"), number("xMax"), number("yMax"))
                })
                .collect()
        })
        .collect()
}

/// The default writer (ours) and the PDF/A writer (krilla) serialize the same pages: the
/// same words on every page, each starting and ending at the same x (to a hundredth of a
/// point) and standing on the same baseline (the bottom of its box, which the fonts'
/// descents set, to a tenth of a point: the writers take the descent from different tables).
#[test]
fn the_default_and_the_pdf_a_writer_put_the_same_words_in_the_same_places() {
    let dir = tempfile::tempdir().unwrap();
    for (stem, layout, t) in cases() {
        let paged = layout::render(&t, &layout).unwrap();
        let build = BuildInfo::new(&t, Some("1700000000"));
        let mut boxes = Vec::new();
        for (name, standard) in [("default", None), ("a2b", Some(PdfStandard::A2b))] {
            let options = ExportOptions { pdf_standard: standard, ..ExportOptions::default() };
            let rendition = Rendition { transcript: &t, paged: &paged, layout: &layout, build: &build, options: &options };
            let pdf = PdfExporter.export(&rendition, &mut Diagnostics::default()).unwrap();
            boxes.push(word_boxes(&write_temp(dir.path(), &format!("{stem}.{name}.pdf"), &pdf)));
        }
        let (ours, krilla) = (&boxes[0], &boxes[1]);
        assert_eq!(ours.len(), paged.pages.len(), "{stem}: pages");
        assert_eq!(ours.len(), krilla.len(), "{stem}: pages of the two writers");
        for (n, (a, b)) in ours.iter().zip(krilla).enumerate() {
            let words = |page: &[WordBox]| page.iter().map(|w| w.0.clone()).collect::<Vec<_>>();
            assert_eq!(words(a), words(b), "{stem}: page {} holds other words", n + 1);
            for (x, y) in a.iter().zip(b) {
                let same_x = (x.1 - y.1).abs() < 0.01 && (x.3 - y.3).abs() < 0.01;
                assert!(same_x && (x.4 - y.4).abs() < 0.1, "{stem}: page {}: `{}` at {x:?} (ours) and {y:?} (krilla)", n + 1, x.0);
            }
        }
    }
}

/// A fallback font with CFF outlines (an OpenType .otf; Debian's fonts-cantarell, installed
/// by `.ci/run`) is embedded as a CID-keyed CFF program, and its characters extract.
#[test]
fn a_cff_fallback_font_is_embedded_as_cff_and_its_text_extracts() {
    const CFF_FONT: &str = "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf";
    assert!(Path::new(CFF_FONT).exists(), "install fonts-cantarell for this test");
    let t = transcript("The fee is ₹500 and ₽20, a fifth ⅕ of it.");
    let mut layout = shipped_fonts_only();
    layout.add_fallback_fonts(&[CFF_FONT.into()]).unwrap();
    let (pdf, diagnostics) = export(&PdfExporter, &t, &layout, &ExportOptions::default()).1.unwrap();
    assert!(diagnostics.warnings.is_empty(), "{:?}", diagnostics.warnings);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(dir.path(), "cff.pdf", &pdf);
    assert!(tool("qpdf", &["--check", &path]).status.success());
    let listing = stdout("pdffonts", &[&path]);
    let cantarell = listing.lines().find(|l| l.contains("+Cantarell-Regular")).unwrap_or_else(|| panic!("{listing}"));
    let columns: Vec<&str> = cantarell.split_whitespace().collect();
    assert_eq!(columns[1..8], ["CID", "Type", "0C", "Custom", "yes", "yes", "yes"], "embedded, subset, with a ToUnicode map");
    assert!(pdf_text(&path).contains("The fee is ₹500 and ₽20, a fifth ⅕ of it."), "{}", pdf_text(&path));
}

/// The text of a PDF as pdfminer.six reads it (`VERBATIM_PDFMINER`, set by `tests/run`).
fn pdfminer_text(path: &str) -> String {
    let script = std::env::var("VERBATIM_PDFMINER").expect("set VERBATIM_PDFMINER to pdfminer.six's pdf2txt.py (tests/run does)");
    stdout(&script, &[path])
}

/// Whitespace-separated words of `text`, without joining hyphenated line ends (both readers
/// see the same lines).
fn plain_words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Faces that draw fewer than 256 glyphs use one-byte codes through an embedded code map, the
/// others two-byte Identity-H: pdfminer.six, which reads no embedded map but knows this one by
/// its name, reads the same words as poppler in both cases.
#[test]
fn pdfminer_reads_the_words_poppler_reads_with_one_and_two_byte_codes() {
    let dir = tempfile::tempdir().unwrap();
    let sample = samples().into_iter().find(|s| s.to_str().unwrap().contains("hearing")).unwrap();
    let hearing = load_path(&sample).unwrap();
    let layout = Layout::builtin("default").unwrap();
    // Over 255 different CJK characters from the fallback font: that face needs two-byte codes.
    let cjk = verbatim::layout::fonts::load_font_file(Path::new(CJK_FONT)).unwrap().remove(0);
    let many: String = ('\u{4E00}'..'\u{9FA5}').filter(|c| cjk.covers(*c)).take(400).collect();
    let mut with_cjk = shipped_fonts_only();
    with_cjk.add_fallback_fonts(&[CJK_FONT.into()]).unwrap();
    for (name, t, layout) in [("hearing", hearing, &layout), ("cjk", transcript(&format!("Characters: {many}")), &with_cjk)] {
        let pdf = export(&PdfExporter, &t, layout, &ExportOptions::default()).1.unwrap().0;
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("/OneByteIdentityH"), "{name}: one-byte codes for the Latin faces");
        assert_eq!(raw.contains("/Identity-H"), name == "cjk", "{name}: two-byte codes only for the face with over 255 glyphs");
        let path = write_temp(dir.path(), &format!("{name}.pdf"), &pdf);
        let (poppler, pdfminer) = (pdf_text(&path), pdfminer_text(&path));
        assert_eq!(plain_words(&pdfminer), plain_words(&poppler), "{name}: pdfminer.six and poppler read other words");
        assert!(poppler.contains(&many[..30]) || name != "cjk", "{name}: {poppler}");
    }
}

/// A font without outlines a PDF can embed (bitmap or colour-only fonts, CFF2) is refused when
/// it is loaded, with the file named, instead of failing every PDF that would use it; the
/// command line reports it as a usage error and writes nothing.
#[test]
fn a_font_without_drawable_outlines_is_refused_when_loaded() {
    let dir = tempfile::tempdir().unwrap();
    // Liberation Serif with its `glyf` table renamed: a font whose outlines nothing can find.
    let mut font = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/LiberationSerif-Regular.ttf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let entry = (0..tables).map(|i| 12 + 16 * i).find(|&at| &font[at..at + 4] == b"glyf").unwrap();
    font[entry..entry + 4].copy_from_slice(b"glyX");
    let path = dir.path().join("no-outlines.ttf");
    std::fs::write(&path, &font).unwrap();
    let err = verbatim::layout::fonts::load_font_file(&path).unwrap_err().to_string();
    assert!(err.contains("no-outlines.ttf") && err.contains("no TrueType (glyf) or CFF outlines"), "{err}");
    let out = dir.path().join("out");
    let run = assert_cmd::Command::cargo_bin("verbatim")
        .unwrap()
        .args(["convert", samples()[0].to_str().unwrap(), "--to", "pdf", "--font-path", path.to_str().unwrap(), "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no-outlines.ttf"));
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0, "nothing written");
}

#[test]
fn metadata_outline_and_page_labels_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let t = load_path(&samples().into_iter().find(|s| s.to_str().unwrap().contains("hearing")).unwrap()).unwrap();
    let layout = Layout::builtin("default").unwrap();
    let pdf = export(&PdfExporter, &t, &layout, &ExportOptions::default()).1.unwrap().0;
    let path = write_temp(dir.path(), "hearing.pdf", &pdf);
    let info = stdout("pdfinfo", &[&path]);
    assert!(info.contains("Author:          Subcommittee on Water Infrastructure & Resilience"), "{info}");
    assert!(info.contains("CreationDate:    Tue Mar 12 00:00:00 2024 UTC"), "{info}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout("qpdf", &["--json", "--json-key=outlines", "--json-key=pagelabels", &path])).unwrap();
    let outlines = json["outlines"].as_array().unwrap();
    let titles: Vec<&str> = outlines.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Opening statements", "Testimony of the witnesses", "Questions from the committee", "Submissions for the record"]);
    let nested: Vec<&str> = outlines[1]["kids"].as_array().unwrap().iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert!(nested.len() == 3 && nested[0].starts_with("Testimony of Dr. Łukasz Wróbel"), "{nested:?}");
    assert_eq!(json["pagelabels"][0]["label"]["/S"], "/D");
    let expanded = dir.path().join("expanded.pdf");
    stdout("qpdf", &["--qdf", "--object-streams=disable", &path, expanded.to_str().unwrap()]);
    let raw = String::from_utf8_lossy(&std::fs::read(&expanded).unwrap()).into_owned();
    assert!(raw.contains("/Lang (en)"), "the catalog names the language");
}

fn transcript(paragraph: &str) -> Transcript {
    let json = serde_json::json!({
        "metadata": {"title": "Glyph test", "date": "2024-01-02"},
        "speakers": [{"id": "huang", "name": "Huang Libin"}],
        "body": [{"type": "turn", "speaker": "huang", "paragraphs": ["Plain text first."]}, {"type": "turn", "speaker": "huang", "paragraphs": [paragraph]}]
    });
    load_str(&json.to_string(), InputFormat::Json).unwrap()
}

/// The default layout without system fonts: only the shipped Liberation fonts.
fn shipped_fonts_only() -> Layout {
    let mut layout = Layout::builtin("default").unwrap();
    layout.system_fonts = false;
    layout
}

const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

#[test]
fn characters_no_font_covers_fail_with_where_unless_allowed() {
    let t = transcript("Mr. Huang (黄利斌) answered.");
    let layout = shipped_fonts_only();
    let err = export(&PdfExporter, &t, &layout, &ExportOptions::default()).1.unwrap_err();
    assert!(err.contains("body[1]") && err.contains("黄 (U+9EC4)") && err.contains("--font-path"), "{err}");
    let options = ExportOptions { allow_missing_glyphs: true, ..ExportOptions::default() };
    let (pdf, diagnostics) = export(&PdfExporter, &t, &layout, &options).1.unwrap();
    assert!(diagnostics.warnings.iter().any(|w| w.contains("U+9EC4")), "{:?}", diagnostics.warnings);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(dir.path(), "missing.pdf", &pdf);
    let text = pdf_text(&path);
    assert!(text.contains("Mr. Huang (") && text.contains(") answered."), "{text}");
    assert!(tool("qpdf", &["--check", &path]).status.success());
}

/// Found by the fidelity property test: direction isolates, the Arabic letter mark, variation
/// selectors, tags and the other default-ignorable characters, which Unicode says to render
/// invisibly when a font lacks them, were "characters no font covers" and failed the PDF.
#[test]
fn default_ignorable_characters_are_invisible_not_missing() {
    let ignorable =
        ["\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{202A}", "\u{202E}", "\u{061C}", "\u{180E}", "\u{FE0F}", "\u{E0041}"];
    let t = transcript(&format!("Isolated{}text with marks.", ignorable.join("")));
    let (paged, pdf) = export(&PdfExporter, &t, &shipped_fonts_only(), &ExportOptions::default());
    assert!(paged.missing_glyphs.is_empty(), "{:?}", paged.missing_glyphs);
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(dir.path(), "ignorable.pdf", &pdf.unwrap().0);
    let text = pdf_text(&path);
    let visible: String =
        text.chars().filter(|c| !ignorable.iter().any(|i| i.starts_with(*c)) && !('\u{202A}'..='\u{202E}').contains(c)).collect();
    assert!(visible.contains("Isolatedtext with marks."), "{text:?}");
}

/// CJK text is drawn from a fallback font, given by path or found among the system's fonts
/// (Debian's fonts-wqy-microhei, installed by `.ci/run`), embedded, subset and extractable.
#[test]
fn cjk_is_drawn_from_a_fallback_font_by_path_or_from_the_system() {
    assert!(Path::new(CJK_FONT).exists(), "install fonts-wqy-microhei for this test");
    let t = transcript("Mr. Huang (黄利斌) answered: 谢谢大家。");
    let mut by_path = shipped_fonts_only();
    by_path.add_fallback_fonts(&[CJK_FONT.into()]).unwrap();
    let from_system = Layout::builtin("default").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (name, layout) in [("path", by_path), ("system", from_system)] {
        let (pdf, diagnostics) = export(&PdfExporter, &t, &layout, &ExportOptions::default()).1.unwrap();
        assert!(diagnostics.warnings.is_empty(), "{:?}", diagnostics.warnings);
        let path = write_temp(dir.path(), &format!("{name}.pdf"), &pdf);
        assert!(tool("qpdf", &["--check", &path]).status.success());
        let fonts = fonts_table(&path);
        assert!(fonts.iter().any(|f| f.starts_with("WenQuanYiMicroHei |") && f.ends_with("emb yes sub yes uni yes")), "{name}: {fonts:#?}");
        let text = pdf_text(&path);
        assert!(text.contains("Mr. Huang (黄利斌) answered: 谢谢大家。"), "{name}: {text}");
        outputs.push(pdf);
    }
    assert!(outputs[0] == outputs[1], "the same face gives the same bytes however it was found");
}

#[test]
fn pdf_a_levels_carry_their_identification_and_a3b_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let t = transcript("Archival copy.");
    let layout = Layout::builtin("default").unwrap();
    for (standard, part) in [(PdfStandard::A2b, "2"), (PdfStandard::A3b, "3")] {
        let options = ExportOptions { pdf_standard: Some(standard), ..ExportOptions::default() };
        let pdf = export(&PdfExporter, &t, &layout, &options).1.unwrap().0;
        let path = write_temp(dir.path(), &format!("a{part}.pdf"), &pdf);
        assert!(tool("qpdf", &["--check", &path]).status.success());
        // The XMP metadata stream is uncompressed in PDF/A output: it must identify the level.
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")), "PDF/A-{part}b identification");
        assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(raw.contains("/OutputIntents"), "an output intent");
        let attachments = stdout("pdfdetach", &["-list", &path]);
        if standard == PdfStandard::A3b {
            assert!(attachments.contains("transcript.json"), "{attachments}");
            let saved = dir.path().join("attached.json");
            stdout("pdfdetach", &["-save", "1", "-o", saved.to_str().unwrap(), &path]);
            let attached = load_path(&saved).unwrap();
            assert_eq!(attached, t, "the attached transcript is the source");
        } else {
            assert!(attachments.contains("0 embedded files"), "{attachments}");
        }
    }
}

#[test]
fn pdf_a_without_any_date_is_refused_with_the_remedy() {
    let json =
        r#"{"metadata":{"title":"No date"},"speakers":[{"id":"a","name":"A"}],"body":[{"type":"turn","speaker":"a","paragraphs":["x"]}]}"#;
    let t = load_str(json, InputFormat::Json).unwrap();
    let options = ExportOptions { pdf_standard: Some(PdfStandard::A2b), ..ExportOptions::default() };
    let err = export(&PdfExporter, &t, &Layout::builtin("default").unwrap(), &options).1.unwrap_err();
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let t = transcript("Dated.");
    let layout = Layout::builtin("default").unwrap();
    let paged = layout::render(&t, &layout).unwrap();
    let build = BuildInfo::new(&t, Some("1700000000"));
    let options = ExportOptions::default();
    let rendition = Rendition { transcript: &t, paged: &paged, layout: &layout, build: &build, options: &options };
    let pdf = PdfExporter.export(&rendition, &mut Diagnostics::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let info = stdout("pdfinfo", &[&write_temp(dir.path(), "dated.pdf", &pdf)]);
    assert!(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"), "{info}");
}

#[test]
fn the_outline_lists_turns_when_the_layout_asks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("layout.toml"), "[pdf]\noutline_turns = true\n").unwrap();
    let layout = Layout::from_dir(dir.path()).unwrap();
    let json = serde_json::json!({
        "metadata": {"title": "Outline", "date": "2024-01-02"},
        "speakers": [{"id": "a", "name": "Zoë Brontë"}, {"id": "b", "name": "Tian Yulong"}],
        "body": [
            {"type": "heading", "text": "Questions"},
            {"type": "turn", "speaker": "a", "paragraphs": ["First."]},
            {"type": "turn", "speaker": "b", "paragraphs": ["Second."]}
        ]
    });
    let t = load_str(&json.to_string(), InputFormat::Json).unwrap();
    let pdf = export(&PdfExporter, &t, &layout, &ExportOptions::default()).1.unwrap().0;
    let path = write_temp(dir.path(), "outline.pdf", &pdf);
    let json: serde_json::Value = serde_json::from_str(&stdout("qpdf", &["--json", "--json-key=outlines", &path])).unwrap();
    let top = &json["outlines"][0];
    assert_eq!(top["title"], "Questions");
    let kids: Vec<&str> = top["kids"].as_array().unwrap().iter().map(|k| k["title"].as_str().unwrap()).collect();
    assert_eq!(kids, ["Zoë Brontë", "Tian Yulong"]);
}

#[test]
fn the_command_line_rejects_bad_pdf_options_as_usage_errors() {
    let sample = samples()[0].to_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = |args: &[&str]| assert_cmd::Command::cargo_bin("verbatim").unwrap().args(args).output().unwrap();
    let bad_level = run(&["convert", &sample, "--to", "pdf", "--pdf-standard", "a-1a", "-o", out]);
    assert_eq!(bad_level.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_level.stderr).contains("use a-2b or a-3b"));
    let bad_font = run(&["convert", &sample, "--to", "pdf", "--font-path", "/no/such/font.ttf", "-o", out]);
    assert_eq!(bad_font.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_font.stderr).contains("/no/such/font.ttf"));
    assert_eq!(std::fs::read_dir(out).unwrap().count(), 0, "nothing written");
}
