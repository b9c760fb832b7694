//! The paged document: finished pages of positioned lines, what every exporter receives.
//!
//! Positions are in points from the page's top-left corner; `baseline` is where glyphs sit.
//! Exporters draw or serialize these lines; they never move a line to another page.

use super::fonts::FaceId;

/// A run of text in one face, positioned within its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Offset from the line's left edge, in points.
    pub x: f32,
    /// Sum of the glyph advances, in points: the same numbers drawing must use.
    pub width: f32,
    pub text: String,
    pub face: FaceId,
    pub size: f32,
    /// Whether this run is (part of) the speaker label.
    pub label: bool,
    /// Whether the run is drawn: false for tabs, invisible characters and characters no
    /// font covers, which only take their room.
    pub drawn: bool,
}

/// One line as composed: its visible text, the text its break dropped, and its runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Offset of the line from the text column's left edge (indents and alignment).
    pub x: f32,
    pub width: f32,
    pub text: String,
    /// What the line break dropped after this line: a space, a newline or nothing.
    pub after: String,
    pub spans: Vec<Span>,
}

/// What a paragraph is, for styling and for exporters that rebuild paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    Meta,
    Heading(u8),
    /// A speaker label set on its own line.
    Label,
    /// Paragraph `n` of a turn.
    Turn(usize),
    Note,
}

impl Role {
    /// The layout style this role is set in.
    pub fn style_name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Subtitle => "subtitle",
            Role::Meta => "meta",
            Role::Heading(1) => "heading1",
            Role::Heading(2) => "heading2",
            Role::Heading(_) => "heading3",
            Role::Label | Role::Turn(_) => "turn",
            Role::Note => "note",
        }
    }
}

/// A paragraph broken into lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub role: Role,
    /// The speaker label that opens this paragraph's text, when placed inline (or the whole
    /// text, for [`Role::Label`]); exactly as the label template rendered it.
    pub label: Option<String>,
    /// The paragraph's own text, without the label.
    pub text: String,
    pub lines: Vec<Line>,
    /// Baseline-to-baseline distance.
    pub leading: f32,
    /// Distance from the top of a line's box to its baseline.
    pub ascent: f32,
    pub space_before: f32,
    pub space_after: f32,
}

/// The page starts of each `(block, paragraph)`; see [`PagedDocument::page_starts`].
pub type PageStarts = std::collections::BTreeMap<(usize, usize), Vec<PageStart>>;

/// A page that starts inside a paragraph: (byte offset into the paragraph's full text, page number).
pub type PageStart = (usize, usize);

impl Paragraph {
    /// Splits page starts into the paragraph's full text (label, space, text) into offsets into
    /// the label and offsets into [`Paragraph::text`], keeping what rides along with each. An
    /// offset on the space after the label goes to the end of the label.
    pub fn split_at_label(&self, offsets: &[PageStart]) -> (Vec<PageStart>, Vec<PageStart>) {
        match (&self.label, self.role) {
            (None, _) => (Vec::new(), offsets.to_vec()),
            (Some(_), Role::Label) => (offsets.to_vec(), Vec::new()),
            (Some(label), _) => {
                let text_start = label.len() + 1;
                let (in_label, in_text): (Vec<_>, Vec<_>) = offsets.iter().partition(|(offset, _)| *offset < text_start);
                let in_label = in_label.into_iter().map(|(offset, x)| (offset.min(label.len()), x)).collect();
                (in_label, in_text.into_iter().map(|(offset, x)| (offset - text_start, x)).collect())
            }
        }
    }
}

/// Where a composed block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The title block the layout's `title-block` template renders before the body.
    TitleBlock,
    /// `body[n]` of the transcript.
    Body(usize),
}

/// A block of the transcript (or the title block), composed into paragraphs of lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub source: Source,
    pub paragraphs: Vec<Paragraph>,
    /// The block must share its page with the start of the next one (headings).
    pub keep_with_next: bool,
    /// The block starts a new page (after a `page_break`, or a heading rule).
    pub break_before: bool,
}

/// A line placed on a page: which line of which paragraph, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub block: usize,
    pub paragraph: usize,
    pub line: usize,
    /// Left edge of the line, from the page's left edge.
    pub x: f32,
    /// Baseline, from the page's top edge.
    pub baseline: f32,
}

/// Part of a running header or footer (left, centre or right), positioned on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Running {
    /// Which of the three places the part takes.
    pub align: super::settings::Align,
    pub line: Line,
    pub x: f32,
    pub baseline: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    pub lines: Vec<Placed>,
    pub header: Vec<Running>,
    pub footer: Vec<Running>,
}

/// A character no available font covers, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    /// `body[12]`, `the title block`, `the running header of page 3`.
    pub place: String,
}

/// The finished pages.
#[derive(Debug, Clone)]
pub struct PagedDocument {
    /// The faces the spans' [`FaceId`]s refer to.
    pub fonts: std::sync::Arc<super::fonts::FontBook>,
    pub width: f32,
    pub height: f32,
    pub blocks: Vec<Block>,
    pub pages: Vec<Page>,
    pub missing_glyphs: Vec<MissingGlyph>,
}

impl PagedDocument {
    pub fn paragraph(&self, placed: &Placed) -> &Paragraph {
        &self.blocks[placed.block].paragraphs[placed.paragraph]
    }

    pub fn line(&self, placed: &Placed) -> &Line {
        &self.paragraph(placed).lines[placed.line]
    }

    /// Where each page begins, by paragraph: for `(block, paragraph)`, the pages that start in
    /// it as `(byte offset into the paragraph's full text, page number)`. The full text is the
    /// lines' text and what their breaks dropped: the label, a space and the text for a
    /// paragraph with an inline label. Exporters that reflow (EPUB) or rebuild paragraphs
    /// (DOCX) put their page markers and breaks there.
    pub fn page_starts(&self) -> PageStarts {
        let mut starts = PageStarts::new();
        for page in &self.pages {
            let Some(first) = page.lines.first() else { continue };
            let paragraph = self.paragraph(first);
            let offset: usize = paragraph.lines[..first.line].iter().map(|l| l.text.len() + l.after.len()).sum();
            starts.entry((first.block, first.paragraph)).or_default().push((offset, page.number));
        }
        starts
    }

    /// The canonical text dump compared by the golden tests: per page, the running header,
    /// every line with its baseline, left edge and style, and the footer. Label runs are
    /// wrapped in `**`.
    pub fn dump(&self) -> String {
        let mut out = format!("paged document: {} pages of {:.2} x {:.2} pt\n", self.pages.len(), self.width, self.height);
        for page in &self.pages {
            out.push_str(&format!("\n== page {} ==\n", page.number));
            for part in &page.header {
                out.push_str(&format!("{:7.2} {:7.2} header   | {}\n", part.baseline, part.x, part.line.text));
            }
            for placed in &page.lines {
                let paragraph = self.paragraph(placed);
                let line = self.line(placed);
                let style = match paragraph.role {
                    Role::Label => "label",
                    role => role.style_name(),
                };
                out.push_str(&format!("{:7.2} {:7.2} {:<8} | {}\n", placed.baseline, placed.x, style, marked_text(line)));
            }
            for part in &page.footer {
                out.push_str(&format!("{:7.2} {:7.2} footer   | {}\n", part.baseline, part.x, part.line.text));
            }
        }
        out
    }
}

/// The line's text with label runs wrapped in `**`.
fn marked_text(line: &Line) -> String {
    let mut out = String::new();
    let mut in_label = false;
    for span in &line.spans {
        if span.label != in_label {
            out.push_str("**");
            in_label = span.label;
        }
        out.push_str(&span.text);
    }
    if in_label {
        out.push_str("**");
    }
    out
}
