//! Normalizes text before layout so that every format can carry it.
//!
//! Guarantees: control characters that XML 1.0 forbids (and that no format prints) are removed
//! from every string an exporter writes (speaker ids, which files refer to, are checked by the
//! model's validation instead), each removal reported with its place (`body[3].paragraphs[0]`)
//! and code point; tabs become spaces and carriage returns are dropped from line ends; nothing
//! else changes, so every word stays.

use crate::model::{Block, Transcript};

/// A change made to the text, for a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub message: String,
}

/// Normalizes `t` in place and returns what was changed.
pub fn normalize(t: &mut Transcript) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut fix = |path: std::fmt::Arguments<'_>, text: &mut String| {
        if let Some(message) = clean(text) {
            changes.push(Change { path: path.to_string(), message });
        }
    };
    let m = &mut t.metadata;
    fix(format_args!("metadata.title"), &mut m.title);
    for (name, value) in [
        ("subtitle", &mut m.subtitle),
        ("location", &mut m.location),
        ("organizer", &mut m.organizer),
        ("description", &mut m.description),
        ("rights", &mut m.rights),
        ("identifier", &mut m.identifier),
        ("source_url", &mut m.source_url),
        ("kind", &mut m.kind),
    ] {
        if let Some(text) = value {
            fix(format_args!("metadata.{name}"), text);
        }
    }
    for (i, tag) in m.tags.iter_mut().enumerate() {
        fix(format_args!("metadata.tags[{i}]"), tag);
    }
    for (i, s) in t.speakers.iter_mut().enumerate() {
        fix(format_args!("speakers[{i}].name"), &mut s.name);
        for (name, value) in [("role", &mut s.role), ("affiliation", &mut s.affiliation), ("native_name", &mut s.native_name)] {
            if let Some(text) = value {
                fix(format_args!("speakers[{i}].{name}"), text);
            }
        }
    }
    for (i, block) in t.body.iter_mut().enumerate() {
        match block {
            Block::Heading(h) => fix(format_args!("body[{i}].text"), &mut h.text),
            Block::Note(n) => fix(format_args!("body[{i}].text"), &mut n.text),
            Block::Turn(turn) => {
                for (p, text) in turn.paragraphs.iter_mut().enumerate() {
                    fix(format_args!("body[{i}].paragraphs[{p}]"), text);
                }
            }
            Block::PageBreak(_) => {}
        }
    }
    changes
}

/// Removes forbidden control characters; says what it removed, if anything.
fn clean(text: &mut String) -> Option<String> {
    let forbidden = crate::model::is_unprintable;
    // Most text has no byte that could start a character to change, and is passed over at the
    // speed of a scan.
    if !text.bytes().any(|b| b == b'\t' || crate::model::may_start_unprintable(b)) {
        return None;
    }
    let needs_tab_fix = text.contains('\t');
    if !text.chars().any(forbidden) && !needs_tab_fix {
        return None;
    }
    let mut removed: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if c == '\r' {
            // A carriage return before a newline is a line-end convention, not text.
        } else if forbidden(c) {
            let code = format!("U+{:04X}", c as u32);
            if !removed.contains(&code) {
                removed.push(code);
            }
        } else {
            out.push(c);
        }
    }
    *text = out;
    (!removed.is_empty()).then(|| format!("removed control characters {} (no format can carry them)", removed.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{InputFormat, load_str};

    #[test]
    fn control_characters_are_removed_and_reported_with_their_place() {
        let json = r#"{"metadata":{"title":"T\u0007"},"speakers":[{"id":"a","name":"A"}],
            "body":[{"type":"turn","speaker":"a","paragraphs":["ok","bell\u0007 and nul\u0000 here\r\nnext\tcol"]}]}"#;
        let mut t = load_str(json, InputFormat::Json).unwrap();
        let changes = normalize(&mut t);
        assert_eq!(t.metadata.title, "T");
        let Block::Turn(turn) = &t.body[0] else { panic!() };
        assert_eq!(turn.paragraphs[1], "bell and nul here\nnext col");
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].path, "body[0].paragraphs[1]");
        assert!(changes[1].message.contains("U+0007, U+0000"), "{}", changes[1].message);
    }

    #[test]
    fn identifiers_and_sources_are_cleaned_too() {
        let json = r#"{"metadata":{"title":"T","identifier":"id\u0001-7","source_url":"https://example.org/\u001b"},
            "speakers":[{"id":"a","name":"A"}],"body":[{"type":"turn","speaker":"a","paragraphs":["ok"]}]}"#;
        let mut t = load_str(json, InputFormat::Json).unwrap();
        let paths: Vec<String> = normalize(&mut t).into_iter().map(|c| c.path).collect();
        assert_eq!(paths, ["metadata.identifier", "metadata.source_url"]);
        assert_eq!(t.metadata.identifier.as_deref(), Some("id-7"));
        assert_eq!(t.metadata.source_url.as_deref(), Some("https://example.org/"));
    }
}
