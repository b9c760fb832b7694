//! The normalized transcript: version 1 of verbatim's public interchange format.
//!
//! Field names here are a contract that users' scripts write; they never change within a
//! schema version. This module imports nothing else of ours. Every struct rejects unknown
//! fields, so a typo is an error and never silently vanishes. Structural problems are found
//! by serde while reading; everything serde cannot express (unknown speaker ids, empty
//! paragraphs, date formats…) is checked by [`validate`], which reports every problem at once.

mod date;
mod validate;

pub use date::{IsoDate, civil_from_days};
pub use validate::{Problem, is_unprintable, may_start_unprintable, validate};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole transcript: metadata, the speaker registry and the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "verbatim transcript", description = "A transcript in verbatim's normalized model, version 1.")]
pub struct Transcript {
    /// Version of this format; 1 when absent.
    #[serde(default = "default_schema_version")]
    pub schema_version: u32,
    pub metadata: Metadata,
    /// Everyone who speaks; turns refer to them by `id`.
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    /// The transcript itself, in reading order.
    #[serde(default)]
    pub body: Vec<Block>,
}

fn default_schema_version() -> u32 {
    SCHEMA_VERSION
}

fn default_language() -> String {
    "en".to_string()
}

/// Facts about the event and its publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The day the event took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// The day the transcript was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_date: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The body that held the event (shown as author in the PDF and DOCX).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// BCP 47 language tag of the transcript, `en` when absent.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Free text such as `press_conference`, `hearing`, `debate`, `interview`, `podcast`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// One person (or outlet) who speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// Unique within the transcript; turns refer to it.
    pub id: String,
    /// The name as printed in speaker labels.
    pub name: String,
    /// Free text: `moderator`, `reporter`, `Vice Minister of …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// The name in the speaker's own script, e.g. `黄利斌`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_name: Option<String>,
}

/// One element of the body, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading(Heading),
    Turn(Turn),
    Note(Note),
    /// A forced page break.
    PageBreak(PageBreak),
}

/// A section heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    pub text: String,
    /// 1 (top) to 6; layouts style 1–3 and treat deeper levels as 3. 1 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
}

impl Heading {
    /// The level, 1 when absent.
    pub fn level(&self) -> u8 {
        self.level.unwrap_or(1)
    }
}

/// What one speaker said without interruption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// The `id` of a declared speaker.
    pub speaker: String,
    /// At least one non-empty paragraph.
    pub paragraphs: Vec<String>,
    /// Time into the recording: `HH:MM:SS` or `MM:SS`, optionally with `.mmm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// BCP 47 tag when the turn is not in the transcript's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// An event or editorial note: `[Applause]`, `(Recess.)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NoteKind>,
}

/// A forced page break; it has no fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PageBreak {}

/// What a note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Applause,
    Laughter,
    Inaudible,
    Crosstalk,
    Interpretation,
    Procedural,
    Other,
}

impl Metadata {
    /// Metadata with `title`, the default language and nothing else.
    pub fn new(title: impl Into<String>) -> Metadata {
        Metadata {
            title: title.into(),
            subtitle: None,
            date: None,
            publication_date: None,
            location: None,
            organizer: None,
            language: default_language(),
            source_url: None,
            identifier: None,
            rights: None,
            description: None,
            tags: Vec::new(),
            kind: None,
        }
    }
}

impl Transcript {
    /// The speaker registered under `id`.
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }
}

impl Block {
    /// Every `type` tag, in the order the model documents them.
    pub const TYPE_NAMES: [&'static str; 4] = ["heading", "turn", "note", "page_break"];

    /// The `type` tag as written in the model.
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Heading(_) => "heading",
            Block::Turn(_) => "turn",
            Block::Note(_) => "note",
            Block::PageBreak(_) => "page_break",
        }
    }
}

/// The JSON Schema of the model, generated from these types.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Transcript)).expect("a schema is always JSON")
}
