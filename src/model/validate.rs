//! Checks that serde cannot express, reporting every problem with its path (`body[41].speaker`).

use super::{Block, Heading, Note, SCHEMA_VERSION, Transcript, Turn};
use std::collections::HashMap;
use std::fmt;

/// One thing wrong with a transcript, at a JSON path such as `body[41].speaker`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// Every problem in `t`, in document order; empty when the transcript is valid.
pub fn validate(t: &Transcript) -> Vec<Problem> {
    let mut out = Vec::new();
    if t.schema_version != SCHEMA_VERSION {
        out.push(Problem::new(
            "schema_version",
            format!("version {} is not supported; this verbatim reads version {SCHEMA_VERSION}", t.schema_version),
        ));
    }
    check_metadata(t, &mut out);
    check_speakers(t, &mut out);
    check_body(t, &mut out);
    out
}

/// Control characters other than newline and tab, and the noncharacters U+FFFE and U+FFFF:
/// XML 1.0 forbids them and no format prints them.
pub fn is_unprintable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `byte` may start the UTF-8 of a character [`is_unprintable`] refuses: an ASCII
/// control other than newline and tab, or a lead byte of a C1 control (0xC2) or of U+FFFE and
/// U+FFFF (0xEF). Never a continuation byte, so scanning bytes with it finds every such
/// character; text with no such byte needs no character-by-character look.
pub fn may_start_unprintable(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0B..=0x1F | 0x7F | 0xC2 | 0xEF)
}

/// Empty once the unprintable characters are taken out and the spaces trimmed.
fn blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_unprintable(c))
}

fn check_metadata(t: &Transcript, out: &mut Vec<Problem>) {
    let m = &t.metadata;
    if blank(&m.title) {
        out.push(Problem::new("metadata.title", "is empty; a transcript needs a title"));
    }
    if !is_language_tag(&m.language) {
        out.push(Problem::new("metadata.language", format!("`{}` is not a BCP 47 language tag (e.g. `en`, `zh-Hans`)", m.language)));
    }
    for (i, tag) in m.tags.iter().enumerate() {
        if blank(tag) {
            out.push(Problem::new(format!("metadata.tags[{i}]"), "is empty"));
        }
    }
    let optional = [
        ("subtitle", &m.subtitle),
        ("location", &m.location),
        ("organizer", &m.organizer),
        ("source_url", &m.source_url),
        ("identifier", &m.identifier),
        ("rights", &m.rights),
        ("description", &m.description),
        ("kind", &m.kind),
    ];
    for (name, value) in optional {
        if value.as_deref().is_some_and(blank) {
            out.push(Problem::new(format!("metadata.{name}"), "is empty; leave it out instead"));
        }
    }
}

fn check_speakers(t: &Transcript, out: &mut Vec<Problem>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in t.speakers.iter().enumerate() {
        if blank(&s.id) {
            out.push(Problem::new(format!("speakers[{i}].id"), "is empty"));
        } else if let Some(first) = first_seen.get(s.id.as_str()) {
            out.push(Problem::new(
                format!("speakers[{i}].id"),
                format!("duplicate speaker id `{}` (first declared at speakers[{first}])", s.id),
            ));
        } else {
            first_seen.insert(&s.id, i);
        }
        if let Some(c) = s.id.chars().find(|&c| is_unprintable(c) || c.is_control()) {
            out.push(Problem::new(
                format!("speakers[{i}].id"),
                format!("contains the control character U+{:04X}; an id is a name other fields refer to", c as u32),
            ));
        }
        if blank(&s.name) {
            out.push(Problem::new(format!("speakers[{i}].name"), "is empty"));
        }
    }
}

fn check_body(t: &Transcript, out: &mut Vec<Problem>) {
    if t.body.is_empty() {
        out.push(Problem::new("body", "is empty: there is nothing to convert"));
    }
    for (i, block) in t.body.iter().enumerate() {
        let at = |field: &str| format!("body[{i}].{field}");
        match block {
            Block::Heading(Heading { text, level }) => {
                if blank(text) {
                    out.push(Problem::new(at("text"), "is empty"));
                }
                if let Some(level) = level
                    && !(1..=6).contains(level)
                {
                    out.push(Problem::new(at("level"), format!("{level} is out of range 1 to 6")));
                }
            }
            Block::Turn(Turn { speaker, paragraphs, time, lang }) => {
                if t.speaker(speaker).is_none() {
                    out.push(Problem::new(at("speaker"), unknown_speaker_message(t, speaker)));
                }
                if paragraphs.is_empty() {
                    out.push(Problem::new(at("paragraphs"), "is empty; a turn needs at least one paragraph"));
                }
                for (p, text) in paragraphs.iter().enumerate() {
                    if blank(text) {
                        out.push(Problem::new(format!("body[{i}].paragraphs[{p}]"), "is an empty paragraph"));
                    }
                }
                if let Some(time) = time
                    && !is_timestamp(time)
                {
                    out.push(Problem::new(at("time"), format!("`{time}` is not a time such as `00:12:31`, `12:31` or `00:12:31.250`")));
                }
                if let Some(lang) = lang
                    && !is_language_tag(lang)
                {
                    out.push(Problem::new(at("lang"), format!("`{lang}` is not a BCP 47 language tag")));
                }
            }
            Block::Note(Note { text, .. }) => {
                if blank(text) {
                    out.push(Problem::new(at("text"), "is empty"));
                }
            }
            Block::PageBreak(_) => {}
        }
    }
}

fn unknown_speaker_message(t: &Transcript, id: &str) -> String {
    let mut message = format!("unknown speaker id `{id}`");
    if let Some(best) = closest_speaker(t, id) {
        message.push_str(&format!(" (did you mean `{best}`?)"));
    } else if t.speakers.is_empty() {
        message.push_str(" (no speakers are declared in `speakers`)");
    }
    message
}

/// The declared id closest to `wanted`, by id or by name, if it is close enough to be a typo.
fn closest_speaker<'t>(t: &'t Transcript, wanted: &str) -> Option<&'t str> {
    let wanted_lower = wanted.to_lowercase();
    t.speakers
        .iter()
        .flat_map(|s| {
            let by_id = strsim::normalized_damerau_levenshtein(&wanted_lower, &s.id.to_lowercase());
            let by_name = strsim::normalized_damerau_levenshtein(&wanted_lower, &s.name.to_lowercase());
            [(by_id, s.id.as_str()), (by_name, s.id.as_str())]
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// `HH:MM:SS`, `H:MM:SS` or `MM:SS`, optionally followed by `.` or `,` and 1–3 digits.
fn is_timestamp(s: &str) -> bool {
    let (clock, fraction) = match s.split_once(['.', ',']) {
        Some((c, f)) => (c, Some(f)),
        None => (s, None),
    };
    if let Some(f) = fraction
        && (!(1..=3).contains(&f.len()) || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return false;
    }
    parts.iter().enumerate().all(|(i, part)| {
        let first = i == 0;
        let ok_len = if first { (1..=3).contains(&part.len()) } else { part.len() == 2 };
        ok_len && part.bytes().all(|b| b.is_ascii_digit()) && (first || part.parse::<u32>().is_ok_and(|n| n < 60))
    })
}

/// A syntactic check of a BCP 47 tag: alphanumeric subtags of 1–8 characters joined by `-`,
/// the first being 2–3 letters (or `i`/`x` for the irregular and private forms).
fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let Some(primary) = subtags.next() else { return false };
    let primary_ok = ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        || primary.eq_ignore_ascii_case("x")
        || primary.eq_ignore_ascii_case("i");
    primary_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unprintable_characters_are_not_text_and_not_ids() {
        let json = serde_json::json!({
            "metadata": {"title": "\u{1}\u{7f} "},
            "speakers": [{"id": "a\u{0}", "name": "A"}],
            "body": [{"type": "turn", "speaker": "a\u{0}", "paragraphs": ["\u{0}"]}]
        });
        let t: Transcript = serde_json::from_value(json).unwrap();
        let problems: Vec<String> = validate(&t).iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "metadata.title: is empty; a transcript needs a title",
                "speakers[0].id: contains the control character U+0000; an id is a name other fields refer to",
                "body[0].paragraphs[0]: is an empty paragraph",
            ]
        );
    }

    #[test]
    fn timestamps() {
        for ok in ["00:12:31", "12:31", "1:02:03", "00:12:31.250", "00:00:01,5"] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in ["12", "12:3", "00:61:00", "aa:bb", "00:12:31.2500", "10:30:00:00", ""] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "zh-Hans", "en-US", "sr-Latn-RS", "x-klingon", "yue"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "english", "en_US", "e", "en--US", "zh-Hans-verylongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
