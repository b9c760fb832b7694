//! Property tests of compose + paginate: every line placed once and in order, no page over
//! its height, the break rules kept, and termination on pathological input.

mod common;

use proptest::prelude::*;
use verbatim::layout::paged::Role;
use verbatim::layout::{self, Layout, PagedDocument};
use verbatim::model::{Block, Heading, Metadata, Note, PageBreak, Speaker, Transcript, Turn};

const WORDS: &[&str] = &[
    "the",
    "committee",
    "will",
    "come",
    "to",
    "order",
    "Thank",
    "you,",
    "Chair",
    "Okafor-Lindqvist.",
    "“quoted”",
    "&",
    "<tag>",
    "Łukasz",
    "Wróbel’s",
    "infrastructure",
    "a",
    "I",
    "—",
    "2021",
    "https://example.org/a/really/long/path/that/does/not/fit/anywhere/at/all/on/one/line",
    "黄利斌",
    "Zoë",
    "étude",
    "non-ferrous",
    "(Laughter.)",
    "Q.",
    "A.",
];

fn metadata() -> Metadata {
    serde_json::from_value(serde_json::json!({"title": "Property test transcript", "date": "2024-03-12"})).unwrap()
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..160).prop_map(|w| w.join(" "))
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        6 => (0..4usize, prop::collection::vec(paragraph(), 1..4), any::<bool>()).prop_map(|(s, paragraphs, timed)| Block::Turn(Turn {
            speaker: format!("s{s}"),
            paragraphs,
            time: timed.then(|| "00:12:31".to_string()),
            lang: None,
        })),
        1 => (prop::collection::vec(prop::sample::select(WORDS), 1..12), 1..4u8)
            .prop_map(|(w, level)| Block::Heading(Heading { text: w.join(" "), level: Some(level) })),
        1 => Just(Block::Note(Note { text: "[Applause]".into(), kind: None })),
        1 => Just(Block::PageBreak(PageBreak {})),
    ]
}

fn transcript() -> impl Strategy<Value = Transcript> {
    prop::collection::vec(block(), 1..40).prop_map(|body| Transcript {
        schema_version: 1,
        metadata: metadata(),
        speakers: (0..4)
            .map(|i| Speaker {
                id: format!("s{i}"),
                name: ["Tian Yulong", "Renée Okafor-Lindqvist", "THE COURT", "Dr. Łukasz Wróbel"][i].into(),
                role: None,
                affiliation: None,
                native_name: None,
            })
            .collect(),
        body,
    })
}

/// Every composed line, in reading order, as (block, paragraph, line).
fn all_lines(doc: &PagedDocument) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        for (p, paragraph) in block.paragraphs.iter().enumerate() {
            out.extend((0..paragraph.lines.len()).map(|l| (b, p, l)));
        }
    }
    out
}

/// The invariants of every paged document (tests/common/invariants.rs), then the break rules
/// of the layouts tested here.
fn check_invariants(doc: &PagedDocument, layout: &Layout) -> Result<(), TestCaseError> {
    common::checks::invariants::check_paged_document(doc, layout).map_err(TestCaseError::fail)?;
    for (n, page) in doc.pages.iter().enumerate().take(doc.pages.len().saturating_sub(1)) {
        let last = page.lines.last().unwrap();
        let next = doc.pages[n + 1].lines.first().unwrap();
        // A heading never ends a page, unless the author forced a break right after it.
        let forced = next.line == 0 && next.paragraph == 0 && doc.blocks[next.block].break_before;
        prop_assert!(forced || !matches!(doc.paragraph(last).role, Role::Heading(_)), "page {} ends with a heading", n + 1);
        // Orphans and widows: a paragraph split across this page break leaves at least two lines each side.
        if (next.block, next.paragraph) == (last.block, last.paragraph) {
            let lines = doc.paragraph(last).lines.len();
            prop_assert!(last.line + 1 >= 2 && lines - next.line >= 2, "orphan or widow at the end of page {}", n + 1);
        }
    }
    Ok(())
}

/// The built-in layouts, and a user layout with labels on their own line, three-line
/// widows and orphans and headings starting pages.
fn layouts() -> Vec<Layout> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("layout.toml"),
        "[label]\nplacement = \"own_line\"\n[breaks]\nwidows = 3\norphans = 3\nkeep_label_lines = 3\npage_before_heading_level = 1\n",
    )
    .unwrap();
    vec![Layout::builtin("default").unwrap(), Layout::builtin("letter").unwrap(), Layout::from_dir(dir.path()).unwrap()]
}

/// A speaker label on its own line shares its page with the first lines of the turn.
fn check_own_line_labels(doc: &PagedDocument) -> Result<(), TestCaseError> {
    for page in &doc.pages {
        if let Some(last) = page.lines.last() {
            prop_assert!(doc.paragraph(last).role != Role::Label, "page {} ends with a speaker label", page.number);
            let lines = &page.lines;
            let first_turn_line = lines.iter().position(|l| matches!(doc.paragraph(l).role, Role::Turn(0)) && l.line == 0);
            if let Some(k) = first_turn_line {
                let n = doc.paragraph(&lines[k]).lines.len();
                let on_page = lines[k..].iter().take_while(|l| (l.block, l.paragraph) == (lines[k].block, lines[k].paragraph)).count();
                prop_assert!(on_page >= n.min(3), "turn opening on page {} keeps only {on_page} lines with its label", page.number);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn paginated_documents_keep_every_line_and_the_rules(t in transcript(), which in 0..3usize) {
        let layout = &layouts()[which];
        let doc = layout::render(&t, layout).unwrap();
        check_invariants(&doc, layout)?;
        if which == 2 {
            check_own_line_labels(&doc)?;
        }
    }
}

fn turn(speaker: &str, paragraphs: Vec<String>) -> Block {
    Block::Turn(Turn { speaker: speaker.into(), paragraphs, time: None, lang: None })
}

fn speaker(id: &str, name: &str) -> Speaker {
    Speaker { id: id.into(), name: name.into(), role: None, affiliation: None, native_name: None }
}

#[test]
fn a_fifty_thousand_word_paragraph_is_split_over_pages() {
    let text = WORDS.iter().cycle().take(50_000).copied().collect::<Vec<_>>().join(" ");
    let t = Transcript { schema_version: 1, metadata: metadata(), speakers: vec![speaker("a", "A")], body: vec![turn("a", vec![text])] };
    let layout = Layout::builtin("default").unwrap();
    let doc = layout::render(&t, &layout).unwrap();
    assert!(doc.pages.len() > 100, "{} pages", doc.pages.len());
    check_invariants(&doc, &layout).unwrap();
}

#[test]
fn a_thousand_empty_turns_terminate() {
    let body = (0..1000).map(|_| turn("a", vec![String::new()])).collect();
    let t = Transcript { schema_version: 1, metadata: metadata(), speakers: vec![speaker("a", "A")], body };
    let layout = Layout::builtin("default").unwrap();
    let doc = layout::render(&t, &layout).unwrap();
    assert_eq!(doc.pages.iter().map(|p| p.lines.len()).sum::<usize>(), all_lines(&doc).len());
    check_invariants(&doc, &layout).unwrap();
}

#[test]
fn a_label_wider_than_the_page_is_broken_not_lost() {
    let name = "Extraordinarily".repeat(40);
    let t = Transcript {
        schema_version: 1,
        metadata: metadata(),
        speakers: vec![speaker("a", &name)],
        body: vec![turn("a", vec!["Short answer.".into()])],
    };
    let layout = Layout::builtin("default").unwrap();
    let doc = layout::render(&t, &layout).unwrap();
    check_invariants(&doc, &layout).unwrap();
    let text: String = doc.pages[0].lines.iter().skip_while(|l| l.block == 0).map(|l| doc.line(l).text.clone()).collect();
    assert_eq!(text, format!("{name}: Short answer."));
}

#[test]
fn a_page_break_block_starts_a_new_page_and_consecutive_breaks_make_no_blank_page() {
    let body = vec![
        turn("a", vec!["Before.".into()]),
        Block::PageBreak(PageBreak {}),
        Block::PageBreak(PageBreak {}),
        turn("a", vec!["After.".into()]),
        Block::PageBreak(PageBreak {}),
    ];
    let t = Transcript { schema_version: 1, metadata: metadata(), speakers: vec![speaker("a", "A")], body };
    let layout = Layout::builtin("default").unwrap();
    let doc = layout::render(&t, &layout).unwrap();
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.line(&doc.pages[1].lines[0]).text, "A: After.");
}

#[test]
fn a_heading_at_the_foot_of_a_page_moves_to_the_next_with_its_text() {
    // Fill page 1 with one-line turns, then a heading: it must never end a page.
    let layout = Layout::builtin("default").unwrap();
    for filler in 40..60 {
        let mut body: Vec<Block> = (0..filler).map(|i| turn("a", vec![format!("Line {i}.")])).collect();
        body.push(Block::Heading(Heading { text: "Questions from the committee".into(), level: Some(1) }));
        body.push(turn("a", vec![WORDS.iter().cycle().take(60).copied().collect::<Vec<_>>().join(" ")]));
        let t = Transcript { schema_version: 1, metadata: metadata(), speakers: vec![speaker("a", "A")], body };
        let doc = layout::render(&t, &layout).unwrap();
        check_invariants(&doc, &layout).unwrap();
    }
}

/// Found by fuzzing (tests/fuzz/paginate/title-with-newline.json): the title-block template is
/// read line by line, and a newline inside the title made a line with no style, an error for a
/// valid transcript; a value's line breaks are spaces there, and cannot start a style of their own.
#[test]
fn line_breaks_inside_title_block_values_stay_inside_their_paragraph() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/paginate/title-with-newline.json");
    let mut t = verbatim::import::load_path(&path).unwrap();
    t.metadata.subtitle = Some("Part 1\r\nheading1|Injected".into());
    for layout in layouts() {
        let doc = layout::render(&t, &layout).unwrap();
        let title_block: Vec<(Role, &str)> = doc.blocks[0].paragraphs.iter().map(|p| (p.role, p.text.as_str())).collect();
        assert_eq!(title_block[..2], [(Role::Title, "A B"), (Role::Subtitle, "Part 1 heading1|Injected")], "{}", layout.name);
        assert!(title_block.iter().all(|(role, _)| !matches!(role, Role::Heading(_))));
    }
}

/// Found by fuzzing (profiling the `paginate` target): a running head too long for the page was
/// shortened one character at a time, setting the whole line again each time, on every page
/// (minutes for this input; now a binary search). Checks the shortened head is a prefix of the
/// title with an ellipsis, on a page box the invariants accept.
#[test]
fn a_title_far_too_long_for_the_running_head_is_shortened_quickly() {
    let title = WORDS.iter().cycle().take(2_000).copied().collect::<Vec<_>>().join(" ");
    let text = WORDS.iter().cycle().take(30_000).copied().collect::<Vec<_>>().join(" ");
    let mut t =
        Transcript { schema_version: 1, metadata: metadata(), speakers: vec![speaker("a", "A")], body: vec![turn("a", vec![text])] };
    t.metadata.title = title.clone();
    let layout = Layout::builtin("default").unwrap();
    let doc = layout::render(&t, &layout).unwrap();
    assert!(doc.pages.len() > 50, "{} pages", doc.pages.len());
    let header = &doc.pages[1].header[0].line.text;
    assert!(header.ends_with('…') && title.starts_with(header.trim_end_matches('…')), "{header}");
    check_invariants(&doc, &layout).unwrap();
}
