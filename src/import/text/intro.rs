//! Facts stated in an introduction paragraph: who held the event and where (`the State
//! Council Information Office (SCIO) held a press conference in Beijing`), what kind of event
//! it was, and each participant's role (`Huang Libin, vice minister of industry and
//! information technology`; `Shou Xiaoli … presided over the briefing`).

use super::name;

/// Verbs that follow the organizer and precede the place.
const HELD: &[&str] = &[" held ", " hosted ", " convened ", " organized ", " organised ", " holds ", " hosts "];
const CJK_HELD: &[&str] = &["举行", "召开", "举办"];

/// The first sentence of `text`.
fn first_sentence(text: &str) -> &str {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        if c == '。' || (c == '.' && text[i + 1..].starts_with(' ') && !abbreviation_before(&text[..i])) {
            end = i;
            break;
        }
    }
    &text[..end]
}

fn abbreviation_before(text: &str) -> bool {
    let word = text.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
    word.chars().count() <= 3 || name::is_title(word)
}

/// `the State Council Information Office (SCIO) held …` → `State Council Information Office (SCIO)`.
pub fn organizer(intro: &str) -> Option<String> {
    let sentence = first_sentence(intro);
    for verb in HELD {
        if let Some(at) = sentence.find(verb) {
            let subject = sentence[..at].rsplit(", ").next().unwrap_or("").trim();
            let subject = subject.strip_prefix("the ").or_else(|| subject.strip_prefix("The ")).unwrap_or(subject);
            let words = subject.split_whitespace().count();
            let capitalized = subject.chars().next().is_some_and(char::is_uppercase);
            let pronoun = ["We", "I", "He", "She", "They", "It", "This"].contains(&subject);
            return (capitalized && (1..=12).contains(&words) && !pronoun).then(|| subject.to_string());
        }
    }
    for verb in CJK_HELD {
        if let Some(at) = sentence.find(verb) {
            let before = &sentence[..at];
            let subject = before.split(['于', '在', '，', ',']).next().unwrap_or("").trim();
            return (subject.chars().count() >= 2 && subject.chars().all(name::is_cjk)).then(|| subject.to_string());
        }
    }
    None
}

/// The place after `held … in` / `at`: `in Beijing to brief` → `Beijing`.
pub fn location(intro: &str) -> Option<String> {
    let sentence = first_sentence(intro);
    let from = HELD.iter().filter_map(|v| sentence.find(v)).min()?;
    let after = &sentence[from..];
    for prep in [" in ", " at "] {
        let mut search = after;
        while let Some(at) = search.find(prep) {
            let rest = &search[at + prep.len()..];
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            let mut words = Vec::new();
            for word in rest.split_whitespace() {
                let clean = word.trim_end_matches([',', '.', ';']);
                let capital = clean.chars().next().is_some_and(char::is_uppercase);
                if capital || (!words.is_empty() && ["of", "the", "de"].contains(&clean)) {
                    words.push(clean);
                    if clean.len() != word.len() {
                        break;
                    }
                } else {
                    break;
                }
            }
            while words.last().is_some_and(|w| ["of", "the", "de"].contains(w)) {
                words.pop();
            }
            let months =
                ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
            if !words.is_empty() && !months.contains(&words[0]) && words.len() <= 8 {
                return Some(words.join(" "));
            }
            search = &search[at + prep.len()..];
        }
    }
    None
}

/// The kind of event a title or introduction names.
pub fn kind(text: &str) -> Option<&'static str> {
    let t = text.to_lowercase();
    let table: &[(&[&str], &str)] = &[
        (&["press conference", "news conference", "press briefing", "briefing", "发布会", "记者会", "吹风会"], "press_conference"),
        (&["hearing", "听证"], "hearing"),
        (&["debate", "house of commons", "parliament", "question time"], "debate"),
        (&["podcast", "episode"], "podcast"),
        (&["interview", "访谈", "专访"], "interview"),
        (&["trial", "deposition", "court", "testimony"], "court"),
        (&["security council", "meeting", "council"], "meeting"),
    ];
    table.iter().find(|(words, _)| words.iter().any(|w| t.contains(w))).map(|(_, k)| *k)
}

/// Words that make a capitalized phrase an office (`Emergency Relief Coordinator`).
const OFFICES: &[&str] = &[
    "coordinator",
    "adviser",
    "advisor",
    "head",
    "manager",
    "engineer",
    "officer",
    "envoy",
    "correspondent",
    "editor",
    "founder",
    "ceo",
    "cfo",
    "chairman",
    "chairwoman",
    "spokesperson",
    "representative",
    "rapporteur",
    "administrator",
    "researcher",
];

/// Words that end a role: the verb of the sentence.
const ROLE_END: &[&str] = &[
    " attended",
    " answered",
    " presided",
    " took ",
    " were ",
    " was ",
    " briefed",
    " introduced",
    " hosted",
    " spoke",
    " will ",
    " joined",
    " moderated",
    " chaired",
    " responded",
    " gave ",
    " delivered",
    " who ",
];

/// The role written after `name` in `text`: `Huang Libin, vice minister of industry and
/// information technology, …` → `vice minister of industry and information technology`.
pub fn role_of(name: &str, text: &str) -> Option<String> {
    if name.chars().count() < 2 {
        return None;
    }
    let mut search = 0;
    while let Some(found) = text[search..].find(name) {
        let at = search + found + name.len();
        search = at;
        let after = &text[at..];
        let inner = if let Some(rest) = after.strip_prefix(", ") {
            rest
        } else if let Some(rest) = after.strip_prefix(" (") {
            rest.split(')').next().unwrap_or("")
        } else if let Some(rest) = after.strip_prefix("，") {
            rest
        } else {
            continue;
        };
        let role = cut_role(inner);
        let first = role.split_whitespace().next().unwrap_or("");
        let office = role.split([' ', '-']).any(|w| name::is_title(w) || OFFICES.contains(&w.to_lowercase().as_str()));
        let starts_ok = first.chars().next().is_some_and(|c| c.is_lowercase())
            || name::is_title(first)
            || office
            || ["the", "a", "an"].contains(&first)
            || first.chars().all(name::is_cjk);
        let words = role.split_whitespace().count();
        if !role.is_empty() && starts_ok && words <= 20 && !role.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Some(role);
        }
    }
    None
}

fn cut_role(text: &str) -> String {
    let mut end = text.len();
    for stop in [";", "；", "。", ")", "(", "\n", "，"] {
        if let Some(i) = text.find(stop) {
            end = end.min(i);
        }
    }
    for stop in ROLE_END {
        if let Some(i) = text.find(stop) {
            end = end.min(i);
        }
    }
    // `, and Mr. X` or `, Tian Yulong, …`: another person starts.
    let mut from = 0;
    while let Some(i) = text[from..end].find(", ") {
        let at = from + i;
        // The next two words, or the two after an `and`.
        let mut words = text[at + 2..].split_whitespace().peekable();
        words.next_if_eq(&"and");
        let next: Vec<&str> = words.take(2).collect();
        let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        if next.len() == 2 && ((capital(&next[0]) && capital(&next[1])) || name::is_title(next[0])) {
            end = at;
            break;
        }
        from = at + 2;
    }
    // `. ` ends the role unless it ends an abbreviation.
    let mut from = 0;
    while let Some(i) = text[from..end].find(". ") {
        let at = from + i;
        if !abbreviation_before(&text[..at]) {
            end = at;
            break;
        }
        from = at + 2;
    }
    text[..end].trim().trim_end_matches([',', '.']).trim().to_string()
}

/// Whether `text` says that `name` moderated the event.
pub fn presides(name: &str, text: &str) -> bool {
    if name.chars().count() < 2 {
        return false;
    }
    let by = ["moderated by ", "presided over by ", "hosted by ", "chaired by ", "Moderator: ", "moderator "];
    if by.iter().any(|b| text.contains(&format!("{b}{name}"))) {
        return true;
    }
    let mut search = 0;
    while let Some(found) = text[search..].find(name) {
        let at = search + found + name.len();
        search = at;
        let clause = first_sentence(&text[at..]);
        let clause = &clause[..clause.floor_char_boundary(200)];
        if [" presided", " moderated", " chaired", "主持"].iter().any(|v| clause.contains(v)) {
            return true;
        }
    }
    false
}

/// The names in a `Speakers:` line: `Speakers: Huang Libin, vice minister…; Tian Yulong` →
/// `Huang Libin`, `Tian Yulong`.
pub fn participant_names(line: &str) -> Vec<String> {
    let value = line.split_once([':', '：']).map_or(line, |(_, v)| v);
    let items: Vec<&str> = if value.contains(';') || value.contains('；') {
        value.split([';', '；']).collect()
    } else {
        value.split([',', '，', '、']).flat_map(|s| s.split(" and ")).collect()
    };
    items
        .iter()
        .map(|item| item.split([',', '(', '，', '（']).next().unwrap_or("").trim())
        .map(|n| n.strip_prefix("and ").unwrap_or(n))
        .filter(|n| name::judge(n).is_some())
        .map(str::to_string)
        .collect()
}

/// The role a participants line's key gives: `Moderator: X` → `moderator`.
pub fn key_role(line: &str) -> Option<&'static str> {
    let key = line.split_once([':', '：'])?.0.trim().to_lowercase();
    Some(match key.as_str() {
        "moderator" | "moderated by" | "presiding" | "chair" | "主持人" => "moderator",
        "host" | "hosts" | "hosted by" => "host",
        "interviewer" => "interviewer",
        "interviewee" => "interviewee",
        "guest" | "guests" | "featuring" => "guest",
        "witness" | "witnesses" => "witness",
        "发言人" => "spokesperson",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "On July 16, the State Council Information Office (SCIO) held a press conference in Beijing to brief the media on China's development of industry and information technology in the first half of 2021.";

    #[test]
    fn organizer_place_and_kind() {
        assert_eq!(organizer(SEED).as_deref(), Some("State Council Information Office (SCIO)"));
        assert_eq!(location(SEED).as_deref(), Some("Beijing"));
        assert_eq!(kind(SEED), Some("press_conference"));
        assert_eq!(organizer("国务院新闻办公室于2021年7月16日上午10时举行新闻发布会。").as_deref(), Some("国务院新闻办公室"));
        assert_eq!(
            location("The subcommittee held a hearing at the Dirksen Senate Office Building."),
            Some("Dirksen Senate Office Building".into())
        );
        assert_eq!(organizer("We held talks."), None);
    }

    /// Found by fuzzing (tests/fuzz/importers/presides-cut-inside-a-character.txt): the clause
    /// after a name is cut to 200 bytes, which fell inside a Chinese character and panicked.
    #[test]
    fn a_long_clause_after_a_name_is_cut_between_characters() {
        // After the name: a space and 3-byte characters, so byte 200 is inside one.
        let text = format!("Fu Linghui {}主持", "发".repeat(70));
        assert!(!presides("Fu Linghui", &text), "the verb lies beyond the first 200 bytes");
        assert!(presides("Fu Linghui", &format!("Fu Linghui {}主持", "发".repeat(10))));
    }

    /// Found reading the code after fuzzing found the cut above: `, and` at the end of the text,
    /// or followed by a space of more than one byte, cut the text past its end or inside a character.
    #[test]
    fn a_role_ending_in_and_is_read_without_cutting_past_the_text() {
        assert!(role_of("Huang Libin", "Huang Libin, vice minister, and").is_some_and(|r| r.starts_with("vice minister")));
        assert_eq!(role_of("Huang Libin", "Huang Libin, vice minister, and\u{3000}Tian Yulong").as_deref(), Some("vice minister"));
        assert_eq!(role_of("Huang Libin", "Huang Libin, vice minister, and Tian Yulong, chief engineer").as_deref(), Some("vice minister"));
    }

    #[test]
    fn roles_from_the_introduction() {
        let text = "Huang Libin, vice minister of industry and information technology, Tian Yulong, chief engineer of the MIIT and director general of its Operation Monitoring and Coordination Bureau, attended the press conference. Shou Xiaoli, spokesperson of the SCIO, presided over the briefing.";
        assert_eq!(role_of("Huang Libin", text).as_deref(), Some("vice minister of industry and information technology"));
        assert_eq!(
            role_of("Tian Yulong", text).as_deref(),
            Some("chief engineer of the MIIT and director general of its Operation Monitoring and Coordination Bureau")
        );
        assert_eq!(role_of("Shou Xiaoli", text).as_deref(), Some("spokesperson of the SCIO"));
        assert!(presides("Shou Xiaoli", text));
        assert!(!presides("Huang Libin", text));
        assert_eq!(role_of("Wang Wenbin", text), None);
        assert_eq!(
            role_of("Amos", "Speaker: Ms. Valerie Amos, Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator")
                .as_deref(),
            Some("Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator")
        );
    }

    #[test]
    fn participants_lines() {
        assert_eq!(participant_names("Speakers: Huang Libin, vice minister; Tian Yulong, chief engineer"), ["Huang Libin", "Tian Yulong"]);
        assert_eq!(
            participant_names("Present: Sen. Ada Price, Sen. Tom Hale and Dr. Li Wen"),
            ["Sen. Ada Price", "Sen. Tom Hale", "Dr. Li Wen"]
        );
        assert_eq!(key_role("Moderator: Shou Xiaoli"), Some("moderator"));
    }
}
