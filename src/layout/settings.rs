//! Typed layout settings, read from `layout.toml`.
//!
//! Guarantees: unknown keys are errors (with the key's path); lengths carry units; after
//! [`Settings::check`] succeeds the page has room for text, every style names a known family
//! and every number is in a range that terminates and prints.

use super::fonts::FontBook;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A length in points, written in a layout with a unit: `25mm`, `2.5cm`, `1in`, `12pt`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(pub f32);

impl Length {
    pub fn pt(self) -> f32 {
        self.0
    }

    pub fn parse(text: &str) -> Result<Length, String> {
        let text = text.trim();
        let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let value: f32 = number.trim().parse().map_err(|_| format!("`{text}` is not a length such as `25mm`, `2.5cm`, `1in` or `12pt`"))?;
        let factor = match unit {
            "pt" => 1.0,
            "mm" => 72.0 / 25.4,
            "cm" => 72.0 / 2.54,
            "in" => 72.0,
            "" if value == 0.0 => 1.0,
            "" => return Err(format!("`{text}` needs a unit: mm, cm, in or pt")),
            other => return Err(format!("unknown unit `{other}` in `{text}`; use mm, cm, in or pt")),
        };
        if !value.is_finite() {
            return Err(format!("`{text}` is not a finite length"));
        }
        Ok(Length(value * factor))
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(f64),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Text(text) => Length::parse(&text).map_err(serde::de::Error::custom),
            Raw::Number(0.0) => Ok(Length(0.0)),
            Raw::Number(n) => Err(serde::de::Error::custom(format!("`{n}` needs a unit, e.g. \"{n}pt\" or \"{n}mm\""))),
        }
    }
}

impl Serialize for Length {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{}pt", (self.0 * 100.0).round() / 100.0))
    }
}

/// Everything `layout.toml` can say.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The built-in layout whose files this one starts from (user layouts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    pub description: String,
    pub page: PageSettings,
    pub styles: Styles,
    pub label: LabelSettings,
    pub breaks: BreakRules,
    pub header: RunningSettings,
    pub footer: RunningSettings,
    pub txt: TxtSettings,
    pub pdf: PdfSettings,
    pub fonts: FontSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSettings {
    /// Fonts for characters the styles' families lack, tried in order: font files (`.ttf`,
    /// `.otf`, `.ttc`, relative to the layout directory) or family names of installed fonts.
    pub fallback: Vec<String>,
}

impl FontSettings {
    /// Whether entry `name` names a font file rather than an installed family.
    pub fn is_file(name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| lower.ends_with(ext))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSettings {
    /// `A4`, `A5`, `Letter`, `Legal`, or a table `{ width = "6in", height = "9in" }`.
    pub size: PageSize,
    pub margins: Margins,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PageSize {
    Named(String),
    Custom { width: Length, height: Length },
}

impl PageSize {
    /// Width and height in points.
    pub fn dimensions(&self) -> Result<(f32, f32), String> {
        match self {
            PageSize::Custom { width, height } => Ok((width.pt(), height.pt())),
            PageSize::Named(name) => match name.to_ascii_lowercase().as_str() {
                "a4" => Ok((595.276, 841.89)),
                "a5" => Ok((419.528, 595.276)),
                "letter" => Ok((612.0, 792.0)),
                "legal" => Ok((612.0, 1008.0)),
                _ => Err(format!("unknown page size `{name}`: use A4, A5, Letter, Legal or {{ width = …, height = … }}")),
            },
        }
    }
}

/// Distances from the paper's edges. `header` and `footer` are the distances from the top
/// and bottom edges to the running header's and footer's baselines.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: Length,
    pub bottom: Length,
    pub left: Length,
    pub right: Length,
    pub header: Length,
    pub footer: Length,
}

/// Named paragraph styles, one per kind of text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Styles {
    pub title: ParagraphStyle,
    pub subtitle: ParagraphStyle,
    pub meta: ParagraphStyle,
    pub heading1: ParagraphStyle,
    pub heading2: ParagraphStyle,
    pub heading3: ParagraphStyle,
    /// Paragraphs of a turn.
    pub turn: ParagraphStyle,
    pub note: ParagraphStyle,
    pub header: ParagraphStyle,
    pub footer: ParagraphStyle,
    /// The speaker label, set inside the turn's paragraph style.
    pub label: CharacterStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphStyle {
    /// A font family: `Liberation Serif`, `Liberation Sans` or `Liberation Mono`.
    pub family: String,
    /// Font size in points.
    pub size: f32,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    /// Distance between baselines as a multiple of the font size.
    pub line_height: f32,
    #[serde(default)]
    pub space_before: Length,
    #[serde(default)]
    pub space_after: Length,
    /// Left indent of every line.
    #[serde(default)]
    pub indent: Length,
    /// Extra indent of the first line (negative for a hanging indent).
    #[serde(default)]
    pub first_line_indent: Length,
    #[serde(default)]
    pub align: Align,
}

impl ParagraphStyle {
    /// Baseline-to-baseline distance in points.
    pub fn leading(&self) -> f32 {
        self.size * self.line_height
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharacterStyle {
    /// Family of the label; the turn's family when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelPlacement {
    /// `Name: text…` at the start of the turn's first paragraph.
    Inline,
    /// The label on a line of its own above the turn.
    OwnLine,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSettings {
    pub placement: LabelPlacement,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakRules {
    /// Headings of this level or higher (numerically lower) start a new page; 0 for none.
    pub page_before_heading_level: u8,
    /// Lines of a turn's first paragraph kept on the page with its speaker label.
    pub keep_label_lines: u32,
    /// Fewest lines of a paragraph left alone at the top of a page.
    pub widows: u32,
    /// Fewest lines of a paragraph left alone at the foot of a page.
    pub orphans: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunningSettings {
    /// Whether the first page carries it too.
    pub first_page: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TxtSettings {
    /// Column width of the plain-text export.
    pub columns: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfSettings {
    /// Whether the PDF's outline (bookmarks) lists every speaker turn under its heading.
    pub outline_turns: bool,
}

impl Settings {
    /// Page width and height in points (checked by [`Settings::check`]).
    pub fn page_dimensions(&self) -> (f32, f32) {
        self.page.size.dimensions().unwrap_or((595.276, 841.89))
    }

    /// Width of the text column in points.
    pub fn measure(&self) -> f32 {
        let m = &self.page.margins;
        self.page_dimensions().0 - m.left.pt() - m.right.pt()
    }

    /// Height of the text area in points.
    pub fn content_height(&self) -> f32 {
        let m = &self.page.margins;
        self.page_dimensions().1 - m.top.pt() - m.bottom.pt()
    }

    /// The paragraph style called `name` (`turn`, `heading1`…), as [`Settings::named_styles`] names them.
    pub fn style(&self, name: &str) -> Option<&ParagraphStyle> {
        self.named_styles().into_iter().find(|(n, _)| *n == name).map(|(_, s)| s)
    }

    pub fn named_styles(&self) -> [(&'static str, &ParagraphStyle); 10] {
        let s = &self.styles;
        [
            ("title", &s.title),
            ("subtitle", &s.subtitle),
            ("meta", &s.meta),
            ("heading1", &s.heading1),
            ("heading2", &s.heading2),
            ("heading3", &s.heading3),
            ("turn", &s.turn),
            ("note", &s.note),
            ("header", &s.header),
            ("footer", &s.footer),
        ]
    }

    /// Every impossible or unusable value, as `key: problem`.
    pub fn check(&self, fonts: &FontBook) -> Vec<String> {
        let mut out = Vec::new();
        let (width, height) = match self.page.size.dimensions() {
            Ok(d) => d,
            Err(e) => {
                out.push(format!("page.size: {e}"));
                return out;
            }
        };
        if !(72.0..=14_400.0).contains(&width) || !(72.0..=14_400.0).contains(&height) {
            out.push(format!("page.size: {width:.0}×{height:.0} pt is outside 1 in to 200 in"));
        }
        let m = &self.page.margins;
        for (name, value) in
            [("top", m.top), ("bottom", m.bottom), ("left", m.left), ("right", m.right), ("header", m.header), ("footer", m.footer)]
        {
            if value.pt() < 0.0 {
                out.push(format!("page.margins.{name}: is negative ({:.1}pt)", value.pt()));
            }
        }
        let room_across = self.measure() >= 72.0;
        if !room_across {
            out.push(format!(
                "page.margins: left and right margins ({:.1}pt + {:.1}pt) leave {:.1}pt of a {width:.1}pt page; at least 72pt (1 in) is needed",
                m.left.pt(),
                m.right.pt(),
                self.measure().max(0.0)
            ));
        }
        if m.header.pt() > m.top.pt() {
            out.push("page.margins.header: the header baseline lies below the top margin, inside the text".to_string());
        }
        if m.footer.pt() > m.bottom.pt() {
            out.push("page.margins.footer: the footer baseline lies above the bottom margin, inside the text".to_string());
        }
        for (name, style) in self.named_styles() {
            if fonts.family(&style.family).is_none() {
                out.push(format!(
                    "styles.{name}.family: unknown font family `{}`; available: {}",
                    style.family,
                    fonts.family_names().collect::<Vec<_>>().join(", ")
                ));
            }
            if !(2.0..=200.0).contains(&style.size) {
                out.push(format!("styles.{name}.size: {} is outside 2 to 200 points", style.size));
            }
            if !(0.8..=5.0).contains(&style.line_height) {
                out.push(format!("styles.{name}.line_height: {} is outside 0.8 to 5", style.line_height));
            }
            if style.space_before.pt() < 0.0 || style.space_after.pt() < 0.0 {
                out.push(format!("styles.{name}: paragraph spacing cannot be negative"));
            }
            if style.indent.pt() < 0.0 || (room_across && style.indent.pt() + style.first_line_indent.pt().max(0.0) > self.measure() / 2.0)
            {
                out.push(format!("styles.{name}: indents must be positive and leave at least half the column"));
            }
            if style.indent.pt() + style.first_line_indent.pt() < 0.0 {
                out.push(format!("styles.{name}.first_line_indent: hangs further left than the margin"));
            }
        }
        if let Some(family) = &self.styles.label.family
            && fonts.family(family).is_none()
        {
            out.push(format!("styles.label.family: unknown font family `{family}`"));
        }
        let tallest = self.named_styles()[..8].iter().map(|(_, s)| s.leading()).fold(0.0, f32::max);
        let room_for_text = self.content_height() >= 3.0 * tallest;
        if !room_for_text {
            out.push(format!(
                "page.margins: top and bottom margins leave {:.1}pt of text height, fewer than 3 lines of the tallest style ({:.1}pt each)",
                self.content_height().max(0.0),
                tallest
            ));
        }
        let lines_per_page = (self.content_height() / self.styles.turn.leading()).floor() as u32;
        let b = &self.breaks;
        if b.page_before_heading_level > 6 {
            out.push("breaks.page_before_heading_level: must be 0 (never) to 6".to_string());
        }
        for (name, n) in [("keep_label_lines", b.keep_label_lines), ("widows", b.widows), ("orphans", b.orphans)] {
            // With no room for text, the margins are the problem, not these.
            if room_for_text && n > lines_per_page / 2 {
                out.push(format!("breaks.{name}: {n} is more than half the {lines_per_page} lines a page holds"));
            }
        }
        if !(20..=400).contains(&self.txt.columns) {
            out.push(format!("txt.columns: {} is outside 20 to 400", self.txt.columns));
        }
        out
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_need_units_and_convert_to_points() {
        assert_eq!(Length::parse("1in").unwrap().pt(), 72.0);
        assert!((Length::parse("25.4mm").unwrap().pt() - 72.0).abs() < 1e-3);
        assert!((Length::parse("2.54cm").unwrap().pt() - 72.0).abs() < 1e-3);
        assert_eq!(Length::parse("-3pt").unwrap().pt(), -3.0);
        assert_eq!(Length::parse("0").unwrap().pt(), 0.0);
        assert!(Length::parse("12").unwrap_err().contains("needs a unit"));
        assert!(Length::parse("12px").unwrap_err().contains("unknown unit `px`"));
        assert!(Length::parse("abc").is_err());
    }
}
