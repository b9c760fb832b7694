//! The DOCX checked the way editors meet it: LibreOffice (Debian's libreoffice-writer-nogui,
//! installed by `tests/run`) converts each sample's DOCX to PDF, which must have the page
//! count of verbatim's own PDF and the same first word on every page. Canonical dumps
//! (pretty-printed `word/document.xml` and a styles summary) are goldens in
//! `tests/golden/*.docx.txt`.

mod common;

use common::{assert_goldens, assert_in_order, cases, check_golden, header_words, model_words, unescape_xml, words};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use verbatim::export::{BuildInfo, Diagnostics, DocxExporter, ExportOptions, Exporter, Rendition};
use verbatim::import::{InputFormat, load_str};
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::Transcript;

fn export(exporter: &dyn Exporter, t: &Transcript, layout: &Layout, paged: &PagedDocument) -> Vec<u8> {
    // (The PDF's pages are the paged document's pages: tests/pdf.rs.)
    let build = BuildInfo::new(t, None);
    let options = ExportOptions::default();
    let rendition = Rendition { transcript: t, paged, layout, build: &build, options: &options };
    exporter.export(&rendition, &mut Diagnostics::default()).unwrap()
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// LibreOffice's PDF of `docx`, as pdftotext's pages.
fn libreoffice_pages(docx: &Path) -> Vec<String> {
    let dir = docx.parent().unwrap();
    // A profile of its own, so that tests running side by side do not share one.
    let profile = format!("-env:UserInstallation=file://{}/lo-profile-{}", dir.display(), docx.file_stem().unwrap().to_str().unwrap());
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs (install libreoffice-writer-nogui)");
    let pdf = docx.with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice did not convert {}: {}", docx.display(), String::from_utf8_lossy(&out.stderr));
    let text = Command::new("pdftotext").arg("-raw").arg(&pdf).arg("-").output().expect("pdftotext runs").stdout;
    String::from_utf8(text).unwrap().trim_end_matches('\u{000C}').split('\u{000C}').map(str::to_string).collect()
}

/// Text of `word/document.xml`: the `w:t` contents, paragraphs on lines.
fn document_text(xml: &str) -> String {
    let mut out = String::new();
    for paragraph in xml.split("</w:p>") {
        for piece in paragraph.split("<w:t").skip(1) {
            let content = &piece[piece.find('>').unwrap() + 1..];
            out.push_str(&content[..content.find("</w:t>").unwrap_or(content.len())]);
        }
        out.push('\n');
    }
    unescape_xml(&out)
}

/// One tag per line, indented by depth.
fn pretty(xml: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for piece in xml.split('<').filter(|p| !p.is_empty()) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        }
        out.push_str(&"  ".repeat(depth));
        out.push('<');
        out.push_str(tag);
        out.push_str(">\n");
        if !tag.starts_with('/') && !tag.ends_with('/') && !tag.starts_with('?') {
            depth += 1;
        }
        if !text.trim().is_empty() {
            out.push_str(&"  ".repeat(depth));
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// `id | name | type | font size bold italic | line before after` of every style.
fn styles_summary(xml: &str) -> String {
    xml.split("<w:style ")
        .skip(1)
        .map(|style| {
            let style = &style[..style.find("</w:style>").unwrap_or(style.len())];
            let attr = |name: &str| style.split(&format!("{name}=\"")).nth(1).and_then(|s| s.split('"').next()).unwrap_or("-").to_string();
            let name = style.split("<w:name w:val=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
            let flag = |tag: &str, shown: &str| if style.contains(tag) { shown.to_string() } else { String::new() };
            format!(
                "{} | {} | {} | {} {} {}{} | line {} before {} after {}\n",
                attr("w:styleId"),
                name,
                attr("w:type"),
                attr("w:ascii"),
                attr("<w:sz w:val"),
                flag("<w:b />", "bold "),
                flag("<w:i />", "italic"),
                attr("w:line"),
                attr("w:before"),
                attr("w:after"),
            )
        })
        .collect()
}

#[test]
fn libreoffice_lays_out_every_sample_docx_on_the_pdf_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut golden_failures = Vec::new();
    for (stem, layout, t) in cases() {
        let paged = layout::render(&t, &layout).unwrap();
        let docx = export(&DocxExporter, &t, &layout, &paged);
        assert!(docx == export(&DocxExporter, &t, &layout, &paged), "{stem}: two exports differ");
        let path = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&path, &docx).unwrap();

        let pages = libreoffice_pages(&path);
        assert_eq!(pages.len(), paged.pages.len(), "{stem}: LibreOffice's page count");
        for (n, page) in pages.iter().enumerate() {
            let expected = paged.line(&paged.pages[n].lines[0]);
            let got = words(page);
            let got = &got[header_words(&paged, n).len().min(got.len())..];
            assert_eq!(got.first(), words(&expected.text).first(), "{stem}: page {} starts with another word in LibreOffice", n + 1);
        }

        let document = part(&docx, "word/document.xml");
        assert_in_order(&model_words(&t), &words(&document_text(&document)), &stem);
        for paragraph in paged.blocks.iter().flat_map(|b| &b.paragraphs) {
            if let Some(label) = &paragraph.label {
                let escaped = label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                assert!(
                    document.contains(&format!("<w:rStyle w:val=\"SpeakerLabel\"/></w:rPr><w:t xml:space=\"preserve\">{escaped}</w:t>")),
                    "{stem}: label {label} is a Speaker Label run"
                );
            }
        }
        let styles = part(&docx, "word/styles.xml");
        let summary = styles_summary(&styles);
        for style in [
            "Title | Title",
            "Heading1 | heading 1",
            "Heading3 | heading 3",
            "Turn | Turn",
            "Note | Note",
            "Header | header",
            "SpeakerLabel | Speaker Label | character",
        ] {
            assert!(summary.contains(style), "{stem}: style {style} in\n{summary}");
        }
        let core = part(&docx, "docProps/core.xml");
        assert!(
            core.contains(&format!("<dc:title>{}</dc:title>", t.metadata.title.replace('&', "&amp;").replace('\'', "&apos;"))),
            "{stem}: {core}"
        );

        let dump =
            format!("== styles ==\n{summary}\n== docProps/core.xml ==\n{}\n== word/document.xml ==\n{}", pretty(&core), pretty(&document));
        check_golden(&format!("{stem}.docx.txt"), &dump, &mut golden_failures);
    }
    assert_goldens(&golden_failures);
}

#[test]
fn hostile_text_stays_text_and_libreoffice_opens_it() {
    let hostile = ["</w:t><w:t>", "<script>alert(1)</script>", "]]>", "{{title}}", "&amp;", "%PDF"];
    let json = serde_json::json!({
        "metadata": {"title": "Hostile </w:t> & {{title}}", "date": "2024-01-02", "organizer": "A & B <org>"},
        "speakers": [{"id": "a", "name": "<w:b>Evil</w:b> & Co"}],
        "body": [{"type": "turn", "speaker": "a", "paragraphs": [hostile.join(" "), "line one\nline two\twith a tab"]}]
    });
    let t = load_str(&json.to_string(), InputFormat::Json).unwrap();
    let layout = Layout::builtin("default").unwrap();
    let paged = layout::render(&t, &layout).unwrap();
    let docx = export(&DocxExporter, &t, &layout, &paged);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.docx");
    std::fs::write(&path, &docx).unwrap();
    let text = libreoffice_pages(&path).join(" ");
    for piece in hostile {
        assert!(text.contains(piece), "`{piece}` is printed literally in {text}");
    }
    assert!(text.contains("<w:b>Evil</w:b> & Co:") && text.contains("line one") && text.contains("line two"), "{text}");
}

/// CJK text: the fallback font fills the east-Asian slot, and LibreOffice prints the characters.
#[test]
fn cjk_text_gets_the_east_asian_font_slot() {
    let json = serde_json::json!({
        "metadata": {"title": "CJK", "date": "2024-01-02"},
        "speakers": [{"id": "huang", "name": "Huang Libin (黄利斌)"}],
        "body": [{"type": "turn", "speaker": "huang", "paragraphs": ["谢谢大家。 Thank you all."]}]
    });
    let t = load_str(&json.to_string(), InputFormat::Json).unwrap();
    let layout = Layout::builtin("default").unwrap();
    let paged = layout::render(&t, &layout).unwrap();
    let docx = export(&DocxExporter, &t, &layout, &paged);
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"WenQuanYi Micro Hei\""), "the east-Asian slot names the fallback font");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cjk.docx");
    std::fs::write(&path, &docx).unwrap();
    let text = libreoffice_pages(&path).join(" ");
    assert!(text.contains("黄利斌") && text.contains("谢谢大家。"), "{text}");
}
