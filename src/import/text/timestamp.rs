//! Rule `timestamp-label`: labels that carry a time, kept on the turn: `[00:12:31] Name:`,
//! `(00:12:31) Name: text`, `00:12:31 Name: text`, `Name (mm:ss):` and Otter's `Name  0:03`
//! on its own line. A time alone on a line (`[00:12:31]`) is held for the label after it.

use super::label::{self, Label};
use super::name;
use super::name_label::accept;
use super::rule::{Claim, Cx, Rule};
use crate::import::build::normalize_time;

pub struct Timestamp;

impl Rule for Timestamp {
    fn name(&self) -> &'static str {
        "timestamp-label"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        if let Some((time, rest)) = leading_time(text) {
            if rest.is_empty() {
                return Some(Claim::Timestamp(time));
            }
            if super::note::is_whole_note(rest) {
                return Some(Claim::Note(rest.to_string(), super::note::kind_of(rest)));
            }
            let mut l = label::parse(rest)?;
            if !accept(cx, i, &l) {
                return None;
            }
            l.time.get_or_insert(time);
            return Some(Claim::Label(l));
        }
        if let Some(l) = label::parse(text).filter(|l| l.time.is_some()) {
            return accept(cx, i, &l).then_some(Claim::Label(l));
        }
        otter(cx, i).map(Claim::Label)
    }
}

/// `[00:12:31] rest`, `(00:12:31) rest`, `00:12:31 rest`, `00:12:31 - rest`.
pub fn leading_time(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    let (inner, rest) = match t.chars().next()? {
        '[' => t[1..].split_once(']')?,
        '(' => t[1..].split_once(')')?,
        c if c.is_ascii_digit() => t.split_at(t.find(char::is_whitespace).unwrap_or(t.len())),
        _ => return None,
    };
    let time = normalize_time(inner)?;
    let rest = rest.trim_start().trim_start_matches(['-', '–', '—', '|']).trim_start();
    Some((time, rest))
}

/// Otter's export: `Jane Doe  0:03` alone on a line, the words on the next.
fn otter(cx: &Cx, i: usize) -> Option<Label> {
    let text = cx.text(i);
    let (name_part, time) = text.rsplit_once(char::is_whitespace)?;
    let time = normalize_time(time)?;
    let name_part = name_part.trim();
    let strength = name::judge(name_part)?;
    let next = cx.next_nonblank(i)?;
    if leading_time(cx.text(next)).is_some() || label::parse(cx.text(next)).is_some() {
        return None;
    }
    let l = Label { name: name_part.to_string(), qualifiers: vec![], comma_role: None, time: Some(time), rest: String::new(), strength };
    (strength >= name::Strength::Medium || cx.facts.census.get(&l.key()).copied().unwrap_or(0) >= 2).then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    fn claim(text: &str) -> Option<Claim> {
        let lines = split(text);
        let facts = Facts::default();
        Timestamp.claim(&Cx { lines: &lines, facts: &facts }, 0)
    }

    fn label(text: &str) -> (String, Option<String>, String) {
        match claim(text) {
            Some(Claim::Label(l)) => (l.name, l.time, l.rest),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn timed_labels() {
        assert_eq!(label("[00:12:31] Jane Doe: Right."), ("Jane Doe".into(), Some("00:12:31".into()), "Right.".into()));
        assert_eq!(label("Jane Doe (01:23):\nRight."), ("Jane Doe".into(), Some("01:23".into()), String::new()));
        assert_eq!(label("00:00:05 MARK ROSS: Hi."), ("MARK ROSS".into(), Some("00:00:05".into()), "Hi.".into()));
        assert_eq!(label("Mark Ross  0:03\nWelcome to the show."), ("Mark Ross".into(), Some("00:03".into()), String::new()));
        assert_eq!(claim("[00:12:31]"), Some(Claim::Timestamp("00:12:31".into())));
        assert_eq!(claim("[00:00:00] [MUSIC]"), Some(Claim::Note("[MUSIC]".into(), Some(crate::model::NoteKind::Other))));
    }

    #[test]
    fn not_timed_labels() {
        assert_eq!(claim("10:30 the meeting began"), None);
        assert_eq!(claim("Jane Doe: Right."), None);
        assert_eq!(claim("We met at 0:03"), None);
    }
}
