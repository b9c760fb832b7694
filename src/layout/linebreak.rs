//! Greedy line breaking at Unicode (UAX #14) break opportunities, with any width function.
//!
//! Guarantees: no character is lost. Each line is a byte range of the text plus the exact text
//! dropped after it (`after`: the space at a break, a newline, or nothing), so concatenating
//! `line + after` over all lines gives the input back. A word wider than the measure is split
//! between grapheme clusters, never inside one; every line holds at least one grapheme, so
//! breaking always terminates.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

/// One line of a broken paragraph, as byte offsets into the paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLine {
    /// Start of the line's visible text.
    pub start: usize,
    /// End of the visible text (trailing break spaces excluded).
    pub end: usize,
    /// End of the text this line consumed: `text[end..next]` is what the break dropped.
    pub next: usize,
}

struct Segment {
    start: usize,
    visible_end: usize,
    end: usize,
    mandatory: bool,
}

/// Breaks `text` into lines no wider than `first_width` (first line) and `rest_width` (the
/// others) where possible; `advance(byte_index, ch)` gives each character's width (a generic
/// rather than a `dyn Fn`, so that the call made for every character is inlined).
pub fn break_lines(text: &str, advance: impl Fn(usize, char) -> f32, first_width: f32, rest_width: f32) -> Vec<BrokenLine> {
    let mut lines: Vec<BrokenLine> = Vec::new();
    let available = |lines: &Vec<BrokenLine>| if lines.is_empty() { first_width } else { rest_width };
    let width_of =
        |range: std::ops::Range<usize>| -> f32 { text[range.clone()].char_indices().map(|(i, c)| advance(range.start + i, c)).sum() };

    let mut line_start = 0;
    let mut line_end = 0; // visible end of the text placed on the current line
    let mut line_width = 0.0; // visible width of the current line
    let mut pending_space = 0.0; // width of the break spaces after the last segment
    let mut has_content = false;

    for segment in segments(text) {
        let visible = width_of(segment.start..segment.visible_end);
        if has_content && line_width + pending_space + visible > available(&lines) {
            lines.push(BrokenLine { start: line_start, end: line_end, next: segment.start });
            line_start = segment.start;
            line_width = 0.0;
            has_content = false;
        }
        if !has_content && visible > available(&lines) {
            // A word wider than the line: split it between grapheme clusters.
            let mut chunk_start = segment.start;
            let mut chunk_width = 0.0;
            for (offset, grapheme) in text[segment.start..segment.visible_end].grapheme_indices(true) {
                let at = segment.start + offset;
                let w = width_of(at..at + grapheme.len());
                if at > chunk_start && chunk_width + w > available(&lines) {
                    lines.push(BrokenLine { start: line_start, end: at, next: at });
                    line_start = at;
                    chunk_start = at;
                    chunk_width = 0.0;
                }
                chunk_width += w;
            }
            line_width = chunk_width;
        } else if has_content {
            line_width += pending_space + visible;
        } else {
            line_width = visible;
        }
        has_content = true;
        line_end = segment.visible_end;
        pending_space = width_of(segment.visible_end..segment.end);
        if segment.mandatory && segment.end < text.len() {
            lines.push(BrokenLine { start: line_start, end: line_end, next: segment.end });
            line_start = segment.end;
            line_end = segment.end;
            line_width = 0.0;
            pending_space = 0.0;
            has_content = false;
        }
    }
    lines.push(BrokenLine { start: line_start, end: line_end.max(line_start), next: text.len() });
    lines
}

/// The text between break opportunities, each split into its visible part and the
/// whitespace that may be dropped when a line ends after it.
fn segments(text: &str) -> impl Iterator<Item = Segment> + '_ {
    let mut start = 0;
    linebreaks(text).map(move |(end, opportunity)| {
        let piece = &text[start..end];
        let visible_len = piece.trim_end_matches(is_break_space).len();
        let segment = Segment { start, visible_end: start + visible_len, end, mandatory: opportunity == BreakOpportunity::Mandatory };
        start = end;
        segment
    })
}

/// Characters dropped at the end of a line: spaces, tabs and line separators (not NBSP).
fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{3000}' | '\u{1680}')
        || ('\u{2000}'..='\u{200A}').contains(&c) && c != '\u{2007}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mono(_: usize, c: char) -> f32 {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as f32
    }

    fn texts(text: &str, width: f32) -> Vec<String> {
        break_lines(text, mono, width, width).iter().map(|l| text[l.start..l.end].to_string()).collect()
    }

    fn rebuilt(text: &str, width: f32) -> String {
        break_lines(text, mono, width, width).iter().map(|l| &text[l.start..l.next]).collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_only_the_break_space() {
        assert_eq!(texts("the quick brown fox jumps", 10.0), ["the quick", "brown fox", "jumps"]);
        assert_eq!(rebuilt("the quick brown fox jumps", 10.0), "the quick brown fox jumps");
    }

    #[test]
    fn honours_first_line_width() {
        let lines = break_lines("aa bb cc dd", mono, 2.0, 5.0);
        let text = "aa bb cc dd";
        let got: Vec<_> = lines.iter().map(|l| &text[l.start..l.end]).collect();
        assert_eq!(got, ["aa", "bb cc", "dd"]);
    }

    #[test]
    fn splits_overlong_words_between_graphemes() {
        let url = "https://example.org/a/very/long/path";
        let lines = texts(url, 10.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.concat(), url);
        // A combining accent stays with its letter.
        let word = "e\u{301}e\u{301}e\u{301}e\u{301}";
        let lines = texts(word, 1.0);
        assert_eq!(lines, ["e\u{301}"; 4]);
    }

    #[test]
    fn cjk_breaks_between_ideographs() {
        let lines = texts("黄利斌说谢谢大家", 4.0);
        assert_eq!(lines, ["黄利", "斌说", "谢谢", "大家"]);
    }

    #[test]
    fn mandatory_breaks_are_kept() {
        let text = "one\ntwo three";
        assert_eq!(texts(text, 40.0), ["one", "two three"]);
        assert_eq!(rebuilt(text, 40.0), text);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(break_lines("", mono, 5.0, 5.0), [BrokenLine { start: 0, end: 0, next: 0 }]);
    }
}
