//! Compose: turns the transcript into blocks of paragraphs broken into lines, with the
//! layout's templates, styles and real font metrics. Line breaks are decided here, once.
//!
//! Guarantees: every character of the model's text reaches a line (or the `after` of one);
//! the width of each run is the sum of the advances of the faces it will be drawn in; a
//! character no face covers is listed in the result's `missing_glyphs`, never dropped.

use super::Layout;
use super::fonts::{FaceId, FontBook, Resolved, Variant};
use super::linebreak::break_lines;
use super::paged::{Block, Line, MissingGlyph, Paragraph, Role, Source, Span};
use super::settings::{Align, LabelPlacement, ParagraphStyle};
use super::templates::{TemplateError, document_data, label_data};
use crate::model::{self, Transcript};
use rayon::prelude::*;
use serde_json::json;
use std::collections::HashMap;

/// The composed blocks, in reading order, and the characters no font covers.
pub struct Composition {
    pub blocks: Vec<Block>,
    pub missing_glyphs: Vec<MissingGlyph>,
}

/// Why composing failed: a template did not render.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("template {origin}, line {line}: {message}")]
    TitleBlockLine { origin: String, line: usize, message: String },
}

/// Composes the title block and every body block of `t`. Blocks are independent until
/// pagination, so they are composed in parallel; the result is the same in any case.
pub fn compose(t: &Transcript, layout: &Layout, fonts: &FontBook) -> Result<Composition, ComposeError> {
    let labels = labels(t, layout)?;
    let mut composer = Composer::new(layout, fonts, &labels);
    let mut blocks = vec![composer.title_block(t)?];
    let mut missing_glyphs = composer.missing;
    let composed: Vec<Option<(Block, Vec<MissingGlyph>)>> = t
        .body
        .par_iter()
        .enumerate()
        // One composer per thread's run of blocks, so that what it learns of the fonts carries over.
        .map_init(
            || Composer::new(layout, fonts, &labels),
            |composer, (index, block)| Ok(composer.block(index, block)?.map(|b| (b, std::mem::take(&mut composer.missing)))),
        )
        .collect::<Result<_, ComposeError>>()?;
    let mut break_pending = false;
    for item in composed {
        let Some((block, missing)) = item else {
            break_pending = true;
            continue;
        };
        blocks.push(Block { break_before: block.break_before || break_pending, ..block });
        missing_glyphs.extend(missing);
        break_pending = false;
    }
    Ok(Composition { blocks, missing_glyphs })
}

/// The title-block template is read line by line (`style|text`), so line breaks inside the
/// values it prints become spaces: a title with a newline stays one title paragraph instead of
/// leaving a line with no style (an error) or one that names a style of its own.
fn without_line_breaks(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains(['\n', '\r']) => Value::String(s.replace("\r\n", " ").replace(['\n', '\r'], " ")),
        Value::Array(items) => Value::Array(items.into_iter().map(without_line_breaks).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, without_line_breaks(v))).collect()),
        other => other,
    }
}

/// The label of each distinct (speaker, time, language) of the body's turns.
type Labels<'t> = HashMap<(&'t str, Option<&'t str>, Option<&'t str>), String>;

/// Renders the label template once per distinct speaker, time and language.
fn labels<'t>(t: &'t Transcript, layout: &Layout) -> Result<Labels<'t>, ComposeError> {
    let mut labels = Labels::new();
    for (index, block) in t.body.iter().enumerate() {
        let model::Block::Turn(turn) = block else { continue };
        let key = (turn.speaker.as_str(), turn.time.as_deref(), turn.lang.as_deref());
        if labels.contains_key(&key) {
            continue;
        }
        let speaker = t.speaker(&turn.speaker).expect("validated: every turn's speaker is declared");
        let context = format!("speaker `{}` at body[{index}]", speaker.id);
        let label = layout.templates.render("label", &label_data(speaker, turn), &context)?;
        labels.insert(key, label.trim().to_string());
    }
    Ok(labels)
}

struct Composer<'a> {
    layout: &'a Layout,
    fonts: &'a FontBook,
    labels: &'a Labels<'a>,
    missing: Vec<MissingGlyph>,
    /// How each ASCII character is set, per preferred face and size (bits of the `f32`), as far
    /// as it has been asked for: most of most transcripts is ASCII, in a few styles.
    ascii: HashMap<(FaceId, u32), AsciiTable>,
}

type AsciiTable = [Option<Resolved>; 128];

impl<'a> Composer<'a> {
    fn new(layout: &'a Layout, fonts: &'a FontBook, labels: &'a Labels<'a>) -> Self {
        Composer { layout, fonts, labels, missing: Vec::new(), ascii: HashMap::new() }
    }

    /// Composes `body[index]`; `None` for a page break, which only marks the next block.
    fn block(&mut self, index: usize, block: &model::Block) -> Result<Option<Block>, ComposeError> {
        let source = Source::Body(index);
        Ok(Some(match block {
            model::Block::PageBreak(_) => return Ok(None),
            model::Block::Heading(heading) => {
                let level = heading.level().clamp(1, 3);
                let rule = self.layout.settings.breaks.page_before_heading_level;
                let paragraph = self.paragraph(Role::Heading(level), None, &heading.text, source);
                Block { source, paragraphs: vec![paragraph], keep_with_next: true, break_before: heading.level() <= rule }
            }
            model::Block::Note(note) => {
                let data = json!({ "text": note.text, "kind": note.kind });
                let text = self.layout.templates.render("note", &data, &format!("the note at body[{index}]"))?;
                Block {
                    source,
                    paragraphs: vec![self.paragraph(Role::Note, None, &text, source)],
                    keep_with_next: false,
                    break_before: false,
                }
            }
            model::Block::Turn(turn) => self.turn(turn, index)?,
        }))
    }

    fn title_block(&mut self, t: &Transcript) -> Result<Block, ComposeError> {
        let rendered = self.layout.templates.render("title-block", &without_line_breaks(document_data(t)), "the title block")?;
        let mut paragraphs = Vec::new();
        for (n, line) in rendered.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let problem =
                |message: String| ComposeError::TitleBlockLine { origin: self.layout.template_origin("title-block"), line: n + 1, message };
            let Some((style, text)) = line.split_once('|') else {
                return Err(problem(format!("`{line}` does not start with a style and `|`, e.g. `title|{{{{title}}}}`")));
            };
            let role = match style.trim() {
                "title" => Role::Title,
                "subtitle" => Role::Subtitle,
                "meta" => Role::Meta,
                "heading1" => Role::Heading(1),
                "heading2" => Role::Heading(2),
                "heading3" => Role::Heading(3),
                "note" => Role::Note,
                other => return Err(problem(format!("unknown style `{other}`; use title, subtitle, meta, heading1-3 or note"))),
            };
            if !text.trim().is_empty() {
                paragraphs.push(self.paragraph(role, None, text.trim(), Source::TitleBlock));
            }
        }
        Ok(Block { source: Source::TitleBlock, paragraphs, keep_with_next: false, break_before: false })
    }

    fn turn(&mut self, turn: &model::Turn, index: usize) -> Result<Block, ComposeError> {
        let source = Source::Body(index);
        let key = (turn.speaker.as_str(), turn.time.as_deref(), turn.lang.as_deref());
        let label = self.labels.get(&key).cloned().unwrap_or_default();
        let mut paragraphs = Vec::new();
        let inline = self.layout.settings.label.placement == LabelPlacement::Inline;
        if !inline && !label.is_empty() {
            paragraphs.push(self.paragraph(Role::Label, Some(&label), "", source));
        }
        for (n, text) in turn.paragraphs.iter().enumerate() {
            let label = (inline && n == 0 && !label.is_empty()).then_some(label.as_str());
            paragraphs.push(self.paragraph(Role::Turn(n), label, text, source));
        }
        Ok(Block { source, paragraphs, keep_with_next: false, break_before: false })
    }

    fn style(&self, role: Role) -> &ParagraphStyle {
        let s = &self.layout.settings.styles;
        match role {
            Role::Title => &s.title,
            Role::Subtitle => &s.subtitle,
            Role::Meta => &s.meta,
            Role::Heading(1) => &s.heading1,
            Role::Heading(2) => &s.heading2,
            Role::Heading(_) => &s.heading3,
            Role::Label | Role::Turn(_) => &s.turn,
            Role::Note => &s.note,
        }
    }

    /// Breaks `label` (if any, followed by a space) and `text` into lines in `role`'s style.
    fn paragraph(&mut self, role: Role, label: Option<&str>, text: &str, source: Source) -> Paragraph {
        let style = self.style(role).clone();
        let face = self.fonts.select(&style.family, Variant { bold: style.bold, italic: style.italic }).expect("checked layout");
        let label_style = &self.layout.settings.styles.label;
        let label_face = self
            .fonts
            .select(label_style.family.as_deref().unwrap_or(&style.family), Variant { bold: label_style.bold, italic: label_style.italic })
            .expect("checked layout");
        let (full, label_len) = match label {
            Some(label) if text.is_empty() => (label.to_string(), label.len()),
            Some(label) => (format!("{label} {text}"), label.len()),
            None => (text.to_string(), 0),
        };
        let measure = self.layout.settings.measure();
        let indent = style.indent.pt();
        let first_indent = indent + style.first_line_indent.pt();
        // How each character is set, at the byte offset where it starts (the other bytes of a
        // multi-byte character are never read).
        let mut faces: Vec<Resolved> = Vec::with_capacity(full.len());
        let size_key = style.size.to_bits();
        let mut ascii = [label_face, face].map(|f| self.ascii.remove(&(f, size_key)).unwrap_or([None; 128]));
        for (i, ch) in full.char_indices() {
            let in_label = i < label_len;
            let preferred = if in_label { label_face } else { face };
            let resolved = match ascii[usize::from(!in_label)].get_mut(ch as usize) {
                Some(Some(known)) if !known.missing => *known,
                Some(slot) => *slot.insert(self.resolve(preferred, ch, source, style.size)),
                None => self.resolve(preferred, ch, source, style.size),
            };
            faces.resize(i + ch.len_utf8(), resolved);
        }
        let [label_table, text_table] = ascii;
        self.ascii.insert((label_face, size_key), label_table);
        self.ascii.insert((face, size_key), text_table);
        let advance = |byte: usize, _: char| faces[byte].advance;
        let broken = break_lines(&full, advance, measure - first_indent, measure - indent);
        let lines = broken
            .iter()
            .enumerate()
            .map(|(n, b)| {
                let spans = spans(&full, b.start..b.end, label_len, &faces, style.size);
                let width = spans.iter().map(|s| s.width).sum::<f32>();
                let left = if n == 0 { first_indent } else { indent };
                let x = match style.align {
                    Align::Left => left,
                    Align::Center => left + (measure - left - width).max(0.0) / 2.0,
                    Align::Right => left + (measure - left - width).max(0.0),
                };
                Line { x, width, text: full[b.start..b.end].to_string(), after: full[b.end..b.next].to_string(), spans }
            })
            .collect();
        let primary = self.fonts.face(face);
        let leading = style.leading();
        let ascent = (leading - style.size * (primary.ascender + primary.descender)) / 2.0 + style.size * primary.ascender;
        Paragraph {
            role,
            label: label.map(str::to_string),
            text: text.to_string(),
            lines,
            leading,
            ascent,
            space_before: style.space_before.pt(),
            // A label on its own line sits directly above its text.
            space_after: if role == Role::Label { 0.0 } else { style.space_after.pt() },
        }
    }

    /// How `ch` is set; records characters no face covers.
    fn resolve(&mut self, preferred: FaceId, ch: char, source: Source, size: f32) -> Resolved {
        let resolved = self.fonts.resolve(preferred, ch, size);
        if resolved.missing {
            let place = match source {
                Source::TitleBlock => "the title block".to_string(),
                Source::Body(n) => format!("body[{n}]"),
            };
            if !self.missing.iter().any(|m| m.ch == ch && m.place == place) {
                self.missing.push(MissingGlyph { ch, place });
            }
        }
        resolved
    }
}

/// Splits the visible text of a line into runs of one face and one label state.
/// `faces` holds each character's setting at the byte offset where it starts.
fn spans(full: &str, range: std::ops::Range<usize>, label_len: usize, faces: &[Resolved], size: f32) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut x = 0.0;
    for (offset, _) in full[range.clone()].char_indices() {
        let at = range.start + offset;
        let Resolved { face, advance, drawn, .. } = faces[at];
        let label = at < label_len;
        match out.last_mut() {
            Some(span) if span.face == face && span.label == label && span.drawn == drawn => span.width += advance,
            _ => {
                out.push(Span { x, width: advance, text: String::new(), face, size, label, drawn });
                starts.push(at);
            }
        }
        x += advance;
    }
    // Each span's text is the stretch of the line from its first character to the next span's.
    for (n, span) in out.iter_mut().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(range.end);
        span.text = full[starts[n]..end].to_string();
    }
    out
}
