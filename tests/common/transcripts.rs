//! Random transcripts for the property tests: words of many scripts (Latin with precomposed
//! and combining accents, Greek, Cyrillic, Chinese, Japanese, Korean, Hebrew, Arabic), emoji
//! (skin tones, ZWJ families, flags), markup that must stay text, zero-width and direction
//! marks, words longer than a line, empty and blank paragraphs and paragraphs of a control
//! character (the model forbids empty ones, but normalization empties the last kind), up to 30
//! speakers with roles and affiliations, times and languages on turns, notes of every kind,
//! headings of every level and page breaks. Speaker references are always declared.

use proptest::prelude::*;
use verbatim::model::{Block, Heading, IsoDate, Metadata, Note, NoteKind, PageBreak, Speaker, Transcript, Turn};

const WORDS: &[&str] = &[
    "the",
    "committee",
    "will",
    "come",
    "to",
    "order.",
    "Thank",
    "you,",
    "Chair",
    "Okafor-Lindqvist.",
    "non-ferrous",
    "I",
    "a",
    "Q.",
    "2021",
    "(Laughter.)",
    "“quoted”",
    "—",
    "…",
    "&",
    "<tag>",
    "</w:t><w:t>",
    "<script>alert(1)</script>",
    "]]>",
    "{{title}}",
    "&amp;",
    "%PDF",
    "Łukasz",
    "Wróbel’s",
    "Zoë",
    "façade",
    "étude",
    "e\u{301}tude",
    "n\u{303}o",
    "Việt",
    "Ελλάδα",
    "Москва",
    "黄利斌",
    "中华人民共和国",
    "、",
    "。",
    "テスト",
    "한국어",
    "שלום",
    "עולם",
    "مرحبا",
    "بالعالم",
    "😀",
    "👍🏽",
    "👩\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "\u{200b}",
    "\u{200f}",
    "soft\u{ad}hyphen",
    "https://example.org/a/really/long/path/that/does/not/fit/on/one/line/of/any/page/at/all",
];

/// A word: mostly from the list, sometimes repeated into one word wider than a line.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => (prop::sample::select(WORDS), 8..60usize).prop_map(|(w, n)| w.repeat(n)),
        1 => "[a-zA-Z0-9]{1,12}",
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![12 => Just(" "), 1 => Just("  "), 1 => Just("\n"), 1 => Just("\u{a0}"), 1 => Just("\u{3000}"), 1 => Just("\t")]
}

pub fn text(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec((word(), separator()), words).prop_map(|parts| {
        let mut out = String::new();
        for (n, (word, separator)) in parts.iter().enumerate() {
            if n > 0 {
                out.push_str(separator);
            }
            out.push_str(word);
        }
        out
    })
}

/// A paragraph: text, or now and then one that is empty, blank, or only a control character
/// (which normalization removes).
fn paragraph(words: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        20 => text(1..words),
        1 => Just(String::new()),
        1 => Just("   ".to_string()),
        1 => Just("\u{1}".to_string()),
    ]
}

fn block(speakers: usize, words: usize) -> impl Strategy<Value = Block> {
    let kinds = [
        None,
        Some(NoteKind::Applause),
        Some(NoteKind::Laughter),
        Some(NoteKind::Inaudible),
        Some(NoteKind::Crosstalk),
        Some(NoteKind::Interpretation),
        Some(NoteKind::Procedural),
        Some(NoteKind::Other),
    ];
    prop_oneof![
        8 => (0..speakers, prop::collection::vec(paragraph(words), 1..4), prop::option::weighted(0.3, (0..3u8, 0..60u8, 0..60u8)), prop::option::weighted(0.2, prop::sample::select(&["fr", "zh-Hans", "he", "ar"][..])))
            .prop_map(|(s, paragraphs, time, lang)| Block::Turn(Turn {
                speaker: format!("s{s}"),
                paragraphs,
                time: time.map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}")),
                lang: lang.map(str::to_string),
            })),
        1 => (text(1..8), 1..=6u8).prop_map(|(text, level)| Block::Heading(Heading { text, level: Some(level) })),
        1 => (text(1..6), prop::sample::select(kinds.to_vec())).prop_map(|(text, kind)| Block::Note(Note { text, kind })),
        1 => Just(Block::PageBreak(PageBreak {})),
    ]
}

fn speaker(i: usize) -> impl Strategy<Value = Speaker> {
    (text(1..4), prop::option::weighted(0.3, text(1..3)), prop::option::weighted(0.2, text(1..3)))
        .prop_map(move |(name, role, affiliation)| Speaker { id: format!("s{i}"), name, role, affiliation, native_name: None })
}

/// Transcripts of up to 40 blocks with paragraphs of up to 40 words: several pages.
pub fn transcript() -> impl Strategy<Value = Transcript> {
    transcript_of(40, 40)
}

/// Transcripts of fewer than `blocks` blocks, paragraphs of fewer than `words` words.
pub fn transcript_of(blocks: usize, words: usize) -> impl Strategy<Value = Transcript> {
    (1..=30usize)
        .prop_flat_map(move |n| {
            let speakers: Vec<_> = (0..n).map(speaker).collect();
            (text(1..10), prop::option::of(text(1..6)), any::<bool>(), speakers, prop::collection::vec(block(n, words), 1..blocks))
        })
        .prop_map(|(title, subtitle, dated, speakers, body)| {
            let mut metadata = Metadata::new(title);
            metadata.subtitle = subtitle;
            metadata.date = dated.then(|| IsoDate::parse("2024-03-12").unwrap());
            Transcript { schema_version: 1, metadata, speakers, body }
        })
}
