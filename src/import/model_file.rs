//! Reads a transcript written in the model's own format, JSON or YAML.
//!
//! Guarantees: a syntax error names the line and column (libyaml's byte offsets are turned
//! into them too); nesting deeper than 127 (JSON) or 128 (YAML) and YAML aliases that expand the document more than
//! 100-fold are errors, not a stack overflow or a memory blow-up; an empty file says so; a file that parses but breaks the
//! model yields *every* problem at once, each with its JSON path (`body[41].speaker`): the first
//! structural problem of each element (unknown field, wrong type, missing field) and every
//! semantic problem (unknown or duplicate speaker id, empty paragraph…). Unknown fields and
//! unknown `type`s get a "did you mean" when one is close.

use crate::model::{self, Block, Heading, Metadata, Note, PageBreak, Problem, Speaker, Transcript, Turn};
use crate::suggest::{backticked_after, improve_serde_message, unknown_name_message};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::io::Read;
use std::path::Path;

/// The syntax a model file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Json,
    Yaml,
}

impl InputFormat {
    /// By extension: `.json`, `.yaml`, `.yml`; `None` for anything else.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(InputFormat::Json),
            "yaml" | "yml" => Some(InputFormat::Yaml),
            _ => None,
        }
    }

    /// For standard input: JSON when the first visible character opens an object.
    fn sniff(text: &str) -> InputFormat {
        match text.trim_start_matches('\u{feff}').trim_start().chars().next() {
            Some('{') => InputFormat::Json,
            _ => InputFormat::Yaml,
        }
    }
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read the file")]
    Io(#[from] std::io::Error),
    #[error("not UTF-8: invalid byte sequence at byte offset {offset} (line {line}, column {column})")]
    NotUtf8 { offset: usize, line: usize, column: usize },
    #[error("the file is empty")]
    Empty,
    /// A limit that keeps hostile input from exhausting memory or time, where the parser
    /// knows no place (a YAML alias bomb).
    #[error("{0}")]
    Limit(String),
    #[error("cannot tell the format from the extension: use .json, .yaml or .yml")]
    UnknownFormat,
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("{} problem{} in the transcript", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Problem>),
}

/// Reads and checks the transcript at `path` (`-` reads standard input).
pub fn load_path(path: &Path) -> Result<Transcript, LoadError> {
    let (bytes, format) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        (bytes, None)
    } else {
        let format = InputFormat::from_path(path).ok_or(LoadError::UnknownFormat)?;
        (std::fs::read(path)?, Some(format))
    };
    let text = super::source::decode(&bytes)?;
    let format = format.unwrap_or_else(|| InputFormat::sniff(&text));
    load_str(&text, format)
}

/// Parses and checks a transcript held in memory.
pub fn load_str(text: &str, format: InputFormat) -> Result<Transcript, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    if format == InputFormat::Json
        && let Ok(transcript) = serde_json::from_str::<Transcript>(text)
        && model::validate(&transcript).is_empty()
    {
        // A valid transcript reads straight into the model (a third of the time of going
        // through a `Value`); anything else takes the element-by-element path below, which
        // gives the same transcript or lists every problem.
        return Ok(transcript);
    }
    let value = match format {
        InputFormat::Json => serde_json::from_str::<Value>(text).map_err(|e| LoadError::Syntax {
            line: e.line(),
            // serde_json says column 0 at the start of a line; people count from 1.
            column: char_column(text, e.line(), e.column()).max(1),
            message: plain_limit_message(&strip_position(&e.to_string()), 127),
        })?,
        InputFormat::Yaml => serde_norway::from_str::<Value>(text).map_err(|e| yaml_error(text, &e))?,
    };
    transcript_from_value(value).map_err(LoadError::Invalid)
}

/// The parsers' nesting limit in words: serde_json stops at 128 open lists and objects,
/// serde_norway past 128.
fn plain_limit_message(message: &str, deepest: usize) -> String {
    match message {
        "recursion limit exceeded" => format!("lists and objects are nested more than {deepest} deep"),
        other => other.to_string(),
    }
}

/// A YAML error with its place. libyaml's reader (control characters, bad encodings) gives a
/// byte offset instead of a line, and the alias-expansion limit gives no place at all.
fn yaml_error(text: &str, error: &serde_norway::Error) -> LoadError {
    let message = error.to_string();
    if message.starts_with("repetition limit exceeded") {
        return LoadError::Limit(
            "YAML aliases expand the document more than 100-fold (an alias bomb?); write the values out instead".to_string(),
        );
    }
    if let Some((before, after)) = message.split_once(" at position ") {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(offset) = digits.parse::<usize>() {
            let (line, column) = crate::suggest::line_column(text, offset);
            return LoadError::Syntax { line, column, message: format!("{before}{}", &after[digits.len()..]) };
        }
    }
    let (line, column) = error.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    LoadError::Syntax { line, column, message: plain_limit_message(&strip_position(&message), 128) }
}

/// serde_json counts columns in bytes; people (and YAML errors) count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(content) = text.lines().nth(line.saturating_sub(1)) else { return byte_column };
    let mut end = byte_column.min(content.len());
    while !content.is_char_boundary(end) {
        end -= 1;
    }
    content[..end].chars().count() + usize::from(byte_column > end)
}

/// serde_json and serde_norway append " at line L column C"; we print the place first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

const TOP_LEVEL_FIELDS: &[&str] = &["schema_version", "metadata", "speakers", "body"];

/// Builds the transcript element by element so that one bad element does not hide the others.
fn transcript_from_value(value: Value) -> Result<Transcript, Vec<Problem>> {
    let Value::Object(mut top) = value else {
        return Err(vec![Problem::new(
            "",
            format!("the document is {}, not an object with `metadata`, `speakers` and `body`", describe(&value)),
        )]);
    };
    let mut structural = Vec::new();
    for key in top.keys() {
        if !TOP_LEVEL_FIELDS.contains(&key.as_str()) {
            structural.push(Problem::new(key.clone(), unknown_name_message("field", key, TOP_LEVEL_FIELDS)));
        }
    }
    let schema_version = match top.remove("schema_version") {
        None => model::SCHEMA_VERSION,
        Some(v) => element::<u32>("schema_version", v, &mut structural).unwrap_or(model::SCHEMA_VERSION),
    };
    let metadata_ok;
    let metadata = match top.remove("metadata") {
        None => {
            structural.push(Problem::new("metadata", "is missing; it needs at least a `title`"));
            metadata_ok = false;
            placeholder_metadata()
        }
        Some(v) => {
            let parsed = element::<Metadata>("metadata", v, &mut structural);
            metadata_ok = parsed.is_some();
            parsed.unwrap_or_else(placeholder_metadata)
        }
    };
    let speakers = elements("speakers", top.remove("speakers"), &mut structural, |raw| Speaker {
        id: raw.get("id").and_then(Value::as_str).unwrap_or_default().to_string(),
        name: "(unreadable)".to_string(),
        role: None,
        affiliation: None,
        native_name: None,
    });
    // An unreadable block stands in as a page break, which no semantic check looks at, so
    // that the remaining blocks keep their indices in problem paths.
    let body = elements("body", top.remove("body"), &mut structural, |_| Block::PageBreak(PageBreak {}));
    let transcript = Transcript { schema_version, metadata, speakers, body };
    // A semantic check of a part that could not be read would only repeat its problem.
    let unreadable_body = structural.iter().any(|p| p.path == "body");
    let semantic = model::validate(&transcript)
        .into_iter()
        .filter(|p| metadata_ok || !p.path.starts_with("metadata"))
        .filter(|p| !(unreadable_body && p.path == "body"));
    let mut problems = structural;
    problems.extend(semantic);
    if problems.is_empty() {
        Ok(transcript)
    } else {
        problems.sort_by_key(|p| document_order(&p.path));
        Err(problems)
    }
}

fn placeholder_metadata() -> Metadata {
    Metadata::new("(unreadable)")
}

/// Sort key keeping problems in the order a reader meets them in the file.
fn document_order(path: &str) -> (usize, usize, String) {
    let section = TOP_LEVEL_FIELDS.iter().position(|f| path.starts_with(f)).unwrap_or(TOP_LEVEL_FIELDS.len());
    let index = path.split_once('[').and_then(|(_, rest)| rest.split_once(']')).and_then(|(n, _)| n.parse().ok()).unwrap_or(0);
    (section, index, path.to_string())
}

/// Deserializes one element; on failure records its first problem under `path` and gives `None`.
fn element<T: DeserializeOwned>(path: &str, value: Value, problems: &mut Vec<Problem>) -> Option<T> {
    let hint_fields = value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            let inner = error.path().to_string();
            let message = improve_serde_message(&error.inner().to_string());
            let mut full = join_path(path, &inner);
            // serde reports an unknown field at the object; name the field itself.
            if let Some(field) = backticked_after(&message, "unknown field ")
                && hint_fields.contains(&field)
                && !full.ends_with(&format!(".{field}"))
            {
                full = join_path(&full, &field);
            }
            problems.push(Problem::new(full, message));
            None
        }
    }
}

/// Reads every element of the list at `path`, standing in `placeholder(raw)` for bad ones.
fn elements<T: ReadElement>(
    path: &str,
    value: Option<Value>,
    problems: &mut Vec<Problem>,
    placeholder: impl Fn(&Map<String, Value>) -> T,
) -> Vec<T> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            problems.push(Problem::new(path, format!("must be a list, not {}", describe(&other))));
            return Vec::new();
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let raw = item.as_object().cloned().unwrap_or_default();
            T::read(&format!("{path}[{i}]"), item, problems).unwrap_or_else(|| placeholder(&raw))
        })
        .collect()
}

/// How one element of a list is read, recording its first problem.
trait ReadElement: Sized {
    fn read(path: &str, value: Value, problems: &mut Vec<Problem>) -> Option<Self>;
}

impl ReadElement for Speaker {
    fn read(path: &str, value: Value, problems: &mut Vec<Problem>) -> Option<Self> {
        element(path, value, problems)
    }
}

impl ReadElement for Block {
    /// Dispatches on `type` by hand, so that problems inside a block keep their full path
    /// (`body[3].paragraphs[0]`), which serde's tagged enums lose.
    fn read(path: &str, value: Value, problems: &mut Vec<Problem>) -> Option<Self> {
        let Value::Object(mut fields) = value else {
            problems.push(Problem::new(path, format!("a block must be an object with a `type`, not {}", describe(&value))));
            return None;
        };
        let type_name = match fields.remove("type") {
            Some(Value::String(name)) => name,
            Some(other) => {
                problems.push(Problem::new(format!("{path}.type"), format!("must be a string, not {}", describe(&other))));
                return None;
            }
            None => {
                let expected = Block::TYPE_NAMES.map(|t| format!("`{t}`")).join(", ");
                problems.push(Problem::new(path, format!("has no `type`; expected one of {expected}")));
                return None;
            }
        };
        let value = Value::Object(fields);
        match type_name.as_str() {
            "heading" => element::<Heading>(path, value, problems).map(Block::Heading),
            "turn" => element::<Turn>(path, value, problems).map(Block::Turn),
            "note" => element::<Note>(path, value, problems).map(Block::Note),
            "page_break" => element::<PageBreak>(path, value, problems).map(Block::PageBreak),
            other => {
                problems.push(Problem::new(format!("{path}.type"), unknown_name_message("type", other, &Block::TYPE_NAMES)));
                None
            }
        }
    }
}

fn join_path(base: &str, inner: &str) -> String {
    match inner {
        "" | "." => base.to_string(),
        _ if inner.starts_with('[') => format!("{base}{inner}"),
        _ if base.is_empty() => inner.to_string(),
        _ => format!("{base}.{inner}"),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The element-by-element reading, which `load_str` skips for valid JSON.
    fn by_elements(text: &str) -> Result<Transcript, Vec<Problem>> {
        transcript_from_value(serde_json::from_str::<Value>(text).unwrap())
    }

    #[test]
    fn valid_json_reads_the_same_straight_into_the_model_as_element_by_element() {
        for sample in [
            include_str!("../../samples/scio-briefing-2021-07-16.json"),
            include_str!("../../samples/senate-hearing-2024-03-12.json"),
            include_str!("../../samples/podcast-interview-2025-09-04.json"),
            r#"{"metadata":{"title":"T"},"speakers":[{"id":"a","name":"A"}],"body":[{"type":"turn","speaker":"a","paragraphs":["x"]}]}"#,
        ] {
            assert_eq!(load_str(sample, InputFormat::Json).unwrap(), by_elements(sample).unwrap());
        }
    }

    #[test]
    fn json_the_model_refuses_gets_every_problem_from_the_element_by_element_path() {
        for (text, expected) in [
            // Null lists read as empty element by element; the model's own reading refuses them.
            (r#"{"metadata":{"title":"T"},"speakers":null,"body":[{"type":"note","text":"x"}]}"#, None),
            (r#"{"metadata":{"title":"T"},"body":null}"#, Some(1)),
            // A duplicate key: the model's reading refuses it, the element path keeps the last.
            (r#"{"metadata":{"title":"T"},"metadata":{"title":"U"},"body":[{"type":"note","text":"x"}]}"#, None),
            (r#"{"metadata":{"title":"T"},"extra":1,"body":[{"type":"turn","speaker":"nobody","paragraphs":["x"]}]}"#, Some(2)),
        ] {
            match (load_str(text, InputFormat::Json), by_elements(text)) {
                (Ok(direct), Ok(elements)) => assert!(expected.is_none() && direct == elements, "{text}"),
                (Err(LoadError::Invalid(direct)), Err(elements)) => {
                    assert_eq!(Some(direct.len()), expected, "{text}: {direct:?}");
                    assert_eq!(format!("{direct:?}"), format!("{elements:?}"));
                }
                (direct, elements) => panic!("{text}: {direct:?} vs {elements:?}"),
            }
        }
    }
}
