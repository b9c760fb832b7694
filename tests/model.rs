//! The model round-trips through JSON and YAML unchanged, and the schema describes it.

use proptest::prelude::*;
use verbatim::import::{InputFormat, load_str};
use verbatim::model::{Block, Heading, IsoDate, Metadata, Note, NoteKind, PageBreak, Speaker, Transcript, Turn};

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,30}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn transcript() -> impl Strategy<Value = Transcript> {
    let metadata = (text(), opt_text(), opt_text(), prop::collection::vec(text(), 0..3), 1990u32..2030, 1u32..13, 1u32..29).prop_map(
        |(title, subtitle, organizer, tags, y, m, d)| Metadata {
            title,
            subtitle,
            date: Some(IsoDate::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap()),
            publication_date: None,
            location: None,
            organizer,
            language: "zh-Hans".into(),
            source_url: None,
            identifier: None,
            rights: None,
            description: None,
            tags,
            kind: Some("press_conference".into()),
        },
    );
    let speakers = prop::collection::vec((text(), opt_text()), 1..4).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (name, role))| Speaker {
                id: format!("speaker_{i}"),
                name,
                role,
                affiliation: None,
                native_name: Some("黄利斌".into()),
            })
            .collect::<Vec<_>>()
    });
    let block = prop_oneof![
        (prop::collection::vec(text(), 1..3), any::<bool>()).prop_map(|(paragraphs, timed)| Block::Turn(Turn {
            speaker: "speaker_0".into(),
            paragraphs,
            time: timed.then(|| "01:02:03.250".into()),
            lang: timed.then(|| "fr".into()),
        })),
        (text(), prop::option::of(1u8..7)).prop_map(|(text, level)| Block::Heading(Heading { text, level })),
        (text(), prop::option::of(Just(NoteKind::Laughter))).prop_map(|(text, kind)| Block::Note(Note { text, kind })),
        Just(Block::PageBreak(PageBreak {})),
    ];
    let body = prop::collection::vec(block, 1..20).prop_filter("a non-empty body", |b| !b.is_empty());
    (metadata, speakers, body).prop_map(|(metadata, speakers, body)| Transcript { schema_version: 1, metadata, speakers, body })
}

proptest! {
    #[test]
    fn json_and_yaml_round_trip(t in transcript()) {
        let json = serde_json::to_string_pretty(&t).unwrap();
        prop_assert_eq!(&load_str(&json, InputFormat::Json).unwrap(), &t);
        let yaml = serde_norway::to_string(&t).unwrap();
        prop_assert_eq!(&load_str(&yaml, InputFormat::Yaml).unwrap(), &t);
    }
}

#[test]
fn the_schema_names_the_public_fields() {
    let schema = verbatim::model::json_schema();
    let text = schema.to_string();
    for field in
        ["schema_version", "metadata", "speakers", "body", "publication_date", "native_name", "page_break", "paragraphs", "applause"]
    {
        assert!(text.contains(field), "schema lacks `{field}`");
    }
    assert_eq!(schema["required"], serde_json::json!(["metadata"]));
}

#[test]
fn defaults_fill_in_what_users_leave_out() {
    let t = load_str(
        r#"{"metadata":{"title":"T"},"speakers":[{"id":"a","name":"A"}],"body":[{"type":"turn","speaker":"a","paragraphs":["x"]}]}"#,
        InputFormat::Json,
    )
    .unwrap();
    assert_eq!(t.schema_version, 1);
    assert_eq!(t.metadata.language, "en");
}
