//! The shape shared by every speaker label: `NAME:` alone on a line or `NAME: text`, with a
//! full-width colon too (`黄利斌：`). The name may carry a time (`Jane Doe (01:23):`),
//! parenthesized qualifiers (`Mr Edward Leigh (Gainsborough) (Con)`, `The President (spoke in
//! French)`) and, in capitals, a role after a comma (`TERRY GROSS, HOST`). Whether a
//! candidate is accepted as a speaker is for the rules to decide.

use super::name::{self, Strength};
use crate::import::build::normalize_time;

/// A candidate label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The name, without time, qualifiers or role.
    pub name: String,
    /// Parenthesized parts after the name, in order (`Gainsborough`, `Con`).
    pub qualifiers: Vec<String>,
    /// A role after a comma: `TERRY GROSS, HOST` → `HOST`.
    pub comma_role: Option<String>,
    /// A time found in the label, as the model writes it.
    pub time: Option<String>,
    /// The text after the colon, trimmed (empty for a label on its own line).
    pub rest: String,
    pub strength: Strength,
}

impl Label {
    /// The key that identifies a name however it is written: `MS. PSAKI` = `Ms Psaki`.
    pub fn key(&self) -> String {
        name_key(&self.name)
    }

    pub fn own_line(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Lower case, letters and digits only, words separated by one space.
pub fn name_key(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The label at the start of `line`, if its name part could be a name.
pub fn parse(line: &str) -> Option<Label> {
    let line = line.trim();
    let (name_part, rest) = split(line)?;
    let mut name_part = strip_emphasis(name_part.trim()).trim().to_string();
    let mut qualifiers = Vec::new();
    while let Some(inner) = trailing_group(&name_part) {
        let cut = name_part.len() - inner.len() - 2;
        qualifiers.insert(0, inner.trim().to_string());
        name_part = name_part[..cut].trim_end().to_string();
    }
    let mut time = None;
    qualifiers.retain(|q| match normalize_time(q) {
        Some(t) if time.is_none() => {
            time = Some(t);
            false
        }
        _ => true,
    });
    let mut comma_role = None;
    if let Some((base, role)) = name_part.split_once(',') {
        let role = role.trim();
        let caps = |s: &str| s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let role_ok = !role.is_empty() && role.split_whitespace().count() <= 6 && !role.contains(['.', ',']) && caps(base) && caps(role);
        if !role_ok {
            return None;
        }
        comma_role = Some(role.to_string());
        name_part = base.trim().to_string();
    }
    let strength = name::judge(&name_part)?;
    let rest = rest.trim();
    if rest.starts_with("//") {
        return None;
    }
    Some(Label { name: name_part, qualifiers, comma_role, time, rest: rest.to_string(), strength })
}

/// Splits at the first colon outside brackets that ends the line or is followed by a space
/// (any full-width colon counts); the name part is at most 80 characters.
fn split(line: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' | '（' | '【' => depth += 1,
            ')' | ']' | '）' | '】' => depth -= 1,
            ':' | '：' if depth <= 0 => {
                let after = &line[i + c.len_utf8()..];
                let ends = after.is_empty() || after.starts_with(char::is_whitespace) || c == '：' || after.starts_with("**");
                if !ends {
                    return None;
                }
                if line[..i].chars().count() > 80 {
                    return None;
                }
                return Some((&line[..i], after.trim_start_matches("**")));
            }
            _ if i > 240 => return None,
            _ => {}
        }
    }
    None
}

/// `**Name**` → `Name`.
fn strip_emphasis(s: &str) -> &str {
    let s = s.trim();
    for mark in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(mark) {
            return inner.strip_suffix(mark).unwrap_or(inner);
        }
    }
    s
}

/// The contents of a final `(…)`, `[…]` or `（…）` group.
fn trailing_group(s: &str) -> Option<&str> {
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        '）' => '（',
        _ => return None,
    };
    let start = s.rfind(open)?;
    (start > 0).then(|| &s[start + open.len_utf8()..s.len() - close.len_utf8()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<String> {
        parse(line).map(|l| l.name)
    }

    #[test]
    fn labels_on_their_own_line_and_inline() {
        let l = parse("The Paper:").unwrap();
        assert_eq!((l.name.as_str(), l.own_line()), ("The Paper", true));
        let l = parse("MS. PSAKI:  Hi, everyone.").unwrap();
        assert_eq!((l.name.as_str(), l.rest.as_str()), ("MS. PSAKI", "Hi, everyone."));
        assert_eq!(name("黄利斌：谢谢。").as_deref(), Some("黄利斌"));
        assert_eq!(name("Tian Yulong："), Some("Tian Yulong".into()));
        assert_eq!(name("**Sam Okafor:** Welcome back."), Some("Sam Okafor".into()));
        assert_eq!(name("**Sam Okafor**: Welcome back."), Some("Sam Okafor".into()));
    }

    #[test]
    fn times_qualifiers_and_roles() {
        let l = parse("Jane Doe (01:23): Right.").unwrap();
        assert_eq!((l.name.as_str(), l.time.as_deref()), ("Jane Doe", Some("01:23")));
        let l = parse("Mr Edward Leigh (Gainsborough) (Con): I beg to move").unwrap();
        assert_eq!(l.qualifiers, ["Gainsborough", "Con"]);
        let l = parse("The Leader of the House of Commons (Mr Andrew Lansley):").unwrap();
        assert_eq!((l.name.as_str(), l.qualifiers[0].as_str()), ("The Leader of the House of Commons", "Mr Andrew Lansley"));
        let l = parse("TERRY GROSS, HOST: This is FRESH AIR.").unwrap();
        assert_eq!((l.name.as_str(), l.comma_role.as_deref()), ("TERRY GROSS", Some("HOST")));
        assert_eq!(name_key("MS. PSAKI"), name_key("Ms Psaki"));
    }

    #[test]
    fn traps() {
        for trap in [
            "Ms. Amos called the meeting to order at 10:30: we began.",
            "10:30: The meeting began",
            "https://example.org/briefing",
            "Next, we will focus on the following six areas:",
            "Date: July 16, 2021",
            "Note: this transcript was edited.",
            "Well, Mr. Chairman: I disagree.",
            "Ratio 3:1 is fine",
            "He said: no.",
        ] {
            assert_eq!(name(trap), None, "{trap}");
        }
    }
}
