//! SubRip captions: numbered cues with `HH:MM:SS,mmm --> HH:MM:SS,mmm` timings, speaker
//! labels inside cues (`JOHN: …`, `[Jane Doe] …`, `- MARY: …` for a second speaker),
//! formatting tags (`<i>`, `<font>`, `{\an8}`) removed.

use super::ImportOptions;
use super::LoadError;
use super::build::Builder;
use super::cues::{self, Cue, Part};
use super::explain::{Explanation, Fate};
use std::collections::HashMap;

pub fn read(text: &str, options: &ImportOptions, b: &mut Builder, ex: &mut Explanation) -> Result<(), LoadError> {
    let lines: Vec<&str> = text.lines().collect();
    // Each cue: the line of its timing and its text lines.
    let mut raw: Vec<(usize, (f64, f64), Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.contains("-->") {
            let Some(timing) = cues::parse_timing(line) else {
                return Err(LoadError::Syntax { line: i + 1, column: 1, message: format!("not a cue timing: `{line}`") });
            };
            let mut body = Vec::new();
            let mut j = i + 1;
            while j < lines.len() && !lines[j].trim().is_empty() {
                // A missing blank line: the next cue's number and timing.
                if lines[j].trim().bytes().all(|b| b.is_ascii_digit()) && lines.get(j + 1).is_some_and(|n| n.contains("-->")) {
                    break;
                }
                body.push(strip_formatting(lines[j]));
                j += 1;
            }
            raw.push((i + 1, timing, body));
            i = j;
            continue;
        }
        if !line.is_empty() {
            let is_index = line.bytes().all(|b| b.is_ascii_digit()) && lines.get(i + 1).is_some_and(|n| n.contains("-->"));
            if is_index {
                ex.push(i + 1, "srt-index", Fate::Dropped, "dropped: cue number", line);
            } else {
                // Text outside any cue is kept as a note.
                b.note(&strip_formatting(line), None);
                ex.push(i + 1, "srt-text", Fate::Kept, "note: text outside any cue", line);
            }
        }
        i += 1;
    }
    if raw.is_empty() {
        return Err(LoadError::Syntax { line: 1, column: 1, message: "no cues: an SRT file needs `start --> end` timing lines".into() });
    }
    let counts = cues::count_labels(raw.iter().flat_map(|(_, _, body)| body.iter().map(String::as_str)));
    let cue_list: Vec<Cue> =
        raw.into_iter().map(|(line, (start, end), body)| Cue { line, start, end, parts: parts(&body, &counts) }).collect();
    cues::merge(&cue_list, options.cue_gap, "srt-cue", b, ex);
    Ok(())
}

fn parts(body: &[String], counts: &HashMap<String, usize>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for line in body {
        let trimmed = line.trim();
        let (dash, rest) =
            match trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix('-').filter(|r| r.starts_with(|c: char| c.is_alphabetic()))) {
                Some(r) => (true, r.trim()),
                None => (false, trimmed),
            };
        match cues::split_label(rest, counts) {
            Some((name, said)) => out.push(Part { speaker: Some(name), text: said, dash }),
            None => match out.last_mut() {
                // A wrapped line of the same part.
                Some(last) if !dash && !cues_note(rest) && !cues_note(&last.text) => {
                    last.text.push(' ');
                    last.text.push_str(rest);
                }
                _ => out.push(Part { speaker: None, text: rest.to_string(), dash }),
            },
        }
    }
    out
}

fn cues_note(text: &str) -> bool {
    super::text::is_whole_note(text)
}

/// `<i>`, `<b>`, `<u>`, `<font …>` tags and `{\an8}` overrides removed, entities decoded.
fn strip_formatting(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let tag: String = chars.clone().take_while(|&c| c != '>').collect();
                let known = ["i", "/i", "b", "/b", "u", "/u", "/font", "s", "/s"].contains(&tag.to_lowercase().as_str())
                    || tag.to_lowercase().starts_with("font ");
                if known && chars.clone().any(|c| c == '>') {
                    for _ in 0..=tag.chars().count() {
                        chars.next();
                    }
                } else {
                    out.push(c);
                }
            }
            '{' if chars.peek() == Some(&'\\') => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    cues::decode_entities(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_is_removed() {
        assert_eq!(strip_formatting("{\\an8}<i>Hello</i> <font color=\"#fff\">there</font> 1 < 2"), "Hello there 1 < 2");
    }

    #[test]
    fn labels_and_dashes() {
        let body: Vec<String> = ["- JOHN: Are you coming?", "- MARY: In a minute."].iter().map(|s| s.to_string()).collect();
        let p = parts(&body, &HashMap::new());
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].speaker.as_deref(), Some("MARY"));
        let body: Vec<String> = ["We have to go", "right now."].iter().map(|s| s.to_string()).collect();
        assert_eq!(parts(&body, &HashMap::new())[0].text, "We have to go right now.");
    }
}
