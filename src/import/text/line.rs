//! The input split into lines, as the rules see them: no-break spaces made plain, trailing
//! space and PDF line numbers removed, the original kept for `--explain`.

use super::line_numbers;

/// One line of the input.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// The text the rules read: trimmed at the end, no-break spaces as spaces, without a
    /// PDF line number.
    pub text: String,
    /// Leading spaces (a tab counts as four) after any line number.
    pub indent: usize,
    /// The PDF line number that was removed, if any.
    pub number: Option<u32>,
    /// Whether a form feed (a PDF page end) stood on or before this line.
    pub page_break: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text without its indentation.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    /// Number of characters.
    pub fn width(&self) -> usize {
        self.text.trim().chars().count()
    }
}

/// Splits `text` into lines; a form feed ends a line and marks the next as a page start.
pub fn split(text: &str) -> Vec<Line> {
    let mut raw: Vec<(usize, String, bool)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut parts = line.split('\u{c}');
        raw.push((i + 1, parts.next().unwrap_or_default().to_string(), false));
        for part in parts {
            raw.push((i + 1, part.to_string(), true));
        }
    }
    // A trailing newline does not make an extra line.
    if raw.len() > 1 && raw.last().is_some_and(|(_, t, pb)| t.is_empty() && !pb) {
        raw.pop();
    }
    let plain: Vec<String> = raw.iter().map(|(_, t, _)| normalize_spaces(t)).collect();
    let numbered = line_numbers::detect(&plain);
    raw.into_iter()
        .zip(plain)
        .map(|((no, _, page_break), text)| {
            let (number, text) = if numbered { line_numbers::strip(&text) } else { (None, text.as_str()) };
            let indent = indent_of(text);
            Line { no, text: text.trim_end().to_string(), indent, number, page_break }
        })
        .collect()
}

fn normalize_spaces(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2002}'..='\u{200a}' => ' ',
            '\r' | '\u{b}' => ' ',
            c => c,
        })
        .collect()
}

fn indent_of(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_newlines_and_form_feeds() {
        let lines = split("a\r\n\u{a0} b  \n\u{c}c\n");
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "  b");
        assert_eq!(lines[1].indent, 2);
        assert!(lines[3].page_break);
        assert_eq!(lines[3].text, "c");
        assert_eq!(lines[3].no, 3);
    }
}
