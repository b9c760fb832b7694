//! The rule framework of the raw-text reader: each line is offered to the rules in
//! [`RULES`] order and the first that claims it decides what it is. Rules are small, named
//! and stateless: what they need to know about the whole text is in [`Facts`], gathered
//! before they run.

use super::facts::Facts;
use super::label::Label;
use super::line::Line;
use crate::model::NoteKind;

/// What a rule says a line is.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    Blank,
    /// Web chrome or page furniture, left out (and listed by `--explain`).
    Drop,
    /// Metadata fields (none for the later lines of a wrapped introduction).
    Meta(Vec<(Field, String)>),
    /// A speaker label, possibly with the start of what they said.
    Label(Label),
    /// A time alone on a line, for the label that follows.
    Timestamp(String),
    /// A note on its own line (`(Laughter.)`, `[MUSIC]`).
    Note(String, Option<NoteKind>),
    /// The continuation of a note that spans several lines.
    NoteMore(String),
    Heading(String, u8),
    /// Words of the transcript.
    Text(String),
}

/// The metadata a line can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Subtitle,
    Date,
    PublicationDate,
    Location,
    Organizer,
    Language,
    SourceUrl,
    Identifier,
    Rights,
    Description,
    Tags,
    Kind,
    /// `Speakers: Huang Libin, vice minister…`: who takes part, and their roles.
    Participants,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Subtitle => "subtitle",
            Field::Date => "date",
            Field::PublicationDate => "publication_date",
            Field::Location => "location",
            Field::Organizer => "organizer",
            Field::Language => "language",
            Field::SourceUrl => "source_url",
            Field::Identifier => "identifier",
            Field::Rights => "rights",
            Field::Description => "description",
            Field::Tags => "tags",
            Field::Kind => "kind",
            Field::Participants => "speakers",
        }
    }
}

/// What a rule sees: every line and the facts about the whole text.
pub struct Cx<'a> {
    pub lines: &'a [Line],
    pub facts: &'a Facts,
}

impl Cx<'_> {
    pub fn text(&self, i: usize) -> &str {
        self.lines[i].trimmed()
    }

    pub fn prev_nonblank(&self, i: usize) -> Option<usize> {
        match self.facts.prev_nonblank.get(i) {
            Some(p) if self.facts.prev_nonblank.len() == self.lines.len() => *p,
            _ => (0..i).rev().find(|&j| !self.lines[j].is_blank()),
        }
    }

    pub fn next_nonblank(&self, i: usize) -> Option<usize> {
        match self.facts.next_nonblank.get(i) {
            Some(n) if self.facts.next_nonblank.len() == self.lines.len() => *n,
            _ => (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank()),
        }
    }

    /// Before the first speaker label.
    pub fn in_preamble(&self, i: usize) -> bool {
        i < self.facts.first_label
    }

    /// Whether line `i` can open a paragraph: after a blank line, at the start, in a text
    /// whose lines are paragraphs, or after a line that ends a sentence.
    pub fn starts_paragraph(&self, i: usize) -> bool {
        if i == 0 || self.lines[i - 1].is_blank() || !self.facts.hard_wrapped || self.lines[i].page_break {
            return true;
        }
        let prev = self.lines[i - 1].trimmed();
        prev.ends_with(['.', '?', '!', '"', '”', ')', ':', '—']) && self.lines[i - 1].width() * 10 < self.facts.width * 9
    }
}

/// A recognizer of one shape of line.
pub trait Rule: Sync {
    /// The name `--explain` shows (`breadcrumb`, `name-label`…).
    fn name(&self) -> &'static str;
    /// What line `i` is, if this rule recognizes it.
    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim>;
}

/// Every rule, in the order they are asked.
pub static RULES: &[&dyn Rule] = &[
    &BlankRule,
    &super::front_matter::FrontMatter,
    &super::breadcrumb::Breadcrumb,
    &super::pagination::Pagination,
    &super::language_menu::LanguageMenu,
    &super::web_chrome::WebChrome,
    &super::page_furniture::PageFurniture,
    &super::repeated::Repeated,
    &super::time_line::TimeLine,
    &super::procedural::Procedural,
    &super::timestamp::Timestamp,
    &super::note::NoteLine,
    &super::metadata_field::MetadataField,
    &super::examination::Examination,
    &super::qa_label::QaLabel,
    &super::name_label::NameLabel,
    &super::preamble::Preamble,
    &super::markdown_heading::MarkdownHeading,
    &super::caps_heading::CapsHeading,
    &TextRule,
];

/// Rule `blank`.
pub struct BlankRule;

impl Rule for BlankRule {
    fn name(&self) -> &'static str {
        "blank"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        cx.lines[i].is_blank().then_some(Claim::Blank)
    }
}

/// Rule `text`: whatever no other rule claimed is words of the transcript.
pub struct TextRule;

impl Rule for TextRule {
    fn name(&self) -> &'static str {
        "text"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        Some(Claim::Text(if cx.facts.markdown { super::markdown_heading::strip_inline(text) } else { text.to_string() }))
    }
}

/// The first rule that claims line `i`, and its claim.
pub fn classify(cx: &Cx, i: usize) -> (&'static str, Claim) {
    for rule in RULES {
        if let Some(claim) = rule.claim(cx, i) {
            return (rule.name(), claim);
        }
    }
    unreachable!("the text rule claims every line")
}
