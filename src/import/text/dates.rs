//! Dates as transcripts write them: `July 16, 2021`, `16 July 2021`, `Jul. 16`, `2021-07-16`,
//! `2021/7/16`, `07/16/2021`, `2021年7月16日`, `7月16日`. A date without a year is found too
//! (`On July 16`), for the year to come from elsewhere on the page.

use crate::model::IsoDate;

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// Written as `on July 16`: the day an event took place.
    pub after_on: bool,
}

impl Found {
    /// The date with `year` when it has none of its own.
    pub fn with_year(&self, year: i32) -> Option<IsoDate> {
        iso(self.year.unwrap_or(year), self.month, self.day)
    }

    pub fn iso(&self) -> Option<IsoDate> {
        iso(self.year?, self.month, self.day)
    }
}

fn iso(year: i32, month: u32, day: u32) -> Option<IsoDate> {
    if !(1000..=2999).contains(&year) {
        return None;
    }
    IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn month(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))).map(|i| i as u32 + 1)
}

/// A day of the month: `16`, `16th`, `1st`.
fn day(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten().filter(|y| (1800..=2200).contains(y))
}

/// Words of `text` with their byte ranges (letters and digits; CJK characters excluded).
fn tokens(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() && !super::name::is_cjk(c) && !matches!(c, '年' | '月' | '日');
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), &text[s..]));
    }
    out
}

/// Every date in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    let t = tokens(text);
    let mut out: Vec<Found> = Vec::new();
    let gap = |a: usize, b: usize| &text[t[a].1..t[b].0];
    let mut i = 0;
    while i < t.len() {
        let after_on = text[..t[i].0].trim_end().to_lowercase().ends_with(" on") || text[..t[i].0].trim_end().eq_ignore_ascii_case("on");
        let mut push = |end_token: usize, year: Option<i32>, month: u32, day: u32| {
            out.push(Found { start: t[i].0, end: t[end_token].1, year, month, day, after_on });
            end_token + 1
        };
        // Month Day[,] [Year]
        if let Some(m) = month(t[i].2)
            && let Some(d) = t.get(i + 1).and_then(|w| day(w.2)).filter(|_| gap(i, i + 1).trim_matches(['.', ' ']).is_empty())
        {
            let y = t.get(i + 2).filter(|_| gap(i + 1, i + 2).trim_matches([',', ' ']).is_empty()).and_then(|w| year(w.2));
            i = push(if y.is_some() { i + 2 } else { i + 1 }, y, m, d);
            continue;
        }
        // Day Month [Year]
        if let Some(d) = day(t[i].2)
            && let Some(m) = t.get(i + 1).and_then(|w| month(w.2)).filter(|_| gap(i, i + 1).trim().is_empty())
        {
            let y = t.get(i + 2).filter(|_| gap(i + 1, i + 2).trim_matches([',', ' ']).is_empty()).and_then(|w| year(w.2));
            i = push(if y.is_some() { i + 2 } else { i + 1 }, y, m, d);
            continue;
        }
        // Year-Month-Day, Year/Month/Day, Year.Month.Day
        if let Some(y) = year(t[i].2)
            && i + 2 < t.len()
            && let (Some(m), Some(d)) = (t[i + 1].2.parse::<u32>().ok(), t[i + 2].2.parse::<u32>().ok())
            && t[i + 1].2.len() <= 2
            && t[i + 2].2.len() <= 2
            && matches!(gap(i, i + 1), "-" | "/" | ".")
            && gap(i, i + 1) == gap(i + 1, i + 2)
        {
            i = push(i + 2, Some(y), m, d);
            continue;
        }
        // Month/Day/Year (or Day/Month/Year when the first number cannot be a month)
        if i + 2 < t.len()
            && let (Ok(a), Ok(b)) = (t[i].2.parse::<u32>(), t[i + 1].2.parse::<u32>())
            && let Some(y) = year(t[i + 2].2)
            && t[i].2.len() <= 2
            && t[i + 1].2.len() <= 2
            && gap(i, i + 1) == "/"
            && gap(i + 1, i + 2) == "/"
        {
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            i = push(i + 2, Some(y), m, d);
            continue;
        }
        i += 1;
    }
    out.extend(find_cjk(text));
    out.retain(|f| iso(f.year.unwrap_or(2000), f.month, f.day).is_some());
    out.sort_by_key(|f| f.start);
    out
}

/// `2021年7月16日`, `7月16日`.
fn find_cjk(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let number = |from: usize| -> Option<(u32, usize)> {
        let digits: String = chars[from..].iter().map(|c| c.1).take_while(char::is_ascii_digit).collect();
        (!digits.is_empty() && digits.len() <= 4)
            .then(|| (digits.parse().ok(), from + digits.len()))
            .and_then(|(n, end)| n.map(|n| (n, end)))
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut at = i;
        let mut y = None;
        if let Some((n, end)) = number(at)
            && chars.get(end).is_some_and(|c| c.1 == '年')
        {
            y = Some(n as i32);
            at = end + 1;
        }
        if let Some((m, end)) = number(at)
            && chars.get(end).is_some_and(|c| c.1 == '月')
            && let Some((d, end2)) = number(end + 1)
            && chars.get(end2).is_some_and(|c| matches!(c.1, '日' | '号'))
        {
            let after_on = text[..chars[i].0].ends_with('于');
            let stop = chars.get(end2 + 1).map_or(text.len(), |c| c.0);
            out.push(Found { start: chars[i].0, end: stop, year: y, month: m, day: d, after_on });
            i = end2 + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// The first complete date in `text`.
pub fn parse(text: &str) -> Option<IsoDate> {
    find(text).iter().find_map(Found::iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(text: &str) -> Vec<String> {
        find(text).iter().map(|f| f.with_year(1999).map(|d| d.to_string()).unwrap_or_default()).collect()
    }

    #[test]
    fn forms() {
        assert_eq!(isos("July 16, 2021"), ["2021-07-16"]);
        assert_eq!(isos("Friday, 16 July 2021"), ["2021-07-16"]);
        assert_eq!(isos("Jul. 16, 2021 and Sept 3"), ["2021-07-16", "1999-09-03"]);
        assert_eq!(isos("2021-07-16 19:30"), ["2021-07-16"]);
        assert_eq!(isos("2021/7/16"), ["2021-07-16"]);
        assert_eq!(isos("07/16/2021"), ["2021-07-16"]);
        assert_eq!(isos("16/07/2021"), ["2021-07-16"]);
        assert_eq!(isos("2021年7月16日上午"), ["2021-07-16"]);
        assert_eq!(isos("7月16日"), ["1999-07-16"]);
        assert_eq!(isos("March 12th, 2024"), ["2024-03-12"]);
        assert_eq!(parse("Date: July 16"), None);
        assert_eq!(parse("February 30, 2021"), None);
    }

    #[test]
    fn on_marks_the_event() {
        let f = find("On July 16, the State Council Information Office held a briefing.  July 22, 2021");
        assert_eq!(f.len(), 2);
        assert!(f[0].after_on && f[0].year.is_none());
        assert!(!f[1].after_on && f[1].year == Some(2021));
    }

    #[test]
    fn not_dates() {
        assert!(find("May I ask a question? 12 people came in 2021.").is_empty());
        assert!(find("Section 3/4 of the plan").is_empty());
        assert!(find("The march 16 times").is_empty());
    }
}
