//! What the rules need to know about the whole text before they judge a line: how often
//! each candidate label occurs, whether lines are hard-wrapped, whether the text is a Q/A
//! testimony, where the first speaker label is, which lines repeat page headers, and the
//! roles of the lines before the first speaker (title, tags, introduction).

use super::label;
use super::line::Line;
use super::qa_label;
use super::rule::{Claim, Field};
use super::timestamp::leading_time;
use std::collections::{HashMap, HashSet};

/// Facts about the whole text.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Read as Markdown: front matter, `#` headings, inline emphasis.
    pub markdown: bool,
    /// Line indices of the front matter, delimiters included.
    pub front_matter: Option<(usize, usize)>,
    /// How many lines each candidate label (by [`label::name_key`]) opens.
    pub census: HashMap<String, usize>,
    /// Names declared in `Speakers:` lines, by key.
    pub known: HashSet<String>,
    /// The text clearly uses labels: at least three lines open with a repeated one.
    pub structured: bool,
    /// Both `Q.` and `A.` lines occur: testimony or an interview.
    pub has_answers: bool,
    /// Lines are broken at a width, paragraphs run over several lines.
    pub hard_wrapped: bool,
    /// The width lines are wrapped at (the 90th percentile of line widths).
    pub width: usize,
    /// PDF margin line numbers were removed.
    pub line_numbered: bool,
    /// The text has form feeds: it came from paged output.
    pub page_breaks: bool,
    /// Index of the first line a label rule claims (`usize::MAX` before it is known).
    pub first_label: usize,
    /// Lines that repeat a page header or footer.
    pub repeated: HashSet<usize>,
    /// What the preamble's lines are: title, tags, date, introduction.
    pub preamble: HashMap<usize, Claim>,
    /// The prose of the preamble and the `Speakers:` lines, where roles are looked up.
    pub intro_text: String,
    /// The `Speakers:`/`Moderator:` lines of the preamble, whole.
    pub participants: Vec<String>,
    /// For each line, the nearest non-blank line before and after it (so that rules look
    /// around in constant time, whatever the runs of blank lines).
    pub prev_nonblank: Vec<Option<usize>>,
    pub next_nonblank: Vec<Option<usize>>,
}

impl Default for Facts {
    fn default() -> Facts {
        Facts {
            markdown: false,
            front_matter: None,
            census: HashMap::new(),
            known: HashSet::new(),
            structured: false,
            has_answers: false,
            hard_wrapped: false,
            width: 80,
            line_numbered: false,
            page_breaks: false,
            first_label: usize::MAX,
            repeated: HashSet::new(),
            preamble: HashMap::new(),
            intro_text: String::new(),
            participants: Vec::new(),
            prev_nonblank: Vec::new(),
            next_nonblank: Vec::new(),
        }
    }
}

impl Facts {
    /// The facts that need no classification: census, wrapping, front matter.
    pub fn gather(lines: &[Line], markdown: bool) -> Facts {
        let mut f = Facts {
            markdown,
            line_numbered: lines.iter().any(|l| l.number.is_some()),
            page_breaks: lines.iter().any(|l| l.page_break),
            ..Facts::default()
        };
        let mut last = None;
        for (i, line) in lines.iter().enumerate() {
            f.prev_nonblank.push(last);
            if !line.is_blank() {
                last = Some(i);
            }
        }
        let mut next = None;
        f.next_nonblank = vec![None; lines.len()];
        for (i, line) in lines.iter().enumerate().rev() {
            f.next_nonblank[i] = next;
            if !line.is_blank() {
                next = Some(i);
            }
        }
        if markdown {
            f.front_matter = super::front_matter::find(lines);
        }
        let (mut questions, mut answers) = (0, 0);
        for line in lines {
            let text = line.trimmed();
            let text = leading_time(text).map_or(text, |(_, rest)| rest);
            if let Some(l) = label::parse(text) {
                *f.census.entry(l.key()).or_default() += 1;
            }
            match qa_label::parse(text, false) {
                Some(("Q", _)) => questions += 1,
                Some(("A", _)) => answers += 1,
                _ => {}
            }
            if text.starts_with("A  ") || text.starts_with("A\t") {
                answers += 1;
            }
        }
        f.has_answers = questions >= 2 && answers >= 2;
        let repeated_lines: usize = f.census.values().filter(|&&n| n >= 2).sum();
        f.structured = repeated_lines >= 3;
        wrapping(lines, &mut f);
        f
    }

    /// A first pass's facts for unit tests of single rules.
    #[cfg(test)]
    pub fn gather_for_tests(lines: &[Line]) -> Facts {
        Facts::gather(lines, false)
    }

    /// The facts that need a first classification: the first label, the preamble's roles,
    /// repeated headers, declared participants.
    pub fn complete(&mut self, lines: &[Line], first_pass: &[(&'static str, Claim)]) {
        self.first_label = first_pass.iter().position(|(_, c)| matches!(c, Claim::Label(_))).unwrap_or(lines.len());
        for (_, claim) in first_pass.iter().take(self.first_label) {
            if let Claim::Meta(fields) = claim {
                for (field, value) in fields {
                    if *field == Field::Participants {
                        self.participants.push(value.clone());
                        for name in super::intro::participant_names(value) {
                            self.known.insert(label::name_key(&name));
                        }
                    }
                }
            }
        }
        let (preamble, intro_text, content_lines) = super::preamble::analyze(lines, first_pass, self);
        self.preamble = preamble;
        self.intro_text = intro_text;
        for p in &self.participants {
            self.intro_text.push('\n');
            self.intro_text.push_str(p);
        }
        let keep = |i: usize| {
            matches!(first_pass[i].1, Claim::Label(_) | Claim::Note(..) | Claim::NoteMore(_) | Claim::Timestamp(_))
                || first_pass[i].0 == "examination"
        };
        self.repeated = super::repeated::find(lines, &content_lines, self.first_label, keep);
    }
}

/// Decides whether lines are hard-wrapped: most non-blank lines of text are followed by
/// another and are nearly as long as the widest ones, which are at most 110 characters.
fn wrapping(lines: &[Line], f: &mut Facts) {
    let mut widths: Vec<usize> = lines.iter().filter(|l| !l.is_blank()).map(Line::width).collect();
    if widths.len() < 4 {
        return;
    }
    widths.sort_unstable();
    let width = widths[widths.len() * 9 / 10];
    f.width = width.max(1);
    // Pairs of a line and the text line under it: in wrapped text the upper line is long.
    let pairs: Vec<bool> = lines
        .windows(2)
        .filter(|w| {
            let next = w[1].trimmed();
            !w[0].is_blank()
                && !w[1].is_blank()
                && w[1].indent <= w[0].indent
                && label::parse(next).is_none()
                && qa_label::parse(next, true).is_none()
                && !next.starts_with(['(', '['])
        })
        .map(|w| w[0].width() * 10 >= width * 6)
        .collect();
    let long = pairs.iter().filter(|&&l| l).count();
    f.hard_wrapped = width <= 110 && long >= 2 && long * 10 >= pairs.len() * 6;
}
