//! The raw-text reader: scraped web pages, text pasted from Word or PDF, Markdown.
//!
//! The text is split into [`line::Line`]s (PDF margin numbers removed), [`facts::Facts`]
//! about the whole text are gathered, and each line is offered to the named rules of
//! [`rule::RULES`], one small file each; the first rule that claims a line decides what it
//! is. A first pass finds where the first speaker label is, which tells the preamble (title,
//! tags, introduction) from the body and which page headers repeat; the second pass is final.
//! [`assemble`] then builds the transcript, and every line's rule goes into the explanation.
//! Nothing is dropped unless a rule recognized it as chrome; the rest is words or notes.

mod assemble;
mod breadcrumb;
mod caps_heading;
mod dates;
mod examination;
pub(crate) mod facts;
mod front_matter;
mod intro;
pub(crate) mod label;
mod language_menu;
pub(crate) mod line;
mod line_numbers;
mod markdown_heading;
mod metadata_field;
mod moderator;
pub(crate) mod name;
mod name_label;
mod note;
mod page_furniture;
mod pagination;
mod preamble;
mod procedural;
mod qa_label;
mod repeated;
pub(crate) mod rule;
mod speakers;
mod time_line;
mod timestamp;
mod web_chrome;
mod words;

pub use assemble::language_tag;
pub use dates::parse as dates_parse;
pub use note::{is_whole_note, kind_of as note_kind};

use super::build::Builder;
use super::explain::Explanation;
use crate::model::Block;
use rule::{Claim, Cx};
use std::collections::HashMap;

/// Reads raw text (or Markdown) into a builder, explaining every line.
pub fn read(text: &str, markdown: bool, b: &mut Builder, ex: &mut Explanation) {
    let lines = line::split(text);
    let mut facts = facts::Facts::gather(&lines, markdown);
    let first: Vec<(&'static str, Claim)> = {
        let cx = Cx { lines: &lines, facts: &facts };
        (0..lines.len()).map(|i| rule::classify(&cx, i)).collect()
    };
    facts.complete(&lines, &first);
    let cx = Cx { lines: &lines, facts: &facts };
    let claims: Vec<(&'static str, Claim)> = (0..lines.len()).map(|i| rule::classify(&cx, i)).collect();
    assemble::assemble(&lines, &facts, &claims, b, ex);
    moderators(b);
}

/// Rule `moderator-phrases` applied: speakers without a role whose words run the event.
fn moderators(b: &mut Builder) {
    let mut paragraphs: HashMap<String, Vec<String>> = HashMap::new();
    for block in b.body() {
        if let Block::Turn(t) = block {
            paragraphs.entry(t.speaker.clone()).or_default().extend(t.paragraphs.iter().cloned());
        }
    }
    let moderators: Vec<&String> = paragraphs.iter().filter(|(_, p)| moderator::moderates(p.iter())).map(|(id, _)| id).collect();
    // Only one speaker can be the moderator; a reporter who asks "one more question" is not.
    if let [id] = moderators[..]
        && let Some(s) = b.speaker_mut(id)
        && s.role.is_none()
    {
        s.role = Some("moderator".to_string());
    }
}
