//! WebVTT captions: `<v Name>` voice spans (several in one cue, closed or not), in-cue
//! labels and dashes; `NOTE`, `STYLE` and `REGION` blocks are not transcript and are listed
//! as dropped; other tags (`<c>`, `<i>`, `<lang>`, inline timestamps) are removed and
//! character references decoded.

use super::LoadError;
use super::build::Builder;
use super::cues::{self, Cue, Part};
use super::explain::{Explanation, Fate};
use super::{ImportOptions, text::label::name_key};
use std::collections::HashMap;

pub fn read(text: &str, options: &ImportOptions, b: &mut Builder, ex: &mut Explanation) -> Result<(), LoadError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    if lines.first().is_some_and(|l| l.trim_start_matches('\u{feff}').starts_with("WEBVTT")) {
        ex.push(1, "vtt-header", Fate::Dropped, "dropped: file header", lines[0]);
        i = 1;
        while i < lines.len() && !lines[i].trim().is_empty() {
            ex.push(i + 1, "vtt-header", Fate::Dropped, "dropped: file header", lines[i]);
            i += 1;
        }
    }
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        blocks.push((start, lines[start..i].to_vec()));
    }
    let payload_lines = blocks.iter().flat_map(|(_, block)| block.iter().skip_while(|l| !l.contains("-->")).skip(1).copied());
    let stripped: Vec<String> = payload_lines.map(strip_tags_only).collect();
    let counts = cues::count_labels(stripped.iter().map(String::as_str));
    let mut cue_list = Vec::new();
    for (start, block) in &blocks {
        let first = block[0].trim();
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| first == *k || first.starts_with(&format!("{k} ")) || first.starts_with(&format!("{k}\t")))
        {
            ex.push(
                start + 1,
                "vtt-comment",
                Fate::Dropped,
                format!("dropped: {} block", first.split_whitespace().next().unwrap_or("")),
                first,
            );
            continue;
        }
        let Some(timing_at) = block.iter().position(|l| l.contains("-->")) else {
            // Text with no timing: kept as a note rather than lost.
            let words = block.join(" ");
            b.note(&strip_tags_only(&words), None);
            ex.push(start + 1, "vtt-text", Fate::Kept, "note: text outside any cue", &words);
            continue;
        };
        let Some((s, e)) = cues::parse_timing(block[timing_at]) else {
            return Err(LoadError::Syntax {
                line: start + timing_at + 1,
                column: 1,
                message: format!("not a cue timing: `{}`", block[timing_at].trim()),
            });
        };
        let parts = voices(&block[timing_at + 1..].join("\n"), &counts);
        cue_list.push(Cue { line: start + timing_at + 1, start: s, end: e, parts });
    }
    if cue_list.is_empty() {
        return Err(LoadError::Syntax { line: 1, column: 1, message: "no cues: a WebVTT file needs `start --> end` timing lines".into() });
    }
    cues::merge(&cue_list, options.cue_gap, "vtt-cue", b, ex);
    Ok(())
}

/// The parts of a cue's payload: voice spans, labelled or dashed lines.
fn voices(payload: &str, counts: &HashMap<String, usize>) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut voice: Option<String> = None;
    for line in payload.split('\n') {
        let mut line_voice_changed = false;
        let mut rest = line;
        let mut text = String::new();
        let mut dash = false;
        let flush = |parts: &mut Vec<Part>, voice: &Option<String>, text: &mut String, dash: bool| {
            let t = cues::decode_entities(text.trim());
            if !t.trim().is_empty() {
                parts.push(Part { speaker: voice.clone(), text: t.trim().to_string(), dash });
            }
            text.clear();
        };
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else {
                text.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            if let Some(spec) = tag.strip_prefix('v').filter(|s| s.starts_with([' ', '.', '\t'])) {
                flush(&mut parts, &voice, &mut text, dash);
                let name = spec.split_once(char::is_whitespace).map_or("", |(_, n)| n).trim();
                voice = (!name.is_empty()).then(|| cues::decode_entities(name));
                line_voice_changed = true;
            } else if tag == "/v" {
                flush(&mut parts, &voice, &mut text, dash);
            }
        }
        text.push_str(rest);
        if !line_voice_changed {
            let trimmed = text.trim_start();
            if let Some(after) =
                trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix('-').filter(|r| r.starts_with(|c: char| c.is_alphabetic())))
            {
                dash = true;
                text = after.to_string();
            }
            if let Some((name, said)) = cues::split_label(&text, counts) {
                voice = Some(name);
                text = said;
            } else if dash {
                voice = None;
            }
        }
        flush(&mut parts, &voice, &mut text, dash);
    }
    // Lines without a voice that follow a voiced line continue it.
    let mut last: Option<String> = None;
    for part in &mut parts {
        if part.speaker.is_none() && !part.dash {
            part.speaker = last.clone();
        }
        if part.speaker.is_some() {
            last = part.speaker.clone();
        }
    }
    let _ = name_key;
    parts
}

/// A payload line without tags (for counting labels).
fn strip_tags_only(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    cues::decode_entities(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(payload: &str) -> Vec<(Option<String>, String)> {
        voices(payload, &HashMap::new()).into_iter().map(|p| (p.speaker, p.text)).collect()
    }

    #[test]
    fn voice_spans() {
        assert_eq!(parts("<v Roger Bingham>We are in New York City"), [(Some("Roger Bingham".into()), "We are in New York City".into())]);
        assert_eq!(
            parts("<v.loud Esme>It’s a blue apple tree!</v><v Mary>No, it isn’t!"),
            [(Some("Esme".into()), "It’s a blue apple tree!".into()), (Some("Mary".into()), "No, it isn’t!".into())]
        );
        assert_eq!(
            parts("<v Esme>Hee!</v> <i>laughter</i>\n<v Mary>Ha &amp; ha"),
            [(Some("Esme".into()), "Hee!".into()), (Some("Esme".into()), "laughter".into()), (Some("Mary".into()), "Ha & ha".into())]
        );
        assert_eq!(parts("<c.yellow>JOHN:</c> Hi there."), [(Some("JOHN".into()), "Hi there.".into())]);
        assert_eq!(parts("<v Ann>one\ntwo"), [(Some("Ann".into()), "one".into()), (Some("Ann".into()), "two".into())]);
    }
}
