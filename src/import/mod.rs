//! Readers that produce the model: the model itself (JSON, YAML), raw scraped or pasted
//! text and Markdown ([`text`]), WebVTT ([`vtt`]), SRT ([`srt`]) and TEI ([`tei`]). Every
//! heuristic of verbatim lives here and nowhere else.
//!
//! Guarantees: input that is not valid UTF-8 (or UTF-16 with a byte-order mark) is an error
//! naming the byte offset; every transcript an importer returns passes
//! [`crate::model::validate`]; nothing is dropped silently: what is not recognized stays as a
//! paragraph or a note, and what is dropped on purpose (web chrome, page furniture) is listed
//! in the [`Explanation`].

pub mod accuracy;
pub mod build;
mod cues;
pub mod detect;
pub mod explain;
pub mod model_file;
mod source;
mod srt;
mod tei;
pub(crate) mod text;
mod vtt;

pub use detect::Format;
pub use explain::{Explanation, Fate};
pub use model_file::{InputFormat, LoadError, load_path, load_str};

use crate::model::Transcript;
use std::io::Read;
use std::path::Path;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The input format; detected from the extension and the content when absent.
    pub from: Option<Format>,
    /// Captions: consecutive cues of one speaker separated by at most this many seconds
    /// join into one paragraph; a longer pause starts a new paragraph of the same turn.
    pub cue_gap: f64,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { from: None, cue_gap: 2.0 }
    }
}

/// A transcript imported, with how it was read.
#[derive(Debug, Clone)]
pub struct Imported {
    pub transcript: Transcript,
    pub format: Format,
    pub explanation: Explanation,
    /// Things worth telling the user (a label with no words, an unreadable time…).
    pub warnings: Vec<String>,
}

/// Imports the file at `path` (`-` reads standard input).
pub fn import_path(path: &Path, options: &ImportOptions) -> Result<Imported, LoadError> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        bytes
    } else {
        std::fs::read(path)?
    };
    let hint = (path.as_os_str() != "-").then_some(path);
    import_bytes(&bytes, hint, options)
}

/// Imports bytes; `path` (if any) gives the extension and the fallback title.
pub fn import_bytes(bytes: &[u8], path: Option<&Path>, options: &ImportOptions) -> Result<Imported, LoadError> {
    let text = source::decode(bytes)?;
    let format = Format::detect(options.from, path, &text);
    let fallback = path.and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().replace(['_', '-'], " ")).unwrap_or_default();
    let mut explanation = Explanation::default();
    let mut b = build::Builder::new();
    match format {
        Format::Json | Format::Yaml => {
            let model_format = if format == Format::Json { InputFormat::Json } else { InputFormat::Yaml };
            let transcript = load_str(&text, model_format)?;
            explanation.push(1, "model-file", Fate::Kept, format!("the model, read as {format}"), "");
            return Ok(Imported { transcript, format, explanation, warnings: Vec::new() });
        }
        Format::Text => text::read(&text, false, &mut b, &mut explanation),
        Format::Markdown => text::read(&text, true, &mut b, &mut explanation),
        Format::Vtt => vtt::read(&text, options, &mut b, &mut explanation)?,
        Format::Srt => srt::read(&text, options, &mut b, &mut explanation)?,
        Format::Tei => tei::read(&text, &mut b, &mut explanation)?,
    }
    explanation.entries.sort_by_key(|e| e.line);
    let (transcript, warnings) = b.finish(&fallback)?;
    Ok(Imported { transcript, format, explanation, warnings })
}

/// The first complete date in a free-text value (`July 16, 2021`, `2021年7月16日`).
fn text_dates(value: &str) -> Option<crate::model::IsoDate> {
    text::dates_parse(value)
}

/// Imports text already in memory (as the fuzz tests do).
pub fn import_str(text: &str, format: Format, options: &ImportOptions) -> Result<Imported, LoadError> {
    import_bytes(text.as_bytes(), None, &ImportOptions { from: Some(format), ..options.clone() })
}
