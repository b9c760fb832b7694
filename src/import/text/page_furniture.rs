//! Rule `page-furniture`: what a PDF page leaves in its text: page numbers (`Page 12`,
//! `Page 3 of 80`, `- 12 -`, a number alone in a line-numbered transcript), e-filing stamps
//! (`Case 1:21-cv-00123 Document 45 Filed 03/12/24 Page 3 of 80`), empty numbered lines,
//! and, in a transcript with margin line numbers, every line without one (running headers
//! and footers).

use super::rule::{Claim, Cx, Rule};

pub struct PageFurniture;

impl Rule for PageFurniture {
    fn name(&self) -> &'static str {
        "page-furniture"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let line = &cx.lines[i];
        let text = line.trimmed();
        // A numbered line with nothing on it; in a line-numbered transcript, a line without a
        // number is a page's header or footer.
        if (line.number.is_some() && text.is_empty()) || (cx.facts.line_numbered && line.number.is_none() && !text.is_empty()) {
            return Some(Claim::Drop);
        }
        if text.is_empty() {
            return None;
        }
        let lone_number = text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
        let pdf_like = cx.facts.line_numbered || cx.facts.page_breaks;
        (is_page_number(text) || is_filing_stamp(text) || (lone_number && pdf_like)).then_some(Claim::Drop)
    }
}

/// `Page 12`, `Page 3 of 80`, `- 12 -`, `— 12 —`, `12 | Page`, `第3页`.
pub fn is_page_number(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        ["page", n] | ["p.", n] | ["pg.", n] => num(n),
        ["page", n, "of", m] => num(n) && num(m),
        [n, "|", "page"] | ["page", "|", n] => num(n),
        [d1, n, d2] if matches!(*d1, "-" | "—" | "–") && d1 == d2 => num(n),
        _ => {
            let inner = lower.trim_start_matches('第').trim_end_matches('页');
            lower.starts_with('第') && lower.ends_with('页') && num(inner)
        }
    }
}

/// A US court e-filing stamp: `Case … Document … Filed … Page N of M`.
pub fn is_filing_stamp(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with("case ") && lower.contains(" document ") && lower.contains(" filed ") && lower.contains(" page ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert!(is_page_number("Page 12"));
        assert!(is_page_number("Page 3 of 80"));
        assert!(is_page_number("- 12 -"));
        assert!(is_page_number("第3页"));
        assert!(!is_page_number("Page after page of testimony"));
        assert!(!is_page_number("12 people"));
        assert!(is_filing_stamp("Case 1:21-cv-00123-ABC Document 45 Filed 03/12/24 Page 3 of 80"));
        assert!(!is_filing_stamp("Case closed, the document was filed."));
    }
}
