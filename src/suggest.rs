//! "Did you mean" suggestions for misspelt names, and places (line and column) for messages,
//! shared by every reader of user files.

/// The candidate closest to `name` when it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&name.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The first backticked word after `prefix` in a serde message.
pub fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    let rest = rest.strip_prefix('`')?;
    Some(rest[..rest.find('`')?].to_string())
}

/// Adds "(did you mean `x`?)" to serde's "unknown field"/"unknown variant" messages, choosing
/// among the names serde lists as expected.
pub fn improve_serde_message(message: &str) -> String {
    for prefix in ["unknown field ", "unknown variant "] {
        if let Some(name) = backticked_after(message, prefix) {
            let expected: Vec<&str> =
                message.split_once("expected ").map(|(_, list)| list.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
            return match closest(&name, &expected) {
                Some(best) => format!("{message} (did you mean `{best}`?)"),
                None => message.to_string(),
            };
        }
    }
    message.to_string()
}

/// "unknown WHAT `name`, expected one of …", with a suggestion when one is close.
pub fn unknown_name_message(what: &str, name: &str, known: &[&str]) -> String {
    let list = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let mut out = format!("unknown {what} `{name}`, expected one of {list}");
    if let Some(best) = closest(name, known) {
        out.push_str(&format!(" (did you mean `{best}`?)"));
    }
    out
}

/// 1-based line and column, in characters, of byte `offset` of `text` (clamped to the text).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("speakr", &["speaker", "paragraphs"]), Some("speaker"));
        assert_eq!(closest("zzz", &["speaker", "paragraphs"]), None);
        let m = improve_serde_message("unknown field `speakr`, expected `speaker` or `paragraphs`");
        assert!(m.ends_with("(did you mean `speaker`?)"), "{m}");
    }
}
