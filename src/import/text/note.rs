//! Rule `note`: a line that is wholly a parenthetical or bracketed remark, `(Laughter.)`,
//! `[MUSIC]`, `*[Applause]*`, `(SOUNDBITE OF ARCHIVED BROADCAST)`, `♪ lyrics ♪`, or a
//! parenthetical that runs over several lines (`(Whereupon, at 12:05 p.m., the hearing was`
//! … `adjourned.)`). Kept as a note, its kind read from its words.

use super::rule::{Claim, Cx, Rule};
use crate::model::NoteKind;

pub struct NoteLine;

/// The most lines one parenthetical may span.
const MAX_LINES: usize = 6;

impl Rule for NoteLine {
    fn name(&self) -> &'static str {
        "note"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        for start in (i.saturating_sub(MAX_LINES)..i).rev() {
            if cx.lines[start].is_blank() {
                break;
            }
            if span(cx, start).is_some_and(|end| end >= i) {
                return Some(Claim::NoteMore(cx.text(i).to_string()));
            }
        }
        let end = span(cx, i)?;
        let text = if end == i { unwrap_emphasis(cx.text(i)).to_string() } else { cx.text(i).trim_start_matches(['*', '_']).to_string() };
        let whole: Vec<&str> = (i..=end).map(|j| cx.text(j)).collect();
        Some(Claim::Note(text, kind_of(&whole.join(" "))))
    }
}

/// The last line of the note that starts at line `start`, if one does.
fn span(cx: &Cx, start: usize) -> Option<usize> {
    let first = unwrap_emphasis(cx.text(start));
    if first.starts_with('♪') && first.ends_with('♪') && first.chars().count() > 1 {
        return Some(start);
    }
    let open = first.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        '（' => '）',
        '【' => '】',
        _ => return None,
    };
    let mut depth = 0i32;
    let mut total = 0;
    for (j, line) in cx.lines.iter().enumerate().skip(start).take(MAX_LINES) {
        if line.is_blank() {
            return None;
        }
        let text = if j == start { first } else { unwrap_emphasis(line.trimmed()) };
        total += text.chars().count();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for &(at, c) in &chars {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    let after = text[at + c.len_utf8()..].trim();
                    let closes_line = after.is_empty() || after.chars().all(|c| matches!(c, '.' | ',' | '*' | '_'));
                    return (closes_line && total <= 600 && !is_timestamp_only(text)).then_some(j);
                }
            }
        }
    }
    None
}

fn is_timestamp_only(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')'));
    crate::import::build::normalize_time(inner).is_some()
}

/// `*[Applause]*` → `[Applause]`.
pub fn unwrap_emphasis(text: &str) -> &str {
    let t = text.trim();
    for mark in ["**", "*", "__", "_"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && inner.starts_with(['(', '[', '♪'])
        {
            return inner.trim();
        }
    }
    t
}

/// Whether a whole caption or line is a note: bracketed or between `♪`.
pub fn is_whole_note(text: &str) -> bool {
    let t = unwrap_emphasis(text);
    let bracketed = |o: char, c: char| {
        t.starts_with(o)
            && t.trim_end_matches('.').ends_with(c)
            && t[o.len_utf8()..].find(c).is_some_and(|at| at + o.len_utf8() + c.len_utf8() >= t.trim_end_matches('.').len())
    };
    (bracketed('(', ')') || bracketed('[', ']') || (t.starts_with('♪') && t.ends_with('♪') && t.chars().count() > 1))
        && !is_timestamp_only(t)
}

/// The kind of note its words describe.
pub fn kind_of(text: &str) -> Option<NoteKind> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    Some(if has(&["laugh", "笑"]) {
        NoteKind::Laughter
    } else if has(&["applause", "applaud", "clapping", "掌声", "cheers", "cheering"]) {
        NoteKind::Applause
    } else if has(&["inaudible", "unintelligible", "indiscernible", "unclear", "听不清", "audio cut", "garbled"]) {
        NoteKind::Inaudible
    } else if has(&["crosstalk", "cross-talk", "overlapping", "simultaneous", "talking over", "multiple speakers"]) {
        NoteKind::Crosstalk
    } else if has(&["interpret", "translat", "spoke in", "speaks in", "speaking in", "in chinese", "in english", "in french", "翻译"]) {
        NoteKind::Interpretation
    } else if has(&[
        "whereupon",
        "recess",
        "adjourn",
        "pause",
        "off the record",
        "on the record",
        "sworn",
        "gavel",
        "bell",
        "break",
        "resume",
        "excused",
        "sidebar",
        "jury",
        "exhibit",
        "marked",
        "proceedings",
        "end of",
        "begin",
        "video",
        "slide",
        "clip",
        "end ",
    ]) {
        NoteKind::Procedural
    } else {
        NoteKind::Other
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    fn claims(text: &str) -> Vec<Option<Claim>> {
        let lines = split(text);
        let facts = Facts::default();
        let cx = Cx { lines: &lines, facts: &facts };
        (0..lines.len()).map(|i| NoteLine.claim(&cx, i)).collect()
    }

    #[test]
    fn single_line_notes() {
        assert_eq!(claims("(Laughter.)")[0], Some(Claim::Note("(Laughter.)".into(), Some(NoteKind::Laughter))));
        assert_eq!(claims("*[Applause]*")[0], Some(Claim::Note("[Applause]".into(), Some(NoteKind::Applause))));
        assert_eq!(claims("[MUSIC]")[0], Some(Claim::Note("[MUSIC]".into(), Some(NoteKind::Other))));
        assert_eq!(claims("(inaudible)")[0], Some(Claim::Note("(inaudible)".into(), Some(NoteKind::Inaudible))));
        assert_eq!(claims("(Inaudible) and then I said no.")[0], None);
        assert_eq!(claims("[00:12:31]")[0], None);
    }

    #[test]
    fn notes_over_several_lines() {
        let c = claims("(Whereupon, at 12:05 p.m., the hearing was\nadjourned.)\nNext");
        assert!(matches!(&c[0], Some(Claim::Note(_, Some(NoteKind::Procedural)))), "{c:?}");
        assert_eq!(c[1], Some(Claim::NoteMore("adjourned.)".into())));
        assert_eq!(c[2], None);
    }

    #[test]
    fn whole_notes_in_captions() {
        assert!(is_whole_note("[Laughter]"));
        assert!(is_whole_note("♪ upbeat music ♪"));
        assert!(!is_whole_note("[John] Hello"));
        assert!(!is_whole_note("(a) and (b)"));
    }
}
