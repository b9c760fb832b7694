//! Rule `markdown-heading`: `#` to `######` headings of a Markdown transcript, and the
//! inline markup (`**bold**`, `*em*`, `[text](url)`, `` `code` ``) removed from its text.

use super::rule::{Claim, Cx, Rule};

pub struct MarkdownHeading;

impl Rule for MarkdownHeading {
    fn name(&self) -> &'static str {
        "markdown-heading"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        if !cx.facts.markdown {
            return None;
        }
        let text = cx.text(i);
        let level = text.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&level) || !text[level..].starts_with(' ') {
            return None;
        }
        let title = strip_inline(text[level..].trim().trim_end_matches('#').trim());
        (!title.is_empty()).then_some(Claim::Heading(title, level as u8))
    }
}

/// Markdown inline markup removed: emphasis markers, links (their text kept), code ticks,
/// backslash escapes, a blockquote's `>`.
pub fn strip_inline(text: &str) -> String {
    let text = text.trim_start_matches("> ").trim();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '[' => {
                // [text](url) → text
                if let Some(close) = chars[i..].iter().position(|&c| c == ']').map(|p| p + i)
                    && chars.get(close + 1) == Some(&'(')
                    && let Some(end) = chars[close..].iter().position(|&c| c == ')').map(|p| p + close)
                {
                    out.extend(&chars[i + 1..close]);
                    i = end + 1;
                    continue;
                }
                out.push(c);
            }
            '*' | '_' | '`' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let prev = if i == 0 { ' ' } else { chars[i - 1] };
                let next = chars.get(i + run).copied().unwrap_or(' ');
                // A marker touches a word on one side only; `snake_case` and `2 * 3` stay.
                let opens = !next.is_whitespace() && !prev.is_alphanumeric();
                let closes = !prev.is_whitespace() && !next.is_alphanumeric();
                if run <= 3 && (opens || closes) && !(c == '_' && prev.is_alphanumeric() && next.is_alphanumeric()) {
                    i += run;
                    continue;
                }
                out.extend(std::iter::repeat_n(c, run));
                i += run;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup() {
        assert_eq!(strip_inline("**Bold** and *em* and `code`"), "Bold and em and code");
        assert_eq!(strip_inline("See [the report](https://example.org) now"), "See the report now");
        assert_eq!(strip_inline("snake_case stays, 2 * 3 = 6"), "snake_case stays, 2 * 3 = 6");
        assert_eq!(strip_inline("> quoted \\*star\\*"), "quoted *star*");
    }
}
