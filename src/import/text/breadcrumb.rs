//! Rule `breadcrumb`: a site's navigation trail, `ㄑ Press Room ㄑ Press Conference
//! Transcripts`, `Home > News > Transcripts`, `首页 > 新闻`. Two or more short capitalized
//! segments between `>`, `»`, `›`, `ㄑ`, `<`, `|` or `/` separators, starting with a
//! separator or a home link; never a sentence.

use super::rule::{Claim, Cx, Rule};

pub struct Breadcrumb;

const SEPARATORS: &[char] = &['>', '»', '›', 'ㄑ', '<', '|', '/', '＞', '〉', '→', '»'];
const HOMES: &[&str] = &["home", "homepage", "首页", "主页", "you are here", "current location", "当前位置", "your location"];

impl Rule for Breadcrumb {
    fn name(&self) -> &'static str {
        "breadcrumb"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        is_breadcrumb(cx.text(i)).then_some(Claim::Drop)
    }
}

pub fn is_breadcrumb(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 300 || line.ends_with(['.', '?', '!', ':', '：']) {
        return false;
    }
    let lower = line.to_lowercase();
    let line = match HOMES.iter().find(|h| lower.starts_with(&format!("{h}:"))) {
        Some(h) => line[h.len() + 1..].trim(),
        None => line,
    };
    let starts_with_separator = line.starts_with(SEPARATORS);
    let segments: Vec<&str> = line.split(SEPARATORS).map(str::trim).filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return false;
    }
    let first = segments[0].to_lowercase();
    let starts_home = HOMES.contains(&first.as_str()) || line.len() < lower.len();
    let separators = line.chars().filter(|c| SEPARATORS.contains(c)).count();
    if separators < 1 || segments.len() < 2 && !starts_with_separator {
        return false;
    }
    // Each segment is title-like: capitalized words, connectors, numbers, CJK.
    let segment_ok = |s: &&str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        let word_ok = |w: &&str| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase()
                || super::name::is_cjk(first)
                || w.chars().all(|c| c.is_ascii_digit())
                || ["of", "the", "and", "for", "on", "in", "&", "to", "a", "with", "by"].contains(w)
        };
        words.len() <= 8
            && words.first().is_some_and(|w| !w.chars().all(|c| c.is_ascii_digit()))
            && words.iter().all(word_ok)
            && !s.ends_with(['.', ','])
    };
    segments.iter().all(segment_ok) && (starts_with_separator || starts_home || segments.len() >= 3 && !line.contains(" / "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trails() {
        assert!(is_breadcrumb(
            "ㄑ Press Room ㄑ Press Conference Transcripts ㄑ Press Conferences of the State Council Information Office"
        ));
        assert!(is_breadcrumb("Home > News > Transcripts"));
        assert!(is_breadcrumb("Home » Briefings » Press Briefings"));
        assert!(is_breadcrumb("首页 > 新闻发布会"));
        assert!(is_breadcrumb("> Spokesperson's Remarks"));
        assert!(is_breadcrumb("You are here: Home / Newsroom / Transcripts"));
    }

    #[test]
    fn not_trails() {
        assert!(!is_breadcrumb("If x > 5 and y > 3, then"));
        assert!(!is_breadcrumb("Growth was 5% > last year's 3%."));
        assert!(!is_breadcrumb("Tian Yulong:"));
        assert!(!is_breadcrumb("Q&A / Part 2"));
        assert!(!is_breadcrumb("<  1  2  3  >"));
    }
}
