//! Rule `procedural`: the record's own sentences about the sitting, not anyone's words: `The
//! meeting was called to order at 10.05 a.m.`, `The meeting rose at 11.40 a.m.`, `The sitting
//! was suspended at 1 p.m.`, `The hearing adjourned.` Kept as procedural notes.

use super::rule::{Claim, Cx, Rule};
use crate::model::NoteKind;

pub struct Procedural;

const SUBJECTS: &[&str] = &[
    "the meeting",
    "the sitting",
    "the hearing",
    "the session",
    "the committee",
    "the house",
    "the council",
    "the court",
    "the proceedings",
];
const VERBS: &[&str] = &[
    "rose at",
    "rose.",
    "was called to order",
    "was suspended",
    "was resumed",
    "resumed at",
    "adjourned",
    "was adjourned",
    "recessed",
    "was closed",
    "suspended at",
    "came to order",
    "is adjourned",
];

impl Rule for Procedural {
    fn name(&self) -> &'static str {
        "procedural"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        is_procedural(text).then(|| Claim::Note(text.to_string(), Some(NoteKind::Procedural)))
    }
}

pub fn is_procedural(text: &str) -> bool {
    let lower = text.to_lowercase();
    let short = text.split_whitespace().count() <= 20 && text.ends_with(['.', ')']);
    short && SUBJECTS.iter().any(|s| lower.starts_with(s)) && VERBS.iter().any(|v| lower.contains(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_sentences() {
        assert!(is_procedural("The meeting was called to order at 10.05 a.m."));
        assert!(is_procedural("The meeting rose at 11.40 a.m."));
        assert!(!is_procedural("The meeting was a success, and we thank everyone who helped organize it."));
        assert!(!is_procedural("The committee will now hear from the witnesses."));
    }
}
