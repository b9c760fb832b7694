//! Rule `preamble`: what the lines before the first speaker are. A page opens with a title
//! (the line that names a briefing, hearing, interview…, or the first heading), section tags
//! (`Around China`), a place line (`James S. Brady Press Briefing Room`), date lines and an
//! introduction paragraph, from which the description, the event and publication dates, the
//! place, the organizer and the kind of event are read. Lines above the title name the
//! organizer (`THE WHITE HOUSE`). Other prose stays in the body as notes.

use super::dates::{self, Found};
use super::facts::Facts;
use super::intro;
use super::line::Line;
use super::rule::{Claim, Cx, Field, Rule};
use std::collections::HashMap;

pub struct Preamble;

impl Rule for Preamble {
    fn name(&self) -> &'static str {
        "preamble"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        cx.facts.preamble.get(&i).cloned()
    }
}

/// Words that make a line the title.
const TITLE_WORDS: &[&str] = &[
    "briefing",
    "press conference",
    "conference",
    "hearing",
    "interview",
    "transcript",
    "remarks",
    "debate",
    "meeting",
    "podcast",
    "episode",
    "testimony",
    "proceedings",
    "statement",
    "session",
    "speech",
    "address",
    "discussion",
    "conversation",
    "roundtable",
    "panel",
    "webinar",
    "town hall",
    "q&a",
    "deposition",
    "trial",
    "发布会",
    "记者会",
    "实录",
    "访谈",
    "吹风会",
];

/// Words that make a short line a place.
const PLACE_WORDS: &[&str] =
    &["room", "hall", "building", "center", "centre", "auditorium", "courtroom", "chamber", "capitol", "headquarters", "studio"];

struct Item {
    lines: Vec<usize>,
    text: String,
    heading: bool,
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count() + text.chars().filter(|&c| super::name::is_cjk(c)).count() / 2
}

fn is_prose(text: &str) -> bool {
    let words = word_count(text);
    (words >= 12 && text.trim_end().ends_with(['.', '!', '?', '。', '”', '"', ')'])) || words >= 25
}

/// The date when the line says nothing else: `July 16, 2021`, `Updated: 2021-07-22 10:30`.
fn date_only(text: &str) -> Option<Found> {
    let found = dates::find(text);
    let first = *found.first()?;
    first.year?;
    let mut rest = String::new();
    let mut at = 0;
    for f in &found {
        rest.push_str(&text[at..f.start]);
        at = f.end;
    }
    rest.push_str(&text[at..]);
    let filler = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "updated",
        "posted",
        "published",
        "on",
        "at",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "edt",
        "est",
        "bst",
        "gmt",
        "utc",
        "beijing",
        "time",
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ];
    // A clock time such as `9:02AM`, `14:20`, `10.30`.
    let clock = |w: &str| {
        let w = w.to_lowercase();
        let w = w.trim_end_matches("am").trim_end_matches("pm");
        !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    };
    let left = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ':' | '(' | ')' | '（' | '）' | '-' | '—' | '/' | '•' | '·'))
        .filter(|w| !w.is_empty())
        .filter(|w| !filler.contains(&w.to_lowercase().as_str()) && !clock(w))
        .count();
    (left == 0).then_some(first)
}

fn is_place(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words = word_count(text);
    let building = words <= 10 && lower.split_whitespace().any(|w| PLACE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // `Washington, D.C.`, `Alexandria, VA`, `Geneva, Switzerland`.
    let city = words <= 5
        && text.split_once(", ").is_some_and(|(city, region)| {
            let capital = |s: &str| s.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
            capital(city)
                && (region == "D.C." || (region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase())) || REGIONS.contains(&region))
        });
    building || city
}

const REGIONS: &[&str] = &[
    "China",
    "Switzerland",
    "France",
    "Belgium",
    "Germany",
    "Japan",
    "United Kingdom",
    "UK",
    "USA",
    "New York",
    "Virginia",
    "Maryland",
    "California",
    "England",
    "Scotland",
    "Canada",
    "Kenya",
    "India",
];

/// `. ` between two sentences, not after an abbreviation (`Ep. 212`, `Mr. Huang`).
fn has_sentence_break(text: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(". ") {
        let end = from + at;
        let word = text[..end].rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
        let next_upper = text[end + 2..].chars().next().is_some_and(char::is_uppercase);
        if word.chars().filter(|c| c.is_alphabetic()).count() > 3 && next_upper {
            return true;
        }
        from = end + 2;
    }
    false
}

/// `kw` in `text` as a whole word (a plural `s` allowed).
fn contains_word(text: &str, kw: &str) -> bool {
    if !kw.is_ascii() {
        return text.contains(kw);
    }
    let mut from = 0;
    while let Some(at) = text[from..].find(kw) {
        let start = from + at;
        let end = start + kw.len();
        let before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let rest = &text[end..];
        let after = rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
            || (rest.starts_with('s') && rest[1..].chars().next().is_none_or(|c| !c.is_alphanumeric()));
        if before && after {
            return true;
        }
        from = end;
    }
    false
}

/// The preamble's lines and what they are; the preamble's prose; its content lines.
pub fn analyze(lines: &[Line], first_pass: &[(&'static str, Claim)], facts: &Facts) -> (HashMap<usize, Claim>, String, Vec<usize>) {
    let end = facts.first_label.min(lines.len());
    let mut items: Vec<Item> = Vec::new();
    let mut content = Vec::new();
    for i in 0..end {
        let (text, heading) = match &first_pass[i].1 {
            Claim::Text(t) => (t.clone(), false),
            Claim::Heading(t, level) => (t.clone(), *level == 1 || first_pass[i].0 == "caps-heading"),
            Claim::Meta(_) => {
                content.push(i);
                continue;
            }
            _ => continue,
        };
        content.push(i);
        let joins = facts.hard_wrapped
            && !heading
            && items
                .last()
                .is_some_and(|it| !it.heading && it.lines.last() == Some(&(i - 1)) && lines[i - 1].width() * 10 >= facts.width * 7);
        match items.last_mut() {
            Some(item) if joins => {
                item.lines.push(i);
                item.text.push(' ');
                item.text.push_str(text.trim());
            }
            _ => items.push(Item { lines: vec![i], text: text.trim().to_string(), heading }),
        }
    }
    let mut out: HashMap<usize, Claim> = HashMap::new();
    let mut claim = |item: &Item, fields: Vec<(Field, String)>| {
        out.insert(item.lines[0], Claim::Meta(fields));
        for &j in &item.lines[1..] {
            out.insert(j, Claim::Meta(vec![]));
        }
    };
    let sentence = |t: &str| (t.trim_end().ends_with('.') && !t.trim_end().ends_with("..")) || has_sentence_break(t);
    let title_ok =
        |it: &Item| !is_prose(&it.text) && date_only(&it.text).is_none() && !is_place(&it.text) && (!sentence(&it.text) || it.heading);
    let has_title_word = |it: &Item| TITLE_WORDS.iter().any(|w| contains_word(&it.text.to_lowercase(), w));
    let title = items
        .iter()
        .position(|it| it.heading && facts.markdown && title_ok(it))
        .or_else(|| items.iter().position(|it| title_ok(it) && word_count(&it.text) <= 40 && has_title_word(it)))
        .or_else(|| items.iter().position(|it| title_ok(it) && word_count(&it.text) >= 3));
    let intro_at = items.iter().position(|it| is_prose(&it.text) && title.is_none_or(|t| it.lines[0] > items[t].lines[0]));
    let mut prose = String::new();
    for it in items.iter().filter(|it| is_prose(&it.text)) {
        prose.push_str(&it.text);
        prose.push('\n');
    }
    // Dates: an event date written `On July 16` (or in the title), stamps on lines of their own
    // or at the end of the introduction.
    let title_text = title.map(|t| items[t].text.clone()).unwrap_or_default();
    let intro_text = intro_at.map(|t| items[t].text.clone()).unwrap_or_default();
    let (description, trailing) = split_trailing_stamp(&intro_text);
    let mut stamps: Vec<Found> = items.iter().filter_map(|it| date_only(&it.text)).collect();
    if let Some(stamp) = trailing {
        stamps.insert(0, stamp);
    }
    let event = dates::find(&description)
        .into_iter()
        .find(|f| f.after_on)
        .or_else(|| dates::find(&title_text).into_iter().find(|f| f.year.is_some()));
    let stamp = stamps.first().and_then(Found::iso);
    let event_date = event.and_then(|e| match e.year {
        Some(_) => e.iso(),
        None => {
            let s = stamps.first().filter(|s| s.year.is_some())?;
            let earlier = (e.month, e.day) > (s.month, s.day);
            e.with_year(s.year? - i32::from(earlier))
        }
    });
    let (date, publication) = match (event_date, stamp) {
        (Some(e), Some(s)) if e != s => (Some(e), Some(s)),
        (Some(e), _) => (Some(e), None),
        (None, s) => (s, None),
    };
    // Else the first complete date any line of the preamble states.
    let date = date.or_else(|| items.iter().find_map(|it| dates::find(&it.text).iter().find_map(Found::iso)));
    let kind = intro::kind(&title_text).or_else(|| intro::kind(&description));
    let mut organizer_above = Vec::new();
    let mut above_done = false;
    for (n, item) in items.iter().enumerate() {
        let is_title = Some(n) == title;
        let is_intro = Some(n) == intro_at;
        if is_title {
            let mut fields = vec![(Field::Title, item.text.clone())];
            if intro_at.is_none() {
                fields.extend(date.iter().map(|d| (Field::Date, d.to_string())));
                fields.extend(publication.iter().map(|p| (Field::PublicationDate, p.to_string())));
            }
            if let Some(k) = kind {
                fields.push((Field::Kind, k.to_string()));
            }
            if !organizer_above.is_empty() {
                fields.push((Field::Organizer, organizer_above.join(", ")));
            }
            claim(item, fields);
        } else if is_intro {
            let mut fields = vec![(Field::Description, description.clone())];
            if let Some(d) = &date {
                fields.push((Field::Date, d.to_string()));
            }
            if let Some(p) = &publication {
                fields.push((Field::PublicationDate, p.to_string()));
            }
            if let Some(place) = intro::location(&description) {
                fields.push((Field::Location, place));
            }
            if let Some(org) = intro::organizer(&description) {
                fields.push((Field::Organizer, org));
            }
            claim(item, fields);
        } else if date_only(&item.text).is_some() {
            let found = date_only(&item.text).and_then(|f| f.iso()).map(|d| d.to_string()).unwrap_or_default();
            let field = if publication.as_ref().is_some_and(|p| p.to_string() == found) { Field::PublicationDate } else { Field::Date };
            claim(item, vec![(field, found)]);
        } else if is_prose(&item.text) {
            // Other prose stays in the body.
        } else if title.is_some_and(|t| n < t) && !above_done {
            // The issuing body above the title: short lines, no numbers or brackets.
            let plain =
                word_count(&item.text) <= 8 && !item.text.contains(['(', ')', ',']) && !item.text.chars().any(|c| c.is_ascii_digit());
            if plain && organizer_above.len() < 3 {
                organizer_above.push(item.text.clone());
                claim(item, vec![]);
            } else {
                above_done = true;
            }
        } else if title.is_some_and(|t| n < t) {
            // Left in the body.
        } else if item.text.ends_with('.') && !item.heading {
            // A sentence: stays in the body.
        } else if is_place(&item.text) {
            claim(item, vec![(Field::Location, item.text.clone())]);
        } else if word_count(&item.text) <= 4 && !item.heading && !item.text.contains(',') {
            claim(item, vec![(Field::Tags, item.text.clone())]);
        } else if (!item.heading || facts.markdown) && title.is_some_and(|t| n == t + 1) {
            // The line right under the title.
            claim(item, vec![(Field::Subtitle, item.text.clone())]);
        }
    }
    (out, prose, content)
}

/// `On July 16, … in 2021.  July 22, 2021` → the sentence, and the stamp after it.
fn split_trailing_stamp(text: &str) -> (String, Option<Found>) {
    let found = dates::find(text);
    if let Some(last) = found.last()
        && last.year.is_some()
        && text[last.end..].trim().is_empty()
    {
        let before = text[..last.start].trim_end();
        if before.ends_with(['.', '。', '!', '?', '|']) {
            return (before.trim_end_matches('|').trim_end().to_string(), Some(*last));
        }
    }
    (text.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_on_their_own_lines() {
        assert!(date_only("July 22, 2021").is_some());
        assert!(date_only("Friday, July 16, 2021 | 10:30 a.m.").is_some());
        assert!(date_only("Updated: 2021-07-22 10:30").is_some());
        assert!(date_only("Fri, Mar 8, 2024 9:02AM • 14:20").is_some());
        assert!(date_only("July 16, 2021 marked the end of an era").is_none());
        assert!(date_only("July 16").is_none());
    }

    #[test]
    fn trailing_stamps() {
        let (d, s) = split_trailing_stamp("On July 16, the SCIO held a press conference in 2021.  July 22, 2021");
        assert_eq!(d, "On July 16, the SCIO held a press conference in 2021.");
        assert_eq!(s.and_then(|s| s.iso()).unwrap().to_string(), "2021-07-22");
        assert!(split_trailing_stamp("It happened on July 22, 2021").1.is_none());
    }

    #[test]
    fn places_and_prose() {
        assert!(is_place("James S. Brady Press Briefing Room"));
        assert!(is_place("Washington, D.C."));
        assert!(!is_place("Ned Price, Department Spokesperson"));
        assert!(contains_word("department press briefings", "briefing"));
        assert!(!contains_word("volume 546: debated on", "debate"));
        assert!(!is_place("Around China"));
        assert!(is_prose("On July 16, the State Council Information Office held a press conference in Beijing today."));
        assert!(!is_prose("SCIO briefing on China's development of industry and information technology in H1 2021"));
    }
}
