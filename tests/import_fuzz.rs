//! Fuzzing the importers with proptest: arbitrary bytes and strings built from the pieces
//! real transcripts are made of, in every input format. No input may panic or hang; invalid
//! UTF-8 is an error naming the first bad byte; every transcript that comes out is valid.

use proptest::prelude::*;
use std::time::{Duration, Instant};
use verbatim::import::{Format, ImportOptions, LoadError, import_bytes, import_str};
use verbatim::model::validate;

const RAW: [Format; 5] = [Format::Text, Format::Markdown, Format::Vtt, Format::Srt, Format::Tei];

fn check(bytes: &[u8], format: Format) -> Result<(), TestCaseError> {
    let options = ImportOptions { from: Some(format), ..ImportOptions::default() };
    match import_bytes(bytes, None, &options) {
        Ok(imported) => {
            let problems = validate(&imported.transcript);
            prop_assert!(problems.is_empty(), "{format}: invalid output: {problems:?}");
        }
        Err(LoadError::NotUtf8 { offset, .. }) => {
            let bom16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            if !bom16 {
                let expected = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
                prop_assert_eq!(Some(offset), expected, "{}: wrong offset", format);
            }
        }
        Err(_) => {}
    }
    Ok(())
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
