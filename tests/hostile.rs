//! Hostile content stays text in the TXT and the PDF (the DOCX and EPUB have their own tests in
//! `docx.rs` and `epub.rs`): markup, template syntax, entities, PDF keywords and paths, as speaker
//! names, title, heading, note and paragraphs, come out literally, and output file names come
//! from the input file name only.

use serde_json::json;
use std::path::Path;
use std::process::Command;

/// Strings that would do harm if any layer interpreted them.
const HOSTILE: [&str; 9] = [
    "</w:t><w:t>",
    "<script>alert(1)</script>",
    "]]>",
    "{{title}}",
    "{{> partial}}",
    "&amp;",
    "%PDF-1.7",
    "endstream endobj trailer",
    "\\) Tj (",
];

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim")).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").args(args).output().unwrap()
}

/// Lines of `text` with runs of spaces made one (pdftotext spaces words by their positions).
fn squeezed_lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn hostile_text_is_printed_literally_in_the_txt_and_the_pdf_and_never_names_a_file() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("inner");
    std::fs::create_dir(&dir).unwrap();
    let speakers: Vec<_> = HOSTILE.iter().enumerate().map(|(i, name)| json!({"id": format!("s{i}"), "name": name})).collect();
    let mut body = vec![json!({"type": "heading", "text": "<h1>{{subtitle}}</h1>"})];
    // Each piece its own short paragraph, so no line break falls inside it.
    body.extend(HOSTILE.iter().enumerate().map(|(i, text)| json!({"type": "turn", "speaker": format!("s{i}"), "paragraphs": [text]})));
    body.push(json!({"type": "note", "text": "]]><!-- {{#each speakers}}x{{/each}} -->"}));
    let doc = json!({
        "metadata": {"title": "../../etc/passwd", "subtitle": "%%EOF", "location": "/tmp/out.pdf"},
        "speakers": speakers,
        "body": body,
    });
    std::fs::write(dir.join("hostile.json"), serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let output = run(&dir, &["convert", "hostile.json", "--out-dir", "out", "--quiet"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));

    let mut written: Vec<String> =
        std::fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    assert_eq!(written, ["hostile.docx", "hostile.epub", "hostile.pdf", "hostile.txt"], "names come from the input file name");
    let mut around: Vec<String> = std::fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    around.sort();
    assert_eq!(around, ["inner"], "nothing is written outside the output folder");
    assert!(!dir.join("etc").exists() && !dir.join("out/etc").exists());

    let txt = std::fs::read_to_string(dir.join("out/hostile.txt")).unwrap();
    let pdf = dir.join("out/hostile.pdf");
    let check = Command::new("qpdf").arg("--check").arg(&pdf).output().expect("qpdf runs");
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    let extracted = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(&pdf).arg("-").output().expect("pdftotext runs");
    let extracted = String::from_utf8(extracted.stdout).unwrap();
    for (format, text) in [("TXT", squeezed_lines(&txt)), ("PDF", squeezed_lines(&extracted))] {
        let has_line = |wanted: &str| text.iter().any(|line| line == wanted);
        assert!(has_line("../../etc/passwd"), "{format}: the title, literally:\n{text:#?}");
        assert!(has_line("<h1>{{subtitle}}</h1>"), "{format}: the heading, literally:\n{text:#?}");
        assert!(has_line("%%EOF"), "{format}: the subtitle, literally:\n{text:#?}");
        assert!(has_line("]]><!-- {{#each speakers}}x{{/each}} -->"), "{format}: the note, literally:\n{text:#?}");
        for piece in HOSTILE {
            // Label and paragraph: the speaker's name is the piece, and so is what they say.
            assert!(has_line(&format!("{piece}: {piece}")), "{format}: `{piece}: {piece}` is not a line of its own:\n{text:#?}");
        }
    }
}
