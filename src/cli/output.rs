//! Printing: results to standard output (a closed pipe is not an error), errors to standard
//! error as `error: FILE: place: message`, one problem per line, with the cause chain.

use crate::import::LoadError;
use std::io::Write;
use std::path::Path;

/// Standard output that stops quietly when the reader goes away (`verbatim schema | head`).
pub struct Out {
    closed: bool,
}

impl Out {
    pub fn new() -> Out {
        Out { closed: false }
    }

    pub fn line(&mut self, text: &str) {
        self.text(&format!("{text}\n"));
    }

    /// Writes `text` as it is.
    pub fn text(&mut self, text: &str) {
        if self.closed {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        if stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()).is_err() {
            self.closed = true;
        }
    }
}

/// `error: FILE: message` followed by each cause, one per line.
pub fn error_text(file: &Path, error: &dyn std::error::Error) -> String {
    let mut text = format!("error: {}: {error}", file.display());
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

/// A model-loading error: a syntax error as `FILE:LINE:COLUMN`, and every validation problem
/// on its own line with its path.
pub fn load_error_text(file: &Path, error: &LoadError) -> String {
    match error {
        LoadError::Syntax { line, column, message } => format!("error: {}:{line}:{column}: {message}", file.display()),
        LoadError::Invalid(problems) => problems.iter().map(|p| format!("error: {}: {p}", file.display())).collect::<Vec<_>>().join("\n"),
        other => error_text(file, other),
    }
}

/// Prints [`error_text`].
pub fn report_error(file: &Path, error: &dyn std::error::Error) {
    eprintln!("{}", error_text(file, error));
}

/// Prints [`load_error_text`].
pub fn report_load_error(file: &Path, error: &LoadError) {
    eprintln!("{}", load_error_text(file, error));
}
