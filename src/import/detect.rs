//! Which reader a file needs: `--from` first, then the extension, then the content.
//!
//! Content sniffing looks only at the first few kilobytes: a `WEBVTT` header, SRT's numbered
//! cues with `-->` timings, a TEI root, the model's own JSON or YAML, Markdown front matter or
//! `**Name:**` labels; anything else is raw text.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The input formats `verbatim import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Scraped or pasted text: web pages, briefings, hearings, interviews.
    Text,
    /// A Markdown transcript: `**Name:**` labels, front matter, `#` headings.
    Markdown,
    /// WebVTT captions with `<v Name>` voices.
    Vtt,
    /// SubRip captions, with speaker labels inside cues.
    Srt,
    /// TEI XML spoken text (`<sp>`, `<u>`, `<stage>`).
    Tei,
    /// The model itself, as JSON.
    Json,
    /// The model itself, as YAML.
    Yaml,
}

impl Format {
    pub const ALL: [Format; 7] = [Format::Text, Format::Markdown, Format::Vtt, Format::Srt, Format::Tei, Format::Json, Format::Yaml];

    /// The name used by `--from` and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Tei => "tei",
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }

    /// By extension; `None` for an extension no reader claims.
    pub fn from_extension(path: &Path) -> Option<Format> {
        Some(match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "vtt" | "webvtt" => Format::Vtt,
            "srt" => Format::Srt,
            "xml" | "tei" => Format::Tei,
            "json" => Format::Json,
            "yaml" | "yml" => Format::Yaml,
            _ => return None,
        })
    }

    /// The format of `text` judged from its content alone.
    pub fn sniff(text: &str) -> Format {
        let head = head(text.trim_start_matches('\u{feff}').trim_start(), 8192);
        if head.starts_with("WEBVTT") {
            return Format::Vtt;
        }
        if head.starts_with('<') && (head.contains("<TEI") || head.contains("tei-c.org")) {
            return Format::Tei;
        }
        if looks_like_srt(head) {
            return Format::Srt;
        }
        if head.starts_with('{') {
            return Format::Json;
        }
        if head.lines().any(|l| l.starts_with("schema_version:")) || (has_key_line(head, "metadata:") && has_key_line(head, "body:")) {
            return Format::Yaml;
        }
        if has_front_matter(head) || head.lines().filter(|l| is_markdown_label(l)).count() >= 2 {
            return Format::Markdown;
        }
        Format::Text
    }

    /// `from` when given; else the extension, except that a `.txt` holding captions is read
    /// as captions; else the content.
    pub fn detect(from: Option<Format>, path: Option<&Path>, text: &str) -> Format {
        if let Some(f) = from {
            return f;
        }
        match path.and_then(Format::from_extension) {
            Some(Format::Text) => match Format::sniff(text) {
                f @ (Format::Vtt | Format::Srt) => f,
                _ => Format::Text,
            },
            Some(f) => f,
            None => Format::sniff(text),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let wanted = s.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "txt" | "raw" | "plain" => "text",
            "md" => "markdown",
            "webvtt" => "vtt",
            "xml" => "tei",
            "yml" => "yaml",
            other => other,
        };
        Format::ALL.into_iter().find(|f| f.name() == alias).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            crate::suggest::unknown_name_message("input format", s, &names)
        })
    }
}

fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn has_key_line(text: &str, key: &str) -> bool {
    text.lines().any(|l| l.trim_end() == key || l.starts_with(&format!("{key} ")))
}

fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next().is_some_and(|l| l.trim_end() == "---") && lines.take(60).any(|l| matches!(l.trim_end(), "---" | "..."))
}

fn is_markdown_label(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("**") && (line.contains(":**") || line.contains("**:"))
}

/// A number alone on the first line, then a `-->` timing.
fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(first), Some(second)) = (lines.next(), lines.next()) else { return false };
    first.bytes().all(|b| b.is_ascii_digit()) && second.contains("-->")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_shape() {
        assert_eq!(Format::sniff("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hi"), Format::Vtt);
        assert_eq!(Format::sniff("1\n00:00:01,000 --> 00:00:02,000\nHi\n"), Format::Srt);
        assert_eq!(Format::sniff("<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"), Format::Tei);
        assert_eq!(Format::sniff("{\"metadata\": {}}"), Format::Json);
        assert_eq!(Format::sniff("metadata:\n  title: x\nbody: []\n"), Format::Yaml);
        assert_eq!(Format::sniff("---\ntitle: x\n---\n**A:** hi\n"), Format::Markdown);
        assert_eq!(Format::sniff("**Host:** hi\n\n**Guest:** hello\n"), Format::Markdown);
        assert_eq!(Format::sniff("Home > News\n\nThe Paper:\n\nHi\n"), Format::Text);
        assert_eq!(Format::sniff(""), Format::Text);
    }

    #[test]
    fn from_wins_then_extension_then_content() {
        let p = Path::new("a.txt");
        assert_eq!(Format::detect(Some(Format::Srt), Some(p), "x"), Format::Srt);
        assert_eq!(Format::detect(None, Some(p), "WEBVTT\n"), Format::Vtt);
        assert_eq!(Format::detect(None, Some(p), "{}"), Format::Text);
        assert_eq!(Format::detect(None, Some(Path::new("a.md")), "x"), Format::Markdown);
        assert_eq!(Format::detect(None, Some(Path::new("a.html")), "WEBVTT"), Format::Vtt);
    }

    #[test]
    fn names_and_aliases() {
        assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!("TEI".parse::<Format>().unwrap(), Format::Tei);
        let e = "vtx".parse::<Format>().unwrap_err();
        assert!(e.contains("did you mean `vtt`"), "{e}");
    }
}
