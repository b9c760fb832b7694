//! Rule `name-label`: a speaker named before a colon, on its own line (`The Paper:`) or
//! inline (`Huang Libin: Thank you.`, `MS. PSAKI: Hi, everyone.`, `黄利斌：…`). Whether a
//! candidate is accepted depends on how much its shape says ([`Strength`]) and on how the
//! text uses it: a single capitalized word must label at least two lines (or stand alone on
//! its line before the words), a multi-word name must open a paragraph; in a text that clearly uses labels, a single
//! word opening a paragraph is enough.

use super::label::{self, Label};
use super::name::Strength;
use super::rule::{Claim, Cx, Rule};

pub struct NameLabel;

impl Rule for NameLabel {
    fn name(&self) -> &'static str {
        "name-label"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let l = label::parse(cx.text(i))?;
        accept(cx, i, &l).then_some(Claim::Label(l))
    }
}

/// Whether the candidate `l` on line `i` is a speaker label.
pub fn accept(cx: &Cx, i: usize, l: &Label) -> bool {
    let uses = cx.facts.census.get(&l.key()).copied().unwrap_or(0);
    let known = cx.facts.known.contains(&l.key());
    // On its own line, a label must be followed by words, not be the last line.
    if l.own_line() && cx.next_nonblank(i).is_none() {
        return false;
    }
    match l.strength {
        Strength::Strong => true,
        Strength::Medium => l.own_line() || uses >= 2 || known || cx.starts_paragraph(i),
        Strength::Weak => l.own_line() || uses >= 2 || known || (cx.facts.structured && cx.starts_paragraph(i) && !l.rest.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    fn names(text: &str) -> Vec<Option<String>> {
        let lines = split(text);
        let facts = Facts::gather_for_tests(&lines);
        let cx = Cx { lines: &lines, facts: &facts };
        (0..lines.len())
            .map(|i| match NameLabel.claim(&cx, i) {
                Some(Claim::Label(l)) => Some(l.name),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn labels_by_strength_and_use() {
        let n = names("Sarah: Hi.\n\nTom: Hello.\n\nSarah: Bye.\n");
        assert_eq!(n, [Some("Sarah".into()), None, None, None, Some("Sarah".into())]);
        let n = names("The Paper:\n\nA question.\n\nMs. Amos called the meeting to order: at once.\n");
        assert_eq!(n[0].as_deref(), Some("The Paper"));
        assert_eq!(n[4], None);
    }
}
