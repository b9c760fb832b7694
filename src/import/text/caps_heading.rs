//! Rule `caps-heading`: a short line in capitals with no sentence punctuation, standing
//! alone (`PROCEEDINGS`, `OPENING STATEMENT OF SENATOR HALE`, `AFTERNOON SESSION`).

use super::rule::{Claim, Cx, Rule};

pub struct CapsHeading;

impl Rule for CapsHeading {
    fn name(&self) -> &'static str {
        "caps-heading"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let words = text.split_whitespace().count();
        let caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
        let alone = cx.prev_nonblank(i).is_none_or(|p| p + 1 < i || cx.lines[p].trimmed().ends_with(['.', '?', '!', ':', ')']));
        (caps && words <= 12 && !text.ends_with(['.', '?', '!', ',', ';', ':', '：']) && alone).then(|| Claim::Heading(text.to_string(), 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    #[test]
    fn capital_headings() {
        let lines = split("PROCEEDINGS\n\nTHE COURT: Good morning.\n\nYES!\n\nAFTERNOON SESSION\n");
        let facts = Facts::default();
        let cx = Cx { lines: &lines, facts: &facts };
        assert_eq!(CapsHeading.claim(&cx, 0), Some(Claim::Heading("PROCEEDINGS".into(), 2)));
        assert_eq!(CapsHeading.claim(&cx, 4), None);
        assert!(CapsHeading.claim(&cx, 6).is_some());
    }
}
