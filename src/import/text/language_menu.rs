//! Rule `language-menu`: links to the page in other languages: `Read in Chinese`, `中文`,
//! `English | 中文 | Français`, `View this page in: Español`.

use super::rule::{Claim, Cx, Rule};

pub struct LanguageMenu;

const LANGUAGES: &[&str] = &[
    "english",
    "chinese",
    "french",
    "spanish",
    "russian",
    "arabic",
    "german",
    "japanese",
    "korean",
    "portuguese",
    "italian",
    "中文",
    "简体",
    "繁體",
    "繁体",
    "简体中文",
    "繁體中文",
    "英文",
    "english version",
    "中文版",
    "français",
    "español",
    "русский",
    "العربية",
    "deutsch",
    "日本語",
    "한국어",
    "português",
    "italiano",
    "en",
    "zh",
    "fr",
    "es",
    "ru",
    "ar",
    "de",
    "ja",
];

impl Rule for LanguageMenu {
    fn name(&self) -> &'static str {
        "language-menu"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        is_language_menu(cx.text(i)).then_some(Claim::Drop)
    }
}

pub fn is_language_menu(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    for prefix in
        ["read in ", "view in ", "read this in ", "view this page in:", "view this page in ", "also available in ", "this page in "]
    {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.split(['|', ',', '/', ' ']).filter(|t| !t.is_empty()).all(is_language);
        }
    }
    let tokens: Vec<&str> = lower.split(['|', '/', '·', '•', ' ']).map(str::trim).filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() || tokens.len() > 12 {
        return false;
    }
    // One language alone (`中文`) or several; a two-letter code counts only among others.
    let full = tokens.iter().filter(|t| !(t.is_ascii() && t.len() <= 2) && is_language(t)).count();
    tokens.iter().all(|t| is_language(t))
        && (full >= 1 && (tokens.len() >= 2 || !tokens[0].is_ascii() || tokens[0].len() > 2))
        && !(tokens.len() == 1 && tokens[0].is_ascii())
}

fn is_language(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']'));
    LANGUAGES.contains(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus() {
        assert!(is_language_menu("Read in Chinese"));
        assert!(is_language_menu("中文"));
        assert!(is_language_menu("English | 中文 | Français"));
        assert!(is_language_menu("View this page in: Español"));
        assert!(is_language_menu("EN | ZH | Français"));
    }

    #[test]
    fn not_menus() {
        assert!(!is_language_menu("English"));
        assert!(!is_language_menu("Read in full, the statement says"));
        assert!(!is_language_menu("Chinese companies"));
        assert!(!is_language_menu("en"));
    }
}
