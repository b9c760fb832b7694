//! Assembles a transcript from what a reader recognized, keeping the model's rules: every
//! turn has a declared speaker and at least one non-empty paragraph, ids are unique and
//! stable (derived from names), only speakers who speak are declared, and the result passes
//! [`crate::model::validate`] or the import fails with every problem.

use super::LoadError;
use crate::model::{self, Block, Heading, Metadata, Note, NoteKind, Speaker, Transcript, Turn};
use std::collections::{HashMap, HashSet};

/// A transcript under construction.
pub struct Builder {
    pub metadata: Metadata,
    /// Set when a reader read the language from the input; otherwise it is guessed.
    pub language_stated: bool,
    speakers: Vec<Speaker>,
    /// Index of each speaker by id.
    index: HashMap<String, usize>,
    body: Vec<Block>,
    /// Whether the last block is a turn that takes further paragraphs.
    open: bool,
    pub warnings: Vec<String>,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            metadata: Metadata::new(String::new()),
            language_stated: false,
            speakers: Vec::new(),
            index: HashMap::new(),
            body: Vec::new(),
            open: false,
            warnings: Vec::new(),
        }
    }

    /// Declares a speaker and returns its id: the name in lower case, letters and digits
    /// joined by `_`, with `_2`, `_3`… when taken.
    pub fn add_speaker(&mut self, name: &str, role: Option<String>, affiliation: Option<String>) -> String {
        let name = clean(name);
        let base = slug(&name);
        let mut id = base.clone();
        let mut n = 2;
        while self.index.contains_key(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        let nonblank = |s: Option<String>| s.map(|s| clean(&s)).filter(|s| !s.is_empty());
        self.index.insert(id.clone(), self.speakers.len());
        self.speakers.push(Speaker { id: id.clone(), name, role: nonblank(role), affiliation: nonblank(affiliation), native_name: None });
        id
    }

    /// The body so far.
    pub fn body(&self) -> &[Block] {
        &self.body
    }

    pub fn speaker_mut(&mut self, id: &str) -> Option<&mut Speaker> {
        self.index.get(id).and_then(|&i| self.speakers.get_mut(i))
    }

    /// Opens a turn of `speaker`; it is kept once it gets a paragraph.
    pub fn turn(&mut self, speaker: &str, time: Option<String>) {
        self.drop_empty_turn();
        self.body.push(Block::Turn(Turn { speaker: speaker.to_string(), paragraphs: Vec::new(), time, lang: None }));
        self.open = true;
    }

    /// The speaker of the open turn, if any.
    pub fn open_speaker(&self) -> Option<&str> {
        match self.body.last() {
            Some(Block::Turn(t)) if self.open => Some(&t.speaker),
            _ => None,
        }
    }

    /// The speaker of the last turn, even if a note or heading came after it.
    pub fn last_speaker(&self) -> Option<String> {
        self.body.iter().rev().find_map(|b| if let Block::Turn(t) = b { Some(t.speaker.clone()) } else { None })
    }

    /// A new paragraph in the open turn; `false` when no turn is open (nothing is added).
    pub fn paragraph(&mut self, text: &str) -> bool {
        let text = clean(text);
        match self.body.last_mut() {
            Some(Block::Turn(t)) if self.open => {
                if !text.is_empty() {
                    t.paragraphs.push(text);
                }
                true
            }
            _ => false,
        }
    }

    /// Adds `text` to the last paragraph of the open turn (a hard-wrapped line); joins a word
    /// broken after a hyphen without a space. `false` when there is no paragraph to extend.
    pub fn append(&mut self, text: &str) -> bool {
        let text = clean(text);
        match self.body.last_mut() {
            Some(Block::Turn(t)) if self.open => match t.paragraphs.last_mut() {
                Some(last) => {
                    join_wrapped(last, &text);
                    true
                }
                None => {
                    if !text.is_empty() {
                        t.paragraphs.push(text);
                    }
                    true
                }
            },
            _ => false,
        }
    }

    /// Whether the open turn has a paragraph to extend.
    pub fn has_paragraph(&self) -> bool {
        matches!(self.body.last(), Some(Block::Turn(t)) if self.open && !t.paragraphs.is_empty())
    }

    pub fn note(&mut self, text: &str, kind: Option<NoteKind>) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.drop_empty_turn();
        self.body.push(Block::Note(Note { text, kind }));
        self.open = false;
    }

    /// Extends the last block when it is a note (a wrapped note line).
    pub fn append_to_note(&mut self, text: &str) -> bool {
        match self.body.last_mut() {
            Some(Block::Note(n)) => {
                join_wrapped(&mut n.text, &clean(text));
                true
            }
            _ => false,
        }
    }

    pub fn heading(&mut self, text: &str, level: u8) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.drop_empty_turn();
        self.body.push(Block::Heading(Heading { text, level: (level != 1).then_some(level.clamp(1, 6)) }));
        self.open = false;
    }

    /// Closes the open turn: what follows needs a new turn.
    pub fn close(&mut self) {
        self.drop_empty_turn();
        self.open = false;
    }

    fn drop_empty_turn(&mut self) {
        if let Some(Block::Turn(t)) = self.body.last()
            && t.paragraphs.is_empty()
        {
            let name = self.index.get(&t.speaker).map_or(t.speaker.clone(), |&i| self.speakers[i].name.clone());
            self.warnings.push(format!("a turn of {name} has no words; it is left out"));
            self.body.pop();
        }
        self.open = false;
    }

    /// The transcript, checked: only speakers who speak are declared, the title falls back
    /// to `title_fallback`, the language is guessed from the script when not stated.
    pub fn finish(mut self, title_fallback: &str) -> Result<(Transcript, Vec<String>), LoadError> {
        self.drop_empty_turn();
        let used: HashSet<String> =
            self.body.iter().filter_map(|b| if let Block::Turn(t) = b { Some(t.speaker.clone()) } else { None }).collect();
        self.speakers.retain(|s| used.contains(&s.id));
        let m = &mut self.metadata;
        m.title = clean(&m.title);
        if m.title.is_empty() {
            m.title = clean(title_fallback);
        }
        if m.title.is_empty() {
            m.title = "Transcript".to_string();
        }
        for field in [
            &mut m.subtitle,
            &mut m.location,
            &mut m.organizer,
            &mut m.source_url,
            &mut m.identifier,
            &mut m.rights,
            &mut m.description,
            &mut m.kind,
        ] {
            *field = field.as_deref().map(clean).filter(|s| !s.is_empty());
        }
        m.tags = m.tags.iter().map(|t| clean(t)).filter(|t| !t.is_empty()).collect();
        let mut seen = HashSet::new();
        m.tags.retain(|t| seen.insert(t.to_lowercase()));
        if !self.language_stated {
            m.language = guess_language(&self.body).to_string();
        }
        let transcript =
            Transcript { schema_version: model::SCHEMA_VERSION, metadata: self.metadata, speakers: self.speakers, body: self.body };
        let problems = model::validate(&transcript);
        if problems.is_empty() { Ok((transcript, self.warnings)) } else { Err(LoadError::Invalid(problems)) }
    }
}

/// `en`, or `zh` when most letters of the body are Chinese characters.
fn guess_language(body: &[Block]) -> &'static str {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for block in body {
        let texts: Vec<&str> = match block {
            Block::Turn(t) => t.paragraphs.iter().map(String::as_str).collect(),
            Block::Heading(h) => vec![h.text.as_str()],
            Block::Note(n) => vec![n.text.as_str()],
            Block::PageBreak(_) => vec![],
        };
        for c in texts.iter().flat_map(|t| t.chars()).filter(|c| c.is_alphabetic()) {
            letters += 1;
            cjk += usize::from(is_han(c));
        }
    }
    if letters > 0 && cjk * 10 >= letters * 3 { "zh" } else { "en" }
}

/// A Han ideograph (CJK Unified Ideographs and Extension A, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Whitespace runs (tabs, no-break and ideographic spaces) as one space, control characters
/// removed, trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{200B}' {
            space = true;
        } else if c.is_control() || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') {
            continue;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn join_wrapped(last: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    let hyphen_break = last.ends_with('-')
        && last.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && text.chars().next().is_some_and(char::is_lowercase);
    let cjk_join = last.chars().last().is_some_and(|c| is_han(c) || is_cjk_punct(c))
        && text.chars().next().is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if !(last.is_empty() || hyphen_break || cjk_join) {
        last.push(' ');
    }
    last.push_str(text);
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// A speaker id from a name: `MS. PSAKI` → `ms_psaki`, `黄利斌` → `黄利斌`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() { "speaker".to_string() } else { out }
}

/// A clock time as the model writes it (`HH:MM:SS` or `MM:SS`, optionally `.mmm`), from
/// `1:02:03`, `12:31`, `00:12:31,250`, `0:03`; `None` when it is not a valid time.
pub fn normalize_time(text: &str) -> Option<String> {
    let text = text.trim();
    let (clock, fraction) = match text.split_once(['.', ',']) {
        Some((c, f)) => (c, Some(f)),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let numbers: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(u32::MAX)).collect();
    if numbers[1..].iter().any(|&n| n >= 60) || parts[1..].iter().any(|p| p.len() > 2) {
        return None;
    }
    let mut out = match numbers.as_slice() {
        [h, m, s] => format!("{h:02}:{m:02}:{s:02}"),
        [m, s] if *m < 1000 => format!("{m:02}:{s:02}"),
        _ => return None,
    };
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('.');
        out.push_str(&f[..f.len().min(3)]);
    }
    Some(out)
}

/// Seconds as `HH:MM:SS` (with `.mmm` when there is a fraction).
pub fn time_from_seconds(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || !(0.0..1000.0 * 3600.0).contains(&seconds) {
        return None;
    }
    let millis = (seconds * 1000.0).round() as u64;
    let (h, m, s, ms) = (millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    Some(if ms == 0 { format!("{h:02}:{m:02}:{s:02}") } else { format!("{h:02}:{m:02}:{s:02}.{ms:03}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_and_unique() {
        let mut b = Builder::new();
        assert_eq!(b.add_speaker("MS. PSAKI", None, None), "ms_psaki");
        assert_eq!(b.add_speaker("Ms Psaki", None, None), "ms_psaki_2");
        assert_eq!(b.add_speaker("黄利斌", None, None), "黄利斌");
        assert_eq!(b.add_speaker("？", None, None), "speaker");
    }

    #[test]
    fn empty_turns_and_unused_speakers_are_left_out() {
        let mut b = Builder::new();
        let a = b.add_speaker("A", None, None);
        let c = b.add_speaker("C", None, None);
        b.turn(&c, None);
        b.turn(&a, None);
        assert!(b.paragraph("Hello  there"));
        assert!(b.append("every-"));
        assert!(b.append("one"));
        b.turn(&c, None);
        let (t, warnings) = b.finish("fallback").unwrap();
        assert_eq!(t.speakers.len(), 1);
        assert_eq!(t.metadata.title, "fallback");
        assert_eq!(warnings.len(), 2);
        let Block::Turn(turn) = &t.body[0] else { panic!() };
        assert_eq!(turn.paragraphs, ["Hello there every-one"]);
    }

    #[test]
    fn times() {
        assert_eq!(normalize_time("1:02:03").as_deref(), Some("01:02:03"));
        assert_eq!(normalize_time("0:03").as_deref(), Some("00:03"));
        assert_eq!(normalize_time("00:12:31,250").as_deref(), Some("00:12:31.250"));
        assert_eq!(normalize_time("00:12:31.2504").as_deref(), Some("00:12:31.250"));
        assert_eq!(normalize_time("12:75"), None);
        assert_eq!(normalize_time("10:30:00:00"), None);
        assert_eq!(normalize_time("a:30"), None);
        assert_eq!(time_from_seconds(751.25).as_deref(), Some("00:12:31.250"));
        assert_eq!(time_from_seconds(-1.0), None);
    }

    #[test]
    fn cleaning_and_language() {
        assert_eq!(clean(" a\u{a0}\u{3000}b\u{7}c\t"), "a bc");
        let mut b = Builder::new();
        let id = b.add_speaker("主持人", None, None);
        b.turn(&id, None);
        b.paragraph("各位记者朋友，大家上午好。");
        b.append("欢迎出席。");
        let (t, _) = b.finish("x").unwrap();
        assert_eq!(t.metadata.language, "zh");
        let Block::Turn(turn) = &t.body[0] else { panic!() };
        assert_eq!(turn.paragraphs, ["各位记者朋友，大家上午好。欢迎出席。"]);
    }
}
