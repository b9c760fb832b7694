//! What WebVTT and SRT share once their syntax is read: cues with times and, inside, parts
//! said by a voice (`<v Name>`), after a label (`JOHN:`) or after a dash. Consecutive cues of
//! one speaker merge into one turn that keeps the first cue's start time; cues closer than the
//! gap join into one paragraph, a longer pause starts a new paragraph. A cue that is wholly
//! bracketed (`[MUSIC]`, `(Laughter)`) is a note.

use super::build::{Builder, time_from_seconds};
use super::explain::{Explanation, Fate};
use super::text::label::name_key;
use super::text::{is_whole_note, name, note_kind};
use std::collections::HashMap;

/// One cue of a caption file.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// 1-based line of the timing line.
    pub line: usize,
    pub start: f64,
    pub end: f64,
    pub parts: Vec<Part>,
}

/// Words of one cue said by one voice.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The voice or label that says them, if the cue names one.
    pub speaker: Option<String>,
    pub text: String,
    /// The line opened with `- `: a new, unnamed speaker.
    pub dash: bool,
}

/// The name used for words no voice or label claims.
pub const UNKNOWN: &str = "Unidentified speaker";

/// `HH:MM:SS.mmm`, `MM:SS.mmm` or SRT's `HH:MM:SS,mmm` in seconds.
pub fn parse_time(text: &str) -> Option<f64> {
    let text = text.trim();
    let (clock, fraction) = match text.split_once(['.', ',']) {
        Some((c, f)) => (c, f),
        None => (text, "0"),
    };
    if fraction.is_empty() || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<f64> = parts.iter().map(|p| p.parse::<u32>().unwrap_or(0) as f64).collect();
    if n[n.len() - 1] >= 60.0 || n[n.len() - 2] >= 60.0 && n.len() == 3 {
        return None;
    }
    let seconds = n.iter().fold(0.0, |acc, x| acc * 60.0 + x);
    let frac: f64 = format!("0.{fraction}").parse().unwrap_or(0.0);
    Some(seconds + frac)
}

/// `start --> end [settings]`.
pub fn parse_timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let b = b.split_whitespace().next()?;
    Some((parse_time(a)?, parse_time(b)?))
}

/// An in-cue label: `JOHN: text`, `[John] text`, `>> JOHN: text`. Only names whose shape is
/// sure, or that label at least two cues (`counts`), are taken.
pub fn split_label(line: &str, counts: &HashMap<String, usize>) -> Option<(String, String)> {
    let line = line.trim().trim_start_matches(">>").trim();
    if let Some(rest) = line.strip_prefix('[')
        && let Some((inner, after)) = rest.split_once(']')
        && !after.trim().is_empty()
    {
        let strength = name::judge(inner)?;
        return (strength >= name::Strength::Medium || counts.get(&name_key(inner)).copied().unwrap_or(0) >= 2)
            .then(|| (inner.trim().to_string(), after.trim().to_string()));
    }
    let l = super::text::label::parse(line)?;
    let sure = l.strength >= name::Strength::Medium || counts.get(&l.key()).copied().unwrap_or(0) >= 2;
    (sure && !l.rest.is_empty()).then(|| (l.name.clone(), l.rest.clone()))
}

/// Counts candidate in-cue labels, so that a first name used twice is taken.
pub fn count_labels<'a>(lines: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        let line = line.trim().trim_start_matches(['-', '>']).trim();
        let candidate = match line.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((inner, after)) if !after.trim().is_empty() => Some(name_key(inner)),
            _ => super::text::label::parse(line).filter(|l| !l.rest.is_empty()).map(|l| l.key()),
        };
        if let Some(k) = candidate {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    counts
}

/// Builds turns from cues.
pub fn merge(cues: &[Cue], gap: f64, rule: &'static str, b: &mut Builder, ex: &mut Explanation) {
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut id_of = |b: &mut Builder, name: &str| -> String {
        let key = name_key(name);
        ids.entry(if key.is_empty() { name.to_string() } else { key })
            .or_insert_with(|| {
                let role = name::role_of(name).map(str::to_string).or_else(|| name::is_outlet(name).then(|| "reporter".to_string()));
                b.add_speaker(name, role, None)
            })
            .clone()
    };
    let mut current: Option<String> = None;
    let mut last_end = f64::NEG_INFINITY;
    for cue in cues {
        let mut first_part = true;
        for (n, part) in cue.parts.iter().enumerate() {
            let text = part.text.trim();
            if text.is_empty() {
                continue;
            }
            if is_whole_note(text) {
                b.note(text, note_kind(text));
                ex.push(cue.line, rule, Fate::Kept, "note", text);
                continue;
            }
            let speaker = match (&part.speaker, part.dash && n > 0) {
                (Some(name), _) => id_of(b, name),
                (None, true) => id_of(b, UNKNOWN),
                (None, false) => current.clone().unwrap_or_else(|| id_of(b, UNKNOWN)),
            };
            let same = current.as_deref() == Some(speaker.as_str()) && b.open_speaker() == Some(speaker.as_str());
            let action = if !same {
                b.turn(&speaker, time_from_seconds(cue.start));
                b.paragraph(text);
                format!("turn: {}", b.speaker_mut(&speaker).map(|s| s.name.clone()).unwrap_or_default())
            } else if first_part && cue.start - last_end > gap {
                b.paragraph(text);
                "paragraph (after a pause)".to_string()
            } else {
                b.append(text);
                "joined to the turn".to_string()
            };
            ex.push(cue.line, rule, Fate::Kept, action, text);
            current = Some(speaker);
            first_part = false;
        }
        last_end = cue.end;
    }
}

/// Character references: `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&quot;`, `&apos;`, `&lrm;`,
/// `&rlm;`, `&#233;`, `&#xE9;`.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lrm" | "rlm" => Some('\u{200B}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_timings() {
        assert_eq!(parse_time("00:01:02.500"), Some(62.5));
        assert_eq!(parse_time("01:02.5"), Some(62.5));
        assert_eq!(parse_time("00:00:01,250"), Some(1.25));
        assert_eq!(parse_time("1:75"), None);
        assert_eq!(parse_timing("00:01.000 --> 00:04.000 align:start"), Some((1.0, 4.0)));
        assert_eq!(parse_timing("garbage --> 00:04.000"), None);
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("Q&amp;A &lt;3 &#233;t&#xE9; &bogus; &"), "Q&A <3 été &bogus; &");
    }

    #[test]
    fn labels_inside_cues() {
        let counts = count_labels(["Sam: hi", "Sam: again"].into_iter());
        assert_eq!(split_label("JOHN: Hi there.", &HashMap::new()), Some(("JOHN".into(), "Hi there.".into())));
        assert_eq!(split_label("[Jane Doe] Hello.", &HashMap::new()), Some(("Jane Doe".into(), "Hello.".into())));
        assert_eq!(split_label("Sam: hi", &counts), Some(("Sam".into(), "hi".into())));
        assert_eq!(split_label("Note: hi", &counts), None);
        assert_eq!(split_label("[Laughs] Sure.", &HashMap::new()), None);
    }
}
