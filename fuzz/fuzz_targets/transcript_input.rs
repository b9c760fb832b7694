//! The fuzzed transcript of the `paginate` and `export` targets: model JSON when the input
//! starts with `{` (the samples seed this), else built by `arbitrary` from fragments of many
//! scripts, controls, hostile markup, long words, headings, notes and page breaks; kept only
//! when it validates, and normalized, as `convert` does before layout.

use arbitrary::{Arbitrary, Unstructured};
use verbatim::import::{InputFormat, load_str};
use verbatim::layout::Layout;
use verbatim::model::{Block, Heading, IsoDate, Metadata, Note, NoteKind, PageBreak, Speaker, Transcript, Turn, validate};
use verbatim::transform::normalize::normalize;

/// The transcript `data` stands for and whether to use the `letter` layout (else `default`);
/// `None` when it is not a valid transcript.
pub fn transcript(data: &[u8]) -> Option<(Transcript, bool)> {
    let (mut transcript, letter) = if data.first() == Some(&b'{') {
        let text = std::str::from_utf8(data).ok()?;
        (load_str(text, InputFormat::Json).ok()?, data.len() % 2 == 1)
    } else {
        let input = FuzzInput::arbitrary(&mut Unstructured::new(data)).ok()?;
        (input.transcript, input.letter)
    };
    if !validate(&transcript).is_empty() {
        return None;
    }
    normalize(&mut transcript);
    Some((transcript, letter))
}

thread_local! {
    /// `default` and `letter`, without the system's fonts.
    static LAYOUTS: Vec<Layout> = ["default", "letter"]
        .into_iter()
        .map(|name| {
            let mut layout = Layout::builtin(name).expect("built-in layout");
            layout.system_fonts = false;
            layout
        })
        .collect();
}

/// Calls `f` with the built-in `letter` layout when `letter`, else `default`, both without the
/// system's fonts (so that a run does not depend on the machine's fonts).
pub fn with_layout<R>(letter: bool, f: impl FnOnce(&Layout) -> R) -> R {
    LAYOUTS.with(|layouts| f(&layouts[usize::from(letter)]))
}

/// Which layout, and the transcript.
struct FuzzInput {
    letter: bool,
    transcript: Transcript,
}

impl<'a> Arbitrary<'a> for FuzzInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<FuzzInput> {
        let letter = u.arbitrary()?;
        let mut metadata = Metadata::new(nonblank(u, "Title")?);
        metadata.language = u.choose(LANGUAGES)?.to_string();
        metadata.subtitle = optional(u)?;
        metadata.location = optional(u)?;
        metadata.organizer = optional(u)?;
        metadata.description = optional(u)?;
        metadata.rights = optional(u)?;
        metadata.kind = optional(u)?;
        metadata.identifier = optional(u)?;
        if u.arbitrary()? {
            let (year, month, day): (u16, u8, u8) = u.arbitrary()?;
            metadata.date = IsoDate::parse(&format!("{:04}-{:02}-{:02}", year % 10_000, month % 13, day % 32)).ok();
        }
        for _ in 0..u.int_in_range(0..=3)? {
            metadata.tags.push(nonblank(u, "tag")?);
        }
        let speakers: Vec<Speaker> = (0..u.int_in_range(1..=12)?)
            .map(|i| {
                Ok(Speaker {
                    id: format!("s{i}"),
                    name: nonblank(u, "Speaker")?,
                    role: optional(u)?,
                    affiliation: optional(u)?,
                    native_name: optional(u)?,
                })
            })
            .collect::<arbitrary::Result<_>>()?;
        let mut body = Vec::new();
        for _ in 0..u.int_in_range(1..=60)? {
            body.push(match u.int_in_range(0..=9)? {
                0 => Block::Heading(Heading {
                    text: nonblank(u, "Heading")?,
                    level: if u.ratio(3, 4)? { Some(u.int_in_range(1..=6)?) } else { None },
                }),
                1 => Block::Note(Note { text: nonblank(u, "[Applause]")?, kind: u.choose(NOTE_KINDS)?.to_owned() }),
                2 => Block::PageBreak(PageBreak {}),
                _ => Block::Turn(Turn {
                    speaker: format!("s{}", u.choose_index(speakers.len())?),
                    paragraphs: (0..u.int_in_range(1..=4)?).map(|_| nonblank(u, "x")).collect::<arbitrary::Result<_>>()?,
                    time: if u.arbitrary()? {
                        let (h, m, s): (u8, u8, u8) = u.arbitrary()?;
                        Some(format!("{:02}:{:02}:{:02}", h % 100, m % 60, s % 60))
                    } else {
                        None
                    },
                    lang: if u.ratio(1, 5)? { Some(u.choose(LANGUAGES)?.to_string()) } else { None },
                }),
            });
        }
        Ok(FuzzInput { letter, transcript: Transcript { schema_version: 1, metadata, speakers, body } })
    }
}

const LANGUAGES: &[&str] = &["en", "en-US", "zh-Hans", "ar", "he", "fr", "ja", "ko", "ru"];

const NOTE_KINDS: &[Option<NoteKind>] = &[
    None,
    Some(NoteKind::Applause),
    Some(NoteKind::Laughter),
    Some(NoteKind::Inaudible),
    Some(NoteKind::Crosstalk),
    Some(NoteKind::Interpretation),
    Some(NoteKind::Procedural),
    Some(NoteKind::Other),
];

/// Pieces of text: words of many scripts, combining marks, emoji sequences, right-to-left text
/// and direction controls, markup that must stay text, invisible and control characters and
/// every kind of space.
const FRAGMENTS: &[&str] = &[
    "the",
    "committee",
    "will",
    "come",
    "to",
    "order.",
    "Thank you,",
    "Okafor-Lindqvist",
    "non-ferrous",
    "“quoted”",
    "I",
    "a",
    "Q.",
    "(Laughter.)",
    "[Applause]",
    "2021",
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
    "Zoë",
    "étude",
    "e\u{301}",
    "a\u{308}\u{323}",
    "Việt Nam",
    "黄利斌",
    "中华人民共和国",
    "、",
    "。",
    "（",
    "テスト",
    "한국어",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "👍🏽",
    "🇨🇳",
    "1\u{fe0f}\u{20e3}",
    "שלום",
    "مرحبا بالعالم",
    "\u{200f}",
    "\u{202e}",
    "https://example.org/a/really/long/path/that/does/not/fit/anywhere/on/one/line/at/all",
    "\u{ad}",
    "\u{200b}",
    "\u{2060}",
    "\u{feff}",
    "\u{fe0f}",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\r\n",
    "\u{c}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{fffe}",
];

/// Text of fragments, words repeated into one long word, and arbitrary characters.
fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=24)? {
        match u.int_in_range(0..=15)? {
            0 => out.push(u.arbitrary::<char>()?),
            1 => out.push_str(&u.choose(FRAGMENTS)?.repeat(u.int_in_range(2..=80)?)),
            2..=5 => out.push(' '),
            _ => out.push_str(u.choose(FRAGMENTS)?),
        }
    }
    Ok(out)
}

/// Text, or `fallback` when it is blank (the model forbids blank text where this is used).
fn nonblank(u: &mut Unstructured<'_>, fallback: &str) -> arbitrary::Result<String> {
    let t = text(u)?;
    Ok(if t.trim().is_empty() { fallback.to_string() } else { t })
}

fn optional(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<String>> {
    Ok(if u.ratio(1, 4)? { Some(nonblank(u, "x")?) } else { None })
}
