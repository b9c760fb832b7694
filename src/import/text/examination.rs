//! Rule `examination`: the structure of testimony in court and deposition transcripts:
//! `DIRECT EXAMINATION` and `CROSS-EXAMINATION` headings, `BY MR. SMITH:` (who asks the
//! `Q.` questions from here on), the swearing-in line (`JOHN DOE, having been first duly
//! sworn, testified as follows:`). Headings become headings, the rest procedural notes.

use super::rule::{Claim, Cx, Rule};
use crate::model::NoteKind;

pub struct Examination;

impl Rule for Examination {
    fn name(&self) -> &'static str {
        "examination"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        let upper = text.to_uppercase();
        let caps = text == upper && text.chars().any(char::is_alphabetic);
        if caps && upper.contains("EXAMINATION") && !text.ends_with(':') {
            return Some(Claim::Heading(text.to_string(), 2));
        }
        if caps
            && (upper.starts_with("BY MR")
                || upper.starts_with("BY MS")
                || upper.starts_with("BY MRS")
                || upper.starts_with("BY DR")
                || upper.contains("EXAMINATION BY"))
        {
            return Some(Claim::Note(text.to_string(), Some(NoteKind::Procedural)));
        }
        let lower = text.to_lowercase();
        let sworn = ["duly sworn", "having been sworn", "having been first sworn", "testified as follows", "was sworn"];
        if sworn.iter().any(|s| lower.contains(s)) && text.chars().count() < 300 {
            return Some(Claim::Note(text.to_string(), Some(NoteKind::Procedural)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    fn claim(text: &str) -> Option<Claim> {
        let lines = split(text);
        let facts = Facts::default();
        Examination.claim(&Cx { lines: &lines, facts: &facts }, 0)
    }

    #[test]
    fn testimony_structure() {
        assert_eq!(claim("DIRECT EXAMINATION"), Some(Claim::Heading("DIRECT EXAMINATION".into(), 2)));
        assert!(matches!(claim("BY MR. SMITH:"), Some(Claim::Note(_, Some(NoteKind::Procedural)))));
        assert!(matches!(claim("DANA PRICE, having been first duly sworn, testified as follows:"), Some(Claim::Note(..))));
        assert_eq!(claim("MR. SMITH: Objection."), None);
        assert_eq!(claim("By Mr. Smith's account, it was late."), None);
    }
}
