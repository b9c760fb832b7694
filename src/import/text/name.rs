//! What a speaker's name looks like. A label is `NAME:`; the name part must look like a
//! person, an office, an outlet or a role, and never like a sentence (`Ms. Amos called…`),
//! a time (`10:30`), a URL or a metadata field (`Date`, `Note`, `Source`).

use super::words::{CJK_ROLES, CJK_STOP, CONNECTORS, OUTLET_WORDS, OUTLETS, ROLES, STOP, TITLES};
pub use super::words::{FEMALE_TITLES, MALE_TITLES};

/// How sure the shape of a name alone makes us that it labels a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// One capitalized word (`Sarah`): a speaker only if the text uses it as one more than once.
    Weak,
    /// Several capitalized words (`Tian Yulong`).
    Medium,
    /// All capitals, an honorific or title, a role, an outlet, Chinese characters.
    Strong,
}

fn key(word: &str) -> String {
    word.trim_end_matches(['.', ',']).to_lowercase()
}

pub fn is_title(word: &str) -> bool {
    TITLES.contains(&key(word).as_str())
}

pub fn is_stop_word(word: &str) -> bool {
    STOP.contains(&key(word).as_str())
}

/// The role a name states by itself: `Moderator` → `moderator`, `THE COURT` → `judge`,
/// `QUESTION` → `reporter`, `主持人` → `moderator`.
pub fn role_of(name: &str) -> Option<&'static str> {
    let k = name.trim().trim_start_matches("The ").trim_start_matches("THE ").to_lowercase();
    if let Some((_, role)) = CJK_ROLES.iter().find(|(w, _)| name.trim() == *w || (name.trim().ends_with(w) && w.chars().count() > 1)) {
        return Some(role);
    }
    Some(match k.as_str() {
        "moderator" | "moderador" => "moderator",
        "host" | "co-host" | "cohost" | "presenter" | "anchor" => "host",
        "chair" | "chairman" | "chairwoman" | "chairperson" => "chair",
        "interviewer" => "interviewer",
        "interviewee" | "guest" | "respondent" => "interviewee",
        "reporter" | "journalist" | "question" | "correspondent" => "reporter",
        "court" => "judge",
        "witness" => "witness",
        "interpreter" | "translator" => "interpreter",
        "clerk" => "clerk",
        "spokesperson" | "spokesman" | "spokeswoman" => "spokesperson",
        _ => return None,
    })
}

/// Whether `name` is a news outlet.
pub fn is_outlet(name: &str) -> bool {
    let k = name.trim().to_lowercase();
    if OUTLETS.contains(&k.as_str()) {
        return true;
    }
    if k.chars().all(is_cjk) {
        return k.chars().count() >= 3 && OUTLET_WORDS.iter().any(|w| !w.is_ascii() && k.ends_with(w));
    }
    let words: Vec<&str> = k.split_whitespace().collect();
    words.len() >= 2 && !is_title(words[0]) && OUTLET_WORDS.contains(words.last().unwrap())
}

/// A Chinese, Japanese or Korean character (ideographs, kana, hangul) or the middle dot of names.
pub fn is_cjk(c: char) -> bool {
    crate::import::build::is_han(c) || matches!(c, '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}' | '·' | '\u{3007}')
}

/// How strongly `name` looks like a speaker's name; `None` when it cannot be one.
pub fn judge(name: &str) -> Option<Strength> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > 60 {
        return None;
    }
    if name.chars().all(is_cjk) {
        let ok = chars <= 12 && !CJK_STOP.contains(&name) && name.chars().any(|c| c != '·' && c != '・');
        return ok.then_some(Strength::Strong);
    }
    if name.chars().any(is_cjk) {
        // Mixed, as in `CGTN记者`: an outlet's reporter.
        let ok = chars <= 16 && CJK_ROLES.iter().any(|(w, _)| name.ends_with(w));
        return ok.then_some(Strength::Strong);
    }
    if matches!(name, "Q" | "A") {
        return Some(Strength::Strong);
    }
    if ROLES.contains(&name.to_lowercase().as_str()) {
        return Some(Strength::Strong);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 8 || is_stop_word(words[0]) || (words.len() == 1 && CONNECTORS.contains(&key(name).as_str())) {
        return None;
    }
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if !words.iter().enumerate().all(|(i, w)| word_ok(w, i)) || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let last = key(words[words.len() - 1]);
    // A number names a speaker only after a role: `Speaker 2`, `Caller 1`, `Juror #4`.
    let is_number = |w: &&str| w.trim_start_matches('#').bytes().all(|b| b.is_ascii_digit());
    let numbered = words.len() >= 2 && is_number(&words[words.len() - 1]);
    if words.iter().skip(1).any(is_number)
        && !ROLES.contains(&key(words[0]).as_str())
        && !["person", "speaker", "voice"].contains(&key(words[0]).as_str())
    {
        return None;
    }
    let strong = all_caps
        || (words.len() >= 2 && is_title(words[0]))
        || (words.len() >= 2 && key(words[0]) == "the")
        || ROLES.contains(&name.to_lowercase().as_str())
        || (words.len() >= 2 && ROLES.contains(&last.as_str()))
        || numbered
        || is_outlet(name);
    Some(if strong {
        Strength::Strong
    } else if words.len() >= 2 {
        Strength::Medium
    } else {
        Strength::Weak
    })
}

/// One word of a name: capitalized (`Tian`, `O'Brien`, `Okafor-Lindqvist`, `Mr.`, `U.S.`),
/// a connector after the first word, or a number after the first word (`Speaker 2`).
fn word_ok(word: &str, index: usize) -> bool {
    let lower = word.to_lowercase();
    if index > 0 && CONNECTORS.contains(&lower.as_str()) {
        return true;
    }
    let digits = word.trim_start_matches('#');
    if index > 0 && !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if !word.chars().all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '&')) {
        return false;
    }
    // A period only ends an abbreviation or initial (`Mr.`, `J.`, `U.S.`), never a sentence.
    if word.ends_with('.') {
        let core: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        if core.chars().count() > 4 && !is_title(word) {
            return false;
        }
    }
    // `al-Assad`, `d'Estaing`: a lower-case particle before a capitalized part.
    let main = match word.split_once(['-', '\'', '’']) {
        Some((particle, rest)) if ["al", "el", "d", "de", "di", "da", "ul", "bin"].contains(&particle) && !rest.is_empty() => rest,
        _ => word,
    };
    main.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_ascii_digit() && index > 0 && main.chars().any(char::is_alphabetic)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Strength::*;

    #[test]
    fn names_of_people_offices_and_outlets() {
        assert_eq!(judge("Tian Yulong"), Some(Medium));
        assert_eq!(judge("The Paper"), Some(Strong));
        assert_eq!(judge("MS. PSAKI"), Some(Strong));
        assert_eq!(judge("MR PRICE"), Some(Strong));
        assert_eq!(judge("Mr. Huang Libin"), Some(Strong));
        assert_eq!(judge("THE COURT"), Some(Strong));
        assert_eq!(judge("China Daily"), Some(Strong));
        assert_eq!(judge("Phoenix TV"), Some(Strong));
        assert_eq!(judge("Bloomberg"), Some(Strong));
        assert_eq!(judge("黄利斌"), Some(Strong));
        assert_eq!(judge("人民日报记者"), Some(Strong));
        assert_eq!(judge("Speaker 2"), Some(Strong));
        assert_eq!(judge("UNIDENTIFIED PERSON #1"), Some(Strong));
        assert_eq!(judge("Volume 546"), None);
        assert_eq!(judge("Moderator"), Some(Strong));
        assert_eq!(judge("Audience member"), Some(Strong));
        assert_eq!(judge("JUNE"), Some(Strong));
        assert_eq!(judge("Sarah"), Some(Weak));
        assert_eq!(judge("Hélène Marchetti-Dufour"), Some(Medium));
        assert_eq!(judge("The Leader of the House of Commons"), Some(Strong));
        assert_eq!(judge("Seán O'Brien"), Some(Medium));
        assert_eq!(judge("Q"), Some(Strong));
    }

    #[test]
    fn traps_are_not_names() {
        for trap in [
            "Date",
            "Note",
            "Source",
            "NOTE",
            "Ms. Amos called the meeting to order at 10",
            "10",
            "https",
            "Next, we will focus on the following six areas",
            "In conclusion",
            "He said",
            "First",
            "Thank you",
            "Well, Mr. Chairman",
            "日期",
            "",
            "Editor",
            "Mr. Smith. Thank",
            "The",
            "I",
        ] {
            assert_eq!(judge(trap), None, "{trap}");
        }
    }

    #[test]
    fn roles_and_outlets() {
        assert_eq!(role_of("THE COURT"), Some("judge"));
        assert_eq!(role_of("Moderator"), Some("moderator"));
        assert_eq!(role_of("主持人"), Some("moderator"));
        assert_eq!(role_of("QUESTION"), Some("reporter"));
        assert_eq!(role_of("Tian Yulong"), None);
        assert!(is_outlet("China News Service"));
        assert!(!is_outlet("Tian Yulong"));
        assert!(!is_outlet("Press Secretary"));
    }
}
