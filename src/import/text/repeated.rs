//! Rule `repeated-header`: lines a page repeats. When several web pages of one briefing are
//! pasted one after another, each page repeats the title, section and introduction seen
//! before the first speaker; a PDF repeats its running header and footer on every page. Such
//! a line is left out where it repeats (the first occurrence, before the first speaker, is
//! kept as metadata). The lines themselves are found by [`find`].

use super::line::Line;
use super::rule::{Claim, Cx, Rule};
use std::collections::{HashMap, HashSet};

pub struct Repeated;

impl Rule for Repeated {
    fn name(&self) -> &'static str {
        "repeated-header"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        cx.facts.repeated.contains(&i).then_some(Claim::Drop)
    }
}

/// The line indices to leave out: after `first_label`, the lines equal to a content line of
/// the preamble (`preamble_lines`); in text from a PDF (form feeds or margin line numbers),
/// short lines at a page's edge without sentence punctuation that recur at least twice with
/// only digits changing, in capitals or with digits (running headers and footers). Lines
/// that `keep` says are something else (labels, notes) stay.
pub fn find(lines: &[Line], preamble_lines: &[usize], first_label: usize, keep: impl Fn(usize) -> bool) -> HashSet<usize> {
    let mut out = HashSet::new();
    let key = |i: usize| lines[i].trimmed().split_whitespace().collect::<Vec<_>>().join(" ");
    let preamble: HashSet<String> = preamble_lines.iter().map(|&i| key(i)).filter(|k| k.chars().count() >= 4).collect();
    for (i, _) in lines.iter().enumerate().skip(first_label.saturating_add(1)) {
        if preamble.contains(&key(i)) && !keep(i) {
            out.insert(i);
        }
    }
    let numbered = lines.iter().any(|l| l.number.is_some());
    let breaks: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| l.page_break).map(|(i, _)| i).collect();
    // The page edges: each page break, and the start and end of the text when it has breaks.
    let edges: Vec<usize> =
        if breaks.is_empty() { vec![] } else { [0].into_iter().chain(breaks.iter().copied()).chain([lines.len()]).collect() };
    let at_edge = |i: usize| {
        if numbered { lines[i].number.is_none() } else { edges.iter().any(|&b| b <= i + 3 && i <= b + 2) }
    };
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.trimmed();
        if !at_edge(i) {
            continue;
        }
        if text.is_empty()
            || text.chars().count() > 80
            || text.ends_with(['.', '?', '!', ':', '：', ',', ';'])
            || text.starts_with(['(', '['])
        {
            continue;
        }
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
        let digits = text.chars().any(|c| c.is_ascii_digit());
        if !(caps || digits) || letters.len() < 3 {
            continue;
        }
        let normalized: String =
            text.split_whitespace().collect::<Vec<_>>().join(" ").chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
        groups.entry(normalized).or_default().push(i);
    }
    for indices in groups.into_values() {
        if indices.len() >= 2 {
            out.extend(indices.into_iter().filter(|&i| !keep(i)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::line::split;

    #[test]
    fn a_later_page_repeats_the_preamble() {
        let lines = split(
            "Title of the briefing\nOn July 16, the office held a briefing.\nA:\nHello.\nTitle of the briefing\nOn July 16, the office held a briefing.\nMore.\n",
        );
        let mut found: Vec<usize> = find(&lines, &[0, 1], 2, |_| false).into_iter().collect();
        found.sort();
        assert_eq!(found, vec![4, 5]);
    }

    #[test]
    fn running_headers_and_footers_of_pdf_pages() {
        let lines = split(
            "UNITED STATES DISTRICT COURT\nTHE COURT: Good morning.\nDIRECT EXAMINATION\nwords\nmore words\nJane Roe, RPR - Page 4\n\u{c}UNITED STATES DISTRICT COURT\nDIRECT EXAMINATION\nwords\nmore words\nThank you\nThank you\nJane Roe, RPR - Page 5\n",
        );
        // The headings (lines 2 and 8) are claimed as headings by their own rule.
        let mut found: Vec<usize> = find(&lines, &[], 1, |i| i == 2 || i == 8).into_iter().collect();
        found.sort();
        assert_eq!(found, vec![0, 5, 7, 13]);
    }
}
