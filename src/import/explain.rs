//! What `verbatim import --explain` shows: for every line (or cue, or element) of the input,
//! the rule that claimed it and what it became, and the web chrome that was dropped.

use std::collections::BTreeMap;
use std::fmt::Write;

/// What became of one piece of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Part of the body: a turn, a paragraph, a note, a heading.
    Kept,
    /// Taken into the metadata or the speaker registry.
    Metadata,
    /// Web chrome or page furniture, left out on purpose.
    Dropped,
}

/// One claimed piece of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line of the input where the piece starts.
    pub line: usize,
    /// The name of the rule that claimed it (`breadcrumb`, `name-label`, `vtt-cue`…).
    pub rule: &'static str,
    pub fate: Fate,
    /// What it became: `speaker The Paper`, `paragraph`, `metadata.date 2021-07-16`…
    pub action: String,
    /// The input text, shortened.
    pub text: String,
}

/// Every claim of one import, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    pub entries: Vec<Entry>,
}

impl Explanation {
    pub fn push(&mut self, line: usize, rule: &'static str, fate: Fate, action: impl Into<String>, text: &str) {
        self.entries.push(Entry { line, rule, fate, action: action.into(), text: shorten(text.trim(), 72) });
    }

    /// The dropped entries.
    pub fn dropped(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.fate == Fate::Dropped)
    }

    /// The table printed by `--explain`, then a summary of what was dropped.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let rule_width = self.entries.iter().map(|e| e.rule.len()).max().unwrap_or(4).max(4);
        let action_width = self.entries.iter().map(|e| e.action.chars().count()).max().unwrap_or(6).clamp(6, 34);
        let _ = writeln!(out, "{:>5}  {:<rule_width$}  {:<action_width$}  TEXT", "LINE", "RULE", "BECAME");
        for e in &self.entries {
            let action = shorten(&e.action, action_width);
            let _ = writeln!(out, "{:>5}  {:<rule_width$}  {:<action_width$}  {}", e.line, e.rule, action, e.text);
        }
        let mut by_rule: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for e in self.dropped() {
            by_rule.entry(e.rule).or_default().push(e.line);
        }
        let total: usize = by_rule.values().map(Vec::len).sum();
        if total == 0 {
            let _ = writeln!(out, "dropped: nothing");
        } else {
            let _ = writeln!(out, "dropped: {total} line{}, by rule:", if total == 1 { "" } else { "s" });
            for (rule, lines) in by_rule {
                let list: Vec<String> = lines.iter().take(12).map(usize::to_string).collect();
                let more = if lines.len() > 12 { format!(" and {} more", lines.len() - 12) } else { String::new() };
                let _ = writeln!(out, "  {rule}: line{} {}{more}", if lines.len() == 1 { "" } else { "s" }, list.join(", "));
            }
        }
        out
    }
}

/// At most `max` characters, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_table_and_the_dropped_lines() {
        let mut e = Explanation::default();
        e.push(1, "breadcrumb", Fate::Dropped, "dropped", "Home > News");
        e.push(3, "name-label", Fate::Kept, "speaker The Paper", "The Paper:");
        e.push(9, "breadcrumb", Fate::Dropped, "dropped", "Home > News");
        let text = e.render();
        assert!(text.contains("name-label"), "{text}");
        assert!(text.contains("dropped: 2 lines"), "{text}");
        assert!(text.contains("breadcrumb: lines 1, 9"), "{text}");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
