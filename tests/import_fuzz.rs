//! Fuzzing with proptest, on stable Rust and in every `cargo test` (the libFuzzer targets in
//! `fuzz/` run the same checks, `tests/common/checks.rs`, much longer):
//!
//! - the raw importers: arbitrary bytes and strings, and text built from the pieces real
//!   transcripts are made of, in every input format: no panic, no hang; invalid UTF-8 is an
//!   error naming the first bad byte; every transcript that comes out is valid;
//! - the model loader: arbitrary bytes, and the samples as JSON and YAML cut, spliced and
//!   sprinkled with syntax: what loads is valid and round-trips, errors name a real place;
//! - layout and the exporters: random transcripts (`tests/common/transcripts.rs`) in both
//!   built-in layouts: no error, the paged document's invariants, whole files.

mod common;

use common::checks;
use proptest::prelude::*;
use std::time::{Duration, Instant};
use verbatim::import::{Format, ImportOptions, InputFormat, import_bytes, import_str, load_str};
use verbatim::layout::Layout;
use verbatim::model::validate;
use verbatim::transform::normalize::normalize;

const RAW: [Format; 5] = [Format::Text, Format::Markdown, Format::Vtt, Format::Srt, Format::Tei];

fn check(bytes: &[u8], format: Format) -> Result<(), TestCaseError> {
    let options = ImportOptions { from: Some(format), ..ImportOptions::default() };
    checks::import(bytes, &import_bytes(bytes, None, &options)).map_err(|e| TestCaseError::fail(format!("{format}: {e}")))
}

/// The model readers on `bytes`, through `import_bytes` (byte-order marks, UTF-16) and
/// `load_str`, as JSON and as YAML.
fn check_model(bytes: &[u8]) -> Result<(), TestCaseError> {
    for format in [Format::Json, Format::Yaml] {
        let options = ImportOptions { from: Some(format), ..ImportOptions::default() };
        let result = import_bytes(bytes, None, &options).map(|imported| imported.transcript);
        checks::model_load(bytes, &result).map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        for format in [InputFormat::Json, InputFormat::Yaml] {
            checks::model_load(bytes, &load_str(text, format)).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
        }
    }
    Ok(())
}

/// The bundled samples as JSON and as YAML.
fn model_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for sample in common::samples() {
        let json = std::fs::read_to_string(&sample).unwrap();
        let t = load_str(&json, InputFormat::Json).unwrap();
        texts.push(serde_norway::to_string(&t).unwrap());
        texts.push(json);
    }
    texts
}

/// Syntax, and things a model file should not hold, to splice into one.
const MODEL_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "1e999",
    "-0",
    "18446744073709551616",
    "\"type\": \"turn\"",
    "\"type\": \"page_break\"",
    "\"speaker\": \"nobody\"",
    "\"level\": 0",
    "\"paragraphs\": []",
    "\"schema_version\": 2",
    "\"date\": \"2021-02-30\"",
    "\"time\": \"99:99\"",
    "\"lang\": \"??\"",
    "\n",
    "\r",
    "\t",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!!binary ",
    "!!str ",
    "<<: *a",
    "|",
    ">-",
    "---",
    "...",
    "%YAML 1.2",
    "#",
    "\u{feff}",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "é",
    "黄",
    "😀",
];

/// A sample cut, spliced and sprinkled: up to eight edits, each a deletion, an insertion of a
/// piece or a truncation, at positions chosen as fractions of the text.
fn edited_model() -> impl Strategy<Value = Vec<u8>> {
    let edit = (0..3u8, 0.0..1.0f64, 0.0..0.05f64, prop::sample::select(MODEL_PIECES));
    (any::<prop::sample::Index>(), prop::collection::vec(edit, 0..8)).prop_map(|(which, edits)| {
        let texts = model_texts();
        let mut bytes = texts[which.index(texts.len())].clone().into_bytes();
        for (kind, at, length, piece) in edits {
            let at = (at * bytes.len() as f64) as usize;
            match kind {
                0 => {
                    let end = (at + (length * bytes.len() as f64) as usize + 1).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => {
                    bytes.splice(at..at, piece.bytes());
                }
                _ => bytes.truncate(at.max(1)),
            }
        }
        bytes
    })
}

thread_local! {
    /// `default` and `letter`, without the system's fonts (so the run does not depend on them).
    static LAYOUTS: Vec<Layout> = ["default", "letter"]
        .into_iter()
        .map(|name| {
            let mut layout = Layout::builtin(name).unwrap();
            layout.system_fonts = false;
            layout
        })
        .collect();
}

/// Pieces of lines as transcripts have them, traps and chrome included.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The Paper:".to_string()),
        Just("Tian Yulong：".to_string()),
        Just("MS. PSAKI:  ".to_string()),
        Just("Q    ".to_string()),
        Just("Q.   ".to_string()),
        Just("A.   ".to_string()),
        Just("THE COURT: ".to_string()),
        Just("**Host:** ".to_string()),
        Just("[00:12:31] ".to_string()),
        Just("Jane Doe (01:23):".to_string()),
        Just("Date: July 16, 2021".to_string()),
        Just("Speaker: Huang Libin, vice minister".to_string()),
        Just("Note: ".to_string()),
        Just("ㄑ Press Room ㄑ Transcripts".to_string()),
        Just("<  1  2  3  >".to_string()),
        Just("Read in Chinese".to_string()),
        Just("(Laughter.)".to_string()),
        Just("(Whereupon, the".to_string()),
        Just("[MUSIC]".to_string()),
        Just("1:18 P.M. EDT".to_string()),
        Just("END".to_string()),
        Just("10:30".to_string()),
        Just("https://example.org/x:y".to_string()),
        Just("On July 16, the SCIO held a press conference in Beijing.  July 22, 2021".to_string()),
        Just("Ms. Amos called".to_string()),
        Just("WEBVTT".to_string()),
        Just("00:00:01.000 --> 00:00:02.500".to_string()),
        Just("00:00:01,000 --> 00:00:02,500".to_string()),
        Just("<v Mayor Lin>".to_string()),
        Just("</v>".to_string()),
        Just("<v".to_string()),
        Just("NOTE".to_string()),
        Just("- JUNE: ".to_string()),
        Just("&amp;&#x1F600;&#99999999;&".to_string()),
        Just("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>".to_string()),
        Just("<sp who=\"#a\"><speaker>A</speaker><p>".to_string()),
        Just("</p></sp>".to_string()),
        Just("<u who=\"#b\" start=\"#T1\">".to_string()),
        Just("</u>".to_string()),
        Just("<stage>(laughs)</stage>".to_string()),
        Just("</body></text></TEI>".to_string()),
        Just("---".to_string()),
        Just("title: x".to_string()),
        Just("# Heading".to_string()),
        Just("\u{c}".to_string()),
        Just("\t".to_string()),
        Just("   ".to_string()),
        Just(" 12 ".to_string()),
        Just("黄利斌".to_string()),
        "[A-Za-z .,:;?!()\\[\\]<>#*_-]{0,20}",
        "\\PC{0,12}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(piece(), 0..4).prop_map(|parts| parts.join("")), 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in RAW {
            check(&bytes, format)?;
        }
    }

    #[test]
    fn transcript_shaped_text_never_panics_and_stays_valid(doc in document()) {
        for format in RAW {
            check(doc.as_bytes(), format)?;
        }
        // And with the format detected from the content.
        let imported = import_bytes(doc.as_bytes(), None, &ImportOptions::default());
        if let Ok(i) = imported {
            prop_assert!(validate(&i.transcript).is_empty());
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,600}") {
        for format in RAW {
            check(text.as_bytes(), format)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_model_loader_takes_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        check_model(&bytes)?;
    }

    #[test]
    fn the_model_loader_takes_broken_samples(bytes in edited_model()) {
        check_model(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Transcripts are laid out (after normalization, as `convert` does) without error,
    /// keeping the paged document's invariants; blank paragraphs included, which the model
    /// forbids but normalization can make (a paragraph of control characters).
    #[test]
    fn layout_takes_random_transcripts(t in common::transcripts::transcript_of(12, 16), letter in any::<bool>()) {
        let mut t = t;
        normalize(&mut t);
        LAYOUTS.with(|layouts| checks::paged(&t, &layouts[usize::from(letter)]).map(drop)).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    // Fewer: exporting (the PDF above all) is what takes the time in a debug build.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// And exported to every format without error, into whole files.
    #[test]
    fn every_exporter_takes_random_transcripts(t in common::transcripts::transcript_of(12, 16), letter in any::<bool>()) {
        let mut t = t;
        normalize(&mut t);
        LAYOUTS.with(|layouts| checks::conversion(&t, &layouts[usize::from(letter)])).map_err(TestCaseError::fail)?;
    }
}

/// Every input the fuzz targets found a fault with (saved under `tests/fuzz/TARGET/`, and fixed)
/// passes the target's checks: the importers' and the model loader's inputs as bytes, the
/// paginator's and the exporters' JSON ones as transcripts in both layouts, through every
/// exporter (or are refused as invalid). (Inputs built by `arbitrary`, `.bin`, are replayed by
/// the fuzz targets themselves: `fuzz/run` seeds each target with its saved inputs.)
#[test]
fn inputs_saved_from_fuzzing_pass_the_checks() {
    let saved = |target: &str| -> Vec<std::path::PathBuf> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
        let mut files: Vec<_> = std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
        files.sort();
        files
    };
    for path in saved("importers") {
        let bytes = std::fs::read(&path).unwrap();
        for format in RAW {
            check(&bytes, format).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        let detected = import_bytes(&bytes, None, &ImportOptions::default());
        checks::import(&bytes, &detected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    for path in saved("model_loader") {
        check_model(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let transcripts = saved("paginate").into_iter().chain(saved("export"));
    for path in transcripts.filter(|p| p.extension().is_some_and(|e| e == "json")) {
        // Like `convert` (and the target), only transcripts that validate are converted.
        let mut t = match verbatim::import::load_path(&path) {
            Ok(t) => t,
            Err(verbatim::import::LoadError::Invalid(_)) => continue,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        normalize(&mut t);
        LAYOUTS.with(|layouts| {
            for layout in layouts {
                checks::conversion(&t, layout).unwrap_or_else(|e| panic!("{} ({}): {e}", path.display(), layout.name));
            }
        });
    }
}

/// Large and pathological inputs finish quickly: no quadratic blow-up, no loop.
#[test]
fn big_and_pathological_inputs_do_not_hang() {
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!("Speaker {}: Line {i} of a long transcript, with words enough to wrap.\n\n", i % 50));
    }
    let mut labels = String::new();
    for i in 0..5_000 {
        labels.push_str(&format!("Person{i} Surname{}: hello\n", i % 7));
    }
    let cases: Vec<(String, Format)> = vec![
        (big, Format::Text),
        (labels, Format::Text),
        ("(".repeat(200_000), Format::Text),
        (format!("A:\n{}\nB: x\n", "\n".repeat(200_000)), Format::Text),
        ("MR. X: a\n".repeat(30_000), Format::Text),
        (":".repeat(100_000), Format::Markdown),
        (format!("WEBVTT\n\n{}", "00:00:01.000 --> 00:00:02.000\n<v A>x\n\n".repeat(20_000)), Format::Vtt),
        ("1\n00:00:01,000 --> 00:00:02,000\nJOHN: hi\n\n".repeat(20_000), Format::Srt),
        (format!("<TEI><text><body>{}</body></text></TEI>", "<div>".repeat(100) + &"</div>".repeat(100)), Format::Tei),
        (format!("<TEI><text><body>{}</body></text></TEI>", "<u who=\"#a\">x</u>".repeat(20_000)), Format::Tei),
        ("<TEI>".to_string() + &"<div>".repeat(100_000), Format::Tei),
    ];
    for (text, format) in cases {
        let started = Instant::now();
        let _ = import_str(&text, format, &ImportOptions::default());
        let took = started.elapsed();
        eprintln!("{format}, {} bytes: {took:?}", text.len());
        assert!(took < Duration::from_secs(20), "{format} took {took:?}");
    }
}
