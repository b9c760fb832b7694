//! TEI XML spoken text, as archives publish it: the header gives the metadata (title, date,
//! place, publisher, identifier, licence, language) and the participants (`<person xml:id>`
//! with names, roles and affiliations); the body's `<sp who>` (with `<speaker>`) and
//! `<u who>` elements become turns (a `<u start>` time is kept, through the `<timeline>` when
//! it points there), `<stage>`, `<incident>`, `<vocal>` and `<kinesic>` become notes, `<div>`
//! `<head>` headings. Inline events stay in the words in parentheses, `<gap>` as `[gap]`.
//! Other elements are read for their text, so nothing is lost.

use super::LoadError;
use super::build::{Builder, normalize_time, time_from_seconds};
use super::explain::{Explanation, Fate};
use super::text::{language_tag, note_kind};
use crate::model::NoteKind;
use roxmltree::{Node, ParsingOptions};
use std::collections::HashMap;

struct Person {
    name: String,
    role: Option<String>,
    affiliation: Option<String>,
}

struct Reader {
    persons: HashMap<String, Person>,
    ids: HashMap<String, String>,
    timeline: HashMap<String, f64>,
    /// The speaker of the turn that takes further paragraphs.
    open: Option<String>,
    /// Byte offsets where lines start, to tell a node's line quickly.
    line_starts: Vec<usize>,
    /// How deep `block` has descended, to read absurdly nested input without recursing on.
    nesting: usize,
}

/// Deeper than this, elements are read for their text alone.
const MAX_NESTING: usize = 64;

/// The XML parser recurses once per open element; deeper input is refused, not overflowed.
const MAX_DEPTH: usize = 128;

pub fn read(text: &str, b: &mut Builder, ex: &mut Explanation) -> Result<(), LoadError> {
    if let Some(line) = too_deep(text) {
        return Err(LoadError::Syntax { line, column: 1, message: format!("elements are nested more than {MAX_DEPTH} deep") });
    }
    let options = ParsingOptions { allow_dtd: true, nodes_limit: 2_000_000 };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let message = e.to_string();
        let message = message.rsplit_once(" at ").map_or(message.clone(), |(m, _)| m.to_string());
        LoadError::Syntax { line: pos.row as usize, column: pos.col as usize, message }
    })?;
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let root = doc.root_element();
    let tei = if local(root) == "TEI" { Some(root) } else { root.descendants().find(|n| local(*n) == "TEI") };
    let Some(tei) = tei else {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            message: format!("not TEI: the root element is <{}>, not <TEI>", local(root)),
        });
    };
    let mut r = Reader { persons: HashMap::new(), ids: HashMap::new(), timeline: HashMap::new(), open: None, nesting: 0, line_starts };
    if let Some(header) = child(tei, "teiHeader") {
        r.header(header, b, ex);
    }
    let lang = attr(tei, "lang").or_else(|| child(tei, "text").and_then(|t| attr(t, "lang")));
    if let Some(tag) = lang.and_then(language_tag) {
        b.metadata.language = tag;
        b.language_stated = true;
    }
    let Some(text_el) = child(tei, "text") else {
        return Err(LoadError::Syntax { line: r.line(tei), column: 1, message: "a TEI document needs a <text> element".into() });
    };
    for t in text_el.descendants().filter(|n| local(*n) == "timeline") {
        r.read_timeline(t);
    }
    let body = child(text_el, "body").unwrap_or(text_el);
    r.block(body, 1, b, ex);
    Ok(())
}

/// The line where the nesting of elements first goes past [`MAX_DEPTH`], if it does.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut line, mut i) = (0usize, 1usize, 0usize);
    let skip_to = |from: usize, end: &str| text[from..].find(end).map_or(bytes.len(), |at| from + at + end.len());
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'<' if text[i..].starts_with("<!--") => {
                let end = skip_to(i, "-->");
                line += text[i..end].matches('\n').count();
                i = end;
                continue;
            }
            b'<' if text[i..].starts_with("<![CDATA[") => {
                let end = skip_to(i, "]]>");
                line += text[i..end].matches('\n').count();
                i = end;
                continue;
            }
            b'<' if matches!(bytes.get(i + 1), Some(b'?' | b'!')) => {}
            b'<' if bytes.get(i + 1) == Some(&b'/') => depth = depth.saturating_sub(1),
            b'<' => {
                // Find the tag's end outside quoted attribute values.
                let mut j = i + 1;
                let mut quote = None;
                while j < bytes.len() {
                    match (bytes[j], quote) {
                        (b'"' | b'\'', None) => quote = Some(bytes[j]),
                        (q, Some(open)) if q == open => quote = None,
                        (b'>', None) => break,
                        _ => {}
                    }
                    j += 1;
                }
                if bytes.get(j.wrapping_sub(1)) != Some(&b'/') {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(line);
                    }
                }
                line += text[i..j.min(bytes.len())].matches('\n').count();
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn local<'a>(n: Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.is_element() && local(*c) == name)
}

fn find<'a, 'i>(n: Node<'a, 'i>, path: &[&str]) -> Option<Node<'a, 'i>> {
    path.iter().try_fold(n, |at, name| child(at, name))
}

/// An attribute by local name (`xml:id` → `id`, `xml:lang` → `lang`).
fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// The text of `n`, whitespace collapsed.
fn plain(n: Node) -> String {
    super::build::clean(&n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect::<Vec<_>>().join(" "))
}

impl Reader {
    fn line(&self, n: Node) -> usize {
        self.line_starts.partition_point(|&start| start <= n.range().start)
    }

    fn header(&mut self, h: Node, b: &mut Builder, ex: &mut Explanation) {
        let m = &mut b.metadata;
        let note = |n: Node, field: &str, ex: &mut Explanation| {
            ex.push(self.line(n), "tei-header", Fate::Metadata, format!("metadata.{field}"), &plain(n))
        };
        if let Some(t) = find(h, &["fileDesc", "titleStmt", "title"]) {
            m.title = plain(t);
            note(t, "title", ex);
        }
        if let Some(p) = find(h, &["fileDesc", "publicationStmt"]) {
            if let Some(publ) = child(p, "publisher").or_else(|| child(p, "authority")) {
                m.organizer = Some(plain(publ));
                note(publ, "organizer", ex);
            }
            if let Some(d) = child(p, "date") {
                m.publication_date = date_of(d);
                note(d, "publication_date", ex);
            }
            if let Some(id) = child(p, "idno") {
                m.identifier = Some(plain(id));
                note(id, "identifier", ex);
            }
            if let Some(av) = child(p, "availability") {
                m.rights = Some(plain(av));
                note(av, "rights", ex);
            }
        }
        if let Some(src) = find(h, &["fileDesc", "sourceDesc"]) {
            if let Some(d) = src.descendants().find(|n| local(*n) == "date") {
                m.date = date_of(d);
                note(d, "date", ex);
            }
            if let Some(u) = src.descendants().find(|n| local(*n) == "ref" || local(*n) == "ptr").and_then(|n| attr(n, "target")) {
                m.source_url = Some(u.to_string());
            }
        }
        if let Some(profile) = child(h, "profileDesc") {
            if let Some(setting) = profile.descendants().find(|n| local(*n) == "settingDesc") {
                if m.date.is_none()
                    && let Some(d) = setting.descendants().find(|n| local(*n) == "date")
                {
                    m.date = date_of(d);
                    note(d, "date", ex);
                }
                if let Some(place) = setting.descendants().find(|n| matches!(local(*n), "placeName" | "settlement" | "locale" | "name")) {
                    m.location = Some(plain(place));
                    note(place, "location", ex);
                }
            }
            if let Some(l) = profile.descendants().find(|n| local(*n) == "language").and_then(|n| attr(n, "ident"))
                && let Some(tag) = language_tag(l)
            {
                m.language = tag;
                b.language_stated = true;
            }
            for term in profile.descendants().filter(|n| local(*n) == "term") {
                b.metadata.tags.push(plain(term));
            }
            for person in profile.descendants().filter(|n| matches!(local(*n), "person" | "personGrp")) {
                let Some(id) = attr(person, "id") else { continue };
                let name = person
                    .descendants()
                    .find(|n| local(*n) == "persName")
                    .map(plain)
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| id.to_string());
                let role = attr(person, "role")
                    .map(str::to_string)
                    .or_else(|| person.descendants().find(|n| matches!(local(*n), "roleName" | "occupation")).map(plain));
                let affiliation = person.descendants().find(|n| local(*n) == "affiliation").map(plain);
                ex.push(self.line(person), "tei-person", Fate::Metadata, format!("speaker {name}"), &plain(person));
                self.persons.insert(id.to_string(), Person { name, role, affiliation });
            }
        }
    }

    fn read_timeline(&mut self, t: Node) {
        let origin = t.attributes().find(|a| a.name() == "origin").map(|a| a.value().trim_start_matches('#').to_string());
        let unit = attr(t, "unit").unwrap_or("s");
        let scale = match unit {
            "ms" => 0.001,
            "min" => 60.0,
            "h" => 3600.0,
            _ => 1.0,
        };
        for w in t.children().filter(|c| local(*c) == "when") {
            let Some(id) = attr(w, "id") else { continue };
            let seconds = if Some(id.to_string()) == origin {
                Some(0.0)
            } else if let Some(interval) = attr(w, "interval") {
                interval.trim().parse::<f64>().ok().map(|x| x * scale)
            } else {
                attr(w, "absolute").and_then(|a| super::cues::parse_time(a.split('T').next_back().unwrap_or(a)))
            };
            if let Some(s) = seconds {
                self.timeline.insert(id.to_string(), s);
            }
        }
    }

    /// The time of a `start` attribute: a clock time, seconds, or a `#when` of the timeline.
    fn time(&self, start: &str) -> Option<String> {
        let s = start.trim();
        if let Some(id) = s.strip_prefix('#') {
            return self.timeline.get(id).and_then(|&x| time_from_seconds(x));
        }
        normalize_time(s).or_else(|| s.parse::<f64>().ok().and_then(time_from_seconds))
    }

    fn speaker(&mut self, b: &mut Builder, who: Option<&str>, label: Option<String>) -> String {
        let who = who.map(|w| w.split_whitespace().next().unwrap_or("").trim_start_matches('#').to_string()).filter(|w| !w.is_empty());
        let key = who.clone().or_else(|| label.clone()).unwrap_or_else(|| "unidentified".to_string());
        if let Some(id) = self.ids.get(&key) {
            return id.clone();
        }
        let person = who.as_ref().and_then(|w| self.persons.get(w));
        let name = person.map(|p| p.name.clone()).or(label).or(who.clone()).unwrap_or_else(|| super::cues::UNKNOWN.to_string());
        let id = b.add_speaker(&name, person.and_then(|p| p.role.clone()), person.and_then(|p| p.affiliation.clone()));
        self.ids.insert(key, id.clone());
        id
    }

    fn block(&mut self, n: Node, depth: u8, b: &mut Builder, ex: &mut Explanation) {
        if self.nesting >= MAX_NESTING {
            let t = plain(n);
            self.note(b, ex, n, &t, None, "tei-text");
            return;
        }
        self.nesting += 1;
        self.block_children(n, depth, b, ex);
        self.nesting -= 1;
    }

    fn block_children(&mut self, n: Node, depth: u8, b: &mut Builder, ex: &mut Explanation) {
        for c in n.children() {
            if c.is_text() {
                let t = super::build::clean(c.text().unwrap_or(""));
                if !t.is_empty() {
                    self.note(b, ex, c, &t, None, "tei-text");
                }
                continue;
            }
            if !c.is_element() {
                continue;
            }
            match local(c) {
                "teiHeader" | "timeline" => {}
                "div" | "div1" | "div2" | "div3" | "div4" | "body" | "group" | "annotationBlock" | "spanGrp" | "front" | "back" => {
                    self.block(c, depth.saturating_add(1).min(6), b, ex)
                }
                "head" => {
                    let t = plain(c);
                    b.heading(&t, depth.saturating_sub(1).clamp(1, 6));
                    self.open = None;
                    ex.push(self.line(c), "tei-head", Fate::Kept, "heading", &t);
                }
                "sp" => self.sp(c, b, ex),
                "u" => self.u(c, b, ex),
                "stage" | "incident" | "vocal" | "kinesic" | "event" | "note" | "gap" | "pause" | "shift" | "writing" => {
                    let t = event_text(c);
                    self.note(b, ex, c, &t, kind_of(c, &t), "tei-stage");
                }
                "pb" | "lb" | "cb" | "milestone" | "anchor" | "fw" => {}
                "p" | "ab" | "l" | "seg" | "lg" | "q" | "quote" => {
                    let t = inline(c);
                    if let Some(open) = self.open.clone().filter(|_| !t.is_empty()) {
                        b.turn(&open, None);
                        b.paragraph(&t);
                        ex.push(self.line(c), "tei-p", Fate::Kept, "paragraph", &t);
                    } else {
                        self.note(b, ex, c, &t, None, "tei-p");
                    }
                }
                _ => self.block(c, depth, b, ex),
            }
        }
    }

    fn note(&mut self, b: &mut Builder, ex: &mut Explanation, n: Node, t: &str, kind: Option<NoteKind>, rule: &'static str) {
        if t.trim().is_empty() {
            return;
        }
        b.note(t, kind);
        self.open = None;
        ex.push(self.line(n), rule, Fate::Kept, "note", t);
    }

    fn sp(&mut self, sp: Node, b: &mut Builder, ex: &mut Explanation) {
        let label = child(sp, "speaker").map(plain).filter(|s| !s.is_empty());
        let id = self.speaker(b, attr(sp, "who"), label.clone());
        let mut started = false;
        for c in sp.children().filter(|c| c.is_element()) {
            match local(c) {
                "speaker" => {}
                "stage" | "incident" | "vocal" | "kinesic" | "note" | "gap" => {
                    let t = event_text(c);
                    self.note(b, ex, c, &t, kind_of(c, &t), "tei-stage");
                    started = false;
                }
                "pb" | "lb" | "milestone" | "anchor" => {}
                _ => {
                    let t = inline(c);
                    if t.is_empty() {
                        continue;
                    }
                    if !started {
                        b.turn(&id, attr(c, "start").or(attr(sp, "start")).and_then(|s| self.time(s)));
                        started = true;
                        ex.push(self.line(c), "tei-sp", Fate::Kept, format!("turn: {}", label.clone().unwrap_or_else(|| id.clone())), &t);
                    } else {
                        ex.push(self.line(c), "tei-sp", Fate::Kept, "paragraph", &t);
                    }
                    b.paragraph(&t);
                }
            }
        }
        // Text directly inside <sp>, after the speaker.
        let loose: String = sp.children().filter(|c| c.is_text()).map(|c| c.text().unwrap_or("")).collect::<Vec<_>>().join(" ");
        let loose = super::build::clean(&loose);
        if !loose.is_empty() {
            if !started {
                b.turn(&id, None);
            }
            b.paragraph(&loose);
            ex.push(self.line(sp), "tei-sp", Fate::Kept, "paragraph", &loose);
        }
        self.open = Some(id);
    }

    fn u(&mut self, u: Node, b: &mut Builder, ex: &mut Explanation) {
        let id = self.speaker(b, attr(u, "who"), None);
        let t = inline(u);
        if t.is_empty() {
            return;
        }
        let name = b.speaker_mut(&id).map(|s| s.name.clone()).unwrap_or_default();
        if self.open.as_deref() == Some(id.as_str()) && b.open_speaker() == Some(id.as_str()) {
            b.paragraph(&t);
            ex.push(self.line(u), "tei-u", Fate::Kept, "paragraph", &t);
        } else {
            b.turn(&id, attr(u, "start").and_then(|s| self.time(s)));
            b.paragraph(&t);
            ex.push(self.line(u), "tei-u", Fate::Kept, format!("turn: {name}"), &t);
        }
        self.open = Some(id);
    }
}

fn date_of(d: Node) -> Option<crate::model::IsoDate> {
    let when = attr(d, "when").or_else(|| attr(d, "from")).map(|w| w.chars().take(10).collect::<String>());
    when.and_then(|w| crate::model::IsoDate::parse(&w).ok()).or_else(|| super::text_dates(&plain(d)))
}

/// A note's words: its text, or its `<desc>`, or its `reason`/`type` (`[gap: inaudible]`).
fn event_text(n: Node) -> String {
    let t = plain(n);
    if !t.is_empty() {
        return if local(n) == "stage" || t.starts_with(['(', '[']) { t } else { format!("({t})") };
    }
    let what = attr(n, "reason").or_else(|| attr(n, "type")).or_else(|| attr(n, "dur")).unwrap_or("");
    match (local(n), what) {
        ("gap", "") => "[gap]".to_string(),
        ("gap", w) => format!("[{w}]"),
        ("pause", "") => "(pause)".to_string(),
        (tag, "") => format!("({tag})"),
        (tag, w) => format!("({tag}: {w})"),
    }
}

fn kind_of(n: Node, t: &str) -> Option<NoteKind> {
    let by_type = attr(n, "type").map(note_kind).filter(|k| *k != Some(NoteKind::Other)).flatten();
    by_type.or_else(|| if local(n) == "gap" { Some(NoteKind::Inaudible) } else { note_kind(t) })
}

/// The words of a paragraph or utterance: inline events in parentheses, `<gap>` as
/// `[gap]`, `<choice>` read as its regularized form.
fn inline(n: Node) -> String {
    let mut out = String::new();
    walk_inline(n, &mut out, 0);
    super::build::clean(&out)
}

fn walk_inline(n: Node, out: &mut String, depth: usize) {
    if depth > MAX_NESTING {
        out.push_str(&plain(n));
        return;
    }
    for c in n.children() {
        if c.is_text() {
            out.push_str(c.text().unwrap_or(""));
            continue;
        }
        if !c.is_element() {
            continue;
        }
        match local(c) {
            "stage" | "incident" | "vocal" | "kinesic" | "gap" | "pause" | "note" => {
                out.push(' ');
                out.push_str(&event_text(c));
                out.push(' ');
            }
            "lb" | "pb" | "cb" => out.push(' '),
            "anchor" | "milestone" | "speaker" => {}
            "choice" => match c.children().find(|x| matches!(local(*x), "reg" | "expan" | "corr")) {
                Some(pick) => walk_inline(pick, out, depth + 1),
                None => walk_inline(c, out, depth + 1),
            },
            _ => walk_inline(c, out, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(xml: &str) -> Result<crate::model::Transcript, LoadError> {
        let mut b = Builder::new();
        let mut ex = Explanation::default();
        read(xml, &mut b, &mut ex)?;
        b.finish("x").map(|(t, _)| t)
    }

    #[test]
    fn sp_and_u() {
        let t = read_str(
            r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Oral history</title></titleStmt></fileDesc>
            <profileDesc><particDesc><listPerson><person xml:id="JD" role="interviewer"><persName>Jane Doe</persName></person></listPerson></particDesc></profileDesc></teiHeader>
            <text><body><div><head>Part one</head>
            <sp who="#JD"><speaker>JANE DOE</speaker><p>Where were you <stage>(laughs)</stage> then?</p><stage>The tape stops.</stage><p>Go on.</p></sp>
            <u who="#RB" start="00:01:05">I was <gap reason="inaudible"/> there.</u><u who="#RB">Yes.</u>
            </div></body></text></TEI>"##,
        )
        .unwrap();
        assert_eq!(t.metadata.title, "Oral history");
        assert_eq!(t.speakers[0].name, "Jane Doe");
        assert_eq!(t.speakers[0].role.as_deref(), Some("interviewer"));
        let json = serde_json::to_string(&t.body).unwrap();
        assert!(json.contains("Where were you (laughs) then?"), "{json}");
        assert!(json.contains("The tape stops."), "{json}");
        assert!(json.contains("I was [inaudible] there."), "{json}");
        assert!(json.contains("\"time\":\"00:01:05\""), "{json}");
    }

    #[test]
    fn errors_name_the_place() {
        match read_str("<TEI><text><body><p>x</body></text></TEI>") {
            Err(LoadError::Syntax { line: 1, column, .. }) => assert!(column > 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(read_str("<html/>"), Err(LoadError::Syntax { .. })));
        let deep = format!("<TEI>\n{}{}</TEI>", "<div>".repeat(200), "</div>".repeat(200));
        assert!(matches!(read_str(&deep), Err(LoadError::Syntax { line: 2, .. })));
        assert_eq!(too_deep("<a x='>'><!-- <b> --><c/><d></d></a>"), None);
    }
}
