//! Exporters: one file per format behind one trait. Each serializes the finished pages of a
//! [`PagedDocument`]; none lays out, moves a line to another page, reads the clock or draws
//! randomness. Adding a format is one file here and one line in [`registry`].

mod docx;
mod epub;
mod package;
mod pdf;
mod txt;

pub use docx::DocxExporter;
pub use epub::EpubExporter;
pub use pdf::PdfExporter;
pub use txt::TxtExporter;

use crate::layout::{Layout, PagedDocument};
use crate::model::Transcript;

/// Facts about the build that exporters may print (dates, ids), fixed before exporting so
/// that equal inputs give equal bytes.
#[derive(Debug, Clone, Default)]
pub struct BuildInfo {
    /// Seconds since the Unix epoch to stamp as the creation date: `SOURCE_DATE_EPOCH` when
    /// set, else the transcript's date, else none.
    pub created: Option<i64>,
}

impl BuildInfo {
    /// From `SOURCE_DATE_EPOCH` (when set and valid) or the transcript's date.
    pub fn new(t: &Transcript, source_date_epoch: Option<&str>) -> BuildInfo {
        let from_env = source_date_epoch.and_then(|s| s.trim().parse::<i64>().ok());
        let from_model = t.metadata.date.as_ref().map(|d| d.unix_seconds());
        BuildInfo { created: from_env.or(from_model) }
    }
}

/// Everything an exporter needs: the model, its pages, the layout that made them and the
/// user's export options.
pub struct Rendition<'a> {
    pub transcript: &'a Transcript,
    pub paged: &'a PagedDocument,
    pub layout: &'a Layout,
    pub build: &'a BuildInfo,
    pub options: &'a ExportOptions,
}

/// Options of the exports that the command line sets.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// PDF/A conformance level to write and check, if any.
    pub pdf_standard: Option<PdfStandard>,
    /// Leave characters no font covers out of the PDF with a warning, instead of failing.
    pub allow_missing_glyphs: bool,
}

/// The archival PDF levels verbatim writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfStandard {
    /// PDF/A-2b.
    A2b,
    /// PDF/A-3b, with the source transcript attached as JSON.
    A3b,
}

impl std::str::FromStr for PdfStandard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace(['/', '_'], "-").trim_start_matches("pdf-") {
            "a-2b" | "a2b" => Ok(PdfStandard::A2b),
            "a-3b" | "a3b" => Ok(PdfStandard::A3b),
            _ => Err(format!("unknown PDF standard `{s}`: use a-2b or a-3b")),
        }
    }
}

/// Warnings an exporter raises without failing.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub warnings: Vec<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[error("{format}: {message}")]
pub struct ExportError {
    pub format: &'static str,
    pub message: String,
}

/// One output format.
pub trait Exporter: Send + Sync {
    /// The name used by `--to`, e.g. `txt`.
    fn id(&self) -> &'static str;
    /// File extension without the dot.
    fn extension(&self) -> &'static str;
    fn media_type(&self) -> &'static str;
    /// One line for `verbatim formats`.
    fn description(&self) -> &'static str;
    /// The file's bytes. Must be deterministic for equal renditions and must keep the
    /// paged document's page boundaries.
    fn export(&self, rendition: &Rendition<'_>, diagnostics: &mut Diagnostics) -> Result<Vec<u8>, ExportError>;
}

/// Every registered format, in the order `verbatim formats` lists them.
pub fn registry() -> &'static [&'static dyn Exporter] {
    &[&TxtExporter, &PdfExporter, &DocxExporter, &EpubExporter]
}

/// Escapes text for XML content and attribute values.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml_escaped(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`xml_escape`] does, copying the runs between markup
/// characters whole (they are ASCII, so never inside a multi-byte character).
pub(crate) fn push_xml_escaped(out: &mut String, text: &str) {
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// Appends `text` to `out` escaped for XML content, leaving out the characters XML 1.0 cannot
/// carry ([`crate::model::is_unprintable`]); the same escapes as [`xml_escape`]. One pass over
/// the bytes: runs of ordinary text are copied whole.
pub(crate) fn push_xml_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        // Only markup and the bytes that may start an unprintable character need a look.
        if !matches!(bytes[at], b'&' | b'<' | b'>' | b'"' | b'\'') && !crate::model::may_start_unprintable(bytes[at]) {
            at += 1;
            continue;
        }
        let ch = text[at..].chars().next().expect("at a character boundary");
        let replacement = match ch {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if crate::model::is_unprintable(c) => "",
            _ => {
                at += ch.len_utf8();
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        at += ch.len_utf8();
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// A time in seconds since the Unix epoch as UTC calendar parts.
pub(crate) struct UtcTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl UtcTime {
    pub(crate) fn from_unix(seconds: i64) -> UtcTime {
        let (year, month, day) = crate::model::civil_from_days(seconds.div_euclid(86_400));
        let s = seconds.rem_euclid(86_400) as u32;
        UtcTime { year, month, day, hour: s / 3600, minute: s / 60 % 60, second: s % 60 }
    }
}

/// Seconds since the Unix epoch as an ISO 8601 UTC timestamp, `2021-07-16T00:00:00Z`.
pub(crate) fn iso_timestamp(seconds: i64) -> String {
    let t = UtcTime::from_unix(seconds);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second)
}

/// The exporter for `--to` name `id`.
pub fn find(id: &str) -> Option<&'static dyn Exporter> {
    registry().iter().copied().find(|e| e.id().eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `push_xml_text` must append: the characters XML can carry, escaped.
    fn reference(text: &str) -> String {
        let kept: String = text.chars().filter(|&c| !crate::model::is_unprintable(c)).collect();
        xml_escape(&kept)
    }

    fn pushed(text: &str) -> String {
        let mut out = String::from("<w:t>");
        push_xml_text(&mut out, text);
        out.strip_prefix("<w:t>").unwrap().to_string()
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(pushed("</w:t><w:t>"), "&lt;/w:t&gt;&lt;w:t&gt;");
        assert_eq!(pushed("a\u{0}b\u{85}c\u{FFFE}d\u{FFFF}e\u{7F}"), "abcde");
        assert_eq!(pushed("Tom & \"Jerry\" 'x'"), "Tom &amp; &quot;Jerry&quot; &apos;x&apos;");
        // Lead bytes 0xC2 and 0xEF also start ordinary characters, which stay.
        assert_eq!(pushed("£ ½ ｆ \u{FEFF} 黄"), "£ ½ ｆ \u{FEFF} 黄");
        assert_eq!(pushed(""), "");
    }

    /// XML escaping one character at a time, as [`xml_escape`] once was written.
    fn escaped_per_character(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&apos;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn escaping_runs_equals_escaping_each_character(text in "\\PC*|[\\x00-\\x7F\\u{80}-\\u{FF}&<>\"']*") {
            prop_assert_eq!(xml_escape(&text), escaped_per_character(&text));
        }

        #[test]
        fn pushing_text_equals_filtering_then_escaping(text in "\\PC*|[\\x00-\\x7F\\u{80}-\\u{FF}\\u{FFF0}-\\u{FFFF}&<>\"']*") {
            prop_assert_eq!(pushed(&text), reference(&text));
        }
    }
}
