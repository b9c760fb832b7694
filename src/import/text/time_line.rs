//! Rule `time-line`: the clock lines of US briefings, `1:18 P.M. EDT` at the start and
//! `END` or `END 2:05 P.M. EDT` at the end, and a press release's `###`; kept as procedural
//! notes.

use super::rule::{Claim, Cx, Rule};
use crate::model::NoteKind;

pub struct TimeLine;

impl Rule for TimeLine {
    fn name(&self) -> &'static str {
        "time-line"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        is_time_line(text).then(|| Claim::Note(text.to_string(), Some(NoteKind::Procedural)))
    }
}

pub fn is_time_line(text: &str) -> bool {
    let t = text.trim();
    if t == "###" || t == "-30-" {
        return true;
    }
    let upper = t.to_uppercase();
    let rest = match upper.strip_prefix("END") {
        Some("") => return true,
        Some(rest) if rest.starts_with(' ') => rest.trim().trim_start_matches("AT ").trim(),
        Some(_) => return false,
        None => upper.trim(),
    };
    clock(rest)
}

/// `1:18 P.M. EDT`, `10:32 a.m.`, `2:05 PM ET`.
fn clock(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(time) = words.next() else { return false };
    let Some((h, m)) = time.split_once([':', '.']) else { return false };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return false;
    }
    let Some(meridiem) = words.next() else { return false };
    if !matches!(meridiem.replace('.', "").as_str(), "AM" | "PM") {
        return false;
    }
    let zone: Vec<&str> = words.collect();
    zone.len() <= 1 && zone.iter().all(|z| (2..=4).contains(&z.len()) && z.bytes().all(|b| b.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_lines() {
        assert!(is_time_line("1:18 P.M. EDT"));
        assert!(is_time_line("10:32 a.m."));
        assert!(is_time_line("END"));
        assert!(is_time_line("END 2:05 P.M. EDT"));
        assert!(is_time_line("END AT 2:05 PM ET"));
        assert!(is_time_line("###"));
        assert!(is_time_line("10.32 am"));
        assert!(!is_time_line("10:30"));
        assert!(!is_time_line("ENDING the war"));
        assert!(!is_time_line("1:18 P.M. EDT, the President said"));
    }
}
