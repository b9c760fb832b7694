//! Rule `qa-label`: questions and answers marked `Q.` / `A.` (testimony), `Q:` / `A:`
//! (interviews), or a bare `Q` opening a reporter's question at a US briefing (`Q  Jen, …`,
//! or `Q` alone on a line). A bare `A` counts only with two spaces or a tab after it, in a
//! text that also has questions, so that `A lot of people…` stays a sentence.

use super::label::Label;
use super::name::Strength;
use super::rule::{Claim, Cx, Rule};

pub struct QaLabel;

impl Rule for QaLabel {
    fn name(&self) -> &'static str {
        "qa-label"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let (letter, rest) = parse(cx.text(i), cx.facts.has_answers)?;
        if rest.is_empty() && cx.next_nonblank(i).is_none() {
            return None;
        }
        // A bare `Q` with one space must open a paragraph: `Q and A sessions` inside a
        // wrapped sentence stays text.
        let text = cx.text(i);
        let loose = text.len() > 2 && text.as_bytes()[1] == b' ' && text.as_bytes()[2] != b' ';
        if loose && !cx.starts_paragraph(i) {
            return None;
        }
        Some(Claim::Label(Label {
            name: letter.to_string(),
            qualifiers: vec![],
            comma_role: None,
            time: None,
            rest: rest.to_string(),
            strength: Strength::Strong,
        }))
    }
}

/// `("Q", rest)` or `("A", rest)` for a question or answer line.
pub fn parse(text: &str, has_answers: bool) -> Option<(&'static str, &str)> {
    let t = text.trim();
    let letter = match t.chars().next()? {
        'Q' => "Q",
        'A' => "A",
        _ => return None,
    };
    let after = &t[1..];
    if after.is_empty() {
        return (letter == "Q").then_some((letter, ""));
    }
    if let Some(rest) = after.strip_prefix(['.', ':']) {
        return (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| (letter, rest.trim()));
    }
    let spaced = after.starts_with("  ") || after.starts_with('\t');
    let rest = after.trim_start();
    let opens = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '-' | '—' | '–' | '…'));
    match letter {
        "Q" if after.starts_with(char::is_whitespace) && opens && (spaced || !rest.starts_with("and ")) => Some((letter, rest)),
        "A" if spaced && has_answers && opens => Some((letter, rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_answers() {
        assert_eq!(parse("Q.   Where were you?", false), Some(("Q", "Where were you?")));
        assert_eq!(parse("A.   At home.", false), Some(("A", "At home.")));
        assert_eq!(parse("Q: How did it start?", false), Some(("Q", "How did it start?")));
        assert_eq!(parse("Q    Jen, thanks.", false), Some(("Q", "Jen, thanks.")));
        assert_eq!(parse("Q Jen, thanks.", false), Some(("Q", "Jen, thanks.")));
        assert_eq!(parse("Q", false), Some(("Q", "")));
        assert_eq!(parse("A  Yes.", true), Some(("A", "Yes.")));
        assert_eq!(parse("Q    -- on the package.", false), Some(("Q", "-- on the package.")));
    }

    #[test]
    fn sentences_are_not_questions() {
        assert_eq!(parse("A lot of people asked.", true), None);
        assert_eq!(parse("A  lot", false), None);
        assert_eq!(parse("Quite so.", false), None);
        assert_eq!(parse("Q and A sessions are long.", false), None);
        assert_eq!(parse("A. Lincoln wrote", false), Some(("A", "Lincoln wrote")));
    }
}
